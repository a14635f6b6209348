#include "fit/circles/solve.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "fit/circles/start.hpp"
#include "model/format.hpp"

namespace spherefit {
namespace {

double objective_of(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use, const Sphere& s) {
  double sum = 0.0;
  for (std::size_t i = 0; i < circles.size(); ++i)
    if (use[i]) sum += circles[i].weight * observe_circle(circles[i], s).objective;
  return sum;
}

// With a known radius, slices in one plane are fitted equally well by a sphere above the plane
// and by its mirror image below: fit the one above and report both, unless the centre lies in the plane.
Outcome<Refinement> solve_in_one_plane(const WorkSet& set, const std::vector<std::uint8_t>& use, double fixed_radius,
                                       int max_iterations) {
  Eigen::Vector3d centroid = Eigen::Vector3d::Zero();
  Eigen::Vector3d normal = Eigen::Vector3d::Zero();
  double weight = 0.0, radius = 0.0;
  for (std::size_t i = 0; i < set.circles.size(); ++i) {
    if (!use[i]) continue;
    const WorkCircle& c = set.circles[i];
    if (weight == 0.0) normal = c.normal;
    centroid += c.weight * c.center;
    radius += c.weight * c.radius;
    weight += c.weight;
  }
  centroid /= weight;
  radius /= weight;
  const double height =
      std::sqrt(std::max(fixed_radius * fixed_radius - radius * radius, 0.01 * fixed_radius * fixed_radius));
  Sphere start{centroid + height * normal, fixed_radius};
  Refinement r = refine_sphere(set.circles, use, start, true, max_iterations);
  const double offset = normal.dot(r.sphere.center - centroid);
  if (std::abs(offset) <= 1e-9 * fixed_radius) return r;
  // The objective is flat to fourth order in the height when the known radius equals the slice's
  // own: if the centre in the plane fits as well, that is the one sphere (R = r, an equator).
  Sphere flat = r.sphere;
  flat.center -= offset * normal;
  if (objective_of(set.circles, use, flat) <= objective_of(set.circles, use, r.sphere) * (1.0 + 1e-9) + 1e-28) {
    r.sphere = flat;
    return r;
  }
  const Eigen::Vector3d mirror = r.sphere.center - 2.0 * offset * normal;
  Error e;
  e.code = ErrorCode::MirrorAmbiguity;
  e.message = "With a known radius, slices in one plane fit two mirror-image spheres: centre " +
              format_point(set.to_user(r.sphere.center)) + " or " + format_point(set.to_user(mirror)) +
              ". Add a slice in another plane to choose between them.";
  return e;
}

}  // namespace

Outcome<Refinement> solve_sphere(const WorkSet& set, const std::vector<std::uint8_t>& use,
                                 std::optional<double> fixed_radius, int max_iterations) {
  std::size_t count = 0;
  for (std::uint8_t u : use) count += u;
  if (count == 0 || (count < 2 && !fixed_radius)) {
    return Error{ErrorCode::TooFewSlices, "A sphere needs at least two slice circles in different planes (found " +
                                              grouped(count) + "); add slices, or give the known radius."};
  }
  if (all_in_one_plane(set.circles, use)) {
    if (fixed_radius) return solve_in_one_plane(set, use, *fixed_radius, max_iterations);
    return Error{ErrorCode::AllSlicesCoplanar,
                 "All " + grouped(count) +
                     " slices lie in one plane, so the sphere's position along the plane's normal (and its "
                     "radius) can't be determined. Add slices in other planes, or give the known radius."};
  }
  Outcome<Sphere> start = estimate_sphere(set.circles, use);
  if (!start.ok()) return start.error();
  Sphere s = start.value();
  if (fixed_radius) s.radius = *fixed_radius;
  Refinement r = refine_sphere(set.circles, use, s, fixed_radius.has_value(), max_iterations);
  if (!r.sphere.center.allFinite() || !std::isfinite(r.sphere.radius) || !(r.sphere.radius > 0.0)) {
    return Error{ErrorCode::NumericalFailure,
                 "The fit did not reach a finite sphere; check the data for extreme values."};
  }
  return r;
}

}  // namespace spherefit
