#include "model/options.hpp"

#include <cmath>
#include <string>

namespace spherefit {
namespace {

bool positive(const std::optional<double>& v) { return !v || (std::isfinite(*v) && *v > 0.0); }

}  // namespace

std::optional<Error> check_options(const FitOptions& options) {
  if (options.max_iterations < 1 || options.max_iterations > kMaxIterationLimit) {
    return Error{ErrorCode::InvalidOption,
                 "The iteration limit must be a whole number from 1 to " + std::to_string(kMaxIterationLimit) + "."};
  }
  if (options.min_cap_angle_deg < 10 || options.min_cap_angle_deg > 180) {
    return Error{ErrorCode::InvalidOption, "The smallest cap angle must be a whole number of degrees from 10 to 180."};
  }
  if (options.units.size() > kMaxUnitsLength) {
    return Error{ErrorCode::InvalidOption, "The units label is longer than " + std::to_string(kMaxUnitsLength) +
                                               " characters; it is a label such as mm or µm."};
  }
  if (!positive(options.known_radius)) {
    return Error{ErrorCode::InvalidOption,
                 "The known radius must be a positive number; leave it empty to fit the radius."};
  }
  if (!positive(options.shape_tolerance)) {
    return Error{ErrorCode::InvalidOption,
                 "The shape tolerance must be a positive length; leave it empty for 0.1 % of the radius."};
  }
  if (options.shape != Shape::Sphere && options.spheres == SphereCount::All) {
    return Error{ErrorCode::InvalidOption,
                 "A spheroid or ellipsoid is fitted to one sphere's points at a time: choose "
                 "Spheres: one, or Shape: sphere."};
  }
  if (!positive(options.min_radius) || !positive(options.max_radius)) {
    return Error{ErrorCode::InvalidOption,
                 "The radius limits must be positive numbers; leave them empty for no limit."};
  }
  if (options.min_radius && options.max_radius && *options.min_radius > *options.max_radius) {
    return Error{ErrorCode::InvalidOption, "The smallest radius allowed is larger than the largest; swap them."};
  }
  return std::nullopt;
}

}  // namespace spherefit
