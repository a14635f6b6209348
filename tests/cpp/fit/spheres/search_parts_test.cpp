// The search's parts against direct computation: the Morton index's cells against a brute-force
// grid, the local quadric's curvatures against the sphere, cylinder and plane they were sampled
// on, the cap measures against uniform caps and rings whose moments are known in closed form,
// and the connected components against separated clusters. Seed printed in each test (kSeed).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "fit/spheres/morton_index.hpp"
#include "fit/spheres/patch_components.hpp"
#include "fit/spheres/sphere_checks.hpp"
#include "fit/spheres/surface_patch.hpp"
#include "support/reference_point_fit.hpp"

namespace spherefit {
namespace {

constexpr std::uint64_t kSeed = 20250303;
constexpr double kPi = 3.14159265358979323846;

struct Columns {
  std::vector<double> x, y, z;
  explicit Columns(const std::vector<Eigen::Vector3d>& ps) {
    for (const auto& p : ps) x.push_back(p.x()), y.push_back(p.y()), z.push_back(p.z());
  }
  PointColumnsView view() const {
    PointColumnsView v;
    v.count = x.size(), v.x = x.data(), v.y = y.data(), v.z = z.data();
    return v;
  }
};

// The sorted position of the point nearest q (working units).
std::size_t nearest(const MortonIndex& index, const Eigen::Vector3d& q) {
  std::size_t best = 0;
  for (std::size_t k = 1; k < index.size(); ++k)
    if ((index.at(k) - q).squaredNorm() < (index.at(best) - q).squaredNorm()) best = k;
  return best;
}

TEST(MortonIndex, CellsAreTheBruteForceGridsCells) {
  std::mt19937_64 rng(kSeed);
  std::uniform_real_distribution<double> u(-3.0, 5.0);
  std::vector<Eigen::Vector3d> ps(3000);
  for (auto& p : ps) p = {u(rng), 0.5 * u(rng), 2.0 * u(rng)};
  const Columns c(ps);
  const PointSet set = prepare_points(c.view(), 4).value();
  const MortonIndex index = build_morton_index(set);
  ASSERT_EQ(index.size(), ps.size());
  EXPECT_TRUE(std::is_sorted(index.codes.begin(), index.codes.end()));
  EXPECT_EQ(std::set<std::uint32_t>(index.order.begin(), index.order.end()).size(), ps.size());
  for (const int level : {0, 1, 3, 6, 8, 12}) {
    const double cells = std::ldexp(1.0, level);
    std::set<std::tuple<int, int, int>> occupied;
    for (std::size_t k = 0; k < index.size(); ++k) {
      // Brute force: the cell from the point's own coordinates, by division.
      const Eigen::Vector3d t = ((set.at(index.order[k]) - index.corner) / index.side * cells).array().floor();
      const std::tuple<int, int, int> cell{static_cast<int>(t.x()), static_cast<int>(t.y()), static_cast<int>(t.z())};
      occupied.insert(cell);
      const auto [first, last] = index.range(level, std::get<0>(cell), std::get<1>(cell), std::get<2>(cell));
      ASSERT_TRUE(first <= k && k < last) << "level " << level << " position " << k;
    }
    EXPECT_EQ(index.occupied[static_cast<std::size_t>(level)], occupied.size()) << "level " << level;
    std::size_t listed = 0;
    for (const auto& [i, j, k] : occupied) {
      const auto [first, last] = index.range(level, i, j, k);
      listed += last - first;
    }
    EXPECT_EQ(listed, index.size()) << "every point in exactly one cell at level " << level;
  }
  EXPECT_EQ(index.range(3, -1, 0, 0).second, 0u);
  EXPECT_EQ(index.range(3, 8, 0, 0).second, 0u);
}

TEST(SurfacePatch, CurvaturesOfASphereACylinderAndAPlane) {
  std::mt19937_64 rng(kSeed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double r = 2.0;
  std::vector<Eigen::Vector3d> sphere = testing::points_on_sphere({0, 0, 0}, r, 40000, 180.0, rng), cylinder, plane;
  for (int i = 0; i < 40000; ++i) {
    const double a = 2 * kPi * u(rng);
    cylinder.push_back({r * std::cos(a), r * std::sin(a), 8.0 * u(rng)});
    plane.push_back({8.0 * u(rng), 8.0 * u(rng), 0.0});
  }
  for (const auto& [points, kind] : {std::pair{&sphere, 0}, std::pair{&cylinder, 1}, std::pair{&plane, 2}}) {
    const Columns c(*points);
    const PointSet set = prepare_points(c.view(), 4).value();
    const MortonIndex index = build_morton_index(set);
    const Eigen::Vector3d at = kind == 2 ? Eigen::Vector3d(4, 4, 0) : Eigen::Vector3d(r, 0, kind == 1 ? 4.0 : 0.0);
    const std::size_t p = nearest(index, (at - set.origin) / set.scale);
    const SurfacePatch s = fit_surface_patch(index, p, 0.3 / set.scale, 64);
    ASSERT_TRUE(s.ok) << kind;
    const double h = std::abs(s.mean_curvature) / set.scale;  // 1/user units
    if (kind == 0) {
      EXPECT_NEAR(h, 1.0 / r, 0.01 / r);
      EXPECT_LT(s.anisotropy, 0.05);
      EXPECT_NEAR(std::abs(s.normal.dot(Eigen::Vector3d::UnitX())), 1.0, 1e-3);
    } else if (kind == 1) {
      EXPECT_NEAR(h, 0.5 / r, 0.01 / r);
      EXPECT_GT(s.anisotropy, 0.95);
    } else {
      EXPECT_LT(h, 1e-6);
      EXPECT_LT(s.noise * set.scale, 1e-6);
    }
  }
}

TEST(SurfacePatch, NoiseOfANoisyPlaneIsItsSigma) {
  std::mt19937_64 rng(kSeed);
  std::uniform_real_distribution<double> u(0.0, 10.0);
  std::normal_distribution<double> e(0.0, 0.01);
  std::vector<Eigen::Vector3d> plane(50000);
  for (auto& p : plane) p = {u(rng), u(rng), e(rng)};
  const Columns c(plane);
  const PointSet set = prepare_points(c.view(), 4).value();
  const MortonIndex index = build_morton_index(set);
  std::vector<std::uint32_t> probes;
  for (std::uint32_t k = 0; k < index.size(); k += 997) probes.push_back(k);
  EXPECT_NEAR(local_noise(index, probes, 0.25 / set.scale, 40) * set.scale, 0.01, 0.0015);
}

TEST(SphereChecks, UniformCapsRingsAndWholeSpheres) {
  std::mt19937_64 rng(kSeed);
  for (const double cap : {45.0, 60.0, 90.0, 120.0}) {
    const Columns c(testing::points_on_sphere({0, 0, 0}, 1.0, 20000, cap, rng));
    const PointSet set = prepare_points(c.view(), 4).value();
    const MortonIndex index = build_morton_index(set);
    std::vector<std::uint32_t> all(index.size());
    for (std::uint32_t k = 0; k < all.size(); ++k) all[k] = k;
    Sphere s;
    s.center = -set.origin * set.inverse_scale;
    s.radius = set.inverse_scale;
    const CapShape shape = measure_cap(index, all, s);
    // 95 % of a uniform cap's area lies within φ of its axis when 1 − cos φ = 0.95 (1 − cos θ).
    const double expected = std::acos(1.0 - 0.95 * (1.0 - std::cos(cap * kPi / 180.0))) * 180.0 / kPi;
    EXPECT_NEAR(shape.cap_angle_deg, expected, 1.0) << cap;
    EXPECT_NEAR(shape.coverage * uniform_cap_moment(shape.cap_angle_deg), uniform_cap_moment(cap), 0.01) << cap;
  }
  // A ring: the band |z| < 0.01 of a unit sphere (a shell cutting a cylinder looks like this).
  std::vector<Eigen::Vector3d> ring;
  for (const auto& p : testing::points_on_sphere({0, 0, 0}, 1.0, 200000, 180.0, rng))
    if (std::abs(p.z()) < 0.01 && p.x() > -0.2) ring.push_back(p);
  const Columns c(ring);
  const PointSet set = prepare_points(c.view(), 4).value();
  const MortonIndex index = build_morton_index(set);
  std::vector<std::uint32_t> all(index.size());
  for (std::uint32_t k = 0; k < all.size(); ++k) all[k] = k;
  Sphere s;
  s.center = -set.origin * set.inverse_scale;
  s.radius = set.inverse_scale;
  const CapShape shape = measure_cap(index, all, s);
  EXPECT_GT(shape.cap_angle_deg, 80.0);  // wide …
  EXPECT_LT(shape.coverage, 0.01);       // … but one-dimensional
  EXPECT_NEAR(uniform_cap_moment(180.0), 1.0 / 3.0, 1e-12);
}

TEST(PatchComponents, TheLargerOfTwoSeparateClustersIsKept) {
  std::mt19937_64 rng(kSeed);
  std::vector<Eigen::Vector3d> ps = testing::points_on_sphere({0, 0, 0}, 1.0, 300, 180.0, rng);
  for (const auto& p : testing::points_on_sphere({5, 0, 0}, 0.5, 100, 180.0, rng)) ps.push_back(p);
  const Columns c(ps);
  const PointSet set = prepare_points(c.view(), 4).value();
  const MortonIndex index = build_morton_index(set);
  std::vector<std::uint32_t> all(index.size());
  for (std::uint32_t k = 0; k < all.size(); ++k) all[k] = k;
  const Component kept = largest_component(index, all, index.level_for(0.4 / set.scale));
  ASSERT_EQ(kept.positions.size(), 300u);
  for (const std::uint32_t k : kept.positions) EXPECT_LT(index.order[k], 300u);
  const std::vector<std::uint64_t> grown = dilated_cells(kept);
  EXPECT_GT(grown.size(), kept.cells.size());
  EXPECT_TRUE(std::includes(grown.begin(), grown.end(), kept.cells.begin(), kept.cells.end()));
}

}  // namespace
}  // namespace spherefit
