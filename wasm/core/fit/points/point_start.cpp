#include "fit/points/point_start.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <cmath>

namespace spherefit {

Outcome<Sphere> estimate_point_sphere(const PointMoments& m) {
  Eigen::Matrix4d normal;
  normal.topLeftCorner<3, 3>() = 4.0 * m.outer;
  normal.topRightCorner<3, 1>() = -2.0 * m.sum;
  normal.bottomLeftCorner<1, 3>() = -2.0 * m.sum.transpose();
  normal(3, 3) = m.count;
  Eigen::Vector4d rhs;
  rhs << 2.0 * m.sq_weighted, -m.sq;
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix4d> eig(normal);
  const Eigen::Vector4d lambda = eig.eigenvalues();
  if (m.count < 4.0 || !(lambda(0) > 1e-12 * lambda(3))) {
    return Error{ErrorCode::Underdetermined,
                 "These points do not determine one sphere (too few, or all in one plane): add points."};
  }
  const Eigen::Vector4d x = eig.eigenvectors() * (eig.eigenvectors().transpose() * rhs).cwiseQuotient(lambda);
  Sphere s;
  s.center = x.head<3>();
  // R² = |c|² − t; far from a sphere it can come out negative: then the RMS distance from c,
  // √(mean |q − c|²) = √((Σ|q|² − 2c·Σq)/n + |c|²).
  const double r_sq = s.center.squaredNorm() - x(3);
  const double mean_sq = (m.sq - 2.0 * s.center.dot(m.sum)) / m.count + s.center.squaredNorm();
  s.radius = std::sqrt(r_sq > 0.0 ? r_sq : std::max(mean_sq, 0.0));
  if (!s.center.allFinite() || !std::isfinite(s.radius)) {
    return Error{ErrorCode::NumericalFailure,
                 "The first estimate of the sphere is not finite; check the data for extreme values."};
  }
  return s;
}

std::optional<Sphere> sphere_through(const Eigen::Vector3d& a, const Eigen::Vector3d& b, const Eigen::Vector3d& c,
                                     const Eigen::Vector3d& d) {
  // The centre x is equidistant from all four: 2 (p_k − a)·(x − a) = |p_k − a|², k = b, c, d.
  Eigen::Matrix3d m;
  m.row(0) = 2.0 * (b - a);
  m.row(1) = 2.0 * (c - a);
  m.row(2) = 2.0 * (d - a);
  const Eigen::Vector3d rhs((b - a).squaredNorm(), (c - a).squaredNorm(), (d - a).squaredNorm());
  const double size = m.cwiseAbs().maxCoeff();
  if (!(std::abs(m.determinant()) > 1e-9 * size * size * size)) return std::nullopt;
  const Eigen::Vector3d offset = m.partialPivLu().solve(rhs);
  Sphere s;
  s.center = a + offset;
  s.radius = offset.norm();
  if (!s.center.allFinite() || !std::isfinite(s.radius)) return std::nullopt;
  return s;
}

}  // namespace spherefit
