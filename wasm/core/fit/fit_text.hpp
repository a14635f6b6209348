// Text in, sphere out: parse_slices then fit_sphere, with an error about one slice moved to the
// line that slice came from, and the parser's warnings ahead of the fit's. The parsed slices come
// back too, so that a caller can show its input without parsing twice.
#pragma once

#include <string_view>

#include "fit/fit.hpp"
#include "read/parse.hpp"

namespace spherefit {

struct TextFit {
  SliceTable slices;
  SphereFit fit;
};

Outcome<TextFit> fit_text(std::string_view text, const FitOptions& options = {});

// Points an error about slice i at the line of text it came from.
Error locate_slice_error(Error error, const SliceTable& table);

}  // namespace spherefit
