// The signed orthogonal distance from a point to an ellipsoid, in the ellipsoid's own frame
// (centre at the origin, semi-axes e_k > 0 along the coordinate axes, in any order):
//
//   E = { x : Σ_k x_k²/e_k² = 1 },   d(y) = ± min_{x ∈ E} |y − x|   (+ outside, − inside).
//
// Eberly, "Distance from a point to an ellipse, an ellipsoid, or a hyperellipsoid" (Geometric
// Tools, 2013, revised 2020), §3: at the foot x the offset is normal to E,
//   y − x = t w,   w_k = x_k/e_k²  (half the gradient of Σ x²/e² − 1),   so x_k = e_k² y_k/(t + e_k²),
// and the closest foot has the largest root t > −e_min² of the secular equation
//   S(t) = Σ_k (e_k y_k/(t + e_k²))² = 1,
// unique when y has a component along the shortest axis (S falls from +∞ to 0). When it has none
// (y in the principal plane across the shortest axis, Eberly's degenerate case), either S stays
// below 1 at t = −e_min² and the foot leaves that plane (x_k = e_k² y_k/(e_k² − e_min²), the
// shortest component from the surface equation), or the root lies beyond it as before.
//
// Here the root is sought in u = t + e_min² ∈ (0, ∞), with the axes' excesses δ_k = e_k² − e_min²
// formed once per ellipsoid (exactly 0 for the shortest axis and any tied with it): a foot near
// the shortest axis's pole keeps its digits. Newton's method runs on φ(u) = 1 − S^(−1/2), which is
// linear for a sphere (one step) and nearly so for the near-spheres fitted here, safeguarded by
// bisection in Eberly's bracket [max_k(e_k|y_k| − δ_k), |e ⊙ y|]; it starts at the point itself
// (t = 0). The distance is t·|w| (no cancellation between y and x), accurate to a few units of
// rounding of the semi-axes. See docs/ellipsoid.md §1.
#pragma once

#include <Eigen/Core>
#include <cstddef>

namespace spherefit {

// An ellipsoid's semi-axes with what every distance needs, formed once per ellipsoid.
struct EllipsoidAxes {
  Eigen::Vector3d semi = Eigen::Vector3d::Ones();    // e_k > 0
  Eigen::Vector3d square = Eigen::Vector3d::Ones();  // e_k²
  Eigen::Vector3d inverse_square = Eigen::Vector3d::Ones();
  Eigen::Vector3d excess = Eigen::Vector3d::Zero();  // δ_k = e_k² − e_min² ≥ 0
  int shortest = 0;
};

// Precondition: every semi-axis positive and finite.
EllipsoidAxes make_ellipsoid_axes(const Eigen::Vector3d& semi_axes);

// The foot of the perpendicular from y and what the fits need of it: the signed distance, the
// foot x, and w = x/e² (the normal direction, not unit, |w| > 0), all in the ellipsoid's frame.
struct EllipsoidFoot {
  double distance = 0.0;
  Eigen::Vector3d point = Eigen::Vector3d::Zero();
  Eigen::Vector3d normal = Eigen::Vector3d::Zero();
  double normal_length = 1.0;  // |w|
  int iterations = 0;          // of the root finder (0 in the degenerate case)
};

// Never fails for finite y; where the foot is not unique (on the medial surface inside) it is one
// of the feet.
EllipsoidFoot foot_on_ellipsoid(const Eigen::Vector3d& y, const EllipsoidAxes& axes);

// The same for count points at once, faster: pairs of points go through two branch-free Newton
// steps together (two lanes, fit/lanes.hpp), and a point they do not settle (no component along
// the shortest axis, a slow root) through foot_on_ellipsoid. The same answers to rounding.
void feet_on_ellipsoid(const Eigen::Vector3d* y, std::size_t count, const EllipsoidAxes& axes, EllipsoidFoot* feet);

}  // namespace spherefit
