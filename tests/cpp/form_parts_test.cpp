// The pieces the form fits rest on: the closed-form extremes of a circle against brute-force
// sampling, the rows' gradients and Hessians against finite differences, the hull test against
// cases known by construction, and the uniqueness test on data that are flat by construction.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "fit/circle_distance.hpp"
#include "fit/form/chebyshev.hpp"
#include "fit/form/circle_extremes.hpp"
#include "fit/form/circle_zone.hpp"
#include "fit/form/hull.hpp"
#include "fit/form/point_zone.hpp"
#include "form_cases.hpp"

namespace spherefit {
namespace {

constexpr double kPi = 3.14159265358979323846;

WorkCircle random_circle(std::mt19937_64& rng) {
  std::normal_distribution<double> g;
  const Eigen::Vector3d w = Eigen::Vector3d(g(rng), g(rng), g(rng)).normalized();
  return make_work_circle(Eigen::Vector3d(g(rng), g(rng), g(rng)), w, 0.2 + std::abs(g(rng)), 1.0);
}

TEST(FormParts, CircleExtremesMatchBruteForceSampling) {
  std::mt19937_64 rng(99);
  std::printf("seed 99\n");
  std::normal_distribution<double> g;
  for (int trial = 0; trial < 60; ++trial) {
    const WorkCircle c = random_circle(rng);
    const Eigen::Vector3d p(g(rng), g(rng), g(rng));
    const CircleExtremes x = circle_extremes(c.center, c.normal, c.radius, c.u, p);
    double far = 0, near = INFINITY;
    const int n = 100000;
    for (int k = 0; k < n; ++k) {
      const double a = 2 * kPi * k / n;
      const double d = (c.center + c.radius * (std::cos(a) * c.u + std::sin(a) * c.v) - p).norm();
      far = std::max(far, d);
      near = std::min(near, d);
    }
    // Sampling misses an extreme by at most r·b·(π/n)²/(2d), a few 1e-9 here.
    EXPECT_LE(x.far - far, 1e-8);
    EXPECT_GE(x.far - far, -1e-13);
    EXPECT_GE(near - x.near, -1e-13);
    EXPECT_LE(near - x.near, 1e-8);
    // The extreme points lie on the circle at those distances.
    const Eigen::Vector3d q_far = circle_point(c.center, c.normal, c.radius, x.direction, 0.0);
    const Eigen::Vector3d q_near = circle_point(c.center, c.normal, c.radius, -x.direction, 0.0);
    EXPECT_NEAR((q_far - p).norm(), x.far, 1e-13);
    EXPECT_NEAR((q_near - p).norm(), x.near, 1e-13);
    EXPECT_NEAR(c.normal.dot(x.direction), 0.0, 1e-15);
  }
  // On the axis every point is an extreme and the direction still lies in the plane.
  const WorkCircle c = random_circle(rng);
  const CircleExtremes x = circle_extremes(c.center, c.normal, c.radius, c.u, c.center + 0.7 * c.normal);
  EXPECT_NEAR(x.far, std::hypot(0.7, c.radius), 1e-15);
  EXPECT_NEAR(x.near, x.far, 1e-15);
  EXPECT_NEAR(c.normal.dot(x.direction), 0.0, 1e-15);
}

TEST(FormParts, RowModelsMatchFiniteDifferences) {
  std::mt19937_64 rng(7);
  std::printf("seed 7\n");
  std::normal_distribution<double> g;
  std::vector<WorkCircle> circles;
  for (int i = 0; i < 20; ++i) circles.push_back(random_circle(rng));
  const CircleZone zone(circles);
  std::vector<Eigen::Vector3d> points;
  for (int i = 0; i < 20; ++i) points.emplace_back(g(rng), g(rng), g(rng));
  const PointZone cloud(points);
  const double h = 1e-5;
  for (int trial = 0; trial < 40; ++trial) {
    const Eigen::Vector3d c(0.3 * g(rng), 0.3 * g(rng), 0.3 * g(rng));
    for (const ZoneData* data : {static_cast<const ZoneData*>(&zone), static_cast<const ZoneData*>(&cloud)}) {
      const ZoneScan s = data->scan(c, -INFINITY, INFINITY, 20, {true, true});
      for (const ZoneRow& row : s.rows) {
        const RowModel m = data->model_row(row, c);
        for (int k = 0; k < 3; ++k) {
          const Eigen::Vector3d e = h * Eigen::Vector3d::Unit(k);
          const RowModel plus = data->model_row(row, c + e), minus = data->model_row(row, c - e);
          EXPECT_NEAR((plus.value - minus.value) / (2 * h), m.gradient(k), 1e-7 * (1 + m.gradient.norm()));
          const Eigen::Vector3d column = (plus.gradient - minus.gradient) / (2 * h);
          EXPECT_LE((column - m.hessian.col(k)).norm(), 1e-5 * (1 + m.hessian.norm())) << "row " << row.index;
        }
      }
    }
  }
}

TEST(FormParts, HullSeparation) {
  std::mt19937_64 rng(5);
  std::printf("seed 5\n");
  const auto ball = testing::sphere_points({0, 0, 0}, 1.0, 500, 0.0, kPi, rng);
  const PointZone all_round(ball);
  EXPECT_LE(hull_separation(all_round, {0, 0, 0}), 0.0);
  EXPECT_LE(hull_separation(all_round, {0.5, -0.3, 0.2}), 0.0);
  // Outside: the separation is at least the distance to the hull (|v|∞ ≤ 1 allows |v| ≤ √3).
  EXPECT_GE(hull_separation(all_round, {2, 0, 0}), 1.0 - 1e-12);
  EXPECT_LE(hull_separation(all_round, {2, 0, 0}), std::sqrt(3.0) * 1.0 + 1e-12);
  // A cap of 60° about +z: the sphere's centre lies 0.5 below the cap's base plane.
  const auto cap = testing::sphere_points({0, 0, 0}, 1.0, 500, 0.0, kPi / 3, rng);
  const double t = hull_separation(PointZone(cap), {0, 0, 0});
  EXPECT_GE(t, 0.5 - 1e-9);
  // Circles: parallel slices around z, from z = −0.9 to 0.9, surround the centre; z ≥ 0.3 do not.
  std::vector<WorkCircle> slices, cap_slices;
  for (int i = 0; i < 10; ++i) {
    const double z = -0.9 + 0.2 * i;
    slices.push_back(make_work_circle({0, 0, z}, Eigen::Vector3d::UnitZ(), std::sqrt(1 - z * z), 1.0));
    if (z >= 0.3) cap_slices.push_back(slices.back());
  }
  EXPECT_LE(hull_separation(CircleZone(slices), {0, 0, 0}), 0.0);
  EXPECT_GE(hull_separation(CircleZone(cap_slices), {0, 0, 0}), 0.3 - 1e-12);
}

// Points whose distances ignore the centre's z: every fit is flat along z by construction.
class FlatAlongZ final : public ZoneData {
 public:
  explicit FlatAlongZ(std::vector<Eigen::Vector3d> points) : inner_(std::move(points)) {}
  ZoneScan scan(const Eigen::Vector3d& c, double ob, double ib, int limit, ZoneSides sides) const override {
    ZoneScan s = inner_.scan(flat(c), ob, ib, limit, sides);
    for (ZoneRow& r : s.rows) r.point.z() += c.z();
    return s;
  }
  ZoneRow support(const Eigen::Vector3d& v) const override { return inner_.support(v); }
  RowModel model_row(const ZoneRow& row, const Eigen::Vector3d& c) const override { return point_model(row.point, c); }
  double extent() const override { return inner_.extent(); }

