// The multi-sphere search's contract on small synthetic inputs (std::mt19937_64, seed printed in
// each test): bad options and bad points are errors naming what to fix; degenerate geometry is
// no sphere, not an error; exact data give the exact spheres and exactly their points; the
// known radius and the minimum point count are obeyed.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <tuple>

#include "fit/spheres/find_spheres.hpp"
#include "support/reference_point_fit.hpp"

namespace spherefit {
namespace {

constexpr std::uint64_t kSeed = 20250302;

struct Cloud {
  std::vector<double> x, y, z;
  void add(const Eigen::Vector3d& p) { x.push_back(p.x()), y.push_back(p.y()), z.push_back(p.z()); }
  void add(const std::vector<Eigen::Vector3d>& ps) {
    for (const auto& p : ps) add(p);
  }
  std::size_t size() const { return x.size(); }
  PointColumnsView view() const {
    PointColumnsView v;
    v.count = x.size(), v.x = x.data(), v.y = y.data(), v.z = z.data();
    return v;
  }
};

std::vector<Eigen::Vector3d> plane_points(std::size_t n, double half, double height, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(-half, half);
  std::vector<Eigen::Vector3d> out(n);
  for (auto& p : out) p = {u(rng), u(rng), height};
  return out;
}

Outcome<SphereSearch> run(const Cloud& c, const SphereSearchOptions& o = {}) { return find_spheres(c.view(), o); }

TEST(SearchOptions, EachBadOptionIsNamed) {
  std::mt19937_64 rng(kSeed);
  Cloud c;
  c.add(testing::points_on_sphere({0, 0, 0}, 1.0, 500, 120.0, rng));
  const std::vector<std::pair<std::function<void(SphereSearchOptions&)>, const char*>> cases = {
      {[](SphereSearchOptions& o) { o.known_radius = 0.0; }, "known radius"},
      {[](SphereSearchOptions& o) { o.known_radius = -1.0; }, "known radius"},
      {[](SphereSearchOptions& o) { o.known_radius = std::numeric_limits<double>::quiet_NaN(); }, "known radius"},
      {[](SphereSearchOptions& o) { o.min_radius = -1.0; }, "minimum radius"},
      {[](SphereSearchOptions& o) { o.max_radius = 0.0; }, "maximum radius"},
      {[](SphereSearchOptions& o) { o.max_radius = INFINITY; }, "maximum radius"},
      {[](SphereSearchOptions& o) { o.min_radius = 2.0, o.max_radius = 1.0; }, "larger than the maximum"},
      {[](SphereSearchOptions& o) { o.known_radius = 3.0, o.max_radius = 2.0; }, "outside the radius limits"},
      {[](SphereSearchOptions& o) { o.min_cap_angle_deg = 0.0; }, "cap angle"},
      {[](SphereSearchOptions& o) { o.min_cap_angle_deg = 181.0; }, "cap angle"},
      {[](SphereSearchOptions& o) { o.min_points = 3; }, "min_points"},
      {[](SphereSearchOptions& o) { o.settings.band_sigmas = 0.0; }, "setting"},
  };
  for (const auto& [set, words] : cases) {
    SphereSearchOptions o;
    set(o);
    const Outcome<SphereSearch> r = run(c, o);
    ASSERT_FALSE(r.ok()) << words;
    EXPECT_EQ(r.error().code, ErrorCode::InvalidOption) << words;
    EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
  }
}

TEST(SearchOptions, TooFewPointsAndNoPoints) {
  Cloud c;
  EXPECT_EQ(run(c).error().code, ErrorCode::TooFewPoints);
  c.add({0, 0, 0}), c.add({1, 0, 0}), c.add({0, 1, 0});
  EXPECT_EQ(run(c).error().code, ErrorCode::TooFewPoints);
}

TEST(SearchOptions, AllPointsEqualIsAnError) {
  Cloud c;
  for (int i = 0; i < 100; ++i) c.add({1.5, -2.0, 3.0});
  const Outcome<SphereSearch> r = run(c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::PointsCollinear);
}

TEST(SearchOptions, ANonFiniteCoordinateNamesItsPoint) {
  std::mt19937_64 rng(kSeed);
  for (const double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity()}) {
    Cloud c;
    c.add(testing::points_on_sphere({0, 0, 0}, 1.0, 300, 180.0, rng));
    c.y[56] = bad;
    const Outcome<SphereSearch> r = run(c);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::NonFiniteValue);
    EXPECT_EQ(r.error().point, 56);
    EXPECT_NE(r.error().message.find("Point 57"), std::string::npos) << r.error().message;
    // The detector checks every point, not only its sample's.
    const Outcome<SphereSearch> d = detect_spheres(c.view(), {}, 100);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code, ErrorCode::NonFiniteValue);
    EXPECT_EQ(d.error().point, 56);
  }
}

