#include "support/point_fits.hpp"

#include <Eigen/Dense>
#include <cmath>

namespace spherefit::testing {

Eigen::VectorXd sphere_residuals(const std::vector<Eigen::Vector3d>& p, const Eigen::Vector3d& c, double r) {
  Eigen::VectorXd out(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) out(i) = (p[i] - c).norm() - r;
  return out;
}

Eigen::MatrixXd sphere_residual_jacobian(const std::vector<Eigen::Vector3d>& p, const Eigen::Vector3d& c, double) {
  Eigen::MatrixXd j(p.size(), 4);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const Eigen::Vector3d d = p[i] - c;
    j.block<1, 3>(i, 0) = -d.transpose() / d.norm();
    j(i, 3) = -1.0;
  }
  return j;
}

FittedSphere fit_sphere_to_points(const std::vector<Eigen::Vector3d>& p) {
  // Kåsa: |p|² = 2 p·c + (R² − |c|²), linear in (c, k).
  Eigen::MatrixXd a(p.size(), 4);
  Eigen::VectorXd b(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    a.block<1, 3>(i, 0) = 2 * p[i].transpose();
    a(i, 3) = 1.0;
    b(i) = p[i].squaredNorm();
  }
  const Eigen::Vector4d x = a.colPivHouseholderQr().solve(b);
  FittedSphere s;
  s.centre = x.head<3>();
  s.radius = std::sqrt(x(3) + s.centre.squaredNorm());
  for (int iter = 0; iter < 50; ++iter) {
    const Eigen::MatrixXd j = sphere_residual_jacobian(p, s.centre, s.radius);
    const Eigen::VectorXd r = sphere_residuals(p, s.centre, s.radius);
    const Eigen::Vector4d step = j.colPivHouseholderQr().solve(-r);
    s.centre += step.head<3>();
    s.radius += step(3);
    if (step.norm() < 1e-13 * s.radius) break;
  }
  s.rms = std::sqrt(sphere_residuals(p, s.centre, s.radius).squaredNorm() / p.size());
  return s;
}

FittedCircle fit_circle_to_points(const std::vector<Eigen::Vector3d>& p, const Eigen::Vector3d& normal) {
  const Eigen::Vector3d n = normal.normalized();
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (const auto& q : p) mean += q;
  mean /= static_cast<double>(p.size());
  const Eigen::Vector3d e = std::abs(n.x()) < 0.6 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
  const Eigen::Vector3d u = (e - n.dot(e) * n).normalized();
  const Eigen::Vector3d v = n.cross(u);
  std::vector<Eigen::Vector2d> q(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) q[i] = {u.dot(p[i] - mean), v.dot(p[i] - mean)};
  Eigen::MatrixXd a(q.size(), 3);
  Eigen::VectorXd b(q.size());
  for (std::size_t i = 0; i < q.size(); ++i) {
    a.block<1, 2>(i, 0) = 2 * q[i].transpose();
    a(i, 2) = 1.0;
    b(i) = q[i].squaredNorm();
  }
  const Eigen::Vector3d x = a.colPivHouseholderQr().solve(b);
  Eigen::Vector2d c = x.head<2>();
  double r = std::sqrt(x(2) + c.squaredNorm());
  for (int iter = 0; iter < 50; ++iter) {
    Eigen::MatrixXd j(q.size(), 3);
    Eigen::VectorXd res(q.size());
    for (std::size_t i = 0; i < q.size(); ++i) {
      const Eigen::Vector2d d = q[i] - c;
      res(i) = d.norm() - r;
      j.block<1, 2>(i, 0) = -d.transpose() / d.norm();
      j(i, 2) = -1.0;
    }
    const Eigen::Vector3d step = j.colPivHouseholderQr().solve(-res);
    c += step.head<2>();
    r += step(2);
    if (step.norm() < 1e-13 * r) break;
  }
  FittedCircle out;
  out.centre = mean + c.x() * u + c.y() * v;
  out.radius = r;
  double ss = 0;
  for (const auto& qi : q) ss += std::pow((qi - c).norm() - r, 2);
  out.rms = std::sqrt(ss / q.size());
  return out;
}

}  // namespace spherefit::testing
