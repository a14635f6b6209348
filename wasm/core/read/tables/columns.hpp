// Which column is which: a header's names, or the column count of a table without one, decide
// whether the rows are slice circles or points and where each value sits.
//
// Names are matched in any case, ignoring spaces, '_', '-', '.' and units in brackets
// ("Center X (mm)" is x): x y z (also cx, xc, x0, center_x, centre_x…), r / radius, d / diameter
// (r = d/2), nx ny nz (a slice plane's normal), w / weight, slice (also contour, section, layer:
// any integer or text id grouping points into slice contours), object (also sphere, id, name,
// feature: the sphere a row belongs to, for tables of several spheres — both eyes, each ball of a
// CMM program). A header with a radius or diameter
// column is a table of circles; one with x, y, z only is a table of points; CloudCompare's
// "//X Y Z R G B …" header is always a point cloud (its R is red, not a radius). Without a
// header: 3 columns are points; 4 are circles x y z r (or, when points are asked for, x y z
// slice) unless the data say otherwise (see layout_without_header); 7 add the normal, 8 a weight;
// other counts are a point cloud's x y z and attributes. A scanner's point list (.xyz .pts .asc,
// or a first line that is a count) is x y z and then attributes. A unit written as its own word
// after a name ("x (mm)" in a space-separated header) belongs to that name.
#pragma once

#include <string>
#include <array>
#include <vector>

#include "model/options.hpp"
#include "model/status.hpp"
#include "read/tables/text_lines.hpp"

namespace spherefit {

enum class Role { X, Y, Z, R, D, NX, NY, NZ, W, Slice, Object, Ignored };
inline constexpr std::size_t kRoles = 11;  // all but Ignored

struct Layout {
  InputMode mode = InputMode::Circles;  // Circles or Points, never Auto
  std::vector<Role> roles;              // per field
  std::array<int, kRoles> position{};   // field index of each role, -1 when absent
  bool has(Role r) const { return position[static_cast<std::size_t>(r)] >= 0; }
  int at(Role r) const { return position[static_cast<std::size_t>(r)]; }
  std::string units;  // the unit the header gives its lengths in ("mm"), or empty
  // A table without a header read as circles by its column count (4, 7 or 8): its rows might be
  // points with attributes instead (x y z intensity), which the reader and the fit may find out.
  bool circles_guessed = false;
};

// A header has a name in it: some field is text that is not a number.
bool looks_like_header(const Line& line, bool decimal_comma);

// In a space-separated header, "x (mm)" arrives as two fields; the unit joins its name. Returns
// the unit each (joined) field names in brackets — "x (mm)", "Durchmesser [mm]" — or "".
std::vector<std::string> join_unit_fields(Line& header, Separator separator);

// Whether two units are the same label, ignoring ASCII case ("MM" and "mm").
bool same_unit(std::string_view a, std::string_view b);

// From a header; unknown columns (and columns the mode does not use) are ignored with a warning.
// units: per field, as join_unit_fields gives them; the length columns' common unit becomes
// Layout::units (columns in different units get a UnitsDiffer warning).
Outcome<Layout> layout_from_header(const Line& header, const std::vector<std::string>& units, InputMode requested,
                                   std::vector<Warning>& warnings);

// From a CloudCompare header ("//X Y Z R G B Nx Ny Nz", the "//" already removed from its first
// field) and the first data line (whose field count rules: a name may hold the separator): a point
// table, x, y, z where the header names X, Y, Z; colours, normals and scalar fields are ignored
// with one UnknownColumn warning naming them. Asking for circles is MissingColumn (no radius).
Outcome<Layout> layout_from_cloud_header(const Line& header, const Line& first, InputMode requested,
                                         std::vector<Warning>& warnings);

// From the first data line of a table without a header. scanner_columns: the file says it is a
// scanner's point list — a first line that is a point count (Leica's .pts) or the extension .pts,
// .xyz or .asc — whose columns after x y z are intensities and colours, not a slice or a circle.
// Without that, 3 columns are points; 4, 7 and 8 circles (circles_guessed set: the reader turns the
// table to points when a fourth value is negative, the fit when the circles fit badly and the
// points well); 5, 6 or more than 8 are points (x y z and attributes; an UnknownColumn warning).
Outcome<Layout> layout_without_header(const Line& first, InputMode requested, bool scanner_columns,
                                      std::vector<Warning>& warnings);

}  // namespace spherefit
