// The quantities an ellipsoid is reported by, and their first-order change with the model's
// parameters (to carry the covariance over, Cov_reported = G Cov Gᵀ). From the quadric
// M = Σ λ_k v_k v_kᵀ (λ ascending, so the semi-axes a_k = λ_k^(−½) descend), for a change δc, δM:
//
//   semi-axis       δa_k = −½ λ_k^(−3/2) v_kᵀ δM v_k
//   rotation about  δθ_k = v_iᵀ δM v_j / (λ_i − λ_j),   (k, i, j) cyclic  (undefined when λ_i = λ_j)
//   axis k
//   shape matrix    A = M^(−½):  δÃ_ij = (Vᵀ δM V)_ij · f[λ_i, λ_j],   f[λ_i, λ_j] = −1/(√λ_i √λ_j (√λ_i + √λ_j)),
//                   the Daleckii–Krein formula for the derivative of a matrix function (Higham,
//                   "Functions of Matrices", SIAM 2008, Thm 3.11), smooth at equal eigenvalues;
//                   its diagonal is δa_k and its off-diagonal (a_i − a_j)·δθ_k.
//
// The third set, "frame", is the centre along each axis and Ã in the axes' frame: nine lengths
// with the same meaning at every shape, in which the poorly determined combinations are named.
#pragma once

#include <Eigen/Core>
#include <array>

#include "fit/ellipsoid/quadric_model.hpp"

namespace spherefit {

// The surface with its semi-axes sorted descending and right-handed axes.
struct ShapeFrame {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  Eigen::Vector3d semi_axes = Eigen::Vector3d::Ones();
  Eigen::Matrix3d axes = Eigen::Matrix3d::Identity();
  std::array<bool, 3> rotation_defined{};  // about axis k: the other two semi-axes differ
};
ShapeFrame shape_frame(const QuadricSurface& s);

// The shape matrix A = axes · diag(semi_axes) · axesᵀ.
Eigen::Matrix3d shape_matrix(const ShapeFrame& f);

template <int K>
struct ShapeJacobians {
  Eigen::Matrix<double, 9, K> reported;  // c, a₁..₃, θ₁..₃ (θ_k's row zero where undefined)
  Eigen::Matrix<double, 9, K> shape;     // c, A₁₁, A₂₂, A₃₃, A₁₂, A₁₃, A₂₃ (world axes)
  Eigen::Matrix<double, 9, K> frame;  // centre along axes 1..3, Ã₁₁, Ã₂₂, Ã₃₃, Ã₁₂, Ã₁₃, Ã₂₃
};

template <int K>
ShapeJacobians<K> shape_jacobians(const ShapeFrame& f, const QuadricTangent<K>& t);

}  // namespace spherefit
