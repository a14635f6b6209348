// Schnabel, Wahl & Klein's connectivity condition (2007, §4.4): a shape's inliers must form one
// connected patch, not points scattered over several surfaces that happen to cross its shell
// (a large sphere grazing five balls of a plate, a shell cutting a wall in a ring and a ball). They
// rasterise the shape's parameter domain; for a sphere the same is done in space: the inliers'
// octree cells at a level about twice the point spacing, two cells connected when they touch
// (26-neighbourhood), components by union–find, and the component with the most points kept.
#pragma once

#include <cstdint>
#include <vector>

#include "fit/spheres/morton_index.hpp"

namespace spherefit {

struct Component {
  std::vector<std::uint32_t> positions;  // the kept points (sorted positions), in the input order
  std::vector<std::uint64_t> cells;      // their cell ids at `level`, ascending, unique
  int level = 0;
};

// Keeps the largest connected component of `positions` (ties: the one holding the lowest cell id).
Component largest_component(const MortonIndex& index, const std::vector<std::uint32_t>& positions, int level);

// The component's cells and every cell touching one (ascending, unique): where points that the
// component's sphere may still claim can lie.
std::vector<std::uint64_t> dilated_cells(const Component& component);

}  // namespace spherefit
