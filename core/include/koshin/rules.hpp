// Rule sets: the national rules and one set per municipality, as typed structs.
//
// Rule files (rules/*.json, format "koshin-rules/1", docs/rules-format.md) are parsed once by
// load_rule_file() into these structs; evaluation never reads JSON rules again. Every kind below
// is a closed set: an unknown kind, field, condition or id is a load error.
#pragma once

#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "koshin/date.hpp"
#include "koshin/diagnostics.hpp"

namespace koshin {

enum class Applicant { self, legal_representative, proxy_with_form, proxy_without_form };
enum class Task { renewal, issuance, pin_reset, card_application, card_collection, card_validity_change };
enum class HolderClass { any, under_15, age_15_17, minor, adult, adult_ward };
enum class Person { holder, representative, proxy, applicant };
enum class DocCategory { card, identity, form, proof, notice };
enum class Reservation { unknown, required, recommended, not_taken };
enum class StepKind { phone_request, wait_for_mail, apply_for_card, wait_for_card, reservation };
enum class ScheduleKind { weekly, nth_weekday, announced };
enum class Confidence { high, medium, low, policy };

// Conditions are named facts about the situation, each a small function in evaluate.cpp.
enum class Condition {
  pin_unknown,  // a PIN needed for the certificates is forgotten or locked
  pins_known,   // the opposite
  holder_under_15,
  holder_minor,  // under 18
  holder_adult_ward,
  family_register_in_city,  // the holder's 本籍 is in this municipality
  same_household_parent,    // the representative is a parent in the holder's household
  same_household,           // whoever applies for the holder lives in the holder's household
  with_move_notification,   // done together with a 転入届 / 転居届
  foreign_period_of_stay,   // the last: evaluate.cpp keeps a set of conditions as bits
};

extern const EnumNames<Applicant> kApplicantNames;
extern const EnumNames<Task> kTaskNames;
extern const EnumNames<HolderClass> kHolderClassNames;
extern const EnumNames<Person> kPersonNames;
extern const EnumNames<DocCategory> kDocCategoryNames;
extern const EnumNames<Reservation> kReservationNames;
extern const EnumNames<StepKind> kStepKindNames;
extern const EnumNames<ScheduleKind> kScheduleKindNames;
extern const EnumNames<Confidence> kConfidenceNames;
extern const EnumNames<Condition> kConditionNames;

// Text that belongs to a municipality (office names, addresses, local notes): Japanese first,
// with optional translations keyed by BCP 47 tag.
using LocalText = std::map<std::string, std::string>;

struct Effective {
  std::optional<Date> from;   // inclusive
  std::optional<Date> until;  // inclusive
  bool contains(Date d) const;
  bool overlaps(const Effective& other) const;
};

struct Source {
  std::string id;
  std::string ref;  // URL, seed file name (e.g. "000_aebbc2be75804796.txt") or docs/adr/... path
  std::string title;
  std::optional<Date> page_date;  // the date the page says it was updated, when it says so
};

// Facts the core implements (window, validity, ...): each names its sources in the national file.
struct CoreRule {
  std::string id;  // e.g. "N-WINDOW"
  std::vector<std::string> sources;
  Confidence confidence = Confidence::high;
};

struct Parameter {
  long long number = 0;
  std::string text;  // enum-valued parameters
  Effective effective;
  std::string source;
};

struct IdType {  // kinds of identity document, e.g. drivers_license, health_insurance_card
  std::string id;
  bool photo = false;
  Effective accepted;  // when offices accept it as ID
  std::string source;
};

struct DocumentDef {
  std::string id;
  Person person = Person::holder;
  DocCategory category = DocCategory::card;
  LocalText name;  // required for municipality-local documents; national ones are translated by key
  std::string source;
};

struct DocItem {
  std::string doc;
  std::vector<std::string> alternatives;  // "A or B"
  std::vector<Condition> when;            // all must hold (unknown -> listed as "only if")
  std::vector<Condition> waived_if;       // any holding -> not needed (unknown -> listed)
  std::vector<std::string> examples;      // IdType ids the page lists as examples
  int issued_within_months = 0;           // 0 = no limit stated
  LocalText note;
  std::string source;  // empty = the requirement's
};

struct Step {
  StepKind kind = StepKind::wait_for_mail;
  std::string phone;
  LocalText note;
};

struct Visit {
  std::vector<Task> tasks;  // the requirement's tasks done at this visit (empty = all of them)
  std::vector<Step> before;
  std::vector<DocItem> documents;
  std::vector<std::string> offices;  // empty = every office that handles the case
  bool page_silent = false;          // the page lists nothing for this visit: shown as the national rule
  LocalText note;
};

struct Requirement {
  std::string id;  // the rule id of everything it asks for
  std::vector<Task> tasks;
  std::vector<Applicant> applicants;
  std::vector<HolderClass> holders;  // default {any}
  std::vector<Condition> when;       // applies only when all hold (more specific than none)
  bool same_day = true;
  bool holder_must_attend = false;
  std::vector<Visit> visits;
  std::string source;
  Effective effective;
};

struct Hours {
  std::string open;   // "HH:MM"
  std::string close;  // "HH:MM"
};

struct ScheduleEntry {
  ScheduleKind kind = ScheduleKind::weekly;
  std::vector<unsigned> weekdays;  // 0 = Sunday ... 6 = Saturday
  std::vector<int> nth;            // for nth_weekday: 1..5
  std::vector<Hours> hours;        // empty = not published
  Reservation reservation = Reservation::unknown;
  std::vector<Condition>
  requires;
  std::vector<Task> tasks;  // empty = all the office's tasks
  std::vector<Date> dates;  // announced: the days announced so far (open even on a holiday)
  LocalText note;
  std::string source;
  Effective effective;
};

struct OfficeClosure {  // a temporary closure, both days inclusive
  Effective dates;
  LocalText note;
  std::string source;
};

// A nationwide day certificate work stops (the only rule: the Sunday after the 3rd Saturday).
struct MaintenanceDay {
  std::vector<Task> tasks;
  std::string source;
  Effective effective;
};

struct Office {
  std::string id;
  LocalText name;
  LocalText address;  // empty = not published on the source page
  std::string phone;
  std::string url;
  std::vector<Task> tasks;            // empty = all
  std::vector<Applicant> applicants;  // empty = all
  std::vector<ScheduleEntry> schedule;
  std::vector<OfficeClosure> closures;
  bool closed_on_holidays = true;
  bool closed_year_end = true;  // 12/29-1/3
  LocalText note;
  std::string source;
  Effective effective;
};

struct NotHandling {  // places residents might try that do not handle certificates
  std::string id;
  LocalText name;
  std::string source;
};

struct Fee {
  std::string id;
  std::vector<Task> tasks;
  long long amount_yen = 0;
  LocalText note;
  std::string source;
  Effective effective;
};

struct FollowUp {
  std::string id;  // message key "followup.<id>"
  std::vector<Task> after;
  std::string source;
  Effective effective;
};

struct LocalNote {
  std::string id;
  LocalText text;
  std::vector<Task> tasks;  // empty = always
  std::string source;
  Effective effective;
};

struct RuleFile {
  std::string id;  // "national" or the municipality id
  bool national = false;
  LocalText name;
  LocalText prefecture;
  std::string url;
  Date last_verified{};
  std::string hash;  // SHA-256 of the file's bytes
  std::map<std::string, Source> sources;
  std::vector<CoreRule> core_rules;
  std::map<std::string, std::vector<Parameter>> parameters;
  std::vector<IdType> id_types;
  std::vector<DocumentDef> documents;
  std::vector<Requirement> requirements;
  std::vector<Office> offices;
  std::vector<NotHandling> not_handling;
  std::vector<Fee> fees;
  std::vector<FollowUp> follow_ups;
  std::vector<LocalNote> notes;
  std::vector<MaintenanceDay> maintenance;  // national: calendar.maintenance

