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

Error line_error(ErrorCode code, const HeaderLine& line, const std::string& what) {
  Error e = file_error(code, line.offset, "NRRD header, line " + std::to_string(line.number) + ": " + what);
  e.line = line.number;
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
      {"signed char", VoxelType::Int8},       {"int8", VoxelType::Int8},
      {"int8_t", VoxelType::Int8},            {"uchar", VoxelType::UInt8},
      {"unsigned char", VoxelType::UInt8},    {"uint8", VoxelType::UInt8},
      {"uint8_t", VoxelType::UInt8},          {"short", VoxelType::Int16},
      {"short int", VoxelType::Int16},        {"signed short", VoxelType::Int16},
      {"signed short int", VoxelType::Int16}, {"int16", VoxelType::Int16},
      {"int16_t", VoxelType::Int16},          {"ushort", VoxelType::UInt16},
      {"unsigned short", VoxelType::UInt16},  {"unsigned short int", VoxelType::UInt16},
      {"uint16", VoxelType::UInt16},          {"uint16_t", VoxelType::UInt16},
      {"int", VoxelType::Int32},              {"signed int", VoxelType::Int32},
      {"int32", VoxelType::Int32},            {"int32_t", VoxelType::Int32},
      {"uint", VoxelType::UInt32},            {"unsigned int", VoxelType::UInt32},
      {"uint32", VoxelType::UInt32},          {"uint32_t", VoxelType::UInt32},
      {"float", VoxelType::Float32},          {"double", VoxelType::Float64},
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
  while (i < key.size() && std::isdigit(static_cast<unsigned char>(key[i])) && n < 100000) n = n * 10 + (key[i++] - '0');
  if (i == 7 || i >= key.size() || key[i] != '_') return;
  const std::string attribute = key.substr(i + 1);
  auto [it, fresh] = segments.try_emplace(n);
  Segment& s = it->second;
  if (fresh) {
    s.index = n;
    s.layer = n;      // Slicer < 4.11: one segment per layer
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

// Fails on a bad magic, a line that is no field, key or comment, a field given twice, a detached
// header, and a header that does not end within `head`.
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
  if (fields.count("data file")) {
    return line_error(ErrorCode::UnsupportedFile, fields["data file"].line,
                      "this is a detached header (.nhdr): its voxels are in \"" + shown(fields["data file"].description) +
                          "\". Save the volume as a single .nrrd file (3D Slicer: Save, format .nrrd) and drop that.");
  }
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

// Where the voxels start (info.data_offset, or info.data_skip inside gzip data), from the header's
// end, "line skip" and "byte skip". sizes: every axis, for "byte skip: -1" (the data ends the file).
std::optional<Error> place_data(std::string_view head, const NrrdHeader& h, const std::vector<std::int64_t>& sizes,
                                std::int64_t stream_size, VolumeInfo& info) {
  const bool whole_file = head.size() < kVolumeHeadBytes;
  // Where the data starts: after the empty line, then line skip lines, then byte skip bytes (in the
  // decompressed data for gzip). "byte skip: -1" means the data ends the file (raw only).
  std::uint64_t offset = h.header_end;
  if (const Field* f = find_field(h.fields, "line skip")) {
    const auto n = parse_integer(f->description);
    if (!n || *n < 0) return line_error(ErrorCode::InvalidFile, f->line, "line skip should be a whole number ≥ 0.");
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
    if (!n || *n < -1) return line_error(ErrorCode::InvalidFile, f->line, "byte skip should be −1 or a whole number ≥ 0.");
    if (*n == -1) {
      if (info.data_gzip) {
        return line_error(ErrorCode::InvalidFile, f->line, "byte skip −1 (data at the end) is only valid for raw data.");
      }
      if (stream_size < 0) {
        return line_error(ErrorCode::UnsupportedFile, f->line,
                          "byte skip −1 puts the data at the end of the file, whose size is not known here.");
      }
      // The data block holds every volume; the first starts at file size − all of them.
      std::uint64_t total = voxel_bytes(info.type);
      for (std::int64_t n_axis : sizes) {
        if (total > (std::uint64_t{1} << 62) / static_cast<std::uint64_t>(n_axis)) {
          total = std::uint64_t{1} << 62;
          break;
        }
        total *= static_cast<std::uint64_t>(n_axis);
      }
      const auto size = static_cast<std::uint64_t>(stream_size);
      const std::uint64_t after_header = size - std::min(offset, size);
      if (total > after_header) {
        return file_error(ErrorCode::TruncatedFile, stream_size,
                          "The header promises " + std::to_string(total) + " bytes of voxels at the end of the file, "
                          "but only " + std::to_string(after_header) + " follow the header. The file is cut short.");
      }
      offset = static_cast<std::uint64_t>(stream_size) - total;
    } else if (info.data_gzip) {
      info.data_skip = static_cast<std::uint64_t>(*n);
    } else {
      offset += static_cast<std::uint64_t>(*n);
    }
  }
  info.data_offset = offset;
  return std::nullopt;
}

Outcome<VolumeInfo> read_nrrd_header(std::string_view head, std::int64_t stream_size) {
  const Outcome<NrrdHeader> read = read_header_lines(head);
  if (!read.ok()) return read.error();
  const std::map<std::string, Field>& fields = read.value().fields;
  const std::map<int, Segment>& segments = read.value().segments;
  const std::optional<HeaderLine>& reference_offset_line = read.value().reference_offset_line;
  const std::string& reference_offset_value = read.value().reference_offset_value;
  const HeaderLine& magic_line = read.value().magic_line;

  const auto require = [&](const char* name) { return find_field(fields, name); };
  const auto missing = [&](const char* name) {
    return file_error(ErrorCode::InvalidFile, magic_line.offset,
                      std::string("The NRRD header has no \"") + name + ":\" field, which every NRRD file needs.");
  };

  VolumeInfo info;
  info.format = VolumeFormat::Nrrd;

  // type
  const Field* type_field = require("type");
  if (!type_field) return missing("type");
  const std::string type_name = lower(type_field->description);
  const auto type = nrrd_type(type_name);
  if (!type) {
    return line_error(ErrorCode::UnsupportedFile, type_field->line,
                      "the voxel type \"" + shown(type_field->description) +
                          "\" is not supported. Supported: uint8, int8, uint16, int16, uint32, int32, float, "
                          "double. Convert the volume to one of these (3D Slicer: Cast Scalar Volume).");
  }
  info.type = *type;

  // dimension, sizes
  const Field* dimension_field = require("dimension");
  if (!dimension_field) return missing("dimension");
  const auto dimension = parse_integer(dimension_field->description);
  if (!dimension || *dimension < 1 || *dimension > kMaxDimension) {
    return line_error(ErrorCode::InvalidFile, dimension_field->line,
                      "dimension \"" + shown(dimension_field->description) + "\" should be a whole number from 1 to 16.");
  }
  const auto dims = static_cast<std::size_t>(*dimension);
  const Field* sizes_field = require("sizes");
  if (!sizes_field) return missing("sizes");
  std::vector<std::int64_t> sizes;
  for (std::string_view w : split_words(sizes_field->description)) {
    const auto n = parse_integer(w);
    if (!n || *n < 1) {
      return line_error(ErrorCode::InvalidFile, sizes_field->line,
                        "the size \"" + std::string(w) + "\" is not a whole number of at least 1.");
    }
    sizes.push_back(*n);
  }
  if (sizes.size() != dims) {
    return line_error(ErrorCode::InvalidFile, sizes_field->line,
                      std::to_string(sizes.size()) + " sizes for " + std::to_string(dims) + " dimensions.");
  }
  info.file_dims = sizes;

  // encoding, endian
  const Field* encoding_field = require("encoding");
  if (!encoding_field) return missing("encoding");
  const std::string encoding = lower(encoding_field->description);
  if (encoding == "gzip" || encoding == "gz") {
    info.data_gzip = true;
  } else if (encoding != "raw") {
    const bool text = encoding == "txt" || encoding == "text" || encoding == "ascii";
    return line_error(ErrorCode::UnsupportedFile, encoding_field->line,
                      "the voxels are stored with encoding \"" + shown(encoding_field->description) + "\"" +
                          (text ? " (as text, several times larger than binary)" : "") +
                          ". Supported: raw and gzip. Save the volume again as .nrrd with compression "
                          "on or off (3D Slicer does either).");
  }
  if (voxel_bytes(info.type) > 1) {
    const Field* endian_field = require("endian");
    if (!endian_field) {
      return line_error(ErrorCode::InvalidFile, type_field->line,
                        "voxels of type \"" + shown(type_field->description) +
                            "\" take several bytes, but the header has no \"endian:\" field saying their order.");
    }
    const std::string endian = lower(endian_field->description);
    if (endian != "little" && endian != "big") {
      return line_error(ErrorCode::InvalidFile, endian_field->line,
                        "endian \"" + shown(endian_field->description) + "\" should be \"little\" or \"big\".");
    }
    info.big_endian = endian == "big";
  }

  // space, space dimension
  enum class Space { Ras, Las, Lps, AsIs };
  Space space = Space::AsIs;
  int space_dimension = 0;
  if (const Field* f = require("space")) {
    const std::string s = lower(f->description);
    info.space = f->description;
    if (s == "right-anterior-superior" || s == "ras") {
      space = Space::Ras;
    } else if (s == "left-anterior-superior" || s == "las") {
      space = Space::Las;
    } else if (s == "left-posterior-superior" || s == "lps") {
      space = Space::Lps;
    } else if (s == "scanner-xyz" || s == "3d-right-handed" || s == "3d-left-handed") {
      info.warnings.push_back({WarningCode::VolumeGeometry,
                               "The file's space is \"" + shown(f->description) +
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
    space_dimension = 3;
  } else if (const Field* f = require("space dimension")) {
    const auto n = parse_integer(f->description);
    if (!n || *n != 3) {
      return line_error(ErrorCode::UnsupportedFile, f->line,
                        "space dimension \"" + shown(f->description) + "\": only 3D spaces are supported.");
    }
    space_dimension = 3;
    info.space = "3D space";
    info.warnings.push_back({WarningCode::VolumeGeometry,
                             "The file gives a space dimension but no named space: its x, y, z are used as "
                             "they are (not known to be right, anterior, superior)."});
  }

  // Which axes are spatial: those with a space direction; else those whose kind is spatial; else all.
  std::vector<bool> spatial(dims, true);
  std::vector<std::optional<std::vector<double>>> directions;
  std::vector<std::string> kinds;
  if (const Field* f = require("kinds")) {
    for (std::string_view w : split_words(f->description)) kinds.push_back(lower(w));
    if (kinds.size() != dims) {
      return line_error(ErrorCode::InvalidFile, f->line,
                        std::to_string(kinds.size()) + " kinds for " + std::to_string(dims) + " dimensions.");
    }
  }
  const Field* directions_field = require("space directions");
  if (directions_field) {
    if (space_dimension == 0) {
      return line_error(ErrorCode::InvalidFile, directions_field->line,
                        "space directions are given without a \"space:\" or \"space dimension:\" field.");
    }
    const auto parsed = parse_directions(directions_field->description);
    if (!parsed) {
      return line_error(ErrorCode::InvalidFile, directions_field->line,
                        "space directions should be one \"(x,y,z)\" or \"none\" per axis.");
    }
    directions = *parsed;
    if (directions.size() != dims) {
      return line_error(ErrorCode::InvalidFile, directions_field->line,
                        std::to_string(directions.size()) + " space directions for " + std::to_string(dims) +
                            " dimensions.");
    }
    for (std::size_t a = 0; a < dims; ++a) {
      if (!directions[a]) {
        spatial[a] = false;
        continue;
      }
      const std::vector<double>& v = *directions[a];
      if (v.size() != 3 || !std::isfinite(v[0]) || !std::isfinite(v[1]) || !std::isfinite(v[2])) {
        return line_error(ErrorCode::InvalidFile, directions_field->line,
                          "the space direction of axis " + std::to_string(a) + " should be 3 finite numbers.");
      }
    }
  } else if (!kinds.empty()) {
    for (std::size_t a = 0; a < dims; ++a) spatial[a] = is_spatial_kind(kinds[a]);
  } else {
    for (std::size_t a = 3; a < dims; ++a) spatial[a] = false;  // no word on it: i, j, k first
  }

  // Spatial axes must be the fastest ones: the first volume is then one contiguous block.
  std::vector<std::size_t> spatial_axes;
  for (std::size_t a = 0; a < dims; ++a)
    if (spatial[a]) spatial_axes.push_back(a);
  std::vector<Segment> segment_list;
  for (auto& [n, s] : segments) segment_list.push_back(s);
  const bool layered = [&] {
    for (const Segment& s : segment_list)
      if (s.layer != segment_list.front().layer) return true;
    return false;
  }();
  for (std::size_t a = 0; a < dims; ++a) {
    if (spatial[a] || sizes[a] == 1) continue;
    const std::string kind = kinds.empty() ? std::string("none") : kinds[a];
    const bool before_space = !spatial_axes.empty() && a < spatial_axes.back();
    if (!segment_list.empty()) {
      return file_error(ErrorCode::UnsupportedFile, sizes_field->line.offset,
                        "This segmentation keeps its segments on " + std::to_string(sizes[a]) +
                            " overlapping layers (" + describe_layers(segment_list) +
                            "); one layer is read. In 3D Slicer, make the segments not overlap (or export the "
                            "one you need: Segmentations → Export to files, or Export to a labelmap) and save again.");
    }
    if (before_space) {
      return file_error(ErrorCode::UnsupportedFile, sizes_field->line.offset,
                        "Axis " + std::to_string(a) + " (kind " + kind + ", size " + std::to_string(sizes[a]) +
                            ") interleaves its values between the spatial axes: one volume cannot be read out "
                            "of the rest. Save the component you need as its own volume.");
    }
    info.warnings.push_back({WarningCode::FirstVolumeOnly,
                             "The file holds " + std::to_string(sizes[a]) + " volumes along axis " +
                                 std::to_string(a) + " (kind " + kind + "): only the first is used."});
  }
  if (layered) {
    return file_error(ErrorCode::UnsupportedFile, magic_line.offset,
                      "This segmentation's segments sit on different layers (" + describe_layers(segment_list) +
                          ") but the file holds one. Save the segmentation again from 3D Slicer.");
  }
  // Non-spatial axes of size 1 were dropped above; more than three spatial axes cannot be placed.
  if (spatial_axes.size() > 3) {
    return line_error(ErrorCode::UnsupportedFile, sizes_field->line,
                      std::to_string(spatial_axes.size()) + " spatial axes: a volume has at most 3.");
  }
  if (spatial_axes.size() < 2) {
    return line_error(ErrorCode::UnsupportedFile, sizes_field->line,
                      "the file holds " + std::to_string(spatial_axes.size()) +
                          " spatial axis: there are no slices to contour.");
  }
  for (std::size_t s = 0; s < spatial_axes.size(); ++s) info.size[s] = sizes[spatial_axes[s]];

  const Outcome<std::uint64_t> bytes = voxel_data_bytes(info.size, info.type);
  if (!bytes.ok()) return bytes.error();
  info.data_bytes = bytes.value();

  // Voxel → space.
  Eigen::Matrix4d affine = Eigen::Matrix4d::Identity();
  if (directions_field) {
    for (std::size_t s = 0; s < spatial_axes.size(); ++s) {
      const std::vector<double>& v = *directions[spatial_axes[s]];
      affine.block<3, 1>(0, static_cast<Eigen::Index>(s)) = Eigen::Vector3d(v[0], v[1], v[2]);
    }
    info.affine_source = AffineSource::SpaceDirections;
    if (const Field* f = require("space origin")) {
      const auto origin = parse_vector(f->description);
      if (!origin || origin->size() != 3 || !std::isfinite((*origin)[0]) || !std::isfinite((*origin)[1]) ||
          !std::isfinite((*origin)[2])) {
        return line_error(ErrorCode::InvalidFile, f->line, "space origin should be \"(x,y,z)\" with 3 finite numbers.");
      }
      affine.block<3, 1>(0, 3) = Eigen::Vector3d((*origin)[0], (*origin)[1], (*origin)[2]);
    } else {
      info.warnings.push_back({WarningCode::VolumeGeometry,
                               "The file has space directions but no space origin: voxel (0, 0, 0) is placed at "
                               "the origin."});
    }
  } else if (const Field* f = require("spacings")) {
    const std::vector<std::string_view> words = split_words(f->description);
    if (words.size() != dims) {
      return line_error(ErrorCode::InvalidFile, f->line,
                        std::to_string(words.size()) + " spacings for " + std::to_string(dims) + " dimensions.");
    }
    for (std::size_t s = 0; s < spatial_axes.size(); ++s) {
      const auto d = parse_real(words[spatial_axes[s]]);
      if (!d || !std::isfinite(*d) || *d == 0.0) {
        return line_error(ErrorCode::InvalidFile, f->line,
                          "the spacing of axis " + std::to_string(spatial_axes[s]) + " should be a non-zero number.");
      }
      affine(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(s)) = *d;
    }
    info.affine_source = AffineSource::Spacings;
    info.warnings.push_back({WarningCode::VolumeGeometry,
                             "The file gives voxel spacings but no space directions: voxel (0, 0, 0) sits at the "
                             "origin and i, j, k run along x, y, z. Positions are in the volume's own frame, not "
                             "the scanner's."});
  } else {
    info.affine_source = AffineSource::Identity;
    info.warnings.push_back({WarningCode::VolumeGeometry,
                             "The file gives neither space directions nor spacings: voxels are taken as 1 mm "
                             "cubes with voxel (0, 0, 0) at the origin. Positions are in voxel units."});
  }
  if (spatial_axes.size() == 2) {
    // One slice: give k a unit direction normal to it, so the matrix stays invertible.
    const Eigen::Vector3d n = affine.block<3, 1>(0, 0).cross(affine.block<3, 1>(0, 1));
    if (n.norm() > 0) affine.block<3, 1>(0, 2) = n.normalized();
  }
  if (const Field* f = require("space units")) {
    // One factor for all axes; mixed or unknown units leave the numbers as they are.
    bool known = true;
    double scale = 1.0;
    const std::vector<std::string_view> units = split_words(f->description);
    for (std::size_t u = 0; u < units.size(); ++u) {
      const std::optional<double> factor = millimetres_per(std::string(units[u]));
      if (!factor || (u > 0 && *factor != scale)) known = false;
      if (factor) scale = *factor;
    }
    if (!known) {
      info.warnings.push_back({WarningCode::VolumeGeometry,
                               "The space units \"" + shown(f->description) + "\" are not all one of mm, cm, m or µm: the "
                               "positions are taken as mm."});
    } else if (scale != 1.0) {
      affine.topRows<3>() *= scale;
      info.warnings.push_back({WarningCode::VolumeGeometry,
                               "The space units are \"" + shown(f->description) + "\": positions are converted to mm."});
    }
  }
  if (space == Space::Lps) affine.row(0) *= -1, affine.row(1) *= -1;
  if (space == Space::Las) affine.row(0) *= -1;
  if (!affine_usable(affine)) {
    const HeaderLine& line = directions_field ? directions_field->line : magic_line;
    return line_error(ErrorCode::InvalidFile, line,
                      "the voxel axes are zero or parallel: the voxels cannot be placed in space.");
  }
  info.affine = affine;

  if (auto e = place_data(head, read.value(), sizes, stream_size, info)) return *e;

  info.segments = segment_list;
  if (reference_offset_line) {
    const std::vector<std::string_view> words = split_words(reference_offset_value);
    for (std::size_t s = 0; s < 3 && s < words.size(); ++s)
      if (const auto v = parse_integer(words[s])) info.reference_offset[s] = *v;
  }
  return info;
}

}  // namespace spherefit
