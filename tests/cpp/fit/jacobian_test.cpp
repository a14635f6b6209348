// Every Jacobian the fits use, against central finite differences of the quantity it claims to
// differentiate (step h = 1e-6 of the scale: truncation O(h²) ≈ 1e-12, rounding ≈ ε/h ≈ 1e-10).
//
// Circles (fit/circles/refine.hpp): the radial residual M − R and the exact half-gradient of the per-circle
// objective (M − R)² + V are differentiated exactly; the in-plane rows are, by design, the
// Jacobian of the offset scaled by κ = r/√(2A) held fixed, whose square is V only to leading order
// in the elliptic parameter m — so they agree with the differences of √V·(offset direction) to
// O(m), which the test bounds. Points (fit/points/point_refine.hpp) are exact.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fit/points/point_refine.hpp"
#include "fit/circles/refine.hpp"

namespace spherefit {
namespace {

constexpr double kStep = 1e-6;

Sphere shifted(const Sphere& s, int k, double h) {
  Sphere t = s;
  if (k < 3)
    t.center(k) += h;
  else
    t.radius += h;
  return t;
}

TEST(Jacobian, CircleRadialRowAndObjectiveGradientAreExact) {
  std::mt19937_64 rng(5101);
  std::printf("seed 5101\n");
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (int trial = 0; trial < 200; ++trial) {
    const Eigen::Vector3d n = Eigen::Vector3d(u(rng), u(rng), u(rng)).normalized();
    const WorkCircle c = make_work_circle(Eigen::Vector3d(u(rng), u(rng), u(rng)), n, 0.2 + std::abs(u(rng)), 1.0);
    const Sphere s{Eigen::Vector3d(u(rng), u(rng), u(rng)), 1.0 + 0.5 * u(rng)};
    const CircleObservation o = observe_circle(c, s);
    for (int k = 0; k < 4; ++k) {
      const CircleObservation plus = observe_circle(c, shifted(s, k, kStep)),
                              minus = observe_circle(c, shifted(s, k, -kStep));
      const double radial = (plus.residual(0) - minus.residual(0)) / (2 * kStep);
      EXPECT_NEAR(o.jacobian(0, k), radial, 1e-8) << "trial " << trial << ", parameter " << k;
      const double half = (plus.objective - minus.objective) / (4 * kStep);
      EXPECT_NEAR(o.half_gradient(k), half, 1e-8 * (1 + std::abs(half))) << "trial " << trial << ", parameter " << k;
    }
  }
}

TEST(Jacobian, CircleInPlaneRowsMatchToLeadingOrderInTheOffset) {
  std::mt19937_64 rng(5102);
  std::printf("seed 5102\n");
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (int trial = 0; trial < 100; ++trial) {
    const Eigen::Vector3d n = Eigen::Vector3d(u(rng), u(rng), u(rng)).normalized();
    const double r = 0.5 + 0.4 * std::abs(u(rng));
    const WorkCircle c = make_work_circle(Eigen::Vector3d::Zero(), n, r, 1.0);
    // A centre near the circle's axis: in-plane offset b ∈ [1e-3, 1e-2], height up to 0.8.
    const double b = std::pow(10.0, -3.0 + std::abs(u(rng)));
    const Sphere s{0.8 * u(rng) * n + b * c.u.normalized(), 1.0};
    const CircleObservation o = observe_circle(c, s);
    const double a_sq = (c.center - s.center).squaredNorm() + r * r;
    const double m = 4 * r * b / (a_sq + 2 * r * b);
    for (int k = 0; k < 3; ++k) {
      const CircleObservation plus = observe_circle(c, shifted(s, k, kStep * b)),
                              minus = observe_circle(c, shifted(s, k, -kStep * b));
      const Eigen::Vector2d fd = (plus.residual.tail<2>() - minus.residual.tail<2>()) / (2 * kStep * b);
      const Eigen::Vector2d row = o.jacobian.block<2, 1>(1, k);
      EXPECT_LE((row - fd).norm(), 2.0 * m * (1.0 + fd.norm()) + 1e-6)
          << "trial " << trial << ", parameter " << k << ", m " << m;
    }
  }
}

TEST(Jacobian, PointRowIsExact) {
  std::mt19937_64 rng(5103);
  std::printf("seed 5103\n");
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (int trial = 0; trial < 200; ++trial) {
    const Eigen::Vector3d q(u(rng), u(rng), u(rng));
    const Sphere s{Eigen::Vector3d(u(rng), u(rng), u(rng)) * 0.3, 1.0 + 0.5 * u(rng)};
    const PointObservation o = observe_point(q, s);
    for (int k = 0; k < 4; ++k) {
      Sphere plus = s, minus = s;
      if (k < 3)
        plus.center(k) += kStep, minus.center(k) -= kStep;
      else
        plus.radius += kStep, minus.radius -= kStep;
      const double fd = (observe_point(q, plus).residual - observe_point(q, minus).residual) / (2 * kStep);
      EXPECT_NEAR(o.jacobian(k), fd, 1e-8) << "trial " << trial << ", parameter " << k;
    }
  }
}

}  // namespace
}  // namespace spherefit
