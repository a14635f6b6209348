// The scenes tests/data/scenes/make_scenes.py writes (a CTest fixture runs it into the build
// folder): each a binary little-endian PLY of `double x, y, z, int label` (label: the true sphere
// a point was sampled on, −1 for other surfaces) and one truth.json for all. Read here by a reader
// of that one layout, written for the tests (not the product's PLY reader), so that truth and the
// code under test share nothing.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/points.hpp"

namespace spherefit::testing {

struct TrueSphere {
  Eigen::Vector3d centre = Eigen::Vector3d::Zero();
  double radius = 0.0;
  std::vector<std::uint32_t> inliers;  // the points sampled on it, ascending
};

struct Scene {
  std::string name;
  std::vector<double> x, y, z;
  std::vector<std::int32_t> label;
  std::vector<TrueSphere> spheres;
  double noise = 0.0;                  // σ of the generator's noise
  std::optional<double> known_radius;  // the option a user would give (TLS targets)
  std::vector<long long> seed;         // the generator's seed, as printed

  std::size_t size() const { return x.size(); }
  PointColumnsView view() const;
  std::vector<Eigen::Vector3d> points(const std::vector<std::uint32_t>& indices) const;
};

// The folder the fixture writes (SPHEREFIT_SCENE_DATA), or `folder` when given.
std::string scene_folder();

// Reads name.ply and its truth; a missing or malformed file gives an empty scene (size() == 0)
// and a message in `error`.
Scene load_scene(const std::string& folder, const std::string& name, std::string& error);

}  // namespace spherefit::testing
