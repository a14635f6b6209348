#include "fit/form/chebyshev.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "fit/form/hull.hpp"
#include "fit/form/newton_polish.hpp"
#include "fit/form/uniqueness.hpp"
#include "fit/form/zone_program.hpp"

namespace spherefit {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr int kFirstRows = 24;          // rows per side taken from the start's scan
constexpr int kAddedRows = 16;          // offenders per side added after each trial
constexpr std::size_t kMaxRows = 400;   // above this many rows, the slackest are dropped…
constexpr std::size_t kKeptRows = 200;  // …down to this many
constexpr int kMaxIterations = 300;
constexpr double kConverged = 1e-13;    // optimality gap, as a fraction of the radius
constexpr double kSmallestBox = 1e-15;  // trust region, as a fraction of the radius: stalled below

// Adds the rows not already present (same observation, side and point); returns how many.
int merge_rows(std::vector<ZoneRow>& rows, const std::vector<ZoneRow>& fresh, double same) {
  int added = 0;
  for (const ZoneRow& f : fresh) {
    bool present = false;
    for (std::size_t i = 0; i < rows.size() && !present; ++i) {
      const ZoneRow& r = rows[i];
      present = r.index == f.index && r.side == f.side && (r.point - f.point).squaredNorm() <= same * same;
    }
    if (!present) {
      rows.push_back(f);
      ++added;
    }
  }
  return added;
}

// Keeps the rows with a multiplier and, after them, those nearest to binding.
void prune_rows(std::vector<ZoneRow>& rows, const Eigen::VectorXd& y, const Eigen::Vector3d& c, double outer,
                double inner) {
  if (rows.size() <= kMaxRows) return;
  std::vector<double> slack(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double d = (rows[i].point - c).norm();
    slack[i] = y(static_cast<long>(i)) > 0.0 ? -kInfinity : (rows[i].side > 0 ? outer - d : d - inner);
  }
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::nth_element(order.begin(), order.begin() + static_cast<long>(kKeptRows), order.end(),
                   [&](std::size_t a, std::size_t b) { return slack[a] < slack[b]; });
  order.resize(kKeptRows);
  std::sort(order.begin(), order.end());
  std::vector<ZoneRow> kept;
  kept.reserve(kKeptRows);
  for (std::size_t i : order) kept.push_back(rows[i]);
  rows = std::move(kept);
}

// The certificate at c from a program whose box (1e-12 of the radius) keeps the step at c: its
// multipliers sit on rows that bind at c, taken fresh from a scan there (rows on circles are the
// extreme points for this very centre) and from the earlier contacts that are fixed points.
struct Settled {
  bool valid = false;
  double outer = 0.0;
  double inner = 0.0;
  Certificate cert;
};

Settled settle(const ZoneData& data, FitType fit_type, const Eigen::Vector3d& c, const Certificate& before,
               double rho) {
  const ZoneSides sides = sides_of(fit_type);
  const ZoneScan at = data.scan(c, -kInfinity, kInfinity, kFirstRows, sides);
  std::vector<ZoneRow> rows = at.rows;
  // Earlier contacts that are fixed points stay candidates (at a circle's axis every point of it is
  // an extreme, and the multipliers may need those very points); a contact that stands for a
  // circle's moving extreme is already among the fresh rows, at its place for this centre.
  std::vector<ZoneRow> fixed;
  for (const ZoneContact& k : before.contacts)
    if (!data.model_row(k.row, c).whole_circle) fixed.push_back(k.row);
  merge_rows(rows, fixed, 1e-12 * rho);
  const ZoneProgram model = solve_zone_program(rows, c, at.outer, at.inner, 1e-12 * rho, sides);
  Settled out;
  if (model.lp.status != LpStatus::Optimal) return out;
  out.valid = true;
  out.outer = at.outer;
  out.inner = at.inner;
  out.cert = certify(fit_type, rows, model.lp.y, c, at.outer, at.inner);
  return out;
}

Error inscribed_unbounded(const std::string& noun) {
  return Error{ErrorCode::InscribedUnbounded,
               "The " + noun +
                   " do not surround the centre: all lie on one side of a plane through it (a cap of about a "
                   "hemisphere or less, or too few to enclose it), so an empty sphere among them can grow "
                   "without bound and the maximum inscribed sphere is not defined. Measure more of the ball, "
                   "or use the least-squares or minimum-zone sphere."};
}

}  // namespace

