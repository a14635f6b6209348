// Robust fitting: up to 40 % corrupted slices, 200 random trials per setting.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "pipeline/fit.hpp"
#include "support/synthetic.hpp"

namespace spherefit {
namespace {

enum class Corruption { Radius, Centre };

struct Tally {
  int trials = 0, agree = 0;
  long corrupted = 0, corrupted_flagged = 0, clean = 0, clean_flagged = 0;
};

Tally run(std::size_t n, double fraction, Corruption kind, std::uint64_t seed, bool known_radius = false) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  const double radius = 12.5, sigma = 1e-3 * radius;
  Tally tally;
  for (int trial = 0; trial < 200; ++trial) {
    const Eigen::Vector3d center(u(rng) * 10, u(rng) * 10, u(rng) * 10);
    auto table = testing::slice_sphere(center, radius, testing::parallel_planes(n, -0.9 * radius, 0.9 * radius, rng));
    testing::add_noise(table, sigma, rng);
    const std::size_t bad = static_cast<std::size_t>(std::floor(fraction * n));
    std::vector<std::uint8_t> corrupted(n, 0);
    for (std::size_t k = 0; k < bad; ++k) {
      std::size_t i;
      do i = rng() % n;
      while (corrupted[i]);
      corrupted[i] = 1;
      if (kind == Corruption::Radius) {
        const double f = u(rng) < 0.5 ? 0.5 + 0.35 * u(rng) : 1.15 + 0.35 * u(rng);
        table.r[i] *= f;
      } else {
        const double shift = (0.2 + 0.8 * u(rng)) * radius, angle = 2 * M_PI * u(rng);
        table.x[i] += shift * std::cos(angle);
        table.y[i] += shift * std::sin(angle);
      }
    }
    SliceTable clean;
    clean.has_normals = true;
    for (std::size_t i = 0; i < n; ++i)
      if (!corrupted[i])
        clean.add({{table.x[i], table.y[i], table.z[i]}, table.r[i], {table.nx[i], table.ny[i], table.nz[i]}});
    FitOptions o;
    if (known_radius) o.known_radius = radius;
    const auto reference = fit_sphere(clean.view(), o);
    o.robust = true;
    const auto robust = fit_sphere(table.view(), o);
    EXPECT_TRUE(reference.ok() && robust.ok());
    if (!reference.ok() || !robust.ok()) continue;
    ++tally.trials;
    const auto& r = reference.value();
    const auto& f = robust.value();
    bool agree = true;
    for (int k = 0; k < 3; ++k) agree = agree && std::abs(f.center(k) - r.center(k)) <= 2 * r.uncertainty->std_error(k);
    if (!known_radius) agree = agree && std::abs(f.radius - r.radius) <= 2 * r.uncertainty->std_error(3);
    tally.agree += agree;
    for (std::size_t i = 0; i < n; ++i) {
      if (corrupted[i]) {
        ++tally.corrupted;
        tally.corrupted_flagged += f.inlier[i] == 0;
      } else {
        ++tally.clean;
        tally.clean_flagged += f.inlier[i] == 0;
      }
    }
  }
  std::printf("n=%zu bad=%.0f%% seed=%llu: agree %d/%d, corrupted flagged %ld/%ld, clean flagged %ld/%ld\n", n,
              100 * fraction, static_cast<unsigned long long>(seed), tally.agree, tally.trials, tally.corrupted_flagged,
              tally.corrupted, tally.clean_flagged, tally.clean);
  return tally;
}

void expect_reached(const Tally& t) {
  EXPECT_GE(t.agree, 0.95 * t.trials);
  EXPECT_GE(t.corrupted_flagged, 0.95 * t.corrupted);
  EXPECT_LE(t.clean_flagged, 0.05 * t.clean);
}

TEST(Robust, RadiusCorruptionUpToFortyPercent) {
  expect_reached(run(10, 0.4, Corruption::Radius, 501));
  expect_reached(run(20, 0.2, Corruption::Radius, 502));
  expect_reached(run(40, 0.4, Corruption::Radius, 503));
}

TEST(Robust, CentreCorruptionUpToFortyPercent) {
  expect_reached(run(10, 0.4, Corruption::Centre, 601));
  expect_reached(run(30, 0.3, Corruption::Centre, 602));
}

TEST(Robust, KnownRadius) { expect_reached(run(15, 0.4, Corruption::Radius, 701, true)); }

TEST(Robust, DeterministicAndCleanDataUntouched) {
  std::mt19937_64 rng(9);
  auto t = testing::slice_sphere({0, 0, 0}, 3, testing::parallel_planes(30, -2.7, 2.7, rng));
  testing::add_noise(t, 0.003, rng);
  FitOptions o;
  o.robust = true;
  const auto a = fit_sphere(t.view(), o), b = fit_sphere(t.view(), o);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.value().center, b.value().center);
  EXPECT_EQ(a.value().radius, b.value().radius);
  int flagged = 0;
  for (auto v : a.value().inlier) flagged += v == 0;
  EXPECT_LE(flagged, 1);
}

TEST(Robust, PlainFitWarnsAboutAnOutlier) {
  std::mt19937_64 rng(10);
  auto t = testing::slice_sphere({0, 0, 0}, 3, testing::parallel_planes(20, -2.7, 2.7, rng));
  testing::add_noise(t, 0.003, rng);
  t.r[7] *= 1.3;
  const auto fit = fit_sphere(t.view());
  ASSERT_TRUE(fit.ok());
  bool named = false;
  for (const auto& w : fit.value().warnings)
    named = named || (w.code == WarningCode::Outliers && w.message.find("Slice 8 ") != std::string::npos &&
                      w.message.find("robust") != std::string::npos);
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace spherefit
