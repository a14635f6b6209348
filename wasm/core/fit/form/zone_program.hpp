// The linear program of one step of a Chebyshev fit, and the certificate its multipliers give.
//
// At the centre c each row's distance is linearised, dᵢ(c + δ) ≈ dᵢ − nᵢ·δ, nᵢ = (qᵢ − c)/dᵢ, and
//   min u' − l'  subject to  dᵢ − nᵢ·δ ≤ outer + u' (outer rows),  dⱼ − nⱼ·δ ≥ inner + l' (inner rows),
//   |δ|∞ ≤ box
// (u' alone, or −l' alone, for the one-sided fits), the radii shifted by the current extremes so
// that the right-hand sides are small and keep their digits. The certificate is the bound of
// chebyshev.hpp, computed afresh from the multipliers and exact distances.
#pragma once

#include <limits>
#include <vector>

#include "fit/form/chebyshev.hpp"
#include "fit/form/linear_program.hpp"
#include "fit/form/zone_data.hpp"
#include "model/options.hpp"

namespace spherefit {

// The spheres a fit bounds, and the quantity it minimises (zone, outer radius, or −inner radius).
ZoneSides sides_of(FitType fit_type);
double objective(FitType fit_type, double outer, double inner);

// x = (δ, u', l') in that order, u' and l' present only for the sides fitted (at indices u, l).
struct ZoneProgram {
  LpSolution lp;
  int u = -1;
  int l = -1;
};

ZoneProgram solve_zone_program(const std::vector<ZoneRow>& rows, const Eigen::Vector3d& c, double outer, double inner,
                               double box, ZoneSides sides);

// gap: the optimality gap (∞ when the multipliers are missing a side); contacts: the rows with a
// multiplier of 10⁻⁹ or more, renormalised to sum to 1 on each side.
struct Certificate {
  double gap = std::numeric_limits<double>::infinity();
  std::vector<ZoneContact> contacts;
};

// y: the program's multipliers, aligned with rows (further entries, the box's, are ignored).
Certificate certify(FitType fit_type, const std::vector<ZoneRow>& rows, const Eigen::VectorXd& y,
                    const Eigen::Vector3d& c, double outer, double inner);

}  // namespace spherefit
