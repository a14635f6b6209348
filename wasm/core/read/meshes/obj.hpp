// Points from a Wavefront OBJ file (the "Object Files (.obj)" appendix of Wavefront's Advanced
// Visualizer manual, as Paul Bourke transcribes it at paulbourke.net/dataformats/obj/): one
// statement per line, a keyword first. Points come from the geometric vertices
//
//   v x y z [w]        (w: a weight for rational curves and surfaces, ignored here)
//   v x y z r g b      (the common vertex-colour extension)
//
// and every other statement is skipped: vn, vt, vp, f (counted as faces), l, p, g, o, s, usemtl,
// mtllib and the free-form ones. '#' starts a comment, anywhere on a line. Vertices are kept as
// given (see read/meshes/point_file.hpp): faces refer to them by index, so each is listed once.
#pragma once

#include <string_view>

#include "read/meshes/point_file.hpp"

namespace spherefit {

// Errors: InvalidNumber or NonFiniteValue at a coordinate, WrongFieldCount for a 'v' line with
// fewer than three numbers, InvalidFile for a file with no 'v' line at all.
Outcome<PointFile> read_obj(std::string_view bytes);

}  // namespace spherefit
