// The functions JavaScript calls (web/src/lib/spherefit.js wraps them), and the volume sessions
// they keep between calls, by id. Each function reads its arguments through from_js.hpp (which
// checks them all), calls the core's entry points (wasm/core/pipeline/) and answers through
// to_js.hpp. No exception crosses: the core returns values, and so do these.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <cmath>
#include <map>
#include <string>

#include "from_js.hpp"
#include "pipeline/fit_spheres.hpp"
#include "pipeline/fit_text.hpp"
#include "pipeline/shape_check.hpp"
#include "pipeline/volume_session.hpp"
#include "read/sniff.hpp"
#include "read/volumes/volume.hpp"
#include "to_js.hpp"

namespace {

using emscripten::val;
using namespace spherefit;
using namespace spherefit::bindings;

val parse(const val& text, const val& options) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  if (!text.isString()) return failure(ErrorCode::EmptyInput, "The data must be text.");
  ParseOptions read;
  read.mode = o.mode;
  const Outcome<ParsedTable> parsed = parse_table(text.as<std::string>(), read);
  if (!parsed.ok()) return failure(parsed.error());
  val out = val::object();
  out.set("ok", true);
  out.set("mode", std::string(name_of(kInputModeNames, parsed.value().mode)));
  set_table(out, parsed.value());
  out.set("warnings", warning_list(parsed.value().warnings));
  return out;
}

val fit_columns(const val& columns, const val& options) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  SliceColumns slices;
  if (auto e = read_slice_columns(columns, slices)) return failure(*e);
  if (o.spheres == SphereCount::All) {
    ObservationGroup all;
    for (std::size_t i = 0; i < slices.view.count; ++i) all.circles.add(slices.view.circle(i));
    all.circles.has_normals = slices.view.has_normals();
    all.circles.has_weights = slices.view.has_weights();
    return spheres_value(fit_groups({all}, o));
  }
  if (auto e = shape_needs_points(o)) return failure(*e);
  const Outcome<SphereFit> fit = fit_sphere(slices.view, o);
  return fit.ok() ? success(fit.value()) : failure(fit.error());
}

val fit_points(const val& columns, const val& options) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  PointColumns points;
  if (auto e = read_point_columns(columns, points)) return failure(*e);
  if (o.spheres == SphereCount::All) {
    const Outcome<SpheresFit> fit = fit_point_spheres(points.contours ? points.contours->view() : points.view(), o);
    return fit.ok() ? spheres_value(fit.value()) : failure(fit.error());
  }
  if (points.contours) {
    const Outcome<ContourFit> fit = fit_contours(*points.contours, o);
    if (!fit.ok()) return failure(fit.error());
    val out = success(fit.value().fit);
    set_contours(out, fit.value().details, *points.contours);
    return out;
  }
  Outcome<SphereFit> fit = fit_sphere(points.view(), o);
  if (!fit.ok()) return failure(fit.error());
  if (auto e = check_shape(points.view(), fit.value(), o, fit.value())) return failure(*e);
  return success(fit.value());
}

val fit_text_value(const val& text, const val& options, const val& file_name) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  std::string name;
  if (auto e = read_file_name(file_name, name)) return failure(*e);
  if (!text.isString()) return failure(ErrorCode::EmptyInput, "The data must be text.");
  const Outcome<TextFit> fit = fit_text(text.as<std::string>(), o, name);
  if (!fit.ok()) return failure(fit.error());
  if (fit.value().spheres) {
    val out = spheres_value(*fit.value().spheres);
    out.set("mode", std::string(name_of(kInputModeNames, fit.value().table.mode)));
    set_table(out, fit.value().table);
    return out;
  }
  val out = success(fit.value().fit);
  if (fit.value().contours) {
    set_contours(out, *fit.value().contours, fit.value().table.points);
  } else {
    set_table(out, fit.value().table);
  }
  return out;
}

val sniff(const val& head, const val& file_name) {
  std::string bytes, name;
  if (read_bytes(head, bytes) || read_file_name(file_name, name)) return val("unknown");
  return val(std::string(name_of(kFileKindNames, sniff_file(bytes, name))));
}

val fit_point_file_value(const val& bytes, const val& options, const val& file_name) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  std::string data, name;
  if (auto e = read_file_name(file_name, name)) return failure(*e);
  if (auto e = read_bytes(bytes, data)) return failure(*e);
  const Outcome<TextFit> fit = fit_point_file(data, o, name);
  if (!fit.ok()) return failure(fit.error());
  if (fit.value().spheres) {
    val out = spheres_value(*fit.value().spheres);
    set_table(out, fit.value().table);
    out.set("file", point_file_value(*fit.value().file));
    return out;
  }
  val out = success(fit.value().fit);
  set_table(out, fit.value().table);
  out.set("file", point_file_value(*fit.value().file));
  return out;
}

