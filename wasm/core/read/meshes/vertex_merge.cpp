#include "read/meshes/vertex_merge.hpp"

#include <cstring>

namespace spherefit {
namespace {

std::uint64_t bits_of(double v) {
  v += 0.0;  // -0 becomes +0, so that equal values hash equally
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

// A 64-bit mix (the finaliser of MurmurHash3) so that nearby floats spread over the table.
std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

std::uint64_t hash_of(double x, double y, double z) {
  return mix(bits_of(x) * 0x9e3779b97f4a7c15ULL ^ bits_of(y) * 0xc2b2ae3d27d4eb4fULL ^ bits_of(z));
}

std::size_t capacity_for(std::size_t count) {
  std::size_t capacity = 64;
  while (capacity < 2 * count) capacity *= 2;  // load at most 1/2: short probes
  return capacity;
}

}  // namespace

VertexMerger::VertexMerger(PointTable& out, std::size_t expected_unique) : out_(out) {
  rebuild(capacity_for(expected_unique > out_.size() ? expected_unique : out_.size()));
}

bool VertexMerger::insert(double x, double y, double z, std::uint64_t hash) {
  std::size_t s = static_cast<std::size_t>(hash) & mask_;
  while (slots_[s].index != 0) {
    const Slot& slot = slots_[s];
    if (slot.x == x && slot.y == y && slot.z == z) return false;
    s = (s + 1) & mask_;
  }
  slots_[s] = {x, y, z, static_cast<std::uint32_t>(out_.size() + 1)};
  out_.x.push_back(x);
  out_.y.push_back(y);
  out_.z.push_back(z);
  if (2 * out_.size() > slots_.size()) rebuild(2 * slots_.size());
  return true;
}

void VertexMerger::add_all(const double* xyz, std::size_t n, const int* lines) {
  constexpr std::size_t kAhead = 8;  // enough misses in flight to cover memory latency
  std::uint64_t hashes[kAhead];
  auto request = [&](std::size_t i) {
    const double* p = xyz + 3 * i;
    hashes[i % kAhead] = hash_of(p[0], p[1], p[2]);
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(&slots_[static_cast<std::size_t>(hashes[i % kAhead]) & mask_]);
#endif
  };
  for (std::size_t i = 0; i < kAhead && i < n; ++i) request(i);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t hash = hashes[i % kAhead];
    if (i + kAhead < n) request(i + kAhead);
    if (insert(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], hash) && lines) out_.source_line.push_back(lines[i]);
  }
}

// Points already in the table (all of them after a growth) take their slots.
void VertexMerger::rebuild(std::size_t capacity) {
  slots_.assign(capacity, Slot{0, 0, 0, 0});
  mask_ = slots_.size() - 1;
  for (std::size_t i = 0; i < out_.size(); ++i) {
    std::size_t s = static_cast<std::size_t>(hash_of(out_.x[i], out_.y[i], out_.z[i])) & mask_;
    while (slots_[s].index != 0) s = (s + 1) & mask_;
    slots_[s] = {out_.x[i], out_.y[i], out_.z[i], static_cast<std::uint32_t>(i + 1)};
  }
}

}  // namespace spherefit
