// libFuzzer target for the LAS reader: any bytes give points or an error, never a crash, a
// non-finite point or an allocation beyond what the file's size justifies; an error's byte offset
// lies inside the file. Seeds: tests/fuzz/corpus/las/ (written by tests/data/points/make_las.py).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "read/meshes/las.hpp"
#include "read/sniff.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  spherefit::sniff_file(bytes, "scan.las");
  spherefit::looks_like_laz(bytes);
  const auto r = spherefit::read_las(bytes);
  if (r.ok()) {
    const spherefit::PointTable& t = r.value().points;
    require(t.y.size() == t.x.size() && t.z.size() == t.x.size());
    for (std::size_t i = 0; i < t.size(); ++i)
      require(std::isfinite(t.x[i]) && std::isfinite(t.y[i]) && std::isfinite(t.z[i]));
    return 0;
  }
  require(!r.error().message.empty());
  require(r.error().offset <= static_cast<long long>(size));
  return 0;
}
