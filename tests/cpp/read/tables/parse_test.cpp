// What users paste: separators, headers, comments, decimal commas, and errors with line/column.
#include <gtest/gtest.h>

#include "pipeline/fit_text.hpp"
#include "read/tables/parse.hpp"

namespace spherefit {
namespace {

// Slices as parsed (tests of circle tables).
struct Parsed {
  SliceTable table;
  std::vector<Warning> warnings;
};

Parsed parse_ok(const std::string& text) {
  const auto p = parse_table(text);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
  if (!p.ok()) return {};
  EXPECT_EQ(p.value().mode, InputMode::Circles) << text;
  return {p.value().slices, p.value().warnings};
}

void expect_error(const std::string& text, ErrorCode code, int line, int column) {
  const auto p = parse_table(text);
  ASSERT_FALSE(p.ok()) << text;
  EXPECT_EQ(error_code_name(p.error().code), std::string(error_code_name(code))) << p.error().message;
  EXPECT_EQ(p.error().line, line) << p.error().message;
  EXPECT_EQ(p.error().column, column) << p.error().message;
  if (line > 0)
    EXPECT_NE(p.error().message.find("Line " + std::to_string(line)), std::string::npos) << p.error().message;
}

TEST(Parse, HeaderlessFourColumnsAnySeparator) {
  for (const char* text : {"1,2,3,4\n5,6,7,8\n", "1\t2\t3\t4\n5\t6\t7\t8", "1 2  3 4\n 5 6 7 8 \n",
                           "1;2;3;4\r\n5;6;7;8\r\n", "1, 2, 3, 4\n5, 6, 7, 8\n"}) {
    const auto p = parse_ok(text);
    ASSERT_EQ(p.table.size(), 2u) << text;
    EXPECT_EQ(p.table.x[1], 5);
    EXPECT_EQ(p.table.r[0], 4);
    EXPECT_FALSE(p.table.has_normals);
  }
}

TEST(Parse, HeaderInAnyOrderAndCaseWithDiameterAndUnits) {
  const auto p =
      parse_ok("\xEF\xBB\xBF# CT export\nDiameter (mm), CZ, cy, CX, Weight\n10, 3, 2, 1, 0.5 # first\n\n4,5,6,7,1\n");
  ASSERT_EQ(p.table.size(), 2u);
  EXPECT_EQ(p.table.r[0], 5.0);
  EXPECT_EQ(p.table.z[0], 3.0);
  EXPECT_EQ(p.table.x[0], 1.0);
  EXPECT_EQ(p.table.x[1], 7.0);
  EXPECT_TRUE(p.table.has_weights);
  EXPECT_EQ(p.table.w[0], 0.5);
  EXPECT_EQ(p.table.source_line[1], 5);
}

TEST(Parse, NormalsQuotedFieldsAndDecimalComma) {
  const auto p = parse_ok("\"x\";\"y\";\"z\";\"r\";nx;ny;nz\n\"1,5\";2;3;4,25;0;0;2\n");
  ASSERT_EQ(p.table.size(), 1u);
  EXPECT_EQ(p.table.x[0], 1.5);
  EXPECT_EQ(p.table.r[0], 4.25);
  EXPECT_TRUE(p.table.has_normals);
  EXPECT_EQ(p.table.nz[0], 2.0);
  const auto seven = parse_ok("0 0 0 1 0 0 1\n0 0 1 1 0 1 0\n");
  EXPECT_TRUE(seven.table.has_normals);
  EXPECT_EQ(seven.table.ny[1], 1.0);
}

TEST(Parse, UnknownColumnsAreIgnoredWithAWarning) {
  const auto p = parse_ok("serial,x,y,z,r\n1,0,0,0,1\n");
  EXPECT_EQ(p.table.x[0], 0.0);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].code, WarningCode::UnknownColumn);
  EXPECT_NE(p.warnings[0].message.find("'serial'"), std::string::npos);
}

