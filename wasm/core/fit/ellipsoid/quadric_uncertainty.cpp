#include "fit/ellipsoid/quadric_uncertainty.hpp"

#include <Eigen/Eigenvalues>
#include <vector>

namespace spherefit {
namespace {

template <int K>
using Square = Eigen::Matrix<double, K, K>;
template <int K>
using Column = Eigen::Matrix<double, K, 1>;

constexpr double kSingular = 1e-14;

// The held parameters' rows and columns replaced by a decoupled unit (so the moving block can be
// inverted on its own), and the scaling to unit diagonal.
template <int K>
Column<K> unit_diagonal_scale(const Square<K>& b, int moving) {
  Column<K> scale = Column<K>::Ones();
  for (int k = 0; k < moving; ++k) scale(k) = b(k, k) > 0.0 ? 1.0 / std::sqrt(b(k, k)) : 1.0;
  return scale;
}

template <int K>
Square<K> held_as_unit(Square<K> b, int moving) {
  for (int k = moving; k < K; ++k) {
    b.row(k).setZero();
    b.col(k).setZero();
    b(k, k) = 1.0;
  }
  return b;
}

template <int K>
Square<K> zero_held(Square<K> c, int moving) {
  for (int k = moving; k < K; ++k) {
    c.row(k).setZero();
    c.col(k).setZero();
  }
  return c;
}

}  // namespace

template <int K>
bool information_singular(const Square<K>& gauss_newton, int moving) {
  const Column<K> d = unit_diagonal_scale<K>(gauss_newton, moving);
  const Square<K> scaled = d.asDiagonal() * held_as_unit<K>(gauss_newton, moving) * d.asDiagonal();
  const Eigen::SelfAdjointEigenSolver<Square<K>> eig(scaled);
  return !(eig.eigenvalues()(0) > kSingular * eig.eigenvalues()(K - 1)) || !scaled.allFinite();
}

template <class Model>
std::optional<Eigen::Matrix<double, Model::kParameters, Model::kParameters>> estimate_quadric_covariance(
    const PointSet& set, const Model& model, const QuadricRefinement<Model::kParameters>& fit, int moving) {
  constexpr int K = Model::kParameters;
  if (information_singular<K>(fit.gauss_newton, moving)) return std::nullopt;
  const Column<K> d = unit_diagonal_scale<K>(fit.gauss_newton, moving);
  const Square<K> b = d.asDiagonal() * held_as_unit<K>(fit.gauss_newton, moving) * d.asDiagonal();
  const Eigen::SelfAdjointEigenSolver<Square<K>> eig(b);
  const Column<K> root = eig.eigenvalues().cwiseSqrt();
  const Square<K> b_minus_half = eig.eigenvectors() * root.cwiseInverse().asDiagonal() * eig.eigenvectors().transpose();
  const Square<K> b_inverse = b_minus_half * b_minus_half;
  Square<K> scaled_cov;
  if (!set.points.has_slices()) {
    const double n = static_cast<double>(set.size());
    if (n <= moving) return std::nullopt;
    scaled_cov = fit.objective / (n - moving) * b_inverse;
  } else {
    std::vector<Square<K>> g(set.contours, Square<K>::Zero());
    std::vector<Column<K>> score(set.contours, Column<K>::Zero());
    std::vector<std::uint8_t> seen(set.contours, 0);
    QuadricSurface s;
    if (!model.surface(fit.x, s)) return std::nullopt;
    const EllipsoidAxes axes = make_ellipsoid_axes(s.semi_axes);
    visit_feet(set, s, axes, [&](std::size_t i, const EllipsoidFoot& foot) {
      const auto c = static_cast<std::size_t>(set.points.slice[i]);
      QuadricObservation<K> o = observation_of(model, s, foot);
      o.row = o.row.cwiseProduct(d);
      o.row.tail(K - moving).setZero();
      g[c].noalias() += o.row * o.row.transpose();
      score[c] += o.residual * o.row;
      seen[c] = 1;
    });
    std::size_t clusters = 0;
    for (std::uint8_t k : seen) clusters += k;
    if (clusters <= static_cast<std::size_t>(moving)) return std::nullopt;
    const Square<K> b_half = eig.eigenvectors() * root.asDiagonal() * eig.eigenvectors().transpose();
    Square<K> meat = Square<K>::Zero();
    for (std::size_t c = 0; c < g.size(); ++c) {
      if (!seen[c]) continue;
      const Eigen::SelfAdjointEigenSolver<Square<K>> lev(Square<K>::Identity() - b_minus_half * g[c] * b_minus_half);
      // A leverage of 1 leaves no residual to rescale; cap the correction there.
      const Column<K> inv_root = lev.eigenvalues().cwiseMax(1e-8).cwiseSqrt().cwiseInverse();
      const Column<K> adjusted = b_half * lev.eigenvectors() * inv_root.asDiagonal() * lev.eigenvectors().transpose() *
                                 b_minus_half * score[c];
      meat.noalias() += adjusted * adjusted.transpose();
    }
    scaled_cov = b_inverse * meat * b_inverse;
  }
  const Square<K> cov = zero_held<K>(d.asDiagonal() * scaled_cov * d.asDiagonal(), moving);
  if (!cov.allFinite()) return std::nullopt;
  return cov;
}

#define SPHEREFIT_QUADRIC(Model)                                                                                  \
  template std::optional<Eigen::Matrix<double, Model::kParameters, Model::kParameters>>                           \
  estimate_quadric_covariance<Model>(const PointSet&, const Model&, const QuadricRefinement<Model::kParameters>&, \
                                     int);                                                                        \
  template bool information_singular<Model::kParameters>(const Square<Model::kParameters>&, int);
SPHEREFIT_QUADRIC(SphereModel)
SPHEREFIT_QUADRIC(SpheroidModel)
SPHEREFIT_QUADRIC(EllipsoidModel)
#undef SPHEREFIT_QUADRIC

}  // namespace spherefit
