#include "fit/spheres/surface_patch.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <cmath>

namespace spherefit {
namespace {

constexpr std::size_t kMinimum = 10;
constexpr std::size_t kMost = 160;  // neighbours kept at most (the buffer below)

}  // namespace

SurfacePatch fit_surface_patch(const MortonIndex& index, std::size_t position, double radius, std::size_t max_points) {
  SurfacePatch out;
  const Eigen::Vector3d seed = index.at(position);
  const int level = index.level_for(radius);
  const Eigen::Vector3i cell = index.cell_of(seed, level);
  std::array<std::pair<std::uint32_t, std::uint32_t>, 27> ranges;
  std::size_t listed = 0;
  int r = 0;
  for (int di = -1; di <= 1; ++di)
    for (int dj = -1; dj <= 1; ++dj)
      for (int dk = -1; dk <= 1; ++dk) {
        ranges[static_cast<std::size_t>(r)] = index.range(level, cell.x() + di, cell.y() + dj, cell.z() + dk);
        listed += ranges[static_cast<std::size_t>(r)].second - ranges[static_cast<std::size_t>(r)].first;
        ++r;
      }
  // The ball of radius a fills roughly a fifth of the 27 cells' surface: visit about 5× the wanted
  // count, every stride-th point of each run.
  const std::size_t wanted = std::min(max_points, kMost);
  const std::size_t stride = std::max<std::size_t>(1, listed / (5 * wanted));
  const double r2 = radius * radius;
  std::array<Eigen::Vector3d, kMost> near;
  std::size_t m = 0, inside = 0;
  Eigen::Vector3d sum = Eigen::Vector3d::Zero();
  for (const auto& [first, last] : ranges) {
    for (std::size_t k = first; k < last; k += stride) {
      const Eigen::Vector3d d = index.at(k) - seed;
      if (d.squaredNorm() > r2) continue;
      ++inside;
      if (m < kMost) {
        near[m++] = d;
        sum += d;
      }
    }
  }
  if (m < kMinimum) return out;
  out.count = m;
  out.spacing = radius * std::sqrt(3.14159265358979 / static_cast<double>(inside * stride));

  const Eigen::Vector3d mean = sum / static_cast<double>(m);
  Eigen::Matrix3d scatter = Eigen::Matrix3d::Zero();
  for (std::size_t i = 0; i < m; ++i) scatter.noalias() += (near[i] - mean) * (near[i] - mean).transpose();
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig;
  eig.computeDirect(scatter);
  if (!(eig.eigenvalues()(1) > 1e-6 * eig.eigenvalues()(2))) return out;  // on a line
  const Eigen::Vector3d n = eig.eigenvectors().col(0), t1 = eig.eigenvectors().col(2), t2 = n.cross(t1);

  // Least squares in units of the radius (a well-scaled 6×6 system), about the seed itself.
  Eigen::Matrix<double, 6, 6> normal_matrix = Eigen::Matrix<double, 6, 6>::Zero();
  Eigen::Matrix<double, 6, 1> rhs = Eigen::Matrix<double, 6, 1>::Zero();
  double ww = 0.0;
  const double inv = 1.0 / radius;
  for (std::size_t i = 0; i < m; ++i) {
    const double u = near[i].dot(t1) * inv, v = near[i].dot(t2) * inv, w = near[i].dot(n) * inv;
    const Eigen::Matrix<double, 6, 1> row =
        (Eigen::Matrix<double, 6, 1>() << u * u, u * v, v * v, u, v, 1.0).finished();
    normal_matrix.noalias() += row * row.transpose();
    rhs += w * row;
    ww += w * w;
  }
  const Eigen::LDLT<Eigen::Matrix<double, 6, 6>> ldlt(normal_matrix);
  if (ldlt.info() != Eigen::Success || !(ldlt.vectorD().minCoeff() > 1e-12 * ldlt.vectorD().maxCoeff())) return out;
  const Eigen::Matrix<double, 6, 1> c = ldlt.solve(rhs);
  const double rss = std::max(0.0, ww - c.dot(rhs));
  const double variance = rss / static_cast<double>(m - 6);
  const Eigen::Matrix<double, 6, 6> cov = ldlt.solve(Eigen::Matrix<double, 6, 6>::Identity());

  const double A = c(0), B = c(1), C = c(2), D = c(3), E = c(4), F = c(5);
  const double W = std::sqrt(1.0 + D * D + E * E);
  Eigen::Matrix2d first, second;
  first << 1.0 + D * D, D * E, D * E, 1.0 + E * E;
  second << 2.0 * A, B, B, 2.0 * C;
  const Eigen::Matrix2d shape = first.inverse() * second / W;
  const double h = 0.5 * shape.trace() * inv, k = shape.determinant() * inv * inv;
  out.mean_curvature = h;
  out.anisotropy = h != 0.0 ? std::sqrt(std::max(0.0, h * h - k)) / std::abs(h) : 1.0;
  // H ≈ A + C (the gradient is small in the PCA frame): var(A + C) from the fit's covariance.
  out.curvature_error = std::sqrt(std::max(0.0, variance * (cov(0, 0) + cov(2, 2) + 2.0 * cov(0, 2)))) * inv;
  out.noise = std::sqrt(variance) * radius;
  out.normal = ((n - D * t1 - E * t2) / W).normalized();
  out.point = seed + F * radius * n;
  out.ok = std::isfinite(h) && std::isfinite(out.noise) && out.normal.allFinite();
  return out;
}

}  // namespace spherefit
