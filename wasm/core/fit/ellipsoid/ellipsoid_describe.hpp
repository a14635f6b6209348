// A refined sphere, spheroid or ellipsoid described in the user's units: centre, semi-axes
// (descending) and axes, their standard uncertainties and covariances carried over from the
// model's parameters (fit/ellipsoid/shape_parameters.hpp), which axis directions the data define,
// which combinations they determine poorly, the residuals, and the warnings in words.
// The poorly determined combinations are found and named by fit/ellipsoid/poor_combinations.hpp;
// a semi-axis within 3 standard uncertainties of another leaves the axes in their plane without a
// direction (axis_std_error absent, warning AxesUndefined). docs/ellipsoid.md §4.
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
