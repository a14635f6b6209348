#include "fit/spheres/seed_search.hpp"

#include <algorithm>
#include <cmath>

#include "fit/random.hpp"
#include "fit/spheres/candidate_refine.hpp"
#include "fit/spheres/surface_patch.hpp"

namespace spherefit {
namespace {

constexpr std::size_t kPatchPoints = 64;

// The candidate a seed's patch makes, or nothing (flat, not umbilic, implausible radius).
std::optional<Candidate> candidate_at(const SearchSpace& space, const SurfacePatch& patch, double patch_radius) {
  const SphereSearchSettings& settings = space.settings;
  const SearchLimits& limits = space.limits;
  const double h = patch.mean_curvature;
  if (!(std::abs(h) > settings.curvature_significance * patch.curvature_error)) return std::nullopt;
  if (!(patch.anisotropy <= settings.max_anisotropy)) return std::nullopt;
  const double seen = 1.0 / std::abs(h);
  const double low = limits.known_radius ? *limits.known_radius : limits.min_radius;
  const double high = limits.known_radius ? *limits.known_radius : limits.max_radius;
  if (seen < 0.5 * low || seen > 2.0 * high || seen < 0.8 * patch_radius || seen > limits.largest_useful)
    return std::nullopt;
  Candidate c;
  c.radius_fixed = limits.known_radius.has_value();
  c.sphere.radius = c.radius_fixed ? *limits.known_radius : seen;
  c.sphere.center = patch.point + (h > 0.0 ? 1.0 : -1.0) * c.sphere.radius * patch.normal;
  c.band = std::max(6.0 * patch.noise, 0.1 * c.sphere.radius);
  c.spacing = patch.spacing;
  c.noise = patch.noise;
  return c;
}

void count_rejection(Verdict verdict, SphereSearchStats& stats) {
  switch (verdict) {
    case Verdict::TooFewPoints:
      ++stats.too_few_points;
      break;
    case Verdict::SmallCap:
      ++stats.small_cap;
      break;
    case Verdict::Ring:
      ++stats.ring;
      break;
    case Verdict::Noisy:
      ++stats.noisy;
      break;
    case Verdict::OutsideLimits:
      ++stats.outside_limits;
      break;
    case Verdict::Sphere:
      break;
  }
}

}  // namespace

void search_seeds(SearchSpace& space, const SeedPlan& plan, std::uint64_t seed, std::vector<AcceptedSphere>& accepted,
                  SphereSearchStats& stats) {
  const MortonIndex& index = space.index;
  const std::size_t n = index.size();
  const int shift = 3 * (MortonIndex::kLevels - plan.level);
  std::uint64_t state = seed;
  for (std::size_t first = 0; first < n;) {
    // The cell's run: every code with the same leading 3·level bits.
    const std::uint64_t next_cell = ((index.codes[first] >> shift) + 1) << shift;
    const std::size_t last =
        plan.level == 0
            ? n
            : static_cast<std::size_t>(std::lower_bound(index.codes.begin() + static_cast<std::ptrdiff_t>(first),
                                                        index.codes.end(), next_cell) -
                                       index.codes.begin());
    const std::size_t p = first + static_cast<std::size_t>(next_random(state) % (last - first));
    first = last;
    if (space.owner[p] >= 0 || space.rejected[p]) continue;
    double radius = plan.patch_radius;
    SurfacePatch patch = fit_surface_patch(index, p, radius, kPatchPoints);
    if (!patch.ok) patch = fit_surface_patch(index, p, radius *= 2.0, kPatchPoints);
    if (!patch.ok) continue;
    ++stats.seeds;
    const std::optional<Candidate> candidate = candidate_at(space, patch, radius);
    if (!candidate) continue;
    ++stats.candidates;
    RefinedCandidate refined = refine_candidate(space, *candidate);
    if (refined.verdict == Verdict::Sphere) {
      const std::int32_t id = static_cast<std::int32_t>(accepted.size());
      for (const std::uint32_t q : refined.accepted.inliers.positions) space.owner[q] = id;
      accepted.push_back(std::move(refined.accepted));
      continue;
    }
    count_rejection(refined.verdict, stats);
    // A ball outside the limits is rejected as a whole (its first, wide patch): its other seeds
    // would only find it again. Other rejections mark the inliers of the surface judged.
    const std::vector<std::uint32_t>& judged =
        refined.verdict == Verdict::OutsideLimits ? refined.first_patch : refined.accepted.inliers.positions;
    if (refined.verdict != Verdict::TooFewPoints)
      for (const std::uint32_t q : judged) space.rejected[q] = 1;
  }
}

}  // namespace spherefit
