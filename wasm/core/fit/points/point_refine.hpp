// The geometric least-squares sphere of points: Levenberg–Marquardt on
//
//   F(c, R) = Σ_i e_i²,   e_i = |q_i − c| − R,   ∂e_i/∂(c, R) = (−(q_i − c)ᵀ / |q_i − c|, −1),
//
// the orthogonal-distance fit that NIST's certified data and ISO 10360-6 define. One pass over
// the points per trial step accumulates F, Jᵀe and JᵀJ (4×4, fixed size): no per-point storage.
// The iteration (fit/levenberg_marquardt.hpp) keeps a step when F decreases, or near the minimum
// when the exact gradient shrinks, which takes the fit to the last digit (NIST's certificates hold
// to 1e-14·R in double); where the residuals are large against the distances (a known radius the
// data contradict) the exact Hessian takes over from JᵀJ.
#pragma once

#include <cstdint>
#include <vector>

#include "fit/points/point_set.hpp"

namespace spherefit {

// One point's residual and Jacobian row (working units); a point at the centre has a zero
// direction (its distance is not differentiable there).
struct PointObservation {
  double residual = 0.0;
  Eigen::Vector4d jacobian = Eigen::Vector4d::Zero();
};
PointObservation observe_point(const Eigen::Vector3d& q, const Sphere& sphere);

struct PointRefinement {
  Sphere sphere;
  int iterations = 0;
  bool converged = false;
  double objective = 0.0;                                   // Σ e² at `sphere`
  Eigen::Matrix4d gauss_newton = Eigen::Matrix4d::Zero();   // JᵀJ at `sphere`
};

// Minimises F over the points with use[i] (all when use is empty) from `start`; with radius_fixed
// only the centre moves.
PointRefinement refine_point_sphere(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& start,
                                    bool radius_fixed, int max_iterations);

}  // namespace spherefit
