// The peer of spherefit's multi-sphere search: PCL's sample consensus (pcl::SACSegmentation with
// SACMODEL_SPHERE and SAC_RANSAC, coefficients optimised), run the way PCL's tutorials extract
// several models — segment, remove the inliers (pcl::ExtractIndices), repeat — until no sphere
// holds min_points or max_spheres were taken. Reads a scene of tests/data/scenes/make_scenes.py
// (binary little-endian PLY: double x, y, z, int label) and prints what it found as JSON, with the
// best wall time of --repeat runs (the reading excluded), for tests/bench/compare_spheres.py.
//
//   pcl_spheres FILE.ply --threshold T [--min-radius R] [--max-radius R] [--min-points N]
//               [--iterations K] [--max-spheres M] [--repeat N] [--samples-max-dist D]
//
// --samples-max-dist D is PCL's own localized sampling (SACSegmentation::setSamplesMaxDist with a
// k-d tree of the remaining points): the other three points of a sample are drawn within D of the
// first, as Schnabel et al. draw theirs from an octree cell. Without it every sample is four
// points from anywhere, which on a scene of many small spheres almost never lands on one.
//
// Built by tests/bench/spheres.sh against Debian's libpcl-dev (not part of the product's build).
// PCL's RANSAC is seeded with a fixed value (SACSegmentation(random = false)): same run, same answer.
#include <pcl/ModelCoefficients.h>
#include <pcl/filters/extract_indices.h>
#include <pcl/point_types.h>
#include <pcl/sample_consensus/method_types.h>
#include <pcl/sample_consensus/model_types.h>
#include <pcl/search/kdtree.h>
#include <pcl/segmentation/sac_segmentation.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Found {
  float x, y, z, r;
  std::size_t inliers;
};

bool read_scene(const std::string& path, pcl::PointCloud<pcl::PointXYZ>& cloud) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  const std::string bytes = s.str();
  const std::string end = "end_header\n";
  const std::size_t body = bytes.find(end);
  const std::size_t count_at = bytes.find("element vertex ");
  if (body == std::string::npos || count_at == std::string::npos) return false;
  const std::size_t n = std::strtoull(bytes.c_str() + count_at + 15, nullptr, 10);
  if (bytes.size() != body + end.size() + 28 * n) return false;
  cloud.resize(n);
  const char* p = bytes.data() + body + end.size();
  for (std::size_t i = 0; i < n; ++i, p += 28) {
    double v[3];
    std::memcpy(v, p, 24);
    cloud[i] = pcl::PointXYZ(static_cast<float>(v[0]), static_cast<float>(v[1]), static_cast<float>(v[2]));
  }
  return true;
}

std::vector<Found> extract_spheres(const pcl::PointCloud<pcl::PointXYZ>::Ptr& all, double threshold, double min_radius,
                                   double max_radius, std::size_t min_points, int iterations, std::size_t max_spheres,
                                   double samples_max_dist) {
  std::vector<Found> found;
  pcl::PointCloud<pcl::PointXYZ>::Ptr rest(new pcl::PointCloud<pcl::PointXYZ>(*all)),
      next(new pcl::PointCloud<pcl::PointXYZ>);
  pcl::SACSegmentation<pcl::PointXYZ> seg;
  seg.setOptimizeCoefficients(true);
  seg.setModelType(pcl::SACMODEL_SPHERE);
  seg.setMethodType(pcl::SAC_RANSAC);
  seg.setDistanceThreshold(threshold);
  seg.setMaxIterations(iterations);
  seg.setRadiusLimits(min_radius, max_radius);
  pcl::ExtractIndices<pcl::PointXYZ> extract;
  while (found.size() < max_spheres && rest->size() >= min_points) {
    pcl::PointIndices::Ptr inliers(new pcl::PointIndices);
    pcl::ModelCoefficients coefficients;
    seg.setInputCloud(rest);
    if (samples_max_dist > 0.0) {
      pcl::search::KdTree<pcl::PointXYZ>::Ptr tree(new pcl::search::KdTree<pcl::PointXYZ>);
      tree->setInputCloud(rest);
      seg.setSamplesMaxDist(samples_max_dist, tree);
    }
    seg.segment(*inliers, coefficients);
    if (inliers->indices.size() < min_points || coefficients.values.size() != 4) break;
    found.push_back({coefficients.values[0], coefficients.values[1], coefficients.values[2], coefficients.values[3],
                     inliers->indices.size()});
    extract.setInputCloud(rest);
    extract.setIndices(inliers);
    extract.setNegative(true);
    extract.filter(*next);
    rest.swap(next);
  }
  return found;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: %s FILE.ply --threshold T [--min-radius R] [--max-radius R] [--min-points N] "
                 "[--iterations K] [--max-spheres M] [--repeat N] [--samples-max-dist D]\n",
                 argv[0]);
    return 2;
  }
  double threshold = 0.0, min_radius = 0.0, max_radius = 1e30, samples_max_dist = 0.0;
  std::size_t min_points = 30, max_spheres = 1000;
  int iterations = 1000, repeat = 1;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const char* v = argv[i + 1];
    if (a == "--threshold")
      threshold = std::atof(v);
    else if (a == "--min-radius")
      min_radius = std::atof(v);
    else if (a == "--max-radius")
      max_radius = std::atof(v);
    else if (a == "--min-points")
      min_points = std::strtoull(v, nullptr, 10);
    else if (a == "--iterations")
      iterations = std::atoi(v);
    else if (a == "--max-spheres")
      max_spheres = std::strtoull(v, nullptr, 10);
    else if (a == "--repeat")
      repeat = std::max(1, std::atoi(v));
    else if (a == "--samples-max-dist")
      samples_max_dist = std::atof(v);
    else {
      std::fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  pcl::PointCloud<pcl::PointXYZ>::Ptr cloud(new pcl::PointCloud<pcl::PointXYZ>);
  if (!read_scene(argv[1], *cloud) || !(threshold > 0.0)) {
    std::fprintf(stderr, "cannot read %s as a make_scenes.py scene, or no --threshold\n", argv[1]);
    return 1;
  }
  std::vector<Found> found;
  double best = 1e300;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    found = extract_spheres(cloud, threshold, min_radius, max_radius, min_points, iterations, max_spheres,
                            samples_max_dist);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::printf(
      "{\"points\": %zu, \"seconds\": %.6f, \"settings\": {\"threshold\": %g, \"min_radius\": %g, \"max_radius\": %g, "
      "\"min_points\": %zu, \"iterations\": %d, \"samples_max_dist\": %g},\n \"spheres\": [",
      cloud->size(), best, threshold, min_radius, max_radius, min_points, iterations, samples_max_dist);
  for (std::size_t k = 0; k < found.size(); ++k) {
    std::printf("%s\n  {\"centre\": [%.7g, %.7g, %.7g], \"radius\": %.7g, \"inliers\": %zu}", k ? "," : "", found[k].x,
                found[k].y, found[k].z, found[k].r, found[k].inliers);
  }
  std::printf("]}\n");
  return 0;
}
