#include "fit/form/newton_polish.hpp"

#include <Eigen/QR>
#include <cmath>

namespace spherefit {

std::optional<Eigen::Vector3d> polish_center(const ZoneData& data, FitType fit_type, const Eigen::Vector3d& center,
                                             const std::vector<ZoneContact>& found, double length_scale) {
  const bool outer = fit_type != FitType::MaximumInscribed;
  const bool inner = fit_type != FitType::MinimumCircumscribed;
  // Rows that stand for the same whole-circle extreme are one condition, not several.
  std::vector<ZoneContact> contacts;
  for (const ZoneContact& f : found) {
    bool merged = false;
    if (data.model_row(f.row, center).whole_circle) {
      for (ZoneContact& k : contacts) {
        if (k.row.index == f.row.index && k.row.side == f.row.side && data.model_row(k.row, center).whole_circle) {
          k.multiplier += f.multiplier;
          merged = true;
          break;
        }
      }
    }
    if (!merged) contacts.push_back(f);
  }
  const int k = static_cast<int>(contacts.size());
  const int u = 3, l = 3 + (outer ? 1 : 0), first = l + (inner ? 1 : 0);
  const int size = first + k;
  if (k == 0 || size > 24) return std::nullopt;

  // Unknowns x = (c, u, l, multipliers); residuals in the same order as the conditions above.
  Eigen::VectorXd x = Eigen::VectorXd::Zero(size);
  x.head<3>() = center;
  for (int i = 0; i < k; ++i) x(first + i) = contacts[static_cast<std::size_t>(i)].multiplier;
  std::vector<RowModel> rows(static_cast<std::size_t>(k));
  const auto measure = [&](const Eigen::VectorXd& at) {
    for (int i = 0; i < k; ++i)
      rows[static_cast<std::size_t>(i)] = data.model_row(contacts[static_cast<std::size_t>(i)].row, at.head<3>());
  };
  measure(x);
  // The radii start at the contacts' mean distances on each side.
  double sum[2] = {0, 0}, count[2] = {0, 0};
  for (int i = 0; i < k; ++i) {
    const int s = contacts[static_cast<std::size_t>(i)].row.side > 0 ? 0 : 1;
    sum[s] += rows[static_cast<std::size_t>(i)].value;
    count[s] += 1;
  }
  if ((outer && count[0] == 0) || (inner && count[1] == 0)) return std::nullopt;
  if (outer) x(u) = sum[0] / count[0];
  if (inner) x(l) = sum[1] / count[1];

  for (int step = 0; step < 8; ++step) {
    Eigen::VectorXd residual = Eigen::VectorXd::Zero(size);
    Eigen::MatrixXd jacobian = Eigen::MatrixXd::Zero(size, size);
    for (int i = 0; i < k; ++i) {
      const RowModel& f = rows[static_cast<std::size_t>(i)];
      const double side = contacts[static_cast<std::size_t>(i)].row.side > 0 ? 1.0 : -1.0;
      const double w = x(first + i);
      residual.head<3>() += side * w * f.gradient;
      jacobian.topLeftCorner<3, 3>() += side * w * f.hessian;
      jacobian.block(0, first + i, 3, 1) = side * f.gradient;
      const int radius = side > 0 ? u : l;
      residual(radius) += side > 0 ? -w : w;  // 1 − Σμ and −1 + Σν, less their constants below
      jacobian(radius, first + i) = side > 0 ? -1.0 : 1.0;
      residual(first + i) = f.value - x(radius);
      jacobian.block(first + i, 0, 1, 3) = f.gradient.transpose();
      jacobian(first + i, radius) = -1.0;
    }
    if (outer) residual(u) += 1.0;
    if (inner) residual(l) -= 1.0;
    // Where the optimum is not isolated the system is singular; the least-norm step then lands
    // on the set of optimal centres nearest the current one.
    Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod;
    cod.setThreshold(1e-12);
    cod.compute(jacobian);
    const Eigen::VectorXd delta = -cod.solve(residual);
    if (!delta.allFinite()) return std::nullopt;
    x += delta;
    for (int i = 0; i < k; ++i)
      if (!(x(first + i) > 0.0)) return std::nullopt;  // a contact wants to let go: not this active set
    measure(x);
    // In the quadratic regime a step this small leaves an error of its square: nothing.
    if (delta.head<3>().norm() <= 1e-12 * length_scale) return Eigen::Vector3d(x.head<3>());
  }
  return std::nullopt;
}

}  // namespace spherefit
