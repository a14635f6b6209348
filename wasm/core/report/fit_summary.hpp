// What a refinement found, handed to the diagnostics that turn it into a result: the sphere and
// its covariance in working units, and how the fit went.
#pragma once

#include <Eigen/Core>
#include <optional>

#include "fit/sphere.hpp"

namespace spherefit {

struct FitSummary {
  Sphere sphere;
  std::optional<Eigen::Matrix4d> covariance;  // working units
  bool radius_fixed = false;
  bool robust = false;
  int iterations = 0;
  bool converged = true;
};

}  // namespace spherefit
