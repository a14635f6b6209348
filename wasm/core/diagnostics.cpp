#include "diagnostics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "refine.hpp"

namespace spherefit {
namespace {

constexpr double kDegrees = 57.29577951308232;

std::string format(const char* pattern, double a, double b = 0.0) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, pattern, a, b);
  return buffer;
}

std::string slice_list(const std::vector<std::size_t>& indices) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(indices.size(), 12);
  for (std::size_t k = 0; k < shown; ++k) {
    if (k > 0) out += ", ";
    out += std::to_string(indices[k] + 1);
  }
  if (indices.size() > shown) out += " and " + std::to_string(indices.size() - shown) + " more";
  return out;
}

// From each slice's height above the centre along its normal (any unit, the same as radius).
Coverage measure_coverage(const std::vector<double>& heights, const std::vector<std::uint8_t>& use, double radius) {
  Coverage c;
  double low = 1.0, high = -1.0;
  bool all_above = true, all_below = true;
  for (std::size_t i = 0; i < heights.size(); ++i) {
    if (!use[i]) continue;
    const double h = std::clamp(heights[i] / radius, -1.0, 1.0);
    low = std::min(low, h);
    high = std::max(high, h);
    all_above = all_above && h > 1e-9;
    all_below = all_below && h < -1e-9;
  }
  if (high < low) return c;
  c.min_latitude_deg = std::asin(low) * kDegrees;
  c.max_latitude_deg = std::asin(high) * kDegrees;
  c.area_fraction = std::clamp((high - low) / 2.0, 0.0, 1.0);
  c.cap_only = all_above || all_below;
  return c;
}

// The RMS distance of a circle's points from the sphere: √((M − R)² + V).
double deviation(const CircleDistance& d, double radius) {
  const double radial = d.mean - radius;
  return std::sqrt(radial * radial + d.spread);
}

}  // namespace

std::vector<double> slice_deviations(const std::vector<WorkCircle>& circles, const Sphere& sphere) {
  std::vector<double> out(circles.size());
  for (std::size_t i = 0; i < circles.size(); ++i) out[i] = deviation(measure_circle(circles[i], sphere.center), sphere.radius);
  return out;
}

double selected_median(const std::vector<double>& values, const std::vector<std::uint8_t>& use) {
  std::vector<double> picked;
  picked.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (use[i]) picked.push_back(values[i]);
  }
  if (picked.empty()) return 0.0;
  const auto mid = picked.begin() + static_cast<std::ptrdiff_t>(picked.size() / 2);
  std::nth_element(picked.begin(), mid, picked.end());
  return *mid;
}

std::vector<std::uint8_t> slices_within(const std::vector<double>& deviations,
                                        const std::vector<std::uint8_t>& use, double radius) {
  const double limit = std::max(kOutlierFactor * selected_median(deviations, use), 1e-9 * radius);
  std::vector<std::uint8_t> within(deviations.size());
  for (std::size_t i = 0; i < deviations.size(); ++i) within[i] = deviations[i] <= limit ? 1 : 0;
  return within;
}

