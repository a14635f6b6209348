#include "fit/ellipsoid/poor_combinations.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "model/format.hpp"

namespace spherefit {
namespace {

constexpr int kPairs[3][2] = {{1, 2}, {2, 0}, {0, 1}};  // the axes a rotation about axis k turns

std::string direction_text(const Eigen::Vector3d& v) {
  char b[96];
  const auto c = [](double x) { return std::abs(x) < 5e-4 ? 0.0 : x; };
  std::snprintf(b, sizeof b, "(%.3g, %.3g, %.3g)", c(v.x()), c(v.y()), c(v.z()));
  return b;
}

// The non-redundant lengths a combination is named in, as rows of the frame Jacobian
// (shape_parameters.hpp: 0–2 centre along the axes, 3–5 semi-axes, 6–8 Ã₁₂, Ã₁₃, Ã₂₃).
struct NamedRows {
  std::vector<int> rows;
  std::vector<std::string> names;
};

int shear_row(int i, int j) {
  if (i > j) std::swap(i, j);
  return i == 0 ? (j == 1 ? 6 : 7) : 8;
}

// The polar axis of a spheroid frame (the semi-axis not tied with another), or -1.
int polar_axis(Shape shape, const ShapeFrame& f) {
  if (shape != Shape::Spheroid) return -1;
  return !f.rotation_defined[0] ? 0 : (!f.rotation_defined[1] ? 1 : 2);
}

NamedRows named_rows(Shape shape, const ShapeFrame& f) {
  NamedRows n;
  const auto add = [&](int row, std::string name) {
    n.rows.push_back(row);
    n.names.push_back(std::move(name));
  };
  for (int k = 0; k < 3; ++k) add(k, "");  // the centre: named by its direction
  if (shape == Shape::Sphere) {
    add(3, "the radius");
  } else if (shape == Shape::Spheroid) {
    const int p = polar_axis(shape, f);
    const int e1 = p == 0 ? 1 : 0, e2 = p == 2 ? 1 : 2;
    add(3 + e1, "the equatorial semi-axis");
    add(3 + p, "the polar semi-axis");
    add(shear_row(p, e1), "the axis's direction");
    add(shear_row(p, e2), "the axis's direction");
  } else {
    for (int k = 0; k < 3; ++k) add(3 + k, "semi-axis " + std::to_string(k + 1));
    for (int k = 0; k < 3; ++k) {
      const int i = std::min(kPairs[k][0], kPairs[k][1]), j = std::max(kPairs[k][0], kPairs[k][1]);
      add(shear_row(i, j), "the orientation of axes " + std::to_string(i + 1) + " and " + std::to_string(j + 1));
    }
  }
  return n;
}

// "semi-axis 3 and the centre along axis 3": the parts of a unit combination e (over the named
// rows) worth naming, largest first.
std::string describe_combination(const Eigen::VectorXd& e, const NamedRows& named, Shape shape, const ShapeFrame& f) {
  std::vector<std::pair<double, std::string>> parts;
  const Eigen::Vector3d centre = e.head<3>();
  const double largest = e.cwiseAbs().maxCoeff();
  if (centre.norm() >= 0.3 * largest) {
    const Eigen::Vector3d dir = centre.normalized();
    int k = 0;
    const double along = dir.cwiseAbs().maxCoeff(&k);
    const int polar = polar_axis(shape, f);
    std::string name;
    if (polar >= 0 && std::abs(dir(polar)) > 0.985)
      name = "the centre along the axis";
    else if (polar >= 0 && std::abs(dir(polar)) < 0.17)
      name = "the centre across the axis";
    else if (shape == Shape::Ellipsoid && along > 0.985)
      name = "the centre along axis " + std::to_string(k + 1);
    else
      name = "the centre along " + direction_text(f.axes * dir);
    parts.emplace_back(centre.norm(), name);
  }
  for (std::size_t r = 3; r < named.rows.size(); ++r) {
    if (std::abs(e(static_cast<int>(r))) < 0.3 * largest) continue;
    auto same = std::find_if(parts.begin(), parts.end(), [&](const auto& p) { return p.second == named.names[r]; });
    if (same != parts.end())
      same->first = std::hypot(same->first, e(static_cast<int>(r)));
    else
      parts.emplace_back(std::abs(e(static_cast<int>(r))), named.names[r]);
  }
  std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string out;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out += k + 1 == parts.size() ? " and " : ", ";
    out += parts[k].second;
  }
  return out;
}

}  // namespace

