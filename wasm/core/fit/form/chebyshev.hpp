// The minimum-zone, maximum-inscribed and (for slice circles) minimum-circumscribed spheres:
// Chebyshev fits of the distances dᵢ(c) = |qᵢ − c| from a centre c to the observations,
//   minimum zone:           minimise  max dᵢ − min dᵢ   (ISO sphericity: outer − inner radius)
//   maximum inscribed:      maximise  min dᵢ            (centre in the data's hull, hull.hpp)
//   minimum circumscribed:  minimise  max dᵢ            (convex; points use enclosing_ball.hpp)
//
// Method: sequential linear programming (Osborne and Watson's algorithm for nonlinear minimax
// approximation, Computer Journal 1969) with a trust region and an exchange of rows. At c the
// distances are linearised and a small linear program (zone_program.hpp) is solved on a working
// set of rows. The trial centre c + δ is measured exactly on all the data (ZoneData::scan, which
// also returns the worst offenders of the model's zone as new rows, sixteen per side, so with 10⁵
// points each program keeps a few dozen rows; rows far from binding are dropped beyond 400); the
// step is kept when the exact objective falls by at least a tenth of the predicted fall, and Δ
// doubles after good steps that reach it and shrinks after poor ones that brought no new rows.
// Near a vertex solution (five contacts, e.g. 3 outer + 2 inner) the linearisation is exact to
// second order, so the steps converge quadratically.
//
// At the end the centre is polished by Newton's method on the contacts (newton_polish.hpp) and
// the certificate is taken again from a program whose box (10⁻¹² of the radius) keeps the step at
// the centre, so that the contacts reported are rows that bind there; each is kept only if its
// certificate is no worse.
//
// Certificate (first order, "locally"): the program's multipliers μᵢ on outer rows and νⱼ on inner
// rows (each summing to 1) give, for every step with |δ| ≤ ρ,
//   max(dᵢ − nᵢ·δ) − min(dⱼ − nⱼ·δ) ≥ Σμᵢdᵢ − Σνⱼdⱼ − ρ|Σμᵢnᵢ − Σνⱼnⱼ|,
// so the optimality gap, zone − that bound (ρ = the outer radius), is zero exactly when the outer
// contacts' normals' hull meets the inner contacts' (Σμn = Σνn) and the contacts hold the extreme
// distances. Inscribed: min dⱼ − nⱼ·δ ≤ Σνⱼdⱼ + ρ|Σνⱼnⱼ|, and Σνn = 0 also proves the centre lies in
// the contacts' hull. Circumscribed (convex): √(Σμᵢ|qᵢ − c'|²), c' = Σμᵢqᵢ, bounds every radius from
// below globally (see enclosing_ball.hpp).
#pragma once

#include <string>
#include <vector>

#include "fit/form/zone_data.hpp"
#include "model/options.hpp"
#include "model/status.hpp"

namespace spherefit {

struct ZoneContact {
  ZoneRow row;
  double multiplier = 0.0;  // sums to 1 over each side's contacts
};

struct ChebyshevFit {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  double outer = 0.0;                 // the largest distance from center to the data, exact
  double inner = 0.0;                 // the smallest
  std::vector<ZoneContact> contacts;  // rows with a positive multiplier
  double optimality_gap = 0.0;        // see above; ≥ 0
  bool converged = false;             // the gap fell below 1e-13 of the radius
  bool unique = true;
  int iterations = 0;  // linear programs solved
};

// fit_type: MinimumZone, MaximumInscribed or MinimumCircumscribed; start: the least-squares centre.
// Working units throughout. `noun` names the observations in messages ("points", "slices").
// Errors: InscribedUnbounded (maximum inscribed, the data do not surround the centre),
// Underdetermined (minimum zone: the zone keeps narrowing as the centre runs off beyond a thousand
// data sizes, towards a pair of planes), NumericalFailure (the first linear program failed).
Outcome<ChebyshevFit> fit_chebyshev(const ZoneData& data, FitType fit_type, const Eigen::Vector3d& start,
                                    const std::string& noun);

}  // namespace spherefit
