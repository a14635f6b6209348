#include "read/file_error.hpp"

namespace spherefit {

std::string grouped(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  if (digits.size() < 4) return digits;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

Error text_error(ErrorCode code, int line, int column, const std::string& what) {
  Error e;
  e.code = code;
  e.line = line;
  e.column = column;
  e.message = "Line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what;
  return e;
}

Error binary_error(ErrorCode code, std::uint64_t offset, const std::string& record, long point, const std::string& what) {
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

std::string quoted(std::string_view word) {
  constexpr std::size_t kMaxCharacters = 40;
  static const char* const kHex = "0123456789ABCDEF";
  std::string out = "'";
  std::size_t characters = 0;
  std::size_t i = 0;
  while (i < word.size() && characters < kMaxCharacters) {
    const auto c = static_cast<unsigned char>(word[i]);
    // Length of a well-formed UTF-8 sequence starting here, 0 when it is not one.
    std::size_t length = c >= 0x20 && c < 0x7F ? 1 : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 4 : 0;
    for (std::size_t k = 1; k < length; ++k)
      if (i + k >= word.size() || (static_cast<unsigned char>(word[i + k]) & 0xC0) != 0x80) length = 0;
    if (length == 0) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      ++i;
    } else {
      out.append(word.substr(i, length));
      i += length;
    }
    ++characters;
  }
  if (i < word.size()) out += "…";
  return out + "'";
}

}  // namespace spherefit
