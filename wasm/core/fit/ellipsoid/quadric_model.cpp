#include "fit/ellipsoid/quadric_model.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/Geometry>
#include <cmath>

namespace spherefit {
namespace {

// The spheroid's axis is tilted by τ/β; below this share of α, β is too small to divide by (the
// axis is then nearly undefined, and the tilt is scaled down instead of blown up).
constexpr double kTiltFloor = 1e-9;

// A unit vector perpendicular to n, continuous where possible: u projected off n, or an axis.
Eigen::Vector3d perpendicular(const Eigen::Vector3d& n, const Eigen::Vector3d& u) {
  Eigen::Vector3d v = u - u.dot(n) * n;
  if (v.norm() < 1e-3) {
    int k = 0;
    n.cwiseAbs().minCoeff(&k);
    v = Eigen::Vector3d::Unit(k) - n(k) * n;
  }
  return v.normalized();
}

}  // namespace

Eigen::Matrix3d quadric_matrix(const Eigen::Matrix3d& rotation, const Eigen::Vector3d& semi_axes) {
  return rotation * semi_axes.cwiseAbs2().cwiseInverse().asDiagonal() * rotation.transpose();
}

SphereModel::Vector SphereModel::parameters_of(const Eigen::Vector3d& center, double radius) {
  Vector x;
  x << center, 1.0 / (radius * radius);
  return x;
}

bool SphereModel::surface(const Vector& x, QuadricSurface& s) const {
  if (!(x(3) > 0.0) || !x.allFinite()) return false;
  s.center = x.head<3>();
  s.rotation.setIdentity();
  s.semi_axes.setConstant(1.0 / std::sqrt(x(3)));
  s.matrix = x(3) * Eigen::Matrix3d::Identity();
  return true;
}

QuadricTangent<4> SphereModel::tangent(const Vector&) const {
  QuadricTangent<4> t;
  t.center.leftCols<3>().setIdentity();
  for (auto& m : t.matrix) m.setZero();
  t.matrix[3].setIdentity();
  return t;
}

SpheroidModel::Vector SpheroidModel::parameters_of(const Eigen::Vector3d& center, double equatorial, double polar,
                                                   const Eigen::Vector3d& axis) {
  axis_ = axis.normalized();
  u1_ = perpendicular(axis_, u1_);
  u2_ = axis_.cross(u1_);
  const double alpha = 1.0 / (equatorial * equatorial);
  Vector x;
  x << center, alpha, 1.0 / (polar * polar) - alpha, 0.0, 0.0;
  return x;
}

void SpheroidModel::tilted(const Vector& x, Eigen::Vector3d& u1, Eigen::Vector3d& u2, Eigen::Vector3d& n,
                           double& gain) const {
  const double alpha = x(3), beta = x(4), floor = kTiltFloor * alpha;
  const double divisor = std::abs(beta) >= floor ? beta : std::copysign(floor, beta);
  gain = beta / divisor;
  if (x(5) == 0.0 && x(6) == 0.0) {
    n = axis_, u1 = u1_, u2 = u2_;
    return;
  }
  n = (axis_ + (x(5) * u1_ + x(6) * u2_) / divisor).normalized();
  u1 = perpendicular(n, u1_);
  u2 = n.cross(u1);
}

bool SpheroidModel::surface(const Vector& x, QuadricSurface& s) const {
  if (!x.allFinite() || !(x(3) > 0.0) || !(x(3) + x(4) > 0.0)) return false;
  tilted(x, row_u1_, row_u2_, row_axis_, row_gain_);
  s.center = x.head<3>();
  s.rotation.col(0) = row_u1_;
  s.rotation.col(1) = row_u2_;
  s.rotation.col(2) = row_axis_;
  const double equatorial = 1.0 / std::sqrt(x(3));
  s.semi_axes << equatorial, equatorial, 1.0 / std::sqrt(x(3) + x(4));
  s.matrix = x(3) * Eigen::Matrix3d::Identity() + x(4) * row_axis_ * row_axis_.transpose();
  return true;
}

SpheroidModel::Vector SpheroidModel::row(const Eigen::Vector3d& normal, const Eigen::Vector3d& offset,
                                         double normal_length) const {
  const double h = 0.5 / normal_length, along = offset.dot(row_axis_);
  Vector j;
  j << -normal, h * offset.squaredNorm(), h * along * along, 2 * h * row_gain_ * along * offset.dot(row_u1_),
      2 * h * row_gain_ * along * offset.dot(row_u2_);
  return j;
}

QuadricTangent<7> SpheroidModel::tangent(const Vector& x) const {
  Eigen::Vector3d u1, u2, n;
  double gain = 1.0;
  tilted(x, u1, u2, n, gain);
  QuadricTangent<7> t;
  t.center.leftCols<3>().setIdentity();
  for (auto& m : t.matrix) m.setZero();
  t.matrix[3].setIdentity();
  t.matrix[4] = n * n.transpose();
  t.matrix[5] = gain * (u1 * n.transpose() + n * u1.transpose());
  t.matrix[6] = gain * (u2 * n.transpose() + n * u2.transpose());
  return t;
}

void SpheroidModel::retract(Vector& x) {
  double gain = 1.0;
  Eigen::Vector3d u1, u2, n;
  tilted(x, u1, u2, n, gain);
  axis_ = n, u1_ = u1, u2_ = u2;
  x(5) = x(6) = 0.0;
}

EllipsoidModel::Vector EllipsoidModel::parameters_of(const Eigen::Vector3d& center, const Eigen::Matrix3d& m) {
  Vector x;
  x << center, m(0, 0), m(1, 1), m(2, 2), m(0, 1), m(0, 2), m(1, 2);
  return x;
}

bool EllipsoidModel::surface(const Vector& x, QuadricSurface& s) const {
  if (!x.allFinite()) return false;
  s.center = x.head<3>();
  s.matrix << x(3), x(6), x(7), x(6), x(4), x(8), x(7), x(8), x(5);
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(s.matrix);
  if (eig.info() != Eigen::Success || !(eig.eigenvalues()(0) > 0.0)) return false;
  s.semi_axes = eig.eigenvalues().cwiseSqrt().cwiseInverse();  // ascending eigenvalues: descending axes
  s.rotation = eig.eigenvectors();
  if (s.rotation.determinant() < 0.0) s.rotation.col(2) = -s.rotation.col(2);
  return s.semi_axes.allFinite();
}

QuadricTangent<9> EllipsoidModel::tangent(const Vector&) const {
  QuadricTangent<9> t;
  t.center.leftCols<3>().setIdentity();
  for (auto& m : t.matrix) m.setZero();
  const int pairs[3][2] = {{0, 1}, {0, 2}, {1, 2}};
  for (int k = 0; k < 3; ++k) t.matrix[3 + k](k, k) = 1.0;
  for (int k = 0; k < 3; ++k) {
    t.matrix[6 + k](pairs[k][0], pairs[k][1]) = 1.0;
    t.matrix[6 + k](pairs[k][1], pairs[k][0]) = 1.0;
  }
  return t;
}

}  // namespace spherefit
