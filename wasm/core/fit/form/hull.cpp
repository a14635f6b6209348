#include "fit/form/hull.hpp"

#include <cmath>
#include <vector>

#include "fit/form/linear_program.hpp"

namespace spherefit {

double hull_separation(const ZoneData& data, const Eigen::Vector3d& c) {
  // Variables (v, t): maximise t subject to (q − c)·v + t ≤ 0 for the rows so far, −1 ≤ vₖ ≤ 1.
  std::vector<Eigen::Vector3d> rows;
  for (int k = 0; k < 3; ++k) {
    rows.push_back(data.support(Eigen::Vector3d::Unit(k)).point);
    rows.push_back(data.support(-Eigen::Vector3d::Unit(k)).point);
  }
  Eigen::VectorXd objective = Eigen::VectorXd::Zero(4);
  objective(3) = -1.0;
  double t = 0.0;
  for (int round = 0; round < 200; ++round) {
    const int m = static_cast<int>(rows.size());
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(m + 6, 4);
    Eigen::VectorXd h = Eigen::VectorXd::Zero(m + 6);
    for (int i = 0; i < m; ++i) {
      g.row(i).head<3>() = (rows[static_cast<std::size_t>(i)] - c).transpose();
      g(i, 3) = 1.0;
    }
    for (int k = 0; k < 3; ++k) {
      g(m + 2 * k, k) = 1.0;
      g(m + 2 * k + 1, k) = -1.0;
      h(m + 2 * k) = h(m + 2 * k + 1) = 1.0;
    }
    const LpSolution lp = solve_linear_program(objective, g, h);
    if (lp.status != LpStatus::Optimal) return 0.0;  // cannot tell: let the solver's own guard decide
    t = lp.x(3);
    if (t <= 0.0) return t;  // more rows can only lower t
    const Eigen::Vector3d v = lp.x.head<3>();
    const Eigen::Vector3d q = data.support(v).point;
    if ((q - c).dot(v) + t <= 1e-12 * (1.0 + (q - c).norm())) return t;
    rows.push_back(q);
  }
  return t;
}

}  // namespace spherefit
