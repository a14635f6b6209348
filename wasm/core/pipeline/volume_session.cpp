#include "pipeline/volume_session.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "model/format.hpp"
#include "read/volumes/volume.hpp"

namespace spherefit {

Outcome<VolumeSession> VolumeSession::open(std::string_view head, std::string_view file_name,
                                           std::int64_t stream_size) {
  Outcome<VolumeInfo> info = read_volume_header(head, file_name, stream_size);
  if (!info.ok()) return info.error();
  return with_buffer(std::move(info.value()));
}

Outcome<VolumeSession> VolumeSession::open_slices(const SliceStack& stack) {
  Outcome<VolumeInfo> info = slice_stack_info(stack);
  if (!info.ok()) return info.error();
  return with_buffer(std::move(info.value()));
}

Outcome<VolumeSession> VolumeSession::with_buffer(VolumeInfo info) {
  const std::uint64_t size = info.data_bytes;
  auto* voxels = static_cast<std::uint8_t*>(std::malloc(static_cast<std::size_t>(std::max<std::uint64_t>(size, 1))));
  if (voxels == nullptr) {
    return Error{ErrorCode::UnsupportedFile, "This volume's voxels take " + grouped(size >> 20) +
                                                 " MB, more than this page can hold; crop or resample it first."};
  }
  VolumeSession session;
  session.info_ = std::move(info);
  session.voxels_.reset(voxels);
  return session;
}

std::optional<Error> VolumeSession::attach(std::int64_t data_file_size) {
  if (volume_) return Error{ErrorCode::InvalidOption, "This volume's voxels were already delivered."};
  Outcome<VolumeInfo> attached = attach_data_file(info_, data_file_size);
  if (!attached.ok()) return attached.error();
  info_ = std::move(attached.value());
  return std::nullopt;
}

std::optional<Error> VolumeSession::finish(std::uint64_t received) {
  if (volume_) return Error{ErrorCode::InvalidOption, "This volume's voxels were already delivered."};
  Outcome<Volume> volume = make_volume(info_, voxels_.get(), static_cast<std::size_t>(received));
  if (!volume.ok()) return volume.error();
  volume_ = volume.value();
  summary_ = summarize_volume(*volume_);
  return std::nullopt;
}

Outcome<VolumeFit> VolumeSession::fit(const VolumeSelection& selection, const FitOptions& options) {
  if (!volume_) return Error{ErrorCode::InvalidOption, "This volume's voxels have not all arrived yet."};
  Outcome<VolumeFit> fit = fit_volume(*volume_, summary_, selection, options);
  if (fit.ok()) last_ = fit.value();
  return fit;
}

Outcome<VolumeSpheres> VolumeSession::fit_spheres(const VolumeSelection& selection, const FitOptions& options) {
  if (!volume_) return Error{ErrorCode::InvalidOption, "This volume's voxels have not all arrived yet."};
  Outcome<VolumeSpheres> fit = fit_volume_spheres(*volume_, summary_, selection, options);
  if (fit.ok()) last_spheres_ = fit.value();
  return fit;
}

namespace {

// The world points of `slice` (across the contours' axis) that belong to contour ids with `keep`.
template <class Keep>
void slice_points(const VolumeContours& c, int axis, std::int64_t index, Keep keep, std::vector<Eigen::Vector3d>& out) {
  if (c.axis != axis) return;
  const PointTable& p = c.points;
  for (const VolumeSlice& slice : c.slices) {
    if (slice.index != index || slice.contour < 0) continue;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (keep(p.slice[i], slice.contour)) out.emplace_back(p.x[i], p.y[i], p.z[i]);
  }
}

}  // namespace

Outcome<SlicePreview> VolumeSession::preview(int axis, std::int64_t index, std::optional<std::size_t> which) const {
  if (!volume_) return Error{ErrorCode::InvalidOption, "This volume's voxels have not all arrived yet."};
  PreviewStyle style;
  std::vector<Eigen::Vector3d> contour;
  std::optional<std::pair<Eigen::Vector3d, double>> sphere;
  style.labelmap = summary_.labelmap;
  if (summary_.iso50) {
    style.low = summary_.iso50->background;
    style.high = summary_.iso50->material;
  }
  if (which) {
    if (!last_spheres_ || *which >= last_spheres_->spheres.set.spheres.size()) {
      return Error{ErrorCode::InvalidOption, "No such sphere in the last fit of every sphere."};
    }
    const VolumeSpheres& f = *last_spheres_;
    const SphereEntry& e = f.spheres.set.spheres[*which];
    if (!e.error) sphere = std::make_pair(e.fit.center, e.fit.radius);
    if (*which < f.label_values.size()) {
      style.label = f.label_values[*which];
      slice_points(
          f.extracted[*which], axis, index, [](std::int32_t id, std::int32_t c) { return id == c; }, contour);
    } else if (!f.extracted.empty()) {
      // The surface's curves on this slice: the contour ids from the slice's first one on.
      const VolumeContours& c = f.extracted.front();
      std::int32_t next = std::numeric_limits<std::int32_t>::max();
      for (const VolumeSlice& s : c.slices)
        if (s.index > index && s.contour >= 0) next = std::min(next, s.contour);
      slice_points(
          c, axis, index, [next](std::int32_t id, std::int32_t first) { return id >= first && id < next; }, contour);
    }
    return preview_slice(*volume_, axis, index, style, contour, sphere);
  }
  if (last_) {
    if (last_->selector.kind == ContourSelector::Kind::Label) style.label = last_->selector.value;
    sphere = std::make_pair(last_->contours.fit.center, last_->contours.fit.radius);
    if (last_->extracted.axis == axis) {
      const PointTable& p = last_->extracted.points;
      for (const VolumeSlice& slice : last_->extracted.slices) {
        if (slice.index != index || slice.contour < 0) continue;
        for (std::size_t i = 0; i < p.size(); ++i)
          if (p.slice[i] == slice.contour) contour.emplace_back(p.x[i], p.y[i], p.z[i]);
      }
    }
  } else if (summary_.default_label) {
    style.label = *summary_.default_label;
  }
  return preview_slice(*volume_, axis, index, style, contour, sphere);
}

}  // namespace spherefit
