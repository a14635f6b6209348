// What a user needs besides the sphere, for slice circles: per-slice residuals, offsets and
// heights, the RMS distance, coverage, the form error about the centre, and warnings in words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fit/circles/slice_residuals.hpp"
#include "fit/circles/work_set.hpp"
#include "model/result.hpp"
#include "report/fit_summary.hpp"

namespace spherefit {

// The result in user units, with residuals for every slice (rejected ones too).
SphereFit describe_circle_fit(const WorkSet& set, const std::vector<std::uint8_t>& use, const FitSummary& summary);

}  // namespace spherefit
