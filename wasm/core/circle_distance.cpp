#include "circle_distance.hpp"

#include <algorithm>
#include <cmath>

namespace spherefit {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Below this m the spread V = A − M² would lose digits to cancellation; a 12-point periodic
// trapezoid rule on the deviations from √A is then exact to ~1e-19 (the integrand's singularity
// is at imaginary distance arccosh((2 − m)/m) ≥ 3.6 from the real axis).
constexpr double kSmallM = 0.1;
constexpr int kSpreadNodes = 12;
// cos(2πk/12), k = 0…11: the quadrature nodes, without a cos call per circle.
constexpr double kHalfRoot3 = 0.86602540378443864676;
constexpr double kNodeCosines[kSpreadNodes] = {1.0, kHalfRoot3, 0.5, 0.0, -0.5, -kHalfRoot3,
                                               -1.0, -kHalfRoot3, -0.5, 0.0, 0.5, kHalfRoot3};

double spread_by_quadrature(double a_sq, double b_coef) {
  const double root_a = std::sqrt(a_sq);
  double sum = 0.0, sum_sq = 0.0;
  for (int k = 0; k < kSpreadNodes; ++k) {
    const double t = b_coef * kNodeCosines[k];
    const double dev = t / (std::sqrt(a_sq + t) + root_a);  // d − √A, exactly
    sum += dev;
    sum_sq += dev * dev;
  }
  const double mean = sum / kSpreadNodes;
  return std::max(0.0, sum_sq / kSpreadNodes - mean * mean);
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
  return out;
}

WorkCircle make_work_circle(const Eigen::Vector3d& center, const Eigen::Vector3d& unit_normal,
                            double radius, double weight) {
  WorkCircle c;
  c.center = center;
  c.normal = unit_normal;
  // Any orthonormal in-plane basis: start from the axis least aligned with the normal.
  Eigen::Index axis = 0;
  unit_normal.cwiseAbs().minCoeff(&axis);
  c.u = unit_normal.cross(Eigen::Vector3d::Unit(axis)).normalized();
  c.w = unit_normal.cross(c.u);
  c.radius = radius;
  c.weight = weight;
  return c;
}

CircleDistance measure_circle(const WorkCircle& circle, const Eigen::Vector3d& p) {
  CircleDistance out;
  const Eigen::Vector3d v = circle.center - p;
  const double r = circle.radius;
  out.height = circle.normal.dot(v);
  out.in_plane = {circle.u.dot(v), circle.w.dot(v)};
  const double b = out.in_plane.norm();
  out.offset = b;
  const double a_sq = v.squaredNorm() + r * r;
  const double b_coef = 2.0 * r * b;
  const double s = a_sq + b_coef;
  out.sq_mean = a_sq;
  if (s <= 0.0) {  // p is the circle itself shrunk to a point: every distance is zero
    out.mean_gradient.setZero();
    return out;
  }
  const double m = 2.0 * b_coef / s;
  const EllipticIntegrals ell = complete_elliptic(m);
  const double root_s = std::sqrt(s);
  out.mean = (2.0 / kPi) * root_s * ell.e;
  const double mean_inv = (2.0 / kPi) * ell.k / root_s;
  const double mean_cos_inv = (2.0 / kPi) * (ell.k - 2.0 * ell.d) / root_s;
  // ∂M/∂p = −mean (q − p)/d; the in-plane part points along the offset direction.
  out.mean_gradient = -mean_inv * v;
  if (b > 0.0) {
    const Eigen::Vector3d offset_dir = (out.in_plane.x() * circle.u + out.in_plane.y() * circle.w) / b;
    out.mean_gradient -= r * mean_cos_inv * offset_dir;
  }
  out.spread = m < kSmallM ? spread_by_quadrature(a_sq, b_coef)
                           : std::max(0.0, a_sq - out.mean * out.mean);
  return out;
}

}  // namespace spherefit
