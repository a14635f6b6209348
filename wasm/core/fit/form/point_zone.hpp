// Measured points as the Chebyshev solver sees them: each point is a row of both sides, and its
// distance from a centre is just |p − c|.
#pragma once

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

}  // namespace spherefit
