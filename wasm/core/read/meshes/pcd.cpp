#include "read/meshes/pcd.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <vector>

#include "read/file_error.hpp"
#include "read/meshes/bytes.hpp"
#include "read/tables/number.hpp"

namespace spherefit {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

struct Word {
  std::string_view text;
  int column = 1;  // 1-based, in characters
};

int column_at(std::string_view line, std::size_t at) {
  int column = 1;
  for (std::size_t i = 0; i < at && i < line.size(); ++i)
    column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
  return column;
}

std::vector<Word> words_of(std::string_view line) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    if (i > start) out.push_back({line.substr(start, i - start), column_at(line, start)});
  }
  return out;
}

std::optional<std::uint64_t> parse_count(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// One field of the records: its name, type letter (I, U, F), size in bytes and count.
struct PcdField {
  std::string name;
  char type = 'F';
  std::size_t size = 4;
  std::size_t count = 1;
  std::size_t offset = 0;  // in a binary record
};

enum class PcdData { Ascii, Binary, BinaryCompressed };

struct PcdHeader {
  std::vector<PcdField> fields;
  std::uint64_t width = 0, height = 1, points = 0;
  bool has_points = false;
  PcdData data = PcdData::Ascii;
  std::size_t data_start = 0;  // the byte after the DATA line
  int data_line = 0;           // its 1-based number
  std::size_t record = 0;      // bytes of one binary record
  int axis_field[3] = {-1, -1, -1};
  bool viewpoint_moved = false;
};

Error header_error(ErrorCode code, int line, int column, const std::string& what) {
  return text_error(code, line, column, "PCD header: " + what);
}

bool type_size_ok(char type, std::size_t size) {
  if (type == 'F') return size == 4 || size == 8;
  return size == 1 || size == 2 || size == 4 || size == 8;
}

// The header, line by line, up to DATA.
Outcome<PcdHeader> read_header(std::string_view bytes) {
  PcdHeader h;
  bool seen_fields = false, seen_size = false, seen_type = false, seen_width = false, seen_data = false;
  std::size_t at = 0;
  int number = 0;
  int fields_line = 0;
  while (at < bytes.size() && !seen_data) {
    std::size_t end = bytes.find('\n', at);
    const bool last = end == std::string_view::npos;
    if (last) end = bytes.size();
    std::string_view line = bytes.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    at = last ? bytes.size() : end + 1;
    ++number;
    const std::size_t hash = line.find('#');
    const std::vector<Word> w = words_of(hash == std::string_view::npos ? line : line.substr(0, hash));
    if (w.empty()) continue;
    const std::string_view key = w[0].text;
    const std::size_t n = w.size() - 1;
    auto count_of = [&](std::size_t k) { return parse_count(w[k].text); };
    if (key == "VERSION") continue;
    if (key == "FIELDS" || key == "COLUMNS") {
      fields_line = number;
      h.fields.clear();
      for (std::size_t k = 1; k < w.size(); ++k) {
        PcdField f;
        f.name = std::string(w[k].text);
        for (int a = 0; a < 3; ++a) {
          if (f.name == std::string(1, static_cast<char>('x' + a))) {
            if (h.axis_field[a] >= 0) {
              return header_error(ErrorCode::DuplicateColumn, number, w[k].column,
                                  "the field " + f.name + " is named twice.");
            }
            h.axis_field[a] = static_cast<int>(k - 1);
          }
        }
        h.fields.push_back(f);
      }
      seen_fields = true;
      continue;
    }
    if (key == "SIZE" || key == "TYPE" || key == "COUNT") {
      if (!seen_fields)
        return header_error(ErrorCode::InvalidFile, number, 1, std::string(key) + " comes before FIELDS.");
      if (n != h.fields.size()) {
        return header_error(ErrorCode::WrongFieldCount, number,
                            n < h.fields.size() ? static_cast<int>(line.size()) + 1 : w[h.fields.size() + 1].column,
                            std::string(key) + " gives " + std::to_string(n) + " values for the " +
                                std::to_string(h.fields.size()) + " fields on line " + std::to_string(fields_line) +
                                ".");
      }
      for (std::size_t k = 1; k < w.size(); ++k) {
        PcdField& f = h.fields[k - 1];
        if (key == "TYPE") {
          if (w[k].text.size() != 1 || (w[k].text[0] != 'F' && w[k].text[0] != 'I' && w[k].text[0] != 'U')) {
            return header_error(ErrorCode::InvalidFile, number, w[k].column,
                                "the type \"" + std::string(w[k].text) + "\" should be F, I or U.");
          }
          f.type = w[k].text[0];
        } else {
          const auto v = count_of(k);
          if (!v || *v == 0 || *v > (key == "SIZE" ? 8u : 1u << 20)) {
            return header_error(ErrorCode::InvalidFile, number, w[k].column,
                                "\"" + std::string(w[k].text) + "\" is not a valid " +
                                    (key == "SIZE" ? "size (1, 2, 4 or 8 bytes)." : "count."));
          }
          (key == "SIZE" ? f.size : f.count) = static_cast<std::size_t>(*v);
        }
      }
      seen_size = seen_size || key == "SIZE";
      seen_type = seen_type || key == "TYPE";
      continue;
    }
    if (key == "WIDTH" || key == "HEIGHT" || key == "POINTS") {
      const auto v = n == 1 ? count_of(1) : std::nullopt;
      if (!v) {
        return header_error(ErrorCode::InvalidFile, number, n >= 1 ? w[1].column : static_cast<int>(line.size()) + 1,
                            std::string(key) + " should be one whole number ≥ 0.");
      }
      if (key == "WIDTH") h.width = *v, seen_width = true;
      if (key == "HEIGHT") h.height = *v;
      if (key == "POINTS") h.points = *v, h.has_points = true;
      continue;
    }
    if (key == "VIEWPOINT") {
      if (n != 7)
        return header_error(ErrorCode::InvalidFile, number, 1,
                            "VIEWPOINT should hold 7 numbers (tx ty tz qw qx qy qz).");
      static const double kIdentity[7] = {0, 0, 0, 1, 0, 0, 0};
      for (std::size_t k = 1; k <= 7; ++k) {
        const auto v = read_number(w[k].text, false);
        if (!v)
          return header_error(ErrorCode::InvalidNumber, number, w[k].column,
                              "'" + std::string(w[k].text) + "' is not a number.");
        if (v->value != kIdentity[k - 1]) h.viewpoint_moved = true;
      }
      continue;
    }
    if (key == "DATA") {
      const std::string_view kind = n >= 1 ? w[1].text : std::string_view();
      if (kind == "ascii")
        h.data = PcdData::Ascii;
      else if (kind == "binary")
        h.data = PcdData::Binary;
      else if (kind == "binary_compressed")
        h.data = PcdData::BinaryCompressed;
      else {
        return header_error(ErrorCode::UnsupportedFile, number, n >= 1 ? w[1].column : 6,
                            "DATA \"" + std::string(kind) + "\" is not one of ascii, binary, binary_compressed.");
      }
      h.data_start = at;
      h.data_line = number;
      seen_data = true;
      continue;
    }
    return header_error(
        ErrorCode::InvalidFile, number, 1,
        "\"" + std::string(key.substr(0, 40)) +
            "\" is not a PCD header keyword (VERSION, FIELDS, SIZE, TYPE, "
            "COUNT, WIDTH, HEIGHT, VIEWPOINT, POINTS, DATA). The header is damaged, or this is not a PCD file.");
  }
  const char* missing = !seen_fields  ? "FIELDS"
                        : !seen_size  ? "SIZE"
                        : !seen_type  ? "TYPE"
                        : !seen_width ? "WIDTH"
                        : !seen_data  ? "DATA"
                                      : nullptr;
  if (missing) {
    return header_error(seen_fields ? ErrorCode::TruncatedFile : ErrorCode::InvalidFile, std::max(number, 1), 1,
                        std::string("the header has no ") + missing + " line" +
                            (seen_fields && !seen_data ? " before the file ends: the file is cut short." : "."));
  }
  static const char kAxisNames[3] = {'x', 'y', 'z'};
  for (int a = 0; a < 3; ++a) {
    if (h.axis_field[a] < 0) {
      return header_error(ErrorCode::MissingColumn, fields_line, 1,
                          std::string("FIELDS has no ") + kAxisNames[a] + ": the points need x, y and z fields.");
    }
    const PcdField& f = h.fields[static_cast<std::size_t>(h.axis_field[a])];
    if (f.count != 1 || !type_size_ok(f.type, f.size)) {
      return header_error(ErrorCode::UnsupportedFile, fields_line, 1,
                          std::string("the field ") + kAxisNames[a] + " is of type " + f.type + std::to_string(f.size) +
                              " with count " + std::to_string(f.count) +
                              "; a coordinate is one F4, F8, I or U number.");
    }
  }
  if (!h.has_points) h.points = h.width * h.height;
  if (h.height != 0 && h.width > std::numeric_limits<std::uint64_t>::max() / h.height) h.points = ~0ull;
  std::size_t record = 0;
  for (PcdField& f : h.fields) {
    f.offset = record;
    record += f.size * f.count;
  }
  h.record = record;
  return h;
}

template <class T>
double as_double(const unsigned char* p) {
  return static_cast<double>(load<T>(p, false));
}

double load_value(const unsigned char* p, const PcdField& f) {
  switch (f.type) {
    case 'F':
      return f.size == 4 ? as_double<float>(p) : as_double<double>(p);
    case 'I':
      switch (f.size) {
        case 1:
          return as_double<std::int8_t>(p);
        case 2:
          return as_double<std::int16_t>(p);
        case 4:
          return as_double<std::int32_t>(p);
        default:
          return as_double<std::int64_t>(p);
      }
    default:
      switch (f.size) {
        case 1:
          return as_double<std::uint8_t>(p);
        case 2:
          return as_double<std::uint16_t>(p);
        case 4:
          return as_double<std::uint32_t>(p);
        default:
          return as_double<std::uint64_t>(p);
      }
  }
}

// Keeps a point, or counts it out when a coordinate is NaN; an infinite one is an error.
struct PointSink {
  PointTable& t;
  std::uint64_t nan_points = 0;

  // Returns the axis with an infinite value, or -1.
  int add(const double xyz[3]) {
    if (std::isnan(xyz[0]) || std::isnan(xyz[1]) || std::isnan(xyz[2])) {
      ++nan_points;
      return -1;
    }
    for (int a = 0; a < 3; ++a)
      if (!std::isfinite(xyz[a])) return a;
    t.x.push_back(xyz[0]);
    t.y.push_back(xyz[1]);
    t.z.push_back(xyz[2]);
    return -1;
  }
};

const char kAxis[3] = {'x', 'y', 'z'};

std::optional<Error> read_ascii(std::string_view bytes, const PcdHeader& h, PointSink& sink) {
  // Every point takes at least two bytes (a digit and a newline): a bound for what is reserved.
  const std::uint64_t most = (bytes.size() - h.data_start) / 2 + 1;
  const auto reserve = static_cast<std::size_t>(h.points < most ? h.points : most);
  sink.t.x.reserve(reserve);
  sink.t.y.reserve(reserve);
  sink.t.z.reserve(reserve);
  sink.t.source_line.reserve(reserve);
  std::size_t values = 0;
  std::vector<std::size_t> value_of_axis(3);
  for (int a = 0; a < 3; ++a) {
    std::size_t before = 0;
    for (int k = 0; k < h.axis_field[a]; ++k) before += h.fields[static_cast<std::size_t>(k)].count;
    value_of_axis[static_cast<std::size_t>(a)] = before;
  }
  for (const PcdField& f : h.fields) values += f.count;
  std::size_t at = h.data_start;
  int number = h.data_line;
  std::uint64_t read = 0;
  while (at < bytes.size() && read < h.points) {
    std::size_t end = bytes.find('\n', at);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    at = end + 1;
    ++number;
    const std::vector<Word> w = words_of(line);
    if (w.empty()) continue;
    if (w.size() != values) {
      return text_error(ErrorCode::WrongFieldCount, number,
                        w.size() > values ? w[values].column : static_cast<int>(line.size()) + 1,
                        "expected " + std::to_string(values) + " values (the header's fields), found " +
                            std::to_string(w.size()) + ".");
    }
    double xyz[3];
    for (int a = 0; a < 3; ++a) {
      const Word& word = w[value_of_axis[static_cast<std::size_t>(a)]];
      const auto v = read_number(word.text, false);
      if (!v)
        return text_error(ErrorCode::InvalidNumber, number, word.column,
                          "'" + std::string(word.text.substr(0, 40)) + "' is not a number.");
      xyz[a] = v->value;
    }
    const int infinite = sink.add(xyz);
    if (infinite >= 0) {
      return text_error(
          ErrorCode::NonFiniteValue, number, w[value_of_axis[static_cast<std::size_t>(infinite)]].column,
          std::string("the ") + kAxis[infinite] + " coordinate is infinite; repair or remove this point.");
    }
    if (sink.t.source_line.size() < sink.t.x.size()) sink.t.source_line.push_back(number);
    ++read;
  }
  if (read < h.points) {
    return text_error(ErrorCode::TruncatedFile, number, 1,
                      "the file ends after " + grouped(read) + " of the " + grouped(h.points) +
                          " points the header announces. The file is cut short, or its POINTS is wrong.");
  }
  return std::nullopt;
}

Error infinite_at(std::uint64_t offset, std::uint64_t index, int axis) {
  return binary_error(ErrorCode::NonFiniteValue, offset, "point " + grouped(index), static_cast<long>(index),
                      std::string("the ") + kAxis[axis] + " coordinate is infinite; repair or remove this point.");
}

std::optional<Error> read_binary(std::string_view bytes, const PcdHeader& h, PointSink& sink) {
  if (h.record == 0) return binary_error(ErrorCode::InvalidFile, h.data_start, "", -1, "the fields take no bytes.");
  const std::uint64_t whole = (bytes.size() - h.data_start) / h.record;
  if (h.points > whole) {
    return binary_error(ErrorCode::TruncatedFile, h.data_start + whole * h.record, "point " + grouped(whole),
                        static_cast<long>(whole),
                        "the file ends here; it holds " + grouped(whole) + " of the " + grouped(h.points) +
                            " points the header announces (" + std::to_string(h.record) +
                            " bytes each). The file is cut short, or its header is wrong.");
  }
  const auto n = static_cast<std::size_t>(h.points);
  sink.t.x.reserve(n);
  sink.t.y.reserve(n);
  sink.t.z.reserve(n);
  const unsigned char* base = reinterpret_cast<const unsigned char*>(bytes.data()) + h.data_start;
  const PcdField* f[3];
  for (int a = 0; a < 3; ++a) f[a] = &h.fields[static_cast<std::size_t>(h.axis_field[a])];
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char* p = base + i * h.record;
    const double xyz[3] = {load_value(p + f[0]->offset, *f[0]), load_value(p + f[1]->offset, *f[1]),
                           load_value(p + f[2]->offset, *f[2])};
    const int infinite = sink.add(xyz);
    if (infinite >= 0) return infinite_at(h.data_start + i * h.record + f[infinite]->offset, i, infinite);
  }
  return std::nullopt;
}

