// Several spheres in one dataset through the entry points: a table's object column (both eyes as
// slice circles), points holding two balls on a plate (searched), a labelmap with two balls and a
// box (every label fitted, the box said not to be a sphere), and in one-sphere mode the warning that
// the data hold several and the radius limits honoured after the fit. Truth: the construction (exact
// slices), and an independent long-double fit of each ball's true points (support/reference_point_fit).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

#include "pipeline/fit_text.hpp"
#include "pipeline/fit_volume.hpp"
#include "read/volumes/volume.hpp"
#include "support/reference_point_fit.hpp"

namespace spherefit {
namespace {

bool has_warning(const std::vector<Warning>& w, WarningCode code) {
  return std::any_of(w.begin(), w.end(), [&](const Warning& x) { return x.code == code; });
}

// Exact slices of a sphere as table rows "name,x,y,z,r" at heights t·R.
std::string eye_rows(const std::string& name, const Eigen::Vector3d& c, double radius) {
  std::ostringstream out;
  out.precision(17);
  for (double t : {-0.8, -0.5, -0.2, 0.1, 0.4, 0.7}) {
    out << name << "," << c.x() << "," << c.y() << "," << c.z() + t * radius << "," << radius * std::sqrt(1 - t * t)
        << "\n";
  }
  return out.str();
}

TEST(SeveralSpheres, AnObjectColumnGivesEachEyeItsSphere) {
  const Eigen::Vector3d left(-32.0, 10.0, 5.0), right(31.0, 11.0, 4.5);
  const std::string text = "object,x,y,z,r\n" + eye_rows("left eye", left, 12.1) + eye_rows("right eye", right, 11.9);
  FitOptions o;
  o.spheres = SphereCount::All;
  const Outcome<TextFit> fit = fit_text(text, o);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  ASSERT_TRUE(fit.value().spheres.has_value());
  const SphereSet& set = fit.value().spheres->set;
  ASSERT_EQ(set.spheres.size(), 2u);
  EXPECT_EQ(set.spheres[0].label, "left eye");
  EXPECT_EQ(set.spheres[1].label, "right eye");
  EXPECT_LT((set.spheres[0].fit.center - left).norm(), 1e-9);
  EXPECT_NEAR(set.spheres[0].fit.radius, 12.1, 1e-9);
  EXPECT_LT((set.spheres[1].fit.center - right).norm(), 1e-9);
  EXPECT_TRUE(set.spheres[0].spherical && set.spheres[1].spherical);
  ASSERT_EQ(set.distances.size(), 1u);
  EXPECT_NEAR(set.distances[0].distance, (left - right).norm(), 1e-9);

  // One sphere asked for: the most sphere-like object, its rows only, and a word about the other.
  const Outcome<TextFit> one = fit_text(text, {});
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(one.value().table.slices.size(), 6u);
  EXPECT_TRUE(has_warning(one.value().fit.warnings, WarningCode::SeveralSpheres));
  const bool is_left = (one.value().fit.center - left).norm() < 1e-9,
             is_right = (one.value().fit.center - right).norm() < 1e-9;
  EXPECT_TRUE(is_left || is_right);
}

// Two noisy balls above a plate of points: the search finds both and nothing on the plate.
struct Scene {
  std::vector<double> x, y, z;
  std::vector<std::vector<Eigen::Vector3d>> balls;
  std::vector<Eigen::Vector3d> centers;
};

Scene two_balls_on_a_plate(unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0.0, 0.01);
  std::uniform_real_distribution<double> plate(-40.0, 40.0);
  Scene s;
  const Eigen::Vector3d centers[2] = {{-15.0, 0.0, 12.0}, {18.0, 3.0, 12.0}};
  for (const Eigen::Vector3d& c : centers) {
    std::vector<Eigen::Vector3d> ball = testing::points_on_sphere(c, 10.0, 1500, 110.0, rng);
    for (Eigen::Vector3d& p : ball) {
      p += noise(rng) * (p - c).normalized();
      s.x.push_back(p.x()), s.y.push_back(p.y()), s.z.push_back(p.z());
    }
    s.balls.push_back(ball);
    s.centers.push_back(c);
  }
  for (int i = 0; i < 3000; ++i) s.x.push_back(plate(rng)), s.y.push_back(plate(rng)), s.z.push_back(noise(rng));
  return s;
}

TEST(SeveralSpheres, PointsOfTwoBallsOnAPlate) {
  const unsigned seed = 41;
  const Scene s = two_balls_on_a_plate(seed);
  const PointColumnsView view{s.x.size(), s.x.data(), s.y.data(), s.z.data(), nullptr};
  FitOptions all;
  all.spheres = SphereCount::All;
  const Outcome<SpheresFit> found = fit_point_spheres(view, all);
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_EQ(found.value().set.spheres.size(), 2u) << "seed " << seed;
  for (std::size_t b = 0; b < s.balls.size(); ++b) {
    const testing::ReferencePointSphere truth = testing::reference_point_fit(s.balls[b], {s.centers[b], 10.0});
    const auto nearest =
        std::min_element(found.value().set.spheres.begin(), found.value().set.spheres.end(),
                         [&](const SphereEntry& a, const SphereEntry& b) {
                           return (a.fit.center - truth.center).norm() < (b.fit.center - truth.center).norm();
                         });
    ASSERT_TRUE(nearest->fit.uncertainty.has_value());
    const double u = nearest->fit.uncertainty->std_error.head<3>().norm();
    EXPECT_LT((nearest->fit.center - truth.center).norm(), 3.0 * u) << "seed " << seed;
    EXPECT_NEAR(nearest->fit.radius, truth.radius, 3.0 * nearest->fit.uncertainty->std_error(3)) << "seed " << seed;
  }
  EXPECT_GE(found.value().set.leftover, 2900u);  // the plate

  // One sphere asked for: the fit across both says the points hold several.
  const Outcome<SphereFit> one = fit_sphere(view, {});
  ASSERT_TRUE(one.ok());
  EXPECT_TRUE(has_warning(one.value().warnings, WarningCode::SeveralSpheres)) << "R " << one.value().radius;

  // With radius limits the single fit stays within them: a ball, not the sphere across all.
  FitOptions limited;
  limited.min_radius = 9.0;
  limited.max_radius = 11.0;
  const Outcome<SphereFit> ball = fit_sphere(view, limited);
  ASSERT_TRUE(ball.ok()) << ball.error().message;
  EXPECT_NEAR(ball.value().radius, 10.0, 0.05);
  EXPECT_TRUE(has_warning(ball.value().warnings, WarningCode::SeveralSpheres));
  limited.min_radius = 50.0, limited.max_radius = 60.0;
  const Outcome<SphereFit> none = fit_sphere(view, limited);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::NoSphereFound);
}

