// Points from an STL file (the StereoLithography Interface Specification, 3D Systems, 1989, as
// every CAD tool writes it):
//
//   binary: an 80-byte header (free text, which may itself begin with "solid"), a little-endian
//           uint32 triangle count n, then n records of 50 bytes: normal (3 float32), three
//           vertices (3 float32 each), a uint16 attribute. The file is 84 + 50·n bytes.
//   ASCII:  solid name
//             facet normal nx ny nz
//               outer loop
//                 vertex x y z      (three times)
//               endloop
//             endfacet
//           endsolid name
//           Keywords in any case, any white space between words; several solids in one file.
//
// Every triangle repeats its corners, so exactly equal vertices are merged, first seen first
// (read/meshes/vertex_merge.hpp). Normals and attributes are ignored (writers leave NaN normals on
// degenerate triangles). A binary vertex is numbered 3·triangle + corner in Error::point.
#pragma once

#include <string_view>

#include "read/meshes/point_file.hpp"

namespace spherefit {

// Precondition: none; a file shorter than 84 bytes or with fewer triangles than its count is
// TruncatedFile, and bytes after the last triangle are a warning.
Outcome<PointFile> read_stl_binary(std::string_view bytes);

// Precondition: none; a file that does not begin with "solid" is InvalidFile.
Outcome<PointFile> read_stl_ascii(std::string_view bytes);

}  // namespace spherefit
