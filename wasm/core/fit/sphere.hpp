// A sphere in working coordinates (centred and scaled on the data, see fit/circles/work_set.hpp and
// fit/points/point_set.hpp): what every fit's iterations move.
#pragma once

#include <Eigen/Core>

namespace spherefit {

struct Sphere {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  double radius = 0.0;
};

}  // namespace spherefit
