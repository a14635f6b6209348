#include "fit/spheres/candidate_refine.hpp"

#include <algorithm>
#include <cmath>

#include "fit/spheres/inlier_fit.hpp"
#include "fit/spheres/shell_gather.hpp"

namespace spherefit {
namespace {

constexpr double kMadToSigma = 1.4826;     // σ = 1.4826·MAD for normal residuals
constexpr double kFloatResolution = 4e-7;  // the index's float coordinates, working units
constexpr std::size_t kNoiseProbes = 24;
constexpr int kRoundIterations = 6;  // Gauss–Newton steps per round (the rounds iterate too)

std::vector<std::uint32_t> free_near_shell(const SearchSpace& space, const Sphere& sphere, double band) {
  std::vector<std::uint32_t> out;
  visit_shell(space.index, sphere, band, [&](std::size_t p, double) {
    if (space.owner[p] < 0) out.push_back(static_cast<std::uint32_t>(p));
  });
  return out;
}

struct Residuals {
  double robust_scale = 0.0;
  double rms = 0.0;
};

Residuals measure_residuals(const MortonIndex& index, const std::vector<std::uint32_t>& positions, const Sphere& s) {
  std::vector<double> e(positions.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    e[i] = std::abs((index.at(positions[i]) - s.center).norm() - s.radius);
    sum += e[i] * e[i];
  }
  Residuals out;
  if (e.empty()) return out;
  out.rms = std::sqrt(sum / static_cast<double>(e.size()));
  const auto mid = e.begin() + static_cast<std::ptrdiff_t>(e.size() / 2);
  std::nth_element(e.begin(), mid, e.end());
  out.robust_scale = kMadToSigma * *mid;
  return out;
}

}  // namespace

RefinedCandidate refine_candidate(const SearchSpace& space, const Candidate& candidate) {
  RefinedCandidate out;
  AcceptedSphere& a = out.accepted;
  const SphereSearchSettings& settings = space.settings;
  a.sphere = candidate.sphere;
  a.radius_fixed = candidate.radius_fixed;
  double band = candidate.band;
  const int level = space.index.level_for(2.5 * candidate.spacing);
  std::size_t previous = 0;
  double noise = -1.0;
  for (int round = 0; round < settings.max_rounds; ++round) {
    const Component patch = largest_component(space.index, free_near_shell(space, a.sphere, band), level);
    const std::size_t count = patch.positions.size();
    if (count < space.min_points) return out;
    if (noise < 0.0) {
      noise = local_noise(space.index, patch.positions, 2.5 * candidate.spacing, kNoiseProbes);
      if (!(noise > 0.0)) noise = candidate.noise;
      out.first_patch = patch.positions;
    }
    const InlierFit fit =
        fit_inliers_within_limits(space, patch.positions, a.sphere, a.radius_fixed, a.at_limit, kRoundIterations);
    if (!fit.ok) return out;
    a.sphere = fit.sphere;
    if (a.sphere.radius > space.limits.largest_useful) {  // a sheet, not a ball: no cap to find
      a.inliers = patch;
      out.verdict = Verdict::SmallCap;
      return out;
    }
    const double floor = std::max(0.5 * noise, kFloatResolution);
    const double target =
        settings.band_sigmas * std::max(measure_residuals(space.index, patch.positions, a.sphere).robust_scale, floor);
    const double next = std::clamp(target, band / 3.0, band);
    const bool settled = next >= 0.999 * band && round > 0 &&
                         static_cast<double>(std::max(count, previous) - std::min(count, previous)) <=
                             0.005 * static_cast<double>(count);
    // The band stopped narrowing far above the surface's noise: the residuals fill it, no sphere.
    if (next >= 0.999 * band && round > 0 && target > 2.0 * settings.band_sigmas * std::max(noise, kFloatResolution)) {
      a.band = band;
      a.noise = noise;
      a.inliers = patch;
      out.verdict = a.at_limit ? Verdict::OutsideLimits : Verdict::Noisy;
      return out;
    }
    band = next;
    previous = count;
    if (settled) break;
  }
  a.band = band;
  a.inliers = largest_component(space.index, free_near_shell(space, a.sphere, band), level);
  const std::vector<std::uint32_t>& inliers = a.inliers.positions;
  if (inliers.size() < space.min_points) return out;
  // The noise again, about the final inliers (the first patch may have strayed onto neighbours).
  a.noise = local_noise(space.index, inliers, 2.5 * candidate.spacing, kNoiseProbes);
  if (!(a.noise > 0.0)) a.noise = noise;
  out.rms = measure_residuals(space.index, inliers, a.sphere).rms;
  out.cap = measure_cap(space.index, inliers, a.sphere);
  if (out.cap.cap_angle_deg < space.min_cap_angle_deg) {
    out.verdict = Verdict::SmallCap;
  } else if (out.cap.coverage < settings.min_coverage) {
    out.verdict = Verdict::Ring;
  } else if (out.rms > settings.max_noise_ratio * a.noise + kFloatResolution) {
    out.verdict = a.at_limit ? Verdict::OutsideLimits : Verdict::Noisy;
  } else {
    out.verdict = Verdict::Sphere;
  }
  return out;
}

}  // namespace spherefit
