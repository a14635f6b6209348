#include "read/sniff.hpp"

#include <cstdint>
#include <cstring>

#include "read/meshes/point_file.hpp"

namespace spherefit {
namespace {

std::int32_t int32_at(std::string_view s, std::size_t at, bool swap) {
  std::uint32_t v = 0;
  std::memcpy(&v, s.data() + at, 4);
  if (swap) v = (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
  return static_cast<std::int32_t>(v);
}

// NIfTI-1 and -2 start with sizeof_hdr (348 or 540) in either byte order and carry a magic
// ("n+1"/"ni1" at byte 344, "n+2"/"ni2" at byte 4); NRRD files start with "NRRD000".
bool looks_like_volume(std::string_view head) {
  if (head.substr(0, 7) == "NRRD000") return true;
  if (head.size() < 8) return false;
  for (bool swap : {false, true}) {
    const std::int32_t size = int32_at(head, 0, swap);
    if (size == 540 && (head.substr(4, 3) == "n+2" || head.substr(4, 3) == "ni2")) return true;
    if (size == 348 && head.size() >= 348 && (head.substr(344, 3) == "n+1" || head.substr(344, 3) == "ni1")) return true;
  }
  return false;
}

}  // namespace

FileKind sniff_file(std::string_view head, std::string_view file_name) {
  if (head.empty()) return FileKind::Empty;
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1F && static_cast<unsigned char>(head[1]) == 0x8B) {
    return FileKind::Gzip;
  }
  if (looks_like_volume(head)) return FileKind::Volume;
  if (looks_like_point_file(head, file_name)) return FileKind::PointFile;
  if (std::memchr(head.data(), 0, head.size()) == nullptr) return FileKind::Text;
  return FileKind::Unknown;
}

}  // namespace spherefit
