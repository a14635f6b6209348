// fit_sphere for slice circles: prepare the working set, the linear start and Levenberg–Marquardt
// (or the robust consensus), the cluster-robust uncertainty, diagnostics, the known-radius check and
// the form fit when one is asked for.
#include "pipeline/fit.hpp"

#include <algorithm>
#include <cmath>

#include "fit/form/form_fit.hpp"
#include "fit/circles/robust.hpp"
#include "fit/circles/solve.hpp"
#include "report/diagnostics.hpp"
#include "report/form_report.hpp"
#include "report/uncertainty.hpp"
#include "report/warnings.hpp"

namespace spherefit {
namespace {

// Whether a w column holds anything other than ones: only then is ignoring it worth a word.
bool weights_vary(const SliceColumnsView& slices) {
  if (!slices.has_weights()) return false;
  for (std::size_t i = 0; i < slices.count; ++i)
    if (slices.w[i] != 1.0) return true;
  return false;
}

// With a known radius, the free-radius fit of the same slices says whether they agree.
void check_known_radius(const WorkSet& set, const std::vector<std::uint8_t>& use, const FitOptions& options,
                        SphereFit& fit) {
  const Outcome<Refinement> free = solve_sphere(set, use, std::nullopt, options.max_iterations);
  if (!free.ok()) return;  // coplanar slices, say: nothing to compare with
  const Sphere& s = free.value().sphere;
  KnownRadiusCheck check;
  check.free_radius = set.scale * s.radius;
  if (const auto cov = estimate_covariance(set.circles, use, s, false)) {
    check.free_std_error = set.scale * std::sqrt(std::max(0.0, (*cov)(3, 3)));
    if (check.free_std_error > 0.0) check.z = (check.free_radius - *options.known_radius) / check.free_std_error;
  }
  fit.known_radius_check = check;
  const auto w = known_radius_contradicts(check, *options.known_radius, fit.rms,
                                          set.scale * circles_rms(set.circles, use, s), options.units);
  if (w) fit.warnings.insert(fit.warnings.begin(), *w);
}

// The form fit of the slices the least-squares fit used (the robust fit's inliers), and the
// per-slice residuals, offsets and heights about the sphere it associates.
std::optional<Error> fit_form_of_slices(const SliceColumnsView& slices, const WorkSet& set,
                                        const std::vector<std::uint8_t>& use, const FitOptions& options,
                                        SphereFit& fit) {
  SliceTable chosen;
  std::vector<std::size_t> original;
  chosen.has_normals = true;
  for (std::size_t i = 0; i < slices.count; ++i) {
    if (!use[i]) continue;
    SliceCircle c = slices.circle(i);
    c.weight = 1.0;
    chosen.add(c);
    original.push_back(i);
  }
  Outcome<FormFit> form = fit_form(chosen.view(), options.fit_type, fit.center);
  if (!form.ok()) {
    Error e = form.error();
    if (e.slice >= 0 && static_cast<std::size_t>(e.slice) < original.size())
      e.slice = static_cast<long>(original[static_cast<std::size_t>(e.slice)]);
    return e;
  }
  for (Contact& c : form.value().form.contacts)
    c.index = static_cast<long>(original[static_cast<std::size_t>(c.index)]);
  adopt_form_fit(fit, options.fit_type, form.value());
  const Sphere s{(fit.center - set.origin) / set.scale, fit.radius / set.scale};
  fit.max_abs_residual = 0.0;
  for (std::size_t i = 0; i < set.circles.size(); ++i) {
    const CircleDistance d = measure_circle(set.circles[i], s.center);
    fit.residuals[i] = set.scale * (d.mean - s.radius);
    fit.offsets[i] = set.scale * d.offset;
    fit.heights[i] = set.scale * d.height;
    if (use[i]) fit.max_abs_residual = std::max(fit.max_abs_residual, std::abs(fit.residuals[i]));
  }
  fit.rms = set.scale * circles_rms(set.circles, use, s);
  if (!std::isfinite(fit.rms) || !std::isfinite(fit.max_abs_residual)) {
    return Error{ErrorCode::NumericalFailure,
                 "The form fit's distances are not finite numbers; check the data for extreme values."};
  }
  return std::nullopt;
}

}  // namespace

Outcome<SphereFit> fit_sphere(const SliceColumnsView& slices, const FitOptions& options) {
  if (auto bad = check_options(options)) return *bad;
  Outcome<WorkSet> prepared = prepare_slices(slices, options);
  if (!prepared.ok()) return prepared.error();
  const WorkSet& set = prepared.value();

  std::optional<double> fixed_radius;
  if (options.known_radius) fixed_radius = *options.known_radius / set.scale;
  std::vector<std::uint8_t> use = weighted_slices(set);
  std::optional<Refinement> searched;  // the robust search already fitted its final set
  if (options.robust) {
    Consensus consensus = find_consistent_slices(set, use, fixed_radius, options);
    use = std::move(consensus.inlier);
    searched = std::move(consensus.fit);
  }

  const Outcome<Refinement> solved =
      searched ? Outcome<Refinement>(*searched) : solve_sphere(set, use, fixed_radius, options.max_iterations);
  if (!solved.ok()) return solved.error();

  FitSummary summary;
  summary.sphere = solved.value().sphere;
  summary.iterations = solved.value().iterations;
  summary.converged = solved.value().converged;
  summary.radius_fixed = fixed_radius.has_value();
  summary.robust = options.robust;
  summary.covariance = estimate_covariance(set.circles, use, summary.sphere, summary.radius_fixed);
  SphereFit fit = describe_circle_fit(set, use, summary);
  if (!fit.center.allFinite() || !std::isfinite(fit.radius) || !std::isfinite(fit.rms)) {
    return Error{ErrorCode::NumericalFailure,
                 "The fit produced a non-finite number; check the data for extreme values."};
  }
  if (options.known_radius) check_known_radius(set, use, options, fit);
  if (options.weights != WeightMode::Column && weights_vary(slices)) fit.warnings.push_back(weight_column_ignored());
  if (options.fit_type != FitType::LeastSquares) {
    if (auto e = fit_form_of_slices(slices, set, use, options, fit)) return *e;
  }
  return fit;
}

}  // namespace spherefit
