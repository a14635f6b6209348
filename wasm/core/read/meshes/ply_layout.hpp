// Where a PLY file's points are: the element named "vertex" and its properties x, y and z (exact
// names first, then any case), whatever their types and wherever they sit among the other
// properties; and how messages name elements and records ("vertex 87 381", "100 000 vertices").
// Also what the two data readers (ply_binary.hpp, ply_text.hpp) have in common.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/points.hpp"
#include "model/status.hpp"
#include "read/meshes/ply_header.hpp"

namespace spherefit {

inline constexpr const char* kPlyAxisNames[3] = {"x", "y", "z"};

struct PlyVertexLayout {
  std::size_t element = 0;       // index of the vertex element in the header
  std::size_t property[3] = {};  // index of x, y, z among its properties
  std::vector<int> axis_of;      // per property: 0, 1, 2 for x, y, z; -1 for the others
};

// The vertex element and its coordinates. Errors (at the header line): InvalidFile when there is
// no vertex element (naming the elements there are) or a coordinate is a list; MissingColumn when
// x, y or z is missing (naming the properties there are).
Outcome<PlyVertexLayout> find_ply_vertex(const PlyHeader& header);

// A name from the header as messages show it: as written when it is plain, quoted otherwise.
std::string ply_name(const std::string& name);
// "100 000 vertices", "1 face": the element's announced count.
std::string ply_announced(const PlyElement& e);
// "vertex 87 381": a record of the element.
std::string ply_record(const PlyElement& e, std::uint64_t index);

// The data after the header, element by element.
class PlyRecords {
 public:
  virtual ~PlyRecords() = default;
  // Reads the records of e; with vertex (the layout, for the vertex element) their coordinates
  // are appended to the point table the reader was made with.
  virtual std::optional<Error> read(const PlyElement& e, const PlyVertexLayout* vertex) = 0;
  // A warning when something other than padding follows the last element.
  virtual std::optional<Warning> trailing() = 0;
};

}  // namespace spherefit
