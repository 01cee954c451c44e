// Runs every case table in tests/cases/ through the core (TEST_P, one test per case).
#include <gtest/gtest.h>

#include "case_files.inc"  // the list of case tables: adding or removing one rebuilds this test
#include "case_matcher.hpp"
#include "koshin/json_text.hpp"
#include "test_support.hpp"

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
  // The text the wasm build returns is the same plan, written the fast way.
  EXPECT_EQ(shipped_engine().evaluate_to_json(c.situation.dump()), write_json(plan)) << c.file << ": " << c.name;
}

std::string test_name(const ::testing::TestParamInfo<Case>& info) {
  std::string out =
      info.param.file.substr(0, info.param.file.find('.')) + "_" + std::to_string(info.index) + "_" + info.param.name;
  for (char& ch : out) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseTable, ::testing::ValuesIn(load_cases(KOSHIN_SOURCE_DIR "/tests/cases")),
                         test_name);

}  // namespace
}  // namespace koshin::testing

namespace koshin::testing {
namespace {

// The matchers must be able to fail, or every case above would pass vacuously.
TEST(Matchers, EachOneRejectsAWrongExpectation) {
  const Json plan = Json::parse(R"({"a": "x", "list": [{"id": "p", "key": "k.1"}, {"id": "q", "key": "k.2"}]})");
  EXPECT_EQ(check(plan, "/a", "x"), "");
  EXPECT_NE(check(plan, "/a", "y"), "");
  EXPECT_NE(check(plan, "/missing", "x"), "");
  EXPECT_EQ(check(plan, "/missing", Json::parse(R"({"$absent": true})")), "");
  EXPECT_NE(check(plan, "/a", Json::parse(R"({"$absent": true})")), "");
  EXPECT_EQ(check(plan, "/list", Json::parse(R"({"$length": 2})")), "");
  EXPECT_NE(check(plan, "/list", Json::parse(R"({"$length": 3})")), "");
  EXPECT_EQ(check(plan, "/list", Json::parse(R"({"$ids": ["q", "p"]})")), "");
  EXPECT_NE(check(plan, "/list", Json::parse(R"({"$ids": ["p"]})")), "");
  EXPECT_NE(check(plan, "/list", Json::parse(R"({"$ids": ["p", "q", "r"]})")), "");
  EXPECT_NE(check(plan, "/list", Json::parse(R"({"$includes_ids": ["r"]})")), "");
  EXPECT_NE(check(plan, "/list", Json::parse(R"({"$excludes_ids": ["p"]})")), "");
  EXPECT_NE(check(plan, "/list", Json::parse(R"({"$keys_include": ["k.3"]})")), "");
  EXPECT_NE(check(plan, "/list", Json::parse(R"({"$keys_exclude": ["k.1"]})")), "");
  EXPECT_NE(check(plan, "/list", Json::parse(R"({"$frobnicate": 1})")), "");
  const Json days = Json::parse(R"({"d": [{"date": "2026-01-05"}, {"date": "2026-01-06"}]})");
  EXPECT_EQ(check(days, "/d", Json::parse(R"({"$dates": ["2026-01-05", "2026-01-06"]})")), "");
  EXPECT_NE(check(days, "/d", Json::parse(R"({"$dates": ["2026-01-06", "2026-01-05"]})")), "");
  EXPECT_NE(check(days, "/d", Json::parse(R"({"$dates": ["2026-01-05"]})")), "");
}

TEST(Matchers, MergeOverridesAndRemoves) {
  const Json merged =
      merge(Json::parse(R"({"a": {"b": 1, "c": 2}, "d": 3})"), Json::parse(R"({"a": {"b": 5, "c": null}})"));
  EXPECT_EQ(merged, Json::parse(R"({"a": {"b": 5}, "d": 3})"));
}

}  // namespace
}  // namespace koshin::testing
