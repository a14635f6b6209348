#include "pipeline/fit_text.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "model/format.hpp"
#include "pipeline/shape_check.hpp"
#include "read/sniff.hpp"
#include "read/tables/columns.hpp"
#include "read/volumes/volume.hpp"

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
  if (options.spheres == SphereCount::All) {
    Outcome<SpheresFit> spheres = fit_point_spheres(out.table.points.view(), options);
    if (!spheres.ok()) return spheres.error();
    out.spheres = std::move(spheres.value());
    auto& w = out.spheres->set.warnings;
    w.insert(w.begin(), out.table.warnings.begin(), out.table.warnings.end());
    return out;
  }
  Outcome<SphereFit> fit = fit_sphere(out.table.points.view(), options);
  if (!fit.ok()) return locate_error(fit.error(), out.table);
  out.fit = std::move(fit.value());
  if (auto e = check_shape(out.table.points.view(), out.fit, options, out.fit)) return *e;
  out.fit.warnings.insert(out.fit.warnings.begin(), out.table.warnings.begin(), out.table.warnings.end());
  return out;
}

namespace {

// A headerless table read as circles by its column count (ParsedTable::circles_guessed) whose
// circles fit badly while its first three columns fit a sphere well as points is a point cloud
// with an attribute column (x y z intensity): then the point fit is kept. "Badly": the circle fit
// failed, or its radius is uncertain by more than a tenth of itself, or its RMS is more than 1 %
// of its radius and five times the points' relative RMS;
// "well": the points' RMS is within 2 % of their radius (5 % when the file's name says a
// scanner's list). Well-measured slice circles fit to a fraction of a percent, and their centres
// lie on a line (parallel slices) or scatter off any sphere, so they stay circles.
struct GuessedPoints {
  ParsedTable table;
  SphereFit fit;
};

std::optional<GuessedPoints> points_fitting_better(const ParsedTable& circles, const Outcome<SphereFit>& circle_fit,
                                                   const FitOptions& options) {
  constexpr double kBadCircles = 0.01;
  const bool fitted = circle_fit.ok() && circle_fit.value().radius > 0;
  const double circle_rms =
      fitted ? circle_fit.value().rms / circle_fit.value().radius : std::numeric_limits<double>::infinity();
  // A radius known to no better than a tenth of itself is no sphere either (R = 940 ± 890).
  const double circle_u = fitted && circle_fit.value().uncertainty
                              ? circle_fit.value().uncertainty->std_error(3) / circle_fit.value().radius
                          : fitted ? 0.0
                                   : std::numeric_limits<double>::infinity();
  if (circle_rms <= kBadCircles && !(circle_u > 0.1)) return std::nullopt;
  GuessedPoints out{circles, {}};
  read_circles_as_points(out.table, "");
  FitOptions point_options = options;
  point_options.mode = InputMode::Points;
  if (point_options.weights == WeightMode::Column) point_options.weights = WeightMode::Uniform;
  Outcome<SphereFit> fit = fit_sphere(out.table.points.view(), point_options);
  if (!fit.ok() || !(fit.value().radius > 0)) return std::nullopt;
  const double point_rms = fit.value().rms / fit.value().radius;
  const double good = circles.points_hinted ? 0.05 : 0.02;
  if (!(point_rms <= good) || !(point_rms * 5 < circle_rms || circle_u > 0.1)) return std::nullopt;
  out.table.warnings.pop_back();  // the placeholder; the real reason follows
  out.table.warnings.push_back(
      {WarningCode::ReadAsPoints,
       "The table has no header and 4 or more columns, which would be circles x, y, z, r: but as circles " +
           std::string(fitted ? "they fit a sphere badly (RMS " + format_number(100 * circle_rms) +
                                    " % of the radius R = " + format_number(circle_fit.value().radius) +
                                    (circle_u > 0 ? " ± " + format_number(circle_u * circle_fit.value().radius)
                                                  : std::string()) +
                                    ")"
                              : "they give no sphere (" + std::string(error_code_name(circle_fit.error().code)) + ")") +
           ", while the first three columns fit one as points (RMS " + format_number(100 * point_rms) +
           " % of the radius). They are read as points x, y, z; the other columns (an intensity or scalar field) are "
           "ignored. Add a header (x, y, z, r) if these are circles."});
  out.fit = std::move(fit.value());
  return out;
}

// Bytes of a volume (NRRD, NIfTI, MetaImage) or a DICOM file that reached the text reader: its
// own error, or a word that it is to be opened as a volume.
std::optional<Error> volume_as_text(std::string_view text, std::string_view file_name) {
  const FileKind kind = sniff_file(text.substr(0, 64 * 1024), file_name);
  if (kind != FileKind::Volume && kind != FileKind::Dicom) return std::nullopt;
  if (kind == FileKind::Volume) {
    const Outcome<VolumeInfo> header =
        read_volume_header(text.substr(0, kVolumeHeadBytes), file_name, static_cast<std::int64_t>(text.size()));
    if (!header.ok()) return header.error();
    return Error{ErrorCode::BinaryInput, std::string("This is a ") +
                                             name_of(kVolumeFormatNames, header.value().format) +
                                             " volume, not a text table: open it as a volume file."};
  }
  return Error{ErrorCode::BinaryInput, "This is a DICOM file, not a text table: open the DICOM series as a volume."};
}

// The rows of one object, as a table of their own (lines and formats kept; slice ids renumbered).
ParsedTable object_rows(const ParsedTable& table, std::int32_t object) {
  ParsedTable out;
  out.mode = table.mode;
  out.header_units = table.header_units;
  out.slices.has_normals = table.slices.has_normals;
  out.slices.has_weights = table.slices.has_weights;
  std::copy(std::begin(table.slices.format), std::end(table.slices.format), std::begin(out.slices.format));
  std::copy(std::begin(table.points.format), std::end(table.points.format), std::begin(out.points.format));
  const PointTable& p = table.points;
  const SliceColumnsView circles = table.slices.view();
  std::vector<std::int32_t> renumber(p.slice_names.size(), -1);
  for (std::size_t i = 0; i < table.object.size(); ++i) {
    if (table.object[i] != object) continue;
    if (table.mode == InputMode::Circles) {
      out.slices.add(circles.circle(i), table.slices.source_line.empty() ? 0 : table.slices.source_line[i]);
      continue;
    }
    PointTable& q = out.points;
    q.x.push_back(p.x[i]);
    q.y.push_back(p.y[i]);
    q.z.push_back(p.z[i]);
    if (!p.source_line.empty()) q.source_line.push_back(p.source_line[i]);
    if (p.has_slices()) {
      const auto c = static_cast<std::size_t>(p.slice[i]);
      if (renumber[c] < 0) {
        renumber[c] = static_cast<std::int32_t>(q.slice_names.size());
        q.slice_names.push_back(p.slice_names[c]);
        if (!p.slice_normals.empty()) q.slice_normals.push_back(p.slice_normals[c]);
      }
      q.slice.push_back(renumber[c]);
    }
  }
  return out;
}

std::vector<ObservationGroup> object_groups(const ParsedTable& table) {
  std::vector<ObservationGroup> groups;
  for (std::size_t k = 0; k < table.object_names.size(); ++k) {
    ParsedTable rows = object_rows(table, static_cast<std::int32_t>(k));
    ObservationGroup g;
    g.label = table.object_names[k];
    g.circles = std::move(rows.slices);
    g.points = std::move(rows.points);
    groups.push_back(std::move(g));
  }
  return groups;
}

// Every sphere of a table: its objects, or (without an object column) the spheres found among its
// points, or its circles as one sphere.
Outcome<SpheresFit> fit_table_spheres(const ParsedTable& table, const FitOptions& options) {
  if (!table.object_names.empty()) return fit_groups(object_groups(table), options);
  if (table.mode == InputMode::Points) return fit_point_spheres(table.points.view(), options);
  ObservationGroup all;
  all.circles = table.slices;
  return fit_groups({all}, options);
}

}  // namespace

