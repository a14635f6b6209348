#include "report/coverage.hpp"

#include <algorithm>
#include <cmath>

namespace spherefit {

namespace {
constexpr double kDegrees = 57.29577951308232;
}

void CoverageTally::add(double sine) {
  const double h = std::clamp(sine, -1.0, 1.0);
  low_ = std::min(low_, h);
  high_ = std::max(high_, h);
  all_above_ = all_above_ && h > 1e-9;
  all_below_ = all_below_ && h < -1e-9;
}

Coverage CoverageTally::coverage() const {
  Coverage c;
  if (high_ < low_) return c;
  c.min_latitude_deg = std::asin(low_) * kDegrees;
  c.max_latitude_deg = std::asin(high_) * kDegrees;
  c.area_fraction = std::clamp((high_ - low_) / 2.0, 0.0, 1.0);
  c.cap_only = all_above_ || all_below_;
  return c;
}

Coverage coverage_from_heights(const std::vector<double>& heights, const std::vector<std::uint8_t>& use,
                               double radius) {
  CoverageTally tally;
  for (std::size_t i = 0; i < heights.size(); ++i)
    if (use[i]) tally.add(heights[i] / radius);
  return tally.coverage();
}

}  // namespace spherefit
