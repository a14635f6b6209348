// Text in, sphere out: parse_slices then fit_sphere, with an error about one slice moved to the
// line that slice came from, and the parser's warnings ahead of the fit's.
#pragma once

#include <string_view>

#include "fit.hpp"
#include "parse.hpp"

namespace spherefit {

Outcome<SphereFit> fit_text(std::string_view text, const FitOptions& options = {});

// Points an error about slice i at the line of text it came from.
Error locate_slice_error(Error error, const SliceTable& table);

}  // namespace spherefit
