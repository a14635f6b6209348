// MetaImage headers (ITK's MetaIO: a .mha file with its voxels after the header, or a .mhd header
// whose ElementDataFile names a .raw or .zraw file) → VolumeInfo. Follows the MetaIO
// documentation (Kitware, "MetaIO", itk.org/Wiki/ITK/MetaIO/Documentation) and what ITK's
// MetaImageIO reads: "Key = Value" lines, ElementDataFile last (the voxels start on the line after
// it). Read: ObjectType (Image), NDims (2 or more; beyond 3 the first volume), DimSize,
// ElementType (MET_UCHAR, MET_CHAR, MET_USHORT, MET_SHORT, MET_UINT, MET_INT, MET_LONG and
// MET_ULONG — 4 bytes in MetaIO —, MET_FLOAT, MET_DOUBLE), ElementSpacing (else ElementSize),
// Offset / Position / Origin, TransformMatrix / Rotation / Orientation, AnatomicalOrientation
// (compared with the matrix, as ITK ignores it), CenterOfRotation (ignored: it concerns
// transforms), BinaryData, BinaryDataByteOrderMSB / ElementByteOrderMSB, CompressedData (a zlib
// stream: DataCompression::Zlib), CompressedDataSize, HeaderSize (bytes before the voxels from the
// data file's start; −1: the voxels end the file), ElementNumberOfChannels (1 only),
// ElementDataFile (LOCAL, or one file named in VolumeInfo::data_file; LIST and numbered
// patterns, one file per slice, are refused).
//
// World coordinates: MetaIO's physical space is ITK's, LPS: point = Offset + D·diag(spacing)·index
// where TransformMatrix lists D axis by axis (its first NDims numbers are axis i's direction, as
// ITK's MetaImageIO::ReadImageInformation reads them). RAS is LPS with x and y negated.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/volume.hpp"

namespace spherefit {

// Whether the bytes begin like a MetaImage header: a first non-blank line "ObjectType = …",
// "NDims = …" or another MetaIO key followed by '='.
bool looks_like_metaimage(std::string_view head);

// Precondition: looks_like_metaimage(head), or the file is named .mha/.mhd. stream_size: the file's
// size when known, else −1 (needed for a local "HeaderSize = -1"). Fails with offset (byte), line
// and column set: TruncatedFile when the header does not reach ElementDataFile within head,
// InvalidFile for a line that is no "Key = Value", a missing or impossible field,
// UnsupportedFile for ASCII voxels, several channels, element types not listed above, and data
// file lists or patterns.
Outcome<VolumeInfo> read_metaimage_header(std::string_view head, std::int64_t stream_size);

}  // namespace spherefit
