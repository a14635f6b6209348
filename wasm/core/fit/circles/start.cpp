#include "fit/circles/start.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>

namespace spherefit {

Outcome<Sphere> estimate_sphere(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use) {
  // Normal equations in working coordinates are well scaled (|c| and r are O(1)); 4×4 fixed-size.
  Eigen::Matrix4d normal = Eigen::Matrix4d::Zero();
  Eigen::Vector4d rhs = Eigen::Vector4d::Zero();
  for (std::size_t i = 0; i < circles.size(); ++i) {
    if (!use[i]) continue;
    const WorkCircle& c = circles[i];
    Eigen::Vector4d row;
    row << -2.0 * c.center, 1.0;
    const double target = -(c.center.squaredNorm() + c.radius * c.radius);
    normal.noalias() += c.weight * row * row.transpose();
    rhs += c.weight * target * row;
    const double k = std::sqrt(2.0) * c.radius;
    for (const Eigen::Vector3d& axis : {c.u, c.v}) {
      Eigen::Vector4d in_plane;
      in_plane << k * axis, 0.0;
      normal.noalias() += c.weight * in_plane * in_plane.transpose();
      rhs += c.weight * (k * axis.dot(c.center)) * in_plane;
    }
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix4d> eig(normal);
  const Eigen::Vector4d lambda = eig.eigenvalues();
  if (!(lambda(0) > 1e-12 * lambda(3))) {
    return Error{ErrorCode::Underdetermined,
                 "These slices do not determine one sphere (for example, only points, or only two "
                 "points): add circles in other planes."};
  }
  const Eigen::Vector4d x = eig.eigenvectors() * (eig.eigenvectors().transpose() * rhs).cwiseQuotient(lambda);
  Sphere s;
  s.center = x.head<3>();
  const double r_sq = s.center.squaredNorm() - x(3);
  if (r_sq > 0.0) {
    s.radius = std::sqrt(r_sq);
  } else {  // far from a sphere: fall back to the mean Pythagorean distance
    double sum = 0.0, weight = 0.0;
    for (std::size_t i = 0; i < circles.size(); ++i) {
      if (!use[i]) continue;
      const WorkCircle& c = circles[i];
      sum += c.weight * std::sqrt((c.center - s.center).squaredNorm() + c.radius * c.radius);
      weight += c.weight;
    }
    s.radius = sum / weight;
  }
  if (!s.center.allFinite() || !std::isfinite(s.radius)) {
    return Error{ErrorCode::NumericalFailure,
                 "The first estimate of the sphere is not finite; check the data for extreme values."};
  }
  return s;
}

bool all_in_one_plane(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use) {
  const WorkCircle* first = nullptr;
  for (std::size_t i = 0; i < circles.size(); ++i) {
    if (!use[i]) continue;
    const WorkCircle& c = circles[i];
    if (first == nullptr) {
      first = &c;
      continue;
    }
    if (c.normal.cross(first->normal).norm() > 1e-10) return false;
    if (std::abs(first->normal.dot(c.center - first->center)) > 1e-10) return false;
  }
  return true;
}

}  // namespace spherefit
