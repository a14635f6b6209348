// A refined sphere, spheroid or ellipsoid described in the user's units: centre, semi-axes
// (descending) and axes, their standard uncertainties and covariances carried over from the
// model's parameters (fit/ellipsoid/shape_parameters.hpp), which axis directions the data define,
// which combinations they determine poorly, the residuals, and the warnings in words.
//
// Poorly determined: the eigen-decomposition of n·G (JᵀJ)⁻¹ Gᵀ with G the change of the nine
// lengths "centre along each axis, A in the axes' frame" (shape_parameters.hpp): the variance of
// each combination over σ²/n from the geometry alone, independent of the noise and of the point
// count. A combination whose square root exceeds kPoorInflation is named with its standard
// uncertainty. The same decomposition names the free combination when JᵀJ is singular.
#pragma once

#include "fit/ellipsoid/ellipsoid_fit.hpp"
#include "fit/ellipsoid/quadric_refine.hpp"

namespace spherefit {

// Errors: Underdetermined (JᵀJ singular: the message names the free combination).
template <class Model>
Outcome<EllipsoidFit> describe_quadric_fit(const PointSet& set, const Model& model,
                                           const QuadricRefinement<Model::kParameters>& fit, int moving, Shape shape,
                                           const EllipsoidOptions& options);

}  // namespace spherefit
