// How much of the sphere the data samples: the latitude range of the observations, measured
// along each slice's own normal (circles) or along an axis through the centre (points), and the
// fraction of the surface between the extreme latitudes (a zone of height h has area 2πRh).
#pragma once

#include <cstdint>
#include <vector>

#include "model/result.hpp"

namespace spherefit {

// From each observation's signed height above the centre along its axis, in the same units as
// radius; only the selected (use[i] = 1) observations count.
Coverage coverage_from_heights(const std::vector<double>& heights, const std::vector<std::uint8_t>& use,
                               double radius);

}  // namespace spherefit
