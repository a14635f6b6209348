// The multi-sphere search's speed on the scenes of tests/data/scenes/make_scenes.py (run it into
// the build folder first: `ctest -R make_scenes`, and with --large for the 10⁶-point TLS scan;
// tests/bench/spheres.sh does both and puts PCL's RANSAC beside these numbers).
#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "fit/spheres/find_spheres.hpp"
#include "support/scene_files.hpp"

namespace {

using spherefit::testing::Scene;

const Scene& scene(const std::string& name) {
  static std::map<std::string, Scene> loaded;
  auto at = loaded.find(name);
  if (at == loaded.end()) {
    std::string error;
    at = loaded.emplace(name, spherefit::testing::load_scene(spherefit::testing::scene_folder(), name, error)).first;
  }
  return at->second;
}

void search(benchmark::State& state, const std::string& name, bool known) {
  const Scene& s = scene(name);
  if (s.size() == 0) {
    state.SkipWithError(("no scene " + name + " in " + spherefit::testing::scene_folder() +
                         ": run tests/data/scenes/make_scenes.py (--large for tls_large)")
                            .c_str());
    return;
  }
  spherefit::SphereSearchOptions options;
  if (known) options.known_radius = s.known_radius;
  std::size_t found = 0;
  for (auto _ : state) {
    const auto r = spherefit::find_spheres(s.view(), options);
    found = r.ok() ? r.value().spheres.size() : 0;
    benchmark::DoNotOptimize(found);
  }
  state.counters["points"] = static_cast<double>(s.size());
  state.counters["spheres"] = static_cast<double>(found);
  state.counters["true"] = static_cast<double>(s.spheres.size());
}

}  // namespace

BENCHMARK_CAPTURE(search, ball_plate, std::string("ball_plate"), false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(search, tls_known_radius, std::string("tls"), true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(search, beads, std::string("beads"), false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(search, ball_bar, std::string("ball_bar"), false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(search, wall_floor, std::string("wall_floor"), false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(search, tls_large_known_radius, std::string("tls_large"), true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(search, tls_large_no_radius, std::string("tls_large"), false)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
