// Office calendars: whether an office serves a case on a given day, with which sessions, or why
// it is closed (docs/adr/0006-calendars-and-open-days.md).
#pragma once

#include <cstdint>

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

// A set of an office's schedule entries, by index (the loader allows at most 32 per office): a
// bit mask, not a vector, which was a good part of the calendar's share of the wasm build.
using EntrySet = std::uint32_t;
constexpr std::size_t kMaxScheduleEntries = 32;

struct OfficeDay {
  DayStatus status = DayStatus::not_scheduled;
  EntrySet sessions = 0;                        // open: the entries that serve the case that day
  Holiday holiday = Holiday::none;              // the day's national holiday, if any
  const OfficeClosure* closure = nullptr;       // status closure
  const MaintenanceDay* maintenance = nullptr;  // status maintenance
};

bool is_year_end(Date d);  // 12/29 to 1/3

// The Sunday after the 3rd Saturday of the month: the 16th to the 22nd, a Sunday.
bool is_sunday_after_third_saturday(Date d);

// Whether `d` is the nth `weekday` (0 = Sunday) of its month.
bool is_nth_weekday(Date d, unsigned weekday, int nth);

// The office's day for a case: `serves` holds the schedule entries that serve the case (their
// tasks and conditions, decided by the evaluator); `tasks` are the case's tasks, for the
// maintenance days of `national`.
OfficeDay office_day(const Office& office, Date d, EntrySet serves, const std::vector<Task>& tasks,
                     const RuleFile& national);

}  // namespace koshin
