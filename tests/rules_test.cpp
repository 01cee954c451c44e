// Rule files: the shipped ones load cleanly; each malformed one in tests/rule_errors.json
// gives exactly the error code and JSON pointer it lists, and never a crash.
#include "koshin/rules.hpp"

#include <gtest/gtest.h>

#include "case_matcher.hpp"
#include "test_support.hpp"

namespace koshin {
namespace {

std::string rules_path(const std::string& base) {
  return std::string(KOSHIN_SOURCE_DIR "/rules/") +
         (base == "national" ? "national.json" : "municipalities/" + base + ".json");
}

std::unique_ptr<RuleFile> load(const std::string& text, const RuleFile* national, Diagnostics& diag) {
  return load_rule_file(text, national, diag);
}

const RuleFile& national() {
  static const auto file = [] {
    Diagnostics diag;
    return load(testing::read_text(rules_path("national")), nullptr, diag);
  }();
  return *file;
}

TEST(ShippedRules, EveryFileLoadsWithoutErrors) {
  for (const std::string base : {"national", "ise", "tokorozawa", "odawara", "edogawa", "ibaraki"}) {
    Diagnostics diag(base);
    auto file = load(testing::read_text(rules_path(base)), base == "national" ? nullptr : &national(), diag);
    EXPECT_NE(file, nullptr) << base;
    for (const auto& e : diag.errors())
      ADD_FAILURE() << base << ": " << e.pointer << ": " << e.code << ": " << e.expected;
  }
}

TEST(ShippedRules, EveryValueHasASourceThatResolves) {
  for (const std::string base : {"ise", "tokorozawa", "odawara", "edogawa", "ibaraki"}) {
    Diagnostics diag(base);
    auto file = load(testing::read_text(rules_path(base)), &national(), diag);
    ASSERT_NE(file, nullptr) << base;
    auto resolves = [&](const std::string& id) {
      return file->find_source(id) != nullptr || national().find_source(id) != nullptr;
    };
    for (const auto& q : file->requirements) EXPECT_TRUE(resolves(q.source)) << base << ": " << q.id;
    for (const auto& o : file->offices) EXPECT_TRUE(resolves(o.source)) << base << ": " << o.id;
    for (const auto& n : file->notes) EXPECT_TRUE(resolves(n.source)) << base << ": " << n.id;
  }
}

TEST(ShippedRules, HashIsOfTheFileBytes) {
  Diagnostics a, b;
  const std::string text = testing::read_text(rules_path("national"));
  auto one = load(text, nullptr, a);
  auto two = load(text + "\n", nullptr, b);
  ASSERT_TRUE(one && two);
  EXPECT_EQ(one->hash.size(), 64u);
  EXPECT_NE(one->hash, two->hash);
}

struct RuleErrorCase {
  std::string name;
  Json spec;
};

void PrintTo(const RuleErrorCase& c, std::ostream* os) { *os << c.name; }

class RuleErrors : public ::testing::TestWithParam<RuleErrorCase> {};

TEST_P(RuleErrors, GiveTheListedCodeAndPointer) {
  const Json& c = GetParam().spec;
  const std::string base = c["base"].get<std::string>();
  std::string text;
  if (c.contains("text")) {
    text = c["text"].get<std::string>();
  } else {
    const Json original = Json::parse(testing::read_text(rules_path(base)));
    text = testing::merge(original, c["patch"]).dump();
  }
  Diagnostics diag("test.json");
  auto file = load(text, base == "national" ? nullptr : &national(), diag);
  EXPECT_EQ(file, nullptr);
  bool found = false;
  for (const auto& e : diag.errors()) {
    found = found || (e.code == c["code"].get<std::string>() && e.pointer == c["pointer"].get<std::string>());
    EXPECT_EQ(e.file, "test.json");
    EXPECT_FALSE(e.expected.empty()) << e.code << " at " << e.pointer << " says nothing about what was expected";
  }
  std::string got;
  for (const auto& e : diag.errors()) got += "\n  " + e.code + " at " + e.pointer;
  EXPECT_TRUE(found) << "expected " << c["code"] << " at " << c["pointer"] << ", got:" << got;
}

std::vector<RuleErrorCase> rule_error_cases() {
  std::vector<RuleErrorCase> out;
  const Json j = testing::source_json("tests/rule_errors.json");
  for (const auto& c : j["cases"]) out.push_back({c["name"].get<std::string>(), c});
  return out;
}

INSTANTIATE_TEST_SUITE_P(Table, RuleErrors, ::testing::ValuesIn(rule_error_cases()),
                         [](const ::testing::TestParamInfo<RuleErrorCase>& info) {
                           std::string n = std::to_string(info.index) + "_" + info.param.name;
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

TEST(RuleErrors, MunicipalityWithoutNationalIsRefused) {
  Diagnostics diag;
  EXPECT_EQ(load(testing::read_text(rules_path("ise")), nullptr, diag), nullptr);
  ASSERT_FALSE(diag.ok());
  EXPECT_EQ(diag.errors().front().code, "national_required");
}

}  // namespace
}  // namespace koshin
