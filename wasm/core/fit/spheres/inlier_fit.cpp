#include "fit/spheres/inlier_fit.hpp"

#include <algorithm>
#include <cmath>

#include "fit/points/point_refine.hpp"

namespace spherefit {

InlierFit fit_inliers(const SearchSpace& space, const std::vector<std::uint32_t>& positions, const Sphere& start,
                      bool radius_fixed, int iterations) {
  InlierFit out;
  if (positions.size() < 4) return out;
  const PointSet& set = *space.set;
  const std::size_t m = positions.size();
  std::vector<double> x(m), y(m), z(m);
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint32_t at = space.index.order[positions[i]];
    x[i] = set.points.x[at], y[i] = set.points.y[at], z[i] = set.points.z[at];
  }
  PointColumnsView view;
  view.count = m, view.x = x.data(), view.y = y.data(), view.z = z.data();
  const Outcome<PointSet> local = prepare_points(view, 4);
  if (!local.ok()) return out;
  const PointSet& sub = local.value();
  // search working units → user → the subset's working units, and back.
  const double to_sub = set.scale * sub.inverse_scale;
  Sphere begin;
  begin.center = (set.to_user(start.center) - sub.origin) * sub.inverse_scale;
  begin.radius = start.radius * to_sub;
  const PointRefinement r = refine_point_sphere(sub, {}, begin, radius_fixed, iterations);
  out.sphere.center = (sub.to_user(r.sphere.center) - set.origin) * set.inverse_scale;
  out.sphere.radius = r.sphere.radius / to_sub;
  out.rms = std::sqrt(r.objective / static_cast<double>(m)) / to_sub;
  out.converged = r.converged;
  out.ok = out.sphere.center.allFinite() && std::isfinite(out.sphere.radius) && out.sphere.radius > 0.0;
  return out;
}

InlierFit fit_inliers_within_limits(const SearchSpace& space, const std::vector<std::uint32_t>& positions,
                                    const Sphere& start, bool& radius_fixed, bool& at_limit, int iterations) {
  InlierFit fit = fit_inliers(space, positions, start, radius_fixed, iterations);
  const SearchLimits& limits = space.limits;
  if (!fit.ok || radius_fixed || (fit.sphere.radius >= limits.min_radius && fit.sphere.radius <= limits.max_radius))
    return fit;
  Sphere held = fit.sphere;
  held.radius = std::clamp(fit.sphere.radius, limits.min_radius, limits.max_radius);
  radius_fixed = at_limit = true;
  return fit_inliers(space, positions, held, true, iterations);
}

}  // namespace spherefit
