// Native times of the volume stages on a 512 × 512 × 400 int16 CT-like volume (200 MB) holding a
// ball of radius 150 voxels, and on its 0/1 uint8 mask: labels, ISO-50, and the slice contours
// along k (contiguous slices) and along i (strided). Run: build/native/spherefit_volume_bench.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "read/volumes/contours.hpp"
#include "read/volumes/labels.hpp"
#include "read/volumes/threshold.hpp"
#include "read/volumes/volume.hpp"

namespace {

using namespace spherefit;

constexpr int kNi = 512, kNj = 512, kNk = 400;

struct BenchVolume {
  std::vector<std::int16_t> grey;
  std::vector<std::uint8_t> mask;
  Volume grey_volume, mask_volume;

  BenchVolume() : grey(static_cast<std::size_t>(kNi) * kNj * kNk), mask(grey.size()) {
    std::mt19937 rng(512);
    std::normal_distribution<float> noise(0.0f, 20.0f);
    const double cx = 255.3, cy = 250.7, cz = 201.2, radius = 150.0;
    std::size_t at = 0;
    for (int k = 0; k < kNk; ++k)
      for (int j = 0; j < kNj; ++j)
        for (int i = 0; i < kNi; ++i, ++at) {
          const double d = std::sqrt((i - cx) * (i - cx) + (j - cy) * (j - cy) + (k - cz) * (k - cz));
          const double inside = std::clamp(0.5 - (d - radius) / 2.0, 0.0, 1.0);  // a 2-voxel edge
          grey[at] = static_cast<std::int16_t>(std::lround(-1000.0 + 1800.0 * inside + noise(rng)));
          mask[at] = d <= radius;
        }
    grey_volume = wrap(VoxelType::Int16, reinterpret_cast<std::uint8_t*>(grey.data()), grey.size() * 2);
    mask_volume = wrap(VoxelType::UInt8, mask.data(), mask.size());
  }

  static Volume wrap(VoxelType type, std::uint8_t* data, std::size_t bytes) {
    VolumeInfo info;
    info.format = VolumeFormat::Nifti1;
    info.size = {kNi, kNj, kNk};
    info.type = type;
    info.data_bytes = bytes;
    info.affine.topLeftCorner<3, 3>() = Eigen::Vector3d(0.5, 0.5, 0.5).asDiagonal();
    return make_volume(info, data, bytes).value();
  }
};

const BenchVolume& bench_volume() {
  static const BenchVolume v;
  return v;
}

void report(benchmark::State& state) {
  state.counters["voxels/s"] =
      benchmark::Counter(static_cast<double>(kNi) * kNj * kNk, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_CountLabels_Int16(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(count_labels(bench_volume().grey_volume));
  report(state);
}
void BM_CountLabels_UInt8Mask(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(count_labels(bench_volume().mask_volume));
  report(state);
}
void BM_Iso50_Int16(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(iso50_threshold(bench_volume().grey_volume));
  report(state);
}
void BM_Contours_Int16Threshold(benchmark::State& state) {
  const double threshold = iso50_threshold(bench_volume().grey_volume).value().threshold;
  std::size_t points = 0;
  for (auto _ : state) {
    const auto c = extract_contours(bench_volume().grey_volume, ContourSelector::threshold(threshold),
                                    static_cast<int>(state.range(0)));
    points = c.value().points.size();
    benchmark::DoNotOptimize(points);
  }
  state.counters["points"] = static_cast<double>(points);
  report(state);
}
void BM_Contours_UInt8Label(benchmark::State& state) {
  std::size_t points = 0;
  for (auto _ : state) {
    const auto c =
        extract_contours(bench_volume().mask_volume, ContourSelector::label(1), static_cast<int>(state.range(0)));
    points = c.value().points.size();
    benchmark::DoNotOptimize(points);
  }
  state.counters["points"] = static_cast<double>(points);
  report(state);
}

BENCHMARK(BM_CountLabels_Int16)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CountLabels_UInt8Mask)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Iso50_Int16)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Contours_Int16Threshold)->Arg(2)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Contours_UInt8Label)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  bench_volume();  // built once, outside the timings
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
