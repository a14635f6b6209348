// Native form-fit time on a noisy sphere of 10⁵ points (minimum zone, circumscribed, inscribed),
// beside one pass over the points computing every distance, and on 1 000 noisy slice circles.
// Targets: minimum zone ≤ 50 ms, circumscribed ≤ 10 ms for 10⁵ points.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "pipeline/fit.hpp"
#include "fit/form/form_fit.hpp"
#include "support/form_cases.hpp"
#include "support/synthetic.hpp"

namespace {

using spherefit::FitType;

struct Cloud {
  spherefit::PointTable table;
  Eigen::Vector3d start;
};

const Cloud& noisy_sphere() {
  static const Cloud cloud = [] {
    std::mt19937_64 rng(100000);
    const auto p = spherefit::testing::sphere_points({3, 4, 5}, 20, 100000, 0.02, 3.14159265358979, rng);
    return Cloud{spherefit::testing::point_table(p), spherefit::testing::algebraic_center(p)};
  }();
  return cloud;
}

void BM_DistancePass(benchmark::State& state) {  // the yardstick: one exact scan of all points
  const Cloud& c = noisy_sphere();
  for (auto _ : state) {
    double far = 0;
    for (std::size_t i = 0; i < c.table.size(); ++i)
      far = std::max(far, (Eigen::Vector3d(c.table.x[i], c.table.y[i], c.table.z[i]) - c.start).squaredNorm());
    benchmark::DoNotOptimize(far);
  }
}
BENCHMARK(BM_DistancePass)->Unit(benchmark::kMillisecond);

void BM_FormPoints(benchmark::State& state) {
  const Cloud& c = noisy_sphere();
  const FitType type = static_cast<FitType>(state.range(0));
  int iterations = 0;
  for (auto _ : state) {
    const auto fit = spherefit::fit_form(c.table.view(), type, c.start);
    iterations = fit.value().iterations;
    benchmark::DoNotOptimize(fit);
  }
  state.counters["iterations"] = iterations;
  state.SetLabel(spherefit::name_of(spherefit::kFitTypeNames, type));
}
BENCHMARK(BM_FormPoints)
    ->Arg(static_cast<int>(FitType::MinimumZone))
    ->Arg(static_cast<int>(FitType::MinimumCircumscribed))
    ->Arg(static_cast<int>(FitType::MaximumInscribed))
    ->Unit(benchmark::kMillisecond);

void BM_FormCircles(benchmark::State& state) {
  std::mt19937_64 rng(1000);
  auto t = spherefit::testing::slice_sphere({3, 4, 5}, 20, spherefit::testing::oblique_planes(1000, -19, 19, rng));
  spherefit::testing::add_noise(t, 0.02, rng);
  const Eigen::Vector3d start = spherefit::fit_sphere(t.view()).value().center;
  const FitType type = static_cast<FitType>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(spherefit::fit_form(t.view(), type, start));
  state.SetLabel(spherefit::name_of(spherefit::kFitTypeNames, type));
}
BENCHMARK(BM_FormCircles)
    ->Arg(static_cast<int>(FitType::MinimumZone))
    ->Arg(static_cast<int>(FitType::MinimumCircumscribed))
    ->Arg(static_cast<int>(FitType::MaximumInscribed))
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
