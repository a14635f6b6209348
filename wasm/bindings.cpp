// The only file that knows about Emscripten: adapts the core to plain JavaScript values.
//
// Everything JavaScript hands over is checked here before the core sees it: each column must be
// an array or typed array of the same length as x, each option a known name of the right type
// (the names come from the core's tables, see model/names.hpp). Columns are copied once into wasm
// memory; results leave as plain objects and fresh typed arrays, so JavaScript never holds an
// embind handle that it would have to delete. No exception crosses: the core returns values, and
// so do these.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "fit/circles/circle_distance.hpp"
#include "pipeline/fit_text.hpp"
#include "pipeline/fit_volume.hpp"
#include "read/tables/number.hpp"
#include "read/meshes/point_file.hpp"
#include "read/sniff.hpp"
#include "read/volumes/volume.hpp"
#include "report/slice_preview.hpp"

namespace {

using emscripten::val;
using namespace spherefit;

// ---- C++ → JavaScript ------------------------------------------------------------------------

template <class T>
val typed_copy(const char* type, const std::vector<T>& values) {
  return val::global(type).new_(val(emscripten::typed_memory_view(values.size(), values.data())));
}

val number_array(const double* values, int n) {
  val out = val::array();
  for (int k = 0; k < n; ++k) out.call<void>("push", values[k]);
  return out;
}

val vector3(const Eigen::Vector3d& v) { return number_array(v.data(), 3); }

template <class E, std::size_t N>
val names(const NamedValue<E> (&table)[N]) {
  val out = val::array();
  for (const NamedValue<E>& entry : table) out.call<void>("push", std::string(entry.name));
  return out;
}

val warning_list(const std::vector<Warning>& warnings) {
  val out = val::array();
  for (const Warning& w : warnings) {
    val item = val::object();
    item.set("code", std::string(warning_code_name(w.code)));
    item.set("message", w.message);
    out.call<void>("push", item);
  }
  return out;
}

val failure(const Error& e) {
  val error = val::object();
  error.set("code", std::string(error_code_name(e.code)));
  error.set("message", e.message);
  if (e.line > 0) {
    error.set("line", e.line);
    error.set("column", e.column);
  }
  if (e.offset >= 0) error.set("offset", static_cast<double>(e.offset));
  if (e.slice >= 0) error.set("slice", static_cast<double>(e.slice));
  if (e.point >= 0) error.set("point", static_cast<double>(e.point));
  if (!e.notes.empty()) {
    val notes = val::array();
    for (const std::string& n : e.notes) notes.call<void>("push", n);
    error.set("notes", notes);
  }
  val out = val::object();
  out.set("ok", false);
  out.set("error", error);
  return out;
}

val failure(ErrorCode code, const std::string& message) { return failure(Error{code, message}); }

val uncertainty_value(const std::optional<Uncertainty>& u, bool radius_fixed) {
  if (!u) return val::null();
  val out = val::object();
  out.set("center", number_array(u->std_error.data(), 3));
  out.set("radius", radius_fixed ? val::null() : val(u->std_error(3)));
  return out;
}

val uncertainty_value(const SphereFit& f) { return uncertainty_value(f.uncertainty, f.radius_fixed); }

val least_squares_value(const SphereFit& f) {
  if (!f.least_squares) return val::null();
  val out = val::object();
  out.set("center", vector3(f.least_squares->center));
  out.set("radius", f.least_squares->radius);
  out.set("stdErr", uncertainty_value(f.least_squares->uncertainty, f.radius_fixed));
  return out;
}

val covariance_value(const SphereFit& f) {
  if (!f.uncertainty || !f.uncertainty->covariance) return val::null();
  val rows = val::array();
  for (int i = 0; i < 4; ++i) {
    const Eigen::Vector4d row = f.uncertainty->covariance->row(i);
    rows.call<void>("push", number_array(row.data(), 4));
  }
  return rows;
}

val ellipsoid_value(const SphereFit& f) {
  if (!f.uncertainty) return val::null();
  const ConfidenceEllipsoid& e = f.uncertainty->ellipsoid;
  val out = val::object();
  out.set("level", 0.95);
  out.set("semiAxes", vector3(e.semi_axes));
  val axes = val::array();
  for (int k = 0; k < 3; ++k) axes.call<void>("push", vector3(e.axes.col(k)));
  out.set("axes", axes);
  return out;
}

val form_value(const FormResult& form) {
  val out = val::object();
  out.set("error", form.form_error);
  out.set("innerRadius", form.inner_radius);
  out.set("outerRadius", form.outer_radius);
  val contacts = val::array();
  for (const Contact& c : form.contacts) {
    val item = val::object();
    item.set("index", static_cast<double>(c.index));
    item.set("side", c.side > 0 ? "outer" : "inner");
    item.set("point", vector3(c.point));
    item.set("multiplier", c.multiplier);
    contacts.call<void>("push", item);
  }
  out.set("contacts", contacts);
  out.set("maxViolation", form.max_violation);
  out.set("optimalityGap", form.optimality_gap);
  out.set("unique", form.unique);
  return out;
}

val coverage_value(const Coverage& c) {
  val out = val::object();
  out.set("minLatitude", c.min_latitude_deg);
  out.set("maxLatitude", c.max_latitude_deg);
  out.set("areaFraction", c.area_fraction);
  out.set("capOnly", c.cap_only);
  return out;
}

val known_radius_value(const SphereFit& f) {
  if (!f.known_radius_check) return val::null();
  val out = val::object();
  out.set("freeRadius", f.known_radius_check->free_radius);
  out.set("freeStdErr", f.known_radius_check->free_std_error > 0.0 ? val(f.known_radius_check->free_std_error) : val::null());
  out.set("z", f.known_radius_check->free_std_error > 0.0 ? val(f.known_radius_check->z) : val::null());
  return out;
}

// A result; with_columns false leaves out the per-observation arrays (a second fit's summary).
val success(const SphereFit& f, bool with_columns = true) {
  val out = val::object();
  out.set("ok", true);
  out.set("mode", std::string(name_of(kFitModeNames, f.mode)));
  out.set("fitType", std::string(name_of(kFitTypeNames, f.fit_type)));
  out.set("center", vector3(f.center));
  out.set("radius", f.radius);
  out.set("radiusFixed", f.radius_fixed);
  out.set("stdErr", uncertainty_value(f));
  out.set("covariance", covariance_value(f));
  out.set("confidenceEllipsoid", ellipsoid_value(f));
  out.set("rms", f.rms);
  out.set("maxAbsResidual", f.max_abs_residual);
  if (with_columns) {
    out.set("residuals", typed_copy("Float64Array", f.residuals));
    out.set("inlier", typed_copy("Uint8Array", f.inlier));
    if (f.mode != FitMode::Points) {
      out.set("offsets", typed_copy("Float64Array", f.offsets));
      out.set("heights", typed_copy("Float64Array", f.heights));
    }
  }
  out.set("iterations", f.iterations);
  out.set("coverage", coverage_value(f.coverage));
  out.set("form", form_value(f.form));
  out.set("knownRadiusCheck", known_radius_value(f));
  out.set("leastSquares", least_squares_value(f));
  out.set("warnings", warning_list(f.warnings));
  return out;
}

val format_value(const ColumnFormat& f) {
  val out = val::object();
  out.set("decimals", f.decimals);
  out.set("exponent", f.exponent);
  return out;
}

// The slices as parsed, with the line each came from, how each column was typed, and each plane's
// in-plane basis (u, v) as the core defines it, so a view draws the circles the fit saw.
val slice_columns(const SliceTable& t) {
  val slices = val::object();
  slices.set("x", typed_copy("Float64Array", t.x));
  slices.set("y", typed_copy("Float64Array", t.y));
  slices.set("z", typed_copy("Float64Array", t.z));
  slices.set("r", typed_copy("Float64Array", t.r));
  if (t.has_normals) {
    slices.set("nx", typed_copy("Float64Array", t.nx));
    slices.set("ny", typed_copy("Float64Array", t.ny));
    slices.set("nz", typed_copy("Float64Array", t.nz));
  }
  if (t.has_weights) slices.set("w", typed_copy("Float64Array", t.w));
  slices.set("line", typed_copy("Int32Array", t.source_line));
  std::vector<double> u(3 * t.size()), v(3 * t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Eigen::Vector3d n = Eigen::Vector3d(t.nx[i], t.ny[i], t.nz[i]).normalized();
    const PlaneBasis basis = plane_basis(n);
    for (int k = 0; k < 3; ++k) {
      u[3 * i + k] = basis.u(k);
      v[3 * i + k] = basis.v(k);
    }
  }
  slices.set("u", typed_copy("Float64Array", u));
  slices.set("v", typed_copy("Float64Array", v));
  val formats = val::object();
  static const char* const kNames[8] = {"x", "y", "z", "r", "nx", "ny", "nz", "w"};
  for (int k = 0; k < 8; ++k) formats.set(kNames[k], format_value(t.format[k]));
  slices.set("format", formats);
  return slices;
}

// The points as read, with the line each came from (text) and how x, y, z were typed.
val point_columns(const PointTable& t) {
  val points = val::object();
  points.set("x", typed_copy("Float64Array", t.x));
  points.set("y", typed_copy("Float64Array", t.y));
  points.set("z", typed_copy("Float64Array", t.z));
  if (t.has_slices()) {
    points.set("slice", typed_copy("Int32Array", t.slice));
    val names = val::array();
    for (const std::string& n : t.slice_names) names.call<void>("push", n);
    points.set("sliceNames", names);
  }
  if (!t.source_line.empty()) points.set("line", typed_copy("Int32Array", t.source_line));
  val formats = val::object();
  static const char* const kNames[3] = {"x", "y", "z"};
  for (int k = 0; k < 3; ++k) formats.set(kNames[k], format_value(t.format[k]));
  points.set("format", formats);
  return points;
}

// What a reader found: { mode: 'circles', slices } or { mode: 'points', points }.
void set_table(val& out, const ParsedTable& table) {
  if (table.mode == InputMode::Circles) {
    out.set("slices", slice_columns(table.slices));
  } else {
    out.set("points", point_columns(table.points));
  }
}

// A contour fit's extras: the circles it derived (with each one's RMS, point count and contour
// name), each point's distance from the sphere, the direct point fit and how far apart they are.
void set_contours(val& out, const ContourDetails& d, const PointTable& points) {
  val slices = slice_columns(d.circles.circles);
  slices.set("rms", typed_copy("Float64Array", d.circles.rms));
  slices.set("count", typed_copy("Int32Array", d.circles.point_count));
  slices.set("contour", typed_copy("Int32Array", d.circles.contour));
  val names = val::array();
  for (std::int32_t c : d.circles.contour) names.call<void>("push", points.slice_names[static_cast<std::size_t>(c)]);
  slices.set("name", names);
  out.set("slices", slices);
  out.set("points", point_columns(points));
  out.set("pointResiduals", typed_copy("Float64Array", d.point_residuals));
  out.set("pointFit", success(d.point_fit, false));
  val agreement = val::object();
  agreement.set("centerDistance", d.center_distance);
  agreement.set("radiusDifference", d.radius_difference);
  out.set("agreement", agreement);
}

// What a point or mesh file held besides its points.
val point_file_value(const PointFile& f) {
  val out = val::object();
  out.set("format", std::string(point_file_format_name(f.format)));
  out.set("verticesRead", static_cast<double>(f.vertices_read));
  out.set("duplicatesMerged", static_cast<double>(f.duplicates_merged));
  out.set("faces", static_cast<double>(f.faces));
  return out;
}

val matrix_rows(const Eigen::Matrix4d& m) {
  val rows = val::array();
  for (int i = 0; i < 4; ++i) {
    const Eigen::Vector4d row = m.row(i);
    rows.call<void>("push", number_array(row.data(), 4));
  }
  return rows;
}

// A loaded volume as the page and the API describe it: geometry, labels or grey threshold.
val volume_value(int id, const VolumeInfo& info, const VolumeSummary& summary) {
  val out = val::object();
  out.set("id", id);
  out.set("format", std::string(name_of(kVolumeFormatNames, info.format)));
  const double size[3] = {static_cast<double>(info.size[0]), static_cast<double>(info.size[1]), static_cast<double>(info.size[2])};
  out.set("size", number_array(size, 3));
  val dims = val::array();
  for (std::int64_t d : info.file_dims) dims.call<void>("push", static_cast<double>(d));
  out.set("fileDims", dims);
  out.set("voxelType", std::string(name_of(kVoxelTypeNames, info.type)));
  out.set("bigEndian", info.big_endian);
  out.set("scaled", info.scaled);
  out.set("sclSlope", info.scl_slope);
  out.set("sclInter", info.scl_inter);
  out.set("affine", matrix_rows(info.affine));
  out.set("affineSource", std::string(name_of(kAffineSourceNames, info.affine_source)));
  out.set("space", info.space);
  const Eigen::Vector3d spacing(info.affine.block<3, 1>(0, 0).norm(), info.affine.block<3, 1>(0, 1).norm(),
                                info.affine.block<3, 1>(0, 2).norm());
  out.set("spacing", vector3(spacing));
  val segments = val::array();
  for (const Segment& seg : info.segments) {
    val item = val::object();
    item.set("id", seg.id);
    item.set("name", seg.name);
    item.set("labelValue", static_cast<double>(seg.label_value));
    item.set("layer", seg.layer);
    segments.call<void>("push", item);
  }
  out.set("segments", segments);
  out.set("labelmap", summary.labelmap);
  val labels = val::array();
  for (const LabelCount& l : summary.labels) {
    val item = val::object();
    item.set("value", l.value);
    item.set("count", static_cast<double>(l.count));
    item.set("name", l.name);
    labels.call<void>("push", item);
  }
  out.set("labels", labels);
  out.set("defaultLabel", summary.default_label ? val(*summary.default_label) : val::null());
  if (summary.iso50) {
    val iso = val::object();
    iso.set("threshold", summary.iso50->threshold);
    iso.set("background", summary.iso50->background);
    iso.set("material", summary.iso50->material);
    val peaks = val::array();
    for (const HistogramPeak& peak : summary.iso50->peaks) {
      val item = val::object();
      item.set("value", peak.value);
      item.set("height", peak.height);
      item.set("prominence", peak.prominence);
      peaks.call<void>("push", item);
    }
    iso.set("peaks", peaks);
    out.set("iso50", iso);
  } else {
    out.set("iso50", val::null());
  }
  std::vector<Warning> warnings = info.warnings;
  warnings.insert(warnings.end(), summary.warnings.begin(), summary.warnings.end());
  out.set("warnings", warning_list(warnings));
  return out;
}

// A volume fit's extras: what was contoured, every slice with its status, the centre in voxels.
void set_volume_fit(val& out, const VolumeFit& f) {
  set_contours(out, f.contours.details, f.extracted.points);
  val selection = val::object();
  selection.set(f.selector.kind == ContourSelector::Kind::Label ? "label" : "threshold", f.selector.value);
  selection.set("axis", f.extracted.axis);
  out.set("selection", selection);
  std::vector<std::int32_t> index, status, contour, points;
  for (const VolumeSlice& slice : f.extracted.slices) {
    index.push_back(static_cast<std::int32_t>(slice.index));
    status.push_back(static_cast<std::int32_t>(slice.status));
    contour.push_back(slice.contour);
    points.push_back(static_cast<std::int32_t>(slice.point_count));
  }
  val slices = val::object();
  slices.set("index", typed_copy("Int32Array", index));
  slices.set("status", typed_copy("Int32Array", status));  // indices into vocabulary.sliceStatuses
  slices.set("contour", typed_copy("Int32Array", contour));
  slices.set("pointCount", typed_copy("Int32Array", points));
  out.set("volumeSlices", slices);
  out.set("centerVoxel", vector3(f.center_voxel));
}

// ---- JavaScript → C++ ------------------------------------------------------------------------

bool is_object(const val& v) { return !v.isNull() && v.typeOf().as<std::string>() == "object"; }

bool is_array_like(const val& v) {
  if (!v.isArray() && !val::global("ArrayBuffer").call<bool>("isView", v)) return false;
  return !v.instanceof(val::global("DataView"));
}

// Bytes from a Uint8Array (or any typed array, read as its bytes) or an ArrayBuffer, copied once.
std::optional<Error> read_bytes(const val& v, std::string& out) {
  val bytes = v;
  if (v.instanceof(val::global("ArrayBuffer"))) bytes = val::global("Uint8Array").new_(v);
  else if (val::global("ArrayBuffer").call<bool>("isView", v)) {
    bytes = val::global("Uint8Array").new_(v["buffer"], v["byteOffset"], v["byteLength"]);
  } else {
    return Error{ErrorCode::InvalidColumns, "The file's bytes must be a Uint8Array or an ArrayBuffer."};
  }
  const std::size_t n = bytes["length"].as<std::size_t>();
  out.resize(n);
  if (n > 0) val(emscripten::typed_memory_view(n, reinterpret_cast<std::uint8_t*>(out.data()))).call<void>("set", bytes);
  return std::nullopt;
}

// A named column: absent (undefined or null), or an array of `count` numbers.
// A column's storage in wasm memory: not zeroed first, since TypedArray.set fills it at once (for
// 10⁶ points the zeroing was a fifth of the call).
template <class T>
struct Uninitialised : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = Uninitialised<U>;
  };
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) ::new (static_cast<void*>(p)) U;
    else ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
