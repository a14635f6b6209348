#include "fit/form/enclosing_ball.hpp"

#include <Eigen/LU>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

namespace spherefit {
namespace {

// Squared distances within this fraction of the squared radius count as on the sphere: rounding in
// the circumcentre of nearly cospherical points must not send the recursion chasing noise.
constexpr double kOnSphere = 1e-12;

struct Ball {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  double radius_sq = -1.0;  // empty: every point is outside
  std::array<long, 4> support{};
  std::array<double, 4> weights{};
  int size = 0;
};

// The smallest sphere through points[idx[0..k)]: its centre lies in their affine hull,
// c = p₀ + Σ αⱼ(pⱼ − p₀) with 2(pⱼ − p₀)·(c − p₀) = |pⱼ − p₀|², a (k−1)×(k−1) Gram system.
// Nothing when the points are (numerically) affinely dependent.
std::optional<Ball> ball_through(const std::vector<Eigen::Vector3d>& points, const long* idx, int k) {
  Ball b;
  b.size = k;
  for (int j = 0; j < k; ++j) b.support[j] = idx[j];
  if (k == 0) return b;
  const Eigen::Vector3d& p0 = points[static_cast<std::size_t>(idx[0])];
  if (k == 1) {
    b.center = p0;
    b.radius_sq = 0.0;
    b.weights[0] = 1.0;
    return b;
  }
  using Small = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, 3, 3>;
  using SmallVector = Eigen::Matrix<double, Eigen::Dynamic, 1, 0, 3, 1>;
  Eigen::Matrix<double, 3, Eigen::Dynamic, 0, 3, 3> q(3, k - 1);
  for (int j = 1; j < k; ++j) q.col(j - 1) = points[static_cast<std::size_t>(idx[j])] - p0;
  const Small gram = q.transpose() * q;
  const SmallVector rhs = 0.5 * gram.diagonal();
  Eigen::FullPivLU<Small> lu(gram);
  lu.setThreshold(1e-12);
  if (lu.rank() < k - 1) return std::nullopt;
  const SmallVector alpha = lu.solve(rhs);
  if (!alpha.allFinite()) return std::nullopt;
  b.center = p0 + q * alpha;
  b.weights[0] = 1.0 - alpha.sum();
  for (int j = 1; j < k; ++j) b.weights[j] = alpha(j - 1);
  b.radius_sq = 0.0;
  for (int j = 0; j < k; ++j)
    b.radius_sq = std::max(b.radius_sq, (points[static_cast<std::size_t>(idx[j])] - b.center).squaredNorm());
  return b;
}

// mb(free ∪ boundary) with the boundary points on the sphere, by Welzl's recursion over at most
// four free points (so at most sixteen calls). A point affinely dependent on the boundary is left
// out; the pivoting loop below then sees no growth and stops.
std::optional<Ball> small_ball(const std::vector<Eigen::Vector3d>& points, const long* free, int n_free,
                               std::array<long, 4> boundary, int n_boundary) {
  if (n_free == 0 || n_boundary == 4) return ball_through(points, boundary.data(), n_boundary);
  const long p = free[n_free - 1];
  const std::optional<Ball> without = small_ball(points, free, n_free - 1, boundary, n_boundary);
  if (without && without->radius_sq >= 0.0 &&
      (points[static_cast<std::size_t>(p)] - without->center).squaredNorm() <= without->radius_sq * (1.0 + kOnSphere)) {
    return without;
  }
  boundary[static_cast<std::size_t>(n_boundary)] = p;
  const std::optional<Ball> with = small_ball(points, free, n_free - 1, boundary, n_boundary + 1);
  return with ? with : without;
}

// Among the balls through subsets of the support, the smallest that holds the whole support: its
// centre lies in the convex hull of its points, so its weights are the multipliers. Equal to the
// ball itself unless the recursion ended on a support with a redundant point.
Ball minimal_support(const std::vector<Eigen::Vector3d>& points, const Ball& ball) {
  Ball best = ball;
  double best_radius = std::numeric_limits<double>::infinity();
  for (int mask = 1; mask < (1 << ball.size); ++mask) {
    std::array<long, 4> subset{};
    int k = 0;
    for (int j = 0; j < ball.size; ++j)
      if (mask & (1 << j)) subset[static_cast<std::size_t>(k++)] = ball.support[static_cast<std::size_t>(j)];
    const auto b = ball_through(points, subset.data(), k);
    if (!b) continue;
    bool holds = true;
    for (int j = 0; j < ball.size; ++j) {
      const double d2 =
          (points[static_cast<std::size_t>(ball.support[static_cast<std::size_t>(j)])] - b->center).squaredNorm();
      holds = holds && d2 <= b->radius_sq * (1.0 + 1e-10);
    }
    if (holds && b->radius_sq < best_radius) {
      best = *b;
      best_radius = b->radius_sq;
    }
  }
  return best;
}

}  // namespace

EnclosingBall smallest_enclosing_ball(const std::vector<Eigen::Vector3d>& points) {
  EnclosingBall out;
  if (points.empty()) return out;
  // Pivoting: the point farthest outside the current ball joins its support, and the new ball is
  // mb(support ∪ {pivot}) with the pivot on the sphere (Welzl's lemma). The radius grows at every
  // step, so the loop ends; it stops early if rounding leaves no growth.
  const long first = 0;
  Ball ball = *ball_through(points, &first, 1);
  // (A cap on the steps guards against rounding only: a few dozen suffice for any data met.)
  for (int step = 0; step < 100000; ++step) {
    long pivot = -1;
    double worst = ball.radius_sq * (1.0 + kOnSphere);
    for (std::size_t i = 0; i < points.size(); ++i) {
      const double d2 = (points[i] - ball.center).squaredNorm();
      if (d2 > worst) {
        worst = d2;
        pivot = static_cast<long>(i);
      }
    }
    if (pivot < 0) break;
    std::array<long, 4> boundary{};
    boundary[0] = pivot;
    const std::optional<Ball> next = small_ball(points, ball.support.data(), ball.size, boundary, 1);
    if (!next || !(next->radius_sq > ball.radius_sq)) break;
    ball = *next;
    ++out.passes;
  }
  out.center = ball.center;
  double radius_sq = 0.0;
  for (const Eigen::Vector3d& p : points) radius_sq = std::max(radius_sq, (p - ball.center).squaredNorm());
  out.radius = std::sqrt(radius_sq);

  const Ball minimal = minimal_support(points, ball);
  double total = 0.0;
  for (int j = 0; j < minimal.size; ++j) total += std::max(0.0, minimal.weights[static_cast<std::size_t>(j)]);
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (int j = 0; j < minimal.size; ++j) {
    const double w = std::max(0.0, minimal.weights[static_cast<std::size_t>(j)]) / total;
    if (!(w > 0.0)) continue;
    out.support.push_back(minimal.support[static_cast<std::size_t>(j)]);
    out.weights.push_back(w);
    mean += w * points[static_cast<std::size_t>(minimal.support[static_cast<std::size_t>(j)])];
  }
  double spread = 0.0;
  for (std::size_t j = 0; j < out.support.size(); ++j)
    spread += out.weights[j] * (points[static_cast<std::size_t>(out.support[j])] - mean).squaredNorm();
  out.lower_bound = std::sqrt(spread);
  return out;
}

}  // namespace spherefit
