#include "fit/form/form_fit.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <string>

#include "fit/form/chebyshev.hpp"
#include "fit/form/circle_extremes.hpp"
#include "fit/form/circle_zone.hpp"
#include "fit/form/enclosing_ball.hpp"
#include "fit/form/form_input.hpp"
#include "fit/form/point_zone.hpp"

namespace spherefit {
namespace {

std::optional<Error> check_request(FitType fit_type, const Eigen::Vector3d& start) {
  if (fit_type != FitType::MinimumZone && fit_type != FitType::MinimumCircumscribed &&
      fit_type != FitType::MaximumInscribed) {
    return Error{
        ErrorCode::InvalidOption,
        "A form fit is minimum-zone, minimum-circumscribed or maximum-inscribed; least squares is fitted elsewhere."};
  }
  if (!start.allFinite()) {
    return Error{ErrorCode::InvalidOption,
                 "The start centre of a form fit must be finite: pass the least-squares centre."};
  }
  return std::nullopt;
}

// From working units back to the user's: the sphere, the zone, the contacts (their points given by
// `contact_point`), sorted outer first, then by observation.
FormFit to_user(const ChebyshevFit& z, FitType fit_type, const Eigen::Vector3d& origin, double scale,
                const std::function<Eigen::Vector3d(const ZoneRow&)>& contact_point) {
  FormFit fit;
  fit.center = origin + scale * z.center;
  fit.form.outer_radius = scale * z.outer;
  fit.form.inner_radius = scale * z.inner;
  fit.form.form_error = scale * (z.outer - z.inner);
  if (fit_type == FitType::MinimumZone) fit.radius = scale * (0.5 * (z.outer + z.inner));
  if (fit_type == FitType::MinimumCircumscribed) fit.radius = fit.form.outer_radius;
  if (fit_type == FitType::MaximumInscribed) fit.radius = fit.form.inner_radius;
  for (const ZoneContact& k : z.contacts) {
    Contact c;
    c.index = k.row.index;
    c.side = k.row.side;
    c.point = contact_point(k.row);
    c.multiplier = k.multiplier;
    fit.form.contacts.push_back(c);
  }
  std::stable_sort(fit.form.contacts.begin(), fit.form.contacts.end(), [](const Contact& a, const Contact& b) {
    return a.side != b.side ? a.side > b.side : a.index < b.index;
  });
  fit.form.optimality_gap = scale * z.optimality_gap;
  fit.form.unique = z.unique;
  fit.iterations = z.iterations;
  return fit;
}

// The final check, independent of the solver: every observation re-measured from the user's numbers
// against the reported centre and radii. Differences are taken before scaling, so nothing overflows.
double point_violation(const PointColumnsView& points, const FormFit& fit, double scale) {
  double worst = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < points.count; ++i) {
    const double d = scale * ((points.point(i) - fit.center) / scale).norm();
    worst = std::max({worst, d - fit.form.outer_radius, fit.form.inner_radius - d});
  }
  return worst;
}

double circle_violation(const SliceColumnsView& slices, const FormFit& fit, double scale) {
  double worst = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < slices.count; ++i) {
    const SliceCircle c = slices.circle(i);
    const Eigen::Vector3d normal = c.normal.normalized();
    const Eigen::Vector3d any = normal.unitOrthogonal();
    const CircleExtremes x =
        circle_extremes((c.center - fit.center) / scale, normal, c.radius / scale, any, Eigen::Vector3d::Zero());
    worst = std::max({worst, scale * x.far - fit.form.outer_radius, fit.form.inner_radius - scale * x.near});
  }
  return worst;
}

Outcome<FormFit> finite(FormFit fit) {
  bool ok = fit.center.allFinite() && std::isfinite(fit.radius) && std::isfinite(fit.form.form_error) &&
            std::isfinite(fit.form.max_violation) && std::isfinite(fit.form.optimality_gap);
  for (const Contact& c : fit.form.contacts) ok = ok && c.point.allFinite() && std::isfinite(c.multiplier);
  if (!ok)
    return Error{ErrorCode::NumericalFailure,
                 "The form fit produced a non-finite number; check the data for extreme values."};
  return fit;
}

}  // namespace

Outcome<FormFit> fit_form(const PointColumnsView& points, FitType fit_type, const Eigen::Vector3d& start_center) {
  if (auto bad = check_request(fit_type, start_center)) return *bad;
  Outcome<FormPoints> prepared = prepare_form_points(points, fit_type);
  if (!prepared.ok()) return prepared.error();
  const Eigen::Vector3d origin = prepared.value().origin;
  const double scale = prepared.value().scale;
  const auto user_point = [&](const ZoneRow& row) { return points.point(static_cast<std::size_t>(row.index)); };

  FormFit fit;
  if (fit_type == FitType::MinimumCircumscribed) {
    const EnclosingBall ball = smallest_enclosing_ball(prepared.value().points);
    ChebyshevFit z;
    z.center = ball.center;
    z.outer = ball.radius;
    z.inner = std::numeric_limits<double>::infinity();
    for (const Eigen::Vector3d& p : prepared.value().points) z.inner = std::min(z.inner, (p - ball.center).norm());
    for (std::size_t j = 0; j < ball.support.size(); ++j) {
      const long i = ball.support[j];
      z.contacts.push_back({{i, +1, prepared.value().points[static_cast<std::size_t>(i)]}, ball.weights[j]});
    }
    z.optimality_gap = std::max(0.0, ball.radius - ball.lower_bound);
    z.converged = true;
    z.unique = true;
    z.iterations = ball.passes;
    fit = to_user(z, fit_type, origin, scale, user_point);
  } else {
    const PointZone data(std::move(prepared.value().points));
    const Outcome<ChebyshevFit> z = fit_chebyshev(data, fit_type, (start_center - origin) / scale, "points");
    if (!z.ok()) return z.error();
    fit = to_user(z.value(), fit_type, origin, scale, user_point);
  }
  fit.form.max_violation = point_violation(points, fit, scale);
  return finite(std::move(fit));
}

Outcome<FormFit> fit_form(const SliceColumnsView& circles, FitType fit_type, const Eigen::Vector3d& start_center) {
  if (auto bad = check_request(fit_type, start_center)) return *bad;
  Outcome<FormCircles> prepared = prepare_form_circles(circles, fit_type);
  if (!prepared.ok()) return prepared.error();
  const Eigen::Vector3d origin = prepared.value().origin;
  const double scale = prepared.value().scale;
  const CircleZone data(std::move(prepared.value().circles));
  const Outcome<ChebyshevFit> z = fit_chebyshev(data, fit_type, (start_center - origin) / scale, "slices");
  if (!z.ok()) return z.error();
  FormFit fit = to_user(z.value(), fit_type, origin, scale,
                        [&](const ZoneRow& row) -> Eigen::Vector3d { return origin + scale * row.point; });
  fit.form.max_violation = circle_violation(circles, fit, scale);
  return finite(std::move(fit));
}

}  // namespace spherefit
