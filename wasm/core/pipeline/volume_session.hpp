// A volume read once and fitted many times: another label, threshold or slice axis is a refit of
// the voxels already in memory, never a second read of the file. The session owns the voxel
// buffer the caller fills once (in the browser, straight from a decompression stream into wasm
// memory), what the header said, what the volume holds (its labels, or a grey volume's ISO-50,
// found once), and the last fit, whose contours and sphere a slice preview draws.
//
//   open(head) → [attach(data file size)] → fill voxels() with voxel_bytes() bytes → finish(received) → fit(…)*,
//   preview(…)* open_slices(stack) → fill voxels() slice by slice → finish(received) → …   (a DICOM series)
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string_view>

#include "model/volume.hpp"
#include "pipeline/fit_volume.hpp"
#include "read/volumes/slice_stack.hpp"
#include "report/slice_preview.hpp"

namespace spherefit {

class VolumeSession {
 public:
  // Reads the header from the stream's first bytes (read_volume_header) and allocates the voxel
  // buffer. UnsupportedFile when the voxels do not fit in memory; the header's own errors.
  static Outcome<VolumeSession> open(std::string_view head, std::string_view file_name, std::int64_t stream_size);

  // A stack of decoded slices, each placed by its own origin (read/volumes/slice_stack.hpp): the
  // voxels are filled slice after slice, in the stack's order. slice_stack_info's errors, and
  // UnsupportedFile when the voxels do not fit in memory.
  static Outcome<VolumeSession> open_slices(const SliceStack& stack);

  const VolumeInfo& info() const { return info_; }
  std::uint8_t* voxels() { return voxels_.get(); }
  std::uint64_t voxel_bytes() const { return info_.data_bytes; }

  // A detached header's data file (info().data_file), found by the caller among the files it was
  // given, of data_file_size bytes: checks that it can hold the voxels and resolves where they
  // start in it (attach_data_file). Before the voxels are written.
  std::optional<Error> attach(std::int64_t data_file_size);

  // After the caller wrote `received` bytes: checks them (TruncatedFile, InvalidFile), puts them
  // in this machine's byte order and finds what the volume holds. Once only.
  std::optional<Error> finish(std::uint64_t received);
  bool ready() const { return volume_.has_value(); }
  const VolumeSummary& summary() const { return summary_; }

  // The fit of the chosen voxels (fit_volume); the last one is kept for previews.
  Outcome<VolumeFit> fit(const VolumeSelection& selection, const FitOptions& options);

  // Every sphere of the volume (fit_volume_spheres); the last such fit is kept for previews.
  Outcome<VolumeSpheres> fit_spheres(const VolumeSelection& selection, const FitOptions& options);

  // Slice `index` across `axis`, with the last fit's contour on it (when it was traced across
  // that axis) and its sphere's circle; with `sphere`, that sphere of the last fit of every sphere
  // (its label's contour, or every curve of the surface, and its circle). InvalidOption before
  // finish, for an axis or index outside the volume, or a sphere the last fit does not have.
  Outcome<SlicePreview> preview(int axis, std::int64_t index, std::optional<std::size_t> sphere = std::nullopt) const;

 private:
  static Outcome<VolumeSession> with_buffer(VolumeInfo info);

  struct Free {
    void operator()(std::uint8_t* p) const { std::free(p); }
  };
  VolumeInfo info_;
  std::unique_ptr<std::uint8_t, Free> voxels_;
  std::optional<Volume> volume_;
  VolumeSummary summary_;
  std::optional<VolumeFit> last_;
  std::optional<VolumeSpheres> last_spheres_;
};

}  // namespace spherefit
