#include "read/ply.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "read/bytes.hpp"
#include "read/file_error.hpp"
#include "read/number.hpp"
#include "read/ply_header.hpp"
#include "read/text_scan.hpp"

namespace spherefit {
namespace {

constexpr const char* kAxisNames[3] = {"x", "y", "z"};

// The vertex element and, for each of its properties, which coordinate it is (-1: none).
struct VertexLayout {
  std::size_t element = 0;
  std::vector<int> axis_of;
  std::size_t property[3] = {0, 0, 0};
};

// A name from the header as messages show it: as written when it is plain, quoted otherwise.
std::string shown(const std::string& name) {
  for (char c : name)
    if (c <= ' ' || c > '~') return quoted(name);
  return name.size() <= 40 ? name : quoted(name);
}

// "100 000 vertices", "1 face": the element's announced count.
std::string announced(const PlyElement& e) {
  const std::string name = e.count == 1 ? shown(e.name) : e.name == "vertex" ? "vertices" : shown(e.name) + "s";
  return grouped(e.count) + " " + name;
}

std::string record(const PlyElement& e, std::uint64_t index) { return shown(e.name) + " " + grouped(index); }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

Outcome<VertexLayout> find_vertex(const PlyHeader& h) {
  VertexLayout v;
  std::size_t e = 0;
  while (e < h.elements.size() && h.elements[e].name != "vertex") ++e;
  if (e == h.elements.size()) {
    std::string declared;
    for (const PlyElement& other : h.elements) declared += (declared.empty() ? "" : ", ") + shown(other.name) + " (" + grouped(other.count) + ")";
    return text_error(ErrorCode::InvalidFile, h.end_line, 1,
                      "the header declares no vertex element (" + (declared.empty() ? std::string("no elements at all") : "only " + declared) +
                          "); points are read from 'element vertex N' with properties x, y and z.");
  }
  v.element = e;
  const PlyElement& vertex = h.elements[e];
  v.axis_of.assign(vertex.properties.size(), -1);
  for (int a = 0; a < 3; ++a) {
    // The exact name first; "X" only when there is no "x".
    std::size_t k = 0;
    while (k < vertex.properties.size() && vertex.properties[k].name != kAxisNames[a]) ++k;
    if (k == vertex.properties.size()) {
      k = 0;
      while (k < vertex.properties.size() && !equal_ignoring_case(vertex.properties[k].name, kAxisNames[a])) ++k;
    }
    if (k == vertex.properties.size()) {
      std::string names;
      for (std::size_t j = 0; j < vertex.properties.size() && j < 16; ++j) names += (j ? ", " : "") + shown(vertex.properties[j].name);
      if (vertex.properties.size() > 16) names += ", …";
      return text_error(ErrorCode::MissingColumn, vertex.line, 1,
                        std::string("the vertex element has no ") + kAxisNames[a] + " property; " +
                            (names.empty() ? std::string("it has no properties at all") : "its properties are " + names) +
                            ". Points need x, y and z.");
    }
    if (vertex.properties[k].is_list) {
      return text_error(ErrorCode::InvalidFile, vertex.properties[k].line, 1,
                        std::string("the vertex property ") + kAxisNames[a] + " is a list; a coordinate is one number.");
    }
    v.property[a] = k;
    v.axis_of[k] = a;
  }
  return v;
}

double load_as_double(const unsigned char* p, PlyType type, bool big) {
  switch (type) {
    case PlyType::Int8: return load<std::int8_t>(p, big);
    case PlyType::UInt8: return load<std::uint8_t>(p, big);
    case PlyType::Int16: return load<std::int16_t>(p, big);
    case PlyType::UInt16: return load<std::uint16_t>(p, big);
    case PlyType::Int32: return load<std::int32_t>(p, big);
    case PlyType::UInt32: return load<std::uint32_t>(p, big);
    case PlyType::Float32: return static_cast<double>(load<float>(p, big));
    case PlyType::Float64: return load<double>(p, big);
  }
  return 0.0;
}

// x, y, z of n records of `stride` bytes when all three have type T: the common case, one loop.
template <class T, bool Big>
void load_columns(const unsigned char* base, std::size_t n, std::size_t stride, const std::size_t offset[3], PointTable& out) {
  double* x = out.x.data();
  double* y = out.y.data();
  double* z = out.z.data();
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char* p = base + i * stride;
    x[i] = static_cast<double>(load<T>(p + offset[0], Big));
    y[i] = static_cast<double>(load<T>(p + offset[1], Big));
    z[i] = static_cast<double>(load<T>(p + offset[2], Big));
  }
}

template <class T>
void load_columns(bool big, const unsigned char* base, std::size_t n, std::size_t stride, const std::size_t offset[3], PointTable& out) {
  if (big) load_columns<T, true>(base, n, stride, offset, out);
  else load_columns<T, false>(base, n, stride, offset, out);
}

Error non_finite(std::uint64_t offset, const PlyElement& e, std::uint64_t index, int axis, double value) {
  return binary_error(ErrorCode::NonFiniteValue, offset, record(e, index), static_cast<long>(index),
                      std::string("the ") + kAxisNames[axis] + " coordinate is " + (std::isnan(value) ? "NaN" : "infinite") +
                          "; points need finite coordinates: repair or remove this vertex.");
}

// A binary record with lists, planned once: runs of scalars, each ended by at most one list, and
// where the coordinates sit (their run, their offset in it, their type).
struct Run {
  std::size_t scalars = 0;              // bytes of the scalars before the list
  const PlyProperty* list = nullptr;
  std::size_t count_size = 0;           // bytes of the list's count (0 without a list)
  std::size_t item_size = 0;
};

struct RecordPlan {
  std::vector<Run> runs;
  std::size_t axis_run[3] = {0, 0, 0};
  std::size_t axis_offset[3] = {0, 0, 0};
  PlyType axis_type[3] = {};
};

RecordPlan plan_of(const PlyElement& e, const VertexLayout* v) {
  RecordPlan plan;
  plan.runs.emplace_back();
  for (std::size_t k = 0; k < e.properties.size(); ++k) {
    const PlyProperty& p = e.properties[k];
    if (p.is_list) {
      plan.runs.back().list = &p;
      plan.runs.back().count_size = ply_type_size(p.count_type);
      plan.runs.back().item_size = ply_type_size(p.type);
      plan.runs.emplace_back();
      continue;
    }
    if (v && v->axis_of[k] >= 0) {
      const int a = v->axis_of[k];
      plan.axis_run[a] = plan.runs.size() - 1;
      plan.axis_offset[a] = plan.runs.back().scalars;
      plan.axis_type[a] = p.type;
    }
    plan.runs.back().scalars += ply_type_size(p.type);
  }
  if (plan.runs.back().scalars == 0 && plan.runs.size() > 1) plan.runs.pop_back();  // nothing after the last list
  return plan;
}

// A list count (an integer type, checked by the header reader).
inline std::int64_t load_count(const unsigned char* p, PlyType type, bool big) {
  switch (type) {
    case PlyType::Int8: return load<std::int8_t>(p, big);
    case PlyType::UInt8: return *p;
    case PlyType::Int16: return load<std::int16_t>(p, big);
    case PlyType::UInt16: return load<std::uint16_t>(p, big);
    case PlyType::Int32: return load<std::int32_t>(p, big);
    default: return load<std::uint32_t>(p, big);
  }
}

class BinaryReader {
 public:
  BinaryReader(std::string_view bytes, std::size_t start, bool big, PointFile& out)
      : data_(reinterpret_cast<const unsigned char*>(bytes.data())), size_(bytes.size()), pos_(start), big_(big), out_(out) {}

