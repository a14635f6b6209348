#include "report/sphericity.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include "model/format.hpp"

namespace spherefit {

Sphericity judge_sphericity(const SphereFit& fit, double noise_floor, const std::string& units) {
  Sphericity out;
  out.score = std::numeric_limits<double>::infinity();
  if (!(fit.radius > 0.0) || !std::isfinite(fit.radius)) {
    out.why_not = "no sphere fits these data";
    return out;
  }
  out.score = fit.rms / fit.radius;
  if (!fit.radius_fixed && (!fit.uncertainty || !(fit.uncertainty->std_error(3) <= kSphericalRadiusU * fit.radius))) {
    out.why_not = fit.uncertainty
                      ? "the radius is undetermined (± " + format_length(fit.uncertainty->std_error(3), units) + ")"
                      : "the radius is undetermined";
    return out;
  }
  const double limit = std::max(kSphericalRms * fit.radius, noise_floor);
  if (!(fit.rms <= limit)) {
    char share[32];
    std::snprintf(share, sizeof share, "%.0f %%", 100.0 * out.score);
    out.why_not =
        "its points lie " + format_length(fit.rms, units) + " (RMS, " + share + " of the radius) from the best sphere";
    return out;
  }
  out.spherical = true;
  return out;
}

}  // namespace spherefit