std::string axes_text(Shape shape, const ShapeFrame& f) {
  if (shape == Shape::Sphere) return "";
  std::string out = " (axes ";
  for (int k = 0; k < 3; ++k)
    out += std::string(k ? ", " : "") + std::to_string(k + 1) + " " + direction_text(f.axes.col(k));
  return out + ")";
}

std::string free_combination(Shape shape, const ShapeFrame& frame, const Eigen::MatrixXd& frame_jacobian,
                             const Eigen::VectorXd& direction) {
  const NamedRows named = named_rows(shape, frame);
  Eigen::VectorXd e(static_cast<Eigen::Index>(named.rows.size()));
  for (std::size_t r = 0; r < named.rows.size(); ++r)
    e(static_cast<Eigen::Index>(r)) = frame_jacobian.row(named.rows[r]).dot(direction);
  return describe_combination(e.normalized(), named, shape, frame);
}

std::vector<PoorCombination> poor_combinations(Shape shape, const ShapeFrame& frame,
                                               const Eigen::MatrixXd& frame_jacobian, const Eigen::MatrixXd& geometric,
                                               const Eigen::MatrixXd& covariance, double scale) {
  const NamedRows named = named_rows(shape, frame);
  const auto m = static_cast<Eigen::Index>(named.rows.size());
  Eigen::MatrixXd to_named(m, frame_jacobian.cols());
  for (Eigen::Index r = 0; r < m; ++r) to_named.row(r) = frame_jacobian.row(named.rows[static_cast<std::size_t>(r)]);
  const Eigen::MatrixXd inflated = to_named * geometric * to_named.transpose();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> spread(0.5 * (inflated + inflated.transpose()));
  const Eigen::MatrixXd named_cov =
      covariance.size() ? Eigen::MatrixXd(to_named * covariance * to_named.transpose()) : Eigen::MatrixXd::Zero(m, m);
  std::vector<PoorCombination> out;
  for (Eigen::Index k = m - 1; k >= 0; --k) {
    const double inflation = std::sqrt(std::max(0.0, spread.eigenvalues()(k)));
    if (!(inflation > kPoorInflation)) break;
    const Eigen::VectorXd e = spread.eigenvectors().col(k);
    PoorCombination c;
    c.description = describe_combination(e, named, shape, frame);
    c.inflation = inflation;
    c.std_error = scale * std::sqrt(std::max(0.0, e.dot(named_cov * e)));
    if (!std::isfinite(c.std_error)) c.std_error = 0.0;
    // A degenerate pair of directions (across a spheroid's axis) reads the same: named once.
    const bool repeated =
        std::any_of(out.begin(), out.end(), [&](const PoorCombination& p) { return p.description == c.description; });
    if (!repeated) out.push_back(c);
  }
  return out;
}

Warning poorly_determined_warning(Shape shape, const ShapeFrame& frame, const std::vector<PoorCombination>& poor,
                                  const std::string& units) {
  std::string text = "These points determine some of the " + std::string(name_of(kShapeNames, shape)) +
                     "'s parameters poorly" + axes_text(shape, frame) + ": ";
  for (std::size_t k = 0; k < poor.size(); ++k) {
    const PoorCombination& c = poor[k];
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, "%.2g%s%s, %.0f×", c.std_error, units.empty() ? "" : " ", units.c_str(),
                  c.inflation);
    text += std::string(k ? "; " : "") + c.description + " are not separately determined (together ± " + numbers +
            " what points all round would give)";
  }
  return {WarningCode::ShapePoorlyDetermined, text + ". Points further round the surface pin them down."};
}

}  // namespace spherefit