// LZF's best case is a back-reference of 3 bytes for 264: no honest block expands more.
constexpr std::uint64_t kLzfMostRatio = 89;

std::optional<Error> read_compressed(std::string_view bytes, const PcdHeader& h, PointSink& sink) {
  const std::size_t at = h.data_start;
  if (bytes.size() - at < 8) {
    return binary_error(ErrorCode::TruncatedFile, bytes.size(), "", -1,
                        "the file ends before the compressed data's two sizes. The file is cut short.");
  }
  const std::uint32_t compressed =
      load<std::uint32_t>(reinterpret_cast<const unsigned char*>(bytes.data()) + at, false);
  const std::uint32_t uncompressed =
      load<std::uint32_t>(reinterpret_cast<const unsigned char*>(bytes.data()) + at + 4, false);
  if (compressed > bytes.size() - at - 8) {
    return binary_error(ErrorCode::TruncatedFile, bytes.size(), "", -1,
                        "the compressed data should take " + grouped(compressed) + " bytes from byte " +
                            grouped(at + 8) + ", but the file ends " + grouped(compressed - (bytes.size() - at - 8)) +
                            " bytes short. The file is cut short.");
  }
  const std::uint64_t expected = h.points * h.record;
  if (h.record != 0 && h.points > std::numeric_limits<std::uint32_t>::max() / h.record) {
    return binary_error(ErrorCode::InvalidFile, at + 4, "", -1,
                        "the header's points take more than 4 GiB, more than a compressed PCD block holds.");
  }
  if (uncompressed != expected) {
    return binary_error(ErrorCode::InvalidFile, at + 4, "", -1,
                        "the data should decompress to " + grouped(expected) + " bytes (" + grouped(h.points) +
                            " points of " + std::to_string(h.record) + " bytes), but the file says " +
                            grouped(uncompressed) + ". The header or the data is damaged.");
  }
  if (expected == 0) return std::nullopt;
  if (expected > kLzfMostRatio * static_cast<std::uint64_t>(compressed) + 64) {
    return binary_error(ErrorCode::InvalidFile, at + 4, "", -1,
                        grouped(compressed) + " compressed bytes cannot hold " + grouped(expected) +
                            " bytes of points. The file is damaged.");
  }
  std::vector<unsigned char> soa(static_cast<std::size_t>(expected));
  if (!lzf_decompress(bytes.substr(at + 8, compressed), soa.data(), soa.size())) {
    return binary_error(ErrorCode::InvalidFile, at + 8, "", -1,
                        "the compressed point data (LZF, from this byte) are damaged: they do not decompress to the " +
                            grouped(expected) + " bytes the header promises. Save the cloud again.");
  }
  // Fields one after another: field k's values for all points start at points · (its offset).
  const auto n = static_cast<std::size_t>(h.points);
  sink.t.x.reserve(n);
  sink.t.y.reserve(n);
  sink.t.z.reserve(n);
  const PcdField* f[3];
  const unsigned char* column[3];
  for (int a = 0; a < 3; ++a) {
    f[a] = &h.fields[static_cast<std::size_t>(h.axis_field[a])];
    column[a] = soa.data() + n * f[a]->offset;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double xyz[3] = {load_value(column[0] + i * f[0]->size, *f[0]), load_value(column[1] + i * f[1]->size, *f[1]),
                           load_value(column[2] + i * f[2]->size, *f[2])};
    const int infinite = sink.add(xyz);
    if (infinite >= 0) return infinite_at(at + 8, i, infinite);
  }
  return std::nullopt;
}

}  // namespace

