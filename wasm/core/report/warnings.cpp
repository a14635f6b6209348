#include "report/warnings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace spherefit {

Warning exactly_determined(std::size_t used, int parameters, const Noun& noun) {
  if (used > static_cast<std::size_t>(parameters)) {
    // Enough observations, but they do not determine the sphere: no uncertainty for that reason.
    return {WarningCode::UncertaintyUndetermined,
            "No uncertainty: the " + grouped(used) + " " + noun.many +
                " used do not determine the sphere well enough to estimate one (they lie nearly on a plane or a "
                "line, or on a sphere too large to tell from a plane). Check the data, or give the radius limits."};
  }
  return {WarningCode::ExactlyDetermined,
          "Exactly determined: no uncertainty. With " + grouped(used) + " " + (used == 1 ? noun.one : noun.many) +
              " and " + std::to_string(parameters) +
              " fitted parameters nothing is left over to estimate the noise; add " + noun.many + "."};
}

Warning not_converged(int iterations) {
  return {WarningCode::NotConverged,
          "The fit stopped after " + std::to_string(iterations) +
              " iterations without fully converging; check the data for observations far from a sphere."};
}

Warning weight_column_ignored() {
  return {WarningCode::WeightColumnIgnored,
          "The data has a weight column (w), but Weights is not 'from the w column': the weights are not "
          "used. Choose weights from the column to use them."};
}

std::optional<Warning> cap_only(const Coverage& coverage, bool radius_fixed, const Noun& noun) {
  if (!coverage.cap_only) return std::nullopt;
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "All %s are on one side of the centre (latitudes %.3g° to %.3g°): ", noun.many,
                coverage.min_latitude_deg, coverage.max_latitude_deg);
  std::string w = buffer;
  w += radius_fixed ? "the known radius fixes the centre along the axis."
                    : "the radius and the centre's position along the axis are correlated; data on both sides "
                      "pins them down.";
  return Warning{WarningCode::CapOnly, w};
}

std::optional<Warning> radius_poorly_determined(const std::optional<Uncertainty>& u, double radius, bool radius_fixed) {
  if (!u || radius_fixed || !(u->std_error(3) > 0.01 * radius)) return std::nullopt;
  char buffer[200];
  if (u->std_error(3) >= radius) {
    // Not a poorly fitted radius but none: the data would fit a sphere of any size up to that.
    std::snprintf(
        buffer, sizeof buffer,
        "The radius is undetermined: its standard uncertainty (%.2g) is larger than the radius (%.2g) itself. "
        "The data do not describe a sphere; check the selection or give the radius limits.",
        u->std_error(3), radius);
    return Warning{WarningCode::RadiusPoorlyDetermined, buffer};
  }
  std::snprintf(buffer, sizeof buffer, "The radius is poorly determined: ±%.2g %% of R (one standard uncertainty).",
                100.0 * u->std_error(3) / radius);
  return Warning{WarningCode::RadiusPoorlyDetermined, buffer};
}

std::optional<Warning> covariance_overflow(const std::optional<Uncertainty>& u) {
  if (!u || u->covariance) return std::nullopt;
  return Warning{WarningCode::CovarianceOverflow,
                 "At this scale the variances are beyond double precision: the covariance matrix is not "
                 "reported (the standard uncertainties are); rescale the data to get it."};
}

std::optional<Warning> set_aside(const std::vector<std::size_t>& rejected, const Noun& noun) {
  if (rejected.empty()) return std::nullopt;
  return Warning{WarningCode::SetAside, "The robust fit set aside " + grouped(rejected.size()) + " " +
                                            (rejected.size() == 1 ? noun.one : noun.many) + ": " +
                                            index_list(rejected) + "."};
}

std::optional<Warning> outliers(const std::vector<std::size_t>& suspicious, double factor, bool robust,
                                const Noun& noun) {
  if (suspicious.empty()) return std::nullopt;
  const bool one = suspicious.size() == 1;
  char buffer[120];
  std::snprintf(buffer, sizeof buffer, " (more than %g× the typical %s's distance from the sphere)", factor, noun.one);
  return Warning{WarningCode::Outliers, std::string(one ? noun.capital_one : noun.capital_many) + " " +
                                            index_list(suspicious) +
                                            (one ? " looks like an outlier" : " look like outliers") + buffer +
                                            (robust ? "."
                                             : one  ? "; turn on the robust fit to set it aside."
                                                    : "; turn on the robust fit to set them aside.")};
}

std::optional<Warning> known_radius_contradicts(const KnownRadiusCheck& check, double known, double fixed_rms,
                                                double free_rms, const std::string& units) {
  char buffer[160];
  if (check.free_std_error > 0.0) {
    if (!(std::abs(check.z) > kKnownRadiusLimit)) return std::nullopt;
    std::snprintf(buffer, sizeof buffer, "%.3g standard uncertainties", std::abs(check.z));
    return Warning{WarningCode::KnownRadiusContradicts,
                   "The known radius " + format_length(known, units) + " contradicts the data: fitted freely, R = " +
                       format_with_uncertainty(check.free_radius, check.free_std_error, units) + ", " + buffer +
                       " away. Check the radius and the units."};
  }
  // Without an uncertainty of the free radius, compare how well each sphere explains the data.
  if (!(fixed_rms > 3.0 * free_rms + 1e-9 * known)) return std::nullopt;
  return Warning{WarningCode::KnownRadiusContradicts,
                 "The known radius " + format_length(known, units) + " does not fit the data: the RMS distance is " +
                     format_length(fixed_rms, units) + " with it and " + format_length(free_rms, units) +
                     " with the radius fitted freely (R = " + format_length(check.free_radius, units) +
                     "). Check the radius and the units."};
}

}  // namespace spherefit
