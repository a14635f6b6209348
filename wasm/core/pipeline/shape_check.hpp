// Is it a sphere? Every sphere fit of points (and of contours, and of a volume's contour points)
// also fits the best ellipsoid of an evenly strided sample of at most kVerdictSample of the points
// the sphere used, started from that sphere (fit/ellipsoid/ellipsoid_fit.hpp), and judges the
// sphere against it (report/shape_verdict.hpp): a 10⁶-point fit costs a fifth to a third more, not
// double (docs/ellipsoid.md §6). When options.shape asks for a spheroid or an ellipsoid, that shape
// is fitted to every point and carried as the result's ellipsoid (with its uncertainties, warnings
// and poorly determined combinations); the ellipsoid fit then also gives the verdict.
#pragma once

#include <optional>

#include "model/options.hpp"
#include "model/points.hpp"
#include "model/result.hpp"
#include "model/status.hpp"

namespace spherefit {

// points: the observations `sphere` was fitted to (robust: the inliers are those with
// sphere.inlier set), slice ids kept for contours; sphere: their least-squares sphere (a form
// fit's least-squares reference is used); out: where the verdict, the ellipsoid and the warnings
// go (the sphere itself for points; the circles' sphere for contours). Sets out.shape_verdict and
// out.ellipsoid, adds NotSphere (and the requested shape's own warnings).
// Errors: only those of the requested spheroid or ellipsoid (TooFewPoints, Underdetermined, …);
// a verdict that cannot be reached is left absent, never an error.
std::optional<Error> check_shape(const PointColumnsView& points, const SphereFit& sphere, const FitOptions& options,
                                 SphereFit& out);

// InvalidOption when options.shape is not a sphere for data that have no points (slice circles).
std::optional<Error> shape_needs_points(const FitOptions& options);

}  // namespace spherefit
