// NIfTI-1 and NIfTI-2 headers (a single-file .nii; a .nii.gz arrives here decompressed) →
// VolumeInfo. Follows the NIfTI-1 standard (nifti1.h, NIfTI Data Format Working Group, 2004) and
// NIfTI-2 (nifti2.h, 2011). The byte order is told by sizeof_hdr (348 or 540, as written or
// swapped). World coordinates follow nifti1.h's methods: the sform when sform_code > 0 (method
// 3), else the qform when qform_code > 0 (method 2: quaternion, qfac = pixdim[0], offsets), else
// pixdim alone (method 1, with a VolumeGeometry warning). NIfTI's x, y, z are RAS already, as 3D
// Slicer and ITK read them; spatial units of metres or microns are converted to mm.
#pragma once

#include <string_view>

#include "model/volume.hpp"

namespace spherefit {

// Precondition: head starts with sizeof_hdr = 348 or 540 in either byte order (see
// read_volume_header). Fails with TruncatedFile (offset = head.size()) when the header is cut
// short, UnsupportedFile for .hdr/.img pairs, Analyze 7.5, 1D files and voxel types other than
// (u)int8/16/32 and float32/64 (naming the type), InvalidFile (offset of the field) for
// impossible dimensions or data offsets.
Outcome<VolumeInfo> read_nifti_header(std::string_view head);

}  // namespace spherefit
