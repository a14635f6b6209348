// The data of a binary PLY file (binary_little_endian or binary_big_endian), element by element:
// the vertex element's x, y, z in one straight loop when its records have a fixed size (the usual
// case), record by record when they hold lists; every other element skipped, as one jump when its
// records have a fixed size. Every count is checked against the bytes that are left before
// anything is reserved. Errors carry the byte offset and the record ("vertex 87 381").
#pragma once

#include <cstddef>
#include <string_view>

#include "read/meshes/ply_layout.hpp"

namespace spherefit {

struct PlyRun;
struct PlyRecordPlan;

class PlyBinaryRecords final : public PlyRecords {
 public:
  // The data begin at byte start of bytes; points receives the coordinates.
  PlyBinaryRecords(std::string_view bytes, std::size_t start, bool big_endian, PointTable& points);

  std::optional<Error> read(const PlyElement& e, const PlyVertexLayout* vertex) override;
  std::optional<Warning> trailing() override;

 private:
  std::size_t left() const { return size_ - pos_; }
  std::optional<Error> skip(const PlyElement& e);
  std::optional<Error> read_fixed_vertices(const PlyElement& e, const PlyVertexLayout& v);
  std::optional<Error> read_listed_vertices(const PlyElement& e, const PlyVertexLayout& v);
  std::optional<Error> walk_record(const PlyElement& e, const PlyRecordPlan& plan, std::uint64_t index, long point,
                                   double xyz[3], std::size_t at[3]);
  Error cut_short(const PlyElement& e, std::uint64_t index, bool inside) const;
  Error bad_count(const PlyElement& e, const PlyRun& run, std::uint64_t index, long point, std::int64_t n) const;

  const unsigned char* data_;
  std::size_t size_;
  std::size_t pos_;
  bool big_;
  PointTable& points_;
};

}  // namespace spherefit
