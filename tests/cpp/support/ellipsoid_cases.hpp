// Constructed ellipsoids for the tests and the benchmark (from a printed seed), and an independent
// distance: the Lagrange conditions of min |y − x|² on the surface solved by Newton in long double
// from the best of a dense sampling of the surface. It shares no code with the product's distance.
#pragma once

#include <Eigen/Core>
#include <random>
#include <vector>

#include "model/points.hpp"
#include "support/form_cases.hpp"  // random_rotation

namespace spherefit::testing {

struct TrueEllipsoid {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  Eigen::Vector3d semi_axes = Eigen::Vector3d::Ones();  // along rotation's columns
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();
};

// Points x = c + R (a ⊙ u) for directions u uniform on the unit sphere within max_polar_deg of the
// ellipsoid's local axis `cap_axis` (180: all round).
std::vector<Eigen::Vector3d> points_on_ellipsoid(const TrueEllipsoid& e, std::size_t n, double max_polar_deg,
                                                 std::mt19937_64& rng,
                                                 const Eigen::Vector3d& cap_axis = Eigen::Vector3d::UnitZ());

// Each point moved by independent Gaussian noise of standard deviation sigma in each coordinate.
void add_noise(std::vector<Eigen::Vector3d>& points, double sigma, std::mt19937_64& rng);

// Slice contours: `slices` planes normal to the ellipsoid's local z at heights spread over
// [−h, h]·a_z (h = cos of min polar angle…), `per_slice` points round each; each slice's points
// share one random offset along its normal (sd slice_sigma) and have their own noise (point_sigma).
struct Contours {
  std::vector<Eigen::Vector3d> points;
  std::vector<std::int32_t> slice;
};
Contours contours_on_ellipsoid(const TrueEllipsoid& e, int slices, int per_slice, double low, double high,
                               double slice_sigma, double point_sigma, std::mt19937_64& rng);

// Owning columns for PointColumnsView.
struct Columns {
  std::vector<double> x, y, z;
  std::vector<std::int32_t> slice;
  PointColumnsView view() const;
};
Columns columns_of(const std::vector<Eigen::Vector3d>& points, const std::vector<std::int32_t>& slice = {});

// The signed orthogonal distance of y (ellipsoid frame) to the ellipsoid with semi-axes e, and the
// foot, independently (see above): + outside.
struct ReferenceFoot {
  long double distance;
  Eigen::Matrix<long double, 3, 1> point;
};
ReferenceFoot reference_distance(const Eigen::Vector3d& y, const Eigen::Vector3d& e);

// The signed distance of a world point to a TrueEllipsoid, the same way.
double reference_distance(const TrueEllipsoid& e, const Eigen::Vector3d& p);

}  // namespace spherefit::testing
