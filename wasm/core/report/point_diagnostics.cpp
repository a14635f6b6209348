#include "report/point_diagnostics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "fit/circles/slice_residuals.hpp"
#include "fit/lanes.hpp"
#include "report/coverage.hpp"
#include "report/uncertainty.hpp"
#include "report/warnings.hpp"

namespace spherefit {
namespace {

bool used(const std::vector<std::uint8_t>& use, std::size_t i) { return use.empty() || use[i]; }

// The axis latitudes are measured along: the given one, else the mean direction of the points
// from the centre (the middle of a cap); for data all round, any axis serves.
Eigen::Vector3d latitude_axis(const PointSet& set, const std::vector<std::uint8_t>& use, const PointSummary& summary) {
  if (summary.axis) return summary.axis->normalized();
  // An evenly strided sample of at most 20 000 points finds the direction well enough.
  const std::size_t stride = std::max<std::size_t>(1, set.size() / 20000);
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (std::size_t i = 0; i < set.size(); i += stride) {
    if (!used(use, i)) continue;
    const Eigen::Vector3d d = set.at(i) - summary.sphere.center;
    const double n = d.norm();
    if (n > 0.0) mean += d / n;
  }
  return mean.norm() > 0.0 ? Eigen::Vector3d(mean.normalized()) : Eigen::Vector3d::UnitZ();
}

std::optional<Warning> clutter(std::size_t far, std::size_t total, bool robust) {
  if (far == 0 || robust) return std::nullopt;
  char buffer[220];
  std::snprintf(buffer, sizeof buffer,
                " (%.3g %%) lie more than %.2g× the typical distance from the sphere: clutter such as a "
                "fixture, the table or a neighbouring bone? Turn on the robust fit to set them aside.",
                100.0 * static_cast<double>(far) / static_cast<double>(total), clutter_factor(total));
  return Warning{WarningCode::Clutter, grouped(far) + " of " + grouped(total) + " points" + buffer};
}

// Contours whose points lie far from the sphere as a whole (a femoral neck labelled with the head):
// each contour's RMS distance against kOutlierFactor × the median contour's, as the circle fit
// tests its slices (fit/circles/slice_residuals.hpp). Empty for a plain cloud or a robust fit.
std::vector<std::size_t> outlying_contours(const PointSet& set, const std::vector<std::uint8_t>& use,
                                           const std::vector<double>& residuals, double radius) {
  std::vector<std::size_t> out;
  if (!set.points.has_slices() || set.contours < 3) return out;
  std::vector<double> sum(set.contours, 0.0), count(set.contours, 0.0);
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (!used(use, i)) continue;
    const auto c = static_cast<std::size_t>(set.points.slice[i]);
    sum[c] += residuals[i] * residuals[i];
    count[c] += 1.0;
  }
  std::vector<double> rms(set.contours, 0.0), present;
  for (std::size_t c = 0; c < set.contours; ++c) {
    if (count[c] > 0.0) present.push_back(rms[c] = std::sqrt(sum[c] / count[c]));
  }
  if (present.size() < 3) return out;
  const auto mid = present.begin() + static_cast<std::ptrdiff_t>(present.size() / 2);
  std::nth_element(present.begin(), mid, present.end());
  const double limit = std::max(kOutlierFactor * *mid, 1e-9 * radius);
  for (std::size_t c = 0; c < set.contours; ++c)
    if (count[c] > 0.0 && rms[c] > limit) out.push_back(c);
  return out;
}

}  // namespace

double clutter_factor(std::size_t n) {
  const double count = static_cast<double>(n);
  const auto expected = [&](double t) { return count * std::erfc(t / std::sqrt(2.0)); };
  if (expected(kClutterFactor) <= kClutterFalseCount) return kClutterFactor;
  // expected(t) falls monotonically; bisect to 1e-6 (n below 2^64 needs t < 10).
  double lo = kClutterFactor, hi = 40.0;
  while (hi - lo > 1e-6) {
    const double mid = 0.5 * (lo + hi);
    (expected(mid) <= kClutterFalseCount ? hi : lo) = mid;
  }
  return hi;
}

double robust_distance_scale(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& sphere,
                             std::size_t sample) {
  std::vector<double> distances;
  const std::size_t stride = std::max<std::size_t>(1, set.size() / sample);
  distances.reserve(std::min(set.size(), sample + 1));
  for (std::size_t i = 0; i < set.size(); i += stride) {
    if (used(use, i)) distances.push_back(std::abs((set.at(i) - sphere.center).norm() - sphere.radius));
  }
  if (distances.empty()) return 0.0;
  const auto mid = distances.begin() + static_cast<std::ptrdiff_t>(distances.size() / 2);
  std::nth_element(distances.begin(), mid, distances.end());
  return 1.4826 * *mid;
}

