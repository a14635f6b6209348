// The volumes tests/data/volumes/make_volumes.py writes (a CTest fixture runs it into the build
// folder before these tests) and its truth.json; loading a file the way the browser will: the
// head to read_volume_header, then the voxel bytes to make_volume.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/mini_json.hpp"
#include "model/volume.hpp"

namespace spherefit::testing {

std::string volume_path(const std::string& name);
std::string read_file_bytes(const std::string& path);
const Json& volume_truth();  // truth.json, parsed once

// A volume and the buffer its voxels live in (kept together so the pointer stays valid).
struct LoadedVolume {
  std::vector<std::uint8_t> buffer;
  Volume volume;
};

// Reads the header from the file's first MiB and hands over its (uncompressed) voxels.
Outcome<std::shared_ptr<LoadedVolume>> load_volume_bytes(const std::string& bytes, const std::string& name);
Outcome<std::shared_ptr<LoadedVolume>> load_volume_file(const std::string& name);

Eigen::Matrix4d matrix4(const Json& rows);
Eigen::Vector3d vector3(const Json& values);

}  // namespace spherefit::testing
