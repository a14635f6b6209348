// Noisy slices: the fit is the minimiser of F, checked against the independent dense-sampling
// minimiser and by the sampled gradient vanishing there.
#include <gtest/gtest.h>

#include <random>

#include "pipeline/fit.hpp"
#include "support/reference_fit.hpp"
#include "support/synthetic.hpp"

namespace spherefit {
namespace {

void expect_minimiser(const SliceTable& t, const FitOptions& o, bool weighted) {
  const auto fit = fit_sphere(t.view(), o);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  const auto& f = fit.value();
  const auto ref =
      testing::reference_fit(t, {f.center + Eigen::Vector3d(0.01, -0.01, 0.02), f.radius * 1.01}, weighted);
  EXPECT_LE((f.center - ref.center).norm(), 1e-9 * ref.radius);
  EXPECT_NEAR(f.radius, ref.radius, 1e-9 * ref.radius);
  double total_weight = 0;
  for (std::size_t i = 0; i < t.size(); ++i) total_weight += weighted ? t.w[i] : 1.0;
  const Eigen::Vector4d g = testing::reference_gradient(t, {f.center, f.radius}, weighted);
  EXPECT_LE(g.norm() / total_weight, 1e-11 * f.radius) << g.transpose();
}

TEST(NoisyFit, ParallelAndObliqueSlices) {
  std::mt19937_64 rng(31337);
  std::printf("seed 31337\n");
  for (int trial = 0; trial < 20; ++trial) {
    const bool oblique = trial % 2 == 1;
    const std::size_t n = 5 + trial * 3;
    auto planes = oblique ? testing::oblique_planes(n, -0.9 * 7, 0.9 * 7, rng)
                          : testing::parallel_planes(n, -0.9 * 7, 0.5 * 7, rng);
    auto t = testing::slice_sphere({10, -20, 30}, 7, planes);
    testing::add_noise(t, 0.05 * (1 + trial % 3), rng);
    expect_minimiser(t, {}, false);
  }
}

TEST(NoisyFit, WeightsByColumnAndByCircumference) {
  std::mt19937_64 rng(4242);
  auto t = testing::slice_sphere({0, 0, 0}, 5, testing::parallel_planes(25, -4.8, 4.8, rng));
  testing::add_noise(t, 0.1, rng);
  t.has_weights = true;
  std::uniform_real_distribution<double> u(0.1, 3.0);
  for (double& w : t.w) w = u(rng);
  FitOptions o;
  o.weights = WeightMode::Column;
  expect_minimiser(t, o, true);
  // Circumference weights are the radii (scaled, which does not move the minimiser).
  for (std::size_t i = 0; i < t.size(); ++i) t.w[i] = t.r[i];
  o.weights = WeightMode::Circumference;
  expect_minimiser(t, o, true);
}

TEST(NoisyFit, CapOnlyAndPoleSlices) {
  std::mt19937_64 rng(77);
  auto t = testing::slice_sphere({1, 2, 3}, 2, testing::parallel_planes(15, 0.6, 1.99, rng));
  testing::add_noise(t, 0.01, rng);
  SliceCircle pole;
  pole.center = {1.003, 1.998, 5.001};
  t.add(pole);
  expect_minimiser(t, {}, false);
}

}  // namespace
}  // namespace spherefit
