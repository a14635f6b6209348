#include "model/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

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

std::string quoted(std::string_view word) {
  constexpr std::size_t kMaxCharacters = 40;
  static const char* const kHex = "0123456789ABCDEF";
  std::string out = "'";
  std::size_t characters = 0;
  std::size_t i = 0;
  while (i < word.size() && characters < kMaxCharacters) {
    const auto c = static_cast<unsigned char>(word[i]);
    // Length of a well-formed UTF-8 sequence starting here, 0 when it is not one.
    std::size_t length = c >= 0x20 && c < 0x7F             ? 1
                         : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 2
                         : (c & 0xF0) == 0xE0              ? 3
                         : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 4
                                                           : 0;
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

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

std::string format_size(const std::array<std::int64_t, 3>& size) {
  return std::to_string(size[0]) + " × " + std::to_string(size[1]) + " × " + std::to_string(size[2]);
}

std::string format_length(double value, const std::string& units) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return units.empty() ? std::string(buffer) : std::string(buffer) + " " + units;
}

std::string format_with_uncertainty(double value, double u, const std::string& units) {
  const std::string unit = units.empty() ? "" : " " + units;
  char buffer[96];
  if (!(u > 0.0) || !std::isfinite(u)) return format_length(value, units);
  // Two significant digits of u, and the value to the same decimal place (GUM 7.2.6).
  const int decimals = 1 - static_cast<int>(std::floor(std::log10(u)));
  if (decimals > 15) {
    std::snprintf(buffer, sizeof buffer, "%.10g ± %.2g", value, u);
  } else if (decimals < 0 && std::abs(value) < u) {
    // Rounding to u's tens or coarser would round the value's own digits away (163894 ± 1.8e+08 as
    // 0): both with two significant digits.
    std::snprintf(buffer, sizeof buffer, "%.2g ± %.2g", value, u);
  } else if (decimals < 0) {
    const double step = std::pow(10.0, -decimals);
    std::snprintf(buffer, sizeof buffer, "%.0f ± %.0f", std::round(value / step) * step, std::round(u / step) * step);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.*f ± %.*f", decimals, value, decimals, u);
  }
  return buffer + unit;
}

std::string format_point(const Eigen::Vector3d& p) {
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, "(%.10g, %.10g, %.10g)", p.x(), p.y(), p.z());
  return buffer;
}

std::string index_list(const std::vector<std::size_t>& indices) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(indices.size(), 12);
  for (std::size_t k = 0; k < shown; ++k) {
    if (k > 0) out += ", ";
    out += std::to_string(indices[k] + 1);
  }
  if (indices.size() > shown) out += " and " + grouped(indices.size() - shown) + " more";
  return out;
}

}  // namespace spherefit
