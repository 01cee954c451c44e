// Loading a rule file: checked reads into typed structs, then cross-reference checks.
#include <algorithm>
#include <set>
#include <utility>

#include "koshin/calendar.hpp"
#include "koshin/json_text.hpp"
#include "koshin/rules.hpp"
#include "koshin/sha256.hpp"

namespace koshin {

const EnumNames<Applicant> kApplicantNames{{{"self", Applicant::self},
                                            {"legal_representative", Applicant::legal_representative},
                                            {"proxy_with_form", Applicant::proxy_with_form},
                                            {"proxy_without_form", Applicant::proxy_without_form}}};
const EnumNames<Task> kTaskNames{{{"renewal", Task::renewal},
                                  {"issuance", Task::issuance},
                                  {"pin_reset", Task::pin_reset},
                                  {"card_application", Task::card_application},
                                  {"card_collection", Task::card_collection},
                                  {"card_validity_change", Task::card_validity_change}}};
const EnumNames<HolderClass> kHolderClassNames{{{"any", HolderClass::any},
                                                {"under_15", HolderClass::under_15},
                                                {"15_17", HolderClass::age_15_17},
                                                {"minor", HolderClass::minor},
                                                {"adult", HolderClass::adult},
                                                {"adult_ward", HolderClass::adult_ward}}};
const EnumNames<Person> kPersonNames{{{"holder", Person::holder},
                                      {"representative", Person::representative},
                                      {"proxy", Person::proxy},
                                      {"applicant", Person::applicant}}};
const EnumNames<DocCategory> kDocCategoryNames{{{"card", DocCategory::card},
                                                {"identity", DocCategory::identity},
                                                {"form", DocCategory::form},
                                                {"proof", DocCategory::proof},
                                                {"notice", DocCategory::notice}}};
const EnumNames<Reservation> kReservationNames{{{"unknown", Reservation::unknown},
                                                {"required", Reservation::required},
                                                {"recommended", Reservation::recommended},
                                                {"not_taken", Reservation::not_taken}}};
const EnumNames<StepKind> kStepKindNames{{{"phone_request", StepKind::phone_request},
                                          {"wait_for_mail", StepKind::wait_for_mail},
                                          {"apply_for_card", StepKind::apply_for_card},
                                          {"wait_for_card", StepKind::wait_for_card},
                                          {"reservation", StepKind::reservation}}};
const EnumNames<ScheduleKind> kScheduleKindNames{{{"weekly", ScheduleKind::weekly},
                                                  {"nth_weekday", ScheduleKind::nth_weekday},
                                                  {"announced", ScheduleKind::announced}}};
const EnumNames<Confidence> kConfidenceNames{
    {{"H", Confidence::high}, {"M", Confidence::medium}, {"L", Confidence::low}, {"policy", Confidence::policy}}};
const EnumNames<Condition> kConditionNames{{{"pin_unknown", Condition::pin_unknown},
                                            {"pins_known", Condition::pins_known},
                                            {"holder_under_15", Condition::holder_under_15},
                                            {"holder_minor", Condition::holder_minor},
                                            {"holder_adult_ward", Condition::holder_adult_ward},
                                            {"family_register_in_city", Condition::family_register_in_city},
                                            {"same_household_parent", Condition::same_household_parent},
                                            {"same_household", Condition::same_household},
                                            {"with_move_notification", Condition::with_move_notification},
                                            {"foreign_period_of_stay", Condition::foreign_period_of_stay}}};
namespace {
const EnumNames<unsigned> kWeekdayNames{
    {{"sun", 0u}, {"mon", 1u}, {"tue", 2u}, {"wed", 3u}, {"thu", 4u}, {"fri", 5u}, {"sat", 6u}}};
}  // namespace

const std::initializer_list<ParameterSpec>& parameter_specs() {
  static const std::initializer_list<ParameterSpec> specs = {
      {"window_months", {}, 1, 12, true},
      {"cert_validity_birthdays", {}, 1, 10, true},
      {"cert_renewal_birthdays", {}, 1, 10, true},
      {"card_validity_birthdays_adult", {}, 1, 20, true},
      {"card_validity_birthdays_minor", {}, 1, 20, true},
      {"card_adult_age", {}, 15, 25, true},
      {"card_age_ambiguity_months", {}, 0, 24, true},
      {"notice_months_before_min", {}, 0, 12, true},
      {"notice_months_before_max", {}, 0, 12, true},
      {"health_insurance_grace_months", {}, 0, 12, true},
      {"source_page_stale_years", {}, 1, 20, true},
      {"last_verified_stale_days", {}, 1, 3650, true},
      {"early_renewal", {"allowed_shorter", "refused"}, 0, 0, true},
      // P-ASIDES: a card ending no later than this many months after the certificates is mentioned.
      {"card_soon_months", {}, 1, 24, true},
      // Face-authentication cards exist from the date this value takes effect.
      {"face_auth_cards", {"available"}, 0, 0, false},
  };
  return specs;
}

const std::initializer_list<std::string_view>& core_rule_ids() {
  static const std::initializer_list<std::string_view> ids = {"N-CERT-VALIDITY",
                                                              "N-CERT-CAP",
                                                              "N-WINDOW",
                                                              "N-WINDOW-STRICT",
                                                              "N-AFTER-EXPIRY",
                                                              "N-RENEWAL-CARRYOVER",
                                                              "N-EARLY-RENEWAL",
                                                              "N-CARD-VALIDITY",
                                                              "N-CARD-SAME-EXPIRY",
                                                              "N-CARD-EXPIRED",
                                                              "N-NO-SIGNATURE",
                                                              "N-LAPSE-ON-CHANGE",
                                                              "N-FOREIGN-STAY",
                                                              "N-NOTICE",
                                                              "N-PROXY-FORM",
                                                              "N-PIN-RESET",
                                                              "N-LEGAL-REP",
                                                              "N-HEALTH-INSURANCE",
                                                              "N-STALE-ID",
                                                              "N-OTHER-MUNICIPALITY",
                                                              "N-NATIONAL-FALLBACK",
                                                              "N-DERIVED",
                                                              "P-LEAP",
                                                              "N-SOURCE-AGE",
                                                              "N-CALENDAR",
                                                              "N-MAINTENANCE"};
  return ids;
}

bool Effective::contains(Date d) const {
  const auto day = date::sys_days{d};
  if (from && day < date::sys_days{*from}) return false;
  if (until && day > date::sys_days{*until}) return false;
  return true;
}

bool Effective::overlaps(const Effective& other) const {
  const auto lo_a = from ? date::sys_days{*from} : date::sys_days::min();
  const auto hi_a = until ? date::sys_days{*until} : date::sys_days::max();
  const auto lo_b = other.from ? date::sys_days{*other.from} : date::sys_days::min();
  const auto hi_b = other.until ? date::sys_days{*other.until} : date::sys_days::max();
  return lo_a <= hi_b && lo_b <= hi_a;
}

const Source* RuleFile::find_source(const std::string& wanted) const {
  const auto it = sources.find(wanted);
  return it == sources.end() ? nullptr : &it->second;
}

const DocumentDef* RuleFile::find_document(const std::string& wanted) const {
  for (const auto& d : documents) {
    if (d.id == wanted) return &d;
  }
  return nullptr;
}

const IdType* RuleFile::find_id_type(const std::string& wanted) const {
  for (const auto& t : id_types) {
    if (t.id == wanted) return &t;
  }
  return nullptr;
}

const CoreRule* RuleFile::find_core_rule(std::string_view wanted) const {
  for (const auto& r : core_rules) {
    if (r.id == wanted) return &r;
  }
  return nullptr;
}

namespace {

bool valid_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || (c >= 'A' && c <= 'Z');
    if (!ok) return false;
  }
  return true;
}

