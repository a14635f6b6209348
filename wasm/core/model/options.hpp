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

// Each association in words, as ISO 14405-1 (size of a sphere) and ISO 1101/12181 (form) name it:
// a short label, the standard's name, what its form error is, and its title in a summary.
struct FitTypeWords {
  FitType type;
  const char* label;
  const char* iso;
  const char* form;
  const char* title;
};

inline constexpr FitTypeWords kFitTypeWords[] = {
    {FitType::LeastSquares, "Least squares (Gaussian)", "Least-squares sphere (Gaussian association, ISO 14405-1 GG)",
     "peak to valley of the distances from the least-squares centre", "least-squares sphere (Gaussian)"},
    {FitType::MinimumZone, "Minimum zone (Chebyshev)",
     "Minimum-zone spheres (Chebyshev association, ISO 14405-1 GC; sphericity, ISO 1101)",
     "width of the thinnest shell between two concentric spheres that holds every point (sphericity)",
     "minimum-zone spheres (Chebyshev; ISO sphericity)"},
    {FitType::MinimumCircumscribed, "Minimum circumscribed", "Minimum circumscribed sphere (ISO 14405-1 GN)",
     "peak to valley of the distances from the circumscribed sphere's centre", "minimum circumscribed sphere"},
    {FitType::MaximumInscribed, "Maximum inscribed", "Maximum inscribed sphere (ISO 14405-1 GX)",
     "peak to valley of the distances from the inscribed sphere's centre", "maximum inscribed sphere"},
};

// One sphere for the whole dataset, or every sphere in it (a ball plate, both eyes, a labelmap's
// labels, a table's objects).
enum class SphereCount { One, All };

inline constexpr NamedValue<SphereCount> kSphereCountNames[] = {
    {SphereCount::One, "one"},
    {SphereCount::All, "all"},
};

// Which centre-to-centre distances several spheres report: every pair, each sphere's nearest
// neighbour, or (auto) every pair up to kAllPairsUpTo spheres and nearest neighbours beyond.
enum class DistancePairs { Auto, All, Nearest };

inline constexpr NamedValue<DistancePairs> kDistancePairsNames[] = {
    {DistancePairs::Auto, "auto"},
    {DistancePairs::All, "all"},
    {DistancePairs::Nearest, "nearest"},
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
  std::string units;  // a label for lengths in messages ("mm"); never converts
  SphereCount spheres = SphereCount::One;
  DistancePairs distances = DistancePairs::Auto;
  int min_cap_angle_deg = 60;             // several spheres: the least half-angle of cap a sphere's data cover
  Shape shape = Shape::Sphere;            // points: also fit this shape (the sphere is always fitted and judged)
  std::optional<double> shape_tolerance;  // the verdict's tolerance (user units); default 0.1 % of R
};

// The longest units label accepted: a label, not a sentence.
inline constexpr std::size_t kMaxUnitsLength = 12;

// The largest iteration limit accepted.
inline constexpr int kMaxIterationLimit = 10000;

// The options every entry point accepts, declared once: their names as JavaScript, the CLI and
// share links spell them (the CLI's flag is the kebab-case form: fitType → --fit-type), what kind
// of value each takes, and its limits. The bindings export these tables (the vocabulary), so the
// page, the CLI and the share links never spell a name or a limit of their own;
// read/options.hpp reads values into FitOptions and VolumeSelection by them.
enum class OptionKind {
  Choice,  // one of a name table's names
  Flag,    // true or false
  Length,  // a positive length, as a number or as typed text ("12,5" with a decimal comma)
  Number,  // any finite number, as a number or as typed text
  Count,   // a whole number within [min, max]
  Text,    // text of at most `max` characters
};

inline constexpr NamedValue<OptionKind> kOptionKindNames[] = {
    {OptionKind::Choice, "choice"}, {OptionKind::Flag, "flag"},   {OptionKind::Length, "length"},
    {OptionKind::Number, "number"}, {OptionKind::Count, "count"}, {OptionKind::Text, "text"},
};

struct OptionSpec {
  const char* name;  // as JavaScript spells it; the CLI's flag is its kebab-case form
  OptionKind kind;
  const char* what;     // how messages and the page name it ("known radius")
  const char* choices;  // Choice: the vocabulary list of its names ("fitTypes")
  double min = 0.0;     // Count: the range; Text: max is the longest length
  double max = 0.0;
};

inline constexpr OptionSpec kFitOptionSpecs[] = {
    {"weights", OptionKind::Choice, "weights", "weightModes"},
    {"mode", OptionKind::Choice, "read as", "inputModes"},
    {"fitType", OptionKind::Choice, "fit", "fitTypes"},
    {"robust", OptionKind::Flag, "robust fit", nullptr},
    {"radius", OptionKind::Length, "known radius", nullptr},
    {"minRadius", OptionKind::Length, "smallest radius", nullptr},
    {"maxRadius", OptionKind::Length, "largest radius", nullptr},
    {"units", OptionKind::Text, "units label", nullptr, 0, static_cast<double>(kMaxUnitsLength)},
    {"maxIterations", OptionKind::Count, "iteration limit", nullptr, 1, kMaxIterationLimit},
    {"spheres", OptionKind::Choice, "spheres", "sphereCounts"},
    {"distances", OptionKind::Choice, "distances", "distancePairs"},
    {"minCapAngle", OptionKind::Count, "smallest cap angle", nullptr, 10, 180},
    {"shape", OptionKind::Choice, "shape", "shapes"},
    {"shapeTolerance", OptionKind::Length, "shape tolerance", nullptr},
};

// A volume's selection: which voxels are contoured, across which axis.
inline constexpr OptionSpec kSelectionSpecs[] = {
    {"label", OptionKind::Number, "label", nullptr},
    {"threshold", OptionKind::Number, "threshold", nullptr},
    {"axis", OptionKind::Count, "slice axis", nullptr, 0, 2},
};

// InvalidOption for options no fit can use (an iteration limit outside its range, a units label
// longer than kMaxUnitsLength, a known or limiting radius that is not a positive number, limits in
// the wrong order); nothing when they are fine.
std::optional<Error> check_options(const FitOptions& options);

}  // namespace spherefit
