#include "read/number.hpp"

#include <cmath>
#include <fast_float/fast_float.h>
#include <string>

namespace spherefit {
namespace {

constexpr std::string_view kUnicodeMinus = "\xE2\x88\x92";

// Where the separators and the exponent are, in one pass (numbers are read by the million).
struct Shape {
  std::size_t comma = std::string_view::npos;
  std::size_t point = std::string_view::npos;
  std::size_t exponent = std::string_view::npos;
  bool non_ascii = false;
};

Shape shape_of(std::string_view s) {
  Shape shape;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.') {
      if (shape.point == std::string_view::npos) shape.point = i;
    } else if (c == ',') {
      if (shape.comma == std::string_view::npos) shape.comma = i;
    } else if (c == 'e' || c == 'E') {
      if (shape.exponent == std::string_view::npos) shape.exponent = i;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      shape.non_ascii = true;
    }
  }
  return shape;
}

}  // namespace

std::optional<TypedNumber> read_number(std::string_view text, bool decimal_comma) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() || text.front() == '+') return std::nullopt;
  const Shape shape = shape_of(text);
  if (shape.non_ascii && text.find(kUnicodeMinus) != std::string_view::npos) {
    // A Unicode minus anywhere a sign may stand (leading, or in the exponent) becomes '-'.
    std::string replaced(text);
    for (std::size_t at = replaced.find(kUnicodeMinus); at != std::string::npos; at = replaced.find(kUnicodeMinus, at)) {
      replaced.replace(at, kUnicodeMinus.size(), "-");
    }
    return read_number(replaced, decimal_comma);
  }
  const bool comma = decimal_comma && shape.comma != std::string_view::npos;
  const fast_float::parse_options options(fast_float::chars_format::general, comma ? ',' : '.');
  TypedNumber n;
  const char* end = text.data() + text.size();
  const auto result = fast_float::from_chars_advanced(text.data(), end, n.value, options);
  if (result.ptr != end) return std::nullopt;
  // Overflow and underflow come back as out of range with the value set to ±inf or ±0.
  if (result.ec != std::errc() && result.ec != std::errc::result_out_of_range) return std::nullopt;
  // How the mantissa was written: digits after the separator, and whether an exponent follows.
  const std::size_t separator = comma ? shape.comma : shape.point;
  n.exponent = shape.exponent != std::string_view::npos;
  if (separator != std::string_view::npos && (!n.exponent || separator < shape.exponent)) {
    n.decimals = static_cast<int>((n.exponent ? shape.exponent : text.size()) - separator - 1);
  }
  return n;
}

}  // namespace spherefit
