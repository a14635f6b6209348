// Points from a PLY file, after Paul Bourke's description ("PLY - Polygon File Format",
// paulbourke.net/dataformats/ply/): the x, y, z of the element named "vertex", whatever their
// scalar types and wherever they sit among other properties (normals, colours, confidence, lists);
// every other element (faces, edges, materials) is skipped, before or after the vertices. The
// header is read by read/ply_header.hpp.
//
// Vertices are kept as given (see read/point_file.hpp). Binary data are read in one straight loop
// after the vertex count is checked against the bytes that follow, so a header claiming more
// vertices than the file can hold fails before anything is allocated. Damage after the last
// vertex (a cut-short face list) is a warning: the points are complete.
#pragma once

#include <string_view>

#include "read/point_file.hpp"

namespace spherefit {

// Precondition: bytes begin with the "ply" line (read_ply_header says so otherwise).
Outcome<PointFile> read_ply(std::string_view bytes);

}  // namespace spherefit
