// First estimates of an ellipsoid from points (working units): the algebraic fit of
// Li & Griffiths, "Least squares ellipsoid specific fitting" (GMP 2004), and the sphere.
//
// Li & Griffiths minimise ‖D v‖² over the quadric v = (a, b, c, f, g, h, p, q, r, d),
//   a x² + b y² + c z² + 2f yz + 2g xz + 2h xy + 2p x + 2q y + 2r z + d = 0,
// one row D_i = (x², y², z², 2yz, 2xz, 2xy, 2x, 2y, 2z, 1) per point, subject to 4J − I² = 1
// (I = a + b + c, J = ab + bc + ca − f² − g² − h²), which makes the quadric an ellipsoid whenever its
// short axis is at least half its long one. Splitting S = DᵀD into the quadratic (6) and linear (4)
// blocks, v₂ = −S₂₂⁻¹S₂₁v₁ and C⁻¹(S₁₁ − S₁₂S₂₂⁻¹S₂₁)v₁ = λv₁, the one eigenvector with v₁ᵀCv₁ > 0.
// On a cap that constraint can still give a poor ellipsoid, or the quadric may not be a real
// ellipsoid; more elongated than 2:1 the constraint excludes the truth itself. So the general
// quadric's ellipsoid is offered too, and the caller starts from the best of these and the sphere
// (fit/points/).
#pragma once

#include <optional>
#include <vector>

#include "fit/ellipsoid/quadric_model.hpp"
#include "fit/points/point_set.hpp"

namespace spherefit {

// One pass over the points: the Li–Griffiths ellipsoid and the general quadric's (minimising ‖Dv‖²
// with ‖(a, b, c, f, g, h)‖ = 1, exact on exact data of any ellipsoid), those of them that are real
// ellipsoids; empty when neither is (or the points do not determine a quadric).
std::vector<QuadricSurface> estimate_ellipsoids(const PointSet& set);

// The geometric least-squares sphere of the set (algebraic start, then fit/points/point_refine),
// as a quadric; errors as the sphere's (Underdetermined, NumericalFailure).
Outcome<QuadricSurface> estimate_sphere_surface(const PointSet& set, const PointMoments& moments, int max_iterations);

// A sphere as a quadric surface.
QuadricSurface sphere_surface(const Eigen::Vector3d& center, double radius);

}  // namespace spherefit