Outcome<TextFit> fit_text(std::string_view text, const FitOptions& options, std::string_view file_name) {
  if (looks_like_point_file(text, file_name)) return fit_point_file(text, options, file_name);
  if (auto e = volume_as_text(text, file_name)) return *e;
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
    out.table.warnings.push_back({WarningCode::UnitsDiffer, "The header gives lengths in " + header +
                                                                ", but the units label is " + options.units +
                                                                ". The label never converts: set it to " + header +
                                                                " if that is what the numbers are."});
  }
  if (options.spheres == SphereCount::All) {
    Outcome<SpheresFit> spheres = fit_table_spheres(out.table, options);
    if (!spheres.ok()) return locate_error(spheres.error(), out.table);
    out.spheres = std::move(spheres.value());
    auto& w = out.spheres->set.warnings;
    w.insert(w.begin(), out.table.warnings.begin(), out.table.warnings.end());
    return out;
  }
  if (out.table.object_names.size() > 1) {
    // One sphere asked for, several objects given: the most sphere-like object, and a word.
    const SpheresFit all = fit_groups(object_groups(out.table), options);
    const std::size_t chosen = most_spherical(all.set);
    const Warning note = several_groups(all.set, chosen, "objects");
    std::vector<Warning> kept = out.table.warnings;
    kept.push_back(note);
    out.table = object_rows(out.table, static_cast<std::int32_t>(chosen));
    out.table.warnings = std::move(kept);
  }
  if (out.table.mode == InputMode::Points && out.table.points.has_slices()) {
    Outcome<ContourFit> fit = fit_contours(out.table.points, options);
    if (!fit.ok()) return locate_error(fit.error(), out.table);
    out.fit = std::move(fit.value().fit);
    out.contours = std::move(fit.value().details);
  } else {
    Outcome<SphereFit> fit = out.table.mode == InputMode::Circles ? fit_sphere(out.table.slices.view(), options)
                                                                  : fit_sphere(out.table.points.view(), options);
    if (out.table.circles_guessed && options.mode == InputMode::Auto) {
      if (std::optional<GuessedPoints> points = points_fitting_better(out.table, fit, options)) {
        out.table = std::move(points->table);
        fit = std::move(points->fit);
      }
    }
    if (!fit.ok()) return locate_error(fit.error(), out.table);
    out.fit = std::move(fit.value());
    if (out.table.mode == InputMode::Circles) {
      if (auto e = shape_needs_points(options)) return *e;
    } else if (auto e = check_shape(out.table.points.view(), out.fit, options, out.fit)) {
      return *e;
    }
  }
  const auto& notes = out.table.warnings;
  out.fit.warnings.insert(out.fit.warnings.begin(), notes.begin(), notes.end());
  return out;
}

}  // namespace spherefit