  const Source* find_source(const std::string& id) const;
  const DocumentDef* find_document(const std::string& id) const;
  const IdType* find_id_type(const std::string& id) const;
  const CoreRule* find_core_rule(std::string_view id) const;
};

// The parameters the core knows; each is integer- or enum-valued (docs/rules-format.md).
// Like EnumNames, constant tables in initializer lists: nothing is built at run time.
struct ParameterSpec {
  std::string_view name;
  std::initializer_list<std::string_view> values;  // the allowed strings of an enum-valued parameter; empty = integer
  long long min, max;
  bool required_nationally;  // the national file must give a value for every day 2016-2099
};
const std::initializer_list<ParameterSpec>& parameter_specs();

// The core rule ids the evaluator cites; the national file must give each its sources.
const std::initializer_list<std::string_view>& core_rule_ids();

// The value of parameter `name` in force on `on`: the municipality's (when `muni` gives one),
// else the national one; nullptr when neither does.
const Parameter* parameter_in_force(const RuleFile* muni, const RuleFile& national, const char* name, Date on);

// Whether two task lists share a task.
bool shares_task(const std::vector<Task>& a, const std::vector<Task>& b);

// N-SOURCE-AGE, for the plan's warnings and for check-rules: a file last verified more than
// `days` before `today`; a source page dated more than `years` before it.
bool verification_stale(Date last_verified, long long days, Date today);
bool page_stale(Date page_date, long long years, Date today);

// What staff should look at but that does not stop a file from loading (`koshin check-rules`):
// `last_verified` more than `last_verified_stale_days` before `today`, and a source page dated
// more than `source_page_stale_years` before it. Codes as errors (docs/errors.md), file unset.
std::vector<Error> rule_file_warnings(const RuleFile& file, const RuleFile& national, Date today);

// Parses one rule file; errors name the file given to `diag`. `national` is the loaded national file when checking a
// municipality (ids of documents and id types are resolved against it); nullptr when loading the national file.
std::unique_ptr<RuleFile> load_rule_file(std::string_view text, const RuleFile* national, Diagnostics& diag);

}  // namespace koshin
