// The spatial index of the multi-sphere search: every point's Morton code (Morton 1966; the
// "linear octree" of Gargantini 1982), the points sorted by it, and their working coordinates in
// that order. A cell of the octree at level L (side = cube side / 2^L) is then one contiguous run
// of the sorted codes, found by two binary searches: neighbourhoods, the shell of a sphere and the
// octree cells of Schnabel et al.'s localized sampling all become a few range look-ups, with no
// tree of nodes. Codes interleave 21 bits per axis (63 bits); the sort is an LSD radix sort.
// Memory: 8 (code) + 4 (input index) + 12 (float coordinates) bytes per point, in columns, and a
// 1 MiB directory of the level-6 cells that shortens every binary search.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "fit/points/point_set.hpp"

namespace spherefit {

struct MortonIndex {
  static constexpr int kLevels = 21;  // per-axis bits; levels 0 (one cell) … 21 (finest)

  Eigen::Vector3d corner = Eigen::Vector3d::Zero();  // working units: the cube's lowest corner
  double side = 1.0;                                 // the cube's side, working units
  std::vector<std::uint64_t> codes;                  // ascending
  std::vector<std::uint32_t> order;                  // order[k]: input index of the k-th point by code
  std::vector<float> x, y, z;                        // working coordinates, in code order
  std::array<std::size_t, kLevels + 1> occupied{};   // occupied cells at each level
  // directory[c]: the first sorted position in cell c of level kDirectoryLevel (2^18 + 1 entries),
  // so that a cell's binary searches run within its coarse cell only.
  static constexpr int kDirectoryLevel = 6;
  std::vector<std::uint32_t> directory;

  std::size_t size() const { return codes.size(); }
  Eigen::Vector3d at(std::size_t k) const { return {x[k], y[k], z[k]}; }
  double cell_size(int level) const { return side / static_cast<double>(std::uint64_t{1} << level); }
  // The finest level whose cells are at least `size` wide (level 0 when none is).
  int level_for(double size) const;
  // The cell of level `level` holding working point q (clamped to the cube).
  Eigen::Vector3i cell_of(const Eigen::Vector3d& q, int level) const;
  // Sorted positions [first, second) of the points in cell (i, j, k) of `level`; empty outside.
  std::pair<std::uint32_t, std::uint32_t> range(int level, int i, int j, int k) const;
  // The cell id of sorted position p at `level` (its code's leading 3·level bits).
  std::uint64_t cell_id(std::size_t p, int level) const { return codes[p] >> (3 * (kLevels - level)); }
};

// Bit interleaving of three 21-bit cell coordinates, and its inverse.
std::uint64_t interleave3(std::uint32_t i, std::uint32_t j, std::uint32_t k);
Eigen::Vector3i deinterleave3(std::uint64_t code);

// Codes, sort and occupancy of every level in three passes over the points (O(n)).
MortonIndex build_morton_index(const PointSet& set);

}  // namespace spherefit
