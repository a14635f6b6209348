// What a user needs besides the sphere, for points: each point's signed distance from the
// sphere, the RMS and largest distance, coverage (latitudes about the data's own axis, or the
// slice normal for contours), the form error about the centre, and warnings in words — among them
// clutter: points far beyond the typical distance (a fixture, the table under a ball, the
// acetabulum beside a femoral head).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "fit/points/point_set.hpp"
#include "model/result.hpp"
#include "report/fit_summary.hpp"

namespace spherefit {

// A point is clutter when its distance from the sphere exceeds clutter_factor(n) robust standard
// deviations (1.4826 × the median |distance|): at least kClutterFactor, and more for many points,
// so that Gaussian noise alone is expected to put fewer than kClutterFalseCount of the n points
// beyond it (at a fixed 5σ, 6e-7 of them are: 6 of 10^7). See docs/design.md, "Clutter".
inline constexpr double kClutterFactor = 5.0;
inline constexpr double kClutterFalseCount = 0.05;
// The smallest t ≥ kClutterFactor with n · erfc(t / √2) ≤ kClutterFalseCount (the expected count
// of |N(0, 1)| samples beyond t among n); 5 for n up to about 87 000, 5.85 for 10^7, 6.57 for 10^9.
double clutter_factor(std::size_t n);
// Nor is a point clutter within this fraction of the radius of the sphere: such distances are the
// data's own rounding (a mesh written with six or seven digits, where the typical distance is a
// rounding error too and 5× it says nothing), not a fixture or a table.
inline constexpr double kClutterFloor = 1e-5;

struct PointSummary : FitSummary {
  std::optional<Eigen::Vector3d> axis;  // unit direction latitudes are measured along
};

// The result in user units; residuals for every point, inlier = use (all ones when use is empty).
SphereFit describe_point_fit(const PointSet& set, const std::vector<std::uint8_t>& use, const PointSummary& summary);

// The robust scale of the distances of the selected points: 1.4826 × their median |distance|,
// from an evenly strided sample of at most `sample` points (working units; the median of 20 000
// is within about 1 % of the whole cloud's).
double robust_distance_scale(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& sphere,
                             std::size_t sample = 20000);

}  // namespace spherefit
