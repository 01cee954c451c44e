// The evaluator: situation + rules -> plan. Each national fact is a small named function
// citing its rule id (the national rule file gives every rule id its sources).
#include "koshin/evaluate.hpp"

#include <algorithm>
#include <set>

#include "koshin/calendar.hpp"
#include "koshin/json_text.hpp"
#include "koshin/sha256.hpp"

namespace koshin {

namespace {

// Message keys, in one place (i18n packs must define each; see core_message_keys()). Plain
// `const char*`, like the rule ids: cheaper to pass at the many call sites than string_views.
// Item::reason holds one of them, so comparing it with one compares the same pointer.
namespace key {
constexpr const char* kWhyWindowOpen = "reason.window_open";
constexpr const char* kWhyWindowNotOpen = "reason.window_not_open";
constexpr const char* kWhyExpired = "reason.certificate_expired";
constexpr const char* kWhyLapsedChange = "reason.signature_lapsed_change";
constexpr const char* kWhyCardExpired = "reason.card_expired";
constexpr const char* kWhyCardSameDay = "reason.card_expires_with_certificates";
constexpr const char* kWhyStayExtended = "reason.stay_extended";
constexpr const char* kWhyRenewStayFirst = "reason.renew_stay_first";
constexpr const char* kWhyPinUnknown = "reason.pin_unknown";
constexpr const char* kWhyNoCertificates = "reason.no_certificates";
constexpr const char* kNotIssuedUnder15 = "reason.not_issued_under_15";
constexpr const char* kNotIssuedAdultWard = "reason.not_issued_adult_ward";
constexpr const char* kNotIssuedFaceAuth = "reason.not_issued_face_auth";
constexpr const char* kNotIssuedDeclined = "reason.not_issued_declined";
constexpr const char* kWarnEarlyShorter = "warning.early_renewal_shorter";
constexpr const char* kWarnEarlyRefused = "warning.early_renewal_refused";
constexpr const char* kWarnProxyFormValidUntil = "warning.proxy_form_valid_until";
constexpr const char* kWarnProxyFormVoid = "warning.proxy_form_void_after_expiry";
constexpr const char* kWarnProxyFormPins = "warning.proxy_form_needs_pins";
constexpr const char* kWarnLegalRep = "warning.legal_representative_must_apply";
constexpr const char* kWarnNotice = "warning.notice_expected";
constexpr const char* kWarnNoNoticeForeign = "warning.no_notice_foreign_resident";
constexpr const char* kWarnHealthGrace = "warning.health_insurance_grace";
constexpr const char* kWarnHealthGraceOver = "warning.health_insurance_grace_over";
constexpr const char* kWarnStaleId = "warning.stale_id_document";
constexpr const char* kWarnPageOld = "warning.source_page_old";
constexpr const char* kWarnNotVerified = "warning.rules_not_recently_verified";
constexpr const char* kWarnCappedByCard = "warning.new_certificate_capped_by_card";
constexpr const char* kWarnStayEndsFirst = "warning.stay_ends_before_card";
constexpr const char* kNoteConfirmLocally = "note.confirm_locally";
constexpr const char* kNoteNationalFallback = "note.national_rule_applies";
constexpr const char* kNoteSafeFrom = "note.window_readings_differ";
constexpr const char* kNoteLeap = "note.leap_day_birthday";
constexpr const char* kNoteDerived = "note.date_derived";
constexpr const char* kNotePinConvenience = "note.pin_reset_convenience_store";
constexpr const char* kNoteOfficesUnknown = "note.ask_your_municipality";
constexpr const char* kNoteLowConfidence = "note.confirm_with_office";
constexpr const char* kNoteNoOpenDay = "note.no_open_day_in_window";
constexpr const char* kAsideCardSoon = "aside.card_expires_soon";
constexpr const char* kAsideTurns15 = "aside.turns_15";
constexpr const char* kAsideStayFirst = "aside.stay_ends_first";
constexpr const char* kAsideSmartphone = "aside.smartphone_certificate";
}  // namespace key

constexpr const char* kAllKeys[] = {key::kWhyWindowOpen,
                                    key::kWhyWindowNotOpen,
                                    key::kWhyExpired,
                                    key::kWhyLapsedChange,
                                    key::kWhyCardExpired,
                                    key::kWhyCardSameDay,
                                    key::kWhyStayExtended,
                                    key::kWhyRenewStayFirst,
                                    key::kWhyPinUnknown,
                                    key::kWhyNoCertificates,
                                    key::kNotIssuedUnder15,
                                    key::kNotIssuedAdultWard,
                                    key::kNotIssuedFaceAuth,
                                    key::kNotIssuedDeclined,
                                    key::kWarnEarlyShorter,
                                    key::kWarnEarlyRefused,
                                    key::kWarnProxyFormValidUntil,
                                    key::kWarnProxyFormVoid,
                                    key::kWarnProxyFormPins,
                                    key::kWarnLegalRep,
                                    key::kWarnNotice,
                                    key::kWarnNoNoticeForeign,
                                    key::kWarnHealthGrace,
                                    key::kWarnHealthGraceOver,
                                    key::kWarnStaleId,
                                    key::kWarnPageOld,
                                    key::kWarnNotVerified,
                                    key::kWarnCappedByCard,
                                    key::kWarnStayEndsFirst,
                                    key::kNoteConfirmLocally,
                                    key::kNoteNationalFallback,
                                    key::kNoteSafeFrom,
                                    key::kNoteLeap,
                                    key::kNoteDerived,
                                    key::kNotePinConvenience,
                                    key::kNoteOfficesUnknown,
                                    key::kNoteLowConfidence,
                                    key::kNoteNoOpenDay,
                                    key::kAsideCardSoon,
                                    key::kAsideTurns15,
                                    key::kAsideStayFirst,
                                    key::kAsideSmartphone};

// The follow-up that holder.smartphone_certificate answers (P-ASIDES).
constexpr const char* kSmartphoneFollowUp = "smartphone_certificate";

// How many open days the plan lists per office (ADR 0006).
constexpr std::size_t kMaxOpenDays = 5;

enum class Status { not_yet_renewable, window_open, expired, lapsed, not_issued };
const EnumNames<Status> kStatusNames{{{"not_yet_renewable", Status::not_yet_renewable},
                                      {"window_open", Status::window_open},
                                      {"expired", Status::expired},
                                      {"lapsed", Status::lapsed},
                                      {"not_issued", Status::not_issued}}};

enum class Procedure { renewal, new_issuance, pin_reset_first, new_card, card_validity_change, nothing_yet };
const EnumNames<Procedure> kProcedureNames{{{"renewal", Procedure::renewal},
                                            {"new_issuance", Procedure::new_issuance},
                                            {"pin_reset_first", Procedure::pin_reset_first},
                                            {"new_card", Procedure::new_card},
                                            {"card_validity_change", Procedure::card_validity_change},
                                            {"nothing_yet", Procedure::nothing_yet}}};

Date earlier(Date a, Date b) { return before(a, b) ? a : b; }

template <class T, class V>
bool contains(const std::vector<T>& list, const V& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// Puts `t` first (vector::insert is a large instantiation for one enum; push_back is there anyway).
void prepend(std::vector<Task>& tasks, Task t) {
  std::vector<Task> out{t};
  for (Task x : tasks) out.push_back(x);
  tasks = std::move(out);
}

// Whether an item's tasks meet the plan's: any shared; `empty_means_all` for offices, schedule
// entries and notes, whose empty list means "every task".
bool meets(const std::vector<Task>& item_tasks, const std::vector<Task>& tasks, bool empty_means_all) {
  return item_tasks.empty() ? empty_means_all : shares_task(item_tasks, tasks);
}

// The plan is written as JSON text while it is built (ObjectText, ArrayText in json_text.hpp):
// building it as a document tree first was half of an evaluation's time.

// Task names, in order.
ArrayText task_list_json(const std::vector<Task>& tasks) {
  ArrayText j;
  for (Task t : tasks) j.str(kTaskNames.name(t));
  return j;
}

// The rule id of a rule-data item (requirement, office, fee ...): "<file id>:<item id>".
std::string data_rule_id(const RuleFile& file, const std::string& item_id) { return file.id + ":" + item_id; }

// A string, or null when it is empty (not published).
ObjectText& text_or_null(ObjectText& object, const char* key, const std::string& s) {
  return s.empty() ? object.add(key, nullptr) : object.str(key, s);
}

// A schedule entry's opening hours: [{"open", "close"}, ...].
ArrayText hours_json(const std::vector<Hours>& hours) {
  ArrayText spans;
  for (const Hours& h : hours) ObjectText().str("open", h.open).str("close", h.close).append_to(spans);
  return spans;
}

// One certificate or the card, as the plan reports it.
struct Item {
  bool present = false;
  Date expiry{};
  bool derived = false;
  Status status = Status::not_issued;
  const char* reason = nullptr;  // message key for not_issued / lapsed: one of the key:: constants
  Date opens{}, strict_opens{};
};

// Everything evaluation needs, with the helpers that cite rules.
class Evaluation {
 public:
  Evaluation(const RuleFile& national, const RuleFile* muni, const Situation& s)
      : national_(national), muni_(muni), s_(s), today_(s.today) {}

  // The plan's members from "window" to "trace"; empty when diag has errors.
  ObjectText run(Diagnostics& diag);

 private:
  // --- rule citations -------------------------------------------------------------------
  // References into the rule files (or `source_id` itself): a citation is written, not copied.
  const std::string& source_ref(const std::string& source_id) const {
    if (muni_ != nullptr) {
      if (const auto* src = muni_->find_source(source_id)) return src->ref;
    }
    if (const auto* src = national_.find_source(source_id)) return src->ref;
    return source_id;
  }

  // Cites a core rule: records it in the trace, returns its primary source (empty if none).
  const std::string& cite(const char* rule_id) {
    static const std::string none;
    const CoreRule* rule = national_.find_core_rule(rule_id);
    if (rule == nullptr) return none;
    // Core rules are marked by their place in the national file: no string set to search.
    if (traced_core_.empty()) traced_core_.assign(national_.core_rules.size(), 0);
    const auto index = static_cast<std::size_t>(rule - national_.core_rules.data());
    if (!traced_core_[index]) {
      traced_core_[index] = 1;
      ArrayText sources;
      for (const auto& sid : rule->sources) sources.str(source_ref(sid));
      ObjectText()
          .str("rule", rule->id)
          .add("sources", sources)
          .str("confidence", kConfidenceNames.name(rule->confidence))
          .append_to(trace_);
      if (rule->confidence == Confidence::low || rule->confidence == Confidence::policy) {
        low_confidence_.push_back(rule_id);
      }
    }
    return rule->sources.empty() ? none : source_ref(rule->sources.front());
  }

  // A municipality's own item (a place that does not handle certificates, a local note): its id,
  // its text under `field`, and its citation.
  void add_local_item(ArrayText& list, const char* field, const std::string& id, const LocalText& text,
                      const std::string& source_id) {
    ObjectText()
        .str("id", id)
        .add(field, text)
        .str("rule", data_rule_id(*muni_, id))
        .str("source", cite_data(*muni_, id, source_id))
        .append_to(list);
  }

  // Cites a rule-data item (requirement, office, fee ...) of `file`.
  std::string cite_data(const RuleFile& file, const std::string& item_id, const std::string& source_id) {
    const std::string rule_id = data_rule_id(file, item_id);
    const std::string ref = source_ref(source_id);
    if (traced_data_.insert(rule_id).second) {
      ArrayText sources;
      sources.str(ref);
      ObjectText().str("rule", rule_id).add("sources", sources).str("confidence", "H").append_to(trace_);
    }
    return ref;
  }

  ObjectText item_fields(const char* message_key, const char* rule_id) {
    ObjectText f;
    f.str("key", message_key).str("rule", rule_id).str("source", cite(rule_id));
    return f;
  }
  // Appends an item to a list (reasons, warnings, notes): one call at each site instead of three.
  void add_item(ArrayText& list, const char* message_key, const char* rule_id) {
    item_fields(message_key, rule_id).append_to(list);
  }
  void add_item(ArrayText& list, const char* message_key, const char* rule_id, const ObjectText& params) {
    item_fields(message_key, rule_id).add("params", params).append_to(list);
  }

  // --- parameters -----------------------------------------------------------------------
  // Names, rule ids and keys below are literals, taken as `const char*`: std::string and
  // std::string_view parameters cost a constructor call at each call site in the wasm build.
  const Parameter* parameter_at(const char* name, Date on) const {
    return parameter_in_force(muni_, national_, name, on);
  }
  long long number(const char* name, Date on) {
    const Parameter* p = parameter_at(name, on);
    if (p == nullptr) {
      missing_parameter_ = name;
      return 0;
    }
    return p->number;
  }
  long long number(const char* name) { return number(name, today_); }
  void report_missing_parameter(Diagnostics& diag) const {
    if (missing_parameter_.empty()) return;
    diag.add("rules_incomplete", "", "a national value for parameter " + missing_parameter_ + " on this date");
  }

  // --- named rules ----------------------------------------------------------------------
  int months() { return static_cast<int>(number("window_months")); }
  Date window_opens(Date expiry) { return window_opens_policy(expiry, months()); }  // P-WINDOW
  Date window_opens_safe(Date expiry) { return window_opens_strict(expiry, months()); }

  Status status_of(Date expiry) {
    if (before(expiry, today_)) return Status::expired;
    if (before(today_, window_opens(expiry))) return Status::not_yet_renewable;
    return Status::window_open;
  }

  // N-CARD-VALIDITY: card expiry from its issue date; empty + error when it cannot be known.
  std::optional<Date> derive_card_expiry(Diagnostics& diag);
  // N-CERT-VALIDITY + N-CERT-CAP
  void derive_certificates(Diagnostics& diag);
  // N-RENEWAL-CARRYOVER / N-EARLY-RENEWAL / N-AFTER-EXPIRY: expiry of a certificate issued on r.
  // N-RENEWAL-CARRYOVER / N-EARLY-RENEWAL / N-AFTER-EXPIRY / N-LAPSE-ON-CHANGE, capped by N-CERT-CAP:
  // the expiry of a certificate like `it` issued on day r, on a card that then ends on card_cap.
  struct NewExpiry {
    std::optional<Date> expiry;
    const char* rule = nullptr;
    std::string_view capped_by;  // "card", "new_period_of_stay", "user_certificate" or empty
    std::string_view missing;    // what is needed to know it ("/holder/birth_date", "/card")
    bool refused = false;        // the municipality does not renew that early
  };
  NewExpiry new_expiry(const Item& it, Date r, Date card_cap, std::optional<Date> user_cap);
  std::optional<ObjectText> new_certificate_json(Date r, Procedure procedure, bool explicit_day);

  struct Piece {
    const RuleFile* file;
    const Requirement* requirement;
    std::vector<Task> tasks;
    bool national_fallback;
  };
  std::vector<Piece> requirement_pieces(const std::vector<Task>& tasks, Applicant route) const;

  // Calls `use` for each item of `list` (fees, follow-ups) in force today whose tasks meet
  // `tasks`: the municipality's first, then the national ones whose id it did not already give.
  template <class T, class Use>
  void for_each_in_force(std::vector<T> RuleFile::*list, std::vector<Task> T::*item_tasks,
                         const std::vector<Task>& tasks, Use use) const {
    std::set<std::string> seen;
    for (const RuleFile* file : {muni_, &national_}) {
      if (file == nullptr) continue;
      for (const T& x : file->*list) {
        if (!x.effective.contains(today_) || seen.count(x.id) != 0) continue;
        if (!meets(x.*item_tasks, tasks, false)) continue;
        seen.insert(x.id);
        use(*file, x);
      }
    }
  }

  bool condition(Condition c, bool& known) const;
  std::vector<HolderClass> holder_classes() const;
  const Requirement* find_requirement(const RuleFile& file, Task t, Applicant a) const;
  ArrayText build_visits(const std::vector<Task>& tasks, Applicant route, Diagnostics& diag);
  // The days the offices are searched for open days (ADR 0006).
  struct Scan {
    Date from, until;
    std::optional<Date> safe_from;  // P-WINDOW-STRICT's opening day, when later than `from`
    bool window = false;            // a renewal: the scan ends at the expiry
  };
  // The first day to go at the offices found so far: the day, and the offices open on it.
  struct FirstDay {
    std::optional<Date> day;
    ArrayText offices;
    Reservation reservation = Reservation::required;
    void offer(Date d, const std::string& office, Reservation r);
  };
  ArrayText build_offices(const std::vector<Task>& tasks, Applicant route, const Scan& scan);
  // Fills an office's calendar fields: next_open_days, first_open_day_safe, skipped_days.
  void office_calendar(const Office& o, EntrySet serves, const std::vector<Task>& tasks, const Scan& scan,
                       const std::string& source, ObjectText& office);
  ObjectText day_json(const Office& o, Date d, const OfficeDay& day, Reservation& least) const;
  std::optional<ObjectText> first_day_json(const FirstDay& first) {
    if (!first.day) return std::nullopt;
    ObjectText j;
    j.date("date", *first.day)
        .add("offices", first.offices)
        .str("reservation", kReservationNames.name(first.reservation))
        .str("rule", "N-CALENDAR")
        .str("source", cite("N-CALENDAR"));
    return j;
  }
  ObjectText item_json(const Item& it, const char* rule);
  // P-ASIDES (ADR 0007): the card ending soon after the certificates, the 15th birthday, a stay
  // ending before them. True when the stay aside was added (it replaces the stay warning).
  bool add_asides(const Item& main, const std::vector<Task>& tasks);

  const RuleFile& national_;
  const RuleFile* muni_;
  const Situation& s_;
  Date today_;

  std::optional<int> age_;
  AgeBand band_ = AgeBand::adult;
  Item card_, user_, signature_;
  bool pin_unknown_ = false;
  std::string missing_parameter_;

  ArrayText trace_;
  // By index in the national file's core_rules; 1 = traced. Bytes, not vector<bool>: its bit
  // iterators cost the wasm 1.2 KB gzip.
  std::vector<unsigned char> traced_core_;
  std::set<std::string> traced_data_;        // "file:item" ids of rule data
  std::vector<const char*> low_confidence_;  // rule ids
  ArrayText warnings_, notes_, asides_;
  // A date the plan derived (N-CARD-VALIDITY, N-CERT-VALIDITY / N-CERT-CAP): listed in "derived"
  // and, as a note, in "notes".
  struct Derived {
    const char* field;
    Date value;
    const char* rule;
    std::string source;
  };
  std::vector<Derived> derived_;
  ArrayText offices_unavailable_;  // offices whose every opening needs something this case lacks
  FirstDay first_day_, first_day_safe_;
  bool calendar_computed_ = false;  // at least one office had a computable calendar
  std::set<std::string> stale_examples_;
};

std::optional<Date> Evaluation::derive_card_expiry(Diagnostics& diag) {
  if (s_.card_expiry) return s_.card_expiry;
  const Date issued = *s_.card_issue_date;
  if (s_.residence == Residence::period_of_stay) {
    diag.add("cannot_derive", "/card/expiry",
             "the expiry printed on the card (a card with a period of stay ends with the stay)");
    return std::nullopt;
  }
  if (!s_.birth_date) {
    diag.add("cannot_derive", "/card/expiry", "the expiry printed on the card, or holder.birth_date");
    return std::nullopt;
  }
  const Date birth = *s_.birth_date;
  // The age line applies at application, which comes before issue: if the answer changes
  // between the earliest likely application day and the issue day, ask for the printed date.
  const Date applied_earliest = add_months_clamped(issued, -static_cast<int>(number("card_age_ambiguity_months")));
  auto adult_on = [&](Date d) { return age_on(birth, d) >= number("card_adult_age", d); };
  const bool adult = adult_on(issued);
  if (adult != adult_on(applied_earliest)) {
    diag.add("ambiguous_derivation", "/card/expiry",
             "the expiry printed on the card (the age at application decides, and it is close to the line)");
    return std::nullopt;
  }
  const int n = static_cast<int>(number(adult ? "card_validity_birthdays_adult" : "card_validity_birthdays_minor"));
  const Date expiry = nth_birthday_after(birth, issued, n);
  card_.derived = true;
  derived_.push_back(Derived{"/card/expiry", expiry, "N-CARD-VALIDITY", cite("N-CARD-VALIDITY")});
  return expiry;
}

void Evaluation::derive_certificates(Diagnostics& diag) {
  bool sig_eligible = s_.has_signature && band_ != AgeBand::under_15 && !s_.adult_ward && !s_.face_auth_card;
  if (s_.cert_expiry) {
    user_.present = true;
    user_.expiry = *s_.cert_expiry;
    signature_.present = sig_eligible;
    signature_.expiry = *s_.cert_expiry;
  } else if (s_.user_expiry || s_.signature_expiry) {
    if (!s_.user_expiry) {
      diag.add("missing_field", "/certificates/user_expiry", "the user certificate's expiry");
      return;
    }
    user_.present = true;
    user_.expiry = *s_.user_expiry;
    if (sig_eligible && !s_.signature_expiry) {
      diag.add("missing_field", "/certificates/signature_expiry",
               "the signature certificate's expiry, or \"signature\": false");
      return;
    }
    signature_.present = sig_eligible;
    if (s_.signature_expiry) signature_.expiry = *s_.signature_expiry;
  } else {
    const auto issued = s_.cert_issue_date;
    if (!issued || !s_.birth_date) {
      diag.add("missing_field", "/certificates/expiry",
               "the certificates' expiry, or certificates.issue_date with holder.birth_date");
      return;
    }
    // Issued within the window before a birthday, the certificate may have been a renewal that
    // runs to the 6th birthday (N-RENEWAL-CARRYOVER) or a first issue that runs to the 5th: we
    // cannot tell, so ask for the printed date rather than guess.
    const Date next_birthday = nth_birthday_after(*s_.birth_date, *issued, 1);
    if (!before(*issued, window_opens(next_birthday))) {
      diag.add("ambiguous_derivation", "/certificates/expiry",
               "the expiry printed on the card (issued within " + std::to_string(months()) +
                   " months before a birthday, it runs to the 5th or the 6th birthday)");
      return;
    }
    if (age_on(*s_.birth_date, *issued) < 15) sig_eligible = false;  // N-NO-SIGNATURE at issue
    const Date b5 = nth_birthday_after(*s_.birth_date, *issued, static_cast<int>(number("cert_validity_birthdays")));
    const Date user = earlier(b5, card_.expiry);
    user_.present = true;
    user_.expiry = user;
    user_.derived = true;
    signature_.present = sig_eligible;
    signature_.expiry = earlier(earlier(b5, card_.expiry), user);
    signature_.derived = true;
    const char* rule = before(card_.expiry, b5) ? "N-CERT-CAP" : "N-CERT-VALIDITY";
    derived_.push_back(Derived{"/certificates/expiry", user, rule, cite(rule)});
  }
  if (!signature_.present) {
    const bool under_15_at_issue =
        s_.cert_issue_date && s_.birth_date && age_on(*s_.birth_date, *s_.cert_issue_date) < 15;
    signature_.reason = !s_.has_signature                                 ? key::kNotIssuedDeclined
                        : band_ == AgeBand::under_15 || under_15_at_issue ? key::kNotIssuedUnder15
                        : s_.adult_ward                                   ? key::kNotIssuedAdultWard
                                                                          : key::kNotIssuedFaceAuth;
  }
}

Evaluation::NewExpiry Evaluation::new_expiry(const Item& it, Date r, Date card_cap, std::optional<Date> user_cap) {
  NewExpiry out;
  if (!s_.birth_date) {
    out.missing = "/holder/birth_date";
    return out;
  }
  if (before(card_cap, r)) {
    out.missing = "/card";  // the card has expired by then: a new card first
    return out;
  }
  int n = static_cast<int>(number("cert_validity_birthdays"));
  if (it.status == Status::lapsed && it.reason == key::kWhyLapsedChange) {
    out.rule = "N-LAPSE-ON-CHANGE";
  } else if (before(it.expiry, r)) {
    out.rule = "N-AFTER-EXPIRY";
  } else if (before(r, window_opens(it.expiry))) {
    out.rule = "N-EARLY-RENEWAL";
    const Parameter* early = parameter_at("early_renewal", today_);
    out.refused = early != nullptr && early->text == "refused";
    if (out.refused) return out;
  } else {
    out.rule = "N-RENEWAL-CARRYOVER";
    n = static_cast<int>(number("cert_renewal_birthdays"));
  }
  Date expiry = nth_birthday_after(*s_.birth_date, r, n);
  if (before(card_cap, expiry)) {
    expiry = card_cap;
    out.capped_by =
        s_.residence == Residence::period_of_stay && card_cap != card_.expiry ? "new_period_of_stay" : "card";
  }
  if (user_cap && before(*user_cap, expiry)) {  // N-CERT-CAP: the signature ends with the user certificate
    expiry = *user_cap;
    out.capped_by = "user_certificate";
  }
  out.expiry = expiry;
  return out;
}

std::optional<ObjectText> Evaluation::new_certificate_json(Date r, Procedure procedure, bool explicit_day) {
  // A card validity change moves the card's end to the new end of stay; certificates issued at
  // that visit run to it at most.
  const bool validity_change = procedure == Procedure::card_validity_change;
  const Date card_cap = validity_change && s_.stay_end ? *s_.stay_end : card_.expiry;
  // On a day the resident chose before the window, both certificates are issued anew early
  // (N-EARLY-RENEWAL); the signature certificate never ends after the user certificate (N-CERT-CAP).
  auto handled = [&](const Item& it) {
    return it.present &&
           (validity_change || explicit_day || it.status == Status::lapsed || !before(r, window_opens(it.expiry)));
  };
  ObjectText certificates;
  std::optional<Date> user_after;
  std::optional<ObjectText> first;  // the first certificate described: its fields head the result
  bool first_capped_by_card = false;
  bool capped_warned = false;
  auto describe = [&](const Item& it, std::optional<Date> user_cap) {
    const NewExpiry e = new_expiry(it, r, card_cap, user_cap);
    ObjectText f;
    if (e.expiry) {
      f.date("expiry", *e.expiry);
    } else {
      f.add("expiry", nullptr);
    }
    if (e.rule != nullptr) f.str("rule", e.rule).str("source", cite(e.rule));
    if (e.capped_by.empty()) {
      f.add("capped_by", nullptr);
    } else {
      f.str("capped_by", e.capped_by);
    }
    if (!e.missing.empty()) f.str("needs", e.missing);
    if (e.refused) f.add("refused_before_window", true);
    if (e.capped_by == "card" && !capped_warned) {
      add_item(warnings_, key::kWarnCappedByCard, "N-CERT-CAP", ObjectText().date("card_expiry", card_cap));
      capped_warned = true;
    }
    if (!first) {
      first = f;
      first_capped_by_card = e.capped_by == "card";
    }
    return std::make_pair(std::move(f), e.expiry);
  };
  if (handled(user_)) {
    auto [j, expiry] = describe(user_, std::nullopt);
    certificates.add("user", j);
    user_after = expiry;
  }
  if (handled(signature_)) {
    const std::optional<Date> cap =
        handled(user_) ? user_after
                       : std::optional<Date>(user_.present ? std::optional<Date>(user_.expiry) : std::nullopt);
    certificates.add("signature", describe(signature_, cap).first);
  }
  if (!first) return std::nullopt;
  ObjectText out;
  out.date("renewed_on", r).merge(*first).add("capped_by_card", first_capped_by_card).add("certificates", certificates);
  return out;
}

bool Evaluation::condition(Condition c, bool& known) const {
  known = true;
  switch (c) {
    case Condition::pin_unknown:
      return pin_unknown_;
    case Condition::pins_known:
      return !pin_unknown_;
    case Condition::holder_under_15:
      return band_ == AgeBand::under_15;
    case Condition::holder_minor:
      return band_ != AgeBand::adult;
    case Condition::holder_adult_ward:
      return s_.adult_ward;
    case Condition::family_register_in_city:
      known = s_.family_register_in_city.has_value();
      return s_.family_register_in_city.value_or(false);
    case Condition::same_household_parent: {
      const bool parent =
          s_.relationship == Relationship::parent || (!s_.relationship && band_ != AgeBand::adult && !s_.adult_ward);
      known = s_.same_household.has_value();
      return parent && s_.same_household.value_or(false);
    }
    case Condition::same_household:
      known = s_.same_household.has_value();
      return s_.same_household.value_or(false);
    case Condition::with_move_notification:
      return s_.with_move_notification;
    case Condition::foreign_period_of_stay:
      return s_.residence == Residence::period_of_stay;
  }
  return false;
}

std::vector<HolderClass> Evaluation::holder_classes() const {
  std::vector<HolderClass> out{HolderClass::any};
  out.push_back(band_ == AgeBand::under_15    ? HolderClass::under_15
                : band_ == AgeBand::age_15_17 ? HolderClass::age_15_17
                                              : HolderClass::adult);
  if (band_ != AgeBand::adult) out.push_back(HolderClass::minor);
  if (s_.adult_ward) out.push_back(HolderClass::adult_ward);
  return out;
}

const Requirement* Evaluation::find_requirement(const RuleFile& file, Task t, Applicant a) const {
  const auto classes = holder_classes();
  const Requirement* best = nullptr;
  int best_score = 0;
  for (const auto& q : file.requirements) {
    if (!contains(q.tasks, t) || !contains(q.applicants, a) || !q.effective.contains(today_)) continue;
    const bool when_holds = std::all_of(q.when.begin(), q.when.end(), [&](Condition c) {
      bool known = true;
      return condition(c, known) && known;
    });
    if (!when_holds) continue;
    int score = q.when.empty() ? 0 : 2;
    int holder_score = 0;
    for (HolderClass h : q.holders) {
      if (contains(classes, h)) holder_score = std::max(holder_score, h == HolderClass::any ? 1 : 2);
    }
    if (holder_score == 0) continue;
    score += holder_score;
    if (score > best_score) {
      best = &q;
      best_score = score;
    }
  }
  return best;
}

// The requirements that cover `tasks` for `route`: one piece per requirement, with the tasks it
// covers. A municipal requirement covering every task wins. Otherwise each task takes the
// municipality's requirement or the national one; if those disagree on the number of visits (a
// one-visit route would be merged into a two-visit one out of order), a national requirement that
// covers every task is used instead.
std::vector<Evaluation::Piece> Evaluation::requirement_pieces(const std::vector<Task>& tasks, Applicant route) const {
  auto covering = [&](const RuleFile& file) -> const Requirement* {
    const Requirement* found = nullptr;
    for (Task t : tasks) {
      const Requirement* q = find_requirement(file, t, route);
      if (q == nullptr || (found != nullptr && q != found)) return nullptr;
      found = q;
    }
    return found;
  };
  if (muni_ != nullptr) {
    if (const Requirement* q = covering(*muni_)) return {Piece{muni_, q, tasks, false}};
  }
  std::vector<Piece> pieces;
  for (Task t : tasks) {
    const RuleFile* file = muni_;
    const Requirement* q = muni_ != nullptr ? find_requirement(*muni_, t, route) : nullptr;
    if (q == nullptr) {
      file = &national_;
      q = find_requirement(national_, t, route);
    }
    const auto same = std::find_if(pieces.begin(), pieces.end(), [&](const Piece& p) { return p.requirement == q; });
    if (same != pieces.end()) {
      same->tasks.push_back(t);
    } else {
      pieces.push_back(Piece{file, q, {t}, muni_ != nullptr && file == &national_});
    }
  }
  const bool complete =
      std::all_of(pieces.begin(), pieces.end(), [](const Piece& p) { return p.requirement != nullptr; });
  if (!complete) return pieces;  // the caller reports rules_incomplete
  const bool misaligned = std::any_of(pieces.begin(), pieces.end(), [&](const Piece& p) {
    return p.requirement->visits.size() != pieces.front().requirement->visits.size();
  });
  if (misaligned) {
    if (const Requirement* q = covering(national_)) return {Piece{&national_, q, tasks, muni_ != nullptr}};
  }
  return pieces;
}

ArrayText Evaluation::build_visits(const std::vector<Task>& all_tasks, Applicant route, Diagnostics& diag) {
  // The visits as they are merged, typed: the JSON is written once at the end.
  struct VisitPlan {
    std::vector<Task> tasks;
    bool same_day = true;
    bool holder_must_attend = false;
    std::vector<StepKind> step_kinds;  // of the steps in `before`: one step of each kind
    ArrayText before;
    // The documents, written at the end: a requirement later in the merge can still waive one
    // (the office checks it itself, whatever the task) or name more conditions that waive it.
    struct Doc {
      const DocItem* item;
      std::string rule_id, source;
      ArrayText only_if;
      unsigned waivable = 0;  // unanswered waivers (bits by Condition) of every requirement listing it
      bool waived = false;    // in `waived`
    };
    static_assert(static_cast<unsigned>(Condition::foreign_period_of_stay) < 32, "one bit per Condition");
    std::vector<Doc> documents;
    ArrayText waived, notes, rules;
    // Written last, in the order they were first set: "national_rule" (true) and "offices" (the
    // last list given).
    bool national_rule = false;
    const std::vector<std::string>* offices = nullptr;
    bool offices_first = false;
    void set_national_rule() {
      if (!national_rule) offices_first = offices != nullptr;
      national_rule = true;
    }
  };
  std::vector<VisitPlan> visits;
  // Certificate work merges visit by visit; a new card is applied for and collected later,
  // so its visits come after the certificate visits.
  std::vector<Task> certificate_tasks, card_tasks;
  for (Task t : all_tasks) {
    (t == Task::card_application || t == Task::card_collection ? card_tasks : certificate_tasks).push_back(t);
  }
  for (const auto& group : {certificate_tasks, card_tasks}) {
    if (group.empty()) continue;
    const std::size_t offset = visits.size();
    for (const Piece& piece : requirement_pieces(group, route)) {
      if (piece.requirement == nullptr) {
        std::string expected = "a national requirement for task ";  // appended: no temporaries
        expected += kTaskNames.name(piece.tasks.front());
        expected += " and applicant ";
        expected += kApplicantNames.name(route);
        diag.add("rules_incomplete", "/applicant", std::move(expected));
        return ArrayText();  // the caller returns no plan
      }
      const RuleFile* file = piece.file;
      const Requirement* q = piece.requirement;
      const bool fallback = piece.national_fallback;
      const ArrayText task_names = task_list_json(piece.tasks);
      const std::string rule_id = data_rule_id(*file, q->id);
      const std::string q_source = cite_data(*file, q->id, q->source);
      if (fallback) {
        add_item(notes_, key::kNoteNationalFallback, "N-NATIONAL-FALLBACK",
                 ObjectText().add("tasks", task_names).str("requirement", rule_id));
      }
      for (std::size_t vi = 0; vi < q->visits.size(); ++vi) {
        const Visit& v = q->visits[vi];
        const std::size_t i = offset + vi;
        if (visits.size() <= i) visits.emplace_back();
        VisitPlan& out = visits[i];
        for (Task t : piece.tasks) {
          const bool here = v.tasks.empty() || contains(v.tasks, t);
          if (here && !contains(out.tasks, t)) out.tasks.push_back(t);
        }
        out.rules.str(rule_id);
        if (v.page_silent) {
          out.set_national_rule();
          add_item(notes_, key::kNoteNationalFallback, "N-NATIONAL-FALLBACK",
                   ObjectText().add("tasks", task_names).str("requirement", rule_id).add("visit", i + 1));
        }
        out.same_day = out.same_day && q->same_day;
        out.holder_must_attend = out.holder_must_attend || q->holder_must_attend;
        if (fallback) out.set_national_rule();
        for (const Step& step : v.before) {
          if (contains(out.step_kinds, step.kind)) continue;
          out.step_kinds.push_back(step.kind);
          ObjectText j;
          j.str("kind", kStepKindNames.name(step.kind)).str("rule", rule_id).str("source", q_source);
          if (!step.phone.empty()) j.str("phone", step.phone);
          if (!step.note.empty()) j.add("note", step.note);
          j.append_to(out.before);
        }
        if (!v.offices.empty()) out.offices = &v.offices;
        if (!v.note.empty())
          ObjectText().add("text", v.note).str("rule", rule_id).str("source", q_source).append_to(out.notes);
        for (const DocItem& d : v.documents) {
          const std::string source = d.source.empty() ? q_source : source_ref(d.source);
          ArrayText only_if;
          bool skip = false;
          for (Condition c : d.when) {
            bool known = true;
            const bool holds = condition(c, known);
            if (!known) only_if.str(kConditionNames.name(c));
            if (known && !holds) skip = true;
          }
          if (skip) continue;
          unsigned waivable = 0;
          std::optional<Condition> waived_by;  // a waiver that holds
          for (Condition c : d.waived_if) {
            bool known = true;
            const bool holds = condition(c, known);
            if (!known) waivable |= 1u << static_cast<unsigned>(c);
            if (known && holds) {
              waived_by = c;
              break;
            }
          }
          VisitPlan::Doc* listed = nullptr;
          for (VisitPlan::Doc& x : out.documents) {
            if (x.item->doc == d.doc) {
              listed = &x;
              break;
            }
          }
          if (listed == nullptr) {
            listed = &out.documents.emplace_back(VisitPlan::Doc{&d, rule_id, source, std::move(only_if)});
          } else if (listed->waived) {
            continue;
          }
          listed->waivable |= waivable;
          if (waived_by) {
            listed->waived = true;
            ObjectText()
                .str("id", d.doc)
                .str("because", kConditionNames.name(*waived_by))
                .str("rule", rule_id)
                .str("source", source)
                .append_to(out.waived);
          }
        }
      }
    }
  }
  auto documents_json = [&](const std::vector<VisitPlan::Doc>& docs) {
    ArrayText out;
    for (const VisitPlan::Doc& x : docs) {
      if (x.waived) continue;
      const DocItem& d = *x.item;
      const DocumentDef* def = muni_ != nullptr ? muni_->find_document(d.doc) : nullptr;
      if (def == nullptr) def = national_.find_document(d.doc);
      ObjectText doc;
      doc.str("id", d.doc).str("key", "doc." + d.doc).str("rule", x.rule_id).str("source", x.source);
      if (def != nullptr) {
        doc.str("person", kPersonNames.name(def->person)).str("category", kDocCategoryNames.name(def->category));
        if (!def->name.empty()) doc.add("name", def->name);
      }
      if (!d.alternatives.empty()) doc.add("alternatives", d.alternatives);
      if (!x.only_if.empty()) doc.add("only_if", x.only_if);
      if (x.waivable != 0) {
        ArrayText waivable;
        for (const auto& [name, c] : kConditionNames.names) {
          if (x.waivable & (1u << static_cast<unsigned>(c))) waivable.str(name);
        }
        doc.add("waived_if", waivable);
      }
      if (d.issued_within_months > 0) doc.add("issued_within_months", d.issued_within_months);
      if (!d.note.empty()) doc.add("note", d.note);
      ArrayText examples;
      for (const auto& ex : d.examples) {
        const IdType* type = national_.find_id_type(ex);
        if (type != nullptr && !type->accepted.contains(today_)) {
          stale_examples_.insert(ex);
        } else {
          examples.str(ex);
        }
      }
      if (!examples.empty()) doc.add("examples", examples);
      doc.append_to(out);
    }
    return out;
  };
  ArrayText out;
  for (std::size_t i = 0; i < visits.size(); ++i) {
    const VisitPlan& v = visits[i];
    ObjectText j;
    j.add("number", i + 1)
        .add("tasks", task_list_json(v.tasks))
        .add("same_day", v.same_day)
        .add("holder_must_attend", v.holder_must_attend)
        .add("before", v.before)
        .add("documents", documents_json(v.documents))
        .add("waived", v.waived)
        .add("notes", v.notes)
        .add("rules", v.rules);
    if (v.offices != nullptr && v.offices_first) j.add("offices", *v.offices);
    if (v.national_rule) j.add("national_rule", true);
    if (v.offices != nullptr && !v.offices_first) j.add("offices", *v.offices);
    j.append_to(out);
  }
  return out;
}

ArrayText Evaluation::build_offices(const std::vector<Task>& tasks, Applicant route, const Scan& scan) {
  ArrayText offices;
  if (muni_ == nullptr) return offices;
  for (const Office& o : muni_->offices) {
    if (!o.effective.contains(today_)) continue;
    const bool task_ok = meets(o.tasks, tasks, true);
    const bool applicant_ok = o.applicants.empty() || contains(o.applicants, route);
    if (!task_ok || !applicant_ok) continue;
    const std::string source = cite_data(*muni_, o.id, o.source);
    ArrayText hours;
    bool any_available = false;
    EntrySet serves = 0;  // the entries that serve this case (on their effective days)
    for (std::size_t i = 0; i < o.schedule.size(); ++i) {
      const ScheduleEntry& e = o.schedule[i];
      if (!meets(e.tasks, tasks, true)) continue;
      ArrayText unmet;  // conditions the case does not meet (unanswered ones pass)
      for (Condition c : e.requires) {
        bool known = true;
        if (!condition(c, known) && known) unmet.str(kConditionNames.name(c));
      }
      const bool available = unmet.empty();
      if (available) serves |= EntrySet{1} << i;
      if (!e.effective.contains(today_)) continue;
      ObjectText j;
      j.str("kind", kScheduleKindNames.name(e.kind))
          .str("reservation", kReservationNames.name(e.reservation))
          .str("source", e.source.empty() ? source : source_ref(e.source));
      ArrayText days;
      static const char* const kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
      for (unsigned wd : e.weekdays) days.str(kDays[wd]);
      if (!days.empty()) j.add("weekdays", days);
      if (!e.nth.empty()) j.add("nth", e.nth);
      j.add("hours", hours_json(e.hours));
      j.add("available", available);
      if (!unmet.empty()) j.add("unmet", unmet);
      if (!e.dates.empty()) {
        ArrayText dates;
        for (Date d : e.dates) dates.str(format_iso_date(d));
        j.add("dates", dates);
      }
      if (!e.note.empty()) j.add("note", e.note);
      j.append_to(hours);
      any_available = any_available || available;
    }
    const bool usable = hours.empty() || any_available;
    ObjectText office;
    office.str("id", o.id)
        .add("name", o.name)
        .str("rule", data_rule_id(*muni_, o.id))
        .str("source", source)
        .add("hours", hours)
        .add("closed_on_holidays", o.closed_on_holidays)
        .add("closed_year_end", o.closed_year_end);
    if (o.address.empty()) {
      office.add("address", nullptr);
    } else {
      office.add("address", o.address);
    }
    text_or_null(office, "phone", o.phone);
    text_or_null(office, "url", o.url.empty() ? muni_->url : o.url);
    if (!o.note.empty()) office.add("note", o.note);
    if (usable) office_calendar(o, serves, tasks, scan, source, office);
    office.append_to(usable ? offices : offices_unavailable_);
  }
  return offices;
}

// Reservation, from the least to the most demanding: the enum's order is unknown, required,
// recommended, not_taken, so rank them here.
int demand(Reservation r) {
  switch (r) {
    case Reservation::not_taken:
      return 0;
    case Reservation::unknown:
      return 1;
    case Reservation::recommended:
      return 2;
    case Reservation::required:
      return 3;
  }
  return 3;
}

void Evaluation::FirstDay::offer(Date d, const std::string& office, Reservation r) {
  if (day && before(*day, d)) return;
  if (!day || before(d, *day)) {
    day = d;
    offices = ArrayText();
    reservation = Reservation::required;
  }
  offices.str(office);
  if (demand(r) < demand(reservation)) reservation = r;
}

ObjectText Evaluation::day_json(const Office& o, Date d, const OfficeDay& day, Reservation& least) const {
  ArrayText sessions;
  least = Reservation::required;
  for (std::size_t i = 0; i < o.schedule.size(); ++i) {
    if ((day.sessions & (EntrySet{1} << i)) == 0) continue;
    const ScheduleEntry* e = &o.schedule[i];
    ObjectText session;
    session.str("kind", kScheduleKindNames.name(e->kind))
        .add("hours", hours_json(e->hours))
        .str("reservation", kReservationNames.name(e->reservation));
    if (!e->note.empty()) session.add("note", e->note);
    session.append_to(sessions);
    if (demand(e->reservation) < demand(least)) least = e->reservation;
  }
  ObjectText j;
  j.date("date", d).add("sessions", sessions).str("reservation", kReservationNames.name(least));
  return j;
}

void Evaluation::office_calendar(const Office& o, EntrySet serves, const std::vector<Task>& tasks, const Scan& scan,
                                 const std::string& source, ObjectText& office) {
  // Computable: some entry that serves the case falls on known days.
  bool computable = false, announced = false;
  for (std::size_t i = 0; i < o.schedule.size(); ++i) {
    if ((serves & (EntrySet{1} << i)) == 0) continue;
    const ScheduleEntry& e = o.schedule[i];
    if (e.kind == ScheduleKind::announced && e.dates.empty()) {
      announced = true;
    } else {
      computable = true;
    }
  }
  if (!computable) {
    office.str("calendar", announced ? "announced" : "not_published").add("next_open_days", nullptr);
    return;
  }
  calendar_computed_ = true;
  ArrayText open_days, skipped;
  std::optional<ObjectText> safe;
  std::size_t listed = 0;
  for (Date d = scan.from; !before(scan.until, d); d = add_days(d, 1)) {
    const bool want_safe = scan.safe_from && !safe;
    if (listed >= kMaxOpenDays && !want_safe) break;
    const OfficeDay day = office_day(o, d, serves, tasks, national_);
    if (day.status == DayStatus::unknown) break;
    if (day.status == DayStatus::open) {
      const bool safe_day = want_safe && !before(d, *scan.safe_from);
      if (listed >= kMaxOpenDays && !safe_day) continue;  // past the list, still looking for the safe day
      Reservation least = Reservation::required;
      ObjectText j = day_json(o, d, day, least);
      if (listed == 0) first_day_.offer(d, o.id, least);
      if (safe_day) {
        first_day_safe_.offer(d, o.id, least);
        safe = j;
      }
      if (listed < kMaxOpenDays) {
        open_days.add(j);
        ++listed;
      }
    } else if (day.status != DayStatus::not_scheduled && listed < kMaxOpenDays && skipped.size() < kMaxOpenDays * 2) {
      ObjectText why;
      why.date("date", d).str("status", kDayStatusNames.name(day.status));
      if (day.holiday != Holiday::none) why.str("holiday", kHolidayNames.name(day.holiday));
      if (day.status == DayStatus::closure) {
        if (!day.closure->note.empty()) why.add("note", day.closure->note);
        why.str("rule", data_rule_id(*muni_, o.id))
            .str("source", day.closure->source.empty() ? source : source_ref(day.closure->source));
      } else if (day.status == DayStatus::maintenance) {
        why.str("rule", "N-MAINTENANCE").str("source", cite("N-MAINTENANCE"));
      } else {
        why.str("rule", "N-CALENDAR").str("source", cite("N-CALENDAR"));
      }
      why.append_to(skipped);
    }
  }
  cite("N-CALENDAR");
  office.str("calendar", "computed").add("next_open_days", open_days);
  if (scan.safe_from) office.add("first_open_day_safe", safe);
  office.add("skipped_days", skipped);
}

ObjectText Evaluation::item_json(const Item& it, const char* rule) {
  ObjectText j;
  j.str("status", kStatusNames.name(it.status));
  if (it.status == Status::not_issued) return j.add("reason", item_fields(it.reason, "N-NO-SIGNATURE"));
  ObjectText window;
  window.date("opens", it.opens).date("closes", it.expiry).str("rule", "N-WINDOW").str("source", cite("N-WINDOW"));
  if (it.strict_opens != it.opens) {
    window.date("safe_from", it.strict_opens);
    cite("N-WINDOW-STRICT");
  }
  j.date("expiry", it.expiry)
      .add("derived", it.derived)
      .add("window", window)
      .add("days_until_opens", days_between(today_, it.opens))
      .add("days_until_expiry", days_between(today_, it.expiry))
      .str("rule", rule)
      .str("source", cite(rule));
  if (it.reason != nullptr) {
    j.add("reason", item_fields(it.reason, it.reason == key::kWhyCardExpired ? "N-CARD-EXPIRED" : "N-LAPSE-ON-CHANGE"));
  }
  return j;
}

bool Evaluation::add_asides(const Item& main, const std::vector<Task>& tasks) {
  const bool about_certificates = &main != &card_;
  // N-CARD-VALIDITY: the card ends soon after the certificates, and nothing in the plan renews it.
  const bool card_work = contains(tasks, Task::card_application) || contains(tasks, Task::card_validity_change);
  if (about_certificates && !card_work && card_.status != Status::expired && card_.expiry != main.expiry) {
    const Date soon = add_months_clamped(main.expiry, static_cast<int>(number("card_soon_months")));
    if (!before(soon, card_.expiry)) {
      add_item(asides_, key::kAsideCardSoon, "N-CARD-VALIDITY",
               ObjectText().date("expiry", card_.expiry).date("opens", card_.opens));
    }
  }
  // N-NO-SIGNATURE: a holder under 15 can have a signature certificate from the 15th birthday
  // (P-LEAP: a Feb 29 birthday is Feb 28 in a common year); a face-authentication card never has one.
  if (s_.birth_date && age_ && *age_ < 15 && !s_.face_auth_card) {
    const Date fifteenth = nth_birthday_after(*s_.birth_date, *s_.birth_date, 15);
    if (!before(main.expiry, fifteenth)) {
      add_item(asides_, key::kAsideTurns15, "N-NO-SIGNATURE", ObjectText().date("date", fifteenth));
    }
  }
  // N-FOREIGN-STAY: the certificates end with the stay, before their printed expiry.
  const bool stay_first = about_certificates && s_.residence == Residence::period_of_stay && s_.stay_end &&
                          before(*s_.stay_end, main.expiry);
  if (stay_first) {
    add_item(asides_, key::kAsideStayFirst, "N-FOREIGN-STAY",
             ObjectText().date("stay_end", *s_.stay_end).date("expiry", main.expiry));
  }
  return stay_first;
}

ObjectText Evaluation::run(Diagnostics& diag) {
  // Holder.
  if (s_.birth_date) {
    age_ = age_on(*s_.birth_date, today_);
    band_ = *age_ < 15 ? AgeBand::under_15 : *age_ < 18 ? AgeBand::age_15_17 : AgeBand::adult;
  } else if (s_.age_band) {
    band_ = *s_.age_band;
  }
  if (s_.applicant == Applicant::legal_representative && band_ == AgeBand::adult && !s_.adult_ward) {
    diag.add("applicant_not_allowed", "/applicant",
             "legal_representative only for a holder under 18 or an adult ward (成年被後見人)");
  }

  if (s_.face_auth_card && parameter_at("face_auth_cards", today_) == nullptr) {
    diag.add("inconsistent_dates", "/holder/face_auth_card",
             "face-authentication cards only from the date they were introduced");
  }

  // Card and certificates.
  if (auto card = derive_card_expiry(diag)) {
    card_.present = true;
    card_.expiry = *card;
  }
  if (diag.ok()) derive_certificates(diag);
  report_missing_parameter(diag);
  if (!diag.ok()) return ObjectText();

  for (Item* it : {&card_, &user_, &signature_}) {
    if (!it->present) continue;
    it->opens = window_opens(it->expiry);
    it->strict_opens = window_opens_safe(it->expiry);
    it->status = status_of(it->expiry);
  }
  const bool card_expired = card_.status == Status::expired;
  if (signature_.present && !s_.changes.empty() && signature_.status != Status::expired) {
    signature_.status = Status::lapsed;
    signature_.reason = key::kWhyLapsedChange;
  }
  if (card_expired) {
    for (Item* it : {&user_, &signature_}) {
      if (it->present && it->status != Status::expired) {
        it->status = Status::lapsed;
        it->reason = key::kWhyCardExpired;
      }
    }
  }
  if (!s_.face_auth_card) {
    pin_unknown_ = (user_.present && s_.user_pin != PinStatus::known) ||
                   (signature_.present && signature_.status != Status::lapsed && s_.signature_pin != PinStatus::known);
  }

  // The certificate the resident acts on first: the earliest to expire among those that are
  // not lapsed; else any present one; else the card.
  const Item* main = nullptr;
  const char* main_for = "card";
  for (auto [it, name] : {std::pair<const Item*, const char*>{&user_, "user"}, {&signature_, "signature"}}) {
    if (!it->present || it->status == Status::lapsed) continue;
    if (main == nullptr || before(it->expiry, main->expiry)) {
      main = it;
      main_for = name;
    }
  }
  if (main != nullptr && signature_.present && user_.present && main->expiry == signature_.expiry &&
      signature_.expiry == user_.expiry && signature_.status == user_.status) {
    main_for = "certificates";
  }
  if (main == nullptr && user_.present) {
    main = &user_;
    main_for = "user";
  }

  // The procedure and why.
  ArrayText reasons;
  Procedure procedure = Procedure::nothing_yet;
  std::optional<Procedure> next;
  std::vector<Task> tasks;
  const bool any_cert = user_.present || signature_.present;
  const bool card_with_certs = any_cert && user_.present && user_.expiry == card_.expiry && !card_expired;
  auto needs_issuance = [&](const Item& it) {
    return it.present && (it.status == Status::expired || it.status == Status::lapsed);
  };
  if (card_expired) {
    procedure = Procedure::new_card;
    tasks = {Task::card_application, Task::card_collection};
    add_item(reasons, key::kWhyCardExpired, "N-CARD-EXPIRED");
    main = &card_;
    main_for = "card";
  } else if (s_.residence == Residence::period_of_stay && s_.stay_end && before(card_.expiry, *s_.stay_end)) {
    procedure = Procedure::card_validity_change;
    tasks = {Task::card_validity_change, Task::issuance};
    add_item(reasons, key::kWhyStayExtended, "N-FOREIGN-STAY", ObjectText().date("stay_end", *s_.stay_end));
  } else if (card_with_certs && s_.residence == Residence::period_of_stay) {
    // The card ends with the stay: the stay is renewed at immigration first, then the card's
    // validity is changed at the city office (and the certificates re-issued there).
    add_item(reasons, key::kWhyRenewStayFirst, "N-FOREIGN-STAY", ObjectText().date("expiry", card_.expiry));
    procedure = Procedure::nothing_yet;
    next = Procedure::card_validity_change;
    tasks = {Task::card_validity_change, Task::issuance};
  } else if (card_with_certs) {
    add_item(reasons, key::kWhyCardSameDay, "N-CARD-SAME-EXPIRY", ObjectText().date("expiry", card_.expiry));
    main = &card_;
    main_for = "card";
    tasks = {Task::card_application, Task::card_collection};
    if (card_.status == Status::not_yet_renewable) {
      procedure = Procedure::nothing_yet;
      next = Procedure::new_card;
      if (needs_issuance(signature_)) {
        // A lapsed signature certificate can be issued now, free, until the card ends.
        procedure = Procedure::new_issuance;
        prepend(tasks, Task::issuance);
        add_item(reasons, key::kWhyLapsedChange, "N-LAPSE-ON-CHANGE");
      }
    } else {
      procedure = Procedure::new_card;
    }
  } else {
    const bool issue = needs_issuance(user_) || needs_issuance(signature_);
    const bool renew_now = (user_.present && user_.status == Status::window_open) ||
                           (signature_.present && signature_.status == Status::window_open);
    if (needs_issuance(user_) && user_.status == Status::expired) add_item(reasons, key::kWhyExpired, "N-AFTER-EXPIRY");
    if (needs_issuance(signature_)) {
      if (signature_.status == Status::lapsed) {
        add_item(reasons, key::kWhyLapsedChange, "N-LAPSE-ON-CHANGE");
      } else {
        add_item(reasons, key::kWhyExpired, "N-AFTER-EXPIRY");
      }
    }
    if (issue) tasks.push_back(Task::issuance);
    if (renew_now) {
      tasks.push_back(Task::renewal);
      add_item(reasons, key::kWhyWindowOpen, "N-WINDOW", ObjectText().date("opens", main->opens));
    }
    if (issue) {
      procedure = Procedure::new_issuance;
    } else if (renew_now) {
      procedure = Procedure::renewal;
    } else if (!any_cert) {
      procedure = Procedure::nothing_yet;
      add_item(reasons, key::kWhyNoCertificates, "N-NO-SIGNATURE");
    } else {
      procedure = Procedure::nothing_yet;
      next = Procedure::renewal;
      tasks.push_back(Task::renewal);
      add_item(reasons, key::kWhyWindowNotOpen, "N-WINDOW", ObjectText().date("opens", main->opens));
    }
  }
  if (s_.renew_card && !contains(tasks, Task::card_application) && card_.status != Status::not_yet_renewable) {
    tasks.push_back(Task::card_application);
    tasks.push_back(Task::card_collection);
  }
  const bool certificate_work = contains(tasks, Task::renewal) || contains(tasks, Task::issuance);
  if (pin_unknown_ && certificate_work) {
    prepend(tasks, Task::pin_reset);
    add_item(reasons, key::kWhyPinUnknown, "N-PIN-RESET");
    if (procedure == Procedure::renewal || procedure == Procedure::new_issuance) {
      procedure = Procedure::pin_reset_first;
    } else if (next == Procedure::renewal) {
      next = Procedure::pin_reset_first;
    }
  }

  // Who actually applies, under the national rules on representatives and the proxy form.
  Applicant route = s_.applicant;
  if (route == Applicant::self && (band_ == AgeBand::under_15 || s_.adult_ward)) {
    route = Applicant::legal_representative;
    add_item(warnings_, key::kWarnLegalRep, "N-LEGAL-REP");
  }
  if (route == Applicant::proxy_with_form && s_.residence == Residence::period_of_stay) {
    // N-NOTICE: no expiry notice is sent to them, so there is no form from it.
    route = Applicant::proxy_without_form;
  }
  if (route == Applicant::proxy_with_form && main != nullptr && certificate_work) {
    // The form from the notice renews certificates that are still valid, nothing else.
    if (contains(tasks, Task::issuance)) {
      route = Applicant::proxy_without_form;
      add_item(warnings_, key::kWarnProxyFormVoid, "N-PROXY-FORM");
    } else if (pin_unknown_) {
      route = Applicant::proxy_without_form;
      add_item(warnings_, key::kWarnProxyFormPins, "N-PROXY-FORM");
    }
  }
  if (route == Applicant::proxy_with_form && user_.present && !card_expired) {
    add_item(warnings_, key::kWarnProxyFormValidUntil, "N-PROXY-FORM", ObjectText().date("until", user_.expiry));
  }

  const ArrayText visits = build_visits(tasks, route, diag);
  if (!diag.ok()) return ObjectText();

  // Warnings computed from the national rules.
  if (main != nullptr && main != &card_ && main->status == Status::not_yet_renewable) {
    const Parameter* early = parameter_at("early_renewal", today_);
    if (early != nullptr && early->text == "refused") {
      ObjectText()
          .str("key", key::kWarnEarlyRefused)
          .str("rule", "N-EARLY-RENEWAL")
          .str("source", source_ref(early->source))
          .add("params", ObjectText().date("opens", main->opens))
          .append_to(warnings_);
      cite("N-EARLY-RENEWAL");
    } else {
      const auto now = new_expiry(*main, today_, card_.expiry, std::nullopt);
      const auto in_window = new_expiry(*main, main->opens, card_.expiry, std::nullopt);
      ObjectText params;
      params.date("opens", main->opens);
      if (now.expiry && in_window.expiry) {
        params.date("expiry_if_now", *now.expiry).date("expiry_if_in_window", *in_window.expiry);
      }
      // When the card caps both, renewing early costs nothing: no warning.
      if (!(now.expiry && in_window.expiry && *now.expiry == *in_window.expiry)) {
        add_item(warnings_, key::kWarnEarlyShorter, "N-EARLY-RENEWAL", params);
      }
    }
  }
  if (main != nullptr && main != &card_ && main->status != Status::expired) {
    if (s_.residence == Residence::period_of_stay) {
      add_item(warnings_, key::kWarnNoNoticeForeign, "N-NOTICE");
    } else {
      const Date from = add_months_clamped(main->expiry, -static_cast<int>(number("notice_months_before_max")));
      const Date to = add_months_clamped(main->expiry, -static_cast<int>(number("notice_months_before_min")));
      add_item(warnings_, key::kWarnNotice, "N-NOTICE", ObjectText().date("from", from).date("to", to));
    }
  }
  if (user_.present && user_.status != Status::not_yet_renewable) {
    const Date grace = end_of_nth_month_after(user_.expiry, static_cast<int>(number("health_insurance_grace_months")));
    const bool over = before(grace, today_);
    add_item(warnings_, over ? key::kWarnHealthGraceOver : key::kWarnHealthGrace, "N-HEALTH-INSURANCE",
             ObjectText().date("expiry", user_.expiry).date("until", grace));
  }
  if (!stale_examples_.empty()) {
    ArrayText ids;
    for (const auto& id : stale_examples_) ids.str(id);
    add_item(warnings_, key::kWarnStaleId, "N-STALE-ID", ObjectText().add("ids", ids));
  }
  // P-ASIDES in the ADR's order: the card, the 15th birthday, the stay (the smartphone aside comes
  // with the follow-ups, last).
  const bool stay_aside = main != nullptr && add_asides(*main, tasks);
  if (!stay_aside && s_.residence == Residence::period_of_stay && s_.stay_end && before(*s_.stay_end, card_.expiry)) {
    add_item(warnings_, key::kWarnStayEndsFirst, "N-FOREIGN-STAY", ObjectText().date("stay_end", *s_.stay_end));
  }

  // The new certificates' expiry if renewed on a given day.
  std::optional<ObjectText> new_certificate;
  const Item* anchor = main == &card_ ? &user_ : main;  // the certificate whose window sets the day
  if (anchor != nullptr && anchor->present && certificate_work) {
    const Date on =
        s_.renew_on ? *s_.renew_on
                    : (procedure == Procedure::nothing_yet && before(today_, anchor->opens) ? anchor->opens : today_);
    new_certificate = new_certificate_json(on, procedure, s_.renew_on.has_value());
  }

  // Notes.
  if (muni_ == nullptr) add_item(notes_, key::kNoteConfirmLocally, "N-OTHER-MUNICIPALITY");
  if (main != nullptr && main->strict_opens != main->opens) {
    add_item(notes_, key::kNoteSafeFrom, "N-WINDOW-STRICT",
             ObjectText().date("opens", main->opens).date("safe_from", main->strict_opens));
  }
  if (s_.birth_date && s_.birth_date->month() == date::February && s_.birth_date->day() == date::day{29} &&
      (card_.derived || user_.derived || new_certificate)) {
    add_item(notes_, key::kNoteLeap, "P-LEAP");
  }
  // N-PIN-RESET: a convenience store can reset one PIN if the holder knows the other one, and
  // only for certificates that have not expired.
  const bool sig_usable =
      signature_.present && signature_.status != Status::lapsed && signature_.status != Status::expired;
  const bool user_usable = user_.present && user_.status != Status::expired;
  const bool one_pin_known =
      sig_usable && user_usable && ((s_.signature_pin == PinStatus::known) != (s_.user_pin == PinStatus::known));
  if (pin_unknown_ && certificate_work && one_pin_known) {
    add_item(notes_, key::kNotePinConvenience, "N-PIN-RESET");
  }
  ArrayText derived;
  for (const Derived& d : derived_) {
    ObjectText()
        .str("field", d.field)
        .date("value", d.value)
        .str("key", key::kNoteDerived)
        .str("rule", d.rule)
        .str("source", d.source)
        .append_to(derived);
    ObjectText()
        .str("key", key::kNoteDerived)
        .str("rule", d.rule)
        .str("source", d.source)
        .add("params", ObjectText().str("field", d.field).date("value", d.value))
        .append_to(notes_);
  }

  // Municipality data: offices, fees, follow-ups, local notes, source age.
  // A renewal, or nothing to do before a window opens (the card's too, found by the sweep): the
  // open days are the window's.
  Scan scan{today_, add_days(today_, 365), std::nullopt, false};
  const bool in_window = contains(tasks, Task::renewal) || procedure == Procedure::nothing_yet;
  if (main != nullptr && in_window && !before(main->expiry, today_)) {
    scan.from = before(today_, main->opens) ? main->opens : today_;
    scan.until = main->expiry;
    scan.window = true;
    if (main->strict_opens != main->opens && before(scan.from, main->strict_opens)) scan.safe_from = main->strict_opens;
  }
  const ArrayText offices = build_offices(tasks, route, scan);
  ArrayText not_handling, fees, follow_ups;
  if (muni_ != nullptr) {
    for (const auto& n : muni_->not_handling) {
      add_local_item(not_handling, "name", n.id, n.name, n.source);
    }
    for (const auto& n : muni_->notes) {
      if (!n.effective.contains(today_)) continue;
      if (!meets(n.tasks, tasks, true)) continue;
      add_local_item(notes_, "text", n.id, n.text, n.source);
    }
    const long long stale_years = number("source_page_stale_years");
    for (const auto& [id, src] : muni_->sources) {
      if (src.page_date && page_stale(*src.page_date, stale_years, today_)) {
        add_item(warnings_, key::kWarnPageOld, "N-SOURCE-AGE",
                 ObjectText().str("page", src.ref).date("page_date", *src.page_date));
      }
    }
  }
  if (scan.window && calendar_computed_ && !first_day_.day) add_item(notes_, key::kNoteNoOpenDay, "N-CALENDAR");
  if (offices.empty() && offices_unavailable_.empty()) {
    // 'other', or a municipality whose page names no office for this (e.g. collecting a card).
    add_item(notes_, key::kNoteOfficesUnknown, "N-OTHER-MUNICIPALITY");
  }
  for (const RuleFile* file : {muni_, &national_}) {
    if (file == nullptr) continue;
    if (verification_stale(file->last_verified, number("last_verified_stale_days"), today_)) {
      add_item(warnings_, key::kWarnNotVerified, "N-SOURCE-AGE",
               ObjectText().str("rules", file->id).date("last_verified", file->last_verified));
    }
  }
  for_each_in_force(&RuleFile::fees, &Fee::tasks, tasks, [&](const RuleFile& file, const Fee& f) {
    ObjectText fee;
    fee.str("id", f.id)
        .add("amount_yen", f.amount_yen)
        .add("tasks", task_list_json(f.tasks))
        .str("rule", data_rule_id(file, f.id))
        .str("source", cite_data(file, f.id, f.source));
    if (!f.note.empty()) fee.add("note", f.note);
    fee.append_to(fees);
  });
  for_each_in_force(&RuleFile::follow_ups, &FollowUp::after, tasks, [&](const RuleFile& file, const FollowUp& f) {
    // P-ASIDES: a resident who said whether they use a smartphone certificate gets it as an
    // aside (yes) or not at all (no); unanswered, it stays a follow-up.
    const std::optional<bool> uses = f.id == kSmartphoneFollowUp ? s_.smartphone_certificate : std::nullopt;
    if (uses && !*uses) return;
    ObjectText item;
    if (uses) {
      item.str("key", key::kAsideSmartphone);
    } else {
      item.str("id", f.id).str("key", "followup." + f.id);
    }
    item.str("rule", data_rule_id(file, f.id))
        .str("source", cite_data(file, f.id, f.source))
        .append_to(uses ? asides_ : follow_ups);
  });
  for (const auto& rule_id : low_confidence_) {
    add_item(notes_, key::kNoteLowConfidence, rule_id);
  }

  report_missing_parameter(diag);
  if (!diag.ok()) return ObjectText();

  // The plan.
  ObjectText plan;
  if (main != nullptr) {
    ObjectText window;
    window.str("for", main_for)
        .date("expiry", main->expiry)
        .date("opens", main->opens)
        .date("closes", main->expiry)
        .str("status", kStatusNames.name(main->status))
        .add("days_until_opens", days_between(today_, main->opens))
        .add("days_until_closes", days_between(today_, main->expiry))
        .str("rule", "N-WINDOW")
        .str("source", cite("N-WINDOW"));
    if (main->strict_opens != main->opens) window.date("safe_from", main->strict_opens);
    plan.add("window", window);
  } else {
    plan.add("window", nullptr);
  }
  plan.str("procedure", kProcedureNames.name(procedure))
      .str("procedure_key", "procedure." + std::string(kProcedureNames.name(procedure)));
  if (next) plan.str("next_procedure", kProcedureNames.name(*next));
  ObjectText holder;
  if (age_) {
    holder.add("age", *age_);
  } else {
    holder.add("age", nullptr);
  }
  holder.str("age_band", kAgeBandNames.name(band_));
  plan.add("procedure_reasons", reasons)
      .add("steps", task_list_json(tasks))
      .add("holder", holder)
      .add("card", item_json(card_, "N-CARD-VALIDITY"));
  const ObjectText signature = item_json(signature_, "N-CERT-VALIDITY");
  plan.add("certificates", ObjectText().add("signature", signature).add("user", item_json(user_, "N-CERT-VALIDITY")))
      .add("applicant",
           ObjectText().str("given", kApplicantNames.name(s_.applicant)).str("route", kApplicantNames.name(route)))
      .add("visits", visits)
      .add("first_day_to_go", first_day_json(first_day_));
  if (scan.safe_from) plan.add("first_day_to_go_safe", first_day_json(first_day_safe_));
  plan.add("offices", offices)
      .add("offices_unavailable", offices_unavailable_)
      .add("offices_not_handling", not_handling)
      .add("fees", fees)
      .add("follow_ups", follow_ups)
      .add("asides", asides_)
      .add("warnings", warnings_)
      .add("notes", notes_)
      .add("derived", derived)
      .add("new_certificate", new_certificate)
      .add("trace", trace_);
  return plan;
}

// The plan's "rule_set", as JSON text.
std::string rule_set_json(const RuleFile& national, const RuleFile* muni) {
  ArrayText files;
  std::string all;
  for (const RuleFile* f : {&national, muni}) {
    if (f == nullptr) continue;
    ArrayText sources;
    for (const auto& [id, src] : f->sources) {
      ObjectText j;
      j.str("id", id).str("ref", src.ref).str("title", src.title);
      if (src.page_date) j.date("page_date", *src.page_date);
      j.append_to(sources);
    }
    ObjectText()
        .str("id", f->id)
        .str("sha256", f->hash)
        .date("last_verified", f->last_verified)
        .add("sources", sources)
        .append_to(files);
    all += f->hash;
  }
  return ObjectText().str("version", sha256_hex(all).substr(0, 16)).add("files", files).take();
}

// The errors as a document, for read_plan (a plan's text ends with errors_text's).
Json errors_json(const Diagnostics& diag) {
  Json errors = Json(Json::value_t::array);
  for (const auto& e : diag.errors()) errors.push_back(error_to_json(e));
  return errors;
}

// A plan's text as a document, for evaluate() and evaluate_text() (the CLI and the tests; the
// wasm build takes the text). The text is write_plan's: JSON with each key once, so it reads
// back; were it ever not to, the plan would say so in its errors rather than come back empty.
Json read_plan(std::string_view text) {
  Diagnostics diag;
  if (auto plan = parse_json_text(text, diag)) return std::move(*plan);
  Json plan = Json(Json::value_t::object);
  plan["format"] = "koshin-plan/1";
  plan["errors"] = errors_json(diag);
  return plan;
}

}  // namespace

const std::vector<std::string>& core_message_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out(std::begin(kAllKeys), std::end(kAllKeys));
    for (const auto& n : kStatusNames.names) out.push_back("status." + std::string(n.first));
    for (const auto& n : kProcedureNames.names) out.push_back("procedure." + std::string(n.first));
    return out;
  }();
  return keys;
}