bool lzf_decompress(std::string_view in, unsigned char* out, std::size_t out_size) {
  const auto* ip = reinterpret_cast<const unsigned char*>(in.data());
  const unsigned char* const in_end = ip + in.size();
  std::size_t op = 0;
  while (ip < in_end) {
    unsigned ctrl = *ip++;
    if (ctrl < 32) {  // a literal run of ctrl + 1 bytes
      const std::size_t len = ctrl + 1u;
      if (static_cast<std::size_t>(in_end - ip) < len || out_size - op < len) return false;
      std::memcpy(out + op, ip, len);
      ip += len;
      op += len;
      continue;
    }
    std::size_t len = ctrl >> 5;  // a back-reference
    if (len == 7) {
      if (ip >= in_end) return false;
      len += *ip++;
    }
    if (ip >= in_end) return false;
    const std::size_t distance = ((ctrl & 0x1Fu) << 8) + *ip++ + 1;
    len += 2;
    if (distance > op || out_size - op < len) return false;
    for (std::size_t k = 0; k < len; ++k, ++op) out[op] = out[op - distance];  // may overlap
  }
  return op == out_size;
}

bool looks_like_pcd(std::string_view bytes) {
  std::size_t at = 0;
  for (int lines = 0; lines < 64 && at < bytes.size(); ++lines) {
    std::size_t end = bytes.find('\n', at);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(at, end - at);
    at = end + 1;
    while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    return (line.substr(0, 8) == "VERSION " || line.substr(0, 7) == "FIELDS ");
  }
  return false;
}

