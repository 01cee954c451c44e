#include "koshin/date.hpp"

namespace koshin {
namespace {

bool digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

void put_number(std::string& out, int value, int width) {
  std::string digits_text = std::to_string(value);
  if (static_cast<int>(digits_text.size()) < width) {
    out.append(static_cast<std::size_t>(width) - digits_text.size(), '0');
  }
  out += digits_text;
}

}  // namespace

DateParse parse_iso_date(std::string_view text, Date& out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return DateParse::bad_format;
  const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return DateParse::bad_format;
  const Date parsed{date::year{to_int(y)}, date::month{static_cast<unsigned>(to_int(m))},
                    date::day{static_cast<unsigned>(to_int(d))}};
  if (!parsed.ok()) return DateParse::impossible;
  out = parsed;
  return DateParse::ok;
}

std::string format_iso_date(Date d) {
  std::string out;
  out.reserve(10);
  put_number(out, static_cast<int>(d.year()), 4);
  out += '-';
  put_number(out, static_cast<int>(static_cast<unsigned>(d.month())), 2);
  out += '-';
  put_number(out, static_cast<int>(static_cast<unsigned>(d.day())), 2);
  return out;
}

bool before(Date a, Date b) { return date::sys_days{a} < date::sys_days{b}; }

int days_between(Date a, Date b) { return static_cast<int>((date::sys_days{b} - date::sys_days{a}).count()); }

Date add_days(Date d, int days) { return Date{date::sys_days{d} + date::days{days}}; }

Date last_day_of_month(date::year y, date::month m) { return Date{y / m / date::last}; }

bool is_month_end(Date d) { return d == last_day_of_month(d.year(), d.month()); }

Date birthday_in_year(Date birth, date::year y) {
  const Date candidate{y, birth.month(), birth.day()};
  if (candidate.ok()) return candidate;
  return last_day_of_month(y, birth.month());  // only Feb 29 in a common year
}

Date nth_birthday_after(Date birth, Date after, int n) {
  Date first = birthday_in_year(birth, after.year());
  if (date::sys_days{first} <= date::sys_days{after}) {
    first = birthday_in_year(birth, after.year() + date::years{1});
  }
  return birthday_in_year(birth, first.year() + date::years{n - 1});
}

int age_on(Date birth, Date on) {
  if (date::sys_days{on} < date::sys_days{birth}) return 0;
  int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (date::sys_days{birthday_in_year(birth, on.year())} > date::sys_days{on}) --age;
  return age;
}

Date add_months_clamped(Date d, int months) {
  const date::year_month ym = date::year_month{d.year(), d.month()} + date::months{months};
  const Date candidate{ym.year(), ym.month(), d.day()};
  if (candidate.ok()) return candidate;
  return last_day_of_month(ym.year(), ym.month());
}

Date window_opens_policy(Date expiry, int months) { return add_days(add_months_clamped(expiry, -months), 1); }

Date window_opens_strict(Date expiry, int months) {
  if (!is_month_end(expiry)) return window_opens_policy(expiry, months);
  const date::year_month ym = date::year_month{expiry.year(), expiry.month()} - date::months{months};
  return add_days(last_day_of_month(ym.year(), ym.month()), 1);
}

Date end_of_nth_month_after(Date d, int n) {
  const date::year_month ym = date::year_month{d.year(), d.month()} + date::months{n};
  return last_day_of_month(ym.year(), ym.month());
}

}  // namespace koshin
