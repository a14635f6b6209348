// libFuzzer target: any bytes as pasted text through fit_text, with options taken from the first
// byte (mode, robust, a known radius), so the reader, both fits and the diagnostics are reached.
// Whatever the input: a result with only finite numbers, or an error that points into the text.
// scripts/fuzz.sh builds it with clang's -fsanitize=fuzzer,address,undefined; the native suite
// replays the corpus in tests/fuzz/corpus/text/ through it (tests/fuzz/replay.cpp).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pipeline/fit_text.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool finite(const std::vector<double>& values) {
  for (double v : values)
    if (!std::isfinite(v)) return false;
  return true;
}

void check(const spherefit::SphereFit& f) {
  require(f.center.allFinite() && std::isfinite(f.radius) && f.radius > 0.0);
  require(std::isfinite(f.rms) && std::isfinite(f.max_abs_residual));
  require(finite(f.residuals) && finite(f.offsets) && finite(f.heights));
  require(std::isfinite(f.form.form_error) && std::isfinite(f.form.inner_radius) && std::isfinite(f.form.outer_radius));
  if (f.uncertainty) {
    require(f.uncertainty->std_error.allFinite() && f.uncertainty->ellipsoid.semi_axes.allFinite());
    if (f.uncertainty->covariance) require(f.uncertainty->covariance->allFinite());
  }
}

int count_lines(std::string_view text) {
  int lines = 1;
  for (char c : text) lines += c == '\n';
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t knobs = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  spherefit::FitOptions options;
  options.mode = static_cast<spherefit::InputMode>(knobs % 3);
  options.robust = (knobs & 4) != 0;
  if (knobs & 8) options.known_radius = 1.0 + (knobs >> 4);
  options.max_iterations = 50;
  const auto fit = spherefit::fit_text(text, options, (knobs & 128) ? "scan.xyz" : "");
  if (fit.ok()) {
    check(fit.value().fit);
    if (fit.value().contours) check(fit.value().contours->point_fit);
    return 0;
  }
  const spherefit::Error& e = fit.error();
  require(!e.message.empty());
  if (e.line > 0) require(e.line <= count_lines(text) && e.column >= 1);
  return 0;
}
