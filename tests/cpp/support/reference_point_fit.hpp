// An independent computation of the point fit for the tests: full Newton on
// F(c, R) = Σ (|p_i − c| − R)² with the exact Hessian, accumulated in long double about the
// points' mean. It shares no code with the solver (which uses Gauss–Newton/LM in double).
#pragma once

#include <Eigen/Core>
#include <random>
#include <vector>

namespace spherefit::testing {

struct ReferencePointSphere {
  Eigen::Vector3d center;
  double radius;
};

ReferencePointSphere reference_point_fit(const std::vector<Eigen::Vector3d>& points, const ReferencePointSphere& start);

// Points on a sphere: directions uniform on the part with polar angle ≤ max_polar_deg about +Z.
std::vector<Eigen::Vector3d> points_on_sphere(const Eigen::Vector3d& center, double radius, std::size_t n,
                                              double max_polar_deg, std::mt19937_64& rng);

}  // namespace spherefit::testing
