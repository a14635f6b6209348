#include "read/volumes/labels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <variant>

#include "read/volumes/voxels.hpp"
#include "read/volumes/volume_header.hpp"

namespace spherefit {
namespace {

struct StoredCount {
  double stored;
  std::uint64_t count;
};

// Counts per stored value in a dense table indexed by value − lowest.
template <class T>
std::vector<StoredCount> count_dense(VoxelArray<T> voxels, std::size_t n) {
  constexpr std::int64_t lowest = std::numeric_limits<T>::min();
  constexpr std::size_t values = std::size_t{1} << (8 * sizeof(T));
  std::vector<std::uint64_t> table(values, 0);
  for (std::size_t i = 0; i < n; ++i) ++table[static_cast<std::size_t>(static_cast<std::int64_t>(voxels[i]) - lowest)];
  std::vector<StoredCount> out;
  for (std::size_t v = 0; v < values; ++v)
    if (table[v] > 0) out.push_back({static_cast<double>(static_cast<std::int64_t>(v) + lowest), table[v]});
  return out;
}

struct Grey {
  std::size_t voxel = 0;  // the first non-whole value, or where the count overflowed
  double stored = 0.0;
  bool too_many = false;
};

// Counts per stored value in a hash table, one insertion per run of equal values.
template <class T>
std::variant<std::vector<StoredCount>, Grey> count_sparse(VoxelArray<T> voxels, std::size_t n) {
  std::unordered_map<T, std::uint64_t> table;
  std::size_t i = 0;
  while (i < n) {
    const T value = voxels[i];
    if constexpr (std::is_floating_point_v<T>) {
      if (!std::isfinite(value) || value != std::trunc(value)) return Grey{i, static_cast<double>(value), false};
    }
    std::size_t end = i + 1;
    while (end < n && voxels[end] == value) ++end;
    table[value] += end - i;
    if (table.size() > kMaxLabels) return Grey{i, static_cast<double>(value), true};
    i = end;
  }
  std::vector<StoredCount> out;
  out.reserve(table.size());
  for (const auto& [value, count] : table) out.push_back({static_cast<double>(value), count});
  std::sort(out.begin(), out.end(), [](const StoredCount& a, const StoredCount& b) { return a.stored < b.stored; });
  return out;
}

}  // namespace

Outcome<std::vector<LabelCount>> count_labels(const Volume& volume) {
  const std::size_t n = volume.voxel_count();
  const auto counted = with_voxels(volume, [&](auto voxels) -> std::variant<std::vector<StoredCount>, Grey> {
    using T = typename decltype(voxels)::value_type;
    if constexpr (sizeof(T) <= 2 && std::is_integral_v<T>) {
      return count_dense(voxels, n);
    } else {
      return count_sparse(voxels, n);
    }
  });
  if (const Grey* grey = std::get_if<Grey>(&counted)) {
    const auto ni = static_cast<std::size_t>(volume.ni()), nj = static_cast<std::size_t>(volume.nj());
    const std::string where = "(" + std::to_string(grey->voxel % ni) + ", " + std::to_string(grey->voxel / ni % nj) +
                              ", " + std::to_string(grey->voxel / (ni * nj)) + ")";
    Error e = file_error(ErrorCode::GreyValues, -1,
                         grey->too_many
                             ? "The volume holds more than " + std::to_string(kMaxLabels) +
                                   " distinct values: it is a grey volume, not a segmentation. Contour it at a "
                                   "threshold (ISO-50) instead of a label."
                             : "Voxel " + where + " holds " + format_number(grey->stored) +
                                   ", not a whole number: this is a grey volume, not a segmentation. Contour it at "
                                   "a threshold (ISO-50) instead of a label.");
    return e;
  }
  const ValueScale scale(volume.info);
  std::vector<LabelCount> labels;
  for (const StoredCount& s : std::get<std::vector<StoredCount>>(counted)) {
    const double value = scale(s.stored);
    if (!std::isfinite(value)) {
      Error e = file_error(ErrorCode::InvalidFile, -1,
                           "scl_slope " + format_number(volume.info.scl_slope) + " and scl_inter " +
                               format_number(volume.info.scl_inter) + " scale the stored value " +
                               format_number(s.stored) + " beyond any number. The header's scaling is damaged.");
      return e;
    }
    if (!labels.empty() && labels.back().value == value) {
      labels.back().count += s.count;  // a scaling that maps two stored values together
      continue;
    }
    labels.push_back({value, s.count, {}});
  }
  std::sort(labels.begin(), labels.end(), [](const LabelCount& a, const LabelCount& b) { return a.value < b.value; });
  for (LabelCount& label : labels) {
    for (const Segment& segment : volume.info.segments) {
      if (static_cast<double>(segment.label_value) != label.value) continue;
      const std::string& name = segment.name.empty() ? segment.id : segment.name;
      label.name += (label.name.empty() ? "" : " / ") + name;
    }
  }
  return labels;
}

bool looks_like_labelmap(const Volume& volume) {
  const auto ni = static_cast<std::size_t>(volume.ni());
  const std::size_t rows = volume.voxel_count() / std::max<std::size_t>(ni, 1);
  if (ni < 3 || rows == 0) return true;
  const std::size_t stride = std::max<std::size_t>(1, volume.voxel_count() / (std::size_t{1} << 24));
  std::size_t crossings = 0, ramps = 0;
  with_voxels(volume, [&](auto voxels) {
    for (std::size_t row = 0; row < rows; row += stride) {
      const std::size_t start = row * ni;
      for (std::size_t i = start + 1; i + 1 < start + ni; ++i) {
        const auto a = voxels[i - 1], b = voxels[i], c = voxels[i + 1];
        if (a == b || b == c) continue;
        ++crossings;
        if ((a < b && b < c) || (c < b && b < a)) ++ramps;
      }
    }
  });
  return static_cast<double>(ramps) < kLabelmapRampFraction * static_cast<double>(crossings);
}

std::string describe_labels(const std::vector<LabelCount>& labels, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < labels.size() && i < limit; ++i) {
    if (i) out += ", ";
    out += format_number(labels[i].value);
    if (!labels[i].name.empty()) out += " \u201C" + labels[i].name + "\u201D";
  }
  if (labels.size() > limit) out += " and " + std::to_string(labels.size() - limit) + " more";
  return out;
}

