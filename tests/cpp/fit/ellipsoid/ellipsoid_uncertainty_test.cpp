// Are the ellipsoid's reported standard uncertainties honest? Over 1 000 fits of freshly noised
// data (fixed, printed seeds) the spread of the fitted centre, semi-axes and axis directions
// (the truth about their uncertainty) against the root mean reported variance: classical
// s²(JᵀJ)⁻¹ for plain clouds, the CR2 sandwich for contours whose slices share an offset.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <random>

#include "fit/ellipsoid/ellipsoid_fit.hpp"
#include "support/ellipsoid_cases.hpp"

namespace spherefit {
namespace {

using testing::TrueEllipsoid;

constexpr int kTrials = 1000;

// Tallies centre (3), semi-axes (3) and the tilt of each axis (3) over trials.
struct Tally {
  Eigen::Matrix<double, 9, 1> sum = Eigen::Matrix<double, 9, 1>::Zero(), square = sum, reported = sum;
  std::array<int, 9> counted{};
  int trials = 0;

  void add(const EllipsoidFit& f, const TrueEllipsoid& e) {
    ++trials;
    for (int k = 0; k < 3; ++k) {
      const double dc = f.center(k) - e.center(k), da = f.semi_axes(k) - e.semi_axes(k);
      sum(k) += dc, square(k) += dc * dc, reported(k) += f.center_std_error(k) * f.center_std_error(k);
      sum(3 + k) += da, square(3 + k) += da * da,
          reported(3 + k) += f.semi_axes_std_error(k) * f.semi_axes_std_error(k);
      if (!f.axis_std_error[static_cast<std::size_t>(k)]) continue;
      const double tilt = std::acos(std::min(1.0, std::abs(f.axes.col(k).dot(e.rotation.col(k)))));
      square(6 + k) += tilt * tilt;  // a tilt's mean square against its reported variance
      reported(6 + k) +=
          *f.axis_std_error[static_cast<std::size_t>(k)] * *f.axis_std_error[static_cast<std::size_t>(k)];
      ++counted[static_cast<std::size_t>(6 + k)];
    }
  }

  void expect_honest(const char* what, int axes) const {
    const char* names[9] = {"x0", "y0", "z0", "a1", "a2", "a3", "axis 1", "axis 2", "axis 3"};
    for (int k = 0; k < 6 + axes; ++k) {
      const double n = k < 6 ? trials : counted[static_cast<std::size_t>(k)];
      ASSERT_GT(n, 0) << what << " " << names[k];
      const double mean = k < 6 ? sum(k) / n : 0.0;
      const double empirical = std::sqrt(std::max(0.0, square(k) / n - mean * mean) * (k < 6 ? n / (n - 1) : 1.0));
      const double ratio = std::sqrt(reported(k) / n) / empirical;
      std::printf("%s %-6s: empirical %.4g reported %.4g ratio %.3f\n", what, names[k], empirical,
                  std::sqrt(reported(k) / n), ratio);
      EXPECT_GT(ratio, 0.9) << what << " " << names[k];
      EXPECT_LT(ratio, 1.1) << what << " " << names[k];
    }
  }
};

void run(const char* what, std::uint64_t seed, Shape shape, int axes,
         const std::function<testing::Columns(const TrueEllipsoid&, std::mt19937_64&)>& sample,
         const TrueEllipsoid& e) {
  std::mt19937_64 rng(seed);
  std::printf("%s: seed %llu, %d trials\n", what, static_cast<unsigned long long>(seed), kTrials);
  Tally tally;
  for (int t = 0; t < kTrials; ++t) {
    const testing::Columns c = sample(e, rng);
    const auto fit = fit_ellipsoid(c.view(), shape);
    ASSERT_TRUE(fit.ok()) << fit.error().message;
    EXPECT_EQ(fit.value().clustered, c.view().has_slices());
    tally.add(fit.value(), e);
  }
  tally.expect_honest(what, axes);
}

TrueEllipsoid far_triaxial() {
  std::mt19937_64 rng(7400);
  return {{1e3, -2e3, 5e2}, {26.5, 25, 24}, testing::random_rotation(rng)};
}

TEST(EllipsoidUncertainty, PlainCloudAllRound) {
  run(
      "plain, all round", 7401, Shape::Ellipsoid, 3,
      [](const TrueEllipsoid& e, std::mt19937_64& rng) {
        auto p = testing::points_on_ellipsoid(e, 500, 180, rng);
        testing::add_noise(p, 0.05, rng);
        return testing::columns_of(p);
      },
      far_triaxial());
}

TEST(EllipsoidUncertainty, PlainCloudUpperHalf) {
  run(
      "plain, upper half", 7402, Shape::Ellipsoid, 3,
      [](const TrueEllipsoid& e, std::mt19937_64& rng) {
        auto p = testing::points_on_ellipsoid(e, 500, 90, rng);
        testing::add_noise(p, 0.05, rng);
        return testing::columns_of(p);
      },
      far_triaxial());
}

TEST(EllipsoidUncertainty, ContoursWithSliceOffsetsAreClustered) {
  // 30 slices of 60 points; each slice's points share a 0.05 offset along its normal.
  run(
      "contours", 7403, Shape::Ellipsoid, 3,
      [](const TrueEllipsoid& e, std::mt19937_64& rng) {
        const auto c = testing::contours_on_ellipsoid(e, 30, 60, -0.95, 0.95, 0.05, 0.05, rng);
        return testing::columns_of(c.points, c.slice);
      },
      far_triaxial());
}

TEST(EllipsoidUncertainty, ContoursOfTheUpperHalf) {
  run(
      "contours, upper half", 7404, Shape::Ellipsoid, 3,
      [](const TrueEllipsoid& e, std::mt19937_64& rng) {
        const auto c = testing::contours_on_ellipsoid(e, 30, 60, 0.0, 0.95, 0.05, 0.05, rng);
        return testing::columns_of(c.points, c.slice);
      },
      far_triaxial());
}

TEST(EllipsoidUncertainty, SpheroidAllRound) {
  // Only the polar axis has a direction; the equatorial ones are undefined by symmetry.
  std::mt19937_64 rng(7405);
  const TrueEllipsoid e{{10, 20, 30}, {26.5, 25, 25}, testing::random_rotation(rng)};
  run(
      "spheroid", 7406, Shape::Spheroid, 1,
      [](const TrueEllipsoid& t, std::mt19937_64& r) {
        auto p = testing::points_on_ellipsoid(t, 500, 180, r);
        testing::add_noise(p, 0.05, r);
        return testing::columns_of(p);
      },
      e);
}

}  // namespace
}  // namespace spherefit
