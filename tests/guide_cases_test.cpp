// docs/adding-a-municipality.md: the case table it shows for its worked example (the block after
// <!-- guide-cases -->) passes against the example's rule file (after <!-- guide-example -->),
// loaded with the shipped national rules. tests/guide_test.sh follows the guide's CLI steps.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "case_matcher.hpp"
#include "test_support.hpp"

namespace koshin::testing {
namespace {

// The fenced block right after the line "<!-- mark -->", without its fences.
std::string block_after(const std::string& doc, const std::string& mark) {
  const auto at = doc.find("<!-- " + mark + " -->\n");
  if (at == std::string::npos) return {};
  const auto open = doc.find("```", at);
  const auto body = doc.find('\n', open);
  const auto close = doc.find("\n```", body);
  if (open == std::string::npos || body == std::string::npos || close == std::string::npos) return {};
  return doc.substr(body + 1, close - body);
}

TEST(Guide, TheWorkedExampleCaseTablePasses) {
  const std::string doc = read_text(KOSHIN_SOURCE_DIR "/docs/adding-a-municipality.md");
  const std::string rules = block_after(doc, "guide-example");
  const std::string table = block_after(doc, "guide-cases");
  ASSERT_FALSE(rules.empty()) << "no <!-- guide-example --> block";
  ASSERT_FALSE(table.empty()) << "no <!-- guide-cases --> block";

  Engine engine;
  Diagnostics diag;
  ASSERT_TRUE(engine.load_national(read_text(KOSHIN_SOURCE_DIR "/rules/national.json"), diag));
  engine.load_municipality(rules, diag);
  for (const auto& e : diag.errors()) ADD_FAILURE() << "the example: " << e.pointer << ": " << e.code;
  ASSERT_NE(engine.municipality("sample-town"), nullptr);

  // load_cases reads a directory of tables: give it one with the guide's.
  const auto dir = std::filesystem::temp_directory_path() /
                   ("koshin-guide-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "sample-town.json") << table;
  const auto cases = load_cases(dir.string());
  std::filesystem::remove_all(dir);

  ASSERT_GE(cases.size(), 3u);
  for (const Case& c : cases) {
    ASSERT_FALSE(c.situation.is_null()) << "the guide's case table is not valid";
    EXPECT_FALSE(c.expect.empty()) << c.name << " expects nothing";
    EXPECT_EQ(c.situation.value("municipality", ""), "sample-town") << c.name;
    const Json plan = engine.evaluate(c.situation);
    for (const auto& e : c.expect.items()) {
      const std::string failure = check(plan, e.key(), e.value());
      EXPECT_TRUE(failure.empty()) << c.name << "\n  " << failure;
    }
  }
}

}  // namespace
}  // namespace koshin::testing
