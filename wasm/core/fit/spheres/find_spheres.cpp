#include "fit/spheres/find_spheres.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

#include "fit/spheres/assign_points.hpp"
#include "fit/spheres/seed_search.hpp"
#include "model/format.hpp"

namespace spherefit {
namespace {

constexpr double kPi = 3.14159265358979323846;

Error option_error(const std::string& what) { return Error{ErrorCode::InvalidOption, "Sphere search: " + what}; }

std::optional<Error> check_options(const SphereSearchOptions& o) {
  auto bad_length = [](const std::optional<double>& v, bool zero_ok) {
    return v && !(std::isfinite(*v) && (*v > 0.0 || (zero_ok && *v == 0.0)));
  };
  if (bad_length(o.known_radius, false))
    return option_error("the known radius must be a positive finite number; give it in the points' units.");
  if (bad_length(o.min_radius, true)) return option_error("the minimum radius must be a finite number ≥ 0.");
  if (bad_length(o.max_radius, false)) return option_error("the maximum radius must be a positive finite number.");
  if (o.min_radius && o.max_radius && *o.min_radius > *o.max_radius)
    return option_error("the minimum radius is larger than the maximum radius; swap or widen them.");
  if (o.known_radius &&
      ((o.min_radius && *o.known_radius < *o.min_radius) || (o.max_radius && *o.known_radius > *o.max_radius)))
    return option_error("the known radius lies outside the radius limits; drop the limits or correct the radius.");
  if (!(o.min_cap_angle_deg > 0.0 && o.min_cap_angle_deg <= 180.0))
    return option_error("the minimum cap angle must lie in (0°, 180°]; 60° asks for a clear cap, 90° a hemisphere.");
  if (o.min_points < 4) return option_error("a sphere needs at least 4 points: set min_points to 4 or more.");
  const SphereSearchSettings& s = o.settings;
  if (!(s.band_sigmas > 0.0 && s.curvature_significance >= 0.0 && s.max_anisotropy > 0.0 && s.min_coverage >= 0.0 &&
        s.max_noise_ratio > 0.0 && s.seed_budget > 0 && s.max_rounds > 0 && s.max_iterations > 0))
    return option_error("a search setting is zero or negative; keep the defaults unless tuning.");
  return std::nullopt;
}

// Seed cells: with a radius to look for (known or minimum), cells at most 0.9 of it wide, so that
// each sphere holds several (as long as that stays within 8× the budget); otherwise the finest
// level within the budget. Patches half a cell wide (or holding ~16 points), at most half the
// smallest radius.
SeedPlan plan_seeds(const MortonIndex& index, const SearchLimits& limits, const SphereSearchSettings& settings,
                    double& smallest) {
  const std::size_t budget = std::min(settings.seed_budget, std::max<std::size_t>(16, index.size() / 3));
  int level = 1;
  while (level < MortonIndex::kLevels && index.occupied[static_cast<std::size_t>(level + 1)] <= budget) ++level;
  const double wanted = limits.known_radius ? *limits.known_radius : limits.min_radius;
  SeedPlan plan;
  if (wanted > 0.0) {
    int fit = 1;
    while (fit < MortonIndex::kLevels && index.cell_size(fit) > 0.9 * wanted) ++fit;
    if (fit <= level || index.occupied[static_cast<std::size_t>(fit)] <= 8 * budget) level = fit;
  }
  plan.level = level;
  // Half a cell, but wide enough for about 16 points where the points are as dense as the average
  // occupied cell says (n / cells points on about a cell² of surface each).
  const double cell = index.cell_size(level);
  const double density = static_cast<double>(index.size()) /
                         (static_cast<double>(index.occupied[static_cast<std::size_t>(level)]) * cell * cell);
  plan.patch_radius = std::max(0.5 * cell, std::sqrt(16.0 / (kPi * density)));
  if (wanted > 0.0) plan.patch_radius = std::min(plan.patch_radius, 0.5 * wanted);
  smallest = std::max(wanted, std::min(index.cell_size(level), 2.0 * plan.patch_radius));
  return plan;
}

}  // namespace

Outcome<SphereSearch> find_spheres(const PointColumnsView& points, const SphereSearchOptions& options) {
  if (const auto error = check_options(options)) return *error;
  if (points.count >= std::numeric_limits<std::uint32_t>::max())
    return Error{ErrorCode::InvalidColumns, "The sphere search takes fewer than 2³² − 1 points; split the cloud."};
  Outcome<PointSet> prepared = prepare_points(points, 4);
  if (!prepared.ok()) return prepared.error();
  const PointSet& set = prepared.value();

  SearchSpace space;
  space.set = &set;
  space.index = build_morton_index(set);
  space.owner.assign(set.size(), -1);
  space.rejected.assign(set.size(), 0);
  space.settings = options.settings;
  space.min_cap_angle_deg = options.min_cap_angle_deg;
  space.min_points = options.min_points;
  SearchLimits& limits = space.limits;
  if (options.known_radius) limits.known_radius = *options.known_radius * set.inverse_scale;
  if (options.min_radius) limits.min_radius = *options.min_radius * set.inverse_scale;
  if (options.max_radius) limits.max_radius = *options.max_radius * set.inverse_scale;
  limits.user_known = options.known_radius;
  limits.user_min = options.min_radius.value_or(0.0);
  limits.user_max = options.max_radius.value_or(INFINITY);
  const double cap = std::min(options.min_cap_angle_deg, 90.0) * kPi / 180.0;
  limits.largest_useful = space.index.side * std::sqrt(3.0) / (2.0 * std::sin(cap));

  SphereSearch out;
  double smallest = 0.0;
  const SeedPlan plan = plan_seeds(space.index, limits, options.settings, smallest);
  out.smallest_radius_searched = smallest * set.scale;
  std::vector<AcceptedSphere> accepted;
  search_seeds(space, plan, options.seed, accepted, out.stats);
  out.spheres = assign_points(space, accepted, out.warnings);

  std::sort(out.spheres.begin(), out.spheres.end(), [](const FoundSphere& a, const FoundSphere& b) {
    return std::make_tuple(b.inliers.size(), a.center.x(), a.center.y(), a.center.z()) <
           std::make_tuple(a.inliers.size(), b.center.x(), b.center.y(), b.center.z());
  });
  std::size_t held = 0;
  for (const FoundSphere& s : out.spheres) held += s.inliers.size();
  out.leftover_points = set.size() - held;
  out.rejected_surfaces = out.stats.small_cap + out.stats.ring + out.stats.noisy;
  out.rejected_by_limits = out.stats.outside_limits;
  return out;
}

Outcome<SphereSearch> detect_spheres(const PointColumnsView& points, const SphereSearchOptions& options,
                                     std::size_t max_points) {
  if (points.count <= max_points || max_points < 4) return find_spheres(points, options);
  // Every point is checked, not only the sample's: the same errors as the search itself.
  if (const auto error = check_options(options)) return *error;
  const Outcome<PointSet> checked = prepare_points(points, 4);
  if (!checked.ok()) return checked.error();
  const std::size_t m = max_points;
  std::vector<double> x(m), y(m), z(m);
  std::vector<std::uint32_t> from(m);
  for (std::size_t i = 0; i < m; ++i) {
    const std::size_t k = i * points.count / m;
    from[i] = static_cast<std::uint32_t>(k);
    x[i] = points.x[k], y[i] = points.y[k], z[i] = points.z[k];
  }
  PointColumnsView sample;
  sample.count = m, sample.x = x.data(), sample.y = y.data(), sample.z = z.data();
  SphereSearchOptions scaled = options;
  scaled.min_points = std::max<std::size_t>(12, options.min_points * m / points.count);
  Outcome<SphereSearch> found = find_spheres(sample, scaled);
  if (!found.ok()) return found;  // a sample of valid points: only a sample of equal points fails
  SphereSearch& result = found.value();
  for (FoundSphere& s : result.spheres)
    for (std::uint32_t& i : s.inliers) i = from[i];
  result.leftover_points += points.count - m;
  if (result.spheres.size() >= 2) {
    result.warnings.push_back(
        {WarningCode::SeveralSpheres,
         "These data hold " + grouped(result.spheres.size()) + " spheres (found in a sample of " + grouped(m) +
             " points); one sphere fitted to all of them describes none: search for several spheres, or select one."});
  }
  return found;
}

}  // namespace spherefit