using Column = std::vector<double, Uninitialised<double>>;

Column copy_numbers(const val& array) {
  Column out(array["length"].as<std::size_t>());
  if (!out.empty()) val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", array);
  return out;
}

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
    out.error = Error{ErrorCode::InvalidColumns,
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

struct SliceColumns {
  Column x, y, z, r, nx, ny, nz, w;
  SliceColumnsView view;
};

// Every column checked and copied; the view points into this struct's vectors.
std::optional<Error> read_slice_columns(const val& columns, SliceColumns& out) {
  if (!is_object(columns)) {
    return Error{ErrorCode::InvalidColumns, "The slices must be an object of columns { x, y, z, r, nx?, ny?, nz?, w? }."};
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
    return Error{ErrorCode::MissingColumn, "A plane normal needs all three columns nx, ny and nz (or none: slices along Z)."};
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

// Slice ids as integers or text: each distinct id becomes a contour 0, 1, … in order of first
// appearance, and its name the id as given.
std::optional<Error> read_slice_ids(const val& column, std::size_t n, PointTable& out) {
  if (!is_array_like(column)) return Error{ErrorCode::InvalidColumns, "Column slice is not an array; give one id per point."};
  if (column["length"].as<std::size_t>() != n) {
    return Error{ErrorCode::InvalidColumns, "Column slice has " + std::to_string(column["length"].as<std::size_t>()) +
                                                " values but x has " + std::to_string(n) + "; give every point a slice id."};
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
      if (!v.isString()) return Error{ErrorCode::InvalidColumns, "Slice id " + std::to_string(i + 1) + " is not text like the others."};
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

// Points: a plain cloud stays in its three columns (a view, no further copy); with slice ids the
// points are contours and go into a PointTable.
struct PointColumns {
  Column x, y, z;
  std::optional<PointTable> contours;
  PointColumnsView view() const {
    PointColumnsView v;
    v.count = x.size();
    v.x = x.data();
    v.y = y.data();
    v.z = z.data();
    return v;
  }
};

std::optional<Error> read_point_columns(const val& columns, PointColumns& out) {
  if (!is_object(columns)) return Error{ErrorCode::InvalidColumns, "The points must be an object of columns { x, y, z, slice? }."};
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

template <class E, std::size_t N>
std::optional<Error> read_name(const val& options, const char* key, const NamedValue<E> (&table)[N], E& target) {
  const val v = options[key];
  if (v.isUndefined() || v.isNull()) return std::nullopt;
  std::string allowed;
  for (const NamedValue<E>& entry : table) allowed += (allowed.empty() ? "'" : ", '") + std::string(entry.name) + "'";
  if (!v.isString()) return bad_option(std::string(key) + " must be one of " + allowed + ".");
  const std::string name = v.as<std::string>();
  const std::optional<E> value = value_named(table, name);
  if (!value) return bad_option(std::string(key) + " must be one of " + allowed + ", not '" + name + "'.");
  target = *value;
  return std::nullopt;
}

// A length option: a number, or text as typed in a form field (decimal comma and Unicode minus
// read as the data parser reads them); undefined, null or empty text: not given.
std::optional<Error> read_length(const val& options, const char* key, const char* what, std::optional<double>& target) {
  const val v = options[key];
  if (v.isUndefined() || v.isNull()) return std::nullopt;
  if (v.isNumber()) {
    target = v.as<double>();
    return std::nullopt;
  }
  if (v.isString()) {
    std::string text = v.as<std::string>();
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return std::nullopt;
    text = text.substr(first, text.find_last_not_of(" \t") - first + 1);
    if (const auto n = read_number(text, true)) {
      target = n->value;
      return std::nullopt;
    }
    return bad_option(std::string("The ") + what + " '" + text + "' is not a number.");
  }
  return bad_option(std::string(key) + " must be a number.");
}

// Options: every key known, every value of the right type; the core then checks the values.
std::optional<Error> read_options(const val& options, FitOptions& o) {
  if (options.isUndefined() || options.isNull()) return std::nullopt;
  if (!is_object(options)) return bad_option("The options must be an object.");
  static const char* const kKnown[] = {"weights", "mode", "fitType", "robust", "radius",
                                       "minRadius", "maxRadius", "units", "maxIterations"};
  const val keys = val::global("Object").call<val>("keys", options);
  const int count = keys["length"].as<int>();
  for (int k = 0; k < count; ++k) {
    const std::string key = keys[k].as<std::string>();
    bool known = false;
    for (const char* name : kKnown) known = known || key == name;
    if (!known) {
      return bad_option("Unknown option '" + key +
                        "'; the options are weights, mode, fitType, robust, radius, minRadius, maxRadius, units "
                        "and maxIterations.");
    }
  }
  if (auto e = read_name(options, "weights", kWeightModeNames, o.weights)) return e;
  if (auto e = read_name(options, "mode", kInputModeNames, o.mode)) return e;
  if (auto e = read_name(options, "fitType", kFitTypeNames, o.fit_type)) return e;
  const val robust = options["robust"];
  if (!robust.isUndefined() && !robust.isNull()) {
    if (!robust.isTrue() && !robust.isFalse()) return bad_option("robust must be true or false.");
    o.robust = robust.isTrue();
  }
  if (auto e = read_length(options, "radius", "known radius", o.known_radius)) return e;
  if (auto e = read_length(options, "minRadius", "smallest radius", o.min_radius)) return e;
  if (auto e = read_length(options, "maxRadius", "largest radius", o.max_radius)) return e;
  const val units = options["units"];
  if (!units.isUndefined() && !units.isNull()) {
    if (!units.isString()) return bad_option("units must be text, such as 'mm'.");
    o.units = units.as<std::string>();
  }
  const val iterations = options["maxIterations"];
  if (!iterations.isUndefined() && !iterations.isNull()) {
    const double n = iterations.isNumber() ? iterations.as<double>() : NAN;
    if (!(n >= 1 && n <= 10000 && n == std::floor(n))) return bad_option("maxIterations must be a whole number from 1 to 10000.");
    o.max_iterations = static_cast<int>(n);
  }
  return check_options(o);
}

// ---- The exported functions ------------------------------------------------------------------

// The file name (optional) is a hint for the reader: .xyz, .pts and .asc are point lists.
std::optional<Error> read_file_name(const val& name, std::string& out) {
  if (name.isUndefined() || name.isNull()) return std::nullopt;
  if (!name.isString()) return bad_option("The file name must be text.");
  out = name.as<std::string>();
  return std::nullopt;
}

val parse(const val& text, const val& options) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  if (!text.isString()) return failure(ErrorCode::EmptyInput, "The data must be text.");
  ParseOptions read;
  read.mode = o.mode;
  const Outcome<ParsedTable> parsed = parse_table(text.as<std::string>(), read);
  if (!parsed.ok()) return failure(parsed.error());
  val out = val::object();
  out.set("ok", true);
  out.set("mode", std::string(name_of(kInputModeNames, parsed.value().mode)));
  set_table(out, parsed.value());
  out.set("warnings", warning_list(parsed.value().warnings));
  return out;
}

val fit_columns(const val& columns, const val& options) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  SliceColumns slices;
  if (auto e = read_slice_columns(columns, slices)) return failure(*e);
  const Outcome<SphereFit> fit = fit_sphere(slices.view, o);
  return fit.ok() ? success(fit.value()) : failure(fit.error());
}

val fit_points(const val& columns, const val& options) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  PointColumns points;
  if (auto e = read_point_columns(columns, points)) return failure(*e);
  if (points.contours) {
    const Outcome<ContourFit> fit = fit_contours(*points.contours, o);
    if (!fit.ok()) return failure(fit.error());
    val out = success(fit.value().fit);
    set_contours(out, fit.value().details, *points.contours);
    return out;
  }
  const Outcome<SphereFit> fit = fit_sphere(points.view(), o);
  return fit.ok() ? success(fit.value()) : failure(fit.error());
}

val fit_text_value(const val& text, const val& options, const val& file_name) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  std::string name;
  if (auto e = read_file_name(file_name, name)) return failure(*e);
  if (!text.isString()) return failure(ErrorCode::EmptyInput, "The data must be text.");
  const Outcome<TextFit> fit = fit_text(text.as<std::string>(), o, name);
  if (!fit.ok()) return failure(fit.error());
  val out = success(fit.value().fit);
  if (fit.value().contours) set_contours(out, *fit.value().contours, fit.value().table.points);
  else set_table(out, fit.value().table);
  return out;
}

val sniff(const val& head, const val& file_name) {
  std::string bytes, name;
  if (read_bytes(head, bytes) || read_file_name(file_name, name)) return val("unknown");
  return val(std::string(name_of(kFileKindNames, sniff_file(bytes, name))));
}

val fit_point_file_value(const val& bytes, const val& options, const val& file_name) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  std::string data, name;
  if (auto e = read_file_name(file_name, name)) return failure(*e);
  if (auto e = read_bytes(bytes, data)) return failure(*e);
  const Outcome<TextFit> fit = fit_point_file(data, o, name);
  if (!fit.ok()) return failure(fit.error());
  val out = success(fit.value().fit);
  set_table(out, fit.value().table);
  out.set("file", point_file_value(*fit.value().file));
  return out;
}

// Loaded volumes live here between calls, by id: the voxels (streamed in by JavaScript once),
// what the header said, the labels or threshold found once, and the last fit (for previews).
struct LoadedVolume {
  VolumeInfo info;
  std::uint8_t* voxels = nullptr;  // malloc'd, data_bytes long
  std::optional<Volume> volume;
  VolumeSummary summary;
  std::optional<VolumeFit> last;
};
std::map<int, LoadedVolume> volumes;
int next_volume_id = 1;

void release(LoadedVolume& v) {
  std::free(v.voxels);
  v.voxels = nullptr;
}

// head: the first bytes of the (decompressed) stream; stream_size: the stream's size, or −1;
// stream_error: why decompressing the file's start failed, if it did. Returns the header and a
// Uint8Array over wasm memory for JavaScript to fill with the voxels.
val volume_open(const val& head, const val& file_name, double stream_size, const val& stream_error) {
  std::string bytes, name;
  if (auto e = read_bytes(head, bytes)) return failure(*e);
  if (auto e = read_file_name(file_name, name)) return failure(*e);
  if (stream_error.isString()) {
    Error e{ErrorCode::InvalidFile, "The file starts as gzip but could not be decompressed (" +
                                        stream_error.as<std::string>() + "): it is damaged or cut short; save it again."};
    e.offset = 0;
    return failure(e);
  }
  Outcome<VolumeInfo> info = read_volume_header(bytes, name, std::isfinite(stream_size) ? static_cast<std::int64_t>(stream_size) : -1);
  if (!info.ok()) return failure(info.error());
  const std::uint64_t size = info.value().data_bytes;
  auto* voxels = static_cast<std::uint8_t*>(std::malloc(static_cast<std::size_t>(std::max<std::uint64_t>(size, 1))));
  if (voxels == nullptr) {
    return failure(ErrorCode::UnsupportedFile, "This volume's voxels take " + std::to_string(size >> 20) +
                                                   " MB, more than this page can hold; crop or resample it first.");
  }
  const int id = next_volume_id++;
  LoadedVolume& v = volumes[id];
  v.info = std::move(info.value());
  v.voxels = voxels;
  val out = val::object();
  out.set("ok", true);
  out.set("id", id);
  out.set("dataOffset", static_cast<double>(v.info.data_offset));
  out.set("dataBytes", static_cast<double>(size));
  out.set("dataGzip", v.info.data_gzip);
  out.set("dataCompression", std::string(name_of(kDataCompressionNames, v.info.data_compression)));
  out.set("dataFile", v.info.data_file);            // a detached header's data file, or ""
  out.set("dataAtEnd", v.info.data_at_end);         // its offset waits for volumeAttach
  out.set("dataSkip", static_cast<double>(v.info.data_skip));
  out.set("voxels", val(emscripten::typed_memory_view(static_cast<std::size_t>(size), voxels)));
  return out;
}

LoadedVolume* find_volume(int id) {
  const auto it = volumes.find(id);
  return it == volumes.end() ? nullptr : &it->second;
}

val no_volume() { return failure(ErrorCode::InvalidOption, "No such volume: it was released, or never opened."); }

// A detached header's data file (dataFile of volumeOpen), found by the caller, of data_file_size
// bytes: checks that it can hold the voxels and resolves where they start in it.
val volume_attach(int id, double data_file_size) {
  LoadedVolume* v = find_volume(id);
  if (v == nullptr || v->voxels == nullptr) return no_volume();
  const Outcome<VolumeInfo> attached =
      attach_data_file(v->info, std::isfinite(data_file_size) ? static_cast<std::int64_t>(data_file_size) : -1);
  if (!attached.ok()) return failure(attached.error());
  v->info = attached.value();
  val out = val::object();
  out.set("ok", true);
  out.set("dataOffset", static_cast<double>(v->info.data_offset));
  return out;
}

// received: how many voxel bytes JavaScript wrote; stream_error: the decompressor's complaint when
// it failed (else undefined). Checks them, finds labels or the threshold.
val volume_finish(int id, double received, const val& stream_error) {
  LoadedVolume* v = find_volume(id);
  if (v == nullptr || v->voxels == nullptr) return no_volume();
  if (stream_error.isString()) {
    const Error e = damaged_voxel_data(v->info, static_cast<std::uint64_t>(received), stream_error.as<std::string>());
    release(*v);
    volumes.erase(id);
    return failure(e);
  }
  Outcome<Volume> volume = make_volume(v->info, v->voxels, static_cast<std::size_t>(received));
  if (!volume.ok()) {
    release(*v);
    volumes.erase(id);
    return failure(volume.error());
  }
  v->volume = volume.value();
  v->summary = summarize_volume(*v->volume);
  val out = val::object();
  out.set("ok", true);
  out.set("volume", volume_value(id, v->info, v->summary));
  return out;
}

std::optional<Error> read_selection(const val& selection, VolumeSelection& out) {
  if (selection.isUndefined() || selection.isNull()) return std::nullopt;
  if (!is_object(selection)) return bad_option("The volume selection must be an object { label } or { threshold }.");
  if (auto e = read_length(selection, "label", "label", out.label)) return e;
  if (auto e = read_length(selection, "threshold", "threshold", out.threshold)) return e;
  const val axis = selection["axis"];
  if (!axis.isUndefined() && !axis.isNull()) {
    const double a = axis.isNumber() ? axis.as<double>() : NAN;
    if (!(a == 0 || a == 1 || a == 2)) return bad_option("The slice axis must be 0, 1 or 2 (i, j or k).");
    out.axis = static_cast<int>(a);
  }
  return std::nullopt;
}

val volume_fit(int id, const val& selection, const val& options) {
  LoadedVolume* v = find_volume(id);
  if (v == nullptr || !v->volume) return no_volume();
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  VolumeSelection chosen;
  if (auto e = read_selection(selection, chosen)) return failure(*e);
  Outcome<VolumeFit> fit = fit_volume(*v->volume, v->summary, chosen, o);
  if (!fit.ok()) return failure(fit.error());
  v->last = std::move(fit.value());
  val out = success(v->last->contours.fit);
  set_volume_fit(out, *v->last);
  return out;
}

// The slice `index` along `axis` as an 8-bit picture, with its contour and the sphere's circle
// from the last fit.
val volume_preview(int id, int axis, double index) {
  LoadedVolume* v = find_volume(id);
  if (v == nullptr || !v->volume) return no_volume();
  PreviewStyle style;
  std::vector<Eigen::Vector3d> contour;
  std::optional<std::pair<Eigen::Vector3d, double>> sphere;
  style.labelmap = v->summary.labelmap;
  if (v->summary.iso50) {
    style.low = v->summary.iso50->background;
    style.high = v->summary.iso50->material;
  }
  if (v->last) {
    const VolumeFit& f = *v->last;
    if (f.selector.kind == ContourSelector::Kind::Label) style.label = f.selector.value;
    sphere = std::make_pair(f.contours.fit.center, f.contours.fit.radius);
    if (f.extracted.axis == axis) {
      for (const VolumeSlice& slice : f.extracted.slices) {
        if (slice.index != static_cast<std::int64_t>(index) || slice.contour < 0) continue;
        const PointTable& p = f.extracted.points;
        for (std::size_t i = 0; i < p.size(); ++i)
          if (p.slice[i] == slice.contour) contour.emplace_back(p.x[i], p.y[i], p.z[i]);
      }
    }
  } else if (v->summary.default_label) {
    style.label = *v->summary.default_label;
  }
  const Outcome<SlicePreview> p = preview_slice(*v->volume, axis, static_cast<std::int64_t>(index), style, contour, sphere);
  if (!p.ok()) return failure(p.error());
  val out = val::object();
  out.set("ok", true);
  out.set("width", p.value().width);
  out.set("height", p.value().height);
  out.set("axisU", p.value().axis_u);
  out.set("axisV", p.value().axis_v);
  out.set("stride", p.value().stride);
  out.set("spacingU", p.value().spacing_u);
  out.set("spacingV", p.value().spacing_v);
  out.set("pixels", typed_copy("Uint8Array", p.value().pixels));
  out.set("contour", typed_copy("Float64Array", p.value().contour));
  out.set("circle", typed_copy("Float64Array", p.value().circle));
  return out;
}

void volume_release(int id) {
  if (LoadedVolume* v = find_volume(id)) release(*v);
  volumes.erase(id);
}

// Options (and a volume selection) checked as every fit checks them, without data: for a caller
// that wants to refuse bad ones before reading any file (the command line's usage errors).
val check_options_value(const val& options, const val& selection) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  VolumeSelection chosen;
  if (auto e = read_selection(selection, chosen)) return failure(*e);
  val out = val::object();
  out.set("ok", true);
  return out;
}