bool Engine::load_national(std::string_view text, Diagnostics& diag) {
  auto file = load_rule_file(text, nullptr, diag);
  if (file == nullptr) return false;
  if (!file->national) {
    diag.add("unknown_value", "/kind", "\"national\"");
    return false;
  }
  national_ = std::move(file);
  // Every rule set names the national file: all of them change with it.
  rule_sets_.clear();
  rule_sets_[""] = rule_set_json(*national_, nullptr);
  for (const auto& [id, muni] : municipalities_) rule_sets_[id] = rule_set_json(*national_, muni.get());
  return true;
}

bool Engine::load_municipality(std::string_view text, Diagnostics& diag) {
  if (national_ == nullptr) {
    diag.add("national_required", "", "the national rule file loaded first");
    return false;
  }
  auto file = load_rule_file(text, national_.get(), diag);
  if (file == nullptr) return false;
  if (file->national) {
    diag.add("unknown_value", "/kind", "\"municipality\"");
    return false;
  }
  const std::string id = file->id;
  rule_sets_[id] = rule_set_json(*national_, file.get());
  municipalities_[id] = std::move(file);
  return true;
}

const RuleFile* Engine::municipality(const std::string& id) const {
  const auto it = municipalities_.find(id);
  return it == municipalities_.end() ? nullptr : it->second.get();
}

