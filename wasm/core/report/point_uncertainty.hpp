// Standard uncertainties of a sphere fitted to points.
//
// A plain cloud (independent point noise): the classical linearised covariance
//   Cov = s² (JᵀJ)⁻¹,   s² = Σ e_i² / (n − p),
// with p = 4 parameters (3 with a known radius), as NIST's and ISO 10360-6's least-squares
// references assume.
//
// Slice contours: points of one slice share its errors (the slice's position, the segmentation's
// threshold on that image), so they are not independent. The covariance is then the cluster-robust
// sandwich with slices as clusters and the Bell–McCaffrey (CR2) leverage correction, as for
// circles (report/uncertainty.hpp):
//   Cov = B⁻¹ (Σ_c s_c s_cᵀ) B⁻¹,   B = Σ_c G_c,   G_c = J_cᵀ J_c,   g_c = J_cᵀ e_c,
//   s_c = J_cᵀ (I − H_cc)^(−½) e_c = B^½ (I − B^(−½) G_c B^(−½))^(−½) B^(−½) g_c,
// where the last form follows from the singular value decomposition of J_c B^(−½): the leverage
// H_cc = J_c B⁻¹ J_cᵀ of a slice with thousands of points has rank at most p, so the correction needs
// only each slice's 4×4 G_c and its g_c, accumulated in one pass.
// Either way no uncertainty is reported when nothing is left over to estimate the noise: no more
// points (plain) or slices (contours) than parameters.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <vector>

#include "fit/points/point_refine.hpp"
#include "fit/points/point_set.hpp"

namespace spherefit {

// Covariance of (x0, y0, z0, R) in working units at the refined sphere, over the points with
// use[i] (all when empty); with radius_fixed the R row and column are zero. A plain cloud's comes
// from the refinement's own JᵀJ and Σe² (no further pass); contours need one pass for their
// per-slice sums. Empty when it cannot be estimated.
std::optional<Eigen::Matrix4d> estimate_point_covariance(const PointSet& set, const std::vector<std::uint8_t>& use,
                                                         const PointRefinement& fit, bool radius_fixed);

}  // namespace spherefit
