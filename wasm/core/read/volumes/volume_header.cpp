#include "read/volumes/volume_header.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <cstdio>

namespace spherefit {

Error file_error(ErrorCode code, long long offset, std::string message) {
  Error e;
  e.code = code;
  e.offset = offset;
  e.message = std::move(message);
  return e;
}

Outcome<std::uint64_t> voxel_data_bytes(const std::array<std::int64_t, 3>& size, VoxelType type) {
  // Multiply one factor at a time, stopping before the product could pass the limit.
  std::uint64_t bytes = voxel_bytes(type);
  for (std::int64_t n : size) {
    const auto un = static_cast<std::uint64_t>(n);
    if (n < 1 || un > kMaxVolumeBytes || bytes > kMaxVolumeBytes / un) {
      return file_error(ErrorCode::UnsupportedFile, -1,
                        "The volume is " + format_size(size) + " voxels of " + voxel_size_text(type) +
                            ": more than the " + std::to_string(kMaxVolumeBytes >> 20) +
                            " MiB a browser tab can hold. Crop it to the region around the sphere "
                            "(3D Slicer: Crop Volume) and save it again.");
    }
    bytes *= un;
  }
  return bytes;
}

bool affine_usable(const Eigen::Matrix4d& affine) {
  // Beyond 10⁹ mm (1000 km) a number is damage, and products with voxel indices could overflow.
  if (!affine.allFinite() || affine.cwiseAbs().maxCoeff() > 1e9) return false;
  const Eigen::Matrix3d m = affine.topLeftCorner<3, 3>();
  const double scale = m.col(0).norm() * m.col(1).norm() * m.col(2).norm();
  return scale > 0 && std::isfinite(scale) && std::abs(m.determinant()) > 1e-9 * scale;
}

}  // namespace spherefit
