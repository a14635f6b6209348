// Sphere or not: the least-squares sphere of some points against their best ellipsoid, judged on
// the size of the ellipsoid's departure from a sphere against its uncertainty AND a tolerance.
//
// The departure is the deviatoric part of the ellipsoid's shape matrix A = Σ a_k v_k v_kᵀ
// (model/ellipsoid.hpp): E = A − (tr A/3) I, five numbers, zero exactly for a sphere, and smooth
// there (unlike the semi-axes' differences, whose sorted estimates are biased away from zero and
// whose axes are undefined at a sphere). Under the hypothesis of a sphere its estimate is, to first
// order, Gaussian with the covariance L Cov_A Lᵀ the fit reports, so
//   χ² = Eᵀ (L Cov_A Lᵀ)⁺ E   ~ χ²(ν),  ν = 5 (fewer where the data fix fewer combinations),
// and the departure is significant when its p-value is below that of `significance` standard
// normal uncertainties, two-sided (3: p < 0.0027). With 10⁵ points any tiny deviation is
// significant, so the points are not a sphere only when also the semi-axes' spread
// a_max − a_min exceeds the tolerance (default 0.1 % of R). Derivation: docs/ellipsoid.md §5.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>

#include "model/ellipsoid.hpp"
#include "model/names.hpp"
#include "model/points.hpp"
#include "model/result.hpp"

namespace spherefit {

struct ShapeVerdictOptions {
  double significance = 3.0;         // standard uncertainties (the χ² test at the same two-sided level)
  double relative_tolerance = 1e-3;  // of the sphere's radius
  std::optional<double> tolerance;   // user units; overrides relative_tolerance
  std::string units;
};

// Preconditions: `ellipsoid` is a Shape::Ellipsoid fit of `points` (or of the sample of them it
// records in its stride) with its residuals, `sphere` the least-squares sphere of the same points;
// user units. Without the ellipsoid's shape covariance (too few points) the verdict is `sphere`
// and the sentence says the data cannot tell. Never fails; never returns a non-finite number.
ShapeVerdict judge_shape(const PointColumnsView& points, const SphereFit& sphere, const EllipsoidFit& ellipsoid,
                         const ShapeVerdictOptions& options = {});

// The warning a sphere fit carries when its points are not a sphere (NotSphere: the sentence and
// the note on its uncertainty); nothing when they are.
std::optional<Warning> not_sphere_warning(const ShapeVerdict& verdict);

// The upper tail P(χ²(ν) > x) for ν = 1 … 10, and the two-sided normal deviate z with
// P(|N(0,1)| > z) = p, from the logarithm of p (so that tails far below double's range still give
// a finite z).
double chi_square_log_tail(double x, int degrees_of_freedom);
// log P(F(d1, d2) > f).
double f_log_tail(double f, int d1, int d2);
double normal_deviate_of_log_tail(double log_p);

}  // namespace spherefit
