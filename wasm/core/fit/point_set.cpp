#include "fit/point_set.hpp"

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
    return Error{ErrorCode::TooFewPoints, "A sphere needs at least " + std::to_string(minimum) +
                                              " points not all in one plane (found " + std::to_string(points.count) +
                                              "); add points."};
  }
  PointSet set;
  set.points = points;
  // Two passes: the mean (subtracting a running first point so the sum does not lose digits far
  // from the origin), then the RMS size scaled by the largest extent so it neither overflows nor
  // underflows for data from 1e-300 to 1e300 in size.
  const Eigen::Vector3d first = points.point(0);
  Eigen::Vector3d sum = Eigen::Vector3d::Zero();
  std::int32_t largest_id = -1;
  for (std::size_t i = 0; i < points.count; ++i) {
    const Eigen::Vector3d p = points.point(i);
    if (!p.allFinite()) return point_error(ErrorCode::NonFiniteValue, i, "a coordinate is not a finite number; fix or remove it.");
    if (points.slice) {
      if (points.slice[i] < 0) return point_error(ErrorCode::InvalidColumns, i, "its slice id is negative.");
      largest_id = std::max(largest_id, points.slice[i]);
    }
    sum += p - first;
  }
  if (!sum.allFinite()) {
    return Error{ErrorCode::NumericalFailure, "The numbers span more than double precision can hold (beyond about ±1e300): "
                                              "rescale the data, for example to other units."};
  }
  set.origin = first + sum / static_cast<double>(points.count);
  set.contours = static_cast<std::size_t>(largest_id + 1);
  double extent = 0.0;
  for (std::size_t i = 0; i < points.count; ++i) extent = std::max(extent, (points.point(i) - set.origin).cwiseAbs().maxCoeff());
  if (!std::isfinite(extent)) {
    return Error{ErrorCode::NumericalFailure, "The numbers span more than double precision can hold (beyond about ±1e300): "
                                              "rescale the data, for example to other units."};
  }
  if (!(extent > 0.0)) return Error{ErrorCode::PointsCollinear, "All points are the same point: a sphere needs points spread over its surface."};
  double spread = 0.0;
  for (std::size_t i = 0; i < points.count; ++i) spread += ((points.point(i) - set.origin) / extent).squaredNorm();
  set.scale = extent * std::sqrt(spread / static_cast<double>(points.count));
  return set;
}

Spread measure_spread(const PointSet& set, const std::vector<std::uint8_t>& use) {
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  double n = 0.0;
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (!use.empty() && !use[i]) continue;
    mean += set.at(i);
    n += 1.0;
  }
  Spread s;
  s.centroid = n > 0.0 ? Eigen::Vector3d(mean / n) : Eigen::Vector3d::Zero();
  Eigen::Matrix3d scatter = Eigen::Matrix3d::Zero();
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (!use.empty() && !use[i]) continue;
    const Eigen::Vector3d d = set.at(i) - s.centroid;
    scatter.noalias() += d * d.transpose();
  }
  if (n > 0.0) scatter /= n;
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
