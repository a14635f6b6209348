#include "report/shape_verdict.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "model/format.hpp"

namespace spherefit {
namespace {

// log erfc(s) for s ≥ 0, by the asymptotic series where erfc underflows.
double log_erfc(double s) {
  if (s < 25.0) return std::log(std::erfc(s));
  const double s2 = s * s;
  return -s2 - std::log(s * std::sqrt(std::acos(-1.0))) + std::log1p(-1.0 / (2 * s2) + 3.0 / (4 * s2 * s2));
}

double log_add(double a, double b) {
  if (a < b) std::swap(a, b);
  return b == -std::numeric_limits<double>::infinity() ? a : a + std::log1p(std::exp(b - a));
}

std::string percent(double fraction) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2g %%", 100.0 * fraction);
  return b;
}

std::string sigmas_text(double z) {
  char b[48];
  std::snprintf(b, sizeof b, z >= 10.0 ? "%.0f" : "%.2g", z);
  return std::string(b) + " standard uncertainties";
}

// A length in a sentence: three significant digits ("1.53 mm").
std::string length_text(double value, const std::string& units) {
  char b[48];
  std::snprintf(b, sizeof b, "%.3g", value);
  return units.empty() ? std::string(b) : std::string(b) + " " + units;
}

// The continued fraction of the incomplete beta function (Lentz's method; Numerical Recipes §6.4).
double beta_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
  d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));
    d = 1.0 + aa * d, c = 1.0 + aa / c;
    d = 1.0 / (std::abs(d) < kTiny ? kTiny : d), c = std::abs(c) < kTiny ? kTiny : c;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2));
    d = 1.0 + aa * d, c = 1.0 + aa / c;
    d = 1.0 / (std::abs(d) < kTiny ? kTiny : d), c = std::abs(c) < kTiny ? kTiny : c;
    const double del = d * c;
    h *= del;
    if (std::abs(del - 1.0) < 1e-15) break;
  }
  return h;
}

// log I_x(a, b), the regularised incomplete beta function.
double log_incomplete_beta(double a, double b, double x) {
  if (!(x > 0.0)) return -std::numeric_limits<double>::infinity();
  if (!(x < 1.0)) return 0.0;
  const double front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  if (x < (a + 1.0) / (a + b + 2.0)) return front + std::log(beta_fraction(a, b, x) / a);
  return std::log1p(-std::exp(front + std::log(beta_fraction(b, a, 1.0 - x) / b)));
}

}  // namespace

double f_log_tail(double f, int d1, int d2) {
  if (!(f > 0.0)) return 0.0;
  // P(F > f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2).
  return std::min(0.0, log_incomplete_beta(0.5 * d2, 0.5 * d1, d2 / (d2 + d1 * f)));
}

double chi_square_log_tail(double x, int dof) {
  if (!(x > 0.0)) return 0.0;
  const double y = 0.5 * x;
  // Q(a, y) for a = ν/2 from Q(½, y) = erfc(√y) or Q(1, y) = e^(−y), and
  // Q(a + 1, y) = Q(a, y) + yᵃ e^(−y) / Γ(a + 1).
  double a = dof % 2 ? 0.5 : 1.0;
  double log_q = dof % 2 ? log_erfc(std::sqrt(y)) : -y;
  for (; a + 0.5 < 0.5 * dof; a += 1.0) log_q = log_add(log_q, a * std::log(y) - y - std::lgamma(a + 1.0));
  return std::min(log_q, 0.0);
}

