// Whether a fit describes its observations as a sphere. A segmentation's label, an RT-STRUCT ROI
// or a table's object whose surface is not spherical (a pelvis, a femur's shaft, a bladder) is
// listed as not a sphere with its RMS, never shown as one; and in one-sphere mode the most
// sphere-like of them is the one fitted.
//
// Spherical when the radius is determined — its standard uncertainty at most kSphericalRadiusU
// of R (a pelvis fitted as a sphere gives R ± 10⁸ mm) — and the data lie on the sphere: their RMS
// distance at most kSphericalRms of R, or the data's own resolution (noise_floor: half a voxel for a
// volume) when that is larger. A voxelised ball's contours lie within a tenth of a voxel of its
// sphere; a femoral head segmented with its neck already departs by 10 % of R.
#pragma once

#include <string>

#include "model/result.hpp"

namespace spherefit {

inline constexpr double kSphericalRadiusU = 0.05;
inline constexpr double kSphericalRms = 0.05;

struct Sphericity {
  bool spherical = false;
  double score = 0.0;   // RMS / R: smaller is more sphere-like (infinite when undetermined)
  std::string why_not;  // empty when spherical
};

Sphericity judge_sphericity(const SphereFit& fit, double noise_floor, const std::string& units);

}  // namespace spherefit
