#include "koshin/situation.hpp"

#include "koshin/era.hpp"

namespace koshin {

const EnumNames<PinStatus> kPinStatusNames{
    {{"known", PinStatus::known}, {"forgotten", PinStatus::forgotten}, {"locked", PinStatus::locked}}};
const EnumNames<AgeBand> kAgeBandNames{
    {{"under_15", AgeBand::under_15}, {"15_17", AgeBand::age_15_17}, {"18_plus", AgeBand::adult}}};
const EnumNames<Residence> kResidenceNames{{{"japanese", Residence::japanese},
                                            {"permanent_resident", Residence::permanent_resident},
                                            {"period_of_stay", Residence::period_of_stay}}};
const EnumNames<Change> kChangeNames{
    {{"name", Change::name}, {"address", Change::address}, {"sex", Change::sex}, {"birth_date", Change::birth_date}}};
const EnumNames<Relationship> kRelationshipNames{
    {{"parent", Relationship::parent}, {"guardian", Relationship::guardian}}};

namespace {

const Date kFirstCardDay{date::year{2016}, date::January, date::day{1}};
const Date kLastToday{date::year{2099}, date::December, date::day{31}};
const Date kFirstBirth{date::year{1900}, date::January, date::day{1}};

// A date field of `r` (ISO or era text); nullopt when absent or after an error.
std::optional<Date> date_field(ObjectReader& r, const char* key, bool required) {
  const Json* v = r.get(key, required);
  if (v == nullptr) return std::nullopt;
  return read_situation_date(*v, r.child(key), r.diagnostics());
}

Date years_after(Date d, int years) { return add_months_clamped(d, 12 * years); }

// Range checks for one date field; adds `date_out_of_range` with the bounds. False when it did.
bool check_range(const std::optional<Date>& d, Date lo, Date hi, const char* ptr, Diagnostics& diag) {
  if (!d || (!before(*d, lo) && !before(hi, *d))) return true;
  diag.add("date_out_of_range", ptr, "a date from " + format_iso_date(lo) + " to " + format_iso_date(hi));
  return false;
}

}  // namespace

std::optional<Date> read_situation_date(const Json& j, const std::string& pointer, Diagnostics& diag) {
  if (!j.is_string()) {
    diag.add("wrong_type", pointer, "date string (YYYY-MM-DD or 和暦), got " + json_type_name(j));
    return std::nullopt;
  }
  const std::string& text = j.get_ref<const std::string&>();
  Date d;
  const DateParse iso = parse_iso_date(text, d);
  const EraText era = iso == DateParse::bad_format ? parse_japanese_date(text, d) : EraText::ok;
  if (iso == DateParse::impossible || era == EraText::impossible) {
    diag.add("date_impossible", pointer, "a date that exists");
  } else if (era == EraText::outside_era) {
    diag.add("date_outside_era", pointer,
             "a day of the era: 大正 from 1912-07-30, 昭和 to 1989-01-07, 平成 from 1989-01-08, 令和 from "
             "2019-05-01, to 2099-12-31");
  } else if (era != EraText::ok) {
    diag.add("date_format", pointer, "date YYYY-MM-DD, or in an era as printed: 令和7年3月1日, R7.3.1");
  } else {
    return d;
  }
  return std::nullopt;
}

Situation parse_situation(const Json& json, Diagnostics& diag) {
  Situation s;
  ObjectReader top(&json, "", diag);
  if (!top.valid()) return s;

  const auto today = date_field(top, "today", true);
  // The checks against today need a today in range: else they would flag dates that are right.
  bool today_usable = false;
  if (today) {
    today_usable = check_range(today, kFirstCardDay, kLastToday, "/today", diag);
    s.today = *today;
  }
  if (auto m = top.string("municipality", true)) {
    s.municipality = *m;
    s.municipality_read = true;
  }

  ObjectReader certs = top.object("certificates", false);
  if (certs.valid()) {
    s.cert_expiry = date_field(certs, "expiry", false);
    s.signature_expiry = date_field(certs, "signature_expiry", false);
    s.user_expiry = date_field(certs, "user_expiry", false);
    s.cert_issue_date = date_field(certs, "issue_date", false);
    if (auto b = certs.boolean("signature", false)) s.has_signature = *b;
    if (s.cert_expiry && (certs.has("signature_expiry") || certs.has("user_expiry"))) {
      diag.add("conflicting_fields", certs.child("expiry"),
               "either \"expiry\" or \"signature_expiry\"/\"user_expiry\", not both");
    }
    if (!s.has_signature && certs.has("signature_expiry")) {
      diag.add("conflicting_fields", certs.child("signature_expiry"),
               "no signature_expiry when \"signature\" is false");
    }
    certs.finish();
  }

  ObjectReader card = top.object("card", true);
  if (card.valid()) {
    s.card_expiry = date_field(card, "expiry", false);
    s.card_issue_date = date_field(card, "issue_date", false);
    if (!card.has("expiry") && !card.has("issue_date")) {
      diag.add("missing_field", "/card/expiry", "the card's expiry date, or its issue_date");
    }
    card.finish();
  }

  ObjectReader holder = top.object("holder", true);
  if (holder.valid()) {
    s.birth_date = date_field(holder, "birth_date", false);
    s.age_band = holder.enumeration("age_band", false, kAgeBandNames);
    if (!holder.has("birth_date") && !holder.has("age_band")) {
      diag.add("missing_field", "/holder/birth_date", "birth_date (or age_band)");
    }
    if (auto b = holder.boolean("adult_ward", false)) s.adult_ward = *b;
    if (auto b = holder.boolean("face_auth_card", false)) s.face_auth_card = *b;
    if (auto r = holder.enumeration("residence", false, kResidenceNames)) s.residence = *r;
    s.stay_end = date_field(holder, "stay_end", s.residence == Residence::period_of_stay);
    if (s.residence != Residence::period_of_stay && holder.has("stay_end")) {
      diag.add("conflicting_fields", holder.child("stay_end"), "stay_end only with residence \"period_of_stay\"");
    }
    s.family_register_in_city = holder.boolean("family_register_in_city", false);
    s.smartphone_certificate = holder.boolean("smartphone_certificate", false);
    holder.finish();
  }

  if (auto a = top.enumeration("applicant", true, kApplicantNames)) s.applicant = *a;
  ObjectReader rep = top.object("representative", false);
  if (rep.valid()) {
    s.relationship = rep.enumeration("relationship", false, kRelationshipNames);
    s.same_household = rep.boolean("same_household", false);
    rep.finish();
  }

  ObjectReader pins = top.object("pins", false);
  if (pins.valid()) {
    s.pins_given = true;
    if (auto p = pins.enumeration("signature", false, kPinStatusNames)) s.signature_pin = *p;
    if (auto p = pins.enumeration("user", false, kPinStatusNames)) s.user_pin = *p;
    pins.finish();
  }

  for (const auto& [value, ptr] : top.array("changes", false)) {
    if (auto str = read_string(*value, ptr, diag)) {
      if (auto c = kChangeNames.find(*str)) {
        s.changes.push_back(*c);
      } else {
        diag.add("unknown_value", ptr, kChangeNames.expected());
      }
    }
  }
  if (auto b = top.boolean("renew_card", false)) s.renew_card = *b;
  if (auto b = top.boolean("with_move_notification", false)) s.with_move_notification = *b;
  s.renew_on = date_field(top, "renew_on", false);
  top.finish();

  if (!today_usable) return s;  // the remaining checks are relative to today

  const Date t = s.today;
  check_range(s.birth_date, kFirstBirth, t, "/holder/birth_date", diag);
  check_range(s.cert_issue_date, kFirstCardDay, t, "/certificates/issue_date", diag);
  check_range(s.card_issue_date, kFirstCardDay, t, "/card/issue_date", diag);
  const Date cert_hi = years_after(t, kMaxCertYearsAhead);
  check_range(s.cert_expiry, kFirstCardDay, cert_hi, "/certificates/expiry", diag);
  check_range(s.signature_expiry, kFirstCardDay, cert_hi, "/certificates/signature_expiry", diag);
  check_range(s.user_expiry, kFirstCardDay, cert_hi, "/certificates/user_expiry", diag);
  check_range(s.card_expiry, kFirstCardDay, years_after(t, kMaxCardYearsAhead), "/card/expiry", diag);
  check_range(s.stay_end, kFirstCardDay, years_after(t, kMaxCardYearsAhead), "/holder/stay_end", diag);
  check_range(s.renew_on, t, years_after(t, kMaxCertYearsAhead), "/renew_on", diag);
  if (!diag.ok()) return s;

  // Consistency between dates the resident typed.
  auto not_before = [&](const std::optional<Date>& later, const std::optional<Date>& earlier, const char* ptr,
                        const char* what) {
    if (later && earlier && before(*later, *earlier)) diag.add("inconsistent_dates", ptr, what);
  };
  not_before(s.card_issue_date, s.birth_date, "/card/issue_date", "an issue date after the birth date");
  not_before(s.cert_issue_date, s.birth_date, "/certificates/issue_date", "an issue date after the birth date");
  not_before(s.card_expiry, s.card_issue_date, "/card/expiry", "an expiry after the card's issue date");
  not_before(s.cert_expiry, s.cert_issue_date, "/certificates/expiry", "an expiry after the issue date");
  not_before(s.user_expiry, s.cert_issue_date, "/certificates/user_expiry", "an expiry after the issue date");
  not_before(s.signature_expiry, s.cert_issue_date, "/certificates/signature_expiry", "an expiry after the issue date");
  not_before(s.card_expiry, s.cert_expiry, "/certificates/expiry",
             "certificates that end on or before the card's expiry (N-CERT-CAP)");
  not_before(s.card_expiry, s.user_expiry, "/certificates/user_expiry",
             "a user certificate that ends on or before the card's expiry (N-CERT-CAP)");
  not_before(s.card_expiry, s.signature_expiry, "/certificates/signature_expiry",
             "a signature certificate that ends on or before the card's expiry (N-CERT-CAP)");
  not_before(s.user_expiry, s.signature_expiry, "/certificates/signature_expiry",
             "a signature certificate that ends on or before the user certificate (N-CERT-CAP)");
  if (s.birth_date && s.age_band) {
    const int age = age_on(*s.birth_date, t);
    const AgeBand band = age < 15 ? AgeBand::under_15 : age < 18 ? AgeBand::age_15_17 : AgeBand::adult;
    if (band != *s.age_band) diag.add("inconsistent_dates", "/holder/age_band", "the age band of birth_date");
  }
  if (s.relationship && s.applicant != Applicant::legal_representative) {
    diag.add("conflicting_fields", "/representative/relationship",
             "relationship only with applicant \"legal_representative\"");
  }
  if (s.same_household && s.applicant == Applicant::self) {
    diag.add("conflicting_fields", "/representative/same_household",
             "same_household only when someone applies for the holder");
  }
  return s;
}

}  // namespace koshin
