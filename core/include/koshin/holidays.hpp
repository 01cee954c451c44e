// Japanese national holidays (国民の祝日に関する法律, 昭和23年法律第178号) for 2016-2099, by rule.
//
// 第2条 lists the 国民の祝日: fixed days, the Happy Monday days (成人の日 2nd Monday of January,
// 海の日 3rd Monday of July, 敬老の日 3rd Monday of September, 体育の日 / スポーツの日 2nd Monday of
// October), 山の日 8/11 (from 2016), 天皇誕生日 (12/23 until 2018, 2/23 from 2020: none in 2019),
// and 春分の日 / 秋分の日 on the equinox days. Besides them, two kinds of day are 休日:
//  * 第3条第2項 (振替休日): a 祝日 on a Sunday makes the next day that is not a 祝日 a holiday;
//  * 第3条第3項 (国民の休日): a day that is not a 祝日, between two 祝日, is a holiday.
// The one-off changes are in holidays.cpp with their acts (2019 即位, 2020 and 2021 Olympics).
//
// Equinox days are fixed officially only by the 暦要項 of the 国立天文台, published in the 官報
// each February for the next year (announced through 2027 at the time of writing). Every later
// year here is the standard formula's projection, valid 1980-2099, not an official date.
#pragma once

#include <optional>

#include "koshin/date.hpp"
#include "koshin/diagnostics.hpp"

namespace koshin {

enum class Holiday : unsigned char {
  none,
  new_years_day,
  coming_of_age_day,
  national_foundation_day,
  emperors_birthday,
  vernal_equinox_day,
  showa_day,
  constitution_memorial_day,
  greenery_day,
  childrens_day,
  marine_day,
  mountain_day,
  respect_for_the_aged_day,
  autumnal_equinox_day,
  sports_day,  // 体育の日 until 2019, スポーツの日 from 2020: same id
  culture_day,
  labour_thanksgiving_day,
  enthronement_day,           // 2019-05-01
  enthronement_ceremony_day,  // 2019-10-22
  substitute_holiday,         // 振替休日 (第3条第2項)
  citizens_holiday,           // 国民の休日 (第3条第3項), the day between two holidays
};
extern const EnumNames<Holiday> kHolidayNames;  // snake_case, as the enumerators

inline constexpr int kHolidayFirstYear = 2016, kHolidayLastYear = 2099;

// The holiday on `d`, or Holiday::none (a plain Sunday is none too). nullopt outside
// kHolidayFirstYear..kHolidayLastYear and for a date that does not exist: the core does not guess.
std::optional<Holiday> national_holiday(Date d);

}  // namespace koshin
