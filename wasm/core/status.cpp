#include "status.hpp"

namespace spherefit {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::EmptyInput: return "EmptyInput";
    case ErrorCode::InvalidNumber: return "InvalidNumber";
    case ErrorCode::WrongFieldCount: return "WrongFieldCount";
    case ErrorCode::MissingColumn: return "MissingColumn";
    case ErrorCode::DuplicateColumn: return "DuplicateColumn";
    case ErrorCode::TooFewSlices: return "TooFewSlices";
    case ErrorCode::AllSlicesCoplanar: return "AllSlicesCoplanar";
    case ErrorCode::Underdetermined: return "Underdetermined";
    case ErrorCode::NonFiniteValue: return "NonFiniteValue";
    case ErrorCode::NegativeRadius: return "NegativeRadius";
    case ErrorCode::ZeroNormal: return "ZeroNormal";
    case ErrorCode::InvalidWeights: return "InvalidWeights";
    case ErrorCode::InvalidOption: return "InvalidOption";
    case ErrorCode::MirrorAmbiguity: return "MirrorAmbiguity";
    case ErrorCode::NumericalFailure: return "NumericalFailure";
  }
  return "NumericalFailure";
}

}  // namespace spherefit
