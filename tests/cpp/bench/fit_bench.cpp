// Native fit time for N = 10, 1 000, 100 000 slices, and robust against plain for 1 000.
#include <benchmark/benchmark.h>

#include <random>

#include "pipeline/fit.hpp"
#include "support/synthetic.hpp"

namespace {

spherefit::SliceTable noisy_slices(std::size_t n) {
  std::mt19937_64 rng(n);
  auto t = spherefit::testing::slice_sphere({3, 4, 5}, 20, spherefit::testing::parallel_planes(n, -19, 19, rng));
  spherefit::testing::add_noise(t, 0.02, rng);
  return t;
}

void BM_Fit(benchmark::State& state) {
  const auto t = noisy_slices(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(spherefit::fit_sphere(t.view()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Fit)->Arg(10)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);

void BM_RobustFit(benchmark::State& state) {
  auto t = noisy_slices(static_cast<std::size_t>(state.range(0)));
  for (std::size_t i = 0; i < t.size(); i += 5) t.r[i] *= 1.3;  // 20 % bad slices
  spherefit::FitOptions o;
  o.robust = true;
  for (auto _ : state) benchmark::DoNotOptimize(spherefit::fit_sphere(t.view(), o));
}
BENCHMARK(BM_RobustFit)->Arg(1000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
