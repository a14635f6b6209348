#include "pipeline/fit_contours.hpp"

#include <cmath>
#include <optional>

#include "model/format.hpp"
#include "pipeline/fit.hpp"
#include "pipeline/shape_check.hpp"

namespace spherefit {
namespace {

std::string contour_list(const PointTable& table, const std::vector<std::int32_t>& ids) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(ids.size(), 12);
  for (std::size_t k = 0; k < shown; ++k) {
    if (k > 0) out += ", ";
    out += "'" + table.slice_names[static_cast<std::size_t>(ids[k])] + "'";
  }
  if (ids.size() > shown) out += " and " + std::to_string(ids.size() - shown) + " more";
  return out;
}

}  // namespace

Outcome<ContourFit> fit_contours(const PointTable& table, const FitOptions& options) {
  ContourFit out;
  ContourDetails& d = out.details;
  d.circles = fit_contour_circles(table);
  if (d.circles.circles.size() < 2) {
    return Error{ErrorCode::TooFewSlices, "Only " + grouped(d.circles.circles.size()) + " of " +
                                              grouped(table.slice_names.size()) +
                                              " contours make a circle (each needs three points not on one line); "
                                              "a sphere needs at least two."};
  }
  Outcome<SphereFit> circles = fit_sphere(d.circles.circles.view(), options);
  if (!circles.ok()) return circles.error();
  out.fit = std::move(circles.value());
  out.fit.mode = FitMode::Contours;

  // The direct fit uses the points of the contours that made circles.
  PointTable kept;
  const PointTable* points = &table;
  if (!d.circles.left_out.empty()) {
    std::vector<std::uint8_t> left(table.slice_names.size(), 0);
    for (std::int32_t c : d.circles.left_out) left[static_cast<std::size_t>(c)] = 1;
    kept.slice_names = table.slice_names;
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (left[static_cast<std::size_t>(table.slice[i])]) continue;
      kept.x.push_back(table.x[i]);
      kept.y.push_back(table.y[i]);
      kept.z.push_back(table.z[i]);
      kept.slice.push_back(table.slice[i]);
    }
    points = &kept;
    out.fit.warnings.push_back(
        {WarningCode::ContoursLeftOut,
         grouped(d.circles.left_out.size()) + " contour" + (d.circles.left_out.size() == 1 ? " was" : "s were") +
             " left out: fewer than three points, or all on one line: " + contour_list(table, d.circles.left_out) +
             "."});
  }
  FitOptions point_options = options;
  point_options.weights = WeightMode::Uniform;
  Outcome<SphereFit> direct = fit_sphere(points->view(), point_options);
  if (!direct.ok()) return direct.error();
  d.point_fit = std::move(direct.value());
  d.center_distance = (d.point_fit.center - out.fit.center).norm();
  d.radius_difference = d.point_fit.radius - out.fit.radius;
  d.point_residuals.resize(table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    d.point_residuals[i] =
        (Eigen::Vector3d(table.x[i], table.y[i], table.z[i]) - out.fit.center).norm() - out.fit.radius;
  }
  // The shape of the contour points the circles came from, judged against their direct sphere.
  if (auto e = check_shape(points->view(), d.point_fit, options, out.fit)) return *e;
  return out;
}

}  // namespace spherefit