// The volume sessions JavaScript holds by id (pipeline/volume_session.hpp does the work).
std::map<int, VolumeSession> volumes;
int next_volume_id = 1;

VolumeSession* find_volume(const val& id) {
  if (!id.isNumber()) return nullptr;
  const auto it = volumes.find(id.as<int>());
  return it == volumes.end() ? nullptr : &it->second;
}

val no_volume() { return failure(ErrorCode::InvalidOption, "No such volume: it was released, or never opened."); }

// head: the first bytes of the (decompressed) stream; stream_size: the stream's size, or −1;
// stream_error: why decompressing the file's start failed, if it did. Returns the header and a
// Uint8Array over wasm memory for JavaScript to fill with the voxels.
val volume_open(const val& head, const val& file_name, const val& stream_size, const val& stream_error) {
  std::string bytes, name;
  if (auto e = read_bytes(head, bytes)) return failure(*e);
  if (auto e = read_file_name(file_name, name)) return failure(*e);
  std::int64_t size = -1;
  if (!stream_size.isUndefined() && !stream_size.isNull()) {
    if (auto e = read_index(stream_size, "stream size", size)) return failure(*e);
  }
  if (stream_error.isString()) {
    Error e{ErrorCode::InvalidFile, "The file starts as gzip but could not be decompressed (" +
                                        stream_error.as<std::string>() +
                                        "): it is damaged or cut short; save it again."};
    e.offset = 0;
    return failure(e);
  }
  Outcome<VolumeSession> opened = VolumeSession::open(bytes, name, size);
  if (!opened.ok()) return failure(opened.error());
  const int id = next_volume_id++;
  VolumeSession& v = volumes.emplace(id, std::move(opened.value())).first->second;
  const VolumeInfo& info = v.info();
  val out = val::object();
  out.set("ok", true);
  out.set("id", id);
  out.set("dataOffset", static_cast<double>(info.data_offset));
  out.set("dataBytes", static_cast<double>(info.data_bytes));
  out.set("dataGzip", info.data_gzip);
  out.set("dataCompression", std::string(name_of(kDataCompressionNames, info.data_compression)));
  out.set("dataFile", info.data_file);     // a detached header's data file, or ""
  out.set("dataAtEnd", info.data_at_end);  // its offset waits for volumeAttach
  out.set("dataSkip", static_cast<double>(info.data_skip));
  out.set("voxels", val(emscripten::typed_memory_view(static_cast<std::size_t>(v.voxel_bytes()), v.voxels())));
  return out;
}

// A stack of decoded slices (a DICOM series, read/volumes/slice_stack.hpp): the session and a
// Uint8Array over wasm memory for JavaScript to fill, slice after slice (sliceBytes each), in
// the stack's order; then volumeFinish as for a file.
val volume_open_slices(const val& spec) {
  SliceStack stack;
  if (auto e = read_slice_stack(spec, stack)) return failure(*e);
  Outcome<VolumeSession> opened = VolumeSession::open_slices(stack);
  if (!opened.ok()) return failure(opened.error());
  const int id = next_volume_id++;
  VolumeSession& v = volumes.emplace(id, std::move(opened.value())).first->second;
  val out = val::object();
  out.set("ok", true);
  out.set("id", id);
  out.set("dataBytes", static_cast<double>(v.voxel_bytes()));
  out.set("sliceBytes", static_cast<double>(v.voxel_bytes() / static_cast<std::uint64_t>(stack.origins.size())));
  out.set("voxels", val(emscripten::typed_memory_view(static_cast<std::size_t>(v.voxel_bytes()), v.voxels())));
  return out;
}

// A detached header's data file (dataFile of volumeOpen), found by the caller, of data_file_size
// bytes: checks that it can hold the voxels and resolves where they start in it.
val volume_attach(const val& id, const val& data_file_size) {
  VolumeSession* v = find_volume(id);
  if (v == nullptr || v->ready()) return no_volume();
  std::uint64_t size = 0;
  if (auto e = read_size(data_file_size, "data file's size", size)) return failure(*e);
  if (auto e = v->attach(static_cast<std::int64_t>(size))) return failure(*e);
  val out = val::object();
  out.set("ok", true);
  out.set("dataOffset", static_cast<double>(v->info().data_offset));
  return out;
}

