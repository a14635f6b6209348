// C++ → JavaScript: results, errors, tables and volumes as plain objects and fresh typed arrays,
// so JavaScript never holds an embind handle it would have to delete. Names are the core's
// (model/names.hpp tables); nothing here decides a number.
#pragma once

#include <emscripten/val.h>

#include <string>
#include <vector>

#include "pipeline/fit_text.hpp"
#include "pipeline/fit_volume.hpp"
#include "read/meshes/point_file.hpp"

namespace spherefit::bindings {

using emscripten::val;

template <class T>
val typed_copy(const char* type, const std::vector<T>& values) {
  return val::global(type).new_(val(emscripten::typed_memory_view(values.size(), values.data())));
}

val number_array(const double* values, int n);
val vector3(const Eigen::Vector3d& v);
val warning_list(const std::vector<Warning>& warnings);

// { ok: false, error: { code, message, line?, column?, offset?, slice?, point?, notes? } }
val failure(const Error& e);
val failure(ErrorCode code, const std::string& message);

// A result; with_columns false leaves out the per-observation arrays (a second fit's summary).
val success(const SphereFit& f, bool with_columns = true);

// What a reader found: { mode: 'circles', slices } or { mode: 'points', points }.
void set_table(val& out, const ParsedTable& table);

// A contour fit's extras: the circles, each point's distance, the direct point fit, the agreement.
void set_contours(val& out, const ContourDetails& d, const PointTable& points);

// What a point or mesh file held besides its points.
val point_file_value(const PointFile& f);

// A loaded volume as the page and the API describe it: geometry, labels or grey threshold.
val volume_value(int id, const VolumeInfo& info, const VolumeSummary& summary);

// Several spheres: { ok, spheres: [{ number, label, spherical, whyNot, center, radius, stdErr, count,
// rms, formError, capAngle, error, members?, result }], distances: [{ a, b, distance, stdErr }],
// allPairs, leftover, rejected, warnings }; `result` is each sphere's full result (success()).
val spheres_value(const SpheresFit& f);

// A volume's spheres: each sphere's label value, centre in voxels and slices; what was contoured.
void set_volume_spheres(val& out, const VolumeSpheres& f);

// A volume fit's extras: what was contoured, every slice with its status, the centre in voxels.
void set_volume_fit(val& out, const VolumeFit& f);

// The names and limits the core accepts and returns: codes, modes, option specs.
val vocabulary();

}  // namespace spherefit::bindings
