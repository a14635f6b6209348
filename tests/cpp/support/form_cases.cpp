#include "support/form_cases.hpp"

#include <Eigen/Geometry>
#include <Eigen/LU>
#include <cmath>
#include <sstream>

namespace spherefit::testing {
namespace {

constexpr double kPi = 3.14159265358979323846;

Eigen::Vector3d direction(double polar, double azimuth) {
  return {std::sin(polar) * std::cos(azimuth), std::sin(polar) * std::sin(azimuth), std::cos(polar)};
}

Eigen::Vector3d random_direction(std::mt19937_64& rng, double cap_angle) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double z = 1.0 - u(rng) * (1.0 - std::cos(cap_angle));
  return direction(std::acos(z), 2.0 * kPi * u(rng));
}

struct Contacts {
  std::vector<Eigen::Vector3d> outer, inner;
  std::vector<double> outer_multipliers, inner_multipliers;
};

// A triangle of normals at polar angle α and a segment from polar β₁ to β₂ (opposite azimuths)
// crossing the triangle's plane inside it: the multipliers are the crossing point's barycentric
// coordinates in each.
Contacts forbes_minh_normals(bool cap, ContactPattern pattern, const Eigen::Matrix3d& rotation) {
  const double alpha = cap ? 0.6 : 1.2, beta1 = cap ? 0.3 : 0.6, beta2 = cap ? 0.9 : 1.9, psi = 0.4;
  Eigen::Matrix3d triangle;
  for (int k = 0; k < 3; ++k) triangle.col(k) = direction(alpha, 0.1 + 2.0 * kPi * k / 3.0);
  const Eigen::Vector3d m1 = direction(beta1, psi), m2 = direction(beta2, psi + kPi);
  const double s = (m1.z() - std::cos(alpha)) / (m1.z() - m2.z());
  const Eigen::Vector3d crossing = (1.0 - s) * m1 + s * m2;
  const Eigen::Vector3d lambda = triangle.lu().solve(crossing);
  std::vector<Eigen::Vector3d> tri = {rotation * triangle.col(0), rotation * triangle.col(1),
                                      rotation * triangle.col(2)};
  std::vector<Eigen::Vector3d> seg = {rotation * m1, rotation * m2};
  std::vector<double> tri_w = {lambda(0), lambda(1), lambda(2)}, seg_w = {1.0 - s, s};
  Contacts c;
  if (pattern == ContactPattern::ThreeOuterTwoInner) {
    c.outer = tri, c.outer_multipliers = tri_w, c.inner = seg, c.inner_multipliers = seg_w;
  } else {
    c.outer = seg, c.outer_multipliers = seg_w, c.inner = tri, c.inner_multipliers = tri_w;
  }
  return c;
}

Eigen::Vector3d any_perpendicular(const Eigen::Vector3d& n, std::mt19937_64& rng) {
  std::normal_distribution<double> g;
  const Eigen::Vector3d v(g(rng), g(rng), g(rng));
  return (v - v.dot(n) * n).normalized();
}

// A circle in a plane with normal w tilted from n whose farthest (outward) or nearest point from the
// centre is centre + ρ n, lying wholly within the shell [r_in, r_out] (ρ = r_out or r_in).
SliceCircle contact_circle(const Eigen::Vector3d& center, const Eigen::Vector3d& n, bool outward, double r_in,
                           double r_out, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> tilt(0.3, 1.0);
  const double gamma = tilt(rng);
  const Eigen::Vector3d w = (std::cos(gamma) * n + std::sin(gamma) * any_perpendicular(n, rng)).normalized();
  const Eigen::Vector3d t = (n - n.dot(w) * w).normalized();
  const double rho = outward ? r_out : r_in;
  const double a = rho * n.dot(w);
  const double reach_out = std::sqrt(r_out * r_out - a * a), reach_in = std::sqrt(r_in * r_in - a * a);
  const double b = 0.4 * (reach_out - reach_in);
  SliceCircle c;
  c.normal = w;
  if (outward) {  // far point c' + (b + r) t with b + r = reach_out
    c.center = center + a * w + b * t;
    c.radius = reach_out - b;
  } else {  // near point c' + (r − b) t with r − b = reach_in
    c.center = center + a * w - b * t;
    c.radius = reach_in + b;
  }
  return c;
}

}  // namespace

Eigen::Matrix3d random_rotation(std::mt19937_64& rng) {
  std::normal_distribution<double> g;
  return Eigen::Quaterniond(g(rng), g(rng), g(rng), g(rng)).normalized().toRotationMatrix();
}

PointTable point_table(const std::vector<Eigen::Vector3d>& points) {
  PointTable t;
  for (const Eigen::Vector3d& p : points) {
    t.x.push_back(p.x());
    t.y.push_back(p.y());
    t.z.push_back(p.z());
  }
  return t;
}

