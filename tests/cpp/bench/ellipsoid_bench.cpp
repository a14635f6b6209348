// The ellipsoid beside the sphere: native time of the least-squares sphere of 10⁴, 10⁵ and 10⁶
// noisy points of a slightly flattened ball (the peer), the full ellipsoid fit of every point
// (shape: ellipsoid), and the verdict's path (the ellipsoid of an evenly strided sample of at most
// kVerdictSample points started from that sphere, then judge_shape) that runs beside every sphere
// fit. Each ellipsoid benchmark prints `x_sphere`: its time over the sphere fit's of the same
// points, measured in the same run (median of five, CPU time). Target: the verdict path adds well
// under one sphere fit at 10⁶ points.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <random>

#include "fit/ellipsoid/ellipsoid_fit.hpp"
#include "pipeline/fit.hpp"
#include "report/shape_verdict.hpp"
#include "support/ellipsoid_cases.hpp"

namespace {

using namespace spherefit;

const testing::Columns& cloud(std::size_t n) {
  static std::map<std::size_t, testing::Columns> made;
  auto it = made.find(n);
  if (it == made.end()) {
    std::mt19937_64 rng(n);
    const testing::TrueEllipsoid e{{100, -50, 25}, {25, 25, 25.25}, testing::random_rotation(rng)};
    auto p = testing::points_on_ellipsoid(e, n, 180, rng);
    testing::add_noise(p, 0.02, rng);
    it = made.emplace(n, testing::columns_of(p)).first;
  }
  return it->second;
}

double cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// The sphere fit's CPU time for n points: the median of five, measured once per run.
double sphere_seconds(std::size_t n) {
  static std::map<std::size_t, double> measured;
  auto it = measured.find(n);
  if (it != measured.end()) return it->second;
  std::vector<double> times;
  for (int k = 0; k < 5; ++k) {
    const double start = cpu_seconds();
    benchmark::DoNotOptimize(fit_sphere(cloud(n).view()));
    times.push_back(cpu_seconds() - start);
  }
  std::nth_element(times.begin(), times.begin() + 2, times.end());
  return measured[n] = times[2];
}

void report_ratio(benchmark::State& state, double seconds, std::size_t n) {
  state.counters["x_sphere"] = seconds / static_cast<double>(state.iterations()) / sphere_seconds(n);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void BM_SphereFit(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const testing::Columns& c = cloud(n);
  for (auto _ : state) benchmark::DoNotOptimize(fit_sphere(c.view()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SphereFit)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

void BM_EllipsoidFit(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const testing::Columns& c = cloud(n);
  sphere_seconds(n);
  double spent = 0.0;
  for (auto _ : state) {
    const double start = cpu_seconds();
    benchmark::DoNotOptimize(fit_ellipsoid(c.view(), Shape::Ellipsoid));
    spent += cpu_seconds() - start;
  }
  report_ratio(state, spent, n);
}
BENCHMARK(BM_EllipsoidFit)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

void BM_VerdictPath(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const testing::Columns& c = cloud(n);
  const SphereFit sphere = fit_sphere(c.view()).value();
  sphere_seconds(n);
  EllipsoidOptions o;
  o.max_points = kVerdictSample;
  o.sphere_center = sphere.center;
  o.sphere_radius = sphere.radius;
  o.checked = true;  // the sphere fit has read every point
  double spent = 0.0;
  for (auto _ : state) {
    const double start = cpu_seconds();
    const auto e = fit_ellipsoid(c.view(), Shape::Ellipsoid, o);
    benchmark::DoNotOptimize(judge_shape(c.view(), sphere, e.value()));
    spent += cpu_seconds() - start;
  }
  report_ratio(state, spent, n);
}
BENCHMARK(BM_VerdictPath)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
