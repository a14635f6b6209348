// The point fit against certified and independent truth: NIST's six certified least-squares
// spheres, exact spheres at every scale and cap size, noisy clouds against an independent full
// Newton in long double, every error, known radius and its mirror case.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "pipeline/fit.hpp"
#include "pipeline/fit_text.hpp"
#include "support/reference_point_fit.hpp"

namespace spherefit {
namespace {

PointTable table_of(const std::vector<Eigen::Vector3d>& points) {
  PointTable t;
  for (const auto& p : points) {
    t.x.push_back(p.x());
    t.y.push_back(p.y());
    t.z.push_back(p.z());
  }
  return t;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void expect_sphere(const SphereFit& f, const Eigen::Vector3d& center, double radius, double tol) {
  EXPECT_LE((f.center - center).norm(), tol * radius) << f.center.transpose() << " vs " << center.transpose();
  EXPECT_LE(std::abs(f.radius - radius), tol * radius) << f.radius << " vs " << radius;
}

TEST(PointFit, ReproducesTheSixNistCertifiedSpheres) {
  // NIST's Algorithm Testing System: certified in 60-digit arithmetic; the .fit gives the diameter.
  for (const char* name : {"sph9", "sph10", "sph11", "sph14", "sph5", "sph29"}) {
    const std::string dir = std::string(SPHEREFIT_TEST_DATA) + "/nist-sphere/";
    const auto fit = fit_text(read_file(dir + name + ".ds"), {}, std::string(name) + ".ds");
    ASSERT_TRUE(fit.ok()) << name << ": " << fit.error().message;
    EXPECT_EQ(fit.value().fit.mode, FitMode::Points);
    std::istringstream certified(read_file(dir + name + ".fit"));
    Eigen::Vector3d center;
    double diameter = 0;
    certified >> center.x() >> center.y() >> center.z() >> diameter;
    const double radius = diameter / 2;
    const SphereFit& f = fit.value().fit;
    const double error = std::max((f.center - center).cwiseAbs().maxCoeff(), std::abs(f.radius - radius)) / radius;
    std::printf("%s: %zu points, largest error %.2e R\n", name, fit.value().table.points.size(), error);
    EXPECT_LE(error, 1e-12) << name;
    for (const Warning& w : f.warnings) EXPECT_NE(w.code, WarningCode::PointCountMismatch) << name;
  }
}

TEST(PointFit, ExactSpheresAtEveryScaleAndCapSize) {
  std::mt19937_64 rng(2201);
  std::printf("seed 2201\n");
  for (double scale : {1e-150, 1e-6, 1.0, 1e6, 1e150}) {
    for (double cap : {180.0, 90.0, 30.0, 10.0}) {
      const Eigen::Vector3d center = scale * Eigen::Vector3d(1e3, -2e3, 5e2);
      const double radius = scale * 1.7;
      const auto fit = fit_sphere(table_of(testing::points_on_sphere(center, radius, 200, cap, rng)).view());
      ASSERT_TRUE(fit.ok()) << fit.error().message;
      expect_sphere(fit.value(), center, radius, 1e-10);
      EXPECT_TRUE(fit.value().rms <= 1e-10 * radius);
      EXPECT_EQ(fit.value().coverage.cap_only, cap < 90.0) << cap;
    }
  }
}

TEST(PointFit, NoisyCloudsMatchAnIndependentNewtonInLongDouble) {
  std::mt19937_64 rng(2202);
  std::printf("seed 2202\n");
  std::normal_distribution<double> noise(0.0, 0.02);
  for (int trial = 0; trial < 12; ++trial) {
    const Eigen::Vector3d center(3, -1, 4);
    auto points = testing::points_on_sphere(center, 10, 300, trial % 2 ? 180.0 : 50.0, rng);
    for (auto& p : points) p += Eigen::Vector3d(noise(rng), noise(rng), noise(rng));
    const auto fit = fit_sphere(table_of(points).view());
    ASSERT_TRUE(fit.ok());
    const auto ref = testing::reference_point_fit(points, {center + Eigen::Vector3d(0.1, 0.1, -0.1), 10.1});
    expect_sphere(fit.value(), ref.center, ref.radius, 1e-11);
  }
}

TEST(PointFit, KnownRadiusFitsTheCentreOnly) {
  std::mt19937_64 rng(2203);
  const Eigen::Vector3d center(-5, 2, 7);
  FitOptions o;
  o.known_radius = 3.0;
  const auto fit = fit_sphere(table_of(testing::points_on_sphere(center, 3.0, 50, 40.0, rng)).view(), o);
  ASSERT_TRUE(fit.ok());
  expect_sphere(fit.value(), center, 3.0, 1e-10);
  EXPECT_TRUE(fit.value().radius_fixed);
  ASSERT_TRUE(fit.value().known_radius_check);
  EXPECT_NEAR(fit.value().known_radius_check->free_radius, 3.0, 1e-9);
}

TEST(PointFit, PointsInOnePlane) {
  // A circle of radius 4 in the plane z = 1: a sphere of radius 5 sits 3 above or below it.
  std::vector<Eigen::Vector3d> ring;
  for (int k = 0; k < 12; ++k) ring.emplace_back(4 * std::cos(0.5 * k), 4 * std::sin(0.5 * k), 1.0);
  const auto free = fit_sphere(table_of(ring).view());
  ASSERT_FALSE(free.ok());
  EXPECT_EQ(free.error().code, ErrorCode::PointsCoplanar);
  FitOptions o;
  o.known_radius = 5.0;
  const auto mirror = fit_sphere(table_of(ring).view(), o);
  ASSERT_FALSE(mirror.ok());
  EXPECT_EQ(mirror.error().code, ErrorCode::MirrorAmbiguity);
  const std::string& m = mirror.error().message;
  Eigen::Vector3d a, b;
  ASSERT_EQ(std::sscanf(m.c_str() + m.find('('), "(%lf, %lf, %lf) or (%lf, %lf, %lf)", &a.x(), &a.y(), &a.z(), &b.x(),
                        &b.y(), &b.z()),
            6)
      << m;
  EXPECT_LE((a - Eigen::Vector3d(0, 0, 4)).norm(), 1e-8) << m;
  EXPECT_LE((b - Eigen::Vector3d(0, 0, -2)).norm(), 1e-8) << m;
  // A great circle with its own radius as the known one: one sphere, centred in the plane.
  o.known_radius = 4.0;
  const auto equator = fit_sphere(table_of(ring).view(), o);
  ASSERT_TRUE(equator.ok()) << equator.error().message;
  expect_sphere(equator.value(), {0, 0, 1}, 4.0, 1e-9);
}

TEST(PointFit, Errors) {
  auto expect = [](const PointTable& t, ErrorCode code, long point = -1) {
    const auto fit = fit_sphere(t.view());
    ASSERT_FALSE(fit.ok());
    EXPECT_EQ(error_code_name(fit.error().code), std::string(error_code_name(code))) << fit.error().message;
    EXPECT_EQ(fit.error().point, point);
    EXPECT_FALSE(fit.error().message.empty());
  };
  expect(table_of({{0, 0, 0}, {1, 0, 0}, {0, 1, 0}}), ErrorCode::TooFewPoints);
  expect(table_of({{0, 0, 0}, {1, 1, 1}, {2, 2, 2}, {3, 3, 3}, {-1, -1, -1}}), ErrorCode::PointsCollinear);
  expect(table_of({{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}}), ErrorCode::PointsCollinear);
  auto t = table_of({{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {-1, 0, 0}, {0, 0, -1}});
  t.y[3] = NAN;
  expect(t, ErrorCode::NonFiniteValue, 3);
  // From text, an error about a point names its line.
  const auto text = fit_text("x y z\n0 0 1\n1 0 0\n# gap\n0 1 0\n-1 0 0\n0 0 1e999\n");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, ErrorCode::NonFiniteValue);
  EXPECT_EQ(text.error().line, 7);
}

TEST(PointFit, AKnownRadiusThatContradictsTheDataIsNamed) {
  std::mt19937_64 rng(2204);
  std::normal_distribution<double> noise(0.0, 0.01);
  auto points = testing::points_on_sphere({0, 0, 0}, 10, 200, 180.0, rng);
  for (auto& p : points) p += Eigen::Vector3d(noise(rng), noise(rng), noise(rng));
  FitOptions o;
  o.known_radius = 3.0;
  o.units = "mm";
  const auto fit = fit_sphere(table_of(points).view(), o);
  ASSERT_TRUE(fit.ok());
  ASSERT_FALSE(fit.value().warnings.empty());
  EXPECT_EQ(fit.value().warnings[0].code, WarningCode::KnownRadiusContradicts);
  EXPECT_NE(fit.value().warnings[0].message.find("3 mm"), std::string::npos) << fit.value().warnings[0].message;
  EXPECT_GT(std::abs(fit.value().known_radius_check->z), 100.0);
}

}  // namespace
}  // namespace spherefit
