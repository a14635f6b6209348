// The geometric least-squares sphere of a set of inliers, Σ(|p − c| − R)², by the product's point
// fit (fit/points/point_refine.hpp) on the user's own double coordinates: the inliers are copied
// into three columns, prepare_points centres and scales them, Levenberg–Marquardt refines from the
// search's sphere. The sphere comes back in the search's working units (search_space.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "fit/spheres/search_space.hpp"

namespace spherefit {

struct InlierFit {
  bool ok = false;   // false when the points do not fix a sphere (or not finitely)
  Sphere sphere;     // working units of the search
  double rms = 0.0;  // working units
  bool converged = false;
};

// radius_fixed keeps start.radius. Needs at least 4 positions. iterations: the search's rounds
// need no last digit (a few Gauss–Newton steps); the final fits run to convergence.
InlierFit fit_inliers(const SearchSpace& space, const std::vector<std::uint32_t>& positions, const Sphere& start,
                      bool radius_fixed, int iterations);

// The same within the radius limits: a free fit whose radius leaves [min_radius, max_radius] is
// redone with the radius held at the limit it crossed, and radius_fixed and at_limit become true.
InlierFit fit_inliers_within_limits(const SearchSpace& space, const std::vector<std::uint32_t>& positions,
                                    const Sphere& start, bool& radius_fixed, bool& at_limit, int iterations);

}  // namespace spherefit
