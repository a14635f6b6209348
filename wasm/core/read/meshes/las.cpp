#include "read/meshes/las.hpp"

#include <cmath>
#include <cstring>
#include <string>

#include "read/file_error.hpp"
#include "read/meshes/bytes.hpp"

namespace spherefit {
namespace {

// The smallest record of each point data record format (LAS 1.4 R15, section 2.6).
constexpr std::uint16_t kRecordBytes[11] = {20, 28, 26, 34, 57, 63, 30, 36, 38, 59, 67};
constexpr std::size_t kMinHeader = 227;  // LAS 1.0–1.2
constexpr std::size_t kHeader14 = 375;   // LAS 1.4

const unsigned char* at(std::string_view b, std::size_t offset) {
  return reinterpret_cast<const unsigned char*>(b.data()) + offset;
}

template <class T>
T get(std::string_view b, std::size_t offset) {
  return load<T>(at(b, offset), false);
}

// Whether the VLRs hold LASzip's ("laszip encoded", record 22204).
bool has_laszip_vlr(std::string_view b, std::uint16_t header_size, std::uint32_t vlrs, std::uint32_t point_offset) {
  std::size_t pos = header_size;
  for (std::uint32_t k = 0; k < vlrs && k < 1000; ++k) {
    if (pos + 54 > b.size() || pos + 54 > point_offset) return false;
    const std::string_view user(b.data() + pos + 2, 16);
    const std::uint16_t record = get<std::uint16_t>(b, pos + 18);
    if (user.substr(0, 14) == "laszip encoded" && record == 22204) return true;
    pos += 54 + get<std::uint16_t>(b, pos + 20);
  }
  return false;
}

}  // namespace

bool looks_like_las(std::string_view bytes) { return bytes.substr(0, 4) == "LASF"; }

bool looks_like_laz(std::string_view head) {
  if (!looks_like_las(head) || head.size() < kMinHeader) return false;
  if (head[104] & 0x80) return true;
  return has_laszip_vlr(head, get<std::uint16_t>(head, 94), get<std::uint32_t>(head, 100),
                        get<std::uint32_t>(head, 96));
}

Outcome<LasHeader> read_las_header(std::string_view b) {
  if (b.size() < kMinHeader) {
    return binary_error(ErrorCode::TruncatedFile, b.size(), "", -1,
                        "the file ends inside its LAS header (" + std::to_string(kMinHeader) +
                            " bytes at least). The file is cut short: download or export it again.");
  }
  LasHeader h;
  h.version_major = static_cast<unsigned char>(b[24]);
  h.version_minor = static_cast<unsigned char>(b[25]);
  if (h.version_major != 1 || h.version_minor > 4) {
    return binary_error(ErrorCode::UnsupportedFile, 24, "", -1,
                        "the LAS version is " + std::to_string(h.version_major) + "." +
                            std::to_string(h.version_minor) + "; versions 1.0 to 1.4 are read.");
  }
  h.header_size = get<std::uint16_t>(b, 94);
  h.point_offset = get<std::uint32_t>(b, 96);
  const std::uint32_t vlrs = get<std::uint32_t>(b, 100);
  const unsigned format_byte = static_cast<unsigned char>(b[104]);
  h.point_format = static_cast<int>(format_byte & 0x3F);
  h.record_length = get<std::uint16_t>(b, 105);
  const std::uint32_t legacy_count = get<std::uint32_t>(b, 107);
  if (h.header_size < kMinHeader || h.header_size > b.size()) {
    return binary_error(h.header_size > b.size() ? ErrorCode::TruncatedFile : ErrorCode::InvalidFile, 94, "", -1,
                        "the header size is " + std::to_string(h.header_size) + " bytes; a LAS header takes " +
                            std::to_string(kMinHeader) + " or more, within the file. The header is damaged.");
  }
  if (h.point_offset < h.header_size) {
    return binary_error(ErrorCode::InvalidFile, 96, "", -1,
                        "the point data start at byte " + grouped(h.point_offset) + ", inside the " +
                            std::to_string(h.header_size) + "-byte header. The header is damaged.");
  }
  h.compressed = (format_byte & 0x80) != 0 || has_laszip_vlr(b, h.header_size, vlrs, h.point_offset);
  if (h.point_format > 10) {
    return binary_error(ErrorCode::UnsupportedFile, 104, "", -1,
                        "the point data record format is " + std::to_string(h.point_format) + "; LAS defines 0 to 10.");
  }
  if (h.record_length < kRecordBytes[h.point_format] && !h.compressed) {
    return binary_error(ErrorCode::InvalidFile, 105, "", -1,
                        "a point record of format " + std::to_string(h.point_format) + " takes " +
                            std::to_string(kRecordBytes[h.point_format]) + " bytes or more; the header says " +
                            std::to_string(h.record_length) + ". The header is damaged.");
  }
  h.point_count = legacy_count;
  if (h.version_minor >= 4 && h.header_size >= kHeader14) {
    const std::uint64_t count = get<std::uint64_t>(b, 247);
    if (count != 0 || legacy_count == 0) h.point_count = count;
  }
  static const char* const kAxis[3] = {"x", "y", "z"};
  for (int a = 0; a < 3; ++a) {
    h.scale[a] = get<double>(b, 131 + 8 * static_cast<std::size_t>(a));
    h.offset[a] = get<double>(b, 155 + 8 * static_cast<std::size_t>(a));
    h.max[a] = get<double>(b, 179 + 16 * static_cast<std::size_t>(a));
    h.min[a] = get<double>(b, 187 + 16 * static_cast<std::size_t>(a));
    if (!std::isfinite(h.scale[a]) || h.scale[a] == 0.0 || std::abs(h.scale[a]) > 1e200) {
      return binary_error(ErrorCode::InvalidFile, 131 + 8 * static_cast<std::uint64_t>(a), "", -1,
                          std::string("the ") + kAxis[a] + " scale factor is " + format_number(h.scale[a]) +
                              "; it must be a finite, non-zero number (0.01 or 0.001 usually). The header is damaged.");
    }
    if (!std::isfinite(h.offset[a]) || std::abs(h.offset[a]) > 1e200) {
      return binary_error(ErrorCode::InvalidFile, 155 + 8 * static_cast<std::uint64_t>(a), "", -1,
                          std::string("the ") + kAxis[a] + " offset is " + format_number(h.offset[a]) +
                              "; it must be a finite number. The header is damaged.");
    }
  }
  return h;
}

Outcome<PointFile> read_las(std::string_view b) {
  const Outcome<LasHeader> read = read_las_header(b);
  if (!read.ok()) return read.error();
  const LasHeader& h = read.value();
  if (h.compressed) {
    return binary_error(ErrorCode::UnsupportedFile, 104, "", -1,
                        "this is a LAZ file (LASzip-compressed LAS). It is decoded by the page and the library "
                        "(laz.js), not by this reader; or decompress it to .las (laszip, PDAL or CloudCompare).");
  }
  PointFile out;
  out.format = PointFileFormat::Las;
  if (h.point_offset > b.size()) {
    return binary_error(ErrorCode::TruncatedFile, b.size(), "", -1,
                        "the file ends before its point data, which the header puts at byte " +
                            grouped(h.point_offset) + ". The file is cut short: download or export it again.");
  }
  const std::uint64_t room = (b.size() - h.point_offset) / h.record_length;
  const std::uint64_t n = h.point_count < room ? h.point_count : room;  // checked before anything is reserved
  PointTable& t = out.points;
  t.x.resize(static_cast<std::size_t>(n));
  t.y.resize(static_cast<std::size_t>(n));
  t.z.resize(static_cast<std::size_t>(n));
  const unsigned char* p = at(b, h.point_offset);
  for (std::size_t i = 0; i < n; ++i, p += h.record_length) {
    t.x[i] = static_cast<double>(load<std::int32_t>(p, false)) * h.scale[0] + h.offset[0];
    t.y[i] = static_cast<double>(load<std::int32_t>(p + 4, false)) * h.scale[1] + h.offset[1];
    t.z[i] = static_cast<double>(load<std::int32_t>(p + 8, false)) * h.scale[2] + h.offset[2];
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (std::abs(t.x[i]) > 1e300 || std::abs(t.y[i]) > 1e300 || std::abs(t.z[i]) > 1e300 ||
        !std::isfinite(t.x[i] + t.y[i] + t.z[i])) {
      const std::uint64_t where = h.point_offset + static_cast<std::uint64_t>(i) * h.record_length;
      return binary_error(ErrorCode::InvalidFile, where, "point " + grouped(i), static_cast<long>(i),
                          "the scaled coordinates are beyond ±1e300: the scale factors or offsets are damaged.");
    }
  }
  if (n < h.point_count) {
    const std::uint64_t where = h.point_offset + n * h.record_length;
    return binary_error(ErrorCode::TruncatedFile, where, "point " + grouped(n), static_cast<long>(n),
                        "the file ends here; it holds " + grouped(n) + " of the " + grouped(h.point_count) +
                            " points the header announces. The file is cut short, or its header is wrong.");
  }
  out.vertices_read = t.size();
  const std::uint64_t end = h.point_offset + h.point_count * h.record_length;
  if (end < b.size() && !(h.version_minor >= 3)) {
    // 1.3 and 1.4 may keep waveform data and extended VLRs after the points.
    out.warnings.push_back({WarningCode::TrailingData, "Byte " + grouped(end) + ": the " + grouped(b.size() - end) +
                                                           " bytes after the last point are ignored."});
  }
  return out;
}

}  // namespace spherefit
