#include "read/options.hpp"

#include <cmath>

#include "read/tables/number.hpp"

namespace spherefit {
namespace {

Error bad_option(const std::string& message) { return Error{ErrorCode::InvalidOption, message}; }

template <std::size_t N>
const OptionSpec* find_spec(const OptionSpec (&specs)[N], std::string_view name) {
  for (const OptionSpec& s : specs)
    if (name == s.name) return &s;
  return nullptr;
}

template <std::size_t N>
Error unknown_option(const OptionSpec (&specs)[N], std::string_view name, const char* what) {
  std::string list;
  for (std::size_t k = 0; k < N; ++k) list += std::string(k == 0 ? "" : k + 1 == N ? " and " : ", ") + specs[k].name;
  return bad_option("Unknown " + std::string(what) + " '" + std::string(name) + "'; the " + what + "s are " + list +
                    ".");
}

template <class E, std::size_t N>
std::optional<Error> read_choice(const OptionSpec& spec, const OptionValue& value, const NamedValue<E> (&table)[N],
                                 E& target) {
  std::string allowed;
  for (const NamedValue<E>& entry : table) allowed += (allowed.empty() ? "'" : ", '") + std::string(entry.name) + "'";
  const auto* text = std::get_if<std::string>(&value);
  if (text == nullptr) return bad_option(std::string(spec.name) + " must be one of " + allowed + ".");
  const std::optional<E> v = value_named(table, *text);
  if (!v) return bad_option(std::string(spec.name) + " must be one of " + allowed + ", not '" + *text + "'.");
  target = *v;
  return std::nullopt;
}

// A number given as a number, or as text typed in a form field (decimal comma and Unicode minus
// read as the data parser reads them); empty text is not given.
std::optional<Error> read_real(const OptionSpec& spec, const OptionValue& value, std::optional<double>& target) {
  if (const auto* n = std::get_if<double>(&value)) {
    target = *n;
    return std::nullopt;
  }
  if (const auto* given = std::get_if<std::string>(&value)) {
    const std::size_t first = given->find_first_not_of(" \t");
    if (first == std::string::npos) return std::nullopt;
    const std::string text = given->substr(first, given->find_last_not_of(" \t") - first + 1);
    if (const auto n = read_number(text, true)) {
      target = n->value;
      return std::nullopt;
    }
    return bad_option(std::string("The ") + spec.what + " '" + text + "' is not a number.");
  }
  return bad_option(std::string(spec.name) + " must be a number.");
}

std::optional<Error> read_count(const OptionSpec& spec, const OptionValue& value, int& target) {
  const auto* n = std::get_if<double>(&value);
  const double v = n != nullptr ? *n : NAN;
  if (!(v >= spec.min && v <= spec.max && v == std::floor(v))) {
    return bad_option(std::string(spec.name) + " must be a whole number from " +
                      std::to_string(static_cast<int>(spec.min)) + " to " + std::to_string(static_cast<int>(spec.max)) +
                      ".");
  }
  target = static_cast<int>(v);
  return std::nullopt;
}

}  // namespace

std::optional<Error> read_fit_option(FitOptions& o, std::string_view name, const OptionValue& value) {
  const OptionSpec* spec = find_spec(kFitOptionSpecs, name);
  if (spec == nullptr) return unknown_option(kFitOptionSpecs, name, "option");
  if (std::holds_alternative<std::monostate>(value)) return std::nullopt;
  const std::string_view n = spec->name;
  if (n == "weights") return read_choice(*spec, value, kWeightModeNames, o.weights);
  if (n == "mode") return read_choice(*spec, value, kInputModeNames, o.mode);
  if (n == "fitType") return read_choice(*spec, value, kFitTypeNames, o.fit_type);
  if (n == "robust") {
    const auto* flag = std::get_if<bool>(&value);
    if (flag == nullptr) return bad_option("robust must be true or false.");
    o.robust = *flag;
    return std::nullopt;
  }
  if (n == "radius") return read_real(*spec, value, o.known_radius);
  if (n == "minRadius") return read_real(*spec, value, o.min_radius);
  if (n == "maxRadius") return read_real(*spec, value, o.max_radius);
  if (n == "units") {
    const auto* text = std::get_if<std::string>(&value);
    if (text == nullptr) return bad_option("units must be text, such as 'mm'.");
    o.units = *text;  // its length is check_options' (it also guards options built in C++)
    return std::nullopt;
  }
  if (n == "spheres") return read_choice(*spec, value, kSphereCountNames, o.spheres);
  if (n == "distances") return read_choice(*spec, value, kDistancePairsNames, o.distances);
  if (n == "minCapAngle") return read_count(*spec, value, o.min_cap_angle_deg);
  if (n == "shape") return read_choice(*spec, value, kShapeNames, o.shape);
  if (n == "shapeTolerance") return read_real(*spec, value, o.shape_tolerance);
  return read_count(*spec, value, o.max_iterations);  // maxIterations
}

std::optional<Error> read_selection_option(VolumeSelection& s, std::string_view name, const OptionValue& value) {
  const OptionSpec* spec = find_spec(kSelectionSpecs, name);
  if (spec == nullptr) return unknown_option(kSelectionSpecs, name, "selection key");
  if (std::holds_alternative<std::monostate>(value)) return std::nullopt;
  const std::string_view n = spec->name;
  if (n == "label") return read_real(*spec, value, s.label);
  if (n == "threshold") return read_real(*spec, value, s.threshold);
  const auto* a = std::get_if<double>(&value);
  if (a == nullptr || !(*a == 0 || *a == 1 || *a == 2))
    return bad_option("The slice axis must be 0, 1 or 2 (i, j or k).");
  s.axis = static_cast<int>(*a);
  return std::nullopt;
}

}  // namespace spherefit
