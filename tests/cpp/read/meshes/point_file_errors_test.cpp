// Point and mesh files that are damaged, odd or hostile: every error names its code and where —
// line and column for text, byte offset and record for binary — a count the file cannot hold is
// refused before anything is reserved, and mutated files give results or located errors, never a
// crash. Seeds are printed.
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

#include "support/mesh_files.hpp"
#include "read/meshes/point_file.hpp"
#include "support/point_file_checks.hpp"

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
// The nothrow form too (std::stable_sort's temporary buffer takes it): every allocation of the
// program then comes from malloc and goes back to free, as AddressSanitizer checks.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  if (g_watching && size > g_largest) g_largest = size;
  return std::malloc(size ? size : 1);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace spherefit {
namespace {

using namespace spherefit::testing;

// --- Errors: binary --------------------------------------------------------------------------

TEST(PointFileErrors, TruncatedBinaryPlySaysWhereAndHowManyVertices) {
  // 100 000 vertices announced, 87 381 whole ones and 8 bytes of the next present.
  const std::string header = xyz_header("binary_little_endian", 100000);
  const std::string bytes = header + std::string(87381 * 12 + 8, '\0');
  const auto offset = static_cast<long long>(header.size() + 87381 * 12);
  expect_binary_error(bytes, "big.ply", ErrorCode::TruncatedFile, offset, "vertex 87,381", 87381,
                      "87,381 of the 100,000 vertices");
  ASSERT_EQ(offset, 120 + 1048572);  // a 120-byte header
  EXPECT_EQ(read_error(bytes, "big.ply")
                .message.rfind("Byte 1,048,692, vertex 87,381: the file ends inside this vertex; it holds 87,381 of "
                               "the 100,000 vertices",
                               0),
            0u);
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
      EXPECT_NE(r.error().message.find("before vertex " + std::to_string(lines)), std::string::npos)
          << r.error().message;
    } else {
      EXPECT_EQ(r.error().offset, static_cast<long long>(header.size() + 6 * lines / 12 * 12));
    }
  }
  // Also a face element before the vertices claiming the impossible.
  const std::string faces =
      "ply\nformat binary_little_endian 1.0\nelement face 3000000000\nproperty int a\nelement vertex 1\n"
      "property float x\nproperty float y\nproperty float z\nend_header\n";
  expect_binary_error(faces + std::string(100, 'x'), "f.ply", ErrorCode::TruncatedFile,
                      static_cast<long long>(faces.size() + 100), "face 25", -1, "25 of the 3,000,000,000 faces");
}

TEST(PointFileErrors, ListCountsNegativeOrAbsurd) {
  const std::string before =
      "ply\nformat binary_big_endian 1.0\nelement face 2\nproperty list char int vertex_indices\n"
      "element vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\n";
  const std::string face0 = std::string("\x01\x00\x00\x00\x05", 5);
  const auto at = static_cast<long long>(before.size() + 5);
  expect_binary_error(before + face0 + "\xfd" + std::string(40, '\0'), "l.ply", ErrorCode::InvalidFile, at, "face 1",
                      -1, "has the count -3");
  const std::string uint_count =
      "ply\nformat binary_little_endian 1.0\nelement face 1\nproperty list uint int vertex_indices\n"
      "element vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\n";
  expect_binary_error(uint_count + std::string("\xff\xff\xff\xff", 4) + std::string(30, '\0'), "l.ply",
                      ErrorCode::TruncatedFile, static_cast<long long>(uint_count.size()), "face 0", -1,
                      "claims 4,294,967,295 items of 4 bytes");
  // In ASCII: line and column of the count.
  const std::string text =
      "ply\nformat ascii 1.0\nelement face 1\nproperty list uchar int vertex_indices\nelement vertex 1\n"
      "property float x\nproperty float y\nproperty float z\nend_header\n";
  expect_text_error(text + "3 1 2 3\n", "l.ply", ErrorCode::TruncatedFile, 11, 1,
                    "the file ends before vertex 0; it holds 0 of the 1 vertex");
  expect_text_error(text + "-2 1 2\n1 2 3\n", "l.ply", ErrorCode::InvalidFile, 10, 1, "a count is ≥ 0");
  expect_text_error(text + "   2.5 1 2\n1 2 3\n", "l.ply", ErrorCode::InvalidNumber, 10, 4, "not a whole number");
  expect_text_error(text + "99999 1 2\n1 2 3\n", "l.ply", ErrorCode::TruncatedFile, 10, 1, "claims '99999' items");
}

