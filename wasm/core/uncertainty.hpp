// Standard uncertainties of the fitted sphere from the linearised model.
//
// Each circle gives three observations (its radial residual and the two components of its
// in-plane offset; one for a pole point, r = 0), so dof = Σ observations − parameters. The noise
// is not equally large everywhere: a radius error moves the surface by (r/R)·δr, far less near the
// poles than at the equator, and a plain s²(JᵀJ)⁻¹ understates the radius's spread on a cap. So the
// covariance is the cluster-robust sandwich with slices as clusters and the Bell–McCaffrey (CR2)
// leverage correction, which is unbiased when the noise happens to be uniform:
//   Cov = B⁻¹ (Σ w_i² J_iᵀ ẽ_i ẽ_iᵀ J_i) B⁻¹,  B = Σ w_i J_iᵀ J_i,  ẽ_i = (I − w_i J_i B⁻¹ J_iᵀ)^(−½) e_i
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <vector>

#include "work_set.hpp"

namespace spherefit {

// Covariance of (x0, y0, z0, R) in working units; with radius_fixed the R row and column are zero.
// Empty when there are no degrees of freedom left (exactly determined fit) or B is singular.
std::optional<Eigen::Matrix4d> estimate_covariance(const std::vector<WorkCircle>& circles,
                                                   const std::vector<std::uint8_t>& use,
                                                   const Sphere& sphere, bool radius_fixed);

}  // namespace spherefit
