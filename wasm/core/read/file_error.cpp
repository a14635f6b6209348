#include "read/file_error.hpp"

namespace spherefit {

Error text_error(ErrorCode code, int line, int column, const std::string& what) {
  Error e;
  e.code = code;
  e.line = line;
  e.column = column;
  e.message = "Line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what;
  return e;
}

Error binary_error(ErrorCode code, std::uint64_t offset, const std::string& record, long point,
                   const std::string& what) {
  Error e;
  e.code = code;
  e.offset = static_cast<long long>(offset);
  e.point = point;
  e.message = "Byte " + grouped(offset) + (record.empty() ? "" : ", " + record) + ": " + what;
  return e;
}

Error file_error(ErrorCode code, const std::string& what) {
  Error e;
  e.code = code;
  e.message = what;
  return e;
}

}  // namespace spherefit
