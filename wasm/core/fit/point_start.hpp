// First estimates of a sphere from points, exact on exact data.
//
// The algebraic fit (Kåsa): |q − c|² = R² is linear in (c, t) with t = |c|² − R²:
//   2 q·c − t = |q|²,
// one row per point, solved in least squares on the 4×4 normal equations (the points are in
// working coordinates, centred and of unit size, so the system is well scaled). It is biased on
// noisy caps, which is why it only starts the geometric refinement (point_refine.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "fit/point_set.hpp"

namespace spherefit {

// Over the points with use[i] (all when use is empty). Underdetermined when they do not fix a
// sphere (fewer than four, or all in one plane).
Outcome<PointSphere> estimate_point_sphere(const PointSet& set, const std::vector<std::uint8_t>& use);

// The sphere through four points (working units), or nothing when they are (nearly) coplanar.
std::optional<PointSphere> sphere_through(const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                                          const Eigen::Vector3d& c, const Eigen::Vector3d& d);

}  // namespace spherefit