TEST(SeveralSpheres, APlateAloneHoldsNoSphere) {
  std::mt19937_64 rng(43);
  std::uniform_real_distribution<double> plate(-40.0, 40.0);
  std::normal_distribution<double> noise(0.0, 0.01);
  std::vector<double> x, y, z;
  for (int i = 0; i < 5000; ++i) x.push_back(plate(rng)), y.push_back(plate(rng)), z.push_back(noise(rng));
  FitOptions all;
  all.spheres = SphereCount::All;
  const Outcome<SpheresFit> found = fit_point_spheres({x.size(), x.data(), y.data(), z.data(), nullptr}, all);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, ErrorCode::NoSphereFound);
}

// A 1 mm labelmap: label 1 and 2 balls of radius 9 and 7 voxels, label 3 a box.
struct Labelmap {
  std::vector<std::uint8_t> voxels;
  VolumeInfo info;
};

Labelmap two_balls_and_a_box() {
  Labelmap m;
  const std::int64_t n = 48;
  m.info.size = {n, n, n};
  m.info.file_dims = {n, n, n};
  m.info.type = VoxelType::UInt8;
  m.info.data_bytes = static_cast<std::uint64_t>(n * n * n);
  m.info.affine.setIdentity();
  m.voxels.assign(static_cast<std::size_t>(n * n * n), 0);
  for (std::int64_t k = 0; k < n; ++k)
    for (std::int64_t j = 0; j < n; ++j)
      for (std::int64_t i = 0; i < n; ++i) {
        const Eigen::Vector3d p(static_cast<double>(i), static_cast<double>(j), static_cast<double>(k));
        std::uint8_t& v = m.voxels[static_cast<std::size_t>(i + n * (j + n * k))];
        if ((p - Eigen::Vector3d(13.3, 14.1, 15.2)).norm() <= 9.0)
          v = 1;
        else if ((p - Eigen::Vector3d(33.6, 32.2, 31.7)).norm() <= 7.0)
          v = 2;
        else if (i >= 30 && i <= 44 && j >= 4 && j <= 12 && k >= 5 && k <= 40)
          v = 3;
      }
  return m;
}

TEST(SeveralSpheres, EveryLabelOfALabelmapAndTheBoxIsNoSphere) {
  Labelmap m = two_balls_and_a_box();
  const Outcome<Volume> volume = make_volume(m.info, m.voxels.data(), m.voxels.size());
  ASSERT_TRUE(volume.ok()) << volume.error().message;
  const VolumeSummary summary = summarize_volume(volume.value());
  ASSERT_TRUE(summary.labelmap);
  FitOptions all;
  all.spheres = SphereCount::All;
  const Outcome<VolumeSpheres> fit = fit_volume_spheres(volume.value(), summary, {}, all);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  const auto& spheres = fit.value().spheres.set.spheres;
  ASSERT_EQ(spheres.size(), 3u);
  EXPECT_EQ(spheres[0].label, "1");
  EXPECT_TRUE(spheres[0].spherical) << spheres[0].why_not;
  EXPECT_TRUE(spheres[1].spherical) << spheres[1].why_not;
  EXPECT_FALSE(spheres[2].spherical);
  EXPECT_FALSE(spheres[2].why_not.empty());
  // Voxelised balls: the centre to a tenth of a voxel, the radius within half a voxel (the mask's
  // boundary at 0.5 lies half a voxel beyond the last voxel centre inside).
  EXPECT_LT((spheres[0].fit.center - Eigen::Vector3d(13.3, 14.1, 15.2)).norm(), 0.1);
  EXPECT_LT((spheres[1].fit.center - Eigen::Vector3d(33.6, 32.2, 31.7)).norm(), 0.1);
  EXPECT_NEAR(spheres[0].fit.radius, 9.0, 0.5);
  EXPECT_NEAR(spheres[1].fit.radius, 7.0, 0.5);

  // One sphere: not the largest label (the box) but the most sphere-like, with a word.
  const Outcome<VolumeFit> one = fit_volume(volume.value(), summary, {}, {});
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(one.value().selector.value == 1.0 || one.value().selector.value == 2.0, true);
  EXPECT_TRUE(has_warning(one.value().contours.fit.warnings, WarningCode::SeveralSpheres));
  ASSERT_TRUE(one.value().labels_judged.has_value());
  EXPECT_EQ(one.value().labels_judged->spheres.size(), 3u);
}

}  // namespace
}  // namespace spherefit
