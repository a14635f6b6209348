// A small dense linear program: minimise cᵀx over x ∈ Rⁿ (n ≤ kMaxLpVariables) subject to m rows
// gᵢᵀx ≤ hᵢ. The form fits solve one per iteration with n = 4 or 5 (the centre's step and one or two
// radii) and a few dozen rows.
//
// It is solved through its dual, min hᵀy subject to Gᵀy = −c, y ≥ 0 (n equality rows), by the revised
// primal simplex method in two phases (Chvátal, Linear Programming, ch. 7–8): n artificial columns
// give the first feasible basis; the n×n basis is refactorised at every pivot (n is tiny, so this
// costs nothing and never accumulates rounding); pricing is Dantzig's, switching to Bland's rule
// after a run of pivots that leave the objective where it was (degenerate steps, or reduced costs
// that are rounding noise), and a phase ends when such a run outlasts any real progress: the
// basis is then optimal to within rounding. At the optimum the basis's simplex
// multipliers are the primal solution x (the basic rows hold with equality) and y are the rows'
// Lagrange multipliers: c + Gᵀy = 0, y ≥ 0, yᵢ(hᵢ − gᵢᵀx) = 0.
#pragma once

#include <Eigen/Core>

namespace spherefit {

inline constexpr int kMaxLpVariables = 6;

enum class LpStatus {
  Optimal,
  Unbounded,       // the dual has no feasible point: cᵀx decreases without bound (or no x is feasible)
  Infeasible,      // the dual is unbounded: no x satisfies every row
  IterationLimit,  // a safeguard; not reached on the form fits' programs
};

struct LpSolution {
  LpStatus status = LpStatus::IterationLimit;
  Eigen::VectorXd x;   // n: the minimiser
  Eigen::VectorXd y;   // m: one multiplier per row, ≥ 0, non-zero only on rows that hold with equality
  double value = 0.0;  // cᵀx
  int pivots = 0;
};

// Preconditions: c has n ≤ kMaxLpVariables finite entries; g is m×n and h has m entries, all finite.
// Tolerances are relative to the size of each row, so rows should be of comparable scale.
LpSolution solve_linear_program(const Eigen::VectorXd& c, const Eigen::MatrixXd& g, const Eigen::VectorXd& h);

}  // namespace spherefit
