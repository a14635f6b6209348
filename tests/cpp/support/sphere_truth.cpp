#include "support/sphere_truth.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <iterator>

#include "support/reference_point_fit.hpp"

namespace spherefit::testing {

IndependentFit independent_fit(const std::vector<Eigen::Vector3d>& points, const Eigen::Vector3d& start_centre,
                               double start_radius, bool radius_fixed) {
  IndependentFit out;
  if (radius_fixed) {
    // Gauss–Newton on the centre alone, in long double about the mean.
    Eigen::Matrix<long double, 3, 1> mean = Eigen::Matrix<long double, 3, 1>::Zero();
    for (const auto& p : points) mean += p.cast<long double>();
    mean /= static_cast<long double>(points.size());
    Eigen::Matrix<long double, 3, 1> c = start_centre.cast<long double>() - mean;
    const long double r = start_radius;
    for (int iter = 0; iter < 100; ++iter) {
      Eigen::Matrix<long double, 3, 3> jtj = Eigen::Matrix<long double, 3, 3>::Zero();
      Eigen::Matrix<long double, 3, 1> jte = Eigen::Matrix<long double, 3, 1>::Zero();
      for (const auto& p : points) {
        const Eigen::Matrix<long double, 3, 1> d = p.cast<long double>() - mean - c;
        const long double dist = d.norm();
        const Eigen::Matrix<long double, 3, 1> j = -d / dist;
        jtj += j * j.transpose();
        jte += j * (dist - r);
      }
      const Eigen::Matrix<long double, 3, 1> step = jtj.ldlt().solve(-jte);
      c += step;
      if (step.norm() < 1e-16L * r) break;
    }
    out.centre = (c + mean).cast<double>();
    out.radius = start_radius;
  } else {
    const ReferencePointSphere s = reference_point_fit(points, {start_centre, start_radius});
    out.centre = s.center;
    out.radius = s.radius;
  }
  const int unknowns = radius_fixed ? 3 : 4;
  Eigen::Matrix4d jtj = Eigen::Matrix4d::Zero();
  double rss = 0.0;
  for (const auto& p : points) {
    const Eigen::Vector3d d = p - out.centre;
    const double dist = d.norm();
    Eigen::Vector4d j;
    j << -d / dist, -1.0;
    jtj += j * j.transpose();
    rss += (dist - out.radius) * (dist - out.radius);
  }
  const double n = static_cast<double>(points.size());
  out.rms = std::sqrt(rss / n);
  const double variance = rss / std::max(1.0, n - unknowns);
  if (radius_fixed) {
    const Eigen::Matrix3d cov = variance * jtj.topLeftCorner<3, 3>().inverse();
    out.centre_u = cov.diagonal().cwiseSqrt();
  } else {
    const Eigen::Matrix4d cov = variance * jtj.inverse();
    out.centre_u = cov.diagonal().head<3>().cwiseSqrt();
    out.radius_u = std::sqrt(cov(3, 3));
  }
  return out;
}

std::vector<int> match_spheres(const std::vector<FoundSphere>& found, const std::vector<TrueSphere>& truth) {
  std::vector<int> out(found.size(), -1);
  std::vector<bool> taken(truth.size(), false);
  for (std::size_t k = 0; k < found.size(); ++k) {
    double best = INFINITY;
    int at = -1;
    for (std::size_t t = 0; t < truth.size(); ++t) {
      const double d = (found[k].center - truth[t].centre).norm();
      if (!taken[t] && d < best) best = d, at = static_cast<int>(t);
    }
    if (at >= 0 && best < 0.5 * truth[static_cast<std::size_t>(at)].radius) {
      out[k] = at;
      taken[static_cast<std::size_t>(at)] = true;
    }
  }
  return out;
}

namespace {
std::size_t common(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::vector<std::uint32_t> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return both.size();
}
}  // namespace

double recall(const std::vector<std::uint32_t>& found, const std::vector<std::uint32_t>& truth) {
  return truth.empty() ? 1.0 : static_cast<double>(common(found, truth)) / static_cast<double>(truth.size());
}

double precision(const std::vector<std::uint32_t>& found, const std::vector<std::uint32_t>& truth) {
  return found.empty() ? 1.0 : static_cast<double>(common(found, truth)) / static_cast<double>(found.size());
}

}  // namespace spherefit::testing
