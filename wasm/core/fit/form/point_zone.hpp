// Measured points as the Chebyshev solver sees them: each point is a row of both sides, and its
// distance from a centre is just |p − c|.
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

#include "fit/form/zone_data.hpp"

namespace spherefit {

class PointZone final : public ZoneData {
 public:
  // points: in working coordinates, index i being the user's point i.
  explicit PointZone(std::vector<Eigen::Vector3d> points);

  ZoneScan scan(const Eigen::Vector3d& center, double outer_bound, double inner_bound, int limit,
                ZoneSides sides) const override;
  ZoneRow support(const Eigen::Vector3d& direction) const override;
  RowModel model_row(const ZoneRow& row, const Eigen::Vector3d& center) const override {
    return point_model(row.point, center);
  }
  double extent() const override { return extent_; }

  const std::vector<Eigen::Vector3d>& points() const { return points_; }

 private:
  std::vector<Eigen::Vector3d> points_;
  double extent_ = 0.0;
};

// The `limit` worst of a stream of candidates (largest key, or smallest), kept in a small heap as
// they come, so a scan of 10⁵ observations costs one pass. Shared by the point and circle scans.
class WorstKept {
 public:
  WorstKept(int limit, bool largest) : limit_(static_cast<std::size_t>(std::max(limit, 1))), sign_(largest ? 1.0 : -1.0) {}
  void offer(long index, double key);
  std::vector<long> take();  // worst first

 private:
  std::size_t limit_;
  double sign_;
  std::vector<std::pair<double, long>> heap_;  // min-heap on sign·key: the front is the mildest kept
};

}  // namespace spherefit
