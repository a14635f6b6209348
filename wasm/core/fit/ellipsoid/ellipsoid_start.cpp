#include "fit/ellipsoid/ellipsoid_start.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <cmath>

#include "fit/points/point_refine.hpp"
#include "fit/points/point_start.hpp"

namespace spherefit {

QuadricSurface sphere_surface(const Eigen::Vector3d& center, double radius) {
  QuadricSurface s;
  s.center = center;
  s.semi_axes.setConstant(radius);
  s.matrix = Eigen::Matrix3d::Identity() / (radius * radius);
  return s;
}

Outcome<QuadricSurface> estimate_sphere_surface(const PointSet& set, const PointMoments& moments, int max_iterations) {
  const Outcome<Sphere> algebraic = estimate_point_sphere(moments);
  if (!algebraic.ok()) return algebraic.error();
  const PointRefinement r = refine_point_sphere(set, {}, algebraic.value(), false, max_iterations);
  if (!r.sphere.center.allFinite() || !(r.sphere.radius > 0.0) || !std::isfinite(r.sphere.radius)) {
    return Error{ErrorCode::NumericalFailure,
                 "The sphere that starts the ellipsoid fit is not finite; check the data for extreme values."};
  }
  return sphere_surface(r.sphere.center, r.sphere.radius);
}

namespace {

// The ellipsoid of the quadric v = (a, b, c, f, g, h, p, q, r, d), or nothing when it is not a
// real ellipsoid within reach of the data's unit box (working units).
std::optional<QuadricSurface> ellipsoid_of(const Eigen::Matrix<double, 6, 1>& v1, const Eigen::Vector4d& v2) {
  Eigen::Matrix3d a;
  a << v1(0), v1(5), v1(4), v1(5), v1(1), v1(3), v1(4), v1(3), v1(2);
  const Eigen::Vector3d b = v2.head<3>();
  const Eigen::FullPivLU<Eigen::Matrix3d> lu(a);
  if (!lu.isInvertible()) return std::nullopt;
  QuadricSurface s;
  s.center = -lu.solve(b);
  const double level = s.center.dot(a * s.center) - v2(3);  // (q − c)ᵀA(q − c) = level
  if (!(std::abs(level) > 0.0)) return std::nullopt;
  s.matrix = a / level;
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> m(s.matrix);
  if (!(m.eigenvalues()(0) > 0.0) || !s.matrix.allFinite() || !s.center.allFinite()) return std::nullopt;
  s.semi_axes = m.eigenvalues().cwiseSqrt().cwiseInverse();
  s.rotation = m.eigenvectors();
  if (s.rotation.determinant() < 0.0) s.rotation.col(2) = -s.rotation.col(2);
  if (!(s.semi_axes.maxCoeff() < 1e3) || !(s.center.norm() < 1e3)) return std::nullopt;
  return s;
}

}  // namespace

std::vector<QuadricSurface> estimate_ellipsoids(const PointSet& set) {
  using Matrix10 = Eigen::Matrix<double, 10, 10>;
  using Vector10 = Eigen::Matrix<double, 10, 1>;
  std::vector<QuadricSurface> out;
  Matrix10 scatter = Matrix10::Zero();
  for (std::size_t i = 0; i < set.size(); ++i) {
    const Eigen::Vector3d q = set.at(i);
    Vector10 d;
    d << q.x() * q.x(), q.y() * q.y(), q.z() * q.z(), 2 * q.y() * q.z(), 2 * q.x() * q.z(), 2 * q.x() * q.y(),
        2 * q.x(), 2 * q.y(), 2 * q.z(), 1.0;
    scatter.selfadjointView<Eigen::Lower>().rankUpdate(d);
  }
  scatter = scatter.selfadjointView<Eigen::Lower>();
  const Eigen::Matrix<double, 6, 6> s11 = scatter.topLeftCorner<6, 6>();
  const Eigen::Matrix<double, 6, 4> s12 = scatter.topRightCorner<6, 4>();
  const Eigen::Matrix4d s22 = scatter.bottomRightCorner<4, 4>();
  const Eigen::LDLT<Eigen::Matrix4d> s22_ldlt(s22);
  if (s22_ldlt.info() != Eigen::Success || !(s22_ldlt.vectorD().minCoeff() > 1e-14 * s22_ldlt.vectorD().maxCoeff())) {
    return out;
  }
  const Eigen::Matrix<double, 4, 6> t = s22_ldlt.solve(s12.transpose());
  const Eigen::Matrix<double, 6, 6> reduced = s11 - s12 * t;
  // Li & Griffiths: C⁻¹ for k = 4 is [[0, ½, ½], [½, 0, ½], [½, ½, 0]] on (a, b, c), −¼ on (f, g, h).
  Eigen::Matrix<double, 6, 6> c = Eigen::Matrix<double, 6, 6>::Zero(), c_inverse = c;
  c.topLeftCorner<3, 3>() << -1, 1, 1, 1, -1, 1, 1, 1, -1;
  c.bottomRightCorner<3, 3>() = -4.0 * Eigen::Matrix3d::Identity();
  c_inverse.topLeftCorner<3, 3>() << 0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0;
  c_inverse.bottomRightCorner<3, 3>() = -0.25 * Eigen::Matrix3d::Identity();
  const Eigen::EigenSolver<Eigen::Matrix<double, 6, 6>> eig(c_inverse * reduced);
  if (eig.info() == Eigen::Success) {
    std::optional<Eigen::Matrix<double, 6, 1>> best;
    double best_cost = 0.0;
    for (int k = 0; k < 6; ++k) {
      const Eigen::Matrix<double, 6, 1> v = eig.eigenvectors().col(k).real();
      if (std::abs(eig.eigenvalues()(k).imag()) > 1e-9 * (1.0 + std::abs(eig.eigenvalues()(k).real()))) continue;
      const double constraint = v.dot(c * v);
      if (!(constraint > 0.0)) continue;
      const double cost = v.dot(reduced * v) / constraint;  // ‖Dv‖² at 4J − I² = 1
      if (!best || cost < best_cost) best = v, best_cost = cost;
    }
    if (best) {
      if (auto s = ellipsoid_of(*best, -t * *best)) out.push_back(*s);
    }
  }
  // The general quadric, ‖v₁‖ = 1: exact on exact data of any ellipsoid (Li–Griffiths' constraint
  // excludes those more elongated than 2:1), but on noisy caps not always an ellipsoid.
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix<double, 6, 6>> general(reduced);
  if (general.info() == Eigen::Success) {
    const Eigen::Matrix<double, 6, 1> v = general.eigenvectors().col(0);
    if (auto s = ellipsoid_of(v, -t * v)) out.push_back(*s);
  }
  return out;
}

}  // namespace spherefit
