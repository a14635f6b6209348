#include "fit/fit_text.hpp"

#include <string>

namespace spherefit {

Error locate_slice_error(Error error, const SliceTable& table) {
  if (error.slice < 0 || static_cast<std::size_t>(error.slice) >= table.size()) return error;
  const int line = table.source_line[static_cast<std::size_t>(error.slice)];
  if (line <= 0) return error;
  error.line = line;
  error.column = 1;
  error.message = "Line " + std::to_string(line) + ": " + error.message;
  return error;
}

Outcome<TextFit> fit_text(std::string_view text, const FitOptions& options) {
  Outcome<ParsedSlices> parsed = parse_slices(text);
  if (!parsed.ok()) return parsed.error();
  TextFit out;
  out.slices = std::move(parsed.value().table);
  Outcome<SphereFit> fit = fit_sphere(out.slices.view(), options);
  if (!fit.ok()) return locate_slice_error(fit.error(), out.slices);
  out.fit = std::move(fit.value());
  const auto& notes = parsed.value().warnings;
  out.fit.warnings.insert(out.fit.warnings.begin(), notes.begin(), notes.end());
  return out;
}

}  // namespace spherefit
