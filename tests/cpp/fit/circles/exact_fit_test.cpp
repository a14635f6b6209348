// Exact slices of a known sphere must give that sphere to 1e-10·R, whatever the geometry.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "pipeline/fit.hpp"
#include "support/reference_fit.hpp"
#include "support/synthetic.hpp"

namespace spherefit {
namespace {

using testing::SliceSpec;

void expect_sphere(const SliceTable& t, const Eigen::Vector3d& center, double radius, const FitOptions& o = {}) {
  const Outcome<SphereFit> fit = fit_sphere(t.view(), o);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_LE((fit.value().center - center).norm(), 1e-10 * radius)
      << "centre " << fit.value().center.transpose() << " vs " << center.transpose();
  EXPECT_NEAR(fit.value().radius, radius, 1e-10 * radius);
  EXPECT_LE(fit.value().rms, 1e-10 * radius);
}

TEST(ExactFit, TheTextbookCounterexample) {
  // Centre (1, 2, 3), R = 5, slices at z = 0, 2, 3, 5, 7: the classic method gets this wrong.
  std::vector<SliceSpec> planes;
  for (double z : {0.0, 2.0, 3.0, 5.0, 7.0}) planes.push_back({z - 3.0});
  expect_sphere(testing::slice_sphere({1, 2, 3}, 5, planes), {1, 2, 3}, 5);
}

TEST(ExactFit, RandomSpheresFromTwoToHundredThousandSlices) {
  std::mt19937_64 rng(2024);
  std::printf("seed 2024\n");
  std::uniform_real_distribution<double> u(-10, 10);
  for (std::size_t n : {2, 3, 5, 10, 100, 1000, 100000}) {
    const Eigen::Vector3d c(u(rng), u(rng), u(rng));
    const double r = 1 + std::abs(u(rng));
    expect_sphere(testing::slice_sphere(c, r, testing::parallel_planes(n, -0.95 * r, 0.95 * r, rng)), c, r);
    expect_sphere(testing::slice_sphere(c, r, testing::oblique_planes(n, -0.95 * r, 0.95 * r, rng)), c, r);
  }
}

TEST(ExactFit, CapOnly) {
  std::mt19937_64 rng(7);
  for (auto [lo, hi] : {std::pair{0.3, 0.9}, std::pair{0.8, 0.99}, std::pair{-0.95, -0.6}}) {
    const auto t = testing::slice_sphere({4, -3, 2}, 2.5, testing::parallel_planes(12, lo * 2.5, hi * 2.5, rng));
    expect_sphere(t, {4, -3, 2}, 2.5);
    EXPECT_TRUE(fit_sphere(t.view()).value().coverage.cap_only);
  }
}

TEST(ExactFit, PoleSlicesOfRadiusZero) {
  std::vector<SliceSpec> planes = {{-2.0}, {-1.0}, {0.5}, {2.0}};  // ±2 = the poles of R = 2
  const auto t = testing::slice_sphere({1, 1, 1}, 2, planes);
  ASSERT_EQ(t.r[0], 0.0);
  ASSERT_EQ(t.r[3], 0.0);
  expect_sphere(t, {1, 1, 1}, 2);
}

TEST(ExactFit, TinyAndHugeCoordinates) {
  std::vector<SliceSpec> planes;
  for (double h : {-0.75, -0.5, 0.0, 0.25, 0.625}) planes.push_back({h});
  // A ball of radius 1e-3; a ball of radius 1e6; a unit ball 1e6 radii from the origin (dyadic
  // offsets so the data themselves are exact in binary).
  std::vector<SliceSpec> tiny = planes, huge = planes;
  for (auto& p : tiny) p.height *= 1e-3;
  for (auto& p : huge) p.height *= 1e6;
  expect_sphere(testing::slice_sphere({2e-3, -1e-3, 5e-4}, 1e-3, tiny), {2e-3, -1e-3, 5e-4}, 1e-3);
  expect_sphere(testing::slice_sphere({3e6, -2e6, 1e6}, 1e6, huge), {3e6, -2e6, 1e6}, 1e6);
  expect_sphere(testing::slice_sphere({1048576.0, -2097152.0, 524288.0}, 1.0, planes),
                {1048576.0, -2097152.0, 524288.0}, 1.0);
}

TEST(ExactFit, NonUnitNormalsAreNormalised) {
  auto t = testing::slice_sphere({0, 1, 2}, 3,
                                 {{-1.0, Eigen::Vector3d(1, 1, 0).normalized()},
                                  {0.5, Eigen::Vector3d(0, 1, 1).normalized()},
                                  {2.0, Eigen::Vector3d::UnitZ()}});
  for (std::size_t i = 0; i < t.size(); ++i) {
    t.nx[i] *= 7;
    t.ny[i] *= 7;
    t.nz[i] *= 7;
  }
  expect_sphere(t, {0, 1, 2}, 3);
}

TEST(ExactFit, WeightModesAgreeOnExactData) {
  std::mt19937_64 rng(99);
  auto t = testing::slice_sphere({1, 2, 3}, 4, testing::parallel_planes(9, -3.5, 3.5, rng));
  t.has_weights = true;
  for (std::size_t i = 0; i < t.size(); ++i) t.w[i] = 0.5 + i;
  for (WeightMode m : {WeightMode::Uniform, WeightMode::Circumference, WeightMode::Column}) {
    FitOptions o;
    o.weights = m;
    expect_sphere(t, {1, 2, 3}, 4, o);
  }
}

TEST(ExactFit, KnownRadiusGivesTheCentre) {
  std::mt19937_64 rng(5);
  const auto t = testing::slice_sphere({-1, 0.5, 2}, 3, testing::parallel_planes(6, 0.5, 2.8, rng));
  FitOptions o;
  o.known_radius = 3.0;
  expect_sphere(t, {-1, 0.5, 2}, 3, o);
}

TEST(ExactFit, CoaxialCirclesGiveTheLeastSquaresSphere) {
  // r = 1, 2, 3 at z = 0, 1, 2 on the z axis: no sphere passes through them; the contract's
  // answer is the least-squares sphere of the circles (centre ≈ (0, 0, 3.0874), R ≈ 3.1091).
  const SliceTable t = testing::coaxial_circles();
  const auto ref = testing::reference_fit(t, {{0, 0, 3}, 3});
  const auto fit = fit_sphere(t.view());
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_NEAR(ref.center.z(), 3.0874, 1e-4);
  EXPECT_NEAR(ref.radius, 3.1091, 1e-4);
  EXPECT_NEAR((fit.value().center - ref.center).norm(), 0.0, 1e-9 * ref.radius);
  EXPECT_NEAR(fit.value().radius, ref.radius, 1e-9 * ref.radius);
}

}  // namespace
}  // namespace spherefit
