// What the Chebyshev solver needs to know about the observations, whether they are points or slice
// circles (each circle a continuum of points): the farthest and nearest distance from a centre over
// all of them, exactly, and the worst offenders as fixed points the solver can linearise.
// Everything is in working coordinates (centred on the data and scaled to unit size).
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <vector>

namespace spherefit {

// One observed point the zone must hold: a measured point, or a point on a slice circle.
// side +1: a candidate for the outer sphere (it bounds the radius from below, d ≤ outer);
// side −1: for the inner sphere (inner ≤ d).
struct ZoneRow {
  long index = -1;  // the point, or the slice whose circle it lies on
  int side = 0;
  Eigen::Vector3d point = Eigen::Vector3d::Zero();
};

// The exact extremes about one centre and the rows that offend a proposed zone.
struct ZoneScan {
  double outer = 0.0;  // the largest distance from the centre to any observation
  double inner = 0.0;  // the smallest
  std::vector<ZoneRow> rows;
};

// Which spheres a fit bounds: the outer (circumscribed), the inner (inscribed) or both (zone).
struct ZoneSides {
  bool outer = true;
  bool inner = true;
};

// The distance a row stands for, as a smooth function of the centre near c: the distance of a
// fixed point, or — for a circle's extreme point away from the circle's axis — the circle's
// farthest (nearest) distance, whose extreme point follows the centre. Value, gradient, Hessian.
struct RowModel {
  double value = 0.0;
  Eigen::Vector3d gradient = Eigen::Vector3d::Zero();
  Eigen::Matrix3d hessian = Eigen::Matrix3d::Zero();
  bool whole_circle = false;  // the circle's extreme distance: every row of that circle and side is this one function
};

// The distance from c to a fixed point q: ∇ = −n, ∇² = (I − nnᵀ)/d with n = (q − c)/d.
RowModel point_model(const Eigen::Vector3d& q, const Eigen::Vector3d& c);

class ZoneData {
 public:
  virtual ~ZoneData() = default;

  // The extremes about `center`, and for each side asked for, up to `limit` rows farther than
  // outer_bound (nearer than inner_bound), the worst first; the farthest and nearest rows always
  // come back, offending or not.
  virtual ZoneScan scan(const Eigen::Vector3d& center, double outer_bound, double inner_bound, int limit,
                        ZoneSides sides) const = 0;

  // An observed point q maximising q·direction (a support point of the data's convex hull).
  virtual ZoneRow support(const Eigen::Vector3d& direction) const = 0;

  // The row's distance as a function of the centre, for Newton's method on the contacts.
  virtual RowModel model_row(const ZoneRow& row, const Eigen::Vector3d& center) const = 0;

  // Every observation lies within this distance of the working origin.
  virtual double extent() const = 0;
};

}  // namespace spherefit
