#include "fit/points/point_robust.hpp"

#include <algorithm>
#include <cmath>

#include "fit/points/point_start.hpp"
#include "fit/random.hpp"

namespace spherefit {
namespace {

constexpr std::size_t kCandidates = 400;
constexpr std::size_t kScored = 2000;
constexpr double kQuantile = 0.25;
constexpr double kHalfNormalQuantile = 0.3186;  // the 25 % quantile of |N(0, 1)|
constexpr int kMaxRounds = 10;

// The two spheres of radius R through three points (mirror images in their plane), if any.
std::vector<Sphere> spheres_of_radius_through(const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                                              const Eigen::Vector3d& c, double radius) {
  const Eigen::Vector3d ab = b - a, ac = c - a, normal = ab.cross(ac);
  const double area2 = normal.squaredNorm();
  if (!(area2 > 1e-18 * ab.squaredNorm() * ac.squaredNorm())) return {};
  // Circumcentre of the triangle (standard formula in the plane of a, b, c).
  const Eigen::Vector3d offset =
      (ac.squaredNorm() * normal.cross(ab) + ab.squaredNorm() * ac.cross(normal)) / (2.0 * area2);
  const double height_sq = radius * radius - offset.squaredNorm();
  if (height_sq < 0.0) return {};
  const Eigen::Vector3d up = std::sqrt(height_sq) * normal / std::sqrt(area2);
  return {Sphere{a + offset + up, radius}, Sphere{a + offset - up, radius}};
}

// The |N(0, 1)| value that n draws all stay below with probability 95 % (Bonferroni: the upper
// 0.025/n tail), by Abramowitz & Stegun 26.2.23 (error below 5e-4): 3.7 for 240 points, 5.5 for
// a million. Clean points beyond it are one in twenty scans, not one in three hundred points.
double largest_normal(std::size_t n) {
  const double p = 0.025 / static_cast<double>(std::max<std::size_t>(n, 1));
  const double t = std::sqrt(-2.0 * std::log(p));
  return t -
         (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
}

double quantile_of(std::vector<double>& values, double q) {
  const auto at = values.begin() + static_cast<std::ptrdiff_t>(q * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), at, values.end());
  return *at;
}

}  // namespace

PointConsensus find_consistent_points(const PointSet& set, std::optional<double> fixed_radius,
                                      const FitOptions& options) {
  PointConsensus out;
  const std::size_t n = set.size();
  if (n < 8) return out;
  const double min_radius = options.min_radius ? *options.min_radius / set.scale : 0.0;
  const double max_radius = options.max_radius ? *options.max_radius / set.scale : INFINITY;

  const std::size_t scored = std::min(n, kScored);
  std::vector<Eigen::Vector3d> sample(scored);
  for (std::size_t k = 0; k < scored; ++k) sample[k] = set.at(k * n / scored);
  std::vector<double> distances(scored);
  auto score = [&](const Sphere& s) {
    for (std::size_t k = 0; k < scored; ++k) distances[k] = std::abs((sample[k] - s.center).norm() - s.radius);
    return quantile_of(distances, kQuantile);
  };

  std::uint64_t state = n;
  double best_score = INFINITY;
  Sphere best;
  for (std::size_t trial = 0; trial < kCandidates; ++trial) {
    const Eigen::Vector3d a = set.at(next_random(state) % n), b = set.at(next_random(state) % n),
                          c = set.at(next_random(state) % n), d = set.at(next_random(state) % n);
    std::vector<Sphere> candidates;
    if (fixed_radius) {
      candidates = spheres_of_radius_through(a, b, c, *fixed_radius);
    } else if (const auto s = sphere_through(a, b, c, d)) {
      candidates.push_back(*s);
    }
    for (const Sphere& s : candidates) {
      if (s.radius < min_radius || s.radius > max_radius) continue;
      const double q = score(s);
      if (q < best_score) {
        best_score = q;
        best = s;
      }
    }
  }
  if (!std::isfinite(best_score)) return out;

  auto within = [&](const Sphere& s, double limit) {
    std::vector<std::uint8_t> keep(n);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < n; ++i) {
      keep[i] = std::abs((set.at(i) - s.center).norm() - s.radius) <= limit ? 1 : 0;
      kept += keep[i];
    }
    if (kept < (fixed_radius ? 3u : 4u)) keep.clear();
    return keep;
  };
  // The first threshold is never below rounding level: exact data has a zero quantile.
  std::vector<std::uint8_t> inlier =
      within(best, std::max(2.5 * best_score / kHalfNormalQuantile, 1e-12 * best.radius));
  if (inlier.empty()) return out;
  Sphere start = best;
  for (int round = 0; round < kMaxRounds; ++round) {
    const PointRefinement fit =
        refine_point_sphere(set, inlier, start, fixed_radius.has_value(), options.max_iterations);
    if (!fit.sphere.center.allFinite() || !(fit.sphere.radius > 0.0)) break;
    out = {inlier, fit};
    double sum_sq = 0.0, kept = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!inlier[i]) continue;
      const double e = (set.at(i) - fit.sphere.center).norm() - fit.sphere.radius;
      sum_sq += e * e;
      kept += 1.0;
    }
    const double rms = std::sqrt(sum_sq / kept);
    const double limit = std::max(3.0, largest_normal(static_cast<std::size_t>(kept)));
    std::vector<std::uint8_t> next = within(fit.sphere, std::max(limit * rms, 1e-12 * fit.sphere.radius));
    if (next.empty() || next == inlier) break;
    inlier = std::move(next);
    start = fit.sphere;
  }
  return out;
}

}  // namespace spherefit