namespace {

// One pass over the points about the sphere: each point's residual (user units, into
// `residuals`), and over the used ones the sums, extremes and counts the result reports.
struct PointPass {
  double sum_sq = 0.0, inner = INFINITY, outer = -INFINITY, low = 1.0, high = -1.0;
  long inner_at = -1, outer_at = -1;
  std::size_t count = 0, far = 0, above = 0, below = 0;
};

// Without per-point scratch; the difference from the centre is taken as (p − origin) − offset, as
// the refinement takes it. sine: of the latitude about `axis`; far: |residual| > limit (working).
PointPass measure_points(const PointSet& set, const std::vector<std::uint8_t>& use, const Sphere& s,
                         const Eigen::Vector3d& axis, double limit, std::vector<double>& residuals) {
  const double scale = set.scale;
  const std::size_t n = set.size();
  const PointColumnsView& p = set.points;
  const double ox = set.origin.x(), oy = set.origin.y(), oz = set.origin.z(), k = set.inverse_scale;
  const double cx = s.center.x() * scale, cy = s.center.y() * scale, cz = s.center.z() * scale;
  const double ax = axis.x(), ay = axis.y(), az = axis.z(), radius = s.radius;
  PointPass r;
  auto note = [&](std::size_t i, double distance, double sine) {
    const double e = distance - radius;
    residuals[i] = scale * e;
    if (!use.empty() && !use[i]) return;
    ++r.count;
    r.sum_sq += e * e;
    if (distance < r.inner) r.inner = distance, r.inner_at = static_cast<long>(i);
    if (distance > r.outer) r.outer = distance, r.outer_at = static_cast<long>(i);
    r.far += std::abs(e) > limit;
    r.low = std::min(r.low, sine);
    r.high = std::max(r.high, sine);
    r.above += sine > 1e-9;
    r.below += sine < -1e-9;
  };
  // Two points at a time (fit/lanes.hpp). With every point used (no robust selection) the sums,
  // extremes and counts stay in lanes and the nearest and farthest points are found afterwards by
  // their residuals; with a selection the bookkeeping is per point.
  const Lanes lox = Lanes::all(ox), loy = Lanes::all(oy), loz = Lanes::all(oz), lk = Lanes::all(k);
  const Lanes lcx = Lanes::all(cx), lcy = Lanes::all(cy), lcz = Lanes::all(cz);
  const Lanes lax = Lanes::all(ax), lay = Lanes::all(ay), laz = Lanes::all(az);
  const Lanes lr = Lanes::all(radius), lscale = Lanes::all(scale), llimit = Lanes::all(limit), tiny = Lanes::all(1e-9);
  Lanes lsum = Lanes::all(0.0), lfar = lsum, labove = lsum, lbelow = lsum;
  Lanes linner = Lanes::all(INFINITY), louter = Lanes::all(-INFINITY), llow = Lanes::all(1.0), lhigh = Lanes::all(-1.0);
  std::size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    const Lanes dx = ((Lanes::load(p.x + i) - lox) - lcx) * lk, dy = ((Lanes::load(p.y + i) - loy) - lcy) * lk,
                dz = ((Lanes::load(p.z + i) - loz) - lcz) * lk;
    const Lanes distance = sqrt(dx * dx + dy * dy + dz * dz);
    const Lanes sine = (lax * dx + lay * dy + laz * dz) * inverse_or_zero(distance);
    if (!use.empty()) {
      double d[2], sn[2];
      distance.store(d);
      sine.store(sn);
      note(i, d[0], sn[0]);
      note(i + 1, d[1], sn[1]);
      continue;
    }
    const Lanes e = distance - lr;
    (lscale * e).store(residuals.data() + i);
    lsum += e * e;
    lfar += greater(abs(e), llimit);
    linner = min(linner, distance);
    louter = max(louter, distance);
    llow = min(llow, sine);
    lhigh = max(lhigh, sine);
    labove += greater(sine, tiny);
    lbelow += greater(Lanes::all(0.0) - sine, tiny);
  }
  if (use.empty() && i > 0) {
    r.count = i;
    r.sum_sq = lsum.sum();
    r.far = static_cast<std::size_t>(lfar.sum());
    r.above = static_cast<std::size_t>(labove.sum());
    r.below = static_cast<std::size_t>(lbelow.sum());
    r.inner = linner.lowest();
    r.outer = louter.highest();
    r.low = llow.lowest();
    r.high = lhigh.highest();
    // The nearest and farthest points: the first whose residual is the extreme one.
    const double lowest = scale * (r.inner - radius), highest = scale * (r.outer - radius);
    for (std::size_t j = 0; j < i && (r.inner_at < 0 || r.outer_at < 0); ++j) {
      if (r.inner_at < 0 && residuals[j] == lowest) r.inner_at = static_cast<long>(j);
      if (r.outer_at < 0 && residuals[j] == highest) r.outer_at = static_cast<long>(j);
    }
  }
  for (; i < n; ++i) {
    const double dx = ((p.x[i] - ox) - cx) * k, dy = ((p.y[i] - oy) - cy) * k, dz = ((p.z[i] - oz) - cz) * k;
    const double distance = std::sqrt(dx * dx + dy * dy + dz * dz);
    note(i, distance, distance > 0.0 ? (ax * dx + ay * dy + az * dz) / distance : 0.0);
  }
  return r;
}