Outcome<ChebyshevFit> fit_chebyshev(const ZoneData& data, FitType fit_type, const Eigen::Vector3d& start,
                                    const std::string& noun) {
  const ZoneSides sides = sides_of(fit_type);
  Eigen::Vector3d c = start;
  const ZoneScan first = data.scan(c, -kInfinity, kInfinity, kFirstRows, sides);
  double outer = first.outer;
  double inner = first.inner;
  double phi = objective(fit_type, outer, inner);
  const double rho = outer;  // the length every tolerance is relative to
  if (!(rho > 0.0) || !std::isfinite(rho)) {
    return Error{ErrorCode::NumericalFailure, "The " + noun + " are all at the start centre; no sphere can be fitted."};
  }
  const bool inscribed = fit_type == FitType::MaximumInscribed;
  if (inscribed && hull_separation(data, c) > 1e-9 * rho) return inscribed_unbounded(noun);

  std::vector<ZoneRow> rows = first.rows;
  // The form fits' centres lie about a form error from the least-squares one: a first step of that size.
  double box = std::max(outer - inner, 1e-6 * rho);
  // An inscribed centre farther out than every observation is outside their hull; a zone centre a
  // thousand data sizes away is heading for a pair of planes, not a sphere.
  const double far_away = (inscribed ? 1.0 : 1e3) * std::max(data.extent(), inscribed ? 0.0 : rho);

  ChebyshevFit fit;
  Certificate cert;
  int rejections = 0;
  for (int it = 1;; ++it) {
    const ZoneProgram model = solve_zone_program(rows, c, outer, inner, box, sides);
    if (model.lp.status != LpStatus::Optimal) {
      if (it == 1) {
        return Error{ErrorCode::NumericalFailure,
                     "The " + std::string(name_of(kFitTypeNames, fit_type)) +
                         " fit's linear program failed; check the data for extreme values."};
      }
      cert = Certificate{};  // nothing certified at this centre yet: the settling below decides
      break;
    }
    cert = certify(fit_type, rows, model.lp.y, c, outer, inner);
    fit.iterations = it;
    if (cert.gap <= kConverged * rho) {
      fit.converged = true;
      break;
    }
    const double predicted = -model.lp.value;
    if (it >= kMaxIterations || !(predicted > 0.0)) break;

    prune_rows(rows, model.lp.y, c, outer, inner);
    const Eigen::Vector3d step = model.lp.x.head<3>();
    const Eigen::Vector3d trial = c + step;
    const double model_outer = model.u >= 0 ? outer + model.lp.x(model.u) : kInfinity;
    const double model_inner = model.l >= 0 ? inner + model.lp.x(model.l) : -kInfinity;
    const ZoneScan scanned = data.scan(trial, model_outer, model_inner, kAddedRows, sides);
    const int added = merge_rows(rows, scanned.rows, 1e-12 * rho);
    const double trial_phi = objective(fit_type, scanned.outer, scanned.inner);
    const double actual = phi - trial_phi;
    const double length = step.cwiseAbs().maxCoeff();
    if (actual >= 0.1 * predicted) {
      if (trial.norm() > far_away) {
        if (inscribed) return inscribed_unbounded(noun);
        return Error{ErrorCode::Underdetermined,
                     "The minimum zone of these " + noun +
                         " lies more than a thousand times their size away: the zone keeps narrowing as the centre "
                         "moves off, towards a pair of parallel planes. They are too flat (too small a cap, or too "
                         "few) to determine a minimum-zone sphere."};
      }
      c = trial;
      outer = scanned.outer;
      inner = scanned.inner;
      phi = trial_phi;
      rejections = 0;
      if (actual >= 0.75 * predicted && length >= 0.5 * box) box *= 2.0;
    } else if (added == 0 || ++rejections > 2) {
      // The model had every offending row and still promised too much: the step was too long.
      box = 0.25 * std::min(box, length > 0.0 ? length : box);
    }
    if (box < kSmallestBox * rho) break;
  }
  // The last digits where the optimum is not a vertex (newton_polish.hpp), and the contacts as they
  // hold at the centre itself: a program with a box too small to leave the centre has multipliers
  // only on rows that bind there. Either is kept only if its certificate is no worse.
  Eigen::Vector3d final_center = c;
  Settled settled = settle(data, fit_type, c, cert, rho);
  if (const auto polished = polish_center(data, fit_type, c, cert.contacts, rho)) {
    Settled at = settle(data, fit_type, *polished, cert, rho);
    if (at.valid && objective(fit_type, at.outer, at.inner) <= phi + 1e-15 * rho &&
        at.cert.gap <= std::max(settled.valid ? settled.cert.gap : kInfinity, kConverged * rho)) {
      settled = std::move(at);
      final_center = *polished;
    }
  }
  if (settled.valid && (settled.cert.gap <= std::max(cert.gap, kConverged * rho) || cert.contacts.empty())) {
    c = final_center;
    outer = settled.outer;
    inner = settled.inner;
    cert = std::move(settled.cert);
  }
  fit.converged = cert.gap <= kConverged * rho;
  // A stalled inscribed fit may have wandered out of the data.
  if (inscribed && !fit.converged && hull_separation(data, c) > 1e-9 * rho) return inscribed_unbounded(noun);

  fit.center = c;
  fit.outer = outer;
  fit.inner = inner;
  fit.contacts = std::move(cert.contacts);
  // Without multipliers only the trivial bound is left: no zone below zero, no sphere below a point.
  const double trivial = fit_type == FitType::MinimumZone ? outer - inner : outer;
  fit.optimality_gap = std::isfinite(cert.gap) ? cert.gap : trivial;
  fit.unique = zone_is_unique(data, fit_type, c, fit.contacts, rho);
  return fit;
}

}  // namespace spherefit
