// Distances from a point p to the points of one circle, averaged over the circle.
//
// For the circle q(θ) = c + r(cos θ u + sin θ v) in the plane with unit normal n, let e = c − p,
// a = n·e, b = |e − a n|, A = |e|² + r², B = 2 r b. Then |q(θ) − p|² = A + B cos θ', and with
// S = A + B, m = 2B/S:
//   M  = mean d       = (2/π) √S E(m)
//   J0 = mean 1/d     = (2/π) K(m) / √S
//   J1 = mean cosθ'/d = (2/π) (K − 2D) / √S,    D = (K − E)/m
// where K, E are the complete elliptic integrals of parameter m (power series for small m, else
// one AGM pass; D without cancellation either way). V = mean d² − M² is the spread of the
// distances over the circle, computed without cancellation.
// The fit's per-circle objective is mean (d − R)² = (M − R)² + V.
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>

namespace spherefit {

struct EllipticIntegrals {
  double k = 0.0;           // K(m)
  double e = 0.0;           // E(m)
  double d = 0.0;           // (K(m) − E(m)) / m, finite at m = 0
  double k_minus_2d = 0.0;  // K − 2D = −(π/16) m + …: O(m), so not formed by subtraction for small m
};

// Complete elliptic integrals of parameter m in [0, 1) by the arithmetic-geometric mean.
EllipticIntegrals complete_elliptic(double m);

// An orthonormal basis (u, v) of the plane with unit normal n, with u × v = n. The one definition:
// the views draw each circle in the basis the fit used.
struct PlaneBasis {
  Eigen::Vector3d u;
  Eigen::Vector3d v;
};
PlaneBasis plane_basis(const Eigen::Vector3d& unit_normal);

// A circle in working coordinates: unit normal and an orthonormal basis (u, v) of its plane.
struct WorkCircle {
  Eigen::Vector3d center;
  Eigen::Vector3d normal;
  Eigen::Vector3d u;
  Eigen::Vector3d v;
  double radius = 0.0;
  double weight = 1.0;
};

WorkCircle make_work_circle(const Eigen::Vector3d& center, const Eigen::Vector3d& unit_normal, double radius,
                            double weight);

struct CircleDistance {
  double mean = 0.0;              // M
  double spread = 0.0;            // V ≥ 0, computed without cancellation
  double sq_mean = 0.0;           // A = mean d²
  double height = 0.0;            // a = n·(c − p)
  double offset = 0.0;            // b = in-plane distance of c from p's projection
  Eigen::Vector3d mean_gradient;  // ∂M/∂p
  Eigen::Vector2d in_plane;       // (u, v) coordinates of c − p in the plane
};

CircleDistance measure_circle(const WorkCircle& circle, const Eigen::Vector3d& p);

}  // namespace spherefit
