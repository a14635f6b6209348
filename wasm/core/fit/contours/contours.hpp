// Slice contours (points grouped by a slice id: a segmentation's outlines, a CMM's scan lines):
// one circle per contour (fit/contours/contour_circle.hpp). The sphere of those circles is
// pipeline/fit_contours.hpp's.
#pragma once

#include <cstdint>
#include <vector>

#include "model/points.hpp"
#include "model/slices.hpp"

namespace spherefit {

struct ContourCircles {
  SliceTable circles;                     // one per kept contour, with its normal; source_line:
                                          // the first line of its points (0 when not from text)
  std::vector<double> rms;                // per circle: its points' RMS distance from it
  std::vector<std::int32_t> point_count;  // per circle
  std::vector<std::int32_t> contour;      // per circle: the contour (slice id) it came from
  std::vector<std::int32_t> left_out;     // contours that make no circle (< 3 points, or a line)
};

// Each contour's circle, in the plane of the table's slice_normals (per slice id) when given, else
// in the contour's own plane.
ContourCircles fit_contour_circles(const PointTable& table);

}  // namespace spherefit
