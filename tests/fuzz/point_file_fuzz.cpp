// libFuzzer target for the point and mesh file readers: any bytes, under every file-name hint,
// give points or an error, never a crash, a hang, a leak or a non-finite point; an error points
// inside the file. Seeds: tests/fuzz/corpus/point_file/. Build (Debian's clang 14):
//
//   clang++ -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
//     -Iwasm/core -isystem /usr/include/eigen3 tests/fuzz/point_file_fuzz.cpp wasm/core/read/*.cpp \
//     wasm/core/model/*.cpp -o build/fuzz/point_file_fuzz
//   build/fuzz/point_file_fuzz -max_len=4096 -timeout=5 -rss_limit_mb=1024 build/fuzz/corpus
//   tests/fuzz/corpus/point_file
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "read/meshes/point_file.hpp"

namespace {

void check(const spherefit::Outcome<spherefit::PointFile>& r, std::string_view bytes) {
  if (r.ok()) {
    const spherefit::PointFile& f = r.value();
    const spherefit::PointTable& t = f.points;
    if (t.y.size() != t.x.size() || t.z.size() != t.x.size()) std::abort();
    if (!t.source_line.empty() && t.source_line.size() != t.x.size()) std::abort();
    if (f.vertices_read != t.size() + f.duplicates_merged) std::abort();
    for (std::size_t i = 0; i < t.size(); ++i)
      if (!std::isfinite(t.x[i]) || !std::isfinite(t.y[i]) || !std::isfinite(t.z[i])) std::abort();
    return;
  }
  const spherefit::Error& e = r.error();
  if (e.message.empty()) std::abort();
  if (e.offset > static_cast<long long>(bytes.size())) std::abort();
  if (e.line < 0 || (e.line > 0 && e.column < 1)) std::abort();
  long lines = 1;
  for (char c : bytes) lines += c == '\n';
  if (e.line > lines) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const char* const kNames[] = {"", "scan.ply", "part.stl", "mesh.obj", "cloud.xyz", "PART.STL"};
  for (const char* name : kNames) {
    spherefit::looks_like_point_file(bytes, name);
    check(spherefit::read_point_file(bytes, name), bytes);
  }
  return 0;
}
