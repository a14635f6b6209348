#include "read/volumes/metaimage.hpp"

#include <Eigen/Dense>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "read/tables/number.hpp"
#include "read/volumes/volume_header.hpp"

namespace spherefit {
namespace {

// One "Key = Value" line.
struct MetaLine {
  std::string key;         // as written
  std::string_view value;  // trimmed
  long long offset = 0;    // of the line's first byte
  int number = 0;          // 1-based
  int value_column = 1;    // 1-based, in characters
};

// The header: its lines by canonical key, and where the voxels of a LOCAL file start.
struct MetaHeader {
  std::map<std::string, MetaLine> fields;
  std::uint64_t header_end = 0;  // the byte after ElementDataFile's line
  MetaLine first_line;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Keys in any case, with MetaIO's synonyms folded together.
std::string canonical_key(std::string_view key) {
  const std::string k = lower(key);
  if (k == "position" || k == "origin") return "offset";
  if (k == "rotation" || k == "orientation") return "transformmatrix";
  if (k == "elementbyteordermsb") return "binarydatabyteordermsb";
  return k;
}

int column_of(std::string_view line, std::size_t at) {
  int column = 1;
  for (std::size_t i = 0; i < at && i < line.size(); ++i)
    column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
  return column;
}

std::string shown(std::string_view s) {
  if (s.size() <= 60) return std::string(s);
  std::size_t cut = 57;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

Error line_error(ErrorCode code, const MetaLine& line, const std::string& what) {
  Error e = file_error(code, line.offset, "MetaImage header, line " + std::to_string(line.number) + ": " + what);
  e.line = line.number;
  e.column = line.value_column;
  return e;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_blank(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_blank(s[i])) ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

std::optional<std::int64_t> parse_integer(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return negative ? -v : v;
}

// True/False as MetaIO writes them (also 1/0, yes/no), or nullopt.
std::optional<bool> parse_bool(std::string_view s) {
  const std::string v = lower(s);
  if (v == "true" || v == "1" || v == "yes" || v == "t") return true;
  if (v == "false" || v == "0" || v == "no" || v == "f") return false;
  return std::nullopt;
}

// Keys are words without blanks or control characters; ITK also writes its metadata dictionary's
// keys ("dim[0]", "ITK_original_direction").
bool is_key_char(char c) { return static_cast<unsigned char>(c) > 0x20 && c != 0x7F; }

// A line "Key = Value".
std::optional<std::size_t> equals_of(std::string_view line) {
  const std::size_t eq = line.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  const std::string_view key = trim(line.substr(0, eq));
  if (key.empty()) return std::nullopt;
  for (char c : key)
    if (!is_key_char(c)) return std::nullopt;
  return eq;
}

// The header's lines up to ElementDataFile.
Outcome<MetaHeader> read_lines(std::string_view head) {
  MetaHeader h;
  std::size_t at = 0;
  for (int number = 1;; ++number) {
    if (at >= head.size()) break;
    std::size_t newline = head.find('\n', at);
    const bool last = newline == std::string_view::npos;
    if (last) newline = head.size();
    std::string_view text = head.substr(at, newline - at);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    const long long offset = static_cast<long long>(at);
    at = last ? head.size() : newline + 1;
    if (trim(text).empty()) continue;
    const auto eq = equals_of(text);
    if (!eq) {
      Error e = file_error(ErrorCode::InvalidFile, offset,
                           "MetaImage header, line " + std::to_string(number) + ": \"" + shown(trim(text)) +
                               "\" is not a \"Key = Value\" line, and the header has not reached its last line "
                               "(ElementDataFile = …). The header is damaged.");
      e.line = number;
      e.column = 1;
      return e;
    }
    std::size_t value_at = *eq + 1;
    while (value_at < text.size() && is_blank(text[value_at])) ++value_at;
    MetaLine line{std::string(trim(text.substr(0, *eq))), trim(text.substr(*eq + 1)), offset, number,
                  column_of(text, value_at)};
    if (h.fields.empty()) h.first_line = line;
    const std::string key = canonical_key(line.key);
    const auto [it, fresh] = h.fields.emplace(key, line);
    if (!fresh && it->second.value != line.value) {
      return line_error(ErrorCode::InvalidFile, line,
                        "\"" + line.key + "\" is given a second time, with another value (first on line " +
                            std::to_string(it->second.number) + " as \"" + it->second.key + "\").");
    }
    if (key == "elementdatafile") {
      if (last) {
        // ElementDataFile on the last line without a newline: the data (if LOCAL) would start at
        // the end of head.
        h.header_end = head.size();
      } else {
        h.header_end = at;
      }
      return h;
    }
  }
  const bool whole_file = head.size() < kVolumeHeadBytes;
  return file_error(whole_file ? ErrorCode::TruncatedFile : ErrorCode::InvalidFile, static_cast<long long>(head.size()),
                    whole_file
                        ? "The file ends at byte " + std::to_string(head.size()) +
                              " inside its MetaImage header: the last line, \"ElementDataFile = …\", is missing. "
                              "The file is cut short, or not a MetaImage."
                        : "The MetaImage header does not reach its last line (\"ElementDataFile = …\") within "
                          "the first " +
                              std::to_string(kVolumeHeadBytes >> 20) + " MiB. The file is damaged.");
}

// What read_metaimage_header learns, step by step.
struct MetaRead {
  explicit MetaRead(const MetaHeader& h) : header(h) {}
  const MetaHeader& header;
  VolumeInfo info;
  int ndims = 0;
  std::vector<std::int64_t> dims;

  const MetaLine* field(const char* key) const {
    const auto it = header.fields.find(key);
    return it == header.fields.end() ? nullptr : &it->second;
  }
  Error missing(const char* key) const {
    return file_error(
        ErrorCode::InvalidFile, header.first_line.offset,
        std::string("The MetaImage header has no \"") + key + " = …\" line, which every MetaImage needs.");
  }
  // n numbers from a field, or an error naming it.
  Outcome<std::vector<double>> numbers(const MetaLine& line, std::size_t n, const char* what) const {
    std::vector<double> out;
    for (std::string_view w : split_words(line.value)) {
      const auto v = read_number(w, false);
      if (!v || !std::isfinite(v->value)) {
        return line_error(ErrorCode::InvalidFile, line,
                          "\"" + shown(w) + "\" in " + line.key + " is not a finite number.");
      }
      out.push_back(v->value);
    }
    if (out.size() != n) {
      return line_error(ErrorCode::InvalidFile, line,
                        line.key + " holds " + std::to_string(out.size()) + " numbers; " + what + " needs " +
                            std::to_string(n) + ".");
    }
    return out;
  }
};

// ObjectType, NDims, DimSize, ElementNumberOfChannels: the grid.
std::optional<Error> read_grid(MetaRead& r) {
  if (const MetaLine* f = r.field("objecttype")) {
    if (lower(f->value) != "image") {
      return line_error(ErrorCode::UnsupportedFile, *f,
                        "the object is \"" + shown(f->value) + "\", not an Image: only MetaImage volumes are read.");
    }
  }
  const MetaLine* ndims = r.field("ndims");
  if (!ndims) return r.missing("NDims");
  const auto n = parse_integer(ndims->value);
  if (!n || *n < 1 || *n > 16) {
    return line_error(ErrorCode::InvalidFile, *ndims,
                      "NDims \"" + shown(ndims->value) + "\" should be a whole number from 1 to 16.");
  }
  r.ndims = static_cast<int>(*n);
  const MetaLine* sizes = r.field("dimsize");
  if (!sizes) return r.missing("DimSize");
  for (std::string_view w : split_words(sizes->value)) {
    const auto d = parse_integer(w);
    if (!d || *d < 1) {
      return line_error(ErrorCode::InvalidFile, *sizes,
                        "the size \"" + shown(w) + "\" is not a whole number of at least 1.");
    }
    r.dims.push_back(*d);
  }
  if (r.dims.size() != static_cast<std::size_t>(r.ndims)) {
    return line_error(ErrorCode::InvalidFile, *sizes,
                      std::to_string(r.dims.size()) + " sizes for NDims = " + std::to_string(r.ndims) + ".");
  }
  if (r.ndims == 1) {
    return line_error(
        ErrorCode::UnsupportedFile, *ndims,
        "the file holds a 1D signal of " + std::to_string(r.dims[0]) + " values: there are no slices to contour.");
  }
  if (const MetaLine* f = r.field("elementnumberofchannels")) {
    const auto channels = parse_integer(f->value);
    if (!channels || *channels < 1) {
      return line_error(ErrorCode::InvalidFile, *f, "ElementNumberOfChannels should be a whole number ≥ 1.");
    }
    if (*channels > 1) {
      return line_error(ErrorCode::UnsupportedFile, *f,
                        "each voxel holds " + std::to_string(*channels) +
                            " values (a vector or colour image). Save one component as a scalar volume (3D Slicer: "
                            "Vector to Scalar Volume) and drop that.");
    }
  }
  r.info.file_dims = r.dims;
  r.info.size = {r.dims[0], r.dims[1], r.ndims >= 3 ? r.dims[2] : 1};
  for (int d = 3; d < r.ndims; ++d) {
    if (r.dims[static_cast<std::size_t>(d)] > 1) {
      r.info.warnings.push_back({WarningCode::FirstVolumeOnly, "The file holds " +
                                                                   std::to_string(r.dims[static_cast<std::size_t>(d)]) +
                                                                   " volumes along dimension " + std::to_string(d + 1) +
                                                                   ": only the first is used."});
    }
  }
  return std::nullopt;
}

// ElementType, BinaryData, the byte order: how a voxel is stored.
std::optional<Error> read_element_type(MetaRead& r) {
  const MetaLine* f = r.field("elementtype");
  if (!f) return r.missing("ElementType");
  static const std::pair<const char*, VoxelType> kTypes[] = {
      {"met_uchar", VoxelType::UInt8},    {"met_char", VoxelType::Int8},   {"met_ushort", VoxelType::UInt16},
      {"met_short", VoxelType::Int16},    {"met_uint", VoxelType::UInt32}, {"met_int", VoxelType::Int32},
      {"met_ulong", VoxelType::UInt32},   {"met_long", VoxelType::Int32},  {"met_float", VoxelType::Float32},
      {"met_double", VoxelType::Float64},
  };
  const std::string name = lower(f->value);
  std::optional<VoxelType> type;
  for (const auto& [n, t] : kTypes)
    if (name == n) type = t;
  if (!type) {
    return line_error(ErrorCode::UnsupportedFile, *f,
                      "the voxel type \"" + shown(f->value) +
                          "\" is not supported. Supported: MET_UCHAR, MET_CHAR, MET_USHORT, MET_SHORT, MET_UINT, "
                          "MET_INT, MET_ULONG, MET_LONG, MET_FLOAT, MET_DOUBLE. Convert the volume to one of these "
                          "(3D Slicer: Cast Scalar Volume).");
  }
  r.info.type = *type;
  if (const MetaLine* b = r.field("binarydata")) {
    const auto binary = parse_bool(b->value);
    if (!binary) return line_error(ErrorCode::InvalidFile, *b, "BinaryData should be True or False.");
    if (!*binary) {
      return line_error(ErrorCode::UnsupportedFile, *b,
                        "the voxels are written as text (BinaryData = False). Save the volume again with binary "
                        "data (ITK and 3D Slicer write it so).");
    }
  }
  if (const MetaLine* o = r.field("binarydatabyteordermsb")) {
    const auto msb = parse_bool(o->value);
    if (!msb) return line_error(ErrorCode::InvalidFile, *o, o->key + " should be True or False.");
    r.info.big_endian = *msb;
  }
  const Outcome<std::uint64_t> bytes = voxel_data_bytes(r.info.size, r.info.type);
  if (!bytes.ok()) return bytes.error();
  r.info.data_bytes = bytes.value();
  return std::nullopt;
}

// The orientation code ITK would write for a direction matrix (LPS): for each axis the letter of
// the side it starts from ("RAI" for the identity), or "" when an axis is oblique at 45°.
std::string orientation_code(const Eigen::Matrix3d& d, int axes) {
  static const char kFrom[3][2] = {{'R', 'L'}, {'A', 'P'}, {'I', 'S'}};  // LPS +x goes from R to L, …
  std::string code;
  for (int a = 0; a < axes; ++a) {
    Eigen::Index row = 0;
    d.col(a).cwiseAbs().maxCoeff(&row);
    code += kFrom[row][d(row, a) < 0 ? 1 : 0];
  }
  return code;
}

// ElementSpacing (or ElementSize), Offset, TransformMatrix: voxel → LPS, then RAS.
std::optional<Error> read_geometry(MetaRead& r) {
  const auto n = static_cast<std::size_t>(r.ndims);
  std::vector<double> spacing(n, 1.0), offset(n, 0.0), matrix(n * n, 0.0);
  for (std::size_t a = 0; a < n; ++a) matrix[a * n + a] = 1.0;
  const MetaLine* spacing_line = r.field("elementspacing");
  if (!spacing_line) spacing_line = r.field("elementsize");
  if (spacing_line) {
    const auto v = r.numbers(*spacing_line, n, "one spacing per dimension");
    if (!v.ok()) return v.error();
    spacing = v.value();
    for (std::size_t a = 0; a < n; ++a) {
      if (spacing[a] == 0.0)
        return line_error(ErrorCode::InvalidFile, *spacing_line, "the spacing of axis " + std::to_string(a) + " is 0.");
    }
  }
  const MetaLine* offset_line = r.field("offset");
  if (offset_line) {
    const auto v = r.numbers(*offset_line, n, "one coordinate per dimension");
    if (!v.ok()) return v.error();
    offset = v.value();
  }
  const MetaLine* matrix_line = r.field("transformmatrix");
  if (matrix_line) {
    const auto v = r.numbers(*matrix_line, n * n, "NDims × NDims numbers");
    if (!v.ok()) return v.error();
    matrix = v.value();
  }
  // D(:, a) = the a-th group of n numbers; the spatial part is the first 3 (2 for an image).
  const int spatial = std::min(r.ndims, 3);
  Eigen::Matrix4d lps = Eigen::Matrix4d::Identity();
  for (int a = 0; a < spatial; ++a) {
    for (int row = 0; row < spatial; ++row)
      lps(row, a) = matrix[static_cast<std::size_t>(a) * n + static_cast<std::size_t>(row)] *
                    spacing[static_cast<std::size_t>(a)];
    lps(a, 3) = offset[static_cast<std::size_t>(a)];
  }
  if (spatial == 2) {
    // One slice: k gets a unit direction normal to it, so the matrix stays invertible.
    const Eigen::Vector3d k = lps.block<3, 1>(0, 0).cross(lps.block<3, 1>(0, 1));
    if (k.norm() > 0) lps.block<3, 1>(0, 2) = k.normalized();
  }
  Eigen::Matrix4d ras = lps;
  ras.row(0) *= -1;
  ras.row(1) *= -1;
  if (!affine_usable(ras)) {
    const MetaLine& line = matrix_line    ? *matrix_line
                           : spacing_line ? *spacing_line
                           : offset_line  ? *offset_line
                                          : r.header.first_line;
    return line_error(ErrorCode::InvalidFile, line,
                      "the voxel axes are zero, parallel or beyond 10⁹ mm: the voxels cannot be placed in space.");
  }
  r.info.affine = ras;
  r.info.affine_source = matrix_line ? AffineSource::TransformMatrix : AffineSource::Spacings;
  r.info.space = "left-posterior-superior";
  if (!matrix_line) {
    r.info.warnings.push_back({WarningCode::VolumeGeometry,
                               "The header has no TransformMatrix: i, j, k are taken to run along the scanner's "
                               "x, y, z (LPS), as ITK reads it."});
  }
  if (const MetaLine* o = r.field("anatomicalorientation")) {
    Eigen::Matrix3d d = Eigen::Matrix3d::Identity();
    for (int a = 0; a < spatial; ++a)
      for (int row = 0; row < spatial; ++row)
        d(row, a) = matrix[static_cast<std::size_t>(a) * n + static_cast<std::size_t>(row)];
    std::string said(o->value);
    for (char& c : said) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string from_matrix = orientation_code(d, spatial);
    if (said.find('?') == std::string::npos && said.size() >= static_cast<std::size_t>(spatial) &&
        said.substr(0, static_cast<std::size_t>(spatial)) != from_matrix) {
      r.info.warnings.push_back(
          {WarningCode::VolumeGeometry, "AnatomicalOrientation says " + shown(o->value) + " but the " +
                                            (matrix_line ? "TransformMatrix" : "identity matrix (no TransformMatrix)") +
                                            " orients the axes " + from_matrix +
                                            ": the matrix is used, as ITK does. Check the volume's orientation."});
    }
  }
  return std::nullopt;
}

// ElementDataFile, HeaderSize, CompressedData, CompressedDataSize: where the voxels are.
std::optional<Error> read_data_location(MetaRead& r, std::int64_t stream_size) {
  VolumeInfo& info = r.info;
  const MetaLine& file = r.header.fields.at("elementdatafile");
  const std::vector<std::string_view> words = split_words(file.value);
  const std::string first = words.empty() ? std::string() : lower(words[0]);
  const bool local = first == "local";
  if (words.empty()) return line_error(ErrorCode::InvalidFile, file, "ElementDataFile names no file.");
  if (first == "list" || (file.value.find('%') != std::string_view::npos && words.size() >= 2)) {
    return line_error(
        ErrorCode::UnsupportedFile, file,
        "the voxels are spread over " +
            std::string(first == "list" ? "a list of files" : "numbered files (\"" + shown(file.value) + "\")") +
            ", one per slice. Save the volume as a single .mha file (3D Slicer or ITK-SNAP) and drop that.");
  }
  if (!local) info.data_file = std::string(file.value);

  bool compressed = false;
  if (const MetaLine* c = r.field("compresseddata")) {
    const auto v = parse_bool(c->value);
    if (!v) return line_error(ErrorCode::InvalidFile, *c, "CompressedData should be True or False.");
    compressed = *v;
  }
  if (compressed) info.set_compression(DataCompression::Zlib);
  std::optional<std::uint64_t> compressed_size;
  if (const MetaLine* c = r.field("compresseddatasize"); c && compressed) {
    const auto v = parse_integer(c->value);
    if (!v || *v < 0) return line_error(ErrorCode::InvalidFile, *c, "CompressedDataSize should be a whole number ≥ 0.");
    if (*v > 0) compressed_size = static_cast<std::uint64_t>(*v);
  }

  std::int64_t header_size = 0;
  const MetaLine* header_size_line = r.field("headersize");
  if (header_size_line) {
    const auto v = parse_integer(header_size_line->value);
    if (!v || *v < -1)
      return line_error(ErrorCode::InvalidFile, *header_size_line, "HeaderSize should be −1 or a whole number ≥ 0.");
    header_size = *v;
  }
  // MetaIO seeks HeaderSize bytes from the data file's start (this file's, for LOCAL); −1: the
  // voxels (all of them, for a 4D file) end the file.
  std::uint64_t all = info.data_bytes;
  for (int d = 3; d < r.ndims; ++d) {
    const auto n = static_cast<std::uint64_t>(r.dims[static_cast<std::size_t>(d)]);
    all = all > (std::uint64_t{1} << 62) / n ? std::uint64_t{1} << 62 : all * n;
  }
  if (header_size == -1) {
    if (compressed) {
      return line_error(ErrorCode::InvalidFile, *header_size_line,
                        "HeaderSize = -1 (the voxels end the file) cannot place compressed voxels.");
    }
    if (!local) {
      info.data_at_end = true;
      info.data_tail_bytes = all;
      info.data_offset = 0;
      return std::nullopt;
    }
    if (stream_size < 0) {
      return line_error(ErrorCode::UnsupportedFile, *header_size_line,
                        "HeaderSize = -1 puts the voxels at the end of the file, whose size is not known here.");
    }
    const auto size = static_cast<std::uint64_t>(stream_size);
    const std::uint64_t after = size - std::min<std::uint64_t>(r.header.header_end, size);
    if (all > after) {
      return file_error(ErrorCode::TruncatedFile, stream_size,
                        "The header promises " + std::to_string(all) +
                            " bytes of voxels at the end of the file, but only " + std::to_string(after) +
                            " follow the header. The file is cut short.");
    }
    info.data_offset = size - all;
    return std::nullopt;
  }
  info.data_offset = header_size > 0 ? static_cast<std::uint64_t>(header_size) : local ? r.header.header_end : 0;
  if (local && compressed && compressed_size && stream_size >= 0 &&
      info.data_offset + *compressed_size > static_cast<std::uint64_t>(stream_size)) {
    return file_error(ErrorCode::TruncatedFile, stream_size,
                      "The header promises " + std::to_string(*compressed_size) +
                          " bytes of compressed voxels from byte " + std::to_string(info.data_offset) +
                          ", but the file ends at byte " + std::to_string(stream_size) +
                          ". The file is cut short: download or export it again.");
  }
  return std::nullopt;
}

}  // namespace

bool looks_like_metaimage(std::string_view head) {
  std::size_t at = 0;
  while (at < head.size() && (is_blank(head[at]) || head[at] == '\n')) ++at;
  const std::size_t end = head.find('\n', at);
  const std::string_view line = head.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
  const auto eq = equals_of(line);
  if (!eq) return false;
  static const char* const kKeys[] = {"objecttype",  "ndims", "objectsubtype", "comment", "transformtype", "dimsize",
                                      "elementtype", "id",    "parentid",      "name"};
  const std::string key = lower(trim(line.substr(0, *eq)));
  for (const char* k : kKeys)
    if (key == k)
      return head.find("ElementDataFile") != std::string_view::npos || key == "objecttype" || key == "ndims";
  return false;
}

Outcome<VolumeInfo> read_metaimage_header(std::string_view head, std::int64_t stream_size) {
  const Outcome<MetaHeader> lines = read_lines(head);
  if (!lines.ok()) return lines.error();
  MetaRead r(lines.value());
  r.info.format = VolumeFormat::MetaImage;
  if (auto e = read_grid(r)) return *e;
  if (auto e = read_element_type(r)) return *e;
  if (auto e = read_geometry(r)) return *e;
  if (auto e = read_data_location(r, stream_size)) return *e;
  return std::move(r.info);
}

}  // namespace spherefit
