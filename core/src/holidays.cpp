#include "koshin/holidays.hpp"

namespace koshin {

const EnumNames<Holiday> kHolidayNames{{
    {"none", Holiday::none},
    {"new_years_day", Holiday::new_years_day},
    {"coming_of_age_day", Holiday::coming_of_age_day},
    {"national_foundation_day", Holiday::national_foundation_day},
    {"emperors_birthday", Holiday::emperors_birthday},
    {"vernal_equinox_day", Holiday::vernal_equinox_day},
    {"showa_day", Holiday::showa_day},
    {"constitution_memorial_day", Holiday::constitution_memorial_day},
    {"greenery_day", Holiday::greenery_day},
    {"childrens_day", Holiday::childrens_day},
    {"marine_day", Holiday::marine_day},
    {"mountain_day", Holiday::mountain_day},
    {"respect_for_the_aged_day", Holiday::respect_for_the_aged_day},
    {"autumnal_equinox_day", Holiday::autumnal_equinox_day},
    {"sports_day", Holiday::sports_day},
    {"culture_day", Holiday::culture_day},
    {"labour_thanksgiving_day", Holiday::labour_thanksgiving_day},
    {"enthronement_day", Holiday::enthronement_day},
    {"enthronement_ceremony_day", Holiday::enthronement_ceremony_day},
    {"substitute_holiday", Holiday::substitute_holiday},
    {"citizens_holiday", Holiday::citizens_holiday},
}};

namespace {

// The equinox day of March (base 20.8431) or September (base 23.2488) in year y, by the formula
// floor(base + 0.242194 (y - 1980) - floor((y - 1980) / 4)), valid 1980-2099, in micro-days so
// that no floating point is involved (y - 1980 >= 0 here: the divisions are floors).
constexpr int kVernalBase = 20843100, kAutumnalBase = 23248800;
unsigned equinox_day(int y, int base) {
  const int n = y - 1980;
  return static_cast<unsigned>((base + 242194 * n) / 1000000 - n / 4);
}

// The 国民の祝日 of 第2条 with the one-off changes, or Holiday::none. Called for the days of
// 2015-12-31..2100-01-01 only (a holiday's neighbours): 12/31 and 1/1 need no year check.
Holiday proper_holiday(Date d) {
  const int y = static_cast<int>(d.year());
  const unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
  const bool monday = date::weekday{d} == date::Monday;
  const unsigned week = (day + 6) / 7;  // the n-th such weekday of the month
  // Olympic years (東京オリンピック競技大会・東京パラリンピック競技大会特別措置法 第32条):
  // 2020: 海の日 7/23, スポーツの日 7/24, 山の日 8/10; 2021: 7/22, 7/23, 8/8. No October holiday.
  const bool olympic = y == 2020 || y == 2021;
  switch (m) {
    case 1:
      if (day == 1) return Holiday::new_years_day;
      if (monday && week == 2) return Holiday::coming_of_age_day;
      break;
    case 2:
      if (day == 11) return Holiday::national_foundation_day;
      // 天皇の退位等に関する皇室典範特例法 附則第10条: 2/23 from 2019-05-01, so from 2020.
      if (day == 23 && y >= 2020) return Holiday::emperors_birthday;
      break;
    case 3:
      if (day == equinox_day(y, kVernalBase)) return Holiday::vernal_equinox_day;
      break;
    case 4:
      if (day == 29) return Holiday::showa_day;
      break;
    case 5:
      // 天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律 (平成30年法律第99号): 休日
      // treated as 国民の祝日 for 第3条第2項 and 第3項, which made 4/30 and 5/2 国民の休日.
      if (day == 1 && y == 2019) return Holiday::enthronement_day;
      if (day == 3) return Holiday::constitution_memorial_day;
      if (day == 4) return Holiday::greenery_day;
      if (day == 5) return Holiday::childrens_day;
      break;
    case 7:
      if (olympic) {
        const unsigned marine = y == 2020 ? 23 : 22;
        if (day == marine) return Holiday::marine_day;
        if (day == marine + 1) return Holiday::sports_day;
      } else if (monday && week == 3) {
        return Holiday::marine_day;
      }
      break;
    case 8:
      if (day == (y == 2020 ? 10u : y == 2021 ? 8u : 11u)) return Holiday::mountain_day;
      break;
    case 9:
      if (monday && week == 3) return Holiday::respect_for_the_aged_day;
      if (day == equinox_day(y, kAutumnalBase)) return Holiday::autumnal_equinox_day;
      break;
    case 10:
      if (monday && week == 2 && !olympic) return Holiday::sports_day;
      if (day == 22 && y == 2019) return Holiday::enthronement_ceremony_day;  // the same act
      break;
    case 11:
      if (day == 3) return Holiday::culture_day;
      if (day == 23) return Holiday::labour_thanksgiving_day;
      break;
    case 12:
      if (day == 23 && y <= 2018) return Holiday::emperors_birthday;
      break;
  }
  return Holiday::none;
}

}  // namespace

std::optional<Holiday> national_holiday(Date d) {
  if (!d.ok()) return std::nullopt;
  const int y = static_cast<int>(d.year());
  if (y < kHolidayFirstYear || y > kHolidayLastYear) return std::nullopt;
  if (const Holiday h = proper_holiday(d); h != Holiday::none) return h;
  // 第3条第2項: d is the first day after a run of 祝日 that holds a Sunday.
  for (Date p = add_days(d, -1); proper_holiday(p) != Holiday::none; p = add_days(p, -1)) {
    if (date::weekday{p} == date::Sunday) return Holiday::substitute_holiday;
  }
  // 第3条第3項. (No day of 2016-2099 is both this and a 振替休日: the test sweeps them all.)
  if (proper_holiday(add_days(d, -1)) != Holiday::none && proper_holiday(add_days(d, 1)) != Holiday::none) {
    return Holiday::citizens_holiday;
  }
  return Holiday::none;
}

}  // namespace koshin
