// The geometric least-squares sphere, spheroid or ellipsoid of points: the product's contract.
//
// Minimises over the surface's parameters
//   F = Σ_i d_i²,   d_i the signed orthogonal distance of point i to the surface,
// the distance by Eberly's one-dimensional root (fit/ellipsoid/ellipsoid_distance.hpp), the
// minimum by Levenberg–Marquardt with the exact Jacobian (fit/ellipsoid/quadric_refine.hpp),
// started from the better of the Li–Griffiths algebraic ellipsoid and the least-squares sphere
// (fit/ellipsoid/ellipsoid_start.hpp). The spheroid starts from the ellipsoid, about its most
// distinct axis (both candidates when two could be, the better kept). Derivations in
// docs/ellipsoid.md.
//
// Standard uncertainties: s²(JᵀJ)⁻¹ for a plain cloud, the CR2 cluster-robust sandwich for
// contours (points with slice ids; fit/ellipsoid/quadric_uncertainty.hpp), carried to the centre,
// semi-axes and axis directions to first order (fit/ellipsoid/shape_parameters.hpp).
//
// What the data cannot fix is said, not returned as noise: an axis whose semi-axis equals another
// within 3 standard uncertainties has no direction (axis_std_error absent, warning AxesUndefined;
// a spheroid then holds its axis where it started); combinations of parameters whose standard
// uncertainty exceeds kPoorInflation times σ/√n from the geometry alone (a cap) are listed in
// poorly_determined (warning ShapePoorlyDetermined); combinations the data do not determine at
// all (JᵀJ singular: points on two parallel circles) fail with Underdetermined.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <string>

#include "model/ellipsoid.hpp"
#include "model/options.hpp"
#include "model/points.hpp"
#include "model/status.hpp"

namespace spherefit {

// The sample the sphere-or-ellipsoid verdict fits (an evenly strided sample of at most this many
// points; see docs/ellipsoid.md §6 for why 20 000 is enough and what it costs).
inline constexpr std::size_t kVerdictSample = 20000;

// A combination is poorly determined when its standard uncertainty exceeds this many times σ/√n
// (the radius of a sphere sampled all round has 1, the centre √3).
inline constexpr double kPoorInflation = 30.0;

struct EllipsoidOptions {
  int max_iterations = 100;
  // 0: fit every point. Otherwise fit an evenly strided sample of at most this many (points i·k,
  // k = ⌈n/max_points⌉), slice ids kept: the verdict's path (kVerdictSample).
  std::size_t max_points = 0;
  // The least-squares sphere of the same points, user units, when the caller has it: it starts
  // the fit instead of the fit's own sphere (saves a sphere fit).
  std::optional<Eigen::Vector3d> sphere_center;
  std::optional<double> sphere_radius;
  // With max_points: the caller has checked every point already (the verdict's path, after the
  // sphere fit of the same points), so only the sample is read; else every point is checked.
  bool checked = false;
  bool residuals = true;  // fill EllipsoidFit::residuals (one distance per fitted point)
  std::string units;      // a label for lengths in messages ("mm"); never converts
};

// Preconditions: none (bad values are errors). Results in the points' units.
// Errors: TooFewPoints (fewer than 4 for a sphere, 7 for a spheroid, 9 for an ellipsoid; with
// slice ids also no more slices than parameters is fine, the uncertainty is then absent),
// NonFiniteValue and InvalidColumns naming the point, PointsCoplanar, PointsCollinear,
// InvalidOption (max_iterations < 1, a units label too long, a start sphere not positive and
// finite), Underdetermined (naming the combination the data leave free), NumericalFailure.
// Never returns a non-finite number.
Outcome<EllipsoidFit> fit_ellipsoid(const PointColumnsView& points, Shape shape, const EllipsoidOptions& options = {});

}  // namespace spherefit
