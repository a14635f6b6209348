// LAS files written by tests/data/points/make_las.py from the ASPRS specification (Debian 12
// packages no LAS writer): every version 1.2–1.4 and point format it writes gives exactly its
// scaled coordinates X·scale + offset; then damaged headers and records, each refused at its byte.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "read/meshes/las.hpp"
#include "read/meshes/point_file.hpp"
#include "read/sniff.hpp"
#include "support/mini_json.hpp"
#include "support/tools.hpp"
#include "support/volume_data.hpp"

namespace spherefit {
namespace {

using testing::Json;
using testing::read_file_bytes;
using testing::run_command;
using testing::temp_folder;

const std::string& las_folder() {
  static const std::string folder = [] {
    const std::string f = temp_folder("las");
    const bool ok = run_command("/usr/bin/python3 " + std::string(SPHEREFIT_TEST_DATA) + "/points/make_las.py " + f);
    return ok ? f : std::string();
  }();
  return folder;
}

const Json& las_truth() {
  static const Json truth = Json::parse(read_file_bytes(las_folder() + "/truth.json"));
  return truth;
}

template <class T>
void put(std::string& bytes, std::size_t offset, T value) {
  std::memcpy(&bytes[offset], &value, sizeof(T));
}

TEST(Las, EveryVersionAndFormatGivesTheScaledCoordinatesExactly) {
  ASSERT_FALSE(las_folder().empty()) << "make_las.py failed";
  std::printf("LAS files from make_las.py, seed %.0f\n", las_truth()["seed"].number());
  int checked = 0;
  for (const auto& [name, t] : las_truth()["files"].items()) {
    SCOPED_TRACE(name);
    const std::string bytes = read_file_bytes(las_folder() + "/" + name);
    EXPECT_EQ(sniff_file(bytes.substr(0, 4096), name), FileKind::PointFile);
    const auto header = read_las_header(bytes);
    ASSERT_TRUE(header.ok()) << header.error().message;
    EXPECT_EQ(header.value().point_format, static_cast<int>(t["format"].number()));
    EXPECT_EQ(header.value().record_length, static_cast<int>(t["record_length"].number()));
    EXPECT_EQ(header.value().point_offset, static_cast<std::uint32_t>(t["point_offset"].number()));
    const auto r = read_point_file(bytes, name);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value().format, PointFileFormat::Las);
    const Json& points = t["points"];
    ASSERT_EQ(r.value().points.size(), points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::vector<double> p = points[i].numbers();
      ASSERT_EQ(r.value().points.x[i], p[0]) << "point " << i;
      ASSERT_EQ(r.value().points.y[i], p[1]) << "point " << i;
      ASSERT_EQ(r.value().points.z[i], p[2]) << "point " << i;
    }
    EXPECT_TRUE(r.value().warnings.empty());
    ++checked;
  }
  EXPECT_EQ(checked, 5);
}

TEST(Las, DamageIsRefusedAtItsByte) {
  ASSERT_FALSE(las_folder().empty());
  const std::string good = read_file_bytes(las_folder() + "/las12_format1.las");
  auto expect = [](const std::string& bytes, ErrorCode code, long long offset, const std::string& says) {
    const auto r = read_point_file(bytes, "scan.las");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(error_code_name(r.error().code), std::string(error_code_name(code))) << r.error().message;
    EXPECT_EQ(r.error().offset, offset) << r.error().message;
    EXPECT_NE(r.error().message.find(says), std::string::npos) << r.error().message;
  };
  expect(good.substr(0, 100), ErrorCode::TruncatedFile, 100, "LAS header");
  std::string f = good;
  f[25] = 9;
  expect(f, ErrorCode::UnsupportedFile, 24, "1.9");
  f = good;
  put<double>(f, 139, 0.0);
  expect(f, ErrorCode::InvalidFile, 139, "y scale factor is 0");
  f = good;
  put<std::uint16_t>(f, 105, 12);
  expect(f, ErrorCode::InvalidFile, 105, "28 bytes or more");
  f = good;
  f[104] = 11;
  expect(f, ErrorCode::UnsupportedFile, 104, "0 to 10");
  f = good;
  put<std::uint32_t>(f, 96, 100);
  expect(f, ErrorCode::InvalidFile, 96, "inside the 227-byte header");
  // Records cut short: the first missing point, at the byte where the file ends its last record.
  const std::uint32_t offset = 227 + 54 + 16;
  const std::string cut = good.substr(0, good.size() - 40);  // 400 points of 28 bytes: 398 whole
  const auto r = read_point_file(cut, "scan.las");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::TruncatedFile);
  EXPECT_EQ(r.error().point, 398);
  EXPECT_EQ(r.error().offset, offset + 398 * 28);
  // LAZ: named, and left to laz.js.
  f = good;
  f[104] = static_cast<char>(0x81);
  EXPECT_EQ(sniff_file(f, "scan.laz"), FileKind::Laz);
  expect(f, ErrorCode::UnsupportedFile, 104, "LAZ");
}

}  // namespace
}  // namespace spherefit