TEST(SearchOptions, DegenerateGeometryHoldsNoSphere) {
  std::mt19937_64 rng(kSeed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Cloud line, plane, volume;
  for (int i = 0; i < 2000; ++i) line.add(Eigen::Vector3d(1, 2, 3) + u(rng) * Eigen::Vector3d(0.3, -0.5, 0.8));
  plane.add(plane_points(4000, 5.0, 1.0, rng));
  for (int i = 0; i < 5000; ++i) volume.add({u(rng), u(rng), u(rng)});  // a cloud filling a cube
  for (const Cloud* c : {&line, &plane, &volume}) {
    const Outcome<SphereSearch> r = run(*c);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r.value().spheres.empty());
    EXPECT_EQ(r.value().leftover_points, c->size());
  }
}

TEST(SearchOptions, AnExactSphereFarFromTheOriginIsFoundExactly) {
  std::mt19937_64 rng(kSeed);
  const Eigen::Vector3d centre(1e3, -2e3, 5e2);
  Cloud c;
  c.add(testing::points_on_sphere(centre, 7.0, 2000, 150.0, rng));
  const Outcome<SphereSearch> r = run(c);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().spheres.size(), 1u);
  const FoundSphere& f = r.value().spheres[0];
  EXPECT_LE((f.center - centre).norm(), 1e-9 * 7.0);
  EXPECT_NEAR(f.radius, 7.0, 1e-9 * 7.0);
  EXPECT_EQ(f.inliers.size(), 2000u);
  EXPECT_LE(f.rms, 1e-9 * 7.0);
  EXPECT_FALSE(f.cap_only);
  EXPECT_EQ(r.value().leftover_points, 0u);
}

TEST(SearchOptions, AnExactBallAboveAnExactPlateKeepsExactlyItsPoints) {
  std::mt19937_64 rng(kSeed);
  Cloud c;
  c.add(testing::points_on_sphere({0.3, -0.2, 8.0}, 5.0, 3000, 120.0, rng));
  c.add(plane_points(20000, 30.0, 0.0, rng));
  const Outcome<SphereSearch> r = run(c);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().spheres.size(), 1u);
  const FoundSphere& f = r.value().spheres[0];
  EXPECT_LE((f.center - Eigen::Vector3d(0.3, -0.2, 8.0)).norm(), 1e-9 * 5.0);
  EXPECT_NEAR(f.radius, 5.0, 1e-9 * 5.0);
  ASSERT_EQ(f.inliers.size(), 3000u);
  EXPECT_EQ(f.inliers.front(), 0u);
  EXPECT_EQ(f.inliers.back(), 2999u);
  EXPECT_EQ(r.value().leftover_points, 20000u);
}

TEST(SearchOptions, TwoExactTouchingBallsEachKeepTheirOwnPoints) {
  // Two unit balls touching at the origin; each one's points inside the other are not surface.
  std::mt19937_64 rng(kSeed);
  const Eigen::Vector3d a(-1.0, 0.0, 0.0), b(1.0, 0.0, 0.0);
  Cloud c;
  std::vector<std::uint32_t> on_a, on_b;
  for (const auto& [mine, other, list] : {std::tuple{a, b, &on_a}, std::tuple{b, a, &on_b}}) {
    for (const auto& p : testing::points_on_sphere(mine, 1.0, 4000, 180.0, rng)) {
      if ((p - other).norm() < 1.0) continue;
      list->push_back(static_cast<std::uint32_t>(c.size()));
      c.add(p);
    }
  }
  const Outcome<SphereSearch> r = run(c);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().spheres.size(), 2u);
  for (const FoundSphere& f : r.value().spheres) {
    const bool is_a = f.center.x() < 0.0;
    EXPECT_LE((f.center - (is_a ? a : b)).norm(), 1e-9);
    EXPECT_NEAR(f.radius, 1.0, 1e-9);
    // The contact point may be within tolerance of both: at most a couple of points there.
    const std::vector<std::uint32_t>& mine = is_a ? on_a : on_b;
    EXPECT_NEAR(static_cast<double>(f.inliers.size()), static_cast<double>(mine.size()), 2.0);
  }
}

TEST(SearchOptions, ANoisyBallTouchingAPreciseOneTakesNoneOfItsPoints) {
  // Ball A (σ 0.01) touches ball B (σ 0.001). A's band (3σ_A) holds B's points within ~0.17 of
  // the contact (~150 of them); nearer B's surface in band units, they stay B's, but for the ~25
  // within ~0.07 of the contact point, where B's surface is closer to A's shell than B's noise.
  std::mt19937_64 rng(kSeed);
  std::normal_distribution<double> e(0.0, 1.0);
  const Eigen::Vector3d a(-1.0, -1.0, -1.0), b = a + 2.0 * Eigen::Vector3d(1, 1, 1).normalized();
  Cloud c;
  std::vector<std::uint32_t> on_b;
  for (const auto& [centre, sigma, is_b] : {std::tuple{a, 0.01, false}, std::tuple{b, 0.001, true}}) {
    for (const auto& p : testing::points_on_sphere(centre, 1.0, 20000, 180.0, rng)) {
      if ((p - (is_b ? a : b)).norm() < 1.0) continue;
      if (is_b) on_b.push_back(static_cast<std::uint32_t>(c.size()));
      c.add(p + sigma * e(rng) * (p - centre));
    }
  }
  const Outcome<SphereSearch> r = run(c);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().spheres.size(), 2u);
  for (const FoundSphere& f : r.value().spheres) {
    std::vector<std::uint32_t> foreign;
    const bool is_b = (f.center - b).norm() < 0.1;
    for (const std::uint32_t i : f.inliers)
      if (std::binary_search(on_b.begin(), on_b.end(), i) != is_b) foreign.push_back(i);
    EXPECT_LE(foreign.size(), 50u) << (is_b ? "B" : "A") << " holds " << foreign.size()
                                   << " of the other's points; tolerance " << f.tolerance << ", noise " << f.noise
                                   << ", contested " << f.contested;
  }
}