  std::optional<Error> skip(const PlyElement& e);
  std::optional<Error> read_vertices(const PlyElement& e, const VertexLayout& v);
  // The bytes after the last element, unless they are only white space or zeros (padding).
  std::optional<Warning> trailing() const;

 private:
  std::size_t left() const { return size_ - pos_; }
  Error cut_short(const PlyElement& e, std::uint64_t index, bool inside) const;
  std::optional<Error> walk_record(const PlyElement& e, const RecordPlan& plan, std::uint64_t index, long point, double xyz[3],
                                   std::size_t at[3]);
  Error bad_count(const PlyElement& e, const Run& run, std::uint64_t index, long point, std::int64_t n) const;
  std::optional<Error> read_fixed_vertices(const PlyElement& e, const VertexLayout& v);

  const unsigned char* data_;
  std::size_t size_;
  std::size_t pos_;
  bool big_;
  PointFile& out_;
};

Error BinaryReader::cut_short(const PlyElement& e, std::uint64_t index, bool inside) const {
  const bool vertex = e.name == "vertex";
  return binary_error(ErrorCode::TruncatedFile, pos_, record(e, index), vertex ? static_cast<long>(index) : -1,
                      std::string(inside ? "the file ends inside this record" : "the file ends here") + "; it holds " + grouped(index) +
                          " of the " + announced(e) +
                          " the header announces. The file is cut short, or its header is wrong.");
}

// One record of e at pos_, lists and all. With xyz, the coordinates go there and their offsets to at.
inline std::optional<Error> BinaryReader::walk_record(const PlyElement& e, const RecordPlan& plan, std::uint64_t index, long point,
                                                      double xyz[3], std::size_t at[3]) {
  const std::size_t start = pos_;
  for (std::size_t r = 0; r < plan.runs.size(); ++r) {
    const Run& run = plan.runs[r];
    if (left() < run.scalars + run.count_size) return cut_short(e, index, pos_ > start || left() > 0);
    if (xyz) {
      for (int a = 0; a < 3; ++a) {
        if (plan.axis_run[a] != r) continue;
        at[a] = pos_ + plan.axis_offset[a];
        xyz[a] = load_as_double(data_ + at[a], plan.axis_type[a], big_);
      }
    }
    pos_ += run.scalars;
    if (!run.list) continue;
    const std::int64_t n = load_count(data_ + pos_, run.list->count_type, big_);
    if (n < 0 || static_cast<std::uint64_t>(n) > (left() - run.count_size) / run.item_size) return bad_count(e, run, index, point, n);
    pos_ += run.count_size + static_cast<std::size_t>(n) * run.item_size;
  }
  return std::nullopt;
}

Error BinaryReader::bad_count(const PlyElement& e, const Run& run, std::uint64_t index, long point, std::int64_t n) const {
  if (n < 0) {
    return binary_error(ErrorCode::InvalidFile, pos_, record(e, index), point,
                        "the list " + shown(run.list->name) + " has the count " + std::to_string(n) + "; a count is ≥ 0.");
  }
  return binary_error(ErrorCode::TruncatedFile, pos_, record(e, index), point,
                      "the list " + shown(run.list->name) + " claims " + grouped(static_cast<std::uint64_t>(n)) + " items of " +
                          std::to_string(run.item_size) + " bytes, more than the " + grouped(left() - run.count_size) +
                          " bytes left in the file: the file is cut short, or this count is wrong.");
}

std::optional<Error> BinaryReader::skip(const PlyElement& e) {
  if (e.has_lists()) {
    // Every record takes at least one byte (a list count), so this loop ends within the file.
    const RecordPlan plan = plan_of(e, nullptr);
    for (std::uint64_t i = 0; i < e.count; ++i)
      if (auto error = walk_record(e, plan, i, -1, nullptr, nullptr)) return error;
    return std::nullopt;
  }
  const std::size_t stride = e.fixed_size();
  if (stride == 0) return std::nullopt;  // records without properties take no bytes
  const std::uint64_t whole = left() / stride;
  if (e.count > whole) {
    pos_ += static_cast<std::size_t>(whole) * stride;
    return cut_short(e, whole, left() > 0);
  }
  pos_ += static_cast<std::size_t>(e.count) * stride;
  return std::nullopt;
}

std::optional<Error> BinaryReader::read_fixed_vertices(const PlyElement& e, const VertexLayout& v) {
  const std::size_t stride = e.fixed_size();
  const std::uint64_t whole = left() / stride;
  if (e.count > whole) {  // checked before anything is allocated
    pos_ += static_cast<std::size_t>(whole) * stride;
    return cut_short(e, whole, left() > 0);
  }
  const auto n = static_cast<std::size_t>(e.count);
  std::size_t offset[3] = {0, 0, 0};
  PlyType type[3] = {};
  for (int a = 0; a < 3; ++a) {
    for (std::size_t k = 0; k < v.property[a]; ++k) offset[a] += ply_type_size(e.properties[k].type);
    type[a] = e.properties[v.property[a]].type;
  }
  PointTable& t = out_.points;
  t.x.resize(n);
  t.y.resize(n);
  t.z.resize(n);
  const unsigned char* base = data_ + pos_;
  if (type[0] == type[1] && type[1] == type[2]) {
    switch (type[0]) {
      case PlyType::Int8: load_columns<std::int8_t>(big_, base, n, stride, offset, t); break;
      case PlyType::UInt8: load_columns<std::uint8_t>(big_, base, n, stride, offset, t); break;
      case PlyType::Int16: load_columns<std::int16_t>(big_, base, n, stride, offset, t); break;
      case PlyType::UInt16: load_columns<std::uint16_t>(big_, base, n, stride, offset, t); break;
      case PlyType::Int32: load_columns<std::int32_t>(big_, base, n, stride, offset, t); break;
      case PlyType::UInt32: load_columns<std::uint32_t>(big_, base, n, stride, offset, t); break;
      case PlyType::Float32: load_columns<float>(big_, base, n, stride, offset, t); break;
      case PlyType::Float64: load_columns<double>(big_, base, n, stride, offset, t); break;
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned char* p = base + i * stride;
      t.x[i] = load_as_double(p + offset[0], type[0], big_);
      t.y[i] = load_as_double(p + offset[1], type[1], big_);
      t.z[i] = load_as_double(p + offset[2], type[2], big_);
    }
  }
  // Integers are always finite; floats are checked in a second pass that stays out of the loads.
  if (!ply_type_is_integer(type[0]) || !ply_type_is_integer(type[1]) || !ply_type_is_integer(type[2])) {
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isfinite(t.x[i] + t.y[i] + t.z[i])) continue;
      for (int a = 0; a < 3; ++a) {
        const double value = a == 0 ? t.x[i] : a == 1 ? t.y[i] : t.z[i];
        if (!std::isfinite(value)) return non_finite(pos_ + i * stride + offset[a], e, i, a, value);
      }
      // The sum overflowed, but each coordinate is finite: go on.
    }
  }
  pos_ += n * stride;
  return std::nullopt;
}

