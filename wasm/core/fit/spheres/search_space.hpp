// What the stages of the multi-sphere search share: the points in working units, their Morton
// index, who owns each point, and the limits and tolerances in working units. Per-point state is
// columns over the sorted positions, never objects.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "fit/points/point_set.hpp"
#include "fit/sphere.hpp"
#include "fit/spheres/find_spheres.hpp"
#include "fit/spheres/morton_index.hpp"
#include "fit/spheres/patch_components.hpp"
#include "fit/spheres/sphere_checks.hpp"

namespace spherefit {

struct SearchLimits {
  std::optional<double> known_radius;  // working units
  double min_radius = 0.0;
  double max_radius = INFINITY;
  double largest_useful = INFINITY;  // no larger sphere can show the minimum cap inside the data
  // The same in user units, as given: a held or known radius is returned exactly as the caller
  // wrote it (working units lose the last bit on the way back).
  std::optional<double> user_known;
  double user_min = 0.0, user_max = INFINITY;
};

struct SearchSpace {
  const PointSet* set = nullptr;
  MortonIndex index;
  std::vector<std::int32_t> owner;     // per sorted position: the accepted sphere holding it, or −1
  std::vector<std::uint8_t> rejected;  // per sorted position: an inlier of a rejected candidate
  SearchLimits limits;
  SphereSearchSettings settings;
  double min_cap_angle_deg = 60.0;
  std::size_t min_points = 30;
};

// A sphere the search accepted (working units), with what the final assignment needs.
struct AcceptedSphere {
  Sphere sphere;
  double band = 0.0;          // inlier band half-width
  double noise = 0.0;         // local surface noise
  bool radius_fixed = false;  // known radius, or held at a limit
  bool at_limit = false;
  Component inliers;  // sorted positions and their connected cells
};

}  // namespace spherefit
