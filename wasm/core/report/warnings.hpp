// Warnings in words, shared by every kind of fit. Each names what it is about in the user's terms
// (slices, points, contours) and says what to do; lengths carry the user's units label.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/format.hpp"
#include "model/result.hpp"

namespace spherefit {

Warning exactly_determined(std::size_t used, int parameters, const Noun& noun);
Warning not_converged(int iterations);
Warning weight_column_ignored();
std::optional<Warning> cap_only(const Coverage& coverage, bool radius_fixed, const Noun& noun);
std::optional<Warning> radius_poorly_determined(const std::optional<Uncertainty>& u, double radius, bool radius_fixed);
std::optional<Warning> covariance_overflow(const std::optional<Uncertainty>& u);
std::optional<Warning> set_aside(const std::vector<std::size_t>& rejected, const Noun& noun);
std::optional<Warning> outliers(const std::vector<std::size_t>& suspicious, double factor, bool robust,
                                const Noun& noun);

// How far apart a known radius and the data's own radius are, in the free fit's standard
// uncertainties, beyond which the known radius is said to contradict the data.
inline constexpr double kKnownRadiusLimit = 3.0;
std::optional<Warning> known_radius_contradicts(const KnownRadiusCheck& check, double known, double fixed_rms,
                                                double free_rms, const std::string& units);

}  // namespace spherefit
