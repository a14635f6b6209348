// Slice circles as the Chebyshev solver sees them: a semi-infinite set of points. A scan measures
// each circle whole with the closed form of circle_extremes.hpp and offers its farthest and nearest
// points as rows; a circle whose axis passes near the centre (b < r/10) offers two more points, 120°
// either side, so that the linear model sees the cone-shaped kink of its distance at b = 0.
// Away from the axis a row models its circle's whole extreme distance, F = √(a² + (b ± r)²), with
// ∇F = −n (n towards the extreme point) and ∇²F = (I ± r(P − ttᵀ)/b − nnᵀ)/F, where P = I − wwᵀ and
// t is the unit in-plane direction of the offset: on the axis (b < 10⁻⁶ r) r/b explodes, so there
// a row stays the fixed point it is.
#pragma once

#include <vector>

#include "fit/circles/circle_distance.hpp"
#include "fit/form/circle_extremes.hpp"
#include "fit/form/zone_data.hpp"

namespace spherefit {

class CircleZone final : public ZoneData {
 public:
  // circles: in working coordinates, index i being the user's slice i.
  explicit CircleZone(std::vector<WorkCircle> circles);

  ZoneScan scan(const Eigen::Vector3d& center, double outer_bound, double inner_bound, int limit,
                ZoneSides sides) const override;
  ZoneRow support(const Eigen::Vector3d& direction) const override;
  RowModel model_row(const ZoneRow& row, const Eigen::Vector3d& center) const override;
  double extent() const override { return extent_; }

 private:
  std::vector<WorkCircle> circles_;
  double extent_ = 0.0;
  mutable std::vector<CircleExtremes> extremes_;  // scratch for scan
};

}  // namespace spherefit
