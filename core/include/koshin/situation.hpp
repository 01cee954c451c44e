// A resident's situation: what they can read off their card and who goes to the office.
// The JSON shape is documented in docs/situation.md; parse_situation() checks it completely.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "koshin/date.hpp"
#include "koshin/diagnostics.hpp"
#include "koshin/rules.hpp"

namespace koshin {

enum class PinStatus { known, forgotten, locked };
enum class AgeBand { under_15, age_15_17, adult };
enum class Residence { japanese, permanent_resident, period_of_stay };
enum class Change { name, address, sex, birth_date };
enum class Relationship { parent, guardian };

extern const EnumNames<PinStatus> kPinStatusNames;
extern const EnumNames<AgeBand> kAgeBandNames;
extern const EnumNames<Residence> kResidenceNames;
extern const EnumNames<Change> kChangeNames;
extern const EnumNames<Relationship> kRelationshipNames;

struct Situation {
  Date today{};
  std::string municipality;
  bool municipality_read = false;  // "municipality" was a string (perhaps ""), even if others had errors

  // Certificates: one expiry for both, or one each; or the issue date to derive them.
  std::optional<Date> cert_expiry;
  std::optional<Date> signature_expiry;
  std::optional<Date> user_expiry;
  std::optional<Date> cert_issue_date;
  bool has_signature = true;  // false: the card carries no signature certificate

  std::optional<Date> card_expiry;
  std::optional<Date> card_issue_date;

  std::optional<Date> birth_date;
  std::optional<AgeBand> age_band;
  bool adult_ward = false;
  bool face_auth_card = false;
  Residence residence = Residence::japanese;
  std::optional<Date> stay_end;
  std::optional<bool> family_register_in_city;
  std::optional<bool> smartphone_certificate;  // uses the certificate on a smartphone; unset: not asked

  Applicant applicant = Applicant::self;
  std::optional<Relationship> relationship;
  std::optional<bool> same_household;

  PinStatus signature_pin = PinStatus::known;
  PinStatus user_pin = PinStatus::known;
  bool pins_given = false;

  std::vector<Change> changes;
  bool renew_card = false;
  bool with_move_notification = false;
  std::optional<Date> renew_on;
};

// Limits on dates (docs/situation.md): today 2016-01-01..2099-12-31; birth dates from
// 1900-01-01 up to today; issue dates from 2016-01-01 up to today; expiry dates from
// 2016-01-01 up to today + kMaxCertYearsAhead (certificates) / kMaxCardYearsAhead (card).
inline constexpr int kMaxCertYearsAhead = 6;
inline constexpr int kMaxCardYearsAhead = 11;

// A situation's date field: ISO "YYYY-MM-DD" or a date as printed in an era (令和7年3月1日,
// R7.3.1; parse_japanese_date in koshin/era.hpp). Errors: wrong_type, date_format,
// date_impossible, date_outside_era. Rule files take ISO dates only (read_date).
std::optional<Date> read_situation_date(const Json& j, const std::string& pointer, Diagnostics& diag);

// Parses and checks a situation. Errors go to `diag`; the result is meaningful only if
// diag.ok().
Situation parse_situation(const Json& json, Diagnostics& diag);

}  // namespace koshin
