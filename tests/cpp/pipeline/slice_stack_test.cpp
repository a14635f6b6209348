// A DICOM-like stack of slices with gantry tilt and uneven spacing, built here from PS3.3
// C.7.6.2.1.1 (P = S + i·Δc·X + j·Δr·Y per slice) around a known ball: the session must place
// every slice by its own origin, so the fitted centre and radius are the ball's, in RAS.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "pipeline/volume_session.hpp"
#include "read/volumes/slice_stack.hpp"
#include "read/volumes/volume.hpp"

namespace spherefit {
namespace {

struct Ball {
  Eigen::Vector3d centre_lps{12.5, -31.25, 47.0};
  double radius = 14.0;
};

// 64 × 64 slices of 0.8 mm × 0.7 mm pixels (row spacing 0.8, column spacing 0.7), oriented by a
// rotation, tilted by 12° (the origins step along the table, not along the normal), with uneven
// steps of 1.1 to 2.0 mm and a grey ramp 2 mm wide across the ball's surface (1000 inside).
SliceStack tilted_stack(const Ball& ball, std::vector<std::int16_t>& voxels) {
  SliceStack s;
  s.columns = 64;
  s.rows = 64;
  s.type = VoxelType::Int16;
  const Eigen::Matrix3d r = (Eigen::AngleAxisd(0.3, Eigen::Vector3d(0.2, 1, 0.4).normalized())).toRotationMatrix();
  s.row_direction = r.col(0);
  s.column_direction = r.col(1);
  s.row_spacing = 0.8;
  s.column_spacing = 0.7;
  const Eigen::Vector3d normal = r.col(2);
  const double tilt = 12.0 * M_PI / 180.0;
  const Eigen::Vector3d table = std::cos(tilt) * normal + std::sin(tilt) * r.col(1);
  // The first slice's first pixel: the ball's centre projected back by half the slice size.
  Eigen::Vector3d first = ball.centre_lps - 32 * 0.7 * s.row_direction - 32 * 0.8 * s.column_direction - 18.0 * normal;
  double along = 0.0;
  for (int k = 0; k < 24; ++k) {
    s.origins.push_back(first + along / std::cos(tilt) * table);
    along += 1.1 + 0.9 * std::fmod(k * 0.618034, 1.0);
  }
  voxels.assign(static_cast<std::size_t>(64 * 64 * s.origins.size()), 0);
  for (std::size_t k = 0; k < s.origins.size(); ++k)
    for (int j = 0; j < 64; ++j)
      for (int i = 0; i < 64; ++i) {
        const Eigen::Vector3d p =
            s.origins[k] + i * s.column_spacing * s.row_direction + j * s.row_spacing * s.column_direction;
        const double d = (p - ball.centre_lps).norm();
        voxels[(k * 64 + j) * 64 + i] =
            static_cast<std::int16_t>(std::lround(1000 * std::clamp(0.5 + (ball.radius - d) / 2.0, 0.0, 1.0)));
      }
  return s;
}

Outcome<VolumeFit> fit_stack(const SliceStack& s, const std::vector<std::int16_t>& voxels) {
  Outcome<VolumeSession> session = VolumeSession::open_slices(s);
  if (!session.ok()) return session.error();
  VolumeSession& v = session.value();
  EXPECT_EQ(v.voxel_bytes(), voxels.size() * 2);
  std::memcpy(v.voxels(), voxels.data(), voxels.size() * 2);
  if (auto e = v.finish(voxels.size() * 2)) return *e;
  VolumeSelection selection;
  selection.threshold = 500;
  return v.fit(selection, FitOptions{});
}

TEST(SliceStack, TiltedUnevenSeriesGivesTheBallInRas) {
  const Ball ball;
  std::vector<std::int16_t> voxels;
  const SliceStack s = tilted_stack(ball, voxels);
  const Outcome<VolumeFit> fit = fit_stack(s, voxels);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  const Eigen::Vector3d ras(-ball.centre_lps.x(), -ball.centre_lps.y(), ball.centre_lps.z());
  EXPECT_LT((fit.value().contours.fit.center - ras).norm(), 0.02) << fit.value().contours.fit.center.transpose();
  EXPECT_NEAR(fit.value().contours.fit.radius, ball.radius, 0.02);
}

TEST(SliceStack, WorldAndVoxelIndicesAreInverse) {
  const Ball ball;
  std::vector<std::int16_t> voxels;
  const Outcome<VolumeInfo> info = slice_stack_info(tilted_stack(ball, voxels));
  ASSERT_TRUE(info.ok());
  for (const Eigen::Vector3d& ijk :
       {Eigen::Vector3d(3, 5, 0), Eigen::Vector3d(10.5, 40.25, 7.3), Eigen::Vector3d(63, 0, 23)}) {
    EXPECT_LT((voxel_of(info.value(), world_of(info.value(), ijk)) - ijk).norm(), 1e-9) << ijk.transpose();
  }
}

TEST(SliceStack, DuplicatesOrderAndGapsAreNamed) {
  SliceStack s;
  s.columns = s.rows = 4;
  s.origins = {{0, 0, 0}, {0, 0, 1}, {0, 0, 1}};
  s.names = {"a.dcm", "b.dcm", "c.dcm"};
  Outcome<VolumeInfo> dup = slice_stack_info(s);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::DuplicateSlices);
  EXPECT_NE(dup.error().message.find("b.dcm"), std::string::npos);
  EXPECT_NE(dup.error().message.find("c.dcm"), std::string::npos);
  s.origins = {{0, 0, 0}, {0, 0, 2}, {0, 0, 1}};
  EXPECT_EQ(slice_stack_info(s).error().code, ErrorCode::InvalidOption);
  s.origins = {{0, 0, 0}, {0, 0, 1}, {0, 0, 2}, {0, 0, 5}, {0, 0, 6}};
  s.names.clear();
  const Outcome<VolumeInfo> gap = slice_stack_info(s);
  ASSERT_TRUE(gap.ok());
  ASSERT_EQ(gap.value().warnings.size(), 1u);
  EXPECT_EQ(gap.value().warnings[0].code, WarningCode::MissingSlices);
  s.row_direction = {1, 0.1, 0};
  EXPECT_EQ(slice_stack_info(s).error().code, ErrorCode::InvalidOption);
}

}  // namespace
}  // namespace spherefit
