// Runs every case table in tests/cases/ through the core (TEST_P, one test per case).
#include "case_matcher.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace koshin::testing {
namespace {

class CaseTable : public ::testing::TestWithParam<Case> {};

TEST_P(CaseTable, PlanMatches) {
  const Case& c = GetParam();
  ASSERT_FALSE(c.situation.is_null()) << c.file << " is not a valid case table";
  ASSERT_FALSE(c.expect.empty()) << c.file << ": \"" << c.name << "\" expects nothing";
  const Json plan = shipped_engine().evaluate(c.situation);
  for (const auto& e : c.expect.items()) {
    const std::string failure = check(plan, e.key(), e.value());
    EXPECT_TRUE(failure.empty()) << c.file << ": " << c.name << "\n  " << failure;
  }
}

std::string test_name(const ::testing::TestParamInfo<Case>& info) {
  std::string out = info.param.file.substr(0, info.param.file.find('.')) + "_" + std::to_string(info.index) + "_" +
                    info.param.name;
  for (char& ch : out) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseTable, ::testing::ValuesIn(load_cases(KOSHIN_SOURCE_DIR "/tests/cases")), test_name);

}  // namespace
}  // namespace koshin::testing
