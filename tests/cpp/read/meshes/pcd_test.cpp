// PCD files written by PCL itself (pcl-tools: pcl_ply2pcd, pcl_convert_pcd_ascii_binary,
// pcl_pcd_introduce_nan) from points drawn here on a sphere (seed printed): ascii, binary and
// binary_compressed give the points PCL was given, NaN points are left out and counted. Then
// hand-written headers for the types PCL's tools do not write and every refusal.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "read/meshes/pcd.hpp"
#include "read/meshes/point_file.hpp"
#include "support/tools.hpp"
#include "support/volume_data.hpp"

namespace spherefit {
namespace {

using testing::have_tool;
using testing::read_file_bytes;
using testing::run_command;
using testing::temp_folder;
using testing::write_file;

constexpr unsigned kSeed = 20250611;

struct Cloud {
  std::vector<float> x, y, z;
};

// n points on a sphere (centre 12.5, −7.25, 40; radius 30) with normals and an intensity, as an
// ASCII PLY for pcl_ply2pcd; the coordinates as the float32 values the PLY holds.
Cloud write_sphere_ply(const std::string& path, int n) {
  std::mt19937 rng(kSeed);
  std::normal_distribution<double> normal;
  Cloud c;
  std::string ply = "ply\nformat ascii 1.0\nelement vertex " + std::to_string(n) +
                    "\nproperty float x\nproperty float y\nproperty float z\nproperty float nx\nproperty float ny\n"
                    "property float nz\nproperty float intensity\nend_header\n";
  char line[256];
  for (int i = 0; i < n; ++i) {
    double d[3] = {normal(rng), normal(rng), normal(rng)};
    const double len = std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    for (double& v : d) v /= len;
    const float x = static_cast<float>(12.5 + 30 * d[0]), y = static_cast<float>(-7.25 + 30 * d[1]),
                z = static_cast<float>(40 + 30 * d[2]);
    c.x.push_back(x), c.y.push_back(y), c.z.push_back(z);
    std::snprintf(line, sizeof line, "%.9g %.9g %.9g %.6f %.6f %.6f %d\n", x, y, z, d[0], d[1], d[2], i % 251);
    ply += line;
  }
  write_file(path, ply);
  return c;
}

struct Converted {
  std::string folder;
  Cloud truth;
};

const Converted& pcl_files() {
  static const Converted files = [] {
    Converted c;
    if (!have_tool("pcl_ply2pcd")) return c;
    std::printf("PCD files from pcl-tools, points of seed %u\n", kSeed);
    c.folder = temp_folder("pcd");
    c.truth = write_sphere_ply(c.folder + "/sphere.ply", 500);
    const std::string f = c.folder + "/";
    const bool ok = run_command("pcl_ply2pcd -format 0 " + f + "sphere.ply " + f + "ascii.pcd") &&
                    run_command("pcl_ply2pcd -format 1 " + f + "sphere.ply " + f + "binary.pcd") &&
                    run_command("pcl_convert_pcd_ascii_binary " + f + "binary.pcd " + f + "compressed.pcd 2") &&
                    run_command("pcl_pcd_introduce_nan " + f + "ascii.pcd " + f + "nan_ascii.pcd 20") &&
                    run_command("pcl_convert_pcd_ascii_binary " + f + "nan_ascii.pcd " + f + "nan_compressed.pcd 2");
    if (!ok) c.folder.clear();
    return c;
  }();
  return files;
}

#define NEED_PCL() \
  if (pcl_files().folder.empty()) GTEST_SKIP() << "pcl-tools is not installed (apt-get install pcl-tools)"

Outcome<PointFile> read(const std::string& name) {
  const std::string bytes = read_file_bytes(pcl_files().folder + "/" + name);
  return read_point_file(bytes, name);
}

TEST(Pcd, PclsThreeEncodingsGiveThePointsPclWasGiven) {
  NEED_PCL();
  const Cloud& truth = pcl_files().truth;
  for (const auto& [name, format] :
       {std::pair{"ascii.pcd", PointFileFormat::PcdAscii}, std::pair{"binary.pcd", PointFileFormat::PcdBinary},
        std::pair{"compressed.pcd", PointFileFormat::PcdBinaryCompressed}}) {
    SCOPED_TRACE(name);
    const auto r = read(name);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value().format, format);
    ASSERT_EQ(r.value().points.size(), truth.x.size());
    EXPECT_TRUE(r.value().warnings.empty());
    // Binary data hold PCL's float32 exactly; ascii PCL writes with 8 significant digits.
    const double tolerance = format == PointFileFormat::PcdAscii ? 1e-6 : 0.0;
    double worst = 0;
    for (std::size_t i = 0; i < truth.x.size(); ++i) {
      worst = std::max({worst, std::abs(r.value().points.x[i] - truth.x[i]) / 70,
                        std::abs(r.value().points.y[i] - truth.y[i]) / 70,
                        std::abs(r.value().points.z[i] - truth.z[i]) / 70});
    }
    EXPECT_LE(worst, tolerance);
  }
}

TEST(Pcd, NanPointsAreLeftOutAndCounted) {
  NEED_PCL();
  const Cloud& truth = pcl_files().truth;
  for (const char* name : {"nan_ascii.pcd", "nan_compressed.pcd"}) {
    SCOPED_TRACE(name);
    const auto r = read(name);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const std::size_t kept = r.value().points.size();
    EXPECT_LT(kept, truth.x.size());
    EXPECT_GT(kept, truth.x.size() / 2);
    ASSERT_EQ(r.value().warnings.size(), 1u);
    EXPECT_EQ(r.value().warnings[0].code, WarningCode::PointsSkipped);
    EXPECT_NE(r.value().warnings[0].message.find(std::to_string(truth.x.size() - kept) + " of the 500 points"),
              std::string::npos)
        << r.value().warnings[0].message;
    // Every kept point is one of PCL's, in order.
    std::size_t j = 0;
    for (std::size_t i = 0; i < kept; ++i) {
      while (j < truth.x.size() && std::abs(truth.x[j] - r.value().points.x[i]) > 1e-4) ++j;
      ASSERT_LT(j, truth.x.size()) << "point " << i << " is not one of PCL's";
      EXPECT_NEAR(r.value().points.z[i], truth.z[j], 1e-4);
    }
  }
}

TEST(Pcd, CutFilesAndDamagedCompressionAreRefusedWithTheirPlace) {
  NEED_PCL();
  // PCL pads its binary files to whole pages: cut inside the records themselves.
  const std::string binary = read_file_bytes(pcl_files().folder + "/binary.pcd");
  const std::size_t records = binary.find("DATA binary\n") + 12;
  const auto cut = read_point_file(binary.substr(0, records + 500 * 28 - 50), "cut.pcd");
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().code, ErrorCode::TruncatedFile);
  EXPECT_EQ(cut.error().point, 498);  // 28-byte records (7 fields of 4 bytes): the last two are cut
  std::string compressed = read_file_bytes(pcl_files().folder + "/compressed.pcd");
  const std::size_t data = compressed.find("DATA binary_compressed\n") + 23;
  compressed[data + 8 + 40] ^= 0x5A;  // inside the LZF stream
  const auto damaged = read_point_file(compressed, "damaged.pcd");
  if (!damaged.ok()) {
    EXPECT_EQ(damaged.error().code, ErrorCode::InvalidFile) << damaged.error().message;
    EXPECT_EQ(damaged.error().offset, static_cast<long long>(data + 8));
  }                          // (a flipped literal byte decompresses: then it is only a changed value)
  std::uint32_t packed = 0;  // the block's compressed size (PCL pads the file after it)
  std::memcpy(&packed, &compressed[data], 4);
  const auto short_block = read_point_file(compressed.substr(0, data + 8 + packed - 10), "short.pcd");
  ASSERT_FALSE(short_block.ok());
  EXPECT_EQ(short_block.error().code, ErrorCode::TruncatedFile);
}

