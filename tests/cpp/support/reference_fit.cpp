#include "support/reference_fit.hpp"

#include <Eigen/Dense>
#include <cmath>

namespace spherefit::testing {
namespace {

struct Sampled {
  double value = 0.0;
  Eigen::Vector4d gradient = Eigen::Vector4d::Zero();
  Eigen::Matrix4d hessian = Eigen::Matrix4d::Zero();
};

Sampled evaluate(const SliceTable& t, const ReferenceSphere& s, bool use_weights, int samples) {
  Sampled out;
  const double pi = std::acos(-1.0);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Eigen::Vector3d c(t.x[i], t.y[i], t.z[i]);
    Eigen::Vector3d n = t.has_normals ? Eigen::Vector3d(t.nx[i], t.ny[i], t.nz[i]) : Eigen::Vector3d::UnitZ();
    n.normalize();
    // Gram–Schmidt from whichever axis is least parallel: an independent choice of basis.
    Eigen::Vector3d e = Eigen::Vector3d::UnitX();
    if (std::abs(n.x()) > 0.5) e = Eigen::Vector3d::UnitY();
    const Eigen::Vector3d u = (e - n.dot(e) * n).normalized();
    const Eigen::Vector3d v = n.cross(u);
    const double w = (use_weights && t.has_weights ? t.w[i] : 1.0) / samples;
    for (int k = 0; k < samples; ++k) {
      const double th = 2.0 * pi * (k + 0.5) / samples;
      const Eigen::Vector3d q = c + t.r[i] * (std::cos(th) * u + std::sin(th) * v);
      const Eigen::Vector3d diff = q - s.center;
      const double d = diff.norm();
      const Eigen::Vector3d z = diff / d;
      const double e_k = d - s.radius;
      out.value += w * e_k * e_k;
      out.gradient.head<3>() += -2.0 * w * e_k * z;
      out.gradient(3) += -2.0 * w * e_k;
      const Eigen::Matrix3d zz = z * z.transpose();
      out.hessian.topLeftCorner<3, 3>() += 2.0 * w * (zz + e_k / d * (Eigen::Matrix3d::Identity() - zz));
      out.hessian.block<3, 1>(0, 3) += 2.0 * w * z;
      out.hessian.block<1, 3>(3, 0) += 2.0 * w * z.transpose();
      out.hessian(3, 3) += 2.0 * w;
    }
  }
  return out;
}

}  // namespace

ReferenceSphere reference_fit(const SliceTable& t, const ReferenceSphere& start, bool use_weights, int samples) {
  ReferenceSphere s = start;
  for (int iter = 0; iter < 100; ++iter) {
    const Sampled e = evaluate(t, s, use_weights, samples);
    const Eigen::Vector4d step = e.hessian.fullPivLu().solve(-e.gradient);
    s.center += step.head<3>();
    s.radius += step(3);
    if (step.norm() < 1e-15 * (s.radius + s.center.norm())) break;
  }
  return s;
}

Eigen::Vector4d reference_gradient(const SliceTable& t, const ReferenceSphere& s, bool use_weights, int samples) {
  return evaluate(t, s, use_weights, samples).gradient;
}

}  // namespace spherefit::testing
