#include "fit/ellipsoid/ellipsoid_distance.hpp"

#include "fit/lanes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace spherefit {

EllipsoidAxes make_ellipsoid_axes(const Eigen::Vector3d& semi_axes) {
  EllipsoidAxes a;
  a.semi = semi_axes;
  a.square = semi_axes.cwiseAbs2();
  a.inverse_square = a.square.cwiseInverse();
  semi_axes.minCoeff(&a.shortest);
  const double low = semi_axes(a.shortest);
  // (e_k − e_min)(e_k + e_min): exact zero for a tie, and no cancellation of the squares.
  for (int k = 0; k < 3; ++k) a.excess(k) = (semi_axes(k) - low) * (semi_axes(k) + low);
  return a;
}

EllipsoidFoot foot_on_ellipsoid(const Eigen::Vector3d& y, const EllipsoidAxes& axes) {
  EllipsoidFoot f;
  const Eigen::Vector3d& delta = axes.excess;
  const double shortest_sq = axes.square(axes.shortest);
  // S(u) = Σ a_k²/(u + δ_k)² with a_k = e_k|y_k|.
  double a_sq[3];
  bool pole = false;  // a component along the shortest axis (or one tied with it): S → ∞ at u → 0
  double low = 0.0;
  for (int k = 0; k < 3; ++k) {
    const double a = axes.semi(k) * std::abs(y(k));
    a_sq[k] = a * a;
    if (a_sq[k] > 0.0) {  // (a term that underflows is no pole)
      if (delta(k) == 0.0) pole = true;
      low = std::max(low, a - delta(k));  // term k alone reaches 1 there
    }
  }
  if (!pole) {
    // In the principal plane across the shortest axis: S(0) = Σ_{δ>0} a_k²/δ_k².
    double at_zero = 0.0;
    for (int k = 0; k < 3; ++k)
      if (delta(k) > 0.0) at_zero += a_sq[k] / (delta(k) * delta(k));
    if (at_zero <= 1.0) {
      // Eberly's degenerate case: t = −e_min², the foot leaves the plane along the shortest axis.
      for (int k = 0; k < 3; ++k) f.normal(k) = delta(k) > 0.0 ? y(k) / delta(k) : 0.0;
      f.normal(axes.shortest) = std::sqrt(std::max(0.0, 1.0 - at_zero)) / axes.semi(axes.shortest);
      f.point = axes.square.cwiseProduct(f.normal);
      f.normal_length = f.normal.norm();
      f.distance = -shortest_sq * f.normal_length;
      return f;
    }
  }
  // The start: t to first order in the distance, t₀ = G(y)/(2|y/e²|²) with G = Σ y²/e² − 1 (the
  // foot x ≈ y − t y/e² on the surface), which Newton then corrects quadratically.
  const Eigen::Vector3d scaled = y.cwiseProduct(axes.inverse_square);
  const double level = y.dot(scaled) - 1.0, slope0 = scaled.squaredNorm();
  double lo = low, hi = std::numeric_limits<double>::infinity();
  double u = std::max(shortest_sq + (slope0 > 0.0 ? 0.5 * level / slope0 : 0.0), lo);
  constexpr double kEps = std::numeric_limits<double>::epsilon(), kHuge = std::numeric_limits<double>::max();
  double inv[3] = {0.0, 0.0, 0.0};
  for (int iter = 1; iter <= 200; ++iter) {
    f.iterations = iter;
    // 1/(u + δ_k) from one division.
    const double p0 = u + delta(0), p1 = u + delta(1), p2 = u + delta(2);
    const double all = 1.0 / (p0 * p1 * p2);
    inv[0] = p1 * p2 * all, inv[1] = p0 * p2 * all, inv[2] = p0 * p1 * all;
    double s = 0.0, slope = 0.0;  // S and −S'/2
    for (int k = 0; k < 3; ++k) {
      const double term = a_sq[k] * inv[k] * inv[k];
      s += term;
      slope += term * inv[k];
    }
    if (s > 1.0)
      lo = u;
    else if (s < 1.0)
      hi = u;
    else
      break;
    // Newton on φ = 1 − S^(−1/2): the step −φ/φ' is S(√S − 1)/slope.
    double next = u + s * (std::sqrt(s) - 1.0) / slope;
    if (!(next >= lo && next <= hi)) {
      if (!std::isfinite(hi)) hi = std::sqrt(a_sq[0] + a_sq[1] + a_sq[2]);  // S(|a|) ≤ 1
      next = next >= lo && next <= hi ? next : 0.5 * (lo + hi);
    }
    const double step = std::abs(next - u);
    u = next;
    // Quadratic convergence: a step of 1e-9 leaves an error of its square (times φ''/φ', small for
    // the shapes fitted); the bracket closing ends bisection.
    if (step <= 1e-9 * u || (hi < kHuge && hi - lo <= 4.0 * kEps * hi)) break;
  }
  // w at the last u: from the last 1/(u + δ) when the final step was below rounding of them.
  const double p0 = u + delta(0), p1 = u + delta(1), p2 = u + delta(2);
  const double all = 1.0 / (p0 * p1 * p2);
  f.normal << y(0) * p1 * p2 * all, y(1) * p0 * p2 * all, y(2) * p0 * p1 * all;
  f.point = axes.square.cwiseProduct(f.normal);
  f.normal_length = f.normal.norm();
  f.distance = (u - shortest_sq) * f.normal_length;
  return f;
}

