// The observations a form fit is given, checked and moved to working coordinates: centred on the
// data and scaled to unit size, so that a ball a million radii from the origin keeps its digits
// and every tolerance is relative.
#pragma once

#include <vector>

#include "fit/circles/circle_distance.hpp"
#include "model/options.hpp"
#include "model/points.hpp"
#include "model/slices.hpp"
#include "model/status.hpp"

namespace spherefit {

struct FormPoints {
  std::vector<Eigen::Vector3d> points;  // working coordinates, in input order
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();
  double scale = 1.0;  // working length 1 = `scale` user units
};

// Errors: TooFewPoints (fewer than 5 for the minimum zone, 4 for the others), NonFiniteValue (naming
// the 0-based point), PointsCollinear (also all one point), PointsCoplanar, NumericalFailure (values
// beyond about ±1e300).
Outcome<FormPoints> prepare_form_points(const PointColumnsView& points, FitType fit_type);

struct FormCircles {
  std::vector<WorkCircle> circles;  // working coordinates, unit normals, in input order
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();
  double scale = 1.0;
};

// Every circle counts whole and alike (weights play no part in a form fit). Errors: those of
// prepare_slices (NonFiniteValue, NegativeRadius, ZeroNormal naming the slice), TooFewSlices (fewer
// than two, or only tangent points r = 0 and fewer of them than a point fit needs),
// AllSlicesCoplanar.
Outcome<FormCircles> prepare_form_circles(const SliceColumnsView& slices, FitType fit_type);

}  // namespace spherefit