// received: how many voxel bytes JavaScript wrote; stream_error: the decompressor's complaint when
// it failed (else undefined). Checks them, finds labels or the threshold.
val volume_finish(const val& id, const val& received, const val& stream_error) {
  VolumeSession* v = find_volume(id);
  if (v == nullptr || v->ready()) return no_volume();
  std::uint64_t bytes = 0;
  if (auto e = read_size(received, "count of bytes received", bytes)) return failure(*e);
  std::optional<Error> error;
  if (stream_error.isString())
    error = damaged_voxel_data(v->info(), bytes, stream_error.as<std::string>());
  else
    error = v->finish(bytes);
  if (error) {
    volumes.erase(id.as<int>());
    return failure(*error);
  }
  val out = val::object();
  out.set("ok", true);
  out.set("volume", volume_value(id.as<int>(), v->info(), v->summary()));
  return out;
}

val volume_fit(const val& id, const val& selection, const val& options) {
  VolumeSession* v = find_volume(id);
  if (v == nullptr || !v->ready()) return no_volume();
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  VolumeSelection chosen;
  if (auto e = read_selection(selection, chosen)) return failure(*e);
  if (o.spheres == SphereCount::All) {
    const Outcome<VolumeSpheres> fit = v->fit_spheres(chosen, o);
    if (!fit.ok()) return failure(fit.error());
    val out = spheres_value(fit.value().spheres);
    set_volume_spheres(out, fit.value());
    return out;
  }
  const Outcome<VolumeFit> fit = v->fit(chosen, o);
  if (!fit.ok()) return failure(fit.error());
  val out = success(fit.value().contours.fit);
  set_volume_fit(out, fit.value());
  return out;
}

// The slice `index` across `axis` as an 8-bit picture, with its contour and the sphere's circle
// from the last fit.
val volume_preview(const val& id, const val& axis, const val& index, const val& sphere) {
  VolumeSession* v = find_volume(id);
  if (v == nullptr || !v->ready()) return no_volume();
  std::int64_t a = 0, k = 0;
  if (auto e = read_index(axis, "slice axis", a)) return failure(*e);
  if (auto e = read_index(index, "slice index", k)) return failure(*e);
  if (a < 0 || a > 2) return failure(bad_option("The slice axis must be 0, 1 or 2 (i, j or k)."));
  std::optional<std::size_t> which;
  if (!sphere.isUndefined() && !sphere.isNull()) {
    std::int64_t n = 0;
    if (auto e = read_index(sphere, "sphere number", n)) return failure(*e);
    if (n < 1) return failure(bad_option("The sphere number counts from 1."));
    which = static_cast<std::size_t>(n - 1);
  }
  const Outcome<SlicePreview> p = v->preview(static_cast<int>(a), k, which);
  if (!p.ok()) return failure(p.error());
  val out = val::object();
  out.set("ok", true);
  out.set("width", p.value().width);
  out.set("height", p.value().height);
  out.set("axisU", p.value().axis_u);
  out.set("axisV", p.value().axis_v);
  out.set("stride", p.value().stride);
  out.set("spacingU", p.value().spacing_u);
  out.set("spacingV", p.value().spacing_v);
  out.set("pixels", typed_copy("Uint8Array", p.value().pixels));
  out.set("contour", typed_copy("Float64Array", p.value().contour));
  out.set("circle", typed_copy("Float64Array", p.value().circle));
  return out;
}

void volume_release(const val& id) {
  if (find_volume(id) != nullptr) volumes.erase(id.as<int>());
}

// Options (and a volume selection) checked as every fit checks them, without data: for a caller
// that wants to refuse bad ones before reading any file (the command line's usage errors).
val check_options_value(const val& options, const val& selection) {
  FitOptions o;
  if (auto e = read_options(options, o)) return failure(*e);
  VolumeSelection chosen;
  if (auto e = read_selection(selection, chosen)) return failure(*e);
  val out = val::object();
  out.set("ok", true);
  return out;
}

// Bytes the allocator holds for live objects: the leak test reads it before and after many fits.
// Not part of the library's API (web/src/lib/spherefit.js does not expose it).
double heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

std::string version() { return SPHEREFIT_VERSION; }

}  // namespace

EMSCRIPTEN_BINDINGS(spherefit) {
  emscripten::function("parse", &parse);
  emscripten::function("fitColumns", &fit_columns);
  emscripten::function("fitPoints", &fit_points);
  emscripten::function("fitText", &fit_text_value);
  emscripten::function("sniff", &sniff);
  emscripten::function("fitPointFile", &fit_point_file_value);
  emscripten::function("volumeOpen", &volume_open);
  emscripten::function("volumeOpenSlices", &volume_open_slices);
  emscripten::function("volumeAttach", &volume_attach);
  emscripten::function("volumeFinish", &volume_finish);
  emscripten::function("volumeFit", &volume_fit);
  emscripten::function("volumePreview", &volume_preview);
  emscripten::function("volumeRelease", &volume_release);
  emscripten::function("checkOptions", &check_options_value);
  emscripten::function("vocabulary", &bindings::vocabulary);
  emscripten::function("heapInUse", &heap_in_use);
  emscripten::function("version", &version);
}
