// The smallest ball holding a set of points: the minimum circumscribed sphere of measured points.
//
// Welzl's randomised recursion ("Smallest enclosing disks (balls and ellipsoids)", 1991) with
// Gärtner's move-to-front order ("Fast and robust smallest enclosing balls", ESA 1999): mb(L, B),
// the smallest ball holding L with the points B on its boundary, tests the points of L in turn and
// recurses with a point added to B whenever one lies outside; a point that did so moves to the front
// of L, so the few points that matter are met first. Expected time is linear in the number of points,
// and the answer is combinatorial: the sphere through at most four points. The order starts from a
// fixed-seed shuffle (our own Fisher–Yates on std::mt19937_64, whose output the standard fixes), so
// the same data give the same ball on every platform.
//
// The multipliers certify the answer globally: with weights wᵢ ≥ 0 summing to 1 on support points
// pᵢ and c' = Σ wᵢpᵢ, every centre x has max |pᵢ − x|² ≥ Σ wᵢ|pᵢ − x|² = Σ wᵢ|pᵢ − c'|² + |x − c'|²,
// so no ball holding the points has a radius below √(Σ wᵢ|pᵢ − c'|²).
#pragma once

#include <Eigen/Core>
#include <vector>

namespace spherefit {

struct EnclosingBall {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  double radius = 0.0;          // the largest distance from center to a point, recomputed
  std::vector<long> support;    // the points on the sphere that determine it (at most four)
  std::vector<double> weights;  // their multipliers: the centre's barycentric coordinates, ≥ 0, sum 1
  double lower_bound = 0.0;     // no ball holding every point has a smaller radius
  int passes = 0;               // move-to-front runs (a second one only when rounding left a point out)
};

// Preconditions: at least one point, all finite, in coordinates of order one (centred and scaled).
EnclosingBall smallest_enclosing_ball(const std::vector<Eigen::Vector3d>& points);

}  // namespace spherefit
