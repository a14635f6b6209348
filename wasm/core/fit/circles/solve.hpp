// The least-squares sphere of a chosen set of slices: checks that they determine one, starts from
// the linear estimate and refines. Shared by the plain fit and by each round of the robust fit.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "fit/circles/refine.hpp"
#include "fit/circles/work_set.hpp"

namespace spherefit {

// fixed_radius is in working units. Errors: TooFewSlices, AllSlicesCoplanar, MirrorAmbiguity
// (known radius, one plane: the message gives both centres), Underdetermined, NumericalFailure.
Outcome<Refinement> solve_sphere(const WorkSet& set, const std::vector<std::uint8_t>& use,
                                 std::optional<double> fixed_radius, int max_iterations);

}  // namespace spherefit
