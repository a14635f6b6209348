#include "read/number.hpp"

#include <cmath>
#include <fast_float/fast_float.h>
#include <string>

namespace spherefit {
namespace {

constexpr std::string_view kUnicodeMinus = "\xE2\x88\x92";

// How the mantissa was written: digits after the separator, and whether an exponent follows.
void describe_digits(std::string_view s, char separator, TypedNumber& n) {
  const std::size_t point = s.find(separator);
  const std::size_t e = s.find_first_of("eE");
  n.exponent = e != std::string_view::npos;
  if (point != std::string_view::npos && (e == std::string_view::npos || point < e)) {
    n.decimals = static_cast<int>((e == std::string_view::npos ? s.size() : e) - point - 1);
  }
}

}  // namespace

std::optional<TypedNumber> read_number(std::string_view text, bool decimal_comma) {
  // A Unicode minus anywhere a sign may stand (leading, or in the exponent) becomes '-'.
  std::string replaced;
  if (text.find(kUnicodeMinus) != std::string_view::npos) {
    replaced.assign(text);
    for (std::size_t at = replaced.find(kUnicodeMinus); at != std::string::npos; at = replaced.find(kUnicodeMinus, at)) {
      replaced.replace(at, kUnicodeMinus.size(), "-");
    }
    text = replaced;
  }
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() || text.front() == '+') return std::nullopt;
  const char separator = decimal_comma && text.find(',') != std::string_view::npos ? ',' : '.';
  const fast_float::parse_options options(fast_float::chars_format::general, separator);
  TypedNumber n;
  const char* end = text.data() + text.size();
  const auto result = fast_float::from_chars_advanced(text.data(), end, n.value, options);
  if (result.ptr != end) return std::nullopt;
  // Overflow and underflow come back as out of range with the value set to ±inf or ±0.
  if (result.ec != std::errc() && result.ec != std::errc::result_out_of_range) return std::nullopt;
  describe_digits(text, separator, n);
  return n;
}

}  // namespace spherefit
