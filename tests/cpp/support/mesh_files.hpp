// Mesh files written from the format descriptions, for the reader tests and the benchmark: a
// triangulated sphere, and PLY (three encodings, float or double, extra properties and elements),
// STL (binary, ASCII) and OBJ bytes of it. Independent of the readers: plain byte pushing.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace spherefit::testing {

struct Mesh {
  std::vector<std::array<double, 3>> vertices;  // each exactly a float
  std::vector<std::array<std::uint32_t, 3>> triangles;
};

// A UV sphere: two poles and rings × segments vertices, rounded to float (so every encoding
// holds them exactly); 2·segments·rings triangles.
Mesh sphere_mesh(const std::array<double, 3>& center, double radius, int rings, int segments);

// n points of a sphere in random directions (float-rounded), no triangles: a scanner's cloud.
Mesh sphere_cloud(const std::array<double, 3>& center, double radius, std::size_t n, std::mt19937_64& rng);

enum class PlyEncoding { Ascii, LittleEndian, BigEndian };

struct PlyOptions {
  PlyEncoding encoding = PlyEncoding::LittleEndian;
  bool doubles = false;      // x, y, z as double (else float)
  bool sized_names = false;  // float32/uint8/… instead of float/uchar/…
  bool extras = false;       // normals, colour, quality and a list among the vertex properties
  bool face_first = false;   // the face element (and a material element) before the vertices
  bool crlf = false;         // header lines end in "\r\n"
};

std::string write_ply(const Mesh& mesh, const PlyOptions& options);

// The 80-byte header is padded with spaces (or cut).
std::string write_stl_binary(const Mesh& mesh, const std::string& header);

// messy: keywords in mixed case, tabs and blank lines, CRLF, and the mesh split into two solids.
std::string write_stl_ascii(const Mesh& mesh, bool messy);

// Vertices (with w on even and a colour on odd ones when decorated), normals, texture
// coordinates, groups, a material and faces.
std::string write_obj(const Mesh& mesh, bool decorated);

// Exact decimal text of a double (17 significant digits round-trip).
std::string exact(double v);

}  // namespace spherefit::testing
