#include "fit/spheres/morton_index.hpp"

#include <algorithm>
#include <cmath>

namespace spherefit {
namespace {

// Spreads the low 21 bits of v to every third bit (the classic magic-number split).
std::uint64_t spread(std::uint64_t v) {
  v &= 0x1fffff;
  v = (v | v << 32) & 0x1f00000000ffffULL;
  v = (v | v << 16) & 0x1f0000ff0000ffULL;
  v = (v | v << 8) & 0x100f00f00f00f00fULL;
  v = (v | v << 4) & 0x10c30c30c30c30c3ULL;
  v = (v | v << 2) & 0x1249249249249249ULL;
  return v;
}

std::uint32_t compact(std::uint64_t v) {
  v &= 0x1249249249249249ULL;
  v = (v ^ (v >> 2)) & 0x10c30c30c30c30c3ULL;
  v = (v ^ (v >> 4)) & 0x100f00f00f00f00fULL;
  v = (v ^ (v >> 8)) & 0x1f0000ff0000ffULL;
  v = (v ^ (v >> 16)) & 0x1f00000000ffffULL;
  v = (v ^ (v >> 32)) & 0x1fffffULL;
  return static_cast<std::uint32_t>(v);
}

// LSD radix sort of (code, index) pairs, 11 bits a pass (6 passes cover 63 bits), the six
// histograms counted in one read; a pass whose digit is the same for every code is skipped (the
// leading digits of a compact scene).
void radix_sort(std::vector<std::uint64_t>& codes, std::vector<std::uint32_t>& index) {
  constexpr int kPasses = 6, kBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  const std::size_t n = codes.size();
  std::vector<std::size_t> count(kPasses * kBuckets, 0);
  for (std::size_t i = 0; i < n; ++i)
    for (int pass = 0; pass < kPasses; ++pass)
      ++count[pass * kBuckets + ((codes[i] >> (kBits * pass)) & (kBuckets - 1))];
  std::vector<std::uint64_t> codes_out(n);
  std::vector<std::uint32_t> index_out(n);
  for (int pass = 0; pass < kPasses; ++pass) {
    std::size_t* c = count.data() + pass * kBuckets;
    if (std::any_of(c, c + kBuckets, [n](std::size_t k) { return k == n; })) continue;
    std::size_t sum = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) sum += std::exchange(c[b], sum);
    const int shift = kBits * pass;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t at = c[(codes[i] >> shift) & (kBuckets - 1)]++;
      codes_out[at] = codes[i];
      index_out[at] = index[i];
    }
    codes.swap(codes_out);
    index.swap(index_out);
  }
}

}  // namespace

std::uint64_t interleave3(std::uint32_t i, std::uint32_t j, std::uint32_t k) {
  return spread(i) << 2 | spread(j) << 1 | spread(k);
}

Eigen::Vector3i deinterleave3(std::uint64_t code) {
  return {static_cast<int>(compact(code >> 2)), static_cast<int>(compact(code >> 1)), static_cast<int>(compact(code))};
}

int MortonIndex::level_for(double size) const {
  int level = 0;
  while (level < kLevels && cell_size(level + 1) >= size) ++level;
  return level;
}

Eigen::Vector3i MortonIndex::cell_of(const Eigen::Vector3d& q, int level) const {
  const double cells = static_cast<double>(std::uint64_t{1} << level);
  Eigen::Vector3i out;
  for (int a = 0; a < 3; ++a) {
    const double t = std::floor((q(a) - corner(a)) / side * cells);
    out(a) = static_cast<int>(std::clamp(t, 0.0, cells - 1.0));
  }
  return out;
}