 private:
  static Eigen::Vector3d flat(const Eigen::Vector3d& c) { return {c.x(), c.y(), 0.0}; }
  PointZone inner_;
};

TEST(FormParts, UniquenessFlagsAFlatOptimum) {
  std::mt19937_64 rng(11);
  std::printf("seed 11\n");
  const auto p = testing::sphere_points({0, 0, 0}, 1.0, 300, 0.01, kPi, rng);
  const PointZone plain(p);
  const FlatAlongZ flat(p);
  for (FitType type : {FitType::MinimumZone, FitType::MaximumInscribed}) {
    const Outcome<ChebyshevFit> fit = fit_chebyshev(plain, type, testing::algebraic_center(p), "points");
    ASSERT_TRUE(fit.ok());
    EXPECT_TRUE(fit.value().unique);
    EXPECT_TRUE(zone_is_unique(plain, type, fit.value().center, fit.value().outer, fit.value().inner));
    // The same optimum seen through data that cannot tell z apart: not unique.
    const Eigen::Vector3d c = fit.value().center;
    const ZoneScan s = flat.scan(c, INFINITY, -INFINITY, 1, {true, true});
    EXPECT_FALSE(zone_is_unique(flat, type, c, s.outer, s.inner));
  }
}

}  // namespace
}  // namespace spherefit
