#include "fit/form/point_zone.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace spherefit {

RowModel point_model(const Eigen::Vector3d& q, const Eigen::Vector3d& c) {
  const Eigen::Vector3d e = q - c;
  RowModel m;
  m.value = e.norm();
  if (!(m.value > 0.0)) return m;
  const Eigen::Vector3d n = e / m.value;
  m.gradient = -n;
  m.hessian = (Eigen::Matrix3d::Identity() - n * n.transpose()) / m.value;
  return m;
}

void keep_worst(std::vector<long>& candidates, const std::vector<double>& key, int limit, bool largest) {
  const auto worse = [&](long a, long b) { return largest ? key[a] > key[b] : key[a] < key[b]; };
  const std::size_t keep = static_cast<std::size_t>(std::max(limit, 1));
  if (candidates.size() > keep) {
    std::nth_element(candidates.begin(), candidates.begin() + static_cast<long>(keep) - 1, candidates.end(), worse);
    candidates.resize(keep);
  }
  std::sort(candidates.begin(), candidates.end(), worse);
}

PointZone::PointZone(std::vector<Eigen::Vector3d> points) : points_(std::move(points)) {
  for (const Eigen::Vector3d& p : points_) extent_ = std::max(extent_, p.norm());
}

ZoneScan PointZone::scan(const Eigen::Vector3d& center, double outer_bound, double inner_bound, int limit,
                         ZoneSides sides) const {
  const std::size_t n = points_.size();
  squared_.resize(n);
  double far = -1.0;
  double near = std::numeric_limits<double>::infinity();
  long far_index = 0;
  long near_index = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d2 = (points_[i] - center).squaredNorm();
    squared_[i] = d2;
    if (d2 > far) {
      far = d2;
      far_index = static_cast<long>(i);
    }
    if (d2 < near) {
      near = d2;
      near_index = static_cast<long>(i);
    }
  }
  ZoneScan out;
  out.outer = std::sqrt(far);
  out.inner = std::sqrt(near);

  const auto collect = [&](int side, long extreme) {
    candidates_.clear();
    const double bound = side > 0 ? outer_bound : inner_bound;
    const double bound_sq = bound * bound;
    for (std::size_t i = 0; i < n; ++i) {
      const bool offends = side > 0 ? (bound < 0.0 || squared_[i] > bound_sq) : (bound > 0.0 && squared_[i] < bound_sq);
      if (offends) candidates_.push_back(static_cast<long>(i));
    }
    if (candidates_.empty()) candidates_.push_back(extreme);
    keep_worst(candidates_, squared_, limit, side > 0);
    for (long i : candidates_) out.rows.push_back({i, side, points_[static_cast<std::size_t>(i)]});
  };
  if (sides.outer) collect(+1, far_index);
  if (sides.inner) collect(-1, near_index);
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
