#include "pipeline/shape_check.hpp"

#include <vector>

#include "fit/ellipsoid/ellipsoid_fit.hpp"
#include "report/shape_verdict.hpp"

namespace spherefit {
namespace {

// The points the sphere used: all of them, or the robust fit's inliers (slice ids kept).
struct UsedPoints {
  std::vector<double> x, y, z;
  std::vector<std::int32_t> slice;
};

bool every_point_used(const SphereFit& sphere, std::size_t count) {
  if (sphere.inlier.size() != count) return true;
  for (std::uint8_t used : sphere.inlier)
    if (!used) return false;
  return true;
}

UsedPoints used_points(const PointColumnsView& points, const std::vector<std::uint8_t>& inlier) {
  UsedPoints out;
  for (std::size_t i = 0; i < points.count; ++i) {
    if (!inlier[i]) continue;
    out.x.push_back(points.x[i]);
    out.y.push_back(points.y[i]);
    out.z.push_back(points.z[i]);
    if (points.slice != nullptr) out.slice.push_back(points.slice[i]);
  }
  return out;
}

// The least-squares sphere the verdict compares with (the fit itself, or a form fit's reference):
// its centre, radius and uncertainty only, not a copy of its per-point columns.
SphereFit least_squares_sphere(const SphereFit& fit) {
  SphereFit s;
  s.center = fit.least_squares ? fit.least_squares->center : fit.center;
  s.radius = fit.least_squares ? fit.least_squares->radius : fit.radius;
  s.uncertainty = fit.least_squares ? fit.least_squares->uncertainty : fit.uncertainty;
  return s;
}

}  // namespace

std::optional<Error> shape_needs_points(const FitOptions& options) {
  if (options.shape == Shape::Sphere) return std::nullopt;
  return Error{ErrorCode::InvalidOption, std::string("A ") + name_of(kShapeNames, options.shape) +
                                             " is fitted to points, contours or a volume; slice circles (x, y, z, r) "
                                             "determine only a sphere. Choose Shape: sphere, or give the points."};
}

std::optional<Error> check_shape(const PointColumnsView& given, const SphereFit& fitted, const FitOptions& options,
                                 SphereFit& out) {
  UsedPoints kept;
  PointColumnsView points = given;
  if (!every_point_used(fitted, given.count)) {
    kept = used_points(given, fitted.inlier);
    points = {kept.x.size(), kept.x.data(), kept.y.data(), kept.z.data(),
              kept.slice.empty() ? nullptr : kept.slice.data()};
  }
  const SphereFit sphere = least_squares_sphere(fitted);
  EllipsoidOptions o;
  o.max_iterations = options.max_iterations;
  o.sphere_center = sphere.center;
  o.sphere_radius = sphere.radius;
  o.units = options.units;

  std::optional<EllipsoidFit> requested;
  if (options.shape != Shape::Sphere) {
    Outcome<EllipsoidFit> full = fit_ellipsoid(points, options.shape, o);
    if (!full.ok()) return full.error();
    requested = std::move(full.value());
  }
  // The verdict's ellipsoid: the requested one when it is the general ellipsoid of every point,
  // else the sample's (the sphere fit has checked every value).
  std::optional<EllipsoidFit> best;
  if (requested && requested->shape == Shape::Ellipsoid) {
    best = requested;
  } else {
    o.max_points = kVerdictSample;
    o.checked = true;
    Outcome<EllipsoidFit> sample = fit_ellipsoid(points, Shape::Ellipsoid, o);
    if (sample.ok()) best = std::move(sample.value());
  }
  if (best) {
    ShapeVerdictOptions v;
    v.units = options.units;
    v.tolerance = options.shape_tolerance;
    out.shape_verdict = judge_shape(points, sphere, *best, v);
    if (auto w = not_sphere_warning(*out.shape_verdict)) out.warnings.push_back(*w);
  }
  if (requested) {
    out.warnings.insert(out.warnings.end(), requested->warnings.begin(), requested->warnings.end());
    out.ellipsoid = std::move(requested);
    out.shape = options.shape;
  } else {
    out.ellipsoid = std::move(best);
  }
  return std::nullopt;
}

}  // namespace spherefit
