#include "fit/circles/robust.hpp"

#include <algorithm>
#include <cmath>

#include "fit/random.hpp"
#include "fit/circles/solve.hpp"
#include "fit/circles/start.hpp"
#include "fit/circles/slice_residuals.hpp"

namespace spherefit {
namespace {

constexpr std::size_t kMaxPairs = 300;
constexpr std::size_t kMaxScored = 120;
constexpr int kMaxRounds = 10;

// The largest distance of a circle's points from the sphere: closed form, no elliptic integral.
double worst_point_deviation(const WorkCircle& c, const Sphere& s) {
  const Eigen::Vector3d v = c.center - s.center;
  const double a = c.normal.dot(v);
  const double b = (v - a * c.normal).norm();
  const double near = std::hypot(a, b - c.radius);
  const double far = std::hypot(a, b + c.radius);
  return std::max(std::abs(near - s.radius), std::abs(far - s.radius));
}

std::vector<std::pair<std::size_t, std::size_t>> candidate_pairs(const std::vector<std::size_t>& idx) {
  const std::size_t n = idx.size();
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  if (n * (n - 1) / 2 <= kMaxPairs) {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) pairs.emplace_back(idx[i], idx[j]);
    return pairs;
  }
  std::uint64_t state = n;
  while (pairs.size() < kMaxPairs) {
    const std::size_t i = next_random(state) % n, j = next_random(state) % n;
    if (i != j) pairs.emplace_back(idx[std::min(i, j)], idx[std::max(i, j)]);
  }
  return pairs;
}

}  // namespace

Consensus find_consistent_slices(const WorkSet& set, const std::vector<std::uint8_t>& use,
                                 std::optional<double> fixed_radius, const FitOptions& options) {
  const int max_iterations = options.max_iterations;
  const double min_radius = options.min_radius ? *options.min_radius / set.scale : 0.0;
  const double max_radius = options.max_radius ? *options.max_radius / set.scale : INFINITY;
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < use.size(); ++i)
    if (use[i]) idx.push_back(i);
  if (idx.size() < 5) return {use, std::nullopt};

  // Score on an evenly strided subset: enough to rank candidates, and cheap for 100 000 slices.
  const std::size_t scored = std::min(idx.size(), kMaxScored);
  std::vector<std::size_t> scoring(scored);
  for (std::size_t k = 0; k < scored; ++k) scoring[k] = idx[k * idx.size() / scored];

  // Each candidate is fitted on its own two circles, not on all slices through a mask.
  const std::vector<std::uint8_t> both(2, 1);
  std::vector<WorkCircle> pair(2);
  std::vector<double> deviation(scored);
  double best_score = INFINITY;
  Sphere best;
  for (const auto& [i, j] : candidate_pairs(idx)) {
    pair[0] = set.circles[i];
    pair[1] = set.circles[j];
    if (all_in_one_plane(pair, both)) continue;
    const Outcome<Sphere> candidate = estimate_sphere(pair, both);
    if (!candidate.ok()) continue;
    Sphere s = candidate.value();
    if (fixed_radius) s.radius = *fixed_radius;
    if (s.radius < min_radius || s.radius > max_radius) continue;
    for (std::size_t k = 0; k < scored; ++k) deviation[k] = worst_point_deviation(set.circles[scoring[k]], s);
    const auto mid = deviation.begin() + static_cast<std::ptrdiff_t>(scored / 2);
    std::nth_element(deviation.begin(), mid, deviation.end());
    if (*mid < best_score) {
      best_score = *mid;
      best = s;
    }
  }
  if (!std::isfinite(best_score)) return {use, std::nullopt};

  std::vector<double> first(set.circles.size());
  for (std::size_t i = 0; i < first.size(); ++i) first[i] = worst_point_deviation(set.circles[i], best);
  std::vector<std::uint8_t> inlier = slices_within(first, use, best.radius);
  for (std::size_t i = 0; i < inlier.size(); ++i) inlier[i] = inlier[i] && use[i];

  // Each set is solved once; a set that cannot be solved ends the search at the one before it.
  Consensus out{inlier, std::nullopt};
  for (int round = 0; round < kMaxRounds; ++round) {
    Outcome<Refinement> fit = solve_sphere(set, inlier, fixed_radius, max_iterations);
    if (!fit.ok()) break;
    out = {inlier, fit.value()};
    const std::vector<double> deviations = slice_deviations(set.circles, fit.value().sphere);
    std::vector<std::uint8_t> next = slices_within(deviations, inlier, fit.value().sphere.radius);
    for (std::size_t i = 0; i < next.size(); ++i) next[i] = next[i] && use[i];
    if (next == inlier) break;
    inlier = std::move(next);
  }
  return out;
}

}  // namespace spherefit
