// Levenberg–Marquardt on the fit's objective
//
//   F(p, R) = Σ_i w_i (1/2π) ∮ (|q_i(θ) − p| − R)² dθ = Σ_i w_i [(M_i − R)² + V_i]
//
// (circle_distance.hpp gives M_i, V_i and ∂M_i/∂p in closed form). F and its gradient are exact;
// the curvature is the Gauss–Newton matrix of three observations per circle: the radial residual
// M − R, and the in-plane offset of the circle's centre scaled by κ = r/√(2A), whose square is V
// to leading order. The fixed point is therefore the exact minimiser of F; the approximate
// curvature only sets the speed (quadratic on exact data, a digit or more per step on noisy data).
// Where the residuals are large against the distances (a known radius that the data contradict)
// the Gauss–Newton matrix misjudges the curvature and the steps crawl; then the curvature becomes
// the Hessian of F by differences of its exact gradient (fit/levenberg_marquardt.hpp has the
// iteration).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "fit/circles/work_set.hpp"

namespace spherefit {

// One circle's three observations and their Jacobian rows with respect to (p, R).
struct CircleObservation {
  Eigen::Vector3d residual;  // (M − R, κ-scaled in-plane offset in the (u, w) basis)
  Eigen::Matrix<double, 3, 4> jacobian;
  double objective = 0.0;         // (M − R)² + V
  Eigen::Vector4d half_gradient;  // ½ ∂/∂(p, R) of `objective`, exact
};

CircleObservation observe_circle(const WorkCircle& circle, const Sphere& sphere);

struct Refinement {
  Sphere sphere;
  int iterations = 0;
  bool converged = false;
};

// Minimises F over the selected circles from `start`; with radius_fixed only the centre moves.
Refinement refine_sphere(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use,
                         const Sphere& start, bool radius_fixed, int max_iterations);

}  // namespace spherefit
