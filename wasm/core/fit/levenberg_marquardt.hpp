// The Levenberg–Marquardt iteration both sphere fits share (circles: fit/refine.hpp; points:
// fit/point_refine.hpp), over the centre and radius (or the centre alone, with a known radius).
//
// Each step solves (C + λ diag C) δ = −g for the curvature C and the exact half-gradient g that
// `accumulate` returns at the current sphere; a trial step is kept when F decreases, or — near the
// minimum, where F changes by less than its own rounding (about 1e-13·F) — when the exact gradient
// shrinks, which is what takes the fits to the last digit. λ shrinks tenfold after a kept step and
// grows tenfold after a rejected one. Converged when a kept step is below 1e-14 of the sphere's
// size, or a rejected one below 1e-12 (nothing left to gain at rounding level).
//
// The Gauss–Newton curvature is good where the residuals are small against the distances; where
// they are not (a known radius the data contradict) its steps crawl, so after
// kGaussNewtonIterations the caller's `exact` curvature (the Hessian ½∇²F) takes over.
#pragma once

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>

#include "fit/sphere.hpp"

namespace spherefit {

inline constexpr int kGaussNewtonIterations = 12;

// The sums over the data that one step needs: F, ½∇F and the curvature (JᵀJ, ½∇²F's Gauss–Newton part).
struct NormalEquations {
  double objective = 0.0;
  Eigen::Vector4d half_gradient = Eigen::Vector4d::Zero();
  Eigen::Matrix4d curvature = Eigen::Matrix4d::Zero();
};

struct Minimum {
  Sphere sphere;
  int iterations = 0;
  bool converged = false;
  NormalEquations at;  // accumulate(sphere)
};

// accumulate(const Sphere&) → NormalEquations; exact(const Sphere&) → Eigen::Matrix4d, positive.
template <class Accumulate, class Exact>
Minimum minimise(const Accumulate& accumulate, const Exact& exact, const Sphere& start, bool radius_fixed,
                 int max_iterations) {
  Minimum out;
  out.sphere = start;
  out.at = accumulate(out.sphere);
  double lambda = 1e-6;
  for (int iter = 1; iter <= max_iterations; ++iter) {
    out.iterations = iter;
    Eigen::Matrix4d damped = iter > kGaussNewtonIterations ? exact(out.sphere) : out.at.curvature;
    damped.diagonal() *= 1.0 + lambda;
    Eigen::Vector4d step = Eigen::Vector4d::Zero();
    if (radius_fixed) {
      step.head<3>() = damped.topLeftCorner<3, 3>().ldlt().solve(-out.at.half_gradient.head<3>());
    } else {
      step = damped.ldlt().solve(-out.at.half_gradient);
    }
    if (!step.allFinite()) break;
    Sphere trial = out.sphere;
    trial.center += step.head<3>();
    trial.radius += step(3);
    const NormalEquations next = accumulate(trial);
    if (!std::isfinite(next.objective)) break;
    const double noise = 1e-13 * out.at.objective;
    const bool lower = next.objective < out.at.objective - noise;
    const bool level = next.objective <= out.at.objective + noise &&
                       next.half_gradient.squaredNorm() < out.at.half_gradient.squaredNorm();
    const double size = std::abs(out.sphere.radius) + out.sphere.center.norm() + 1.0;
    if (lower || level) {
      out.sphere = trial;
      out.at = next;
      lambda = std::max(lambda / 10.0, 1e-12);
      if (step.norm() <= 1e-14 * size) {
        out.converged = true;
        break;
      }
    } else {
      if (step.norm() <= 1e-12 * size) {
        out.converged = true;
        break;
      }
      lambda = lambda * 10.0 + 1e-6;
      if (lambda > 1e12) break;
    }
  }
  return out;
}

// A symmetric matrix with its negative curvature turned positive (|eigenvalues|, at least 1e-12
// of the largest), so a Newton step with it still goes downhill.
Eigen::Matrix4d positive_curvature(const Eigen::Matrix4d& hessian);

}  // namespace spherefit
