// Whether a Chebyshev fit's optimum is isolated — the `unique` of FormResult. First order: the
// rows at the extreme distances must leave no direction in which the objective stays put; where
// one does, second order: the contacts' Lagrangian must curve upwards along every such direction
// (second-order sufficiency: Nocedal and Wright, Numerical Optimization, ch. 12).
#pragma once

#include <vector>

#include "fit/form/chebyshev.hpp"
#include "fit/form/zone_data.hpp"
#include "model/options.hpp"

namespace spherefit {

// Whether the optimum is isolated: true when the objective grows at first order in every
// direction (the rows at the extreme distances, within 10⁻⁹ of the radius, leave no direction in
// which all of them — zone — or each of them — inscribed — keep their distance: six small linear
// programs), or, where some direction is flat, when the Lagrangian's Hessian Σμ∇²fᵢ − Σν∇²fⱼ of the
// contacts is positive definite on the flat directions (second-order sufficiency; eigenvalues
// above 10⁻⁸ of the curvature 1/length_scale). Always true for the circumscribed sphere, the
// minimiser of a strictly convex function.
bool zone_is_unique(const ZoneData& data, FitType fit_type, const Eigen::Vector3d& center,
                    const std::vector<ZoneContact>& contacts, double length_scale);

}  // namespace spherefit
