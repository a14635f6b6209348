// Options as a caller hands them over, by name (the tables are model/options.hpp's): the
// bindings pass each as a plain OptionValue; read_fit_option and read_selection_option check the
// name, the type and the value, and set the field.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "model/options.hpp"
#include "model/status.hpp"
#include "model/volume.hpp"

namespace spherefit {

// A value as the caller gave it: absent (undefined, null), a boolean, a number, text, or
// something else (an object, an array: named by its type for the message).
struct OtherValue {
  std::string type;
};
using OptionValue = std::variant<std::monostate, bool, double, std::string, OtherValue>;

// InvalidOption naming the option and what it takes, or nothing when set. An unknown name is an
// error that lists the known ones. Absent values, and empty text for a length or number, leave the
// field as it is. The values are checked against each other by check_options afterwards.
std::optional<Error> read_fit_option(FitOptions& options, std::string_view name, const OptionValue& value);
std::optional<Error> read_selection_option(VolumeSelection& selection, std::string_view name, const OptionValue& value);

}  // namespace spherefit