// RMS, the largest residual, coverage and the zone about the centre, from the pass.
void summarize_pass(const PointSet& set, const PointPass& r, double radius, SphereFit& fit) {
  const double scale = set.scale;
  fit.rms = r.count > 0 ? scale * std::sqrt(r.sum_sq / static_cast<double>(r.count)) : 0.0;
  fit.max_abs_residual = r.count > 0 ? scale * std::max(r.outer - radius, radius - r.inner) : 0.0;
  if (r.count == 0) return;
  CoverageTally tally;
  tally.add(r.low);
  tally.add(r.high);
  fit.coverage = tally.coverage();
  fit.coverage.cap_only = r.above == r.count || r.below == r.count;
  fit.form.inner_radius = scale * r.inner;
  fit.form.outer_radius = scale * r.outer;
  fit.form.form_error = scale * (r.outer - r.inner);
  fit.form.contacts.push_back({r.outer_at, +1, set.points.point(static_cast<std::size_t>(r.outer_at)), 0.0});
  fit.form.contacts.push_back({r.inner_at, -1, set.points.point(static_cast<std::size_t>(r.inner_at)), 0.0});
}

// What the result should say about itself: no uncertainty, overflow, convergence, coverage, a
// poorly determined radius, what the robust fit set aside, clutter.
void add_point_warnings(const PointSet& set, const std::vector<std::uint8_t>& use, const PointSummary& summary,
                        const PointPass& r, SphereFit& fit) {
  const std::size_t n = set.size();
  auto add = [&](const std::optional<Warning>& w) {
    if (w) fit.warnings.push_back(*w);
  };
  if (!fit.uncertainty) {
    const bool contours = set.points.has_slices();
    std::size_t units = r.count;
    if (contours) {
      std::vector<std::uint8_t> seen(set.contours, 0);
      for (std::size_t i = 0; i < n; ++i)
        if (used(use, i)) seen[static_cast<std::size_t>(set.points.slice[i])] = 1;
      units = static_cast<std::size_t>(std::count(seen.begin(), seen.end(), 1));
    }
    fit.warnings.push_back(exactly_determined(units, summary.radius_fixed ? 3 : 4, contours ? kSliceNoun : kPointNoun));
  }
  add(covariance_overflow(fit.uncertainty));
  if (!summary.converged) fit.warnings.push_back(not_converged(summary.iterations));
  add(cap_only(fit.coverage, summary.radius_fixed, kPointNoun));
  add(radius_poorly_determined(fit.uncertainty, fit.radius, summary.radius_fixed));
  std::size_t rejected = 0;
  for (std::size_t i = 0; i < n; ++i) rejected += !fit.inlier[i];
  if (rejected > 0) {
    fit.warnings.push_back({WarningCode::SetAside, "The robust fit set aside " + grouped(rejected) + " of " +
                                                       grouped(n) + " points as clutter."});
  }
  add(clutter(r.far, r.count, summary.robust));
  if (!summary.robust)
    add(outliers(outlying_contours(set, use, fit.residuals, fit.radius), kOutlierFactor, false, kSliceNoun));
}

}  // namespace

SphereFit describe_point_fit(const PointSet& set, const std::vector<std::uint8_t>& use, const PointSummary& summary) {
  const Sphere& s = summary.sphere;
  const std::size_t n = set.size();
  SphereFit fit;
  fit.mode = set.points.has_slices() ? FitMode::Contours : FitMode::Points;
  fit.center = set.to_user(s.center);
  fit.radius = set.scale * s.radius;
  fit.radius_fixed = summary.radius_fixed;
  fit.iterations = summary.iterations;
  fit.residuals.resize(n);
  if (use.empty())
    fit.inlier.assign(n, 1);
  else
    fit.inlier = use;
  const Eigen::Vector3d axis = latitude_axis(set, use, summary);
  const std::size_t counted = n - static_cast<std::size_t>(std::count(use.begin(), use.end(), 0));
  const double limit = std::max(clutter_factor(counted) * robust_distance_scale(set, use, s), kClutterFloor * s.radius);
  const PointPass pass = measure_points(set, use, s, axis, limit, fit.residuals);
  summarize_pass(set, pass, s.radius, fit);
  if (summary.covariance) fit.uncertainty = describe_uncertainty(*summary.covariance, set.scale);
  add_point_warnings(set, use, summary, pass, fit);
  return fit;
}

}  // namespace spherefit