bool valid_hhmm(const std::string& s) {
  if (s.size() != 5 || s[2] != ':') return false;
  for (int i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  return h <= 23 && m <= 59;
}

// Reads the pieces every rule file shares; holds the file being built for cross-references.
class Loader {
 public:
  Loader(Diagnostics& diag, RuleFile& file, const RuleFile* national) : diag_(diag), file_(file), national_(national) {}

  // id(), local_text(), enum_list() and source() fill a field of the struct being built (empty
  // before) in place: returning the value cost a move and a destructor at each call site.
  void id(ObjectReader& r, const char* key, std::string& out) {
    auto s = r.string(key, true);
    if (!s) return;
    if (!valid_id(*s)) {
      diag_.add("invalid_id", r.child(key), "letters, digits, '_', '-' or '.', at most 64");
      return;
    }
    out = *s;
  }

  void local_text(ObjectReader& r, const char* key, bool required, LocalText& out) {
    const Json* v = r.get(key, required);
    if (v == nullptr) return;
    const std::string ptr = r.child(key);
    if (!v->is_object()) {
      diag_.add("wrong_type", ptr, "object of language tag -> text, with \"ja\"");
      return;
    }
    for (const auto& item : v->items()) {
      if (auto s = read_string(item.value(), pointer_append(ptr, item.key()), diag_)) {
        if (s->empty()) {
          diag_.add("empty_text", pointer_append(ptr, item.key()), "non-empty text");
        }
        out[item.key()] = *s;
      }
    }
    if (out.find("ja") == out.end()) diag_.add("missing_field", pointer_append(ptr, "ja"), "Japanese text");
  }

  template <class E>
  void enum_list(ObjectReader& r, const char* key, bool required, const EnumNames<E>& names, std::vector<E>& out) {
    for (const auto& [value, ptr] : r.array(key, required)) {
      auto s = read_string(*value, ptr, diag_);
      if (!s) continue;
      if (auto e = names.find(*s)) {
        out.push_back(*e);
      } else {
        diag_.add("unknown_value", ptr, names.expected());
      }
    }
  }

  std::vector<std::string> string_list(ObjectReader& r, const char* key) {
    std::vector<std::string> out;
    for (const auto& [value, ptr] : r.array(key, false)) {
      if (auto s = read_string(*value, ptr, diag_)) out.push_back(*s);
    }
    return out;
  }

  Effective effective(ObjectReader& parent) {
    ObjectReader r = parent.object("effective", false);
    if (!r.valid()) return Effective{};
    Effective e = date_span(r, false);
    r.finish();
    return e;
  }

  // "from" and "until" of `r`, inclusive: an effective period (each optional) or a closure (both required).
  Effective date_span(ObjectReader& r, bool required) {
    Effective e;
    e.from = r.date("from", required);
    e.until = r.date("until", required);
    if (e.from && e.until && date::sys_days{*e.until} < date::sys_days{*e.from}) {
      diag_.add("invalid_range", r.child("until"), "a date on or after \"from\"");
    }
    return e;
  }

  // A source id, which must name a source of this file or of the national file.
  void source(ObjectReader& r, bool required, std::string& out) {
    auto s = r.string("source", required);
    if (!s) return;
    if (file_.find_source(*s) == nullptr && (national_ == nullptr || national_->find_source(*s) == nullptr)) {
      diag_.add("unknown_source", r.child("source"), "an id from \"sources\"");
    }
    out = *s;
  }

  const DocumentDef* document(const std::string& id) const {
    if (const auto* d = file_.find_document(id)) return d;
    return national_ != nullptr ? national_->find_document(id) : nullptr;
  }

  const IdType* id_type(const std::string& id) const {
    if (const auto* t = file_.find_id_type(id)) return t;
    return national_ != nullptr ? national_->find_id_type(id) : nullptr;
  }

  void sources(ObjectReader& top) {
    const Json* obj = top.get("sources", true);
    ObjectReader r(obj, top.child("sources"), diag_);
    if (!r.valid()) return;
    for (const auto& item : obj->items()) {
      if (item.key() == "$comment") continue;
      ObjectReader s(r.get(item.key(), true), r.child(item.key()), diag_);
      if (!s.valid()) continue;
      Source src;
      src.id = item.key();
      if (auto ref = s.string("ref", true)) {
        src.ref = *ref;
        if (src.ref.empty()) diag_.add("empty_text", s.child("ref"), "a URL or a seed file name");
      }
      if (auto t = s.string("title", false)) src.title = *t;
      src.page_date = s.date("page_date", false);
      s.finish();
      file_.sources[item.key()] = std::move(src);
    }
    r.finish();
  }

  void core_rules(ObjectReader& top) {
    for (const auto& [value, ptr] : top.array("core_rules", file_.national)) {
      ObjectReader r(value, ptr, diag_);
      if (!r.valid()) continue;
      CoreRule rule;
      id(r, "id", rule.id);
      if (std::find(core_rule_ids().begin(), core_rule_ids().end(), rule.id) == core_rule_ids().end()) {
        diag_.add("unknown_rule", r.child("id"), "a rule id the core implements");
      }
      for (const auto& [sv, sptr] : r.array("sources", true)) {
        if (auto s = read_string(*sv, sptr, diag_)) {
          if (file_.find_source(*s) == nullptr) diag_.add("unknown_source", sptr, "an id from \"sources\"");
          rule.sources.push_back(*s);
        }
      }
      if (rule.sources.empty()) diag_.add("missing_source", r.child("sources"), "at least one source");
      if (auto c = r.enumeration("confidence", true, kConfidenceNames)) rule.confidence = *c;
      r.finish();
      if (file_.find_core_rule(rule.id) != nullptr) diag_.add("duplicate_id", r.child("id"), "a unique id");
      file_.core_rules.push_back(std::move(rule));
    }
    if (file_.national) {
      for (auto rid : core_rule_ids()) {
        if (file_.find_core_rule(rid) == nullptr) {
          diag_.add("missing_rule", "/core_rules", "an entry for " + std::string(rid));
        }
      }
    }
  }

  void parameters(ObjectReader& top) {
    const Json* obj = top.get("parameters", file_.national);
    ObjectReader r(obj, top.child("parameters"), diag_);
    if (!r.valid()) return;
    for (const auto& item : obj->items()) {
      if (item.key() == "$comment") continue;
      const auto spec = std::find_if(parameter_specs().begin(), parameter_specs().end(),
                                     [&](const ParameterSpec& s) { return s.name == item.key(); });
      if (spec == parameter_specs().end()) continue;  // reported by finish()
      auto& values = file_.parameters[item.key()];
      for (const auto& [value, ptr] : r.array(item.key(), true)) {
        ObjectReader p(value, ptr, diag_);
        if (!p.valid()) continue;
        Parameter param;
        if (spec->values.size() != 0) {
          if (auto text = p.string("value", true)) {
            if (std::find(spec->values.begin(), spec->values.end(), *text) == spec->values.end()) {
              std::string expected = "one of:";
              for (auto v : spec->values) expected += " " + std::string(v);
              diag_.add("unknown_value", p.child("value"), expected);
            }
            param.text = *text;
          }
        } else if (auto n = p.integer("value", true, spec->min, spec->max)) {
          param.number = *n;
        }
        param.effective = effective(p);
        source(p, true, param.source);
        p.finish();
        for (const auto& other : values) {
          if (other.effective.overlaps(param.effective)) {
            diag_.add("overlapping_effective", p.child("effective"), "dates that do not overlap another value");
          }
        }
        values.push_back(std::move(param));
      }
    }
    r.finish();
    if (file_.national) {
      for (const auto& spec : parameter_specs()) {
        if (spec.required_nationally && file_.parameters.count(std::string(spec.name)) == 0) {
          diag_.add("missing_field", pointer_append("/parameters", spec.name), "a value for this parameter");
        }
      }
    }
  }

  void id_types(ObjectReader& top) {
    for (const auto& [value, ptr] : top.array("id_types", false)) {
      ObjectReader r(value, ptr, diag_);
      if (!r.valid()) continue;
      IdType t;
      id(r, "id", t.id);
      if (auto p = r.boolean("photo", true)) t.photo = *p;
      ObjectReader acc = r.object("accepted", false);
      if (acc.valid()) {
        t.accepted.from = acc.date("from", false);
        t.accepted.until = acc.date("until", false);
        acc.finish();
      }
      source(r, true, t.source);
      r.finish();
      if (id_type(t.id) != nullptr) diag_.add("duplicate_id", r.child("id"), "a unique id");
      file_.id_types.push_back(std::move(t));
    }
  }

  void documents(ObjectReader& top) {
    for (const auto& [value, ptr] : top.array("documents", false)) {
      ObjectReader r(value, ptr, diag_);
      if (!r.valid()) continue;
      DocumentDef d;
      id(r, "id", d.id);
      if (auto p = r.enumeration("person", true, kPersonNames)) d.person = *p;
      if (auto c = r.enumeration("category", true, kDocCategoryNames)) d.category = *c;
      local_text(r, "name", !file_.national, d.name);
      source(r, true, d.source);
      r.finish();
      if (!d.id.empty() && document(d.id) != nullptr) diag_.add("duplicate_id", r.child("id"), "a unique id");
      file_.documents.push_back(std::move(d));
    }
  }

  void offices(ObjectReader& top) {
    for (const auto& [value, ptr] : top.array("offices", false)) {
      ObjectReader r(value, ptr, diag_);
      if (!r.valid()) continue;
      Office o;
      id(r, "id", o.id);
      local_text(r, "name", true, o.name);
      local_text(r, "address", false, o.address);
      if (auto s = r.string("phone", false)) o.phone = *s;
      if (auto s = r.string("url", false)) o.url = *s;
      enum_list(r, "tasks", false, kTaskNames, o.tasks);
      enum_list(r, "applicants", false, kApplicantNames, o.applicants);
      for (const auto& [sv, sptr] : r.array("schedule", true)) {
        if (o.schedule.size() == kMaxScheduleEntries) {
          diag_.add("out_of_range", sptr, "at most 32 schedule entries per office");
          break;
        }
        o.schedule.push_back(schedule_entry(sv, sptr));
      }
      for (const auto& [cv, cptr] : r.array("closures", false)) {
        ObjectReader c(cv, cptr, diag_);
        if (!c.valid()) continue;
        OfficeClosure closure;
        closure.dates = date_span(c, true);
        local_text(c, "note", false, closure.note);
        source(c, true, closure.source);
        c.finish();
        o.closures.push_back(std::move(closure));
      }
      if (auto b = r.boolean("closed_on_holidays", false)) o.closed_on_holidays = *b;
      if (auto b = r.boolean("closed_year_end", false)) o.closed_year_end = *b;
      local_text(r, "note", false, o.note);
      source(r, true, o.source);
      o.effective = effective(r);
      r.finish();
      for (const auto& other : file_.offices) {
        if (other.id == o.id) diag_.add("duplicate_id", r.child("id"), "a unique id");
      }
      file_.offices.push_back(std::move(o));
    }
  }

  ScheduleEntry schedule_entry(const Json* value, const std::string& ptr) {
    ScheduleEntry e;
    ObjectReader r(value, ptr, diag_);
    if (!r.valid()) return e;
    const auto kind = r.enumeration("kind", true, kScheduleKindNames);
    if (kind) e.kind = *kind;
    if (!kind) {  // the kind is the error: the fields that depend on it are neither required nor unknown
      for (const char* key : {"weekdays", "nth", "dates"}) r.get(key, false);
    } else if (e.kind == ScheduleKind::weekly) {
      enum_list(r, "weekdays", true, kWeekdayNames, e.weekdays);
    } else if (e.kind == ScheduleKind::nth_weekday) {
      enum_list(r, "weekdays", true, kWeekdayNames, e.weekdays);
      for (const auto& [nv, nptr] : r.array("nth", true)) {
        if (nv->is_number_integer() && nv->get<long long>() >= 1 && nv->get<long long>() <= 5) {
          e.nth.push_back(static_cast<int>(nv->get<long long>()));
        } else {
          diag_.add("out_of_range", nptr, "integer from 1 to 5");
        }
      }
    }
    for (const auto& [hv, hptr] : r.array("hours", false)) {
      ObjectReader h(hv, hptr, diag_);
      if (!h.valid()) continue;
      Hours hours;
      for (auto [key, field] : {std::pair<const char*, std::string*>{"open", &hours.open}, {"close", &hours.close}}) {
        if (auto s = h.string(key, true)) {
          if (valid_hhmm(*s)) {
            *field = *s;
          } else {
            diag_.add("invalid_time", h.child(key), "time HH:MM");
          }
        }
      }
      if (!hours.open.empty() && !hours.close.empty() && hours.close <= hours.open) {
        diag_.add("invalid_range", h.child("close"), "a time after \"open\"");
      }
      h.finish();
      e.hours.push_back(std::move(hours));
    }
    if (kind && e.kind == ScheduleKind::announced) {
      for (const auto& [dv, dptr] : r.array("dates", false)) {
        const auto d = read_date(*dv, dptr, diag_);
        if (!d) continue;
        if (std::find(e.dates.begin(), e.dates.end(), *d) != e.dates.end()) {
          diag_.add("duplicate_id", dptr, "a date not listed before");
        }
        e.dates.push_back(*d);
      }
    }
    if (auto res = r.enumeration("reservation", false, kReservationNames)) e.reservation = *res;
    enum_list(r, "requires", false, kConditionNames, e.requires);
    enum_list(r, "tasks", false, kTaskNames, e.tasks);
    local_text(r, "note", false, e.note);
    source(r, true, e.source);
    e.effective = effective(r);
    r.finish();
    return e;
  }

  DocItem doc_item(const Json* value, const std::string& ptr) {
    DocItem item;
    ObjectReader r(value, ptr, diag_);
    if (!r.valid()) return item;
    id(r, "doc", item.doc);
    if (!item.doc.empty() && document(item.doc) == nullptr) {
      diag_.add("unknown_document", r.child("doc"), "a document id from \"documents\"");
    }
    for (const auto& [av, aptr] : r.array("alternatives", false)) {
      if (auto s = read_string(*av, aptr, diag_)) {
        if (document(*s) == nullptr) diag_.add("unknown_document", aptr, "a document id from \"documents\"");
        item.alternatives.push_back(*s);
      }
    }
    enum_list(r, "when", false, kConditionNames, item.when);
    enum_list(r, "waived_if", false, kConditionNames, item.waived_if);
    for (const auto& [ev, eptr] : r.array("examples", false)) {
      if (auto s = read_string(*ev, eptr, diag_)) {
        if (id_type(*s) == nullptr) diag_.add("unknown_id_type", eptr, "an id from \"id_types\"");
        item.examples.push_back(*s);
      }
    }
    if (auto n = r.integer("issued_within_months", false, 1, 24)) item.issued_within_months = static_cast<int>(*n);
    local_text(r, "note", false, item.note);
    source(r, false, item.source);
    r.finish();
    return item;
  }

  void requirements(ObjectReader& top) {
    for (const auto& [value, ptr] : top.array("requirements", file_.national)) {
      ObjectReader r(value, ptr, diag_);
      if (!r.valid()) continue;
      Requirement q;
      id(r, "id", q.id);
      enum_list(r, "tasks", true, kTaskNames, q.tasks);
      enum_list(r, "applicants", true, kApplicantNames, q.applicants);
      enum_list(r, "holders", false, kHolderClassNames, q.holders);
      if (q.holders.empty()) q.holders.push_back(HolderClass::any);
      enum_list(r, "when", false, kConditionNames, q.when);
      if (auto b = r.boolean("same_day", true)) q.same_day = *b;
      if (auto b = r.boolean("holder_must_attend", false)) q.holder_must_attend = *b;
      for (const auto& [vv, vptr] : r.array("visits", true)) {
        ObjectReader v(vv, vptr, diag_);
        if (!v.valid()) continue;
        Visit visit;
        enum_list(v, "tasks", false, kTaskNames, visit.tasks);
        for (std::size_t ti = 0; ti < visit.tasks.size(); ++ti) {
          if (std::find(q.tasks.begin(), q.tasks.end(), visit.tasks[ti]) == q.tasks.end()) {
            diag_.add("unknown_value", pointer_append(v.child("tasks"), ti), "one of the requirement's tasks");
          }
        }
        for (const auto& [sv, sptr] : v.array("before", false)) {
          ObjectReader s(sv, sptr, diag_);
          if (!s.valid()) continue;
          Step step;
          if (auto k = s.enumeration("kind", true, kStepKindNames)) step.kind = *k;
          if (auto p = s.string("phone", step.kind == StepKind::phone_request)) step.phone = *p;
          local_text(s, "note", false, step.note);
          s.finish();
          visit.before.push_back(std::move(step));
        }
        for (const auto& [dv, dptr] : v.array("documents", true)) visit.documents.push_back(doc_item(dv, dptr));
        for (const auto& [ov, optr] : v.array("offices", false)) {
          if (auto s = read_string(*ov, optr, diag_)) {
            const bool known =
                std::any_of(file_.offices.begin(), file_.offices.end(), [&](const Office& o) { return o.id == *s; });
            if (!known) diag_.add("unknown_office", optr, "an id from \"offices\"");
            visit.offices.push_back(*s);
          }
        }
        if (auto b = v.boolean("page_silent", false)) visit.page_silent = *b;
        local_text(v, "note", false, visit.note);
        v.finish();
        q.visits.push_back(std::move(visit));
      }
      if (q.visits.empty()) diag_.add("missing_field", r.child("visits"), "at least one visit");
      source(r, true, q.source);
      q.effective = effective(r);
      r.finish();
      check_requirement_overlap(q, r.pointer());
      file_.requirements.push_back(std::move(q));
    }
  }

  void check_requirement_overlap(const Requirement& q, const std::string& ptr) {
    auto shares = [](const auto& a, const auto& b) {
      return std::any_of(a.begin(), a.end(), [&](auto x) { return std::find(b.begin(), b.end(), x) != b.end(); });
    };
    for (const auto& other : file_.requirements) {
      if (other.id == q.id) diag_.add("duplicate_id", pointer_append(ptr, "id"), "a unique id");
      if (shares(other.tasks, q.tasks) && shares(other.applicants, q.applicants) && shares(other.holders, q.holders) &&
          other.when == q.when && other.effective.overlaps(q.effective)) {
        diag_.add(
            "overlapping_rules", ptr,
            "no other requirement (here: " + other.id + ") for the same task, applicant and holder at the same dates");
      }
    }
  }

  void not_handling(ObjectReader& top) {
    for (const auto& [value, ptr] : top.array("not_handling", false)) {
      ObjectReader r(value, ptr, diag_);
      if (!r.valid()) continue;
      NotHandling n;
      id(r, "id", n.id);
      local_text(r, "name", true, n.name);
      source(r, true, n.source);
      r.finish();
      file_.not_handling.push_back(std::move(n));
    }
  }

  void fees(ObjectReader& top) {
    for (const auto& [value, ptr] : top.array("fees", false)) {
      ObjectReader r(value, ptr, diag_);
      if (!r.valid()) continue;
      Fee f;
      id(r, "id", f.id);
      enum_list(r, "tasks", true, kTaskNames, f.tasks);
      if (auto n = r.integer("amount_yen", true, 0, 100000)) f.amount_yen = *n;
      local_text(r, "note", false, f.note);
      source(r, true, f.source);
      f.effective = effective(r);
      r.finish();
      file_.fees.push_back(std::move(f));
    }
  }

  void follow_ups(ObjectReader& top) {
    for (const auto& [value, ptr] : top.array("follow_ups", false)) {
      ObjectReader r(value, ptr, diag_);
      if (!r.valid()) continue;
      FollowUp f;
      id(r, "id", f.id);
      enum_list(r, "after", true, kTaskNames, f.after);
      source(r, true, f.source);
      f.effective = effective(r);
      r.finish();
      file_.follow_ups.push_back(std::move(f));
    }
  }

  // National: the days certificate work stops everywhere.
  void calendar(ObjectReader& top) {
    ObjectReader cal = top.object("calendar", true);
    if (!cal.valid()) return;
    for (const auto& [value, ptr] : cal.array("maintenance", true)) {
      ObjectReader r(value, ptr, diag_);
      if (!r.valid()) continue;
      MaintenanceDay m;
      if (auto rule = r.string("rule", true); rule && *rule != "sunday_after_third_saturday") {
        diag_.add("unknown_value", r.child("rule"), "\"sunday_after_third_saturday\"");
      }
      enum_list(r, "tasks", true, kTaskNames, m.tasks);
      source(r, true, m.source);
      m.effective = effective(r);
      r.finish();
      for (const auto& other : file_.maintenance) {
        if (other.effective.overlaps(m.effective)) {
          diag_.add("overlapping_effective", r.child("effective"), "dates that do not overlap another value");
        }
      }
      file_.maintenance.push_back(std::move(m));
    }
    cal.finish();
  }

  void notes(ObjectReader& top) {
    for (const auto& [value, ptr] : top.array("notes", false)) {
      ObjectReader r(value, ptr, diag_);
      if (!r.valid()) continue;
      LocalNote n;
      id(r, "id", n.id);
      local_text(r, "text", true, n.text);
      enum_list(r, "tasks", false, kTaskNames, n.tasks);
      source(r, true, n.source);
      n.effective = effective(r);
      r.finish();
      file_.notes.push_back(std::move(n));
    }
  }

 private:
  Diagnostics& diag_;
  RuleFile& file_;
  const RuleFile* national_;
};

// The national file must answer every case the evaluator can ask about (so a municipality can
// leave anything out), and its parameters must hold on every day from 2016 to 2099.
void check_national_complete(const RuleFile& file, Diagnostics& diag) {
  struct Profile {
    const char* name;
    std::initializer_list<HolderClass> classes;  // a constant table, nothing built at run time
    bool adult_non_ward;
  };
  static const Profile profiles[] = {
      {"adult", {HolderClass::any, HolderClass::adult}, true},
      {"under_15", {HolderClass::any, HolderClass::under_15, HolderClass::minor}, false},
      {"15_17", {HolderClass::any, HolderClass::age_15_17, HolderClass::minor}, false},
      {"adult_ward", {HolderClass::any, HolderClass::adult, HolderClass::adult_ward}, false}};
  // Plain loop variables, not structured bindings: clang 14 (emscripten) cannot capture those.
  for (const auto& task_entry : kTaskNames.names) {
    const Task task = task_entry.second;
    for (const auto& applicant_entry : kApplicantNames.names) {
      const Applicant applicant = applicant_entry.second;
      // The form from the notice only renews; issuance and PIN resets go the two-visit way.
      if (applicant == Applicant::proxy_with_form && (task == Task::issuance || task == Task::pin_reset)) continue;
      for (const auto& profile : profiles) {
        if (applicant == Applicant::legal_representative && profile.adult_non_ward) continue;
        const bool covered = std::any_of(file.requirements.begin(), file.requirements.end(), [&](const Requirement& q) {
          return q.when.empty() && std::find(q.tasks.begin(), q.tasks.end(), task) != q.tasks.end() &&
                 std::find(q.applicants.begin(), q.applicants.end(), applicant) != q.applicants.end() &&
                 std::any_of(q.holders.begin(), q.holders.end(), [&](HolderClass h) {
                   return std::find(profile.classes.begin(), profile.classes.end(), h) != profile.classes.end();
                 });
        });
        if (!covered) {
          // Appended piece by piece: each `+` made (and destroyed) a temporary string.
          std::string expected = "a requirement for task ";
          expected += task_entry.first;
          expected += ", applicant ";
          expected += applicant_entry.first;
          expected += " and a holder ";
          expected += profile.name;
          diag.add("rules_incomplete", "/requirements", std::move(expected));
        }
      }
    }
  }
  const Date first{date::year{2016}, date::January, date::day{1}};
  const Date last{date::year{2099}, date::December, date::day{31}};
  for (const auto& spec : parameter_specs()) {
    if (!spec.required_nationally) continue;
    const auto it = file.parameters.find(std::string(spec.name));
    if (it == file.parameters.end()) continue;  // reported as missing_field
    // The end of the run of days covered from `first` on: extend it by any value that starts
    // on or before the first uncovered day, until none does (no sort: a few values only).
    date::sys_days need = date::sys_days{first};  // the first day not yet covered
    for (bool extended = true; extended && need <= date::sys_days{last};) {
      extended = false;
      for (const auto& p : it->second) {
        const Effective& e = p.effective;
        if (e.from && date::sys_days{*e.from} > need) continue;
        const date::sys_days end =
            e.until ? date::sys_days{*e.until} + date::days{1} : date::sys_days{last} + date::days{1};
        if (end > need) {
          need = end;
          extended = true;
        }
      }
    }
    if (need <= date::sys_days{last}) {
      diag.add("parameter_gap", pointer_append("/parameters", spec.name),
               "values for every day from 2016-01-01 to 2099-12-31 (none on " + format_iso_date(Date{need}) + ")");
    }
  }
}

}  // namespace

