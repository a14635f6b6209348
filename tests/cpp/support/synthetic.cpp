#include "support/synthetic.hpp"

#include <cmath>

namespace spherefit::testing {
namespace {

std::pair<Eigen::Vector3d, Eigen::Vector3d> plane_basis(const Eigen::Vector3d& n) {
  const Eigen::Vector3d helper = std::abs(n.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
  const Eigen::Vector3d u = n.cross(helper).normalized();
  return {u, n.cross(u)};
}

}  // namespace

SliceTable slice_sphere(const Eigen::Vector3d& center, double radius, const std::vector<SliceSpec>& planes) {
  SliceTable t;
  t.has_normals = true;
  for (const SliceSpec& s : planes) {
    SliceCircle c;
    c.normal = s.normal;
    c.center = center + s.height * s.normal.normalized();
    c.radius = std::sqrt(std::max(0.0, radius * radius - s.height * s.height));
    t.add(c);
  }
  return t;
}

std::vector<SliceSpec> parallel_planes(std::size_t n, double lo, double hi, std::mt19937_64& rng,
                                       const Eigen::Vector3d& normal) {
  std::uniform_real_distribution<double> h(lo, hi);
  std::vector<SliceSpec> out(n);
  for (SliceSpec& s : out) s = {h(rng), normal};
  return out;
}

std::vector<SliceSpec> oblique_planes(std::size_t n, double lo, double hi, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> h(lo, hi);
  std::normal_distribution<double> g;
  std::vector<SliceSpec> out(n);
  for (SliceSpec& s : out) s = {h(rng), Eigen::Vector3d(g(rng), g(rng), g(rng)).normalized()};
  return out;
}

SliceTable coaxial_circles() {
  SliceTable t;
  for (int k = 0; k < 3; ++k) {
    SliceCircle c;
    c.center = {0, 0, double(k)};
    c.radius = k + 1.0;
    t.add(c);
  }
  return t;
}

void add_noise(SliceTable& t, double sigma, std::mt19937_64& rng) {
  std::normal_distribution<double> g(0.0, sigma);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Eigen::Vector3d n(t.nx[i], t.ny[i], t.nz[i]);
    const auto [u, w] = plane_basis(n.normalized());
    const Eigen::Vector3d shift = g(rng) * u + g(rng) * w;
    t.x[i] += shift.x();
    t.y[i] += shift.y();
    t.z[i] += shift.z();
    t.r[i] = std::abs(t.r[i] + g(rng));
  }
}

}  // namespace spherefit::testing
