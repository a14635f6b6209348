#include "fit/form/point_zone.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "fit/form/worst_kept.hpp"

namespace spherefit {

PointZone::PointZone(std::vector<Eigen::Vector3d> points) : points_(std::move(points)) {
  for (const Eigen::Vector3d& p : points_) extent_ = std::max(extent_, p.norm());
}

ZoneScan PointZone::scan(const Eigen::Vector3d& center, double outer_bound, double inner_bound, int limit,
                         ZoneSides sides) const {
  // Offending means beyond the bound; a negative outer bound lets every point offend, a
  // non-positive inner bound none. Compared squared, so the pass takes no square roots.
  const double outer_sq = outer_bound < 0.0 ? -1.0 : outer_bound * outer_bound;
  const double inner_sq = inner_bound > 0.0 ? inner_bound * inner_bound : -1.0;
  WorstKept outer_rows(limit, true), inner_rows(limit, false);
  double far = -1.0;
  double near = std::numeric_limits<double>::infinity();
  long far_index = 0;
  long near_index = 0;
  for (std::size_t i = 0; i < points_.size(); ++i) {
    const double d2 = (points_[i] - center).squaredNorm();
    const long index = static_cast<long>(i);
    if (d2 > far) {
      far = d2;
      far_index = index;
    }
    if (d2 < near) {
      near = d2;
      near_index = index;
    }
    if (sides.outer && d2 > outer_sq) outer_rows.offer(index, d2);
    if (sides.inner && d2 < inner_sq) inner_rows.offer(index, d2);
  }
  ZoneScan out;
  out.outer = std::sqrt(far);
  out.inner = std::sqrt(near);
  const auto emit = [&](WorstKept& kept, int side, long extreme) {
    std::vector<long> rows = kept.take();
    if (rows.empty()) rows.push_back(extreme);  // the extreme comes back, offending or not
    for (long i : rows) out.rows.push_back({i, side, points_[static_cast<std::size_t>(i)]});
  };
  if (sides.outer) emit(outer_rows, +1, far_index);
  if (sides.inner) emit(inner_rows, -1, near_index);
  return out;
}

ZoneRow PointZone::support(const Eigen::Vector3d& direction) const {
  long best = 0;
  double best_value = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < points_.size(); ++i) {
    const double v = points_[i].dot(direction);
    if (v > best_value) {
      best_value = v;
      best = static_cast<long>(i);
    }
  }
  return {best, 0, points_[static_cast<std::size_t>(best)]};
}

}  // namespace spherefit
