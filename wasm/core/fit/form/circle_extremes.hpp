// The nearest and farthest points of a slice circle from a centre, in closed form: every form fit
// on circles rests on it, so each circle counts whole, never as samples.
//
// For the circle q(θ) = k + r(cos θ u + sin θ v) in the plane with unit normal w and a centre c, let
// e = k − c, a = w·e (the height of the plane above c), e∥ = e − a w (the circle centre's in-plane
// offset from c's projection) and b = |e∥|. Then |q(θ) − c|² = a² + b² + r² + 2rb cos(θ − θ₀), so
//   farthest: √(a² + (b + r)²) at q = k + r e∥/b,    nearest: √(a² + (b − r)²) at q = k − r e∥/b.
// At b = 0 (c on the circle's axis, as for coaxial parallel slices) every point of the circle is as
// far as any other and the distances are not differentiable in c; the direction is then the
// caller's fallback, and the solver adds further points of the circle to model the kink.
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>

namespace spherefit {

struct CircleExtremes {
  double near = 0.0;
  double far = 0.0;
  double offset = 0.0;                                   // b
  Eigen::Vector3d direction = Eigen::Vector3d::UnitX();  // e∥/b: unit, in the plane
};

// Precondition: unit_normal and fallback are unit vectors, fallback in the circle's plane; radius ≥ 0.
CircleExtremes circle_extremes(const Eigen::Vector3d& circle_center, const Eigen::Vector3d& unit_normal, double radius,
                               const Eigen::Vector3d& fallback, const Eigen::Vector3d& c);

// The point of the circle at `angle` from the unit in-plane `direction` (turning towards w × direction).
inline Eigen::Vector3d circle_point(const Eigen::Vector3d& circle_center, const Eigen::Vector3d& unit_normal,
                                    double radius, const Eigen::Vector3d& direction, double angle) {
  return circle_center + radius * (std::cos(angle) * direction + std::sin(angle) * unit_normal.cross(direction));
}

}  // namespace spherefit
