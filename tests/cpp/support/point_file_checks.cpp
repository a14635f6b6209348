#include "support/point_file_checks.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

namespace spherefit::testing {

Mesh random_sphere_mesh(std::uint64_t seed, int rings, int segments) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-100, 100);
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  return sphere_mesh({u(rng), u(rng), u(rng)}, 1 + std::abs(u(rng)), rings, segments);
}

PointFile read_ok(const std::string& bytes, const std::string& name) {
  const auto r = read_point_file(bytes, name);
  EXPECT_TRUE(r.ok()) << name << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : PointFile{};
}

// Every point exactly equal to the expected vertex, in order.
void expect_points(const PointFile& f, const std::vector<std::array<double, 3>>& expected) {
  ASSERT_EQ(f.points.size(), expected.size());
  EXPECT_TRUE(f.points.slice.empty());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(f.points.x[i], expected[i][0]) << "vertex " << i;
    ASSERT_EQ(f.points.y[i], expected[i][1]) << "vertex " << i;
    ASSERT_EQ(f.points.z[i], expected[i][2]) << "vertex " << i;
  }
}

std::string read_data_file(const std::string& name) {
  std::ifstream in(std::string(SPHEREFIT_TEST_DATA) + "/meshes/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Error read_error(const std::string& bytes, const std::string& name) {
  const auto r = read_point_file(bytes, name);
  EXPECT_FALSE(r.ok()) << name << ": read " << (r.ok() ? r.value().points.size() : 0) << " points";
  return r.ok() ? Error{} : r.error();
}

void expect_code(const Error& e, ErrorCode code) {
  EXPECT_EQ(std::string(error_code_name(e.code)), error_code_name(code)) << e.message;
}

// A text error at (line, column), said in the message too, containing `says`.
void expect_text_error(const std::string& bytes, const std::string& name, ErrorCode code, int line, int column,
                       const std::string& says) {
  const Error e = read_error(bytes, name);
  expect_code(e, code);
  EXPECT_EQ(e.line, line) << e.message;
  EXPECT_EQ(e.column, column) << e.message;
  EXPECT_EQ(e.offset, -1) << e.message;
  EXPECT_EQ(e.message.rfind("Line " + std::to_string(line) + ", column " + std::to_string(column) + ": ", 0), 0u)
      << e.message;
  EXPECT_NE(e.message.find(says), std::string::npos) << e.message;
}

// A binary error at byte `offset` about `record`, with Error::point.
void expect_binary_error(const std::string& bytes, const std::string& name, ErrorCode code, long long offset,
                         const std::string& record, long point, const std::string& says) {
  const Error e = read_error(bytes, name);
  expect_code(e, code);
  EXPECT_EQ(e.offset, offset) << e.message;
  EXPECT_EQ(e.point, point) << e.message;
  EXPECT_EQ(e.line, 0) << e.message;
  std::string where = "Byte " + std::to_string(offset);
  // The message groups digits by threes.
  for (int at = static_cast<int>(where.size()) - 3; at > 5; at -= 3) where.insert(static_cast<std::size_t>(at), ",");
  EXPECT_EQ(e.message.rfind(where + (record.empty() ? ": " : ", " + record + ": "), 0), 0u) << e.message;
  EXPECT_NE(e.message.find(says), std::string::npos) << e.message;
}

std::string xyz_header(const char* format, std::uint64_t count, const char* type) {
  return std::string("ply\nformat ") + format + " 1.0\nelement vertex " + std::to_string(count) + "\nproperty " + type +
         " x\nproperty " + type + " y\nproperty " + type + " z\nend_header\n";
}

std::size_t header_size(const std::string& ply) { return ply.find('\n', ply.find("end_header")) + 1; }

}  // namespace spherefit::testing
