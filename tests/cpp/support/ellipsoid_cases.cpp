#include "support/ellipsoid_cases.hpp"

#include <Eigen/Geometry>
#include <Eigen/LU>
#include <cmath>

namespace spherefit::testing {

std::vector<Eigen::Vector3d> points_on_ellipsoid(const TrueEllipsoid& e, std::size_t n, double max_polar_deg,
                                                 std::mt19937_64& rng, const Eigen::Vector3d& cap_axis) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double pi = std::acos(-1.0);
  const double lowest = std::cos(max_polar_deg * pi / 180.0);
  // A frame with cap_axis as its third column.
  const Eigen::Vector3d w = cap_axis.normalized();
  const Eigen::Vector3d a = std::abs(w.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
  const Eigen::Vector3d p = (a - a.dot(w) * w).normalized(), q = w.cross(p);
  std::vector<Eigen::Vector3d> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double z = lowest + (1.0 - lowest) * u(rng);  // uniform in area on the unit sphere's cap
    const double phi = 2.0 * pi * u(rng), s = std::sqrt(std::max(0.0, 1.0 - z * z));
    const Eigen::Vector3d dir = s * std::cos(phi) * p + s * std::sin(phi) * q + z * w;
    out.push_back(e.center + e.rotation * e.semi_axes.cwiseProduct(dir));
  }
  return out;
}

void add_noise(std::vector<Eigen::Vector3d>& points, double sigma, std::mt19937_64& rng) {
  std::normal_distribution<double> g(0.0, sigma);
  for (auto& p : points) p += Eigen::Vector3d(g(rng), g(rng), g(rng));
}

Contours contours_on_ellipsoid(const TrueEllipsoid& e, int slices, int per_slice, double low, double high,
                               double slice_sigma, double point_sigma, std::mt19937_64& rng) {
  std::normal_distribution<double> g(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double pi = std::acos(-1.0);
  Contours c;
  for (int s = 0; s < slices; ++s) {
    // The slice z = h·a_z of the ellipsoid (local frame) is the ellipse of semi-axes a_x·r, a_y·r.
    const double h = low + (high - low) * (s + 0.5) / slices, r = std::sqrt(std::max(0.0, 1.0 - h * h));
    const Eigen::Vector3d shift = slice_sigma * g(rng) * e.rotation.col(2);
    const double phase = 2.0 * pi * u(rng);
    for (int k = 0; k < per_slice; ++k) {
      const double phi = phase + 2.0 * pi * k / per_slice;
      const Eigen::Vector3d local(e.semi_axes.x() * r * std::cos(phi), e.semi_axes.y() * r * std::sin(phi),
                                  e.semi_axes.z() * h);
      c.points.push_back(e.center + e.rotation * local + shift + point_sigma * Eigen::Vector3d(g(rng), g(rng), g(rng)));
      c.slice.push_back(s);
    }
  }
  return c;
}

PointColumnsView Columns::view() const {
  return {x.size(), x.data(), y.data(), z.data(), slice.empty() ? nullptr : slice.data()};
}

Columns columns_of(const std::vector<Eigen::Vector3d>& points, const std::vector<std::int32_t>& slice) {
  Columns c;
  for (const auto& p : points) {
    c.x.push_back(p.x());
    c.y.push_back(p.y());
    c.z.push_back(p.z());
  }
  c.slice = slice;
  return c;
}

ReferenceFoot reference_distance(const Eigen::Vector3d& y_in, const Eigen::Vector3d& e_in) {
  using L = long double;
  using V = Eigen::Matrix<L, 3, 1>;
  const V y = y_in.cast<L>(), e = e_in.cast<L>();
  const V inv_sq = e.cwiseAbs2().cwiseInverse();
  // Dense sampling of the surface's octant that holds y (the nearest point lies in the same closed
  // octant: reflecting a foot across a principal plane towards y never moves it further away).
  const L pi = std::acos(L(-1));
  V sign;
  for (int k = 0; k < 3; ++k) sign(k) = y(k) < 0 ? -1 : 1;
  V best = V::Zero();
  L best_sq = std::numeric_limits<L>::max();
  constexpr int kTheta = 80, kPhi = 80;
  for (int i = 0; i <= kTheta; ++i) {
    const L theta = pi / 2 * i / kTheta;
    for (int j = 0; j <= kPhi; ++j) {
      const L phi = pi / 2 * j / kPhi;
      const V x = sign.cwiseProduct(
          V(e(0) * std::sin(theta) * std::cos(phi), e(1) * std::sin(theta) * std::sin(phi), e(2) * std::cos(theta)));
      const L d = (y - x).squaredNorm();
      if (d < best_sq) best_sq = d, best = x;
    }
  }
  // Newton on the Lagrange conditions (x − y) + μ D x = 0, xᵀ D x = 1 (D = diag(1/e²)).
  V x = best;
  L mu = (y - x).dot(inv_sq.cwiseProduct(x)) / inv_sq.cwiseProduct(x).squaredNorm();
  for (int iter = 0; iter < 60; ++iter) {
    Eigen::Matrix<L, 4, 1> f;
    f.head<3>() = (x - y) + mu * inv_sq.cwiseProduct(x);
    f(3) = x.dot(inv_sq.cwiseProduct(x)) - 1;
    Eigen::Matrix<L, 4, 4> j = Eigen::Matrix<L, 4, 4>::Zero();
    j.topLeftCorner<3, 3>() = (V::Ones() + mu * inv_sq).asDiagonal();
    j.block<3, 1>(0, 3) = inv_sq.cwiseProduct(x);
    j.block<1, 3>(3, 0) = 2 * inv_sq.cwiseProduct(x).transpose();
    const Eigen::Matrix<L, 4, 1> step = j.fullPivLu().solve(-f);
    x += step.head<3>();
    mu += step(3);
    if (step.norm() < 1e-17L) break;
  }
  // Newton may have converged to a stationary point that is not the nearest: keep the sample then.
  if ((y - x).squaredNorm() > best_sq * (1 + 1e-6L) || !std::isfinite(static_cast<double>(x.sum()))) x = best;
  ReferenceFoot out;
  out.point = x;
  const L inside = y.dot(inv_sq.cwiseProduct(y)) - 1;
  out.distance = (inside < 0 ? -1 : 1) * (y - x).norm();
  return out;
}

double reference_distance(const TrueEllipsoid& e, const Eigen::Vector3d& p) {
  return static_cast<double>(reference_distance(e.rotation.transpose() * (p - e.center), e.semi_axes).distance);
}

}  // namespace spherefit::testing
