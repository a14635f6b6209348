#include "support/reference_point_fit.hpp"

#include <Eigen/Dense>
#include <cmath>

namespace spherefit::testing {

using Vec4L = Eigen::Matrix<long double, 4, 1>;
using Mat4L = Eigen::Matrix<long double, 4, 4>;

ReferencePointSphere reference_point_fit(const std::vector<Eigen::Vector3d>& points,
                                         const ReferencePointSphere& start) {
  Eigen::Matrix<long double, 3, 1> mean = Eigen::Matrix<long double, 3, 1>::Zero();
  for (const auto& p : points) mean += p.cast<long double>();
  mean /= static_cast<long double>(points.size());
  Eigen::Matrix<long double, 3, 1> c = start.center.cast<long double>() - mean;
  long double r = start.radius;
  for (int iter = 0; iter < 100; ++iter) {
    Vec4L g = Vec4L::Zero();
    Mat4L h = Mat4L::Zero();
    for (const auto& p : points) {
      const Eigen::Matrix<long double, 3, 1> d = p.cast<long double>() - mean - c;
      const long double dist = d.norm();
      const Eigen::Matrix<long double, 3, 1> z = d / dist;
      const long double e = dist - r;
      // ∂e/∂c = −z, ∂e/∂R = −1; ∂²e/∂c² = (I − z zᵀ)/dist.
      g.head<3>() += -2 * e * z;
      g(3) += -2 * e;
      h.topLeftCorner<3, 3>() +=
          2 * (z * z.transpose() + e / dist * (Eigen::Matrix<long double, 3, 3>::Identity() - z * z.transpose()));
      h.block<3, 1>(0, 3) += 2 * z;
      h.block<1, 3>(3, 0) += 2 * z.transpose();
      h(3, 3) += 2;
    }
    const Vec4L step = h.fullPivLu().solve(-g);
    c += step.head<3>();
    r += step(3);
    if (step.norm() < 1e-17L * (r + c.norm())) break;
  }
  return {(c + mean).cast<double>(), static_cast<double>(r)};
}

std::vector<Eigen::Vector3d> points_on_sphere(const Eigen::Vector3d& center, double radius, std::size_t n,
                                              double max_polar_deg, std::mt19937_64& rng) {
  const double pi = std::acos(-1.0);
  const double lowest = std::cos(max_polar_deg * pi / 180.0);
  std::uniform_real_distribution<double> uz(lowest, 1.0), phi(0.0, 2.0 * pi);
  std::vector<Eigen::Vector3d> out(n);
  for (auto& p : out) {
    const double z = uz(rng), a = phi(rng), s = std::sqrt(std::max(0.0, 1.0 - z * z));
    p = center + radius * Eigen::Vector3d(s * std::cos(a), s * std::sin(a), z);
  }
  return out;
}

}  // namespace spherefit::testing
