// Hostile magnitudes (issue 22, item 11): a form fit of a sphere of radius 1e155 (coordinates beyond
// the ~1.3e154 where a squared length overflows) must give finite RMS and largest distance, or a
// NumericalFailure — never ok with Infinity. Truth: the construction (R = 1e155, centre 0).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "pipeline/fit.hpp"
#include "support/reference_point_fit.hpp"

namespace spherefit {
namespace {

constexpr FitType kFormFits[] = {FitType::MinimumZone, FitType::MinimumCircumscribed, FitType::MaximumInscribed};

TEST(ExtremeValues, FormFitsOfPointsAt1e155AreFinite) {
  std::mt19937_64 rng(2211);
  std::normal_distribution<double> noise(0.0, 1e-4);
  PointTable t;
  for (const auto& p : testing::points_on_sphere({0, 0, 0}, 1e155, 300, 180.0, rng)) {
    const Eigen::Vector3d q = p * (1.0 + noise(rng));
    t.x.push_back(q.x());
    t.y.push_back(q.y());
    t.z.push_back(q.z());
  }
  for (FitType type : kFormFits) {
    FitOptions o;
    o.fit_type = type;
    const auto fit = fit_sphere(t.view(), o);
    ASSERT_TRUE(fit.ok()) << name_of(kFitTypeNames, type) << ": " << fit.error().message;
    const SphereFit& f = fit.value();
    EXPECT_NEAR(f.radius / 1e155, 1.0, 1e-3) << name_of(kFitTypeNames, type);
    EXPECT_TRUE(std::isfinite(f.rms) && f.rms > 0.0) << name_of(kFitTypeNames, type) << " rms " << f.rms;
    EXPECT_TRUE(std::isfinite(f.max_abs_residual) && f.max_abs_residual > 0.0) << name_of(kFitTypeNames, type);
    EXPECT_LT(f.max_abs_residual, 1e-2 * 1e155) << name_of(kFitTypeNames, type);
    for (double e : f.residuals) ASSERT_TRUE(std::isfinite(e));
  }
}

TEST(ExtremeValues, FormFitsOfCirclesAt1e155AreFinite) {
  std::mt19937_64 rng(2212);
  std::normal_distribution<double> noise(0.0, 1e-4);
  SliceTable t;
  t.has_normals = true;
  for (int k = 0; k < 12; ++k) {  // the slices at heights u·R, radius R·√(1 − u²), without squaring R
    const double u = -0.8 + 1.6 * k / 11.0;
    SliceCircle c;
    c.center = {1e151 * noise(rng), 0.0, 1e155 * u};
    c.radius = 1e155 * std::sqrt(1.0 - u * u) * (1.0 + noise(rng));
    c.normal = Eigen::Vector3d::UnitZ();
    t.add(c);
  }
  for (FitType type : kFormFits) {
    FitOptions o;
    o.fit_type = type;
    const auto fit = fit_sphere(t.view(), o);
    if (!fit.ok()) {
      EXPECT_EQ(fit.error().code, ErrorCode::NumericalFailure) << fit.error().message;
      continue;
    }
    EXPECT_NEAR(fit.value().radius / 1e155, 1.0, 1e-2) << name_of(kFitTypeNames, type);
    EXPECT_TRUE(std::isfinite(fit.value().rms)) << name_of(kFitTypeNames, type);
    EXPECT_TRUE(std::isfinite(fit.value().max_abs_residual)) << name_of(kFitTypeNames, type);
  }
}

}  // namespace
}  // namespace spherefit
