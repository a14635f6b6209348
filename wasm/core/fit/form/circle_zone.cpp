#include "fit/form/circle_zone.hpp"

#include <cmath>
#include <limits>

#include "fit/form/worst_kept.hpp"

namespace spherefit {
namespace {

// A circle whose in-plane offset from the centre's projection is below this fraction of its radius
// is near its kink: its rows come in threes.
constexpr double kNearAxis = 0.1;
// Below this fraction of the radius the offset b is rounding and the circle's distance a cone.
constexpr double kOnAxis = 1e-6;
constexpr double kThird = 2.0943951023931954923;  // 2π/3

}  // namespace

CircleZone::CircleZone(std::vector<WorkCircle> circles) : circles_(std::move(circles)) {
  for (const WorkCircle& c : circles_) extent_ = std::max(extent_, c.center.norm() + c.radius);
}

ZoneScan CircleZone::scan(const Eigen::Vector3d& center, double outer_bound, double inner_bound, int limit,
                          ZoneSides sides) const {
  const std::size_t n = circles_.size();
  extremes_.resize(n);
  WorstKept outer_rows(limit, true), inner_rows(limit, false);
  double far = -1.0;
  double near = std::numeric_limits<double>::infinity();
  long far_index = 0;
  long near_index = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const WorkCircle& c = circles_[i];
    const CircleExtremes& x = extremes_[i] = circle_extremes(c.center, c.normal, c.radius, c.u, center);
    const long index = static_cast<long>(i);
    if (x.far > far) {
      far = x.far;
      far_index = index;
    }
    if (x.near < near) {
      near = x.near;
      near_index = index;
    }
    if (sides.outer && x.far > outer_bound) outer_rows.offer(index, x.far);
    if (sides.inner && x.near < inner_bound) inner_rows.offer(index, x.near);
  }
  ZoneScan out;
  out.outer = far;
  out.inner = near;
  const auto emit = [&](WorstKept& kept, int side, long extreme) {
    std::vector<long> rows = kept.take();
    if (rows.empty()) rows.push_back(extreme);  // the extreme comes back, offending or not
    for (long i : rows) {
      const WorkCircle& c = circles_[static_cast<std::size_t>(i)];
      const CircleExtremes& x = extremes_[static_cast<std::size_t>(i)];
      const Eigen::Vector3d toward = side > 0 ? x.direction : Eigen::Vector3d(-x.direction);
      out.rows.push_back({i, side, circle_point(c.center, c.normal, c.radius, toward, 0.0)});
      if (c.radius > 0.0 && x.offset < kNearAxis * c.radius) {
        out.rows.push_back({i, side, circle_point(c.center, c.normal, c.radius, toward, kThird)});
        out.rows.push_back({i, side, circle_point(c.center, c.normal, c.radius, toward, -kThird)});
      }
    }
  };
  if (sides.outer) emit(outer_rows, +1, far_index);
  if (sides.inner) emit(inner_rows, -1, near_index);
  return out;
}

RowModel CircleZone::model_row(const ZoneRow& row, const Eigen::Vector3d& center) const {
  const WorkCircle& c = circles_[static_cast<std::size_t>(row.index)];
  const CircleExtremes x = circle_extremes(c.center, c.normal, c.radius, c.u, center);
  // Only where the centre sits on the axis to within rounding is a row the fixed point it is; a small
  // but real offset is still a smooth (if sharply curved) distance.
  if (!(c.radius > 0.0) || x.offset < kOnAxis * c.radius) return point_model(row.point, center);
  const double sign = row.side > 0 ? 1.0 : -1.0;
  const Eigen::Vector3d extreme = c.center + sign * c.radius * x.direction;
  RowModel m;
  m.value = row.side > 0 ? x.far : x.near;
  if (!(m.value > 0.0)) return point_model(row.point, center);
  const Eigen::Vector3d n = (extreme - center) / m.value;
  const Eigen::Matrix3d plane = Eigen::Matrix3d::Identity() - c.normal * c.normal.transpose();
  const Eigen::Matrix3d bend = (plane - x.direction * x.direction.transpose()) * (c.radius / x.offset);
  m.gradient = -n;
  m.hessian = (Eigen::Matrix3d::Identity() + sign * bend - n * n.transpose()) / m.value;
  m.whole_circle = true;
  return m;
}

ZoneRow CircleZone::support(const Eigen::Vector3d& direction) const {
  // Over one circle q·v peaks at k·v + r|v∥|, at q = k + r v∥/|v∥| (v∥: v projected on the plane).
  long best = 0;
  double best_value = -std::numeric_limits<double>::infinity();
  Eigen::Vector3d best_point = Eigen::Vector3d::Zero();
  for (std::size_t i = 0; i < circles_.size(); ++i) {
    const WorkCircle& c = circles_[i];
    const Eigen::Vector3d along = direction - c.normal.dot(direction) * c.normal;
    const double length = along.norm();
    const double value = c.center.dot(direction) + c.radius * length;
    if (value > best_value) {
      best_value = value;
      best = static_cast<long>(i);
      best_point =
          c.center + (length > 0.0 ? Eigen::Vector3d(c.radius / length * along) : Eigen::Vector3d(c.radius * c.u));
    }
  }
  return {best, 0, best_point};
}

}  // namespace spherefit
