// The rule format expresses what real municipal pages publish: tests/rules/example-city.json
// uses each pattern, and evaluating situations against it shows each one in the plan.
#include <gtest/gtest.h>

#include <set>

#include "koshin/evaluate.hpp"
#include "test_support.hpp"

namespace koshin {
namespace {

const Engine& engine() {
  static const Engine e = [] {
    Engine out;
    Diagnostics diag;
    out.load_national(testing::read_text(KOSHIN_SOURCE_DIR "/rules/national.json"), diag);
    out.load_municipality(testing::read_text(KOSHIN_SOURCE_DIR "/tests/rules/example-city.json"), diag);
    for (const auto& err : diag.errors()) ADD_FAILURE() << err.pointer << ": " << err.code << ": " << err.expected;
    return out;
  }();
  return e;
}

Json plan_for(const Json& changes) {
  Json s =
      Json::parse(R"({"today": "2024-09-01", "municipality": "example-city", "certificates": {"expiry": "2024-10-31"},
    "card": {"expiry": "2029-10-31"}, "holder": {"birth_date": "1989-10-31"}, "applicant": "self"})");
  s.merge_patch(changes);
  const Json plan = engine().evaluate(s);
  EXPECT_TRUE(plan["errors"].empty()) << plan["errors"].dump();
  return plan;
}

const Json* office(const Json& plan, const std::string& id) {
  for (const auto& o : plan["offices"]) {
    if (o["id"] == id) return &o;
  }
  return nullptr;
}

TEST(Format, LunchBreakEveningWeekdayAndNthSundayByReservation) {
  const Json plan = plan_for(Json::object());
  const Json* main = office(plan, "main");
  ASSERT_NE(main, nullptr);
  const Json& hours = (*main)["hours"];
  ASSERT_EQ(hours.size(), 3u);
  EXPECT_EQ(hours[0]["hours"].size(), 2u);  // 08:30-12:00 and 13:00-17:15
  EXPECT_EQ(hours[0]["hours"][1]["open"], "13:00");
  EXPECT_EQ(hours[1]["weekdays"], Json::array({"wed"}));
  EXPECT_EQ(hours[1]["hours"][0]["close"], "19:00");
  EXPECT_EQ(hours[2]["kind"], "nth_weekday");
  EXPECT_EQ(hours[2]["nth"], Json::array({1}));
  EXPECT_EQ(hours[2]["reservation"], "required");
  EXPECT_TRUE(hours[2]["available"].get<bool>());
}

TEST(Format, AnOpeningThatNeedsKnownPinsIsMarkedUnavailable) {
  const Json plan = plan_for(Json::parse(R"({"pins": {"user": "forgotten"}})"));
  const Json* main = office(plan, "main");
  ASSERT_NE(main, nullptr);
  EXPECT_FALSE((*main)["hours"][2]["available"].get<bool>());
  EXPECT_EQ((*main)["hours"][2]["unmet"], Json::array({"pins_known"}));
}

TEST(Format, AnOfficeForSomeApplicantsAndProceduresOnly) {
  EXPECT_NE(office(plan_for(Json::object()), "branch"), nullptr);
  EXPECT_EQ(office(plan_for(Json::parse(R"({"applicant": "proxy_without_form"})")), "branch"), nullptr);
  EXPECT_EQ(office(plan_for(Json::parse(R"({"today": "2024-11-15"})")), "branch"), nullptr);  // issuance only at main
  EXPECT_EQ(
      office(plan_for(Json::parse(R"({"today": "2023-09-01", "certificates": {"expiry": "2023-10-31"}})")), "branch"),
      nullptr);  // the branch opened in 2024
}

TEST(Format, PerVisitListsAtOneOffice) {
  const Json plan = plan_for(Json::parse(R"({"applicant": "proxy_without_form"})"));
  ASSERT_EQ(plan["visits"].size(), 2u);
  EXPECT_EQ(plan["visits"][1]["offices"], Json::array({"main"}));
  EXPECT_EQ(plan["visits"][1]["before"][0]["kind"], "wait_for_mail");
}

TEST(Format, AlternativesIssuedWithinMonthsAndWaivers) {
  const Json plan = plan_for(Json::parse(
      R"({"holder": {"birth_date": "2012-05-01"}, "applicant": "legal_representative", "representative": {"relationship": "parent"}})"));
  const Json& docs = plan["visits"][0]["documents"];
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[1]["alternatives"], Json::array({"representative_id_photo_one_or_two_other"}));
  EXPECT_EQ(docs[2]["issued_within_months"], 3);
  EXPECT_EQ(docs[2]["waived_if"], Json::array({"family_register_in_city", "same_household_parent"}));
  EXPECT_TRUE(plan["visits"][0]["holder_must_attend"].get<bool>());

  const Json waived = plan_for(Json::parse(R"({"holder": {"birth_date": "2012-05-01", "family_register_in_city": true},
      "applicant": "legal_representative", "representative": {"relationship": "parent"}})"));
  EXPECT_EQ(waived["visits"][0]["documents"].size(), 2u);
  EXPECT_EQ(waived["visits"][0]["waived"][0]["id"], "proof_parental_authority");
  EXPECT_EQ(waived["visits"][0]["waived"][0]["because"], "family_register_in_city");
}

TEST(Format, DifferentRulesForUnder15And15To17) {
  const Json under =
      plan_for(Json::parse(R"({"holder": {"birth_date": "2012-05-01"}, "applicant": "legal_representative"})"));
  const Json teen =
      plan_for(Json::parse(R"({"holder": {"birth_date": "2008-05-01"}, "applicant": "legal_representative"})"));
  EXPECT_EQ(under["visits"][0]["rules"][0], "example-city:parent-under-15");
  EXPECT_EQ(teen["visits"][0]["rules"][0], "example-city:parent-15-17");
  EXPECT_EQ(teen["visits"][0]["documents"].size(), 2u);
}

TEST(Format, AValueThatChangesOnADate) {
  std::set<std::string> before_keys, after_keys;
  const Json before = plan_for(Json::parse(R"({"today": "2024-03-01"})"));
  const Json after = plan_for(Json::parse(R"({"today": "2024-05-01"})"));
  for (const auto& w : before["warnings"]) before_keys.insert(w["key"].get<std::string>());
  for (const auto& w : after["warnings"]) after_keys.insert(w["key"].get<std::string>());
  EXPECT_EQ(before_keys.count("warning.early_renewal_shorter"), 1u);
  EXPECT_EQ(before_keys.count("warning.early_renewal_refused"), 0u);
  EXPECT_EQ(after_keys.count("warning.early_renewal_refused"), 1u);
}

TEST(Format, ALocalDocumentCarriesItsOwnName) {
  const Json plan = plan_for(Json::object());
  const Json& slip = plan["visits"][0]["documents"][1];
  EXPECT_EQ(slip["id"], "example_visit_slip");
  EXPECT_EQ(slip["name"]["ja"], "来庁者票(市独自様式)");
  EXPECT_EQ(plan["offices_not_handling"][0]["id"], "south");
}

}  // namespace
}  // namespace koshin