// ------------------------------------------------------------------------------------------------
// Hand-written

std::string header(const std::string& fields, const std::string& size, const std::string& type, int points,
                   const std::string& data) {
  std::size_t n = 1;
  for (char c : fields) n += c == ' ';
  std::string count;
  for (std::size_t k = 0; k < n; ++k) count += k ? " 1" : "1";
  return "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS " + fields + "\nSIZE " + size + "\nTYPE " +
         type + "\nCOUNT " + count + "\nWIDTH " + std::to_string(points) +
         "\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS " + std::to_string(points) + "\nDATA " + data + "\n";
}

template <class T>
void append(std::string& s, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  s.append(b, sizeof(T));
}

TEST(Pcd, DoublesAndIntegersAndOtherFieldsBeforeXyz) {
  std::string file = header("rgb x y z", "4 8 8 8", "U F F F", 2, "binary");
  for (int i = 0; i < 2; ++i) {
    append<std::uint32_t>(file, 0xFF00FFu);
    append<double>(file, 1.25 + i), append<double>(file, -2.5), append<double>(file, 1e-7 * (i + 1));
  }
  auto r = read_pcd(file);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r.value().points.size(), 2u);
  EXPECT_EQ(r.value().points.x[1], 2.25);
  EXPECT_EQ(r.value().points.z[0], 1e-7);
  file = header("x y z", "2 2 2", "I I I", 1, "binary");
  append<std::int16_t>(file, -3), append<std::int16_t>(file, 4), append<std::int16_t>(file, 32767);
  r = read_pcd(file);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().points.x[0], -3);
  EXPECT_EQ(r.value().points.z[0], 32767);
  // ascii with a counted field (a histogram of 3) between the coordinates.
  file = header("x h y z", "4 4 4 4", "F F F F", 2, "ascii");
  file.replace(file.find("COUNT 1 1 1 1"), 13, "COUNT 1 3 1 1");
  file += "1 9 9 9 2 3\n4 9 9 9 5 6\n";
  r = read_pcd(file);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().points.y[1], 5);
  EXPECT_EQ(r.value().points.source_line[1], 13);
  // A viewpoint other than the identity: the points as stored, with a warning.
  file = header("x y z", "4 4 4", "F F F", 1, "ascii") + "1 2 3\n";
  file.replace(file.find("VIEWPOINT 0 0 0"), 15, "VIEWPOINT 5 0 0");
  r = read_pcd(file);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r.value().warnings.size(), 1u);
  EXPECT_EQ(r.value().warnings[0].code, WarningCode::SensorViewpoint);
}

