#include "fit/spheres/assign_points.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "fit/spheres/inlier_fit.hpp"
#include "model/format.hpp"
#include "fit/spheres/shell_gather.hpp"

namespace spherefit {
namespace {

struct Claim {
  std::vector<std::uint32_t> positions;
  std::size_t contested = 0;
};

// One assignment: space.owner[p] becomes the sphere p is nearest to (in band units) among those
// whose band and reach hold it; space.rejected[p] counts them (saturating).
std::vector<Claim> assign_once(SearchSpace& space, const std::vector<AcceptedSphere>& spheres,
                               const std::vector<std::vector<std::uint64_t>>& reach, std::vector<float>& best) {
  std::fill(space.owner.begin(), space.owner.end(), -1);
  std::fill(space.rejected.begin(), space.rejected.end(), 0);
  std::fill(best.begin(), best.end(), INFINITY);
  std::vector<std::vector<std::uint32_t>> visited(spheres.size());
  for (std::size_t s = 0; s < spheres.size(); ++s) {
    const AcceptedSphere& a = spheres[s];
    visit_shell(space.index, a.sphere, a.band, [&](std::size_t p, double e) {
      if (!std::binary_search(reach[s].begin(), reach[s].end(), space.index.cell_id(p, a.inliers.level))) return;
      visited[s].push_back(static_cast<std::uint32_t>(p));
      if (space.rejected[p] < 255) ++space.rejected[p];
      const float r = static_cast<float>(std::abs(e) / a.band);
      if (r < best[p]) best[p] = r, space.owner[p] = static_cast<std::int32_t>(s);
    });
  }
  std::vector<Claim> claims(spheres.size());
  for (std::size_t s = 0; s < spheres.size(); ++s) {
    for (const std::uint32_t p : visited[s]) {
      if (space.owner[p] != static_cast<std::int32_t>(s)) continue;
      claims[s].positions.push_back(p);
      if (space.rejected[p] > 1) ++claims[s].contested;
    }
  }
  return claims;
}

}  // namespace

std::vector<FoundSphere> assign_points(SearchSpace& space, const std::vector<AcceptedSphere>& accepted,
                                       std::vector<Warning>& warnings) {
  std::vector<FoundSphere> out;
  if (accepted.empty()) return out;
  const PointSet& set = *space.set;
  std::vector<AcceptedSphere> spheres = accepted;
  std::vector<std::vector<std::uint64_t>> reach(spheres.size());
  for (std::size_t s = 0; s < spheres.size(); ++s) reach[s] = dilated_cells(spheres[s].inliers);
  std::vector<float> best(space.index.size());

  std::vector<Claim> claims = assign_once(space, spheres, reach, best);
  for (std::size_t s = 0; s < spheres.size(); ++s) {
    AcceptedSphere& a = spheres[s];
    const InlierFit fit = fit_inliers_within_limits(space, claims[s].positions, a.sphere, a.radius_fixed, a.at_limit,
                                                    space.settings.max_iterations);
    if (fit.ok) a.sphere = fit.sphere;
  }
  claims = assign_once(space, spheres, reach, best);
  for (std::size_t s = 0; s < spheres.size(); ++s) {
    AcceptedSphere& a = spheres[s];
    const std::vector<std::uint32_t>& positions = claims[s].positions;
    if (positions.size() < space.min_points) continue;
    const InlierFit fit = fit_inliers_within_limits(space, positions, a.sphere, a.radius_fixed, a.at_limit,
                                                    space.settings.max_iterations);
    if (!fit.ok) continue;
    FoundSphere f;
    f.center = set.to_user(fit.sphere.center);
    const SearchLimits& limits = space.limits;
    f.radius = limits.user_known ? *limits.user_known
                                 : std::clamp(fit.sphere.radius * set.scale, limits.user_min, limits.user_max);
    f.rms = fit.rms * set.scale;
    f.noise = a.noise * set.scale;
    f.tolerance = a.band * set.scale;
    f.cap_angle_deg = measure_cap(space.index, positions, fit.sphere).cap_angle_deg;
    f.cap_only = f.cap_angle_deg < 90.0;
    f.radius_at_limit = a.at_limit;
    f.contested = claims[s].contested;
    f.inliers.reserve(positions.size());
    for (const std::uint32_t p : positions) f.inliers.push_back(space.index.order[p]);
    std::sort(f.inliers.begin(), f.inliers.end());
    if (!fit.converged) {
      warnings.push_back({WarningCode::NotConverged,
                          "The refit of the sphere of " + grouped(f.inliers.size()) +
                              " points did not converge in the iteration limit; its centre and radius may be off."});
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace spherefit
