#include "fit/spheres/patch_components.hpp"

#include <algorithm>
#include <numeric>

namespace spherefit {
namespace {

std::uint32_t find_root(std::vector<std::uint32_t>& parent, std::uint32_t a) {
  while (parent[a] != a) a = parent[a] = parent[parent[a]];
  return a;
}

// Calls each() with `id` and the ids of the cells touching it (26-neighbourhood) inside the grid.
template <class Each>
void each_neighbour(std::uint64_t id, int level, Each&& each) {
  const Eigen::Vector3i c = deinterleave3(id);
  const int cells = 1 << level;
  for (int di = -1; di <= 1; ++di)
    for (int dj = -1; dj <= 1; ++dj)
      for (int dk = -1; dk <= 1; ++dk) {
        const int i = c.x() + di, j = c.y() + dj, k = c.z() + dk;
        if (i < 0 || j < 0 || k < 0 || i >= cells || j >= cells || k >= cells) continue;
        each(interleave3(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(k)));
      }
}

}  // namespace

Component largest_component(const MortonIndex& index, const std::vector<std::uint32_t>& positions, int level) {
  Component out;
  out.level = level;
  if (positions.empty()) return out;
  std::vector<std::uint64_t> ids(positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) ids[i] = index.cell_id(positions[i], level);
  std::vector<std::uint64_t> cells = ids;
  std::sort(cells.begin(), cells.end());
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
  auto slot = [&cells](std::uint64_t id) {
    const auto at = std::lower_bound(cells.begin(), cells.end(), id);
    return at != cells.end() && *at == id ? static_cast<std::uint32_t>(at - cells.begin()) : ~std::uint32_t{0};
  };
  std::vector<std::uint32_t> parent(cells.size());
  std::iota(parent.begin(), parent.end(), 0u);
  for (std::uint32_t a = 0; a < cells.size(); ++a) {
    each_neighbour(cells[a], level, [&](std::uint64_t id) {
      if (id <= cells[a]) return;  // each pair once
      const std::uint32_t b = slot(id);
      if (b == ~std::uint32_t{0}) return;
      const std::uint32_t ra = find_root(parent, a), rb = find_root(parent, b);
      if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);  // the root is the lowest id
    });
  }
  std::vector<std::size_t> weight(cells.size(), 0);
  std::vector<std::uint32_t> root_of(positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) {
    root_of[i] = find_root(parent, slot(ids[i]));
    ++weight[root_of[i]];
  }
  const std::uint32_t best =
      static_cast<std::uint32_t>(std::max_element(weight.begin(), weight.end()) - weight.begin());
  for (std::size_t i = 0; i < positions.size(); ++i)
    if (root_of[i] == best) out.positions.push_back(positions[i]);
  for (std::uint32_t a = 0; a < cells.size(); ++a)
    if (find_root(parent, a) == best) out.cells.push_back(cells[a]);
  return out;
}

std::vector<std::uint64_t> dilated_cells(const Component& component) {
  std::vector<std::uint64_t> out;
  out.reserve(component.cells.size() * 8);
  for (const std::uint64_t id : component.cells)
    each_neighbour(id, component.level, [&](std::uint64_t near) { out.push_back(near); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace spherefit
