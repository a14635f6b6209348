// The point-to-ellipsoid distance against an independent Lagrange solve in long double
// (support/ellipsoid_cases.hpp): near, far, inside, on the axes and principal planes, at the
// centre, for triaxial ellipsoids, spheroids (ties) and spheres, elongated up to 20:1.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fit/ellipsoid/ellipsoid_distance.hpp"
#include "support/ellipsoid_cases.hpp"

namespace spherefit {
namespace {

void expect_foot(const EllipsoidFoot& f, const Eigen::Vector3d& y, const Eigen::Vector3d& e,
                 const testing::ReferenceFoot& ref, const char* what) {
  const double tol = 1e-12 * e.maxCoeff() + 1e-12 * y.norm();
  EXPECT_NEAR(f.distance, static_cast<double>(ref.distance), tol)
      << what << " y " << y.transpose() << " e " << e.transpose();
  // The foot is on the surface and the offset along the normal w.
  EXPECT_NEAR(f.point.cwiseQuotient(e).squaredNorm(), 1.0, 1e-12) << what;
  EXPECT_NEAR(std::abs(f.distance), (y - f.point).norm(), tol) << what;
  EXPECT_LE(((y - f.point) - f.distance * f.normal / f.normal_length).norm(), 1e-10 * e.maxCoeff()) << what;
  EXPECT_TRUE(std::isfinite(f.distance) && f.normal.allFinite()) << what;
}

// Both routines: one point at a time, and two at a time in lanes (with the point in either lane).
void expect_distance(const Eigen::Vector3d& y, const Eigen::Vector3d& e, const char* what) {
  const EllipsoidAxes axes = make_ellipsoid_axes(e);
  const testing::ReferenceFoot ref = testing::reference_distance(y, e);
  expect_foot(foot_on_ellipsoid(y, axes), y, e, ref, what);
  const Eigen::Vector3d pair[2] = {y, e.cwiseProduct(Eigen::Vector3d(0.3, -0.5, 0.8))};
  EllipsoidFoot feet[2];
  feet_on_ellipsoid(pair, 2, axes, feet);
  expect_foot(feet[0], y, e, ref, what);
  const Eigen::Vector3d swapped[2] = {pair[1], y};
  feet_on_ellipsoid(swapped, 2, axes, feet);
  expect_foot(feet[1], y, e, ref, what);
}

TEST(EllipsoidDistance, MatchesTheLagrangeSolveEverywhere) {
  std::mt19937_64 rng(7101);
  std::printf("seed 7101\n");
  std::uniform_real_distribution<double> u(-1.0, 1.0), shape(0.05, 1.0);
  const std::vector<Eigen::Vector3d> semi = {{3, 2, 1},      {1, 2, 3},       {2, 2, 1},  {1, 2, 2},
                                             {2, 1, 1},      {1.5, 1.5, 1.5}, {20, 2, 1}, {26.5, 25, 25},
                                             {25, 25, 26.5}, {25.1, 25, 24.9}};
  for (const Eigen::Vector3d& e : semi) {
    for (int trial = 0; trial < 25; ++trial) {
      const double reach = 2.5 * e.maxCoeff();
      expect_distance(reach * Eigen::Vector3d(u(rng), u(rng), u(rng)), e, "anywhere");
      // Near the surface (inside and out), as fitted data are.
      const Eigen::Vector3d dir = Eigen::Vector3d(u(rng), u(rng), u(rng)).normalized();
      expect_distance(e.cwiseProduct(dir) / e.cwiseProduct(dir).cwiseQuotient(e).norm() * (1.0 + 0.02 * u(rng)), e,
                      "near");
      // Inside, deep.
      expect_distance(0.3 * e.cwiseProduct(Eigen::Vector3d(u(rng), u(rng), u(rng))), e, "inside");
    }
  }
}

TEST(EllipsoidDistance, DegenerateCasesOnAxesAndPlanes) {
  std::mt19937_64 rng(7102);
  std::printf("seed 7102\n");
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (const Eigen::Vector3d& e : {Eigen::Vector3d(3, 2, 1), Eigen::Vector3d(1, 3, 2), Eigen::Vector3d(2, 2, 1),
                                   Eigen::Vector3d(1, 2, 2), Eigen::Vector3d(1, 1, 1)}) {
    expect_distance(Eigen::Vector3d::Zero(), e, "centre");
    for (int k = 0; k < 3; ++k) {
      for (double t : {0.0, 0.1, 0.5, 0.9, 1.0, 1.5, 4.0}) {
        expect_distance(t * e(k) * Eigen::Vector3d::Unit(k), e, "on an axis");
        expect_distance(-t * e(k) * Eigen::Vector3d::Unit(k), e, "on an axis, negative");
      }
    }
    // The principal planes, inside (Eberly's degenerate case where the foot leaves the plane).
    for (int k = 0; k < 3; ++k) {
      for (int trial = 0; trial < 20; ++trial) {
        Eigen::Vector3d y = 0.6 * e.cwiseProduct(Eigen::Vector3d(u(rng), u(rng), u(rng)));
        y(k) = 0.0;
        expect_distance(y, e, "in a principal plane");
        y(k) = 1e-300;
        expect_distance(y, e, "a hair off a principal plane");
        y(k) = 1e-9;
        expect_distance(y, e, "just off a principal plane");
      }
    }
  }
}

TEST(EllipsoidDistance, ASphereIsOneNewtonStep) {
  const EllipsoidFoot f = foot_on_ellipsoid({3, 4, 12}, make_ellipsoid_axes({5, 5, 5}));
  EXPECT_NEAR(f.distance, 8.0, 1e-14);
  EXPECT_LE(f.iterations, 2);
}

}  // namespace
}  // namespace spherefit
