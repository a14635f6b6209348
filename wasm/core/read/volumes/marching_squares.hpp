// Closed iso-curves of a sampled 2D field: marching squares (Lorensen & Cline's marching cubes,
// SIGGRAPH 1987, in two dimensions) with the crossing on each grid edge placed by linear
// interpolation, and the ambiguous saddle cells resolved by the asymptotic decider (Nielson &
// Hamann, "The asymptotic decider", IEEE Visualization 1991): the two curves through a saddle cell
// join the inside corners when the bilinear interpolant's saddle value is at or above the level.
// A node is inside when its value is ≥ level; for a 0/1 mask at level 0.5 this makes the inside
// 8-connected and the outside 4-connected (the saddle value is then exactly 0.5).
//
// Each cell's segments are oriented with the inside on their left, so every crossing has exactly
// one successor, curves are followed without search, outer boundaries run counter-clockwise in
// (u, v) (positive signed area) and the boundaries of holes clockwise. A field whose inside touches
// the grid's border has open curves; it is reported (touches_edge) and not traced.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace spherefit {

struct IsoCurve {
  std::vector<Eigen::Vector2d> points;  // (u, v) in grid units, in order, not repeating the first
  double signed_area = 0.0;             // > 0: counter-clockwise, an outer boundary; < 0: a hole
};

struct IsoCurves {
  std::int64_t inside = 0;    // nodes at or above the level
  bool touches_edge = false;  // some inside node lies on the grid's border: curves not traced
  std::vector<IsoCurve> curves;
};

// Traces a field of nu × nv samples, value(u, v) = field[u + nu·v], at `level`. Values must not be
// NaN (the caller maps them to an outside value). Reuses its work arrays between calls on grids of
// the same size (one slice after another); they take 17 bytes per node.
class MarchingSquares {
 public:
  IsoCurves trace(const double* field, std::int64_t nu, std::int64_t nv, double level);

 private:
  std::vector<std::uint8_t> inside_;        // per node
  std::vector<std::int64_t> first_, last_;  // per row: first and last inside node
  std::vector<std::int32_t> next_;          // per grid edge: the crossing that follows, or −1
  std::vector<std::int32_t> point_;         // per grid edge: its crossing's index in points_, or −1
  std::vector<std::int64_t> used_;          // edges to reset after a trace
  std::vector<Eigen::Vector2d> points_;
};

}  // namespace spherefit