TEST(PointFileErrors, NonFiniteBinaryCoordinatesNameTheVertexAndByte) {
  const std::string header = xyz_header("binary_little_endian", 3);
  std::string data(36, '\0');
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(&data[2 * 12 + 4], &nan, 4);  // y of vertex 2
  expect_binary_error(header + data, "n.ply", ErrorCode::NonFiniteValue, static_cast<long long>(header.size() + 28),
                      "vertex 2", 2, "the y coordinate is NaN");
  const double inf = std::numeric_limits<double>::infinity();
  std::string doubles(48, '\0');
  std::memcpy(&doubles[24 + 16], &inf, 8);  // z of vertex 1, with a list before the coordinates: the walking path
  const std::string listed =
      "ply\nformat binary_little_endian 1.0\nelement vertex 2\nproperty double x\nproperty double y\nproperty double "
      "z\n"
      "property list uchar uchar tags\nend_header\n";
  std::string records = doubles.substr(0, 24) + std::string(1, '\0') + doubles.substr(24) + std::string(1, '\0');
  expect_binary_error(listed + records, "n.ply", ErrorCode::NonFiniteValue,
                      static_cast<long long>(listed.size() + 25 + 16), "vertex 1", 1, "the z coordinate is infinite");
  // STL: triangle and vertex, with Error::point the vertex as the file lists it.
  const Mesh mesh = random_sphere_mesh(5151, 2, 4);
  std::string stl = testing::write_stl_binary(mesh, "x");
  std::memcpy(&stl[84 + 50 * 3 + 12 + 12 * 2 + 0], &nan, 4);  // x of the third vertex of triangle 3
  expect_binary_error(stl, "n.stl", ErrorCode::NonFiniteValue, 84 + 50 * 3 + 36, "triangle 3, vertex 2", 11,
                      "the x coordinate is NaN");
}

TEST(PointFileErrors, TruncatedBinaryStl) {
  const Mesh mesh = random_sphere_mesh(5252, 4, 6);
  const std::string stl = testing::write_stl_binary(mesh, "cut");
  const std::string total = std::to_string(mesh.triangles.size());
  expect_binary_error(stl.substr(0, 84 + 50 * 3 + 20), "cut.stl", ErrorCode::TruncatedFile, 84 + 50 * 3, "triangle 3",
                      9, "holds 3 of the " + total + " triangles");
  expect_binary_error(stl.substr(0, 84 + 50 * 5), "cut.stl", ErrorCode::TruncatedFile, 84 + 50 * 5, "triangle 5", 15,
                      "the file ends here");
  expect_binary_error(stl.substr(0, 60), "cut.stl", ErrorCode::TruncatedFile, 60, "", -1, "84-byte header");
  // A count that a 1 KB file cannot hold, and bytes after the last triangle (a warning).
  std::string claim = stl.substr(0, 1024);
  claim[80] = claim[81] = claim[82] = claim[83] = '\xff';
  expect_binary_error(claim, "claim.stl", ErrorCode::TruncatedFile, 84 + 50 * 18, "triangle 18", 54,
                      "18 of the 4,294,967,295 triangles");
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
    EXPECT_NE(f.warnings[0].message.find("face " + std::to_string(mesh.triangles.size() - 1)), std::string::npos)
        << f.warnings[0].message;
    EXPECT_NE(f.warnings[0].message.find("All " + std::to_string(mesh.vertices.size()) + " vertices were read"),
              std::string::npos);
    // Bytes after the last element: the header's counts may be wrong.
    const PointFile extra = read_ok(ply + (encoding == PlyEncoding::Ascii ? "\n7 8 9\n" : "\x01\x02 \n"), "extra.ply");
    ASSERT_EQ(extra.warnings.size(), 1u);
    EXPECT_EQ(extra.warnings[0].code, WarningCode::TrailingData);
    EXPECT_TRUE(read_ok(ply + (encoding == PlyEncoding::Ascii ? "\n\n  \n" : std::string("\0\n", 2)), "pad.ply")
                    .warnings.empty());
  }
}

// --- Errors: PLY header -----------------------------------------------------------------------

