// Independent geometric fits for checking contours: a sphere through 3D points and a circle
// through points of one plane, each minimising the sum of squared orthogonal distances by
// Gauss–Newton from an algebraic (Kåsa) start. They share no code with the product's fits.
#pragma once

#include <Eigen/Core>
#include <vector>

namespace spherefit::testing {

struct FittedSphere {
  Eigen::Vector3d centre = Eigen::Vector3d::Zero();
  double radius = 0.0;
  double rms = 0.0;
};

struct FittedCircle {
  Eigen::Vector3d centre = Eigen::Vector3d::Zero();  // in the points' plane
  double radius = 0.0;
  double rms = 0.0;
};

// Minimises Σ (|p_i − c| − R)².
FittedSphere fit_sphere_to_points(const std::vector<Eigen::Vector3d>& points);

// The points' plane is taken normal to `normal` through their mean; minimises Σ (|q_i − c| − r)²
// over the in-plane projections q_i.
FittedCircle fit_circle_to_points(const std::vector<Eigen::Vector3d>& points, const Eigen::Vector3d& normal);

// The Gauss–Newton residual Jacobian of the sphere fit at (c, R): row i = ∂(|p_i − c| − R)/∂(c, R).
Eigen::MatrixXd sphere_residual_jacobian(const std::vector<Eigen::Vector3d>& points, const Eigen::Vector3d& c,
                                         double r);
Eigen::VectorXd sphere_residuals(const std::vector<Eigen::Vector3d>& points, const Eigen::Vector3d& c, double r);

}  // namespace spherefit::testing