namespace {

// Two points at a time (fit/lanes.hpp), branch-free: the first-order start and two Newton steps on
// φ without the bracket. Lane k's foot is written when that holds: the point has a component
// along the shortest axis (the root is then the only one in u > 0) and the second step is below
// 1e-9·u (so u is converged); else it is left to the scalar routine. Returns a mask of the lanes
// written (bit 0, bit 1).
int pair_of_feet(const Eigen::Vector3d& y0, const Eigen::Vector3d& y1, const EllipsoidAxes& axes, EllipsoidFoot* out) {
  const Lanes yx = Lanes::of(y0.x(), y1.x()), yy = Lanes::of(y0.y(), y1.y()), yz = Lanes::of(y0.z(), y1.z());
  const Lanes d0 = Lanes::all(axes.excess(0)), d1 = Lanes::all(axes.excess(1)), d2 = Lanes::all(axes.excess(2));
  const Lanes ax = Lanes::all(axes.semi(0)) * abs(yx), ay = Lanes::all(axes.semi(1)) * abs(yy),
              az = Lanes::all(axes.semi(2)) * abs(yz);
  const Lanes sx = ax * ax, sy = ay * ay, sz = az * az;
  const Lanes zero = Lanes::all(0.0), one = Lanes::all(1.0), shortest_sq = Lanes::all(axes.square(axes.shortest));
  const Lanes low = max(max(ax - d0, ay - d1), max(az - d2, zero));
  const Lanes gx = yx * Lanes::all(axes.inverse_square(0)), gy = yy * Lanes::all(axes.inverse_square(1)),
              gz = yz * Lanes::all(axes.inverse_square(2));
  const Lanes level = yx * gx + yy * gy + yz * gz - one, slope0 = gx * gx + gy * gy + gz * gz;
  Lanes u = max(shortest_sq + Lanes::all(0.5) * level * inverse_or_zero(slope0), low);
  Lanes step = zero, i0 = zero, i1 = zero, i2 = zero;
  for (int iter = 0; iter < 2; ++iter) {
    const Lanes p0 = u + d0, p1 = u + d1, p2 = u + d2;
    const Lanes all = one / (p0 * p1 * p2);
    i0 = p1 * p2 * all, i1 = p0 * p2 * all, i2 = p0 * p1 * all;
    const Lanes t0 = sx * i0 * i0, t1 = sy * i1 * i1, t2 = sz * i2 * i2;
    const Lanes s = t0 + t1 + t2, slope = t0 * i0 + t1 * i1 + t2 * i2;
    const Lanes next = u + s * (sqrt(s) - one) / slope;
    step = abs(next - u);
    u = next;
  }
  // The foot at the final u, in lanes: w_k = y_k/(u + δ_k), x = e² ⊙ w, d = (u − e_min²)|w|.
  const Lanes p0 = u + d0, p1 = u + d1, p2 = u + d2;
  const Lanes all = one / (p0 * p1 * p2);
  const Lanes wx = yx * p1 * p2 * all, wy = yy * p0 * p2 * all, wz = yz * p0 * p1 * all;
  const Lanes length = sqrt(wx * wx + wy * wy + wz * wz);
  const Lanes distance = (u - shortest_sq) * length;
  double uu[2], st[2], pole[2], w[3][2], len[2], dist[2];
  u.store(uu), step.store(st), wx.store(w[0]), wy.store(w[1]), wz.store(w[2]), length.store(len), distance.store(dist);
  (axes.shortest == 0 ? sx : axes.shortest == 1 ? sy : sz).store(pole);
  int written = 0;
  for (int k = 0; k < 2; ++k) {
    if (!(pole[k] > 0.0 && uu[k] > 0.0 && st[k] <= 1e-9 * uu[k] && std::isfinite(dist[k]))) continue;
    EllipsoidFoot& f = out[k];
    f.normal << w[0][k], w[1][k], w[2][k];
    f.point = axes.square.cwiseProduct(f.normal);
    f.normal_length = len[k];
    f.distance = dist[k];
    f.iterations = 2;
    written |= 1 << k;
  }
  return written;
}

}  // namespace

void feet_on_ellipsoid(const Eigen::Vector3d* y, std::size_t count, const EllipsoidAxes& axes, EllipsoidFoot* feet) {
  std::size_t i = 0;
  for (; i + 2 <= count; i += 2) {
    const int written = pair_of_feet(y[i], y[i + 1], axes, feet + i);
    if (!(written & 1)) feet[i] = foot_on_ellipsoid(y[i], axes);
    if (!(written & 2)) feet[i + 1] = foot_on_ellipsoid(y[i + 1], axes);
  }
  if (i < count) feet[i] = foot_on_ellipsoid(y[i], axes);
}

}  // namespace spherefit
