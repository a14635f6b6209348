#include "fit/form/form_input.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <string>

#include "fit/circles/work_set.hpp"
#include "model/format.hpp"

namespace spherefit {
namespace {

// Data thinner than this fraction of their size (the RMS spread's square root ratio) along some
// direction lie in a plane, or along a line, as far as double precision can tell.
constexpr double kFlat = 1e-10;

std::size_t points_needed(FitType t) { return t == FitType::MinimumZone ? 5 : 4; }

const char* fit_label(FitType t) {
  switch (t) {
    case FitType::MinimumZone:
      return "minimum-zone";
    case FitType::MinimumCircumscribed:
      return "minimum circumscribed";
    case FitType::MaximumInscribed:
      return "maximum inscribed";
    default:
      return "least-squares";
  }
}

// Square roots of the scatter's eigenvalues, ascending: the data's spread along its principal axes.
Eigen::Vector3d principal_spread(const Eigen::Matrix3d& scatter) {
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(scatter, Eigen::EigenvaluesOnly);
  return eig.eigenvalues().cwiseMax(0.0).cwiseSqrt();
}

}  // namespace

Outcome<FormPoints> prepare_form_points(const PointColumnsView& points, FitType fit_type) {
  const std::size_t needed = points_needed(fit_type);
  const bool columns = points.x != nullptr && points.y != nullptr && points.z != nullptr;
  const std::size_t count = columns ? points.count : 0;
  if (count < needed) {
    return Error{ErrorCode::TooFewPoints, std::string("The ") + fit_label(fit_type) + " sphere needs at least " +
                                              grouped(needed) + " points (found " + grouped(count) +
                                              "); measure more points around the ball."};
  }
  // One pass for the frame: differences from the first point (their mean keeps its digits far from
  // the origin; their largest magnitude bounds the extent without squaring, so nothing overflows),
  // and one to copy into working coordinates with the scatter matrix.
  const Eigen::Vector3d first = points.point(0);
  Eigen::Vector3d sum = Eigen::Vector3d::Zero();
  double extent = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    const Eigen::Vector3d p = points.point(i);
    if (!p.allFinite()) {
      Error e{ErrorCode::NonFiniteValue,
              "Point " + std::to_string(i + 1) + ": a coordinate is not a finite number; fix or remove it."};
      e.point = static_cast<long>(i);
      return e;
    }
    sum += p - first;
    extent = std::max(extent, (p - first).cwiseAbs().maxCoeff());
  }
  const Eigen::Vector3d centroid = first + sum / static_cast<double>(count);
  if (!centroid.allFinite() || !std::isfinite(extent)) {
    return Error{ErrorCode::NumericalFailure,
                 "The numbers span more than double precision can hold (beyond about ±1e300): rescale the data, for "
                 "example to other units."};
  }
  if (!(extent > 0.0)) {
    return Error{ErrorCode::PointsCollinear,
                 "All points are the same point: a sphere needs points spread over its surface."};
  }
  FormPoints out;
  out.origin = centroid;
  out.scale = extent;
  const double inverse = 1.0 / extent;
  out.points.resize(count);
  Eigen::Matrix3d scatter = Eigen::Matrix3d::Zero();
  for (std::size_t i = 0; i < count; ++i) {
    out.points[i] = (points.point(i) - centroid) * inverse;
    scatter.noalias() += out.points[i] * out.points[i].transpose();
  }
  const Eigen::Vector3d axes = principal_spread(scatter / static_cast<double>(count));
  if (axes(1) <= kFlat * axes(2)) {
    return Error{ErrorCode::PointsCollinear,
                 "All points lie on one line: a sphere needs points spread over its surface."};
  }
  if (axes(0) <= kFlat * axes(2)) {
    return Error{ErrorCode::PointsCoplanar,
                 "All points lie in one plane, so no sphere is determined: measure points off that plane."};
  }
  return out;
}

Outcome<FormCircles> prepare_form_circles(const SliceColumnsView& slices, FitType fit_type) {
  Outcome<WorkSet> prepared = prepare_slices(slices, FitOptions{});
  if (!prepared.ok()) return prepared.error();
  WorkSet& set = prepared.value();
  const std::size_t count = set.circles.size();
  if (count < 2) {
    return Error{ErrorCode::TooFewSlices, std::string("The ") + fit_label(fit_type) +
                                              " sphere needs at least two slice circles in different planes (found " +
                                              grouped(count) + ")."};
  }
  const bool circles =
      std::any_of(set.circles.begin(), set.circles.end(), [](const WorkCircle& c) { return c.radius > 0.0; });
  if (!circles && count < points_needed(fit_type)) {
    return Error{ErrorCode::TooFewSlices, std::string("The ") + fit_label(fit_type) + " sphere needs at least " +
                                              std::to_string(points_needed(fit_type)) +
                                              " slices when all are tangent points (r = 0); found " + grouped(count) +
                                              "."};
  }
  // The scatter of all the circles' points: each circle adds its centre's and r²/2 in its plane.
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (const WorkCircle& c : set.circles) mean += c.center;
  mean /= static_cast<double>(count);
  Eigen::Matrix3d scatter = Eigen::Matrix3d::Zero();
  for (const WorkCircle& c : set.circles) {
    const Eigen::Vector3d e = c.center - mean;
    scatter.noalias() +=
        e * e.transpose() + 0.5 * c.radius * c.radius * (Eigen::Matrix3d::Identity() - c.normal * c.normal.transpose());
  }
  const Eigen::Vector3d axes = principal_spread(scatter / static_cast<double>(count));
  if (axes(0) <= kFlat * axes(2)) {
    return Error{
        ErrorCode::AllSlicesCoplanar,
        "All " + grouped(count) + " slices lie in one plane, so no sphere is determined: add slices in other planes."};
  }
  FormCircles out;
  out.circles = std::move(set.circles);
  out.origin = set.origin;
  out.scale = set.scale;
  return out;
}

}  // namespace spherefit
