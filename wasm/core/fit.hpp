// The least-squares sphere of slice circles: the product's contract.
//
// Minimises over the centre p and radius R
//   F(p, R) = Σ_i w_i (1/2π) ∮ (|q_i(θ) − p| − R)² dθ,  q_i(θ) = c_i + r_i(cos θ u_i + sin θ v_i),
// the least-squares sphere of the circles as 3D curves (the same as fitting every point of every
// circle). r_i = 0 is a valid slice (a tangent point). See refine.hpp for the method and
// uncertainty.hpp for the standard uncertainties.
#pragma once

#include "slices.hpp"
#include "status.hpp"

namespace spherefit {

// Never throws and never returns a non-finite number: bad data and degenerate geometry come back
// as an Error (TooFewSlices, AllSlicesCoplanar, NonFiniteValue, NegativeRadius, ZeroNormal,
// InvalidWeights, InvalidOption, MirrorAmbiguity, Underdetermined, NumericalFailure).
Outcome<SphereFit> fit_sphere(const SliceColumnsView& slices, const FitOptions& options = {});

}  // namespace spherefit
