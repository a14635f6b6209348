// Whatever the text or the numbers, the API answers with a result or an error: no crash, no NaN,
// and every parse error points at a real line and column. Deterministic (printed seeds).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "pipeline/fit.hpp"
#include "pipeline/fit_text.hpp"
#include "support/synthetic.hpp"

namespace spherefit {
namespace {

void expect_finite(const SphereFit& f) {
  EXPECT_TRUE(f.center.allFinite());
  EXPECT_TRUE(std::isfinite(f.radius) && f.radius > 0);
  EXPECT_TRUE(std::isfinite(f.rms) && std::isfinite(f.max_abs_residual));
  if (f.uncertainty) {
    const Uncertainty& u = *f.uncertainty;
    EXPECT_TRUE(u.std_error.allFinite()) << "radius " << f.radius << ", se " << u.std_error.transpose();
    EXPECT_TRUE(u.ellipsoid.semi_axes.allFinite() && u.ellipsoid.axes.allFinite());
    if (u.covariance) EXPECT_TRUE(u.covariance->allFinite());
    if (!f.radius_fixed && u.covariance) {
      EXPECT_NEAR(u.std_error(3), std::sqrt((*u.covariance)(3, 3)), 1e-12 * u.std_error(3));
    }
  }
  for (double v : f.residuals) EXPECT_TRUE(std::isfinite(v));
  for (double v : f.offsets) EXPECT_TRUE(std::isfinite(v));
  for (double v : f.heights) EXPECT_TRUE(std::isfinite(v));
}

int count_lines(const std::string& text) {
  int lines = 1;
  for (char c : text) lines += c == '\n';
  return lines;
}

TEST(Fuzz, RandomTextNeverCrashesAndErrorsPointIntoTheText) {
  const std::string alphabet = "0123456789.,;\t -+eE#\"\nxyzrdnwXR\r\xc3\xa9_()";
  std::mt19937_64 rng(4040);
  std::printf("seed 4040\n");
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text;
    const int length = static_cast<int>(rng() % 120);
    for (int k = 0; k < length; ++k) text += alphabet[rng() % alphabet.size()];
    if (trial % 3 == 0) text = "x,y,z,r\n" + text;
    const auto fit = fit_text(text);
    if (fit.ok()) {
      expect_finite(fit.value().fit);
      continue;
    }
    const Error& e = fit.error();
    EXPECT_FALSE(e.message.empty());
    if (e.code == ErrorCode::EmptyInput) continue;
    if (e.line > 0) {
      EXPECT_LE(e.line, count_lines(text)) << e.message;
      EXPECT_GE(e.column, 1) << e.message;
    }
  }
}

TEST(Fuzz, DegenerateAndExtremeNumbersGiveResultsOrErrors) {
  std::mt19937_64 rng(5050);
  std::printf("seed 5050\n");
  std::uniform_int_distribution<int> exponent(-300, 300);
  for (int trial = 0; trial < 2000; ++trial) {
    SliceTable t;
    t.has_normals = trial % 2 == 0;
    const int n = 1 + static_cast<int>(rng() % 8);
    const double scale = std::pow(10.0, exponent(rng));
    for (int i = 0; i < n; ++i) {
      SliceCircle c;
      auto pick = [&] { return rng() % 4 == 0 ? 0.0 : scale * (static_cast<double>(rng() % 2001) / 1000.0 - 1.0); };
      c.center = {pick(), pick(), rng() % 3 == 0 ? 0.0 : pick()};
      c.radius = std::abs(pick());
      if (t.has_normals) c.normal = {pick(), pick(), pick() + (rng() % 2 ? scale : 0.0)};
      if (c.normal.norm() == 0.0) c.normal = Eigen::Vector3d::UnitZ();
      t.add(c);
    }
    FitOptions o;
    o.robust = trial % 5 == 0;
    if (trial % 7 == 0) o.known_radius = scale;
    const auto fit = fit_sphere(t.view(), o);
    if (fit.ok())
      expect_finite(fit.value());
    else
      EXPECT_FALSE(fit.error().message.empty());
  }
}

TEST(Fuzz, ExactSpheresFromTinyToHugeScales) {
  for (double scale : {1e-150, 1e-30, 1e30, 1e150}) {
    std::vector<testing::SliceSpec> planes;
    for (double h : {-0.75, -0.5, 0.0, 0.25, 0.625}) planes.push_back({h * scale});
    const Eigen::Vector3d center = scale * Eigen::Vector3d(2, -1, 0.5);
    const auto fit = fit_sphere(testing::slice_sphere(center, scale, planes).view());
    ASSERT_TRUE(fit.ok()) << fit.error().message;
    EXPECT_LE((fit.value().center - center).norm(), 1e-10 * scale) << scale;
    EXPECT_NEAR(fit.value().radius, scale, 1e-10 * scale);
  }
}

}  // namespace
}  // namespace spherefit
