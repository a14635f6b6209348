// Centre-to-centre distances of several spheres: exactly uᵀ(Σa + Σb)u for given covariances, and
// honest over 500 Monte Carlo trials of two independently fitted noisy spheres (the reported
// standard uncertainty over the empirical spread of the distance within 0.9–1.1). Nearest
// neighbours when asked (or past 30 spheres), each pair once.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "pipeline/fit.hpp"
#include "report/sphere_distances.hpp"

namespace spherefit {
namespace {

SphereEntry entry(const Eigen::Vector3d& center, const Eigen::Vector3d& variances) {
  SphereEntry e;
  e.fit.center = center;
  e.fit.radius = 1.0;
  Uncertainty u;
  Eigen::Matrix4d c = Eigen::Matrix4d::Zero();
  c.diagonal().head<3>() = variances;
  c(3, 3) = 1e-6;
  u.covariance = c;
  e.fit.uncertainty = u;
  return e;
}

TEST(SphereDistances, PropagatesBothCovariancesAlongTheLineBetween) {
  const std::vector<SphereEntry> s = {entry({0, 0, 0}, {1e-4, 2e-4, 3e-4}), entry({3, 4, 0}, {4e-4, 1e-4, 9e-4})};
  bool all = false;
  const std::vector<SphereDistance> d = measure_distances(s, DistancePairs::Auto, all);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(all);
  EXPECT_DOUBLE_EQ(d[0].distance, 5.0);
  // u = (3, 4, 0)/5: variance = (9·(1 + 4) + 16·(2 + 1))·1e-4/25.
  ASSERT_TRUE(d[0].std_error.has_value());
  EXPECT_NEAR(*d[0].std_error, std::sqrt((9.0 * 5.0 + 16.0 * 3.0) * 1e-4 / 25.0), 1e-15);
  SphereEntry bare = s[1];
  bare.fit.uncertainty.reset();
  const std::vector<SphereDistance> none = measure_distances({s[0], bare}, DistancePairs::All, all);
  EXPECT_FALSE(none[0].std_error.has_value());
}

TEST(SphereDistances, OnlyBetweenSpheres) {
  // A label that is not a sphere (a femur beside a femoral head) or was not fitted has no centre to
  // measure from: the pairs skip it and keep the spheres' own numbers.
  std::vector<SphereEntry> s = {entry({0, 0, 0}, {1e-4, 1e-4, 1e-4}), entry({9, 9, 9}, {1e-4, 1e-4, 1e-4}),
                                entry({3, 4, 0}, {1e-4, 1e-4, 1e-4}), entry({7, 7, 7}, {1e-4, 1e-4, 1e-4})};
  s[1].spherical = false;
  s[3].error = Error{ErrorCode::TooFewSlices, "none"};
  bool all = false;
  const std::vector<SphereDistance> d = measure_distances(s, DistancePairs::All, all);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].a, 0u);
  EXPECT_EQ(d[0].b, 2u);
  EXPECT_DOUBLE_EQ(d[0].distance, 5.0);
  EXPECT_EQ(measure_distances(s, DistancePairs::Nearest, all).size(), 1u);
}

TEST(SphereDistances, NearestNeighboursEachPairOnce) {
  std::vector<SphereEntry> s;
  for (int i = 0; i < 40; ++i) s.push_back(entry({10.0 * i, 0, 0}, {1e-6, 1e-6, 1e-6}));
  bool all = true;
  const std::vector<SphereDistance> d = measure_distances(s, DistancePairs::Auto, all);
  EXPECT_FALSE(all);         // past 30 spheres
  ASSERT_EQ(d.size(), 39u);  // a row: each neighbour pair once
  for (const SphereDistance& x : d) {
    EXPECT_EQ(x.b, x.a + 1);
    EXPECT_DOUBLE_EQ(x.distance, 10.0);
  }
  EXPECT_EQ(measure_distances(s, DistancePairs::All, all).size(), 40u * 39u / 2u);
  EXPECT_TRUE(all);
}

TEST(SphereDistances, HonestForTwoIndependentlyFittedSpheres) {
  const unsigned seed = 20261204;
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> gauss(0.0, 1.0);
  const Eigen::Vector3d a(0, 0, 0), b(60, 25, -10);
  const double ra = 10.0, rb = 12.5, sigma = 0.02;
  std::vector<double> distances, reported;
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<SphereEntry> s;
    for (const auto& [c, r] : {std::pair{a, ra}, std::pair{b, rb}}) {
      std::vector<double> x, y, z;
      for (int i = 0; i < 150; ++i) {
        Eigen::Vector3d d(gauss(rng), gauss(rng), std::abs(gauss(rng)));  // a hemisphere: correlated centre
        d = c + d.normalized() * (r + sigma * gauss(rng));
        x.push_back(d.x()), y.push_back(d.y()), z.push_back(d.z());
      }
      const Outcome<SphereFit> fit = fit_sphere(PointColumnsView{x.size(), x.data(), y.data(), z.data(), nullptr}, {});
      ASSERT_TRUE(fit.ok());
      SphereEntry e;
      e.fit = fit.value();
      s.push_back(e);
    }
    bool all = false;
    const std::vector<SphereDistance> d = measure_distances(s, DistancePairs::All, all);
    distances.push_back(d[0].distance);
    reported.push_back(*d[0].std_error);
  }
  double mean = 0.0, var = 0.0, rep = 0.0;
  for (double d : distances) mean += d / distances.size();
  for (double d : distances) var += (d - mean) * (d - mean) / (distances.size() - 1);
  for (double u : reported) rep += u * u / reported.size();
  const double ratio = std::sqrt(rep) / std::sqrt(var);
  EXPECT_GT(ratio, 0.9) << "seed " << seed;
  EXPECT_LT(ratio, 1.1) << "seed " << seed;
  EXPECT_NEAR(mean, (a - b).norm(), 4.0 * std::sqrt(var / distances.size()));
}

}  // namespace
}  // namespace spherefit
