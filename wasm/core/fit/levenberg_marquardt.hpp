// The one Levenberg–Marquardt iteration every refiner shares: the sphere of slice circles
// (fit/circles/refine.hpp), of points (fit/points/point_refine.hpp), a contour's circle
// (fit/contours/contour_circle.hpp), and any other model of N parameters.
//
// Each step solves (C + λ diag C) δ = −g for the curvature C and the exact half-gradient g that
// `accumulate` returns at the current parameters; a trial step is kept when F decreases, or — near
// the minimum, where F changes by less than its own rounding (about 1e-13·F) — when the exact
// gradient shrinks, which is what takes the fits to the last digit. λ shrinks tenfold after a kept
// step and grows tenfold after a rejected one. Converged when a kept step is below 1e-14 of the
// parameters' size, or a rejected one below 1e-12 (nothing left to gain at rounding level).
// Madsen, Nielsen & Tingleff, "Methods for non-linear least squares problems" (2004), §3.2, is the
// reference for the damping; the gradient test near the minimum is this project's (docs/design.md).
//
// The Gauss–Newton curvature is good where the residuals are small against the distances; where
// they are not (a known radius the data contradict) its steps crawl, so after
// settings.gauss_newton_iterations the caller's `exact` curvature (the Hessian ½∇²F) takes over.
#pragma once

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "fit/sphere.hpp"

namespace spherefit {

// The iteration's tolerances, in one place (PoseLib's BundleOptions is the model). Internal: the
// product's options never expose them.
struct SolverSettings {
  double initial_damping = 1e-6;
  double min_damping = 1e-12;
  double max_damping = 1e12;          // give up: no step downhill at any damping
  double objective_rounding = 1e-13;  // relative rounding of F: changes below it are level
  double kept_step = 1e-14;           // converged: a kept step this small against the size
  double rejected_step = 1e-12;       // converged: a rejected step this small
  int gauss_newton_iterations = 12;   // then the exact curvature
};

template <int N>
using Parameters = Eigen::Matrix<double, N, 1>;

// The sums over the data that one step needs: F, ½∇F and the curvature (JᵀJ, ½∇²F's Gauss–Newton part).
template <int N>
struct NormalEquationsOf {
  double objective = 0.0;
  Parameters<N> half_gradient = Parameters<N>::Zero();
  Eigen::Matrix<double, N, N> curvature = Eigen::Matrix<double, N, N>::Zero();
};

template <int N>
struct MinimumOf {
  Parameters<N> x = Parameters<N>::Zero();
  int iterations = 0;
  bool converged = false;
  NormalEquationsOf<N> at;  // accumulate(x)
};

// The default re-basing after a kept step: none (the parameters are coordinates of a vector space).
struct KeepParameters {
  template <int N>
  void operator()(Parameters<N>&) const {}
};

// accumulate(const Parameters<N>&) → NormalEquationsOf<N>; exact(const Parameters<N>&) → N×N,
// positive. Only the first `moving` parameters change (the others are held, e.g. a known radius).
// retract(Parameters<N>&) is called on every kept trial before it becomes the current point: a
// model with local coordinates (a rotation R₀·exp([ω]×), an axis tilted about its current
// direction) re-bases there — folds the step into its own state and resets those coordinates —
// so accumulate must describe the same geometry before and after, with the Jacobian taken in the
// re-based coordinates. The default keeps the parameters as they are.
template <int N, class Accumulate, class Exact, class Retract = KeepParameters>
MinimumOf<N> minimise_parameters(const Accumulate& accumulate, const Exact& exact, const Parameters<N>& start,
                                 int moving, int max_iterations, const SolverSettings& settings = {},
                                 const Retract& retract = Retract{}) {
  MinimumOf<N> out;
  out.x = start;
  out.at = accumulate(out.x);
  double lambda = settings.initial_damping;
  for (int iter = 1; iter <= max_iterations; ++iter) {
    out.iterations = iter;
    Eigen::Matrix<double, N, N> damped = iter > settings.gauss_newton_iterations ? exact(out.x) : out.at.curvature;
    damped.diagonal() *= 1.0 + lambda;
    Parameters<N> gradient = out.at.half_gradient;
    for (int k = moving; k < N; ++k) {  // held: a decoupled unit row, no gradient, no step
      damped.row(k).setZero();
      damped.col(k).setZero();
      damped(k, k) = 1.0;
      gradient(k) = 0.0;
    }
    const Parameters<N> step = damped.ldlt().solve(-gradient);
    if (!step.allFinite()) break;
    const Parameters<N> trial = out.x + step;
    const NormalEquationsOf<N> next = accumulate(trial);
    if (!std::isfinite(next.objective)) break;
    const double noise = settings.objective_rounding * out.at.objective;
    const bool lower = next.objective < out.at.objective - noise;
    const bool level = next.objective <= out.at.objective + noise &&
                       next.half_gradient.head(moving).squaredNorm() < out.at.half_gradient.head(moving).squaredNorm();
    const double size = out.x.template lpNorm<1>() + 1.0;
    if (lower || level) {
      out.x = trial;
      retract(out.x);
      out.at = next;
      lambda = std::max(lambda / 10.0, settings.min_damping);
      if (step.norm() <= settings.kept_step * size) {
        out.converged = true;
        break;
      }
    } else {
      if (step.norm() <= settings.rejected_step * size) {
        out.converged = true;
        break;
      }
      lambda = lambda * 10.0 + settings.initial_damping;
      if (lambda > settings.max_damping) break;
    }
  }
  return out;
}

// The sphere's parameters (centre, radius) as a vector and back.
inline Parameters<4> sphere_parameters(const Sphere& s) { return {s.center.x(), s.center.y(), s.center.z(), s.radius}; }
inline Sphere sphere_of(const Parameters<4>& x) { return Sphere{x.head<3>(), x(3)}; }

using NormalEquations = NormalEquationsOf<4>;

struct Minimum {
  Sphere sphere;
  int iterations = 0;
  bool converged = false;
  NormalEquations at;  // accumulate(sphere)
};

// The sphere fits' form: accumulate(const Sphere&) → NormalEquations; exact(const Sphere&) →
// Eigen::Matrix4d, positive; with radius_fixed only the centre moves.
template <class Accumulate, class Exact>
Minimum minimise(const Accumulate& accumulate, const Exact& exact, const Sphere& start, bool radius_fixed,
                 int max_iterations, const SolverSettings& settings = {}) {
  const MinimumOf<4> m =
      minimise_parameters<4>([&](const Parameters<4>& x) { return accumulate(sphere_of(x)); },
                             [&](const Parameters<4>& x) { return exact(sphere_of(x)); }, sphere_parameters(start),
                             radius_fixed ? 3 : 4, max_iterations, settings);
  return Minimum{sphere_of(m.x), m.iterations, m.converged, m.at};
}

// A symmetric matrix with its negative curvature turned positive (|eigenvalues|, at least 1e-12
// of the largest), so a Newton step with it still goes downhill.
template <int N>
Eigen::Matrix<double, N, N> positive_curvature(const Eigen::Matrix<double, N, N>& hessian) {
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix<double, N, N>> eig(0.5 * (hessian + hessian.transpose()));
  const Parameters<N> lambda = eig.eigenvalues().cwiseAbs().cwiseMax(1e-12 * eig.eigenvalues().cwiseAbs().maxCoeff());
  return eig.eigenvectors() * lambda.asDiagonal() * eig.eigenvectors().transpose();
}

}  // namespace spherefit
