// The smallest enclosing ball against brute force: every ball through 2, 3 or 4 of the points
// (computed here with textbook formulas), the smallest that holds them all.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <Eigen/LU>
#include <cstdio>
#include <limits>
#include <random>

#include "fit/form/enclosing_ball.hpp"
#include "fit/form/form_fit.hpp"
#include "support/form_cases.hpp"

namespace spherefit {
namespace {

struct Ball {
  Eigen::Vector3d center;
  double radius;
};

Ball brute_force_ball(const std::vector<Eigen::Vector3d>& p) {
  const std::size_t n = p.size();
  Ball best{Eigen::Vector3d::Zero(), std::numeric_limits<double>::infinity()};
  const auto consider = [&](const Eigen::Vector3d& c, double r) {
    if (!c.allFinite() || r >= best.radius) return;
    for (const Eigen::Vector3d& q : p)
      if ((q - c).norm() > r * (1 + 1e-12)) return;
    best = {c, r};
  };
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = a + 1; b < n; ++b) {
      consider(0.5 * (p[a] + p[b]), 0.5 * (p[a] - p[b]).norm());
      for (std::size_t c = b + 1; c < n; ++c) {
        // Circumcentre of a triangle: a + (|u|² v×w + |v|² w×u) / (2|w|²), w = u×v.
        const Eigen::Vector3d u = p[b] - p[a], v = p[c] - p[a], w = u.cross(v);
        const Eigen::Vector3d cc =
            p[a] + (u.squaredNorm() * v.cross(w) + v.squaredNorm() * w.cross(u)) / (2 * w.squaredNorm());
        consider(cc, (cc - p[a]).norm());
        for (std::size_t d = c + 1; d < n; ++d) {
          Eigen::Matrix3d m;
          m << (p[b] - p[a]).transpose(), (p[c] - p[a]).transpose(), (p[d] - p[a]).transpose();
          const Eigen::Vector3d rhs(0.5 * (p[b] - p[a]).squaredNorm(), 0.5 * (p[c] - p[a]).squaredNorm(),
                                    0.5 * (p[d] - p[a]).squaredNorm());
          const Eigen::Vector3d x = m.fullPivLu().solve(rhs);
          consider(p[a] + x, x.norm());
        }
      }
    }
  return best;
}

TEST(EnclosingBall, TwelveRandomPointsMatchBruteForce) {
  std::mt19937_64 rng(12);
  std::printf("seed 12\n");
  std::normal_distribution<double> gauss;
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<Eigen::Vector3d> p;
    // Gaussian clouds, flattened clouds and points near a sphere: 2-, 3- and 4-point answers.
    const Eigen::Vector3d stretch(1.0, trial % 3 == 1 ? 0.2 : 1.0, trial % 3 == 2 ? 0.05 : 1.0);
    for (int i = 0; i < 12; ++i) p.push_back(Eigen::Vector3d(gauss(rng), gauss(rng), gauss(rng)).cwiseProduct(stretch));
    const Ball truth = brute_force_ball(p);
    const EnclosingBall ball = smallest_enclosing_ball(p);
    EXPECT_NEAR(ball.radius, truth.radius, 1e-12 * truth.radius) << "trial " << trial;
    EXPECT_LE((ball.center - truth.center).norm(), 1e-9 * truth.radius) << "trial " << trial;
    EXPECT_LE(ball.radius - ball.lower_bound, 1e-12 * truth.radius) << "trial " << trial;
    EXPECT_LE(ball.lower_bound, truth.radius * (1 + 1e-14));
    double total = 0;
    for (double w : ball.weights) total += w;
    EXPECT_NEAR(total, 1.0, 1e-12);
  }
}

TEST(EnclosingBall, PointsOnASphereGiveThatSphere) {
  std::mt19937_64 rng(3);
  std::printf("seed 3\n");
  const Eigen::Vector3d c(0.3, -0.2, 0.1);
  for (std::size_t n : {4, 5, 50, 5000}) {
    const auto p = testing::sphere_points(c, 1.0, n, 0.0, 3.14159265358979, rng);
    const EnclosingBall ball = smallest_enclosing_ball(p);
    const Ball truth = n <= 50 ? brute_force_ball(p) : Ball{c, 1.0};
    if (n >= 50) {  // enough points all round: the sphere itself
      EXPECT_LE((ball.center - c).norm(), 1e-12);
      EXPECT_NEAR(ball.radius, 1.0, 1e-14);
    }
    EXPECT_NEAR(ball.radius, truth.radius, 1e-12);
  }
}

TEST(EnclosingBall, FitFormOnPointsUsesIt) {
  std::mt19937_64 rng(44);
  std::printf("seed 44\n");
  const auto p = testing::sphere_points({10, 20, 30}, 5.0, 12, 0.3, 3.14159265358979, rng);
  const Ball truth = brute_force_ball(p);
  const PointTable t = testing::point_table(p);
  const auto fit = fit_form(t.view(), FitType::MinimumCircumscribed, testing::algebraic_center(p));
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_NEAR(fit.value().radius, truth.radius, 1e-12 * truth.radius);
  EXPECT_LE((fit.value().center - truth.center).norm(), 1e-10 * truth.radius);
  EXPECT_EQ(testing::check_conditions(p, fit.value(), FitType::MinimumCircumscribed, 1e-12 * truth.radius, 1e-9), "");
  EXPECT_LE(fit.value().form.max_violation, 1e-13 * truth.radius);
  EXPECT_LE(fit.value().form.optimality_gap, 1e-12 * truth.radius);
  EXPECT_TRUE(fit.value().form.unique);
}

}  // namespace
}  // namespace spherefit
