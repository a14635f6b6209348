// What the user chose: how slices are weighted, whether the input is circles or points, which
// sphere is associated with the data (least squares or one of the ISO form fits), robustness and
// a known radius. Plain structs with defaults; the names are what JavaScript and the CLI use.
#pragma once

#include <optional>
#include <string>

#include "model/names.hpp"
#include "model/status.hpp"

namespace spherefit {

enum class WeightMode { Uniform, Circumference, Column };

inline constexpr NamedValue<WeightMode> kWeightModeNames[] = {
    {WeightMode::Uniform, "uniform"},
    {WeightMode::Circumference, "circumference"},
    {WeightMode::Column, "column"},
};

// Auto reads a radius column as circles and x, y, z alone as points.
enum class InputMode { Auto, Circles, Points };

inline constexpr NamedValue<InputMode> kInputModeNames[] = {
    {InputMode::Auto, "auto"},
    {InputMode::Circles, "circles"},
    {InputMode::Points, "points"},
};

// The associated sphere (ISO 12181-style associations, as CMM software offers them).
enum class FitType { LeastSquares, MinimumZone, MinimumCircumscribed, MaximumInscribed };

inline constexpr NamedValue<FitType> kFitTypeNames[] = {
    {FitType::LeastSquares, "least-squares"},
    {FitType::MinimumZone, "minimum-zone"},
    {FitType::MinimumCircumscribed, "minimum-circumscribed"},
    {FitType::MaximumInscribed, "maximum-inscribed"},
};

// The surface fitted to points: a sphere, a spheroid (an ellipsoid with two equal semi-axes, about
// an axis) or a general (triaxial) ellipsoid (fit/ellipsoid/ellipsoid_fit.hpp).
enum class Shape { Sphere, Spheroid, Ellipsoid };

inline constexpr NamedValue<Shape> kShapeNames[] = {
    {Shape::Sphere, "sphere"},
    {Shape::Spheroid, "spheroid"},
    {Shape::Ellipsoid, "ellipsoid"},
};

struct FitOptions {
  WeightMode weights = WeightMode::Uniform;
  InputMode mode = InputMode::Auto;
  FitType fit_type = FitType::LeastSquares;
  bool robust = false;
  std::optional<double> known_radius;  // fit the centre only
  std::optional<double> min_radius;    // robust point fits: candidate spheres outside
  std::optional<double> max_radius;    //   [min_radius, max_radius] are not considered
  int max_iterations = 100;
  std::string units;                   // a label for lengths in messages ("mm"); never converts
};

// The longest units label accepted: a label, not a sentence.
inline constexpr std::size_t kMaxUnitsLength = 12;

// InvalidOption for options no fit can use (an iteration limit outside its range, a units label
// longer than kMaxUnitsLength, a known or limiting radius that is not a positive number, limits in
// the wrong order); nothing when they are fine.
std::optional<Error> check_options(const FitOptions& options);

}  // namespace spherefit
