// The covariance of (x0, y0, z0, R) as every result carries it: 4×4 in working units, from an
// estimate of all four parameters or, with a known radius, of the centre's three (the radius's
// row and column then zero). Empty when the estimate is, or when it is not finite.
#pragma once

#include <Eigen/Core>
#include <optional>

namespace spherefit {

inline std::optional<Eigen::Matrix4d> full_covariance(const std::optional<Eigen::Matrix4d>& all) {
  if (!all || !all->allFinite()) return std::nullopt;
  return all;
}

inline std::optional<Eigen::Matrix4d> full_covariance(const std::optional<Eigen::Matrix3d>& centre_only) {
  if (!centre_only || !centre_only->allFinite()) return std::nullopt;
  Eigen::Matrix4d cov = Eigen::Matrix4d::Zero();
  cov.topLeftCorner<3, 3>() = *centre_only;
  return cov;
}

}  // namespace spherefit
