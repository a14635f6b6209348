#include "support/scene_files.hpp"

#include <cstring>
#include <fstream>
#include <sstream>

#include "support/mini_json.hpp"

namespace spherefit::testing {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

PointColumnsView Scene::view() const {
  PointColumnsView v;
  v.count = x.size(), v.x = x.data(), v.y = y.data(), v.z = z.data();
  return v;
}

std::vector<Eigen::Vector3d> Scene::points(const std::vector<std::uint32_t>& indices) const {
  std::vector<Eigen::Vector3d> out;
  out.reserve(indices.size());
  for (const std::uint32_t i : indices) out.emplace_back(x[i], y[i], z[i]);
  return out;
}

std::string scene_folder() {
#ifdef SPHEREFIT_SCENE_DATA
  return SPHEREFIT_SCENE_DATA;
#else
  return ".";
#endif
}

Scene load_scene(const std::string& folder, const std::string& name, std::string& error) {
  Scene scene;
  scene.name = name;
  const Json truth = Json::parse(read_all(folder + "/truth.json"));
  if (truth.is_null() || !truth["scenes"].has(name)) {
    error = folder + "/truth.json has no scene " + name + " (run tests/data/scenes/make_scenes.py " + folder + ")";
    return scene;
  }
  const Json& t = truth["scenes"][name];
  const std::string bytes = read_all(folder + "/" + t["file"].string());
  const std::string end = "end_header\n";
  const std::size_t body = bytes.find(end);
  const std::size_t n = static_cast<std::size_t>(t["points"].number());
  if (body == std::string::npos || bytes.size() != body + end.size() + n * 28) {
    error =
        folder + "/" + t["file"].string() + " is not the " + std::to_string(n) + "-point scene truth.json describes";
    return scene;
  }
  scene.x.resize(n), scene.y.resize(n), scene.z.resize(n), scene.label.resize(n);
  const char* p = bytes.data() + body + end.size();
  for (std::size_t i = 0; i < n; ++i, p += 28) {  // little-endian host (x86-64, wasm)
    std::memcpy(&scene.x[i], p, 8), std::memcpy(&scene.y[i], p + 8, 8), std::memcpy(&scene.z[i], p + 16, 8);
    std::memcpy(&scene.label[i], p + 24, 4);
  }
  const Json& spheres = t["spheres"];
  scene.spheres.resize(spheres.size());
  for (std::size_t k = 0; k < spheres.size(); ++k) {
    const std::vector<double> c = spheres[k]["centre"].numbers();
    scene.spheres[k].centre = {c.at(0), c.at(1), c.at(2)};
    scene.spheres[k].radius = spheres[k]["radius"].number();
  }
  for (std::size_t i = 0; i < n; ++i)
    if (scene.label[i] >= 0)
      scene.spheres.at(static_cast<std::size_t>(scene.label[i])).inliers.push_back(static_cast<std::uint32_t>(i));
  scene.noise = t["noise"].number();
  if (t["options"].has("known_radius")) scene.known_radius = t["options"]["known_radius"].number();
  for (const double s : t["seed"].numbers()) scene.seed.push_back(static_cast<long long>(s));
  return scene;
}

}  // namespace spherefit::testing
