#include "pipeline/fit_spheres.hpp"

#include <algorithm>
#include <cmath>

#include "fit/spheres/find_spheres.hpp"
#include "model/format.hpp"
#include "pipeline/fit.hpp"
#include "report/sphere_distances.hpp"
#include "report/sphericity.hpp"
#include "pipeline/shape_check.hpp"

namespace spherefit {
namespace {

// The half-angle of the smallest cap about the data's axis that holds them: latitudes run from
// min_latitude to the pole.
double cap_angle_of(const Coverage& c) { return std::clamp(90.0 - c.min_latitude_deg, 0.0, 180.0); }

std::size_t used_count(const SphereFit& fit) {
  return static_cast<std::size_t>(std::count(fit.inlier.begin(), fit.inlier.end(), 1));
}

FitOptions per_sphere(const FitOptions& options) {
  FitOptions o = options;
  o.spheres = SphereCount::One;
  o.robust = false;         // each sphere's observations are already its own
  o.shape = Shape::Sphere;  // each sphere is judged (its verdict), never fitted as another shape
  return o;
}

void finish(SpheresFit& out, const FitOptions& options) {
  out.set.distances = measure_distances(out.set.spheres, options.distances, out.set.all_pairs);
}

}  // namespace

Outcome<SpheresFit> fit_point_spheres(const PointColumnsView& points, const FitOptions& options) {
  if (auto bad = check_options(options)) return *bad;
  SphereSearchOptions search;
  search.known_radius = options.known_radius;
  search.min_radius = options.min_radius;
  search.max_radius = options.max_radius;
  search.min_cap_angle_deg = options.min_cap_angle_deg;
  const Outcome<SphereSearch> found = find_spheres(points, search);
  if (!found.ok()) return found.error();
  const SphereSearch& s = found.value();
  if (s.spheres.empty()) {
    std::string why = "No sphere found among the " + grouped(points.count) + " points";
    if (options.min_radius || options.max_radius || options.known_radius) why += " with the radius asked for";
    why += ": " + grouped(s.rejected_surfaces) + " curved surface" + (s.rejected_surfaces == 1 ? " was" : "s were") +
           " rejected as not spherical (a cap under " + std::to_string(options.min_cap_angle_deg) +
           "°, a ring such as a cylinder, or residuals above the noise)";
    if (s.rejected_by_limits > 0) why += ", " + grouped(s.rejected_by_limits) + " as outside the radius limits";
    why += ". Planes, walls and cylinders are not spheres. A smaller sphere than " +
           format_length(s.smallest_radius_searched, options.units) + " may need the radius limits.";
    return Error{ErrorCode::NoSphereFound, why};
  }
  SpheresFit out;
  out.set.warnings = s.warnings;
  const FitOptions o = per_sphere(options);
  for (const FoundSphere& f : s.spheres) {
    PointTable t;
    t.x.reserve(f.inliers.size()), t.y.reserve(f.inliers.size()), t.z.reserve(f.inliers.size());
    for (std::uint32_t i : f.inliers) {
      t.x.push_back(points.x[i]);
      t.y.push_back(points.y[i]);
      t.z.push_back(points.z[i]);
    }
    // Contour points keep their slices, so that the sphere's uncertainty clusters by slice.
    std::vector<std::int32_t> renumber;
    if (points.has_slices()) {
      for (std::uint32_t i : f.inliers) {
        const auto c = static_cast<std::size_t>(points.slice[i]);
        if (c >= renumber.size()) renumber.resize(c + 1, -1);
        if (renumber[c] < 0) {
          renumber[c] = static_cast<std::int32_t>(t.slice_names.size());
          t.slice_names.push_back(std::to_string(c + 1));
        }
        t.slice.push_back(renumber[c]);
      }
    }
    PointColumnsView view = t.view();
    Outcome<SphereFit> fit = fit_sphere(view, o);
    if (fit.ok()) check_shape(view, fit.value(), o, fit.value());
    SphereEntry e;
    e.count = f.inliers.size();
    e.cap_angle_deg = f.cap_angle_deg;
    e.members = f.inliers;
    if (!fit.ok()) {
      e.spherical = false;
      e.error = fit.error();
      e.why_not = fit.error().message;
    } else {
      e.fit = fit.value();
      if (f.radius_at_limit) {
        e.fit.warnings.push_back(
            {WarningCode::SeveralSpheres, "This sphere's radius is held at the limit " +
                                              format_length(f.radius, options.units) +
                                              ": fitted freely its points would leave the radius limits."});
      }
    }
    out.set.spheres.push_back(std::move(e));
    out.contours.emplace_back();
    out.tables.push_back(std::move(t));
  }
  out.set.leftover = s.leftover_points;
  out.set.rejected = s.rejected_surfaces;
  if (s.leftover_points > 0) {
    out.set.warnings.push_back(
        {WarningCode::SetAside, grouped(s.leftover_points) + " of " + grouped(points.count) +
                                    " points lie on no sphere (stems, a plate, walls, clutter); " +
                                    grouped(s.rejected_surfaces) + " candidate surface" +
                                    (s.rejected_surfaces == 1 ? " was" : "s were") + " rejected as not spherical."});
  }
  finish(out, options);
  return out;
}

SpheresFit fit_groups(const std::vector<ObservationGroup>& groups, const FitOptions& options) {
  SpheresFit out;
  const FitOptions o = per_sphere(options);
  for (const ObservationGroup& g : groups) {
    SphereEntry e;
    e.label = g.label;
    std::optional<ContourDetails> details;
    Outcome<SphereFit> fit = Error{ErrorCode::EmptyInput, "No observations."};
    if (g.error) {
      fit = *g.error;
    } else if (g.circles.size() > 0) {
      fit = fit_sphere(g.circles.view(), o);
    } else if (g.points.has_slices()) {
      Outcome<ContourFit> c = fit_contours(g.points, o);
      if (c.ok()) {
        details = std::move(c.value().details);
        fit = std::move(c.value().fit);
      } else {
        fit = c.error();
      }
    } else if (g.points.size() > 0) {
      fit = fit_sphere(g.points.view(), o);
      if (fit.ok()) check_shape(g.points.view(), fit.value(), o, fit.value());
    }
    if (!fit.ok()) {
      e.spherical = false;
      e.error = fit.error();
      e.why_not = fit.error().message;
      e.count = g.circles.size() > 0 ? g.circles.size() : g.points.size();
    } else {
      e.fit = std::move(fit.value());
      e.count = used_count(e.fit);
      e.cap_angle_deg = cap_angle_of(e.fit.coverage);
      const Sphericity judged = judge_sphericity(e.fit, g.noise_floor, options.units);
      e.spherical = judged.spherical;
      e.why_not = judged.why_not;
    }
    out.set.spheres.push_back(std::move(e));
    out.contours.push_back(std::move(details));
    out.tables.push_back(g.points);
  }
  finish(out, options);
  return out;
}

std::size_t most_spherical(const SphereSet& set) {
  std::size_t largest = 0;
  for (std::size_t i = 0; i < set.spheres.size(); ++i)
    if (set.spheres[i].count > set.spheres[largest].count) largest = i;
  const std::size_t enough = set.spheres.empty() ? 0 : set.spheres[largest].count / 10;
  std::optional<std::size_t> best;
  double best_score = 0.0;
  for (std::size_t i = 0; i < set.spheres.size(); ++i) {
    const SphereEntry& e = set.spheres[i];
    if (!e.spherical || e.count < enough) continue;
    const double score = e.fit.rms / e.fit.radius;
    if (!best || score < best_score) best = i, best_score = score;
  }
  return best.value_or(largest);
}

Warning several_groups(const SphereSet& set, std::size_t chosen, const char* what) {
  std::size_t spherical = 0;
  for (const SphereEntry& e : set.spheres) spherical += e.spherical;
  const SphereEntry& c = set.spheres[chosen];
  return {WarningCode::SeveralSpheres, "These data hold " + grouped(set.spheres.size()) + " " + what + " (" +
                                           grouped(spherical) + " of them spherical); " +
                                           (c.label.empty() ? "one" : "'" + c.label + "'") + " is fitted, as the " +
                                           (c.spherical ? "most sphere-like" : "largest (none is a sphere)") +
                                           ". Choose Spheres: all to fit each of them."};
}

}  // namespace spherefit
