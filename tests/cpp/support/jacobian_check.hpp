// One finite-difference checker for every refiner's derivatives, generic over the parameter count.
//
// Given the residuals r(x) ∈ ℝᵐ a refiner minimises Σr² over, the Jacobian is differenced
// independently of the refiner — central differences with one Richardson step,
//   D(h) = (r(x + h e_k) − r(x − h e_k)) / 2h,   J_k = (4 D(h/2) − D(h)) / 3,
// truncation O(h⁴) — and compared with what the refiner claims: a Jacobian (jacobian_matches), or
// the sums one Levenberg–Marquardt step needs (normal_equations_match, for an `accumulate`
// returning NormalEquationsOf<N>, fit/levenberg_marquardt.hpp):
//   objective = Σ r²,   half_gradient = J_fdᵀ r,   curvature = J_fdᵀ J_fd.
// Each comparison is relative to the size of what is compared (the norms of J_fd and r), so it
// holds at any scale; the failure message names the entry that disagrees most.
#pragma once

#include <gtest/gtest.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <sstream>

#include "fit/levenberg_marquardt.hpp"

namespace spherefit::testing {

template <int N>
using JacobianOf = Eigen::Matrix<double, Eigen::Dynamic, N>;

// residuals(const Parameters<N>&) → Eigen::VectorXd (the same length at every x). step(k) is the
// difference step of parameter k (about 1e-3 of its scale gives ~1e-12 relative accuracy).
template <int N, class Residuals>
JacobianOf<N> finite_difference_jacobian(const Residuals& residuals, const Parameters<N>& x,
                                         const Parameters<N>& step) {
  const Eigen::VectorXd r0 = residuals(x);
  JacobianOf<N> j(r0.size(), N);
  for (int k = 0; k < N; ++k) {
    const auto central = [&](double h) {
      Parameters<N> plus = x, minus = x;
      plus(k) += h;
      minus(k) -= h;
      return Eigen::VectorXd((residuals(plus) - residuals(minus)) / (2.0 * h));
    };
    j.col(k) = (4.0 * central(0.5 * step(k)) - central(step(k))) / 3.0;
  }
  return j;
}

namespace detail {

// The largest |a − b| entry against `scale`, as an assertion.
template <class A, class B>
::testing::AssertionResult close(const char* what, const A& claimed, const B& differenced, double scale,
                                 double tolerance) {
  const auto diff = (claimed - differenced).cwiseAbs().eval();
  Eigen::Index row = 0, col = 0;
  const double worst = diff.size() ? diff.maxCoeff(&row, &col) : 0.0;
  if (worst <= tolerance * scale) return ::testing::AssertionSuccess();
  std::ostringstream s;
  s << what << " differs from the finite differences at (" << row << ", " << col << "): claimed " << claimed(row, col)
    << ", differenced " << differenced(row, col) << ", error " << worst << " > " << tolerance << " × " << scale;
  return ::testing::AssertionFailure() << s.str();
}

}  // namespace detail

// The claimed Jacobian (m × N) against the differenced one, relative to the largest column norm.
template <int N, class Residuals>
::testing::AssertionResult jacobian_matches(const Residuals& residuals, const JacobianOf<N>& claimed,
                                            const Parameters<N>& x, const Parameters<N>& step, double tolerance) {
  const JacobianOf<N> fd = finite_difference_jacobian<N>(residuals, x, step);
  if (fd.rows() != claimed.rows())
    return ::testing::AssertionFailure() << "the Jacobian has " << claimed.rows() << " rows, the residuals "
                                         << fd.rows();
  double scale = 0.0;
  for (int k = 0; k < N; ++k) scale = std::max(scale, fd.col(k).norm());
  return detail::close("the Jacobian", claimed, fd, scale, tolerance);
}

// A refiner's normal equations at x against Σr², J_fdᵀr and J_fdᵀJ_fd.
template <int N, class Residuals>
::testing::AssertionResult normal_equations_match(const Residuals& residuals, const NormalEquationsOf<N>& claimed,
                                                  const Parameters<N>& x, const Parameters<N>& step, double tolerance) {
  const Eigen::VectorXd r = residuals(x);
  const JacobianOf<N> fd = finite_difference_jacobian<N>(residuals, x, step);
  double column = 0.0;
  for (int k = 0; k < N; ++k) column = std::max(column, fd.col(k).norm());
  const Eigen::Matrix<double, 1, 1> objective(claimed.objective), squares(r.squaredNorm());
  if (auto a = detail::close("the objective", objective, squares, std::max(r.squaredNorm(), 1e-300), tolerance); !a)
    return a;
  const Parameters<N> gradient = fd.transpose() * r;
  if (auto a = detail::close("the half-gradient", claimed.half_gradient, gradient, std::max(column * r.norm(), 1e-300),
                             tolerance);
      !a)
    return a;
  const Eigen::Matrix<double, N, N> curvature = fd.transpose() * fd;
  return detail::close("the curvature", claimed.curvature, curvature, std::max(column * column, 1e-300), tolerance);
}

// Only F and ½∇F: for a refiner whose curvature is an approximation by design (the circles' in-plane
// rows), the objective and the exact half-gradient against Σr² and J_fdᵀr.
template <int N, class Residuals>
::testing::AssertionResult gradient_matches(const Residuals& residuals, double objective,
                                            const Parameters<N>& half_gradient, const Parameters<N>& x,
                                            const Parameters<N>& step, double tolerance) {
  NormalEquationsOf<N> claimed;
  claimed.objective = objective;
  claimed.half_gradient = half_gradient;
  const Eigen::VectorXd r = residuals(x);
  const JacobianOf<N> fd = finite_difference_jacobian<N>(residuals, x, step);
  double column = 0.0;
  for (int k = 0; k < N; ++k) column = std::max(column, fd.col(k).norm());
  const Eigen::Matrix<double, 1, 1> f(objective), squares(r.squaredNorm());
  if (auto a = detail::close("the objective", f, squares, std::max(r.squaredNorm(), 1e-300), tolerance); !a) return a;
  const Parameters<N> gradient = fd.transpose() * r;
  return detail::close("the half-gradient", claimed.half_gradient, gradient, std::max(column * r.norm(), 1e-300),
                       tolerance);
}

// An exact curvature ½∇²F (the Hessian a refiner switches to) against the differences of the
// half-gradient it returns: half_gradient(const Parameters<N>&) → Parameters<N>.
template <int N, class HalfGradient>
::testing::AssertionResult hessian_matches(const HalfGradient& half_gradient,
                                           const Eigen::Matrix<double, N, N>& claimed, const Parameters<N>& x,
                                           const Parameters<N>& step, double tolerance) {
  Eigen::Matrix<double, N, N> fd;
  for (int k = 0; k < N; ++k) {
    const auto central = [&](double h) {
      Parameters<N> plus = x, minus = x;
      plus(k) += h;
      minus(k) -= h;
      return Parameters<N>((half_gradient(plus) - half_gradient(minus)) / (2.0 * h));
    };
    fd.col(k) = (4.0 * central(0.5 * step(k)) - central(step(k))) / 3.0;
  }
  return detail::close("the curvature", claimed, fd, std::max(fd.norm(), 1e-300), tolerance);
}

}  // namespace spherefit::testing
