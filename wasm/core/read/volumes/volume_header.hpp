// What the NIfTI and NRRD header readers share: errors that point at a byte, the voxel count and
// byte size checked against overflow and the wasm memory limit, and the test that a voxel → world
// matrix can place voxels (finite, invertible).
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <string>

#include "model/format.hpp"
#include "model/status.hpp"
#include "model/volume.hpp"

namespace spherefit {

// An error about a file, at `offset` bytes from its start (−1: nowhere in particular).
Error file_error(ErrorCode code, long long offset, std::string message);

// ni·nj·nk·voxel_bytes(type), or UnsupportedFile when it exceeds kMaxVolumeBytes (counted
// without overflow for any dimensions up to 2^62). Sizes must be ≥ 1.
Outcome<std::uint64_t> voxel_data_bytes(const std::array<std::int64_t, 3>& size, VoxelType type);

// Whether the matrix is finite, within 10⁹ mm, and its 3×3 part invertible, judged relative to
// its column lengths (a near-singular matrix would send contour points to infinity).
bool affine_usable(const Eigen::Matrix4d& affine);

}  // namespace spherefit
