// Japanese era dates against the hand-worked tables in tests/era_cases.json and (printed texts)
// tests/era_text_cases.json.
#include "koshin/era.hpp"

#include <gtest/gtest.h>

#include "case_matcher.hpp"
#include "koshin/json_text.hpp"
#include "koshin/situation.hpp"
#include "test_support.hpp"

namespace koshin {
namespace {

Era era(const Json& v) {
  const auto e = kEraNames.find(v.get<std::string>());
  EXPECT_TRUE(e.has_value()) << v;
  return e.value_or(Era::reiwa);
}

const Json table = testing::source_json("tests/era_cases.json");

TEST(EraTable, ToGregorian) {
  ASSERT_GE(table["to_gregorian"].size(), 20u);
  for (const auto& c : table["to_gregorian"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    Date out;
    const EraParse r =
        from_japanese_era(era(c["era"]), c["year"].get<int>(), c["month"].get<int>(), c["day"].get<int>(), out);
    const std::string got = r == EraParse::ok           ? format_iso_date(out)
                            : r == EraParse::impossible ? "impossible"
                                                        : "outside_era";
    EXPECT_EQ(got, c["expect"].get<std::string>());
  }
}

TEST(EraTable, FromGregorian) {
  for (const auto& c : table["to_era"]) {
    SCOPED_TRACE(c["date"].get<std::string>());
    Date d;
    ASSERT_EQ(parse_iso_date(c["date"].get<std::string>(), d), DateParse::ok);
    const auto e = japanese_era(d);
    if (c["era"].is_null()) {
      EXPECT_FALSE(e.has_value());
      continue;
    }
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(kEraNames.name(e->era), c["era"].get<std::string>());
    EXPECT_EQ(e->year, c["year"].get<int>());
  }
}

// Every day from 1912-07-30 to 2099-12-31 goes to its era and back.
TEST(EraTable, EveryDayRoundTrips) {
  for (auto day = date::sys_days{date::year{1912} / 7 / 30}; day <= date::sys_days{date::year{2099} / 12 / 31};
       day += date::days{1}) {
    const Date d{day};
    const auto e = japanese_era(d);
    ASSERT_TRUE(e.has_value()) << format_iso_date(d);
    Date back;
    ASSERT_EQ(from_japanese_era(e->era, e->year, static_cast<int>(static_cast<unsigned>(d.month())),
                                static_cast<int>(static_cast<unsigned>(d.day())), back),
              EraParse::ok)
        << format_iso_date(d);
    ASSERT_EQ(back, d);
  }
}

const Json text_table = testing::source_json("tests/era_text_cases.json");

std::string reading(std::string_view text) {
  Date d;
  switch (parse_japanese_date(text, d)) {
    case EraText::ok:
      return format_iso_date(d);
    case EraText::syntax:
      return "syntax";
    case EraText::unknown_era:
      return "unknown_era";
    case EraText::impossible:
      return "impossible";
    case EraText::outside_era:
      return "outside_era";
  }
  return "?";
}

TEST(EraText, PrintedDates) {
  ASSERT_GE(text_table["cases"].size(), 50u);
  for (const auto& c : text_table["cases"]) {
    const std::string text = c["text"].get<std::string>();
    EXPECT_EQ(reading(text), c["expect"].get<std::string>()) << text;
  }
}

// Every day from 大正元年7月30日 to 2099-12-31, written both ways, reads back as that day.
TEST(EraText, EveryDayWrittenBothWaysReadsBack) {
  const char* letters = "TSHR";
  for (auto day = date::sys_days{date::year{1912} / 7 / 30}; day <= date::sys_days{date::year{2099} / 12 / 31};
       day += date::days{1}) {
    const Date d{day};
    const auto e = japanese_era(d);
    ASSERT_TRUE(e.has_value());
    const std::string m = std::to_string(static_cast<unsigned>(d.month()));
    const std::string dd = std::to_string(static_cast<unsigned>(d.day()));
    const std::string year = e->year == 1 ? "元" : std::to_string(e->year);
    const std::string kanji = std::string(era_kanji(e->era)) + year + "年" + m + "月" + dd + "日";
    const std::string latin =
        std::string(1, letters[static_cast<int>(e->era)]) + std::to_string(e->year) + "." + m + "." + dd;
    ASSERT_EQ(reading(kanji), format_iso_date(d)) << kanji;
    ASSERT_EQ(reading(latin), format_iso_date(d)) << latin;
  }
}

// Situations take era texts in every date field; the errors are the situation's codes.
TEST(EraText, SituationDateFields) {
  const auto code = [](const Json& v) {
    Diagnostics diag;
    const auto d = read_situation_date(v, "/x", diag);
    if (d) return format_iso_date(*d);
    EXPECT_EQ(diag.errors().size(), 1u);
    EXPECT_EQ(diag.errors()[0].pointer, "/x");
    return diag.errors()[0].code;
  };
  EXPECT_EQ(code("2025-03-01"), "2025-03-01");
  EXPECT_EQ(code("令和7年3月1日"), "2025-03-01");
  EXPECT_EQ(code("R7.3.1"), "2025-03-01");
  EXPECT_EQ(code("2025-02-30"), "date_impossible");
  EXPECT_EQ(code("令和7年2月30日"), "date_impossible");
  EXPECT_EQ(code("令和元年4月30日"), "date_outside_era");
  EXPECT_EQ(code("明治45年7月29日"), "date_format");
  EXPECT_EQ(code("2025/03/01"), "date_format");
  EXPECT_EQ(code(20250301), "wrong_type");
}

// Situations with their dates as printed give the plan of the same situation in ISO dates.
TEST(EraText, SituationsAsPrintedPlanLikeIso) {
  const Json situations = testing::source_json("tests/era_situations.json");
  ASSERT_GE(situations["cases"].size(), 4u);
  for (const auto& c : situations["cases"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const Json plan = testing::shipped_engine().evaluate(c["situation"]);
    const Json iso_plan = testing::shipped_engine().evaluate(testing::merge(c["situation"], c["iso"]));
    EXPECT_EQ(write_json(plan, 1), write_json(iso_plan, 1));
    for (const auto& e : c["expect"].items()) {
      const std::string failure = testing::check(plan, e.key(), e.value());
      EXPECT_TRUE(failure.empty()) << failure;
    }
  }
}

}  // namespace
}  // namespace koshin
