// Typed errors of the solver. Data problems are values, never exceptions: the WebAssembly build
// runs with exceptions disabled, and a page must be able to show every failure as a message.
// The codes are spelled the same in JavaScript (see wasm/bindings.cpp).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace spherefit {

enum class ErrorCode {
  EmptyInput,
  InvalidNumber,
  WrongFieldCount,
  MissingColumn,
  DuplicateColumn,
  TooFewSlices,
  AllSlicesCoplanar,
  Underdetermined,
  NonFiniteValue,
  NegativeRadius,
  ZeroNormal,
  InvalidWeights,
  InvalidOption,
  MirrorAmbiguity,
  NumericalFailure,
};

const char* error_code_name(ErrorCode code);

// line and column are 1-based positions in the parsed text; 0 when the error is not tied to text.
// slice is the 0-based slice index when the error is about one slice, else -1.
struct Error {
  ErrorCode code = ErrorCode::NumericalFailure;
  std::string message;
  int line = 0;
  int column = 0;
  long slice = -1;
};

// Either a value or an Error; a minimal std::expected for C++17.
template <class T>
class Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}          // NOLINT: implicit by design
  Outcome(Error error) : state_(std::move(error)) {}      // NOLINT: implicit by design
  bool ok() const { return state_.index() == 0; }
  const T& value() const { return std::get<0>(state_); }
  T& value() { return std::get<0>(state_); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace spherefit
