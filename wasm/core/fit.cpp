#include "fit.hpp"

#include "diagnostics.hpp"
#include "robust.hpp"
#include "solve.hpp"
#include "uncertainty.hpp"

namespace spherefit {

Outcome<SphereFit> fit_sphere(const SliceColumnsView& slices, const FitOptions& options) {
  if (options.max_iterations < 1) {
    return Error{ErrorCode::InvalidOption, "The iteration limit must be at least 1."};
  }
  Outcome<WorkSet> prepared = prepare_slices(slices, options);
  if (!prepared.ok()) return prepared.error();
  const WorkSet& set = prepared.value();

  std::optional<double> fixed_radius;
  if (options.known_radius) fixed_radius = *options.known_radius / set.scale;
  std::vector<std::uint8_t> use = weighted_slices(set);
  std::optional<Refinement> searched;  // the robust search already fitted its final set
  if (options.robust) {
    Consensus consensus = find_consistent_slices(set, use, fixed_radius, options.max_iterations);
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
  SphereFit fit = describe_fit(set, use, summary);
  if (!fit.center.allFinite() || !std::isfinite(fit.radius) || !std::isfinite(fit.rms)) {
    return Error{ErrorCode::NumericalFailure, "The fit produced a non-finite number; check the data for extreme values."};
  }
  return fit;
}

}  // namespace spherefit
