// Point and mesh files: PLY in its three encodings, STL binary and ASCII, OBJ. Files are written
// by tests/cpp/support/mesh_files.cpp from the format descriptions (or are the hand-made files in
// tests/data/meshes/), and the coordinates must come back exactly as written; STL's repeated
// vertices merge to the mesh's own vertex list, in first-seen order. Seeds are printed. Damaged
// files are in point_file_errors_test.cpp.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "support/mesh_files.hpp"
#include "support/point_file_checks.hpp"
#include "read/meshes/point_file.hpp"

namespace spherefit {
namespace {

using namespace spherefit::testing;

// The vertices of the triangles in the order they first appear: what merging STL must give.
std::vector<std::array<double, 3>> first_seen(const Mesh& m) {
  std::vector<std::array<double, 3>> out;
  std::set<std::uint32_t> seen;
  for (const auto& t : m.triangles)
    for (std::uint32_t k : t)
      if (seen.insert(k).second) out.push_back(m.vertices[k]);
  return out;
}

// --- PLY -----------------------------------------------------------------------------------

TEST(PointFilePly, EveryEncodingTypeAndLayoutGivesTheVerticesExactly) {
  const Mesh mesh = random_sphere_mesh(9101);
  const std::pair<PlyEncoding, PointFileFormat> encodings[] = {
      {PlyEncoding::Ascii, PointFileFormat::PlyAscii},
      {PlyEncoding::LittleEndian, PointFileFormat::PlyBinaryLittleEndian},
      {PlyEncoding::BigEndian, PointFileFormat::PlyBinaryBigEndian}};
  for (const auto& [encoding, format] : encodings) {
    for (int variant = 0; variant < 16; ++variant) {
      PlyOptions o;
      o.encoding = encoding;
      o.doubles = variant & 1;
      o.extras = variant & 2;
      o.face_first = variant & 4;
      o.sized_names = variant & 8;
      o.crlf = variant & 4;
      const std::string bytes = testing::write_ply(mesh, o);
      const PointFile f = read_ok(bytes, "sphere.ply");
      SCOPED_TRACE("encoding " + std::string(point_file_format_name(format)) + ", variant " + std::to_string(variant));
      EXPECT_EQ(f.format, format);
      expect_points(f, mesh.vertices);
      EXPECT_EQ(f.vertices_read, mesh.vertices.size());
      EXPECT_EQ(f.duplicates_merged, 0u);
      EXPECT_EQ(f.faces, mesh.triangles.size());
      EXPECT_TRUE(f.warnings.empty()) << f.warnings[0].message;
      if (encoding == PlyEncoding::Ascii) {
        // One vertex per line after the header: the first vertex's line is the header's length + 1.
        const int header_lines =
            static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<long>(header_size(bytes)), '\n'));
        const int first = header_lines + 1 + (o.face_first ? 2 + static_cast<int>(mesh.triangles.size()) : 0);
        ASSERT_EQ(f.points.source_line.size(), mesh.vertices.size());
        EXPECT_EQ(f.points.source_line[0], first);
        EXPECT_EQ(f.points.source_line[5], first + 5);
      } else {
        EXPECT_TRUE(f.points.source_line.empty());
        EXPECT_EQ(f.points.format[0].decimals, -1);
      }
    }
  }
}