std::pair<std::uint32_t, std::uint32_t> MortonIndex::range(int level, int i, int j, int k) const {
  const int cells = 1 << level;
  if (i < 0 || j < 0 || k < 0 || i >= cells || j >= cells || k >= cells) return {0, 0};
  const int shift = 3 * (kLevels - level);
  const std::uint64_t low =
      interleave3(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(k)) << shift;
  const std::uint64_t high = low + (std::uint64_t{1} << shift);
  auto begin = codes.begin(), end = codes.end();
  if (level >= kDirectoryLevel) {
    const std::uint64_t coarse = low >> (3 * (kLevels - kDirectoryLevel));
    begin = codes.begin() + directory[coarse];
    end = codes.begin() + directory[coarse + 1];
  }
  const auto first = std::lower_bound(begin, end, low);
  const auto last = std::lower_bound(first, end, high);
  return {static_cast<std::uint32_t>(first - codes.begin()), static_cast<std::uint32_t>(last - codes.begin())};
}

MortonIndex build_morton_index(const PointSet& set) {
  MortonIndex index;
  const std::size_t n = set.size();
  Eigen::Vector3d low = Eigen::Vector3d::Constant(INFINITY), high = -low;
  for (std::size_t i = 0; i < n; ++i) {
    const Eigen::Vector3d q = set.at(i);
    low = low.cwiseMin(q);
    high = high.cwiseMax(q);
  }
  // A cube a little larger than the box, so that no coordinate lands on the far face.
  const double extent = std::max((high - low).maxCoeff(), 1e-300);
  index.side = extent * (1.0 + 1e-9);
  index.corner = low - Eigen::Vector3d::Constant(0.5e-9 * extent);
  const double cells = static_cast<double>(std::uint64_t{1} << MortonIndex::kLevels);
  const double to_cell = cells / index.side;
  index.codes.resize(n);
  index.order.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Eigen::Vector3d t = ((set.at(i) - index.corner) * to_cell).array().floor().min(cells - 1.0).max(0.0);
    index.codes[i] = interleave3(static_cast<std::uint32_t>(t.x()), static_cast<std::uint32_t>(t.y()),
                                 static_cast<std::uint32_t>(t.z()));
    index.order[i] = static_cast<std::uint32_t>(i);
  }
  radix_sort(index.codes, index.order);
  index.x.resize(n), index.y.resize(n), index.z.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    const Eigen::Vector3d q = set.at(index.order[k]);
    index.x[k] = static_cast<float>(q.x()), index.y[k] = static_cast<float>(q.y()),
    index.z[k] = static_cast<float>(q.z());
  }
  // Two neighbours in code order first differ in bit b: they share every cell down to level
  // 21 − ⌊b/3⌋ − 1 and part there, so each new cell of that level and all finer ones starts here.
  std::array<std::size_t, MortonIndex::kLevels + 2> starts{};
  for (std::size_t k = 1; k < n; ++k) {
    const std::uint64_t differ = index.codes[k] ^ index.codes[k - 1];
    if (differ == 0) continue;
    const int bit = 63 - __builtin_clzll(differ);  // GCC and Clang (Emscripten) both have it
    ++starts[static_cast<std::size_t>(MortonIndex::kLevels - bit / 3)];
  }
  const std::size_t coarse_cells = std::size_t{1} << (3 * MortonIndex::kDirectoryLevel);
  const int coarse_shift = 3 * (MortonIndex::kLevels - MortonIndex::kDirectoryLevel);
  index.directory.assign(coarse_cells + 1, static_cast<std::uint32_t>(n));
  for (std::size_t k = n; k-- > 0;) index.directory[index.codes[k] >> coarse_shift] = static_cast<std::uint32_t>(k);
  for (std::size_t c = coarse_cells; c-- > 0;)
    index.directory[c] = std::min(index.directory[c], index.directory[c + 1]);
  std::size_t running = n > 0 ? 1 : 0;
  for (int level = 0; level <= MortonIndex::kLevels; ++level) {
    running += starts[static_cast<std::size_t>(level)];
    index.occupied[static_cast<std::size_t>(level)] = running;
  }
  return index;
}

}  // namespace spherefit