SphereFit describe_fit(const WorkSet& set, const std::vector<std::uint8_t>& use, const FitSummary& summary) {
  const Sphere& s = summary.sphere;
  const double scale = set.scale;
  const std::size_t n = set.circles.size();
  SphereFit fit;
  fit.center = set.to_user(s.center);
  fit.radius = scale * s.radius;
  fit.radius_fixed = summary.radius_fixed;
  fit.iterations = summary.iterations;
  fit.residuals.resize(n);
  fit.offsets.resize(n);
  fit.heights.resize(n);
  std::vector<double> deviations(n);
  fit.inlier.assign(use.begin(), use.end());

  double weighted_sq = 0.0, weight = 0.0;
  std::size_t used = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const WorkCircle& c = set.circles[i];
    const CircleDistance d = measure_circle(c, s.center);
    const double radial = d.mean - s.radius;
    fit.residuals[i] = scale * radial;
    fit.offsets[i] = scale * d.offset;
    fit.heights[i] = scale * d.height;
    deviations[i] = deviation(d, s.radius);
    if (c.weight == 0.0) fit.inlier[i] = 1;  // not rejected, only given no weight
    if (!use[i]) continue;
    ++used;
    weighted_sq += c.weight * deviations[i] * deviations[i];
    weight += c.weight;
    fit.max_abs_residual = std::max(fit.max_abs_residual, std::abs(fit.residuals[i]));
  }
  fit.rms = weight > 0.0 ? scale * std::sqrt(weighted_sq / weight) : 0.0;
  fit.coverage = measure_coverage(fit.heights, use, fit.radius);

  if (summary.covariance) {
    fit.has_uncertainty = true;
    // Standard uncertainties scale by `scale`, variances by its square, which overflows first.
    fit.std_error = scale * summary.covariance->diagonal().cwiseMax(0.0).cwiseSqrt();
    const Eigen::Matrix4d covariance = scale * (scale * *summary.covariance);
    fit.has_covariance = covariance.allFinite();
    for (int k = 0; k < 4; ++k) {
      if (fit.std_error(k) > 0.0 && !(covariance(k, k) >= std::numeric_limits<double>::min())) fit.has_covariance = false;
    }
    if (fit.has_covariance) {
      fit.covariance = covariance;
    } else {
      fit.warnings.push_back("At this scale the variances are beyond double precision: the covariance matrix is not "
                             "reported (the standard uncertainties are); rescale the data to get it.");
    }
  } else {
    fit.warnings.push_back("The fit is exactly determined (" + std::to_string(used) +
                           " slices, no redundant measurement): uncertainties can't be estimated; add slices.");
  }
  if (!summary.converged) {
    fit.warnings.push_back("The fit stopped after " + std::to_string(summary.iterations) +
                           " iterations without fully converging; check the data for slices far from a sphere.");
  }
  if (fit.coverage.cap_only) {
    std::string w = format("All slices are on one side of the centre (latitudes %.3g° to %.3g°): ",
                           fit.coverage.min_latitude_deg, fit.coverage.max_latitude_deg);
    w += summary.radius_fixed ? "the known radius fixes the centre along the slice normal."
                              : "the radius and the centre's position along the slice normal are correlated; "
                                "slices on both sides pin them down.";
    fit.warnings.push_back(w);
  }
  if (fit.has_uncertainty && !summary.radius_fixed && fit.std_error(3) > 0.01 * fit.radius) {
    fit.warnings.push_back(format("The radius is poorly determined: ±%.2g %% of R (one standard uncertainty).",
                                  100.0 * fit.std_error(3) / fit.radius));
  }

  std::vector<std::size_t> rejected, suspicious;
  const std::vector<std::uint8_t> within = slices_within(deviations, use, s.radius);
  for (std::size_t i = 0; i < n; ++i) {
    if (!fit.inlier[i]) rejected.push_back(i);
    else if (use[i] && !within[i]) suspicious.push_back(i);
  }
  if (!rejected.empty()) {
    fit.warnings.push_back("The robust fit set aside " + std::to_string(rejected.size()) +
                           (rejected.size() == 1 ? " slice: " : " slices: ") + slice_list(rejected) + ".");
  }
  if (!suspicious.empty()) {
    fit.warnings.push_back((suspicious.size() == 1 ? "Slice " : "Slices ") + slice_list(suspicious) +
                           (suspicious.size() == 1 ? " looks like an outlier" : " look like outliers") +
                           format(" (more than %g× the typical slice's distance from the sphere)", kOutlierFactor) +
                           (summary.robust ? "." : suspicious.size() == 1 ? "; turn on the robust fit to set it aside."
                                                                    : "; turn on the robust fit to set them aside."));
  }
  return fit;
}

}  // namespace spherefit
