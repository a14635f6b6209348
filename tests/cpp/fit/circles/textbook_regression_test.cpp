// REGRESSION TEST ONLY: the widespread textbook method, kept here to show why the product does not
// use it. Rows [2x 2y 2z −1], right side x²+y²+z²−r², minimum-norm SVD solve. Pythagoras says
// |c − p|² + r² = R², so the sign of r² is wrong, and for parallel slices the centres lie on one
// line, leaving x0, y0 undetermined. Never call this from the product.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>

#include "pipeline/fit.hpp"
#include "support/synthetic.hpp"

namespace spherefit {
namespace {

struct Wrong {
  Eigen::Vector3d center;
  double radius;
};

Wrong textbook_sphere(const SliceTable& t) {
  Eigen::MatrixXd a(t.size(), 4);
  Eigen::VectorXd b(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    a.row(i) << 2 * t.x[i], 2 * t.y[i], 2 * t.z[i], -1;
    b(i) = t.x[i] * t.x[i] + t.y[i] * t.y[i] + t.z[i] * t.z[i] - t.r[i] * t.r[i];
  }
  const Eigen::Vector4d s = a.bdcSvd(Eigen::ComputeThinU | Eigen::ComputeThinV).solve(b);
  return {s.head<3>(), std::sqrt(s.head<3>().squaredNorm() - s(3))};
}

TEST(TextbookRegression, WrongOnExactSlicesOursExact) {
  std::vector<testing::SliceSpec> planes;
  for (double z : {0.0, 2.0, 3.0, 5.0, 7.0}) planes.push_back({z - 3.0});
  const auto t = testing::slice_sphere({1, 2, 3}, 5, planes);
  const Wrong w = textbook_sphere(t);
  EXPECT_NEAR(w.center.x(), -2.33, 0.01);
  EXPECT_NEAR(w.center.y(), -4.66, 0.01);
  EXPECT_NEAR(w.center.z(), 4.10, 0.01);
  EXPECT_NEAR(w.radius, 6.54, 0.01);
  const auto ours = fit_sphere(t.view());
  ASSERT_TRUE(ours.ok());
  EXPECT_LE((ours.value().center - Eigen::Vector3d(1, 2, 3)).norm(), 1e-12 * 5);
  EXPECT_NEAR(ours.value().radius, 5.0, 1e-12 * 5);
}

TEST(TextbookRegression, NaNRadiusOnCoaxialCirclesOursFinite) {
  const SliceTable t = testing::coaxial_circles();
  EXPECT_TRUE(std::isnan(textbook_sphere(t).radius));
  const auto ours = fit_sphere(t.view());
  ASSERT_TRUE(ours.ok());
  EXPECT_TRUE(std::isfinite(ours.value().radius));
}

}  // namespace
}  // namespace spherefit
