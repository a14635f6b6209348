#include "fit/circles/refine.hpp"

#include <cmath>

#include "fit/levenberg_marquardt.hpp"

namespace spherefit {
namespace {

NormalEquations accumulate(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use,
                           const Sphere& sphere) {
  NormalEquations n;
  for (std::size_t i = 0; i < circles.size(); ++i) {
    if (!use[i]) continue;
    const CircleObservation o = observe_circle(circles[i], sphere);
    const double w = circles[i].weight;
    n.objective += w * o.objective;
    n.half_gradient += w * o.half_gradient;
    n.curvature.noalias() += w * o.jacobian.transpose() * o.jacobian;
  }
  return n;
}

// ½∇²F by central differences of the exact ½∇F (step 1e-6 of the working size: the differences
// are good to about 1e-10, plenty for Newton steps), made positive.
Eigen::Matrix4d curvature_by_differences(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use,
                                         const Sphere& s) {
  const double h = 1e-6 * (std::abs(s.radius) + 1.0);
  Eigen::Matrix4d hessian;
  for (int k = 0; k < 4; ++k) {
    Sphere plus = s, minus = s;
    if (k < 3)
      plus.center(k) += h, minus.center(k) -= h;
    else
      plus.radius += h, minus.radius -= h;
    hessian.col(k) =
        (accumulate(circles, use, plus).half_gradient - accumulate(circles, use, minus).half_gradient) / (2.0 * h);
  }
  return positive_curvature<4>(hessian);
}

}  // namespace

CircleObservation observe_circle(const WorkCircle& circle, const Sphere& sphere) {
  CircleObservation o;
  const CircleDistance d = measure_circle(circle, sphere.center);
  const double radial = d.mean - sphere.radius;
  const double kappa = d.sq_mean > 0.0 ? circle.radius / std::sqrt(2.0 * d.sq_mean) : 0.0;
  o.residual(0) = radial;
  o.residual.tail<2>() =
      d.offset > 0.0 ? Eigen::Vector2d(std::sqrt(d.spread) / d.offset * d.in_plane) : Eigen::Vector2d::Zero();
  o.jacobian.setZero();
  o.jacobian.block<1, 3>(0, 0) = d.mean_gradient.transpose();
  o.jacobian(0, 3) = -1.0;
  o.jacobian.block<1, 3>(1, 0) = -kappa * circle.u.transpose();
  o.jacobian.block<1, 3>(2, 0) = -kappa * circle.v.transpose();
  o.objective = radial * radial + d.spread;
  // ½∇ of A − 2RM + R², with ∂A/∂p = −2(c − p).
  o.half_gradient.head<3>() = -(circle.center - sphere.center) - sphere.radius * d.mean_gradient;
  o.half_gradient(3) = -radial;
  return o;
}

Refinement refine_sphere(const std::vector<WorkCircle>& circles, const std::vector<std::uint8_t>& use,
                         const Sphere& start, bool radius_fixed, int max_iterations) {
  const Minimum m = minimise([&](const Sphere& s) { return accumulate(circles, use, s); },
                             [&](const Sphere& s) { return curvature_by_differences(circles, use, s); }, start,
                             radius_fixed, max_iterations);
  return Refinement{m.sphere, m.iterations, m.converged};
}

}  // namespace spherefit
