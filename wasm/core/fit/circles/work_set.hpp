// Validated slices in working coordinates: centred on the data and scaled to unit size, so that a
// ball a million radii from the origin keeps all its digits and every tolerance is relative.
#pragma once

#include <cstdint>
#include <vector>

#include "fit/circles/circle_distance.hpp"
#include "fit/sphere.hpp"
#include "model/options.hpp"
#include "model/slices.hpp"
#include "model/status.hpp"

namespace spherefit {

struct WorkSet {
  std::vector<WorkCircle> circles;  // one per input slice, in input order
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();
  double scale = 1.0;  // working length 1 = `scale` user units

  Eigen::Vector3d to_user(const Eigen::Vector3d& p) const { return origin + scale * p; }
};

// Checks every value (finite and within ±1e300, r ≥ 0, non-zero normal, weights ≥ 0 and not all
// zero), applies the weight mode and moves to working coordinates. Errors name the 0-based slice.
Outcome<WorkSet> prepare_slices(const SliceColumnsView& slices, const FitOptions& options);

// 1 for each slice with positive weight: the slices a fit can use.
std::vector<std::uint8_t> weighted_slices(const WorkSet& set);

}  // namespace spherefit
