// Tables as users paste or export them: text → slice circles or points, with errors that name
// line and column. The dialects are in read/tables/text_lines.hpp, the column names and layouts in
// read/tables/columns.hpp. A first line holding only a count (NIST's .ds files, Leica's .pts) is read as
// the number of points that follow (and, with more than 3 columns, says the rows are a scanner's
// points: x y z intensity r g b). CloudCompare's "//X,Y,Z,…" header names a point cloud. When the parse fails, the
// warnings gathered so far travel with the error as its notes (an unrecognised column name is often the reason a column
// is missing).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/options.hpp"
#include "model/points.hpp"
#include "model/slices.hpp"
#include "model/status.hpp"

namespace spherefit {

struct ParseOptions {
  InputMode mode = InputMode::Auto;  // Auto: circles when there is a radius column, else points
  std::string_view file_name;        // a hint: .xyz, .pts and .asc are scanners' point lists
};

struct ParsedTable {
  InputMode mode = InputMode::Circles;  // what was read: Circles (slices) or Points (points)
  SliceTable slices;
  PointTable points;
  std::vector<Warning> warnings;
  // An object column: per row (slice circle or point) the object it belongs to, and each object's
  // name as written, in order of first appearance. Empty without one.
  std::vector<std::int32_t> object;
  std::vector<std::string> object_names;
  std::string header_units;  // the unit the header names for lengths ("x (mm)"), or empty
  // Circles read from a table without a header by its column count alone (x y z r …): its rows
  // may be points with an attribute column instead; points_hinted: the file's name says a
  // scanner's point list (.xyz, .pts, .asc). See read_circles_as_points.
  bool circles_guessed = false;
  bool points_hinted = false;
};

// Text → circles or points. Besides the layouts of read/tables/columns.hpp: a headerless table
// read as circles whose fourth column holds a negative value (a radius cannot) is read as points
// x y z with that column ignored (a ReadAsPoints warning naming the line).
Outcome<ParsedTable> parse_table(std::string_view text, const ParseOptions& options = {});

// Turns a table of guessed circles into the points x, y, z of its rows (their lines kept), the
// other columns ignored, with a ReadAsPoints warning saying why.
void read_circles_as_points(ParsedTable& table, const std::string& why);

}  // namespace spherefit
