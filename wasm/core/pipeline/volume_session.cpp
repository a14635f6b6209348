#include "pipeline/volume_session.hpp"

#include <algorithm>
#include <string>

#include "model/format.hpp"
#include "read/volumes/volume.hpp"

namespace spherefit {

Outcome<VolumeSession> VolumeSession::open(std::string_view head, std::string_view file_name,
                                           std::int64_t stream_size) {
  Outcome<VolumeInfo> info = read_volume_header(head, file_name, stream_size);
  if (!info.ok()) return info.error();
  const std::uint64_t size = info.value().data_bytes;
  auto* voxels = static_cast<std::uint8_t*>(std::malloc(static_cast<std::size_t>(std::max<std::uint64_t>(size, 1))));
  if (voxels == nullptr) {
    return Error{ErrorCode::UnsupportedFile, "This volume's voxels take " + grouped(size >> 20) +
                                                 " MB, more than this page can hold; crop or resample it first."};
  }
  VolumeSession session;
  session.info_ = std::move(info.value());
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

Outcome<SlicePreview> VolumeSession::preview(int axis, std::int64_t index) const {
  if (!volume_) return Error{ErrorCode::InvalidOption, "This volume's voxels have not all arrived yet."};
  PreviewStyle style;
  std::vector<Eigen::Vector3d> contour;
  std::optional<std::pair<Eigen::Vector3d, double>> sphere;
  style.labelmap = summary_.labelmap;
  if (summary_.iso50) {
    style.low = summary_.iso50->background;
    style.high = summary_.iso50->material;
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
