// Slice contours (points grouped by a slice id: a segmentation's outlines, a CMM's scan lines):
// one circle per contour (fit/contour_circle.hpp), then the sphere of those circles — the
// product's circle fit, with its cluster-robust uncertainty — and, beside it, the direct
// least-squares sphere of all contour points (uncertainty clustered by slice). The two answer
// slightly different questions (equal weight per slice, or per point); how far apart they are
// says how much that choice matters for these data.
#pragma once

#include <cstdint>
#include <vector>

#include "model/options.hpp"
#include "model/points.hpp"
#include "model/result.hpp"
#include "model/slices.hpp"
#include "model/status.hpp"

namespace spherefit {

struct ContourCircles {
  SliceTable circles;                     // one per kept contour, with its normal; source_line:
                                          // the first line of its points (0 when not from text)
  std::vector<double> rms;                // per circle: its points' RMS distance from it
  std::vector<std::int32_t> point_count;  // per circle
  std::vector<std::int32_t> contour;      // per circle: the contour (slice id) it came from
  std::vector<std::int32_t> left_out;     // contours that make no circle (< 3 points, or a line)
};

// normals: per contour (by slice id), or empty to take each contour's own plane.
ContourCircles fit_contour_circles(const PointTable& table);

// What a contour fit has besides its sphere.
struct ContourDetails {
  ContourCircles circles;
  SphereFit point_fit;                    // the sphere of all points of the kept contours
  std::vector<double> point_residuals;    // each point's signed distance from the circles' sphere
  double center_distance = 0.0;           // between the two spheres' centres
  double radius_difference = 0.0;         // point fit's radius − circles' radius
};

struct ContourFit {
  SphereFit fit;                          // the sphere of the circles (mode Contours)
  ContourDetails details;
};

// Errors: those of fit_sphere for circles and for points, and TooFewSlices when fewer than two
// contours make circles.
Outcome<ContourFit> fit_contours(const PointTable& table, const FitOptions& options);

}  // namespace spherefit
