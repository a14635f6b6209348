// A linear first estimate of the sphere, exact on exact data.
//
// Pythagoras on each circle: |c − p|² + r² = R², i.e. (|c|² + r²) − 2 c·p + s = 0 with
// s = |p|² − R² (one row per circle), and the circle's centre is the projection of p onto its
// plane: √2 r P(c − p) = 0 (two rows per circle, in the plane's basis). The √2 r scaling makes both
// kinds of row 2R times the fit's own residuals near the solution, so the rows are comparable.
// The classic rows [2x 2y 2z −1] with right side x²+y²+z²−r² have the sign of r² wrong and, for
// parallel slices, no rows that fix the centre's in-plane position.
#pragma once

#include <cstdint>
#include <vector>

#include "fit/circles/work_set.hpp"

namespace spherefit {

// Fits the selected circles (use[i] = 1). Fails with Underdetermined when they do not fix a sphere.
Outcome<Sphere> estimate_sphere(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use);

// True when every selected circle lies in one plane (to a relative 1e-10).
bool all_in_one_plane(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use);

}  // namespace spherefit
