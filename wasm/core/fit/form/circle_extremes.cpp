#include "fit/form/circle_extremes.hpp"

#include <cmath>

namespace spherefit {

CircleExtremes circle_extremes(const Eigen::Vector3d& circle_center, const Eigen::Vector3d& unit_normal, double radius,
                               const Eigen::Vector3d& fallback, const Eigen::Vector3d& c) {
  const Eigen::Vector3d e = circle_center - c;
  const double a = unit_normal.dot(e);
  Eigen::Vector3d in_plane = e - a * unit_normal;
  // Near the axis in_plane is all rounding, with as much along the normal as across it: project
  // again so the direction, however arbitrary, lies in the plane.
  in_plane -= unit_normal.dot(in_plane) * unit_normal;
  CircleExtremes out;
  out.offset = in_plane.norm();
  out.direction = out.offset > 0.0 ? Eigen::Vector3d(in_plane / out.offset) : fallback;
  out.far = std::sqrt(a * a + (out.offset + radius) * (out.offset + radius));
  out.near = std::sqrt(a * a + (out.offset - radius) * (out.offset - radius));
  return out;
}

}  // namespace spherefit
