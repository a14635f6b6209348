// Slice contours: one circle per contour, exact on exact data (in its own plane or the given
// one), the sphere from those circles and the direct point fit beside it, contours that make no
// circle left out with a warning, and text tables with a slice column.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fit/contours/contour_circle.hpp"
#include "pipeline/fit_contours.hpp"
#include "pipeline/fit_text.hpp"

namespace spherefit {
namespace {

// Points of the slice of sphere (center, R) by the plane at height h along unit normal n.
std::vector<Eigen::Vector3d> slice_points(const Eigen::Vector3d& center, double radius, const Eigen::Vector3d& n,
                                          double h, int count, double phase) {
  const Eigen::Vector3d helper = std::abs(n.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
  const Eigen::Vector3d u = n.cross(helper).normalized(), v = n.cross(u);
  const double r = std::sqrt(radius * radius - h * h);
  std::vector<Eigen::Vector3d> out;
  for (int k = 0; k < count; ++k) {
    const double a = phase + 2 * M_PI * k / count;
    out.push_back(center + h * n + r * (std::cos(a) * u + std::sin(a) * v));
  }
  return out;
}

TEST(Contours, OneCircleIsExactInItsOwnPlaneOrAGivenOne) {
  const Eigen::Vector3d n = Eigen::Vector3d(0.3, -0.2, 1.0).normalized();
  const auto points = slice_points({100, 200, -50}, 12.0, n, 4.0, 17, 0.3);
  for (const auto& given : {std::optional<Eigen::Vector3d>{}, std::optional<Eigen::Vector3d>{3.0 * n}}) {
    const auto c = fit_contour_circle(points, given);
    ASSERT_TRUE(c);
    EXPECT_LE((c->circle.center - (Eigen::Vector3d(100, 200, -50) + 4.0 * n)).norm(), 1e-11 * 12);
    EXPECT_NEAR(c->circle.radius, std::sqrt(144.0 - 16.0), 1e-11 * 12);
    EXPECT_LE(c->rms, 1e-11 * 12);
    EXPECT_NEAR(std::abs(c->circle.normal.dot(n)), 1.0, 1e-12);
  }
  EXPECT_FALSE(fit_contour_circle({{0, 0, 0}, {1, 1, 1}}, std::nullopt));
  EXPECT_FALSE(fit_contour_circle({{0, 0, 0}, {1, 1, 1}, {2, 2, 2}, {3, 3, 3}}, std::nullopt));
}

TEST(Contours, ExactContoursGiveTheSphereBothWays) {
  const Eigen::Vector3d center(-3, 7, 11), n = Eigen::Vector3d(0.1, 0.2, 1).normalized();
  PointTable t;
  int id = 0;
  for (double h : {-7.0, -4.0, -1.0, 2.0, 5.0, 8.0}) {
    t.slice_names.push_back("k=" + std::to_string(id));
    for (const auto& p : slice_points(center, 9.0, n, h, 20 + id, 0.1 * id)) {
      t.x.push_back(p.x());
      t.y.push_back(p.y());
      t.z.push_back(p.z());
      t.slice.push_back(id);
    }
    ++id;
  }
  // A contour of two points makes no circle: it is left out, with a warning naming it.
  t.slice_names.push_back("stray");
  for (int k = 0; k < 2; ++k) {
    t.x.push_back(50.0 + k);
    t.y.push_back(0.0);
    t.z.push_back(0.0);
    t.slice.push_back(id);
  }
  const auto fit = fit_contours(t, {});
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  const SphereFit& f = fit.value().fit;
  EXPECT_EQ(f.mode, FitMode::Contours);
  EXPECT_LE((f.center - center).norm(), 1e-10 * 9);
  EXPECT_NEAR(f.radius, 9.0, 1e-10 * 9);
  const ContourDetails& d = fit.value().details;
  EXPECT_EQ(d.circles.circles.size(), 6u);
  EXPECT_EQ(d.circles.left_out, std::vector<std::int32_t>{6});
  EXPECT_LE((d.point_fit.center - center).norm(), 1e-10 * 9);
  EXPECT_LE(d.center_distance, 1e-10 * 9);
  bool warned = false;
  for (const Warning& w : f.warnings)
    warned = warned || (w.code == WarningCode::ContoursLeftOut && w.message.find("'stray'") != std::string::npos);
  EXPECT_TRUE(warned);
  EXPECT_EQ(d.point_residuals.size(), t.size());
  EXPECT_LE(std::abs(d.point_residuals[0]), 1e-10 * 9);
}

TEST(Contours, FromTextWithTextSliceIds) {
  std::string text = "slice,x,y,z\n";
  const char* names[] = {"bottom", "middle", "top"};
  const double heights[] = {-3.0, 0.5, 4.0};
  for (int s = 0; s < 3; ++s) {
    for (const auto& p : slice_points({1, 2, 3}, 5.0, Eigen::Vector3d::UnitZ(), heights[s], 8, 0.2 * s)) {
      char line[160];
      std::snprintf(line, sizeof line, "%s,%.17g,%.17g,%.17g\n", names[s], p.x(), p.y(), p.z());
      text += line;
    }
  }
  const auto fit = fit_text(text);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  ASSERT_TRUE(fit.value().contours);
  EXPECT_EQ(fit.value().table.points.slice_names, (std::vector<std::string>{"bottom", "middle", "top"}));
  EXPECT_LE((fit.value().fit.center - Eigen::Vector3d(1, 2, 3)).norm(), 1e-10 * 5);
  EXPECT_NEAR(fit.value().fit.radius, 5.0, 1e-10 * 5);
  // The circles point back at the first line of their contour.
  EXPECT_EQ(fit.value().contours->circles.circles.source_line, (std::vector<int>{2, 10, 18}));
}

}  // namespace
}  // namespace spherefit