TEST(SearchOptions, ANarrowBeltOfABallIsARingNotASphere) {
  // Points of a sphere only within ±6° of its equator: a cylinder explains them as well (within
  // (0.1 R)²/(2R) = 0.005 R, a few σ); the directions span a ring, and the search says so.
  std::mt19937_64 rng(kSeed);
  std::normal_distribution<double> e(0.0, 0.001);
  Cloud c;
  for (const auto& p : testing::points_on_sphere({0, 0, 0}, 1.0, 60000, 180.0, rng))
    if (std::abs(p.z()) < 0.1) c.add(p * (1.0 + e(rng)));
  const Outcome<SphereSearch> r = run(c);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().spheres.empty());
  EXPECT_GT(r.value().stats.ring, 0u);
}

TEST(SearchOptions, KnownRadiusFixesTheRadiusAndAWrongOneFindsNothing) {
  std::mt19937_64 rng(kSeed);
  Cloud c;
  c.add(testing::points_on_sphere({1, 2, 3}, 4.0, 3000, 100.0, rng));
  SphereSearchOptions o;
  o.known_radius = 4.0;
  Outcome<SphereSearch> r = run(c, o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().spheres.size(), 1u);
  EXPECT_EQ(r.value().spheres[0].radius, 4.0);
  EXPECT_LE((r.value().spheres[0].center - Eigen::Vector3d(1, 2, 3)).norm(), 1e-9 * 4.0);
  o.known_radius = 3.6;  // 10 % off: exact points do not lie on any such sphere
  r = run(c, o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().spheres.empty());
}

TEST(SearchOptions, MinPointsIsTheLeastSphere) {
  std::mt19937_64 rng(kSeed);
  Cloud c;
  c.add(testing::points_on_sphere({0, 0, 0}, 1.0, 150, 180.0, rng));
  SphereSearchOptions o;
  o.min_points = 100;
  const SphereSearch r = run(c, o).value();
  EXPECT_EQ(r.spheres.size(), 1u) << r.stats.seeds << " seeds, " << r.stats.candidates << " candidates, "
                                  << r.stats.too_few_points << " too few, " << r.stats.small_cap << " small cap, "
                                  << r.stats.ring << " ring, " << r.stats.noisy << " noisy";
  o.min_points = 200;
  EXPECT_TRUE(run(c, o).value().spheres.empty());
}

TEST(SearchOptions, TheMinimumCapAngleDecides) {
  // A 50° cap: found when the caller allows 45°, not by the default 60°.
  std::mt19937_64 rng(kSeed);
  Cloud c;
  c.add(testing::points_on_sphere({0, 0, 0}, 10.0, 4000, 50.0, rng));
  std::normal_distribution<double> noise(0.0, 0.002);
  for (std::size_t i = 0; i < c.size(); ++i) c.z[i] += noise(rng);
  SphereSearchOptions o;
  const Outcome<SphereSearch> strict = run(c, o);
  ASSERT_TRUE(strict.ok());
  EXPECT_TRUE(strict.value().spheres.empty());
  EXPECT_GT(strict.value().stats.small_cap, 0u);
  o.min_cap_angle_deg = 45.0;
  const Outcome<SphereSearch> loose = run(c, o);
  ASSERT_EQ(loose.value().spheres.size(), 1u);
  EXPECT_TRUE(loose.value().spheres[0].cap_only);
  EXPECT_NEAR(loose.value().spheres[0].radius, 10.0, 0.05);
}

TEST(SearchOptions, TheDetectorOnFewPointsIsTheSearch) {
  std::mt19937_64 rng(kSeed);
  Cloud c;
  c.add(testing::points_on_sphere({0, 0, 0}, 1.0, 1000, 180.0, rng));
  const Outcome<SphereSearch> d = detect_spheres(c.view(), {}, 4000);
  const Outcome<SphereSearch> f = find_spheres(c.view(), {});
  ASSERT_TRUE(d.ok() && f.ok());
  ASSERT_EQ(d.value().spheres.size(), 1u);
  EXPECT_EQ(d.value().spheres[0].center, f.value().spheres[0].center);
  EXPECT_TRUE(d.value().warnings.empty());
}

}  // namespace
}  // namespace spherefit
