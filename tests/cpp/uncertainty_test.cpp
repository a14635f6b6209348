// Honest uncertainties: over 1000 Monte Carlo trials the reported standard uncertainties match the
// empirical spread of the fitted values to ±25 %, for radius and in-plane centre noise.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fit/fit.hpp"
#include "synthetic.hpp"

namespace spherefit {
namespace {

struct Spread {
  Eigen::Vector4d empirical_sd;
  Eigen::Vector4d reported_sd;  // root mean reported variance
};

Spread monte_carlo(const std::vector<testing::SliceSpec>& planes, double sigma, std::uint64_t seed, bool fixed = false) {
  std::mt19937_64 rng(seed);
  const Eigen::Vector3d center(1, -2, 3);
  const double radius = 10;
  const int trials = 1000;
  Eigen::Vector4d sum = Eigen::Vector4d::Zero(), sum_sq = Eigen::Vector4d::Zero(), var = Eigen::Vector4d::Zero();
  FitOptions o;
  if (fixed) o.known_radius = radius;
  for (int t = 0; t < trials; ++t) {
    auto table = testing::slice_sphere(center, radius, planes);
    testing::add_noise(table, sigma, rng);
    const auto fit = fit_sphere(table.view(), o);
    EXPECT_TRUE(fit.ok());
    if (!fit.ok()) continue;
    Eigen::Vector4d v;
    v << fit.value().center, fit.value().radius;
    sum += v;
    sum_sq += v.cwiseProduct(v);
    EXPECT_TRUE(fit.value().uncertainty);
    if (fit.value().uncertainty) var += fit.value().uncertainty->std_error.cwiseAbs2();
  }
  const Eigen::Vector4d mean = sum / trials;
  Spread s;
  s.empirical_sd = ((sum_sq / trials - mean.cwiseAbs2()) * trials / (trials - 1.0)).cwiseMax(0).cwiseSqrt();
  s.reported_sd = (var / trials).cwiseSqrt();
  return s;
}

void expect_honest(const Spread& s, int parameters = 4) {
  for (int k = 0; k < parameters; ++k) {
    const double ratio = s.reported_sd(k) / s.empirical_sd(k);
    std::printf("parameter %d: reported %.4g empirical %.4g ratio %.3f\n", k, s.reported_sd(k), s.empirical_sd(k), ratio);
    EXPECT_GT(ratio, 0.75) << "parameter " << k;
    EXPECT_LT(ratio, 1.25) << "parameter " << k;
  }
}

std::vector<testing::SliceSpec> heights(std::initializer_list<double> h) {
  std::vector<testing::SliceSpec> out;
  for (double x : h) out.push_back({x});
  return out;
}

TEST(Uncertainty, EightSlicesOverAHemisphere) {
  std::printf("seed 1001\n");
  expect_honest(monte_carlo(heights({0.5, 1.5, 3, 4.5, 6, 7.2, 8.4, 9.4}), 0.05, 1001));
}

TEST(Uncertainty, TwelveSlicesPoleToPole) {
  std::printf("seed 1002\n");
  expect_honest(monte_carlo(heights({-9.5, -8, -6.5, -5, -3, -1, 1, 3, 5, 6.5, 8, 9.5}), 0.05, 1002));
}

TEST(Uncertainty, ObliqueSlices) {
  std::mt19937_64 rng(1003);
  std::printf("seed 1003\n");
  expect_honest(monte_carlo(testing::oblique_planes(10, -9, 9, rng), 0.05, 1003));
}

TEST(Uncertainty, CapOnOneSideOfTheCentre) {
  // Where a plain s²(JᵀJ)⁻¹ understates the radius's spread: residuals shrink towards the pole.
  std::printf("seed 1005\n");
  expect_honest(monte_carlo(heights({2, 3, 4, 5, 6, 7, 8, 8.8, 9.5}), 0.05, 1005));
}

TEST(Uncertainty, KnownRadiusCoversTheCentreOnly) {
  std::printf("seed 1004\n");
  expect_honest(monte_carlo(heights({0.5, 2, 4, 6, 8, 9.4, -3, -6}), 0.05, 1004, true), 3);
}

}  // namespace
}  // namespace spherefit