const Parameter* parameter_in_force(const RuleFile* muni, const RuleFile& national, const char* name, Date on) {
  const std::string wanted = name;
  for (const RuleFile* file : {muni, &national}) {
    if (file == nullptr) continue;
    const auto it = file->parameters.find(wanted);
    if (it == file->parameters.end()) continue;
    for (const auto& p : it->second) {
      if (p.effective.contains(on)) return &p;
    }
  }
  return nullptr;
}

bool shares_task(const std::vector<Task>& a, const std::vector<Task>& b) {
  return std::any_of(a.begin(), a.end(), [&](Task t) { return std::find(b.begin(), b.end(), t) != b.end(); });
}

bool verification_stale(Date last_verified, long long days, Date today) {
  return before(add_days(last_verified, static_cast<int>(days)), today);
}

bool page_stale(Date page_date, long long years, Date today) {
  return before(add_months_clamped(page_date, static_cast<int>(12 * years)), today);
}

std::vector<Error> rule_file_warnings(const RuleFile& file, const RuleFile& national, Date today) {
  Diagnostics diag;
  const Parameter* days = parameter_in_force(&file, national, "last_verified_stale_days", today);
  if (days != nullptr && verification_stale(file.last_verified, days->number, today)) {
    diag.add("last_verified_stale", "/last_verified",
             "a check against the sources within " + std::to_string(days->number) +
                 " days (last: " + format_iso_date(file.last_verified) + ")");
  }
  const Parameter* years = parameter_in_force(&file, national, "source_page_stale_years", today);
  for (const auto& [id, src] : file.sources) {
    if (years != nullptr && src.page_date && page_stale(*src.page_date, years->number, today)) {
      diag.add("source_page_stale", pointer_append(pointer_append("/sources", id), "page_date"),
               "a page updated within " + std::to_string(years->number) + " years, or a newer page");
    }
  }
  return std::move(diag.errors());
}

