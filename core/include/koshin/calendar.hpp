// Office calendars: whether an office serves a case on a given day, with which sessions, or why
// it is closed (docs/adr/0006-calendars-and-open-days.md).
#pragma once

#include <vector>

#include "koshin/date.hpp"
#include "koshin/holidays.hpp"
#include "koshin/rules.hpp"

namespace koshin {

// Why a day an office would serve the case is closed; `open` when it is not.
enum class DayStatus {
  open,
  not_scheduled,  // no schedule entry that serves the case falls on the day
  closure,        // a temporary closure of the office
  year_end,       // 12/29-1/3
  holiday,        // a national holiday
  maintenance,    // the nationwide maintenance day, for certificate work
  unknown,        // outside the years whose holidays the core knows (2016-2099)
};
extern const EnumNames<DayStatus> kDayStatusNames;

struct OfficeDay {
  DayStatus status = DayStatus::not_scheduled;
  std::vector<const ScheduleEntry*> sessions;  // open: the entries that serve the case that day
  Holiday holiday = Holiday::none;             // the day's national holiday, if any
  const OfficeClosure* closure = nullptr;      // status closure
  const MaintenanceDay* maintenance = nullptr;  // status maintenance
};

bool is_year_end(Date d);  // 12/29 to 1/3

// The Sunday after the 3rd Saturday of the month: the 16th to the 22nd, a Sunday.
bool is_sunday_after_third_saturday(Date d);

// Whether `d` is the nth `weekday` (0 = Sunday) of its month.
bool is_nth_weekday(Date d, unsigned weekday, int nth);

// The office's day for a case: `serves[i]` says whether schedule entry i serves the case (its
// tasks and conditions, decided by the evaluator); `tasks` are the case's tasks, for the
// maintenance days of `national`.
OfficeDay office_day(const Office& office, Date d, const std::vector<char>& serves, const std::vector<Task>& tasks,
                     const RuleFile& national);

}  // namespace koshin
