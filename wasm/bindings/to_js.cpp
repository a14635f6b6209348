#include "to_js.hpp"

#include "shape_to_js.hpp"

#include "fit/circles/circle_distance.hpp"
#include "read/sniff.hpp"
#include "read/options.hpp"
#include "read/volumes/volume.hpp"

namespace spherefit::bindings {
namespace {

template <class E, std::size_t N>
val names(const NamedValue<E> (&table)[N]) {
  val out = val::array();
  for (const NamedValue<E>& entry : table) out.call<void>("push", std::string(entry.name));
  return out;
}

// The option tables (model/options.hpp) with each option's default, as FitOptions{} and
// VolumeSelection{} hold it (null: not given).
template <std::size_t N>
val option_specs(const OptionSpec (&specs)[N], bool fit) {
  const FitOptions defaults;
  const VolumeSelection selection;
  val out = val::array();
  for (const OptionSpec& s : specs) {
    val item = val::object();
    const std::string name = s.name;
    item.set("name", name);
    item.set("kind", std::string(name_of(kOptionKindNames, s.kind)));
    item.set("what", std::string(s.what));
    if (s.choices != nullptr) item.set("choices", std::string(s.choices));
    if (s.kind == OptionKind::Count) {
      item.set("min", s.min);
      item.set("max", s.max);
    }
    if (s.kind == OptionKind::Text) item.set("maxLength", s.max);
    val d = val::null();
    if (fit) {
      if (name == "weights") d = val(std::string(name_of(kWeightModeNames, defaults.weights)));
      if (name == "mode") d = val(std::string(name_of(kInputModeNames, defaults.mode)));
      if (name == "fitType") d = val(std::string(name_of(kFitTypeNames, defaults.fit_type)));
      if (name == "robust") d = val(defaults.robust);
      if (name == "maxIterations") d = val(defaults.max_iterations);
      if (name == "spheres") d = val(std::string(name_of(kSphereCountNames, defaults.spheres)));
      if (name == "distances") d = val(std::string(name_of(kDistancePairsNames, defaults.distances)));
      if (name == "minCapAngle") d = val(defaults.min_cap_angle_deg);
      if (name == "shape") d = val(std::string(name_of(kShapeNames, defaults.shape)));
    } else if (name == "axis") {
      d = val(selection.axis);
    }
    item.set("default", d);
    out.call<void>("push", item);
  }
  return out;
}

}  // namespace

val number_array(const double* values, int n) {
  val out = val::array();
  for (int k = 0; k < n; ++k) out.call<void>("push", values[k]);
  return out;
}

val vector3(const Eigen::Vector3d& v) { return number_array(v.data(), 3); }

val warning_list(const std::vector<Warning>& warnings) {
  val out = val::array();
  for (const Warning& w : warnings) {
    val item = val::object();
    item.set("code", std::string(warning_code_name(w.code)));
    item.set("message", w.message);
    out.call<void>("push", item);
  }
  return out;
}

val failure(const Error& e) {
  val error = val::object();
  error.set("code", std::string(error_code_name(e.code)));
  error.set("message", e.message);
  if (e.line > 0) {
    error.set("line", e.line);
    error.set("column", e.column);
  }
  if (e.offset >= 0) error.set("offset", static_cast<double>(e.offset));
  if (e.slice >= 0) error.set("slice", static_cast<double>(e.slice));
  if (e.point >= 0) error.set("point", static_cast<double>(e.point));
  if (!e.notes.empty()) {
    val notes = val::array();
    for (const std::string& n : e.notes) notes.call<void>("push", n);
    error.set("notes", notes);
  }
  val out = val::object();
  out.set("ok", false);
  out.set("error", error);
  return out;
}

val failure(ErrorCode code, const std::string& message) { return failure(Error{code, message}); }

val uncertainty_value(const std::optional<Uncertainty>& u, bool radius_fixed) {
  if (!u) return val::null();
  val out = val::object();
  out.set("center", number_array(u->std_error.data(), 3));
  out.set("radius", radius_fixed ? val::null() : val(u->std_error(3)));
  return out;
}

val uncertainty_value(const SphereFit& f) { return uncertainty_value(f.uncertainty, f.radius_fixed); }

val least_squares_value(const SphereFit& f) {
  if (!f.least_squares) return val::null();
  val out = val::object();
  out.set("center", vector3(f.least_squares->center));
  out.set("radius", f.least_squares->radius);
  out.set("stdErr", uncertainty_value(f.least_squares->uncertainty, f.radius_fixed));
  return out;
}

val covariance_value(const SphereFit& f) {
  if (!f.uncertainty || !f.uncertainty->covariance) return val::null();
  val rows = val::array();
  for (int i = 0; i < 4; ++i) {
    const Eigen::Vector4d row = f.uncertainty->covariance->row(i);
    rows.call<void>("push", number_array(row.data(), 4));
  }
  return rows;
}

val ellipsoid_value(const SphereFit& f) {
  if (!f.uncertainty) return val::null();
  const ConfidenceEllipsoid& e = f.uncertainty->ellipsoid;
  val out = val::object();
  out.set("level", 0.95);
  out.set("semiAxes", vector3(e.semi_axes));
  val axes = val::array();
  for (int k = 0; k < 3; ++k) axes.call<void>("push", vector3(e.axes.col(k)));
  out.set("axes", axes);
  return out;
}

val form_value(const FormResult& form) {
  val out = val::object();
  out.set("error", form.form_error);
  out.set("innerRadius", form.inner_radius);
  out.set("outerRadius", form.outer_radius);
  val contacts = val::array();
  for (const Contact& c : form.contacts) {
    val item = val::object();
    item.set("index", static_cast<double>(c.index));
    item.set("side", c.side > 0 ? "outer" : "inner");
    item.set("point", vector3(c.point));
    item.set("multiplier", c.multiplier);
    contacts.call<void>("push", item);
  }
  out.set("contacts", contacts);
  out.set("maxViolation", form.max_violation);
  out.set("optimalityGap", form.optimality_gap);
  out.set("unique", form.unique);
  return out;
}

val coverage_value(const Coverage& c) {
  val out = val::object();
  out.set("minLatitude", c.min_latitude_deg);
  out.set("maxLatitude", c.max_latitude_deg);
  out.set("areaFraction", c.area_fraction);
  out.set("capOnly", c.cap_only);
  return out;
}

val known_radius_value(const SphereFit& f) {
  if (!f.known_radius_check) return val::null();
  val out = val::object();
  out.set("freeRadius", f.known_radius_check->free_radius);
  out.set("freeStdErr",
          f.known_radius_check->free_std_error > 0.0 ? val(f.known_radius_check->free_std_error) : val::null());
  out.set("z", f.known_radius_check->free_std_error > 0.0 ? val(f.known_radius_check->z) : val::null());
  return out;
}

// A result; with_columns false leaves out the per-observation arrays (a second fit's summary).
val success(const SphereFit& f, bool with_columns) {
  val out = val::object();
  out.set("ok", true);
  out.set("mode", std::string(name_of(kFitModeNames, f.mode)));
  out.set("fitType", std::string(name_of(kFitTypeNames, f.fit_type)));
  out.set("center", vector3(f.center));
  out.set("radius", f.radius);
  out.set("radiusFixed", f.radius_fixed);
  out.set("stdErr", uncertainty_value(f));
  out.set("covariance", covariance_value(f));
  out.set("confidenceEllipsoid", ellipsoid_value(f));
  out.set("rms", f.rms);
  out.set("maxAbsResidual", f.max_abs_residual);
  if (with_columns) {
    out.set("residuals", typed_copy("Float64Array", f.residuals));
    out.set("inlier", typed_copy("Uint8Array", f.inlier));
    if (f.mode != FitMode::Points) {
      out.set("offsets", typed_copy("Float64Array", f.offsets));
      out.set("heights", typed_copy("Float64Array", f.heights));
    }
  }
  out.set("iterations", f.iterations);
  out.set("coverage", coverage_value(f.coverage));
  out.set("form", form_value(f.form));
  out.set("knownRadiusCheck", known_radius_value(f));
  out.set("leastSquares", least_squares_value(f));
  out.set("shape", std::string(name_of(kShapeNames, f.shape)));
  out.set("shapeVerdict", f.shape_verdict ? shape_verdict_value(*f.shape_verdict) : val::null());
  out.set("ellipsoid", f.ellipsoid ? fitted_ellipsoid_value(*f.ellipsoid, with_columns) : val::null());
  out.set("warnings", warning_list(f.warnings));
  return out;
}

val format_value(const ColumnFormat& f) {
  val out = val::object();
  out.set("decimals", f.decimals);
  out.set("exponent", f.exponent);
  return out;
}

// The slices as parsed, with the line each came from, how each column was typed, and each plane's
// in-plane basis (u, v) as the core defines it, so a view draws the circles the fit saw.
val slice_columns(const SliceTable& t) {
  val slices = val::object();
  slices.set("x", typed_copy("Float64Array", t.x));
  slices.set("y", typed_copy("Float64Array", t.y));
  slices.set("z", typed_copy("Float64Array", t.z));
  slices.set("r", typed_copy("Float64Array", t.r));
  if (t.has_normals) {
    slices.set("nx", typed_copy("Float64Array", t.nx));
    slices.set("ny", typed_copy("Float64Array", t.ny));
    slices.set("nz", typed_copy("Float64Array", t.nz));
  }
  if (t.has_weights) slices.set("w", typed_copy("Float64Array", t.w));
  slices.set("line", typed_copy("Int32Array", t.source_line));
  std::vector<double> u(3 * t.size()), v(3 * t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Eigen::Vector3d n = Eigen::Vector3d(t.nx[i], t.ny[i], t.nz[i]).normalized();
    const PlaneBasis basis = plane_basis(n);
    for (int k = 0; k < 3; ++k) {
      u[3 * i + k] = basis.u(k);
      v[3 * i + k] = basis.v(k);
    }
  }
  slices.set("u", typed_copy("Float64Array", u));
  slices.set("v", typed_copy("Float64Array", v));
  val formats = val::object();
  static const char* const kNames[8] = {"x", "y", "z", "r", "nx", "ny", "nz", "w"};
  for (int k = 0; k < 8; ++k) formats.set(kNames[k], format_value(t.format[k]));
  slices.set("format", formats);
  return slices;
}

// The points as read, with the line each came from (text) and how x, y, z were typed.
val point_columns(const PointTable& t) {
  val points = val::object();
  points.set("x", typed_copy("Float64Array", t.x));
  points.set("y", typed_copy("Float64Array", t.y));
  points.set("z", typed_copy("Float64Array", t.z));
  if (t.has_slices()) {
    points.set("slice", typed_copy("Int32Array", t.slice));
    val names = val::array();
    for (const std::string& n : t.slice_names) names.call<void>("push", n);
    points.set("sliceNames", names);
  }
  if (!t.source_line.empty()) points.set("line", typed_copy("Int32Array", t.source_line));
  val formats = val::object();
  static const char* const kNames[3] = {"x", "y", "z"};
  for (int k = 0; k < 3; ++k) formats.set(kNames[k], format_value(t.format[k]));
  points.set("format", formats);
  return points;
}

// What a reader found: { mode: 'circles', slices } or { mode: 'points', points }.
void set_table(val& out, const ParsedTable& table) {
  if (table.mode == InputMode::Circles) {
    out.set("slices", slice_columns(table.slices));
  } else {
    out.set("points", point_columns(table.points));
  }
}

// A contour fit's extras: the circles it derived (with each one's RMS, point count and contour
// name), each point's distance from the sphere, the direct point fit and how far apart they are.
void set_contours(val& out, const ContourDetails& d, const PointTable& points) {
  val slices = slice_columns(d.circles.circles);
  slices.set("rms", typed_copy("Float64Array", d.circles.rms));
  slices.set("count", typed_copy("Int32Array", d.circles.point_count));
  slices.set("contour", typed_copy("Int32Array", d.circles.contour));
  val names = val::array();
  for (std::int32_t c : d.circles.contour) names.call<void>("push", points.slice_names[static_cast<std::size_t>(c)]);
  slices.set("name", names);
  out.set("slices", slices);
  out.set("points", point_columns(points));
  out.set("pointResiduals", typed_copy("Float64Array", d.point_residuals));
  out.set("pointFit", success(d.point_fit, false));
  val agreement = val::object();
  agreement.set("centerDistance", d.center_distance);
  agreement.set("radiusDifference", d.radius_difference);
  out.set("agreement", agreement);
}

// What a point or mesh file held besides its points.
val point_file_value(const PointFile& f) {
  val out = val::object();
  out.set("format", std::string(point_file_format_name(f.format)));
  out.set("verticesRead", static_cast<double>(f.vertices_read));
  out.set("duplicatesMerged", static_cast<double>(f.duplicates_merged));
  out.set("faces", static_cast<double>(f.faces));
  return out;
}

val matrix_rows(const Eigen::Matrix4d& m) {
  val rows = val::array();
  for (int i = 0; i < 4; ++i) {
    const Eigen::Vector4d row = m.row(i);
    rows.call<void>("push", number_array(row.data(), 4));
  }
  return rows;
}

// A loaded volume as the page and the API describe it: geometry, labels or grey threshold.
val volume_value(int id, const VolumeInfo& info, const VolumeSummary& summary) {
  val out = val::object();
  out.set("id", id);
  out.set("format", std::string(name_of(kVolumeFormatNames, info.format)));
  const double size[3] = {static_cast<double>(info.size[0]), static_cast<double>(info.size[1]),
                          static_cast<double>(info.size[2])};
  out.set("size", number_array(size, 3));
  val dims = val::array();
  for (std::int64_t d : info.file_dims) dims.call<void>("push", static_cast<double>(d));
  out.set("fileDims", dims);
  out.set("voxelType", std::string(name_of(kVoxelTypeNames, info.type)));
  out.set("bigEndian", info.big_endian);
  out.set("scaled", info.scaled);
  out.set("sclSlope", info.scl_slope);
  out.set("sclInter", info.scl_inter);
  out.set("affine", matrix_rows(info.affine));
  out.set("affineSource", std::string(name_of(kAffineSourceNames, info.affine_source)));
  out.set("space", info.space);
  const Eigen::Vector3d spacing(info.affine.block<3, 1>(0, 0).norm(), info.affine.block<3, 1>(0, 1).norm(),
                                info.affine.block<3, 1>(0, 2).norm());
  out.set("spacing", vector3(spacing));
  val segments = val::array();
  for (const Segment& seg : info.segments) {
    val item = val::object();
    item.set("id", seg.id);
    item.set("name", seg.name);
    item.set("labelValue", static_cast<double>(seg.label_value));
    item.set("layer", seg.layer);
    segments.call<void>("push", item);
  }
  out.set("segments", segments);
  out.set("labelmap", summary.labelmap);
  val labels = val::array();
  for (const LabelCount& l : summary.labels) {
    val item = val::object();
    item.set("value", l.value);
    item.set("count", static_cast<double>(l.count));
    item.set("name", l.name);
    labels.call<void>("push", item);
  }
  out.set("labels", labels);
  out.set("defaultLabel", summary.default_label ? val(*summary.default_label) : val::null());
  if (summary.iso50) {
    val iso = val::object();
    iso.set("threshold", summary.iso50->threshold);
    iso.set("background", summary.iso50->background);
    iso.set("material", summary.iso50->material);
    val peaks = val::array();
    for (const HistogramPeak& peak : summary.iso50->peaks) {
      val item = val::object();
      item.set("value", peak.value);
      item.set("height", peak.height);
      item.set("prominence", peak.prominence);
      peaks.call<void>("push", item);
    }
    iso.set("peaks", peaks);
    out.set("iso50", iso);
  } else {
    out.set("iso50", val::null());
  }
  std::vector<Warning> warnings = info.warnings;
  warnings.insert(warnings.end(), summary.warnings.begin(), summary.warnings.end());
  out.set("warnings", warning_list(warnings));
  return out;
}

namespace {

val volume_slices_value(const VolumeContours& extracted) {
  std::vector<std::int32_t> index, status, contour, points;
  for (const VolumeSlice& slice : extracted.slices) {
    index.push_back(static_cast<std::int32_t>(slice.index));
    status.push_back(static_cast<std::int32_t>(slice.status));
    contour.push_back(slice.contour);
    points.push_back(static_cast<std::int32_t>(slice.point_count));
  }
  val slices = val::object();
  slices.set("index", typed_copy("Int32Array", index));
  slices.set("status", typed_copy("Int32Array", status));  // indices into vocabulary.sliceStatuses
  slices.set("contour", typed_copy("Int32Array", contour));
  slices.set("pointCount", typed_copy("Int32Array", points));
  return slices;
}

val optional_number(const std::optional<double>& v) { return v ? val(*v) : val::null(); }

}  // namespace

val spheres_value(const SpheresFit& f) {
  val out = val::object();
  out.set("ok", true);
  val spheres = val::array();
  for (std::size_t i = 0; i < f.set.spheres.size(); ++i) {
    const SphereEntry& e = f.set.spheres[i];
    val item = val::object();
    item.set("number", static_cast<double>(i + 1));
    item.set("label", e.label.empty() ? val::null() : val(e.label));
    item.set("spherical", e.spherical);
    item.set("whyNot", e.why_not.empty() ? val::null() : val(e.why_not));
    item.set("count", static_cast<double>(e.count));
    item.set("capAngle", e.cap_angle_deg);
    if (e.error) {
      item.set("error", failure(*e.error)["error"]);
      item.set("center", val::null());
      item.set("radius", val::null());
      item.set("stdErr", val::null());
      item.set("rms", val::null());
      item.set("formError", val::null());
      item.set("result", val::null());
    } else {
      item.set("error", val::null());
      item.set("center", vector3(e.fit.center));
      item.set("radius", e.fit.radius);
      item.set("stdErr", uncertainty_value(e.fit));
      item.set("rms", e.fit.rms);
      item.set("formError", e.fit.form.form_error);
      val result = success(e.fit);
      if (i < f.contours.size() && f.contours[i])
        set_contours(result, *f.contours[i], f.tables[i]);
      else if (i < f.tables.size())
        result.set("points", point_columns(f.tables[i]));
      item.set("result", result);
    }
    if (!e.members.empty()) item.set("members", typed_copy("Uint32Array", e.members));
    spheres.call<void>("push", item);
  }
  out.set("spheres", spheres);
  val distances = val::array();
  for (const SphereDistance& d : f.set.distances) {
    val item = val::object();
    item.set("a", static_cast<double>(d.a + 1));
    item.set("b", static_cast<double>(d.b + 1));
    item.set("distance", d.distance);
    item.set("stdErr", optional_number(d.std_error));
    distances.call<void>("push", item);
  }
  out.set("distances", distances);
  out.set("allPairs", f.set.all_pairs);
  out.set("leftover", static_cast<double>(f.set.leftover));
  out.set("rejected", static_cast<double>(f.set.rejected));
  out.set("warnings", warning_list(f.set.warnings));
  return out;
}

void set_volume_spheres(val& out, const VolumeSpheres& f) {
  val per = out["spheres"];
  for (std::size_t i = 0; i < f.spheres.set.spheres.size(); ++i) {
    val item = per[i];
    if (i < f.label_values.size()) item.set("labelValue", f.label_values[i]);
    if (i < f.centers_voxel.size() && !f.spheres.set.spheres[i].error)
      item.set("centerVoxel", vector3(f.centers_voxel[i]));
    const VolumeContours* extracted = i < f.label_values.size() && i < f.extracted.size() ? &f.extracted[i]
                                      : f.extracted.size() == 1                           ? &f.extracted[0]
                                                                                          : nullptr;
    if (extracted != nullptr && !item["result"].isNull())
      item["result"].set("volumeSlices", volume_slices_value(*extracted));
  }
  val selection = val::object();
  if (f.threshold) selection.set("threshold", *f.threshold);
  selection.set("axis", f.axis);
  out.set("selection", selection);
}

// A volume fit's extras: what was contoured, every slice with its status, the centre in voxels.
void set_volume_fit(val& out, const VolumeFit& f) {
  set_contours(out, f.contours.details, f.extracted.points);
  val selection = val::object();
  selection.set(f.selector.kind == ContourSelector::Kind::Label ? "label" : "threshold", f.selector.value);
  selection.set("axis", f.extracted.axis);
  out.set("selection", selection);
  out.set("volumeSlices", volume_slices_value(f.extracted));
  out.set("centerVoxel", vector3(f.center_voxel));
  // The labels judged when the default was chosen among them: each label's fit quality.
  if (f.labels_judged) {
    val labels = val::array();
    for (const SphereEntry& e : f.labels_judged->spheres) {
      val item = val::object();
      item.set("label", e.label);
      item.set("spherical", e.spherical);
      item.set("whyNot", e.why_not.empty() ? val::null() : val(e.why_not));
      item.set("radius", e.error ? val::null() : val(e.fit.radius));
      item.set("rms", e.error ? val::null() : val(e.fit.rms));
      item.set("count", static_cast<double>(e.count));
      labels.call<void>("push", item);
    }
    out.set("labelFits", labels);
  }
}

val vocabulary() {
  val out = val::object();
  out.set("errorCodes", names(kErrorCodeNames));
  out.set("warningCodes", names(kWarningCodeNames));
  out.set("weightModes", names(kWeightModeNames));
  out.set("inputModes", names(kInputModeNames));
  out.set("fitTypes", names(kFitTypeNames));
  out.set("sphereCounts", names(kSphereCountNames));
  out.set("distancePairs", names(kDistancePairsNames));
  out.set("shapes", names(kShapeNames));
  out.set("shapeCalls", names(kShapeCallNames));
  out.set("fitModes", names(kFitModeNames));
  out.set("fileKinds", names(kFileKindNames));
  out.set("pointFileFormats", names(kPointFileFormatNames));
  out.set("sliceStatuses", names(kSliceContourStatusNames));
  out.set("maxUnitsLength", static_cast<int>(kMaxUnitsLength));
  out.set("options", option_specs(kFitOptionSpecs, true));
  out.set("selection", option_specs(kSelectionSpecs, false));
  val words = val::object();
  for (const FitTypeWords& w : kFitTypeWords) {
    val item = val::object();
    item.set("label", std::string(w.label));
    item.set("iso", std::string(w.iso));
    item.set("form", std::string(w.form));
    item.set("title", std::string(w.title));
    words.set(name_of(kFitTypeNames, w.type), item);
  }
  out.set("fitTypeWords", words);
  val nouns = val::object();
  for (const FitModeNoun& n : kFitModeNouns) {
    val item = val::object();
    item.set("one", std::string(n.noun.one));
    item.set("many", std::string(n.noun.many));
    nouns.set(name_of(kFitModeNames, n.mode), item);
  }
  out.set("nouns", nouns);
  val methods = val::object();
  for (const FitModeUncertainty& u : kFitModeUncertainty)
    methods.set(name_of(kFitModeNames, u.mode), std::string(u.method));
  out.set("uncertaintyMethod", methods);
  return out;
}

}  // namespace spherefit::bindings
