#include "pipeline/fit_volume.hpp"

#include <algorithm>

#include "model/format.hpp"
#include "read/volumes/contours.hpp"
#include "read/volumes/labels.hpp"
#include "read/volumes/threshold.hpp"
#include "read/volumes/volume.hpp"
#include "read/volumes/volume_header.hpp"

namespace spherefit {
namespace {

// Half the largest voxel edge: how finely a volume's contours can follow a surface.
double half_voxel(const VolumeInfo& info) {
  const Eigen::Matrix3d m = info.affine.topLeftCorner<3, 3>();
  return 0.5 * std::max({m.col(0).norm(), m.col(1).norm(), m.col(2).norm()});
}

std::string label_name(const LabelCount& l) { return l.name.empty() ? format_number(l.value) : l.name; }

// Each non-zero label's contours, traced in its own bounding box (one pass finds the boxes).
struct LabelContours {
  std::vector<ObservationGroup> groups;
  std::vector<VolumeContours> extracted;
  std::vector<double> values;
};

LabelContours trace_labels(const Volume& volume, const VolumeSummary& summary, int axis) {
  LabelContours out;
  std::vector<double> values;
  for (const LabelCount& l : summary.labels) values.push_back(l.value);
  const std::vector<VoxelBox> boxes = label_boxes(volume, values);
  for (std::size_t i = 0; i < summary.labels.size(); ++i) {
    const LabelCount& l = summary.labels[i];
    if (l.value == 0.0 || l.count == 0) continue;
    ObservationGroup g;
    g.label = label_name(l);
    g.noise_floor = half_voxel(volume.info);
    ContourRequest request;
    request.box = boxes[i];
    Outcome<VolumeContours> c = extract_contours(volume, ContourSelector::label(l.value), axis, request);
    if (c.ok()) {
      g.points = c.value().points;
      out.extracted.push_back(std::move(c.value()));
    } else {
      g.error = c.error();
      out.extracted.emplace_back();
    }
    out.groups.push_back(std::move(g));
    out.values.push_back(l.value);
  }
  return out;
}

std::size_t non_zero_labels(const VolumeSummary& summary) {
  return static_cast<std::size_t>(std::count_if(summary.labels.begin(), summary.labels.end(),
                                                [](const LabelCount& l) { return l.value != 0.0 && l.count > 0; }));
}

}  // namespace

VolumeSummary summarize_volume(const Volume& volume) {
  VolumeSummary s;
  const Outcome<std::vector<LabelCount>> labels = count_labels(volume);
  // Few distinct values make a labelmap when the file names segments, when there are only two (a
  // mask), or when the values jump rather than ramp (labels.hpp); an 8-bit CT is grey.
  const bool few = labels.ok() && labels.value().size() <= kMaxMaskLabels;
  if (few && (!volume.info.segments.empty() || labels.value().size() <= 2 || looks_like_labelmap(volume))) {
    s.labelmap = true;
    s.labels = labels.value();
    const LabelCount* largest = nullptr;
    for (const LabelCount& l : s.labels) {
      if (l.value != 0.0 && (largest == nullptr || l.count > largest->count)) largest = &l;
    }
    if (largest != nullptr) s.default_label = largest->value;
    return s;
  }
  const Outcome<Iso50Threshold> iso50 = iso50_threshold(volume);
  if (iso50.ok()) {
    s.iso50 = iso50.value();
    s.warnings.insert(s.warnings.end(), iso50.value().warnings.begin(), iso50.value().warnings.end());
  }
  return s;
}

Outcome<VolumeFit> fit_volume(const Volume& volume, const VolumeSummary& summary, const VolumeSelection& selection,
                              const FitOptions& options) {
  if (selection.label && selection.threshold) {
    return Error{ErrorCode::InvalidOption, "Give a label or a threshold, not both."};
  }
  std::optional<SphereSet> judged;
  std::optional<Warning> chosen_note;
  VolumeSummary effective = summary;
  if (!selection.label && !selection.threshold && summary.labelmap && non_zero_labels(summary) > 1) {
    const LabelContours traced = trace_labels(volume, summary, selection.axis);
    SpheresFit all = fit_groups(traced.groups, options);
    const std::size_t chosen = most_spherical(all.set);
    effective.default_label = traced.values[chosen];
    chosen_note = several_groups(all.set, chosen, "labels");
    judged = std::move(all.set);
  }
  ContourSelector selector;
  if (selection.label) {
    selector = ContourSelector::label(*selection.label);
  } else if (selection.threshold) {
    selector = ContourSelector::threshold(*selection.threshold);
  } else if (effective.default_label) {
    selector = ContourSelector::label(*effective.default_label);
  } else if (summary.iso50) {
    selector = ContourSelector::threshold(summary.iso50->threshold);
  } else {
    return Error{ErrorCode::InvalidOption, summary.labelmap
                                               ? "This labelmap has no label other than 0: there is nothing to contour."
                                               : "No threshold could be found between background and material in this "
                                                 "volume's grey values; give one."};
  }
  Outcome<VolumeContours> extracted = extract_contours(volume, selector, selection.axis);
  if (!extracted.ok()) {
    Error e = extracted.error();
    // A threshold the user chose far from ISO-50 (near the background's grey values) lets noise
    // break every slice into pieces: say where ISO-50 is, beside the advice about axis and edges.
    if (e.code == ErrorCode::NoClosedContours && selection.threshold && summary.iso50) {
      e.message += " Or the threshold " + format_number(*selection.threshold) +
                   " lies in the noise of the background or the material: this volume's ISO-50 is " +
                   format_number(summary.iso50->threshold) + ".";
    }
    return e;
  }
  VolumeFit out;
  out.selector = selector;
  out.extracted = std::move(extracted.value());
  Outcome<ContourFit> fit = fit_contours(out.extracted.points, options);
  if (!fit.ok()) return fit.error();
  out.contours = std::move(fit.value());
  out.center_voxel = voxel_of(volume.info, out.contours.fit.center);
  // What the header and the contouring noticed come first: they are about the data itself.
  std::vector<Warning> notes = volume.info.warnings;
  notes.insert(notes.end(), summary.warnings.begin(), summary.warnings.end());
  notes.insert(notes.end(), out.extracted.warnings.begin(), out.extracted.warnings.end());
  auto& warnings = out.contours.fit.warnings;
  warnings.insert(warnings.begin(), notes.begin(), notes.end());
  if (chosen_note) warnings.push_back(*chosen_note);
  out.labels_judged = std::move(judged);
  // A grey surface in several pieces in many slices: several objects, not one sphere.
  const auto pieces = std::count_if(out.extracted.slices.begin(), out.extracted.slices.end(),
                                    [](const VolumeSlice& v) { return v.status == SliceContourStatus::SeveralPieces; });
  const auto with_voxels = std::count_if(out.extracted.slices.begin(), out.extracted.slices.end(),
                                         [](const VolumeSlice& v) { return v.status != SliceContourStatus::Empty; });
  if (pieces >= 3 && 4 * pieces >= with_voxels) {
    warnings.push_back({WarningCode::SeveralSpheres,
                        grouped(static_cast<std::uint64_t>(pieces)) + " of " +
                            grouped(static_cast<std::uint64_t>(with_voxels)) +
                            " slices hold several pieces: the volume may hold several objects. Choose Spheres: all to "
                            "find every sphere in it."});
  }
  return out;
}

Outcome<VolumeSpheres> fit_volume_spheres(const Volume& volume, const VolumeSummary& summary,
                                          const VolumeSelection& selection, const FitOptions& options) {
  if (auto bad = check_options(options)) return *bad;
  if (selection.axis < 0 || selection.axis > 2) {
    return Error{ErrorCode::InvalidOption, "The slice axis must be 0 (i), 1 (j) or 2 (k)."};
  }
  VolumeSpheres out;
  out.axis = selection.axis;
  std::vector<Warning> notes = volume.info.warnings;
  notes.insert(notes.end(), summary.warnings.begin(), summary.warnings.end());
  if (summary.labelmap && !selection.threshold) {
    LabelContours traced = trace_labels(volume, summary, selection.axis);
    if (traced.groups.empty()) {
      return Error{ErrorCode::EmptyMask, "This labelmap has no label other than 0: there is nothing to contour."};
    }
    out.spheres = fit_groups(traced.groups, options);
    out.extracted = std::move(traced.extracted);
    out.label_values = std::move(traced.values);
  } else {
    const std::optional<double> threshold = selection.threshold ? selection.threshold
                                            : summary.iso50     ? std::optional<double>(summary.iso50->threshold)
                                                                : std::nullopt;
    if (!threshold) {
      return Error{
          ErrorCode::InvalidOption,
          "No threshold could be found between background and material in this volume's grey values; give one."};
    }
    ContourRequest request;
    request.every_curve = true;
    Outcome<VolumeContours> c =
        extract_contours(volume, ContourSelector::threshold(*threshold), selection.axis, request);
    if (!c.ok()) return c.error();
    Outcome<SpheresFit> found = fit_point_spheres(c.value().points.view(), options);
    if (!found.ok()) return found.error();
    out.spheres = std::move(found.value());
    notes.insert(notes.end(), c.value().warnings.begin(), c.value().warnings.end());
    out.extracted.push_back(std::move(c.value()));
    out.threshold = threshold;
  }
  for (const SphereEntry& e : out.spheres.set.spheres) out.centers_voxel.push_back(voxel_of(volume.info, e.fit.center));
  auto& w = out.spheres.set.warnings;
  w.insert(w.begin(), notes.begin(), notes.end());
  return out;
}

}  // namespace spherefit
