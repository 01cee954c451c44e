// Calendar dates for the rules core: value types and named policies.
//
// Every ambiguous computation is one small function named after its policy (see
// docs/adr/0002-date-policies.md). Only the JSON loaders and the boundary see "YYYY-MM-DD".
#pragma once

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

namespace koshin {

using Date = date::year_month_day;

// Strict ISO 8601 calendar date "YYYY-MM-DD". Returns nullopt for anything else, including
// dates that do not exist (2025-02-30).
enum class DateParse { ok, bad_format, impossible };
DateParse parse_iso_date(std::string_view text, Date& out);
std::string format_iso_date(Date d);

// Whether a is an earlier day than b.
bool before(Date a, Date b);

// Days from a to b (b - a).
int days_between(Date a, Date b);
Date add_days(Date d, int days);
Date last_day_of_month(date::year y, date::month m);
bool is_month_end(Date d);

// P-LEAP: a birthday in year y of someone born on `birth`. A Feb 29 birthday falls on Feb 28
// in non-leap years.
Date birthday_in_year(Date birth, date::year y);

// B_n(d): the n-th birthday strictly after `after` (n >= 1), under P-LEAP.
Date nth_birthday_after(Date birth, Date after, int n);

// Age on `on`: the number of birthdays (P-LEAP) on or before `on`.
int age_on(Date birth, Date on);

// Calendar months: d + n months, the day clamped to the last day of the target month.
Date add_months_clamped(Date d, int months);

// P-WINDOW: the renewal window for an expiry E opens on (E - months, clamped to the month's
// last day) + 1 day. The published Nerima example: 2023-05-28 -> 2023-03-01.
Date window_opens_policy(Date expiry, int months);

// The strict Civil Code reading (P-WINDOW-STRICT): a period counted back in months from a
// month's last day ends on a month's last day, so E = 2025-11-30 gives 09-01, not 08-31.
Date window_opens_strict(Date expiry, int months);

// The last day of the n-th month after the month of `d` (health-insurance grace period).
Date end_of_nth_month_after(Date d, int n);

}  // namespace koshin