val vocabulary() {
  val out = val::object();
  out.set("errorCodes", names(kErrorCodeNames));
  out.set("warningCodes", names(kWarningCodeNames));
  out.set("weightModes", names(kWeightModeNames));
  out.set("inputModes", names(kInputModeNames));
  out.set("fitTypes", names(kFitTypeNames));
  out.set("fitModes", names(kFitModeNames));
  out.set("fileKinds", names(kFileKindNames));
  out.set("pointFileFormats", names(kPointFileFormatNames));
  out.set("sliceStatuses", names(kSliceContourStatusNames));
  out.set("maxUnitsLength", static_cast<int>(kMaxUnitsLength));
  return out;
}

// Bytes the allocator holds for live objects: the leak test reads it before and after many fits.
// Not part of the library's API (web/src/spherefit.js does not expose it).
double heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

std::string version() { return SPHEREFIT_VERSION; }

}  // namespace

EMSCRIPTEN_BINDINGS(spherefit) {
  emscripten::function("parse", &parse);
  emscripten::function("fitColumns", &fit_columns);
  emscripten::function("fitPoints", &fit_points);
  emscripten::function("fitText", &fit_text_value);
  emscripten::function("sniff", &sniff);
  emscripten::function("fitPointFile", &fit_point_file_value);
  emscripten::function("volumeOpen", &volume_open);
  emscripten::function("volumeAttach", &volume_attach);
  emscripten::function("volumeFinish", &volume_finish);
  emscripten::function("volumeFit", &volume_fit);
  emscripten::function("volumePreview", &volume_preview);
  emscripten::function("volumeRelease", &volume_release);
  emscripten::function("checkOptions", &check_options_value);
  emscripten::function("vocabulary", &vocabulary);
  emscripten::function("heapInUse", &heap_in_use);
  emscripten::function("version", &version);
}
