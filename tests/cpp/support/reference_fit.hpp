// An independent computation of the product's objective for the tests: each circle sampled at
// many equally spaced points (the periodic trapezoid rule, exponentially accurate here) and the
// weighted point-cloud sphere fit solved by full Newton. It shares no code with the solver.
#pragma once

#include <Eigen/Core>

#include "model/slices.hpp"

namespace spherefit::testing {

struct ReferenceSphere {
  Eigen::Vector3d center;
  double radius;
};

// Minimises Σ_i w_i mean_k (|q_ik − p| − R)² from `start`; weights taken from the table's w.
ReferenceSphere reference_fit(const SliceTable& table, const ReferenceSphere& start, bool use_weights = false,
                              int samples = 256);

// The gradient of the same sampled objective with respect to (p, R).
Eigen::Vector4d reference_gradient(const SliceTable& table, const ReferenceSphere& s, bool use_weights = false,
                                   int samples = 256);

}  // namespace spherefit::testing
