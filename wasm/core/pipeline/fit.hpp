// The least-squares sphere of slice circles or of points: the product's contract.
//
// Minimises over the centre p and radius R
//   F(p, R) = Σ_i w_i (1/2π) ∮ (|q_i(θ) − p| − R)² dθ,  q_i(θ) = c_i + r_i(cos θ u_i + sin θ v_i),
// the least-squares sphere of the circles as 3D curves (the same as fitting every point of every
// circle). r_i = 0 is a valid slice (a tangent point). See fit/circles/refine.hpp for the method and
// report/uncertainty.hpp for the standard uncertainties.
#pragma once

#include "model/options.hpp"
#include "model/points.hpp"
#include "model/result.hpp"
#include "model/slices.hpp"
#include "model/status.hpp"

namespace spherefit {

// Never returns a non-finite number: bad data and degenerate geometry come back as an Error
// (TooFewSlices, AllSlicesCoplanar, NonFiniteValue, NegativeRadius, ZeroNormal, InvalidWeights,
// InvalidOption, MirrorAmbiguity, Underdetermined, NumericalFailure).
Outcome<SphereFit> fit_sphere(const SliceColumnsView& slices, const FitOptions& options = {});

// The geometric least-squares sphere of points, minimising Σ (|p_i − c| − R)² (fit/points/point_refine.hpp);
// with slice ids the points are contours and the uncertainty clusters by slice
// (report/point_uncertainty.hpp). Errors: TooFewPoints, PointsCoplanar, PointsCollinear,
// NonFiniteValue, InvalidColumns, InvalidOption, MirrorAmbiguity, NumericalFailure.
Outcome<SphereFit> fit_sphere(const PointColumnsView& points, const FitOptions& options = {});

}  // namespace spherefit
