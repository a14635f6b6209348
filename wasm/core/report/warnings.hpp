// Warnings in words, shared by every kind of fit. Each names what it is about in the user's terms
// (slices, points, contours) and says what to do; lengths carry the user's units label.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/result.hpp"

namespace spherefit {

// What the observations are called in messages.
struct Noun {
  const char* one;
  const char* many;
  const char* capital_one;
  const char* capital_many;
};
inline constexpr Noun kSliceNoun{"slice", "slices", "Slice", "Slices"};
inline constexpr Noun kPointNoun{"point", "points", "Point", "Points"};

// "12.5 mm": a length with six significant digits and the units label, if any.
std::string format_length(double value, const std::string& units);

// "23.670 ± 0.094 mm": the value rounded to two significant digits of its standard uncertainty.
std::string format_with_uncertainty(double value, double u, const std::string& units);

// "(1, 2.5, -3)": a point with ten significant digits per coordinate, for messages.
std::string format_point(const Eigen::Vector3d& p);

// "3, 7, 12 and 4 more": 1-based numbers of the first dozen indices.
std::string index_list(const std::vector<std::size_t>& indices);

Warning exactly_determined(std::size_t used, int parameters, const Noun& noun);
Warning not_converged(int iterations);
Warning weight_column_ignored();
std::optional<Warning> cap_only(const Coverage& coverage, bool radius_fixed, const Noun& noun);
std::optional<Warning> radius_poorly_determined(const std::optional<Uncertainty>& u, double radius, bool radius_fixed);
std::optional<Warning> covariance_overflow(const std::optional<Uncertainty>& u);
std::optional<Warning> set_aside(const std::vector<std::size_t>& rejected, const Noun& noun);
std::optional<Warning> outliers(const std::vector<std::size_t>& suspicious, double factor, bool robust, const Noun& noun);

// How far apart a known radius and the data's own radius are, in the free fit's standard
// uncertainties, beyond which the known radius is said to contradict the data.
inline constexpr double kKnownRadiusLimit = 3.0;
std::optional<Warning> known_radius_contradicts(const KnownRadiusCheck& check, double known, double fixed_rms,
                                                double free_rms, const std::string& units);

}  // namespace spherefit
