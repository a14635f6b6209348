// NRRD headers (a .nrrd file with its header attached, 3D Slicer's .seg.nrrd included, or a
// detached .nhdr header naming its data file) →
// VolumeInfo. Follows the NRRD file format, version 5 (teem.sourceforge.net/nrrd/format.html):
// the "NRRD000N" magic line, "field: description" lines, "key:=value" pairs, '#' comments, and a
// blank line after which the data starts. Read fields: type, dimension, sizes, endian, encoding
// (raw or gzip; text, hex, bzip2 and others are refused), space, space dimension, space
// directions ("none" for a non-spatial axis), space origin, space units, spacings, kinds, byte
// skip, line skip, data file (one file, named in VolumeInfo::data_file for the caller to find;
// "LIST" and numbered patterns, one file per slice, are refused; line skip is refused there).
//
// World coordinates: NRRD gives voxel → space as origin + Σ index·direction. The space
// "left-posterior-superior" (LPS, the DICOM and ITK convention) becomes RAS by negating x and y;
// "left-anterior-superior" by negating x; RAS is kept; spaces without anatomical meaning
// (scanner-xyz, 3D-right-handed, 3D-left-handed, or a bare space dimension) are used as they are,
// with a VolumeGeometry warning; spaces with time are refused.
//
// 3D Slicer segmentations (Slicer ≥ 4.11) name their segments in SegmentN_ID, SegmentN_Name,
// SegmentN_LabelValue (1 when absent) and SegmentN_Layer (N when absent: older files put one
// segment per layer). One layer is read; several layers (a 4D file with a "list" axis) are refused
// with the segments of each layer named, since they overlap and cannot share one labelmap.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/volume.hpp"

namespace spherefit {

// Precondition: head starts with "NRRD". stream_size is the file's size when known, else −1
// (needed only for "byte skip: -1"). Fails with error offset (byte) and line (1-based) set:
// TruncatedFile when the header has no end in head, InvalidFile for a missing or impossible field
// (column: where the field's value starts, 1-based), UnsupportedFile for data file lists,
// encodings other than raw and gzip, 64-bit and block types, multi-layer segmentations and
// interleaved non-spatial axes.
Outcome<VolumeInfo> read_nrrd_header(std::string_view head, std::int64_t stream_size);

}  // namespace spherefit
