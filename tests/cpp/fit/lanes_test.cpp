// The SIMD lanes against the plain scalar form they replace (fit/lanes.hpp): every operation on
// ordinary and edge values (zero, negative zero, infinities, equal operands), and the point fit's
// hot loop run with both, which must give the same sums bit for bit — the lanes only pair the
// points, each lane keeping its own IEEE sums. On a machine without SSE2 or simd128 both are the
// scalar form and the test still compiles and runs it.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "fit/lanes.hpp"
#include "fit/points/point_refine.hpp"
#include "fit/points/point_set.hpp"

namespace spherefit {
namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

template <class L>
std::vector<double> apply_all(double x, double y) {
  const L a = L::of(x, y), b = L::of(y, x);
  std::vector<double> out;
  auto put = [&](L v) {
    double d[2];
    v.store(d);
    out.push_back(d[0]);
    out.push_back(d[1]);
  };
  put(a + b), put(a - b), put(a * b), put(a / b), put(sqrt(abs(a))), put(min(a, b)), put(max(a, b)), put(abs(a));
  put(greater(a, b)), put(inverse_or_zero(a)), put(L::all(x)), put(L::load(std::vector<double>{x, y}.data()));
  out.push_back(a.sum());
  out.push_back(a.lowest());
  out.push_back(a.highest());
  return out;
}

TEST(Lanes, EveryOperationMatchesTheScalarForm) {
  const double values[] = {0.0, -0.0, 1.0, -2.5, 3e-310, 1e308, INFINITY, -INFINITY, 0.1, 7.0};
  for (double x : values) {
    for (double y : values) {
      const std::vector<double> simd = apply_all<Lanes>(x, y), scalar = apply_all<ScalarLanes>(x, y);
      ASSERT_EQ(simd.size(), scalar.size());
      for (std::size_t k = 0; k < simd.size(); ++k) {
        if (std::isnan(simd[k]) && std::isnan(scalar[k])) continue;
        EXPECT_TRUE(same_bits(simd[k], scalar[k]))
            << "x " << x << " y " << y << " result " << k << ": " << simd[k] << " vs " << scalar[k];
      }
    }
  }
}

TEST(Lanes, PointSumsAreTheScalarSumsBitForBit) {
  const unsigned seed = 20261204;
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0.0, 0.01);
  std::uniform_real_distribution<double> angle(0.0, 2.0 * M_PI);
  for (std::size_t n : {5u, 6u, 1001u, 4096u}) {
    std::vector<double> x(n), y(n), z(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double t = angle(rng), p = std::acos(1.0 - 2.0 * (angle(rng) / (2.0 * M_PI)));
      const double r = 25.0 + noise(rng);
      x[i] = 1000.0 + r * std::sin(p) * std::cos(t);
      y[i] = -40.0 + r * std::sin(p) * std::sin(t);
      z[i] = 3.0 + r * std::cos(p);
    }
    x[n / 2] = 1000.0, y[n / 2] = -40.0, z[n / 2] = 3.0;  // a point at the centre: no direction
    const Outcome<PointSet> set = prepare_points({n, x.data(), y.data(), z.data(), nullptr}, 4);
    ASSERT_TRUE(set.ok());
    std::vector<std::uint8_t> every, some(n);
    for (std::size_t i = 0; i < n; ++i) some[i] = (i * 7) % 3 != 0;
    const Sphere s{(Eigen::Vector3d(1000.0, -40.0, 3.0) - set.value().origin) / set.value().scale,
                   25.0 / set.value().scale};
    for (const auto* use : {&every, &some}) {
      const NormalEquations a = accumulate_point_sphere<Lanes>(set.value(), *use, s);
      const NormalEquations b = accumulate_point_sphere<ScalarLanes>(set.value(), *use, s);
      EXPECT_TRUE(same_bits(a.objective, b.objective)) << "seed " << seed << " n " << n;
      for (int k = 0; k < 4; ++k) EXPECT_TRUE(same_bits(a.half_gradient(k), b.half_gradient(k)));
      for (int k = 0; k < 16; ++k) EXPECT_TRUE(same_bits(a.curvature(k), b.curvature(k)));
    }
  }
}

}  // namespace
}  // namespace spherefit
