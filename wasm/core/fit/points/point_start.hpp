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

#include "fit/points/point_set.hpp"

namespace spherefit {

// From the moments of the points (point_set.hpp): the normal equations of the rows [2qᵀ, −1]
// with right side |q|² are [[4Σqqᵀ, −2Σq], [−2Σqᵀ, n]] and [2Σ|q|²q, −Σ|q|²]. Underdetermined
// when the points do not fix a sphere (fewer than four, or all in one plane).
Outcome<Sphere> estimate_point_sphere(const PointMoments& moments);

// The sphere through four points (working units), or nothing when they are (nearly) coplanar.
std::optional<Sphere> sphere_through(const Eigen::Vector3d& a, const Eigen::Vector3d& b, const Eigen::Vector3d& c,
                                     const Eigen::Vector3d& d);

}  // namespace spherefit
