#include "fit/points/point_set.hpp"

#include "fit/lanes.hpp"
#include "model/format.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <string>

namespace spherefit {
namespace {

Error point_error(ErrorCode code, std::size_t i, const std::string& what) {
  Error e;
  e.code = code;
  e.point = static_cast<long>(i);
  e.message = "Point " + std::to_string(i + 1) + ": " + what;
  return e;
}

}  // namespace

Outcome<PointSet> prepare_points(const PointColumnsView& points, std::size_t minimum) {
  if (points.count < minimum || points.x == nullptr || points.y == nullptr || points.z == nullptr) {
    return Error{ErrorCode::TooFewPoints, "A sphere needs at least " + grouped(minimum) +
                                              " points not all in one plane (found " + grouped(points.count) +
                                              "); add points."};
  }
  PointSet set;
  set.points = points;
  // Differences from the first point: their sum keeps its digits far from the origin, and their
  // largest magnitude bounds the extent without squaring (no overflow for data up to 1e300). Two
  // points at a time; a NaN or infinity makes the sums non-finite, and only then is each point
  // looked at to name it.
  const double fx = points.x[0], fy = points.y[0], fz = points.z[0];
  const Lanes lx = Lanes::all(fx), ly = Lanes::all(fy), lz = Lanes::all(fz), zero = Lanes::all(0.0);
  Lanes lsx = zero, lsy = zero, lsz = zero, lextent = zero;
  std::size_t i = 0;
  for (; i + 2 <= points.count; i += 2) {
    const Lanes dx = Lanes::load(points.x + i) - lx, dy = Lanes::load(points.y + i) - ly,
                dz = Lanes::load(points.z + i) - lz;
    lsx += dx, lsy += dy, lsz += dz;
    lextent = max(lextent, max(abs(dx), max(abs(dy), abs(dz))));
  }
  double sx = lsx.sum(), sy = lsy.sum(), sz = lsz.sum(), extent = lextent.highest();
  for (; i < points.count; ++i) {
    const double dx = points.x[i] - fx, dy = points.y[i] - fy, dz = points.z[i] - fz;
    sx += dx, sy += dy, sz += dz;
    extent = std::max(extent, std::max(std::abs(dx), std::max(std::abs(dy), std::abs(dz))));
  }
  if (!(std::isfinite(sx) && std::isfinite(sy) && std::isfinite(sz) && std::isfinite(extent))) {
    for (std::size_t k = 0; k < points.count; ++k) {
      if (!points.point(k).allFinite())
        return point_error(ErrorCode::NonFiniteValue, k, "a coordinate is not a finite number; fix or remove it.");
    }
    return Error{ErrorCode::NumericalFailure,
                 "The numbers span more than double precision can hold (beyond about "
                 "±1e300): rescale the data, for example to other units."};
  }
  std::int32_t largest_id = -1;
  if (points.slice) {
    for (std::size_t k = 0; k < points.count; ++k) {
      if (points.slice[k] < 0) return point_error(ErrorCode::InvalidColumns, k, "its slice id is negative.");
      largest_id = std::max(largest_id, points.slice[k]);
    }
  }
  const double n = static_cast<double>(points.count);
  set.origin = Eigen::Vector3d(fx + sx / n, fy + sy / n, fz + sz / n);
  if (!set.origin.allFinite() || !std::isfinite(extent)) {
    return Error{ErrorCode::NumericalFailure,
                 "The numbers span more than double precision can hold (beyond about ±1e300): "
                 "rescale the data, for example to other units."};
  }
  if (!(extent > 0.0))
    return Error{ErrorCode::PointsCollinear,
                 "All points are the same point: a sphere needs points spread over its surface."};
  set.contours = static_cast<std::size_t>(largest_id + 1);
  set.scale = extent;
  set.inverse_scale = 1.0 / extent;
  return set;
}

PointMoments measure_moments(const PointSet& set, const std::vector<std::uint8_t>& use) {
  // Two points at a time (fit/lanes.hpp); an unused point's lane is multiplied by zero.
  const PointColumnsView& p = set.points;
  const Lanes ox = Lanes::all(set.origin.x()), oy = Lanes::all(set.origin.y()), oz = Lanes::all(set.origin.z());
  const Lanes k = Lanes::all(set.inverse_scale), zero = Lanes::all(0.0);
  Lanes xx = zero, xy = zero, xz = zero, yy = zero, yz = zero, zz = zero, sx = zero, sy = zero, sz = zero, wx = zero,
        wy = zero, wz = zero, sq = zero, fourth = zero, n = zero;
  auto add = [&](Lanes x, Lanes y, Lanes z, Lanes mask) {
    x = (x - ox) * k * mask, y = (y - oy) * k * mask, z = (z - oz) * k * mask;
    const Lanes r2 = x * x + y * y + z * z;
    n += mask;
    sx += x, sy += y, sz += z;
    xx += x * x, xy += x * y, xz += x * z, yy += y * y, yz += y * z, zz += z * z;
    wx += r2 * x, wy += r2 * y, wz += r2 * z;
    sq += r2;
    fourth += r2 * r2;
  };
  std::size_t i = 0;
  for (; i + 2 <= set.size(); i += 2) {
    const Lanes mask = use.empty() ? Lanes::all(1.0) : Lanes::of(use[i], use[i + 1]);
    add(Lanes::load(p.x + i), Lanes::load(p.y + i), Lanes::load(p.z + i), mask);
  }
  if (i < set.size()) {
    add(Lanes::all(p.x[i]), Lanes::all(p.y[i]), Lanes::all(p.z[i]), Lanes::of(use.empty() || use[i] ? 1.0 : 0.0, 0.0));
  }
  PointMoments m;
  m.count = n.sum();
  m.sum = {sx.sum(), sy.sum(), sz.sum()};
  m.outer << xx.sum(), xy.sum(), xz.sum(), xy.sum(), yy.sum(), yz.sum(), xz.sum(), yz.sum(), zz.sum();
  m.sq_weighted = {wx.sum(), wy.sum(), wz.sum()};
  m.sq = sq.sum();
  m.fourth = fourth.sum();
  return m;
}

Spread measure_spread(const PointMoments& m) {
  Spread s;
  s.centroid = m.count > 0.0 ? Eigen::Vector3d(m.sum / m.count) : Eigen::Vector3d::Zero();
  const Eigen::Matrix3d scatter = m.count > 0.0
                                      ? Eigen::Matrix3d(m.outer / m.count - s.centroid * s.centroid.transpose())
                                      : Eigen::Matrix3d::Zero();
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(scatter);
  s.eigenvalues = eig.eigenvalues().cwiseMax(0.0);
  s.axes = eig.eigenvectors();
  return s;
}

Flatness measure_flatness(const Spread& spread) {
  const Eigen::Vector3d& l = spread.eigenvalues;
  if (!(l(1) > 1e-14 * l(2))) return Flatness::Linear;
  if (!(l(0) > 1e-14 * l(2))) return Flatness::Planar;
  return Flatness::Solid;
}

}  // namespace spherefit
