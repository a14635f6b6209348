// The robust point fit against clutter: with up to half the points scattered uniformly in the
// bounding box (a fixture, the table, a neighbouring bone), the fit of the points it keeps agrees
// with the clean fit (of the sphere's points alone) within 3 of the clean fit's standard
// uncertainties in ≥ 95 % of 200 seeded trials; radius limits rule candidates out.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "pipeline/fit.hpp"
#include "support/reference_point_fit.hpp"

namespace spherefit {
namespace {

void append(PointTable& t, const Eigen::Vector3d& p) {
  t.x.push_back(p.x());
  t.y.push_back(p.y());
  t.z.push_back(p.z());
}

struct Tally {
  int trials = 0, agree = 0;
  double kept_true = 0.0, kept_clutter = 0.0;
};

Tally run(double clutter_fraction, double cap_deg, std::uint64_t seed, int trials = 50) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::normal_distribution<double> noise(0.0, 0.01);
  Tally tally;
  for (int t = 0; t < trials; ++t) {
    const Eigen::Vector3d center(20 * u(rng), 20 * u(rng), 20 * u(rng));
    const double radius = 10.0;
    PointTable clean, cluttered;
    auto sphere = testing::points_on_sphere(center, radius, 400, cap_deg, rng);
    Eigen::Vector3d lo = sphere[0], hi = sphere[0];
    for (auto& p : sphere) {
      p += noise(rng) * (p - center).normalized();
      append(clean, p);
      append(cluttered, p);
      lo = lo.cwiseMin(p);
      hi = hi.cwiseMax(p);
    }
    const auto clutter = static_cast<std::size_t>(std::round(400 * clutter_fraction / (1.0 - clutter_fraction)));
    for (std::size_t k = 0; k < clutter; ++k) {
      append(cluttered,
             lo + 0.5 * (Eigen::Vector3d(u(rng), u(rng), u(rng)) + Eigen::Vector3d::Ones()).cwiseProduct(hi - lo));
    }
    FitOptions o;
    const auto reference = fit_sphere(clean.view(), o);
    o.robust = true;
    const auto robust = fit_sphere(cluttered.view(), o);
    EXPECT_TRUE(reference.ok() && robust.ok());
    if (!reference.ok() || !robust.ok()) continue;
    ++tally.trials;
    const SphereFit& r = reference.value();
    const SphereFit& f = robust.value();
    bool agree = true;
    for (int k = 0; k < 3; ++k) agree = agree && std::abs(f.center(k) - r.center(k)) <= 3 * r.uncertainty->std_error(k);
    agree = agree && std::abs(f.radius - r.radius) <= 3 * r.uncertainty->std_error(3);
    tally.agree += agree;
    double kept = 0, kept_bad = 0;
    for (std::size_t i = 0; i < 400; ++i) kept += f.inlier[i];
    for (std::size_t i = 400; i < f.inlier.size(); ++i) kept_bad += f.inlier[i];
    tally.kept_true += kept / 400.0;
    tally.kept_clutter += clutter > 0 ? kept_bad / static_cast<double>(clutter) : 0.0;
  }
  std::printf(
      "clutter %.0f %%, cap %.0f°: %d/%d agree; kept %.2f %% of the sphere's points and %.2f %% of the clutter\n",
      100 * clutter_fraction, cap_deg, tally.agree, tally.trials, 100 * tally.kept_true / tally.trials,
      100 * tally.kept_clutter / tally.trials);
  return tally;
}

TEST(PointRobust, ClutterUpToHalfOfThePoints) {
  std::printf("seeds 4101–4104\n");
  int agree = 0, trials = 0;
  for (const auto& [fraction, seed] : {std::pair{0.1, 4101}, {0.3, 4102}, {0.5, 4103}, {0.0, 4104}}) {
    const Tally t = run(fraction, 180.0, seed);
    agree += t.agree;
    trials += t.trials;
    EXPECT_GT(t.kept_true / t.trials, 0.98);
  }
  EXPECT_EQ(trials, 200);
  EXPECT_GE(agree, 190) << agree << " of " << trials;
}

TEST(PointRobust, ClutterBesideACap) {
  std::printf("seed 4105\n");
  const Tally t = run(0.5, 70.0, 4105, 40);
  EXPECT_GE(t.agree, 38);
}

TEST(PointRobust, RadiusLimitsRuleCandidatesOut) {
  // Two balls: a big one of radius 10 and, beside it, a small one of radius 3 with more points.
  std::mt19937_64 rng(4106);
  PointTable t;
  for (const auto& p : testing::points_on_sphere({0, 0, 0}, 10.0, 300, 180.0, rng)) append(t, p);
  for (const auto& p : testing::points_on_sphere({30, 0, 0}, 3.0, 500, 180.0, rng)) append(t, p);
  FitOptions o;
  o.robust = true;
  const auto small = fit_sphere(t.view(), o);
  ASSERT_TRUE(small.ok());
  EXPECT_NEAR(small.value().radius, 3.0, 1e-9);
  o.min_radius = 5.0;
  o.max_radius = 20.0;
  const auto big = fit_sphere(t.view(), o);
  ASSERT_TRUE(big.ok());
  EXPECT_NEAR(big.value().radius, 10.0, 1e-9);
  EXPECT_LE(big.value().center.norm(), 1e-9);
}

TEST(PointRobust, APlainFitWarnsAboutClutter) {
  std::mt19937_64 rng(4107);
  std::normal_distribution<double> noise(0.0, 0.01);
  PointTable t;
  for (auto p : testing::points_on_sphere({0, 0, 0}, 10.0, 500, 180.0, rng)) append(t, p + noise(rng) * p.normalized());
  for (int k = 0; k < 20; ++k) append(t, {12.0 + k * 0.1, 0.0, -11.0});
  const auto fit = fit_sphere(t.view());
  ASSERT_TRUE(fit.ok());
  bool warned = false;
  for (const Warning& w : fit.value().warnings) warned = warned || w.code == WarningCode::Clutter;
  EXPECT_TRUE(warned);
}

// A ball resting on a table, scanned from above (a newcomer's file): 1400 points down to 134°
// from the top, and 600 of the table around it. The plain fit absorbs the table into a sphere
// four times too big with no point far from it; it must still say that most points agree on
// another sphere. A clean cap of the same ball must not be told so.
TEST(PointRobust, APlainFitTellsOfClutterItAbsorbed) {
  std::mt19937_64 rng(4109);
  std::printf("seed 4109\n");
  std::normal_distribution<double> noise(0.0, 0.05);
  std::uniform_real_distribution<double> across(-60.0, 60.0);
  PointTable table, cap;
  for (auto p : testing::points_on_sphere({0, 0, 20}, 20.0, 1400, 134.0, rng)) {
    const Eigen::Vector3d q = p + Eigen::Vector3d(noise(rng), noise(rng), noise(rng));
    append(table, q);
    append(cap, q);
  }
  for (int k = 0; k < 600; ++k) append(table, {across(rng), across(rng), noise(rng)});
  const auto plain = fit_sphere(table.view());
  ASSERT_TRUE(plain.ok());
  EXPECT_GT(plain.value().radius, 30.0) << "the table pulls the plain fit away";
  std::string said;
  for (const Warning& w : plain.value().warnings)
    if (w.code == WarningCode::Clutter) said = w.message;
  EXPECT_NE(said.find("of the points lie on one sphere (radius 20."), std::string::npos) << said;
  FitOptions robust;
  robust.robust = true;
  const auto fixed = fit_sphere(table.view(), robust);
  ASSERT_TRUE(fixed.ok());
  EXPECT_NEAR(fixed.value().radius, 20.0, 0.05);

  const auto clean = fit_sphere(cap.view());
  ASSERT_TRUE(clean.ok());
  for (const Warning& w : clean.value().warnings) EXPECT_NE(w.code, WarningCode::Clutter) << w.message;
  PointTable small;  // a 60° cap: a cap warning, and the search agrees with the plain fit
  for (auto p : testing::points_on_sphere({0, 0, 20}, 20.0, 2000, 60.0, rng))
    append(small, p + noise(rng) * (p - Eigen::Vector3d(0, 0, 20)).normalized());
  const auto small_fit = fit_sphere(small.view());
  ASSERT_TRUE(small_fit.ok());
  bool cap_warned = false;
  for (const Warning& w : small_fit.value().warnings) {
    EXPECT_NE(w.code, WarningCode::Clutter) << w.message;
    cap_warned = cap_warned || w.code == WarningCode::CapOnly || w.code == WarningCode::RadiusPoorlyDetermined;
  }
  EXPECT_TRUE(cap_warned) << "the case where the search runs";
}

// Points on the sphere written with seven significant digits (an ASCII mesh): their distances are
// rounding errors of all sizes, a few beyond 5× the typical one, and none of them clutter.
TEST(PointRobust, RoundingIsNotClutter) {
  std::mt19937_64 rng(4108);
  PointTable t;
  const auto round7 = [](double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6e", v);
    return std::strtod(text, nullptr);
  };
  for (auto p : testing::points_on_sphere({-5, 5, 0}, 10.0, 642, 180.0, rng))
    append(t, {round7(p.x()), round7(p.y()), round7(p.z())});
  const auto fit = fit_sphere(t.view());
  ASSERT_TRUE(fit.ok());
  EXPECT_LT(fit.value().max_abs_residual, 1e-5 * 10.0);
  for (const Warning& w : fit.value().warnings) EXPECT_NE(w.code, WarningCode::Clutter) << w.message;
}

}  // namespace
}  // namespace spherefit
