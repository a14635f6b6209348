#include "fit/circles/work_set.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace spherefit {
namespace {

constexpr double kLargestValue = 1e300;

Error slice_error(ErrorCode code, std::size_t i, const std::string& what) {
  Error e;
  e.code = code;
  e.slice = static_cast<long>(i);
  e.message = "Slice " + std::to_string(i + 1) + ": " + what;
  return e;
}

}  // namespace

Outcome<WorkSet> prepare_slices(const SliceColumnsView& slices, const FitOptions& options) {
  if (options.weights == WeightMode::Column && !slices.has_weights()) {
    return Error{ErrorCode::InvalidOption, "Weights 'from column' need a w (or weight) column in the data."};
  }
  if (slices.count == 0 || slices.x == nullptr || slices.y == nullptr || slices.z == nullptr || slices.r == nullptr) {
    return Error{ErrorCode::TooFewSlices, "No slices: give at least two circles (x, y, z, r) in different planes."};
  }

  std::vector<SliceCircle> input(slices.count);
  double radius_sum = 0.0;
  for (std::size_t i = 0; i < slices.count; ++i) {
    SliceCircle c = slices.circle(i);
    if (!c.center.allFinite() || !std::isfinite(c.radius) || !c.normal.allFinite() || !std::isfinite(c.weight)) {
      return slice_error(ErrorCode::NonFiniteValue, i, "a value is not a finite number; fix or remove it.");
    }
    // Beyond ±1e300 a value cannot be squared or summed with its neighbours (1e308 squared is
    // infinite): name it rather than let the fit fail on a plane it cannot see.
    const char* huge = c.center.cwiseAbs().maxCoeff() > kLargestValue   ? "a centre coordinate"
                       : std::abs(c.radius) > kLargestValue             ? "the radius"
                       : c.normal.cwiseAbs().maxCoeff() > kLargestValue ? "a normal component"
                       : options.weights == WeightMode::Column && std::abs(c.weight) > kLargestValue ? "the weight"
                                                                                                     : nullptr;
    if (huge) {
      return slice_error(ErrorCode::NonFiniteValue, i,
                         std::string(huge) +
                             " is beyond ±1e300, more than the fit can square; rescale the data "
                             "(for example to other units), or give normals and weights of ordinary size.");
    }
    if (c.radius < 0.0) {
      return slice_error(ErrorCode::NegativeRadius, i,
                         "the radius is negative; radii must be ≥ 0 (0 is a tangent point).");
    }
    if (c.normal.norm() == 0.0) {
      return slice_error(ErrorCode::ZeroNormal, i,
                         "the plane normal (nx, ny, nz) is zero; give the direction the slice plane faces.");
    }
    if (options.weights == WeightMode::Column && c.weight < 0.0) {
      return slice_error(ErrorCode::InvalidWeights, i, "the weight is negative; weights must be ≥ 0.");
    }
    if (options.weights != WeightMode::Column) c.weight = 1.0;
    radius_sum += c.radius;
    input[i] = c;
  }
  if (options.weights == WeightMode::Circumference) {
    if (radius_sum <= 0.0) {
      return Error{ErrorCode::InvalidWeights,
                   "Weights by circumference are all zero (every radius is 0); use uniform weights."};
    }
    const double mean_radius = radius_sum / static_cast<double>(input.size());
    for (SliceCircle& c : input) c.weight = c.radius / mean_radius;
  }

  double weight_sum = 0.0;
  Eigen::Vector3d centroid = Eigen::Vector3d::Zero();
  for (const SliceCircle& c : input) {
    weight_sum += c.weight;
    centroid += c.weight * c.center;
  }
  if (weight_sum <= 0.0) {
    return Error{ErrorCode::InvalidWeights, "All weights are zero; give at least two slices a positive weight."};
  }
  centroid /= weight_sum;
  // The working scale is the RMS size of the data. Dividing by the largest extent before squaring
  // keeps it finite and non-zero for data anywhere from 1e-300 to 1e300 in size.
  double extent = 0.0;
  for (const SliceCircle& c : input) {
    if (c.weight > 0.0) extent = std::max({extent, (c.center - centroid).cwiseAbs().maxCoeff(), c.radius});
  }
  if (!std::isfinite(extent)) {
    return Error{ErrorCode::NumericalFailure,
                 "The numbers span more than double precision can hold (beyond about ±1e300): rescale the data, for "
                 "example to other units."};
  }
  if (!(extent > 0.0)) {
    return Error{
        ErrorCode::Underdetermined,
        "All slices are the same single point: a sphere needs circles of some size or points in different places."};
  }
  double spread = 0.0;
  for (const SliceCircle& c : input) {
    spread += c.weight * (((c.center - centroid) / extent).squaredNorm() + (c.radius / extent) * (c.radius / extent));
  }
  const double scale = extent * std::sqrt(spread / weight_sum);

  WorkSet set;
  set.origin = centroid;
  set.scale = scale;
  set.circles.reserve(input.size());
  for (const SliceCircle& c : input) {
    set.circles.push_back(
        make_work_circle((c.center - centroid) / scale, c.normal.normalized(), c.radius / scale, c.weight));
  }
  return set;
}

std::vector<std::uint8_t> weighted_slices(const WorkSet& set) {
  std::vector<std::uint8_t> out(set.circles.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = set.circles[i].weight > 0.0 ? 1 : 0;
  return out;
}

}  // namespace spherefit
