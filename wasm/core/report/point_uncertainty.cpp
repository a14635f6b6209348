#include "report/point_uncertainty.hpp"

#include <Eigen/Eigenvalues>

#include "fit/points/point_refine.hpp"
#include "report/covariance.hpp"

namespace spherefit {
namespace {

template <int K>
using Mat = Eigen::Matrix<double, K, K>;
template <int K>
using Vec = Eigen::Matrix<double, K, 1>;

// B⁻¹ by eigen-decomposition, or nothing when B is singular to working precision.
template <int K>
std::optional<Mat<K>> inverse_of(const Mat<K>& b) {
  const Eigen::SelfAdjointEigenSolver<Mat<K>> eig(b);
  if (!(eig.eigenvalues()(0) > 1e-14 * eig.eigenvalues()(K - 1))) return std::nullopt;
  return Mat<K>(eig.eigenvectors() * eig.eigenvalues().cwiseInverse().asDiagonal() * eig.eigenvectors().transpose());
}

// s² (JᵀJ)⁻¹ from the refinement's sums; JᵀJ's last diagonal entry is the number of points.
template <int K>
std::optional<Mat<K>> classical(const PointRefinement& fit) {
  const double n = fit.gauss_newton(3, 3);
  if (n <= static_cast<double>(K)) return std::nullopt;
  const auto inverse = inverse_of<K>(fit.gauss_newton.topLeftCorner<K, K>());
  if (!inverse) return std::nullopt;
  return Mat<K>(fit.objective / (n - K) * *inverse);
}

template <int K>
std::optional<Mat<K>> clustered(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& s) {
  std::vector<Mat<K>> g(set.contours, Mat<K>::Zero());
  std::vector<Vec<K>> score(set.contours, Vec<K>::Zero());
  std::vector<std::uint8_t> seen(set.contours, 0);
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (!use.empty() && !use[i]) continue;
    const auto c = static_cast<std::size_t>(set.points.slice[i]);
    const PointObservation o = observe_point(set.at(i), s);
    const Vec<K> j = o.jacobian.template head<K>();
    g[c].noalias() += j * j.transpose();
    score[c] += o.residual * j;
    seen[c] = 1;
  }
  Mat<K> b = Mat<K>::Zero();
  std::size_t clusters = 0;
  for (std::size_t c = 0; c < g.size(); ++c) {
    b += g[c];
    clusters += seen[c];
  }
  if (clusters <= static_cast<std::size_t>(K)) return std::nullopt;
  const Eigen::SelfAdjointEigenSolver<Mat<K>> eig(b);
  if (!(eig.eigenvalues()(0) > 1e-14 * eig.eigenvalues()(K - 1))) return std::nullopt;
  const Vec<K> root = eig.eigenvalues().cwiseSqrt();
  const Mat<K> b_half = eig.eigenvectors() * root.asDiagonal() * eig.eigenvectors().transpose();
  const Mat<K> b_minus_half = eig.eigenvectors() * root.cwiseInverse().asDiagonal() * eig.eigenvectors().transpose();
  const Mat<K> b_inverse = b_minus_half * b_minus_half;
  Mat<K> meat = Mat<K>::Zero();
  for (std::size_t c = 0; c < g.size(); ++c) {
    if (!seen[c]) continue;
    const Mat<K> leverage = b_minus_half * g[c] * b_minus_half;
    const Eigen::SelfAdjointEigenSolver<Mat<K>> lev(Mat<K>::Identity() - leverage);
    // A leverage of 1 leaves no residual to rescale; cap the correction there.
    const Vec<K> inv_root = lev.eigenvalues().cwiseMax(1e-8).cwiseSqrt().cwiseInverse();
    const Vec<K> adjusted =
        b_half * lev.eigenvectors() * inv_root.asDiagonal() * lev.eigenvectors().transpose() * b_minus_half * score[c];
    meat.noalias() += adjusted * adjusted.transpose();
  }
  return Mat<K>(b_inverse * meat * b_inverse);
}

template <int K>
std::optional<Mat<K>> covariance_of(const PointSet& set, const std::vector<std::uint8_t>& use,
                                    const PointRefinement& fit) {
  return set.points.has_slices() ? clustered<K>(set, use, fit.sphere) : classical<K>(fit);
}

}  // namespace

std::optional<Eigen::Matrix4d> estimate_point_covariance(const PointSet& set, const std::vector<std::uint8_t>& use,
                                                         const PointRefinement& fit, bool radius_fixed) {
  return radius_fixed ? full_covariance(covariance_of<3>(set, use, fit))
                      : full_covariance(covariance_of<4>(set, use, fit));
}

}  // namespace spherefit
