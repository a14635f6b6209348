// Which slices agree with one sphere, when some are bad (a slice through attached bone, a leaked
// segmentation, a typo).
//
// Why a consensus search and not an M-estimator: one gross slice can pull the least-squares start
// so far that an M-estimator started there converges to the wrong sphere, while two circles in
// different planes already fix a sphere. So: spheres from pairs of slices (all pairs when few,
// else a fixed pseudo-random sample, so the answer is deterministic), each scored by the median of
// the slices' largest point distance from it (least median of squares: robust to just under half
// bad slices); then rounds of the full least-squares fit on the slices within kOutlierFactor times
// the median slice's distance, until the set stops changing.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "fit/circles/refine.hpp"
#include "fit/circles/work_set.hpp"

namespace spherefit {

struct Consensus {
  std::vector<std::uint8_t> inlier;  // a subset of `use`
  std::optional<Refinement> fit;     // the least-squares fit of exactly `inlier`, when one was made
};

// With fewer than five slices there is no majority to trust, and `use` comes back unchanged
// (unfitted). Otherwise the last inlier set that could be fitted comes back with its fit.
// Candidate spheres outside options.min_radius … options.max_radius are not considered.
Consensus find_consistent_slices(const WorkSet& set, const std::vector<std::uint8_t>& use,
                                 std::optional<double> fixed_radius, const FitOptions& options);

}  // namespace spherefit
