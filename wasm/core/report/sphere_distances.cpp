#include "report/sphere_distances.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

namespace spherefit {
namespace {

SphereDistance distance_between(const std::vector<SphereEntry>& spheres, std::size_t a, std::size_t b) {
  SphereDistance d;
  d.a = a;
  d.b = b;
  const SphereFit& fa = spheres[a].fit;
  const SphereFit& fb = spheres[b].fit;
  const Eigen::Vector3d between = fa.center - fb.center;
  d.distance = between.norm();
  const auto& ua = fa.uncertainty;
  const auto& ub = fb.uncertainty;
  if (!ua || !ub || !ua->covariance || !ub->covariance) return d;
  const Eigen::Matrix3d sum = ua->covariance->topLeftCorner<3, 3>() + ub->covariance->topLeftCorner<3, 3>();
  if (d.distance > 0.0) {
    const Eigen::Vector3d u = between / d.distance;
    d.std_error = std::sqrt(std::max(0.0, u.dot(sum * u)));
  } else {
    // Coincident centres: the distance is not differentiable; its spread is that of the largest
    // direction (the distance of two equal centres is |noise|, whose RMS is the trace's root).
    d.std_error = std::sqrt(std::max(0.0, sum.trace()));
  }
  return d;
}

// A label or object that is not a sphere, or was not fitted, has no centre to measure from.
bool measurable(const SphereEntry& e) { return e.spherical && !e.error; }

}  // namespace

std::vector<SphereDistance> measure_distances(const std::vector<SphereEntry>& spheres, DistancePairs pairs,
                                              bool& all_pairs) {
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < spheres.size(); ++i)
    if (measurable(spheres[i])) kept.push_back(i);
  const std::size_t n = kept.size();
  all_pairs = pairs == DistancePairs::All || (pairs == DistancePairs::Auto && n <= kAllPairsUpTo);
  std::vector<SphereDistance> out;
  if (all_pairs) {
    out.reserve(n * (n - 1) / 2);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = a + 1; b < n; ++b) out.push_back(distance_between(spheres, kept[a], kept[b]));
    return out;
  }
  std::set<std::pair<std::size_t, std::size_t>> chosen;
  for (const std::size_t a : kept) {
    std::size_t nearest = a;
    double best = std::numeric_limits<double>::infinity();
    for (const std::size_t b : kept) {
      if (b == a) continue;
      const double d = (spheres[a].fit.center - spheres[b].fit.center).squaredNorm();
      if (d < best) best = d, nearest = b;
    }
    if (nearest != a) chosen.insert({std::min(a, nearest), std::max(a, nearest)});
  }
  for (const auto& [a, b] : chosen) out.push_back(distance_between(spheres, a, b));
  return out;
}

}  // namespace spherefit
