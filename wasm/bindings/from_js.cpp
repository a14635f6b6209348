#include "from_js.hpp"

#include <cmath>
#include <unordered_map>

#include "read/options.hpp"

namespace spherefit::bindings {

bool is_object(const val& v) { return !v.isNull() && v.typeOf().as<std::string>() == "object"; }

bool is_array_like(const val& v) {
  if (!v.isArray() && !val::global("ArrayBuffer").call<bool>("isView", v)) return false;
  return !v.instanceof (val::global("DataView"));
}

// Bytes from a Uint8Array (or any typed array, read as its bytes) or an ArrayBuffer, copied once.
std::optional<Error> read_bytes(const val& v, std::string& out) {
  val bytes = v;
  if (v.instanceof (val::global("ArrayBuffer")))
    bytes = val::global("Uint8Array").new_(v);
  else if (val::global("ArrayBuffer").call<bool>("isView", v)) {
    bytes = val::global("Uint8Array").new_(v["buffer"], v["byteOffset"], v["byteLength"]);
  } else {
    return Error{ErrorCode::InvalidColumns, "The file's bytes must be a Uint8Array or an ArrayBuffer."};
  }
  const std::size_t n = bytes["length"].as<std::size_t>();
  out.resize(n);
  if (n > 0)
    val(emscripten::typed_memory_view(n, reinterpret_cast<std::uint8_t*>(out.data()))).call<void>("set", bytes);
  return std::nullopt;
}

Column copy_numbers(const val& array) {
  Column out(array["length"].as<std::size_t>());
  if (!out.empty()) val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", array);
  return out;
}

namespace {

struct ColumnRead {
  bool present = false;
  Column values;
  std::optional<Error> error;
};

ColumnRead read_column(const val& columns, const char* name, std::optional<std::size_t> count) {
  ColumnRead out;
  const val c = columns[name];
  if (c.isUndefined() || c.isNull()) return out;
  if (!is_array_like(c)) {
    out.error =
        Error{ErrorCode::InvalidColumns,
              std::string("Column ") + name + " is not an array; give it as an array or typed array of numbers."};
    return out;
  }
  const std::size_t length = c["length"].as<std::size_t>();
  if (count && length != *count) {
    out.error = Error{ErrorCode::InvalidColumns, std::string("Column ") + name + " has " + std::to_string(length) +
                                                     " values but x has " + std::to_string(*count) +
                                                     "; give every column one value per slice."};
    return out;
  }
  out.present = true;
  out.values = copy_numbers(c);
  return out;
}

}  // namespace

std::optional<Error> read_slice_columns(const val& columns, SliceColumns& out) {
  if (!is_object(columns)) {
    return Error{ErrorCode::InvalidColumns,
                 "The slices must be an object of columns { x, y, z, r, nx?, ny?, nz?, w? }."};
  }
  ColumnRead x = read_column(columns, "x", std::nullopt);
  if (x.error) return x.error;
  if (!x.present) return Error{ErrorCode::MissingColumn, "The slices have no x column; give x, y, z and r as arrays."};
  const std::size_t n = x.values.size();
  Column* targets[] = {&out.y, &out.z, &out.r, &out.nx, &out.ny, &out.nz, &out.w};
  const char* names[] = {"y", "z", "r", "nx", "ny", "nz", "w"};
  bool present[7] = {};
  for (int k = 0; k < 7; ++k) {
    ColumnRead c = read_column(columns, names[k], n);
    if (c.error) return c.error;
    present[k] = c.present;
    *targets[k] = std::move(c.values);
  }
  for (int k = 0; k < 3; ++k) {
    if (!present[k]) {
      return Error{ErrorCode::MissingColumn,
                   std::string("The slices have no ") + names[k] + " column; give x, y, z and r as arrays."};
    }
  }
  const int normals = present[3] + present[4] + present[5];
  if (normals != 0 && normals != 3) {
    return Error{ErrorCode::MissingColumn,
                 "A plane normal needs all three columns nx, ny and nz (or none: slices along Z)."};
  }
  out.x = std::move(x.values);
  out.view.count = n;
  out.view.x = out.x.data();
  out.view.y = out.y.data();
  out.view.z = out.z.data();
  out.view.r = out.r.data();
  if (normals == 3) {
    out.view.nx = out.nx.data();
    out.view.ny = out.ny.data();
    out.view.nz = out.nz.data();
  }
  if (present[6]) out.view.w = out.w.data();
  return std::nullopt;
}

namespace {

// Slice ids as integers or text: each distinct id becomes a contour 0, 1, … in order of first
// appearance, and its name the id as given.
std::optional<Error> read_slice_ids(const val& column, std::size_t n, PointTable& out) {
  if (!is_array_like(column))
    return Error{ErrorCode::InvalidColumns, "Column slice is not an array; give one id per point."};
  if (column["length"].as<std::size_t>() != n) {
    return Error{ErrorCode::InvalidColumns, "Column slice has " + std::to_string(column["length"].as<std::size_t>()) +
                                                " values but x has " + std::to_string(n) +
                                                "; give every point a slice id."};
  }
  std::unordered_map<std::string, std::int32_t> ids;
  out.slice.resize(n);
  const bool text = column.isArray() && n > 0 && column[0].isString();
  std::vector<double> numbers;
  if (!text) numbers = emscripten::convertJSArrayToNumberVector<double>(column);
  for (std::size_t i = 0; i < n; ++i) {
    std::string key;
    if (text) {
      const val v = column[i];
      if (!v.isString())
        return Error{ErrorCode::InvalidColumns, "Slice id " + std::to_string(i + 1) + " is not text like the others."};
      key = v.as<std::string>();
    } else {
      const double v = numbers[i];
      if (!(std::isfinite(v) && v == std::floor(v) && std::abs(v) < 9.007199254740992e15)) {
        return Error{ErrorCode::InvalidColumns, "Slice id " + std::to_string(i + 1) + " is not a whole number."};
      }
      key = std::to_string(static_cast<long long>(v));
    }
    const auto [it, added] = ids.try_emplace(key, static_cast<std::int32_t>(out.slice_names.size()));
    if (added) out.slice_names.push_back(key);
    out.slice[i] = it->second;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> read_point_columns(const val& columns, PointColumns& out) {
  if (!is_object(columns))
    return Error{ErrorCode::InvalidColumns, "The points must be an object of columns { x, y, z, slice? }."};
  ColumnRead x = read_column(columns, "x", std::nullopt);
  if (x.error) return x.error;
  if (!x.present) return Error{ErrorCode::MissingColumn, "The points have no x column; give x, y and z as arrays."};
  const std::size_t n = x.values.size();
  ColumnRead y = read_column(columns, "y", n), z = read_column(columns, "z", n);
  if (y.error) return y.error;
  if (z.error) return z.error;
  if (!y.present || !z.present) return Error{ErrorCode::MissingColumn, "The points need x, y and z columns as arrays."};
  out.x = std::move(x.values);
  out.y = std::move(y.values);
  out.z = std::move(z.values);
  const val slice = columns["slice"];
  if (!slice.isUndefined() && !slice.isNull()) {
    PointTable& table = out.contours.emplace();
    if (auto e = read_slice_ids(slice, n, table)) return e;
    table.x.assign(out.x.begin(), out.x.end());
    table.y.assign(out.y.begin(), out.y.end());
    table.z.assign(out.z.begin(), out.z.end());
  }
  return std::nullopt;
}

Error bad_option(const std::string& message) { return Error{ErrorCode::InvalidOption, message}; }

namespace {

// A JavaScript value as the core's option readers take it.
OptionValue option_value(const val& v) {
  if (v.isUndefined() || v.isNull()) return std::monostate{};
  if (v.isTrue() || v.isFalse()) return v.isTrue();
  if (v.isNumber()) return v.as<double>();
  if (v.isString()) return v.as<std::string>();
  return OtherValue{v.isArray() ? "array" : v.typeOf().as<std::string>()};
}

// Every own key of the object, each read by `read` (the core's, which knows the names).
template <class Read>
std::optional<Error> read_keys(const val& object, Read read) {
  const val keys = val::global("Object").call<val>("keys", object);
  const int count = keys["length"].as<int>();
  for (int k = 0; k < count; ++k) {
    const std::string key = keys[k].as<std::string>();
    if (auto e = read(key, option_value(object[key]))) return e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> read_options(const val& options, FitOptions& o) {
  if (options.isUndefined() || options.isNull()) return std::nullopt;
  if (!is_object(options) || options.isArray()) return bad_option("The options must be an object.");
  if (auto e = read_keys(options,
                         [&](const std::string& key, const OptionValue& v) { return read_fit_option(o, key, v); })) {
    return e;
  }
  return check_options(o);
}

std::optional<Error> read_selection(const val& selection, VolumeSelection& out) {
  if (selection.isUndefined() || selection.isNull()) return std::nullopt;
  if (!is_object(selection) || selection.isArray()) {
    return bad_option("The volume selection must be an object { label } or { threshold }.");
  }
  return read_keys(selection,
                   [&](const std::string& key, const OptionValue& v) { return read_selection_option(out, key, v); });
}

std::optional<Error> read_file_name(const val& name, std::string& out) {
  if (name.isUndefined() || name.isNull()) return std::nullopt;
  if (!name.isString()) return bad_option("The file name must be text.");
  out = name.as<std::string>();
  return std::nullopt;
}

std::optional<Error> read_index(const val& v, const char* what, std::int64_t& out) {
  const double d = v.isNumber() ? v.as<double>() : NAN;
  if (!(std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9.007199254740992e15)) {
    return bad_option(std::string("The ") + what + " must be a whole number.");
  }
  out = static_cast<std::int64_t>(d);
  return std::nullopt;
}

std::optional<Error> read_size(const val& v, const char* what, std::uint64_t& out) {
  std::int64_t n = 0;
  if (auto e = read_index(v, what, n)) return e;
  if (n < 0) return bad_option(std::string("The ") + what + " must not be negative.");
  out = static_cast<std::uint64_t>(n);
  return std::nullopt;
}

namespace {

std::optional<Error> read_numbers(const val& spec, const char* key, std::size_t count, std::vector<double>& out) {
  const val v = spec[key];
  if (!is_array_like(v) || (count > 0 && v["length"].as<std::size_t>() != count) ||
      (count == 0 && v["length"].as<std::size_t>() % 3 != 0)) {
    return bad_option(
        std::string("The slice stack's ") + key +
        (count > 0 ? " must be " + std::to_string(count) + " numbers." : " must be three numbers a slice."));
  }
  out = emscripten::convertJSArrayToNumberVector<double>(v);
  return std::nullopt;
}

}  // namespace

std::optional<Error> read_slice_stack(const val& spec, SliceStack& out) {
  if (!is_object(spec) || spec.isArray()) return bad_option("The slice stack must be an object.");
  std::int64_t columns = 0, rows = 0;
  if (auto e = read_index(spec["columns"], "slice stack's column count", columns)) return e;
  if (auto e = read_index(spec["rows"], "slice stack's row count", rows)) return e;
  out.columns = columns;
  out.rows = rows;
  const val type = spec["voxelType"];
  const std::optional<VoxelType> named =
      type.isString() ? value_named(kVoxelTypeNames, type.as<std::string>()) : std::nullopt;
  if (!named)
    return bad_option(
        "The slice stack's voxelType must be one of int8, uint8, int16, uint16, int32, uint32, float32, float64.");
  out.type = *named;
  std::vector<double> row, column, spacing, origins;
  if (auto e = read_numbers(spec, "rowDirection", 3, row)) return e;
  if (auto e = read_numbers(spec, "columnDirection", 3, column)) return e;
  if (auto e = read_numbers(spec, "pixelSpacing", 2, spacing)) return e;
  if (auto e = read_numbers(spec, "origins", 0, origins)) return e;
  out.row_direction = {row[0], row[1], row[2]};
  out.column_direction = {column[0], column[1], column[2]};
  out.row_spacing = spacing[0];
  out.column_spacing = spacing[1];
  out.origins.clear();
  for (std::size_t k = 0; k + 2 < origins.size(); k += 3)
    out.origins.emplace_back(origins[k], origins[k + 1], origins[k + 2]);
  const val names = spec["names"];
  if (names.isArray()) {
    const std::size_t n = names["length"].as<std::size_t>();
    for (std::size_t k = 0; k < n; ++k)
      out.names.push_back(names[k].isString() ? names[k].as<std::string>() : std::string());
  }
  const val segments = spec["segments"];
  if (segments.isArray()) {
    const std::size_t n = segments["length"].as<std::size_t>();
    for (std::size_t k = 0; k < n; ++k) {
      const val item = segments[k];
      std::int64_t value = 0;
      if (!is_object(item)) return bad_option("The slice stack's segments must be objects { labelValue, name }.");
      if (auto e = read_index(item["labelValue"], "segment's label value", value)) return e;
      Segment seg;
      seg.index = static_cast<int>(k + 1);
      seg.label_value = value;
      seg.id = "Segment_" + std::to_string(value);
      seg.name = item["name"].isString() ? item["name"].as<std::string>() : std::string();
      out.segments.push_back(seg);
    }
  }
  const val slope = spec["slope"], intercept = spec["intercept"];
  if (!slope.isUndefined() || !intercept.isUndefined()) {
    out.scaled = true;
    out.slope = slope.isNumber() ? slope.as<double>() : 1.0;
    out.intercept = intercept.isNumber() ? intercept.as<double>() : 0.0;
    if (!std::isfinite(out.slope) || !std::isfinite(out.intercept) || out.slope == 0.0) {
      return bad_option("The slice stack's slope and intercept must be finite numbers, the slope not 0.");
    }
  }
  return std::nullopt;
}

}  // namespace spherefit::bindings
