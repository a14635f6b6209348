// Point and mesh files: PLY in its three encodings, STL binary and ASCII, OBJ. Files are written
// by tests/cpp/mesh_files.cpp from the format descriptions (or are the hand-made files in
// tests/data/meshes/), and the coordinates must come back exactly as written; STL's repeated
// vertices merge to the mesh's own vertex list, in first-seen order. Every error names its code and
// where: line and column for text, byte offset and record for binary. Seeds are printed.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <new>
#include <set>
#include <sstream>

#include "mesh_files.hpp"
#include "read/meshes/point_file.hpp"

// The largest single allocation while a test watches, to show that a header's count is checked
// against the file's size before anything is reserved.
namespace {
std::atomic<bool> g_watching{false};
std::atomic<std::size_t> g_largest{0};
}  // namespace

void* operator new(std::size_t size) {
  if (g_watching && size > g_largest) g_largest = size;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace spherefit {
namespace {

using testing::Mesh;
using testing::PlyEncoding;
using testing::PlyOptions;

Mesh random_sphere_mesh(std::uint64_t seed, int rings = 7, int segments = 11) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-100, 100);
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  return testing::sphere_mesh({u(rng), u(rng), u(rng)}, 1 + std::abs(u(rng)), rings, segments);
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

// The vertices of the triangles in the order they first appear: what merging STL must give.
std::vector<std::array<double, 3>> first_seen(const Mesh& m) {
  std::vector<std::array<double, 3>> out;
  std::set<std::uint32_t> seen;
  for (const auto& t : m.triangles)
    for (std::uint32_t k : t)
      if (seen.insert(k).second) out.push_back(m.vertices[k]);
  return out;
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
void expect_text_error(const std::string& bytes, const std::string& name, ErrorCode code, int line, int column, const std::string& says) {
  const Error e = read_error(bytes, name);
  expect_code(e, code);
  EXPECT_EQ(e.line, line) << e.message;
  EXPECT_EQ(e.column, column) << e.message;
  EXPECT_EQ(e.offset, -1) << e.message;
  EXPECT_EQ(e.message.rfind("Line " + std::to_string(line) + ", column " + std::to_string(column) + ": ", 0), 0u) << e.message;
  EXPECT_NE(e.message.find(says), std::string::npos) << e.message;
}

// A binary error at byte `offset` about `record`, with Error::point.
void expect_binary_error(const std::string& bytes, const std::string& name, ErrorCode code, long long offset, const std::string& record,
                         long point, const std::string& says) {
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

std::string xyz_header(const char* format, std::uint64_t count, const char* type = "float") {
  return std::string("ply\nformat ") + format + " 1.0\nelement vertex " + std::to_string(count) + "\nproperty " + type + " x\nproperty " +
         type + " y\nproperty " + type + " z\nend_header\n";
}

std::size_t header_size(const std::string& ply) { return ply.find('\n', ply.find("end_header")) + 1; }

// --- PLY -----------------------------------------------------------------------------------

TEST(PointFilePly, EveryEncodingTypeAndLayoutGivesTheVerticesExactly) {
  const Mesh mesh = random_sphere_mesh(9101);
  const std::pair<PlyEncoding, PointFileFormat> encodings[] = {{PlyEncoding::Ascii, PointFileFormat::PlyAscii},
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
        const int header_lines = static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<long>(header_size(bytes)), '\n'));
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
  const Case cases[] = {{"char", -100}, {"int8", 127},  {"uchar", 255},   {"uint8", 200},     {"short", -32768},  {"int16", 1234},
                        {"ushort", 65535}, {"uint16", 7}, {"int", -2147483647.0 - 1}, {"int32", 2000000000}, {"uint", 4294967295.0},
                        {"uint32", 3000000000.0}, {"float", 0.125}, {"float32", -3.5e30}, {"double", 0.1}, {"float64", -1e-300}};
  for (const Case& cx : cases) {
    for (const Case& cy : {cases[3], cases[14], cases[10]}) {
      const std::string header = std::string("ply\nformat ascii 1.0\nelement vertex 1\nproperty ") + cx.type + " x\nproperty " + cy.type +
                                 " y\nproperty double z\nend_header\n";
      const PointFile f = read_ok(header + testing::exact(cx.value) + " " + testing::exact(cy.value) + " 1\n", "t.ply");
      expect_points(f, {{cx.value, cy.value, 1.0}});
    }
  }
  // The same values in binary, both byte orders, from bytes written by hand.
  const std::string le = std::string("ply\nformat binary_little_endian 1.0\nelement vertex 1\nproperty short x\nproperty uint y\n"
                                     "property char z\nend_header\n") + std::string("\x00\x80\xff\xff\xff\xff\x9c", 7);
  expect_points(read_ok(le, "t.ply"), {{-32768.0, 4294967295.0, -100.0}});
  const std::string be = std::string("ply\nformat binary_big_endian 1.0\nelement vertex 1\nproperty int16 x\nproperty float64 y\n"
                                     "property float32 z\nend_header\n") + std::string("\xff\xfe\x3f\xf8\x00\x00\x00\x00\x00\x00\xc1\x20\x00\x00", 14);
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
  const PointFile f = read_ok("ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nproperty float y\nproperty float z\nend_header\n"
                              "1.25 -2 3e2\n0.1 +4.000 -5\n", "");
  expect_points(f, {{1.25, -2, 300}, {0.1, 4, -5}});
  EXPECT_EQ(f.points.format[0].decimals, 2);
  EXPECT_EQ(f.points.format[1].decimals, 3);
  EXPECT_TRUE(f.points.format[2].exponent);
  EXPECT_FALSE(f.points.format[0].exponent);
  EXPECT_EQ(f.points.source_line, (std::vector<int>{8, 9}));
}

TEST(PointFilePly, AsciiRecordsMayWrapAcrossLines) {
  const PointFile f = read_ok("ply\r\nformat ascii 1.0\r\nelement vertex 2\r\nproperty float x\r\nproperty float y\r\nproperty float z\r\n"
                              "end_header\r\n1\r\n2 3 4\r\n\r\n5 6\r\n", "");
  expect_points(f, {{1, 2, 3}, {4, 5, 6}});
  EXPECT_EQ(f.points.source_line, (std::vector<int>{8, 9}));
}

TEST(PointFilePly, ZeroVerticesAreZeroPoints) {
  const PointFile f = read_ok("ply\nformat binary_little_endian 1.0\nelement vertex 0\nproperty float x\nproperty float y\nproperty float z\n"
                              "element face 0\nproperty list uchar int vertex_indices\nend_header\n", "empty.ply");
  EXPECT_EQ(f.points.size(), 0u);
  EXPECT_EQ(f.faces, 0u);
}

// --- STL -----------------------------------------------------------------------------------

TEST(PointFileStl, BinaryMergesRepeatedVerticesInFirstSeenOrder) {
  for (std::uint64_t seed : {7001, 7002}) {
    const Mesh mesh = random_sphere_mesh(seed, 6 + static_cast<int>(seed % 5), 9);
    for (const std::string header : {"binary STL from spherefit's tests", "solid sphere (a binary file whose header starts with solid)"}) {
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
  const std::string text = "solid t\nfacet normal 0 0 0\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\n"
                           "facet normal nan nan nan\nouter loop\nvertex -0 -0.0 0\nvertex " + testing::exact(step) +
                           " 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid t\n";
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
const std::vector<std::array<double, 3>> kOctahedron = {{14, -5, 2.5}, {6, -5, 2.5}, {10, -1, 2.5}, {10, -9, 2.5}, {10, -5, 6.5}, {10, -5, -1.5}};

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
      expect_points(f, {kOctahedron[0], kOctahedron[2], kOctahedron[4], kOctahedron[1], kOctahedron[3], kOctahedron[5]});
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
  for (const std::string& bytes : {ply, stl, testing::write_stl_ascii(mesh, true), obj}) EXPECT_TRUE(looks_like_point_file(bytes, "data.bin"));
  // Text tables are the text parser's, whatever the name says.
  for (const char* table : {"x,y,z\n1,2,3\n", "1 2 3\n4 5 6\n", "# scan\n1.0 2.0 3.0 0.5\n", "solid,angle\n1,2\n", "v,w\n1,2\n", "plywood 1 2\n"}) {
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

// --- Errors: binary --------------------------------------------------------------------------

TEST(PointFileErrors, TruncatedBinaryPlySaysWhereAndHowManyVertices) {
  // 100 000 vertices announced, 87 381 whole ones and 8 bytes of the next present.
  const std::string header = xyz_header("binary_little_endian", 100000);
  const std::string bytes = header + std::string(87381 * 12 + 8, '\0');
  const auto offset = static_cast<long long>(header.size() + 87381 * 12);
  expect_binary_error(bytes, "big.ply", ErrorCode::TruncatedFile, offset, "vertex 87,381", 87381, "87,381 of the 100,000 vertices");
  ASSERT_EQ(offset, 120 + 1048572);  // a 120-byte header
  EXPECT_EQ(read_error(bytes, "big.ply").message.rfind("Byte 1,048,692, vertex 87,381: the file ends inside this vertex; it holds 87,381 of the 100,000 vertices", 0), 0u);
}

TEST(PointFileErrors, AHugeCountInATinyFileFailsFastWithoutAllocating) {
  for (const char* format : {"binary_little_endian", "binary_big_endian", "ascii"}) {
    const std::string header = xyz_header(format, 4000000000ULL);
    std::string bytes = header;
    const std::size_t lines = (1024 - header.size()) / 6;
    for (std::size_t k = 0; k < lines; ++k) bytes += "1 2 3\n";
    g_largest = 0;
    g_watching = true;
    const auto start = std::chrono::steady_clock::now();
    const auto r = read_point_file(bytes, "claim.ply");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    g_watching = false;
    ASSERT_FALSE(r.ok());
    expect_code(r.error(), ErrorCode::TruncatedFile);
    EXPECT_NE(r.error().message.find("4,000,000,000 vertices"), std::string::npos) << r.error().message;
    EXPECT_LT(g_largest.load(), 64u * 1024) << "largest allocation while reading a 1 KB file";
    EXPECT_LT(seconds, 0.1);
    if (std::string(format) == "ascii") {  // where the text ends, after the last whole line
      EXPECT_EQ(r.error().line, 8 + static_cast<int>(lines));
      EXPECT_EQ(r.error().column, 1);
      EXPECT_NE(r.error().message.find("before vertex " + std::to_string(lines)), std::string::npos) << r.error().message;
    } else {
      EXPECT_EQ(r.error().offset, static_cast<long long>(header.size() + 6 * lines / 12 * 12));
    }
  }
  // Also a face element before the vertices claiming the impossible.
  const std::string faces = "ply\nformat binary_little_endian 1.0\nelement face 3000000000\nproperty int a\nelement vertex 1\n"
                            "property float x\nproperty float y\nproperty float z\nend_header\n";
  expect_binary_error(faces + std::string(100, 'x'), "f.ply", ErrorCode::TruncatedFile, static_cast<long long>(faces.size() + 100), "face 25", -1,
                      "25 of the 3,000,000,000 faces");
}

TEST(PointFileErrors, ListCountsNegativeOrAbsurd) {
  const std::string before = "ply\nformat binary_big_endian 1.0\nelement face 2\nproperty list char int vertex_indices\n"
                             "element vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\n";
  const std::string face0 = std::string("\x01\x00\x00\x00\x05", 5);
  const auto at = static_cast<long long>(before.size() + 5);
  expect_binary_error(before + face0 + "\xfd" + std::string(40, '\0'), "l.ply", ErrorCode::InvalidFile, at, "face 1", -1, "has the count -3");
  const std::string uint_count = "ply\nformat binary_little_endian 1.0\nelement face 1\nproperty list uint int vertex_indices\n"
                                 "element vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\n";
  expect_binary_error(uint_count + std::string("\xff\xff\xff\xff", 4) + std::string(30, '\0'), "l.ply", ErrorCode::TruncatedFile,
                      static_cast<long long>(uint_count.size()), "face 0", -1, "claims 4,294,967,295 items of 4 bytes");
  // In ASCII: line and column of the count.
  const std::string text = "ply\nformat ascii 1.0\nelement face 1\nproperty list uchar int vertex_indices\nelement vertex 1\n"
                           "property float x\nproperty float y\nproperty float z\nend_header\n";
  expect_text_error(text + "3 1 2 3\n", "l.ply", ErrorCode::TruncatedFile, 11, 1, "the file ends before vertex 0; it holds 0 of the 1 vertex");
  expect_text_error(text + "-2 1 2\n1 2 3\n", "l.ply", ErrorCode::InvalidFile, 10, 1, "a count is ≥ 0");
  expect_text_error(text + "   2.5 1 2\n1 2 3\n", "l.ply", ErrorCode::InvalidNumber, 10, 4, "not a whole number");
  expect_text_error(text + "99999 1 2\n1 2 3\n", "l.ply", ErrorCode::TruncatedFile, 10, 1, "claims '99999' items");
}

TEST(PointFileErrors, NonFiniteBinaryCoordinatesNameTheVertexAndByte) {
  const std::string header = xyz_header("binary_little_endian", 3);
  std::string data(36, '\0');
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(&data[2 * 12 + 4], &nan, 4);  // y of vertex 2
  expect_binary_error(header + data, "n.ply", ErrorCode::NonFiniteValue, static_cast<long long>(header.size() + 28), "vertex 2", 2,
                      "the y coordinate is NaN");
  const double inf = std::numeric_limits<double>::infinity();
  std::string doubles(48, '\0');
  std::memcpy(&doubles[24 + 16], &inf, 8);  // z of vertex 1, with a list before the coordinates: the walking path
  const std::string listed = "ply\nformat binary_little_endian 1.0\nelement vertex 2\nproperty double x\nproperty double y\nproperty double z\n"
                             "property list uchar uchar tags\nend_header\n";
  std::string records = doubles.substr(0, 24) + std::string(1, '\0') + doubles.substr(24) + std::string(1, '\0');
  expect_binary_error(listed + records, "n.ply", ErrorCode::NonFiniteValue, static_cast<long long>(listed.size() + 25 + 16), "vertex 1", 1,
                      "the z coordinate is infinite");
  // STL: triangle and vertex, with Error::point the vertex as the file lists it.
  const Mesh mesh = random_sphere_mesh(5151, 2, 4);
  std::string stl = testing::write_stl_binary(mesh, "x");
  std::memcpy(&stl[84 + 50 * 3 + 12 + 12 * 2 + 0], &nan, 4);  // x of the third vertex of triangle 3
  expect_binary_error(stl, "n.stl", ErrorCode::NonFiniteValue, 84 + 50 * 3 + 36, "triangle 3, vertex 2", 11, "the x coordinate is NaN");
}

TEST(PointFileErrors, TruncatedBinaryStl) {
  const Mesh mesh = random_sphere_mesh(5252, 4, 6);
  const std::string stl = testing::write_stl_binary(mesh, "cut");
  const std::string total = std::to_string(mesh.triangles.size());
  expect_binary_error(stl.substr(0, 84 + 50 * 3 + 20), "cut.stl", ErrorCode::TruncatedFile, 84 + 50 * 3, "triangle 3", 9,
                      "holds 3 of the " + total + " triangles");
  expect_binary_error(stl.substr(0, 84 + 50 * 5), "cut.stl", ErrorCode::TruncatedFile, 84 + 50 * 5, "triangle 5", 15, "the file ends here");
  expect_binary_error(stl.substr(0, 60), "cut.stl", ErrorCode::TruncatedFile, 60, "", -1, "84-byte header");
  // A count that a 1 KB file cannot hold, and bytes after the last triangle (a warning).
  std::string claim = stl.substr(0, 1024);
  claim[80] = claim[81] = claim[82] = claim[83] = '\xff';
  expect_binary_error(claim, "claim.stl", ErrorCode::TruncatedFile, 84 + 50 * 18, "triangle 18", 54, "18 of the 4,294,967,295 triangles");
  const PointFile padded = read_ok(stl + "padding", "p.stl");
  ASSERT_EQ(padded.warnings.size(), 1u);
  EXPECT_EQ(padded.warnings[0].code, WarningCode::TrailingData);
  EXPECT_EQ(padded.points.size(), mesh.vertices.size());
}

TEST(PointFileErrors, DamageAfterTheVerticesIsAWarning) {
  const Mesh mesh = random_sphere_mesh(5353, 3, 5);
  for (PlyEncoding encoding : {PlyEncoding::LittleEndian, PlyEncoding::Ascii}) {
    PlyOptions o;
    o.encoding = encoding;
    const std::string ply = testing::write_ply(mesh, o);
    const PointFile f = read_ok(ply.substr(0, ply.size() - 6), "cut.ply");
    expect_points(f, mesh.vertices);
    ASSERT_EQ(f.warnings.size(), 1u);
    EXPECT_EQ(f.warnings[0].code, WarningCode::IncompleteFile);
    EXPECT_NE(f.warnings[0].message.find("face " + std::to_string(mesh.triangles.size() - 1)), std::string::npos) << f.warnings[0].message;
    EXPECT_NE(f.warnings[0].message.find("All " + std::to_string(mesh.vertices.size()) + " vertices were read"), std::string::npos);
    // Bytes after the last element: the header's counts may be wrong.
    const PointFile extra = read_ok(ply + (encoding == PlyEncoding::Ascii ? "\n7 8 9\n" : "\x01\x02 \n"), "extra.ply");
    ASSERT_EQ(extra.warnings.size(), 1u);
    EXPECT_EQ(extra.warnings[0].code, WarningCode::TrailingData);
    EXPECT_TRUE(read_ok(ply + (encoding == PlyEncoding::Ascii ? "\n\n  \n" : std::string("\0\n", 2)), "pad.ply").warnings.empty());
  }
}

// --- Errors: PLY header -----------------------------------------------------------------------

TEST(PointFileErrors, PlyHeaderProblemsPointAtTheirLineAndColumn) {
  const std::string xyz = "property float x\nproperty float y\nproperty float z\n";
  expect_text_error("ply\nformat binary_middle_endian 1.0\n", "a.ply", ErrorCode::UnsupportedFile, 2, 8, "'binary_middle_endian' is unknown");
  expect_text_error("ply\nformat ascii 2.0\n", "a.ply", ErrorCode::UnsupportedFile, 2, 14, "version '2.0'");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex 3\nproperty int64 x\n", "a.ply", ErrorCode::UnsupportedFile, 4, 10,
                    "'int64' is not a PLY type");
  expect_text_error("ply\nformat ascii 1.0\nelement face 3\nproperty list float int vertex_indices\n", "a.ply", ErrorCode::InvalidFile, 4, 15,
                    "count type must be an integer type");
  expect_text_error("ply\nformat ascii 1.0\n" + xyz, "a.ply", ErrorCode::InvalidFile, 3, 1, "a property before any element");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex -3\n", "a.ply", ErrorCode::InvalidFile, 3, 16, "not a whole number");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex 3 4\n", "a.ply", ErrorCode::InvalidFile, 3, 18, "unexpected '4'");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex\n", "a.ply", ErrorCode::InvalidFile, 3, 15, "the line ends early");
  expect_text_error("ply\nformat ascii 1.0\nvertices 3\n", "a.ply", ErrorCode::InvalidFile, 3, 1, "'vertices' is not a PLY header keyword");
  expect_text_error("ply\nelement vertex 1\n" + xyz + "end_header\n1 2 3\n", "a.ply", ErrorCode::InvalidFile, 6, 1, "no format line");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex 1\n" + xyz, "a.ply", ErrorCode::TruncatedFile, 7, 1, "before its end_header");
  expect_text_error("ply\nformat ascii 1.0\nelement face 2\nproperty list uchar int vertex_indices\nelement edge 1\nproperty int a\n"
                    "end_header\n",
                    "a.ply", ErrorCode::InvalidFile, 7, 1, "declares no vertex element (only face (2), edge (1))");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float nx\nproperty uchar red\n"
                    "end_header\n",
                    "a.ply", ErrorCode::MissingColumn, 3, 1, "no z property; its properties are x, y, nx, red");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty list uchar float y\nproperty float z\nend_header\n",
                    "a.ply", ErrorCode::InvalidFile, 5, 1, "y is a list");
  expect_text_error("plyx\n", "a.ply", ErrorCode::InvalidFile, 1, 1, "begins with the line 'ply'");
  // Garbage in a header is quoted harmlessly.
  const Error e = read_error("ply\nformat ascii 1.0\n\x01\xff\xfe rest\n", "a.ply");
  expect_code(e, ErrorCode::InvalidFile);
  EXPECT_NE(e.message.find("'\\x01\\xFF\\xFE'"), std::string::npos) << e.message;
}

// --- Errors: ASCII PLY, ASCII STL, OBJ data ---------------------------------------------------------

TEST(PointFileErrors, TextDataProblemsPointAtTheirLineAndColumnInCharacters) {
  // A skipped property holding 'é' (two bytes, one character) before the bad x.
  const std::string ply = "ply\nformat ascii 1.0\nelement vertex 2\nproperty uchar label\nproperty float x\nproperty float y\n"
                          "property float z\nend_header\n";
  expect_text_error(ply + "a 1 2 3\né abc 2 3\n", "t.ply", ErrorCode::InvalidNumber, 10, 3, "the x of vertex 1, 'abc', is not a number");
  const Error nan = read_error(ply + "a 1 2 3\n0 1 2 nan\n", "t.ply");
  expect_code(nan, ErrorCode::NonFiniteValue);
  EXPECT_EQ(nan.line, 10);
  EXPECT_EQ(nan.column, 7);
  EXPECT_EQ(nan.point, 1);
  expect_text_error(ply + "a 1 2 3\n0 1 1e999\n", "t.ply", ErrorCode::NonFiniteValue, 10, 5, "the y of vertex 1");
  expect_text_error(ply + "a 1 2 3\n0 1 2", "t.ply", ErrorCode::TruncatedFile, 10, 6, "holds 1 of the 2 vertices");

  const std::string facet = "solid s\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n   vertex 1 0 0\n";
  expect_text_error(facet + "   vertex 0 x 0\n", "t.stl", ErrorCode::InvalidNumber, 6, 13, "the y of a vertex of facet 0, 'x'");
  expect_text_error(facet + "   vertex 0 1 inf\n", "t.stl", ErrorCode::NonFiniteValue, 6, 15, "not a finite number");
  expect_text_error(facet + "   vertex 0 1 0\n  endloop\n endfacet\n faceted\n", "t.stl", ErrorCode::InvalidFile, 9, 2,
                    "expected 'facet' or 'endsolid', found 'faceted'");
  expect_text_error(facet + "   vertex 0 1 0\n  endloop\n end facet\n", "t.stl", ErrorCode::InvalidFile, 8, 2, "expected 'endfacet'");
  expect_text_error(facet + "   vertex 0 1", "t.stl", ErrorCode::TruncatedFile, 6, 14, "ends inside a vertex of facet 0");
  expect_text_error(facet, "t.stl", ErrorCode::TruncatedFile, 6, 1, "ends inside facet 0");
  expect_text_error("solid s\n facet normal 0 0 1\n  outer lop\n", "t.stl", ErrorCode::InvalidFile, 3, 9, "expected 'loop'");
  expect_text_error("solid s\n facet normal 0 0 1\n  outer loop\n  vertex 1 2 3\n  edge\n", "t.stl", ErrorCode::InvalidFile, 5, 3,
                    "expected 'vertex' or 'endloop'");
  // A file ending after whole facets is read, with a warning.
  const PointFile open = read_ok(facet + "   vertex 0 1 0\n  endloop\n endfacet\n", "open.stl");
  EXPECT_EQ(open.points.size(), 3u);
  ASSERT_EQ(open.warnings.size(), 1u);
  EXPECT_EQ(open.warnings[0].code, WarningCode::IncompleteFile);

  expect_text_error("# ok\nv 1 2 3\nv 1 2\n", "t.obj", ErrorCode::WrongFieldCount, 3, 6, "this one has 2");
  expect_text_error("v 1 2 3\nv 1 2 # three\n", "t.obj", ErrorCode::WrongFieldCount, 2, 7, "this one has 2");
  expect_text_error("v 1 2 3\nv\t1,5 2 3\n", "t.obj", ErrorCode::InvalidNumber, 2, 3, "the x of this vertex, '1,5'");
  expect_text_error("v 1 2 3\n# ünïcode\nv  ½ 2 3\n", "t.obj", ErrorCode::InvalidNumber, 3, 4, "'½'");
  const Error inf = read_error("v 1 2 3\nv 4 5 6\nv 1 -inf 3\n", "t.obj");
  expect_code(inf, ErrorCode::NonFiniteValue);
  EXPECT_EQ(inf.point, 2);
  EXPECT_EQ(inf.column, 5);
  expect_code(read_error("# only comments\nvn 0 0 1\nf 1 2 3\n", "t.obj"), ErrorCode::InvalidFile);
}

TEST(PointFileErrors, EmptyUnknownAndMisnamedFiles) {
  expect_code(read_error("", "a.ply"), ErrorCode::EmptyInput);
  expect_code(read_error("1 2 3\n4 5 6\n", "cloud.xyz"), ErrorCode::UnknownFormat);
  expect_code(read_error(std::string("\x89PNG\r\n\x1a\n", 8), ""), ErrorCode::UnknownFormat);
  // The extension picks the reader whose error explains the problem.
  expect_text_error("1 2 3\n", "cloud.ply", ErrorCode::InvalidFile, 1, 1, "begins with the line 'ply'");
  expect_text_error("solid part\n  facet normal 0 0 1\n    outer loop\n      vertex 1 2\n", "part.stl", ErrorCode::TruncatedFile, 5, 1,
                    "ends inside a vertex");
  expect_binary_error("not an STL at all", "part.stl", ErrorCode::TruncatedFile, 17, "", -1, "84-byte header");
  expect_code(read_error("o object\ng group\n", "part.obj"), ErrorCode::InvalidFile);
}

// --- Random bytes: never a crash, errors point into the file -------------------------------------

TEST(PointFileFuzz, MutatedFilesGiveResultsOrLocatedErrors) {
  std::mt19937_64 rng(31337);
  std::printf("seed 31337\n");
  const Mesh mesh = testing::sphere_mesh({1, 2, 3}, 4, 3, 4);
  std::vector<std::pair<std::string, std::string>> seeds;
  for (PlyEncoding e : {PlyEncoding::Ascii, PlyEncoding::LittleEndian, PlyEncoding::BigEndian}) {
    PlyOptions o;
    o.encoding = e;
    o.extras = true;
    o.face_first = e == PlyEncoding::BigEndian;
    seeds.push_back({testing::write_ply(mesh, o), "m.ply"});
  }
  seeds.push_back({testing::write_stl_binary(mesh, "solid"), "m.stl"});
  seeds.push_back({testing::write_stl_ascii(mesh, true), "m.stl"});
  seeds.push_back({testing::write_obj(mesh, true), "m.obj"});
  for (int trial = 0; trial < 20000; ++trial) {
    auto [bytes, name] = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits && !bytes.empty(); ++k) {
      const std::size_t at = rng() % bytes.size();
      switch (rng() % 4) {
        case 0: bytes[at] = static_cast<char>(rng()); break;
        case 1: bytes.erase(at, 1 + rng() % 8); break;
        case 2: bytes.insert(at, 1, " \n0-.e9xf"[rng() % 9]); break;
        case 3: bytes.resize(at); break;
      }
    }
    const auto r = read_point_file(bytes, trial % 5 == 0 ? "" : name);
    if (r.ok()) {
      const PointFile& f = r.value();
      for (std::size_t i = 0; i < f.points.size(); ++i)
        ASSERT_TRUE(std::isfinite(f.points.x[i]) && std::isfinite(f.points.y[i]) && std::isfinite(f.points.z[i]));
      EXPECT_EQ(f.vertices_read, f.points.size() + f.duplicates_merged);
      continue;
    }
    const Error& e = r.error();
    ASSERT_FALSE(e.message.empty());
    if (e.offset >= 0) EXPECT_LE(e.offset, static_cast<long long>(bytes.size())) << e.message;
    if (e.line > 0) {
      EXPECT_LE(e.line, 1 + std::count(bytes.begin(), bytes.end(), '\n')) << e.message;
      EXPECT_GE(e.column, 1);
    }
  }
}

}  // namespace
}  // namespace spherefit
