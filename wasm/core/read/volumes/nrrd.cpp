#include "read/volumes/nrrd.hpp"

#include <algorithm>
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

constexpr std::int64_t kMaxDimension = 16;  // NRRD_DIM_MAX in teem

struct HeaderLine {
  std::string_view text;
  long long offset = 0;  // of the line's first byte in the file
  int number = 0;        // 1-based
};

struct Field {
  std::string description;
  HeaderLine line;
};

// The 1-based column (in characters) where a field's value starts, or 1 for a line without one.
int value_column(const HeaderLine& line) {
  const std::size_t colon = line.text.find(':');
  if (colon == std::string_view::npos) return 1;
  std::size_t at = colon + 1;
  if (at < line.text.size() && line.text[at] == '=') ++at;
  while (at < line.text.size() && (line.text[at] == ' ' || line.text[at] == '\t')) ++at;
  int column = 1;
  for (std::size_t i = 0; i < at; ++i) column += (static_cast<unsigned char>(line.text[i]) & 0xC0) != 0x80;
  return column;
}

// An error on a header line: its byte offset, its 1-based line and the column of its value.
Error line_error(ErrorCode code, const HeaderLine& line, const std::string& what) {
  Error e = file_error(code, line.offset, "NRRD header, line " + std::to_string(line.number) + ": " + what);
  e.line = line.number;
  e.column = value_column(line);
  return e;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A field's text as a message quotes it: at most 60 characters.
std::string shown(std::string_view s) {
  if (s.size() <= 60) return std::string(s);
  std::size_t cut = 57;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return std::string(s.substr(0, cut)) + "…";
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Field identifiers as teem spells them, with its alternative spellings folded in.
std::string canonical_field(std::string_view ident) {
  std::string s = lower(trim(ident));
  if (s == "datafile") return "data file";
  if (s == "lineskip") return "line skip";
  if (s == "byteskip") return "byte skip";
  if (s == "centers") return "centerings";
  return s;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    const std::size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

std::optional<std::int64_t> parse_integer(std::string_view s) {
  s = trim(s);
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

std::optional<double> parse_real(std::string_view s) {
  const auto n = read_number(trim(s), false);
  if (!n) return std::nullopt;
  return n->value;
}

// "(1.5,0,0)" → its components; nullopt if malformed.
std::optional<std::vector<double>> parse_vector(std::string_view s) {
  s = trim(s);
  if (s.size() < 2 || s.front() != '(' || s.back() != ')') return std::nullopt;
  s = s.substr(1, s.size() - 2);
  std::vector<double> v;
  while (true) {
    const std::size_t comma = s.find(',');
    const auto x = parse_real(s.substr(0, comma));
    if (!x) return std::nullopt;
    v.push_back(*x);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return v;
}

// Space directions: one "(…)" or "none" per axis. Vectors may contain spaces, so split on ')'.
std::optional<std::vector<std::optional<std::vector<double>>>> parse_directions(std::string_view s) {
  std::vector<std::optional<std::vector<double>>> out;
  s = trim(s);
  while (!s.empty()) {
    if (s.substr(0, 4) == "none") {
      out.emplace_back(std::nullopt);
      s = trim(s.substr(4));
      continue;
    }
    const std::size_t close = s.find(')');
    if (close == std::string_view::npos) return std::nullopt;
    const auto v = parse_vector(s.substr(0, close + 1));
    if (!v) return std::nullopt;
    out.emplace_back(*v);
    s = trim(s.substr(close + 1));
  }
  return out;
}

// NRRD's key/value escapes: "\n" stands for a newline and "\\" for a backslash.
std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'n' || s[i + 1] == '\\')) {
      out += s[i + 1] == 'n' ? '\n' : '\\';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// teem's names of the types (airEnum nrrdType), folded to lower case.
std::optional<VoxelType> nrrd_type(const std::string& t) {
  static const std::pair<const char*, VoxelType> kNames[] = {
      {"signed char", VoxelType::Int8},
      {"int8", VoxelType::Int8},
      {"int8_t", VoxelType::Int8},
      {"uchar", VoxelType::UInt8},
      {"unsigned char", VoxelType::UInt8},
      {"uint8", VoxelType::UInt8},
      {"uint8_t", VoxelType::UInt8},
      {"short", VoxelType::Int16},
      {"short int", VoxelType::Int16},
      {"signed short", VoxelType::Int16},
      {"signed short int", VoxelType::Int16},
      {"int16", VoxelType::Int16},
      {"int16_t", VoxelType::Int16},
      {"ushort", VoxelType::UInt16},
      {"unsigned short", VoxelType::UInt16},
      {"unsigned short int", VoxelType::UInt16},
      {"uint16", VoxelType::UInt16},
      {"uint16_t", VoxelType::UInt16},
      {"int", VoxelType::Int32},
      {"signed int", VoxelType::Int32},
      {"int32", VoxelType::Int32},
      {"int32_t", VoxelType::Int32},
      {"uint", VoxelType::UInt32},
      {"unsigned int", VoxelType::UInt32},
      {"uint32", VoxelType::UInt32},
      {"uint32_t", VoxelType::UInt32},
      {"float", VoxelType::Float32},
      {"double", VoxelType::Float64},
  };
  for (const auto& [name, type] : kNames)
    if (t == name) return type;
  return std::nullopt;
}

bool is_spatial_kind(const std::string& kind) {
  return kind == "domain" || kind == "space" || kind == "???" || kind == "none";
}

// Millimetres per unit of a "space units" entry; nullopt when unknown.
std::optional<double> millimetres_per(std::string unit) {
  unit.erase(std::remove(unit.begin(), unit.end(), '"'), unit.end());
  unit = lower(unit);
  if (unit == "mm" || unit == "millimeter" || unit == "millimetre" || unit.empty()) return 1.0;
  if (unit == "m" || unit == "meter" || unit == "metre") return 1000.0;
  if (unit == "cm") return 10.0;
  if (unit == "um" || unit == "\xC2\xB5m" || unit == "micron" || unit == "micrometer") return 0.001;
  return std::nullopt;
}

// Segments of a .seg.nrrd, by the N of SegmentN_*.
void read_segment_key(const std::string& key, const std::string& value, std::map<int, Segment>& segments) {
  if (key.compare(0, 7, "Segment") != 0) return;
  std::size_t i = 7;
  int n = 0;
  while (i < key.size() && std::isdigit(static_cast<unsigned char>(key[i])) && n < 100000)
    n = n * 10 + (key[i++] - '0');
  if (i == 7 || i >= key.size() || key[i] != '_') return;
  const std::string attribute = key.substr(i + 1);
  auto [it, fresh] = segments.try_emplace(n);
  Segment& s = it->second;
  if (fresh) {
    s.index = n;
    s.layer = n;  // Slicer < 4.11: one segment per layer
    s.label_value = 1;
  }
  if (attribute == "ID") s.id = value;
  if (attribute == "Name") s.name = value;
  if (attribute == "LabelValue") {
    if (const auto v = parse_integer(value)) s.label_value = *v;
  }
  if (attribute == "Layer") {
    if (const auto v = parse_integer(value); v && *v >= 0 && *v < 100000) s.layer = static_cast<int>(*v);
  }
}

std::string describe_layers(const std::vector<Segment>& segments) {
  std::map<int, std::vector<std::string>> layers;
  for (const Segment& s : segments) layers[s.layer].push_back(s.name.empty() ? s.id : s.name);
  std::string out;
  for (const auto& [layer, names] : layers) {
    if (!out.empty()) out += "; ";
    out += "layer " + std::to_string(layer) + ": ";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  }
  return out;
}

}  // namespace

// The header's lines, read: its fields (by canonical name), the key/value pairs that matter here
// (Slicer's segments and reference offset), the magic line and where the header ends.
struct NrrdHeader {
  std::map<std::string, Field> fields;
  std::map<int, Segment> segments;
  std::optional<HeaderLine> reference_offset_line;
  std::string reference_offset_value;
  std::uint64_t header_end = 0;
  HeaderLine magic_line;
};

// Fails on a bad magic, a line that is no field, key or comment, a field given twice, and a header
// that does not end within `head` (a detached header may end with the file).
Outcome<NrrdHeader> read_header_lines(std::string_view head) {
  const bool whole_file = head.size() < kVolumeHeadBytes;
  NrrdHeader h;
  auto& fields = h.fields;
  auto& segments = h.segments;
  auto& reference_offset_line = h.reference_offset_line;
  auto& reference_offset_value = h.reference_offset_value;
  auto& magic_line = h.magic_line;
  std::optional<std::uint64_t> header_end;

  std::size_t at = 0;
  for (int number = 1;; ++number) {
    const std::size_t newline = head.find('\n', at);
    if (newline == std::string_view::npos) break;
    HeaderLine line{head.substr(at, newline - at), static_cast<long long>(at), number};
    if (!line.text.empty() && line.text.back() == '\r') line.text.remove_suffix(1);
    at = newline + 1;
    if (number == 1) {
      magic_line = line;
      const std::string_view m = line.text;
      if (m.size() != 8 || m.substr(0, 7) != "NRRD000" || m[7] < '1' || m[7] > '9') {
        return line_error(ErrorCode::InvalidFile, line,
                          "the first line should be the magic \"NRRD0001\" … \"NRRD0005\". The file is damaged "
                          "or not NRRD.");
      }
      continue;
    }
    if (line.text.empty()) {
      header_end = at;
      break;
    }
    if (line.text[0] == '#') continue;
    const std::size_t colon = line.text.find(':');
    if (colon == std::string_view::npos) {
      return line_error(ErrorCode::InvalidFile, line,
                        "\"" + shown(line.text) +
                            "\" is neither a field (\"name: value\"), a key (\"key:=value\") nor a comment. "
                            "A NRRD header ends with an empty line; is one missing?");
    }
    if (colon + 1 < line.text.size() && line.text[colon + 1] == '=') {
      const std::string key(line.text.substr(0, colon));
      const std::string value = unescape(line.text.substr(colon + 2));
      read_segment_key(key, value, segments);
      if (key == "Segmentation_ReferenceImageExtentOffset") {
        reference_offset_line = line;
        reference_offset_value = value;
      }
      continue;
    }
    const std::string ident = canonical_field(line.text.substr(0, colon));
    if (!fields.emplace(ident, Field{std::string(trim(line.text.substr(colon + 1))), line}).second) {
      return line_error(ErrorCode::InvalidFile, line,
                        "the field \"" + ident + "\" is given a second time (first on line " +
                            std::to_string(fields[ident].line.number) + ").");
    }
  }
  // A detached header (.nhdr) may end with the file instead of an empty line.
  if (fields.count("data file") && !header_end && whole_file) header_end = head.size();
  if (!header_end) {
    if (!whole_file) {
      return file_error(ErrorCode::InvalidFile, static_cast<long long>(head.size()),
                        "The NRRD header does not end (with an empty line) within the first " +
                            std::to_string(kVolumeHeadBytes >> 20) + " MiB. The file is damaged.");
    }
    return file_error(ErrorCode::TruncatedFile, static_cast<long long>(head.size()),
                      "The file ends at byte " + std::to_string(head.size()) +
                          " inside its NRRD header (no empty line ends it). The file is cut short: "
                          "download or export it again.");
  }
  h.header_end = *header_end;
  return h;
}

const Field* find_field(const std::map<std::string, Field>& fields, const char* name) {
  const auto it = fields.find(name);
  return it == fields.end() ? nullptr : &it->second;
}

namespace {

enum class Space { Ras, Las, Lps, AsIs };

// What read_nrrd_header learns, one step after another: each step below reads one group of
// fields into it (type and sizes; encoding and byte order; the space; the axes; the grid; the
// affine; where the data are).
struct NrrdRead {
  explicit NrrdRead(const NrrdHeader& h) : header(h) {}
  const NrrdHeader& header;
  VolumeInfo info;
  const Field* type_field = nullptr;
  const Field* sizes_field = nullptr;
  std::vector<std::int64_t> sizes;  // every axis, as written
  std::size_t dims = 0;
  Space space = Space::AsIs;
  int space_dimension = 0;
  const Field* directions_field = nullptr;
  std::vector<std::optional<std::vector<double>>> directions;
  std::vector<std::string> kinds;
  std::vector<bool> spatial;
  std::vector<std::size_t> spatial_axes;
  std::vector<Segment> segments;

  const Field* field(const char* name) const { return find_field(header.fields, name); }
  Error missing(const char* name) const {
    return file_error(ErrorCode::InvalidFile, header.magic_line.offset,
                      std::string("The NRRD header has no \"") + name + ":\" field, which every NRRD file needs.");
  }
};

// type, dimension, sizes.
std::optional<Error> read_type_and_sizes(NrrdRead& r) {
  r.type_field = r.field("type");
  if (!r.type_field) return r.missing("type");
  const auto type = nrrd_type(lower(r.type_field->description));
  if (!type) {
    return line_error(ErrorCode::UnsupportedFile, r.type_field->line,
                      "the voxel type \"" + shown(r.type_field->description) +
                          "\" is not supported. Supported: uint8, int8, uint16, int16, uint32, int32, float, "
                          "double. Convert the volume to one of these (3D Slicer: Cast Scalar Volume).");
  }
  r.info.type = *type;

  const Field* dimension_field = r.field("dimension");
  if (!dimension_field) return r.missing("dimension");
  const auto dimension = parse_integer(dimension_field->description);
  if (!dimension || *dimension < 1 || *dimension > kMaxDimension) {
    return line_error(
        ErrorCode::InvalidFile, dimension_field->line,
        "dimension \"" + shown(dimension_field->description) + "\" should be a whole number from 1 to 16.");
  }
  r.dims = static_cast<std::size_t>(*dimension);
  r.sizes_field = r.field("sizes");
  if (!r.sizes_field) return r.missing("sizes");
  for (std::string_view w : split_words(r.sizes_field->description)) {
    const auto n = parse_integer(w);
    if (!n || *n < 1) {
      return line_error(ErrorCode::InvalidFile, r.sizes_field->line,
                        "the size \"" + std::string(w) + "\" is not a whole number of at least 1.");
    }
    r.sizes.push_back(*n);
  }
  if (r.sizes.size() != r.dims) {
    return line_error(ErrorCode::InvalidFile, r.sizes_field->line,
                      std::to_string(r.sizes.size()) + " sizes for " + std::to_string(r.dims) + " dimensions.");
  }
  r.info.file_dims = r.sizes;
  return std::nullopt;
}

// encoding, endian.
std::optional<Error> read_encoding(NrrdRead& r) {
  const Field* encoding_field = r.field("encoding");
  if (!encoding_field) return r.missing("encoding");
  const std::string encoding = lower(encoding_field->description);
  if (encoding == "gzip" || encoding == "gz") {
    r.info.set_compression(DataCompression::Gzip);
  } else if (encoding != "raw") {
    const bool text = encoding == "txt" || encoding == "text" || encoding == "ascii";
    return line_error(ErrorCode::UnsupportedFile, encoding_field->line,
                      "the voxels are stored with encoding \"" + shown(encoding_field->description) + "\"" +
                          (text ? " (as text, several times larger than binary)" : "") +
                          ". Supported: raw and gzip. Save the volume again as .nrrd with compression "
                          "on or off (3D Slicer does either).");
  }
  if (voxel_bytes(r.info.type) == 1) return std::nullopt;
  const Field* endian_field = r.field("endian");
  if (!endian_field) {
    return line_error(ErrorCode::InvalidFile, r.type_field->line,
                      "voxels of type \"" + shown(r.type_field->description) +
                          "\" take several bytes, but the header has no \"endian:\" field saying their order.");
  }
  const std::string endian = lower(endian_field->description);
  if (endian != "little" && endian != "big") {
    return line_error(ErrorCode::InvalidFile, endian_field->line,
                      "endian \"" + shown(endian_field->description) + "\" should be \"little\" or \"big\".");
  }
  r.info.big_endian = endian == "big";
  return std::nullopt;
}

// space, space dimension.
std::optional<Error> read_space(NrrdRead& r) {
  if (const Field* f = r.field("space")) {
    const std::string s = lower(f->description);
    r.info.space = f->description;
    if (s == "right-anterior-superior" || s == "ras") {
      r.space = Space::Ras;
    } else if (s == "left-anterior-superior" || s == "las") {
      r.space = Space::Las;
    } else if (s == "left-posterior-superior" || s == "lps") {
      r.space = Space::Lps;
    } else if (s == "scanner-xyz" || s == "3d-right-handed" || s == "3d-left-handed") {
      r.info.warnings.push_back(
          {WarningCode::VolumeGeometry, "The file's space is \"" + shown(f->description) +
                                            "\", which does not say where the patient's right, anterior and superior "
                                            "are: its x, y, z are used as they are."});
    } else {
      const bool time = s.find("time") != std::string::npos;
      return line_error(ErrorCode::UnsupportedFile, f->line,
                        "the space \"" + shown(f->description) + "\" is not supported" +
                            (time ? " (a space with time is 4D)" : "") +
                            ". Supported: right-anterior-superior, left-posterior-superior, "
                            "left-anterior-superior, scanner-xyz, 3D-right-handed, 3D-left-handed.");
    }
    r.space_dimension = 3;
  } else if (const Field* f = r.field("space dimension")) {
    const auto n = parse_integer(f->description);
    if (!n || *n != 3) {
      return line_error(ErrorCode::UnsupportedFile, f->line,
                        "space dimension \"" + shown(f->description) + "\": only 3D spaces are supported.");
    }
    r.space_dimension = 3;
    r.info.space = "3D space";
    r.info.warnings.push_back({WarningCode::VolumeGeometry,
                               "The file gives a space dimension but no named space: its x, y, z are used as "
                               "they are (not known to be right, anterior, superior)."});
  }
  return std::nullopt;
}

// kinds, space directions: which axes are spatial. Those with a space direction; else those whose
// kind is spatial; else the first three.
std::optional<Error> read_axes(NrrdRead& r) {
  const std::size_t dims = r.dims;
  r.spatial.assign(dims, true);
  if (const Field* f = r.field("kinds")) {
    for (std::string_view w : split_words(f->description)) r.kinds.push_back(lower(w));
    if (r.kinds.size() != dims) {
      return line_error(ErrorCode::InvalidFile, f->line,
                        std::to_string(r.kinds.size()) + " kinds for " + std::to_string(dims) + " dimensions.");
    }
  }
  r.directions_field = r.field("space directions");
  if (const Field* f = r.directions_field) {
    if (r.space_dimension == 0) {
      return line_error(ErrorCode::InvalidFile, f->line,
                        "space directions are given without a \"space:\" or \"space dimension:\" field.");
    }
    const auto parsed = parse_directions(f->description);
    if (!parsed) {
      return line_error(ErrorCode::InvalidFile, f->line,
                        "space directions should be one \"(x,y,z)\" or \"none\" per axis.");
    }
    r.directions = *parsed;
    if (r.directions.size() != dims) {
      return line_error(
          ErrorCode::InvalidFile, f->line,
          std::to_string(r.directions.size()) + " space directions for " + std::to_string(dims) + " dimensions.");
    }
    for (std::size_t a = 0; a < dims; ++a) {
      if (!r.directions[a]) {
        r.spatial[a] = false;
        continue;
      }
      const std::vector<double>& v = *r.directions[a];
      if (v.size() != 3 || !std::isfinite(v[0]) || !std::isfinite(v[1]) || !std::isfinite(v[2])) {
        return line_error(ErrorCode::InvalidFile, f->line,
                          "the space direction of axis " + std::to_string(a) + " should be 3 finite numbers.");
      }
    }
  } else if (!r.kinds.empty()) {
    for (std::size_t a = 0; a < dims; ++a) r.spatial[a] = is_spatial_kind(r.kinds[a]);
  } else {
    for (std::size_t a = 3; a < dims; ++a) r.spatial[a] = false;  // no word on it: i, j, k first
  }
  for (std::size_t a = 0; a < dims; ++a)
    if (r.spatial[a]) r.spatial_axes.push_back(a);
  return std::nullopt;
}

// Slicer's segments and the non-spatial axes: one volume must be one contiguous block, so spatial
// axes must be the fastest ones, and a segmentation must hold one layer. Sets the grid's size.
std::optional<Error> lay_out_grid(NrrdRead& r) {
  for (const auto& [n, s] : r.header.segments) r.segments.push_back(s);
  const std::vector<Segment>& segments = r.segments;
  const bool layered = [&] {
    for (const Segment& s : segments)
      if (s.layer != segments.front().layer) return true;
    return false;
  }();
  for (std::size_t a = 0; a < r.dims; ++a) {
    if (r.spatial[a] || r.sizes[a] == 1) continue;
    const std::string kind = r.kinds.empty() ? std::string("none") : r.kinds[a];
    const bool before_space = !r.spatial_axes.empty() && a < r.spatial_axes.back();
    if (!segments.empty()) {
      return file_error(ErrorCode::UnsupportedFile, r.sizes_field->line.offset,
                        "This segmentation keeps its segments on " + std::to_string(r.sizes[a]) +
                            " overlapping layers (" + describe_layers(segments) +
                            "); one layer is read. In 3D Slicer, make the segments not overlap (or export the "
                            "one you need: Segmentations → Export to files, or Export to a labelmap) and save again.");
    }
    if (before_space) {
      return file_error(ErrorCode::UnsupportedFile, r.sizes_field->line.offset,
                        "Axis " + std::to_string(a) + " (kind " + kind + ", size " + std::to_string(r.sizes[a]) +
                            ") interleaves its values between the spatial axes: one volume cannot be read out "
                            "of the rest. Save the component you need as its own volume.");
    }
    r.info.warnings.push_back({WarningCode::FirstVolumeOnly, "The file holds " + std::to_string(r.sizes[a]) +
                                                                 " volumes along axis " + std::to_string(a) +
                                                                 " (kind " + kind + "): only the first is used."});
  }
  if (layered) {
    return file_error(ErrorCode::UnsupportedFile, r.header.magic_line.offset,
                      "This segmentation's segments sit on different layers (" + describe_layers(segments) +
                          ") but the file holds one. Save the segmentation again from 3D Slicer.");
  }
  // Non-spatial axes of size 1 were dropped above; more than three spatial axes cannot be placed.
  if (r.spatial_axes.size() > 3) {
    return line_error(ErrorCode::UnsupportedFile, r.sizes_field->line,
                      std::to_string(r.spatial_axes.size()) + " spatial axes: a volume has at most 3.");
  }
  if (r.spatial_axes.size() < 2) {
    return line_error(
        ErrorCode::UnsupportedFile, r.sizes_field->line,
        "the file holds " + std::to_string(r.spatial_axes.size()) + " spatial axis: there are no slices to contour.");
  }
  for (std::size_t s = 0; s < r.spatial_axes.size(); ++s) r.info.size[s] = r.sizes[r.spatial_axes[s]];
  const Outcome<std::uint64_t> bytes = voxel_data_bytes(r.info.size, r.info.type);
  if (!bytes.ok()) return bytes.error();
  r.info.data_bytes = bytes.value();
  return std::nullopt;
}

// space units: one factor for all axes, applied to the matrix; mixed or unknown units leave the
// numbers as they are.
void apply_space_units(NrrdRead& r, Eigen::Matrix4d& affine) {
  const Field* f = r.field("space units");
  if (!f) return;
  bool known = true;
  double scale = 1.0;
  const std::vector<std::string_view> units = split_words(f->description);
  for (std::size_t u = 0; u < units.size(); ++u) {
    const std::optional<double> factor = millimetres_per(std::string(units[u]));
    if (!factor || (u > 0 && *factor != scale)) known = false;
    if (factor) scale = *factor;
  }
  if (!known) {
    r.info.warnings.push_back({WarningCode::VolumeGeometry, "The space units \"" + shown(f->description) +
                                                                "\" are not all one of mm, cm, m or µm: the "
                                                                "positions are taken as mm."});
  } else if (scale != 1.0) {
    affine.topRows<3>() *= scale;
    r.info.warnings.push_back({WarningCode::VolumeGeometry, "The space units are \"" + shown(f->description) +
                                                                "\": positions are converted to mm."});
  }
}

// Voxel → RAS mm: space directions and origin, else spacings, else unit voxels; in mm; LPS and LAS
// turned to RAS; checked once complete.
std::optional<Error> read_affine(NrrdRead& r) {
  Eigen::Matrix4d affine = Eigen::Matrix4d::Identity();
  if (r.directions_field) {
    for (std::size_t s = 0; s < r.spatial_axes.size(); ++s) {
      const std::vector<double>& v = *r.directions[r.spatial_axes[s]];
      affine.block<3, 1>(0, static_cast<Eigen::Index>(s)) = Eigen::Vector3d(v[0], v[1], v[2]);
    }
    r.info.affine_source = AffineSource::SpaceDirections;
    if (const Field* f = r.field("space origin")) {
      const auto origin = parse_vector(f->description);
      if (!origin || origin->size() != 3 || !std::isfinite((*origin)[0]) || !std::isfinite((*origin)[1]) ||
          !std::isfinite((*origin)[2])) {
        return line_error(ErrorCode::InvalidFile, f->line, "space origin should be \"(x,y,z)\" with 3 finite numbers.");
      }
      affine.block<3, 1>(0, 3) = Eigen::Vector3d((*origin)[0], (*origin)[1], (*origin)[2]);
    } else {
      r.info.warnings.push_back({WarningCode::VolumeGeometry,
                                 "The file has space directions but no space origin: voxel (0, 0, 0) is placed at "
                                 "the origin."});
    }
  } else if (const Field* f = r.field("spacings")) {
    const std::vector<std::string_view> words = split_words(f->description);
    if (words.size() != r.dims) {
      return line_error(ErrorCode::InvalidFile, f->line,
                        std::to_string(words.size()) + " spacings for " + std::to_string(r.dims) + " dimensions.");
    }
    for (std::size_t s = 0; s < r.spatial_axes.size(); ++s) {
      const auto d = parse_real(words[r.spatial_axes[s]]);
      if (!d || !std::isfinite(*d) || *d == 0.0) {
        return line_error(ErrorCode::InvalidFile, f->line,
                          "the spacing of axis " + std::to_string(r.spatial_axes[s]) + " should be a non-zero number.");
      }
      affine(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(s)) = *d;
    }
    r.info.affine_source = AffineSource::Spacings;
    r.info.warnings.push_back({WarningCode::VolumeGeometry,
                               "The file gives voxel spacings but no space directions: voxel (0, 0, 0) sits at the "
                               "origin and i, j, k run along x, y, z. Positions are in the volume's own frame, not "
                               "the scanner's."});
  } else {
    r.info.affine_source = AffineSource::Identity;
    r.info.warnings.push_back({WarningCode::VolumeGeometry,
                               "The file gives neither space directions nor spacings: voxels are taken as 1 mm "
                               "cubes with voxel (0, 0, 0) at the origin. Positions are in voxel units."});
  }
  if (r.spatial_axes.size() == 2) {
    // One slice: give k a unit direction normal to it, so the matrix stays invertible.
    const Eigen::Vector3d n = affine.block<3, 1>(0, 0).cross(affine.block<3, 1>(0, 1));
    if (n.norm() > 0) affine.block<3, 1>(0, 2) = n.normalized();
  }
  apply_space_units(r, affine);
  if (r.space == Space::Lps) affine.row(0) *= -1, affine.row(1) *= -1;
  if (r.space == Space::Las) affine.row(0) *= -1;
  if (!affine_usable(affine)) {
    const HeaderLine& line = r.directions_field    ? r.directions_field->line
                             : r.field("spacings") ? r.field("spacings")->line
                                                   : r.header.magic_line;
    return line_error(ErrorCode::InvalidFile, line,
                      "the voxel axes are zero, parallel or beyond 10⁹ mm: the voxels cannot be placed in space.");
  }
  r.info.affine = affine;
  return std::nullopt;
}

// The bytes of every volume the file holds: the data block "byte skip: -1" puts at the file's end.
std::uint64_t all_volumes_bytes(const NrrdRead& r) {
  std::uint64_t total = voxel_bytes(r.info.type);
  for (std::int64_t n_axis : r.sizes) {
    if (total > (std::uint64_t{1} << 62) / static_cast<std::uint64_t>(n_axis)) return std::uint64_t{1} << 62;
    total *= static_cast<std::uint64_t>(n_axis);
  }
  return total;
}

// data file: a detached header's data file, by name. One file only: a list of files or a
// numbered pattern (one per slice) is refused.
std::optional<Error> read_data_file(NrrdRead& r) {
  const Field* f = r.field("data file");
  if (!f) return std::nullopt;
  const std::string& name = f->description;
  const std::vector<std::string_view> words = split_words(name);
  const bool list = !words.empty() && lower(words[0]) == "list";
  const bool pattern = name.find('%') != std::string::npos && words.size() >= 3;
  if (list || pattern || name.empty()) {
    return line_error(ErrorCode::UnsupportedFile, f->line,
                      name.empty()
                          ? std::string("the data file has no name.")
                          : "the voxels are spread over " +
                                std::string(list ? "a list of files" : "numbered files (\"" + shown(name) + "\")") +
                                ", one per slice. Save the volume as a single .nrrd file (3D Slicer: "
                                "Save, format .nrrd) and drop that.");
  }
  r.info.data_file = name;
  return std::nullopt;
}

// Where the voxels start (info.data_offset, or info.data_skip inside gzip data), from the header's
// end, "line skip" and "byte skip", in this file or, for a detached header, in its data file.
std::optional<Error> place_data(std::string_view head, NrrdRead& r, std::int64_t stream_size) {
  VolumeInfo& info = r.info;
  const NrrdHeader& h = r.header;
  const bool detached = !info.data_file.empty();
  const bool whole_file = head.size() < kVolumeHeadBytes;
  // Where the data starts: after the empty line (at the data file's start when detached), then
  // line skip lines, then byte skip bytes (in the decompressed data for gzip). "byte skip: -1"
  // means the data ends the file (raw only).
  std::uint64_t offset = detached ? 0 : h.header_end;
  if (const Field* f = find_field(h.fields, "line skip")) {
    const auto n = parse_integer(f->description);
    if (!n || *n < 0) return line_error(ErrorCode::InvalidFile, f->line, "line skip should be a whole number ≥ 0.");
    if (detached && *n > 0) {
      return line_error(ErrorCode::UnsupportedFile, f->line,
                        "line skip in a detached header's data file is not supported; use byte skip, or save the "
                        "volume as a single .nrrd file.");
    }
    for (std::int64_t l = 0; l < *n; ++l) {
      const std::size_t newline = head.find('\n', offset);
      if (newline == std::string_view::npos) {
        return line_error(whole_file ? ErrorCode::TruncatedFile : ErrorCode::UnsupportedFile, f->line,
                          "line skip " + std::to_string(*n) + " reaches past " +
                              (whole_file ? "the end of the file." : "the first MiB of the file."));
      }
      offset = newline + 1;
    }
  }
  if (const Field* f = find_field(h.fields, "byte skip")) {
    const auto n = parse_integer(f->description);
    if (!n || *n < -1)
      return line_error(ErrorCode::InvalidFile, f->line, "byte skip should be −1 or a whole number ≥ 0.");
    if (*n == -1) {
      if (info.data_compressed()) {
        return line_error(ErrorCode::InvalidFile, f->line,
                          "byte skip −1 (data at the end) is only valid for raw data.");
      }
      const std::uint64_t total = all_volumes_bytes(r);
      if (detached) {
        info.data_at_end = true;
        info.data_tail_bytes = total;
        info.data_offset = 0;
        return std::nullopt;
      }
      if (stream_size < 0) {
        return line_error(ErrorCode::UnsupportedFile, f->line,
                          "byte skip −1 puts the data at the end of the file, whose size is not known here.");
      }
      const auto size = static_cast<std::uint64_t>(stream_size);
      const std::uint64_t after_header = size - std::min(offset, size);
      if (total > after_header) {
        return file_error(ErrorCode::TruncatedFile, stream_size,
                          "The header promises " + std::to_string(total) +
                              " bytes of voxels at the end of the file, "
                              "but only " +
                              std::to_string(after_header) + " follow the header. The file is cut short.");
      }
      offset = size - total;
    } else if (info.data_compressed()) {
      info.data_skip = static_cast<std::uint64_t>(*n);
    } else {
      offset += static_cast<std::uint64_t>(*n);
    }
  }
  info.data_offset = offset;
  return std::nullopt;
}

}  // namespace

Outcome<VolumeInfo> read_nrrd_header(std::string_view head, std::int64_t stream_size) {
  const Outcome<NrrdHeader> lines = read_header_lines(head);
  if (!lines.ok()) return lines.error();
  NrrdRead r(lines.value());
  r.info.format = VolumeFormat::Nrrd;
  for (auto step :
       {read_type_and_sizes, read_encoding, read_space, read_axes, lay_out_grid, read_affine, read_data_file}) {
    if (auto e = step(r)) return *e;
  }
  if (auto e = place_data(head, r, stream_size)) return *e;

  r.info.segments = r.segments;
  if (lines.value().reference_offset_line) {
    const std::vector<std::string_view> words = split_words(lines.value().reference_offset_value);
    for (std::size_t s = 0; s < 3 && s < words.size(); ++s)
      if (const auto v = parse_integer(words[s])) r.info.reference_offset[s] = *v;
  }
  return std::move(r.info);
}

}  // namespace spherefit
