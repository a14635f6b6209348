// Merges the vertices an STL file repeats. STL lists every triangle with its own three corners, so
// a closed surface names each vertex about six times; fitting to that would weight each surface
// point by the number of triangles around it. The writer wrote the same floats each time, so
// exactly equal coordinate triples are one vertex (-0 and +0 are equal; no tolerance: two distinct
// measured points are never merged). A hash table with linear probing keeps it expected linear
// time in the number of vertices, and the first-seen order is kept. Each slot holds its point
// (32 bytes, at most half the slots full: 64 to 128 bytes per distinct vertex while reading), so
// that a lookup is one memory access that can be requested ahead of time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/points.hpp"

namespace spherefit {

class VertexMerger {
 public:
  // Appends to out (whose x, y, z it owns from now on until the merger is gone). expected_unique
  // sizes the table; it grows when more come.
  VertexMerger(PointTable& out, std::size_t expected_unique);

  // Appends each of the n finite points stored as x y z x y z … to the table unless an equal one
  // is there (from before, or earlier in xyz); with lines, the line of each appended point goes
  // to the table's source_line. The table slots of the points a little ahead are requested from
  // memory while the current one is compared, so that the cache misses of a large table overlap
  // instead of queueing. Precondition: fewer than 2^32 - 1 points in the table.
  void add_all(const double* xyz, std::size_t n, const int* lines = nullptr);

 private:
  bool insert(double x, double y, double z, std::uint64_t hash);
  void rebuild(std::size_t capacity);

  struct Slot {
    double x, y, z;
    std::uint32_t index;  // 1 + index into out_, 0 for an empty slot
  };

  PointTable& out_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace spherefit
