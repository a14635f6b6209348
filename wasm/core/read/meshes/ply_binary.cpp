#include "read/meshes/ply_binary.hpp"

#include <cmath>
#include <cstdint>
#include <string>

#include "read/meshes/bytes.hpp"
#include "read/file_error.hpp"

namespace spherefit {

// A record with lists, planned once: runs of scalars, each ended by at most one list, and where
// the coordinates sit (their run, their offset in it, their type).
struct PlyRun {
  std::size_t scalars = 0;  // bytes of the scalars before the list
  const PlyProperty* list = nullptr;
  std::size_t count_size = 0;  // bytes of the list's count (0 without a list)
  std::size_t item_size = 0;
};

struct PlyRecordPlan {
  std::vector<PlyRun> runs;
  std::size_t axis_run[3] = {0, 0, 0};
  std::size_t axis_offset[3] = {0, 0, 0};
  PlyType axis_type[3] = {};
};

namespace {

double load_as_double(const unsigned char* p, PlyType type, bool big) {
  switch (type) {
    case PlyType::Int8:
      return load<std::int8_t>(p, big);
    case PlyType::UInt8:
      return load<std::uint8_t>(p, big);
    case PlyType::Int16:
      return load<std::int16_t>(p, big);
    case PlyType::UInt16:
      return load<std::uint16_t>(p, big);
    case PlyType::Int32:
      return load<std::int32_t>(p, big);
    case PlyType::UInt32:
      return load<std::uint32_t>(p, big);
    case PlyType::Float32:
      return static_cast<double>(load<float>(p, big));
    case PlyType::Float64:
      return load<double>(p, big);
  }
  return 0.0;
}

// x, y, z of n records of `stride` bytes when all three have type T: the common case, one loop.
template <class T, bool Big>
void load_columns(const unsigned char* base, std::size_t n, std::size_t stride, const std::size_t offset[3],
                  PointTable& out) {
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
void load_columns(bool big, const unsigned char* base, std::size_t n, std::size_t stride, const std::size_t offset[3],
                  PointTable& out) {
  if (big)
    load_columns<T, true>(base, n, stride, offset, out);
  else
    load_columns<T, false>(base, n, stride, offset, out);
}

Error non_finite(std::uint64_t offset, const PlyElement& e, std::uint64_t index, int axis, double value) {
  return binary_error(ErrorCode::NonFiniteValue, offset, ply_record(e, index), static_cast<long>(index),
                      std::string("the ") + kPlyAxisNames[axis] + " coordinate is " +
                          (std::isnan(value) ? "NaN" : "infinite") +
                          "; points need finite coordinates: repair or remove this vertex.");
}

PlyRecordPlan plan_of(const PlyElement& e, const PlyVertexLayout* v) {
  PlyRecordPlan plan;
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
    case PlyType::Int8:
      return load<std::int8_t>(p, big);
    case PlyType::UInt8:
      return *p;
    case PlyType::Int16:
      return load<std::int16_t>(p, big);
    case PlyType::UInt16:
      return load<std::uint16_t>(p, big);
    case PlyType::Int32:
      return load<std::int32_t>(p, big);
    default:
      return load<std::uint32_t>(p, big);
  }
}

}  // namespace

PlyBinaryRecords::PlyBinaryRecords(std::string_view bytes, std::size_t start, bool big_endian, PointTable& points)
    : data_(reinterpret_cast<const unsigned char*>(bytes.data())),
      size_(bytes.size()),
      pos_(start),
      big_(big_endian),
      points_(points) {}

std::optional<Error> PlyBinaryRecords::read(const PlyElement& e, const PlyVertexLayout* vertex) {
  if (!vertex) return skip(e);
  return e.has_lists() ? read_listed_vertices(e, *vertex) : read_fixed_vertices(e, *vertex);
}

Error PlyBinaryRecords::cut_short(const PlyElement& e, std::uint64_t index, bool inside) const {
  const bool vertex = e.name == "vertex";
  return binary_error(ErrorCode::TruncatedFile, pos_, ply_record(e, index), vertex ? static_cast<long>(index) : -1,
                      (inside ? "the file ends inside this " + ply_name(e.name) : std::string("the file ends here")) +
                          "; it holds " + grouped(index) + " of the " + ply_announced(e) +
                          " the header announces. The file is cut short, or its header is wrong.");
}

// One record of e at pos_, lists and all. With xyz, the coordinates go there and their offsets to at.
std::optional<Error> PlyBinaryRecords::walk_record(const PlyElement& e, const PlyRecordPlan& plan, std::uint64_t index,
                                                   long point, double xyz[3], std::size_t at[3]) {
  const std::size_t start = pos_;
  for (std::size_t r = 0; r < plan.runs.size(); ++r) {
    const PlyRun& run = plan.runs[r];
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
    if (n < 0 || static_cast<std::uint64_t>(n) > (left() - run.count_size) / run.item_size)
      return bad_count(e, run, index, point, n);
    pos_ += run.count_size + static_cast<std::size_t>(n) * run.item_size;
  }
  return std::nullopt;
}

Error PlyBinaryRecords::bad_count(const PlyElement& e, const PlyRun& run, std::uint64_t index, long point,
                                  std::int64_t n) const {
  if (n < 0) {
    return binary_error(
        ErrorCode::InvalidFile, pos_, ply_record(e, index), point,
        "the list " + ply_name(run.list->name) + " has the count " + std::to_string(n) + "; a count is ≥ 0.");
  }
  return binary_error(ErrorCode::TruncatedFile, pos_, ply_record(e, index), point,
                      "the list " + ply_name(run.list->name) + " claims " + grouped(static_cast<std::uint64_t>(n)) +
                          " items of " + std::to_string(run.item_size) + " bytes, more than the " +
                          grouped(left() - run.count_size) +
                          " bytes left in the file: the file is cut short, or this count is wrong.");
}

std::optional<Error> PlyBinaryRecords::skip(const PlyElement& e) {
  if (e.has_lists()) {
    // Every record takes at least one byte (a list count), so this loop ends within the file.
    const PlyRecordPlan plan = plan_of(e, nullptr);
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

std::optional<Error> PlyBinaryRecords::read_fixed_vertices(const PlyElement& e, const PlyVertexLayout& v) {
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
  PointTable& t = points_;
  t.x.resize(n);
  t.y.resize(n);
  t.z.resize(n);
  const unsigned char* base = data_ + pos_;
  if (type[0] == type[1] && type[1] == type[2]) {
    switch (type[0]) {
      case PlyType::Int8:
        load_columns<std::int8_t>(big_, base, n, stride, offset, t);
        break;
      case PlyType::UInt8:
        load_columns<std::uint8_t>(big_, base, n, stride, offset, t);
        break;
      case PlyType::Int16:
        load_columns<std::int16_t>(big_, base, n, stride, offset, t);
        break;
      case PlyType::UInt16:
        load_columns<std::uint16_t>(big_, base, n, stride, offset, t);
        break;
      case PlyType::Int32:
        load_columns<std::int32_t>(big_, base, n, stride, offset, t);
        break;
      case PlyType::UInt32:
        load_columns<std::uint32_t>(big_, base, n, stride, offset, t);
        break;
      case PlyType::Float32:
        load_columns<float>(big_, base, n, stride, offset, t);
        break;
      case PlyType::Float64:
        load_columns<double>(big_, base, n, stride, offset, t);
        break;
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

// Lists inside the vertex element: record by record. Each record takes at least fixed_size()
// bytes, which bounds what may be reserved.
std::optional<Error> PlyBinaryRecords::read_listed_vertices(const PlyElement& e, const PlyVertexLayout& v) {
  const std::uint64_t at_most = left() / e.fixed_size();
  const auto reserve = static_cast<std::size_t>(e.count < at_most ? e.count : at_most);
  PointTable& t = points_;
  t.x.reserve(reserve);
  t.y.reserve(reserve);
  t.z.reserve(reserve);
  const PlyRecordPlan plan = plan_of(e, &v);
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

std::optional<Warning> PlyBinaryRecords::trailing() {
  for (std::size_t i = pos_; i < size_; ++i) {
    const unsigned char c = data_[i];
    if (c == 0 || c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return Warning{WarningCode::TrailingData, "Byte " + grouped(pos_) + ": the " + grouped(size_ - pos_) +
                                                  " bytes after the last element are ignored. If the header's counts "
                                                  "or types are wrong, the points may be too."};
  }
  return std::nullopt;
}

}  // namespace spherefit
