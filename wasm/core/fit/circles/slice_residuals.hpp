// How far each slice circle lies from a sphere, and which slices are far from the rest: what the
// robust search, the diagnostics and the outlier warnings share. A circle's points lie at RMS
// distance √((M − R)² + V) from the sphere (M the mean distance of its points from the centre,
// V their variance: fit/circles/circle_distance.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "fit/circles/circle_distance.hpp"
#include "fit/circles/work_set.hpp"
#include "fit/sphere.hpp"

namespace spherefit {

// The RMS distance of one circle's points from the sphere of radius `radius`.
double slice_deviation(const CircleDistance& d, double radius);

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

std::vector<std::uint8_t> slices_within(const std::vector<double>& deviations, const std::vector<std::uint8_t>& use,
                                        double radius);

}  // namespace spherefit
