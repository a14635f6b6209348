// Standard uncertainties of a fitted sphere, spheroid or ellipsoid's parameters (working units),
// as report/point_uncertainty.hpp gives them for the sphere, for any number K of parameters:
//
// A plain cloud (independent point noise): Cov = s² (JᵀJ)⁻¹, s² = Σ d_i²/(n − K).
//
// Slice contours (points carry slice ids): the points of one slice share its errors, so the
// cluster-robust sandwich with slices as clusters and the Bell–McCaffrey (CR2) correction,
//   Cov = B⁻¹ (Σ_c s_c s_cᵀ) B⁻¹,  B = Σ_c G_c,  G_c = J_cᵀJ_c,  g_c = J_cᵀd_c,
//   s_c = B^½ (I − B^(−½) G_c B^(−½))^(−½) B^(−½) g_c,
// from each slice's K×K G_c and g_c in one pass (Bell & McCaffrey, Survey Methodology 28, 2002;
// Pustejovsky & Tipton, JBES 36, 2018). Computed in parameters scaled to unit diagonal of JᵀJ, to
// which both forms are invariant. Only the first `moving` parameters are estimated (the others'
// rows and columns are zero). Empty when nothing is left over to estimate the noise (no more
// points, or slices, than moving parameters) or JᵀJ is singular to working precision.
#pragma once

#include <Eigen/Core>
#include <optional>

#include "fit/ellipsoid/quadric_refine.hpp"

namespace spherefit {

template <class Model>
std::optional<Eigen::Matrix<double, Model::kParameters, Model::kParameters>> estimate_quadric_covariance(
    const PointSet& set, const Model& model, const QuadricRefinement<Model::kParameters>& fit, int moving);

// The information JᵀJ of the first `moving` parameters is singular to working precision (its
// smallest eigenvalue, scaled to unit diagonal, below 1e-14 of the largest).
template <int K>
bool information_singular(const Eigen::Matrix<double, K, K>& gauss_newton, int moving);

}  // namespace spherefit
