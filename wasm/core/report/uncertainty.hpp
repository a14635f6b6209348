// Standard uncertainties of the fitted sphere from the linearised model.
//
// Each circle gives three observations (its radial residual and the two components of its
// in-plane offset; one for a pole point, r = 0). The noise is not equally large everywhere: a
// radius error moves the surface by (r/R)·δr, far less near the poles than at the equator, and a
// plain s²(JᵀJ)⁻¹ understates the radius's spread on a cap. So the covariance is the
// cluster-robust sandwich with slices as clusters and the Bell–McCaffrey (CR2) leverage
// correction, which is unbiased when the noise happens to be uniform:
//   Cov = B⁻¹ (Σ w_i² J_iᵀ ẽ_i ẽ_iᵀ J_i) B⁻¹,  B = Σ w_i J_iᵀ J_i,  ẽ_i = (I − w_i J_i B⁻¹ J_iᵀ)^(−½) e_i
// The meat is a sum over slices, so it has rank at most the number of slices: with no more slices
// than fitted parameters it cannot estimate the noise in every direction, and no uncertainty is
// reported (the fit is exactly determined as far as the scatter between slices can tell).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <vector>

#include "fit/circles/work_set.hpp"
#include "model/result.hpp"

namespace spherefit {

// Covariance of (x0, y0, z0, R) in working units; with radius_fixed the R row and column are zero.
// Empty when there are no more slices than parameters, or B is singular.
std::optional<Eigen::Matrix4d> estimate_covariance(const std::vector<WorkCircle>& circles,
                                                   const std::vector<std::uint8_t>& use, const Sphere& sphere,
                                                   bool radius_fixed);

// The working covariance in user units (lengths × scale): standard uncertainties, the covariance
// when its entries fit in a double, and the centre's 95 % confidence ellipsoid.
Uncertainty describe_uncertainty(const Eigen::Matrix4d& working_covariance, double scale);

// 95 % quantile of χ² with 3 degrees of freedom: the confidence ellipsoid of a 3D centre.
inline constexpr double kChiSquare3Dof95 = 7.814727903251178;

}  // namespace spherefit
