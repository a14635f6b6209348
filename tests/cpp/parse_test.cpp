// What users paste: separators, headers, comments, decimal commas, and errors with line/column.
#include <gtest/gtest.h>

#include "read/parse.hpp"

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
  if (line > 0) EXPECT_NE(p.error().message.find("Line " + std::to_string(line)), std::string::npos) << p.error().message;
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
  const auto p = parse_ok("\xEF\xBB\xBF# CT export\nDiameter (mm), CZ, cy, CX, Weight\n10, 3, 2, 1, 0.5 # first\n\n4,5,6,7,1\n");
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
  const auto p = parse_ok("id,x,y,z,r\n1,0,0,0,1\n");
  EXPECT_EQ(p.table.x[0], 0.0);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].code, WarningCode::UnknownColumn);
  EXPECT_NE(p.warnings[0].message.find("'id'"), std::string::npos);
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
  expect_error("1 2 3 4 5\n", ErrorCode::WrongFieldCount, 1, 1);
  expect_error("1 2 3 -4\n", ErrorCode::NegativeRadius, 1, 7);
  expect_error("x y z d\n1 2 3 -4\n", ErrorCode::NegativeRadius, 2, 7);
  expect_error("1 2 3 nan\n", ErrorCode::NonFiniteValue, 1, 7);
  expect_error("1 2 3 1e999\n", ErrorCode::NonFiniteValue, 1, 7);
  expect_error("1 2 3 4 0 0 0\n", ErrorCode::ZeroNormal, 1, 9);
  expect_error("x y z r w\n1 2 3 4 -1\n", ErrorCode::InvalidWeights, 2, 9);
  // Columns count characters, not bytes: "é" is one column.
  expect_error("x,y,z,r # café\n1,é,3,4\n", ErrorCode::InvalidNumber, 2, 3);
}

}  // namespace
}  // namespace spherefit
