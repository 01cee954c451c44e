// The engine's contract: never throws, always answers with "errors" when input is bad, cites
// a source for every item, and keeps its message keys in one list.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "koshin/evaluate.hpp"
#include "koshin/json_text.hpp"
#include "koshin/sha256.hpp"
#include "test_support.hpp"

namespace koshin {
namespace {

const Json kExample = Json::parse(R"({"today": "2024-07-15", "municipality": "ise",
  "certificates": {"expiry": "2024-10-31"}, "card": {"expiry": "2029-10-31"},
  "holder": {"birth_date": "1989-10-31"}, "applicant": "self",
  "pins": {"signature": "known", "user": "known"}})");

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Engine, WithoutRulesEveryEvaluationIsAnError) {
  Engine empty;
  const Json plan = empty.evaluate(kExample);
  ASSERT_EQ(plan["errors"].size(), 1u);
  EXPECT_EQ(plan["errors"][0]["code"], "rules_not_loaded");
  EXPECT_EQ(empty.evaluate_to_json(kExample.dump()), write_json(plan));
}

TEST(Engine, InvalidJsonTextGivesInvalidJson) {
  const Json plan = testing::shipped_engine().evaluate_text("{\"today\": ");
  ASSERT_EQ(plan["errors"].size(), 1u);
  EXPECT_EQ(plan["errors"][0]["code"], "invalid_json");
  EXPECT_EQ(plan["errors"][0]["key"], "error.invalid_json");
  EXPECT_EQ(testing::shipped_engine().evaluate_to_json("{\"today\": "), write_json(plan));
}

TEST(Engine, DuplicateKeysAreErrorsWithTheirPointer) {
  const Json plan = testing::shipped_engine().evaluate_text(
      R"({"today": "2024-07-15", "municipality": "ise", "certificates": {"expiry": "2024-10-31"},
          "card": {"expiry": "2029-10-31"}, "holder": {"birth_date": "1989-10-31", "birth_date": "1990-01-01"},
          "applicant": "self", "applicant": "proxy_without_form"})");
  ASSERT_EQ(plan["errors"].size(), 2u) << plan["errors"].dump();
  EXPECT_EQ(plan["errors"][0]["code"], "duplicate_key");
  EXPECT_EQ(plan["errors"][0]["pointer"], "/holder/birth_date");
  EXPECT_EQ(plan["errors"][1]["pointer"], "/applicant");
  EXPECT_FALSE(plan.contains("procedure"));
}

// docs/errors.md: a refused plan names the rule set the situation was checked against, the
// municipality's when it names a known one, and its errors include an unknown municipality.
TEST(Engine, RefusedPlanNamesTheMunicipalityRuleSetOrReportsItUnknown) {
  const auto files = [](const Json& plan) {
    std::vector<std::string> ids;
    for (const auto& f : plan["rule_set"]["files"]) ids.push_back(f["id"].get<std::string>());
    return ids;
  };
  Json bad = kExample;
  bad["certificates"]["expiry"] = "2024-02-30";
  const Json known = testing::shipped_engine().evaluate(bad);
  ASSERT_EQ(known["errors"].size(), 1u) << known["errors"].dump();
  EXPECT_EQ(files(known), (std::vector<std::string>{"national", "ise"}));
  EXPECT_EQ(known["rule_set"], testing::shipped_engine().evaluate(kExample)["rule_set"]);

  bad["municipality"] = "atlantis";
  const Json unknown = testing::shipped_engine().evaluate(bad);
  ASSERT_EQ(unknown["errors"].size(), 2u) << unknown["errors"].dump();
  EXPECT_EQ(unknown["errors"][1]["code"], "unknown_municipality");
  EXPECT_EQ(files(unknown), (std::vector<std::string>{"national"}));

  bad["municipality"] = 7;  // not a string: a wrong type, and no unknown_municipality besides
  const Json wrong = testing::shipped_engine().evaluate(bad);
  ASSERT_EQ(wrong["errors"].size(), 2u) << wrong["errors"].dump();
  EXPECT_EQ(wrong["errors"][0]["pointer"], "/municipality");
  EXPECT_NE(wrong["errors"][0]["code"], "unknown_municipality");
}

