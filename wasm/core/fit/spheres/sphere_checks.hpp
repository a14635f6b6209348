// Whether a refitted candidate is a sphere seen well enough, from its inliers' directions
// u_i = (q_i − c)/|q_i − c| and the surface's own noise:
//
// - cap angle: the half-angle about the mean direction within which 95 % of the u_i lie (180° when
//   the u_i cancel, a whole sphere). A sphere fitted to a plane or a gently curved sheet holds a
//   small cap (a disc of radius √(2Rb) for a band b), whatever its radius; so does a real ball of
//   which only a shallow cap was scanned, whose radius the data then barely fix.
// - coverage: the smallest eigenvalue of the second moment E[u uᵀ], divided by the same for a
//   uniformly covered cap of that angle, (1 − c)(2 + c)/6 across and (1 + c + c²)/3 along its axis
//   (c = cos of the angle). A ring, where a shell cuts a cylinder (a stem, a pole, a rod) or a
//   plane, has its directions in one plane: the eigenvalue normal to it is ~0 however wide the
//   ring's angle. A cap, even one scanned unevenly from one side (a TLS target: density ∝ cos
//   of incidence gives 0.79 of the uniform value), stays well above 0.4.
// - noise: from inliers spread across the cap, the residual scale of their local quadric patches
//   (surface_patch.hpp), a robust low quantile of them: how far points scatter about their own
//   surface. A sphere explains its points to that scale; another surface (an ellipsoid, a saddle, a
//   torus) fitted by a sphere leaves systematic residuals well above it.
#pragma once

#include <cstdint>
#include <vector>

#include "fit/sphere.hpp"
#include "fit/spheres/morton_index.hpp"

namespace spherefit {

struct CapShape {
  double cap_angle_deg = 0.0;
  double coverage = 0.0;
};

CapShape measure_cap(const MortonIndex& index, const std::vector<std::uint32_t>& positions, const Sphere& sphere);

// λ_min of E[u uᵀ] for directions uniform by area on a cap of half-angle cap_deg (1/3 for 180°).
double uniform_cap_moment(double cap_deg);

// The surface-noise scale (working units) at up to `probes` of the positions, evenly spread in the
// list (a low quantile, robust to probes whose patch holds a second surface); patches of `radius`
// (doubled where too few points lie within). 0 when none fits.
double local_noise(const MortonIndex& index, const std::vector<std::uint32_t>& positions, double radius,
                   std::size_t probes);

}  // namespace spherefit
