#include "report/coverage.hpp"

#include <algorithm>
#include <cmath>

namespace spherefit {

namespace {
constexpr double kDegrees = 57.29577951308232;
}

Coverage coverage_from_heights(const std::vector<double>& heights, const std::vector<std::uint8_t>& use,
                               double radius) {
  Coverage c;
  double low = 1.0, high = -1.0;
  bool all_above = true, all_below = true;
  for (std::size_t i = 0; i < heights.size(); ++i) {
    if (!use[i]) continue;
    const double h = std::clamp(heights[i] / radius, -1.0, 1.0);
    low = std::min(low, h);
    high = std::max(high, h);
    all_above = all_above && h > 1e-9;
    all_below = all_below && h < -1e-9;
  }
  if (high < low) return c;
  c.min_latitude_deg = std::asin(low) * kDegrees;
  c.max_latitude_deg = std::asin(high) * kDegrees;
  c.area_fraction = std::clamp((high - low) / 2.0, 0.0, 1.0);
  c.cap_only = all_above || all_below;
  return c;
}

}  // namespace spherefit
