// The search loop: one seed point in every occupied cell of the seed level, in Morton order, each
// picked within its cell by splitmix64 (fit/random.hpp) from the caller's seed. At a seed the local
// quadric of radius `patch_radius` (surface_patch.hpp; twice that where too few points lie within)
// makes a candidate only where the surface is
//   - curved: |H| above curvature_significance standard errors (planes, walls, the plate fail),
//   - umbilic: anisotropy ≤ max_anisotropy (cylinders — stems, poles, rods — and creases fail),
//   - of a plausible radius: 1/|H| within a factor 2 of the limits or the known radius, not below
//     0.8 of the patch (a patch wider than its sphere is not on it) and below the largest radius
//     whose cap of min_cap_angle_deg fits in the data.
// The candidate (c = p + n/H, or p + sign(H)·R·n for a known R; first band max(6·noise, R/10)) is
// refined and judged (candidate_refine.hpp). An accepted sphere owns its inliers: later seeds on
// them are skipped, later candidates cannot take them. A rejected one marks its inliers so that
// seeds there are skipped (a pole is judged once per stretch, not once per seed); a ball outside
// the radius limits marks its first, wide patch (the whole ball).
#pragma once

#include <vector>

#include "fit/spheres/search_space.hpp"

namespace spherefit {

struct SeedPlan {
  int level = 0;              // octree level of the seed cells
  double patch_radius = 0.0;  // working units
};

void search_seeds(SearchSpace& space, const SeedPlan& plan, std::uint64_t seed, std::vector<AcceptedSphere>& accepted,
                  SphereSearchStats& stats);

}  // namespace spherefit
