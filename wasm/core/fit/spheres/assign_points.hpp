// The last stage of the search: each point to one sphere. A point is a candidate inlier of every
// accepted sphere whose band holds it within (or next to) that sphere's connected cells; it goes
// to the one it is nearest in units of their bands, |e|/b — packed beads that touch or intersect
// each keep their own points, and the contact ring goes to the bead it lies on. Each sphere is then
// refit to its points (the geometric least squares of inlier_fit.hpp), the points are assigned
// again about the refits, and each sphere is refit to exactly its final inliers. A sphere left
// with fewer than min_points (its points went to neighbours) is dropped.
#pragma once

#include <vector>

#include "fit/spheres/search_space.hpp"

namespace spherefit {

// Spheres in user units, in the order of `accepted` (minus the dropped ones). Reuses
// space.owner and space.rejected as scratch.
std::vector<FoundSphere> assign_points(SearchSpace& space, const std::vector<AcceptedSphere>& accepted,
                                       std::vector<Warning>& warnings);

}  // namespace spherefit