Eigen::Vector3d algebraic_center(const std::vector<Eigen::Vector3d>& points) {
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (const Eigen::Vector3d& p : points) mean += p;
  mean /= static_cast<double>(points.size());
  double size = 0.0;
  for (const Eigen::Vector3d& p : points) size = std::max(size, (p - mean).cwiseAbs().maxCoeff());
  if (!(size > 0.0)) return mean;
  // |q|² = 2 q·c + k for q = (p − mean)/size: linear least squares in (c, k).
  Eigen::Matrix4d normal = Eigen::Matrix4d::Zero();
  Eigen::Vector4d rhs = Eigen::Vector4d::Zero();
  for (const Eigen::Vector3d& p : points) {
    const Eigen::Vector3d q = (p - mean) / size;
    Eigen::Vector4d row;
    row << 2.0 * q, 1.0;
    normal += row * row.transpose();
    rhs += q.squaredNorm() * row;
  }
  return mean + size * normal.ldlt().solve(rhs).head<3>();
}

KnownZone forbes_minh_points(const Eigen::Vector3d& center, double radius, double half_width, ContactPattern pattern,
                             bool cap, std::size_t extra, std::mt19937_64& rng) {
  const Eigen::Matrix3d rotation = random_rotation(rng);
  const Contacts contacts = forbes_minh_normals(cap, pattern, rotation);
  KnownZone z;
  z.center = center;
  z.inner = radius - half_width;
  z.outer = radius + half_width;
  for (const Eigen::Vector3d& n : contacts.outer) z.points.push_back(center + z.outer * n);
  for (const Eigen::Vector3d& n : contacts.inner) z.points.push_back(center + z.inner * n);
  z.outer_multipliers = contacts.outer_multipliers;
  z.inner_multipliers = contacts.inner_multipliers;
  z.outer_normals = contacts.outer;
  z.inner_normals = contacts.inner;
  std::uniform_real_distribution<double> within(radius - 0.9 * half_width, radius + 0.9 * half_width);
  for (std::size_t i = 0; i < extra; ++i)
    z.points.push_back(center + within(rng) * (rotation * random_direction(rng, cap ? 0.95 : kPi)));
  return z;
}

KnownCircleZone forbes_minh_circles(const Eigen::Vector3d& center, double radius, double half_width,
                                    ContactPattern pattern, std::size_t extra, std::mt19937_64& rng) {
  const Eigen::Matrix3d rotation = random_rotation(rng);
  const Contacts contacts = forbes_minh_normals(false, pattern, rotation);
  KnownCircleZone z;
  z.center = center;
  z.inner = radius - half_width;
  z.outer = radius + half_width;
  z.circles.has_normals = true;
  for (const Eigen::Vector3d& n : contacts.outer) z.circles.add(contact_circle(center, n, true, z.inner, z.outer, rng));
  for (const Eigen::Vector3d& n : contacts.inner)
    z.circles.add(contact_circle(center, n, false, z.inner, z.outer, rng));
  std::uniform_real_distribution<double> height(-0.9 * radius, 0.9 * radius), share(0.0, 0.4);
  for (std::size_t i = 0; i < extra; ++i) {
    const Eigen::Vector3d w = random_direction(rng, kPi);
    const Eigen::Vector3d t = any_perpendicular(w, rng);
    const double a = height(rng);
    const double reach_out = std::sqrt(z.outer * z.outer - a * a), reach_in = std::sqrt(z.inner * z.inner - a * a);
    const double b = share(rng) * (reach_out - reach_in);
    SliceCircle c;
    c.normal = w;
    c.center = center + a * w + b * t;
    c.radius = 0.5 * (reach_out + reach_in);
    z.circles.add(c);
  }
  return z;
}

KnownBall inscribed_ball(const Eigen::Vector3d& center, double radius, std::size_t extra, std::mt19937_64& rng) {
  std::normal_distribution<double> g(0.0, 0.15);
  const Eigen::Matrix3d rotation = random_rotation(rng);
  Eigen::Matrix<double, 3, 4> normals;
  const double s = 1.0 / std::sqrt(3.0);
  const Eigen::Matrix<double, 3, 4> regular =
      (Eigen::Matrix<double, 3, 4>() << s, s, -s, -s, s, -s, s, -s, s, -s, -s, s).finished();
  for (;;) {  // an irregular tetrahedron that still surrounds the centre
    for (int k = 0; k < 4; ++k)
      normals.col(k) = rotation * (regular.col(k) + Eigen::Vector3d(g(rng), g(rng), g(rng))).normalized();
    Eigen::Matrix4d system;
    system.topRows<3>() = normals;
    system.row(3).setOnes();
    const Eigen::Vector4d lambda = system.lu().solve(Eigen::Vector4d(0, 0, 0, 1));
    if (lambda.minCoeff() > 0.1) break;
  }
  KnownBall b;
  b.center = center;
  b.radius = radius;
  for (int k = 0; k < 4; ++k) b.points.push_back(center + radius * normals.col(k));
  std::uniform_real_distribution<double> outside(1.01 * radius, 1.1 * radius);
  for (std::size_t i = 0; i < extra; ++i) b.points.push_back(center + outside(rng) * random_direction(rng, kPi));
  return b;
}

