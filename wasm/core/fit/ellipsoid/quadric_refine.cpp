#include "fit/ellipsoid/quadric_refine.hpp"

#include <climits>
#include <cmath>
#include <limits>

namespace spherefit {
namespace {

// Rows gathered this many at a time: JᵀJ grows by one K×B times B×K product (blocked, vectorised)
// instead of B rank-one updates. On the stack, fixed size.
constexpr int kBlock = 32;

}  // namespace

template <class Model>
NormalEquationsOf<Model::kParameters> accumulate_quadric(const PointSet& set, const Model& model,
                                                         const Parameters<Model::kParameters>& x) {
  constexpr int K = Model::kParameters;
  NormalEquationsOf<K> out;
  QuadricSurface s;
  if (!model.surface(x, s)) {
    out.objective = std::numeric_limits<double>::max();
    return out;
  }
  const EllipsoidAxes axes = make_ellipsoid_axes(s.semi_axes);
  Eigen::Matrix<double, K, kBlock> rows;
  Eigen::Matrix<double, kBlock, 1> residuals;
  int filled = 0;
  const auto flush = [&] {
    out.curvature.noalias() += rows * rows.transpose();
    out.half_gradient.noalias() += rows * residuals;
    out.objective += residuals.squaredNorm();
    filled = 0;
  };
  visit_feet(set, s, axes, [&](std::size_t, const EllipsoidFoot& foot) {
    const QuadricObservation<K> o = observation_of(model, s, foot);
    rows.col(filled) = o.row;
    residuals(filled) = o.residual;
    if (++filled == kBlock) flush();
  });
  if (filled > 0) {  // the last block's unused columns add nothing
    rows.rightCols(kBlock - filled).setZero();
    residuals.tail(kBlock - filled).setZero();
    flush();
  }
  return out;
}

template <class Model>
double quadric_objective(const PointSet& set, const Model& model, const Parameters<Model::kParameters>& x) {
  QuadricSurface s;
  if (!model.surface(x, s)) return std::numeric_limits<double>::max();
  const EllipsoidAxes axes = make_ellipsoid_axes(s.semi_axes);
  double sum = 0.0;
  visit_feet(set, s, axes, [&](std::size_t, const EllipsoidFoot& foot) { sum += foot.distance * foot.distance; });
  return sum;
}

template <class Model>
QuadricRefinement<Model::kParameters> refine_quadric(const PointSet& set, Model& model,
                                                     const Parameters<Model::kParameters>& start, int moving,
                                                     int max_iterations) {
  constexpr int K = Model::kParameters;
  SolverSettings settings;
  settings.gauss_newton_iterations = INT_MAX;  // Gauss–Newton throughout (see the header)
  const auto accumulate = [&](const Parameters<K>& x) { return accumulate_quadric(set, model, x); };
  const auto curvature = [&](const Parameters<K>& x) { return accumulate_quadric(set, model, x).curvature; };
  const auto retract = [&](Parameters<K>& x) { model.retract(x); };
  Parameters<K> first = start;
  model.retract(first);
  const MinimumOf<K> m =
      minimise_parameters<K>(accumulate, curvature, first, moving, max_iterations, settings, retract);
  QuadricRefinement<K> r;
  r.x = m.x;
  model.surface(r.x, r.surface);
  r.iterations = m.iterations;
  r.converged = m.converged;
  r.objective = m.at.objective;
  r.gauss_newton = m.at.curvature;
  return r;
}

#define SPHEREFIT_QUADRIC(Model)                                                                                   \
  template NormalEquationsOf<Model::kParameters> accumulate_quadric<Model>(const PointSet&, const Model&,          \
                                                                           const Parameters<Model::kParameters>&); \
  template double quadric_objective<Model>(const PointSet&, const Model&, const Parameters<Model::kParameters>&);  \
  template QuadricRefinement<Model::kParameters> refine_quadric<Model>(                                            \
      const PointSet&, Model&, const Parameters<Model::kParameters>&, int, int);
SPHEREFIT_QUADRIC(SphereModel)
SPHEREFIT_QUADRIC(SpheroidModel)
SPHEREFIT_QUADRIC(EllipsoidModel)
#undef SPHEREFIT_QUADRIC

}  // namespace spherefit
