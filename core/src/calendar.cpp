// Office calendars (docs/adr/0006-calendars-and-open-days.md): schedule entries open a day,
// closures close it, in this order: temporary closure, year end, holiday, maintenance.
#include "koshin/calendar.hpp"

#include <algorithm>

namespace koshin {

const EnumNames<DayStatus> kDayStatusNames{{{"open", DayStatus::open},
                                            {"not_scheduled", DayStatus::not_scheduled},
                                            {"closure", DayStatus::closure},
                                            {"year_end", DayStatus::year_end},
                                            {"holiday", DayStatus::holiday},
                                            {"maintenance", DayStatus::maintenance},
                                            {"unknown", DayStatus::unknown}}};

namespace {

unsigned weekday_of(Date d) { return date::weekday{date::sys_days{d}}.c_encoding(); }

bool listed(const std::vector<unsigned>& weekdays, unsigned wd) {
  return std::find(weekdays.begin(), weekdays.end(), wd) != weekdays.end();
}

// Whether the entry's kind puts it on day `d` (effective dates and the case aside).
bool falls_on(const ScheduleEntry& e, Date d) {
  const unsigned wd = weekday_of(d);
  switch (e.kind) {
    case ScheduleKind::weekly:
      return listed(e.weekdays, wd);
    case ScheduleKind::nth_weekday:
      return listed(e.weekdays, wd) &&
             std::any_of(e.nth.begin(), e.nth.end(), [&](int n) { return is_nth_weekday(d, wd, n); });
    case ScheduleKind::announced:
      return std::find(e.dates.begin(), e.dates.end(), d) != e.dates.end();
  }
  return false;
}

}  // namespace

bool is_year_end(Date d) {
  const unsigned m = static_cast<unsigned>(d.month());
  const unsigned day = static_cast<unsigned>(d.day());
  return (m == 12 && day >= 29) || (m == 1 && day <= 3);
}

bool is_nth_weekday(Date d, unsigned weekday, int nth) {
  const unsigned day = static_cast<unsigned>(d.day());
  return weekday_of(d) == weekday && static_cast<int>((day - 1) / 7 + 1) == nth;
}

bool is_sunday_after_third_saturday(Date d) {
  // The 3rd Saturday is the 15th to the 21st, so the Sunday after it is the 16th to the 22nd.
  const unsigned day = static_cast<unsigned>(d.day());
  return weekday_of(d) == 0 && day >= 16 && day <= 22;
}

OfficeDay office_day(const Office& office, Date d, EntrySet serves, const std::vector<Task>& tasks,
                     const RuleFile& national) {
  OfficeDay out;
  if (!office.effective.contains(d)) return out;
  EntrySet announced = 0;
  for (std::size_t i = 0; i < office.schedule.size() && i < kMaxScheduleEntries; ++i) {
    const ScheduleEntry& e = office.schedule[i];
    const EntrySet bit = EntrySet{1} << i;
    if ((serves & bit) != 0 && e.effective.contains(d) && falls_on(e, d)) {
      out.sessions |= bit;
      if (e.kind == ScheduleKind::announced) announced |= bit;
    }
  }
  if (out.sessions == 0) return out;
  const auto holiday = national_holiday(d);
  auto closed = [&](DayStatus why) {
    out.sessions = 0;
    out.status = why;
    return out;
  };
  if (!holiday) return closed(DayStatus::unknown);
  out.holiday = *holiday;
  for (const OfficeClosure& c : office.closures) {
    if (c.dates.contains(d)) {
      out.closure = &c;
      return closed(DayStatus::closure);
    }
  }
  if (office.closed_year_end && is_year_end(d)) return closed(DayStatus::year_end);
  // An announced day is open even on a holiday: the municipality chose it.
  if (office.closed_on_holidays && *holiday != Holiday::none) {
    out.sessions = announced;
    if (out.sessions == 0) return closed(DayStatus::holiday);
  }
  if (is_sunday_after_third_saturday(d)) {
    for (const MaintenanceDay& m : national.maintenance) {
      if (m.effective.contains(d) && shares_task(m.tasks, tasks)) {
        out.maintenance = &m;
        return closed(DayStatus::maintenance);
      }
    }
  }
  out.status = DayStatus::open;
  return out;
}

}  // namespace koshin
