// Runs the multi-sphere search on one scene of tests/data/scenes/make_scenes.py and prints the
// spheres and the best wall time of --repeat runs as JSON (for tests/bench/spheres.sh, which puts
// it beside PCL's RANSAC on the same file).
//
//   spherefit_spheres_cli FOLDER SCENE [--known R] [--min R] [--max R] [--cap DEG] [--min-points N]
//                         [--repeat N] [--no-known]
// Without --known or --no-known, the scene's own suggested options (truth.json) are used.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "fit/spheres/find_spheres.hpp"
#include "support/scene_files.hpp"

using namespace spherefit;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: %s FOLDER SCENE [--known R] [--min R] [--max R] [--cap DEG] [--min-points N] [--repeat N] "
                 "[--no-known]\n",
                 argv[0]);
    return 2;
  }
  std::string error;
  const testing::Scene scene = testing::load_scene(argv[1], argv[2], error);
  if (scene.size() == 0) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  SphereSearchOptions options;
  options.known_radius = scene.known_radius;
  int repeat = 3;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--no-known")
      options.known_radius.reset();
    else if (a == "--known" && has_value)
      options.known_radius = std::atof(argv[++i]);
    else if (a == "--min" && has_value)
      options.min_radius = std::atof(argv[++i]);
    else if (a == "--max" && has_value)
      options.max_radius = std::atof(argv[++i]);
    else if (a == "--cap" && has_value)
      options.min_cap_angle_deg = std::atof(argv[++i]);
    else if (a == "--min-points" && has_value)
      options.min_points = static_cast<std::size_t>(std::atol(argv[++i]));
    else if (a == "--repeat" && has_value)
      repeat = std::max(1, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  double best = 1e300, best_cpu = 1e300;  // wall and process CPU time (the machine may be shared)
  Outcome<SphereSearch> result = Error{};
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu = std::clock();
    result = find_spheres(scene.view(), options);
    best_cpu = std::min(best_cpu, static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  if (!result.ok()) {
    std::printf("{\"error\": \"%s\"}\n", result.error().message.c_str());
    return 1;
  }
  const SphereSearch& s = result.value();
  std::printf(
      "{\"scene\": \"%s\", \"points\": %zu, \"seconds\": %.6f, \"cpu_seconds\": %.6f, \"leftover\": %zu, "
      "\"rejected_surfaces\": %zu,\n",
      scene.name.c_str(), scene.size(), best, best_cpu, s.leftover_points, s.rejected_surfaces);
  std::printf(
      " \"stats\": {\"seeds\": %zu, \"candidates\": %zu, \"too_few\": %zu, \"small_cap\": %zu, \"ring\": %zu, "
      "\"noisy\": %zu, \"outside_limits\": %zu},\n",
      s.stats.seeds, s.stats.candidates, s.stats.too_few_points, s.stats.small_cap, s.stats.ring, s.stats.noisy,
      s.stats.outside_limits);
  std::printf(" \"smallest_radius_searched\": %.6g,\n \"spheres\": [", s.smallest_radius_searched);
  for (std::size_t k = 0; k < s.spheres.size(); ++k) {
    const FoundSphere& f = s.spheres[k];
    std::size_t true_inliers = 0;
    int label = -2;
    for (const std::uint32_t i : f.inliers) {
      if (scene.label[i] >= 0) ++true_inliers;
    }
    // The true sphere most of the inliers were sampled on, and how many were not on it.
    std::map<int, std::size_t> labels;
    for (const std::uint32_t i : f.inliers) ++labels[scene.label[i]];
    std::size_t most = 0;
    for (const auto& [l, c] : labels)
      if (c > most) most = c, label = l;
    const std::size_t foreign = f.inliers.size() - most;
    std::printf(
        "%s\n  {\"centre\": [%.9g, %.9g, %.9g], \"radius\": %.9g, \"inliers\": %zu, \"labelled\": %zu, \"label\": %d, "
        "\"foreign\": %zu, "
        "\"rms\": %.4g, \"noise\": %.4g, \"tolerance\": %.4g, \"cap\": %.1f, \"contested\": %zu}",
        k ? "," : "", f.center.x(), f.center.y(), f.center.z(), f.radius, f.inliers.size(), true_inliers, label,
        foreign, f.rms, f.noise, f.tolerance, f.cap_angle_deg, f.contested);
  }
  std::printf("]}\n");
  return 0;
}
