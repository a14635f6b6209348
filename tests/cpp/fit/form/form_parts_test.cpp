// The pieces the form fits rest on: the closed-form extremes of a circle against brute-force
// sampling, the rows' gradients and Hessians against finite differences, the hull test against
// cases known by construction, and the uniqueness test on data that are flat by construction.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "fit/circles/circle_distance.hpp"
#include "fit/form/chebyshev.hpp"
#include "fit/form/circle_extremes.hpp"
#include "fit/form/circle_zone.hpp"
#include "fit/form/hull.hpp"
#include "fit/form/point_zone.hpp"
#include "fit/form/uniqueness.hpp"
#include "pipeline/fit.hpp"
#include "fit/form/form_fit.hpp"
#include "support/form_cases.hpp"

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
  RowModel model_row(const ZoneRow& row, const Eigen::Vector3d& c) const override {
    RowModel m = point_model(Eigen::Vector3d(row.point.x(), row.point.y(), c.z()), c);
    m.hessian.row(2).setZero();  // the distance does not depend on z at all
    m.hessian.col(2).setZero();
    return m;
  }
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
    // The same contacts seen through data that cannot tell z apart: not unique.
    EXPECT_FALSE(zone_is_unique(flat, type, fit.value().center, fit.value().contacts, 1.0));
  }
}

TEST(FormParts, ZoneOfTwoNearlyCosphericalCirclesIsNotUnique) {
  // Two slices of a sphere of radius 3, perturbed by 10⁻³: the zone has one outer and one inner
  // contact, and their normals agree (the hulls of one point each meet). Moving the centre along
  // that normal shortens both distances alike (the extreme points stay put), so the optimal
  // centres form a segment — shown here with the closed form, independently of the solver.
  SliceTable t;
  t.has_normals = true;
  t.add({{0.46339937872229392, 0.4603471755353617, 0.80201753740147996},
         2.9779823196546493,
         {0.84591846907168544, -0.1434817483690502, -0.51364864602992633}});
  t.add({{-0.70894294817722037, -0.83134722741495271, 0.38826817932771152},
         2.4664205019446483,
         {-0.52260166222229387, -0.78207835555346483, -0.33947157232570108}});
  const auto fit = fit_form(t.view(), FitType::MinimumZone, fit_sphere(t.view()).value().center);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  const FormFit& f = fit.value();
  ASSERT_EQ(f.form.contacts.size(), 2u);
  EXPECT_FALSE(f.form.unique);
  EXPECT_LE(f.form.optimality_gap, 1e-12 * 3);
  EXPECT_EQ(testing::check_conditions(t, f, FitType::MinimumZone, 1e-12 * 3, 1e-9), "");
  const auto zone_at = [&](const Eigen::Vector3d& c) {
    double far = 0, near = INFINITY;
    for (std::size_t i = 0; i < t.size(); ++i) {
      far = std::max(far, testing::circle_far(t.view().circle(i), c));
      near = std::min(near, testing::circle_near(t.view().circle(i), c));
    }
    return far - near;
  };
  // The segment ends where the centre's projection crosses a circle's axis (here about 10⁻³
  // away); within it the zone stays put, where curvature alone would move it by ~10⁻⁸ already.
  const Eigen::Vector3d n = (f.form.contacts[0].point - f.center).normalized();
  for (double step : {-1e-5, -1e-6, 1e-6, 1e-5}) EXPECT_NEAR(zone_at(f.center + step * n), f.form.form_error, 1e-13);
  const Eigen::Vector3d across = n.unitOrthogonal();
  EXPECT_GT(zone_at(f.center + 1e-5 * across), f.form.form_error + 1e-9);
}

}  // namespace
}  // namespace spherefit
