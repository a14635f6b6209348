// A form fit in the result: the associated sphere replaces the least-squares one, which stays
// beside it (with its uncertainty) as the reference; the form error, contacts and certificate come
// in; warnings say when the optimum is not unique or the certificate is loose. The per-observation
// residuals are the caller's to recompute about the new sphere.
#pragma once

#include "fit/form/form_fit.hpp"
#include "model/result.hpp"

namespace spherefit {

void adopt_form_fit(SphereFit& fit, FitType type, const FormFit& form);

}  // namespace spherefit
