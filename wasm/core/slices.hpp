// Slice circles as the user measured them, and the options and result of a sphere fit.
// Units are whatever the user's numbers are in; nothing here converts them.
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spherefit {

// One measured circle: centre, radius and the normal of its slice plane (not necessarily unit).
struct SliceCircle {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  double radius = 0.0;
  Eigen::Vector3d normal = Eigen::Vector3d::UnitZ();
  double weight = 1.0;
};

// Non-owning columns, as they arrive from JavaScript typed arrays or from the parser.
// x, y, z, r are required; nx, ny, nz are all given or all null (null: slices along Z);
// w is optional (null: weight 1).
struct SliceColumnsView {
  std::size_t count = 0;
  const double* x = nullptr;
  const double* y = nullptr;
  const double* z = nullptr;
  const double* r = nullptr;
  const double* nx = nullptr;
  const double* ny = nullptr;
  const double* nz = nullptr;
  const double* w = nullptr;

  bool has_normals() const { return nx != nullptr && ny != nullptr && nz != nullptr; }
  bool has_weights() const { return w != nullptr; }
  SliceCircle circle(std::size_t i) const {
    SliceCircle c;
    c.center = {x[i], y[i], z[i]};
    c.radius = r[i];
    if (has_normals()) c.normal = {nx[i], ny[i], nz[i]};
    if (has_weights()) c.weight = w[i];
    return c;
  }
};

// Owning columns, with the text line each slice came from (0 when not parsed from text).
struct SliceTable {
  std::vector<double> x, y, z, r, nx, ny, nz, w;
  std::vector<int> source_line;
  bool has_normals = false;
  bool has_weights = false;

  std::size_t size() const { return x.size(); }
  void add(const SliceCircle& c, int line = 0);
  SliceColumnsView view() const;
};

enum class WeightMode { Uniform, Circumference, Column };

struct FitOptions {
  WeightMode weights = WeightMode::Uniform;
  bool robust = false;
  std::optional<double> known_radius;  // fit the centre only
  int max_iterations = 100;
};

// How much of the sphere the slices sample, measured along each slice's own normal.
struct Coverage {
  double min_latitude_deg = 0.0;   // -90 at the sphere's far pole, +90 at the near one
  double max_latitude_deg = 0.0;
  double area_fraction = 0.0;      // of the sphere's surface between the extreme slices
  bool cap_only = false;           // all slices on one side of the centre
};

struct SphereFit {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  double radius = 0.0;
  bool radius_fixed = false;
  // Standard uncertainties and covariance of (x0, y0, z0, R); absent when the fit is exactly
  // determined (no degrees of freedom left to estimate the noise). With a fixed radius the
  // radius row and column are zero.
  bool has_uncertainty = false;
  bool has_covariance = false;      // false also when the variances overflow double (data ≳ 1e154)
  Eigen::Vector4d std_error = Eigen::Vector4d::Zero();
  Eigen::Matrix4d covariance = Eigen::Matrix4d::Zero();
  double rms = 0.0;                 // RMS distance of all circle points from the sphere
  double max_abs_residual = 0.0;    // largest |residual| over slices
  std::vector<double> residuals;    // per slice: signed mean distance of its points (+ outside)
  std::vector<double> offsets;      // per slice: in-plane distance of circle centre from sphere centre
  std::vector<double> heights;      // per slice: signed distance of its plane from the centre, along its normal
  std::vector<std::uint8_t> inlier; // per slice: 1 if used by the fit
  int iterations = 0;
  Coverage coverage;
  std::vector<std::string> warnings;
};

}  // namespace spherefit
