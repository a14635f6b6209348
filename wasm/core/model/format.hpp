// How numbers and words from the data appear in the core's messages, in one place: counts grouped
// by threes ("1,048,620", as the page writes every count), lengths with their units label, values
// rounded to their uncertainty (GUM 7.2.6), points, lists of 1-based indices, and a word from a
// file quoted so that binary garbage cannot garble the page.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spherefit {

// What the observations are called in messages (and, through the vocabulary, in the page).
struct Noun {
  const char* one;
  const char* many;
  const char* capital_one;
  const char* capital_many;
};
inline constexpr Noun kSliceNoun{"slice", "slices", "Slice", "Slices"};
inline constexpr Noun kPointNoun{"point", "points", "Point", "Points"};

// "1,048,620" for 1048620; "999" for 999.
std::string grouped(std::uint64_t n);

// A word from the file, quoted for a message: at most 40 characters, control bytes and bytes
// that are not UTF-8 text shown as \xNN.
std::string quoted(std::string_view word);

// A short decimal form for messages (up to 6 significant digits).
std::string format_number(double value);

// "512 × 512 × 400"
std::string format_size(const std::array<std::int64_t, 3>& size);

// A length for a message: 6 significant digits and the units label ("12.7003 mm").
std::string format_length(double value, const std::string& units);

// A value rounded to its standard uncertainty's two significant digits ("12.70014 ± 0.00049 mm").
std::string format_with_uncertainty(double value, double u, const std::string& units);

// "(x, y, z)" with 10 significant digits.
std::string format_point(const Eigen::Vector3d& p);

// "3, 7, 12 and 4 more": 1-based, at most 12 shown.
std::string index_list(const std::vector<std::size_t>& indices);

}  // namespace spherefit
