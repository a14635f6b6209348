#include "pipeline/fit_volume.hpp"

#include "read/volumes/contours.hpp"
#include "read/volumes/labels.hpp"
#include "read/volumes/threshold.hpp"
#include "read/volumes/volume.hpp"
#include "read/volumes/volume_header.hpp"

namespace spherefit {

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
  ContourSelector selector;
  if (selection.label) {
    selector = ContourSelector::label(*selection.label);
  } else if (selection.threshold) {
    selector = ContourSelector::threshold(*selection.threshold);
  } else if (summary.default_label) {
    selector = ContourSelector::label(*summary.default_label);
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
  return out;
}

}  // namespace spherefit