TEST(PointFilePly, ScalarTypesOfEveryNameAndMixedTypes) {
  // x, y, z of different types in one vertex; each value exact in its type.
  struct Case {
    const char* type;
    double value;
  };
  const Case cases[] = {{"char", -100},        {"int8", 127},          {"uchar", 255},
                        {"uint8", 200},        {"short", -32768},      {"int16", 1234},
                        {"ushort", 65535},     {"uint16", 7},          {"int", -2147483647.0 - 1},
                        {"int32", 2000000000}, {"uint", 4294967295.0}, {"uint32", 3000000000.0},
                        {"float", 0.125},      {"float32", -3.5e30},   {"double", 0.1},
                        {"float64", -1e-300}};
  for (const Case& cx : cases) {
    for (const Case& cy : {cases[3], cases[14], cases[10]}) {
      const std::string header = std::string("ply\nformat ascii 1.0\nelement vertex 1\nproperty ") + cx.type +
                                 " x\nproperty " + cy.type + " y\nproperty double z\nend_header\n";
      const PointFile f = read_ok(header + testing::exact(cx.value) + " " + testing::exact(cy.value) + " 1\n", "t.ply");
      expect_points(f, {{cx.value, cy.value, 1.0}});
    }
  }
  // The same values in binary, both byte orders, from bytes written by hand.
  const std::string le =
      std::string(
          "ply\nformat binary_little_endian 1.0\nelement vertex 1\nproperty short x\nproperty uint y\n"
          "property char z\nend_header\n") +
      std::string("\x00\x80\xff\xff\xff\xff\x9c", 7);
  expect_points(read_ok(le, "t.ply"), {{-32768.0, 4294967295.0, -100.0}});
  const std::string be =
      std::string(
          "ply\nformat binary_big_endian 1.0\nelement vertex 1\nproperty int16 x\nproperty float64 y\n"
          "property float32 z\nend_header\n") +
      std::string("\xff\xfe\x3f\xf8\x00\x00\x00\x00\x00\x00\xc1\x20\x00\x00", 14);
  expect_points(read_ok(be, "t.ply"), {{-2.0, 1.5, -10.0}});
  // x, y, z of one integer type (each has its own loop), two vertices, both byte orders.
  const std::pair<const char*, std::vector<unsigned char>> same[] = {
      {"int8", {0x80, 0x7f, 0x01, 0xff, 0x00, 0x02}},
      {"uint8", {0xff, 0x00, 0x01, 0x80, 0x7f, 0x02}},
      {"int16", {0x80, 0x00, 0x7f, 0xff, 0x00, 0x01, 0xff, 0xff, 0x00, 0x00, 0x01, 0x00}},
      {"uint16", {0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x80, 0x00, 0x12, 0x34, 0x00, 0x02}},
      {"int32", {0x80, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 0, 0, 1, 0, 0}},
      {"uint32", {0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x80, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, 0, 0, 0, 2}}};
  for (const auto& [type, bigendian] : same) {
    const std::size_t size = bigendian.size() / 6;
    // The expected values, decoded here from the big-endian bytes by arithmetic.
    std::vector<std::array<double, 3>> expected(2);
    const bool is_signed = type[0] == 'i';
    for (std::size_t v = 0; v < 6; ++v) {
      double value = 0;
      for (std::size_t k = 0; k < size; ++k) value = 256 * value + bigendian[v * size + k];
      if (is_signed && bigendian[v * size] >= 0x80) value -= std::pow(2.0, 8.0 * static_cast<double>(size));
      expected[v / 3][v % 3] = value;
    }
    std::string big(bigendian.begin(), bigendian.end()), little;
    for (std::size_t v = 0; v < 6; ++v)
      for (std::size_t k = 0; k < size; ++k) little += static_cast<char>(bigendian[v * size + size - 1 - k]);
    for (const char* format : {"binary_big_endian", "binary_little_endian"}) {
      const std::string header = xyz_header(format, 2, type);
      expect_points(read_ok(header + (format[7] == 'b' ? big : little), "t.ply"), expected);
    }
  }
}

TEST(PointFilePly, TextNumbersKeepHowTheyWereTyped) {
  const PointFile f = read_ok(
      "ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nproperty float y\nproperty float z\nend_header\n"
      "1.25 -2 3e2\n0.1 +4.000 -5\n",
      "");
  expect_points(f, {{1.25, -2, 300}, {0.1, 4, -5}});
  EXPECT_EQ(f.points.format[0].decimals, 2);
  EXPECT_EQ(f.points.format[1].decimals, 3);
  EXPECT_TRUE(f.points.format[2].exponent);
  EXPECT_FALSE(f.points.format[0].exponent);
  EXPECT_EQ(f.points.source_line, (std::vector<int>{8, 9}));
}

