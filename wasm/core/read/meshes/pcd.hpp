// PCL's point cloud files (.pcd, "PCD v0.7", pointclouds.org/documentation/tutorials/pcd_file_format)
// read into x, y, z: the header (VERSION, FIELDS, SIZE, TYPE, COUNT, WIDTH, HEIGHT, VIEWPOINT,
// POINTS, DATA) and the data in any of its three encodings: ascii (a point per line), binary
// (records of the fields in order, little-endian as PCL writes them on every machine it runs on)
// and binary_compressed (32-bit compressed and uncompressed sizes, then LZF data holding the
// fields one after another — all x, then all y … — as pcl::PCDWriter::writeBinaryCompressed
// lays them out). The fields x, y and z may be of any type and size; the rest (normal_x, rgb,
// intensity, curvature…) are skipped. Points with a NaN coordinate (an organized cloud's empty
// pixels) are left out, with a warning that counts them. VIEWPOINT is the sensor's pose: PCL
// stores the points in the sensor's frame and so does this reader (a warning says so when the
// pose is not the identity).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "read/meshes/point_file.hpp"

namespace spherefit {

// True when the bytes start like a PCD header: comments, then a VERSION or FIELDS line.
bool looks_like_pcd(std::string_view bytes);

// Errors: InvalidFile, MissingColumn (no x, y or z field), UnsupportedFile, TruncatedFile,
// InvalidNumber, WrongFieldCount, NonFiniteValue (an infinite coordinate), with line and column in
// the header and ascii data, the byte offset in binary data (for binary_compressed: the offset of
// the compressed block, and the point).
Outcome<PointFile> read_pcd(std::string_view bytes);

// LZF (liblzf's format, as PCL uses it) of `in` into exactly out_size bytes of out; false when the
// data are damaged (a reference before the output's start, a run past either end, or a length
// other than out_size).
bool lzf_decompress(std::string_view in, unsigned char* out, std::size_t out_size);

}  // namespace spherefit
