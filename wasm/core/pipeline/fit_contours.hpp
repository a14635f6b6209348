// Slice contours (points grouped by a slice id: a segmentation's outlines, a CMM's scan lines):
// one circle per contour (fit/contours/contours.hpp), then the sphere of those circles — the
// product's circle fit, with its cluster-robust uncertainty — and, beside it, the direct
// least-squares sphere of all contour points (uncertainty clustered by slice). The two answer
// slightly different questions (equal weight per slice, or per point); how far apart they are
// says how much that choice matters for these data.
#pragma once

#include <cstdint>
#include <vector>

#include "fit/contours/contours.hpp"
#include "model/options.hpp"
#include "model/points.hpp"
#include "model/result.hpp"
#include "model/slices.hpp"
#include "model/status.hpp"

namespace spherefit {

// What a contour fit has besides its sphere.
struct ContourDetails {
  ContourCircles circles;
  SphereFit point_fit;                  // the sphere of all points of the kept contours
  std::vector<double> point_residuals;  // each point's signed distance from the circles' sphere
  double center_distance = 0.0;         // between the two spheres' centres
  double radius_difference = 0.0;       // point fit's radius − circles' radius
};

struct ContourFit {
  SphereFit fit;  // the sphere of the circles (mode Contours)
  ContourDetails details;
};

// Errors: those of fit_sphere for circles and for points, and TooFewSlices when fewer than two
// contours make circles.
Outcome<ContourFit> fit_contours(const PointTable& table, const FitOptions& options);

}  // namespace spherefit
