// Every refiner's derivatives through the one finite-difference checker
// (support/jacobian_check.hpp): the sums each Levenberg–Marquardt step uses — F, ½∇F and JᵀJ — and
// the exact curvature each switches to, against differences of residuals written here from the
// definitions, independently of the refiners' code:
//   points:         eᵢ = ‖qᵢ − c‖ − R                         (fit/points/point_refine.hpp)
//   contour circle: eᵢ = ‖uᵢ − c‖ − r in the contour's plane   (fit/contours/contour_circle.hpp)
//   slice circles:  (Mᵢ − R, √Vᵢ) per circle, whose squares sum to F (fit/circles/refine.hpp); its
//                   curvature is Gauss–Newton with an approximate in-plane row by design, so F and
//                   ½∇F are checked here, the rows in jacobian_test.cpp.
// (The ellipsoid's are checked in tests/cpp/fit/ellipsoid/ellipsoid_jacobian_test.cpp with the same checker.)
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fit/circles/circle_distance.hpp"
#include "fit/circles/refine.hpp"
#include "fit/contours/contour_circle.hpp"
#include "fit/points/point_refine.hpp"
#include "support/jacobian_check.hpp"

namespace spherefit {
namespace {

constexpr double kTolerance = 1e-7;

TEST(RefinerDerivatives, PointSphereSumsAndExactCurvature) {
  const unsigned seed = 6101;
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> gauss(0.0, 1.0);
  std::vector<double> x, y, z;
  for (int i = 0; i < 301; ++i) {  // odd: the lanes' last single point too
    Eigen::Vector3d d(gauss(rng), gauss(rng), std::abs(gauss(rng)));
    d = Eigen::Vector3d(3, -2, 5) + d.normalized() * (4.0 + 0.05 * gauss(rng));
    x.push_back(d.x()), y.push_back(d.y()), z.push_back(d.z());
  }
  const Outcome<PointSet> prepared = prepare_points({x.size(), x.data(), y.data(), z.data(), nullptr}, 4);
  ASSERT_TRUE(prepared.ok());
  const PointSet& set = prepared.value();
  std::vector<std::uint8_t> some(set.size(), 1);  // a robust selection
  for (std::size_t i = 0; i < some.size(); i += 7) some[i] = 0;
  const auto residuals = [&](const std::vector<std::uint8_t>& use) {
    return [&set, &use](const Parameters<4>& p) {
      Eigen::VectorXd r(static_cast<Eigen::Index>(set.size()));
      for (std::size_t i = 0; i < set.size(); ++i) {
        const bool used = use.empty() || use[i];
        r(static_cast<Eigen::Index>(i)) = used ? (set.at(i) - p.head<3>()).norm() - p(3) : 0.0;
      }
      return r;
    };
  };
  const Parameters<4> step = Parameters<4>::Constant(1e-4);
  // Off the minimum (residuals of 0.1 of R), where the exact curvature differs from JᵀJ.
  const Parameters<4> at((Eigen::Vector3d(3.05, -2, 5) - set.origin).x() / set.scale,
                         (Eigen::Vector3d(3.05, -2, 5) - set.origin).y() / set.scale,
                         (Eigen::Vector3d(3.05, -2, 5) - set.origin).z() / set.scale, 4.4 / set.scale);
  const std::vector<std::uint8_t> every;
  const std::vector<std::uint8_t>* selections[] = {&every, &some};
  for (const std::vector<std::uint8_t>* u : selections) {
    const auto r = residuals(*u);
    EXPECT_TRUE(testing::normal_equations_match<4>(r, accumulate_point_sphere<Lanes>(set, *u, sphere_of(at)), at, step,
                                                   kTolerance))
        << "seed " << seed;
    const auto half_gradient = [&](const Parameters<4>& p) {
      return accumulate_point_sphere<Lanes>(set, *u, sphere_of(p)).half_gradient;
    };
    EXPECT_TRUE(
        testing::hessian_matches<4>(half_gradient, exact_point_curvature(set, *u, sphere_of(at)), at, step, kTolerance))
        << "seed " << seed;
  }
}

TEST(RefinerDerivatives, ContourCircleSumsAndExactCurvature) {
  const unsigned seed = 6102;
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> gauss(0.0, 1.0);
  std::vector<Eigen::Vector2d> u;
  for (int i = 0; i < 80; ++i) {
    const double t = 2.0 * M_PI * (115.0 / 360.0) * i / 79.0;  // a 115° arc
    u.emplace_back(0.3 + (1.0 + 0.02 * gauss(rng)) * std::cos(t), -0.2 + (1.0 + 0.02 * gauss(rng)) * std::sin(t));
  }
  const auto residuals = [&](const Parameters<3>& p) {
    Eigen::VectorXd r(static_cast<Eigen::Index>(u.size()));
    for (std::size_t i = 0; i < u.size(); ++i) r(static_cast<Eigen::Index>(i)) = (u[i] - p.head<2>()).norm() - p(2);
    return r;
  };
  // Near the minimum, where ½∇²F is positive (as the refiner's positive_curvature keeps it), with
  // residuals of 2 % of r, so that its e·(I − zzᵀ)/d term counts.
  const Parameters<3> at(0.31, -0.19, 1.02), step = Parameters<3>::Constant(1e-4);
  EXPECT_TRUE(testing::normal_equations_match<3>(residuals, accumulate_circle(u, at), at, step, kTolerance))
      << "seed " << seed;
  const auto half_gradient = [&](const Parameters<3>& p) { return accumulate_circle(u, p).half_gradient; };
  EXPECT_TRUE(testing::hessian_matches<3>(half_gradient, exact_circle_curvature(u, at), at, step, kTolerance))
      << "seed " << seed;
  // And the refinement reaches the minimum of these residuals: ½∇F vanishes there.
  const PlaneCircle fitted = refine_circle(u, {Eigen::Vector2d(0.3, -0.2), 1.0});
  const Parameters<3> best(fitted.center.x(), fitted.center.y(), fitted.radius);
  const Eigen::VectorXd r = residuals(best);
  const Parameters<3> gradient = testing::finite_difference_jacobian<3>(residuals, best, step).transpose() * r;
  EXPECT_LT(gradient.norm(), 1e-10 * std::sqrt(static_cast<double>(u.size()))) << "seed " << seed;
}

TEST(RefinerDerivatives, SliceCircleObjectiveAndGradient) {
  const unsigned seed = 6103;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uni(-1.0, 1.0);
  for (int trial = 0; trial < 100; ++trial) {
    const Eigen::Vector3d n = Eigen::Vector3d(uni(rng), uni(rng), uni(rng)).normalized();
    const WorkCircle c =
        make_work_circle(Eigen::Vector3d(uni(rng), uni(rng), uni(rng)), n, 0.2 + std::abs(uni(rng)), 1.0);
    const Parameters<4> at(uni(rng), uni(rng), uni(rng), 1.0 + 0.5 * uni(rng));
    // The residuals from the definition: M and V by dense sampling of the circle (trapezoid rule,
    // exponentially accurate for a periodic integrand), independent of the closed forms.
    const auto residuals = [&](const Parameters<4>& p) {
      constexpr int kSamples = 4096;
      double mean = 0.0, square = 0.0;
      for (int s = 0; s < kSamples; ++s) {
        const double t = 2.0 * M_PI * s / kSamples;
        const Eigen::Vector3d q = c.center + c.radius * (std::cos(t) * c.u + std::sin(t) * c.v);
        const double d = (q - p.head<3>()).norm();
        mean += d / kSamples;
        square += d * d / kSamples;
      }
      Eigen::VectorXd r(2);
      r << mean - p(3), std::sqrt(std::max(0.0, square - mean * mean));
      return r;
    };
    const CircleObservation o = observe_circle(c, sphere_of(at));
    EXPECT_TRUE(
        testing::gradient_matches<4>(residuals, o.objective, o.half_gradient, at, Parameters<4>::Constant(1e-4), 1e-7))
        << "seed " << seed << ", trial " << trial;
  }
}

}  // namespace
}  // namespace spherefit
