#include "read/meshes/ply_layout.hpp"

#include <string_view>

#include "read/file_error.hpp"

namespace spherefit {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

}  // namespace

std::string ply_name(const std::string& name) {
  for (char c : name)
    if (c <= ' ' || c > '~') return quoted(name);
  return name.size() <= 40 ? name : quoted(name);
}

std::string ply_announced(const PlyElement& e) {
  const std::string name = e.count == 1 ? ply_name(e.name) : e.name == "vertex" ? "vertices" : ply_name(e.name) + "s";
  return grouped(e.count) + " " + name;
}

std::string ply_record(const PlyElement& e, std::uint64_t index) { return ply_name(e.name) + " " + grouped(index); }

Outcome<PlyVertexLayout> find_ply_vertex(const PlyHeader& h) {
  PlyVertexLayout v;
  std::size_t e = 0;
  while (e < h.elements.size() && h.elements[e].name != "vertex") ++e;
  if (e == h.elements.size()) {
    std::string declared;
    for (const PlyElement& other : h.elements)
      declared += (declared.empty() ? "" : ", ") + ply_name(other.name) + " (" + grouped(other.count) + ")";
    return text_error(ErrorCode::InvalidFile, h.end_line, 1,
                      "the header declares no vertex element (" +
                          (declared.empty() ? std::string("no elements at all") : "only " + declared) +
                          "); points are read from 'element vertex N' with properties x, y and z.");
  }
  v.element = e;
  const PlyElement& vertex = h.elements[e];
  v.axis_of.assign(vertex.properties.size(), -1);
  for (int a = 0; a < 3; ++a) {
    // The exact name first; "X" only when there is no "x".
    std::size_t k = 0;
    while (k < vertex.properties.size() && vertex.properties[k].name != kPlyAxisNames[a]) ++k;
    if (k == vertex.properties.size()) {
      k = 0;
      while (k < vertex.properties.size() && !equal_ignoring_case(vertex.properties[k].name, kPlyAxisNames[a])) ++k;
    }
    if (k == vertex.properties.size()) {
      std::string names;
      for (std::size_t j = 0; j < vertex.properties.size() && j < 16; ++j)
        names += (j ? ", " : "") + ply_name(vertex.properties[j].name);
      if (vertex.properties.size() > 16) names += ", …";
      return text_error(
          ErrorCode::MissingColumn, vertex.line, 1,
          std::string("the vertex element has no ") + kPlyAxisNames[a] + " property; " +
              (names.empty() ? std::string("it has no properties at all") : "its properties are " + names) +
              ". Points need x, y and z.");
    }
    if (vertex.properties[k].is_list) {
      return text_error(
          ErrorCode::InvalidFile, vertex.properties[k].line, 1,
          std::string("the vertex property ") + kPlyAxisNames[a] + " is a list; a coordinate is one number.");
    }
    v.property[a] = k;
    v.axis_of[k] = a;
  }
  return v;
}

}  // namespace spherefit
