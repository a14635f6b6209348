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

void WorstKept::offer(long index, double key) {
  const double badness = sign_ * key;
  const auto milder = [](const std::pair<double, long>& a, const std::pair<double, long>& b) { return a.first > b.first; };
  if (heap_.size() < limit_) {
    heap_.emplace_back(badness, index);
    std::push_heap(heap_.begin(), heap_.end(), milder);
  } else if (badness > heap_.front().first) {
    std::pop_heap(heap_.begin(), heap_.end(), milder);
    heap_.back() = {badness, index};
    std::push_heap(heap_.begin(), heap_.end(), milder);
  }
}

std::vector<long> WorstKept::take() {
  std::sort(heap_.begin(), heap_.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<long> out;
  out.reserve(heap_.size());
  for (const auto& entry : heap_) out.push_back(entry.second);
  heap_.clear();
  return out;
}

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
