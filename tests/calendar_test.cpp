// Office calendars (ADR 0006): the opening-rule table on the fictional Calendar Town
// (tests/calendar/cases.json, plan-level, same format and matchers as tests/cases/), and the
// small date rules the calendar is built from.
#include "koshin/calendar.hpp"

#include <gtest/gtest.h>

#include "case_matcher.hpp"
#include "test_support.hpp"

namespace koshin::testing {
namespace {

const Engine& calendar_engine() {
  static const Engine engine = [] {
    Engine e;
    Diagnostics diag;
    e.load_national(read_text(KOSHIN_SOURCE_DIR "/rules/national.json"), diag);
    e.load_municipality(read_text(KOSHIN_SOURCE_DIR "/tests/rules/calendar-town.json"), diag);
    EXPECT_TRUE(diag.ok()) << (diag.ok() ? "" : diag.errors().front().code + " " + diag.errors().front().pointer);
    return e;
  }();
  return engine;
}

class CalendarTable : public ::testing::TestWithParam<Case> {};

TEST_P(CalendarTable, PlanMatches) {
  const Case& c = GetParam();
  ASSERT_FALSE(c.situation.is_null()) << c.file << " is not a valid case table";
  ASSERT_FALSE(c.expect.empty()) << c.name << " expects nothing";
  const Json plan = calendar_engine().evaluate(c.situation);
  for (const auto& e : c.expect.items()) {
    const std::string failure = check(plan, e.key(), e.value());
    EXPECT_TRUE(failure.empty()) << c.name << "\n  " << failure;
  }
}

INSTANTIATE_TEST_SUITE_P(Calendar, CalendarTable, ::testing::ValuesIn(load_cases(KOSHIN_SOURCE_DIR "/tests/calendar")),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return "case_" + std::to_string(info.index);
                         });

Date day(int y, unsigned m, unsigned d) { return Date{date::year{y}, date::month{m}, date::day{d}}; }

// The Sunday after the 3rd Saturday, month by month: worked out on a calendar.
TEST(Calendar, MaintenanceSundays) {
  const Date sundays[] = {day(2026, 1, 18),  day(2026, 2, 22),  day(2026, 3, 22), day(2026, 4, 19), day(2026, 5, 17),
                          day(2026, 6, 21),  day(2026, 7, 19),  day(2026, 8, 16), day(2026, 9, 20), day(2026, 10, 18),
                          day(2026, 11, 22), day(2026, 12, 20), day(2027, 1, 17), day(2027, 5, 16)};
  for (Date d : sundays) EXPECT_TRUE(is_sunday_after_third_saturday(d)) << format_iso_date(d);
  // Other Sundays near them, and the 3rd Saturdays themselves.
  for (Date d : {day(2026, 2, 15), day(2026, 3, 15), day(2026, 8, 23), day(2026, 11, 15), day(2026, 11, 29),
                 day(2026, 11, 21), day(2026, 8, 15)}) {
    EXPECT_FALSE(is_sunday_after_third_saturday(d)) << format_iso_date(d);
  }
  // Exactly one a month, 2016-2099.
  for (int y = 2016; y <= 2099; ++y) {
    for (unsigned m = 1; m <= 12; ++m) {
      int count = 0;
      for (unsigned d = 1; d <= static_cast<unsigned>(last_day_of_month(date::year{y}, date::month{m}).day()); ++d) {
        count += is_sunday_after_third_saturday(day(y, m, d)) ? 1 : 0;
      }
      EXPECT_EQ(count, 1) << y << "-" << m;
    }
  }
}

TEST(Calendar, NthWeekdayAndYearEnd) {
  EXPECT_TRUE(is_nth_weekday(day(2026, 12, 12), 6, 2));   // 2nd Saturday
  EXPECT_TRUE(is_nth_weekday(day(2026, 12, 26), 6, 4));   // 4th Saturday
  EXPECT_FALSE(is_nth_weekday(day(2026, 12, 19), 6, 2));  // 3rd
  EXPECT_TRUE(is_nth_weekday(day(2026, 12, 6), 0, 1));    // 1st Sunday
  EXPECT_TRUE(is_nth_weekday(day(2026, 12, 16), 3, 3));   // 3rd Wednesday
  EXPECT_FALSE(is_nth_weekday(day(2026, 12, 16), 4, 3));  // not a Thursday
  EXPECT_TRUE(is_nth_weekday(day(2026, 12, 29), 2, 5));   // 5th Tuesday
  for (Date d : {day(2026, 12, 29), day(2026, 12, 31), day(2027, 1, 1), day(2027, 1, 3)}) EXPECT_TRUE(is_year_end(d));
  for (Date d : {day(2026, 12, 28), day(2027, 1, 4), day(2026, 11, 30)}) EXPECT_FALSE(is_year_end(d));
}

// Past 2099 the core does not know the holidays: the scan stops instead of guessing.
TEST(Calendar, NoOpenDaysBeyondTheKnownYears) {
  const Json plan = calendar_engine().evaluate(Json::parse(
      R"({"today": "2099-12-28", "municipality": "calendar-town", "certificates": {"expiry": "2100-02-10"},
          "card": {"expiry": "2105-10-31"}, "holder": {"birth_date": "2060-06-15"}, "applicant": "self"})"));
  ASSERT_TRUE(plan["errors"].empty()) << plan["errors"].dump();
  EXPECT_EQ(check(plan, "/offices/0/next_open_days", Json::parse(R"({"$dates": ["2099-12-28"]})")), "");
}

}  // namespace
}  // namespace koshin::testing
