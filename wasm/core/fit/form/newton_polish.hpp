// The last digits of a Chebyshev fit. Sequential linear programming converges quadratically when
// the optimum is a vertex (as many independent contacts as unknowns plus one, e.g. 3 outer + 2
// inner for the zone), but where fewer contacts hold it — a circumscribed sphere on two or three
// points, slices whose largest circle alone sets the sphere — the objective is flat to first order
// along some direction, and a centre good to the objective's last digit is only good to its square
// root. Newton's method on the optimality conditions of the contacts restores the rest:
//   Σ μᵢ∇fᵢ(c) − Σ νⱼ∇fⱼ(c) = 0,   Σμ = 1,  Σν = 1,   fᵢ(c) = u (outer),  fⱼ(c) = l (inner),
// square in (c, u, l, μ, ν), with the Hessians of the rows' distances (ZoneData::model_row) in the
// Jacobian. It converges quadratically wherever the contacts are the right ones and the
// second-order conditions hold; where the optimal centres form a set (the system is singular) the
// least-norm steps land on it. The caller keeps the answer only if an exact re-measurement and a
// fresh certificate confirm it.
#pragma once

#include <optional>
#include <vector>

#include "fit/form/chebyshev.hpp"
#include "fit/form/zone_data.hpp"

namespace spherefit {

// From center and the contacts (with their multipliers) of a converged fit: the centre that solves
// the contacts' optimality conditions, or nothing when Newton's method does not settle (a
// multiplier turning negative, no convergence in eight steps).
std::optional<Eigen::Vector3d> polish_center(const ZoneData& data, FitType fit_type, const Eigen::Vector3d& center,
                                             const std::vector<ZoneContact>& contacts, double length_scale);

}  // namespace spherefit
