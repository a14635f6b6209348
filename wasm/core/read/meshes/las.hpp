// LAS point clouds (ASPRS LAS 1.0–1.4, uncompressed; point data record formats 0–10) read into the
// x, y, z columns of a PointFile. Follows the ASPRS "LAS Specification 1.4 – R15" (2019): the
// public header block (the "LASF" signature, version, header size, offset to point data, point
// data record format and length, the legacy 32-bit point count and, from 1.4, the 64-bit one,
// scale factors and offsets), variable-length records skipped, and the point records: every format
// begins with X, Y, Z as signed 32-bit integers, and the coordinate is X·x_scale + x_offset.
// Errors name the byte offset (and the point) as read/file_error.hpp says.
//
// LAZ (LASzip-compressed LAS: the point format's bit 7 set, or the LASzip VLR) is not decoded here;
// web/src/lib/laz.js decodes it in chunks with laz-perf and hands x, y, z to the fit.
#pragma once

#include <cstdint>
#include <string_view>

#include "read/meshes/point_file.hpp"

namespace spherefit {

// The public header's numbers that matter to the points.
struct LasHeader {
  int version_major = 1, version_minor = 2;
  std::uint16_t header_size = 0;
  std::uint32_t point_offset = 0;  // offset to point data
  int point_format = 0;            // 0–10 (bits 6–7 cleared)
  bool compressed = false;         // bit 7 of the format byte (LASzip), or the LASzip VLR
  std::uint16_t record_length = 0;
  std::uint64_t point_count = 0;  // the 64-bit count of 1.4 when given, else the legacy one
  double scale[3] = {1, 1, 1};
  double offset[3] = {0, 0, 0};
  double min[3] = {0, 0, 0}, max[3] = {0, 0, 0};
};

// True when the bytes start with the LAS signature "LASF".
bool looks_like_las(std::string_view bytes);

// True when they are LAZ (a LAS header whose point format has bit 7 set, or with LASzip's VLR).
bool looks_like_laz(std::string_view head);

// The public header, checked (signature, sizes, format, scale factors finite and non-zero).
// Errors: TruncatedFile (the header is cut), InvalidFile or UnsupportedFile with the byte offset
// of the field.
Outcome<LasHeader> read_las_header(std::string_view bytes);

// The points (format PointFileFormat::Las). UnsupportedFile for LAZ (naming laz.js's job);
// TruncatedFile when the records end early (offset: where the file ends; point: the first one
// missing); NonFiniteValue cannot happen (integers × finite scale), but a coordinate beyond 1e300
// after scaling is InvalidFile.
Outcome<PointFile> read_las(std::string_view bytes);

}  // namespace spherefit
