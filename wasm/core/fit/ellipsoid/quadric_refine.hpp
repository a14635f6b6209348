// The geometric least-squares sphere, spheroid or ellipsoid of points (working units):
// Levenberg–Marquardt (fit/levenberg_marquardt.hpp) on
//
//   F(x) = Σ_i d_i(x)²,   d_i the signed orthogonal distance of q_i to the surface of x,
//
// with d_i from fit/ellipsoid/ellipsoid_distance.hpp and its exact Jacobian row from the model
// (fit/ellipsoid/quadric_model.hpp). One pass over the points per trial step accumulates F, Jᵀd and
// JᵀJ (fixed size K×K, nothing stored per point). Gauss–Newton curvature throughout: the residuals
// the shapes leave are noise, small against the radii of curvature (docs/ellipsoid.md §3).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "fit/ellipsoid/ellipsoid_distance.hpp"
#include "fit/ellipsoid/quadric_model.hpp"
#include "fit/levenberg_marquardt.hpp"
#include "fit/points/point_set.hpp"

namespace spherefit {

template <int K>
struct QuadricObservation {
  double residual = 0.0;
  Parameters<K> row = Parameters<K>::Zero();
};

// One point's signed distance and Jacobian row from its foot on the surface `s` (from
// model.surface(x, s), the foot in the surface's frame).
template <class Model>
QuadricObservation<Model::kParameters> observation_of(const Model& model, const QuadricSurface& s,
                                                      const EllipsoidFoot& foot) {
  QuadricObservation<Model::kParameters> o;
  o.residual = foot.distance;
  o.row =
      model.row(s.rotation * (foot.normal * (1.0 / foot.normal_length)), s.rotation * foot.point, foot.normal_length);
  return o;
}

// The same from the point q (working units), with axes = make_ellipsoid_axes(s.semi_axes).
template <class Model>
QuadricObservation<Model::kParameters> observe_quadric(const Model& model, const QuadricSurface& s,
                                                       const EllipsoidAxes& axes, const Eigen::Vector3d& q) {
  return observation_of(model, s, foot_on_ellipsoid(s.rotation.transpose() * (q - s.center), axes));
}

// visit(i, foot) for every point of the set, the feet on `s` found kFootBlock at a time
// (feet_on_ellipsoid, two lanes); on the stack, nothing per point on the heap.
inline constexpr std::size_t kFootBlock = 32;
template <class Visit>
void visit_feet(const PointSet& set, const QuadricSurface& s, const EllipsoidAxes& axes, const Visit& visit) {
  Eigen::Vector3d local[kFootBlock];
  EllipsoidFoot feet[kFootBlock];
  const Eigen::Matrix3d to_local = s.rotation.transpose();
  for (std::size_t start = 0; start < set.size(); start += kFootBlock) {
    const std::size_t count = std::min(kFootBlock, set.size() - start);
    for (std::size_t k = 0; k < count; ++k) local[k] = to_local * (set.at(start + k) - s.center);
    feet_on_ellipsoid(local, count, axes, feet);
    for (std::size_t k = 0; k < count; ++k) visit(start + k, feet[k]);
  }
}

// F, Jᵀd and JᵀJ at x over every point of the set. Parameters that are not a surface of the
// model (a semi-axis not positive) give F = the largest double, so the iteration rejects the step.
template <class Model>
NormalEquationsOf<Model::kParameters> accumulate_quadric(const PointSet& set, const Model& model,
                                                         const Parameters<Model::kParameters>& x);

template <int K>
struct QuadricRefinement {
  Parameters<K> x = Parameters<K>::Zero();  // at the model's final frame (a spheroid's tilt 0)
  QuadricSurface surface;
  int iterations = 0;
  bool converged = false;
  double objective = 0.0;                                                          // Σ d² at x
  Eigen::Matrix<double, K, K> gauss_newton = Eigen::Matrix<double, K, K>::Zero();  // JᵀJ at x
};

// Minimises F from `start`; only the first `moving` parameters change (a spheroid whose axis the
// data leave undefined holds its tilt). The model keeps the frame of the result.
template <class Model>
QuadricRefinement<Model::kParameters> refine_quadric(const PointSet& set, Model& model,
                                                     const Parameters<Model::kParameters>& start, int moving,
                                                     int max_iterations);

// Σ d² at x (one pass, no Jacobian): for choosing between starts.
template <class Model>
double quadric_objective(const PointSet& set, const Model& model, const Parameters<Model::kParameters>& x);

}  // namespace spherefit
