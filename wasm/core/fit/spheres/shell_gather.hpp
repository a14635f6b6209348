// The points near a sphere's surface, found through the Morton index: the octree cells of a level
// about a third of the radius that the shell R − b ≤ |q − c| ≤ R + b crosses (a cell is skipped
// when its nearest point is beyond R + b or its farthest within R − b from the centre), each one
// run of sorted positions. Cost: the points of the cells the shell crosses, not of the cloud.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "fit/sphere.hpp"
#include "fit/spheres/morton_index.hpp"

namespace spherefit {

// Calls visit(position, signed distance |q − c| − R) for every sorted position within `band` of
// the sphere's surface (working units), in code order within each cell.
template <class Visit>
void visit_shell(const MortonIndex& index, const Sphere& sphere, double band, Visit&& visit) {
  const double outer = sphere.radius + band, inner = std::max(0.0, sphere.radius - band);
  const int level = std::max(0, index.level_for(std::max(outer / 3.0, band)));
  const double size = index.cell_size(level);
  const Eigen::Vector3i low = index.cell_of(sphere.center - Eigen::Vector3d::Constant(outer), level);
  const Eigen::Vector3i high = index.cell_of(sphere.center + Eigen::Vector3d::Constant(outer), level);
  const double outer2 = outer * outer, inner2 = inner * inner;
  for (int i = low.x(); i <= high.x(); ++i)
    for (int j = low.y(); j <= high.y(); ++j)
      for (int k = low.z(); k <= high.z(); ++k) {
        const Eigen::Vector3d box_low = index.corner + size * Eigen::Vector3d(i, j, k);
        const Eigen::Vector3d box_high = box_low + Eigen::Vector3d::Constant(size);
        const Eigen::Vector3d nearest = sphere.center.cwiseMax(box_low).cwiseMin(box_high) - sphere.center;
        const Eigen::Vector3d farthest =
            (sphere.center - box_low).cwiseAbs().cwiseMax((sphere.center - box_high).cwiseAbs());
        if (nearest.squaredNorm() > outer2 || farthest.squaredNorm() < inner2) continue;
        const auto [first, last] = index.range(level, i, j, k);
        for (std::size_t p = first; p < last; ++p) {
          const Eigen::Vector3d d = index.at(p) - sphere.center;
          const double d2 = d.squaredNorm();
          if (d2 > outer2 || d2 < inner2) continue;
          visit(p, std::sqrt(d2) - sphere.radius);
        }
      }
}

}  // namespace spherefit
