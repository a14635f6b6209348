#include "fit/ellipsoid/shape_parameters.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace spherefit {
namespace {

// Two semi-axes this close (relative) are one: the rotation in their plane is not a parameter.
constexpr double kTie = 1e-12;

constexpr int kPairs[3][2] = {{1, 2}, {2, 0}, {0, 1}};  // (i, j) for the rotation about axis k

}  // namespace

ShapeFrame shape_frame(const QuadricSurface& s) {
  ShapeFrame f;
  f.center = s.center;
  std::array<int, 3> order{0, 1, 2};
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return s.semi_axes(a) > s.semi_axes(b); });
  for (int k = 0; k < 3; ++k) {
    f.semi_axes(k) = s.semi_axes(order[k]);
    Eigen::Vector3d v = s.rotation.col(order[k]);
    int big = 0;
    v.cwiseAbs().maxCoeff(&big);
    f.axes.col(k) = v(big) < 0.0 ? Eigen::Vector3d(-v) : v;  // a reproducible sign: largest component positive
  }
  if (f.axes.determinant() < 0.0) f.axes.col(2) = -f.axes.col(2);
  for (int k = 0; k < 3; ++k) {
    const double a = f.semi_axes(kPairs[k][0]), b = f.semi_axes(kPairs[k][1]);
    f.rotation_defined[k] = std::abs(a - b) > kTie * std::max(a, b);
  }
  return f;
}

Eigen::Matrix3d shape_matrix(const ShapeFrame& f) { return f.axes * f.semi_axes.asDiagonal() * f.axes.transpose(); }

template <int K>
ShapeJacobians<K> shape_jacobians(const ShapeFrame& f, const QuadricTangent<K>& t) {
  ShapeJacobians<K> out;
  out.reported.setZero();
  out.shape.setZero();
  out.frame.setZero();
  const Eigen::Vector3d lambda = f.semi_axes.cwiseAbs2().cwiseInverse();
  const Eigen::Vector3d root = lambda.cwiseSqrt();
  Eigen::Matrix3d divided;  // f[λ_i, λ_j] for f(λ) = λ^(−½)
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) divided(i, j) = -1.0 / (root(i) * root(j) * (root(i) + root(j)));
  const Eigen::Matrix3d& v = f.axes;
  for (int p = 0; p < K; ++p) {
    const Eigen::Vector3d dc = t.center.col(p);
    const Eigen::Matrix3d dm = v.transpose() * t.matrix[p] * v;  // δM in the axes' frame
    const Eigen::Matrix3d da = dm.cwiseProduct(divided);         // δÃ
    const Eigen::Matrix3d da_world = v * da * v.transpose();
    out.reported.template block<3, 1>(0, p) = dc;
    out.shape.template block<3, 1>(0, p) = dc;
    out.frame.template block<3, 1>(0, p) = v.transpose() * dc;
    for (int k = 0; k < 3; ++k) {
      out.reported(3 + k, p) = da(k, k);
      const int i = kPairs[k][0], j = kPairs[k][1];
      if (f.rotation_defined[k]) out.reported(6 + k, p) = dm(i, j) / (lambda(i) - lambda(j));
      out.shape(3 + k, p) = da_world(k, k);
      out.frame(3 + k, p) = da(k, k);
    }
    out.shape(6, p) = da_world(0, 1), out.shape(7, p) = da_world(0, 2), out.shape(8, p) = da_world(1, 2);
    out.frame(6, p) = da(0, 1), out.frame(7, p) = da(0, 2), out.frame(8, p) = da(1, 2);
  }
  return out;
}

template ShapeJacobians<4> shape_jacobians<4>(const ShapeFrame&, const QuadricTangent<4>&);
template ShapeJacobians<7> shape_jacobians<7>(const ShapeFrame&, const QuadricTangent<7>&);
template ShapeJacobians<9> shape_jacobians<9>(const ShapeFrame&, const QuadricTangent<9>&);

}  // namespace spherefit
