// The small dense LP behind the form fits, against brute-force vertex enumeration: the optimum of a
// bounded LP in n variables is attained where n rows hold with equality, so trying every n-subset
// finds it independently. The multipliers must satisfy the KKT conditions.
#include <gtest/gtest.h>

#include <Eigen/LU>
#include <cstdio>
#include <limits>
#include <random>

#include "fit/form/linear_program.hpp"

namespace spherefit {
namespace {

// min cᵀx over the vertices of Gx ≤ h (all n-subsets of rows).
double brute_force_optimum(const Eigen::VectorXd& c, const Eigen::MatrixXd& g, const Eigen::VectorXd& h) {
  const int n = static_cast<int>(c.size()), m = static_cast<int>(g.rows());
  double best = std::numeric_limits<double>::infinity();
  std::vector<int> pick(n);
  for (int i = 0; i < n; ++i) pick[i] = i;
  for (;;) {
    Eigen::MatrixXd a(n, n);
    Eigen::VectorXd b(n);
    for (int i = 0; i < n; ++i) {
      a.row(i) = g.row(pick[i]);
      b(i) = h(pick[i]);
    }
    Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
    if (lu.isInvertible()) {
      const Eigen::VectorXd x = lu.solve(b);
      if (((g * x - h).array() <= 1e-9).all()) best = std::min(best, c.dot(x));
    }
    int k = n - 1;
    while (k >= 0 && pick[k] == m - n + k) --k;
    if (k < 0) break;
    ++pick[k];
    for (int j = k + 1; j < n; ++j) pick[j] = pick[j - 1] + 1;
  }
  return best;
}

void expect_kkt(const LpSolution& s, const Eigen::VectorXd& c, const Eigen::MatrixXd& g, const Eigen::VectorXd& h) {
  EXPECT_LE((g * s.x - h).maxCoeff(), 1e-10);                         // feasible
  EXPECT_GE(s.y.minCoeff(), 0.0);                                     // dual feasible
  EXPECT_LE((c + g.transpose() * s.y).cwiseAbs().maxCoeff(), 1e-10);  // stationary
  EXPECT_LE(std::abs(s.y.dot(h - g * s.x)), 1e-10);                   // complementary
}

TEST(LinearProgram, RandomBoxedProgramsMatchVertexEnumeration) {
  std::mt19937_64 rng(31);
  std::printf("seed 31\n");
  std::normal_distribution<double> gauss;
  for (int trial = 0; trial < 120; ++trial) {
    const int n = 2 + trial % 4;  // 2..5 variables
    const int m = 6 + trial % 5;
    Eigen::MatrixXd g(m + 2 * n, n);
    Eigen::VectorXd h(m + 2 * n), c(n);
    for (int j = 0; j < n; ++j) c(j) = gauss(rng);
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < n; ++j) g(i, j) = gauss(rng);
      h(i) = std::abs(gauss(rng));  // x = 0 is feasible
    }
    g.bottomRows(2 * n).setZero();
    for (int j = 0; j < n; ++j) {
      g(m + 2 * j, j) = 1.0;
      g(m + 2 * j + 1, j) = -1.0;
      h(m + 2 * j) = h(m + 2 * j + 1) = 2.0;
    }
    const LpSolution s = solve_linear_program(c, g, h);
    ASSERT_EQ(s.status, LpStatus::Optimal) << "trial " << trial;
    EXPECT_NEAR(s.value, brute_force_optimum(c, g, h), 1e-10) << "trial " << trial;
    expect_kkt(s, c, g, h);
  }
}

TEST(LinearProgram, DegenerateVertexDoesNotCycle) {
  // Twenty rows through the same optimal vertex (a Chebyshev fit of exact data looks like this).
  std::mt19937_64 rng(5);
  std::normal_distribution<double> gauss;
  const int n = 4, m = 20;
  Eigen::MatrixXd g(m + 2 * n, n);
  Eigen::VectorXd h(m + 2 * n), c = Eigen::VectorXd::Zero(n);
  c(3) = 1.0;  // min t subject to aᵢ·x − t ≤ 0: optimum 0 at x = 0 when the aᵢ surround the origin
  for (int i = 0; i < m; ++i) {
    const Eigen::Vector3d a = Eigen::Vector3d(gauss(rng), gauss(rng), gauss(rng)).normalized();
    g.row(i) << a.transpose(), -1.0;
    h(i) = 0.0;
  }
  g.bottomRows(2 * n).setZero();
  for (int j = 0; j < n; ++j) {
    g(m + 2 * j, j) = 1.0;
    g(m + 2 * j + 1, j) = -1.0;
    h(m + 2 * j) = h(m + 2 * j + 1) = 1.0;
  }
  const LpSolution s = solve_linear_program(c, g, h);
  ASSERT_EQ(s.status, LpStatus::Optimal);
  EXPECT_NEAR(s.value, brute_force_optimum(c, g, h), 1e-12);
  expect_kkt(s, c, g, h);
}

TEST(LinearProgram, ReportsUnboundedAndInfeasible) {
  Eigen::VectorXd c(1);
  c << 1.0;
  Eigen::MatrixXd g(1, 1);
  g << 1.0;
  Eigen::VectorXd h(1);
  h << 0.0;  // x ≤ 0, minimise x: unbounded
  EXPECT_EQ(solve_linear_program(c, g, h).status, LpStatus::Unbounded);
  Eigen::MatrixXd g2(2, 1);
  g2 << 1.0, -1.0;
  Eigen::VectorXd h2(2);
  h2 << -1.0, -1.0;  // x ≤ −1 and x ≥ 1
  EXPECT_EQ(solve_linear_program(c, g2, h2).status, LpStatus::Infeasible);
}

}  // namespace
}  // namespace spherefit
