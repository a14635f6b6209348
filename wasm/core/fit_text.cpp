#include "fit_text.hpp"

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

Outcome<SphereFit> fit_text(std::string_view text, const FitOptions& options) {
  Outcome<ParsedSlices> parsed = parse_slices(text);
  if (!parsed.ok()) return parsed.error();
  Outcome<SphereFit> fit = fit_sphere(parsed.value().table.view(), options);
  if (!fit.ok()) return locate_slice_error(fit.error(), parsed.value().table);
  SphereFit result = std::move(fit.value());
  const auto& notes = parsed.value().warnings;
  result.warnings.insert(result.warnings.begin(), notes.begin(), notes.end());
  return result;
}

}  // namespace spherefit
