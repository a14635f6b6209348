// Validated points in working coordinates, without a copy: the user's columns stay where they
// are and each pass maps a point on the fly, q = (p − origin) / scale. Centring on the data and
// scaling to unit size keeps every digit of a ball a thousand radii from the origin (NIST's sph5
// and sph29) and makes every tolerance relative. Memory stays at the caller's 24 bytes per point.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "fit/sphere.hpp"
#include "model/points.hpp"
#include "model/status.hpp"

namespace spherefit {

struct PointSet {
  PointColumnsView points;
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();
  double scale = 1.0;  // working length 1 = `scale` user units
  double inverse_scale = 1.0;
  std::size_t contours = 0;  // number of slice ids (0: a plain cloud)

  std::size_t size() const { return points.count; }
  Eigen::Vector3d at(std::size_t i) const { return (points.point(i) - origin) * inverse_scale; }
  Eigen::Vector3d to_user(const Eigen::Vector3d& q) const { return origin + scale * q; }
};

// Checks every value (finite; slice ids from 0 to contours − 1) and finds the working frame, in
// one pass: the origin is the mean, the scale the largest coordinate difference from the first
// point (within 2× of the data's extent, so working coordinates stay below 2 in size).
// Errors: TooFewPoints (fewer than `minimum`), NonFiniteValue and InvalidColumns naming the
// 0-based point, NumericalFailure beyond double's range.
Outcome<PointSet> prepare_points(const PointColumnsView& points, std::size_t minimum);

// The sums over the selected points (working units) that both the spread of the points and the
// algebraic sphere need, gathered in one pass: n, Σq, Σqqᵀ, Σ|q|²q, Σ|q|², Σ|q|⁴.
struct PointMoments {
  double count = 0.0;
  Eigen::Vector3d sum = Eigen::Vector3d::Zero();
  Eigen::Matrix3d outer = Eigen::Matrix3d::Zero();
  Eigen::Vector3d sq_weighted = Eigen::Vector3d::Zero();
  double sq = 0.0;
  double fourth = 0.0;
};
PointMoments measure_moments(const PointSet& set, const std::vector<std::uint8_t>& use);

// How the points spread: the eigenvalues (ascending) and eigenvectors of their scatter matrix in
// working units.
struct Spread {
  Eigen::Vector3d eigenvalues;
  Eigen::Matrix3d axes;
  Eigen::Vector3d centroid;  // working units
};
Spread measure_spread(const PointMoments& moments);

// Whether the points span a volume, or lie in one plane or on one line: their thickness below
// 1e-7 of their extent (variance ratio 1e-14, just above what the eigen-solver resolves). With a
// known radius, points in one plane can still fix a sphere up to its mirror image: the caller
// decides; this only reports the geometry.
enum class Flatness { Solid, Planar, Linear };
Flatness measure_flatness(const Spread& spread);

}  // namespace spherefit