std::optional<Error> BinaryReader::read_vertices(const PlyElement& e, const VertexLayout& v) {
  if (!e.has_lists()) return read_fixed_vertices(e, v);
  // Lists inside the vertex element: walk record by record. Each record takes at least
  // fixed_size() bytes, which bounds what may be reserved.
  const std::uint64_t at_most = left() / e.fixed_size();
  const auto reserve = static_cast<std::size_t>(e.count < at_most ? e.count : at_most);
  PointTable& t = out_.points;
  t.x.reserve(reserve);
  t.y.reserve(reserve);
  t.z.reserve(reserve);
  const RecordPlan plan = plan_of(e, &v);
  for (std::uint64_t i = 0; i < e.count; ++i) {
    double xyz[3] = {0, 0, 0};
    std::size_t at[3] = {0, 0, 0};
    if (auto error = walk_record(e, plan, i, static_cast<long>(i), xyz, at)) return error;
    for (int a = 0; a < 3; ++a)
      if (!std::isfinite(xyz[a])) return non_finite(at[a], e, i, a, xyz[a]);
    t.x.push_back(xyz[0]);
    t.y.push_back(xyz[1]);
    t.z.push_back(xyz[2]);
  }
  return std::nullopt;
}

std::optional<Warning> BinaryReader::trailing() const {
  for (std::size_t i = pos_; i < size_; ++i) {
    const unsigned char c = data_[i];
    if (c == 0 || c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return Warning{WarningCode::TrailingData,
                   "Byte " + grouped(pos_) + ": the " + grouped(size_ - pos_) +
                       " bytes after the last element are ignored. If the header's counts or types are wrong, the points may be too."};
  }
  return std::nullopt;
}

class AsciiReader {
 public:
  AsciiReader(std::string_view bytes, const PlyHeader& h, PointFile& out)
      : bytes_(bytes), scan_(bytes, h.data_start, h.data_line), out_(out) {}

  // Reads the records of e; v is given for the vertex element, whose coordinates are stored.
  std::optional<Error> read(const PlyElement& e, const VertexLayout* v);
  std::optional<Warning> trailing();

 private:
  Error at(ErrorCode code, const Word& w, const std::string& what) const { return text_error(code, w.line, scan_.column(w), what); }
  Error cut_short(const PlyElement& e, std::uint64_t index, bool inside) const {
    return at(ErrorCode::TruncatedFile, scan_.here(),
              "the file ends " + std::string(inside ? "inside " : "before ") + record(e, index) + "; it holds " + grouped(index) +
                  " of the " + announced(e) + " the header announces. The file is cut short, or its header is wrong.");
  }
  std::optional<Error> skip_list(const PlyElement& e, std::uint64_t index, const PlyProperty& p, const Word& count);

  std::string_view bytes_;
  TextScan scan_;
  PointFile& out_;
};

std::optional<Error> AsciiReader::skip_list(const PlyElement& e, std::uint64_t index, const PlyProperty& p, const Word& count) {
  const auto n = read_number(count.text, false);
  if (!n || n->value != std::floor(n->value)) {
    return at(ErrorCode::InvalidNumber, count, "the count of list " + shown(p.name) + " in " + record(e, index) + ", " + quoted(count.text) + ", is not a whole number.");
  }
  if (n->value < 0) {
    return at(ErrorCode::InvalidFile, count, "the count of list " + shown(p.name) + " in " + record(e, index) + " is " + quoted(count.text) + "; a count is ≥ 0.");
  }
  // Each item takes a character and a separator.
  const double room = static_cast<double>(bytes_.size() - scan_.position()) / 2.0 + 1.0;
  if (n->value > room) {
    return at(ErrorCode::TruncatedFile, count,
              "the list " + shown(p.name) + " in " + record(e, index) + " claims " + quoted(count.text) +
                  " items, more than the rest of the file can hold: the file is cut short, or this count is wrong.");
  }
  for (auto j = static_cast<std::uint64_t>(n->value); j > 0; --j)
    if (scan_.word().text.empty()) return cut_short(e, index, true);
  return std::nullopt;
}

std::optional<Error> AsciiReader::read(const PlyElement& e, const VertexLayout* v) {
  if (e.properties.empty()) return std::nullopt;  // records without properties take no text
  // Every record takes at least one word, so the loop below ends within the file whatever the
  // count says; a value takes a character and a separator, which bounds what may be reserved.
  const std::uint64_t at_most = (bytes_.size() - scan_.position() + 1) / (2 * e.properties.size());
  PointTable& t = out_.points;
  if (v) {
    const auto n = static_cast<std::size_t>(e.count < at_most ? e.count : at_most);
    t.x.reserve(n);
    t.y.reserve(n);
    t.z.reserve(n);
    t.source_line.reserve(n);
  }
  for (std::uint64_t i = 0; i < e.count; ++i) {
    double xyz[3] = {0, 0, 0};
    int line = 0;
    for (std::size_t k = 0; k < e.properties.size(); ++k) {
      const PlyProperty& p = e.properties[k];
      const Word w = scan_.word();
      if (w.text.empty()) return cut_short(e, i, k > 0);
      if (k == 0) line = w.line;
      if (p.is_list) {
        if (auto error = skip_list(e, i, p, w)) return error;
        continue;
      }
      const int a = v ? v->axis_of[k] : -1;
      if (a < 0) continue;  // a value we do not need is not even parsed
      const auto n = read_number(w.text, false);
      if (!n) return at(ErrorCode::InvalidNumber, w, std::string("the ") + kAxisNames[a] + " of " + record(e, i) + ", " + quoted(w.text) + ", is not a number.");
      if (!std::isfinite(n->value)) {
        Error error = at(ErrorCode::NonFiniteValue, w, std::string("the ") + kAxisNames[a] + " of " + record(e, i) + ", " + quoted(w.text) +
                                                           ", is not a finite number; repair or remove this vertex.");
        error.point = static_cast<long>(i);
        return error;
      }
      xyz[a] = n->value;
      ColumnFormat& f = t.format[a];
      f.decimals = f.decimals > n->decimals ? f.decimals : n->decimals;
      f.exponent = f.exponent || n->exponent;
    }
    if (v) {
      t.x.push_back(xyz[0]);
      t.y.push_back(xyz[1]);
      t.z.push_back(xyz[2]);
      t.source_line.push_back(line);
    }
  }
  return std::nullopt;
}

std::optional<Warning> AsciiReader::trailing() {
  const Word w = scan_.word();
  if (w.text.empty()) return std::nullopt;
  return Warning{WarningCode::TrailingData,
                 "Line " + std::to_string(w.line) + ", column " + std::to_string(scan_.column(w)) +
                     ": the text after the last element is ignored. If the header's counts are wrong, the points may be too."};
}

}  // namespace

