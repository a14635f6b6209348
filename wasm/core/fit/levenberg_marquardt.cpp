#include "fit/levenberg_marquardt.hpp"

#include <Eigen/Eigenvalues>

namespace spherefit {

Eigen::Matrix4d positive_curvature(const Eigen::Matrix4d& hessian) {
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix4d> eig(0.5 * (hessian + hessian.transpose()));
  const Eigen::Vector4d lambda = eig.eigenvalues().cwiseAbs().cwiseMax(1e-12 * eig.eigenvalues().cwiseAbs().maxCoeff());
  return eig.eigenvectors() * lambda.asDiagonal() * eig.eigenvectors().transpose();
}

}  // namespace spherefit
