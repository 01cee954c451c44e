// Japanese era dates against the hand-worked table in tests/era_cases.json.
#include "koshin/era.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace koshin
