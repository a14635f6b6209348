// The sphere, spheroid and ellipsoid refiners' derivatives against finite differences of the
// distances they minimise (support/jacobian_check.hpp): each point's Jacobian row, and the normal
// equations `accumulate` returns (F, Jᵀd, JᵀJ), at random surfaces and points inside and out.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fit/ellipsoid/quadric_refine.hpp"
#include "support/ellipsoid_cases.hpp"
#include "support/jacobian_check.hpp"

namespace spherefit {
namespace {

// A point set (working units = user units: origin 0, scale 1) over the given points.
struct Points {
  testing::Columns columns;
  PointSet set;
  explicit Points(const std::vector<Eigen::Vector3d>& p) : columns(testing::columns_of(p)) {
    set.points = columns.view();
  }
};

template <class Model>
void check_model(Model& model, const Parameters<Model::kParameters>& x, const Points& pts, const char* what) {
  constexpr int K = Model::kParameters;
  const auto residuals = [&](const Parameters<K>& at) {
    QuadricSurface s;
    EXPECT_TRUE(model.surface(at, s));
    const EllipsoidAxes axes = make_ellipsoid_axes(s.semi_axes);
    Eigen::VectorXd r(static_cast<Eigen::Index>(pts.set.size()));
    for (std::size_t i = 0; i < pts.set.size(); ++i)
      r(static_cast<Eigen::Index>(i)) = observe_quadric(model, s, axes, pts.set.at(i)).residual;
    return r;
  };
  QuadricSurface s;
  ASSERT_TRUE(model.surface(x, s));
  const EllipsoidAxes axes = make_ellipsoid_axes(s.semi_axes);
  testing::JacobianOf<K> claimed(static_cast<Eigen::Index>(pts.set.size()), K);
  for (std::size_t i = 0; i < pts.set.size(); ++i)
    claimed.row(static_cast<Eigen::Index>(i)) = observe_quadric(model, s, axes, pts.set.at(i)).row.transpose();
  Parameters<K> step =
      Parameters<K>::Constant(1e-3 * (x.template head<3>().norm() + 1.0)).cwiseMax(1e-3 * x.cwiseAbs());
  // A spheroid's tilt τ turns its axis by τ/β: difference it on that scale.
  if (K == 7) step.template tail<2>().setConstant(1e-3 * std::abs(x(4)));
  EXPECT_TRUE(testing::jacobian_matches<K>(residuals, claimed, x, step, 1e-8)) << what;
  EXPECT_TRUE(testing::normal_equations_match<K>(residuals, accumulate_quadric(pts.set, model, x), x, step, 1e-8))
      << what;
}

std::vector<Eigen::Vector3d> points_about(const testing::TrueEllipsoid& e, std::size_t n, std::mt19937_64& rng) {
  auto p = testing::points_on_ellipsoid(e, n, 180.0, rng);
  std::uniform_real_distribution<double> spread(0.7, 1.3);
  for (auto& q : p) q = e.center + spread(rng) * (q - e.center);  // inside and outside
  return p;
}

TEST(EllipsoidJacobian, EllipsoidRowsAndNormalEquations) {
  std::mt19937_64 rng(7201);
  std::printf("seed 7201\n");
  std::uniform_real_distribution<double> u(-1.0, 1.0), a(0.6, 1.4);
  for (int trial = 0; trial < 20; ++trial) {
    testing::TrueEllipsoid e{0.3 * Eigen::Vector3d(u(rng), u(rng), u(rng)), Eigen::Vector3d(a(rng), a(rng), a(rng)),
                             testing::random_rotation(rng)};
    const Points pts(points_about(e, 40, rng));
    EllipsoidModel model;
    check_model(model, EllipsoidModel::parameters_of(e.center, quadric_matrix(e.rotation, e.semi_axes)), pts,
                "ellipsoid");
  }
}

TEST(EllipsoidJacobian, SpheroidRowsAndNormalEquationsProlateAndOblate) {
  std::mt19937_64 rng(7202);
  std::printf("seed 7202\n");
  std::uniform_real_distribution<double> u(-1.0, 1.0), a(0.6, 1.4);
  for (int trial = 0; trial < 20; ++trial) {
    const Eigen::Vector3d axis = Eigen::Vector3d(u(rng), u(rng), u(rng)).normalized();
    const double equatorial = a(rng), polar = a(rng);
    testing::TrueEllipsoid e{0.3 * Eigen::Vector3d(u(rng), u(rng), u(rng)),
                             Eigen::Vector3d(equatorial, equatorial, polar), testing::random_rotation(rng)};
    e.rotation.col(2) = axis;
    e.rotation.col(0) = (e.rotation.col(0) - e.rotation.col(0).dot(axis) * axis).normalized();
    e.rotation.col(1) = axis.cross(e.rotation.col(0));
    const Points pts(points_about(e, 40, rng));
    SpheroidModel model;
    check_model(model, model.parameters_of(e.center, equatorial, polar, axis), pts, "spheroid");
  }
}

TEST(EllipsoidJacobian, SphereRowsAndNormalEquations) {
  std::mt19937_64 rng(7203);
  std::printf("seed 7203\n");
  std::uniform_real_distribution<double> u(-1.0, 1.0), a(0.6, 1.4);
  for (int trial = 0; trial < 20; ++trial) {
    const double r = a(rng);
    testing::TrueEllipsoid e{0.3 * Eigen::Vector3d(u(rng), u(rng), u(rng)), Eigen::Vector3d::Constant(r),
                             Eigen::Matrix3d::Identity()};
    const Points pts(points_about(e, 40, rng));
    SphereModel model;
    check_model(model, SphereModel::parameters_of(e.center, r), pts, "sphere");
  }
}

}  // namespace
}  // namespace spherefit
