// Every error code of the fit: a value with a message that says what to do, never a crash or NaN.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "pipeline/fit.hpp"
#include "pipeline/fit_text.hpp"
#include "support/synthetic.hpp"

namespace spherefit {
namespace {

SliceTable three_slices() { return testing::slice_sphere({0, 0, 0}, 2, {{-1.0}, {0.0}, {1.0}}); }

void expect_error(const SliceTable& t, ErrorCode code, long slice = -1, const FitOptions& o = {}) {
  const auto fit = fit_sphere(t.view(), o);
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(error_code_name(fit.error().code), std::string(error_code_name(code))) << fit.error().message;
  EXPECT_EQ(fit.error().slice, slice);
  EXPECT_FALSE(fit.error().message.empty());
}

TEST(Errors, TooFewSlices) {
  SliceTable t;
  expect_error(t, ErrorCode::TooFewSlices);
  t.add(SliceCircle{{0, 0, 0}, 1.0});
  expect_error(t, ErrorCode::TooFewSlices);
}

TEST(Errors, AllSlicesCoplanar) {
  SliceTable t;
  t.add({{0, 0, 1}, 1.0});
  t.add({{3, 0, 1}, 2.0});
  t.add({{0, 4, 1}, 0.5});
  expect_error(t, ErrorCode::AllSlicesCoplanar);
}

TEST(Errors, NonFiniteNegativeRadiusZeroNormal) {
  auto t = three_slices();
  t.x[1] = NAN;
  expect_error(t, ErrorCode::NonFiniteValue, 1);
  t = three_slices();
  t.r[2] = -1;
  expect_error(t, ErrorCode::NegativeRadius, 2);
  t = three_slices();
  t.nx[0] = t.ny[0] = t.nz[0] = 0;
  expect_error(t, ErrorCode::ZeroNormal, 0);
}

TEST(Errors, Weights) {
  auto t = three_slices();
  FitOptions o;
  o.weights = WeightMode::Column;
  expect_error(t, ErrorCode::InvalidOption, -1, o);  // no w column
  t.has_weights = true;
  t.w = {1, -1, 1};
  expect_error(t, ErrorCode::InvalidWeights, 1, o);
  t.w = {0, 0, 0};
  expect_error(t, ErrorCode::InvalidWeights, -1, o);
  o.weights = WeightMode::Circumference;
  auto points = three_slices();
  points.r = {0, 0, 0};
  expect_error(points, ErrorCode::InvalidWeights, -1, o);
}

TEST(Errors, InvalidKnownRadius) {
  FitOptions o;
  o.known_radius = -2.0;
  expect_error(three_slices(), ErrorCode::InvalidOption, -1, o);
  o.known_radius = NAN;
  expect_error(three_slices(), ErrorCode::InvalidOption, -1, o);
}

TEST(Errors, UnderdeterminedByPointsOnly) {
  SliceTable t;
  t.add({{0, 0, 0}, 0.0});
  t.add({{0, 0, 2}, 0.0});
  expect_error(t, ErrorCode::Underdetermined);
}

TEST(Errors, MirrorAmbiguityGivesBothCentres) {
  SliceTable t;
  t.add({{1, 2, 3}, 4.0});
  FitOptions o;
  o.known_radius = 5.0;
  const auto fit = fit_sphere(t.view(), o);
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.error().code, ErrorCode::MirrorAmbiguity);
  EXPECT_NE(fit.error().message.find("(1, 2, 6)"), std::string::npos) << fit.error().message;
  EXPECT_NE(fit.error().message.find("(1, 2, 0)"), std::string::npos) << fit.error().message;
}

TEST(Errors, ExactlyDeterminedSaysSoInsteadOfZeros) {
  SliceTable t;  // two points and… nothing more: use a circle and a point (4 observations, 4 unknowns)
  t.add({{0, 0, 0}, 3.0});
  t.add({{0, 0, 4}, 0.0});
  const auto fit = fit_sphere(t.view());
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_FALSE(fit.value().uncertainty);
  ASSERT_FALSE(fit.value().warnings.empty());
  EXPECT_EQ(fit.value().warnings[0].code, WarningCode::ExactlyDetermined);
  EXPECT_NE(fit.value().warnings[0].message.find("Exactly determined: no uncertainty"), std::string::npos);
}

TEST(Errors, KnownRadiusEqualToAnEquatorSliceIsOneSphere) {
  SliceTable t;
  t.add({{1, 2, 3}, 4.0});
  FitOptions o;
  o.known_radius = 4.0;
  const auto fit = fit_sphere(t.view(), o);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_LE((fit.value().center - Eigen::Vector3d(1, 2, 3)).norm(), 1e-9);
  EXPECT_TRUE(fit.value().radius_fixed);
}

TEST(Errors, AKnownRadiusThatContradictsTheSlicesIsNamedAndTheFitConverges) {
  std::mt19937_64 rng(6001);
  auto t = testing::slice_sphere({112, 98, 241}, 23.6, testing::parallel_planes(30, -0.9, 0.7, rng));
  testing::add_noise(t, 0.05, rng);
  for (double known : {2.0, 3.0, 40.0}) {
    FitOptions o;
    o.known_radius = known;
    o.units = "mm";
    const auto fit = fit_sphere(t.view(), o);
    ASSERT_TRUE(fit.ok());
    const auto& w = fit.value().warnings;
    ASSERT_FALSE(w.empty());
    EXPECT_EQ(w[0].code, WarningCode::KnownRadiusContradicts) << w[0].message;
    EXPECT_NE(w[0].message.find("standard uncertainties away"), std::string::npos) << w[0].message;
    for (const Warning& each : w) EXPECT_NE(each.code, WarningCode::NotConverged) << known << ": " << each.message;
    EXPECT_GT(std::abs(fit.value().known_radius_check->z), 50.0);
    EXPECT_LT(fit.value().iterations, 40);
  }
  FitOptions agree;
  agree.known_radius = 23.6;
  const auto agreeing = fit_sphere(t.view(), agree);  // held: see AWeightColumnNotUsedIsNamed
  for (const Warning& each : agreeing.value().warnings) EXPECT_NE(each.code, WarningCode::KnownRadiusContradicts);
}

TEST(Errors, TwoNoisySlicesAreExactlyDeterminedNotExact) {
  SliceTable t;
  t.add({{0.01, 0, -1}, 1.98});
  t.add({{0, 0.02, 1.2}, 1.57});
  const auto fit = fit_sphere(t.view());
  ASSERT_TRUE(fit.ok());
  EXPECT_FALSE(fit.value().uncertainty);
  EXPECT_EQ(fit.value().warnings[0].code, WarningCode::ExactlyDetermined);
}

TEST(Errors, AWeightColumnNotUsedIsNamed) {
  auto t = three_slices();
  t.has_weights = true;
  t.w = {1, 2, 1};
  const auto fit = fit_sphere(t.view());
  ASSERT_TRUE(fit.ok());
  bool named = false;
  for (const Warning& w : fit.value().warnings) named = named || w.code == WarningCode::WeightColumnIgnored;
  EXPECT_TRUE(named);
  t.w = {1, 1, 1};  // all ones: nothing is lost by ignoring them
  // Held in a variable: a range-for over a member of a temporary Outcome would read freed stack.
  const auto unweighted = fit_sphere(t.view());
  for (const Warning& w : unweighted.value().warnings) EXPECT_NE(w.code, WarningCode::WeightColumnIgnored);
}

TEST(Errors, SliceErrorsFromTextNameTheLine) {
  // The parser already rejects bad values with their line; an error the fit reports about slice i
  // is pointed at the line slice i came from.
  const auto parsed = fit_text("x y z r\n# comment\n0 0 -1 1\n\n0 0 1 1\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value().table.slices.source_line, (std::vector<int>{3, 5}));
  Error e;
  e.code = ErrorCode::NonFiniteValue;
  e.slice = 1;
  e.message = "Slice 2: a value is not a finite number; fix or remove it.";
  const Error located = locate_error(e, parsed.value().table);
  EXPECT_EQ(located.line, 5);
  EXPECT_EQ(located.column, 1);
  EXPECT_EQ(located.message, "Line 5: Slice 2: a value is not a finite number; fix or remove it.");
  const auto coplanar = fit_text("0 0 1 1\n0 0 1 2\n");
  ASSERT_FALSE(coplanar.ok());
  EXPECT_EQ(coplanar.error().code, ErrorCode::AllSlicesCoplanar);
}

}  // namespace
}  // namespace spherefit
