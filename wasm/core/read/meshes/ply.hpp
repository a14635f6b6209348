// Points from a PLY file, after Paul Bourke's description ("PLY - Polygon File Format",
// paulbourke.net/dataformats/ply/): the x, y, z of the element named "vertex", whatever their
// scalar types and wherever they sit among other properties (normals, colours, confidence, lists);
// every other element (faces, edges, materials) is skipped, before or after the vertices. The
// header is read by ply_header.hpp, the vertex element found by ply_layout.hpp, the data read by
// ply_binary.hpp or ply_text.hpp; this file puts them together.
//
// Vertices are kept as given (see read/meshes/point_file.hpp). A count is checked against the bytes that
// follow before anything is reserved, so a header claiming more vertices than the file can hold
// fails before anything is allocated. Damage after the last vertex (a cut-short face list) is a
// warning: the points are complete.
#pragma once

#include <string_view>

#include "read/meshes/point_file.hpp"

namespace spherefit {

// Precondition: bytes begin with the "ply" line (read_ply_header says so otherwise).
Outcome<PointFile> read_ply(std::string_view bytes);

}  // namespace spherefit
