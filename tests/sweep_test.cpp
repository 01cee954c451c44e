// The sweep (issue 7): every certificate expiry date from 2016-01-01 to 2040-12-31, for every
// municipality (and "other"), against situation combinations, checking invariants rather than
// answers:
//   * no errors on valid input;
//   * each certificate's window opens on the policy date (P-WINDOW: expiry - 3 months, clamped
//     to the month's end, + 1 day; computed here independently of the core) and closes on the
//     expiry; the plan's window opens <= closes;
//   * every visit has documents; the plan has an office, an unavailable office or says to ask;
//   * every document and office it names is defined in the rule data, and every message key it
//     emits is defined in i18n/ja.json and i18n/en.json;
//   * the first day to go is one of the listed open days, inside the window for a renewal.
//
// Combinations: applicant (4) x holder (5) x PIN states (3) x moved or not (2) x the card
// expiring later or with the certificates (2), less the ones the core must refuse (a legal
// representative for an adult who is not a ward): 216. Each (day, municipality) takes
// kCombosPerDay of them in rotation, so over the 9,132 days every combination meets every
// municipality on some 340 days spread over the 25 years, and "today" rotates through before,
// inside, at the end of and after the window. KOSHIN_SWEEP_FULL=1 runs all 216 on every day (about
// 12 million evaluations: minutes, for a run by hand). One test per municipality, so ctest spreads
// them over the cores; each prints its evaluations per second.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>
#include <string_view>

#include "koshin/evaluate.hpp"
#include "test_support.hpp"

namespace koshin {
namespace {

#ifndef KOSHIN_SWEEP_STRIDE  // the sanitizer build (Debug, far slower) walks every Nth day
#define KOSHIN_SWEEP_STRIDE 1
#endif
constexpr int kCombosPerDay = 8;
constexpr int kTodayOffsets[] = {-150, -60, 0, 20};  // days from the expiry

struct Combination {
  std::string applicant;
  int holder;  // index into kHolders
  int pins;    // index into kPins
  bool moved;
  bool card_with_certificates;
};

// Holders by age on "today" (years; -1: an adult given by age band) and their flags.
struct Holder {
  int age;
  const char* flag;              // "adult_ward", "face_auth_card" or nullptr
  bool needs_representative_ok;  // a legal representative may apply
};
constexpr Holder kHolders[] = {{40, nullptr, false},
                               {16, nullptr, true},
                               {8, nullptr, true},
                               {-1, "adult_ward", true},
                               {-1, "face_auth_card", false}};
const char* const kPins[][2] = {{"known", "known"}, {"forgotten", "known"}, {"known", "locked"}};

std::vector<Combination> combinations() {
  std::vector<Combination> out;
  for (const std::string applicant : {"self", "legal_representative", "proxy_with_form", "proxy_without_form"}) {
    for (int h = 0; h < 5; ++h) {
      if (applicant == "legal_representative" && !kHolders[h].needs_representative_ok) continue;
      for (int p = 0; p < 3; ++p) {
        for (const bool moved : {false, true}) {
          for (const bool card : {false, true}) out.push_back({applicant, h, p, moved, card});
        }
      }
    }
  }
  return out;
}

// P-WINDOW, written here without the core: E - 3 months, clamped to that month's last day, + 1.
Date policy_opens(Date expiry) {
  const date::year_month ym = date::year_month{expiry.year(), expiry.month()} - date::months{3};
  const date::day last = date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}}.day();
  const Date back{ym.year(), ym.month(), std::min(expiry.day(), last)};
  return date::year_month_day{date::sys_days{back} + date::days{1}};
}

Date years_before(Date d, int years) {
  const Date y{d.year() - date::years{years}, d.month(), d.day()};
  return y.ok() ? y : Date{y.year(), y.month(), date::day{28}};  // Feb 29 in a common year
}

