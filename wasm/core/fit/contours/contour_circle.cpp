#include "fit/contours/contour_circle.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "fit/circles/circle_distance.hpp"

namespace spherefit {

std::optional<PlaneCircle> algebraic_circle(const std::vector<Eigen::Vector2d>& u) {
  Eigen::Matrix3d normal = Eigen::Matrix3d::Zero();
  Eigen::Vector3d rhs = Eigen::Vector3d::Zero();
  for (const Eigen::Vector2d& p : u) {
    const Eigen::Vector3d row(2.0 * p.x(), 2.0 * p.y(), -1.0);
    normal.noalias() += row * row.transpose();
    rhs += p.squaredNorm() * row;
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(normal);
  if (!(eig.eigenvalues()(0) > 1e-12 * eig.eigenvalues()(2))) return std::nullopt;
  const Eigen::Vector3d x =
      eig.eigenvectors() * (eig.eigenvectors().transpose() * rhs).cwiseQuotient(eig.eigenvalues());
  PlaneCircle c;
  c.center = x.head<2>();
  const double r_sq = c.center.squaredNorm() - x(2);
  if (r_sq > 0.0) {
    c.radius = std::sqrt(r_sq);
  } else {
    for (const Eigen::Vector2d& p : u) c.radius += (p - c.center).norm();
    c.radius /= static_cast<double>(u.size());
  }
  return c;
}

NormalEquationsOf<3> accumulate_circle(const std::vector<Eigen::Vector2d>& u, const Parameters<3>& x) {
  NormalEquationsOf<3> n;
  const Eigen::Vector2d c = x.head<2>();
  for (const Eigen::Vector2d& p : u) {
    const Eigen::Vector2d d = p - c;
    const double distance = d.norm();
    const double e = distance - x(2);
    Eigen::Vector3d j(0.0, 0.0, -1.0);
    if (distance > 0.0) j.head<2>() = -d / distance;
    n.objective += e * e;
    n.half_gradient += e * j;
    n.curvature.noalias() += j * j.transpose();
  }
  return n;
}

Eigen::Matrix3d exact_circle_curvature(const std::vector<Eigen::Vector2d>& u, const Parameters<3>& x) {
  Eigen::Matrix3d h = accumulate_circle(u, x).curvature;
  const Eigen::Vector2d c = x.head<2>();
  for (const Eigen::Vector2d& p : u) {
    const Eigen::Vector2d d = p - c;
    const double distance = d.norm();
    if (!(distance > 0.0)) continue;
    const Eigen::Vector2d z = d / distance;
    h.topLeftCorner<2, 2>() += (distance - x(2)) / distance * (Eigen::Matrix2d::Identity() - z * z.transpose());
  }
  return positive_curvature<3>(h);
}

PlaneCircle refine_circle(const std::vector<Eigen::Vector2d>& u, const PlaneCircle& start) {
  const MinimumOf<3> m =
      minimise_parameters<3>([&](const Parameters<3>& x) { return accumulate_circle(u, x); },
                             [&](const Parameters<3>& x) { return exact_circle_curvature(u, x); },
                             Parameters<3>(start.center.x(), start.center.y(), start.radius), 3, 100);
  return PlaneCircle{m.x.head<2>(), m.x(2)};
}

std::optional<ContourCircle> fit_contour_circle(const std::vector<Eigen::Vector3d>& points,
                                                const std::optional<Eigen::Vector3d>& given_normal) {
  const std::size_t n = points.size();
  if (n < 3) return std::nullopt;
  // Centre on the contour (subtracting the first point so the mean keeps its digits) and scale.
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (const Eigen::Vector3d& p : points) mean += p - points[0];
  const Eigen::Vector3d centroid = points[0] + mean / static_cast<double>(n);
  double scale = 0.0;
  for (const Eigen::Vector3d& p : points) scale = std::max(scale, (p - centroid).norm());
  if (!(scale > 0.0) || !std::isfinite(scale)) return std::nullopt;
  Eigen::Matrix3d scatter = Eigen::Matrix3d::Zero();
  for (const Eigen::Vector3d& p : points) {
    const Eigen::Vector3d d = (p - centroid) / scale;
    scatter.noalias() += d * d.transpose();
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(scatter);
  if (!(eig.eigenvalues()(1) > 1e-20 * eig.eigenvalues()(2))) return std::nullopt;  // on one line
  Eigen::Vector3d normal = eig.eigenvectors().col(0);
  if (given_normal) {
    if (!(given_normal->norm() > 0.0) || !given_normal->allFinite()) return std::nullopt;
    normal = given_normal->normalized();
  }
  const PlaneBasis basis = plane_basis(normal);
  std::vector<Eigen::Vector2d> in_plane(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Eigen::Vector3d d = (points[i] - centroid) / scale;
    in_plane[i] = {basis.u.dot(d), basis.v.dot(d)};
  }
  const std::optional<PlaneCircle> start = algebraic_circle(in_plane);
  if (!start) return std::nullopt;
  const PlaneCircle c = refine_circle(in_plane, *start);
  if (!c.center.allFinite() || !(c.radius > 0.0) || !std::isfinite(c.radius)) return std::nullopt;

  ContourCircle out;
  out.points = n;
  out.circle.center = centroid + scale * (c.center.x() * basis.u + c.center.y() * basis.v);
  out.circle.radius = scale * c.radius;
  out.circle.normal = normal;
  double sum_sq = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const Eigen::Vector3d d = (points[i] - centroid) / scale;
    const double height = normal.dot(d);
    const double rho = (in_plane[i] - c.center).norm();
    sum_sq += height * height + (rho - c.radius) * (rho - c.radius);
  }
  out.rms = scale * std::sqrt(sum_sq / static_cast<double>(n));
  return out;
}

}  // namespace spherefit
