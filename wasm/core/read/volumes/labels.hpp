// The labels of a labelmap (a segmentation): each distinct value and how many voxels hold it,
// counted in one pass over the volume with no allocation of its size: a table of 256 or 65 536
// counts for 8- and 16-bit voxels; for 32-bit and float voxels a hash table over runs of equal
// values (labelmaps are mostly long runs), given up past kMaxLabels distinct values.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/volume.hpp"

namespace spherefit {

inline constexpr std::size_t kMaxLabels = 65536;

// The distinct scaled values, ascending, with their voxel counts and the Slicer segment names of
// the file (several names joined by " / " if segments share a value). Fails with GreyValues when
// float voxels hold a value that is not a whole number (with the voxel and its value), or 32-bit
// and float voxels hold more than kMaxLabels distinct values: a grey volume, to be contoured at a
// threshold instead, and with InvalidFile when the file's scaling sends a value beyond double's
// range. Otherwise integer volumes of 8 or 16 bits always succeed (a 16-bit CT gives its histogram).
Outcome<std::vector<LabelCount>> count_labels(const Volume& volume);

// The bounding box of each value's voxels (values scaled, as count_labels gives them; a value no
// voxel holds gets an empty box), in one pass over runs of equal stored values along i: a
// labelmap's rows are mostly long runs, so a lookup is made per run, not per voxel.
std::vector<VoxelBox> label_boxes(const Volume& volume, const std::vector<double>& values);

// The labels present, for messages: "0 (background), 1 “ball”, 3" — at most `limit` of them.
std::string describe_labels(const std::vector<LabelCount>& labels, std::size_t limit = 12);

// Whether a volume of few distinct values holds labels rather than grey values (an 8-bit CT, a
// partial-volume phantom). A labelmap is piecewise constant: along a row of voxels its value jumps
// from one label to another. Grey values cross a surface through ramps: a partial-volume voxel
// takes a value between those on either side. So along i, of the places where the value changes
// on both sides of a voxel (a ≠ b ≠ c), count the ramps (b strictly between a and c). A labelmap
// ramps only where a one-voxel layer of a label happens to be valued between its neighbours; a grey
// image at most of its surface crossings, and everywhere its noise is. Labelmap when fewer than
// kLabelmapRampFraction of such places ramp (rows sampled evenly, about 16 million voxels at most).
inline constexpr double kLabelmapRampFraction = 0.1;
bool looks_like_labelmap(const Volume& volume);

}  // namespace spherefit
