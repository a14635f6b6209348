// A small picture of one slice of a volume, for the page's preview: the slice's voxels as 8-bit
// grey, with the contour that was traced on it and the fitted sphere's circle on its plane, both in
// the image's pixel coordinates (pixel centres at integers, as voxel indices are), so a view only
// draws. Long slices are shrunk by whole-voxel strides to at most max_side pixels.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/status.hpp"
#include "model/volume.hpp"

namespace spherefit {

struct SlicePreview {
  int width = 0, height = 0;                // pixels: columns along voxel axis u, rows along v
  int axis_u = 0, axis_v = 1;               // the voxel axes of columns and rows
  int stride = 1;                           // voxels per pixel
  double spacing_u = 1.0, spacing_v = 1.0;  // mm per pixel along columns and rows (for the aspect)
  std::vector<std::uint8_t> pixels;         // row-major, width × height
  std::vector<double> contour;              // u, v pairs (pixels) of the slice's traced contour, if any
  std::vector<double> circle;               // u, v pairs of the sphere's circle on this slice, if it cuts it
};

// Grey: a labelmap shows `label` white and other labels grey; a grey volume maps [low, high] to
// black…white. contour: world points of this slice's contour (may be empty). sphere: centre and
// radius in world mm, or nothing. Errors: InvalidOption for an axis not 0–2 or an index outside.
struct PreviewStyle {
  bool labelmap = false;
  double label = 1.0;
  double low = 0.0, high = 1.0;
};
Outcome<SlicePreview> preview_slice(const Volume& volume, int axis, std::int64_t index, const PreviewStyle& style,
                                    const std::vector<Eigen::Vector3d>& contour,
                                    const std::optional<std::pair<Eigen::Vector3d, double>>& sphere,
                                    int max_side = 256);

}  // namespace spherefit
