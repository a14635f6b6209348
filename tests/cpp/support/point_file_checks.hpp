// Checks shared by the point-file tests: reading a file that must read (or must fail), and an
// error's code and place — line and column for text, byte offset and record for binary.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "support/mesh_files.hpp"
#include "read/meshes/point_file.hpp"

namespace spherefit::testing {

// A sphere mesh of random centre and radius from a printed seed.
Mesh random_sphere_mesh(std::uint64_t seed, int rings = 7, int segments = 11);
PointFile read_ok(const std::string& bytes, const std::string& name);
// Every point exactly equal to the expected vertex, in order.
void expect_points(const PointFile& f, const std::vector<std::array<double, 3>>& expected);
// A file of tests/data/meshes/.
std::string read_data_file(const std::string& name);
Error read_error(const std::string& bytes, const std::string& name);
void expect_code(const Error& e, ErrorCode code);
// A text error at (line, column), said in the message too, containing `says`.
void expect_text_error(const std::string& bytes, const std::string& name, ErrorCode code, int line, int column,
                       const std::string& says);
// A binary error at byte `offset` about `record`, with Error::point.
void expect_binary_error(const std::string& bytes, const std::string& name, ErrorCode code, long long offset,
                         const std::string& record, long point, const std::string& says);
// A PLY header of one vertex element with x, y, z of `type`.
std::string xyz_header(const char* format, std::uint64_t count, const char* type = "float");
std::size_t header_size(const std::string& ply);

}  // namespace spherefit::testing
