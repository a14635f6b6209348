// Reading point and mesh files natively: binary PLY of 10⁶ float vertices (bare, and among
// normals, colours and a face list; both byte orders), ASCII PLY, STL binary and ASCII (with
// merging) and OBJ. Each reports bytes/s and vertices/s; BM_CopyBytes copies the same 10⁶-vertex
// PLY once, a same-run floor to compare the PLY reader with.
#include <benchmark/benchmark.h>

#include <cstring>
#include <random>

#include "support/mesh_files.hpp"
#include "read/meshes/point_file.hpp"

namespace {

using spherefit::testing::Mesh;
using spherefit::testing::PlyEncoding;
using spherefit::testing::PlyOptions;

Mesh cloud(std::size_t n) {
  std::mt19937_64 rng(n);
  return spherefit::testing::sphere_cloud({3, 4, 5}, 20, n, rng);
}

// A closed triangulated sphere with about n vertices.
Mesh surface(std::size_t n) {
  int segments = 4;
  while (static_cast<std::size_t>(segments) * static_cast<std::size_t>(segments) / 2 < n) ++segments;
  return spherefit::testing::sphere_mesh({3, 4, 5}, 20, segments / 2, segments);
}

void read_file(benchmark::State& state, const std::string& bytes, const char* name) {
  std::size_t points = 0;
  for (auto _ : state) {
    const auto r = spherefit::read_point_file(bytes, name);
    if (!r.ok()) {
      state.SkipWithError(r.error().message.c_str());
      return;
    }
    points = r.value().vertices_read;
    benchmark::DoNotOptimize(r.value().points.x.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * points));
}

void BM_CopyBytes(benchmark::State& state) {
  const std::string bytes = spherefit::testing::write_ply(cloud(1000000), {});
  std::string copy(bytes.size(), '\0');
  for (auto _ : state) {
    std::memcpy(copy.data(), bytes.data(), bytes.size());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_CopyBytes)->Unit(benchmark::kMillisecond);

void BM_PlyBinary(benchmark::State& state) {
  PlyOptions o;
  o.encoding = state.range(1) ? PlyEncoding::BigEndian : PlyEncoding::LittleEndian;
  o.extras = state.range(2);
  read_file(state, spherefit::testing::write_ply(cloud(static_cast<std::size_t>(state.range(0))), o), "cloud.ply");
}
// Arguments: vertices, big-endian, extra properties (normals, colour, a list, quality).
BENCHMARK(BM_PlyBinary)
    ->Args({1000000, 0, 0})
    ->Args({1000000, 1, 0})
    ->Args({1000000, 0, 1})
    ->Unit(benchmark::kMillisecond);

void BM_PlyBinaryWithFaces(benchmark::State& state) {
  read_file(state, spherefit::testing::write_ply(surface(static_cast<std::size_t>(state.range(0))), {}), "mesh.ply");
}
BENCHMARK(BM_PlyBinaryWithFaces)->Arg(1000000)->Unit(benchmark::kMillisecond);

void BM_PlyAscii(benchmark::State& state) {
  PlyOptions o;
  o.encoding = PlyEncoding::Ascii;
  read_file(state, spherefit::testing::write_ply(cloud(static_cast<std::size_t>(state.range(0))), o), "cloud.ply");
}
BENCHMARK(BM_PlyAscii)->Arg(1000000)->Unit(benchmark::kMillisecond);

void BM_StlBinary(benchmark::State& state) {
  read_file(state, spherefit::testing::write_stl_binary(surface(static_cast<std::size_t>(state.range(0))), "bench"),
            "mesh.stl");
}
BENCHMARK(BM_StlBinary)->Arg(1000000)->Unit(benchmark::kMillisecond);

void BM_StlAscii(benchmark::State& state) {
  read_file(state, spherefit::testing::write_stl_ascii(surface(static_cast<std::size_t>(state.range(0))), false),
            "mesh.stl");
}
BENCHMARK(BM_StlAscii)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_Obj(benchmark::State& state) {
  read_file(state, spherefit::testing::write_obj(surface(static_cast<std::size_t>(state.range(0))), false), "mesh.obj");
}
BENCHMARK(BM_Obj)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
