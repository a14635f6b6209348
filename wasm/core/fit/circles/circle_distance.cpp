#include "fit/circles/circle_distance.hpp"

#include <algorithm>
#include <cmath>

namespace spherefit {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Below this m (the usual case near a solution, where circles are nearly centred on the sphere's
// axis) power series in m replace the AGM: no square root, and the spread V comes without the
// cancellation of A − M². With a_n = ((2n−1)!!/(2n)!!)²:
//   K = π/2 Σ a_n mⁿ,  E = π/2 Σ a_n mⁿ/(1 − 2n),  D = (K − E)/m = π/2 Σ_{n≥1} a_n 2n/(2n−1) mⁿ⁻¹,
//   K − 2D term by term (its constant term is exactly 0),
//   E = π/2 (1 − m/4 − t), t = Σ_{n≥2} a_n mⁿ/(2n−1),  V/S = 1 − m/2 − (2E/π)² = −m²/16 + 2(1 − m/4)t − t².
// At m < 0.1 twenty terms leave a relative error below 1e-17 in each.
constexpr double kSeriesLimit = 0.1;
constexpr int kSeriesTerms = 20;

struct Series {
  double k[kSeriesTerms] = {};     // K/(π/2) coefficients of m⁰…
  double d[kSeriesTerms] = {};     // D/(π/2) coefficients of m⁰…
  double tail[kSeriesTerms] = {};  // t coefficients of m⁰… (zero below m²)
  double k_minus_2d[kSeriesTerms] = {};
};

constexpr Series make_series() {
  Series c;
  double a = 1.0;
  for (int n = 0; n < kSeriesTerms; ++n) {
    if (n > 0) a *= ((2.0 * n - 1.0) / (2.0 * n)) * ((2.0 * n - 1.0) / (2.0 * n));
    c.k[n] = a;
    if (n >= 1) c.d[n - 1] = a * (2.0 * n) / (2.0 * n - 1.0);
    if (n >= 2) c.tail[n] = a / (2.0 * n - 1.0);
  }
  for (int n = 0; n < kSeriesTerms; ++n) c.k_minus_2d[n] = c.k[n] - 2.0 * c.d[n];
  return c;
}
constexpr Series kSeries = make_series();

double horner(const double (&c)[kSeriesTerms], double m) {
  double sum = 0.0;
  for (int n = kSeriesTerms - 1; n >= 0; --n) sum = sum * m + c[n];
  return sum;
}

struct SmallM {
  EllipticIntegrals ell;
  double spread_over_s;  // V / S
};

SmallM small_m_series(double m) {
  SmallM out;
  const double half_pi = kPi / 2.0;
  const double t = horner(kSeries.tail, m);
  out.ell.k = half_pi * horner(kSeries.k, m);
  out.ell.d = half_pi * horner(kSeries.d, m);
  out.ell.e = half_pi * (1.0 - m / 4.0 - t);
  out.ell.k_minus_2d = half_pi * horner(kSeries.k_minus_2d, m);
  out.spread_over_s = std::max(0.0, -m * m / 16.0 + 2.0 * (1.0 - m / 4.0) * t - t * t);
  return out;
}

}  // namespace

EllipticIntegrals complete_elliptic(double m) {
  m = std::clamp(m, 0.0, 1.0 - 0x1p-52);
  // AGM with c_{n+1} = c_n² / (4 a_{n+1}); q = c_n² / m carries D = K Σ 2^{n−1} c_n² / m.
  double a = 1.0, g = std::sqrt(1.0 - m);
  double q = 1.0, weight = 0.5, sum = 0.5;
  for (int n = 0; n < 40; ++n) {
    const double a_next = 0.5 * (a + g);
    g = std::sqrt(a * g);
    const double c_sq = q * m;
    q *= c_sq / (16.0 * a_next * a_next);
    a = a_next;
    weight *= 2.0;
    sum += weight * q;
    if (q * m <= 1e-17 * a) break;
  }
  EllipticIntegrals out;
  out.k = kPi / (2.0 * a);
  out.d = out.k * sum;
  out.e = out.k - m * out.d;
  out.k_minus_2d = out.k - 2.0 * out.d;  // m ≥ 0.1 here in practice: at most a digit lost
  return out;
}

PlaneBasis plane_basis(const Eigen::Vector3d& unit_normal) {
  // Any orthonormal in-plane basis: start from the axis least aligned with the normal.
  Eigen::Index axis = 0;
  unit_normal.cwiseAbs().minCoeff(&axis);
  PlaneBasis b;
  b.u = unit_normal.cross(Eigen::Vector3d::Unit(axis)).normalized();
  b.v = unit_normal.cross(b.u);
  return b;
}

WorkCircle make_work_circle(const Eigen::Vector3d& center, const Eigen::Vector3d& unit_normal, double radius,
                            double weight) {
  WorkCircle c;
  c.center = center;
  c.normal = unit_normal;
  const PlaneBasis basis = plane_basis(unit_normal);
  c.u = basis.u;
  c.v = basis.v;
  c.radius = radius;
  c.weight = weight;
  return c;
}

CircleDistance measure_circle(const WorkCircle& circle, const Eigen::Vector3d& p) {
  CircleDistance out;
  const Eigen::Vector3d to_center = circle.center - p;
  const double r = circle.radius;
  out.height = circle.normal.dot(to_center);
  out.in_plane = {circle.u.dot(to_center), circle.v.dot(to_center)};
  const double b = out.in_plane.norm();
  out.offset = b;
  const double a_sq = to_center.squaredNorm() + r * r;
  const double b_coef = 2.0 * r * b;
  const double s = a_sq + b_coef;
  out.sq_mean = a_sq;
  if (s <= 0.0) {  // p is the circle itself shrunk to a point: every distance is zero
    out.mean_gradient.setZero();
    return out;
  }
  const double m = 2.0 * b_coef / s;
  const bool small = m < kSeriesLimit;
  const SmallM series = small ? small_m_series(m) : SmallM{};
  const EllipticIntegrals ell = small ? series.ell : complete_elliptic(m);
  const double root_s = std::sqrt(s);
  out.mean = (2.0 / kPi) * root_s * ell.e;
  const double mean_inv = (2.0 / kPi) * ell.k / root_s;
  const double mean_cos_inv = (2.0 / kPi) * ell.k_minus_2d / root_s;
  // ∂M/∂p = −mean (q − p)/d; the in-plane part points along the offset direction.
  out.mean_gradient = -mean_inv * to_center;
  if (b > 0.0) {
    const Eigen::Vector3d offset_dir = (out.in_plane.x() * circle.u + out.in_plane.y() * circle.v) / b;
    out.mean_gradient -= r * mean_cos_inv * offset_dir;
  }
  out.spread = small ? s * series.spread_over_s : std::max(0.0, a_sq - out.mean * out.mean);
  return out;
}

}  // namespace spherefit
