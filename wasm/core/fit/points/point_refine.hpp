// The geometric least-squares sphere of points: Levenberg–Marquardt on
//
//   F(c, R) = Σ_i e_i²,   e_i = |q_i − c| − R,   ∂e_i/∂(c, R) = (−(q_i − c)ᵀ / |q_i − c|, −1),
//
// the orthogonal-distance fit that NIST's certified data and ISO 10360-6 define. One pass over
// the points per trial step accumulates F, Jᵀe and JᵀJ (4×4, fixed size): no per-point storage.
// The iteration (fit/levenberg_marquardt.hpp) keeps a step when F decreases, or near the minimum
// when the exact gradient shrinks, which takes the fit to the last digit (NIST's certificates hold
// to 1e-14·R in double); where the residuals are large against the distances (a known radius the
// data contradict) the exact Hessian takes over from JᵀJ.
#pragma once

#include <cstdint>
#include <vector>

#include "fit/lanes.hpp"
#include "fit/levenberg_marquardt.hpp"
#include "fit/points/point_set.hpp"

namespace spherefit {

// One point's residual and Jacobian row (working units); a point at the centre has a zero
// direction (its distance is not differentiable there).
struct PointObservation {
  double residual = 0.0;
  Eigen::Vector4d jacobian = Eigen::Vector4d::Zero();
};
PointObservation observe_point(const Eigen::Vector3d& q, const Sphere& sphere);

struct PointRefinement {
  Sphere sphere;
  int iterations = 0;
  bool converged = false;
  double objective = 0.0;                                  // Σ e² at `sphere`
  Eigen::Matrix4d gauss_newton = Eigen::Matrix4d::Zero();  // JᵀJ at `sphere`
};

// The hot loop of the point fit, two points at a time (fit/lanes.hpp; the product runs it with
// Lanes, the tests compare it with ScalarLanes): F, ½∇F and JᵀJ at `s`. with j = (−z, −1), z the
// unit direction from the centre, JᵀJ needs only the six products of z, its components and the
// count. Unused points (use[i] = 0) have their lane multiplied by zero.
template <class Lanes>
NormalEquations accumulate_point_sphere(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& s) {
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
  NormalEquations out;
  out.objective = f.sum();
  out.half_gradient << gx.sum(), gy.sum(), gz.sum(), gr.sum();
  out.curvature << xx.sum(), xy.sum(), xz.sum(), ux.sum(), xy.sum(), yy.sum(), yz.sum(), uy.sum(), xz.sum(), yz.sum(),
      zz.sum(), uz.sum(), ux.sum(), uy.sum(), uz.sum(), n.sum();
  return out;
}

// ½∇²F exactly at `s`, made positive (fit/levenberg_marquardt.hpp's positive_curvature).
Eigen::Matrix4d exact_point_curvature(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& s);

// Minimises F over the points with use[i] (all when use is empty) from `start`; with radius_fixed
// only the centre moves.
PointRefinement refine_point_sphere(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& start,
                                    bool radius_fixed, int max_iterations);

}  // namespace spherefit