TEST(Parse, AnObjectColumnNamesTheSphereOfEachRow) {
  // id, name, sphere, feature and object all name it; rows keep their objects in order of appearance.
  for (const char* name : {"object", "Sphere", "id", "name", "feature"}) {
    const Outcome<ParsedTable> p =
        parse_table(std::string(name) + ",x,y,z,r\nleft,0,0,0,1\nright,5,0,0,1\nleft,0,0,0.5,0.8\n");
    ASSERT_TRUE(p.ok()) << name;
    EXPECT_EQ(p.value().object, (std::vector<std::int32_t>{0, 1, 0})) << name;
    EXPECT_EQ(p.value().object_names, (std::vector<std::string>{"left", "right"})) << name;
    EXPECT_TRUE(p.value().warnings.empty()) << name;
  }
  const Outcome<ParsedTable> points = parse_table("x;y;z;ball\n0;0;1;A\n0;1;0;B\n1;0;0;A\n");
  ASSERT_TRUE(points.ok());
  EXPECT_EQ(points.value().mode, InputMode::Points);
  EXPECT_EQ(points.value().object_names, (std::vector<std::string>{"A", "B"}));
  // A column naming every row differently numbers the rows: no objects, and a word saying so.
  const Outcome<ParsedTable> numbered = parse_table("id,x,y,z\np1,0,0,1\np2,0,1,0\np3,1,0,0\n");
  ASSERT_TRUE(numbered.ok());
  EXPECT_TRUE(numbered.value().object_names.empty());
  ASSERT_EQ(numbered.value().warnings.size(), 1u);
  EXPECT_EQ(numbered.value().warnings[0].code, WarningCode::UnknownColumn);
  EXPECT_NE(numbered.value().warnings[0].message.find("Line 1, column 1: the column 'id'"), std::string::npos);
}

TEST(Parse, ErrorsNameLineAndColumn) {
  expect_error("", ErrorCode::EmptyInput, 0, 0);
  expect_error("# only a comment\n\n", ErrorCode::EmptyInput, 0, 0);
  expect_error("x,y,z,r\n1,2,3,4\n1,2,abc,4\n", ErrorCode::InvalidNumber, 3, 5);
  expect_error("1 2 3 4\n1 2 3\n", ErrorCode::WrongFieldCount, 2, 6);
  expect_error("1 2 3 4\n1 2 3 4 5\n", ErrorCode::WrongFieldCount, 2, 9);
  expect_error("1,2,,4\n", ErrorCode::InvalidNumber, 1, 5);
  expect_error("x y z r radius\n", ErrorCode::DuplicateColumn, 1, 9);
  expect_error("x y z r d\n", ErrorCode::DuplicateColumn, 1, 9);
  expect_error("x y z r nx\n", ErrorCode::MissingColumn, 1, 1);
  expect_error("1 2\n", ErrorCode::WrongFieldCount, 1, 1);  // (5 columns are x y z and attributes: read_files_test)
  expect_error("x y z r\n1 2 3 -4\n", ErrorCode::NegativeRadius, 2, 7);  // (without a header: points)
  expect_error("x y z d\n1 2 3 -4\n", ErrorCode::NegativeRadius, 2, 7);
  expect_error("1 2 3 nan\n", ErrorCode::NonFiniteValue, 1, 7);
  expect_error("1 2 3 1e999\n", ErrorCode::NonFiniteValue, 1, 7);
  expect_error("1 2 3 4 0 0 0\n", ErrorCode::ZeroNormal, 1, 9);
  expect_error("x y z r w\n1 2 3 4 -1\n", ErrorCode::InvalidWeights, 2, 9);
  // Columns count characters, not bytes: "é" is one column.
  expect_error("x,y,z,r # café\n1,é,3,4\n", ErrorCode::InvalidNumber, 2, 3);
}

ParsedTable parse_points(const std::string& text, const ParseOptions& o = {}) {
  const auto p = parse_table(text, o);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
  if (!p.ok()) return {};
  EXPECT_EQ(p.value().mode, InputMode::Points) << text;
  return p.value();
}

TEST(Parse, ExcelTablesWithTrailingTabsAndDecimalCommas) {
  // German Excel: tab-separated, decimal commas, a trailing tab on every row; the header has one
  // more trailing tab than the data.
  const auto p = parse_ok("x\ty\tz\tr\t\t\n1,5\t2\t3\t4,25\t\n5\t6\t7\t8\n");
  ASSERT_EQ(p.table.size(), 2u);
  EXPECT_EQ(p.table.x[0], 1.5);
  EXPECT_EQ(p.table.r[0], 4.25);
  const auto commas = parse_ok("x,y,z,r,\n1,2,3,4,\n");
  EXPECT_EQ(commas.table.r[0], 4);
}

TEST(Parse, SpaceSeparatedHeaderWithUnits) {
  const auto p = parse_ok("x (mm)   y (mm)   z (mm)   r (mm)\n1 2 3 4\n5 6 7 8\n");
  ASSERT_EQ(p.table.size(), 2u);
  EXPECT_EQ(p.table.z[1], 7);
  EXPECT_TRUE(p.warnings.empty());
  const auto brackets = parse_ok("x [mm] y [mm] z [mm] d [mm]\n1 2 3 4\n");
  EXPECT_EQ(brackets.table.r[0], 2);
}

