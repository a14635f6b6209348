// Measured points: a point cloud, a mesh's vertices, or slice contours (points grouped by a slice
// id). Units are whatever the user's numbers are in; nothing here converts them.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/slices.hpp"

namespace spherefit {

// Non-owning columns, as they arrive from JavaScript typed arrays, a file reader or the parser.
// slice is null for a plain cloud; otherwise slice[i] is the 0-based contour of point i.
struct PointColumnsView {
  std::size_t count = 0;
  const double* x = nullptr;
  const double* y = nullptr;
  const double* z = nullptr;
  const std::int32_t* slice = nullptr;

  bool has_slices() const { return slice != nullptr; }
  Eigen::Vector3d point(std::size_t i) const { return {x[i], y[i], z[i]}; }
};

// Owning columns. slice_names[k] is the user's label of contour k (the text of its slice column);
// slice_normals, when given, holds each contour's plane normal (from nx, ny, nz columns).
struct PointTable {
  std::vector<double> x, y, z;
  std::vector<std::int32_t> slice;
  std::vector<std::string> slice_names;
  std::vector<Eigen::Vector3d> slice_normals;
  std::vector<int> source_line;  // per point, when read from text
  ColumnFormat format[3];        // as typed, for x, y, z

  std::size_t size() const { return x.size(); }
  bool has_slices() const { return !slice_names.empty(); }
  PointColumnsView view() const;
};

}  // namespace spherefit
