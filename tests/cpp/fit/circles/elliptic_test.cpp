// The closed forms of circle_distance against tabulated values and brute-force quadrature.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fit/circles/circle_distance.hpp"

namespace spherefit {
namespace {

const double kPi = std::acos(-1.0);

TEST(Elliptic, MatchesTabulatedValues) {
  // Abramowitz & Stegun table 17.1 / DLMF 19: K(0.5), E(0.5), K(0.9), E(0.9).
  EXPECT_NEAR(complete_elliptic(0.0).k, kPi / 2, 1e-16);
  EXPECT_NEAR(complete_elliptic(0.0).e, kPi / 2, 1e-16);
  EXPECT_NEAR(complete_elliptic(0.5).k, 1.8540746773013719, 5e-16);
  EXPECT_NEAR(complete_elliptic(0.5).e, 1.3506438810476755, 5e-16);
  EXPECT_NEAR(complete_elliptic(0.9).k, 2.5780921133481733, 9e-16);
  EXPECT_NEAR(complete_elliptic(0.9).e, 1.1047747327040733, 9e-16);
}

TEST(Elliptic, DifferenceQuotientHasNoCancellation) {
  // (K − E)/m = π/4 (1 + 3m/8 + 15m²/64 + 175m³/1024 + …) for small m, where K − E itself would cancel.
  for (double m : {1e-12, 1e-8, 1e-4}) {
    const double series = kPi / 4 * (1 + 3 * m / 8 + 15 * m * m / 64 + 175 * m * m * m / 1024);
    EXPECT_NEAR(complete_elliptic(m).d / series, 1.0, 1e-15) << "m = " << m;
  }
  const auto e = complete_elliptic(0.3);
  EXPECT_NEAR(e.d, (e.k - e.e) / 0.3, 1e-15);
}

struct Quadrature {
  double mean, spread;
  Eigen::Vector3d mean_gradient;
};

Quadrature integrate(const WorkCircle& c, const Eigen::Vector3d& p, int nodes = 20000) {
  // Kahan-free but dense: the midpoint rule on a periodic integrand.
  double s1 = 0, s2 = 0;
  Eigen::Vector3d g = Eigen::Vector3d::Zero();
  for (int k = 0; k < nodes; ++k) {
    const double t = 2 * kPi * (k + 0.5) / nodes;
    const Eigen::Vector3d q = c.center + c.radius * (std::cos(t) * c.u + std::sin(t) * c.v);
    const double d = (q - p).norm();
    s1 += d;
    s2 += d * d;
    g -= (q - p) / d;
  }
  Quadrature out{s1 / nodes, 0, g / nodes};
  out.spread = s2 / nodes - out.mean * out.mean;
  return out;
}

TEST(CircleDistance, MatchesQuadratureIncludingNearTheCircle) {
  std::mt19937_64 rng(12345);
  std::normal_distribution<double> g;
  std::printf("seed 12345\n");
  for (int trial = 0; trial < 200; ++trial) {
    const Eigen::Vector3d n = Eigen::Vector3d(g(rng), g(rng), g(rng)).normalized();
    const WorkCircle c = make_work_circle(Eigen::Vector3d(g(rng), g(rng), g(rng)), n, std::abs(g(rng)) + 0.1, 1.0);
    // Points anywhere, and points 1e-2 from the circle itself (m close to 1).
    Eigen::Vector3d p(g(rng), g(rng), g(rng));
    if (trial % 4 == 0) p = c.center + c.radius * c.u + 1e-2 * Eigen::Vector3d(g(rng), g(rng), g(rng)).normalized();
    const CircleDistance d = measure_circle(c, p);
    const Quadrature q = integrate(c, p);
    EXPECT_NEAR(d.mean, q.mean, 1e-12 * q.mean) << trial;
    EXPECT_NEAR(d.spread, q.spread, 1e-10 * (q.mean * q.mean)) << trial;
    EXPECT_NEAR((d.mean_gradient - q.mean_gradient).norm(), 0.0, 1e-9) << trial;
  }
}

TEST(CircleDistance, SpreadIsAccurateForTinyOffsets) {
  // V ≈ r²b²/(2A) when the offset b is tiny: exactly where A − M² would have lost every digit.
  const WorkCircle c = make_work_circle({0, 0, 0.6}, Eigen::Vector3d::UnitZ(), 0.8, 1.0);
  for (double b : {1e-3, 1e-6, 1e-9}) {
    const CircleDistance d = measure_circle(c, {b, 0, 0});
    const double a_sq = 1.0 + b * b;
    const double leading = 0.64 * b * b / (2 * a_sq);
    EXPECT_NEAR(d.spread / leading, 1.0, 1e-5) << "b = " << b;
  }
}

TEST(CircleDistance, InPlaneGradientIsAccurateForTinyOffsets) {
  // ∂M/∂b = mean (b + r cos θ)/d = (b/√A)(1 − r²/(2A)) + O(b³): for tiny b the in-plane gradient
  // must keep its relative accuracy, which K − 2D formed by subtraction would lose (error ε/m).
  const WorkCircle c = make_work_circle({0, 0, 0.6}, Eigen::Vector3d::UnitZ(), 0.8, 1.0);
  for (double b : {1e-3, 1e-6, 1e-9}) {
    const Eigen::Vector3d p(-b, 0, 0);  // circle centre offset by +b along x from p's axis
    const CircleDistance d = measure_circle(c, p);
    const double a_sq = 0.36 + b * b + 0.64;
    const double leading = -(b / std::sqrt(a_sq)) * (1 - 0.64 / (2 * a_sq));             // ∂M/∂p_x = −∂M/∂b
    EXPECT_NEAR(d.mean_gradient.x() / leading, 1.0, 1e-14 + 10 * b * b) << "b = " << b;  // + O(b²) truncation
  }
}

TEST(CircleDistance, SeriesAndAgmAgreeAcrossTheSwitchAtMOneTenth) {
  // m = 4rb/(A + 2rb) for a circle of radius r whose centre is b off p's axis: solve for b.
  const double r = 0.9, height = 0.4;
  for (double m : {1e-9, 1e-4, 0.02, 0.0999999, 0.1, 0.1000001, 0.3}) {
    // 4rb = m(h² + b² + r² + 2rb)  →  m b² + (2m − 4)r b + m(h² + r²) = 0, smaller root
    const double qa = m, qb = (2 * m - 4) * r, qc = m * (height * height + r * r);
    const double b = 2 * qc / (-qb + std::sqrt(qb * qb - 4 * qa * qc));  // no cancellation
    const WorkCircle c = make_work_circle({b, 0, height}, Eigen::Vector3d::UnitZ(), r, 1.0);
    const CircleDistance d = measure_circle(c, Eigen::Vector3d::Zero());
    const double a_sq = height * height + b * b + r * r, s = a_sq + 2 * r * b;
    ASSERT_NEAR(2 * 2 * r * b / s, m, 1e-12 * m);
    const double agm_mean = 2 / kPi * std::sqrt(s) * complete_elliptic(m).e;
    EXPECT_NEAR(d.mean, agm_mean, 4.5e-16 * agm_mean) << "m = " << m;
    const Quadrature q = integrate(c, Eigen::Vector3d::Zero(), 4000);
    EXPECT_NEAR(d.spread, q.spread, 1e-13 * a_sq + 1e-9 * q.spread) << "m = " << m;
    EXPECT_NEAR((d.mean_gradient - q.mean_gradient).norm(), 0.0, 1e-14) << "m = " << m;
  }
}

}  // namespace
}  // namespace spherefit