Json situation(const std::string& municipality, Date expiry, Date today, const Combination& c) {
  const Holder& h = kHolders[c.holder];
  Json holder = Json::object();
  if (h.age >= 0) {
    holder["birth_date"] = format_iso_date(add_days(years_before(today, h.age), -100));
  } else {
    holder["age_band"] = "18_plus";
    holder[h.flag] = true;
  }
  Json s = {{"today", format_iso_date(today)},
            {"municipality", municipality},
            {"certificates", {{"expiry", format_iso_date(expiry)}}},
            {"card", {{"expiry", format_iso_date(c.card_with_certificates ? expiry : years_before(expiry, -5))}}},
            {"holder", holder},
            {"applicant", c.applicant},
            {"pins", {{"signature", kPins[c.pins][0]}, {"user", kPins[c.pins][1]}}}};
  if (c.applicant == "legal_representative") {
    s["representative"] = {{"relationship", h.age >= 0 ? "parent" : "guardian"}};
  }
  if (c.moved) s["changes"] = Json::array({"address"});
  return s;
}

void keys_in(const Json& j, std::set<std::string>& out) {
  if (j.is_object()) {
    if (j.contains("key") && j["key"].is_string()) out.insert(j["key"].get<std::string>());
    for (const auto& item : j.items()) keys_in(item.value(), out);
  } else if (j.is_array()) {
    for (const auto& x : j) keys_in(x, out);
  }
}

// Checks one plan; returns "" or what is wrong.
std::string check_plan(const Json& plan, Date expiry, const RuleFile& national, const RuleFile* muni) {
  if (!plan["errors"].empty()) return "errors on valid input: " + plan["errors"].dump();
  const std::string policy = format_iso_date(policy_opens(expiry));
  for (const char* which : {"signature", "user"}) {
    const Json& cert = plan["certificates"][which];
    if (!cert.is_object() || !cert.contains("window") || !cert["window"].is_object()) continue;
    if (cert["window"]["opens"] != policy)
      return std::string(which) + " window opens " + cert["window"]["opens"].dump() + ", policy " + policy;
    if (cert["window"]["closes"] != format_iso_date(expiry))
      return std::string(which) + " window closes " + cert["window"]["closes"].dump();
  }
  const Json& window = plan["window"];
  if (window.is_object() && !(window["opens"].get<std::string>() <= window["closes"].get<std::string>())) {
    return "window opens after it closes";
  }
  if (plan["visits"].empty()) return "no visit";
  for (const auto& v : plan["visits"]) {
    if (v["documents"].empty()) return "a visit without documents";
    for (const auto& d : v["documents"]) {
      const std::string id = d["id"].get<std::string>();
      if (national.find_document(id) == nullptr && (muni == nullptr || muni->find_document(id) == nullptr)) {
        return "document " + id + " is defined in no rule file";
      }
    }
  }
  std::set<std::string> note_keys;
  keys_in(plan["notes"], note_keys);
  if (plan["offices"].empty() && plan["offices_unavailable"].empty() &&
      note_keys.count("note.ask_your_municipality") == 0) {
    return "no office and no reason";
  }
  for (const char* list : {"offices", "offices_unavailable"}) {
    for (const auto& o : plan[list]) {
      if (muni == nullptr) return std::string(list) + " without municipality rules";
      bool defined = false;
      for (const auto& office : muni->offices) defined = defined || office.id == o["id"];
      if (!defined) return "office " + o["id"].dump() + " is not in the rule file";
    }
  }
  const Json& first = plan["first_day_to_go"];
  if (first.is_object()) {
    const std::string day = first["date"].get<std::string>();
    if (day < plan["today"].get<std::string>()) return "first day to go before today";
    if ((plan["procedure"] == "renewal" || plan["procedure"] == "nothing_yet") &&
        (day < window["opens"].get<std::string>() || day > window["closes"].get<std::string>())) {
      return "first day to go outside the window";
    }
    bool listed = false;
    for (const auto& o : plan["offices"]) {
      if (!o["next_open_days"].is_array()) continue;
      for (const auto& d : o["next_open_days"]) listed = listed || d["date"] == day;
    }
    if (!listed) return "first day to go is not an open day";
  }
  return "";
}

