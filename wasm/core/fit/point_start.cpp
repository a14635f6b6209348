#include "fit/point_start.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <cmath>

namespace spherefit {

Outcome<PointSphere> estimate_point_sphere(const PointSet& set, const std::vector<std::uint8_t>& use) {
  Eigen::Matrix4d normal = Eigen::Matrix4d::Zero();
  Eigen::Vector4d rhs = Eigen::Vector4d::Zero();
  double n = 0.0;
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (!use.empty() && !use[i]) continue;
    const Eigen::Vector3d q = set.at(i);
    Eigen::Vector4d row;
    row << 2.0 * q, -1.0;
    normal.noalias() += row * row.transpose();
    rhs += q.squaredNorm() * row;
    n += 1.0;
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix4d> eig(normal);
  const Eigen::Vector4d lambda = eig.eigenvalues();
  if (n < 4.0 || !(lambda(0) > 1e-12 * lambda(3))) {
    return Error{ErrorCode::Underdetermined, "These points do not determine one sphere (too few, or all in one plane): add points."};
  }
  const Eigen::Vector4d x = eig.eigenvectors() * (eig.eigenvectors().transpose() * rhs).cwiseQuotient(lambda);
  PointSphere s;
  s.center = x.head<3>();
  const double r_sq = s.center.squaredNorm() - x(3);
  if (r_sq > 0.0) {
    s.radius = std::sqrt(r_sq);
  } else {  // far from a sphere: the mean distance from the algebraic centre
    double sum = 0.0;
    for (std::size_t i = 0; i < set.size(); ++i) {
      if (!use.empty() && !use[i]) continue;
      sum += (set.at(i) - s.center).norm();
    }
    s.radius = sum / n;
  }
  if (!s.center.allFinite() || !std::isfinite(s.radius)) {
    return Error{ErrorCode::NumericalFailure, "The first estimate of the sphere is not finite; check the data for extreme values."};
  }
  return s;
}

std::optional<PointSphere> sphere_through(const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                                          const Eigen::Vector3d& c, const Eigen::Vector3d& d) {
  // The centre x is equidistant from all four: 2 (p_k − a)·(x − a) = |p_k − a|², k = b, c, d.
  Eigen::Matrix3d m;
  m.row(0) = 2.0 * (b - a);
  m.row(1) = 2.0 * (c - a);
  m.row(2) = 2.0 * (d - a);
  const Eigen::Vector3d rhs((b - a).squaredNorm(), (c - a).squaredNorm(), (d - a).squaredNorm());
  const double size = m.cwiseAbs().maxCoeff();
  if (!(std::abs(m.determinant()) > 1e-9 * size * size * size)) return std::nullopt;
  const Eigen::Vector3d offset = m.partialPivLu().solve(rhs);
  PointSphere s;
  s.center = a + offset;
  s.radius = offset.norm();
  if (!s.center.allFinite() || !std::isfinite(s.radius)) return std::nullopt;
  return s;
}

}  // namespace spherefit
