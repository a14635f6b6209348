#include "fit/form/uniqueness.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <limits>

#include "fit/form/linear_program.hpp"

namespace spherefit {
namespace {

// Whether some direction δ ≠ 0 (|δ|∞ ≤ 1) leaves the objective unchanged to first order, given
// every row within 10⁻⁹ of the radius of its extreme (multiplier or not):
//   zone: −nᵢ·δ ≤ τ ≤ −nⱼ·δ for outer rows i and inner rows j (both radii shift by τ);
//   inscribed: nⱼ·δ ≤ 0 (no nearest distance shrinks).
bool has_flat_direction(const ZoneData& data, FitType fit_type, const Eigen::Vector3d& center, double length_scale) {
  const ZoneSides sides{fit_type != FitType::MaximumInscribed, fit_type != FitType::MinimumCircumscribed};
  const double inf = std::numeric_limits<double>::infinity();
  const ZoneScan extremes = data.scan(center, inf, -inf, 1, sides);
  const double band = 1e-9 * length_scale;
  const ZoneScan scanned = data.scan(center, extremes.outer - band, extremes.inner + band, 64, sides);
  std::vector<ZoneRow> active;
  for (const ZoneRow& r : scanned.rows) {
    const double d = (r.point - center).norm();
    if (r.side > 0 ? d >= extremes.outer - band : d <= extremes.inner + band) active.push_back(r);
  }
  const bool zone = fit_type == FitType::MinimumZone;
  const int n = zone ? 4 : 3;
  const int m = static_cast<int>(active.size());
  Eigen::MatrixXd g = Eigen::MatrixXd::Zero(m + 6, n);
  Eigen::VectorXd h = Eigen::VectorXd::Zero(m + 6);
  for (int i = 0; i < m; ++i) {
    const ZoneRow& r = active[static_cast<std::size_t>(i)];
    const Eigen::Vector3d normal = -point_model(r.point, center).gradient;
    g.row(i).head<3>() = (r.side > 0 ? Eigen::Vector3d(-normal) : normal).transpose();
    if (zone) g(i, 3) = r.side > 0 ? -1.0 : 1.0;
  }
  for (int k = 0; k < 3; ++k) {
    g(m + 2 * k, k) = 1.0;
    g(m + 2 * k + 1, k) = -1.0;
    h(m + 2 * k) = h(m + 2 * k + 1) = 1.0;
  }
  for (int k = 0; k < 3; ++k) {
    for (double sign : {1.0, -1.0}) {
      Eigen::VectorXd cost = Eigen::VectorXd::Zero(n);
      cost(k) = -sign;
      const LpSolution lp = solve_linear_program(cost, g, h);
      if (lp.status == LpStatus::Optimal && sign * lp.x(k) > 1e-7) return true;
    }
  }
  return false;
}

}  // namespace

bool zone_is_unique(const ZoneData& data, FitType fit_type, const Eigen::Vector3d& center,
                    const std::vector<ZoneContact>& contacts, double length_scale) {
  if (fit_type == FitType::MinimumCircumscribed) return true;
  if (!has_flat_direction(data, fit_type, center, length_scale)) return true;  // sharp
  // Flat directions make every contact with a multiplier keep its place among the extremes: for
  // the zone each such contact's n·δ is the same, for the inscribed sphere zero. Along them the
  // second order decides: the Lagrangian's Hessian must be positive definite there (a strict
  // local minimum of the zone, or maximum of the inscribed radius).
  const bool zone = fit_type == FitType::MinimumZone;
  std::vector<Eigen::Vector3d> normals;
  Eigen::Matrix3d hessian = Eigen::Matrix3d::Zero();  // Σμ∇²f − Σν∇²f
  for (const ZoneContact& k : contacts) {
    if (!(k.multiplier > 1e-12)) continue;
    const RowModel m = data.model_row(k.row, center);
    normals.push_back(-m.gradient);
    hessian += (k.row.side > 0 ? k.multiplier : -k.multiplier) * m.hessian;
  }
  if (normals.empty()) return false;
  Eigen::Matrix<double, Eigen::Dynamic, 3> first(static_cast<long>(normals.size()), 3);
  for (std::size_t i = 0; i < normals.size(); ++i)
    first.row(static_cast<long>(i)) = (zone ? normals[i] - normals[0] : normals[i]).transpose();
  // Normals are unit vectors, so an absolute threshold on the singular values is the right one.
  const Eigen::JacobiSVD<Eigen::Matrix<double, Eigen::Dynamic, 3>> svd(first, Eigen::ComputeFullV);
  long rank = 0;
  for (long i = 0; i < svd.singularValues().size(); ++i) rank += svd.singularValues()(i) > 1e-9 ? 1 : 0;
  if (rank == 3) return true;
  const Eigen::Matrix<double, 3, Eigen::Dynamic> basis = svd.matrixV().rightCols(3 - rank);
  const Eigen::MatrixXd reduced = basis.transpose() * hessian * basis;
  const double smallest =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(reduced, Eigen::EigenvaluesOnly).eigenvalues()(0);
  return smallest > 1e-8 / length_scale;
}

}  // namespace spherefit