const Date kFaceAuthFrom{date::year{2023}, date::December, date::day{15}};

std::string check_refused(const Json& plan) {
  const Json& e = plan["errors"];
  if (e.size() == 1 && e[0]["code"] == "inconsistent_dates" && e[0]["pointer"] == "/holder/face_auth_card") return "";
  return "a face-authentication card before 2023-12-15 must be refused: " + e.dump();
}

class Sweep : public ::testing::TestWithParam<std::string> {};

TEST_P(Sweep, InvariantsHoldEveryDay) {
  const std::string municipality = GetParam();
  const Engine& engine = testing::shipped_engine();
  const RuleFile* muni = municipality == "other" ? nullptr : engine.municipality(municipality);
  ASSERT_TRUE(municipality == "other" || muni != nullptr) << municipality;
  const Json ja = testing::source_json("i18n/ja.json");
  const Json en = testing::source_json("i18n/en.json");
  const std::vector<Combination> all = combinations();
  ASSERT_EQ(all.size(), 216u);
  const char* full_env = std::getenv("KOSHIN_SWEEP_FULL");
  const bool full = full_env != nullptr && std::string(full_env) == "1";
  const std::size_t per_day = full ? all.size() : kCombosPerDay;

  const Date first{date::year{2016}, date::January, date::day{1}};
  const Date last{date::year{2040}, date::December, date::day{31}};
  const Date earliest_today = first;
  std::set<std::string> keys;
  std::set<std::size_t> combos_seen;
  long evaluations = 0;
  int failures = 0;
  const auto start = std::chrono::steady_clock::now();
  std::size_t day_index = 0;
  for (Date expiry = first; !before(last, expiry); expiry = add_days(expiry, KOSHIN_SWEEP_STRIDE), ++day_index) {
    for (std::size_t k = 0; k < per_day; ++k) {
      const std::size_t ci = (day_index * per_day + k) % all.size();
      const int offset = kTodayOffsets[(day_index + k) % 4];
      Date today = add_days(expiry, offset);
      if (before(today, earliest_today)) today = earliest_today;
      const Json s = situation(municipality, expiry, today, all[ci]);
      const Json plan = engine.evaluate(s);
      ++evaluations;
      combos_seen.insert(ci);
      // Face-authentication cards exist from 2023-12-15 (national.json): before, the core must
      // refuse the situation, and say why.
      const char* flag = kHolders[all[ci].holder].flag;
      const bool refused =
          flag != nullptr && std::string_view(flag) == "face_auth_card" && before(today, kFaceAuthFrom);
      const std::string failure = refused ? check_refused(plan) : check_plan(plan, expiry, *engine.national(), muni);
      if (!failure.empty()) {
        ADD_FAILURE() << failure << "\n  situation: " << s.dump();
        if (++failures >= 10) return;
      }
      keys_in(plan, keys);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& k : keys) {
    EXPECT_TRUE(en.contains(k)) << "en lacks " << k;
    EXPECT_TRUE(ja.contains(k)) << "ja lacks " << k;
  }
  EXPECT_EQ(combos_seen.size(), all.size()) << "every combination is swept";
  EXPECT_GE(day_index, 9132u / KOSHIN_SWEEP_STRIDE);
  std::cout << "[ sweep ] " << municipality << ": " << evaluations << " evaluations over " << day_index
            << " expiry dates in " << seconds << " s, " << static_cast<long>(evaluations / seconds)
            << " evaluations/s, " << keys.size() << " distinct message keys\n";
}

std::vector<std::string> municipalities() {
  std::vector<std::string> ids = testing::shipped_engine().municipality_ids();
  ids.push_back("other");
  return ids;
}

INSTANTIATE_TEST_SUITE_P(EveryMunicipality, Sweep, ::testing::ValuesIn(municipalities()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace koshin
