// Which of the formats the bytes are, and the reader for it. The bytes decide: a first line
// "ply"; a binary STL's size (84 + 50·n for the n in its header: 32 bits that agree by chance
// about once in four billion); text beginning "solid" that reaches "facet" or "endsolid" (a
// binary STL's free header may begin "solid" too, but its binary triangles follow); OBJ
// statements up to a 'v' line; PCD's VERSION or FIELDS line; LAS's "LASF". The extension decides
// only when the bytes do not.
#include "read/meshes/point_file.hpp"

#include <cstdint>
#include <string>

#include "read/meshes/bytes.hpp"
#include "read/file_error.hpp"
#include "read/tables/number.hpp"
#include "read/meshes/las.hpp"
#include "read/meshes/obj.hpp"
#include "read/meshes/pcd.hpp"
#include "read/meshes/ply.hpp"
#include "read/meshes/stl.hpp"
#include "read/meshes/text_scan.hpp"
#include "read/sniff.hpp"

namespace spherefit {
namespace {

enum class Kind { None, Ply, StlBinary, StlAscii, Obj, Pcd, Las };

// How far the detectors look for text: a title line, comments and the first statements fit.
constexpr std::size_t kSniffBytes = 64 * 1024;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Bytes no text file holds: control characters other than white space.
bool is_binary_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && !is_space(c)) || u == 0x7F;
}

bool has_binary_bytes(std::string_view bytes) {
  const std::string_view start = bytes.substr(0, 1024);
  for (char c : start)
    if (is_binary_byte(c)) return true;
  return false;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view lower) {
  if (text.size() < lower.size()) return false;
  for (std::size_t i = 0; i < lower.size(); ++i)
    if ((text[i] | 0x20) != lower[i]) return false;
  return true;
}

std::string_view after_bom_and_space(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  while (!bytes.empty() && is_space(bytes.front())) bytes.remove_prefix(1);
  return bytes;
}

// The extension of the file name, lower case ("stl"), or empty.
std::string extension_of(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || name.find_first_of("/\\", dot) != std::string_view::npos) return {};
  std::string ext;
  for (char c : name.substr(dot + 1)) ext += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  return ext;
}

Kind kind_of_extension(const std::string& ext) {
  if (ext == "ply") return Kind::Ply;
  if (ext == "stl") return Kind::StlBinary;  // or ASCII: the bytes tell
  if (ext == "obj") return Kind::Obj;
  if (ext == "pcd") return Kind::Pcd;
  if (ext == "las" || ext == "laz") return Kind::Las;
  return Kind::None;
}

bool is_ply(std::string_view bytes) { return bytes.substr(0, 3) == "ply" && (bytes.size() == 3 || is_space(bytes[3])); }

bool is_binary_stl(std::string_view bytes) {
  if (bytes.size() < 84) return false;
  const std::uint64_t count = load<std::uint32_t>(reinterpret_cast<const unsigned char*>(bytes.data()) + 80, false);
  return 84 + 50 * count == bytes.size();
}

bool begins_with_solid(std::string_view bytes) {
  const std::string_view text = after_bom_and_space(bytes);
  return starts_with_ignoring_case(text, "solid") && (text.size() == 5 || is_space(text[5]));
}

bool is_ascii_stl(std::string_view bytes) {
  if (!begins_with_solid(bytes)) return false;
  const std::string_view text = after_bom_and_space(bytes).substr(0, kSniffBytes);
  for (std::size_t i = 5; i < text.size(); ++i) {
    if (is_binary_byte(text[i])) return false;
    if (!is_space(text[i - 1])) continue;
    for (std::string_view keyword : {std::string_view("facet"), std::string_view("endsolid")}) {
      const std::size_t end = i + keyword.size();
      if (starts_with_ignoring_case(text.substr(i), keyword) && (end == text.size() || is_space(text[end])))
        return true;
    }
  }
  return false;
}

