#include "fit/form/zone_program.hpp"

#include <algorithm>
#include <cmath>

namespace spherefit {
namespace {

struct Linear {
  double d;
  Eigen::Vector3d n;  // unit, from the centre to the point
};

Linear linearise(const Eigen::Vector3d& q, const Eigen::Vector3d& c) {
  const Eigen::Vector3d e = q - c;
  const double d = e.norm();
  // A point at the centre itself has no direction; any unit vector keeps the program well posed.
  return {d, d > 0.0 ? Eigen::Vector3d(e / d) : Eigen::Vector3d::UnitX()};
}

}  // namespace

ZoneSides sides_of(FitType t) { return {t != FitType::MaximumInscribed, t != FitType::MinimumCircumscribed}; }

double objective(FitType t, double outer, double inner) {
  if (t == FitType::MinimumZone) return outer - inner;
  if (t == FitType::MaximumInscribed) return -inner;
  return outer;
}

ZoneProgram solve_zone_program(const std::vector<ZoneRow>& rows, const Eigen::Vector3d& c, double outer, double inner,
                               double box, ZoneSides sides) {
  ZoneProgram model;
  int n = 3;
  if (sides.outer) model.u = n++;
  if (sides.inner) model.l = n++;
  const int m = static_cast<int>(rows.size());
  Eigen::VectorXd cost = Eigen::VectorXd::Zero(n);
  if (model.u >= 0) cost(model.u) = 1.0;
  if (model.l >= 0) cost(model.l) = -1.0;
  Eigen::MatrixXd g = Eigen::MatrixXd::Zero(m + 6, n);
  Eigen::VectorXd h(m + 6);
  for (int i = 0; i < m; ++i) {
    const ZoneRow& row = rows[static_cast<std::size_t>(i)];
    const Linear lin = linearise(row.point, c);
    if (row.side > 0) {  // d − n·δ ≤ outer + u'
      g.row(i).head<3>() = -lin.n.transpose();
      g(i, model.u) = -1.0;
      h(i) = outer - lin.d;
    } else {  // d − n·δ ≥ inner + l'
      g.row(i).head<3>() = lin.n.transpose();
      g(i, model.l) = 1.0;
      h(i) = lin.d - inner;
    }
  }
  for (int k = 0; k < 3; ++k) {
    g(m + 2 * k, k) = 1.0;
    g(m + 2 * k + 1, k) = -1.0;
    h(m + 2 * k) = h(m + 2 * k + 1) = box;
  }
  model.lp = solve_linear_program(cost, g, h);
  return model;
}

Certificate certify(FitType t, const std::vector<ZoneRow>& rows, const Eigen::VectorXd& y, const Eigen::Vector3d& c,
                    double outer, double inner) {
  Certificate cert;
  double total[2] = {0.0, 0.0};  // [outer, inner]
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (y(static_cast<long>(i)) > 0.0) total[rows[i].side > 0 ? 0 : 1] += y(static_cast<long>(i));
  const ZoneSides sides = sides_of(t);
  if ((sides.outer && !(total[0] > 0.0)) || (sides.inner && !(total[1] > 0.0))) return cert;

  double weighted_d = 0.0;  // Σμd − Σνd
  Eigen::Vector3d weighted_n = Eigen::Vector3d::Zero();
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double yi = y(static_cast<long>(i));
    if (!(yi > 0.0)) continue;
    const int side = rows[i].side;
    const double w = yi / total[side > 0 ? 0 : 1];
    cert.contacts.push_back({rows[i], w});
    const Linear lin = linearise(rows[i].point, c);
    weighted_d += side * w * lin.d;
    weighted_n += side * w * lin.n;
    mean += w * rows[i].point;
  }
  const double rho = outer;
  double gap;
  if (t == FitType::MinimumCircumscribed) {
    double spread = 0.0;
    for (const ZoneContact& k : cert.contacts) spread += k.multiplier * (k.row.point - mean).squaredNorm();
    gap = outer - std::sqrt(spread);
  } else if (t == FitType::MaximumInscribed) {
    gap = -weighted_d + rho * weighted_n.norm() - inner;  // weighted_d = −Σνd here
  } else {
    gap = (outer - inner) - weighted_d + rho * weighted_n.norm();
  }
  cert.gap = std::max(0.0, gap);
  // Multipliers below 10⁻⁹ sit on rows that merely came along with the basis (often not binding
  // at all): they count in the bound above but are not contacts.
  double kept[2] = {0.0, 0.0};
  std::vector<ZoneContact> contacts;
  for (const ZoneContact& k : cert.contacts) {
    if (k.multiplier < 1e-9) continue;
    contacts.push_back(k);
    kept[k.row.side > 0 ? 0 : 1] += k.multiplier;
  }
  for (ZoneContact& k : contacts) k.multiplier /= kept[k.row.side > 0 ? 0 : 1];
  cert.contacts = std::move(contacts);
  return cert;
}

}  // namespace spherefit
