// The smallest ball holding a set of points: the minimum circumscribed sphere of measured points.
//
// Welzl's recursion ("Smallest enclosing disks (balls and ellipsoids)", 1991) driven by Gärtner's
// pivoting ("Fast and robust smallest enclosing balls", ESA 1999): the point farthest outside the
// current ball joins its support, and the new ball is mb(support ∪ {pivot}) with the pivot on the
// sphere, found by Welzl's recursion over at most five points. The radius grows at every step, so
// the loop ends, and the answer is combinatorial: the sphere through at most four of the points,
// with its centre in their convex hull. Each step is one pass over the points; a noisy sphere of
// 10⁵ points needs about seven, where move-to-front alone, whose order every point near the sphere
// keeps disturbing, took thirty times longer. Nothing is random, so the same data give the same
// ball on every platform.
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
  int passes = 0;               // pivoting steps (passes over the points)
};

// Preconditions: at least one point, all finite, in coordinates of order one (centred and scaled).
EnclosingBall smallest_enclosing_ball(const std::vector<Eigen::Vector3d>& points);

}  // namespace spherefit