Outcome<PointFile> read_pcd(std::string_view bytes) {
  const Outcome<PcdHeader> header = read_header(bytes);
  if (!header.ok()) return header.error();
  const PcdHeader& h = header.value();
  PointFile out;
  out.format = h.data == PcdData::Ascii    ? PointFileFormat::PcdAscii
               : h.data == PcdData::Binary ? PointFileFormat::PcdBinary
                                           : PointFileFormat::PcdBinaryCompressed;
  PointSink sink{out.points};
  std::optional<Error> error = h.data == PcdData::Ascii    ? read_ascii(bytes, h, sink)
                               : h.data == PcdData::Binary ? read_binary(bytes, h, sink)
                                                           : read_compressed(bytes, h, sink);
  if (error) return *error;
  if (!out.points.source_line.empty() && out.points.source_line.size() != out.points.size())
    out.points.source_line.clear();
  out.vertices_read = out.points.size();
  if (sink.nan_points > 0) {
    out.warnings.push_back(
        {WarningCode::PointsSkipped,
         grouped(sink.nan_points) + " of the " + grouped(h.points) +
             " points have NaN coordinates (an organized cloud's pixels without a measurement) and were left out."});
  }
  if (h.viewpoint_moved) {
    out.warnings.push_back(
        {WarningCode::SensorViewpoint,
         "The file's VIEWPOINT (the sensor's pose) is not the identity: the points are used as stored, "
         "in the sensor's frame, as PCL loads them."});
  }
  return out;
}

}  // namespace spherefit
