// The circle of one slice contour: the plane of its points (their least-squares plane, the
// normal of the smallest eigenvalue of their scatter, or the slice normal when the data gives
// one), then the geometric least-squares circle of the points projected into that plane,
//   minimise Σ_i (|u_i − c| − r)²  over the in-plane centre c and radius r,
// by Gauss–Newton (Levenberg–Marquardt) from the algebraic (Kåsa) circle, in coordinates centred
// on the contour and scaled to its size. Its RMS is the points' RMS distance from the circle as a
// curve in space, √(mean(h_i² + (ρ_i − r)²)), h the height above the plane and ρ the in-plane
// distance from the centre: how well the contour is a planar circle at all.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <vector>

#include "fit/levenberg_marquardt.hpp"
#include "model/slices.hpp"

namespace spherefit {

// A circle in the contour's plane, in working coordinates (centred on the contour, scaled to it).
struct PlaneCircle {
  Eigen::Vector2d center = Eigen::Vector2d::Zero();
  double radius = 0.0;
};

// Kåsa's algebraic circle: |u − c|² = r² is linear in (c, t), t = |c|² − r². Nothing when the
// points are on one line.
std::optional<PlaneCircle> algebraic_circle(const std::vector<Eigen::Vector2d>& u);

// F = Σ (|u_i − c| − r)², ½∇F and JᵀJ at (c, r) = x, with the Jacobian row
// ∂e_i/∂(c, r) = (−(u_i − c)ᵀ/|u_i − c|, −1).
NormalEquationsOf<3> accumulate_circle(const std::vector<Eigen::Vector2d>& u, const Parameters<3>& x);

// ½∇²F exactly: Σ j jᵀ + e_i (I − z zᵀ)/|u_i − c| on the centre block (z the unit direction), positive.
Eigen::Matrix3d exact_circle_curvature(const std::vector<Eigen::Vector2d>& u, const Parameters<3>& x);

// The geometric circle from `start` by the shared Levenberg–Marquardt iteration.
PlaneCircle refine_circle(const std::vector<Eigen::Vector2d>& u, const PlaneCircle& start);

struct ContourCircle {
  SliceCircle circle;  // centre, radius and unit normal, in the points' units
  double rms = 0.0;
  std::size_t points = 0;
};

// Nothing when the points do not make a circle (fewer than three, or all on one line).
// given_normal: the slice plane's normal (any length), or nothing to take the points' plane.
std::optional<ContourCircle> fit_contour_circle(const std::vector<Eigen::Vector3d>& points,
                                                const std::optional<Eigen::Vector3d>& given_normal);

}  // namespace spherefit
