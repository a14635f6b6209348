// fit_sphere for points: the geometric least-squares sphere (point_refine.hpp) started from the
// algebraic fit, or from the consensus search when robust; a known radius fixes R; points in one
// plane determine a sphere only with a known radius, and then only up to its mirror image.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pipeline/fit.hpp"
#include "fit/form/form_fit.hpp"
#include "fit/spheres/find_spheres.hpp"
#include "fit/points/point_refine.hpp"
#include "fit/points/point_robust.hpp"
#include "fit/points/point_start.hpp"
#include "report/form_report.hpp"
#include "report/point_diagnostics.hpp"
#include "report/point_uncertainty.hpp"
#include "report/warnings.hpp"

namespace spherefit {
namespace {

double objective(const PointSet& set, const Sphere& s) {
  double sum = 0.0;
  for (std::size_t i = 0; i < set.size(); ++i) {
    const double e = (set.at(i) - s.center).norm() - s.radius;
    sum += e * e;
  }
  return sum;
}

// Points in one plane and a known radius: the sphere above the plane and its mirror image fit
// equally well. Fit the one above; if the centre in the plane itself fits as well (the points'
// circle is a great circle of the sphere), that is the one answer, else both are given.
Outcome<PointRefinement> solve_in_one_plane(const PointSet& set, const Spread& spread, double radius,
                                            int max_iterations) {
  const Eigen::Vector3d normal = spread.axes.col(0);
  const Eigen::Vector3d u = spread.axes.col(1), v = spread.axes.col(2);
  // The circle of the points in their plane: the algebraic (Kåsa) circle, then the height.
  Eigen::Matrix3d normal_eq = Eigen::Matrix3d::Zero();
  Eigen::Vector3d rhs = Eigen::Vector3d::Zero();
  for (std::size_t i = 0; i < set.size(); ++i) {
    const Eigen::Vector3d d = set.at(i) - spread.centroid;
    const Eigen::Vector3d row(2.0 * u.dot(d), 2.0 * v.dot(d), -1.0);
    normal_eq.noalias() += row * row.transpose();
    rhs += (u.dot(d) * u.dot(d) + v.dot(d) * v.dot(d)) * row;
  }
  const Eigen::Vector3d x = normal_eq.ldlt().solve(rhs);
  const Eigen::Vector3d in_plane = spread.centroid + x(0) * u + x(1) * v;
  const double circle_sq = std::max(0.0, x(0) * x(0) + x(1) * x(1) - x(2));
  const double height = std::sqrt(std::max(radius * radius - circle_sq, 0.01 * radius * radius));
  const PointRefinement r =
      refine_point_sphere(set, {}, Sphere{in_plane + height * normal, radius}, true, max_iterations);
  const double offset = normal.dot(r.sphere.center - spread.centroid);
  const Sphere flat{r.sphere.center - offset * normal, radius};
  const double fitted = objective(set, r.sphere);
  if (std::abs(offset) <= 1e-9 * radius || objective(set, flat) <= fitted * (1.0 + 1e-9) + 1e-28 * set.size()) {
    PointRefinement one = refine_point_sphere(set, {}, flat, true, 0);  // its sums, for the uncertainty
    one.iterations = r.iterations;
    one.converged = r.converged;
    return one;
  }
  Error e;
  e.code = ErrorCode::MirrorAmbiguity;
  e.message = "With a known radius, points in one plane fit two mirror-image spheres: centre " +
              format_point(set.to_user(r.sphere.center)) + " or " +
              format_point(set.to_user(r.sphere.center - 2.0 * offset * normal)) +
              ". Add points off that plane to choose between them.";
  return e;
}

Outcome<PointRefinement> solve_points(const PointSet& set, const PointMoments& moments, const Spread& spread,
                                      std::optional<double> fixed_radius, int max_iterations) {
  const Flatness flatness = measure_flatness(spread);
  if (flatness == Flatness::Linear) {
    return Error{ErrorCode::PointsCollinear,
                 "All points lie on one line: no sphere is determined. Add points off that line."};
  }
  if (flatness == Flatness::Planar) {
    if (fixed_radius) return solve_in_one_plane(set, spread, *fixed_radius, max_iterations);
    return Error{ErrorCode::PointsCoplanar,
                 "All " + grouped(set.size()) +
                     " points lie in one plane, so the sphere's position off the plane (and its radius) can't be "
                     "determined. Add points off that plane, or give the known radius."};
  }
  Outcome<Sphere> start = estimate_point_sphere(moments);
  if (!start.ok()) return start.error();
  Sphere s = start.value();
  if (fixed_radius) s.radius = *fixed_radius;
  const PointRefinement r = refine_point_sphere(set, {}, s, fixed_radius.has_value(), max_iterations);
  if (!r.sphere.center.allFinite() || !std::isfinite(r.sphere.radius) || !(r.sphere.radius > 0.0)) {
    return Error{ErrorCode::NumericalFailure,
                 "The fit did not reach a finite sphere; check the data for extreme values."};
  }
  return r;
}

// With a known radius, the free-radius fit of the same points says whether they agree.
void check_known_radius(const PointSet& set, const PointMoments& moments, const Spread& spread,
                        const std::vector<std::uint8_t>& use, const FitOptions& options, SphereFit& fit) {
  if (!use.empty()) return;  // the robust search chose its points for the known radius
  const Outcome<PointRefinement> free = solve_points(set, moments, spread, std::nullopt, options.max_iterations);
  if (!free.ok()) return;
  const Sphere& s = free.value().sphere;
  KnownRadiusCheck check;
  check.free_radius = set.scale * s.radius;
  if (const auto cov = estimate_point_covariance(set, use, free.value(), false)) {
    check.free_std_error = set.scale * std::sqrt(std::max(0.0, (*cov)(3, 3)));
    if (check.free_std_error > 0.0) check.z = (check.free_radius - *options.known_radius) / check.free_std_error;
  }
  fit.known_radius_check = check;
  const double free_rms = set.scale * std::sqrt(free.value().objective / static_cast<double>(set.size()));
  if (auto w = known_radius_contradicts(check, *options.known_radius, fit.rms, free_rms, options.units)) {
    fit.warnings.insert(fit.warnings.begin(), *w);
  }
}

// The form fit of the points the least-squares fit used (the robust fit's inliers), and each
// point's residual about the sphere it associates.
std::optional<Error> fit_form_of_points(const PointSet& set, const std::vector<std::uint8_t>& use,
                                        const FitOptions& options, SphereFit& fit) {
  PointTable chosen;
  std::vector<std::size_t> original;
  const PointColumnsView& p = set.points;
  if (!use.empty()) {
    for (std::size_t i = 0; i < set.size(); ++i) {
      if (!use[i]) continue;
      chosen.x.push_back(p.x[i]);
      chosen.y.push_back(p.y[i]);
      chosen.z.push_back(p.z[i]);
      original.push_back(i);
    }
  }
  PointColumnsView view = use.empty() ? p : chosen.view();
  view.slice = nullptr;
  Outcome<FormFit> form = fit_form(view, options.fit_type, fit.center);
  if (!form.ok()) {
    Error e = form.error();
    if (!original.empty() && e.point >= 0 && static_cast<std::size_t>(e.point) < original.size()) {
      e.point = static_cast<long>(original[static_cast<std::size_t>(e.point)]);
    }
    return e;
  }
  if (!original.empty()) {
    for (Contact& c : form.value().form.contacts)
      c.index = static_cast<long>(original[static_cast<std::size_t>(c.index)]);
  }
  adopt_form_fit(fit, options.fit_type, form.value());
  double sum_sq = 0.0, count = 0.0, largest = 0.0;
  const Eigen::Vector3d center = (fit.center - set.origin) * set.inverse_scale;
  const double radius = fit.radius * set.inverse_scale;
  for (std::size_t i = 0; i < set.size(); ++i) {
    // (p − origin) − (c − origin) keeps the digits of a ball far from the origin; in working units
    // the squares cannot overflow (coordinates of 1e155 would, in the user's).
    const Eigen::Vector3d d = (p.point(i) - set.origin) * set.inverse_scale - center;
    const double e = d.norm() - radius;
    fit.residuals[i] = set.scale * e;
    if (!use.empty() && !use[i]) continue;
    sum_sq += e * e;
    count += 1.0;
    largest = std::max(largest, std::abs(e));
  }
  fit.rms = count > 0.0 ? set.scale * std::sqrt(sum_sq / count) : 0.0;
  fit.max_abs_residual = set.scale * largest;
  if (!std::isfinite(fit.rms) || !std::isfinite(fit.max_abs_residual)) {
    return Error{ErrorCode::NumericalFailure,
                 "The form fit's distances are not finite numbers; check the data for extreme values."};
  }
  return std::nullopt;
}

// Clutter a plain fit cannot see: a table under a ball (a third of the points) pulls the
// least-squares sphere so wide that no point lies far from it, and the fit only looks like a
// poorly determined cap. When a plain fit warns so, a consensus search (the robust fit's) on an
// evenly strided sample of at most kClutterSample points asks whether most points agree on a
// clearly different sphere; when at most 90 % of them lie on it, the warning names it and its
// share, and calls this fit unreliable.
constexpr std::size_t kClutterSample = 4000;

std::optional<Warning> hidden_clutter(const PointSet& set, const SphereFit& fit, const FitOptions& options) {
  const std::size_t n = set.size(), stride = (n + kClutterSample - 1) / kClutterSample;
  std::vector<double> x, y, z;
  x.reserve(kClutterSample), y.reserve(kClutterSample), z.reserve(kClutterSample);
  for (std::size_t i = 0; i < n; i += stride) {
    x.push_back(set.points.x[i]);
    y.push_back(set.points.y[i]);
    z.push_back(set.points.z[i]);
  }
  const Outcome<PointSet> sample = prepare_points({x.size(), x.data(), y.data(), z.data(), nullptr}, 4);
  if (!sample.ok() || sample.value().size() < 20) return std::nullopt;
  FitOptions o = options;
  o.robust = true;
  const PointConsensus consensus = find_consistent_points(sample.value(), std::nullopt, o);
  if (!consensus.fit) return std::nullopt;
  const double kept = static_cast<double>(std::count(consensus.inlier.begin(), consensus.inlier.end(), 1)) /
                      static_cast<double>(consensus.inlier.size());
  const double radius = sample.value().scale * consensus.fit->sphere.radius;
  const Eigen::Vector3d center = sample.value().to_user(consensus.fit->sphere.center);
  const double apart = std::max((center - fit.center).norm(), std::abs(radius - fit.radius));
  if (kept > 0.9 || !(apart > 0.05 * std::min(radius, fit.radius))) return std::nullopt;
  char share[32];
  std::snprintf(share, sizeof share, "%.0f %%", 100.0 * kept);
  return Warning{WarningCode::Clutter,
                 "Only " + std::string(share) + " of the points lie on one sphere (radius " +
                     format_length(radius, options.units) + ", beside this fit's " +
                     format_length(fit.radius, options.units) +
                     "): the others look like clutter such as a table, a fixture or a neighbouring bone, which "
                     "this fit has absorbed, so this sphere is unreliable. Turn on the robust fit to set them aside."};
}

bool within_limits(double radius, const FitOptions& options) {
  return (!options.min_radius || radius >= *options.min_radius) &&
         (!options.max_radius || radius <= *options.max_radius);
}

SphereSearchOptions search_options(const FitOptions& options) {
  SphereSearchOptions s;
  s.known_radius = options.known_radius;
  s.min_radius = options.min_radius;
  s.max_radius = options.max_radius;
  s.min_cap_angle_deg = options.min_cap_angle_deg;
  return s;
}

std::string radius_range(const FitOptions& options) {
  if (options.min_radius && options.max_radius) {
    return "from " + format_length(*options.min_radius, options.units) + " to " +
           format_length(*options.max_radius, options.units);
  }
  return options.min_radius ? "of at least " + format_length(*options.min_radius, options.units)
                            : "of at most " + format_length(*options.max_radius, options.units);
}

// The radius limits hold after the fit too: when the single sphere through all the points leaves
// them (a ball plate's balls of 10 mm fitted as one sphere of 10 644 mm), the spheres within the
// limits are searched for and the one holding most points is fitted to its own points; the others
// are set aside. NoSphereFound when no sphere within the limits fits.
Outcome<std::vector<std::uint8_t>> points_within_limits(const PointSet& set, const FitOptions& options,
                                                        double fitted_radius, std::vector<Warning>& notes) {
  const Outcome<SphereSearch> found = find_spheres(set.points, search_options(options));
  if (!found.ok()) return found.error();
  const SphereSearch& s = found.value();
  if (s.spheres.empty()) {
    return Error{ErrorCode::NoSphereFound, "The best single sphere through these points has radius " +
                                               format_length(fitted_radius, options.units) +
                                               ", outside the limits, and no sphere with a radius " +
                                               radius_range(options) +
                                               " fits a part of them. Check the limits and the units."};
  }
  std::vector<std::uint8_t> use(set.size(), 0);
  for (std::uint32_t i : s.spheres.front().inliers) use[i] = 1;
  if (s.spheres.size() > 1) {
    notes.push_back({WarningCode::SeveralSpheres,
                     "These points hold " + grouped(s.spheres.size()) + " spheres with a radius " +
                         radius_range(options) +
                         "; the one with the most points is fitted. Choose Spheres: all to fit each of them."});
  }
  return use;
}

// A plain fit that looks wrong (a cap, a radius poorly determined, clutter, or points far from it)
// may have been made across several spheres: a search on a sample of at most 4 000 points says so.
std::optional<Warning> several_spheres(const PointSet& set, const SphereFit& fit, const FitOptions& options) {
  const Outcome<SphereSearch> found = detect_spheres(set.points, search_options(options));
  if (!found.ok() || found.value().spheres.size() < 2) return std::nullopt;
  const auto& spheres = found.value().spheres;
  double lo = spheres.front().radius, hi = lo;
  for (const FoundSphere& f : spheres) lo = std::min(lo, f.radius), hi = std::max(hi, f.radius);
  const std::string radii =
      lo == hi ? "radius " + format_length(lo, options.units)
               : "radii " + format_length(lo, options.units) + " to " + format_length(hi, options.units);
  return Warning{WarningCode::SeveralSpheres,
                 "These points hold at least " + grouped(spheres.size()) + " spheres (" + radii +
                     "): this single sphere (radius " + format_length(fit.radius, options.units) +
                     ") is fitted across them and describes none. Choose Spheres: all to fit each of them."};
}

}  // namespace

Outcome<SphereFit> fit_sphere(const PointColumnsView& points, const FitOptions& options) {
  if (auto bad = check_options(options)) return *bad;
  Outcome<PointSet> prepared = prepare_points(points, options.known_radius ? 3 : 4);
  if (!prepared.ok()) return prepared.error();
  const PointSet& set = prepared.value();
  std::optional<double> fixed_radius;
  if (options.known_radius) fixed_radius = *options.known_radius / set.scale;
  const PointMoments moments = measure_moments(set, {});
  const Spread spread = measure_spread(moments);

  std::vector<std::uint8_t> use;  // empty: every point
  std::optional<PointRefinement> solved;
  if (options.robust && measure_flatness(spread) == Flatness::Solid) {
    PointConsensus consensus = find_consistent_points(set, fixed_radius, options);
    if (consensus.fit) {
      use = std::move(consensus.inlier);
      solved = consensus.fit;
    }
  }
  if (!solved) {
    Outcome<PointRefinement> plain = solve_points(set, moments, spread, fixed_radius, options.max_iterations);
    if (!plain.ok()) return plain.error();
    solved = plain.value();
  }
  std::vector<Warning> notes;
  if (!fixed_radius && !within_limits(set.scale * solved->sphere.radius, options)) {
    Outcome<std::vector<std::uint8_t>> kept =
        points_within_limits(set, options, set.scale * solved->sphere.radius, notes);
    if (!kept.ok()) return kept.error();
    use = std::move(kept.value());
    const PointMoments chosen = measure_moments(set, use);
    Outcome<Sphere> start = estimate_point_sphere(chosen);
    if (!start.ok()) return start.error();
    solved = refine_point_sphere(set, use, start.value(), false, options.max_iterations);
  }

  PointSummary summary;
  summary.sphere = solved->sphere;
  summary.iterations = solved->iterations;
  summary.converged = solved->converged;
  summary.radius_fixed = fixed_radius.has_value();
  summary.robust = options.robust;
  summary.covariance = estimate_point_covariance(set, use, *solved, summary.radius_fixed);
  SphereFit fit = describe_point_fit(set, use, summary);
  fit.warnings.insert(fit.warnings.begin(), notes.begin(), notes.end());
  if (!fit.center.allFinite() || !std::isfinite(fit.radius) || !std::isfinite(fit.rms)) {
    return Error{ErrorCode::NumericalFailure,
                 "The fit produced a non-finite number; check the data for extreme values."};
  }
  if (options.known_radius) check_known_radius(set, moments, spread, use, options, fit);
  const auto warned = [&](WarningCode code) {
    return std::any_of(fit.warnings.begin(), fit.warnings.end(), [&](const Warning& w) { return w.code == code; });
  };
  // A clutter warning of its own counts only the points far from a sphere that absorbed the rest
  // (7.55 % of a scan 40 % wall): the search's share replaces it.
  // Contours are searched too when their points lie far from the sphere (a femoral neck labelled
  // with the head pulls the plain fit without any one contour standing out).
  const bool contours_off = set.points.has_slices() && (warned(WarningCode::Outliers) || fit.rms > 0.02 * fit.radius);
  if (!options.robust && !options.known_radius &&
      (warned(WarningCode::Clutter) || warned(WarningCode::CapOnly) || warned(WarningCode::RadiusPoorlyDetermined) ||
       contours_off)) {
    if (auto w = hidden_clutter(set, fit, options)) {
      fit.warnings.erase(std::remove_if(fit.warnings.begin(), fit.warnings.end(),
                                        [](const Warning& x) { return x.code == WarningCode::Clutter; }),
                         fit.warnings.end());
      fit.warnings.push_back(*w);
    }
  }
  const bool looks_wrong = warned(WarningCode::CapOnly) || warned(WarningCode::RadiusPoorlyDetermined) ||
                           warned(WarningCode::Clutter) || warned(WarningCode::UncertaintyUndetermined) ||
                           fit.rms > 0.02 * fit.radius;
  if (!set.points.has_slices() && !warned(WarningCode::SeveralSpheres) && looks_wrong && set.size() >= 40) {
    if (auto w = several_spheres(set, fit, options)) fit.warnings.push_back(*w);
  }
  if (options.fit_type != FitType::LeastSquares) {
    if (auto e = fit_form_of_points(set, use, options, fit)) return *e;
  }
  return fit;
}

}  // namespace spherefit
