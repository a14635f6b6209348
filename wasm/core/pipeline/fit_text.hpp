// Text in, sphere out: parse_table then fit_sphere on the circles or points it found (or
// fit_contours when the points carry slice ids), with an
// error about one slice or point moved to the line it came from, and the parser's warnings ahead
// of the fit's. The parsed table comes back too, so that a caller can show its input without
// parsing twice.
#pragma once

#include <string_view>

#include "pipeline/fit_contours.hpp"
#include "pipeline/fit.hpp"
#include "pipeline/fit_spheres.hpp"
#include "read/tables/parse.hpp"
#include "read/meshes/point_file.hpp"

namespace spherefit {

struct TextFit {
  ParsedTable table;
  SphereFit fit;
  std::optional<ContourDetails> contours;  // when the points are slice contours
  std::optional<PointFile> file;           // when the text was a point file (ASCII PLY, STL, OBJ);
                                           // its points are then table.points
  std::optional<SpheresFit> spheres;       // with options.spheres = all: every sphere (fit is then unused)
};

// file_name is a hint for the reader (see ParseOptions); options.mode may force circles or points.
// A table with an object column holds several spheres: with options.spheres = all each object is
// fitted (its rows grouped); in one-sphere mode the most sphere-like object is, with a warning
// naming the others, and `table` holds that object's rows. Points without one, with spheres =
// all, are searched for spheres (fit_point_spheres).
// Text that is an ASCII point cloud or mesh (read/meshes/point_file.hpp) is read as one.
Outcome<TextFit> fit_text(std::string_view text, const FitOptions& options = {}, std::string_view file_name = {});

// A point cloud or mesh file (PLY, STL, OBJ, binary or text): its vertices fitted as points.
Outcome<TextFit> fit_point_file(std::string_view bytes, const FitOptions& options, std::string_view file_name);

// Points an error about slice or point i at the line of text it came from.
Error locate_error(Error error, const ParsedTable& table);

}  // namespace spherefit
