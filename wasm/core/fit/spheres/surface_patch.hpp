// The local surface around a point: its normal, its principal curvatures and its noise, from the
// points within a radius a of it. The neighbours' principal axes (PCA) give a frame (t1, t2, n); in
// it the surface is fitted in least squares by the quadric height function
//
//   w(u, v) = A u² + B uv + C v² + D u + E v + F,
//
// the osculating jet of degree 2 (Cazals & Pouget 2005, "Estimating differential quantities using
// polynomial fitting of osculating jets", CAGD 22). At the point (u = v = 0) the normal is
// (−D, −E, 1)/W with W = √(1 + D² + E²), and the shape operator is I⁻¹·II with the fundamental forms
// I = [[1 + D², DE], [DE, 1 + E²]], II = [[2A, B], [B, 2C]] / W: its mean H and Gaussian K curvature
// give κ₁,₂ = H ± √(H² − K). A sphere is umbilic (κ₁ = κ₂ = 1/R), a plane flat, a cylinder has
// κ₂ = 0: the anisotropy |κ₁ − κ₂| / |κ₁ + κ₂| = √(H² − K)/|H| is 0, undefined and 1. The residual
// scale √(RSS/(m − 6)) is the surface's noise along its normal, with the curvature taken out to
// second order (a noise estimate independent of any sphere hypothesis).
#pragma once

#include <Eigen/Core>
#include <cstdint>

#include "fit/spheres/morton_index.hpp"

namespace spherefit {

struct SurfacePatch {
  bool ok = false;                                   // false with fewer than 10 neighbours or a degenerate frame
  Eigen::Vector3d point = Eigen::Vector3d::Zero();   // the point moved onto the fitted surface
  Eigen::Vector3d normal = Eigen::Vector3d::Zero();  // unit; H > 0 when the surface bends towards it
  double mean_curvature = 0.0;                       // H, 1/working units
  double curvature_error = 0.0;                      // standard error of H from the fit's covariance
  double anisotropy = 1.0;                           // √(H² − K)/|H|: 0 sphere, 1 cylinder
  double noise = 0.0;                                // residual scale, working units
  std::size_t count = 0;                             // points fitted
  double spacing = 0.0;                              // the points' mean spacing on the surface near the point
};

// The patch of radius `radius` (working units) about sorted position `position`. A dense patch is
// thinned evenly (in code order) to about max_points, so the cost does not grow with density.
SurfacePatch fit_surface_patch(const MortonIndex& index, std::size_t position, double radius, std::size_t max_points);

}  // namespace spherefit
