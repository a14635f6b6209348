#include "fit/point_refine.hpp"

#include "fit/lanes.hpp"

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

// The hot loop of the point fit, two points at a time (fit/lanes.hpp): with j = (−z, −1), z the
// unit direction from the centre, JᵀJ needs only the six products of z, its components and the
// count. Unused points (use[i] = 0) have their lane multiplied by zero.
PointNormalEquations accumulate(const PointSet& set, const std::vector<std::uint8_t>& use, const PointSphere& s) {
  const PointColumnsView& p = set.points;
  const Lanes k = Lanes::all(set.inverse_scale), r = Lanes::all(s.radius);
  const Lanes ox = Lanes::all(set.origin.x()), oy = Lanes::all(set.origin.y()), oz = Lanes::all(set.origin.z());
  const Lanes cx = Lanes::all(s.center.x() * set.scale), cy = Lanes::all(s.center.y() * set.scale),
              cz = Lanes::all(s.center.z() * set.scale);
  const Lanes zero = Lanes::all(0.0);
  Lanes f = zero, gx = zero, gy = zero, gz = zero, gr = zero, xx = zero, xy = zero, xz = zero, yy = zero, yz = zero,
        zz = zero, ux = zero, uy = zero, uz = zero, n = zero;
  auto add = [&](Lanes x, Lanes y, Lanes z, Lanes mask) {
    // p − origin first (exact or nearly, both being far from the origin), then the centre's
    // small offset: the centre keeps all its digits however far the ball is from the origin.
    const Lanes dx = ((x - ox) - cx) * k, dy = ((y - oy) - cy) * k, dz = ((z - oz) - cz) * k;
    const Lanes distance = sqrt(dx * dx + dy * dy + dz * dz);
    const Lanes inv = inverse_or_zero(distance) * mask;
    const Lanes e = (distance - r) * mask;
    const Lanes zx = dx * inv, zy = dy * inv, zzz = dz * inv;
    f += e * e;
    gx -= e * zx, gy -= e * zy, gz -= e * zzz, gr -= e;
    xx += zx * zx, xy += zx * zy, xz += zx * zzz, yy += zy * zy, yz += zy * zzz, zz += zzz * zzz;
    ux += zx, uy += zy, uz += zzz;
    n += mask;
  };
  const std::size_t count = set.size();
  std::size_t i = 0;
  for (; i + 2 <= count; i += 2) {
    const Lanes mask = use.empty() ? Lanes::all(1.0) : Lanes::of(use[i], use[i + 1]);
    add(Lanes::load(p.x + i), Lanes::load(p.y + i), Lanes::load(p.z + i), mask);
  }
  if (i < count) {
    const double used = use.empty() || use[i] ? 1.0 : 0.0;
    add(Lanes::all(p.x[i]), Lanes::all(p.y[i]), Lanes::all(p.z[i]), Lanes::of(used, 0.0));
  }
  PointNormalEquations out;
  out.objective = f.sum();
  out.half_gradient << gx.sum(), gy.sum(), gz.sum(), gr.sum();
  out.curvature << xx.sum(), xy.sum(), xz.sum(), ux.sum(), xy.sum(), yy.sum(), yz.sum(), uy.sum(), xz.sum(), yz.sum(),
      zz.sum(), uz.sum(), ux.sum(), uy.sum(), uz.sum(), n.sum();
  return out;
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
    Eigen::Matrix4d damped =
        iter > kPointGaussNewtonIterations ? exact_curvature(set, use, out.sphere) : current.curvature;
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
  out.objective = current.objective;
  out.gauss_newton = current.curvature;
  return out;
}

}  // namespace spherefit