TEST(PointFilePly, AsciiRecordsMayWrapAcrossLines) {
  const PointFile f = read_ok(
      "ply\r\nformat ascii 1.0\r\nelement vertex 2\r\nproperty float x\r\nproperty float y\r\nproperty float z\r\n"
      "end_header\r\n1\r\n2 3 4\r\n\r\n5 6\r\n",
      "");
  expect_points(f, {{1, 2, 3}, {4, 5, 6}});
  EXPECT_EQ(f.points.source_line, (std::vector<int>{8, 9}));
}

TEST(PointFilePly, ZeroVerticesAreZeroPoints) {
  const PointFile f = read_ok(
      "ply\nformat binary_little_endian 1.0\nelement vertex 0\nproperty float x\nproperty float y\nproperty float z\n"
      "element face 0\nproperty list uchar int vertex_indices\nend_header\n",
      "empty.ply");
  EXPECT_EQ(f.points.size(), 0u);
  EXPECT_EQ(f.faces, 0u);
}

// --- STL -----------------------------------------------------------------------------------

TEST(PointFileStl, BinaryMergesRepeatedVerticesInFirstSeenOrder) {
  for (std::uint64_t seed : {7001, 7002}) {
    const Mesh mesh = random_sphere_mesh(seed, 6 + static_cast<int>(seed % 5), 9);
    for (const std::string header :
         {"binary STL from spherefit's tests", "solid sphere (a binary file whose header starts with solid)"}) {
      const PointFile f = read_ok(testing::write_stl_binary(mesh, header), "sphere.stl");
      EXPECT_EQ(f.format, PointFileFormat::StlBinary);
      expect_points(f, first_seen(mesh));
      EXPECT_EQ(f.points.size(), mesh.vertices.size());  // every vertex of the sphere is in a triangle
      EXPECT_EQ(f.faces, mesh.triangles.size());
      EXPECT_EQ(f.vertices_read, 3 * mesh.triangles.size());
      EXPECT_EQ(f.duplicates_merged, 3 * mesh.triangles.size() - mesh.vertices.size());
      EXPECT_TRUE(f.warnings.empty());
      EXPECT_TRUE(f.points.source_line.empty());
    }
  }
}

TEST(PointFileStl, AsciiPlainAndMessyGiveTheSameMergedVertices) {
  const Mesh mesh = random_sphere_mesh(7003);
  for (bool messy : {false, true}) {
    const std::string text = testing::write_stl_ascii(mesh, messy);
    const PointFile f = read_ok(text, messy ? "SPHERE.STL" : "");
    EXPECT_EQ(f.format, PointFileFormat::StlAscii);
    expect_points(f, first_seen(mesh));
    EXPECT_EQ(f.faces, mesh.triangles.size());
    EXPECT_EQ(f.vertices_read, 3 * mesh.triangles.size());
    EXPECT_EQ(f.duplicates_merged, f.vertices_read - mesh.vertices.size());
    EXPECT_TRUE(f.warnings.empty()) << f.warnings[0].message;
    // The line of each point is that of its first "vertex" keyword (after solid, facet, outer loop
    // and, in the messy file, a blank line).
    ASSERT_EQ(f.points.source_line.size(), f.points.size());
    EXPECT_EQ(f.points.source_line[0], messy ? 5 : 4);
    EXPECT_EQ(f.points.source_line[1], messy ? 6 : 5);
  }
}

