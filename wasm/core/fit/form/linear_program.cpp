#include "fit/form/linear_program.hpp"

#include <Eigen/LU>
#include <cmath>
#include <limits>
#include <vector>

namespace spherefit {
namespace {

using Basis = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, kMaxLpVariables, kMaxLpVariables>;
using Small = Eigen::Matrix<double, Eigen::Dynamic, 1, 0, kMaxLpVariables, 1>;

// The dual in standard form: columns 0..m−1 are the rows of the primal (aⱼ = gⱼ, cost hⱼ), columns
// m..m+n−1 the artificials σₖeₖ of phase 1.
struct Dual {
  const Eigen::MatrixXd& g;
  const Eigen::VectorXd& h;
  Small b;      // −c
  Small sigma;  // sign of each artificial, so that the artificials start ≥ 0
  int m;
  int n;

  Small column(int j) const {
    if (j < m) return g.row(j).transpose();
    Small e = Small::Zero(n);
    e(j - m) = sigma(j - m);
    return e;
  }
  double cost(int j, bool phase_one) const {
    if (phase_one) return j >= m ? 1.0 : 0.0;
    return j < m ? h(j) : 0.0;
  }
};

struct Phase {
  bool finished = false;
  LpStatus status = LpStatus::Optimal;
  Small pi;
};

// Runs the simplex method on `basis` until no column prices out, returning the final multipliers.
Phase run_phase(const Dual& dual, std::vector<int>& basis, std::vector<char>& in_basis, bool phase_one, int& pivots,
                int pivot_limit) {
  const int n = dual.n;
  const int m = dual.m;
  bool bland = false;
  Phase out;
  double cost_scale = phase_one ? 1.0 : 0.0;
  if (!phase_one)
    for (int j = 0; j < m; ++j) cost_scale = std::max(cost_scale, std::abs(dual.h(j)));
  // Progress is judged on the objective itself: pivots that do not lower it beyond rounding are
  // degenerate (a zero step) or trade columns whose reduced costs are noise. A run of them switches
  // to Bland's rule, which cannot cycle in exact arithmetic; a longer run means the basis is optimal
  // to within rounding, and the phase ends there.
  double best_value = std::numeric_limits<double>::infinity();
  int no_progress = 0;
  for (;;) {
    Basis b_matrix(n, n);
    for (int i = 0; i < n; ++i) b_matrix.col(i) = dual.column(basis[i]);
    const Eigen::PartialPivLU<Basis> lu(b_matrix);
    const Basis inverse = lu.inverse();
    const Small y_basic = inverse * dual.b;
    Small cost_basic(n);
    for (int i = 0; i < n; ++i) cost_basic(i) = dual.cost(basis[i], phase_one);
    out.pi = inverse.transpose() * cost_basic;
    if (!out.pi.allFinite() || !y_basic.allFinite()) {
      out.status = LpStatus::IterationLimit;
      return out;
    }
    const double value = cost_basic.dot(y_basic);
    if (value < best_value - 1e-13 * (std::abs(value) + cost_scale)) {
      best_value = std::min(best_value, value);
      no_progress = 0;
    } else if (++no_progress > 2 * n + 8) {
      bland = true;
      if (no_progress > 4 * (n + m) + 50) {
        out.finished = true;
        return out;
      }
    }

    // Pricing. Only the primal rows may enter; an artificial that left never returns.
    // A reduced cost counts as negative only beyond its own rounding error and a floor relative to
    // the largest cost: duplicate rows otherwise trade places forever on differences of 1e-32.
    const Small pi_abs = out.pi.cwiseAbs();
    int entering = -1;
    double best = 0.0;
    for (int j = 0; j < m; ++j) {
      if (in_basis[j]) continue;
      const double cost = dual.cost(j, phase_one);
      const double reduced = cost - dual.g.row(j).dot(out.pi);
      const double tolerance = 1e-12 * (std::abs(cost) + dual.g.row(j).cwiseAbs().dot(pi_abs)) + 1e-14 * cost_scale;
      if (!(reduced < -tolerance)) continue;
      if (bland) {
        entering = j;
        break;
      }
      if (reduced < best) {
        best = reduced;
        entering = j;
      }
    }
    if (entering < 0) {
      out.finished = true;
      return out;
    }
    if (++pivots > pivot_limit) {
      out.status = LpStatus::IterationLimit;
      return out;
    }

    // Ratio test. In phase two an artificial still in the basis sits at zero and must stay there:
    // any pivot that would move it takes it out of the basis instead.
    const Small d = inverse * dual.column(entering);
    const double pivot_tolerance = 1e-11 * std::max(1.0, d.cwiseAbs().maxCoeff());
    int leaving = -1;
    double ratio = std::numeric_limits<double>::infinity();
    for (int i = 0; i < n; ++i) {
      if (!phase_one && basis[i] >= m && std::abs(d(i)) > pivot_tolerance) {
        leaving = i;
        ratio = 0.0;
        break;
      }
      if (!(d(i) > pivot_tolerance)) continue;
      const double r = std::max(0.0, y_basic(i)) / d(i);
      const double tie = 1e-12 * std::max(1.0, ratio == std::numeric_limits<double>::infinity() ? 1.0 : ratio);
      if (leaving < 0 || r < ratio - tie) {
        leaving = i;
        ratio = r;
      } else if (r <= ratio + tie && (bland ? basis[i] < basis[leaving] : std::abs(d(i)) > std::abs(d(leaving)))) {
        leaving = i;
        ratio = std::min(ratio, r);
      }
    }
    if (leaving < 0) {  // the dual is unbounded below
      out.status = phase_one ? LpStatus::IterationLimit : LpStatus::Infeasible;
      return out;
    }
    in_basis[basis[leaving]] = 0;
    in_basis[entering] = 1;
    basis[leaving] = entering;
  }
}

}  // namespace

LpSolution solve_linear_program(const Eigen::VectorXd& c, const Eigen::MatrixXd& g, const Eigen::VectorXd& h) {
  const int n = static_cast<int>(c.size());
  const int m = static_cast<int>(g.rows());
  LpSolution out;
  out.x = Eigen::VectorXd::Zero(n);
  out.y = Eigen::VectorXd::Zero(m);
  if (n == 0 || n > kMaxLpVariables || g.cols() != n || h.size() != m) return out;

  Dual dual{g, h, Small(-c), Small(n), m, n};
  for (int k = 0; k < n; ++k) dual.sigma(k) = dual.b(k) >= 0.0 ? 1.0 : -1.0;
  std::vector<int> basis(n);
  std::vector<char> in_basis(static_cast<std::size_t>(m + n), 0);
  for (int k = 0; k < n; ++k) {
    basis[k] = m + k;
    in_basis[m + k] = 1;
  }
  const int pivot_limit = 50 * (m + n) + 100;

  const Phase one = run_phase(dual, basis, in_basis, true, out.pivots, pivot_limit);
  if (!one.finished) {
    out.status = one.status;
    return out;
  }
  {
    Basis b_matrix(n, n);
    for (int i = 0; i < n; ++i) b_matrix.col(i) = dual.column(basis[i]);
    const Small y_basic = Eigen::PartialPivLU<Basis>(b_matrix).solve(dual.b);
    double infeasibility = 0.0;
    for (int i = 0; i < n; ++i)
      if (basis[i] >= m) infeasibility += std::abs(y_basic(i));
    if (infeasibility > 1e-10 * (1.0 + dual.b.cwiseAbs().sum())) {
      out.status = LpStatus::Unbounded;
      return out;
    }
  }

  const Phase two = run_phase(dual, basis, in_basis, false, out.pivots, pivot_limit);
  if (!two.finished) {
    out.status = two.status;
    return out;
  }
  Basis b_matrix(n, n);
  for (int i = 0; i < n; ++i) b_matrix.col(i) = dual.column(basis[i]);
  const Small y_basic = Eigen::PartialPivLU<Basis>(b_matrix).solve(dual.b);
  for (int i = 0; i < n; ++i)
    if (basis[i] < m) out.y(basis[i]) = std::max(0.0, y_basic(i));
  out.x = two.pi;
  out.value = c.dot(out.x);
  out.status = LpStatus::Optimal;
  return out;
}

}  // namespace spherefit
