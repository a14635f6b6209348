// What a user needs besides the sphere, for slice circles: per-slice residuals, offsets and
// heights, the RMS distance, coverage, the form error about the centre, and warnings in words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fit/circles/work_set.hpp"
#include "model/result.hpp"
#include "report/fit_summary.hpp"

namespace spherefit {

// Per slice, the RMS distance of its circle's points from the sphere, √((M − R)² + V).
std::vector<double> slice_deviations(const std::vector<WorkCircle>& circles, const Sphere& sphere);

// The weighted RMS distance of all selected circles' points from the sphere (working units).
double circles_rms(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use, const Sphere& sphere);

// Median of values[i] over the selected i (0 when none is selected).
double selected_median(const std::vector<double>& values, const std::vector<std::uint8_t>& use);

// A slice is an outlier when its deviation exceeds this many times the median slice's
// (and is not at rounding level). Clean slices with Gaussian noise stay below ~3.5×, even with
// the smaller residuals of slices near the poles pulling the median down.
constexpr double kOutlierFactor = 5.0;

std::vector<std::uint8_t> slices_within(const std::vector<double>& deviations,
                                        const std::vector<std::uint8_t>& use, double radius);


// The result in user units, with residuals for every slice (rejected ones too).
SphereFit describe_circle_fit(const WorkSet& set, const std::vector<std::uint8_t>& use, const FitSummary& summary);

}  // namespace spherefit
