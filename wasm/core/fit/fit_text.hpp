// Text in, sphere out: parse_table then fit_sphere on the circles or points it found (or
// fit_contours when the points carry slice ids), with an
// error about one slice or point moved to the line it came from, and the parser's warnings ahead
// of the fit's. The parsed table comes back too, so that a caller can show its input without
// parsing twice.
#pragma once

#include <string_view>

#include "fit/contours.hpp"
#include "fit/fit.hpp"
#include "read/parse.hpp"

namespace spherefit {

struct TextFit {
  ParsedTable table;
  SphereFit fit;
  std::optional<ContourDetails> contours;  // when the points are slice contours
};

// file_name is a hint for the reader (see ParseOptions); options.mode may force circles or points.
Outcome<TextFit> fit_text(std::string_view text, const FitOptions& options = {}, std::string_view file_name = {});

// Points an error about slice or point i at the line of text it came from.
Error locate_error(Error error, const ParsedTable& table);

}  // namespace spherefit
