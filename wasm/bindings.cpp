// The only file that knows about Emscripten: adapts the core to plain JavaScript values.
//
// Columns arrive as typed arrays and are copied once into wasm memory (TypedArray.set); results
// leave as plain objects and fresh typed arrays, so JavaScript never holds an embind handle that
// it would have to delete. No exception crosses: the core returns values, and so do these.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <cmath>
#include <string>
#include <vector>

#include "fit_text.hpp"

namespace {

using emscripten::val;
using namespace spherefit;

template <class T>
val typed_copy(const char* type, const std::vector<T>& values) {
  return val::global(type).new_(val(emscripten::typed_memory_view(values.size(), values.data())));
}

val number_array(const double* values, int n) {
  val out = val::array();
  for (int k = 0; k < n; ++k) out.call<void>("push", values[k]);
  return out;
}

val string_array(const std::vector<std::string>& strings) {
  val out = val::array();
  for (const std::string& s : strings) out.call<void>("push", s);
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
  if (e.slice >= 0) error.set("slice", static_cast<double>(e.slice));
  val out = val::object();
  out.set("ok", false);
  out.set("error", error);
  return out;
}

val success(const SphereFit& f) {
  val out = val::object();
  out.set("ok", true);
  out.set("center", number_array(f.center.data(), 3));
  out.set("radius", f.radius);
  out.set("radiusFixed", f.radius_fixed);
  if (f.has_uncertainty) {
    val std_err = val::object();
    std_err.set("center", number_array(f.std_error.data(), 3));
    std_err.set("radius", f.radius_fixed ? val::null() : val(f.std_error(3)));
    out.set("stdErr", std_err);
    val rows = val::array();
    for (int i = 0; i < 4; ++i) {
      const Eigen::Vector4d row = f.covariance.row(i);
      rows.call<void>("push", number_array(row.data(), 4));
    }
    out.set("covariance", f.has_covariance ? rows : val::null());
  } else {
    out.set("stdErr", val::null());
    out.set("covariance", val::null());
  }
  out.set("rms", f.rms);
  out.set("maxAbsResidual", f.max_abs_residual);
  out.set("residuals", typed_copy("Float64Array", f.residuals));
  out.set("offsets", typed_copy("Float64Array", f.offsets));
  out.set("heights", typed_copy("Float64Array", f.heights));
  out.set("inlier", typed_copy("Uint8Array", f.inlier));
  out.set("iterations", f.iterations);
  val coverage = val::object();
  coverage.set("minLatitude", f.coverage.min_latitude_deg);
  coverage.set("maxLatitude", f.coverage.max_latitude_deg);
  coverage.set("areaFraction", f.coverage.area_fraction);
  coverage.set("capOnly", f.coverage.cap_only);
  out.set("coverage", coverage);
  out.set("warnings", string_array(f.warnings));
  return out;
}

FitOptions make_options(int weights, bool robust, double known_radius) {
  FitOptions o;
  o.weights = weights == 1 ? WeightMode::Circumference : weights == 2 ? WeightMode::Column : WeightMode::Uniform;
  o.robust = robust;
  if (!std::isnan(known_radius)) o.known_radius = known_radius;  // NaN: fit the radius
  return o;
}

val fit_result(const Outcome<SphereFit>& fit) { return fit.ok() ? success(fit.value()) : failure(fit.error()); }

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
  return slices;
}

val parse(const std::string& text) {
  const Outcome<ParsedSlices> parsed = parse_slices(text);
  if (!parsed.ok()) return failure(parsed.error());
  val out = val::object();
  out.set("ok", true);
  out.set("slices", slice_columns(parsed.value().table));
  out.set("warnings", string_array(parsed.value().warnings));
  return out;
}

// columns: { x, y, z, r, nx?, ny?, nz?, w? } as Float64Arrays of one length (checked in JS).
val fit_columns(const val& columns, int weights, bool robust, double known_radius) {
  auto column = [&](const char* name) {
    const val c = columns[name];
    return c.isUndefined() || c.isNull() ? std::vector<double>{} : emscripten::convertJSArrayToNumberVector<double>(c);
  };
  const std::vector<double> x = column("x"), y = column("y"), z = column("z"), r = column("r");
  const std::vector<double> nx = column("nx"), ny = column("ny"), nz = column("nz"), w = column("w");
  SliceColumnsView view;
  view.count = x.size();
  view.x = x.data();
  view.y = y.data();
  view.z = z.data();
  view.r = r.data();
  if (!nx.empty()) {
    view.nx = nx.data();
    view.ny = ny.data();
    view.nz = nz.data();
  }
  if (!w.empty()) view.w = w.data();
  return fit_result(fit_sphere(view, make_options(weights, robust, known_radius)));
}

val fit_text_value(const std::string& text, int weights, bool robust, double known_radius) {
  const Outcome<TextFit> fit = fit_text(text, make_options(weights, robust, known_radius));
  if (!fit.ok()) return failure(fit.error());
  val out = success(fit.value().fit);
  out.set("slices", slice_columns(fit.value().slices));
  return out;
}

// Bytes the allocator holds for live objects: a leak test reads it before and after many fits.
double heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

std::string version() { return SPHEREFIT_VERSION; }

}  // namespace

EMSCRIPTEN_BINDINGS(spherefit) {
  emscripten::function("parse", &parse);
  emscripten::function("fitColumns", &fit_columns);
  emscripten::function("fitText", &fit_text_value);
  emscripten::function("heapInUse", &heap_in_use);
  emscripten::function("version", &version);
}
