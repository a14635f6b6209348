// The data of an ASCII PLY file, element by element: white-space separated words, a record's
// words in property order (usually one record per line, but lines are not required to match
// records), a list as its count followed by its items. The vertex element's x, y, z are read as
// typed (read/tables/number.hpp), with the line each vertex starts on; every other value is skipped
// unread. Errors carry the line and the column in characters.
#pragma once

#include <string_view>

#include "read/meshes/ply_layout.hpp"
#include "read/meshes/text_scan.hpp"

namespace spherefit {

class PlyTextRecords final : public PlyRecords {
 public:
  // The data of bytes start where the header says; points receives the coordinates.
  PlyTextRecords(std::string_view bytes, const PlyHeader& header, PointTable& points);

  std::optional<Error> read(const PlyElement& e, const PlyVertexLayout* vertex) override;
  std::optional<Warning> trailing() override;

 private:
  Error at(ErrorCode code, const Word& w, const std::string& what) const;
  Error cut_short(const PlyElement& e, std::uint64_t index, bool inside) const;
  std::optional<Error> skip_list(const PlyElement& e, std::uint64_t index, const PlyProperty& p, const Word& count);

  std::string_view bytes_;
  TextScan scan_;
  PointTable& points_;
};

}  // namespace spherefit
