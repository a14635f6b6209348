// Numbers in the core's messages (issue 22, items 1 and 9): a value rounded to its uncertainty keeps
// its own leading digits when u exceeds it (163 894 ± 1.8e8 was "0 ± …"), and counts are grouped.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/format.hpp"

namespace spherefit {
namespace {

TEST(Format, UncertaintyLargerThanTheValueKeepsTheValuesDigits) {
  EXPECT_EQ(format_with_uncertainty(163894.0, 1.8e8, "mm"), "1.6e+05 ± 1.8e+08 mm");
  EXPECT_EQ(format_with_uncertainty(3.2, 450.0, "mm"), "3.2 ± 4.5e+02 mm");
  // Rounding to tens or coarser when u is smaller than the value: to u's second digit (GUM 7.2.6).
  EXPECT_EQ(format_with_uncertainty(163894.0, 1834.0, ""), "163900 ± 1800");
  EXPECT_EQ(format_with_uncertainty(12.70014, 0.00049, "mm"), "12.70014 ± 0.00049 mm");
}

TEST(Format, CountsInIndexListsAreGrouped) {
  std::vector<std::size_t> many(12 + 1234, 0);
  EXPECT_NE(index_list(many).find("and 1,234 more"), std::string::npos) << index_list(many);
}

}  // namespace
}  // namespace spherefit