Outcome<PointFile> read_ply(std::string_view bytes) {
  const Outcome<PlyHeader> header = read_ply_header(bytes);
  if (!header.ok()) return header.error();
  const PlyHeader& h = header.value();
  const Outcome<VertexLayout> layout = find_vertex(h);
  if (!layout.ok()) return layout.error();
  const VertexLayout& v = layout.value();

  PointFile out;
  out.format = h.encoding == PlyEncoding::Ascii                ? PointFileFormat::PlyAscii
               : h.encoding == PlyEncoding::BinaryLittleEndian ? PointFileFormat::PlyBinaryLittleEndian
                                                               : PointFileFormat::PlyBinaryBigEndian;
  std::uint64_t faces = 0;
  for (const PlyElement& e : h.elements)
    if (e.name == "face") faces += e.count < std::numeric_limits<std::uint64_t>::max() - faces ? e.count : 0;
  out.faces = faces < std::numeric_limits<std::size_t>::max() ? static_cast<std::size_t>(faces) : std::numeric_limits<std::size_t>::max();

  const bool ascii = h.encoding == PlyEncoding::Ascii;
  BinaryReader binary(bytes, h.data_start, h.encoding == PlyEncoding::BinaryBigEndian, out);
  AsciiReader text(bytes, h, out);
  bool damaged = false;
  for (std::size_t i = 0; i < h.elements.size() && !damaged; ++i) {
    const PlyElement& e = h.elements[i];
    const bool vertex = i == v.element;
    std::optional<Error> error = ascii ? text.read(e, vertex ? &v : nullptr) : vertex ? binary.read_vertices(e, v) : binary.skip(e);
    if (!error) continue;
    if (i <= v.element) return *error;
    // The points are complete; what follows them is not needed for the fit.
    out.warnings.push_back({WarningCode::IncompleteFile, "The file is damaged after its vertices (" + error->message + "). All " +
                                                             grouped(out.points.size()) + " vertices were read."});
    damaged = true;
  }
  if (!damaged) {
    const std::optional<Warning> rest = ascii ? text.trailing() : binary.trailing();
    if (rest) out.warnings.push_back(*rest);
  }
  out.vertices_read = out.points.size();
  return out;
}

}  // namespace spherefit
