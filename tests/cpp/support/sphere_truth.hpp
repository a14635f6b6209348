// Independent truth for the multi-sphere search: the geometric least-squares sphere of a set of
// points by full Newton in long double (tests/cpp/support/reference_point_fit.hpp, no code shared with
// the product), its standard uncertainty from σ̂²(JᵀJ)⁻¹, and the matching of found spheres to
// true ones.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "fit/spheres/find_spheres.hpp"
#include "support/scene_files.hpp"

namespace spherefit::testing {

struct IndependentFit {
  Eigen::Vector3d centre = Eigen::Vector3d::Zero();
  double radius = 0.0;
  Eigen::Vector3d centre_u = Eigen::Vector3d::Zero();  // standard uncertainty per axis
  double radius_u = 0.0;
  double rms = 0.0;
};

// Minimises Σ(|p − c| − R)² from `start` (with the radius held when radius_fixed).
IndependentFit independent_fit(const std::vector<Eigen::Vector3d>& points, const Eigen::Vector3d& start_centre,
                               double start_radius, bool radius_fixed = false);

// found[k] ↔ truth[match[k]] when the centres are within half the true radius (nearest first,
// each true sphere once); −1: spurious.
std::vector<int> match_spheres(const std::vector<FoundSphere>& found, const std::vector<TrueSphere>& truth);

// |found ∩ truth| / |truth| and |found ∩ truth| / |found| (both ascending lists).
double recall(const std::vector<std::uint32_t>& found, const std::vector<std::uint32_t>& truth);
double precision(const std::vector<std::uint32_t>& found, const std::vector<std::uint32_t>& truth);

}  // namespace spherefit::testing
