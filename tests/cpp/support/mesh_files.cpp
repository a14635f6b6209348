#include "support/mesh_files.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace spherefit::testing {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Through a volatile float: GCC 12.2's SLP vectoriser at -O2 drops the rounding of
// {double(float(x)), double(float(y)), …} in an array (it keeps x and y as doubles).
double as_float(double v) {
  volatile float f = static_cast<float>(v);
  return f;
}

std::array<double, 3> to_float(double x, double y, double z) { return {as_float(x), as_float(y), as_float(z)}; }

// Bytes of a value in the file's byte order.
template <class T>
void put(std::string& out, T value, bool big) {
  unsigned char b[sizeof(T)];
  std::memcpy(b, &value, sizeof(T));
  if (big)
    for (std::size_t k = 0; k < sizeof(T) / 2; ++k) std::swap(b[k], b[sizeof(T) - 1 - k]);
  out.append(reinterpret_cast<const char*>(b), sizeof(T));
}

}  // namespace

std::string exact(double v) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

Mesh sphere_mesh(const std::array<double, 3>& c, double r, int rings, int segments) {
  Mesh m;
  m.vertices.push_back(to_float(c[0], c[1], c[2] + r));
  for (int i = 1; i <= rings; ++i) {
    const double theta = kPi * i / (rings + 1);
    for (int j = 0; j < segments; ++j) {
      const double phi = 2 * kPi * j / segments;
      m.vertices.push_back(to_float(c[0] + r * std::sin(theta) * std::cos(phi),
                                    c[1] + r * std::sin(theta) * std::sin(phi), c[2] + r * std::cos(theta)));
    }
  }
  m.vertices.push_back(to_float(c[0], c[1], c[2] - r));
  const auto at = [&](int ring, int j) {
    return static_cast<std::uint32_t>(1 + (ring - 1) * segments + (j % segments));
  };
  const auto south = static_cast<std::uint32_t>(m.vertices.size() - 1);
  for (int j = 0; j < segments; ++j) {
    m.triangles.push_back({0, at(1, j), at(1, j + 1)});
    for (int i = 1; i < rings; ++i) {
      m.triangles.push_back({at(i, j), at(i + 1, j), at(i + 1, j + 1)});
      m.triangles.push_back({at(i, j), at(i + 1, j + 1), at(i, j + 1)});
    }
    m.triangles.push_back({at(rings, j), south, at(rings, j + 1)});
  }
  return m;
}

Mesh sphere_cloud(const std::array<double, 3>& c, double r, std::size_t n, std::mt19937_64& rng) {
  Mesh m;
  std::normal_distribution<double> normal;
  m.vertices.reserve(n);
  while (m.vertices.size() < n) {
    const double x = normal(rng), y = normal(rng), z = normal(rng);
    const double norm = std::sqrt(x * x + y * y + z * z);
    if (norm < 1e-9) continue;
    m.vertices.push_back(to_float(c[0] + r * x / norm, c[1] + r * y / norm, c[2] + r * z / norm));
  }
  return m;
}