std::vector<Eigen::Vector3d> sphere_points(const Eigen::Vector3d& center, double radius, std::size_t n, double noise,
                                           double cap_angle, std::mt19937_64& rng) {
  std::normal_distribution<double> g(0.0, noise);
  std::vector<Eigen::Vector3d> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(center + (radius + g(rng)) * random_direction(rng, cap_angle));
  return out;
}

double circle_far(const SliceCircle& c, const Eigen::Vector3d& p) {
  const Eigen::Vector3d w = c.normal.normalized();
  const double height = w.dot(c.center - p);
  const double offset = ((c.center - p) - height * w).norm();
  return std::hypot(height, offset + c.radius);
}

double circle_near(const SliceCircle& c, const Eigen::Vector3d& p) {
  const Eigen::Vector3d w = c.normal.normalized();
  const double height = w.dot(c.center - p);
  const double offset = ((c.center - p) - height * w).norm();
  return std::hypot(height, offset - c.radius);
}

namespace {

// The part of the conditions common to points and circles: contacts' sides, multipliers and
// stationarity, given each contact's distance check.
std::string check_contacts(const FormFit& fit, FitType type, double stationarity) {
  std::ostringstream out;
  double sum[2] = {0.0, 0.0};
  Eigen::Vector3d balance = Eigen::Vector3d::Zero();
  for (const Contact& k : fit.form.contacts) {
    if (k.multiplier < 0.0) out << "negative multiplier on contact " << k.index << "; ";
    if (type == FitType::MinimumCircumscribed && k.side != 1) out << "inner contact on a circumscribed fit; ";
    if (type == FitType::MaximumInscribed && k.side != -1) out << "outer contact on an inscribed fit; ";
    sum[k.side > 0 ? 0 : 1] += k.multiplier;
    balance += k.side * k.multiplier * (k.point - fit.center).normalized();
  }
  if (type != FitType::MaximumInscribed && std::abs(sum[0] - 1.0) > 1e-9)
    out << "outer multipliers sum to " << sum[0] << "; ";
  if (type != FitType::MinimumCircumscribed && std::abs(sum[1] - 1.0) > 1e-9)
    out << "inner multipliers sum to " << sum[1] << "; ";
  if (balance.norm() > stationarity) out << "not stationary: |Σμn − Σνn| = " << balance.norm() << "; ";
  return out.str();
}

}  // namespace

std::string check_conditions(const std::vector<Eigen::Vector3d>& points, const FormFit& fit, FitType type, double tol,
                             double stationarity) {
  std::ostringstream out;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double d = (points[i] - fit.center).norm();
    if (d > fit.form.outer_radius + tol || d < fit.form.inner_radius - tol) {
      out << "point " << i << " at " << d << " outside [" << fit.form.inner_radius << ", " << fit.form.outer_radius
          << "]; ";
      break;
    }
  }
  for (const Contact& k : fit.form.contacts) {
    if (k.index < 0 || k.index >= static_cast<long>(points.size()) ||
        k.point != points[static_cast<std::size_t>(k.index)]) {
      out << "contact " << k.index << " is not that point; ";
      continue;
    }
    const double d = (k.point - fit.center).norm();
    const double sphere = k.side > 0 ? fit.form.outer_radius : fit.form.inner_radius;
    if (std::abs(d - sphere) > tol) out << "contact " << k.index << " is " << d - sphere << " off its sphere; ";
  }
  return out.str() + check_contacts(fit, type, stationarity);
}

std::string check_conditions(const SliceTable& circles, const FormFit& fit, FitType type, double tol,
                             double stationarity) {
  std::ostringstream out;
  for (std::size_t i = 0; i < circles.size(); ++i) {
    const SliceCircle c = circles.view().circle(i);
    const double far = circle_far(c, fit.center), near = circle_near(c, fit.center);
    if (far > fit.form.outer_radius + tol || near < fit.form.inner_radius - tol) {
      out << "circle " << i << " reaches [" << near << ", " << far << "] outside [" << fit.form.inner_radius << ", "
          << fit.form.outer_radius << "]; ";
      break;
    }
  }
  for (const Contact& k : fit.form.contacts) {
    if (k.index < 0 || k.index >= static_cast<long>(circles.size())) {
      out << "contact names slice " << k.index << "; ";
      continue;
    }
    const SliceCircle c = circles.view().circle(static_cast<std::size_t>(k.index));
    const Eigen::Vector3d w = c.normal.normalized();
    const double off_plane = std::abs(w.dot(k.point - c.center));
    const double off_circle = std::abs(((k.point - c.center) - w.dot(k.point - c.center) * w).norm() - c.radius);
    if (off_plane > tol || off_circle > tol) out << "contact on slice " << k.index << " is not on its circle; ";
    const double d = (k.point - fit.center).norm();
    const double extreme = k.side > 0 ? circle_far(c, fit.center) : circle_near(c, fit.center);
    const double sphere = k.side > 0 ? fit.form.outer_radius : fit.form.inner_radius;
    if (std::abs(d - extreme) > tol || std::abs(d - sphere) > tol)
      out << "contact on slice " << k.index << " is not the circle's extreme point on its sphere; ";
  }
  return out.str() + check_contacts(fit, type, stationarity);
}

}  // namespace spherefit::testing