TEST(PointFileErrors, PlyHeaderProblemsPointAtTheirLineAndColumn) {
  const std::string xyz = "property float x\nproperty float y\nproperty float z\n";
  expect_text_error("ply\nformat binary_middle_endian 1.0\n", "a.ply", ErrorCode::UnsupportedFile, 2, 8,
                    "'binary_middle_endian' is unknown");
  expect_text_error("ply\nformat ascii 2.0\n", "a.ply", ErrorCode::UnsupportedFile, 2, 14, "version '2.0'");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex 3\nproperty int64 x\n", "a.ply", ErrorCode::UnsupportedFile,
                    4, 10, "'int64' is not a PLY type");
  expect_text_error("ply\nformat ascii 1.0\nelement face 3\nproperty list float int vertex_indices\n", "a.ply",
                    ErrorCode::InvalidFile, 4, 15, "count type must be an integer type");
  expect_text_error("ply\nformat ascii 1.0\n" + xyz, "a.ply", ErrorCode::InvalidFile, 3, 1,
                    "a property before any element");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex -3\n", "a.ply", ErrorCode::InvalidFile, 3, 16,
                    "not a whole number");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex 3 4\n", "a.ply", ErrorCode::InvalidFile, 3, 18,
                    "unexpected '4'");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex\n", "a.ply", ErrorCode::InvalidFile, 3, 15,
                    "the line ends early");
  expect_text_error("ply\nformat ascii 1.0\nvertices 3\n", "a.ply", ErrorCode::InvalidFile, 3, 1,
                    "'vertices' is not a PLY header keyword");
  expect_text_error("ply\nelement vertex 1\n" + xyz + "end_header\n1 2 3\n", "a.ply", ErrorCode::InvalidFile, 6, 1,
                    "no format line");
  expect_text_error("ply\nformat ascii 1.0\nelement vertex 1\n" + xyz, "a.ply", ErrorCode::TruncatedFile, 7, 1,
                    "before its end_header");
  expect_text_error(
      "ply\nformat ascii 1.0\nelement face 2\nproperty list uchar int vertex_indices\nelement edge 1\nproperty int a\n"
      "end_header\n",
      "a.ply", ErrorCode::InvalidFile, 7, 1, "declares no vertex element (only face (2), edge (1))");
  expect_text_error(
      "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float nx\nproperty uchar "
      "red\n"
      "end_header\n",
      "a.ply", ErrorCode::MissingColumn, 3, 1, "no z property; its properties are x, y, nx, red");
  expect_text_error(
      "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty list uchar float y\nproperty float "
      "z\nend_header\n",
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
  const std::string ply =
      "ply\nformat ascii 1.0\nelement vertex 2\nproperty uchar label\nproperty float x\nproperty float y\n"
      "property float z\nend_header\n";
  expect_text_error(ply + "a 1 2 3\né abc 2 3\n", "t.ply", ErrorCode::InvalidNumber, 10, 3,
                    "the x of vertex 1, 'abc', is not a number");
  const Error nan = read_error(ply + "a 1 2 3\n0 1 2 nan\n", "t.ply");
  expect_code(nan, ErrorCode::NonFiniteValue);
  EXPECT_EQ(nan.line, 10);
  EXPECT_EQ(nan.column, 7);
  EXPECT_EQ(nan.point, 1);
  expect_text_error(ply + "a 1 2 3\n0 1 1e999\n", "t.ply", ErrorCode::NonFiniteValue, 10, 5, "the y of vertex 1");
  expect_text_error(ply + "a 1 2 3\n0 1 2", "t.ply", ErrorCode::TruncatedFile, 10, 6, "holds 1 of the 2 vertices");

  const std::string facet = "solid s\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n   vertex 1 0 0\n";
  expect_text_error(facet + "   vertex 0 x 0\n", "t.stl", ErrorCode::InvalidNumber, 6, 13,
                    "the y of a vertex of facet 0, 'x'");
  expect_text_error(facet + "   vertex 0 1 inf\n", "t.stl", ErrorCode::NonFiniteValue, 6, 15, "not a finite number");
  expect_text_error(facet + "   vertex 0 1 0\n  endloop\n endfacet\n faceted\n", "t.stl", ErrorCode::InvalidFile, 9, 2,
                    "expected 'facet' or 'endsolid', found 'faceted'");
  expect_text_error(facet + "   vertex 0 1 0\n  endloop\n end facet\n", "t.stl", ErrorCode::InvalidFile, 8, 2,
                    "expected 'endfacet'");
  expect_text_error(facet + "   vertex 0 1", "t.stl", ErrorCode::TruncatedFile, 6, 14,
                    "ends inside a vertex of facet 0");
  expect_text_error(facet, "t.stl", ErrorCode::TruncatedFile, 6, 1, "ends inside facet 0");
  expect_text_error("solid s\n facet normal 0 0 1\n  outer lop\n", "t.stl", ErrorCode::InvalidFile, 3, 9,
                    "expected 'loop'");
  expect_text_error("solid s\n facet normal 0 0 1\n  outer loop\n  vertex 1 2 3\n  edge\n", "t.stl",
                    ErrorCode::InvalidFile, 5, 3, "expected 'vertex' or 'endloop'");
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
  expect_text_error("solid part\n  facet normal 0 0 1\n    outer loop\n      vertex 1 2\n", "part.stl",
                    ErrorCode::TruncatedFile, 5, 1, "ends inside a vertex");
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
        case 0:
          bytes[at] = static_cast<char>(rng());
          break;
        case 1:
          bytes.erase(at, 1 + rng() % 8);
          break;
        case 2:
          bytes.insert(at, 1, " \n0-.e9xf"[rng() % 9]);
          break;
        case 3:
          bytes.resize(at);
          break;
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
