// libFuzzer target for the PCD reader (ascii, binary, binary_compressed with its LZF decoder):
// any bytes give points or an error, never a crash, a hang, a non-finite point or an allocation
// the file's size cannot justify; an error points inside the file (its line, or its byte).
// Seeds: tests/fuzz/corpus/pcd/ (written by pcl-tools). scripts/fuzz.sh builds and runs it.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "read/meshes/pcd.hpp"
#include "read/meshes/point_file.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  long lines = 1;
  for (char c : bytes) lines += c == '\n';
  for (int pass = 0; pass < 2; ++pass) {
    const auto r = pass == 0 ? spherefit::read_pcd(bytes) : spherefit::read_point_file(bytes, "cloud.pcd");
    if (r.ok()) {
      const spherefit::PointTable& t = r.value().points;
      require(t.y.size() == t.x.size() && t.z.size() == t.x.size());
      require(t.source_line.empty() || t.source_line.size() == t.x.size());
      for (std::size_t i = 0; i < t.size(); ++i)
        require(std::isfinite(t.x[i]) && std::isfinite(t.y[i]) && std::isfinite(t.z[i]));
      continue;
    }
    const spherefit::Error& e = r.error();
    require(!e.message.empty());
    require(e.offset <= static_cast<long long>(size));
    require(e.line >= 0 && e.line <= lines && (e.line == 0 || e.column >= 1));
  }
  return 0;
}
