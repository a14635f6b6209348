// libFuzzer target: any bytes as a volume file (NIfTI-1/2, NRRD with raw voxels), then, when the
// header holds and the bytes after it carry the voxels (at most 1 MiB of them), the whole path of
// a dropped volume: the voxels, its labels or ISO-50, contours along each axis, the contour fit.
// Whatever the input: a result with finite numbers or an error with a message, no crash, no hang.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "pipeline/fit_volume.hpp"
#include "read/volumes/volume.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spherefit;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const char* name : {"volume.nii", "volume.nrrd", "volume.seg.nrrd"}) {
    const Outcome<VolumeInfo> info = read_volume_header(bytes, name, static_cast<std::int64_t>(size));
    if (!info.ok()) {
      require(!info.error().message.empty());
      continue;
    }
    const VolumeInfo& v = info.value();
    if (v.data_gzip || v.data_bytes > (1u << 20) || v.data_offset > size || size - v.data_offset < v.data_bytes)
      continue;
    std::vector<std::uint8_t> voxels(bytes.begin() + static_cast<std::ptrdiff_t>(v.data_offset),
                                     bytes.begin() + static_cast<std::ptrdiff_t>(v.data_offset + v.data_bytes));
    const Outcome<Volume> volume = make_volume(v, voxels.data(), voxels.size());
    if (!volume.ok()) continue;
    const VolumeSummary summary = summarize_volume(volume.value());
    for (int axis = 0; axis < 3; ++axis) {
      VolumeSelection selection;
      selection.axis = axis;
      FitOptions options;
      options.max_iterations = 30;
      const Outcome<VolumeFit> fit = fit_volume(volume.value(), summary, selection, options);
      if (!fit.ok()) {
        require(!fit.error().message.empty());
        continue;
      }
      const SphereFit& f = fit.value().contours.fit;
      require(f.center.allFinite() && std::isfinite(f.radius) && f.radius > 0.0 && std::isfinite(f.rms));
      require(fit.value().center_voxel.allFinite());
    }
  }
  return 0;
}
