// The result of a sphere fit, in the user's units: the associated sphere, its uncertainty, how
// well it explains each observation, how much of the sphere the data covers, its form error, and
// warnings in words. Per-observation columns are per slice (circles) or per point (points).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/ellipsoid.hpp"
#include "model/format.hpp"
#include "model/options.hpp"
#include "model/status.hpp"

namespace spherefit {

// The centre's 95 % confidence ellipsoid: semi-axes (ascending) and their unit directions as
// the columns of `axes`.
struct ConfidenceEllipsoid {
  Eigen::Vector3d semi_axes = Eigen::Vector3d::Zero();
  Eigen::Matrix3d axes = Eigen::Matrix3d::Identity();
};

// Standard uncertainties of (x0, y0, z0, R); with a fixed radius the radius entry is zero. The
// covariance is absent where its entries would overflow double (data beyond about 1e154).
struct Uncertainty {
  Eigen::Vector4d std_error = Eigen::Vector4d::Zero();
  std::optional<Eigen::Matrix4d> covariance;
  ConfidenceEllipsoid ellipsoid;
};

// How much of the sphere the data samples. Latitudes are measured along each slice's normal
// (circles) or along the mean direction of the points from the centre (points).
struct Coverage {
  double min_latitude_deg = 0.0;  // -90 at the far pole, +90 at the near one
  double max_latitude_deg = 0.0;
  double area_fraction = 0.0;  // of the sphere's surface between the extreme latitudes
  bool cap_only = false;       // all data on one side of a plane through the centre
};

// A point where an associated sphere touches the data, and its weight in the optimality
// certificate (the Lagrange multiplier of that contact; they sum to 1 on each sphere).
struct Contact {
  long index = -1;  // the point, or the slice whose circle it lies on
  int side = 0;     // +1 on the outer sphere, -1 on the inner
  Eigen::Vector3d point = Eigen::Vector3d::Zero();
  double multiplier = 0.0;
};

// The form error and the two concentric spheres about the fitted centre that hold every
// observation. For least squares these are the extreme residuals; for the Chebyshev fits
// (minimum zone, circumscribed, inscribed) the contacts and the certificate come with them.
struct FormResult {
  double form_error = 0.0;  // outer_radius − inner_radius
  double inner_radius = 0.0;
  double outer_radius = 0.0;
  std::vector<Contact> contacts;
  double max_violation = 0.0;   // how far any observation lies outside [inner, outer]: ≤ 0 when held
  double optimality_gap = 0.0;  // no association better by more than this exists (locally)
  bool unique = true;
};

// For a form fit (minimum zone, circumscribed, inscribed): the least-squares sphere of the same
// data, which the form fit started from and whose standard uncertainties describe the data's scatter.
struct LeastSquaresReference {
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  double radius = 0.0;
  std::optional<Uncertainty> uncertainty;
};

// A known radius was given: the free-radius fit of the same data, to tell whether they agree.
struct KnownRadiusCheck {
  double free_radius = 0.0;
  double free_std_error = 0.0;  // 0 when the free fit has no uncertainty
  double z = 0.0;               // (free − known) / free_std_error; 0 without an uncertainty
};

// What the sphere was fitted to: slice circles, points, or points grouped into slice contours
// (then the sphere comes from one circle per contour; the direct point fit comes with it).
enum class FitMode { Circles, Points, Contours };

inline constexpr NamedValue<FitMode> kFitModeNames[] = {
    {FitMode::Circles, "circles"},
    {FitMode::Points, "points"},
    {FitMode::Contours, "contours"},
};

// What a mode's rows are called (the page's tables and summaries, and the core's messages).
struct FitModeNoun {
  FitMode mode;
  Noun noun;
};
inline constexpr FitModeNoun kFitModeNouns[] = {
    {FitMode::Circles, {"slice circle", "slice circles", "Slice circle", "Slice circles"}},
    {FitMode::Points, kPointNoun},
    {FitMode::Contours, {"contour circle", "contour circles", "Contour circle", "Contour circles"}},
};

// How each mode's standard uncertainties are computed (report/uncertainty.hpp, point_uncertainty.hpp),
// in the words the page's note and the summaries use.
struct FitModeUncertainty {
  FitMode mode;
  const char* method;
};
inline constexpr FitModeUncertainty kFitModeUncertainty[] = {
    {FitMode::Circles, "cluster-robust CR2 sandwich, slices as clusters"},
    {FitMode::Points, "classical s²(JᵀJ)⁻¹, independent point noise"},
    {FitMode::Contours, "cluster-robust CR2 sandwich, contours as clusters"},
};

struct SphereFit {
  FitMode mode = FitMode::Circles;
  FitType fit_type = FitType::LeastSquares;
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  double radius = 0.0;
  bool radius_fixed = false;
  std::optional<Uncertainty> uncertainty;  // absent when the data can't estimate it
  double rms = 0.0;                        // RMS distance of the data from the sphere
  double max_abs_residual = 0.0;           // largest |residual| over used observations
  std::vector<double> residuals;           // signed distance (+ outside): per point, or a slice's mean
  std::vector<std::uint8_t> inlier;        // 1 where the observation was used
  std::vector<double> offsets;             // circles: in-plane distance of circle centre from the sphere's axis
  std::vector<double> heights;             // circles: signed distance of the slice plane from the centre
  int iterations = 0;
  Coverage coverage;
  FormResult form;
  std::optional<KnownRadiusCheck> known_radius_check;
  std::optional<LeastSquaresReference> least_squares;  // form fits only
  // Points, contours and volumes (pipeline/shape_check.hpp): whether the points are a sphere, and
  // the ellipsoid behind that verdict — or, when options.shape asked for a spheroid or an
  // ellipsoid, that shape's fit of every point (then `shape` says which). Absent for circles.
  Shape shape = Shape::Sphere;
  std::optional<ShapeVerdict> shape_verdict;
  std::optional<EllipsoidFit> ellipsoid;
  std::vector<Warning> warnings;
};

// One of several spheres in a dataset (a ball plate, both eyes, a bead pack, a labelmap's labels):
// its own fit of its own observations, what names it, and whether it is a sphere at all. A label
// or ROI whose surface is not spherical (a pelvis, a bladder) is listed with spherical = false and
// its fit's RMS, never shown as a sphere.
struct SphereEntry {
  SphereFit fit;
  std::string label;  // label value, segment, ROI or object name; empty for a found cluster
  bool spherical = true;
  double cap_angle_deg = 180.0;        // half-angle of the cap the data cover (180: all round)
  std::size_t count = 0;               // observations used
  std::vector<std::uint32_t> members;  // for points: the source's points that are this sphere's
  std::string why_not;                 // when not spherical: why, in words
  std::optional<Error> error;          // a label or object that could not be fitted at all
};

// The centre-to-centre distance of spheres a and b (0-based) with its standard uncertainty,
// uᵀ(Σa + Σb)u along the unit vector u between them: the fits are independent (each of its own
// points). Absent when either centre has no covariance.
struct SphereDistance {
  std::size_t a = 0, b = 0;
  double distance = 0.0;
  std::optional<double> std_error;
};

// With more than this many spheres, Auto gives each sphere's nearest neighbour, not every pair.
inline constexpr std::size_t kAllPairsUpTo = 30;

struct SphereSet {
  std::vector<SphereEntry> spheres;
  std::vector<SphereDistance> distances;
  bool all_pairs = true;     // false: nearest neighbours only
  std::size_t leftover = 0;  // observations on no sphere (clutter, planes, stems)
  std::size_t rejected = 0;  // candidate surfaces rejected as not spherical
  std::vector<Warning> warnings;
};

}  // namespace spherefit
