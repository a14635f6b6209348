// Slice circles as the user measured them.
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

// How a column's numbers were typed, so that a view can show them with the user's digits:
// the most decimals seen, and whether any used an exponent. decimals < 0: not from text.
struct ColumnFormat {
  int decimals = -1;
  bool exponent = false;
};

// Owning columns, with the text line each slice came from (0 when not parsed from text).
struct SliceTable {
  std::vector<double> x, y, z, r, nx, ny, nz, w;
  std::vector<int> source_line;
  bool has_normals = false;
  bool has_weights = false;
  ColumnFormat format[8];  // as typed, for x, y, z, r, nx, ny, nz, w

  std::size_t size() const { return x.size(); }
  void add(const SliceCircle& c, int line = 0);
  SliceColumnsView view() const;
};

}  // namespace spherefit
