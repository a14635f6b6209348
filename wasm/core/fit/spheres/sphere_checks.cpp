#include "fit/spheres/sphere_checks.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "fit/spheres/surface_patch.hpp"

namespace spherefit {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kCapQuantile = 0.95;

// A probe's patch may hold a second surface (a neighbouring bead near its contact, a stem at the
// ball's rim): its residual scale is then too large, never too small. So the noise is a low
// quantile of the probes' scales, divided by where that quantile of √(χ²_ν/ν) lies for a clean
// patch (ν = m − 6 ≈ 20 degrees of freedom: 0.90 at 30 %): unbiased to a few per cent for clean
// probes, and robust to two thirds of them spoiled.
constexpr double kNoiseQuantile = 0.3;
constexpr double kCleanQuantile = 0.90;

double low_quantile(std::vector<double>& v) {
  const auto at = v.begin() + static_cast<std::ptrdiff_t>(kNoiseQuantile * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), at, v.end());
  return *at / kCleanQuantile;
}

}  // namespace

double uniform_cap_moment(double cap_deg) {
  const double c = std::cos(std::clamp(cap_deg, 0.0, 180.0) * kPi / 180.0);
  return std::min((1.0 - c) * (2.0 + c) / 6.0, (1.0 + c + c * c) / 3.0);
}

CapShape measure_cap(const MortonIndex& index, const std::vector<std::uint32_t>& positions, const Sphere& sphere) {
  CapShape out;
  if (positions.empty()) return out;
  std::vector<Eigen::Vector3d> u(positions.size());
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  Eigen::Matrix3d moment = Eigen::Matrix3d::Zero();
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const Eigen::Vector3d d = index.at(positions[i]) - sphere.center;
    const double length = d.norm();
    u[i] = length > 0.0 ? Eigen::Vector3d(d / length) : Eigen::Vector3d::Zero();
    mean += u[i];
    moment.noalias() += u[i] * u[i].transpose();
  }
  const double n = static_cast<double>(positions.size());
  mean /= n;
  moment /= n;
  // Directions that cancel (|mean| below 1/√n: a whole sphere's noise) have no axis.
  if (mean.norm() < 1.0 / std::sqrt(n) || mean.norm() < 1e-3) {
    out.cap_angle_deg = 180.0;
  } else {
    const Eigen::Vector3d axis = mean.normalized();
    std::vector<double> angle(u.size());
    for (std::size_t i = 0; i < u.size(); ++i) angle[i] = std::acos(std::clamp(u[i].dot(axis), -1.0, 1.0));
    const auto at = angle.begin() + static_cast<std::ptrdiff_t>(kCapQuantile * static_cast<double>(angle.size() - 1));
    std::nth_element(angle.begin(), at, angle.end());
    out.cap_angle_deg = *at * 180.0 / kPi;
  }
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig;
  eig.computeDirect(moment);
  out.coverage = std::max(0.0, eig.eigenvalues()(0)) / uniform_cap_moment(out.cap_angle_deg);
  return out;
}

double local_noise(const MortonIndex& index, const std::vector<std::uint32_t>& positions, double radius,
                   std::size_t probes) {
  std::vector<double> noise;
  const std::size_t count = std::min(probes, positions.size());
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t p = positions[k * positions.size() / count];
    SurfacePatch patch = fit_surface_patch(index, p, radius, 40);
    if (!patch.ok) patch = fit_surface_patch(index, p, 2.0 * radius, 40);
    if (patch.ok) noise.push_back(patch.noise);
  }
  return noise.empty() ? 0.0 : low_quantile(noise);
}

}  // namespace spherefit