TEST(Pcd, LzfRoundTripsLiteralsAndBackReferences) {
  // "abcabcabcabc…": a literal run of 3, then a back-reference of distance 3 and length 2 + 7 + 10.
  const std::string in = std::string(
                             "\x02"
                             "abc",
                             4) +
                         std::string("\xE0\x0A\x02", 3);
  unsigned char out[22];
  ASSERT_TRUE(lzf_decompress(in, out, sizeof out));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(out), sizeof out), "abcabcabcabcabcabcabca");
  EXPECT_FALSE(lzf_decompress(in, out, 21));                              // more output than room
  EXPECT_FALSE(lzf_decompress(std::string("\xE0\x0A\x02", 3), out, 22));  // a reference before the start
  EXPECT_FALSE(lzf_decompress(std::string("\x05"
                                          "ab",
                                          3),
                              out, 6));  // a literal run past the input
}

TEST(Pcd, ErrorsNameTheirPlace) {
  auto expect = [](const std::string& file, ErrorCode code, int line, const std::string& says) {
    const auto r = read_pcd(file);
    ASSERT_FALSE(r.ok()) << file;
    EXPECT_EQ(error_code_name(r.error().code), std::string(error_code_name(code))) << r.error().message;
    EXPECT_EQ(r.error().line, line) << r.error().message;
    EXPECT_NE(r.error().message.find(says), std::string::npos) << r.error().message;
  };
  expect(header("x y", "4 4", "F F", 1, "ascii") + "1 2\n", ErrorCode::MissingColumn, 3, "no z");
  expect(header("x y z", "4 4 4", "F F F", 2, "ascii") + "1 2 3\n4 5\n", ErrorCode::WrongFieldCount, 13, "found 2");
  expect(header("x y z", "4 4 4", "F F F", 1, "ascii") + "1 2 abc\n", ErrorCode::InvalidNumber, 12, "'abc'");
  expect(header("x y z", "4 4 4", "F F F", 1, "ascii") + "1 inf 3\n", ErrorCode::NonFiniteValue, 12, "infinite");
  expect(header("x y z", "4 4 4", "F F F", 3, "ascii") + "1 2 3\n", ErrorCode::TruncatedFile, 12, "1 of the 3");
  expect(header("x y z", "4 4", "F F F", 1, "ascii"), ErrorCode::WrongFieldCount, 4, "2 values for the 3 fields");
  expect(header("x y z", "4 4 4", "F F F", 1, "zip"), ErrorCode::UnsupportedFile, 11, "zip");
  expect(header("x y z", "4 4 4", "F Q F", 1, "ascii"), ErrorCode::InvalidFile, 5, "\"Q\"");
  expect("VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 1\n", ErrorCode::TruncatedFile, 5, "no DATA");
  expect("VERSION 0.7\nFIELDS x y z\nBANANA 4\n", ErrorCode::InvalidFile, 3, "not a PCD header keyword");
  // Binary: a compressed block claiming more than LZF can hold is refused before anything is allocated.
  std::string file = header("x y z", "4 4 4", "F F F", 1000000, "binary_compressed");
  append<std::uint32_t>(file, 4), append<std::uint32_t>(file, 12000000), append<std::uint32_t>(file, 0);
  const auto r = read_pcd(file);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidFile);
  EXPECT_NE(r.error().message.find("cannot hold"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace spherefit
