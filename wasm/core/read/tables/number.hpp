// One number as people type it: a leading '+' or a Unicode minus (U+2212, as word processors
// and some exports write it), a decimal comma where the dialect uses one, an exponent. Also how
// it was typed (decimals after the point, exponent or not), so a view can show the user's digits.
#pragma once

#include <optional>
#include <string_view>

namespace spherefit {

struct TypedNumber {
  double value = 0.0;  // ±inf when the magnitude overflows; nan for "nan"
  int decimals = 0;    // digits after the decimal separator (of the mantissa)
  bool exponent = false;
};

// The number, or nothing if the text is not exactly one number. decimal_comma also accepts ','
// as the decimal separator.
std::optional<TypedNumber> read_number(std::string_view text, bool decimal_comma);

}  // namespace spherefit
