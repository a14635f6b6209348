// The warnings a fit gives about its own result, each on data built to need it: the robust fit
// says what it set aside (circles by number, points by count), and data so large that the
// covariance overflows double keep their standard uncertainties and say the matrix is missing.
// Removing any of these warnings from the core must fail a test here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "pipeline/fit.hpp"
#include "support/synthetic.hpp"

namespace spherefit {
namespace {

const Warning* find_warning(const SphereFit& fit, WarningCode code) {
  const auto it =
      std::find_if(fit.warnings.begin(), fit.warnings.end(), [&](const Warning& w) { return w.code == code; });
  return it == fit.warnings.end() ? nullptr : &*it;
}

TEST(Warnings, RobustCircleFitNamesTheSlicesItSetAside) {
  const unsigned seed = 11;
  std::mt19937_64 rng(seed);
  SliceTable t = testing::slice_sphere({1, 2, 3}, 10.0, testing::parallel_planes(12, -0.8, 0.8, rng));
  testing::add_noise(t, 1e-3, rng);
  t.r[3] += 3.0;  // slices 4 and 9 (1-based) are wrong by far more than the noise
  t.r[8] -= 2.5;
  FitOptions o;
  o.robust = true;
  const Outcome<SphereFit> fit = fit_sphere(t.view(), o);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  const Warning* w = find_warning(fit.value(), WarningCode::SetAside);
  ASSERT_NE(w, nullptr) << "seed " << seed;
  EXPECT_NE(w->message.find("2 slices: 4, 9"), std::string::npos) << w->message;
  EXPECT_EQ(fit.value().inlier[3], 0);
  EXPECT_EQ(fit.value().inlier[8], 0);
  // Without the robust fit nothing is set aside, and the two slices are flagged as outliers instead.
  const Outcome<SphereFit> plain = fit_sphere(t.view(), {});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(find_warning(plain.value(), WarningCode::SetAside), nullptr);
}

TEST(Warnings, RobustPointFitCountsTheClutterItSetAside) {
  const unsigned seed = 12;
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> gauss(0.0, 1.0);
  std::uniform_real_distribution<double> box(-30.0, 30.0);
  std::vector<double> x, y, z;
  for (int i = 0; i < 700; ++i) {
    Eigen::Vector3d d(gauss(rng), gauss(rng), gauss(rng));
    d = d.normalized() * (20.0 + 0.01 * gauss(rng));
    x.push_back(d.x()), y.push_back(d.y()), z.push_back(d.z());
  }
  for (int i = 0; i < 300; ++i) x.push_back(box(rng)), y.push_back(box(rng)), z.push_back(box(rng));
  FitOptions o;
  o.robust = true;
  const Outcome<SphereFit> fit = fit_sphere(PointColumnsView{x.size(), x.data(), y.data(), z.data(), nullptr}, o);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  const Warning* w = find_warning(fit.value(), WarningCode::SetAside);
  ASSERT_NE(w, nullptr) << "seed " << seed;
  const auto set_aside = static_cast<std::size_t>(std::count(fit.value().inlier.begin(), fit.value().inlier.end(), 0));
  EXPECT_GE(set_aside, 270u);  // the box holds a few clutter points close to the sphere
  EXPECT_LE(set_aside, 300u);
  EXPECT_NE(w->message.find(" of 1,000 points"), std::string::npos) << w->message;
}

TEST(Warnings, CovarianceBeyondDoubleIsSaidNotHidden) {
  // A sphere of radius 1e160: variances of order (1e157)² overflow double, the standard
  // uncertainties (1e157) do not.
  const unsigned seed = 13;
  std::mt19937_64 rng(seed);
  // (Built here: the generator's r = √(R² − h²) would overflow.)
  std::normal_distribution<double> gauss(0.0, 1.0);
  SliceTable t;
  for (int i = 0; i < 20; ++i) {
    const double h = -0.9 + 1.8 * i / 19.0;
    SliceCircle c;
    c.center = Eigen::Vector3d(1e157 * gauss(rng), 1e157 * gauss(rng), 1e160 * h);
    c.radius = 1e160 * std::sqrt(1.0 - h * h) + 1e157 * gauss(rng);
    t.add(c);
  }
  const Outcome<SphereFit> circles = fit_sphere(t.view(), {});
  ASSERT_TRUE(circles.ok()) << circles.error().message;
  ASSERT_TRUE(circles.value().uncertainty.has_value());
  EXPECT_FALSE(circles.value().uncertainty->covariance.has_value());
  EXPECT_GT(circles.value().uncertainty->std_error(3), 0.0);
  EXPECT_TRUE(std::isfinite(circles.value().uncertainty->std_error(3)));
  EXPECT_NE(find_warning(circles.value(), WarningCode::CovarianceOverflow), nullptr);

  std::vector<double> x, y, z;
  for (int i = 0; i < 500; ++i) {
    Eigen::Vector3d d(gauss(rng), gauss(rng), gauss(rng));
    d = d.normalized() * 1e160 * (1.0 + 1e-3 * gauss(rng));
    x.push_back(d.x()), y.push_back(d.y()), z.push_back(d.z());
  }
  const Outcome<SphereFit> points = fit_sphere(PointColumnsView{x.size(), x.data(), y.data(), z.data(), nullptr}, {});
  ASSERT_TRUE(points.ok()) << points.error().message;
  ASSERT_TRUE(points.value().uncertainty.has_value());
  EXPECT_FALSE(points.value().uncertainty->covariance.has_value());
  EXPECT_NE(find_warning(points.value(), WarningCode::CovarianceOverflow), nullptr);
  // At an ordinary scale the same data have their covariance and no such warning.
  for (double& v : x) v *= 1e-159;
  for (double& v : y) v *= 1e-159;
  for (double& v : z) v *= 1e-159;
  const Outcome<SphereFit> small = fit_sphere(PointColumnsView{x.size(), x.data(), y.data(), z.data(), nullptr}, {});
  ASSERT_TRUE(small.ok());
  EXPECT_TRUE(small.value().uncertainty->covariance.has_value());
  EXPECT_EQ(find_warning(small.value(), WarningCode::CovarianceOverflow), nullptr);
}

}  // namespace
}  // namespace spherefit