std::vector<std::string> Engine::municipality_ids() const {
  std::vector<std::string> ids;
  for (const auto& [id, file] : municipalities_) ids.push_back(id);
  return ids;
}

namespace {

// The plan up to its rule set: the answer when the situation is valid, else only the format.
// `muni` is the municipality's rules, if the situation names a known one (even with errors).
ObjectText answer(const Engine& engine, const Json* situation, const RuleFile*& muni, Diagnostics& diag) {
  ObjectText plan;
  plan.str("format", "koshin-plan/1");
  if (situation == nullptr) return plan;  // not JSON: diag says why
  if (!engine.ready()) {
    diag.add("rules_not_loaded", "", "the national rule file loaded first");
  }
  Situation s;
  if (diag.ok()) s = parse_situation(*situation, diag);
  // Checked even when other fields have errors, so that every mistake is reported at once.
  if (s.municipality_read && s.municipality != "other") {
    muni = engine.municipality(s.municipality);
    if (muni == nullptr) {
      std::string expected = "one of: other";
      for (const auto& id : engine.municipality_ids()) expected += " " + id;
      diag.add("unknown_municipality", "/municipality", expected);
    }
  }
  ObjectText body;
  if (diag.ok()) {
    Evaluation evaluation(*engine.national(), muni, s);
    body = evaluation.run(diag);
  }
  if (diag.ok()) {
    plan.date("today", s.today);
    ObjectText municipality;
    municipality.str("id", s.municipality).add("national_only", muni == nullptr);
    if (muni != nullptr) text_or_null(municipality.add("name", muni->name), "url", muni->url);
    plan.add("municipality", municipality).merge(body);
  }
  return plan;
}

}  // namespace

Json Engine::evaluate(const Json& situation) const {
  Diagnostics diag;
  return read_plan(write_plan(&situation, diag));
}

Json Engine::evaluate_text(std::string_view situation_json) const {
  Diagnostics diag;
  const auto parsed = parse_json_text(situation_json, diag);
  return read_plan(write_plan(parsed ? &*parsed : nullptr, diag));
}

std::string Engine::evaluate_to_json(std::string_view situation_json) const {
  Diagnostics diag;
  const auto parsed = parse_json_text(situation_json, diag);
  return write_plan(parsed ? &*parsed : nullptr, diag);
}

std::string Engine::write_plan(const Json* situation, Diagnostics& diag) const {
  const RuleFile* muni = nullptr;
  ObjectText plan = answer(*this, situation, muni, diag);
  // The rule set was written once, at load.
  const auto rule_set = rule_sets_.find(muni == nullptr ? std::string() : muni->id);
  if (rule_set != rule_sets_.end()) plan.add_json("rule_set", rule_set->second);
  return plan.add_json("errors", errors_text(diag)).take();
}

}  // namespace koshin
