#include "fit/points/point_refine.hpp"

#include "fit/lanes.hpp"
#include "fit/levenberg_marquardt.hpp"
#include <algorithm>
#include <cmath>

namespace spherefit {

// ½∇²F exactly: Σ j jᵀ + e ∂²e, with ∂²e/∂c² = (I − z zᵀ)/|q − c| (z the unit direction), made
// positive.
Eigen::Matrix4d exact_point_curvature(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& s) {
  Eigen::Matrix4d h = Eigen::Matrix4d::Zero();
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (!use.empty() && !use[i]) continue;
    const Eigen::Vector3d d = set.at(i) - s.center;
    const double distance = d.norm();
    const PointObservation o = observe_point(set.at(i), s);
    h.noalias() += o.jacobian * o.jacobian.transpose();
    if (distance > 0.0) {
      const Eigen::Vector3d z = d / distance;
      h.topLeftCorner<3, 3>() += o.residual / distance * (Eigen::Matrix3d::Identity() - z * z.transpose());
    }
  }
  return positive_curvature<4>(h);
}

PointObservation observe_point(const Eigen::Vector3d& q, const Sphere& sphere) {
  PointObservation o;
  const Eigen::Vector3d d = q - sphere.center;
  const double distance = d.norm();
  o.residual = distance - sphere.radius;
  if (distance > 0.0) o.jacobian.head<3>() = -d / distance;
  o.jacobian(3) = -1.0;
  return o;
}

PointRefinement refine_point_sphere(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& start,
                                    bool radius_fixed, int max_iterations) {
  const Minimum m = minimise([&](const Sphere& s) { return accumulate_point_sphere<Lanes>(set, use, s); },
                             [&](const Sphere& s) { return exact_point_curvature(set, use, s); }, start, radius_fixed,
                             max_iterations);
  return PointRefinement{m.sphere, m.iterations, m.converged, m.at.objective, m.at.curvature};
}

}  // namespace spherefit
