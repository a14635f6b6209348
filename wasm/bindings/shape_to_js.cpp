#include "shape_to_js.hpp"

#include "to_js.hpp"

namespace spherefit::bindings {

// The fitted ellipsoid (the verdict's, or the shape asked for): centre, semi-axes descending, the
// axes as unit columns (axes[k] goes with semiAxes[k]), standard uncertainties (axes: each axis's
// tilt in radians, null where undefined), and what the data leave poorly determined.
val fitted_ellipsoid_value(const EllipsoidFit& e, bool with_columns) {
  val out = val::object();
  out.set("shape", std::string(name_of(kShapeNames, e.shape)));
  out.set("center", vector3(e.center));
  out.set("semiAxes", vector3(e.semi_axes));
  val axes = val::array();
  for (int k = 0; k < 3; ++k) axes.call<void>("push", vector3(e.axes.col(k)));
  out.set("axes", axes);
  if (e.covariance) {
    val s = val::object();
    s.set("center", vector3(e.center_std_error));
    s.set("semiAxes", vector3(e.semi_axes_std_error));
    val tilt = val::array();
    for (const std::optional<double>& a : e.axis_std_error) tilt.call<void>("push", a ? val(*a) : val::null());
    s.set("axes", tilt);
    out.set("stdErr", s);
  } else {
    out.set("stdErr", val::null());
  }
  out.set("clustered", e.clustered);
  out.set("rms", e.rms);
  out.set("maxAbsResidual", e.max_abs_residual);
  out.set("pointsFitted", static_cast<double>(e.points_fitted));
  out.set("stride", static_cast<double>(e.stride));
  out.set("iterations", e.iterations);
  out.set("converged", e.converged);
  val poor = val::array();
  for (const PoorCombination& p : e.poorly_determined) {
    val item = val::object();
    item.set("description", p.description);
    item.set("stdErr", p.std_error);
    item.set("inflation", p.inflation);
    poor.call<void>("push", item);
  }
  out.set("poorlyDetermined", poor);
  if (with_columns) out.set("residuals", typed_copy("Float64Array", e.residuals));
  return out;
}

val shape_verdict_value(const ShapeVerdict& v) {
  val out = val::object();
  out.set("value", std::string(name_of(kShapeCallNames, v.call)));
  out.set("sentence", v.sentence);
  out.set("sphereNote", v.sphere_note ? val(*v.sphere_note) : val::null());
  out.set("difference", v.difference);
  out.set("differenceStdErr", v.difference_std_error);
  out.set("tolerance", v.tolerance);
  out.set("sigmas", v.sigmas);
  out.set("pValue", v.p_value);
  out.set("chiSquare", v.chi_square);
  out.set("degreesOfFreedom", v.degrees_of_freedom);
  out.set("significant", v.significant);
  out.set("beyondTolerance", v.beyond_tolerance);
  out.set("flattening", v.flattening);
  out.set("systematicResidual", v.systematic_residual);
  out.set("detectable", v.detectable);
  return out;
}

}  // namespace spherefit::bindings