TEST(Parse, UnicodeMinusAndNonBreakingSpaces) {
  const auto p = parse_ok(
      "x\xC2\xA0y\xC2\xA0z\xC2\xA0r\n\xE2\x88\x92"
      "1.5\xC2\xA0"
      "2\xC2\xA0"
      "3e\xE2\x88\x92"
      "1\xC2\xA0"
      "4\n");
  ASSERT_EQ(p.table.size(), 1u);
  EXPECT_EQ(p.table.x[0], -1.5);
  EXPECT_EQ(p.table.z[0], 0.3);
}

TEST(Parse, SpreadsheetsAndBinaryFilesAreNamed) {
  expect_error(std::string("PK\x03\x04\x14\0\x06\0", 8) + "xl/workbook.xml", ErrorCode::BinaryInput, 0, 0);
  const auto p = parse_table(std::string("PK\x03\x04\x14\0\x06\0", 8) + "[Content_Types].xml xl/workbook.xml");
  EXPECT_NE(p.error().message.find("an Excel workbook (.xlsx)"), std::string::npos) << p.error().message;
  EXPECT_NE(p.error().message.find("Export"), std::string::npos);
  EXPECT_NE(p.error().message.find("CSV"), std::string::npos);
  const auto zip = parse_table(std::string("PK\x03\x04\x14\0\x06\0", 8) + "points/part.txt");
  EXPECT_NE(zip.error().message.find("a ZIP archive"), std::string::npos) << zip.error().message;
  EXPECT_NE(zip.error().message.find("Extract"), std::string::npos);
  expect_error(std::string("1 2 3 4\n\0\0\x01\x02", 12), ErrorCode::BinaryInput, 0, 0);
}

TEST(Parse, MixedSeparatorsAreNamed) {
  const auto p = parse_table("x,y,z,r\n1,2,3,4\n5;6;7;8\n");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, ErrorCode::MixedSeparators);
  EXPECT_EQ(p.error().line, 3);
  EXPECT_NE(p.error().message.find("';'"), std::string::npos) << p.error().message;
  EXPECT_NE(p.error().message.find("','"), std::string::npos) << p.error().message;
}

// A line short of a field in a table of semicolons and decimal commas: its commas are decimal
// marks, not another separator.
TEST(Parse, AShortRowWithDecimalCommasIsShortNotMixed) {
  const auto p = parse_table("x;y;z;r\n1,0;2,0;3,0;4,0\n1,0;2,0;4,0\n1,0;2,0;5,0;3,5\n");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, ErrorCode::WrongFieldCount) << p.error().message;
  EXPECT_EQ(p.error().line, 3);
  EXPECT_NE(p.error().message.find("expected 4 fields, found 3"), std::string::npos) << p.error().message;
}

// The header's units: read from brackets (also a space-separated "x (mm)"), compared with the
// units label by fit_text, which never converts but says when they differ.
TEST(Parse, HeaderUnitsAreReadAndComparedWithTheLabel) {
  EXPECT_EQ(parse_table("x (mm)   y (mm)   z (mm)   r (mm)\n1 2 3 4\n").value().header_units, "mm");
  EXPECT_EQ(parse_table("X (in),Y (in),Z (in)\n1,2,3\n").value().header_units, "in");
  EXPECT_EQ(parse_table("x;y;z;Durchmesser [mm]\n1;2;3;4\n", {InputMode::Points, {}}).value().header_units, "");
  EXPECT_EQ(parse_table("x,y,z,r\n1,2,3,4\n").value().header_units, "");
  const auto mixed = parse_table("x [mm],y [mm],z [in],r [mm]\n1,2,3,4\n");
  ASSERT_TRUE(mixed.ok());
  ASSERT_EQ(mixed.value().warnings.size(), 1u);
  EXPECT_EQ(mixed.value().warnings[0].code, WarningCode::UnitsDiffer);
  EXPECT_NE(mixed.value().warnings[0].message.find(
                "Line 1, column 15: the column 'z [in]' is in in, the columns before it in mm"),
            std::string::npos)
      << mixed.value().warnings[0].message;

  const std::string inches = "X (in),Y (in),Z (in)\n0.5,0,0\n-0.5,0,0\n0,0.5,0\n0,-0.5,0\n0,0,0.5\n0,0,-0.5\n";
  const auto says = [&](const std::string& label) {
    FitOptions o;
    o.units = label;
    const auto fit = fit_text(inches, o);
    EXPECT_TRUE(fit.ok());
    for (const Warning& w : fit.value().fit.warnings)
      if (w.code == WarningCode::UnitsDiffer) return w.message;
    return std::string();
  };
  EXPECT_EQ(says("mm"),
            "The header gives lengths in in, but the units label is mm. The label never converts: set it to in if that "
            "is what the numbers are.");
  EXPECT_EQ(says("in"), "");
  EXPECT_EQ(says("IN"), "");
  EXPECT_EQ(says(""), "");
}

