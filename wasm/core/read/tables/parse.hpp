// Tables as users paste or export them: text → slice circles or points, with errors that name
// line and column. The dialects are in read/tables/text_lines.hpp, the column names and layouts in
// read/tables/columns.hpp. A first line holding only a count (NIST's .ds files, Leica's .pts) is read as
// the number of points that follow. When the parse fails, the warnings gathered so far travel
// with the error as its notes (an unrecognised column name is often the reason a column is missing).
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
  std::string header_units;             // the unit the header names for lengths ("x (mm)"), or empty
};

Outcome<ParsedTable> parse_table(std::string_view text, const ParseOptions& options = {});

}  // namespace spherefit
