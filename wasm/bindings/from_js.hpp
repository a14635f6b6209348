// JavaScript → C++: everything JavaScript hands over is checked here before the core sees it.
// Columns must be arrays or typed arrays of the same length as x; bytes a Uint8Array or an
// ArrayBuffer; options and a volume selection objects whose keys and values the core's readers
// (read/options.hpp) accept; indices whole numbers. Columns are copied once into wasm memory.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/options.hpp"
#include "model/points.hpp"
#include "model/slices.hpp"
#include "model/status.hpp"
#include "model/volume.hpp"
#include "read/volumes/slice_stack.hpp"

namespace spherefit::bindings {

using emscripten::val;

bool is_object(const val& v);
bool is_array_like(const val& v);

Error bad_option(const std::string& message);

// Bytes from a Uint8Array (or any typed array, read as its bytes) or an ArrayBuffer, copied once.
std::optional<Error> read_bytes(const val& v, std::string& out);

// A column's storage in wasm memory: not zeroed first, since TypedArray.set fills it at once (for
// 10⁶ points the zeroing was a fifth of the call).
template <class T>
struct Uninitialised : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = Uninitialised<U>;
  };
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0)
      ::new (static_cast<void*>(p)) U;
    else
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
using Column = std::vector<double, Uninitialised<double>>;

struct SliceColumns {
  Column x, y, z, r, nx, ny, nz, w;
  SliceColumnsView view;
};

// Every column checked and copied; the view points into this struct's vectors.
std::optional<Error> read_slice_columns(const val& columns, SliceColumns& out);

// Points: a plain cloud stays in its three columns (a view, no further copy); with slice ids the
// points are contours and go into a PointTable.
struct PointColumns {
  Column x, y, z;
  std::optional<PointTable> contours;
  PointColumnsView view() const {
    PointColumnsView v;
    v.count = x.size();
    v.x = x.data();
    v.y = y.data();
    v.z = z.data();
    return v;
  }
};

std::optional<Error> read_point_columns(const val& columns, PointColumns& out);

// Options: every key known, every value of the right type (read_fit_option), then check_options.
std::optional<Error> read_options(const val& options, FitOptions& o);

// A volume selection { label?, threshold?, axis? } (read_selection_option).
std::optional<Error> read_selection(const val& selection, VolumeSelection& out);

// The file name (optional) is a hint for the reader: .xyz, .pts and .asc are point lists.
std::optional<Error> read_file_name(const val& name, std::string& out);

// A stack of decoded slices { columns, rows, voxelType, rowDirection, columnDirection, pixelSpacing,
// origins, names?, segments?, slope?, intercept? }: directions and origins in DICOM's LPS mm (origins three
// numbers a slice, in stacking order), pixelSpacing [row spacing, column spacing] as DICOM has it.
std::optional<Error> read_slice_stack(const val& spec, SliceStack& out);

// A whole number (an index, a slice number), and a non-negative one (a byte count).
std::optional<Error> read_index(const val& v, const char* what, std::int64_t& out);
std::optional<Error> read_size(const val& v, const char* what, std::uint64_t& out);

}  // namespace spherefit::bindings
