// The language packs cover every message key a plan can carry, with a note for translators,
// in English and Japanese. Keys, placeholders and syntax of every pack: scripts/i18n-check.mjs.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "koshin/evaluate.hpp"
#include "test_support.hpp"

namespace koshin {
namespace {

Json pack(const std::string& lang) {
  return testing::source_json("i18n/" + lang + ".json");
}

// Every key a plan can contain: core keys, documents, follow-ups, steps, error codes.
std::set<std::string> required_keys() {
  std::set<std::string> keys;
  for (auto k : core_message_keys()) keys.emplace(k);
  const Engine& engine = testing::shipped_engine();
  std::vector<const RuleFile*> files{engine.national()};
  for (const auto& id : engine.municipality_ids()) files.push_back(engine.municipality(id));
  for (const RuleFile* f : files) {
    for (const auto& d : f->documents) {
      if (d.name.empty()) keys.insert("doc." + d.id);
    }
    for (const auto& x : f->follow_ups) keys.insert("followup." + x.id);
  }
  for (const auto& n : kStepKindNames.names) keys.insert("step." + std::string(n.first));
  // Errors a plan or the page can show; the check-rules warnings at the end are for staff only.
  std::string errors = testing::read_text(KOSHIN_SOURCE_DIR "/docs/errors.md");
  errors = errors.substr(0, errors.find("\n## Warnings"));
  const std::regex code_row("\\n\\| `([a-z_]+)` \\|");
  for (auto it = std::sregex_iterator(errors.begin(), errors.end(), code_row); it != std::sregex_iterator(); ++it) {
    keys.insert("error." + std::string((*it)[1]));
  }
  return keys;
}

TEST(LanguagePacks, EnglishAndJapaneseDefineEveryKeyAPlanCanCarry) {
  const auto keys = required_keys();
  ASSERT_GT(keys.size(), 90u);
  for (const std::string lang : {"en", "ja"}) {
    const Json p = pack(lang);
    for (const auto& k : keys) {
      EXPECT_TRUE(p.contains(k) && p[k].is_string() && !p[k].get<std::string>().empty()) << lang << " lacks " << k;
      EXPECT_TRUE(p.contains("@" + k) && p["@" + k].contains("description"))
          << lang << " has no translator note for " << k;
    }
  }
}

}  // namespace
}  // namespace koshin