std::unique_ptr<RuleFile> load_rule_file(std::string_view text, const RuleFile* national, Diagnostics& diag) {
  auto json = parse_json_text(text, diag);
  if (!json) return nullptr;
  auto file = std::make_unique<RuleFile>();
  file->hash = sha256_hex(text);
  ObjectReader top(&*json, "", diag);
  if (!top.valid()) return nullptr;

  const auto errors_before = diag.errors().size();
  top.get("$schema", false);
  if (auto f = top.string("format", true); f && *f != "koshin-rules/1") {
    diag.add("unknown_value", "/format", "\"koshin-rules/1\"");
  }
  // The file is read in the role its caller gives it: the national file is loaded without one.
  file->national = national == nullptr;
  const auto kind = top.string("kind", true);
  if (kind && *kind != "national" && *kind != "municipality") {
    diag.add("unknown_value", "/kind", "one of: national municipality");
  } else if (kind && (*kind == "national") != file->national) {
    // A file in the other role: one error, not one for everything that role lacks or forbids.
    if (file->national) {
      diag.add("national_required", "/kind", "the national rule file loaded first");
    } else {
      diag.add("unknown_value", "/kind", "\"municipality\"");  // as Engine::load_municipality says
    }
    return nullptr;
  }
  Loader load(diag, *file, file->national ? nullptr : national);
  load.id(top, "id", file->id);
  if (file->national && file->id != "national") diag.add("unknown_value", "/id", "\"national\"");
  if (!file->national && (file->id == "national" || file->id == "other")) {
    diag.add("reserved_id", "/id", "a municipality id other than \"national\" and \"other\"");
  }
  load.local_text(top, "name", true, file->name);
  if (!file->national) {
    load.local_text(top, "prefecture", true, file->prefecture);
    if (auto u = top.string("url", false)) file->url = *u;
  }
  if (auto d = top.date("last_verified", true)) file->last_verified = *d;

  load.sources(top);
  if (file->national) {
    load.core_rules(top);
  }
  load.parameters(top);
  if (file->national) load.id_types(top);
  load.documents(top);
  if (!file->national) load.offices(top);
  if (file->national) load.calendar(top);
  load.requirements(top);
  if (!file->national) load.not_handling(top);
  load.fees(top);
  load.follow_ups(top);
  load.notes(top);
  top.finish();
  if (file->national && diag.errors().size() == errors_before) {
    check_national_complete(*file, diag);
  }
  if (diag.errors().size() != errors_before) return nullptr;
  return file;
}

}  // namespace koshin
