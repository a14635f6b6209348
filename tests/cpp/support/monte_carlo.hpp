// Monte Carlo checks of reported uncertainties: over many fits of freshly noised data, the spread
// of the fitted values (the truth about their uncertainty) against the root mean of the reported
// variances. Shared by the circle and the point uncertainty tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>

#include "model/result.hpp"
#include "model/status.hpp"

namespace spherefit::testing {

struct Spread {
  Eigen::Vector4d empirical_sd;
  Eigen::Vector4d reported_sd;  // root mean reported variance
};

class SpreadTally {
 public:
  // One trial's fit: its centre and radius, and its reported standard uncertainties.
  void add(const Outcome<SphereFit>& fit) {
    EXPECT_TRUE(fit.ok());
    if (!fit.ok()) return;
    Eigen::Vector4d v;
    v << fit.value().center, fit.value().radius;
    sum_ += v;
    sum_sq_ += v.cwiseProduct(v);
    ++trials_;
    EXPECT_TRUE(fit.value().uncertainty);
    if (fit.value().uncertainty) var_ += fit.value().uncertainty->std_error.cwiseAbs2();
  }

  Spread spread() const {
    const double n = trials_;
    const Eigen::Vector4d mean = sum_ / n;
    return {((sum_sq_ / n - mean.cwiseAbs2()) * n / (n - 1.0)).cwiseMax(0).cwiseSqrt(), (var_ / n).cwiseSqrt()};
  }

 private:
  Eigen::Vector4d sum_ = Eigen::Vector4d::Zero(), sum_sq_ = Eigen::Vector4d::Zero(), var_ = Eigen::Vector4d::Zero();
  int trials_ = 0;
};

// Reported over empirical spread within [low, high] for the first `parameters` of x, y, z, R.
inline void expect_honest(const Spread& s, double low, double high, int parameters = 4) {
  for (int k = 0; k < parameters; ++k) {
    const double ratio = s.reported_sd(k) / s.empirical_sd(k);
    std::printf("parameter %d: reported %.4g empirical %.4g ratio %.3f\n", k, s.reported_sd(k), s.empirical_sd(k),
                ratio);
    EXPECT_GT(ratio, low) << "parameter " << k;
    EXPECT_LT(ratio, high) << "parameter " << k;
  }
}

}  // namespace spherefit::testing