std::vector<VoxelBox> label_boxes(const Volume& volume, const std::vector<double>& values) {
  std::vector<VoxelBox> boxes(values.size());
  for (VoxelBox& b : boxes) b.lo = {volume.ni(), volume.nj(), volume.nk()}, b.hi = {-1, -1, -1};
  const ValueScale scale(volume.info);
  const auto ni = volume.ni(), nj = volume.nj(), nk = volume.nk();
  with_voxels(volume, [&](auto voxels) {
    double cached_stored = std::numeric_limits<double>::quiet_NaN();
    long cached = -1;
    const auto label_of = [&](double stored) {
      if (stored == cached_stored) return cached;
      const double value = scale(stored);
      const auto it = std::lower_bound(values.begin(), values.end(), value);
      cached_stored = stored;
      cached = it != values.end() && *it == value ? static_cast<long>(it - values.begin()) : -1;
      return cached;
    };
    std::size_t at = 0;
    for (std::int64_t k = 0; k < nk; ++k) {
      for (std::int64_t j = 0; j < nj; ++j) {
        std::int64_t i = 0;
        while (i < ni) {
          const auto stored = voxels[at + static_cast<std::size_t>(i)];
          std::int64_t end = i + 1;
          while (end < ni && voxels[at + static_cast<std::size_t>(end)] == stored) ++end;
          const long l = label_of(static_cast<double>(stored));
          if (l >= 0) {
            VoxelBox& b = boxes[static_cast<std::size_t>(l)];
            b.lo[0] = std::min(b.lo[0], i), b.hi[0] = std::max(b.hi[0], end - 1);
            b.lo[1] = std::min(b.lo[1], j), b.hi[1] = std::max(b.hi[1], j);
            b.lo[2] = std::min(b.lo[2], k), b.hi[2] = std::max(b.hi[2], k);
          }
          i = end;
        }
        at += static_cast<std::size_t>(ni);
      }
    }
  });
  return boxes;
}

}  // namespace spherefit
