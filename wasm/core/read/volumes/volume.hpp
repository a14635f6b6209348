// A volume file, in two steps that let the browser stream its voxels straight into wasm memory:
// read_volume_header tells the format from the first bytes (NIfTI-1/2 by sizeof_hdr, NRRD by its
// magic, MetaImage by its first "Key = Value" line) and says where the voxels are (in this file,
// or in the data file a detached .nhdr or .mhd names) and how many bytes they take; make_volume then wraps the
// caller's buffer of those bytes (byte-swapping it in place when the file's order is not this
// machine's) without copying it. Also the map between voxel indices and world RAS mm.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/volume.hpp"

namespace spherefit {

// head: the first min(size, kVolumeHeadBytes) bytes of the stream (decompressed for .nii.gz; the
// raw file for NRRD, whose header is never compressed). file_name is used for messages only.
// stream_size: the stream's full size when known (an uncompressed file), else −1; a head shorter
// than kVolumeHeadBytes is taken to be the whole stream. Then uncompressed voxels that would
// reach past its end give TruncatedFile.
// Fails with EmptyInput (no bytes), UnknownFormat (neither NIfTI, NRRD nor MetaImage; says what
// it looks like: gzip, ZIP, PDF, an image… — read/sniff.hpp's describe_file), UnsupportedFile for
// DICOM, or the readers' errors (read/volumes/nifti.hpp, nrrd.hpp, metaimage.hpp).
Outcome<VolumeInfo> read_volume_header(std::string_view head, std::string_view file_name,
                                       std::int64_t stream_size = -1);

// Wraps data[0, size) as the volume info describes: size must equal info.data_bytes. data must
// stay alive and unmoved while the Volume is used; its bytes are swapped in place to this
// machine's order (so make_volume must be called once per buffer). Nothing of the volume's size is
// allocated. Fails with TruncatedFile (offset: where the voxel data stopped, in the stream the
// voxels come from) when size is short, InvalidFile when it is longer, InvalidOption for a null
// buffer.
Outcome<Volume> make_volume(const VolumeInfo& info, std::uint8_t* data, std::size_t size);

// The error for voxel data whose decompression failed after `received` bytes (a damaged .gz, or
// gzip-encoded NRRD data cut or corrupted): InvalidFile, saying how far it got and, when the
// decompressor said why, its reason.
Error damaged_voxel_data(const VolumeInfo& info, std::uint64_t received, std::string_view reason);

// A detached header's data file (info.data_file, found by the caller) of data_file_size bytes:
// info with data_offset resolved when the voxels end that file (data_at_end), after checking that
// raw voxels fit in it. Returns info unchanged when it names no data file or the size is unknown
// (−1). Fails with TruncatedFile (offset: the data file's size) when the file is too short.
Outcome<VolumeInfo> attach_data_file(const VolumeInfo& info, std::int64_t data_file_size);

// Voxel indices (i, j, k; fractional allowed) → world RAS mm, and back.
Eigen::Vector3d world_of(const VolumeInfo& info, const Eigen::Vector3d& ijk);
Eigen::Vector3d voxel_of(const VolumeInfo& info, const Eigen::Vector3d& world);

}  // namespace spherefit
