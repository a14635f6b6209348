// Typed errors and warnings. Data problems are values, never exceptions: the WebAssembly build
// runs with exceptions disabled, and a page must be able to show every failure as a message.
// The codes reach JavaScript under the names in the tables below (see wasm/bindings/to_js.cpp).
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "model/names.hpp"

namespace spherefit {

enum class ErrorCode {
  // Text and files
  EmptyInput,
  InvalidNumber,
  WrongFieldCount,
  MissingColumn,
  DuplicateColumn,
  MixedSeparators,
  BinaryInput,
  UnknownFormat,
  InvalidFile,
  TruncatedFile,
  UnsupportedFile,
  // DICOM
  MissingTag,
  DuplicateSlices,
  CodecFailed,
  // Values and options
  NonFiniteValue,
  NegativeRadius,
  ZeroNormal,
  InconsistentContour,
  InvalidWeights,
  InvalidOption,
  InvalidColumns,
  // Geometry
  TooFewSlices,
  AllSlicesCoplanar,
  TooFewPoints,
  PointsCoplanar,
  PointsCollinear,
  Underdetermined,
  MirrorAmbiguity,
  InscribedUnbounded,
  // Volumes
  LabelNotFound,
  EmptyMask,
  NoClosedContours,
  // Several spheres
  NoSphereFound,
  GreyValues,
  NoMaterialPeak,
  // The solver itself
  NumericalFailure,
};

inline constexpr NamedValue<ErrorCode> kErrorCodeNames[] = {
    {ErrorCode::EmptyInput, "EmptyInput"},
    {ErrorCode::InvalidNumber, "InvalidNumber"},
    {ErrorCode::WrongFieldCount, "WrongFieldCount"},
    {ErrorCode::MissingColumn, "MissingColumn"},
    {ErrorCode::DuplicateColumn, "DuplicateColumn"},
    {ErrorCode::MixedSeparators, "MixedSeparators"},
    {ErrorCode::BinaryInput, "BinaryInput"},
    {ErrorCode::UnknownFormat, "UnknownFormat"},
    {ErrorCode::InvalidFile, "InvalidFile"},
    {ErrorCode::TruncatedFile, "TruncatedFile"},
    {ErrorCode::UnsupportedFile, "UnsupportedFile"},
    {ErrorCode::MissingTag, "MissingTag"},
    {ErrorCode::DuplicateSlices, "DuplicateSlices"},
    {ErrorCode::CodecFailed, "CodecFailed"},
    {ErrorCode::NonFiniteValue, "NonFiniteValue"},
    {ErrorCode::NegativeRadius, "NegativeRadius"},
    {ErrorCode::ZeroNormal, "ZeroNormal"},
    {ErrorCode::InconsistentContour, "InconsistentContour"},
    {ErrorCode::InvalidWeights, "InvalidWeights"},
    {ErrorCode::InvalidOption, "InvalidOption"},
    {ErrorCode::InvalidColumns, "InvalidColumns"},
    {ErrorCode::TooFewSlices, "TooFewSlices"},
    {ErrorCode::AllSlicesCoplanar, "AllSlicesCoplanar"},
    {ErrorCode::TooFewPoints, "TooFewPoints"},
    {ErrorCode::PointsCoplanar, "PointsCoplanar"},
    {ErrorCode::PointsCollinear, "PointsCollinear"},
    {ErrorCode::Underdetermined, "Underdetermined"},
    {ErrorCode::MirrorAmbiguity, "MirrorAmbiguity"},
    {ErrorCode::InscribedUnbounded, "InscribedUnbounded"},
    {ErrorCode::LabelNotFound, "LabelNotFound"},
    {ErrorCode::EmptyMask, "EmptyMask"},
    {ErrorCode::NoClosedContours, "NoClosedContours"},
    {ErrorCode::NoSphereFound, "NoSphereFound"},
    {ErrorCode::GreyValues, "GreyValues"},
    {ErrorCode::NoMaterialPeak, "NoMaterialPeak"},
    {ErrorCode::NumericalFailure, "NumericalFailure"},
};

inline const char* error_code_name(ErrorCode code) { return name_of(kErrorCodeNames, code); }

// Where an error points: 1-based line and column (in characters) of parsed text, a byte offset
// into a binary file, or the 0-based slice or point it is about; a part that does not apply stays
// at its "none" value. notes carries the reader's warnings that explain the failure (an
// unrecognised column name behind a missing one).
struct Error {
  ErrorCode code = ErrorCode::NumericalFailure;
  std::string message;
  int line = 0;
  int column = 0;
  long long offset = -1;
  long slice = -1;
  long point = -1;
  std::vector<std::string> notes{};
};

enum class WarningCode {
  UnknownColumn,
  PointCountMismatch,
  WeightColumnIgnored,
  RadiusColumnIgnored,
  ExactlyDetermined,
  CovarianceOverflow,
  NotConverged,
  CapOnly,
  RadiusPoorlyDetermined,
  Outliers,
  SetAside,
  KnownRadiusContradicts,
  Clutter,
  ContoursLeftOut,
  ZoneNotUnique,
  VolumeGeometry,
  FirstVolumeOnly,
  // Point and mesh files
  TrailingData,
  IncompleteFile,
  ExtensionMismatch,
  PointsSkipped,
  SensorViewpoint,
  SeveralMaterials,
  NonFiniteVoxels,
  // Tables
  UnitsDiffer,
  ReadAsPoints,
  // Several spheres
  SeveralSpheres,
  UncertaintyUndetermined,
  // Ellipsoids and the shape verdict
  ShapePoorlyDetermined,
  AxesUndefined,
  NotSphere,
  // DICOM
  SkippedFile,
  MissingSlices,
  ContoursSkipped,
  DefaultRescale,
  OverlappingSegments,
};

inline constexpr NamedValue<WarningCode> kWarningCodeNames[] = {
    {WarningCode::UnknownColumn, "UnknownColumn"},
    {WarningCode::PointCountMismatch, "PointCountMismatch"},
    {WarningCode::WeightColumnIgnored, "WeightColumnIgnored"},
    {WarningCode::RadiusColumnIgnored, "RadiusColumnIgnored"},
    {WarningCode::ExactlyDetermined, "ExactlyDetermined"},
    {WarningCode::CovarianceOverflow, "CovarianceOverflow"},
    {WarningCode::NotConverged, "NotConverged"},
    {WarningCode::CapOnly, "CapOnly"},
    {WarningCode::RadiusPoorlyDetermined, "RadiusPoorlyDetermined"},
    {WarningCode::Outliers, "Outliers"},
    {WarningCode::SetAside, "SetAside"},
    {WarningCode::KnownRadiusContradicts, "KnownRadiusContradicts"},
    {WarningCode::Clutter, "Clutter"},
    {WarningCode::ContoursLeftOut, "ContoursLeftOut"},
    {WarningCode::ZoneNotUnique, "ZoneNotUnique"},
    {WarningCode::VolumeGeometry, "VolumeGeometry"},
    {WarningCode::FirstVolumeOnly, "FirstVolumeOnly"},
    {WarningCode::TrailingData, "TrailingData"},
    {WarningCode::IncompleteFile, "IncompleteFile"},
    {WarningCode::ExtensionMismatch, "ExtensionMismatch"},
    {WarningCode::PointsSkipped, "PointsSkipped"},
    {WarningCode::SensorViewpoint, "SensorViewpoint"},
    {WarningCode::SeveralMaterials, "SeveralMaterials"},
    {WarningCode::NonFiniteVoxels, "NonFiniteVoxels"},
    {WarningCode::UnitsDiffer, "UnitsDiffer"},
    {WarningCode::ReadAsPoints, "ReadAsPoints"},
    {WarningCode::SeveralSpheres, "SeveralSpheres"},
    {WarningCode::UncertaintyUndetermined, "UncertaintyUndetermined"},
    {WarningCode::ShapePoorlyDetermined, "ShapePoorlyDetermined"},
    {WarningCode::AxesUndefined, "AxesUndefined"},
    {WarningCode::NotSphere, "NotSphere"},
    {WarningCode::SkippedFile, "SkippedFile"},
    {WarningCode::MissingSlices, "MissingSlices"},
    {WarningCode::ContoursSkipped, "ContoursSkipped"},
    {WarningCode::DefaultRescale, "DefaultRescale"},
    {WarningCode::OverlappingSegments, "OverlappingSegments"},
};

inline const char* warning_code_name(WarningCode code) { return name_of(kWarningCodeNames, code); }

struct Warning {
  WarningCode code;
  std::string message;
};

// Either a value or an Error; a minimal std::expected for C++17.
template <class T>
class Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Outcome(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return state_.index() == 0; }
  const T& value() const { return std::get<0>(state_); }
  T& value() { return std::get<0>(state_); }
  const Error& error() const { return std::get<1>(state_); }
  Error& error() { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace spherefit
