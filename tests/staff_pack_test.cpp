// The staff packs (i18n/staff/<lang>.json, read by `koshin explain`): English and Japanese have the
// same keys with the same placeholders, every English message has a note, and every key the CLI
// asks for is defined. The residents' packs are checked by scripts/i18n-check.mjs.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "koshin/rules.hpp"
#include "test_support.hpp"

namespace koshin {
namespace {

Json staff_pack(const std::string& lang) { return testing::source_json("i18n/staff/" + lang + ".json"); }

// The messages of a pack: key -> text (keys starting with "@" are notes and metadata).
std::map<std::string, std::string> messages(const Json& pack) {
  std::map<std::string, std::string> out;
  for (const auto& item : pack.items()) {
    if (item.key().rfind('@', 0) == 0) continue;
    out[item.key()] = item.value().is_string() ? item.value().get<std::string>() : std::string();
  }
  return out;
}

std::set<std::string> placeholders(const std::string& text) {
  static const std::regex arg("\\{([A-Za-z0-9_]+)[,}]");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), arg); it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

template <class E>
std::set<std::string> names_of(const EnumNames<E>& names) {
  std::set<std::string> out;
  for (const auto& n : names.names) out.emplace(n.first);
  return out;
}

// Every key the CLI's sources name: "staff.x.y" literals, and key families built at run time
// ("staff.task." + a task id), each expanded with the ids it is built from.
std::set<std::string> keys_the_cli_uses() {
  const std::map<std::string, std::set<std::string>> families = {
      {"staff.task.", names_of(kTaskNames)},
      {"staff.condition.", names_of(kConditionNames)},
      {"staff.applicant.", names_of(kApplicantNames)},
      {"staff.reservation.", names_of(kReservationNames)},
      {"staff.step.", names_of(kStepKindNames)},
      {"staff.weekday.", {"sun", "mon", "tue", "wed", "thu", "fri", "sat"}},
      {"staff.procedure.", {"renewal", "issuance", "pin_reset"}},
      {"staff.holder.", {"any", "adult", "15_17", "under_15", "adult_ward"}},
      {"staff.col.",
       {"source", "ref", "title", "page_date", "office", "address", "phone", "tasks", "schedule", "holidays",
        "year_end", "notes"}},
  };
  std::set<std::string> keys;
  static const std::regex literal("\"(staff\\.[a-z0-9_.]+)\"");
  for (const auto& f : std::filesystem::directory_iterator(KOSHIN_SOURCE_DIR "/cli")) {
    const std::string text = testing::read_text(f.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator(); ++it) {
      const std::string key = (*it)[1];
      if (key.back() != '.') {
        keys.insert(key);
        continue;
      }
      const auto family = families.find(key);
      if (family == families.end()) {
        ADD_FAILURE() << f.path() << " builds keys from \"" << key << "\": list the ids in keys_the_cli_uses()";
        continue;
      }
      for (const auto& id : family->second) keys.insert(key + id);
    }
  }
  return keys;
}

TEST(StaffPacks, EnglishAndJapaneseHaveTheSameKeysAndPlaceholders) {
  const auto en = messages(staff_pack("en"));
  const auto ja = messages(staff_pack("ja"));
  ASSERT_GT(en.size(), 50u);
  for (const auto& [key, text] : en) {
    const auto it = ja.find(key);
    if (it == ja.end()) {
      ADD_FAILURE() << "ja.json lacks " << key;
      continue;
    }
    EXPECT_FALSE(text.empty()) << "en.json: " << key << " is empty";
    EXPECT_FALSE(it->second.empty()) << "ja.json: " << key << " is empty";
    EXPECT_EQ(placeholders(text), placeholders(it->second)) << key << ": placeholders differ";
  }
  for (const auto& [key, text] : ja) EXPECT_TRUE(en.count(key)) << "ja.json has " << key << ", en.json does not";
}

TEST(StaffPacks, EveryEnglishMessageHasANote) {
  const Json en = staff_pack("en");
  for (const auto& [key, text] : messages(en)) {
    const std::string note = "@" + key;
    EXPECT_TRUE(en.contains(note) && en[note].is_object() && en[note].contains("description") &&
                en[note]["description"].is_string())
        << key << " has no \"@" << key << "\": {\"description\": ...}";
  }
}

TEST(StaffPacks, DefineEveryKeyTheCliUses) {
  const auto keys = keys_the_cli_uses();
  ASSERT_GT(keys.size(), 50u);
  const auto en = messages(staff_pack("en"));
  for (const auto& k : keys) EXPECT_TRUE(en.count(k)) << "i18n/staff/en.json lacks " << k;
}

// The check above must be able to fail: a pack without one key, and one whose Japanese message
// drops a placeholder.
TEST(StaffPacks, TheChecksSeeAMissingKeyAndAChangedPlaceholder) {
  EXPECT_EQ(placeholders("{tasks}: {amount} yen"), (std::set<std::string>{"tasks", "amount"}));
  EXPECT_NE(placeholders("{tasks}: {amount} yen"), placeholders("{tasks}: 無料"));
  EXPECT_EQ(placeholders("{date, date}"), std::set<std::string>{"date"});
  Json pack = staff_pack("en");
  pack.erase("staff.title");
  EXPECT_FALSE(messages(pack).count("staff.title"));
  EXPECT_TRUE(keys_the_cli_uses().count("staff.title"));
}

}  // namespace
}  // namespace koshin
