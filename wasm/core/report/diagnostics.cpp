#include "report/diagnostics.hpp"

#include <algorithm>
#include <cmath>

#include "fit/circles/slice_residuals.hpp"
#include "report/coverage.hpp"
#include "report/uncertainty.hpp"
#include "report/warnings.hpp"

namespace spherefit {
namespace {

// The nearest and farthest point of each used circle from the centre, in closed form (a circle's
// distances range over √(a² + (b ∓ r)²), a its height and b its axis offset).
FormResult circles_form(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use, const Sphere& s,
                        double scale) {
  double inner = INFINITY, outer = -INFINITY;
  for (std::size_t i = 0; i < circles.size(); ++i) {
    if (!use[i]) continue;
    const CircleDistance d = measure_circle(circles[i], s.center);
    inner = std::min(inner, std::hypot(d.height, d.offset - circles[i].radius));
    outer = std::max(outer, std::hypot(d.height, d.offset + circles[i].radius));
  }
  FormResult form;
  if (!(inner <= outer)) return form;
  form.inner_radius = scale * inner;
  form.outer_radius = scale * outer;
  form.form_error = scale * (outer - inner);
  return form;
}

// Per-slice columns in user units; the deviations in working units for the outlier test.
void fill_slice_columns(const WorkSet& set, const Sphere& s, SphereFit& fit, std::vector<double>& deviations) {
  const std::size_t n = set.circles.size();
  fit.residuals.resize(n);
  fit.offsets.resize(n);
  fit.heights.resize(n);
  deviations.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const CircleDistance d = measure_circle(set.circles[i], s.center);
    fit.residuals[i] = set.scale * (d.mean - s.radius);
    fit.offsets[i] = set.scale * d.offset;
    fit.heights[i] = set.scale * d.height;
    deviations[i] = slice_deviation(d, s.radius);
  }
}

}  // namespace

SphereFit describe_circle_fit(const WorkSet& set, const std::vector<std::uint8_t>& use, const FitSummary& summary) {
  const Sphere& s = summary.sphere;
  const std::size_t n = set.circles.size();
  SphereFit fit;
  fit.mode = FitMode::Circles;
  fit.center = set.to_user(s.center);
  fit.radius = set.scale * s.radius;
  fit.radius_fixed = summary.radius_fixed;
  fit.iterations = summary.iterations;
  fit.inlier.assign(use.begin(), use.end());
  std::vector<double> deviations;
  fill_slice_columns(set, s, fit, deviations);

  std::size_t used = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (set.circles[i].weight == 0.0) fit.inlier[i] = 1;  // not rejected, only given no weight
    if (!use[i]) continue;
    ++used;
    fit.max_abs_residual = std::max(fit.max_abs_residual, std::abs(fit.residuals[i]));
  }
  fit.rms = set.scale * circles_rms(set.circles, use, s);
  fit.coverage = coverage_from_heights(fit.heights, use, fit.radius);
  fit.form = circles_form(set.circles, use, s, set.scale);
  if (summary.covariance) fit.uncertainty = describe_uncertainty(*summary.covariance, set.scale);

  auto add = [&](const std::optional<Warning>& w) {
    if (w) fit.warnings.push_back(*w);
  };
  if (!fit.uncertainty) fit.warnings.push_back(exactly_determined(used, summary.radius_fixed ? 3 : 4, kSliceNoun));
  add(covariance_overflow(fit.uncertainty));
  if (!summary.converged) fit.warnings.push_back(not_converged(summary.iterations));
  add(cap_only(fit.coverage, summary.radius_fixed, kSliceNoun));
  add(radius_poorly_determined(fit.uncertainty, fit.radius, summary.radius_fixed));

  std::vector<std::size_t> rejected, suspicious;
  const std::vector<std::uint8_t> within = slices_within(deviations, use, s.radius);
  for (std::size_t i = 0; i < n; ++i) {
    if (!fit.inlier[i])
      rejected.push_back(i);
    else if (use[i] && !within[i])
      suspicious.push_back(i);
  }
  add(set_aside(rejected, kSliceNoun));
  add(outliers(suspicious, kOutlierFactor, summary.robust, kSliceNoun));
  return fit;
}

}  // namespace spherefit