// OBJ statements other than 'v' that may come before the first vertex.
bool is_obj_keyword(std::string_view word) {
  static constexpr const char* kKeywords[] = {
      "vt",         "vn",        "vp",     "f",     "l",      "p",      "g",     "o",        "s",        "mg",
      "usemtl",     "mtllib",    "cstype", "deg",   "bmat",   "step",   "curv",  "curv2",    "surf",     "parm",
      "trim",       "hole",      "scrv",   "sp",    "end",    "con",    "bevel", "c_interp", "d_interp", "lod",
      "shadow_obj", "trace_obj", "ctech",  "stech", "maplib", "usemap", "call",  "csh"};
  for (const char* k : kKeywords)
    if (word == k) return true;
  return false;
}

// Comments, blank lines and OBJ statements, up to a 'v' line with three numbers.
bool is_obj(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  TextScan scan(bytes);
  while (!scan.at_end()) {
    const Word keyword = scan.word_on_line();
    if (keyword.text == "v") {
      for (int a = 0; a < 3; ++a)
        if (!read_number(scan.word_on_line().text, false)) return false;
      return true;
    }
    if (!keyword.text.empty() && keyword.text.front() != '#' && !is_obj_keyword(keyword.text)) return false;
    scan.next_line();
  }
  return false;
}

Kind kind_of_bytes(std::string_view bytes) {
  if (is_ply(bytes)) return Kind::Ply;
  if (looks_like_las(bytes)) return Kind::Las;
  if (is_binary_stl(bytes)) return Kind::StlBinary;
  if (is_ascii_stl(bytes)) return Kind::StlAscii;
  if (is_obj(bytes)) return Kind::Obj;
  if (looks_like_pcd(bytes)) return Kind::Pcd;
  return Kind::None;
}

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::Ply:
      return "a PLY file";
    case Kind::StlBinary:
      return "a binary STL file";
    case Kind::StlAscii:
      return "an ASCII STL file";
    case Kind::Obj:
      return "an OBJ file";
    case Kind::Pcd:
      return "a PCD file";
    case Kind::Las:
      return "a LAS file";
    case Kind::None:
      break;
  }
  return "no known format";
}

}  // namespace

bool looks_like_point_file(std::string_view bytes, std::string_view file_name) {
  if (kind_of_bytes(bytes) != Kind::None) return true;
  return kind_of_extension(extension_of(file_name)) != Kind::None && has_binary_bytes(bytes);
}

Outcome<PointFile> read_point_file(std::string_view bytes, std::string_view file_name) {
  if (bytes.empty()) return file_error(ErrorCode::EmptyInput, "The file is empty.");
  const std::string ext = extension_of(file_name);
  const Kind named = kind_of_extension(ext);
  Kind kind = kind_of_bytes(bytes);
  if (kind == Kind::None) {
    kind = named;
    if (kind == Kind::StlBinary && begins_with_solid(bytes) && !has_binary_bytes(bytes)) kind = Kind::StlAscii;
  }
  const std::string looks = describe_file(bytes);
  Outcome<PointFile> read = file_error(
      ErrorCode::UnknownFormat, (looks.empty() ? std::string("The file") : "The file looks like " + looks + ": it") +
                                    " is not a PLY, STL, OBJ, PCD or LAS file: it does not begin with 'ply', 'solid', "
                                    "a PCD header or 'LASF', its size is not that of a binary STL (84 + 50 bytes per "
                                    "triangle), and it has no OBJ vertex line ('v x y z').");
  switch (kind) {
    case Kind::Ply:
      read = read_ply(bytes);
      break;
    case Kind::StlBinary:
      read = read_stl_binary(bytes);
      break;
    case Kind::StlAscii:
      read = read_stl_ascii(bytes);
      break;
    case Kind::Obj:
      read = read_obj(bytes);
      break;
    case Kind::Pcd:
      read = read_pcd(bytes);
      break;
    case Kind::Las:
      read = read_las(bytes);
      break;
    case Kind::None:
      break;
  }
  const bool stl = kind == Kind::StlBinary || kind == Kind::StlAscii;
  const bool agrees = named == kind || (named == Kind::StlBinary && stl) || (named == Kind::Las && ext == "laz");
  if (read.ok() && named != Kind::None && !agrees) {
    read.value().warnings.push_back({WarningCode::ExtensionMismatch, "The file is named ." + ext + " but holds " +
                                                                         kind_name(kind) + "; it was read as such."});
  }
  return read;
}

}  // namespace spherefit
