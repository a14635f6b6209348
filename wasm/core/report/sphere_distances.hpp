// Distances between the centres of several spheres, with standard uncertainties propagated from
// each fit's covariance. The fits are independent (each of its own points), so the variance of
// d = ‖ca − cb‖ is uᵀ(Σa + Σb)u to first order, u = (ca − cb)/d (GUM 5.1.2; the distance is
// differentiable wherever d > 0, and its gradient with respect to ca is u).
#pragma once

#include <vector>

#include "model/result.hpp"

namespace spherefit {

// Between the spheres only (a label that is not spherical, or failed, is skipped): every pair (i < j), or each sphere's
// nearest neighbour (each pair once, ordered by the first sphere); Auto means every pair up to kAllPairsUpTo spheres.
// `all_pairs` says which was done.
std::vector<SphereDistance> measure_distances(const std::vector<SphereEntry>& spheres, DistancePairs pairs,
                                              bool& all_pairs);

}  // namespace spherefit
