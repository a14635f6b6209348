// A stack of decoded image slices as a volume: a DICOM CT or MR series, whose every slice carries
// its own position (ImagePositionPatient) while the series shares the orientation
// (ImageOrientationPatient) and the pixel spacing. The slices are not resampled onto a grid:
// each keeps its own origin (VolumeInfo::slice_origins), so uneven spacing and gantry tilt are
// exact — contours are traced in each slice and placed by that slice's geometry (DICOM PS3.3
// C.7.6.2.1.1: P = S + i·Δc·X + j·Δr·Y, X the row direction, Y the column direction, Δc the
// column spacing PixelSpacing[1], Δr the row spacing PixelSpacing[0]).
//
// DICOM patient coordinates are LPS (+x left, +y posterior, +z head); the volume is in RAS like
// every other (x and y negated), as 3D Slicer shows it.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/volume.hpp"

namespace spherefit {

struct SliceStack {
  std::int64_t columns = 0;                   // voxels along a row (i, the fastest)
  std::int64_t rows = 0;                      // rows of a slice (j)
  VoxelType type = VoxelType::Int16;          // the stored values as the caller delivers them
  Eigen::Vector3d row_direction{1, 0, 0};     // IOP[0..2], LPS: direction of increasing column index
  Eigen::Vector3d column_direction{0, 1, 0};  // IOP[3..5], LPS: direction of increasing row index
  double row_spacing = 1.0;                   // PixelSpacing[0]: between rows (along column_direction), mm
  double column_spacing = 1.0;                // PixelSpacing[1]: between columns (along row_direction), mm
  std::vector<Eigen::Vector3d> origins;       // per slice, LPS mm, ascending along the normal
  std::vector<std::string> names;             // per slice, for messages (the files); may be empty
  std::vector<Segment> segments;              // a DICOM SEG's segments: label value (segment number) and name
  bool scaled = false;                        // value = stored · slope + intercept, the same for every slice
  double slope = 1.0;
  double intercept = 0.0;
};

// Two slices closer than this along the normal are one position (mm).
inline constexpr double kDuplicateSliceMm = 1e-3;

// The volume the stack is: size columns × rows × slices, affine columns Δc·X and Δr·Y (RAS) and
// the mean step, slice_origins in RAS. Fails with InvalidOption (sizes below 1, non-finite or
// non-positive spacing, directions not unit or not orthogonal to 1e-3, no slices, a position not
// finite, slices not in ascending order along the normal), DuplicateSlices (two slices at one
// position: slice and message name both), UnsupportedFile (more voxels than kMaxVolumeBytes).
// Warns MissingSlices where a gap exceeds 1.5 × the median spacing.
Outcome<VolumeInfo> slice_stack_info(const SliceStack& stack);

}  // namespace spherefit