TEST(Parse, AFailureKeepsTheWarningsThatExplainIt) {
  const auto p = parse_table("x;y;z;Durchmesser [mm]\n1;2;3;4\n", {InputMode::Circles, {}});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, ErrorCode::MissingColumn);
  ASSERT_EQ(p.error().notes.size(), 1u);
  EXPECT_NE(p.error().notes[0].find("'Durchmesser [mm]'"), std::string::npos) << p.error().notes[0];
}

TEST(Parse, HowColumnsWereTypedIsKept) {
  const auto p = parse_ok("x,y,z,d\n123456.7884,2,3.50,9\n1,2e-3,3,10.25\n");
  EXPECT_EQ(p.table.format[0].decimals, 4);
  EXPECT_FALSE(p.table.format[0].exponent);
  EXPECT_TRUE(p.table.format[1].exponent);
  EXPECT_EQ(p.table.format[2].decimals, 2);
  EXPECT_EQ(p.table.format[3].decimals, 3);  // r = d/2: 9/2 = 4.5, 10.25/2 = 5.125
}

TEST(Parse, PointTables) {
  const auto plain = parse_points("x y z\n1 2 3\n4 5 6\n");
  EXPECT_EQ(plain.points.size(), 2u);
  EXPECT_FALSE(plain.points.has_slices());
  EXPECT_EQ(plain.points.source_line[1], 3);
  const auto bare = parse_points("1,2,3\n4,5,6\n7,8,9\n");
  EXPECT_EQ(bare.points.z[2], 9);
  // NIST's .ds: the first line counts the points.
  const auto ds = parse_points("3\n1 2 3\n4 5 6\n7 8 9\n");
  EXPECT_EQ(ds.points.size(), 3u);
  EXPECT_TRUE(ds.warnings.empty());
  const auto short_ds = parse_points("4\n1 2 3\n4 5 6\n7 8 9\n");
  ASSERT_EQ(short_ds.warnings.size(), 1u);
  EXPECT_EQ(short_ds.warnings[0].code, WarningCode::PointCountMismatch);
  // A scanner's point list: x y z intensity r g b.
  ParseOptions pts;
  pts.file_name = "scan.pts";
  const auto scan = parse_points("2\n1 2 3 -150 10 20 30\n4 5 6 -140 10 20 30\n", pts);
  EXPECT_EQ(scan.points.x[1], 4);
  EXPECT_FALSE(scan.points.has_slices());
  // Asked for points, a circle table's radius column is ignored with a warning.
  ParseOptions points;
  points.mode = InputMode::Points;
  const auto forced = parse_points("x,y,z,r\n1,2,3,4\n", points);
  ASSERT_EQ(forced.warnings.size(), 1u);
  EXPECT_EQ(forced.warnings[0].code, WarningCode::RadiusColumnIgnored);
  // Asked for circles, three columns are not enough.
  ParseOptions circles;
  circles.mode = InputMode::Circles;
  EXPECT_EQ(parse_table("1 2 3\n", circles).error().code, ErrorCode::WrongFieldCount);
}

TEST(Parse, ContourTables) {
  const auto p = parse_points("Contour;X;Y;Z\nA;1;0;0\nA;0;1;0\nB 2;0;0;1\nA;-1;0;0\n");
  ASSERT_TRUE(p.points.has_slices());
  EXPECT_EQ(p.points.slice_names, (std::vector<std::string>{"A", "B 2"}));
  EXPECT_EQ(p.points.slice, (std::vector<std::int32_t>{0, 0, 1, 0}));
  const auto normals = parse_points("slice,x,y,z,nx,ny,nz\n1,1,0,0,0,0,2\n1,0,1,0,0,0,1\n2,0,0,1,0,1,0\n");
  ASSERT_EQ(normals.points.slice_normals.size(), 2u);
  EXPECT_EQ(normals.points.slice_normals[1], Eigen::Vector3d(0, 1, 0));
  expect_error("slice,x,y,z,nx,ny,nz\n1,1,0,0,0,0,1\n1,0,1,0,0,1,0\n", ErrorCode::InconsistentContour, 3, 9);
  expect_error("slice x y z\n 1 2 3\n", ErrorCode::WrongFieldCount, 2, 7);
}

}  // namespace
}  // namespace spherefit
