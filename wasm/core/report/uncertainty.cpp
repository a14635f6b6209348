#include "report/uncertainty.hpp"

#include <Eigen/Eigenvalues>
#include <limits>

#include "fit/circles/refine.hpp"
#include "report/covariance.hpp"

namespace spherefit {
namespace {

template <int K>
std::optional<Eigen::Matrix<double, K, K>> sandwich(const std::vector<WorkCircle>& circles,
                                                    const std::vector<std::uint8_t>& use, const Sphere& sphere) {
  using MatK = Eigen::Matrix<double, K, K>;
  using Jac = Eigen::Matrix<double, 3, K>;
  // The meat needs B⁻¹, so each slice is visited twice; keep only its residual and Jacobian.
  struct Cluster {
    Eigen::Vector3d residual;
    Jac jacobian;
    double weight;
  };
  std::vector<Cluster> clusters;
  clusters.reserve(circles.size());
  MatK bread = MatK::Zero();
  long observations = 0, slices = 0;
  for (std::size_t i = 0; i < circles.size(); ++i) {
    if (!use[i]) continue;
    ++slices;
    const CircleObservation o = observe_circle(circles[i], sphere);
    clusters.push_back({o.residual, o.jacobian.template leftCols<K>(), circles[i].weight});
    bread.noalias() += circles[i].weight * clusters.back().jacobian.transpose() * clusters.back().jacobian;
    observations += circles[i].radius > 0.0 ? 3 : 1;
  }
  if (observations - K <= 0 || slices <= K) return std::nullopt;
  const Eigen::SelfAdjointEigenSolver<MatK> eig(bread);
  if (!(eig.eigenvalues()(0) > 1e-14 * eig.eigenvalues()(K - 1))) return std::nullopt;
  const MatK bread_inv =
      eig.eigenvectors() * eig.eigenvalues().cwiseInverse().asDiagonal() * eig.eigenvectors().transpose();

  MatK meat = MatK::Zero();
  for (const Cluster& c : clusters) {
    const double w = c.weight;
    const Jac& j = c.jacobian;
    const Eigen::Matrix3d leverage = w * j * bread_inv * j.transpose();
    // Closed form for 3×3: ample here, since the eigenvalues of I − H lie in (0, 1].
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> lev;
    lev.computeDirect(Eigen::Matrix3d::Identity() - leverage);
    // A leverage of 1 leaves no residual to rescale; cap the correction there.
    const Eigen::Vector3d inv_root = lev.eigenvalues().cwiseMax(1e-8).cwiseSqrt().cwiseInverse();
    const Eigen::Vector3d adjusted =
        lev.eigenvectors() * inv_root.asDiagonal() * lev.eigenvectors().transpose() * c.residual;
    const Eigen::Matrix<double, K, 1> score = w * j.transpose() * adjusted;
    meat.noalias() += score * score.transpose();
  }
  return MatK(bread_inv * meat * bread_inv);
}

}  // namespace

std::optional<Eigen::Matrix4d> estimate_covariance(const std::vector<WorkCircle>& circles,
                                                   const std::vector<std::uint8_t>& use, const Sphere& sphere,
                                                   bool radius_fixed) {
  return radius_fixed ? full_covariance(sandwich<3>(circles, use, sphere))
                      : full_covariance(sandwich<4>(circles, use, sphere));
}

Uncertainty describe_uncertainty(const Eigen::Matrix4d& working, double scale) {
  Uncertainty u;
  // Standard uncertainties scale by `scale`, variances by its square, which overflows first.
  u.std_error = scale * working.diagonal().cwiseMax(0.0).cwiseSqrt();
  const Eigen::Matrix4d covariance = scale * (scale * working);
  bool representable = covariance.allFinite();
  for (int k = 0; k < 4; ++k) {
    if (u.std_error(k) > 0.0 && !(covariance(k, k) >= std::numeric_limits<double>::min())) representable = false;
  }
  if (representable) u.covariance = covariance;
  // The ellipsoid from the working covariance, where the eigen-solver sees well-scaled numbers.
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig;
  eig.compute(working.topLeftCorner<3, 3>());
  u.ellipsoid.semi_axes = scale * (eig.eigenvalues().cwiseMax(0.0) * kChiSquare3Dof95).cwiseSqrt();
  u.ellipsoid.axes = eig.eigenvectors();
  return u;
}

}  // namespace spherefit