TEST(PointFileStl, MergingIsExactEqualityWithSignedZerosEqual) {
  // Triangles sharing (0, 0, 0) written as +0 and -0, and a vertex one float step away.
  const float step = std::nextafter(1.0f, 2.0f);
  const std::string text =
      "solid t\nfacet normal 0 0 0\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\n"
      "facet normal nan nan nan\nouter loop\nvertex -0 -0.0 0\nvertex " +
      testing::exact(step) + " 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid t\n";
  const PointFile f = read_ok(text, "t.stl");
  expect_points(f, {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {step, 0, 0}});
  EXPECT_EQ(f.duplicates_merged, 2u);
  EXPECT_EQ(f.points.source_line, (std::vector<int>{4, 5, 6, 12}));
}

TEST(PointFileStl, MergingFourHundredThousandTrianglesKeepsEveryVertexOnce) {
  // A grid of 448 × 448 vertices, each shared by up to six triangles.
  auto grid = [](int n) {
    Mesh m;
    for (int i = 0; i <= n; ++i)
      for (int j = 0; j <= n; ++j) m.vertices.push_back({i * 0.5, j * 0.25, static_cast<double>((i * 7 + j * 3) % 11)});
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        const auto v = static_cast<std::uint32_t>(i * (n + 1) + j);
        m.triangles.push_back({v, v + static_cast<std::uint32_t>(n) + 1, v + 1});
        m.triangles.push_back({v + 1, v + static_cast<std::uint32_t>(n) + 1, v + static_cast<std::uint32_t>(n) + 2});
      }
    return m;
  };
  const Mesh big = grid(447);
  const PointFile f = read_ok(testing::write_stl_binary(big, "grid"), "grid.stl");
  expect_points(f, first_seen(big));
  EXPECT_EQ(f.points.size(), big.vertices.size());
}

// --- OBJ -----------------------------------------------------------------------------------

TEST(PointFileObj, VerticesKeptAsGivenOtherStatementsSkipped) {
  const Mesh mesh = random_sphere_mesh(8080);
  for (bool decorated : {false, true}) {
    const std::string text = testing::write_obj(mesh, decorated);
    const PointFile f = read_ok(text, "sphere.obj");
    EXPECT_EQ(f.format, PointFileFormat::Obj);
    expect_points(f, mesh.vertices);
    EXPECT_EQ(f.faces, mesh.triangles.size());
    EXPECT_EQ(f.vertices_read, mesh.vertices.size());
    EXPECT_EQ(f.duplicates_merged, 0u);
    ASSERT_EQ(f.points.source_line.size(), mesh.vertices.size());
    EXPECT_EQ(f.points.source_line[0], 4);
    EXPECT_EQ(f.points.source_line[2], decorated ? 10 : 6);  // after vt, vn, a comment and a blank line
  }
  // Equal vertices stay: in OBJ they are two listed points.
  const PointFile twice = read_ok("v 1 2 3\nv 1 2 3 # again\nv\t4 5 6\r\n", "");
  expect_points(twice, {{1, 2, 3}, {1, 2, 3}, {4, 5, 6}});
}

// --- Real-world-shaped files ------------------------------------------------------------------

// The octahedron of tests/data/meshes/make_meshes.py, by construction.
const std::vector<std::array<double, 3>> kOctahedron = {{14, -5, 2.5}, {6, -5, 2.5},  {10, -1, 2.5},
                                                        {10, -9, 2.5}, {10, -5, 6.5}, {10, -5, -1.5}};

