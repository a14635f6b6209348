#include "report/slice_preview.hpp"

#include <algorithm>
#include <cmath>

#include "read/volumes/voxels.hpp"
#include "read/volumes/volume.hpp"

namespace spherefit {
namespace {

constexpr double kPi = 3.14159265358979323846;

// The two voxel axes across the slicing axis, in increasing order (columns, then rows).
std::pair<int, int> plane_axes(int axis) {
  if (axis == 0) return {1, 2};
  if (axis == 1) return {0, 2};
  return {0, 1};
}

// A world point → (u, v) in preview pixels.
void append_pixel(const VolumeInfo& info, const Eigen::Vector3d& world, int u, int v, int stride,
                  std::vector<double>& out) {
  const Eigen::Vector3d ijk = voxel_of(info, world);
  out.push_back(ijk(u) / stride);
  out.push_back(ijk(v) / stride);
}

}  // namespace

Outcome<SlicePreview> preview_slice(const Volume& volume, int axis, std::int64_t index, const PreviewStyle& style,
                                    const std::vector<Eigen::Vector3d>& contour,
                                    const std::optional<std::pair<Eigen::Vector3d, double>>& sphere, int max_side) {
  if (axis < 0 || axis > 2) return Error{ErrorCode::InvalidOption, "The slice axis must be 0, 1 or 2 (i, j or k)."};
  const VolumeInfo& info = volume.info;
  if (index < 0 || index >= info.size[static_cast<std::size_t>(axis)]) {
    return Error{ErrorCode::InvalidOption, "Slice " + std::to_string(index) + " is outside the volume (0 to " +
                                               std::to_string(info.size[static_cast<std::size_t>(axis)] - 1) + ")."};
  }
  SlicePreview p;
  std::tie(p.axis_u, p.axis_v) = plane_axes(axis);
  const std::int64_t nu = info.size[static_cast<std::size_t>(p.axis_u)],
                     nv = info.size[static_cast<std::size_t>(p.axis_v)];
  p.stride = static_cast<int>(std::max<std::int64_t>(1, (std::max(nu, nv) + max_side - 1) / max_side));
  p.width = static_cast<int>((nu + p.stride - 1) / p.stride);
  p.height = static_cast<int>((nv + p.stride - 1) / p.stride);
  p.spacing_u = p.stride * info.affine.block<3, 1>(0, p.axis_u).norm();
  p.spacing_v = p.stride * info.affine.block<3, 1>(0, p.axis_v).norm();
  p.pixels.resize(static_cast<std::size_t>(p.width) * static_cast<std::size_t>(p.height));

  const std::int64_t step[3] = {1, info.size[0], info.size[0] * info.size[1]};
  const ValueScale scale(info);
  const double span = style.high > style.low ? style.high - style.low : 1.0;
  with_voxels(volume, [&](auto voxels) {
    for (int row = 0; row < p.height; ++row) {
      for (int col = 0; col < p.width; ++col) {
        const std::int64_t at = index * step[axis] + std::int64_t{col} * p.stride * step[p.axis_u] +
                                std::int64_t{row} * p.stride * step[p.axis_v];
        const double value = scale(static_cast<double>(voxels[static_cast<std::size_t>(at)]));
        double grey;
        if (style.labelmap)
          grey = value == style.label ? 255.0 : value != 0.0 ? 96.0 : 0.0;
        else
          grey = std::isfinite(value) ? 255.0 * std::clamp((value - style.low) / span, 0.0, 1.0) : 0.0;
        p.pixels[static_cast<std::size_t>(row) * static_cast<std::size_t>(p.width) + static_cast<std::size_t>(col)] =
            static_cast<std::uint8_t>(std::lround(grey));
      }
    }
    return 0;
  });

  for (const Eigen::Vector3d& w : contour) append_pixel(info, w, p.axis_u, p.axis_v, p.stride, p.contour);
  if (sphere) {
    // The slice plane in world space: through voxel (…, index, …) with the world normal of the
    // voxel axis; the sphere cuts it in a circle of radius √(R² − h²) about the foot of the centre.
    Eigen::Vector3d ijk = Eigen::Vector3d::Zero();
    ijk(axis) = static_cast<double>(index);
    const Eigen::Vector3d origin = world_of(info, ijk);
    const Eigen::Matrix3d m = info.affine.topLeftCorner<3, 3>();
    const Eigen::Vector3d normal = m.inverse().transpose().col(axis).normalized();
    const double h = normal.dot(sphere->first - origin);
    const double r_sq = sphere->second * sphere->second - h * h;
    if (r_sq > 0.0) {
      const Eigen::Vector3d foot = sphere->first - h * normal;
      const Eigen::Vector3d helper = std::abs(normal.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
      const Eigen::Vector3d a = normal.cross(helper).normalized(), b = normal.cross(a);
      for (int k = 0; k <= 180; ++k) {
        const double t = 2.0 * kPi * k / 180.0;
        append_pixel(info, foot + std::sqrt(r_sq) * (std::cos(t) * a + std::sin(t) * b), p.axis_u, p.axis_v, p.stride,
                     p.circle);
      }
    }
  }
  return p;
}

}  // namespace spherefit
