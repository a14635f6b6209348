// fit_ellipsoid: checks and the working frame (fit/points/point_set.hpp), the optional sample,
// the starts, the refinement for each shape, and the description in user units.
#include "fit/ellipsoid/ellipsoid_fit.hpp"

#include <cmath>
#include <vector>

#include "fit/ellipsoid/ellipsoid_describe.hpp"
#include "fit/ellipsoid/ellipsoid_start.hpp"
#include "fit/ellipsoid/quadric_uncertainty.hpp"
#include "fit/ellipsoid/shape_parameters.hpp"
#include "model/format.hpp"

namespace spherefit {
namespace {

// How many of its semi-axis differences' standard uncertainties make a spheroid axis worth trying.
constexpr double kAxisSignificance = 3.0;

std::size_t minimum_points(Shape shape) { return shape == Shape::Sphere ? 4 : shape == Shape::Spheroid ? 7 : 9; }

std::optional<Error> check(const PointColumnsView& points, Shape shape, const EllipsoidOptions& o) {
  if (o.max_iterations < 1) return Error{ErrorCode::InvalidOption, "The iteration limit must be at least 1."};
  if (o.units.size() > kMaxUnitsLength) {
    return Error{ErrorCode::InvalidOption, "The units label is longer than " + std::to_string(kMaxUnitsLength) +
                                               " characters; it is a label such as mm or µm."};
  }
  if (o.sphere_center.has_value() != o.sphere_radius.has_value() ||
      (o.sphere_center &&
       (!o.sphere_center->allFinite() || !std::isfinite(*o.sphere_radius) || !(*o.sphere_radius > 0.0)))) {
    return Error{ErrorCode::InvalidOption,
                 "The starting sphere needs both a finite centre and a positive radius; leave both out "
                 "to let the fit find it."};
  }
  const std::size_t minimum = minimum_points(shape);
  if (points.count < minimum || points.x == nullptr || points.y == nullptr || points.z == nullptr) {
    return Error{ErrorCode::TooFewPoints, std::string(shape == Shape::Ellipsoid ? "An " : "A ") +
                                              name_of(kShapeNames, shape) + " needs at least " +
                                              std::to_string(minimum) + " points not all in one plane (found " +
                                              grouped(points.count) + "); add points."};
  }
  return std::nullopt;
}

// The evenly strided sample: points 0, k, 2k, … with their slice ids.
struct Sample {
  std::vector<double> x, y, z;
  std::vector<std::int32_t> slice;
  PointColumnsView view() const {
    return {x.size(), x.data(), y.data(), z.data(), slice.empty() ? nullptr : slice.data()};
  }
};

Sample take_sample(const PointColumnsView& p, std::size_t stride) {
  Sample s;
  const std::size_t count = (p.count + stride - 1) / stride;
  s.x.reserve(count), s.y.reserve(count), s.z.reserve(count);
  if (p.slice) s.slice.reserve(count);
  for (std::size_t i = 0; i < p.count; i += stride) {
    s.x.push_back(p.x[i]), s.y.push_back(p.y[i]), s.z.push_back(p.z[i]);
    if (p.slice) s.slice.push_back(p.slice[i]);
  }
  return s;
}

// The starts are compared on an evenly strided sample of at most this many points: enough to tell
// a good start from a poor one, at a tenth of a pass over the verdict's sample.
constexpr std::size_t kStartSample = 2000;

QuadricRefinement<9> refine_ellipsoid(const PointSet& set, const QuadricSurface& sphere, int max_iterations) {
  EllipsoidModel model;
  const std::vector<QuadricSurface> algebraic = estimate_ellipsoids(set);
  EllipsoidModel::Vector start = EllipsoidModel::parameters_of(sphere.center, sphere.matrix);
  if (!algebraic.empty()) {
    // The sample shares the set's working frame, so the parameters carry over unchanged.
    PointSet few = set;
    Sample taken;
    if (set.size() > kStartSample) {
      taken = take_sample(set.points, (set.size() + kStartSample - 1) / kStartSample);
      few.points = taken.view();
    }
    double lowest = quadric_objective(few, model, start);
    for (const QuadricSurface& a : algebraic) {
      const EllipsoidModel::Vector other = EllipsoidModel::parameters_of(a.center, a.matrix);
      const double f = quadric_objective(few, model, other);
      if (f < lowest) start = other, lowest = f;
    }
  }
  return refine_quadric(set, model, start, 9, max_iterations);
}

// The spheroid about the ellipsoid's most distinct axis: the longest (prolate) or the shortest
// (oblate), each tried when its semi-axis stands out from the other two by kAxisSignificance
// standard uncertainties, the better kept; when neither does, the axis is undefined and held.
Outcome<EllipsoidFit> fit_spheroid(const PointSet& set, const QuadricSurface& sphere, const EllipsoidOptions& options) {
  const QuadricRefinement<9> ellipsoid = refine_ellipsoid(set, sphere, options.max_iterations);
  const ShapeFrame f = shape_frame(ellipsoid.surface);
  const auto cov = estimate_quadric_covariance(set, EllipsoidModel{}, ellipsoid, 9);
  const auto stands_out = [&](int i, int j) {
    const double gap = f.semi_axes(i) - f.semi_axes(j);
    if (!cov) return gap > 1e-9 * f.semi_axes(0);
    const ShapeJacobians<9> jac = shape_jacobians<9>(f, EllipsoidModel{}.tangent(ellipsoid.x));
    const Eigen::Matrix<double, 1, 9> row = jac.reported.row(3 + i) - jac.reported.row(3 + j);
    return gap > kAxisSignificance * std::sqrt(std::max(0.0, double(row * *cov * row.transpose())));
  };
  const bool prolate = stands_out(0, 1), oblate = stands_out(1, 2);
  struct Candidate {
    SpheroidModel model;
    QuadricRefinement<7> fit;
    int moving;
  };
  std::vector<Candidate> tried;
  const auto attempt = [&](bool long_axis, int moving) {
    Candidate c;
    const int p = long_axis ? 0 : 2;
    const double equatorial =
        long_axis ? 0.5 * (f.semi_axes(1) + f.semi_axes(2)) : 0.5 * (f.semi_axes(0) + f.semi_axes(1));
    const SpheroidModel::Vector x = c.model.parameters_of(f.center, equatorial, f.semi_axes(p), f.axes.col(p));
    c.fit = refine_quadric(set, c.model, x, moving, options.max_iterations);
    c.moving = moving;
    tried.push_back(c);
  };
  if (prolate) attempt(true, 7);
  if (oblate) attempt(false, 7);
  if (tried.empty()) attempt(f.semi_axes(0) - f.semi_axes(1) > f.semi_axes(1) - f.semi_axes(2), 5);
  const Candidate* best = &tried[0];
  for (const Candidate& c : tried)
    if (c.fit.objective < best->fit.objective) best = &c;
  return describe_quadric_fit(set, best->model, best->fit, best->moving, Shape::Spheroid, options);
}

}  // namespace

Outcome<EllipsoidFit> fit_ellipsoid(const PointColumnsView& points, Shape shape, const EllipsoidOptions& options) {
  if (auto bad = check(points, shape, options)) return *bad;
  const std::size_t minimum = minimum_points(shape);
  std::size_t stride = 1;
  Sample sample;
  PointColumnsView view = points;
  if (options.max_points > 0 && points.count > options.max_points) {
    stride = (points.count + options.max_points - 1) / options.max_points;
    // Every value is checked (and an error names its point) even when a sample is fitted, unless
    // the caller has checked them already.
    if (!options.checked) {
      const Outcome<PointSet> all = prepare_points(points, minimum);
      if (!all.ok()) return all.error();
    }
    sample = take_sample(points, stride);
    view = sample.view();
  }
  Outcome<PointSet> prepared = prepare_points(view, minimum);
  if (!prepared.ok()) {
    Error e = prepared.error();
    if (e.point >= 0 && stride > 1) {  // (only when the caller checked) the sample's point, by its input index
      e.point *= static_cast<long>(stride);
      const std::size_t colon = e.message.find(':');
      e.message = "Point " + std::to_string(e.point + 1) + (colon == std::string::npos ? "" : e.message.substr(colon));
    }
    return e;
  }
  const PointSet& set = prepared.value();
  const PointMoments moments = measure_moments(set, {});
  const Flatness flatness = measure_flatness(measure_spread(moments));
  if (flatness == Flatness::Linear) {
    return Error{ErrorCode::PointsCollinear,
                 "All points lie on one line: no surface is determined. Add points off that line."};
  }
  if (flatness == Flatness::Planar) {
    return Error{ErrorCode::PointsCoplanar, "All " + grouped(set.size()) + " points lie in one plane, so no " +
                                                name_of(kShapeNames, shape) +
                                                " is determined. Add points off that plane."};
  }
  QuadricSurface sphere;
  if (options.sphere_center) {
    sphere = sphere_surface((*options.sphere_center - set.origin) * set.inverse_scale,
                            *options.sphere_radius * set.inverse_scale);
  } else {
    Outcome<QuadricSurface> s = estimate_sphere_surface(set, moments, options.max_iterations);
    if (!s.ok()) return s.error();
    sphere = s.value();
  }
  Outcome<EllipsoidFit> fit = Error{ErrorCode::NumericalFailure, ""};
  if (shape == Shape::Sphere) {
    SphereModel model;
    const QuadricRefinement<4> r = refine_quadric(
        set, model, SphereModel::parameters_of(sphere.center, sphere.semi_axes(0)), 4, options.max_iterations);
    fit = describe_quadric_fit(set, model, r, 4, shape, options);
  } else if (shape == Shape::Spheroid) {
    fit = fit_spheroid(set, sphere, options);
  } else {
    const QuadricRefinement<9> r = refine_ellipsoid(set, sphere, options.max_iterations);
    fit = describe_quadric_fit(set, EllipsoidModel{}, r, 9, shape, options);
  }
  if (fit.ok()) fit.value().stride = stride;
  return fit;
}

}  // namespace spherefit
