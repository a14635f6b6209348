// Whatever the points or circles, a form fit answers with a certified result or a typed error: no
// crash, no hang, no NaN. Random spheres, caps, noise, outliers, duplicates and extreme magnitudes,
// from printed seeds; every success is checked from scratch (form_cases.hpp).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "pipeline/fit.hpp"
#include "fit/form/form_fit.hpp"
#include "support/form_cases.hpp"
#include "support/synthetic.hpp"

namespace spherefit {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr FitType kFormTypes[] = {FitType::MinimumZone, FitType::MinimumCircumscribed, FitType::MaximumInscribed};

void expect_finite(const FormFit& f) {
  EXPECT_TRUE(f.center.allFinite());
  EXPECT_TRUE(std::isfinite(f.radius) && f.radius > 0);
  EXPECT_TRUE(std::isfinite(f.form.form_error) && f.form.form_error >= 0);
  EXPECT_TRUE(std::isfinite(f.form.max_violation) && std::isfinite(f.form.optimality_gap));
  for (const Contact& k : f.form.contacts) EXPECT_TRUE(k.point.allFinite() && std::isfinite(k.multiplier));
}

TEST(FormFuzz, RandomPointSetsAreCertifiedOrRefused) {
  std::mt19937_64 rng(9090);
  std::printf("seed 9090\n");
  std::uniform_real_distribution<double> u(-1, 1);
  for (int trial = 0; trial < 120; ++trial) {
    const double cap = std::vector<double>{kPi, kPi, 1.6, 1.2, 0.8, 0.3}[trial % 6];
    const std::size_t n = std::vector<std::size_t>{5, 6, 9, 40, 700, 5000}[trial % 6 == 5 ? 5 : trial % 5];
    const double noise = std::vector<double>{0, 1e-9, 1e-4, 0.05}[trial % 4];
    const double scale = std::pow(10.0, std::vector<double>{0, -3, 6, 150, -150}[trial % 5]);
    const double r = 2.0 * scale;
    const Eigen::Vector3d c = Eigen::Vector3d(u(rng), u(rng), u(rng)) * 50 * scale;
    auto p = testing::sphere_points(c, r, n, noise * r, cap, rng);
    if (trial % 7 == 0 && n > 8) p[1] = c + 1.5 * (p[1] - c);  // an outlier outside
    if (trial % 11 == 0 && n > 8) p[2] = p[3] = p[4];          // duplicates
    const PointTable t = testing::point_table(p);
    const Eigen::Vector3d start = testing::algebraic_center(p);
    for (FitType type : kFormTypes) {
      SCOPED_TRACE("trial " + std::to_string(trial) + ", " + name_of(kFitTypeNames, type));
      const auto fit = fit_form(t.view(), type, start);
      if (!fit.ok()) {
        EXPECT_FALSE(fit.error().message.empty());
        // Only the inscribed sphere may be refused here, when the points do not surround the
        // centre (a cap, or a few points all round), or the zone of a few points flatter than any
        // sphere.
        const bool expected =
            fit.error().code == ErrorCode::InscribedUnbounded ||
            (type == FitType::MinimumZone && n < 10 && fit.error().code == ErrorCode::Underdetermined);
        EXPECT_TRUE(expected) << fit.error().message;
        continue;
      }
      expect_finite(fit.value());
      EXPECT_EQ(testing::check_conditions(p, fit.value(), type, 1e-9 * r, 1e-7), "");
      EXPECT_LE(fit.value().form.max_violation, 1e-12 * (r + c.norm()));
      EXPECT_LE(fit.value().form.optimality_gap, 1e-9 * r);
    }
  }
}

TEST(FormFuzz, RandomSlicesAreCertifiedOrRefused) {
  std::mt19937_64 rng(9191);
  std::printf("seed 9191\n");
  std::uniform_real_distribution<double> u(-1, 1);
  for (int trial = 0; trial < 120; ++trial) {
    const std::size_t m = std::vector<std::size_t>{2, 3, 5, 12, 80, 600}[trial % 6];
    const double noise = std::vector<double>{0, 1e-9, 1e-4, 0.03}[trial % 4];
    const double r = 3.0;
    const Eigen::Vector3d c(u(rng), u(rng), u(rng));
    SliceTable t = trial % 2 ? testing::slice_sphere(c, r, testing::parallel_planes(m, -0.95 * r, 0.95 * r, rng))
                             : testing::slice_sphere(c, r, testing::oblique_planes(m, -0.95 * r, 0.95 * r, rng));
    if (noise > 0) testing::add_noise(t, noise * r, rng);
    if (trial % 9 == 0) t.r[0] = 0.0;  // a tangent point among the circles
    const auto ls = fit_sphere(t.view());
    if (!ls.ok()) continue;
    for (FitType type : kFormTypes) {
      SCOPED_TRACE("trial " + std::to_string(trial) + ", " + name_of(kFitTypeNames, type));
      const auto fit = fit_form(t.view(), type, ls.value().center);
      if (!fit.ok()) {
        EXPECT_EQ(fit.error().code, ErrorCode::InscribedUnbounded) << fit.error().message;
        continue;
      }
      expect_finite(fit.value());
      EXPECT_EQ(testing::check_conditions(t, fit.value(), type, 1e-9 * r, 1e-7), "");
      EXPECT_LE(fit.value().form.max_violation, 1e-12 * r);
      EXPECT_LE(fit.value().form.optimality_gap, 1e-9 * r);
    }
  }
}

TEST(FormFuzz, HostileNumbersGiveTypedErrors) {
  const std::vector<Eigen::Vector3d> base = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {-1, 0, 0}, {0, -1, 0}, {0, 0, -1}};
  for (double big : {1e300, -1e300, 1e-300, 5e-324}) {
    auto p = base;
    for (auto& q : p) q *= big;
    const PointTable t = testing::point_table(p);
    for (FitType type : kFormTypes) {
      const auto fit = fit_form(t.view(), type, Eigen::Vector3d::Zero());
      if (fit.ok())
        expect_finite(fit.value());
      else
        EXPECT_FALSE(fit.error().message.empty());
    }
  }
  auto p = base;
  p.push_back({1e308, 1e308, 1e308});  // finite, but the data's size is not
  const PointTable t = testing::point_table(p);
  for (FitType type : kFormTypes) {
    const auto fit = fit_form(t.view(), type, Eigen::Vector3d::Zero());
    if (fit.ok())
      expect_finite(fit.value());
    else
      EXPECT_FALSE(fit.error().message.empty());
  }
  // A start centre far from the data still ends at a certified answer.
  const PointTable ball = testing::point_table(base);
  const auto far = fit_form(ball.view(), FitType::MinimumZone, Eigen::Vector3d(1e6, -1e6, 1e6));
  if (far.ok()) expect_finite(far.value());
}

}  // namespace
}  // namespace spherefit
