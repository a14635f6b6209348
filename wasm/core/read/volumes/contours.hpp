// A volume → one closed contour per slice, in world coordinates: the points a sphere (or a
// circle per slice) is fitted to. Each slice across the chosen voxel axis is a 2D field — 0/1 for
// a label's mask, the scaled grey value for a threshold — traced by marching squares
// (read/volumes/marching_squares.hpp) at 0.5 or at the threshold, with sub-voxel crossings by linear
// interpolation; the crossings (u, v) in voxel indices are mapped to RAS mm by the volume's
// affine. A slice whose boundary is not exactly one closed curve — several pieces, a hole, or
// touching the volume's edge, where the true boundary is unknown — is reported with the reason
// and left out; curves are never merged.
#pragma once

#include <cstdint>

#include "model/volume.hpp"

namespace spherefit {

// The largest slice traced, in voxels (4096 × 4096): the work arrays take 25 bytes per voxel.
inline constexpr std::int64_t kMaxSliceVoxels = std::int64_t{1} << 24;

// axis: 0, 1 or 2 (i, j, k), the voxel axis the slices are stacked along. The label selector
// picks voxels whose scaled value equals it (see count_labels); the threshold selector picks
// scaled values ≥ it (non-finite voxels are outside, with a NonFiniteVoxels warning).
// Fails with InvalidOption (axis not 0–2, non-finite selector value), LabelNotFound (no voxel
// holds the label and the file names no such segment; the message lists the labels present),
// EmptyMask (a named segment without voxels, or no voxel at or above the threshold; the message
// gives the range of values), NoClosedContours (no slice has exactly one closed curve; counts of
// why), UnsupportedFile (a slice of more than kMaxSliceVoxels).
// With request.every_curve the one-curve rule is off (see ContourRequest): NoClosedContours only
// when no slice has any curve.
Outcome<VolumeContours> extract_contours(const Volume& volume, const ContourSelector& selector, int axis = 2,
                                         const ContourRequest& request = {});

}  // namespace spherefit
