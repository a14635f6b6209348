#include "fit/points/point_refine.hpp"

#include "fit/lanes.hpp"

#include "fit/levenberg_marquardt.hpp"
#include <algorithm>
#include <cmath>

namespace spherefit {
namespace {

// The hot loop of the point fit, two points at a time (fit/lanes.hpp): with j = (−z, −1), z the
// unit direction from the centre, JᵀJ needs only the six products of z, its components and the
// count. Unused points (use[i] = 0) have their lane multiplied by zero.
NormalEquations accumulate(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& s) {
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

// ½∇²F exactly: Σ j jᵀ + e ∂²e, with ∂²e/∂c² = (I − z zᵀ)/|q − c| (z the unit direction), made
// positive.
Eigen::Matrix4d exact_curvature(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& s) {
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
  return positive_curvature<4>(h);
}

}  // namespace

PointObservation observe_point(const Eigen::Vector3d& q, const Sphere& sphere) {
  PointObservation o;
  const Eigen::Vector3d d = q - sphere.center;
  const double distance = d.norm();
  o.residual = distance - sphere.radius;
  if (distance > 0.0) o.jacobian.head<3>() = -d / distance;
  o.jacobian(3) = -1.0;
  return o;
}

PointRefinement refine_point_sphere(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& start,
                                    bool radius_fixed, int max_iterations) {
  const Minimum m = minimise([&](const Sphere& s) { return accumulate(set, use, s); },
                             [&](const Sphere& s) { return exact_curvature(set, use, s); }, start, radius_fixed,
                             max_iterations);
  return PointRefinement{m.sphere, m.iterations, m.converged, m.at.objective, m.at.curvature};
}

}  // namespace spherefit
