// Which points belong to the sphere, when a scan also caught clutter (a fixture, the table under a
// calibration ball, the acetabulum next to a femoral head).
//
// A sample consensus in the spirit of LMedS/MSAC over minimal point sets: spheres through four
// random points (three, on the known radius, with both mirror centres) from a seeded generator, so
// the answer is deterministic; each scored by the 25 % quantile of its |distance| over an evenly
// strided subset of the points (least quantile of squares: a sphere holding a quarter of the points
// wins over any amount of clutter, and no threshold is chosen in advance). Candidates outside the
// radius limits are skipped, as PCL's and CloudCompare's RANSAC sphere fits allow, so a ball that is
// a minority of the scan can still be picked out. The best candidate's quantile gives a first noise
// scale σ₀ = q₀.₂₅ / 0.319 (the 25 % quantile of |N(0, σ)|), which over-estimates σ by about 2× when
// half the points are clutter; points within 2.5 σ₀ start the rounds of least squares, each keeping
// the points within t·s of the last fit (s its RMS distance; t the largest of n normal draws at
// 95 %, 3.7 for 240 points, 5.5 for a million, so that clean points are kept), until the set stops
// changing.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "fit/points/point_refine.hpp"
#include "fit/points/point_set.hpp"
#include "model/options.hpp"

namespace spherefit {

struct PointConsensus {
  std::vector<std::uint8_t> inlier;    // empty when no consensus was searched (too few points)
  std::optional<PointRefinement> fit;  // the least-squares fit of exactly `inlier`
};

// fixed_radius in working units; options give the radius limits (user units) and iteration limit.
PointConsensus find_consistent_points(const PointSet& set, std::optional<double> fixed_radius,
                                      const FitOptions& options);

}  // namespace spherefit
