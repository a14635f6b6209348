// Where a table, a point or mesh file went wrong, said the same way by every reader: "Line 12, column 5: …"
// for text (1-based, the column in characters as an editor counts them) and "Byte 1,048,620,
// vertex 87,381: …" for binary data (0-based byte offset and record, as hex viewers and PLY's face
// indices count them). Numbers of four or more digits are grouped by threes with a comma, as the
// page writes every count, so that a large offset reads at a glance.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/format.hpp"
#include "model/status.hpp"

namespace spherefit {

// An error at a place in text; line and column are 1-based, the column in characters.
Error text_error(ErrorCode code, int line, int column, const std::string& what);

// An error at a byte of binary data. record names the element it is about ("vertex 87 381",
// "triangle 12, vertex 2"; empty for none); point is Error::point, the 0-based vertex as the file
// lists it, or -1 when the error is not about one vertex.
Error binary_error(ErrorCode code, std::uint64_t offset, const std::string& record, long point,
                   const std::string& what);

// An error about the whole file.
Error file_error(ErrorCode code, const std::string& what);

}  // namespace spherefit
