// Japanese national holidays against tests/holiday_cases.json: every holiday of 2019-2027 as the
// Cabinet Office lists them, both ways (a missing or an extra holiday fails), cases in other
// years, and sweeps of every day of 2016-2099.
#include "koshin/holidays.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "test_support.hpp"

namespace koshin {
namespace {

const Json table = testing::source_json("tests/holiday_cases.json");

Date date_of(const Json& v) {
  Date d;
  EXPECT_EQ(parse_iso_date(v.get<std::string>(), d), DateParse::ok) << v;
  return d;
}

// The answer as the table writes it: the id, or "null" for no answer.
std::string name_of(std::optional<Holiday> h) { return h ? std::string(kHolidayNames.name(*h)) : "null"; }

// A 国民の祝日 proper (第2条 and the one-off acts), not one of the 休日 of 第3条第2項 / 第3項.
bool proper(std::optional<Holiday> h) {
  return h && *h != Holiday::none && *h != Holiday::substitute_holiday && *h != Holiday::citizens_holiday;
}

date::sys_days first_day(int year) { return date::sys_days{date::year{year} / 1 / 1}; }
date::sys_days last_day(int year) { return date::sys_days{date::year{year} / 12 / 31}; }

TEST(HolidayNames, OneNamePerIdInEnumOrder) {
  int i = 0;
  for (const auto& n : kHolidayNames.names) {
    EXPECT_EQ(static_cast<int>(n.second), i++) << n.first;
    EXPECT_EQ(kHolidayNames.find(n.first), n.second) << n.first;
  }
  EXPECT_EQ(i, static_cast<int>(Holiday::citizens_holiday) + 1);
}

TEST(HolidayTable, EveryListedDayIsItsHoliday) {
  ASSERT_GE(table["holidays"].size(), 150u);
  for (const auto& c : table["holidays"]) {
    SCOPED_TRACE(c["date"].get<std::string>() + " " + c["name"].get<std::string>());
    EXPECT_EQ(name_of(national_holiday(date_of(c["date"]))), c["holiday"].get<std::string>());
  }
}

// The list itself: in order, no day twice, within its years, a real id, and as many per year as
// the Cabinet Office counts.
TEST(HolidayTable, ListIsOrderedAndCounted) {
  const int first = table["years"][0].get<int>(), last = table["years"][1].get<int>();
  std::map<std::string, int> counts;
  date::sys_days previous = first_day(first) - date::days{1};
  for (const auto& c : table["holidays"]) {
    const Date d = date_of(c["date"]);
    SCOPED_TRACE(c["date"].get<std::string>());
    EXPECT_LT(previous, date::sys_days{d});
    EXPECT_LE(date::sys_days{d}, last_day(last));
    const auto id = kHolidayNames.find(c["holiday"].get<std::string>());
    EXPECT_TRUE(id.has_value() && *id != Holiday::none);
    previous = date::sys_days{d};
    ++counts[c["date"].get<std::string>().substr(0, 4)];
  }
  EXPECT_EQ(table["counts"].size(), static_cast<std::size_t>(last - first + 1));
  for (int y = first; y <= last; ++y) {
    const std::string year = std::to_string(y);
    EXPECT_EQ(counts[year], table["counts"][year].get<int>()) << year;
  }
}

TEST(HolidayTable, EveryOtherDayIsNotAHoliday) {
  std::set<std::string> listed;
  for (const auto& c : table["holidays"]) listed.insert(c["date"].get<std::string>());
  int days = 0;
  for (auto day = first_day(table["years"][0].get<int>()); day <= last_day(table["years"][1].get<int>());
       day += date::days{1}) {
    const std::string text = format_iso_date(Date{day});
    if (listed.count(text) == 0) {
      EXPECT_EQ(name_of(national_holiday(Date{day})), "none") << text;
    }
    ++days;
  }
  EXPECT_EQ(days, 3287);  // 2019-2027: nine years, two of them leap years
}

TEST(HolidayTable, OtherYears) {
  ASSERT_GE(table["cases"].size(), 10u);
  for (const auto& c : table["cases"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const std::string expect = c["holiday"].is_null() ? "null" : c["holiday"].get<std::string>();
    EXPECT_EQ(name_of(national_holiday(date_of(c["date"]))), expect);
  }
}

TEST(Holidays, NoAnswerOutsideTheRangeOrForADayThatDoesNotExist) {
  EXPECT_FALSE(national_holiday(date::year{kHolidayFirstYear - 1} / 12 / 31).has_value());
  EXPECT_FALSE(national_holiday(date::year{kHolidayLastYear + 1} / 1 / 1).has_value());
  EXPECT_FALSE(national_holiday(date::year{2025} / 2 / 30).has_value());
  EXPECT_FALSE(national_holiday(date::year{2025} / 13 / 1).has_value());
  EXPECT_FALSE(national_holiday(date::year{1} / 1 / 1).has_value());
}

// Every day of 2016-2099 has an answer; no Sunday is a 振替休日 or 国民の休日; a 振替休日 is never also
// a day between two 祝日 (holidays.cpp calls it a 振替休日); 15 to 22 holidays a year.
TEST(Holidays, EveryDayOfTheRange) {
  for (int y = kHolidayFirstYear; y <= kHolidayLastYear; ++y) {
    int count = 0;
    for (auto day = first_day(y); day <= last_day(y); day += date::days{1}) {
      const Date d{day};
      const auto h = national_holiday(d);
      ASSERT_TRUE(h.has_value()) << format_iso_date(d);
      if (*h == Holiday::none) continue;
      ++count;
      if (*h == Holiday::substitute_holiday || *h == Holiday::citizens_holiday) {
        EXPECT_NE(date::weekday{day}, date::Sunday) << format_iso_date(d);
      }
      if (*h == Holiday::substitute_holiday) {
        EXPECT_FALSE(proper(national_holiday(Date{day + date::days{1}}))) << format_iso_date(d);
      }
    }
    EXPECT_GE(count, 15) << y;
    EXPECT_LE(count, 22) << y;
  }
}

}  // namespace
}  // namespace koshin
