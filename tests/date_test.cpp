// The date functions against the hand-worked table in tests/date_functions.json.
#include "koshin/date.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace koshin {
namespace {

const Json& table() {
  static const Json j = testing::source_json("tests/date_functions.json");
  return j;
}

Date d(const Json& v) {
  Date out;
  EXPECT_EQ(parse_iso_date(v.get<std::string>(), out), DateParse::ok) << v;
  return out;
}

TEST(DateTable, WindowOpensUnderPolicyAndStrictReading) {
  ASSERT_GE(table()["window"].size(), 19u);
  for (const auto& c : table()["window"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    EXPECT_EQ(format_iso_date(window_opens_policy(d(c["expiry"]), 3)), c["policy"].get<std::string>());
    EXPECT_EQ(format_iso_date(window_opens_strict(d(c["expiry"]), 3)), c["strict"].get<std::string>());
  }
}

TEST(DateTable, NthBirthdayAfterUnderPLeap) {
  for (const auto& c : table()["nth_birthday_after"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    EXPECT_EQ(format_iso_date(nth_birthday_after(d(c["birth"]), d(c["after"]), c["n"].get<int>())),
              c["expect"].get<std::string>());
  }
}

TEST(DateTable, AgeOn) {
  for (const auto& c : table()["age_on"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    EXPECT_EQ(age_on(d(c["birth"]), d(c["on"])), c["expect"].get<int>());
  }
}

TEST(DateTable, EndOfNthMonthAfter) {
  for (const auto& c : table()["end_of_nth_month_after"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    EXPECT_EQ(format_iso_date(end_of_nth_month_after(d(c["date"]), c["n"].get<int>())), c["expect"].get<std::string>());
  }
}

TEST(DateTable, ParseIsStrictIso) {
  for (const auto& c : table()["parse"]) {
    const std::string text = c["text"].get<std::string>();
    SCOPED_TRACE(text);
    Date out;
    const DateParse r = parse_iso_date(text, out);
    const std::string got = r == DateParse::ok ? "ok" : r == DateParse::impossible ? "impossible" : "bad_format";
    EXPECT_EQ(got, c["expect"].get<std::string>());
    if (r == DateParse::ok) EXPECT_EQ(format_iso_date(out), text);
  }
}

TEST(Date, FormatPadsYearMonthAndDay) {
  EXPECT_EQ(format_iso_date(Date{date::year{2016}, date::January, date::day{5}}), "2016-01-05");
}

TEST(Date, EveryDayOfTwoCenturiesRoundTripsAndWindowOpensBeforeExpiry) {
  // Exhaustive over 2016..2099: the window opens 88 to 92 days before expiry, and the strict
  // reading is never earlier than the policy and at most one day later.
  Date day{date::year{2016}, date::January, date::day{1}};
  const Date last{date::year{2099}, date::December, date::day{31}};
  int checked = 0;
  while (date::sys_days{day} <= date::sys_days{last}) {
    Date back;
    ASSERT_EQ(parse_iso_date(format_iso_date(day), back), DateParse::ok);
    ASSERT_EQ(back, day);
    const Date opens = window_opens_policy(day, 3);
    const int lead = days_between(opens, day);
    ASSERT_GE(lead, 88) << format_iso_date(day);
    ASSERT_LE(lead, 92) << format_iso_date(day);
    const int diff = days_between(opens, window_opens_strict(day, 3));
    ASSERT_GE(diff, 0) << format_iso_date(day);
    ASSERT_LE(diff, 2) << format_iso_date(day);  // Feb 28: policy Nov 29, strict Dec 1
    day = add_days(day, 1);
    ++checked;
  }
  EXPECT_EQ(checked, 30681);
}

}  // namespace
}  // namespace koshin
