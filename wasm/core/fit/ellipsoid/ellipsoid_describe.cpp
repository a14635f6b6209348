#include "fit/ellipsoid/ellipsoid_describe.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "fit/ellipsoid/poor_combinations.hpp"
#include "fit/ellipsoid/quadric_uncertainty.hpp"
#include "fit/ellipsoid/shape_parameters.hpp"
#include "model/format.hpp"

namespace spherefit {
namespace {

template <int K>
using Square = Eigen::Matrix<double, K, K>;

// Two semi-axes closer than this many standard uncertainties of their difference leave the
// rotation in their plane undefined.
constexpr double kAxisSignificance = 3.0;
constexpr int kPairs[3][2] = {{1, 2}, {2, 0}, {0, 1}};  // the axes a rotation about axis k turns

// (JᵀJ)⁻¹ over the moving parameters, zero elsewhere (scaled to unit diagonal first).
template <int K>
Square<K> information_inverse(const Square<K>& jtj, int moving) {
  Square<K> b = jtj;
  Eigen::Matrix<double, K, 1> d = Eigen::Matrix<double, K, 1>::Ones();
  for (int k = 0; k < K; ++k) {
    if (k >= moving) {
      b.row(k).setZero(), b.col(k).setZero(), b(k, k) = 1.0;
    } else if (b(k, k) > 0.0) {
      d(k) = 1.0 / std::sqrt(b(k, k));
    }
  }
  b = d.asDiagonal() * b * d.asDiagonal();
  const Eigen::SelfAdjointEigenSolver<Square<K>> eig(b);
  Square<K> inv = d.asDiagonal() * eig.eigenvectors() * eig.eigenvalues().cwiseInverse().asDiagonal() *
                  eig.eigenvectors().transpose() * d.asDiagonal();
  for (int k = moving; k < K; ++k) inv.row(k).setZero(), inv.col(k).setZero();
  return inv;
}

}  // namespace

template <class Model>
Outcome<EllipsoidFit> describe_quadric_fit(const PointSet& set, const Model& model,
                                           const QuadricRefinement<Model::kParameters>& fit, int moving, Shape shape,
                                           const EllipsoidOptions& options) {
  constexpr int K = Model::kParameters;
  const ShapeFrame frame = shape_frame(fit.surface);
  const ShapeJacobians<K> jac = shape_jacobians<K>(frame, model.tangent(fit.x));
  const double scale = set.scale, n = static_cast<double>(set.size());

  if (information_singular<K>(fit.gauss_newton, moving)) {
    // The free combination: the null direction of JᵀJ (scaled), seen in the named lengths.
    Square<K> b = fit.gauss_newton;
    for (int k = moving; k < K; ++k) b.row(k).setZero(), b.col(k).setZero(), b(k, k) = 1.0;
    Eigen::Matrix<double, K, 1> d = b.diagonal().cwiseMax(1e-300).cwiseSqrt().cwiseInverse();
    const Eigen::SelfAdjointEigenSolver<Square<K>> eig(d.asDiagonal() * b * d.asDiagonal());
    const Eigen::VectorXd free = d.asDiagonal() * eig.eigenvectors().col(0);
    return Error{ErrorCode::Underdetermined,
                 "These points do not determine the " + std::string(name_of(kShapeNames, shape)) + ": " +
                     free_combination(shape, frame, jac.frame, free) + " can change together without changing the fit" +
                     axes_text(shape, frame) + ". Add points elsewhere on the surface, or fit a simpler shape."};
  }

  EllipsoidFit out;
  out.shape = shape;
  out.center = set.to_user(frame.center);
  out.semi_axes = scale * frame.semi_axes;
  out.axes = frame.axes;
  out.shape_matrix = scale * shape_matrix(frame);
  out.iterations = fit.iterations;
  out.converged = fit.converged;
  out.points_fitted = set.size();
  out.clustered = set.points.has_slices();
  if (out.clustered) {
    std::vector<std::uint8_t> seen(set.contours, 0);
    for (std::size_t i = 0; i < set.size(); ++i) seen[static_cast<std::size_t>(set.points.slice[i])] = 1;
    for (std::uint8_t k : seen) out.clusters += k;
  }

  const auto cov = estimate_quadric_covariance(set, model, fit, moving);
  Eigen::Matrix<double, 9, 9> reported = Eigen::Matrix<double, 9, 9>::Zero();
  std::array<bool, 3> rotation = frame.rotation_defined;
  if (shape == Shape::Spheroid && moving < K) rotation = {false, false, false};
  if (shape == Shape::Sphere) rotation = {false, false, false};
  if (cov) {
    reported = jac.reported * *cov * jac.reported.transpose();
    for (int k = 0; k < 3; ++k) {
      const int i = kPairs[k][0], j = kPairs[k][1];
      const double var = reported(3 + i, 3 + i) + reported(3 + j, 3 + j) - 2 * reported(3 + i, 3 + j);
      const double gap = std::abs(frame.semi_axes(i) - frame.semi_axes(j));
      if (!(gap > kAxisSignificance * std::sqrt(std::max(var, 0.0)))) rotation[k] = false;
    }
    for (int k = 0; k < 3; ++k) {
      if (rotation[k]) continue;
      reported.row(6 + k).setZero();
      reported.col(6 + k).setZero();
    }
    Eigen::Matrix<double, 9, 1> units;
    units << Eigen::Vector3d::Constant(scale), Eigen::Vector3d::Constant(scale), Eigen::Vector3d::Ones();
    const Eigen::Matrix<double, 9, 9> user = units.asDiagonal() * reported * units.asDiagonal();
    const Eigen::Matrix<double, 9, 9> shape_cov = scale * scale * (jac.shape * *cov * jac.shape.transpose());
    for (int k = 0; k < 3; ++k) {
      out.center_std_error(k) = std::sqrt(std::max(0.0, user(k, k)));
      out.semi_axes_std_error(k) = std::sqrt(std::max(0.0, user(3 + k, 3 + k)));
    }
    for (int k = 0; k < 3; ++k) {
      const int i = kPairs[k][0], j = kPairs[k][1];  // axis k is turned by the rotations about i and j
      if (rotation[i] && rotation[j])
        out.axis_std_error[static_cast<std::size_t>(k)] =
            std::sqrt(std::max(0.0, user(6 + i, 6 + i) + user(6 + j, 6 + j)));
    }
    if (user.allFinite() && shape_cov.allFinite()) {
      out.covariance = user;
      out.shape_covariance = shape_cov;
    } else {
      out.warnings.push_back(
          {WarningCode::CovarianceOverflow,
           "At this scale the variances are beyond double precision: the covariance matrices are not "
           "reported (the standard uncertainties are); rescale the data to get them."});
    }
    if (!out.center_std_error.allFinite() || !out.semi_axes_std_error.allFinite()) {
      out.center_std_error.setZero(), out.semi_axes_std_error.setZero(), out.axis_std_error = {};
      out.covariance.reset(), out.shape_covariance.reset();
    }
  } else {
    out.warnings.push_back({WarningCode::ExactlyDetermined,
                            "No uncertainty: with " + grouped(set.size()) + " points" +
                                (set.points.has_slices() ? " in " + grouped(set.contours) + " slices" : std::string()) +
                                " and " + std::to_string(moving) +
                                " fitted parameters nothing is left over to estimate the noise; add " +
                                (set.points.has_slices() ? "slices." : "points.")});
  }

  // Axes the data leave without a direction.
  if (shape == Shape::Ellipsoid && (!rotation[0] || !rotation[1] || !rotation[2])) {
    std::string what;
    if (!rotation[0] && !rotation[1] && !rotation[2]) {
      what =
          "All three semi-axes are equal within their uncertainty: this ellipsoid is a sphere within its "
          "uncertainty, and its axes have no direction the data define.";
    } else {
      for (int k = 0; k < 3; ++k) {
        if (rotation[k]) continue;
        const int i = std::min(kPairs[k][0], kPairs[k][1]), j = std::max(kPairs[k][0], kPairs[k][1]);
        what += "Semi-axes " + std::to_string(i + 1) + " and " + std::to_string(j + 1) +
                " are equal within their uncertainty (" +
                format_with_uncertainty(out.semi_axes(i), out.semi_axes_std_error(i), options.units) + " and " +
                format_with_uncertainty(out.semi_axes(j), out.semi_axes_std_error(j), options.units) +
                "): the directions of those two axes in their plane are not defined by the data. ";
      }
      what.pop_back();
    }
    out.warnings.push_back({WarningCode::AxesUndefined, what});
  } else if (shape == Shape::Spheroid && !rotation[0] && !rotation[1] && !rotation[2]) {
    out.warnings.push_back(
        {WarningCode::AxesUndefined,
         "The polar and equatorial semi-axes are equal within their uncertainty: the spheroid's axis is "
         "undefined (the direction given is where the fit started, not a measurement)."});
  }

  // Combinations determined poorly by the geometry (a cap), with their standard uncertainties.
  const Eigen::MatrixXd covariance = cov ? Eigen::MatrixXd(*cov) : Eigen::MatrixXd();
  out.poorly_determined = poor_combinations(shape, frame, jac.frame,
                                            n * information_inverse<K>(fit.gauss_newton, moving), covariance, scale);
  if (!out.poorly_determined.empty()) {
    out.warnings.push_back(poorly_determined_warning(shape, frame, out.poorly_determined, options.units));
  }

  if (!fit.converged) {
    out.warnings.push_back(
        {WarningCode::NotConverged, "The " + std::string(name_of(kShapeNames, shape)) + " fit stopped after " +
                                        std::to_string(fit.iterations) +
                                        " iterations without fully converging; the data may be far from this shape."});
  }

  // Residuals: the signed orthogonal distance of every fitted point.
  QuadricSurface s;
  model.surface(fit.x, s);
  const EllipsoidAxes axes = make_ellipsoid_axes(s.semi_axes);
  double sum_sq = 0.0;
  if (options.residuals) out.residuals.resize(set.size());
  visit_feet(set, s, axes, [&](std::size_t i, const EllipsoidFoot& foot) {
    const double d = scale * foot.distance;
    if (options.residuals) out.residuals[i] = d;
    sum_sq += d * d;
    out.max_abs_residual = std::max(out.max_abs_residual, std::abs(d));
  });
  out.rms = std::sqrt(sum_sq / n);
  if (!out.center.allFinite() || !out.semi_axes.allFinite() || !std::isfinite(out.rms) ||
      !out.shape_matrix.allFinite()) {
    return Error{ErrorCode::NumericalFailure,
                 "The fit produced a non-finite number; check the data for extreme values."};
  }
  return out;
}

template Outcome<EllipsoidFit> describe_quadric_fit<SphereModel>(const PointSet&, const SphereModel&,
                                                                 const QuadricRefinement<4>&, int, Shape,
                                                                 const EllipsoidOptions&);
template Outcome<EllipsoidFit> describe_quadric_fit<SpheroidModel>(const PointSet&, const SpheroidModel&,
                                                                   const QuadricRefinement<7>&, int, Shape,
                                                                   const EllipsoidOptions&);
template Outcome<EllipsoidFit> describe_quadric_fit<EllipsoidModel>(const PointSet&, const EllipsoidModel&,
                                                                    const QuadricRefinement<9>&, int, Shape,
                                                                    const EllipsoidOptions&);

}  // namespace spherefit
