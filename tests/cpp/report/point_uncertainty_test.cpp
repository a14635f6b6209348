// Honest uncertainties for points: over 1000 Monte Carlo trials the reported standard
// uncertainties match the empirical spread of the fitted values within 0.9–1.1, for independent
// point noise (a full ball and a cap) and for slice contours whose points share their slice's error.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

#include "pipeline/fit.hpp"
#include "support/monte_carlo.hpp"
#include "support/reference_point_fit.hpp"

namespace spherefit {
namespace {

// Runs `trials` fits of data made by `make` and compares reported and empirical spreads.
testing::Spread monte_carlo(const std::function<PointTable(std::mt19937_64&)>& make, std::uint64_t seed,
                            bool fixed = false) {
  std::mt19937_64 rng(seed);
  const int trials = 1000;
  testing::SpreadTally tally;
  FitOptions o;
  if (fixed) o.known_radius = 10.0;
  for (int t = 0; t < trials; ++t) {
    const PointTable table = make(rng);
    tally.add(fit_sphere(table.view(), o));
  }
  return tally.spread();
}

// A fixed design of directions (the same points every trial), noise along the surface normal.
std::function<PointTable(std::mt19937_64&)> cloud(double cap_deg, std::size_t n, std::uint64_t design_seed) {
  std::mt19937_64 design(design_seed);
  const Eigen::Vector3d center(1, -2, 3);
  const auto exact = testing::points_on_sphere(center, 10.0, n, cap_deg, design);
  return [exact, center](std::mt19937_64& rng) {
    std::normal_distribution<double> noise(0.0, 0.05);
    PointTable t;
    for (const auto& p : exact) {
      const Eigen::Vector3d q = p + noise(rng) * (p - center).normalized();
      t.x.push_back(q.x());
      t.y.push_back(q.y());
      t.z.push_back(q.z());
    }
    return t;
  };
}

TEST(PointUncertainty, IndependentNoiseOnAFullBall) {
  std::printf("seed 3001\n");
  testing::expect_honest(monte_carlo(cloud(180.0, 60, 31), 3001), 0.9, 1.1);
}

TEST(PointUncertainty, IndependentNoiseOnACap) {
  std::printf("seed 3002\n");
  testing::expect_honest(monte_carlo(cloud(60.0, 80, 32), 3002), 0.9, 1.1);
}

TEST(PointUncertainty, KnownRadiusCoversTheCentreOnly) {
  std::printf("seed 3003\n");
  testing::expect_honest(monte_carlo(cloud(70.0, 60, 33), 3003, true), 0.9, 1.1, 3);
}

// Contours: 12 slices of 24 points; each slice's points share an error of its own (the slice's
// circle drawn too large or too small and shifted, as a segmentation threshold or a misplaced
// image does), plus a smaller independent error per point.
PointTable contours(std::mt19937_64& rng) {
  const Eigen::Vector3d center(1, -2, 3);
  const double radius = 10.0;
  std::normal_distribution<double> slice_error(0.0, 0.05), point_error(0.0, 0.01);
  PointTable t;
  const double heights[] = {-9, -7.5, -6, -4.5, -3, -1.5, 0.5, 2, 3.5, 5, 6.5, 8.5};
  for (int s = 0; s < 12; ++s) {
    const double h = heights[s];
    const double r = std::sqrt(radius * radius - h * h) + slice_error(rng);
    const Eigen::Vector2d shift(slice_error(rng), slice_error(rng));
    t.slice_names.push_back(std::to_string(s));
    for (int k = 0; k < 24; ++k) {
      const double a = 2 * M_PI * (k + 0.25 * s) / 24;
      const double rho = r + point_error(rng);
      t.x.push_back(center.x() + shift.x() + rho * std::cos(a));
      t.y.push_back(center.y() + shift.y() + rho * std::sin(a));
      t.z.push_back(center.z() + h);
      t.slice.push_back(s);
    }
  }
  return t;
}

TEST(PointUncertainty, ContoursWithSliceCorrelatedErrorsClusterBySlice) {
  std::printf("seed 3004\n");
  testing::expect_honest(monte_carlo(contours, 3004), 0.9, 1.1);
}

TEST(PointUncertainty, ExactlyDeterminedHasNoUncertainty) {
  PointTable t;
  for (const Eigen::Vector3d& p :
       {Eigen::Vector3d(1, 0, 0), Eigen::Vector3d(0, 1, 0), Eigen::Vector3d(0, 0, 1), Eigen::Vector3d(-1, 0, 0.1)}) {
    t.x.push_back(p.x());
    t.y.push_back(p.y());
    t.z.push_back(p.z());
  }
  const auto fit = fit_sphere(t.view());
  ASSERT_TRUE(fit.ok());
  EXPECT_FALSE(fit.value().uncertainty);
  ASSERT_FALSE(fit.value().warnings.empty());
  EXPECT_EQ(fit.value().warnings[0].code, WarningCode::ExactlyDetermined);
}

}  // namespace
}  // namespace spherefit
