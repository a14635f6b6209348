#include "fit/point_refine.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

namespace spherefit {
namespace {

// The sums over points that one Levenberg–Marquardt step needs: F, ½∇F = Jᵀe and JᵀJ.
struct PointNormalEquations {
  double objective = 0.0;
  Eigen::Vector4d half_gradient = Eigen::Vector4d::Zero();
  Eigen::Matrix4d curvature = Eigen::Matrix4d::Zero();
};

PointNormalEquations accumulate(const PointSet& set, const std::vector<std::uint8_t>& use, const PointSphere& s) {
  PointNormalEquations n;
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (!use.empty() && !use[i]) continue;
    const PointObservation o = observe_point(set.at(i), s);
    n.objective += o.residual * o.residual;
    n.half_gradient += o.residual * o.jacobian;
    n.curvature.selfadjointView<Eigen::Upper>().rankUpdate(o.jacobian);
  }
  n.curvature.triangularView<Eigen::StrictlyLower>() = n.curvature.transpose();
  return n;
}

// ½∇²F exactly: Σ j jᵀ + e ∂²e, with ∂²e/∂c² = (I − z zᵀ)/|q − c| (z the unit direction), and
// negative curvature turned positive so the step still goes downhill.
Eigen::Matrix4d exact_curvature(const PointSet& set, const std::vector<std::uint8_t>& use, const PointSphere& s) {
  Eigen::Matrix4d h = Eigen::Matrix4d::Zero();
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (!use.empty() && !use[i]) continue;
    const Eigen::Vector3d d = set.at(i) - s.center;
    const double distance = d.norm();
    const PointObservation o = observe_point(set.at(i), s);
    h.noalias() += o.jacobian * o.jacobian.transpose();
    if (distance > 0.0) {
      const Eigen::Vector3d z = d / distance;
      h.topLeftCorner<3, 3>() += o.residual / distance * (Eigen::Matrix3d::Identity() - z * z.transpose());
    }
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix4d> eig(h);
  const Eigen::Vector4d lambda = eig.eigenvalues().cwiseAbs().cwiseMax(1e-12 * eig.eigenvalues().cwiseAbs().maxCoeff());
  return eig.eigenvectors() * lambda.asDiagonal() * eig.eigenvectors().transpose();
}

}  // namespace

PointObservation observe_point(const Eigen::Vector3d& q, const PointSphere& sphere) {
  PointObservation o;
  const Eigen::Vector3d d = q - sphere.center;
  const double distance = d.norm();
  o.residual = distance - sphere.radius;
  if (distance > 0.0) o.jacobian.head<3>() = -d / distance;
  o.jacobian(3) = -1.0;
  return o;
}

PointRefinement refine_point_sphere(const PointSet& set, const std::vector<std::uint8_t>& use, const PointSphere& start,
                                    bool radius_fixed, int max_iterations) {
  PointRefinement out;
  out.sphere = start;
  PointNormalEquations current = accumulate(set, use, out.sphere);
  double lambda = 1e-6;
  for (int iter = 1; iter <= max_iterations; ++iter) {
    out.iterations = iter;
    // Gauss–Newton crawls where the residuals are large against the distances (a known radius far
    // from the data's): then Newton with the exact Hessian.
    if (iter > kPointGaussNewtonIterations) current.curvature = exact_curvature(set, use, out.sphere);
    Eigen::Matrix4d damped = current.curvature;
    damped.diagonal() *= 1.0 + lambda;
    Eigen::Vector4d step = Eigen::Vector4d::Zero();
    if (radius_fixed) {
      step.head<3>() = damped.topLeftCorner<3, 3>().ldlt().solve(-current.half_gradient.head<3>());
    } else {
      step = damped.ldlt().solve(-current.half_gradient);
    }
    if (!step.allFinite()) break;
    PointSphere trial = out.sphere;
    trial.center += step.head<3>();
    trial.radius += step(3);
    const PointNormalEquations next = accumulate(set, use, trial);
    if (!std::isfinite(next.objective)) break;
    // Near the minimum F changes by less than its own rounding (about ε·F per point summed):
    // there the exact gradient, not F, tells whether the step went downhill.
    const double noise = 1e-13 * current.objective;
    const bool lower = next.objective < current.objective - noise;
    const bool level = next.objective <= current.objective + noise &&
                       next.half_gradient.squaredNorm() < current.half_gradient.squaredNorm();
    const double size = std::abs(out.sphere.radius) + out.sphere.center.norm() + 1.0;
    if (lower || level) {
      out.sphere = trial;
      current = next;
      lambda = std::max(lambda / 10.0, 1e-12);
      if (step.norm() <= 1e-14 * size) {
        out.converged = true;
        break;
      }
    } else {
      // Neither lower nor a smaller gradient from a step at rounding level: nothing left to gain.
      if (step.norm() <= 1e-12 * size) {
        out.converged = true;
        break;
      }
      lambda = lambda * 10.0 + 1e-6;
      if (lambda > 1e12) break;
    }
  }
  return out;
}

}  // namespace spherefit
