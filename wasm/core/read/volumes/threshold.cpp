#include "read/volumes/threshold.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <type_traits>
#include <vector>

#include "model/format.hpp"
#include "read/volumes/volume_header.hpp"
#include "read/volumes/voxels.hpp"

namespace spherefit {
namespace {

constexpr int kTargetBins = 512;
constexpr double kSmoothingBins = 2.0;

// Bins over stored values: bin b holds [lo + b·width, lo + (b+1)·width); for integer voxels lo and
// width are whole numbers, so every bin holds exactly `width` possible values.
struct Histogram {
  double lo = 0.0;
  double width = 1.0;
  bool integer = false;
  std::vector<double> counts;
  std::uint64_t non_finite = 0;
  double min = 0.0, max = 0.0;      // of the finite stored values
  std::uint64_t distinct_hint = 0;  // 1, 2, or 3 meaning "more"
  bool unusable_range = false;

  double centre(double bin) const { return lo + bin * width + (integer ? (width - 1.0) / 2.0 : width / 2.0); }
};

template <class T>
Histogram build_histogram(VoxelArray<T> voxels, std::size_t n) {
  Histogram h;
  h.integer = std::is_integral_v<T>;
  if constexpr (std::is_integral_v<T> && sizeof(T) <= 2) {
    // One pass: the exact count of every stored value, then whole-step bins.
    constexpr std::int64_t lowest = std::numeric_limits<T>::min();
    std::vector<std::uint64_t> table(std::size_t{1} << (8 * sizeof(T)), 0);
    for (std::size_t i = 0; i < n; ++i)
      ++table[static_cast<std::size_t>(static_cast<std::int64_t>(voxels[i]) - lowest)];
    std::int64_t first = -1, last = -1, distinct = 0;
    for (std::size_t v = 0; v < table.size(); ++v) {
      if (table[v] == 0) continue;
      if (first < 0) first = static_cast<std::int64_t>(v);
      last = static_cast<std::int64_t>(v);
      ++distinct;
    }
    h.min = static_cast<double>(first + lowest);
    h.max = static_cast<double>(last + lowest);
    h.distinct_hint = static_cast<std::uint64_t>(std::min<std::int64_t>(distinct, 3));
    const std::int64_t span = last - first + 1;
    const std::int64_t width = (span + kTargetBins - 1) / kTargetBins;
    h.lo = h.min;
    h.width = static_cast<double>(width);
    h.counts.assign(static_cast<std::size_t>((span + width - 1) / width), 0.0);
    for (std::int64_t v = first; v <= last; ++v)
      h.counts[static_cast<std::size_t>((v - first) / width)] +=
          static_cast<double>(table[static_cast<std::size_t>(v)]);
    return h;
  } else {
    // Two passes: the range of the finite values, then the bins.
    bool any = false;
    T lo{}, hi{};
    for (std::size_t i = 0; i < n; ++i) {
      const T v = voxels[i];
      if constexpr (std::is_floating_point_v<T>) {
        if (!std::isfinite(v)) {
          ++h.non_finite;
          continue;
        }
      }
      if (!any) lo = hi = v, any = true;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    if (!any) return h;
    h.min = static_cast<double>(lo);
    h.max = static_cast<double>(hi);
    if (h.min == h.max) {
      h.distinct_hint = 1;
      return h;
    }
    double width = (h.max - h.min) / kTargetBins;
    if (h.integer) width = std::ceil((h.max - h.min + 1.0) / kTargetBins);
    if (!std::isfinite(width) || !(width > 0)) {
      h.unusable_range = true;  // a span beyond double's range, or below its resolution
      return h;
    }
    h.lo = h.min;
    h.width = width;
    const std::size_t bins =
        h.integer ? static_cast<std::size_t>(std::ceil((h.max - h.min + 1.0) / width)) : kTargetBins;
    h.counts.assign(std::max<std::size_t>(bins, 1), 0.0);
    const std::size_t top = h.counts.size() - 1;
    const double span = h.max - h.min;  // > 0; +inf when the values span more than a double holds
    bool only_ends = true;              // every value is min or max: a two-valued mask
    for (std::size_t i = 0; i < n; ++i) {
      const T v = voxels[i];
      if constexpr (std::is_floating_point_v<T>) {
        if (!std::isfinite(v)) continue;
      }
      const double d = static_cast<double>(v);
      only_ends = only_ends && (d == h.min || d == h.max);
      std::size_t b = 0;
      if constexpr (std::is_integral_v<T>) {
        // Exact integer division: no value lands in the neighbouring bin by rounding.
        b = static_cast<std::size_t>((static_cast<std::int64_t>(v) - static_cast<std::int64_t>(lo)) /
                                     static_cast<std::int64_t>(width));
      } else {
        const double ratio = (d - h.min) / span;  // in [0, 1]; NaN only when span is infinite
        b = ratio >= 0 ? static_cast<std::size_t>(std::min(ratio, 1.0) * static_cast<double>(h.counts.size())) : 0;
      }
      h.counts[std::min(b, top)] += 1.0;
    }
    h.distinct_hint = only_ends ? 2 : 3;
    return h;
  }
}

std::vector<double> smooth(const std::vector<double>& counts, double sigma) {
  const int reach = static_cast<int>(std::ceil(4 * sigma));
  std::vector<double> kernel(2 * reach + 1);
  for (int d = -reach; d <= reach; ++d) kernel[d + reach] = std::exp(-0.5 * d * d / (sigma * sigma));
  const int n = static_cast<int>(counts.size());
  std::vector<double> out(counts.size(), 0.0);
  for (int b = 0; b < n; ++b) {
    double sum = 0.0, weight = 0.0;
    for (int d = -reach; d <= reach; ++d) {
      const int at = b + d;
      if (at < 0 || at >= n) continue;  // renormalised at the ends, so an end peak keeps its height
      sum += kernel[d + reach] * counts[at];
      weight += kernel[d + reach];
    }
    out[b] = sum / weight;
  }
  return out;
}

struct Peak {
  int bin = 0;
  double height = 0.0;
  double prominence = 0.0;
};

// Peaks by persistence: add bins from the highest down, joining neighbours; when two rising
// regions meet at bin b, the lower peak dies with prominence height − S[b].
std::vector<Peak> find_peaks(const std::vector<double>& s) {
  const int n = static_cast<int>(s.size());
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return s[a] > s[b]; });
  std::vector<int> parent(n, -1), top(n, -1);  // union-find; top: the peak bin of a root's region
  const auto root = [&](int b) {
    while (parent[b] != b) b = parent[b] = parent[parent[b]];
    return b;
  };
  std::vector<Peak> peaks;
  std::vector<double> prominence(n, -1.0);
  for (int b : order) {
    parent[b] = b;
    top[b] = b;
    for (int neighbour : {b - 1, b + 1}) {
      if (neighbour < 0 || neighbour >= n || parent[neighbour] < 0) continue;
      int ra = root(b), rb = root(neighbour);
      if (ra == rb) continue;
      // The region with the lower peak ends here.
      if (s[top[ra]] < s[top[rb]]) std::swap(ra, rb);
      prominence[top[rb]] = s[top[rb]] - s[b];
      parent[rb] = ra;
    }
  }
  for (int b = 0; b < n; ++b) {
    if (parent[b] == b && top[b] == b && prominence[b] < 0) prominence[b] = s[b];  // the highest peak
    if (prominence[b] > 0) peaks.push_back({b, s[b], prominence[b]});
  }
  return peaks;
}

// The peak's position in bins, refined by a parabola through the logarithms of its neighbours.
double refine(const std::vector<double>& s, int bin) {
  if (bin <= 0 || bin + 1 >= static_cast<int>(s.size())) return bin;
  if (s[bin - 1] <= 0 || s[bin + 1] <= 0) return bin;
  const double a = std::log(s[bin - 1]), b = std::log(s[bin]), c = std::log(s[bin + 1]);
  const double curvature = a - 2 * b + c;
  if (!(curvature < 0)) return bin;
  return bin + std::clamp(0.5 * (a - c) / curvature, -0.5, 0.5);
}

}  // namespace

