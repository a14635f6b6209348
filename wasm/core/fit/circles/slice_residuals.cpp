#include "fit/circles/slice_residuals.hpp"

#include <algorithm>
#include <cmath>

namespace spherefit {

double slice_deviation(const CircleDistance& d, double radius) {
  const double radial = d.mean - radius;
  return std::sqrt(radial * radial + d.spread);
}

std::vector<double> slice_deviations(const std::vector<WorkCircle>& circles, const Sphere& sphere) {
  std::vector<double> out(circles.size());
  for (std::size_t i = 0; i < circles.size(); ++i)
    out[i] = slice_deviation(measure_circle(circles[i], sphere.center), sphere.radius);
  return out;
}

double circles_rms(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use, const Sphere& sphere) {
  double weighted_sq = 0.0, weight = 0.0;
  for (std::size_t i = 0; i < circles.size(); ++i) {
    if (!use[i]) continue;
    const double d = slice_deviation(measure_circle(circles[i], sphere.center), sphere.radius);
    weighted_sq += circles[i].weight * d * d;
    weight += circles[i].weight;
  }
  return weight > 0.0 ? std::sqrt(weighted_sq / weight) : 0.0;
}

double selected_median(const std::vector<double>& values, const std::vector<std::uint8_t>& use) {
  std::vector<double> picked;
  picked.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (use[i]) picked.push_back(values[i]);
  }
  if (picked.empty()) return 0.0;
  const auto mid = picked.begin() + static_cast<std::ptrdiff_t>(picked.size() / 2);
  std::nth_element(picked.begin(), mid, picked.end());
  return *mid;
}

std::vector<std::uint8_t> slices_within(const std::vector<double>& deviations, const std::vector<std::uint8_t>& use,
                                        double radius) {
  const double limit = std::max(kOutlierFactor * selected_median(deviations, use), 1e-9 * radius);
  std::vector<std::uint8_t> within(deviations.size());
  for (std::size_t i = 0; i < deviations.size(); ++i) within[i] = deviations[i] <= limit ? 1 : 0;
  return within;
}

}  // namespace spherefit