double normal_deviate_of_log_tail(double log_p) {
  if (!(log_p < 0.0)) return 0.0;
  double lo = 0.0, hi = 1.0;
  while (log_erfc(hi / std::sqrt(2.0)) > log_p && hi < 1e8) hi *= 2.0;
  for (int k = 0; k < 200; ++k) {
    const double mid = 0.5 * (lo + hi);
    (log_erfc(mid / std::sqrt(2.0)) > log_p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

std::optional<Warning> not_sphere_warning(const ShapeVerdict& v) {
  if (v.call != ShapeCall::NotSphere) return std::nullopt;
  return Warning{WarningCode::NotSphere, v.sentence + (v.sphere_note ? " " + *v.sphere_note : std::string())};
}

ShapeVerdict judge_shape(const PointColumnsView& points, const SphereFit& sphere, const EllipsoidFit& e,
                         const ShapeVerdictOptions& options) {
  ShapeVerdict v;
  const std::string& units = options.units;
  v.tolerance = options.tolerance ? *options.tolerance : options.relative_tolerance * sphere.radius;
  v.difference = e.semi_axes(0) - e.semi_axes(2);
  v.flattening = e.semi_axes(0) > 0.0 ? v.difference / e.semi_axes(0) : 0.0;
  v.beyond_tolerance = v.difference > v.tolerance;
  if (e.covariance) {
    const Eigen::Matrix<double, 9, 9>& c = *e.covariance;
    v.difference_std_error = std::sqrt(std::max(0.0, c(3, 3) + c(5, 5) - 2 * c(3, 5)));
    v.detectable = options.significance * v.difference_std_error;
  }
  if (e.shape_covariance) {
    // E = L·(A₁₁, A₂₂, A₃₃, A₁₂, A₁₃, A₂₃): a basis of the traceless symmetric matrices.
    Eigen::Matrix<double, 5, 6> l = Eigen::Matrix<double, 5, 6>::Zero();
    l.row(0) << 1, -1, 0, 0, 0, 0;
    l.row(1) << 1, 1, -2, 0, 0, 0;
    l(2, 3) = l(3, 4) = l(4, 5) = 1.0;
    Eigen::Matrix<double, 6, 1> a;
    const Eigen::Matrix3d& m = e.shape_matrix;
    a << m(0, 0), m(1, 1), m(2, 2), m(0, 1), m(0, 2), m(1, 2);
    const Eigen::Matrix<double, 5, 1> dev = l * a;
    const Eigen::Matrix<double, 5, 5> cov = l * e.shape_covariance->bottomRightCorner<6, 6>() * l.transpose();
    // χ² with the pseudo-inverse: combinations the data leave (numerically) free carry no test.
    const double size = cov.diagonal().maxCoeff();
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix<double, 5, 5>> eig(cov);
    if (size > 0.0 && std::isfinite(size)) {
      const Eigen::Matrix<double, 5, 1> w = eig.eigenvectors().transpose() * dev;
      for (int k = 0; k < 5; ++k) {
        if (!(eig.eigenvalues()(k) > 1e-12 * eig.eigenvalues()(4))) continue;
        v.chi_square += w(k) * w(k) / eig.eigenvalues()(k);
        ++v.degrees_of_freedom;
      }
    }
    // Slices as clusters: the covariance is estimated from only G slices, so the statistic is
    // Hotelling's T² rather than χ²: (ν − q + 1) T² / (q ν) ~ F(q, ν − q + 1), ν = G − 1.
    const int nu = e.clustered ? static_cast<int>(e.clusters) - 1 : 0;
    if (e.clustered && nu - v.degrees_of_freedom + 1 < 1) v.degrees_of_freedom = 0;
    if (v.degrees_of_freedom > 0 && std::isfinite(v.chi_square)) {
      const int q = v.degrees_of_freedom;
      const double log_p = e.clustered ? f_log_tail(v.chi_square * (nu - q + 1) / (q * nu), q, nu - q + 1)
                                       : chi_square_log_tail(v.chi_square, q);
      v.p_value = std::exp(log_p);
      v.sigmas = normal_deviate_of_log_tail(log_p);
      v.significant = v.sigmas > options.significance;
    } else {
      v.chi_square = 0.0;
      v.degrees_of_freedom = 0;
    }
  }
  v.call = v.significant && v.beyond_tolerance ? ShapeCall::NotSphere : ShapeCall::Sphere;

  // The shape error the ellipsoid explains: sphere distance − ellipsoid distance, peak to valley.
  double low = std::numeric_limits<double>::max(), high = -low;
  for (std::size_t k = 0; k < e.residuals.size(); ++k) {
    const std::size_t i = k * e.stride;
    if (i >= points.count) break;
    const double explained = (points.point(i) - sphere.center).norm() - sphere.radius - e.residuals[k];
    low = std::min(low, explained), high = std::max(high, explained);
  }
  v.systematic_residual = high >= low ? high - low : 0.0;

  const std::string spread = format_with_uncertainty(v.difference, v.difference_std_error, units);
  const std::string tolerance = length_text(v.tolerance, units) +
                                (options.tolerance ? "" : " (" + percent(options.relative_tolerance) + " of R)");
  if (v.call == ShapeCall::NotSphere) {
    v.sentence = "Not a sphere: the best ellipsoid has semi-axes " +
                 format_with_uncertainty(e.semi_axes(0), e.semi_axes_std_error(0), "") + ", " +
                 format_with_uncertainty(e.semi_axes(1), e.semi_axes_std_error(1), "") + ", " +
                 format_with_uncertainty(e.semi_axes(2), e.semi_axes_std_error(2), units) + " (flattening " +
                 percent(v.flattening) + "); the sphere leaves a systematic residual of " +
                 length_text(v.systematic_residual, units) + ". The semi-axes differ by " + spread + ", " +
                 sigmas_text(v.sigmas) + " and beyond the tolerance of " + tolerance + ".";
    char u[48];
    std::snprintf(u, sizeof u, "%.2g", sphere.uncertainty ? sphere.uncertainty->std_error(3) : 0.0);
    const std::string radius =
        sphere.uncertainty ? " (± " + std::string(u) + (units.empty() ? "" : " " + units) + " on R)" : "";
    v.sphere_note = "The sphere's uncertainty" + radius +
                    " covers the noise, not the shape error: the surface's radius varies by " +
                    length_text(v.difference, units) +
                    ", so the sphere's centre and radius depend on where the surface was sampled.";
  } else if (!e.shape_covariance || v.degrees_of_freedom == 0) {
    v.sentence =
        "Taken as a sphere: these points cannot estimate an ellipsoid's uncertainty (too few points or slices), "
        "so a departure from a sphere cannot be judged.";
  } else if (v.significant) {
    v.sentence = "A sphere within the tolerance: the best ellipsoid's semi-axes differ by " + spread + ", " +
                 sigmas_text(v.sigmas) + ", but not beyond the tolerance of " + tolerance + ".";
  } else {
    v.sentence = "Consistent with a sphere: the best ellipsoid's semi-axes differ by " + spread +
                 ", not significant (" + sigmas_text(v.sigmas) + ").";
    if (v.detectable > v.tolerance) {
      v.sentence += " These points could not detect a difference below about " + length_text(v.detectable, units) +
                    ", more than the tolerance of " + tolerance + ".";
    }
  }
  return v;
}

}  // namespace spherefit