TEST(Engine, ExampleHasTheStableFields) {
  const Json plan = testing::shipped_engine().evaluate(kExample);
  ASSERT_TRUE(plan["errors"].empty()) << plan["errors"].dump();
  for (const char* field :
       {"format", "today", "municipality", "window", "procedure", "visits", "offices", "fees", "follow_ups", "asides",
        "warnings", "notes", "new_certificate", "trace", "rule_set", "errors"}) {
    EXPECT_TRUE(plan.contains(field)) << field;
  }
  EXPECT_EQ(plan["asides"], Json::array());  // present even when nothing applies
  EXPECT_EQ(plan["today"], "2024-07-15");
  EXPECT_EQ(plan["rule_set"]["version"].get<std::string>().size(), 16u);
}

// Walks a plan: every object that names a rule also names a non-empty source.
void expect_sources(const Json& j, const std::string& where) {
  if (j.is_object()) {
    if (j.contains("rule") && j.contains("sources")) {  // a trace entry
      EXPECT_TRUE(j["sources"].is_array() && !j["sources"].empty()) << where << ": trace without sources";
    } else if (j.contains("rule")) {
      EXPECT_TRUE(j.contains("source") && j["source"].is_string() && !j["source"].get<std::string>().empty())
          << where << " names rule " << j["rule"] << " without a source";
    }
    for (const auto& item : j.items()) expect_sources(item.value(), where + "/" + item.key());
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) expect_sources(j[i], where + "/" + std::to_string(i));
  }
}

TEST(Engine, EveryItemThatNamesARuleNamesItsSource) {
  for (const std::string m : {"ise", "tokorozawa", "odawara", "edogawa", "ibaraki", "other"}) {
    for (const std::string applicant : {"self", "proxy_with_form", "proxy_without_form"}) {
      Json s = kExample;
      s["municipality"] = m;
      s["applicant"] = applicant;
      s["today"] = "2024-09-01";
      const Json plan = testing::shipped_engine().evaluate(s);
      ASSERT_TRUE(plan["errors"].empty()) << m << " " << applicant << ": " << plan["errors"].dump();
      expect_sources(plan, m + ":" + applicant);
      EXPECT_FALSE(plan["visits"].empty()) << m << " " << applicant;
      EXPECT_FALSE(plan["trace"].empty());
    }
  }
}

TEST(Engine, MessageKeysAreUniqueAndNamespaced) {
  std::set<std::string> seen;
  for (const auto& k : core_message_keys()) {
    EXPECT_TRUE(seen.insert(k).second) << "duplicate key " << k;
    EXPECT_NE(k.find('.'), std::string::npos) << k;
  }
  EXPECT_GE(seen.size(), 40u);
}

// Every field of the example replaced by every JSON type: always an error with a pointer at
// (or inside) that field, never a crash and never a plan.
TEST(Engine, WrongTypesAnywhereGiveErrorsNotCrashes) {
  const Json replacements =
      Json::parse(R"([null, 0, -1, 1e308, 18446744073709551615, "", "x", true, [], {}, [1,2], {"a": 1}])");
  int checked = 0;
  std::function<void(const Json::json_pointer&)> visit = [&](const Json::json_pointer& ptr) {
    const Json& node = kExample[ptr];
    for (const auto& r : replacements) {
      if (r == node || (node.is_object() && r.is_object() && r.empty())) continue;
      Json s = kExample;
      s[ptr] = r;
      const Json plan = testing::shipped_engine().evaluate(s);
      ++checked;
      ASSERT_FALSE(plan["errors"].empty()) << ptr.to_string() << " = " << r.dump() << " was accepted";
      EXPECT_FALSE(plan.contains("procedure")) << ptr.to_string() << ": a plan despite errors";
      bool points_there = false;
      for (const auto& e : plan["errors"]) {
        points_there = points_there || e["pointer"].get<std::string>().rfind(ptr.to_string(), 0) == 0;
      }
      EXPECT_TRUE(points_there) << ptr.to_string() << " = " << r.dump() << ": " << plan["errors"].dump();
    }
    if (node.is_object()) {
      for (const auto& item : node.items()) visit(ptr / item.key());
    }
  };
  for (const auto& item : kExample.items()) visit(Json::json_pointer("/" + item.key()));
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace koshin
