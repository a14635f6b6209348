// How much of the sphere the data samples: the latitude range of the observations, measured
// along each slice's own normal (circles) or along an axis through the centre (points), and the
// fraction of the surface between the extreme latitudes (a zone of height h has area 2πRh).
#pragma once

#include <cstdint>
#include <vector>

#include "model/result.hpp"

namespace spherefit {

// Gathers observations one at a time (no per-observation storage, for millions of points).
class CoverageTally {
 public:
  // sine: the sine of the observation's latitude (its height above the centre over its distance).
  void add(double sine);
  Coverage coverage() const;

 private:
  double low_ = 1.0, high_ = -1.0;
  bool all_above_ = true, all_below_ = true;
};

// From each observation's signed height above the centre along its axis, in the same units as
// radius; only the selected (use[i] = 1) observations count.
Coverage coverage_from_heights(const std::vector<double>& heights, const std::vector<std::uint8_t>& use, double radius);

}  // namespace spherefit
