// Slice contours against the balls make_volumes.py drew: a sphere fitted (by the independent
// Gauss–Newton fit of point_fits.hpp) to all kept contour points, and a circle to each slice's
// contour, compared with the true centre and radius — √(R² − h²) per slice at height h. Binary
// masks must agree within 0.1 of the largest voxel edge, grey volumes within 0.05 (against the
// radius of the blurred ball's ISO-50 surface, which the generator computes in closed form).
// Slices left out must be left out for the reason scipy's connected components give.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "model/volume.hpp"
#include "support/point_fits.hpp"
#include "read/volumes/contours.hpp"
#include "read/volumes/threshold.hpp"
#include "read/volumes/volume.hpp"
#include "support/volume_data.hpp"

namespace spherefit {
namespace {

using testing::Json;
using testing::load_volume_file;
using testing::vector3;
using testing::volume_truth;

std::vector<Eigen::Vector3d> all_points(const PointTable& t) {
  std::vector<Eigen::Vector3d> out;
  for (std::size_t i = 0; i < t.size(); ++i) out.emplace_back(t.x[i], t.y[i], t.z[i]);
  return out;
}

std::vector<Eigen::Vector3d> contour_points(const PointTable& t, std::int32_t contour) {
  std::vector<Eigen::Vector3d> out;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t.slice[i] == contour) out.emplace_back(t.x[i], t.y[i], t.z[i]);
  return out;
}

// Slice circles near a pole magnify any displacement of the surface: a slice at height h cuts a
// circle of radius r = √(R² − h²), and moving the surface outward by δ grows r by δ·R/r. So the
// circles are held to the tolerance as they are where r ≥ R/2 (|h| ≤ 0.87 R), and everywhere
// after scaling by r/R, i.e. as the displacement of the surface they imply.
struct Accuracy {
  double centre = 0.0, radius = 0.0;                  // sphere fit, mm
  double slice_centre = 0.0, slice_radius = 0.0;      // worst over slices with r ≥ R/2, mm
  double surface_centre = 0.0, surface_radius = 0.0;  // worst over all slices, × r/R, mm
  double any_centre = 0.0, any_radius = 0.0;          // worst over all slices, as measured, mm
  int slices = 0;

