#include "read/tables/number.hpp"

#include <cmath>
#include <cstdint>
#include <fast_float/fast_float.h>
#include <string>

namespace spherefit {
namespace {

constexpr std::string_view kUnicodeMinus = "\xE2\x88\x92";

// How the mantissa was written: digits after the separator, and whether an exponent follows.
void describe_digits(std::string_view s, char separator, TypedNumber& n) {
  int decimals = -1;
  for (char c : s) {
    if (c == 'e' || c == 'E') {
      n.exponent = true;
      break;
    }
    if (decimals >= 0)
      ++decimals;
    else if (c == separator)
      decimals = 0;
  }
  n.decimals = decimals < 0 ? 0 : decimals;
}

}  // namespace

namespace {

std::optional<TypedNumber> parse_with(std::string_view text, char separator, TypedNumber n) {
  const fast_float::parse_options options(fast_float::chars_format::general, separator);
  const char* end = text.data() + text.size();
  const auto result = fast_float::from_chars_advanced(text.data(), end, n.value, options);
  if (result.ptr != end) return std::nullopt;
  // Overflow and underflow come back as out of range with the value set to ±inf or ±0.
  if (result.ec != std::errc() && result.ec != std::errc::result_out_of_range) return std::nullopt;
  return n;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Clinger's fast path (1990): a decimal with at most 15 significant digits is m / 10^k with m and
// 10^k (k ≤ 22) exact doubles, so one correctly rounded division gives the correctly rounded
// value — the same double fast_float returns, in a fraction of the work. Nothing when the text is
// not of that simple form [−]digits[sep digits].
std::optional<double> simple_decimal(std::string_view text, char separator) {
  static constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  std::size_t i = 0;
  const bool negative = text.front() == '-';
  if (negative) ++i;
  std::uint64_t m = 0;
  int digits = 0, decimals = -1;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      if (m != 0 || c != '0') ++digits;
      m = 10 * m + static_cast<std::uint64_t>(c - '0');
      if (decimals >= 0) ++decimals;
    } else if (c == separator && decimals < 0) {
      decimals = 0;
    } else {
      return std::nullopt;
    }
    if (digits > 15) return std::nullopt;
  }
  if (decimals < 0) decimals = 0;
  if (decimals > 22) return std::nullopt;
  const double value = static_cast<double>(m) / kPowers[decimals];
  return negative ? -value : value;
}

}  // namespace

std::optional<TypedNumber> read_number(std::string_view text, bool decimal_comma) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() || text.front() == '+') return std::nullopt;
  // The common case, read from the end: digits, then the decimal separator or the start.
  if (text.front() != '\xE2') {
    std::size_t j = text.size();
    while (j > 0 && is_digit(text[j - 1])) --j;
    TypedNumber n;
    char separator = 0;
    if (j == 0 || (j == 1 && text.front() == '-')) {
      separator = '.';
    } else if (text[j - 1] == '.' || (text[j - 1] == ',' && decimal_comma)) {
      separator = text[j - 1];
      n.decimals = static_cast<int>(text.size() - j);
    }
    if (separator != 0) {
      if (const auto value = simple_decimal(text, separator)) {
        n.value = *value;
        return n;
      }
      return parse_with(text, separator, n);
    }
  }
  // Exponents, a Unicode minus (U+2212, leading or in the exponent), and anything unusual.
  std::string replaced;
  if (text.find(kUnicodeMinus) != std::string_view::npos) {
    replaced.assign(text);
    for (std::size_t at = replaced.find(kUnicodeMinus); at != std::string::npos;
         at = replaced.find(kUnicodeMinus, at)) {
      replaced.replace(at, kUnicodeMinus.size(), "-");
    }
    text = replaced;
  }
  if (text.empty() || text.front() == '+') return std::nullopt;
  const char separator = decimal_comma && text.find(',') != std::string_view::npos ? ',' : '.';
  TypedNumber n;
  describe_digits(text, separator, n);
  return parse_with(text, separator, n);
}

}  // namespace spherefit
