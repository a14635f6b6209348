// The result of an ellipsoid (or spheroid, or sphere) fit to points, in the user's units: the
// surface, its standard uncertainties, which of its parameters the data leave undetermined, and
// how far each fitted point lies from it. See fit/ellipsoid/ellipsoid_fit.hpp for the method.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/names.hpp"
#include "model/options.hpp"
#include "model/status.hpp"

namespace spherefit {

// A combination of the parameters the data determine poorly: for example the polar semi-axis and
// the centre along the axis on a cap, which move together with almost no change in the distances.
struct PoorCombination {
  std::string description;  // "semi-axis 3 and the centre along axis 3 (0, 0, 1)"
  // The combination's standard uncertainty (user units: its parameters are lengths, an
  // orientation counted as the displacement it makes at the surface).
  double std_error = 0.0;
  // How many times worse than the radius of a sphere sampled all round by as many points with the
  // same noise: its standard uncertainty over σ/√n from the geometry alone (≥ kPoorInflation).
  double inflation = 0.0;
};

// The order of `covariance`'s rows: centre (x, y, z), semi-axes (descending), and the rotation
// angles about each axis (radians; a rotation about axis k turns the other two axes in their plane).
// `shape_covariance`'s rows: centre, then the shape matrix's entries A₁₁, A₂₂, A₃₃, A₁₂, A₁₃, A₂₃.
struct EllipsoidFit {
  Shape shape = Shape::Ellipsoid;
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  Eigen::Vector3d semi_axes = Eigen::Vector3d::Zero();  // descending
  Eigen::Matrix3d axes = Eigen::Matrix3d::Identity();   // unit columns matching semi_axes, right-handed
  // A = axes · diag(semi_axes) · axesᵀ: the ellipsoid as one symmetric matrix, R·I for a sphere of
  // radius R. Its entries are smooth where the axes are not (equal semi-axes), which is what the
  // sphere-or-ellipsoid verdict (report/shape_verdict.hpp) tests.
  Eigen::Matrix3d shape_matrix = Eigen::Matrix3d::Zero();

  // Standard uncertainties; all zero and both covariances absent when the data can't estimate them
  // (no more points, or slices, than parameters) or their entries overflow double.
  Eigen::Vector3d center_std_error = Eigen::Vector3d::Zero();
  Eigen::Vector3d semi_axes_std_error = Eigen::Vector3d::Zero();
  // The direction of each axis (radians, its total tilt); absent where the direction is undefined:
  // the semi-axis equals another within 3 standard uncertainties (a spheroid's equator, a sphere).
  std::array<std::optional<double>, 3> axis_std_error{};
  std::optional<Eigen::Matrix<double, 9, 9>> covariance;  // rows of undefined rotations zero
  std::optional<Eigen::Matrix<double, 9, 9>> shape_covariance;
  bool clustered = false;    // the uncertainty treats each slice's points as one cluster (CR2)
  std::size_t clusters = 0;  // slices with points fitted (0 for a plain cloud)

  double rms = 0.0;  // RMS orthogonal distance of the fitted points
  double max_abs_residual = 0.0;
  // Signed orthogonal distance (+ outside) of each fitted point: point k·stride of the input.
  std::vector<double> residuals;
  std::size_t stride = 1;  // 1: every point was fitted; else an evenly strided sample
  std::size_t points_fitted = 0;
  int iterations = 0;
  bool converged = false;
  std::vector<PoorCombination> poorly_determined;
  std::vector<Warning> warnings;
};

// The sphere-or-not verdict on points (report/shape_verdict.hpp judges it; docs/ellipsoid.md §5).
enum class ShapeCall { Sphere, NotSphere };

inline constexpr NamedValue<ShapeCall> kShapeCallNames[] = {
    {ShapeCall::Sphere, "sphere"},
    {ShapeCall::NotSphere, "not-sphere"},
};

struct ShapeVerdict {
  ShapeCall call = ShapeCall::Sphere;
  double difference = 0.0;            // a_max − a_min of the best ellipsoid (user units)
  double difference_std_error = 0.0;  // its standard uncertainty (first order; 0 without a covariance)
  double tolerance = 0.0;             // what the difference had to exceed (user units)
  double chi_square = 0.0;
  int degrees_of_freedom = 0;
  double p_value = 1.0;
  double sigmas = 0.0;  // the two-sided normal deviate with the same p-value
  bool significant = false;
  bool beyond_tolerance = false;
  double flattening = 0.0;  // (a_max − a_min) / a_max
  // Peak-to-valley over the fitted points of (distance from the sphere − distance from the
  // ellipsoid): the part of the sphere's residuals the ellipsoid explains, its shape error.
  double systematic_residual = 0.0;
  // About the smallest a_max − a_min these data would call significant (significance × its
  // standard uncertainty); 0 without a covariance.
  double detectable = 0.0;
  std::string sentence;
  std::optional<std::string> sphere_note;  // not a sphere: what the sphere's uncertainty covers
};

}  // namespace spherefit
