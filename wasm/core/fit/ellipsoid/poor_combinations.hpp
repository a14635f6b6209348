// Which combinations of a fitted surface's parameters the points determine poorly, in words.
//
// The combinations are named in nine lengths with the same meaning at every shape: the centre
// along each axis, and the shape matrix A in the axes' frame (its diagonal the semi-axes, its
// off-diagonal the axes' orientation counted as the displacement it makes; shape_parameters.hpp).
// Only the non-redundant ones for the shape: a sphere's radius once, a spheroid's equatorial
// semi-axis once and its axis's two tilts. With G the change of those lengths per parameter,
// n·G(JᵀJ)⁻¹Gᵀ is each combination's variance over σ²/n from the geometry alone (1 for a sphere's
// radius from points all round, 3 for its centre), the same for any noise or point count; its
// eigenvectors whose square-root eigenvalue exceeds kPoorInflation are reported, largest first,
// with their standard uncertainty from the fit's covariance. See docs/ellipsoid.md §4.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "fit/ellipsoid/ellipsoid_fit.hpp"
#include "fit/ellipsoid/shape_parameters.hpp"

namespace spherefit {

// frame_jacobian: the 9×K "frame" rows of shape_jacobians; geometric: n (JᵀJ)⁻¹ (K×K, held
// parameters zero); covariance: the parameters' (K×K, working units), or empty; scale: user
// units per working unit.
std::vector<PoorCombination> poor_combinations(Shape shape, const ShapeFrame& frame,
                                               const Eigen::MatrixXd& frame_jacobian, const Eigen::MatrixXd& geometric,
                                               const Eigen::MatrixXd& covariance, double scale);

// The combination of parameters `direction` (K) moves, in words: "the polar semi-axis and the
// centre along the axis".
std::string free_combination(Shape shape, const ShapeFrame& frame, const Eigen::MatrixXd& frame_jacobian,
                             const Eigen::VectorXd& direction);

// " (axes 1 (0, 0, 1), 2 (…), 3 (…))"; empty for a sphere.
std::string axes_text(Shape shape, const ShapeFrame& frame);

// The ShapePoorlyDetermined warning listing them.
Warning poorly_determined_warning(Shape shape, const ShapeFrame& frame, const std::vector<PoorCombination>& poor,
                                  const std::string& units);

}  // namespace spherefit
