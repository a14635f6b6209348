// Form fits of slice circles taken whole: exact slices of a sphere, circles built around a known
// zone, coaxial parallel slices (the centre on every circle's axis, where the distances have a
// kink) against a one-dimensional search done here, and perturbed circles against dense sampling.
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

using testing::ContactPattern;

constexpr FitType kFormTypes[] = {FitType::MinimumZone, FitType::MinimumCircumscribed, FitType::MaximumInscribed};

Eigen::Vector3d least_squares_center(const SliceTable& t) {
  const auto fit = fit_sphere(t.view());
  EXPECT_TRUE(fit.ok()) << fit.error().message;
  return fit.ok() ? fit.value().center : Eigen::Vector3d::Zero();
}

FormFit fit_circles(const SliceTable& t, FitType type) {
  const Outcome<FormFit> fit = fit_form(t.view(), type, least_squares_center(t));
  EXPECT_TRUE(fit.ok()) << fit.error().message;
  return fit.ok() ? fit.value() : FormFit{};
}

TEST(FormCircles, ExactSlicesGiveTheSphereForEveryFit) {
  std::mt19937_64 rng(2012);
  std::printf("seed 2012\n");
  struct Case {
    Eigen::Vector3d center;
    double radius;
  };
  for (const Case& s : {Case{{1, 2, 3}, 5.0}, Case{{1e3, -1e3, 1e3}, 1e-3}, Case{{3e6, 1e6, -2e6}, 1e6}}) {
    for (bool oblique : {false, true}) {
      const auto planes = oblique ? testing::oblique_planes(15, -0.9 * s.radius, 0.9 * s.radius, rng)
                                  : testing::parallel_planes(15, -0.9 * s.radius, 0.9 * s.radius, rng);
      const SliceTable t = testing::slice_sphere(s.center, s.radius, planes);
      for (FitType type : kFormTypes) {
        SCOPED_TRACE(std::string(name_of(kFitTypeNames, type)) + (oblique ? ", oblique" : ", parallel") +
                     ", R = " + std::to_string(s.radius));
        const FormFit fit = fit_circles(t, type);
        EXPECT_LE((fit.center - s.center).norm(), 1e-9 * s.radius);
        EXPECT_NEAR(fit.radius, s.radius, 1e-9 * s.radius);
        EXPECT_LE(fit.form.form_error, 1e-9 * s.radius);
        EXPECT_LE(fit.form.max_violation, 1e-9 * s.radius);
        EXPECT_LE(fit.form.optimality_gap, 1e-9 * s.radius);
        EXPECT_EQ(testing::check_conditions(t, fit, type, 1e-9 * s.radius, 1e-8), "");
      }
    }
  }
}

TEST(FormCircles, MinimumZoneOfCirclesBuiltAroundAKnownZone) {
  std::mt19937_64 rng(3112);
  std::printf("seed 3112\n");
  for (ContactPattern pattern : {ContactPattern::ThreeOuterTwoInner, ContactPattern::TwoOuterThreeInner}) {
    for (double h : {1e-4, 1e-2, 0.2}) {
      SCOPED_TRACE("h = " + std::to_string(h));
      const testing::KnownCircleZone z = testing::forbes_minh_circles({-1, 4, 2}, 10.0, h, pattern, 40, rng);
      const FormFit fit = fit_circles(z.circles, FitType::MinimumZone);
      EXPECT_LE((fit.center - z.center).norm(), 1e-9 * 10);
      EXPECT_NEAR(fit.form.inner_radius, z.inner, 1e-9 * 10);
      EXPECT_NEAR(fit.form.outer_radius, z.outer, 1e-9 * 10);
      EXPECT_LE(fit.form.max_violation, 1e-9 * 10);
      EXPECT_LE(fit.form.optimality_gap, 1e-9 * 10);
      EXPECT_TRUE(fit.form.unique);
      ASSERT_EQ(fit.form.contacts.size(), 5u);
      for (const Contact& k : fit.form.contacts) EXPECT_LT(k.index, 5);
      EXPECT_EQ(testing::check_conditions(z.circles, fit, FitType::MinimumZone, 1e-9 * 10, 1e-8), "");
    }
  }
}

// One-dimensional truth for coaxial slices: on the axis every point of a circle is equally far,
// so each fit is a function of the height z alone, minimised here by a fine scan and golden section.
double on_axis(const SliceTable& t, FitType type, double z) {
  double far = 0.0, near = INFINITY;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double d = std::hypot(t.z[i] - z, t.r[i]);
    far = std::max(far, d);
    near = std::min(near, d);
  }
  if (type == FitType::MinimumZone) return far - near;
  return type == FitType::MaximumInscribed ? -near : far;
}

