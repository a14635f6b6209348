#include "fit/form/enclosing_ball.hpp"

#include <Eigen/LU>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>

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

class MoveToFront {
 public:
  explicit MoveToFront(const std::vector<Eigen::Vector3d>& points) : points_(points) {
    const long n = static_cast<long>(points.size());
    std::vector<long> order(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
    std::mt19937_64 rng(20240611);
    for (long i = n - 1; i > 0; --i) std::swap(order[static_cast<std::size_t>(i)], order[rng() % static_cast<std::uint64_t>(i + 1)]);
    next_.assign(static_cast<std::size_t>(n), -1);
    prev_.assign(static_cast<std::size_t>(n), -1);
    for (long k = 0; k < n; ++k) {
      const long i = order[static_cast<std::size_t>(k)];
      if (k > 0) prev_[static_cast<std::size_t>(i)] = order[static_cast<std::size_t>(k - 1)];
      if (k + 1 < n) next_[static_cast<std::size_t>(i)] = order[static_cast<std::size_t>(k + 1)];
    }
    head_ = n > 0 ? order[0] : -1;
  }

  const Ball& run() {
    ball_ = Ball{};
    recurse(-1, 0);
    return ball_;
  }

  void move_to_front(long i) {
    if (i == head_) return;
    const long p = prev_[static_cast<std::size_t>(i)];
    const long n = next_[static_cast<std::size_t>(i)];
    if (p >= 0) next_[static_cast<std::size_t>(p)] = n;
    if (n >= 0) prev_[static_cast<std::size_t>(n)] = p;
    prev_[static_cast<std::size_t>(i)] = -1;
    next_[static_cast<std::size_t>(i)] = head_;
    prev_[static_cast<std::size_t>(head_)] = i;
    head_ = i;
  }

 private:
  // mb(L before `end`, support[0..size)); ball_ holds the ball of the support on entry.
  void recurse(long end, int size) {
    if (size == 4) return;
    for (long it = head_; it != end;) {
      const long next = next_[static_cast<std::size_t>(it)];
      const double excess = (points_[static_cast<std::size_t>(it)] - ball_.center).squaredNorm() - ball_.radius_sq;
      if (ball_.radius_sq < 0.0 || excess > kOnSphere * ball_.radius_sq) {
        support_[static_cast<std::size_t>(size)] = it;
        if (const auto b = ball_through(points_, support_.data(), size + 1)) {
          ball_ = *b;
          recurse(it, size + 1);
          move_to_front(it);
        }
      }
      it = next;
    }
  }

  const std::vector<Eigen::Vector3d>& points_;
  std::vector<long> next_, prev_;
  long head_ = -1;
  std::array<long, 4> support_{};
  Ball ball_;
};

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
      const double d2 = (points[static_cast<std::size_t>(ball.support[static_cast<std::size_t>(j)])] - b->center).squaredNorm();
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
  MoveToFront mtf(points);
  Ball ball;
  for (int pass = 1; pass <= 16; ++pass) {
    ball = mtf.run();
    out.passes = pass;
    // Rounding may leave a point a hair outside; it goes first and the recursion runs again.
    long worst = -1;
    double worst_sq = ball.radius_sq * (1.0 + 4.0 * kOnSphere);
    for (std::size_t i = 0; i < points.size(); ++i) {
      const double d2 = (points[i] - ball.center).squaredNorm();
      if (d2 > worst_sq) {
        worst_sq = d2;
        worst = static_cast<long>(i);
      }
    }
    if (worst < 0) break;
    mtf.move_to_front(worst);
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
