#include "fit/contours/contours.hpp"

#include <cmath>
#include <optional>

#include "fit/contours/contour_circle.hpp"

namespace spherefit {

ContourCircles fit_contour_circles(const PointTable& table) {
  const std::size_t contours = table.slice_names.size();
  std::vector<std::vector<Eigen::Vector3d>> grouped(contours);
  std::vector<int> first_line(contours, 0);
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto c = static_cast<std::size_t>(table.slice[i]);
    if (grouped[c].empty() && !table.source_line.empty()) first_line[c] = table.source_line[i];
    grouped[c].emplace_back(table.x[i], table.y[i], table.z[i]);
  }
  ContourCircles out;
  out.circles.has_normals = true;
  for (std::size_t c = 0; c < contours; ++c) {
    std::optional<Eigen::Vector3d> normal;
    if (!table.slice_normals.empty()) normal = table.slice_normals[c];
    const std::optional<ContourCircle> circle = fit_contour_circle(grouped[c], normal);
    if (!circle) {
      out.left_out.push_back(static_cast<std::int32_t>(c));
      continue;
    }
    out.circles.add(circle->circle, first_line[c]);
    out.rms.push_back(circle->rms);
    out.point_count.push_back(static_cast<std::int32_t>(circle->points));
    out.contour.push_back(static_cast<std::int32_t>(c));
  }
  return out;
}

}  // namespace spherefit