double best_height(const SliceTable& t, FitType type, double lo, double hi) {
  double best = lo;
  const int n = 20000;
  for (int k = 0; k <= n; ++k) {
    const double z = lo + (hi - lo) * k / n;
    if (on_axis(t, type, z) < on_axis(t, type, best)) best = z;
  }
  double a = best - (hi - lo) / n, b = best + (hi - lo) / n;
  const double g = (std::sqrt(5.0) - 1) / 2;
  for (int it = 0; it < 200; ++it) {
    const double c = b - g * (b - a), d = a + g * (b - a);
    (on_axis(t, type, c) < on_axis(t, type, d) ? b : a) = (on_axis(t, type, c) < on_axis(t, type, d) ? d : c);
  }
  return 0.5 * (a + b);
}

TEST(FormCircles, CoaxialParallelSlicesWithTheCentreOnTheirAxis) {
  std::mt19937_64 rng(606);
  std::printf("seed 606\n");
  std::normal_distribution<double> noise(0.0, 0.01);
  const double radius = 10.0;
  for (int trial = 0; trial < 6; ++trial) {
    SliceTable t;  // slices along z through the axis x = 2, y = −1, radii perturbed
    for (int k = 0; k < 12; ++k) {
      const double h = -8.5 + 17.0 * k / 11.0;
      t.add({{2.0, -1.0, 3.0 + h}, std::sqrt(radius * radius - h * h) + noise(rng)});
    }
    for (FitType type : kFormTypes) {
      SCOPED_TRACE(std::string(name_of(kFitTypeNames, type)) + ", trial " + std::to_string(trial));
      const FormFit fit = fit_circles(t, type);
      const double z = best_height(t, type, 3.0 - 2.0, 3.0 + 2.0);
      EXPECT_LE((fit.center.head<2>() - Eigen::Vector2d(2.0, -1.0)).norm(), 1e-9 * radius);
      EXPECT_NEAR(fit.center.z(), z, 1e-9 * radius);
      EXPECT_NEAR(type == FitType::MaximumInscribed
                      ? -fit.form.inner_radius
                      : (type == FitType::MinimumZone ? fit.form.form_error : fit.form.outer_radius),
                  on_axis(t, type, z), 1e-12 * radius);
      EXPECT_LE(fit.form.max_violation, 1e-12 * radius);
      EXPECT_LE(fit.form.optimality_gap, 1e-9 * radius);
      EXPECT_EQ(testing::check_conditions(t, fit, type, 1e-9 * radius, 1e-8), "");
    }
  }
}

// Dense samples of the circles bracket the exact answer: for any centre the sampled farthest
// distance falls short of the circle's by at most r·b·(π/K)²/(2·far) (K samples: the nearest
// sample is within π/K of the extreme angle), and likewise for the nearest. So
// zone_K(c) ≤ zone(c) ≤ zone_K(c) + ε for all c, and the optima obey the same bracket.
TEST(FormCircles, PerturbedCirclesAgreeWithDenseSampling) {
  std::mt19937_64 rng(4242);
  std::printf("seed 4242\n");
  const int samples = 4000;
  const double pi = 3.14159265358979323846;
  for (int trial = 0; trial < 3; ++trial) {
    SliceTable t = testing::slice_sphere({0.5, -0.5, 1.0}, 8.0, testing::oblique_planes(20, -7.0, 7.0, rng));
    testing::add_noise(t, 0.03, rng);
    std::vector<Eigen::Vector3d> points;
    double epsilon = 0.0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const SliceCircle c = t.view().circle(i);
      const Eigen::Vector3d w = c.normal.normalized(), u = w.unitOrthogonal(), v = w.cross(u);
      for (int k = 0; k < samples; ++k) {
        const double a = 2 * pi * k / samples;
        points.push_back(c.center + c.radius * (std::cos(a) * u + std::sin(a) * v));
      }
      // b ≤ |k − c| and near, far ≥ 7 for centres near (0.5, −0.5, 1): a safe bound.
      epsilon = std::max(epsilon, c.radius * ((c.center - Eigen::Vector3d(0.5, -0.5, 1.0)).norm() + 0.5) *
                                      (pi / samples) * (pi / samples) / (2 * 7.0));
    }
    const PointTable cloud = testing::point_table(points);
    for (FitType type : kFormTypes) {
      SCOPED_TRACE(std::string(name_of(kFitTypeNames, type)) + ", trial " + std::to_string(trial));
      const FormFit exact = fit_circles(t, type);
      const auto sampled = fit_form(cloud.view(), type, least_squares_center(t));
      ASSERT_TRUE(sampled.ok()) << sampled.error().message;
      // The sampled answer is itself checked from scratch before it is believed.
      EXPECT_EQ(testing::check_conditions(points, sampled.value(), type, 1e-10, 1e-8), "");
      EXPECT_EQ(testing::check_conditions(t, exact, type, 1e-10, 1e-8), "");
      const auto value = [&](const FormFit& f) {
        return type == FitType::MinimumZone
                   ? f.form.form_error
                   : (type == FitType::MaximumInscribed ? -f.form.inner_radius : f.form.outer_radius);
      };
      const double span = type == FitType::MinimumZone ? 2 * epsilon : epsilon;
      EXPECT_LE(value(sampled.value()), value(exact) + 1e-12);
      EXPECT_LE(value(exact), value(sampled.value()) + span + 1e-12);
      EXPECT_LE((exact.center - sampled.value().center).norm(), 1e-3);
      std::printf("%s: exact %.12f, sampled %.12f, bracket %.2e\n", name_of(kFitTypeNames, type), value(exact),
                  value(sampled.value()), span);
    }
  }
}

