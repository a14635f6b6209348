// libFuzzer target for the MetaImage reader (and read_volume_header's dispatch to it): any bytes,
// as a .mha or a .mhd, give a header or an error with a message and a place inside the file; a
// detached header's data file is attached at a size taken from the input; local voxels, when the
// header holds and they are there (at most 1 MiB), go through make_volume, the labels, ISO-50 and
// the contours of the first label or the threshold (readers only: volume_fuzz takes the whole path
// to the fit, MetaImage included). Seeds: tests/fuzz/corpus/metaimage/.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "read/volumes/contours.hpp"
#include "read/volumes/labels.hpp"
#include "read/volumes/metaimage.hpp"
#include "read/volumes/threshold.hpp"
#include "read/volumes/volume.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spherefit;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  long lines = 1;
  for (char c : bytes) lines += c == '\n';
  looks_like_metaimage(bytes);
  for (const char* name : {"volume.mha", "volume.mhd"}) {
    const Outcome<VolumeInfo> info = read_volume_header(bytes, name, static_cast<std::int64_t>(size));
    if (!info.ok()) {
      const Error& e = info.error();
      require(!e.message.empty());
      require(e.offset <= static_cast<long long>(size));
      require(e.line >= 0 && e.line <= lines && (e.line == 0 || e.column >= 1));
      continue;
    }
    const VolumeInfo& v = info.value();
    require(v.affine.allFinite());
    if (!v.data_file.empty()) {
      const Outcome<VolumeInfo> attached = attach_data_file(v, static_cast<std::int64_t>(size % 4096));
      if (attached.ok()) require(!attached.value().data_at_end);
      continue;
    }
    if (v.data_compressed() || v.data_bytes > (1u << 20) || v.data_offset > size || size - v.data_offset < v.data_bytes)
      continue;
    std::vector<std::uint8_t> voxels(bytes.begin() + static_cast<std::ptrdiff_t>(v.data_offset),
                                     bytes.begin() + static_cast<std::ptrdiff_t>(v.data_offset + v.data_bytes));
    const Outcome<Volume> volume = make_volume(v, voxels.data(), voxels.size());
    if (!volume.ok()) continue;
    const Outcome<std::vector<LabelCount>> labels = count_labels(volume.value());
    const Outcome<Iso50Threshold> iso = iso50_threshold(volume.value());
    ContourSelector selector = ContourSelector::label(1);
    if (labels.ok() && labels.value().size() > 1)
      selector = ContourSelector::label(labels.value().back().value);
    else if (iso.ok())
      selector = ContourSelector::threshold(iso.value().threshold);
    const Outcome<VolumeContours> contours = extract_contours(volume.value(), selector, static_cast<int>(size % 3));
    if (!contours.ok()) {
      require(!contours.error().message.empty());
      continue;
    }
    const PointTable& p = contours.value().points;
    for (std::size_t i = 0; i < p.size(); ++i)
      require(std::isfinite(p.x[i]) && std::isfinite(p.y[i]) && std::isfinite(p.z[i]));
  }
  return 0;
}
