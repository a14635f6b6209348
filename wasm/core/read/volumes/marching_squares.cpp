#include "read/volumes/marching_squares.hpp"

#include <algorithm>

namespace spherefit {

IsoCurves MarchingSquares::trace(const double* f, std::int64_t nu, std::int64_t nv, double level) {
  IsoCurves out;
  // Inside flags, and per row the first and last inside node (rows without any: first > last).
  // Cells with a crossing lie between those of the two rows they join.
  inside_.resize(static_cast<std::size_t>(nu * nv));
  first_.assign(static_cast<std::size_t>(nv), nu);
  last_.assign(static_cast<std::size_t>(nv), -1);
  for (std::int64_t v = 0; v < nv; ++v) {
    const double* row = f + nu * v;
    std::uint8_t* flags = inside_.data() + nu * v;
    std::int64_t count = 0;
    for (std::int64_t u = 0; u < nu; ++u) {
      flags[u] = row[u] >= level;
      count += flags[u];
    }
    if (count == 0) continue;
    out.inside += count;
    std::int64_t first = 0, last = nu - 1;
    while (!flags[first]) ++first;
    while (!flags[last]) --last;
    first_[v] = first;
    last_[v] = last;
    if (v == 0 || v == nv - 1 || first == 0 || last == nu - 1) out.touches_edge = true;
  }
  if (out.inside == 0 || out.touches_edge) return out;

  const auto edges = static_cast<std::size_t>(2 * nu * nv);
  if (next_.size() != edges) {
    next_.assign(edges, -1);
    point_.assign(edges, -1);
  }
  points_.clear();
  used_.clear();

  // The crossing on grid edge e: horizontal H(u, v) = 2(u + nu·v) joins (u, v) to (u+1, v),
  // vertical V(u, v) = 2(u + nu·v) + 1 joins (u, v) to (u, v+1).
  const auto crossing = [&](std::int64_t e) {
    if (point_[e] >= 0) return;
    const std::int64_t node = e / 2;
    const std::int64_t u = node % nu, v = node / nu;
    const bool horizontal = e % 2 == 0;
    const double fa = f[node];
    const double fb = horizontal ? f[node + 1] : f[node + nu];
    const double t = std::clamp((level - fa) / (fb - fa), 0.0, 1.0);
    point_[e] = static_cast<std::int32_t>(points_.size());
    points_.push_back(horizontal ? Eigen::Vector2d(u + t, v) : Eigen::Vector2d(u, v + t));
    used_.push_back(e);
  };
  const auto link = [&](std::int64_t from, std::int64_t to) {
    crossing(from);
    crossing(to);
    next_[from] = static_cast<std::int32_t>(to);
  };

  for (std::int64_t v = 0; v + 1 < nv; ++v) {
    const std::int64_t from = std::max<std::int64_t>(std::min(first_[v], first_[v + 1]) - 1, 0);
    const std::int64_t to = std::max(last_[v], last_[v + 1]);  // the last cell's left corner
    const std::uint8_t* below = inside_.data() + nu * v;
    const std::uint8_t* above = below + nu;
    for (std::int64_t u = from; u <= to && u + 1 < nu; ++u) {
      // Corners counter-clockwise: (u, v), (u+1, v), (u+1, v+1), (u, v+1); edge k runs from
      // corner k to corner k+1.
      const bool in[4] = {below[u] != 0, below[u + 1] != 0, above[u + 1] != 0, above[u] != 0};
      const int code = in[0] | in[1] << 1 | in[2] << 2 | in[3] << 3;
      if (code == 0 || code == 15) continue;
      const double value[4] = {f[u + nu * v], f[u + 1 + nu * v], f[u + 1 + nu * (v + 1)], f[u + nu * (v + 1)]};
      const std::int64_t edge[4] = {2 * (u + nu * v), 2 * (u + 1 + nu * v) + 1, 2 * (u + nu * (v + 1)),
                                    2 * (u + nu * v) + 1};
      const bool saddle = code == 5 || code == 10;
      // Inside on the left: leave the inside at an in→out crossing and go to the out→in crossing
      // that follows counter-clockwise; at a saddle whose centre is outside, to the one before.
      bool join = true;
      if (saddle) {
        const double saddle_value =
            (value[0] * value[2] - value[1] * value[3]) / (value[0] + value[2] - value[1] - value[3]);
        join = saddle_value >= level;
      }
      for (int k = 0; k < 4; ++k) {
        if (!in[k] || in[(k + 1) % 4]) continue;
        int to = (k + 1) % 4;
        if (saddle) {
          to = join ? (k + 1) % 4 : (k + 3) % 4;
        } else {
          while (in[to] == in[(to + 1) % 4]) to = (to + 1) % 4;  // the next edge with a crossing
        }
        link(edge[k], edge[to]);
      }
    }
  }

  // Follow the successors: every crossing is on exactly one closed curve.
  std::vector<char> visited(points_.size(), 0);
  for (std::int64_t start : used_) {
    if (visited[point_[start]]) continue;
    IsoCurve curve;
    std::int64_t e = start;
    bool closed = false;
    for (std::size_t steps = 0; steps <= used_.size(); ++steps) {
      visited[point_[e]] = 1;
      const Eigen::Vector2d& p = points_[point_[e]];
      if (curve.points.empty() || p != curve.points.back()) curve.points.push_back(p);
      e = next_[e];
      if (e < 0) break;
      if (e == start) {
        closed = true;
        break;
      }
    }
    while (curve.points.size() > 1 && curve.points.back() == curve.points.front()) curve.points.pop_back();
    if (!closed) continue;  // cannot happen when no inside node is on the border
    double area = 0.0;
    for (std::size_t i = 0, n = curve.points.size(); i < n; ++i) {
      const Eigen::Vector2d& a = curve.points[i];
      const Eigen::Vector2d& b = curve.points[(i + 1) % n];
      area += a.x() * b.y() - b.x() * a.y();
    }
    curve.signed_area = 0.5 * area;
    // A curve that encloses nothing (all its crossings on one node exactly at the level) is a
    // touching point, not a boundary.
    if (curve.points.size() >= 3 && curve.signed_area != 0.0) out.curves.push_back(std::move(curve));
  }
  for (std::int64_t e : used_) next_[e] = point_[e] = -1;
  return out;
}

}  // namespace spherefit
