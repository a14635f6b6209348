#include "read/volumes/slice_stack.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

#include "model/format.hpp"

namespace spherefit {
namespace {

Eigen::Vector3d lps_to_ras(const Eigen::Vector3d& p) { return {-p.x(), -p.y(), p.z()}; }

std::string slice_name(const SliceStack& s, std::size_t k) {
  const std::string where = "slice " + std::to_string(k + 1);
  return k < s.names.size() && !s.names[k].empty() ? where + " (" + s.names[k] + ")" : where;
}

Error invalid(const std::string& message) { return Error{ErrorCode::InvalidOption, message}; }

}  // namespace

Outcome<VolumeInfo> slice_stack_info(const SliceStack& s) {
  if (s.columns < 1 || s.rows < 1) return invalid("A slice stack needs at least one row and one column.");
  if (s.origins.empty()) return invalid("A slice stack needs at least one slice.");
  if (!(std::isfinite(s.row_spacing) && s.row_spacing > 0 && std::isfinite(s.column_spacing) && s.column_spacing > 0)) {
    return invalid("The pixel spacing must be two positive numbers (mm).");
  }
  const Eigen::Vector3d& x = s.row_direction;
  const Eigen::Vector3d& y = s.column_direction;
  if (!x.allFinite() || !y.allFinite() || std::abs(x.norm() - 1) > 1e-3 || std::abs(y.norm() - 1) > 1e-3 ||
      std::abs(x.dot(y)) > 1e-3) {
    return invalid("The image orientation must be two orthogonal unit vectors (ImageOrientationPatient).");
  }
  const Eigen::Vector3d normal = x.cross(y).normalized();
  std::vector<double> height(s.origins.size());
  for (std::size_t k = 0; k < s.origins.size(); ++k) {
    if (!s.origins[k].allFinite()) {
      Error e = invalid("The position of " + slice_name(s, k) + " is not a finite number (ImagePositionPatient).");
      e.slice = static_cast<long>(k);
      return e;
    }
    height[k] = s.origins[k].dot(normal);
    if (k == 0) continue;
    const double step = height[k] - height[k - 1];
    if (std::abs(step) < kDuplicateSliceMm) {
      Error e{ErrorCode::DuplicateSlices, slice_name(s, k - 1) + " and " + slice_name(s, k) +
                                              " are at the same position (" + format_number(height[k]) +
                                              " mm along the normal): two series mixed, or one "
                                              "file twice. Keep one of them."};
      e.slice = static_cast<long>(k);
      return e;
    }
    if (step < 0) {
      Error e = invalid(slice_name(s, k) + " lies below " + slice_name(s, k - 1) +
                        ": give the slices in ascending order along the normal.");
      e.slice = static_cast<long>(k);
      return e;
    }
  }
  const std::uint64_t voxels =
      static_cast<std::uint64_t>(s.columns) * static_cast<std::uint64_t>(s.rows) * s.origins.size();
  if (voxels > kMaxVolumeBytes / voxel_bytes(s.type)) {
    return Error{ErrorCode::UnsupportedFile, "This series' voxels take " +
                                                 grouped((voxels * voxel_bytes(s.type)) >> 20) +
                                                 " MB, more than this page can hold; load fewer slices."};
  }

  VolumeInfo info;
  info.format = VolumeFormat::Dicom;
  const auto n = static_cast<std::int64_t>(s.origins.size());
  info.size = {s.columns, s.rows, n};
  info.file_dims = {s.columns, s.rows, n};
  info.type = s.type;
  info.data_bytes = voxels * voxel_bytes(s.type);
  info.scaled = s.scaled;
  info.scl_slope = s.slope;
  info.scl_inter = s.intercept;
  info.segments = s.segments;  // a labelmap by its segments, with their names
  info.affine_source = AffineSource::SlicePositions;
  info.space = "DICOM patient (LPS), shown as RAS";
  for (const Eigen::Vector3d& o : s.origins) info.slice_origins.push_back(lps_to_ras(o));
  const Eigen::Vector3d step =
      n > 1 ? Eigen::Vector3d((info.slice_origins.back() - info.slice_origins.front()) / static_cast<double>(n - 1))
            : Eigen::Vector3d(lps_to_ras(normal));
  info.affine.block<3, 1>(0, 0) = lps_to_ras(x) * s.column_spacing;
  info.affine.block<3, 1>(0, 1) = lps_to_ras(y) * s.row_spacing;
  info.affine.block<3, 1>(0, 2) = step;
  info.affine.block<3, 1>(0, 3) = info.slice_origins.front();

  if (n > 2) {
    std::vector<double> gaps;
    for (std::size_t k = 1; k < height.size(); ++k) gaps.push_back(height[k] - height[k - 1]);
    std::vector<double> sorted = gaps;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
    const double median = sorted[sorted.size() / 2];
    for (std::size_t k = 0; k < gaps.size(); ++k) {
      if (gaps[k] <= 1.5 * median) continue;
      info.warnings.push_back(
          {WarningCode::MissingSlices,
           "Between " + slice_name(s, k) + " and " + slice_name(s, k + 1) + " the gap is " + format_number(gaps[k]) +
               " mm, against " + format_number(median) +
               " mm elsewhere: slices may be missing. Each slice is "
               "placed by its own position, so the fit stays exact, but check that the series is complete."});
    }
  }
  return info;
}

}  // namespace spherefit