  void expect_within(double tolerance) const {
    EXPECT_LT(centre, tolerance);
    EXPECT_LT(radius, tolerance);
    EXPECT_LT(slice_centre, tolerance);
    EXPECT_LT(slice_radius, tolerance);
    EXPECT_LT(surface_centre, tolerance);
    EXPECT_LT(surface_radius, tolerance);
  }
  void print(double edge) const {
    std::printf(
        "sphere centre %.4f, radius %.4f; slice circles (r ≥ R/2) centre %.4f, radius %.4f; "
        "as surface displacement %.4f, %.4f; worst cap slice as measured %.4f, %.4f (voxel edges of %.2f mm)\n",
        centre / edge, radius / edge, slice_centre / edge, slice_radius / edge, surface_centre / edge,
        surface_radius / edge, any_centre / edge, any_radius / edge, edge);
  }
};

// Fits and compares; checks the contours' geometry on the way (planar, ordered, normal).
Accuracy check_contours(const VolumeContours& c, const VolumeInfo& info, const Eigen::Vector3d& centre, double radius) {
  Accuracy a;
  const PointTable& t = c.points;
  EXPECT_EQ(t.slice_names.size(), t.slice_normals.size());
  // The slice normal from the affine's in-plane columns, toward increasing slice index.
  const Eigen::Matrix3d m = info.affine.topLeftCorner<3, 3>();
  const int u = c.axis == 0 ? 1 : 0, v = c.axis == 2 ? 1 : 2;
  const Eigen::Vector3d across = m.col(u).cross(m.col(v));
  const Eigen::Vector3d normal = across.normalized() * (across.dot(m.col(c.axis)) > 0 ? 1 : -1);
  EXPECT_NEAR((c.normal - normal).norm(), 0.0, 1e-12);
  const double in_plane_step = std::max(m.col(u).norm(), m.col(v).norm());

  const testing::FittedSphere s = testing::fit_sphere_to_points(all_points(t));
  a.centre = (s.centre - centre).norm();
  a.radius = std::abs(s.radius - radius);
  for (std::int32_t k = 0; k < static_cast<std::int32_t>(t.slice_names.size()); ++k) {
    const std::vector<Eigen::Vector3d> p = contour_points(t, k);
    EXPECT_GE(p.size(), 3u);
    EXPECT_NEAR((t.slice_normals[k] - normal).norm(), 0.0, 1e-12);
    // In one plane, and ordered: consecutive points at most a cell's diagonal apart.
    for (std::size_t i = 0; i < p.size(); ++i) {
      EXPECT_NEAR(normal.dot(p[i] - p[0]), 0.0, 1e-9);
      EXPECT_LE((p[(i + 1) % p.size()] - p[i]).norm(), std::sqrt(2.0) * in_plane_step + 1e-9);
    }
    const testing::FittedCircle circle = testing::fit_circle_to_points(p, normal);
    const double h = normal.dot(circle.centre - centre);
    const Eigen::Vector3d off_axis = circle.centre - centre - h * normal;
    if (std::getenv("SPHEREFIT_PRINT_SLICES")) {
      std::printf("  %s: h %+.3f, r %.3f, centre off %.4f, radius err %+.4f, %zu points\n", t.slice_names[k].c_str(), h,
                  circle.radius, off_axis.norm(), circle.radius - std::sqrt(radius * radius - h * h), p.size());
    }
    const double r = std::sqrt(std::max(radius * radius - h * h, 0.0));
    const double centre_error = off_axis.norm(), radius_error = std::abs(circle.radius - r);
    if (r >= 0.5 * radius) {
      a.slice_centre = std::max(a.slice_centre, centre_error);
      a.slice_radius = std::max(a.slice_radius, radius_error);
    }
    a.surface_centre = std::max(a.surface_centre, centre_error * r / radius);
    a.surface_radius = std::max(a.surface_radius, radius_error * r / radius);
    a.any_centre = std::max(a.any_centre, centre_error);
    a.any_radius = std::max(a.any_radius, radius_error);
    ++a.slices;
  }
  return a;
}

TEST(VolumeContours, BinaryMasksWithinATenthOfTheLargestVoxelEdge) {
  int balls = 0;
  for (const auto& [name, t] : volume_truth()["files"].items()) {
    if (!t.has("balls") || t["gzip"].boolean()) continue;
    const auto loaded = load_volume_file(name);
    ASSERT_TRUE(loaded.ok()) << name << ": " << loaded.error().message;
    const std::vector<double> spacing = t["spacing"].numbers();
    const double edge = *std::max_element(spacing.begin(), spacing.end());
    for (std::size_t b = 0; b < t["balls"].size(); ++b) {
      const Json& ball = t["balls"][b];
      SCOPED_TRACE(name + ", label " + std::to_string(ball["label"].number()));
      const auto contours = extract_contours(loaded.value()->volume, ContourSelector::label(ball["label"].number()));
      ASSERT_TRUE(contours.ok()) << contours.error().message;
      for (const VolumeSlice& s : contours.value().slices)
        EXPECT_TRUE(s.status == SliceContourStatus::Kept || s.status == SliceContourStatus::Empty);
      const Accuracy a = check_contours(contours.value(), loaded.value()->volume.info, vector3(ball["centre"]),
                                        ball["radius"].number());
      std::printf("%-22s label %g: %2d slices, %4zu points; ", name.c_str(), ball["label"].number(), a.slices,
                  contours.value().points.size());
      a.print(edge);
      a.expect_within(0.1 * edge);
      ++balls;
    }
  }
  EXPECT_EQ(balls, 10);
}

TEST(VolumeContours, GreyVolumesAtIso50WithinATwentiethOfTheLargestVoxelEdge) {
  for (const char* name : {"ct_ball.nii", "ct_ball.nrrd"}) {
    const Json& t = volume_truth()["files"][name];
    const Json& g = t["grey"];
    const auto loaded = load_volume_file(name);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    const std::vector<double> spacing = t["spacing"].numbers();
    const double edge = *std::max_element(spacing.begin(), spacing.end());
    const auto iso = iso50_threshold(loaded.value()->volume);
    ASSERT_TRUE(iso.ok()) << iso.error().message;
    for (int axis : {2, 1, 0}) {
      SCOPED_TRACE(std::string(name) + ", axis " + std::to_string(axis));
      const auto contours =
          extract_contours(loaded.value()->volume, ContourSelector::threshold(iso.value().threshold), axis);
      ASSERT_TRUE(contours.ok()) << contours.error().message;
      // The slice normal is the affine's column for the slicing axis when the axes are orthogonal.
      const Eigen::Vector3d column = loaded.value()->volume.info.affine.block<3, 1>(0, axis).normalized();
      EXPECT_NEAR((contours.value().normal - column).norm(), 0, 1e-6);
      const double iso_radius = g["iso50_radius"].number();
      const Accuracy a =
          check_contours(contours.value(), loaded.value()->volume.info, vector3(g["centre"]), iso_radius);
      const testing::FittedSphere s = testing::fit_sphere_to_points(all_points(contours.value().points));
      std::printf(
          "%-12s axis %d, ISO-50 %.1f: %2d slices, %4zu points; radius %.4f voxel edges from the ball's, "
          "%.4f from its ISO-50 surface's;\n  ",
          name, axis, iso.value().threshold, a.slices, contours.value().points.size(),
          std::abs(s.radius - g["radius"].number()) / edge, a.radius / edge);
      a.print(edge);
      a.expect_within(0.05 * edge);
    }
  }
}

TEST(VolumeContours, SlicesAreLeftOutForTheRightReason) {
  const auto loaded = load_volume_file("leftout.nii");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const Json& truth = volume_truth()["files"]["leftout.nii"];
  for (int axis : {2, 0}) {
    const Json& statuses = truth[axis == 2 ? "slice_status" : "slice_status_axis0"];
    for (const auto& [label, expected] : statuses.items()) {
      SCOPED_TRACE("label " + label + ", axis " + std::to_string(axis));
      const auto c = extract_contours(loaded.value()->volume, ContourSelector::label(std::stod(label)), axis);
      int kept = 0;
      for (std::size_t s = 0; s < expected.size(); ++s) kept += expected[s].string() == "Kept";
      if (kept == 0) {
        ASSERT_FALSE(c.ok());
        EXPECT_EQ(c.error().code, ErrorCode::NoClosedContours);
        EXPECT_NE(c.error().message.find("touch the volume's edge"), std::string::npos) << c.error().message;
        continue;
      }
      ASSERT_TRUE(c.ok()) << c.error().message;
      ASSERT_EQ(c.value().slices.size(), expected.size());
      bool any_left_out = false;
      for (std::size_t s = 0; s < expected.size(); ++s) {
        const VolumeSlice& slice = c.value().slices[s];
        EXPECT_EQ(slice.index, static_cast<std::int64_t>(s));
        EXPECT_EQ(name_of(kSliceContourStatusNames, slice.status), expected[s].string()) << "slice " << s;
        EXPECT_EQ(slice.contour >= 0, slice.status == SliceContourStatus::Kept);
        any_left_out =
            any_left_out || (slice.status != SliceContourStatus::Kept && slice.status != SliceContourStatus::Empty);
        if (slice.status == SliceContourStatus::SeveralPieces) EXPECT_GE(slice.curves, 2);
        if (slice.status == SliceContourStatus::Hole) EXPECT_GE(slice.holes, 1);
      }
      bool warned = false;
      for (const Warning& w : c.value().warnings) warned = warned || w.code == WarningCode::ContoursLeftOut;
      EXPECT_EQ(warned, any_left_out);
      // Names say which slice a contour came from.
      const char letter = "ijk"[axis];
      for (const VolumeSlice& slice : c.value().slices) {
        if (slice.contour < 0) continue;
        EXPECT_EQ(c.value().points.slice_names[slice.contour],
                  std::string(1, letter) + " = " + std::to_string(slice.index));
      }
    }
  }
}

// The voxel indices of the fitted centre, for the user's viewer: the true centre's indices.
TEST(VolumeContours, CentreInVoxelIndices) {
  const Json& t = volume_truth()["files"]["mask_sform.nii"];
  const auto loaded = load_volume_file("mask_sform.nii");
  ASSERT_TRUE(loaded.ok());
  const auto c = extract_contours(loaded.value()->volume, ContourSelector::label(1));
  ASSERT_TRUE(c.ok());
  const testing::FittedSphere s = testing::fit_sphere_to_points(all_points(c.value().points));
  const VolumeInfo& info = loaded.value()->volume.info;
  const Eigen::Vector3d ijk = voxel_of(info, s.centre);
  const Eigen::Vector3d true_ijk =
      info.affine.topLeftCorner<3, 3>().inverse() * (vector3(t["balls"][0]["centre"]) - info.affine.block<3, 1>(0, 3));
  EXPECT_LT((ijk - true_ijk).cwiseAbs().maxCoeff(), 0.1);
}

// The test's own Gauss–Newton Jacobian against central differences.
TEST(VolumeContours, ReferenceSphereJacobianMatchesFiniteDifferences) {
  const std::vector<Eigen::Vector3d> p = {{1, 2, 3}, {-2, 0.5, 1}, {0.3, -1, 2.5}, {4, 1, -1}};
  const Eigen::Vector3d c(0.2, 0.1, -0.3);
  const double r = 2.5;
  const Eigen::MatrixXd j = testing::sphere_residual_jacobian(p, c, r);
  for (int col = 0; col < 4; ++col) {
    const double h = 1e-6;
    Eigen::Vector3d cp = c, cm = c;
    double rp = r, rm = r;
    if (col < 3)
      cp(col) += h, cm(col) -= h;
    else
      rp += h, rm -= h;
    const Eigen::VectorXd fd = (testing::sphere_residuals(p, cp, rp) - testing::sphere_residuals(p, cm, rm)) / (2 * h);
    EXPECT_LT((fd - j.col(col)).cwiseAbs().maxCoeff(), 1e-8);
  }
}

}  // namespace
}  // namespace spherefit
