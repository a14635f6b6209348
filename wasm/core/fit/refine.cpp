#include "fit/refine.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <cmath>

namespace spherefit {
namespace {

// The sums over circles that one Levenberg–Marquardt step needs: F, ½∇F and the Gauss–Newton matrix.
struct NormalEquations {
  double objective = 0.0;
  Eigen::Vector4d half_gradient = Eigen::Vector4d::Zero();
  Eigen::Matrix4d curvature = Eigen::Matrix4d::Zero();
};

NormalEquations accumulate(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use,
                  const Sphere& sphere) {
  NormalEquations n;
  for (std::size_t i = 0; i < circles.size(); ++i) {
    if (!use[i]) continue;
    const CircleObservation o = observe_circle(circles[i], sphere);
    const double w = circles[i].weight;
    n.objective += w * o.objective;
    n.half_gradient += w * o.half_gradient;
    n.curvature.noalias() += w * o.jacobian.transpose() * o.jacobian;
  }
  return n;
}

// ½∇²F by central differences of the exact ½∇F (step 1e-6 of the working size: the differences
// are good to about 1e-10, plenty for Newton steps), with negative curvature turned positive so
// the step still goes downhill.
Eigen::Matrix4d curvature_by_differences(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use,
                                         const Sphere& s) {
  const double h = 1e-6 * (std::abs(s.radius) + 1.0);
  Eigen::Matrix4d hessian;
  for (int k = 0; k < 4; ++k) {
    Sphere plus = s, minus = s;
    if (k < 3) plus.center(k) += h, minus.center(k) -= h;
    else plus.radius += h, minus.radius -= h;
    hessian.col(k) = (accumulate(circles, use, plus).half_gradient - accumulate(circles, use, minus).half_gradient) / (2.0 * h);
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix4d> eig(0.5 * (hessian + hessian.transpose()));
  const Eigen::Vector4d lambda = eig.eigenvalues().cwiseAbs().cwiseMax(1e-12 * eig.eigenvalues().cwiseAbs().maxCoeff());
  return eig.eigenvectors() * lambda.asDiagonal() * eig.eigenvectors().transpose();
}

}  // namespace

CircleObservation observe_circle(const WorkCircle& circle, const Sphere& sphere) {
  CircleObservation o;
  const CircleDistance d = measure_circle(circle, sphere.center);
  const double radial = d.mean - sphere.radius;
  const double kappa = d.sq_mean > 0.0 ? circle.radius / std::sqrt(2.0 * d.sq_mean) : 0.0;
  o.residual(0) = radial;
  o.residual.tail<2>() = d.offset > 0.0 ? Eigen::Vector2d(std::sqrt(d.spread) / d.offset * d.in_plane)
                                        : Eigen::Vector2d::Zero();
  o.jacobian.setZero();
  o.jacobian.block<1, 3>(0, 0) = d.mean_gradient.transpose();
  o.jacobian(0, 3) = -1.0;
  o.jacobian.block<1, 3>(1, 0) = -kappa * circle.u.transpose();
  o.jacobian.block<1, 3>(2, 0) = -kappa * circle.v.transpose();
  o.objective = radial * radial + d.spread;
  // ½∇ of A − 2RM + R², with ∂A/∂p = −2(c − p).
  o.half_gradient.head<3>() = -(circle.center - sphere.center) - sphere.radius * d.mean_gradient;
  o.half_gradient(3) = -radial;
  return o;
}

Refinement refine_sphere(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use,
                         const Sphere& start, bool radius_fixed, int max_iterations) {
  Refinement out;
  out.sphere = start;
  NormalEquations current = accumulate(circles, use, out.sphere);
  double lambda = 1e-6;
  for (int iter = 1; iter <= max_iterations; ++iter) {
    out.iterations = iter;
    // Gauss–Newton converges fast when the residuals are small against the distances; when they are
    // not (a known radius far from the data's), it crawls: switch to Newton on the exact gradient.
    if (iter > kGaussNewtonIterations) current.curvature = curvature_by_differences(circles, use, out.sphere);
    Eigen::Matrix4d damped = current.curvature;
    damped.diagonal() *= 1.0 + lambda;
    Eigen::Vector4d step = Eigen::Vector4d::Zero();
    if (radius_fixed) {
      step.head<3>() = damped.topLeftCorner<3, 3>().ldlt().solve(-current.half_gradient.head<3>());
    } else {
      step = damped.ldlt().solve(-current.half_gradient);
    }
    if (!step.allFinite()) break;

    Sphere trial = out.sphere;
    trial.center += step.head<3>();
    trial.radius += step(3);
    const NormalEquations next = accumulate(circles, use, trial);
    if (!std::isfinite(next.objective)) break;
    // Near the minimum F changes by less than its own rounding (about ε·F): there the exact
    // gradient, not F, tells whether the step went downhill.
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
