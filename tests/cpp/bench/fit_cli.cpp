// Reads a table of circles or points from a file (or stdin) and prints the fit as JSON with full
// precision, and the time of one fit (the mean over `repeat`, the reading not counted).
//   spherefit_cli FILE [REPEAT [FIT-TYPE]]
// Used by `npm run bench` to time native against wasm on the same data, and by the Node tests to
// check that wasm and native give the same numbers.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "pipeline/fit_contours.hpp"
#include "pipeline/fit.hpp"
#include "read/tables/parse.hpp"

int main(int argc, char** argv) {
  std::stringstream buffer;
  int repeat = 1;
  if (argc > 1) {
    std::ifstream in(argv[1]);
    buffer << in.rdbuf();
  } else {
    buffer << std::cin.rdbuf();
  }
  if (argc > 2) repeat = std::stoi(argv[2]);
  spherefit::FitOptions options;
  if (argc > 3) {
    const auto type = spherefit::value_named(spherefit::kFitTypeNames, argv[3]);
    if (!type) {
      std::printf("{\"ok\":false,\"code\":\"InvalidOption\"}\n");
      return 1;
    }
    options.fit_type = *type;
  }
  const std::string text = buffer.str();
  const auto parsed = spherefit::parse_table(text);
  if (!parsed.ok()) {
    std::printf("{\"ok\":false,\"code\":\"%s\"}\n", spherefit::error_code_name(parsed.error().code));
    return 1;
  }
  const spherefit::ParsedTable& table = parsed.value();
  const bool points = table.mode == spherefit::InputMode::Points;
  auto fit_once = [&]() -> spherefit::Outcome<spherefit::SphereFit> {
    if (points && table.points.has_slices()) {
      auto contours = spherefit::fit_contours(table.points, options);
      if (!contours.ok()) return contours.error();
      return contours.value().fit;
    }
    return points ? spherefit::fit_sphere(table.points.view(), options)
                  : spherefit::fit_sphere(table.slices.view(), options);
  };
  auto fit = fit_once();
  const auto start = std::chrono::steady_clock::now();
  for (int k = 0; k < repeat; ++k) fit = fit_once();
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / repeat;
  if (!fit.ok()) {
    std::printf("{\"ok\":false,\"code\":\"%s\"}\n", spherefit::error_code_name(fit.error().code));
    return 1;
  }
  const auto& f = fit.value();
  std::printf("{\"ok\":true,\"center\":[%.17g,%.17g,%.17g],\"radius\":%.17g,\"fitMs\":%.6g}\n", f.center.x(),
              f.center.y(), f.center.z(), f.radius, ms);
  return 0;
}