TEST(FormCircles, LargestSliceAloneSetsTheCircumscribedSphere) {
  // An equatorial circle of radius 5 and slices of a sphere of radius 4.9 about the same centre:
  // the smallest sphere holding them is the equator's, centred on it. The radius grows only to
  // second order as the centre moves along the axis, so the centre's last digits need the polish.
  SliceTable t;
  t.add({{1, 2, 3}, 5.0});
  for (double h : {-4.0, -2.5, -1.0, 1.5, 3.0, 4.5}) t.add({{1, 2, 3 + h}, std::sqrt(4.9 * 4.9 - h * h)});
  const FormFit fit = fit_circles(t, FitType::MinimumCircumscribed);
  EXPECT_LE((fit.center - Eigen::Vector3d(1, 2, 3)).norm(), 1e-12 * 5);
  EXPECT_NEAR(fit.radius, 5.0, 1e-14 * 5);
  EXPECT_LE(fit.form.optimality_gap, 1e-12 * 5);
  EXPECT_TRUE(fit.form.unique);
  for (const Contact& k : fit.form.contacts) EXPECT_EQ(k.index, 0);
  EXPECT_EQ(testing::check_conditions(t, fit, FitType::MinimumCircumscribed, 1e-12 * 5, 1e-9), "");
}

TEST(FormCircles, MaximumInscribedOfACapIsUnbounded) {
  std::mt19937_64 rng(17);
  std::printf("seed 17\n");
  const SliceTable t = testing::slice_sphere({4, -3, 2}, 2.5, testing::parallel_planes(12, 0.3 * 2.5, 0.9 * 2.5, rng));
  const auto fit = fit_form(t.view(), FitType::MaximumInscribed, least_squares_center(t));
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.error().code, ErrorCode::InscribedUnbounded);
  EXPECT_NE(fit.error().message.find("slices"), std::string::npos);
  // The zone is defined on a cap (here the sphere itself); so is the circumscribed sphere (smaller).
  const FormFit zone = fit_circles(t, FitType::MinimumZone);
  EXPECT_LE(zone.form.form_error, 1e-9 * 2.5);
  EXPECT_LE((zone.center - Eigen::Vector3d(4, -3, 2)).norm(), 1e-9 * 2.5);
  EXPECT_LT(fit_circles(t, FitType::MinimumCircumscribed).radius, 2.5);
}

TEST(FormCircles, BadInputIsATypedError) {
  const auto code = [](const SliceTable& t, FitType type) {
    const auto fit = fit_form(t.view(), type, Eigen::Vector3d::Zero());
    EXPECT_FALSE(fit.ok());
    return fit.ok() ? ErrorCode::NumericalFailure : fit.error().code;
  };
  SliceTable one;
  one.add({{0, 0, 0}, 1.0});
  EXPECT_EQ(code(one, FitType::MinimumZone), ErrorCode::TooFewSlices);
  EXPECT_EQ(code(SliceTable{}, FitType::MinimumZone), ErrorCode::TooFewSlices);
  SliceTable flat;
  flat.add({{0, 0, 1}, 1.0});
  flat.add({{3, 0, 1}, 2.0});
  EXPECT_EQ(code(flat, FitType::MinimumCircumscribed), ErrorCode::AllSlicesCoplanar);
  SliceTable tangent;  // four tangent points: enough for the circumscribed sphere, not the zone
  for (double z : {-1.0, 0.0, 1.0, 2.0}) tangent.add({{z * z, z, z}, 0.0});
  EXPECT_EQ(code(tangent, FitType::MinimumZone), ErrorCode::TooFewSlices);
  SliceTable bad = testing::slice_sphere({0, 0, 0}, 2, {{-1.0}, {0.0}, {1.0}});
  bad.r[1] = NAN;
  const auto fit = fit_form(bad.view(), FitType::MinimumZone, Eigen::Vector3d::Zero());
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.error().code, ErrorCode::NonFiniteValue);
  EXPECT_EQ(fit.error().slice, 1);
  bad.r[1] = -1;
  EXPECT_EQ(code(bad, FitType::MaximumInscribed), ErrorCode::NegativeRadius);
  EXPECT_EQ(code(testing::slice_sphere({0, 0, 0}, 2, {{-1.0}, {1.0}}), FitType::LeastSquares),
            ErrorCode::InvalidOption);
}

}  // namespace
}  // namespace spherefit
