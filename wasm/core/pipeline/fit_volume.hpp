// A segmentation or CT volume → the sphere in scanner coordinates: choose the voxels (a label of a
// labelmap, or a grey threshold), take one closed contour per slice along a voxel axis
// (read/volumes/contours.hpp), and fit them as slice contours (pipeline/fit_contours.hpp): one circle per slice —
// the slices are oblique in world space whenever the volume is, which the oblique-normal circle
// fit exists for — then the sphere of those circles, with the direct point fit beside it.
#pragma once

#include <optional>
#include <vector>

#include "model/volume.hpp"
#include "pipeline/fit_contours.hpp"
#include "pipeline/fit_spheres.hpp"

namespace spherefit {

// What a volume holds, found once when it is loaded: its labels (a labelmap) or, for a grey
// volume, the ISO-50 threshold. A volume is taken as a labelmap when it holds at most
// kMaxMaskLabels distinct values (0 and a few segments; a 16-bit CT's thousands of grey values are
// not labels) and its values jump from label to label rather than ramp (looks_like_labelmap: an
// 8-bit CT or a partial-volume phantom has few values too), or when the file names segments.
inline constexpr std::size_t kMaxMaskLabels = 256;

struct VolumeSummary {
  bool labelmap = false;
  std::vector<LabelCount> labels;       // a labelmap's values with counts and names
  std::optional<Iso50Threshold> iso50;  // a grey volume's threshold
  std::optional<double> default_label;  // the largest non-zero label
  std::vector<Warning> warnings;
};

// One pass for the labels, one more for the histogram of a grey volume. Fails with
// NonFiniteValue or NoMaterialPeak only for a grey volume whose threshold can't be found (the
// user can still give one).
VolumeSummary summarize_volume(const Volume& volume);

struct VolumeFit {
  ContourFit contours;                                     // the sphere, and the circles and point fit beside it
  VolumeContours extracted;                                // every slice with its status; the contour points
  ContourSelector selector;                                // what was contoured
  Eigen::Vector3d center_voxel = Eigen::Vector3d::Zero();  // the centre in voxel indices (i, j, k)
  std::optional<SphereSet> labels_judged;  // a labelmap's every label fitted, when the default was chosen among them
};

// Errors: InvalidOption (both a label and a threshold, an axis not 0–2, no default to use),
// those of extract_contours and of fit_contours. Without a label or threshold a labelmap of
// several labels has each fitted and the most sphere-like one chosen (fit_spheres.hpp's
// most_spherical), with a SeveralSpheres warning naming the others.
Outcome<VolumeFit> fit_volume(const Volume& volume, const VolumeSummary& summary, const VolumeSelection& selection,
                              const FitOptions& options);

// Every sphere of a volume. A labelmap: every non-zero label, each traced in its own bounding box
// and fitted as slice contours (a label that is not a sphere listed as such). A grey volume (or
// a threshold given): every closed curve of the surface at the threshold (ISO-50 by default),
// their points searched for spheres (fit_point_spheres: touching beads separated, a ball bar's
// rod left out), each sphere fitted to its points clustered by slice.
struct VolumeSpheres {
  SpheresFit spheres;
  std::vector<VolumeContours> extracted;  // per label (a labelmap), or one for the whole surface
  std::vector<double> label_values;       // a labelmap: each sphere's label
  std::optional<double> threshold;        // a grey volume: the threshold used
  int axis = 2;
  std::vector<Eigen::Vector3d> centers_voxel;  // per sphere
};
Outcome<VolumeSpheres> fit_volume_spheres(const Volume& volume, const VolumeSummary& summary,
                                          const VolumeSelection& selection, const FitOptions& options);

}  // namespace spherefit
