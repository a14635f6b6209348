#include "fit/contours/contour_circle.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "fit/circles/circle_distance.hpp"

namespace spherefit {
namespace {

struct Circle2 {
  Eigen::Vector2d center = Eigen::Vector2d::Zero();
  double radius = 0.0;
};

// Kåsa: |u − c|² = r² is linear in (c, t), t = |c|² − r²: 2 u·c − t = |u|².
std::optional<Circle2> algebraic_circle(const std::vector<Eigen::Vector2d>& u) {
  Eigen::Matrix3d normal = Eigen::Matrix3d::Zero();
  Eigen::Vector3d rhs = Eigen::Vector3d::Zero();
  for (const Eigen::Vector2d& p : u) {
    const Eigen::Vector3d row(2.0 * p.x(), 2.0 * p.y(), -1.0);
    normal.noalias() += row * row.transpose();
    rhs += p.squaredNorm() * row;
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(normal);
  if (!(eig.eigenvalues()(0) > 1e-12 * eig.eigenvalues()(2))) return std::nullopt;
  const Eigen::Vector3d x = eig.eigenvectors() * (eig.eigenvectors().transpose() * rhs).cwiseQuotient(eig.eigenvalues());
  Circle2 c;
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

double circle_objective(const std::vector<Eigen::Vector2d>& u, const Circle2& c) {
  double sum = 0.0;
  for (const Eigen::Vector2d& p : u) {
    const double e = (p - c.center).norm() - c.radius;
    sum += e * e;
  }
  return sum;
}

// Levenberg–Marquardt on e_i = |u_i − c| − r, ∂e_i/∂(c, r) = (−(u_i − c)ᵀ/|u_i − c|, −1).
Circle2 refine_circle(const std::vector<Eigen::Vector2d>& u, Circle2 c) {
  double current = circle_objective(u, c);
  double lambda = 1e-6;
  for (int iter = 0; iter < 100; ++iter) {
    Eigen::Matrix3d jtj = Eigen::Matrix3d::Zero();
    Eigen::Vector3d jte = Eigen::Vector3d::Zero();
    for (const Eigen::Vector2d& p : u) {
      const Eigen::Vector2d d = p - c.center;
      const double n = d.norm();
      Eigen::Vector3d j(0.0, 0.0, -1.0);
      if (n > 0.0) j.head<2>() = -d / n;
      jtj.noalias() += j * j.transpose();
      jte += (n - c.radius) * j;
    }
    Eigen::Matrix3d damped = jtj;
    damped.diagonal() *= 1.0 + lambda;
    const Eigen::Vector3d step = damped.ldlt().solve(-jte);
    if (!step.allFinite()) break;
    Circle2 trial{c.center + step.head<2>(), c.radius + step(2)};
    const double next = circle_objective(u, trial);
    if (next <= current) {
      c = trial;
      const bool done = step.norm() <= 1e-14 * (c.radius + c.center.norm() + 1.0) || current - next <= 1e-15 * current;
      current = next;
      lambda = std::max(lambda / 10.0, 1e-12);
      if (done) break;
    } else {
      lambda = lambda * 10.0 + 1e-6;
      if (lambda > 1e12) break;
    }
  }
  return c;
}

}  // namespace

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
  const std::optional<Circle2> start = algebraic_circle(in_plane);
  if (!start) return std::nullopt;
  const Circle2 c = refine_circle(in_plane, *start);
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
