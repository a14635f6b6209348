#include "pipeline/fit_text.hpp"

#include "read/tables/columns.hpp"

#include <string>

namespace spherefit {
namespace {

Error at_line(Error error, int line) {
  if (line <= 0) return error;
  error.line = line;
  error.column = 1;
  error.message = "Line " + std::to_string(line) + ": " + error.message;
  return error;
}

}  // namespace

Error locate_error(Error error, const ParsedTable& table) {
  if (error.slice >= 0 && static_cast<std::size_t>(error.slice) < table.slices.source_line.size()) {
    return at_line(std::move(error), table.slices.source_line[static_cast<std::size_t>(error.slice)]);
  }
  if (error.point >= 0 && static_cast<std::size_t>(error.point) < table.points.source_line.size()) {
    return at_line(std::move(error), table.points.source_line[static_cast<std::size_t>(error.point)]);
  }
  return error;
}

Outcome<TextFit> fit_point_file(std::string_view bytes, const FitOptions& options, std::string_view file_name) {
  Outcome<PointFile> read = read_point_file(bytes, file_name);
  if (!read.ok()) return read.error();
  TextFit out;
  out.table.mode = InputMode::Points;
  out.table.points = std::move(read.value().points);
  out.table.warnings = read.value().warnings;
  read.value().points = PointTable{};
  out.file = std::move(read.value());
  Outcome<SphereFit> fit = fit_sphere(out.table.points.view(), options);
  if (!fit.ok()) return locate_error(fit.error(), out.table);
  out.fit = std::move(fit.value());
  out.fit.warnings.insert(out.fit.warnings.begin(), out.table.warnings.begin(), out.table.warnings.end());
  return out;
}

Outcome<TextFit> fit_text(std::string_view text, const FitOptions& options, std::string_view file_name) {
  if (looks_like_point_file(text, file_name)) return fit_point_file(text, options, file_name);
  ParseOptions read;
  read.mode = options.mode;
  read.file_name = file_name;
  Outcome<ParsedTable> parsed = parse_table(text, read);
  if (!parsed.ok()) return parsed.error();
  TextFit out;
  out.table = std::move(parsed.value());
  // The units label never converts: a header in other units than the label says so.
  const std::string& header = out.table.header_units;
  if (!header.empty() && !options.units.empty() && !same_unit(header, options.units)) {
    out.table.warnings.push_back({WarningCode::UnitsDiffer,
                                  "The header gives lengths in " + header + ", but the units label is " + options.units +
                                      ". The label never converts: set it to " + header +
                                      " if that is what the numbers are."});
  }
  if (out.table.mode == InputMode::Points && out.table.points.has_slices()) {
    Outcome<ContourFit> fit = fit_contours(out.table.points, options);
    if (!fit.ok()) return locate_error(fit.error(), out.table);
    out.fit = std::move(fit.value().fit);
    out.contours = std::move(fit.value().details);
  } else {
    Outcome<SphereFit> fit = out.table.mode == InputMode::Circles ? fit_sphere(out.table.slices.view(), options)
                                                                  : fit_sphere(out.table.points.view(), options);
    if (!fit.ok()) return locate_error(fit.error(), out.table);
    out.fit = std::move(fit.value());
  }
  const auto& notes = out.table.warnings;
  out.fit.warnings.insert(out.fit.warnings.begin(), notes.begin(), notes.end());
  return out;
}

}  // namespace spherefit