std::string write_ply(const Mesh& mesh, const PlyOptions& o) {
  const bool ascii = o.encoding == PlyEncoding::Ascii;
  const bool big = o.encoding == PlyEncoding::BigEndian;
  const char* eol = o.crlf ? "\r\n" : "\n";
  const auto name = [&](const char* classic, const char* sized) { return o.sized_names ? sized : classic; };
  const std::string coordinate = o.doubles ? name("double", "float64") : name("float", "float32");
  std::string h = std::string("ply") + eol;
  h += std::string("format ") + (ascii ? "ascii" : big ? "binary_big_endian" : "binary_little_endian") + " 1.0" + eol;
  h += std::string("comment written by spherefit's tests") + eol;
  h += std::string("obj_info a triangulated sphere") + eol;
  const std::string vertex_header = [&] {
    std::string v = "element vertex " + std::to_string(mesh.vertices.size()) + eol;
    if (o.extras) {
      for (const char* n : {"nx", "ny", "nz"}) v += "property " + std::string(name("float", "float32")) + " " + n + eol;
      v += "property " + std::string(name("uchar", "uint8")) + " red" + eol;
    }
    v += "property " + coordinate + " x" + eol;
    if (o.extras)
      v += "property list " + std::string(name("uchar", "uint8")) + " " + name("int", "int32") + " neighbours" + eol;
    v += "property " + coordinate + " y" + eol;
    if (o.extras) v += "property " + std::string(name("ushort", "uint16")) + " quality" + eol;
    v += "property " + coordinate + " z" + eol;
    if (o.extras) v += "property " + std::string(name("char", "int8")) + " alpha" + eol;
    return v;
  }();
  const std::string face_header = "element face " + std::to_string(mesh.triangles.size()) + eol + "property list " +
                                  name("uchar", "uint8") + " " + name("int", "int32") + " vertex_indices" + eol;
  const std::string material_header = std::string("element material 2") + eol + "property " +
                                      name("double", "float64") + " shininess" + eol + "property " +
                                      name("short", "int16") + " id" + eol;
  if (o.face_first)
    h += material_header + face_header + vertex_header;
  else
    h += vertex_header + face_header;
  h += std::string("end_header") + eol;

  std::string vertices, faces, materials;
  char buffer[200];
  for (std::size_t i = 0; i < mesh.vertices.size(); ++i) {
    const auto& v = mesh.vertices[i];
    const int neighbours = static_cast<int>(i % 3);
    if (ascii) {
      if (o.extras) vertices += "0.25 -0.5 1e-3 " + std::to_string(i % 256) + " ";
      vertices += exact(v[0]) + " ";
      if (o.extras) {
        vertices += std::to_string(neighbours);
        for (int k = 0; k < neighbours; ++k) vertices += " " + std::to_string(k + 1);
        vertices += " ";
      }
      vertices += exact(v[1]) + " ";
      if (o.extras) vertices += std::to_string(i % 65536) + " ";
      vertices += exact(v[2]);
      if (o.extras) vertices += " -7";
      vertices += "\n";
      continue;
    }
    if (o.extras) {
      for (float n : {0.25f, -0.5f, 1e-3f}) put(vertices, n, big);
      put(vertices, static_cast<std::uint8_t>(i % 256), big);
    }
    auto coordinate_value = [&](double c) {
      if (o.doubles)
        put(vertices, c, big);
      else
        put(vertices, static_cast<float>(c), big);
    };
    coordinate_value(v[0]);
    if (o.extras) {
      put(vertices, static_cast<std::uint8_t>(neighbours), big);
      for (int k = 0; k < neighbours; ++k) put(vertices, static_cast<std::int32_t>(k + 1), big);
    }
    coordinate_value(v[1]);
    if (o.extras) put(vertices, static_cast<std::uint16_t>(i % 65536), big);
    coordinate_value(v[2]);
    if (o.extras) put(vertices, static_cast<std::int8_t>(-7), big);
  }
  for (const auto& t : mesh.triangles) {
    if (ascii) {
      std::snprintf(buffer, sizeof buffer, "3 %u %u %u\n", t[0], t[1], t[2]);
      faces += buffer;
    } else {
      put(faces, static_cast<std::uint8_t>(3), big);
      for (std::uint32_t k : t) put(faces, static_cast<std::int32_t>(k), big);
    }
  }
  for (int m = 0; m < 2; ++m) {
    if (ascii) {
      materials += "0.5 " + std::to_string(m) + "\n";
    } else {
      put(materials, 0.5, big);
      put(materials, static_cast<std::int16_t>(m), big);
    }
  }
  return h + (o.face_first ? materials + faces + vertices : vertices + faces);
}

std::string write_stl_binary(const Mesh& mesh, const std::string& header) {
  std::string out = header.substr(0, 80);
  out.resize(80, ' ');
  put(out, static_cast<std::uint32_t>(mesh.triangles.size()), false);
  for (const auto& t : mesh.triangles) {
    for (float n : {0.0f, 0.0f, 1.0f}) put(out, n, false);
    for (std::uint32_t k : t)
      for (double c : mesh.vertices[k]) put(out, static_cast<float>(c), false);
    put(out, static_cast<std::uint16_t>(0), false);
  }
  return out;
}

std::string write_stl_ascii(const Mesh& mesh, bool messy) {
  const char* eol = messy ? "\r\n" : "\n";
  std::string out = std::string(messy ? "SOLID sphere part one" : "solid sphere") + eol;
  const std::size_t half = messy ? mesh.triangles.size() / 2 : mesh.triangles.size();
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    if (messy && f == half) out += std::string("endsolid sphere part one") + eol + eol + "solid   part two" + eol;
    out += messy ? "\tFacet Normal 0 0 1" : "  facet normal 0 0 1";
    out += eol;
    out += messy ? std::string("\t\tOuter  Loop") + eol + eol : std::string("    outer loop") + eol;
    for (std::uint32_t k : mesh.triangles[f]) {
      const auto& v = mesh.vertices[k];
      out += (messy ? "\t\t\tVERTEX\t" : "      vertex ") + exact(v[0]) + (messy ? "   " : " ") + exact(v[1]) + " " +
             exact(v[2]) + eol;
    }
    out += messy ? "\t\tendLoop" : "    endloop";
    out += eol;
    out += messy ? "\tENDFACET" : "  endfacet";
    out += eol;
  }
  out += std::string(messy ? "endsolid part two" : "endsolid sphere") + eol;
  return out;
}

std::string write_obj(const Mesh& mesh, bool decorated) {
  std::string out = "# spherefit test OBJ\nmtllib sphere.mtl\no Sphere\n";
  for (std::size_t i = 0; i < mesh.vertices.size(); ++i) {
    const auto& v = mesh.vertices[i];
    out += "v " + exact(v[0]) + " " + exact(v[1]) + " " + exact(v[2]);
    if (decorated) out += i % 2 == 0 ? " 1.0" : " 0.5 0.25 1";
    out += "\n";
    if (decorated && i == 1) out += "vt 0.5 0.5\nvn 0 0 1\n# a comment between vertices\n\n";
  }
  out += "g sphere\nusemtl shiny\ns 1\n";
  for (const auto& t : mesh.triangles)
    out += "f " + std::to_string(t[0] + 1) + "//1 " + std::to_string(t[1] + 1) + "//1 " + std::to_string(t[2] + 1) +
           "//1\n";
  return out;
}

}  // namespace spherefit::testing
