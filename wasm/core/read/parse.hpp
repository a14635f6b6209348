// Slice tables as users paste them: text → SliceTable, with errors that name line and column.
//
// Accepted: fields separated by commas, tabs, semicolons or white space (decided by the first
// non-comment line); an optional header naming columns in any order and case — x, y, z, r (also
// cx, cy, cz, radius; d or diameter gives r = d/2), nx, ny, nz, w or weight; units in brackets are
// ignored ("x (mm)"), as are unknown columns (with a warning). Without a header: 4 columns are
// x y z r, 7 add nx ny nz, 8 add w. A decimal comma is read when the separator is ';'. '#' starts
// a comment (whole line or trailing); blank lines, CRLF, a UTF-8 BOM and "quoted" fields are fine.
// Columns are counted in characters (UTF-8 code points) from 1.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/slices.hpp"
#include "model/status.hpp"

namespace spherefit {

struct ParsedSlices {
  SliceTable table;
  std::vector<Warning> warnings;
};

Outcome<ParsedSlices> parse_slices(std::string_view text);

}  // namespace spherefit
