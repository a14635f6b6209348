#include "support/volume_data.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "read/volumes/volume.hpp"

namespace spherefit::testing {

std::string volume_path(const std::string& name) { return std::string(SPHEREFIT_VOLUME_DATA) + "/" + name; }

std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const Json& volume_truth() {
  static const Json truth = Json::parse(read_file_bytes(volume_path("truth.json")));
  return truth;
}

Outcome<std::shared_ptr<LoadedVolume>> load_volume_bytes(const std::string& bytes, const std::string& name) {
  const std::string_view head(bytes.data(), std::min(bytes.size(), kVolumeHeadBytes));
  const Outcome<VolumeInfo> info = read_volume_header(head, name, static_cast<std::int64_t>(bytes.size()));
  if (!info.ok()) return info.error();
  auto loaded = std::make_shared<LoadedVolume>();
  const std::uint64_t start = info.value().data_offset + info.value().data_skip;
  const std::uint64_t end = std::min<std::uint64_t>(bytes.size(), start + info.value().data_bytes);
  if (start < end)
    loaded->buffer.assign(bytes.begin() + static_cast<std::ptrdiff_t>(start),
                          bytes.begin() + static_cast<std::ptrdiff_t>(end));
  const Outcome<Volume> v = make_volume(info.value(), loaded->buffer.data(), loaded->buffer.size());
  if (!v.ok()) return v.error();
  loaded->volume = v.value();
  return loaded;
}

Outcome<std::shared_ptr<LoadedVolume>> load_volume_file(const std::string& name) {
  return load_volume_bytes(read_file_bytes(volume_path(name)), name);
}

Eigen::Matrix4d matrix4(const Json& rows) {
  Eigen::Matrix4d m;
  const std::vector<double> v = rows.numbers();
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c) m(r, c) = v.at(4 * r + c);
  return m;
}

Eigen::Vector3d vector3(const Json& values) {
  const std::vector<double> v = values.numbers();
  return {v.at(0), v.at(1), v.at(2)};
}

}  // namespace spherefit::testing