Outcome<Iso50Threshold> iso50_threshold(const Volume& volume) {
  const Histogram h = with_voxels(volume, [&](auto voxels) { return build_histogram(voxels, volume.voxel_count()); });
  const ValueScale scale(volume.info);
  Iso50Threshold out;
  if (h.non_finite > 0) {
    out.warnings.push_back({WarningCode::NonFiniteVoxels, grouped(h.non_finite) +
                                                              " voxels are not finite numbers (NaN or infinite): "
                                                              "they are left out of the histogram."});
  }
  if (h.distinct_hint == 0) {
    Error e = file_error(ErrorCode::NonFiniteValue, -1, "No voxel of the volume is a finite number.");
    return e;
  }
  if (h.unusable_range) {
    Error e =
        file_error(ErrorCode::NoMaterialPeak, -1,
                   "The grey values run from " + format_number(scale(h.min)) + " to " + format_number(scale(h.max)) +
                       ": too wide a span to find peaks in. Enter the threshold yourself.");
    return e;
  }
  if (h.distinct_hint == 1) {
    Error e =
        file_error(ErrorCode::NoMaterialPeak, -1,
                   "Every voxel holds " + format_number(scale(h.min)) + ": there is no material to find a surface of.");
    return e;
  }
  if (h.distinct_hint == 2) {
    // A mask: its two values are the peaks.
    const double a = scale(h.min), b = scale(h.max);
    out.background = std::min(a, b);
    out.material = std::max(a, b);
    out.threshold = 0.5 * a + 0.5 * b;  // never overflows
    out.peaks = {{out.background, 1.0, 1.0}, {out.material, 1.0, 1.0}};
    if (std::isfinite(out.threshold)) return out;
    Error e = file_error(ErrorCode::NoMaterialPeak, -1,
                         "The volume's two values scale to numbers too large for a threshold. Check its scl_slope.");
    return e;
  }

  const std::vector<double> s = smooth(h.counts, kSmoothingBins);
  std::vector<Peak> peaks = find_peaks(s);
  const double highest = std::max_element(peaks.begin(), peaks.end(), [](const Peak& a, const Peak& b) {
                           return a.height < b.height;
                         })->height;
  peaks.erase(std::remove_if(peaks.begin(), peaks.end(),
                             [](const Peak& p) { return p.prominence < 5.0 * (std::sqrt(p.height) + 1.0); }),
              peaks.end());
  // In scaled values, ascending.
  struct Found {
    double value;
    Peak peak;
  };
  std::vector<Found> found;
  for (const Peak& p : peaks) found.push_back({scale(h.centre(refine(s, p.bin))), p});
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.value < b.value; });
  for (const Found& f : found) out.peaks.push_back({f.value, f.peak.height / highest, f.peak.prominence / highest});

  if (found.size() < 2) {
    const std::string at = found.empty() ? std::string("") : " at " + format_number(found[0].value);
    Error e = file_error(ErrorCode::NoMaterialPeak, -1,
                         "The grey-value histogram has a single peak" + at + " (values from " +
                             format_number(std::min(scale(h.min), scale(h.max))) + " to " +
                             format_number(std::max(scale(h.min), scale(h.max))) +
                             "): background and material cannot be told apart. Enter the threshold yourself.");
    return e;
  }
  std::size_t first = 0;
  for (std::size_t i = 1; i < found.size(); ++i)
    if (found[i].peak.prominence > found[first].peak.prominence) first = i;
  const auto most_prominent = [&](std::size_t begin, std::size_t end) {
    std::size_t best = begin;
    for (std::size_t i = begin; i < end; ++i)
      if (found[i].peak.prominence > found[best].peak.prominence) best = i;
    return best;
  };
  std::size_t background = first, material = first;
  if (first + 1 < found.size()) {
    material = most_prominent(first + 1, found.size());
  } else {
    background = most_prominent(0, first);
  }
  out.background = found[background].value;
  out.material = found[material].value;
  out.threshold = 0.5 * out.background + 0.5 * out.material;
  if (!std::isfinite(out.threshold)) {
    Error e = file_error(ErrorCode::NoMaterialPeak, -1,
                         "The grey values are too extreme for a threshold halfway between their peaks. Enter the "
                         "threshold yourself.");
    return e;
  }
  if (found.size() > 2) {
    std::string list;
    for (const Found& f : found) list += (list.empty() ? "" : ", ") + format_number(f.value);
    out.warnings.push_back({WarningCode::SeveralMaterials,
                            "The grey-value histogram has " + std::to_string(found.size()) + " peaks (" + list +
                                "): ISO-50 = " + format_number(out.threshold) + " lies between the background " +
                                format_number(out.background) + " and the material " + format_number(out.material) +
                                ", the most prominent. If the sphere is another material, enter its threshold."});
  }
  return out;
}

}  // namespace spherefit
