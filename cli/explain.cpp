// `koshin explain`: see explain.hpp. Every heading and label is a key of i18n/staff/<lang>.json;
// document, ID-type and step names are the residents' keys of i18n/<lang>.json; office names,
// addresses and notes are the rule file's own text.
#include "explain.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "koshin/json_text.hpp"
#include "koshin/rules.hpp"

namespace koshin::cli {
namespace {

// --- The fixed situations --------------------------------------------------------------------

// A procedure, and how to date a situation around `today` so that the engine decides it.
struct ProcedureCase {
  const char* id;         // staff.procedure.<id>
  const char* procedure;  // the plan's `procedure` for it
  int expiry_in_days;     // the certificates' expiry, in days from today
  bool pin_forgotten;     // the user certificate's PIN (a holder under 15 has no signature certificate)
};
constexpr ProcedureCase kProcedures[] = {
    {"renewal", "renewal", 45, false},           // well inside the 3-month window
    {"issuance", "new_issuance", -30, false},    // a month after the certificates expired
    {"pin_reset", "pin_reset_first", 45, true},  // inside the window, a PIN forgotten
};

// A holder class: the holder's age on the certificates' expiry day (their birthday, as on a real
// card), so the holder is in the class on both sides of it.
struct HolderCase {
  const char* id;  // staff.holder.<id>
  int age_at_expiry;
  bool adult_ward;
};
constexpr HolderCase kHolders[] = {
    {"adult", 40, false}, {"15_17", 17, false}, {"under_15", 11, false}, {"adult_ward", 40, true}};
constexpr std::size_t kHolderCount = sizeof(kHolders) / sizeof(kHolders[0]);

// A legal representative of an adult who is not a ward is an input error (ADR 0003), not a case.
bool applies(const std::string& applicant, const HolderCase& h) {
  return !(applicant == "legal_representative" && std::string(h.id) == "adult");
}

// Facts a requirement's `when` can ask for that the situation can state. The holder's age, the
// ward and the PINs are the holder and procedure dimensions already.
bool settable(Condition c) {
  return c == Condition::with_move_notification || c == Condition::same_household ||
         c == Condition::same_household_parent || c == Condition::family_register_in_city ||
         c == Condition::foreign_period_of_stay;
}

// The extra situations to try: one per distinct set of settable conditions among the
// municipality's requirements (e.g. Edogawa's same-day issuance with a move notification). The
// first, empty one is the base: every such fact left unanswered.
std::vector<std::vector<Condition>> variants_of(const RuleFile& muni) {
  std::vector<std::vector<Condition>> out{{}};
  for (const Requirement& q : muni.requirements) {
    std::vector<Condition> facts;
    for (Condition c : q.when) {
      if (settable(c)) facts.push_back(c);
    }
    std::sort(facts.begin(), facts.end());
    if (!facts.empty() && std::find(out.begin(), out.end(), facts) == out.end()) out.push_back(facts);
  }
  return out;
}

Date years_after(Date d, int years) { return add_months_clamped(d, 12 * years); }

Json situation_for(const std::string& municipality, Date today, const ProcedureCase& p, const HolderCase& h,
                   const std::string& applicant, const std::vector<Condition>& facts) {
  const Date expiry = add_days(today, p.expiry_in_days);
  // Adults' cards run 10 birthdays, their certificates 5; a minor's card outlives the
  // certificates here so that the case is the certificates' (card and certificates ending
  // together is the new-card procedure).
  const Date card = years_after(expiry, h.age_at_expiry >= 18 ? 5 : 2);
  Json s = Json::object();
  s["today"] = format_iso_date(today);
  s["municipality"] = municipality;
  s["certificates"] = {{"expiry", format_iso_date(expiry)}};
  s["card"] = {{"expiry", format_iso_date(card)}};
  s["holder"] = {{"birth_date", format_iso_date(years_after(expiry, -h.age_at_expiry))}};
  if (h.adult_ward) s["holder"]["adult_ward"] = true;
  s["applicant"] = applicant;
  if (p.pin_forgotten) s["pins"] = {{"signature", "known"}, {"user", "forgotten"}};
  for (Condition c : facts) {
    switch (c) {
      case Condition::with_move_notification:
        s["with_move_notification"] = true;
        break;
      case Condition::same_household_parent:  // only someone applying for the holder has a household
        if (applicant == "legal_representative") s["representative"]["relationship"] = "parent";
        if (applicant != "self") s["representative"]["same_household"] = true;
        break;
      case Condition::same_household:
        if (applicant != "self") s["representative"]["same_household"] = true;
        break;
      case Condition::family_register_in_city:
        s["holder"]["family_register_in_city"] = true;
        break;
      case Condition::foreign_period_of_stay:
        s["holder"]["residence"] = "period_of_stay";
        s["holder"]["stay_end"] = format_iso_date(card);
        break;
      default:
        break;
    }
  }
  return s;
}

// --- Words -----------------------------------------------------------------------------------

std::string str(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const Json& arr(const Json& j, const char* key) {
  static const Json empty = Json::array();
  const auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

std::vector<std::string> strings(const Json& list) {
  std::vector<std::string> out;
  for (const auto& x : list) {
    if (x.is_string()) out.push_back(x.get<std::string>());
  }
  return out;
}

class Sheet {
 public:
  Sheet(const Engine& engine, const Words& words, const ExplainOptions& opt, const RuleFile& muni)
      : engine_(engine), w_(words), opt_(opt), muni_(muni) {}

  const Words& w() const { return w_; }
  const RuleFile& muni() const { return muni_; }

  std::string list(const std::vector<std::string>& items) const {
    std::string out;
    for (const auto& x : items) out += (out.empty() ? "" : w_("staff.list_separator")) + x;
    return out;
  }
  std::string paren(const std::string& text, const std::string& more) const {
    return more.empty() ? text : w_("staff.parenthetical", {{"text", text}, {"more", more}});
  }

  std::string local(const Json& j) const { return text_in(j, opt_.lang); }
  std::string local(const LocalText& t) const {
    auto it = t.find(opt_.lang);
    if (it == t.end()) it = t.find("ja");
    return it == t.end() ? std::string() : it->second;
  }
  // A name in the chosen language, with the Japanese beside it when that differs: staff compare
  // the sheet with a Japanese page.
  std::string local_with_ja(const LocalText& t) const {
    const std::string shown = local(t);
    const auto ja = t.find("ja");
    return ja == t.end() || ja->second == shown ? shown : paren(shown, ja->second);
  }

  std::string task(std::string_view id) const { return w_("staff.task." + std::string(id)); }
  std::string tasks(const std::vector<std::string>& ids) const {
    std::vector<std::string> names;
    for (const auto& t : ids) names.push_back(task(t));
    return list(names);
  }
  std::string tasks(const std::vector<Task>& ts) const {
    std::vector<std::string> ids;
    for (Task t : ts) ids.emplace_back(kTaskNames.name(t));
    return tasks(ids);
  }
  // Conditions that must all hold (`when`, `requires`), or of which one is enough (`waived_if`).
  enum class Join { all, any };
  std::string conditions(const std::vector<std::string>& ids, Join join = Join::all) const {
    const std::string separator = w_(join == Join::all ? "staff.and_separator" : "staff.or_separator");
    std::string out;
    for (const auto& c : ids) out += (out.empty() ? "" : separator) + w_("staff.condition." + c);
    return out;
  }
  std::string conditions(const std::vector<Condition>& cs) const {
    std::vector<std::string> ids;
    for (Condition c : cs) ids.emplace_back(kConditionNames.name(c));
    return conditions(ids);
  }
  std::string applicant(const std::string& id) const { return w_("staff.applicant." + id); }

  // A document: the municipality's own name for a local one, else the residents' pack.
  std::string doc_name(const std::string& id) const {
    for (const RuleFile* f : {&muni_, engine_.national()}) {
      const DocumentDef* d = f->find_document(id);
      if (d != nullptr && !d->name.empty()) return local(d->name);
    }
    return w_("doc." + id);
  }
  std::string office_name(const std::string& id) const {
    for (const Office& o : muni_.offices) {
      if (o.id == id) return local(o.name);
    }
    return id;
  }

  std::string effective(const Effective& e) const {
    std::vector<std::string> parts;
    if (e.from) parts.push_back(w_("staff.effective.from", {{"date", format_iso_date(*e.from)}}));
    if (e.until) parts.push_back(w_("staff.effective.until", {{"date", format_iso_date(*e.until)}}));
    return list(parts);
  }

  // --- One case: what a plan asks of the resident, without dates (so that holder classes with
  // the same requirements read the same) --------------------------------------------------------
  std::string document_line(const Json& d) const {
    const std::string id = str(d, "id");
    std::string name = d.contains("name") ? local(d["name"]) : doc_name(id);
    std::vector<std::string> details;
    if (!arr(d, "alternatives").empty()) {
      std::vector<std::string> alts;
      for (const auto& a : strings(arr(d, "alternatives"))) alts.push_back(doc_name(a));
      details.push_back(w_("staff.doc.alternatives", {{"list", list(alts)}}));
    }
    if (!arr(d, "examples").empty()) {
      std::vector<std::string> ex;
      for (const auto& e : strings(arr(d, "examples"))) ex.push_back(w_("idtype." + e));
      details.push_back(w_("staff.doc.examples", {{"list", list(ex)}}));
    }
    if (!arr(d, "only_if").empty()) {
      details.push_back(w_("staff.doc.only_if", {{"conditions", conditions(strings(arr(d, "only_if")))}}));
    }
    if (!arr(d, "waived_if").empty()) {
      details.push_back(
          w_("staff.doc.waived_if", {{"conditions", conditions(strings(arr(d, "waived_if")), Join::any)}}));
    }
    if (d.contains("issued_within_months")) {
      details.push_back(w_("staff.doc.issued_within", {{"months", d["issued_within_months"]}}));
    }
    if (d.contains("note")) details.push_back(local(d["note"]));
    std::string joined;
    for (const auto& x : details) joined += (joined.empty() ? "" : w_("staff.detail_separator")) + x;
    return joined.empty() ? name : w_("staff.doc.line", {{"name", name}, {"details", joined}});
  }

  std::string step_line(const Json& step) const {
    const std::string text = w_("step." + str(step, "kind"), {{"phone", str(step, "phone")}});
    return w_("staff.before", {{"step", paren(text, step.contains("note") ? local(step["note"]) : "")}});
  }

  std::string case_block(const Json& plan, const std::string& given) const {
    std::string out;
    auto line = [&out](int depth, const std::string& text) {
      out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "- " + text + "\n";
    };
    const Json& visits = arr(plan, "visits");
    const std::string route = plan.contains("applicant") ? str(plan["applicant"], "route") : given;
    if (route != given) line(0, w_("staff.route", {{"applicant", applicant(route)}}));
    bool same_day = true, attend = false;
    std::vector<std::string> rules;
    for (const auto& v : visits) {
      same_day = same_day && v.value("same_day", true);
      attend = attend || v.value("holder_must_attend", false);
      for (const auto& r : strings(arr(v, "rules"))) {
        if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
      }
    }
    line(0, w_(same_day ? "staff.same_day.yes" : "staff.same_day.no"));
    if (attend) line(0, w_("staff.holder_must_attend"));
    std::vector<std::string> quoted;
    for (const auto& r : rules) quoted.push_back("`" + r + "`");
    line(0, w_("staff.rules", {{"rules", list(quoted)}}));
    for (const auto& n : arr(plan, "notes")) {
      if (str(n, "key") != "note.national_rule_applies") continue;
      const Json params = n.value("params", Json::object());
      const Json p = {{"tasks", tasks(strings(arr(params, "tasks")))},
                      {"requirement", "`" + str(params, "requirement") + "`"},
                      {"visit", params.value("visit", Json(0))}};
      line(0, w_(params.contains("visit") ? "staff.national.page_silent" : "staff.national.fallback", p));
    }
    for (const auto& v : visits) {
      line(0, "**" +
                  paren(w_("staff.visit", {{"number", v.value("number", Json(0))}}), tasks(strings(arr(v, "tasks")))) +
                  "**");
      for (const auto& step : arr(v, "before")) line(1, step_line(step));
      if (!arr(v, "offices").empty()) {
        std::vector<std::string> names;
        for (const auto& id : strings(arr(v, "offices"))) names.push_back(office_name(id));
        line(1, w_("staff.visit.at", {{"offices", list(names)}}));
      }
      line(1, w_("staff.bring"));
      for (const auto& d : arr(v, "documents")) line(2, document_line(d));
      for (const auto& x : arr(v, "waived")) {
        line(1, w_("staff.waived", {{"document", doc_name(str(x, "id"))},
                                    {"conditions", conditions(std::vector<std::string>{str(x, "because")})}}));
      }
      for (const auto& n : arr(v, "notes")) {
        if (n.contains("text")) line(1, w_("staff.visit.note", {{"text", local(n["text"])}}));
      }
    }
    if (visits.empty()) line(0, w_("staff.no_visits"));
    std::vector<std::string> offices;
    for (const auto& o : arr(plan, "offices")) offices.push_back(str(o, "id"));
    if (offices.empty()) {
      line(0, w_("staff.offices.none"));
    } else if (offices.size() == muni_.offices.size()) {  // offices are listed once each
      line(0, w_("staff.offices.all"));
    } else {
      line(0, w_("staff.offices.some"));
      for (const auto& id : offices) line(1, office_name(id));
    }
    for (const auto& o : arr(plan, "offices_unavailable")) {
      std::vector<std::string> unmet;
      for (const auto& h : arr(o, "hours")) {
        for (const auto& c : strings(arr(h, "unmet"))) {
          if (std::find(unmet.begin(), unmet.end(), c) == unmet.end()) unmet.push_back(c);
        }
      }
      line(0, w_("staff.offices.unavailable", {{"office", local(o["name"])}, {"conditions", conditions(unmet)}}));
    }
    return out;
  }

  // --- The offices table ------------------------------------------------------------------
  std::string schedule_entry(const ScheduleEntry& e) const {
    static const char* const kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    std::vector<std::string> days;
    for (unsigned d : e.weekdays) days.push_back(w_(std::string("staff.weekday.") + kDays[d % 7]));
    std::string when;
    if (e.kind == ScheduleKind::weekly) {
      when = list(days);
    } else if (e.kind == ScheduleKind::nth_weekday) {
      std::vector<std::string> nth;
      for (int n : e.nth) nth.push_back(std::to_string(n));
      when = w_("staff.schedule.nth", {{"days", list(days)}, {"nth", list(nth)}});
    } else {
      std::vector<std::string> dates;
      for (Date d : e.dates) dates.push_back(format_iso_date(d));
      when = dates.empty() ? w_("staff.schedule.announced")
                           : w_("staff.schedule.announced_dates", {{"dates", list(dates)}});
    }
    std::vector<std::string> spans;
    for (const Hours& h : e.hours) spans.push_back(w_("staff.hours.span", {{"open", h.open}, {"close", h.close}}));
    const std::string hours = spans.empty() ? w_("staff.schedule.no_hours") : list(spans);
    std::vector<std::string> details;
    if (e.reservation != Reservation::unknown) {
      details.push_back(w_("staff.reservation." + std::string(kReservationNames.name(e.reservation))));
    }
    if (!e.requires.empty()) details.push_back(w_("staff.doc.only_if", {{"conditions", conditions(e.requires)}}));
    if (!e.tasks.empty()) details.push_back(w_("staff.schedule.tasks", {{"tasks", tasks(e.tasks)}}));
    const std::string dates = effective(e.effective);
    if (!dates.empty()) details.push_back(dates);
    if (!e.note.empty()) details.push_back(local(e.note));
    std::string joined;
    for (const auto& x : details) joined += (joined.empty() ? "" : w_("staff.detail_separator")) + x;
    return paren(w_("staff.schedule.entry", {{"days", when}, {"hours", hours}}), joined);
  }

  static std::string cell(std::string text) {
    std::string out;
    for (char c : text) {
      if (c == '|') {
        out += "\\|";
      } else if (c == '\n' || c == '\r') {
        out += ' ';
      } else {
        out += c;
      }
    }
    return out;
  }

  void offices_table(std::ostream& out) const {
    out << "## " << w_("staff.section.offices") << "\n\n";
    if (muni_.offices.empty()) {
      out << w_("staff.offices.none_in_file") << "\n\n";
    } else {
      const char* const cols[] = {"office", "address", "phone", "tasks", "schedule", "holidays", "year_end", "notes"};
      out << "|";
      for (const char* c : cols) out << " " << w_(std::string("staff.col.") + c) << " |";
      out << "\n|";
      for (std::size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); ++i) out << "---|";
      out << "\n";
      for (const Office& o : muni_.offices) {
        std::string schedule;
        for (const auto& e : o.schedule) schedule += (schedule.empty() ? "" : "<br>") + cell(schedule_entry(e));
        if (schedule.empty()) schedule = w_("staff.schedule.none");
        std::vector<std::string> notes;
        if (!o.applicants.empty()) {
          std::vector<std::string> names;
          for (Applicant a : o.applicants) names.push_back(applicant(std::string(kApplicantNames.name(a))));
          notes.push_back(w_("staff.office.applicants", {{"applicants", list(names)}}));
        }
        for (const OfficeClosure& c : o.closures) {
          std::string closure = w_("staff.office.closure", {{"from", format_iso_date(*c.dates.from)},
                                                            {"until", format_iso_date(*c.dates.until)}});
          if (!c.note.empty()) closure += w_("staff.detail_separator") + local(c.note);
          notes.push_back(closure);
        }
        if (!o.url.empty()) notes.push_back(o.url);
        const std::string dates = effective(o.effective);
        if (!dates.empty()) notes.push_back(dates);
        if (!o.note.empty()) notes.push_back(local(o.note));
        std::string note_cell;
        for (const auto& n : notes) note_cell += (note_cell.empty() ? "" : "<br>") + cell(n);
        out << "| " << cell(local_with_ja(o.name)) << "<br>`" << o.id << "`"
            << " | " << cell(o.address.empty() ? w_("staff.none") : local(o.address)) << " | "
            << cell(o.phone.empty() ? w_("staff.none") : o.phone) << " | "
            << cell(o.tasks.empty() ? w_("staff.tasks.all") : tasks(o.tasks)) << " | " << schedule << " | "
            << w_(o.closed_on_holidays ? "staff.closed" : "staff.open") << " | "
            << w_(o.closed_year_end ? "staff.closed" : "staff.open") << " | " << note_cell << " |\n";
      }
      out << "\n";
    }
    if (!muni_.not_handling.empty()) {
      out << "### " << w_("staff.section.not_handling") << "\n\n";
      for (const NotHandling& n : muni_.not_handling) out << "- " << local_with_ja(n.name) << "\n";
      out << "\n";
    }
  }

 private:
  const Engine& engine_;
  const Words& w_;
  const ExplainOptions& opt_;
  const RuleFile& muni_;
};

// --- The cases, grouped ----------------------------------------------------------------------

struct Group {
  std::vector<std::size_t> holders;  // indexes into kHolders
  std::size_t variant = 0;           // index into the variants; 0 = the base
  std::string block;                 // the case, as Markdown lines
  Json plan;                         // the first holder's plan
};

struct ApplicantSection {
  std::string applicant;
  std::size_t holder_count = 0;  // the holder classes evaluated for this applicant
  std::vector<Group> groups;
};

struct ProcedureSection {
  const ProcedureCase* procedure;
  std::vector<ApplicantSection> applicants;
};

void add_to_groups(std::vector<Group>& groups, std::size_t holder, std::size_t variant, std::string block,
                   const Json& plan) {
  for (auto& g : groups) {
    if (g.variant == variant && g.block == block) {
      g.holders.push_back(holder);
      return;
    }
  }
  groups.push_back({{holder}, variant, std::move(block), plan});
}

std::string holders_label(const Sheet& sheet, const ApplicantSection& a, const Group& g) {
  if (g.holders.size() == a.holder_count) return sheet.w()("staff.holder.any");
  std::vector<std::string> names;
  for (std::size_t h : g.holders) names.push_back(sheet.w()(std::string("staff.holder.") + kHolders[h].id));
  return sheet.list(names);
}

std::string group_label(const Sheet& sheet, const ApplicantSection& a, const Group& g,
                        const std::vector<std::vector<Condition>>& variants) {
  const std::string holders = holders_label(sheet, a, g);
  if (g.variant == 0) return holders;
  return sheet.w()("staff.variant", {{"holders", holders}, {"conditions", sheet.conditions(variants[g.variant])}});
}

// --- Graphviz --------------------------------------------------------------------------------

// A DOT quoted string: backslashes and quotes escaped, line breaks as \n (centred lines).
std::string dot_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out + "\"";
}

void print_dot(const Sheet& sheet, const std::vector<ProcedureSection>& sections,
               const std::vector<std::vector<Condition>>& variants, std::ostream& out) {
  const Words& w = sheet.w();
  out << "digraph " << dot_quote("koshin-" + sheet.muni().id) << " {\n";
  out << "  graph [rankdir=LR, labelloc=t, label="
      << dot_quote(w("staff.title", {{"name", sheet.local_with_ja(sheet.muni().name)}})) << "];\n";
  out << "  node [shape=box];\n";
  for (std::size_t pi = 0; pi < sections.size(); ++pi) {
    const auto& p = sections[pi];
    const std::string pid = "p" + std::to_string(pi);
    out << "  " << dot_quote(pid)
        << " [shape=ellipse, label=" << dot_quote(w(std::string("staff.procedure.") + p.procedure->id)) << "];\n";
    for (std::size_t ai = 0; ai < p.applicants.size(); ++ai) {
      const auto& a = p.applicants[ai];
      const std::string aid = pid + "a" + std::to_string(ai);
      out << "  " << dot_quote(aid) << " [label=" << dot_quote(sheet.applicant(a.applicant)) << "];\n";
      out << "  " << dot_quote(pid) << " -> " << dot_quote(aid) << ";\n";
      for (std::size_t gi = 0; gi < a.groups.size(); ++gi) {
        const Group& g = a.groups[gi];
        std::string prev = aid;
        std::vector<std::string> first_label;  // which holders take this path, unless all of them do
        if (g.variant != 0 || g.holders.size() != a.holder_count)
          first_label.push_back(group_label(sheet, a, g, variants));
        const std::string route = g.plan.contains("applicant") ? str(g.plan["applicant"], "route") : a.applicant;
        if (route != a.applicant) first_label.push_back(w("staff.route", {{"applicant", sheet.applicant(route)}}));
        for (const auto& v : arr(g.plan, "visits")) {
          const std::string vid = aid + "g" + std::to_string(gi) + "v" + std::to_string(v.value("number", 0));
          std::string label = w("staff.visit", {{"number", v.value("number", Json(0))}});
          for (const auto& d : arr(v, "documents")) {
            label += "\n" + (d.contains("name") ? sheet.local(d["name"]) : sheet.doc_name(str(d, "id")));
          }
          out << "  " << dot_quote(vid) << " [label=" << dot_quote(label) << "];\n";
          std::vector<std::string> edge = prev == aid ? first_label : std::vector<std::string>{};
          for (const auto& step : arr(v, "before")) edge.push_back(w("staff.step." + str(step, "kind")));
          std::string edge_label;
          for (const auto& e : edge) edge_label += (edge_label.empty() ? "" : "\n") + e;
          out << "  " << dot_quote(prev) << " -> " << dot_quote(vid);
          if (!edge_label.empty()) out << " [label=" << dot_quote(edge_label) << "]";
          out << ";\n";
          prev = vid;
        }
      }
    }
  }
  out << "}\n";
}

// --- Markdown ----------------------------------------------------------------------------------

void print_markdown(const Sheet& sheet, const ExplainOptions& opt, const std::vector<ProcedureSection>& sections,
                    const std::vector<std::vector<Condition>>& variants, const std::string& rule_set, const Json& fees,
                    std::ostream& out) {
  const Words& w = sheet.w();
  const RuleFile& m = sheet.muni();
  out << "# " << w("staff.title", {{"name", sheet.local_with_ja(m.name)}}) << "\n\n";
  out << w("staff.intro", {{"date", format_iso_date(opt.today)}}) << "\n\n";
  const auto field = [&](const char* key, const std::string& value) {
    out << "- **" << w(key) << "**: " << (value.empty() ? w("staff.none") : value) << "\n";
  };
  field("staff.field.id", "`" + m.id + "`");
  field("staff.field.prefecture", sheet.local_with_ja(m.prefecture));
  field("staff.field.url", m.url);
  field("staff.field.last_verified", format_iso_date(m.last_verified));
  field("staff.field.today", format_iso_date(opt.today));
  field("staff.field.rule_set", rule_set);
  out << "\n## " << w("staff.section.sources") << "\n\n";
  out << "| " << w("staff.col.source") << " | " << w("staff.col.ref") << " | " << w("staff.col.title") << " | "
      << w("staff.col.page_date") << " |\n|---|---|---|---|\n";
  for (const auto& [id, s] : m.sources) {
    out << "| `" << id << "` | " << Sheet::cell(s.ref) << " | " << Sheet::cell(s.title) << " | "
        << (s.page_date ? format_iso_date(*s.page_date) : w("staff.none")) << " |\n";
  }
  out << "\n";
  for (const auto& p : sections) {
    out << "## " << w(std::string("staff.procedure.") + p.procedure->id) << "\n\n";
    for (const auto& a : p.applicants) {
      out << "### " << sheet.applicant(a.applicant) << "\n\n";
      for (const auto& g : a.groups) {
        out << "#### " << group_label(sheet, a, g, variants) << "\n\n" << g.block << "\n";
      }
    }
  }
  sheet.offices_table(out);
  out << "## " << w("staff.section.fees") << "\n\n";
  for (const auto& f : fees) {
    const Json params = {{"tasks", sheet.tasks(strings(arr(f, "tasks")))}, {"amount", f.value("amount_yen", Json(0))}};
    out << "- " << w(f.value("amount_yen", 0) == 0 ? "staff.fee.free" : "staff.fee.yen", params) << " (`"
        << str(f, "rule") << "`)\n";
  }
  if (fees.empty()) out << w("staff.none") << "\n";
  out << "\n## " << w("staff.section.notes") << "\n\n";
  for (const LocalNote& n : m.notes) {
    std::vector<std::string> about{n.tasks.empty() ? w("staff.note.always") : sheet.tasks(n.tasks)};
    const std::string dates = sheet.effective(n.effective);
    if (!dates.empty()) about.push_back(dates);
    out << "- " << sheet.paren(sheet.local(n.text), sheet.list(about)) << " (`" << n.id << "`)\n";
  }
  if (m.notes.empty()) out << w("staff.none") << "\n";
  out << "\n---\n\n" << w("staff.footer", {{"id", m.id}}) << "\n";
}

}  // namespace

bool explain(const Engine& engine, const Words& words, const ExplainOptions& opt, std::ostream& out,
             std::ostream& err) {
  const RuleFile* muni = engine.municipality(opt.municipality);
  if (muni == nullptr) {
    err << "koshin explain: unknown municipality \"" << opt.municipality << "\"\n";
    return false;
  }
  const Sheet sheet(engine, words, opt, *muni);
  const auto variants = variants_of(*muni);
  std::vector<ProcedureSection> sections;
  std::string rule_set;
  Json fees = Json::array();
  for (const ProcedureCase& p : kProcedures) {
    ProcedureSection section{&p, {}};
    for (const char* applicant : {"self", "legal_representative", "proxy_with_form", "proxy_without_form"}) {
      ApplicantSection a{applicant, 0, {}};
      std::vector<std::string> base(kHolderCount);
      for (std::size_t v = 0; v < variants.size(); ++v) {
        for (std::size_t h = 0; h < kHolderCount; ++h) {
          if (!applies(a.applicant, kHolders[h])) continue;
          if (v == 0) ++a.holder_count;
          const Json situation = situation_for(muni->id, opt.today, p, kHolders[h], a.applicant, variants[v]);
          const Json plan = engine.evaluate_text(write_json(situation));
          if (!arr(plan, "errors").empty() || str(plan, "procedure") != p.procedure) {
            err << "koshin explain: the situation\n  " << write_json(situation) << "\n";
            if (!arr(plan, "errors").empty()) {
              err << "gave errors:\n" << write_json(plan["errors"], 2) << "\n";
            } else {
              err << "gave the procedure \"" << str(plan, "procedure") << "\", not \"" << p.procedure << "\"\n";
            }
            return false;
          }
          if (rule_set.empty() && plan.contains("rule_set")) rule_set = str(plan["rule_set"], "version");
          for (const auto& f : arr(plan, "fees")) {
            const bool seen = std::any_of(fees.begin(), fees.end(), [&](const Json& x) { return x["id"] == f["id"]; });
            if (!seen) fees.push_back(f);
          }
          std::string block = sheet.case_block(plan, a.applicant);
          // A variant is shown only where it changes what the holder class is told.
          if (v == 0) {
            base[h] = block;
          } else if (block == base[h]) {
            continue;
          }
          add_to_groups(a.groups, h, v, std::move(block), plan);
        }
      }
      section.applicants.push_back(std::move(a));
    }
    sections.push_back(std::move(section));
  }
  if (opt.dot) {
    print_dot(sheet, sections, variants, out);
  } else {
    print_markdown(sheet, opt, sections, variants, rule_set, fees, out);
  }
  return true;
}

}  // namespace koshin::cli
