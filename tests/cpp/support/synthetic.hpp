// Slices of known spheres for the tests and the benchmark, from a printed seed.
#pragma once

#include <Eigen/Core>
#include <random>
#include <vector>

#include "model/slices.hpp"

namespace spherefit::testing {

struct SliceSpec {
  double height;  // signed distance of the slice plane from the centre
  Eigen::Vector3d normal = Eigen::Vector3d::UnitZ();
};

// Exact circles: the slice of sphere (center, radius) by each plane.
SliceTable slice_sphere(const Eigen::Vector3d& center, double radius, const std::vector<SliceSpec>& planes);

// n parallel slices (normal `normal`) at heights uniform in [lo, hi] × radius.
std::vector<SliceSpec> parallel_planes(std::size_t n, double lo, double hi, std::mt19937_64& rng,
                                       const Eigen::Vector3d& normal = Eigen::Vector3d::UnitZ());

// n slices with random oblique normals at heights uniform in [lo, hi] × radius.
std::vector<SliceSpec> oblique_planes(std::size_t n, double lo, double hi, std::mt19937_64& rng);

// Circles r = 1, 2, 3 at z = 0, 1, 2 on the z axis: no sphere passes through all three.
SliceTable coaxial_circles();

// Perturbs each circle's radius and in-plane centre by Gaussian noise of standard deviation sigma.
void add_noise(SliceTable& table, double sigma, std::mt19937_64& rng);

}  // namespace spherefit::testing
