// The three surfaces fitted to points, as centred quadrics in working coordinates,
//
//   (q − c)ᵀ M (q − c) = 1,   M = R diag(1/e_k²) Rᵀ positive definite,
//
// and their parameters x (what Levenberg–Marquardt moves):
//   sphere     (K = 4): c, α          with M = α I;
//   spheroid   (K = 7): c, α, β, τ₁, τ₂ with M = α I + β n nᵀ, the axis n tilted by τ about its
//                       current direction: n ← normalise(n + (τ₁u₁ + τ₂u₂)/β), re-based after
//                       each kept step (τ back to 0; `retract`);
//   ellipsoid  (K = 9): c, M₁₁, M₂₂, M₃₃, M₁₂, M₁₃, M₂₃ — M itself: no rotation to parametrise, and
//                       smooth where the axes are not (at a sphere every direction is an axis).
//
// The Jacobian of the signed distance d at the foot X = x_foot − c (world offset) with the unit
// outward normal n̂ = M X/|M X| is the implicit-function (envelope) result: with F(p) = (p − c)ᵀM(p − c) − 1,
//   ∂d/∂θ = (∂F/∂θ)/|∇ₚF| = −n̂ · ∂c/∂θ + Xᵀ(∂M/∂θ)X / (2|M X|),
// the foot's own motion dropping out because the offset is normal to the surface (docs/ellipsoid.md §2).
// Precondition for each model: parameters from its own `parameters_of` or a step from them.
#pragma once

#include <Eigen/Core>
#include <array>

#include "fit/levenberg_marquardt.hpp"

namespace spherefit {

// A centred ellipsoid: the columns of `rotation` are its axes, e_k = semi_axes(k) along column k.
struct QuadricSurface {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();
  Eigen::Vector3d semi_axes = Eigen::Vector3d::Ones();
  Eigen::Matrix3d matrix = Eigen::Matrix3d::Identity();  // M
};

// The derivative of (c, M) with respect to each parameter at the current point.
template <int K>
struct QuadricTangent {
  Eigen::Matrix<double, 3, K> center = Eigen::Matrix<double, 3, K>::Zero();
  std::array<Eigen::Matrix3d, K> matrix{};
};

struct SphereModel {
  static constexpr int kParameters = 4;
  using Vector = Parameters<4>;
  static Vector parameters_of(const Eigen::Vector3d& center, double radius);
  bool surface(const Vector& x, QuadricSurface& s) const;  // false: not a sphere (α ≤ 0)
  Vector row(const Eigen::Vector3d& normal, const Eigen::Vector3d& offset, double normal_length) const {
    Vector j;
    j << -normal, 0.5 * offset.squaredNorm() / normal_length;
    return j;
  }
  QuadricTangent<4> tangent(const Vector& x) const;
  void retract(Vector&) {}
};

class SpheroidModel {
 public:
  static constexpr int kParameters = 7;
  using Vector = Parameters<7>;
  // The spheroid with equatorial semi-axis `equatorial` and polar semi-axis `polar` along `axis`;
  // re-bases the model's frame on that axis.
  Vector parameters_of(const Eigen::Vector3d& center, double equatorial, double polar, const Eigen::Vector3d& axis);
  bool surface(const Vector& x, QuadricSurface& s) const;
  Vector row(const Eigen::Vector3d& normal, const Eigen::Vector3d& offset, double normal_length) const;
  QuadricTangent<7> tangent(const Vector& x) const;
  void retract(Vector& x);  // folds the tilt into the axis, τ = 0
  const Eigen::Vector3d& axis() const { return axis_; }

 private:
  // The frame (u₁, u₂, n) after the tilt τ; `gain` = β/β_eff, the tilt's share of β where β is
  // too small to divide by.
  void tilted(const Vector& x, Eigen::Vector3d& u1, Eigen::Vector3d& u2, Eigen::Vector3d& n, double& gain) const;
  Eigen::Vector3d axis_ = Eigen::Vector3d::UnitZ(), u1_ = Eigen::Vector3d::UnitX(), u2_ = Eigen::Vector3d::UnitY();
  // The frame of the last surface() call, for row() (set there; one surface per pass).
  mutable Eigen::Vector3d row_axis_ = Eigen::Vector3d::UnitZ(), row_u1_ = Eigen::Vector3d::UnitX(),
                          row_u2_ = Eigen::Vector3d::UnitY();
  mutable double row_gain_ = 1.0;
};

struct EllipsoidModel {
  static constexpr int kParameters = 9;
  using Vector = Parameters<9>;
  static Vector parameters_of(const Eigen::Vector3d& center, const Eigen::Matrix3d& matrix);
  bool surface(const Vector& x, QuadricSurface& s) const;  // false: M not positive definite
  Vector row(const Eigen::Vector3d& normal, const Eigen::Vector3d& offset, double normal_length) const {
    const double h = 0.5 / normal_length;
    const Eigen::Vector3d& o = offset;
    Vector j;
    j << -normal, h * o(0) * o(0), h * o(1) * o(1), h * o(2) * o(2), 2 * h * o(0) * o(1), 2 * h * o(0) * o(2),
        2 * h * o(1) * o(2);
    return j;
  }
  QuadricTangent<9> tangent(const Vector& x) const;
  void retract(Vector&) {}
};

// M = R diag(1/e²) Rᵀ.
Eigen::Matrix3d quadric_matrix(const Eigen::Matrix3d& rotation, const Eigen::Vector3d& semi_axes);

}  // namespace spherefit
