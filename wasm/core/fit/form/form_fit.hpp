// The ISO form fits of a sphere (ISO 1101 sphericity; ISO 12181-style associations as CMM software
// offers them), on measured points or on slice circles taken whole:
//   minimum zone (Chebyshev):  the two concentric spheres of least radial separation holding every
//                              observation; form error = outer − inner, radius = (inner + outer)/2;
//   minimum circumscribed:     the smallest sphere holding every observation; form error = radius −
//                              the nearest distance;
//   maximum inscribed:         the largest sphere with no observation inside it, centred within the
//                              data's convex hull; form error = the farthest distance − radius.
// Points: the circumscribed sphere is the smallest enclosing ball (enclosing_ball.hpp); the other
// two are Chebyshev fits by sequential linear programming (chebyshev.hpp). Circles: all three are
// Chebyshev fits over whole circles, using the closed-form nearest and farthest points of each
// (circle_extremes.hpp) — no sampling.
//
// Every result carries its certificate (FormResult): the zone is re-measured independently from the
// user's numbers (max_violation ≤ 0 up to rounding), the contacts and their multipliers bound how
// much better any nearby zone could be (optimality_gap), and `unique` says whether the optimum is
// isolated.
#pragma once

#include <Eigen/Core>

#include "model/options.hpp"
#include "model/points.hpp"
#include "model/result.hpp"
#include "model/slices.hpp"
#include "model/status.hpp"

namespace spherefit {

struct FormFit {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  double radius = 0.0;  // minimum zone: the mean of the inner and outer radii
  FormResult form;
  int iterations = 0;  // linear programs solved, or pivoting steps of the enclosing ball
};

// fit_type: MinimumZone, MinimumCircumscribed or MaximumInscribed. start_center: the least-squares
// centre (the caller has it), in the same user units as the data; the non-convex fits (zone,
// inscribed) find the optimum nearest to it. Lengths in the result are in the data's units.
// Errors: InvalidOption (another fit type, or a non-finite start), TooFewPoints (fewer than 5 points
// for the minimum zone, 4 for the others), NonFiniteValue (naming the point), PointsCollinear,
// PointsCoplanar, InscribedUnbounded (maximum inscribed on a cap: the data do not surround the
// centre), Underdetermined (minimum zone of data flatter than any sphere: a few points on a small
// cap), NumericalFailure.
Outcome<FormFit> fit_form(const PointColumnsView& points, FitType fit_type, const Eigen::Vector3d& start_center);

// As above for slice circles (centre, radius ≥ 0, plane normal; the w column plays no part). Contacts
// lie on the circles and name their slice. Errors: InvalidOption, TooFewSlices, NonFiniteValue,
// NegativeRadius, ZeroNormal (naming the slice), AllSlicesCoplanar, InscribedUnbounded,
// Underdetermined, NumericalFailure.
Outcome<FormFit> fit_form(const SliceColumnsView& circles, FitType fit_type, const Eigen::Vector3d& start_center);

}  // namespace spherefit
