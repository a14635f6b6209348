// Several spheres in one dataset, each fitted to its own observations: the balls of a ball plate
// or a bead pack found in a point cloud (fit/spheres/find_spheres.hpp), or observations the data
// already group — a table's object column (both eyes, each ball of a CMM program), a labelmap's
// labels, an RT-STRUCT's ROIs. Each sphere gets the full fit of its own observations (its own
// uncertainty, diagnostics and, when asked, ISO form fit); a group whose surface is not a sphere is
// listed as such (report/sphericity.hpp). The distances between centres come with uncertainties
// (report/sphere_distances.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/options.hpp"
#include "model/points.hpp"
#include "model/result.hpp"
#include "model/slices.hpp"
#include "pipeline/fit_contours.hpp"

namespace spherefit {

// One group of observations: slice circles (when circles is not empty), else points — contours
// when they carry slice ids.
struct ObservationGroup {
  std::string label;
  SliceTable circles;
  PointTable points;
  double noise_floor = 0.0;    // the data's resolution: half a voxel for a volume's contours
  std::optional<Error> error;  // the group could not even be gathered (a label without a closed contour)
};

struct SpheresFit {
  SphereSet set;
  std::vector<std::optional<ContourDetails>> contours;  // per sphere: a contour group's circles
  std::vector<PointTable> tables;                       // per sphere: the points it was fitted to
};

// The spheres a search finds among points, each fitted to its inliers (contours: clustered by
// slice). Honours the options' known radius, radius limits and smallest cap angle. NoSphereFound
// when there is none (a plate, a wall, a cylinder: no sphere, not a huge one); the search's errors.
Outcome<SpheresFit> fit_point_spheres(const PointColumnsView& points, const FitOptions& options);

// Every group fitted; a group that cannot be fitted is listed with its error.
SpheresFit fit_groups(const std::vector<ObservationGroup>& groups, const FitOptions& options);

// The group one-sphere mode fits: the most sphere-like of the spherical groups holding at least a
// tenth of the largest group's observations; the largest when none is spherical.
std::size_t most_spherical(const SphereSet& set);

// A warning for one-sphere mode: the data hold these groups, this one was fitted.
Warning several_groups(const SphereSet& set, std::size_t chosen, const char* what);

}  // namespace spherefit