TEST(PointFileData, FilesShapedLikeMeshLabCloudCompareScannersCadAndBlender) {
  struct Case {
    const char* name;
    PointFileFormat format;
    std::size_t faces;
    bool merged;
  };
  for (const Case& c : {Case{"meshlab-octahedron.ply", PointFileFormat::PlyBinaryLittleEndian, 8, false},
                        Case{"cloudcompare-octahedron.ply", PointFileFormat::PlyAscii, 0, false},
                        Case{"scanner-big-endian-octahedron.ply", PointFileFormat::PlyBinaryBigEndian, 8, false},
                        Case{"solid-header-octahedron.stl", PointFileFormat::StlBinary, 8, true},
                        Case{"solidworks-octahedron.stl", PointFileFormat::StlAscii, 8, true},
                        Case{"blender-octahedron.obj", PointFileFormat::Obj, 8, false}}) {
    SCOPED_TRACE(c.name);
    const std::string bytes = read_data_file(c.name);
    ASSERT_FALSE(bytes.empty());
    EXPECT_TRUE(looks_like_point_file(bytes, c.name));
    EXPECT_TRUE(looks_like_point_file(bytes, "no-extension"));
    const PointFile f = read_ok(bytes, c.name);
    EXPECT_EQ(point_file_format_name(f.format), std::string(point_file_format_name(c.format)));
    EXPECT_EQ(f.faces, c.faces);
    EXPECT_TRUE(f.warnings.empty()) << f.warnings[0].message;
    if (c.merged) {  // faces (0 2 4) (2 1 4) (1 3 4) … first meet the vertices in the order 0 2 4 1 3 5
      expect_points(f,
                    {kOctahedron[0], kOctahedron[2], kOctahedron[4], kOctahedron[1], kOctahedron[3], kOctahedron[5]});
      EXPECT_EQ(f.duplicates_merged, 18u);
    } else {
      expect_points(f, kOctahedron);
    }
  }
}

// --- Recognising the format ---------------------------------------------------------------------

TEST(PointFileFormat, BytesDecideAndTheExtensionOnlyHints) {
  const Mesh mesh = random_sphere_mesh(6060, 3, 5);
  const std::string ply = testing::write_ply(mesh, {});
  const std::string stl = testing::write_stl_binary(mesh, "solid x");
  const std::string obj = testing::write_obj(mesh, false);
  // Content alone.
  for (const std::string& bytes : {ply, stl, testing::write_stl_ascii(mesh, true), obj})
    EXPECT_TRUE(looks_like_point_file(bytes, "data.bin"));
  // Text tables are the text parser's, whatever the name says.
  for (const char* table : {"x,y,z\n1,2,3\n", "1 2 3\n4 5 6\n", "# scan\n1.0 2.0 3.0 0.5\n", "solid,angle\n1,2\n",
                            "v,w\n1,2\n", "plywood 1 2\n"}) {
    EXPECT_FALSE(looks_like_point_file(table, "cloud.ply")) << table;
    EXPECT_FALSE(looks_like_point_file(table, "cloud.xyz")) << table;
  }
  // A cut-short binary STL is recognised by its name together with its binary bytes.
  const std::string cut = stl.substr(0, stl.size() - 7);
  EXPECT_FALSE(looks_like_point_file(cut, "part.bin"));
  EXPECT_TRUE(looks_like_point_file(cut, "PART.STL"));
  // A name that disagrees with the bytes: read by the bytes, with a warning.
  const PointFile f = read_ok(ply, "renamed.stl");
  EXPECT_EQ(f.format, PointFileFormat::PlyBinaryLittleEndian);
  ASSERT_EQ(f.warnings.size(), 1u);
  EXPECT_EQ(f.warnings[0].code, WarningCode::ExtensionMismatch);
  EXPECT_NE(f.warnings[0].message.find(".stl"), std::string::npos);
  EXPECT_TRUE(read_ok(stl, "part.STL").warnings.empty());
  EXPECT_TRUE(read_ok(testing::write_stl_ascii(mesh, false), "part.stl").warnings.empty());
}

TEST(PointFileFormat, NamesForJavaScript) {
  EXPECT_STREQ(point_file_format_name(PointFileFormat::PlyBinaryBigEndian), "ply-binary-big-endian");
  EXPECT_STREQ(point_file_format_name(PointFileFormat::StlAscii), "stl-ascii");
  EXPECT_EQ(value_named(kPointFileFormatNames, "obj"), PointFileFormat::Obj);
  EXPECT_STREQ(warning_code_name(WarningCode::IncompleteFile), "IncompleteFile");
}

}  // namespace
}  // namespace spherefit
