#include "report/form_report.hpp"

#include <cstdio>

#include "model/format.hpp"
#include "report/warnings.hpp"

namespace spherefit {

void adopt_form_fit(SphereFit& fit, FitType type, const FormFit& form) {
  LeastSquaresReference reference;
  reference.center = fit.center;
  reference.radius = fit.radius;
  reference.uncertainty = fit.uncertainty;
  fit.least_squares = reference;
  fit.fit_type = type;
  fit.center = form.center;
  fit.radius = form.radius;
  fit.form = form.form;
  fit.iterations = form.iterations;
  // The standard uncertainties belong to the least-squares fit (kept beside it): a Chebyshev
  // association is decided by a few extreme observations, which the same noise model does not
  // describe. The "exactly determined" warning about the least-squares fit no longer applies here.
  fit.uncertainty.reset();
  std::vector<Warning> kept;
  for (const Warning& w : fit.warnings)
    if (w.code != WarningCode::ExactlyDetermined && w.code != WarningCode::RadiusPoorlyDetermined) kept.push_back(w);
  fit.warnings = std::move(kept);
  if (type == FitType::MinimumCircumscribed && fit.coverage.cap_only) {
    // The smallest ball that holds a cap of less than a hemisphere is not the ball it was probed
    // on: its centre moves into the cap's plane (CMM software warns so for arcs under 180°).
    for (Warning& w : fit.warnings) {
      if (w.code != WarningCode::CapOnly) continue;
      w.message =
          "All observations are on one side of the centre (a cap): the minimum circumscribed sphere is the "
          "smallest one holding them, smaller than the ball they lie on (R " +
          format_number(form.radius) + " here, against " + format_number(reference.radius) +
          " for the least-squares sphere). Use least squares or minimum zone for the ball's size.";
    }
  }
  if (!form.form.unique) {
    fit.warnings.push_back(
        {WarningCode::ZoneNotUnique,
         "The optimum is not unique: other centres give the same form error (the contacts do not pin "
         "the centre in every direction). The centre shown is one of them."});
  }
  if (form.form.optimality_gap > 1e-9 * form.radius) {
    char buffer[200];
    std::snprintf(
        buffer, sizeof buffer,
        "The form fit's certificate is loose: a better association could exist by up to %.3g (relative %.2g).",
        form.form.optimality_gap, form.form.optimality_gap / form.radius);
    fit.warnings.push_back({WarningCode::NotConverged, buffer});
  }
}

}  // namespace spherefit
