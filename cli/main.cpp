// koshin: the command-line front of the rules core.
//
//   koshin eval [--situation FILE] [--rules DIR]      situation JSON (stdin by default) -> plan JSON
//   koshin summary [--situation FILE] [--lang en|ja]   the same plan, as readable text
//   koshin check-rules [--rules DIR] FILE...           validate rule files
//   koshin check-pack [--base en.json] FILE...         validate language packs (i18n/<locale>.json)
//   koshin era TEXT                                    a date as a situation takes it (令和7年3月1日,
//                                                      R7.3.1, 2025-03-01) -> YYYY-MM-DD
//   koshin keys                                        message keys the core and rules can emit
//   koshin explain --municipality ID [--lang en|ja]    a municipality's rules as a staff review sheet
//                  [--today YYYY-MM-DD] [--dot]        (Markdown; --dot: a Graphviz digraph)
//
// Exit status: 0 ok; 1 rule files or packs with errors (check-rules, check-pack), or a date that
// cannot be read (era); 2 invalid input (the plan's "errors" says what and where); 3 the rule set
// itself could not be loaded; 64 bad usage.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "explain.hpp"
#include "koshin/evaluate.hpp"
#include "koshin/json_text.hpp"
#include "koshin/pack_check.hpp"
#include "words.hpp"

#ifndef KOSHIN_DEFAULT_RULES_DIR
#define KOSHIN_DEFAULT_RULES_DIR "rules"
#endif
#ifndef KOSHIN_DEFAULT_I18N_DIR
#define KOSHIN_DEFAULT_I18N_DIR "i18n"
#endif

namespace fs = std::filesystem;
using koshin::Json;
using koshin::cli::read_file;
using koshin::cli::text_in;
using koshin::cli::Words;

namespace {

constexpr int kExitRuleErrors = 1;
constexpr int kExitInvalidInput = 2;
constexpr int kExitRulesBroken = 3;
constexpr int kExitUsage = 64;

struct Options {
  std::string command;
  std::string situation_file;
  std::string rules_dir = KOSHIN_DEFAULT_RULES_DIR;
  std::string i18n_dir = KOSHIN_DEFAULT_I18N_DIR;
  std::string lang = "en";
  bool json = false;
  std::string municipality;  // explain
  std::string today;         // explain: YYYY-MM-DD; default today's date in Japan
  bool dot = false;          // explain
  std::string base;          // check-pack: the base pack
  std::vector<std::string> files;
};

int usage() {
  std::cerr << "usage: koshin eval [--situation FILE] [--rules DIR]\n"
               "       koshin summary [--situation FILE] [--rules DIR] [--lang en|ja]\n"
               "       koshin check-rules [--rules DIR] [--json] [--today YYYY-MM-DD] FILE...\n"
               "       koshin check-pack [--base en.json] FILE...\n"
               "       koshin era TEXT\n"
               "       koshin keys [--rules DIR]\n"
               "       koshin explain --municipality ID [--rules DIR] [--i18n DIR] [--lang en|ja]\n"
               "                      [--today YYYY-MM-DD] [--dot]\n";
  return kExitUsage;
}

void print_errors(const std::vector<koshin::Error>& errors, std::ostream& out, const char* label = "") {
  for (const auto& e : errors) {
    out << (e.file.empty() ? "<input>" : e.file) << ": " << (e.pointer.empty() ? "/" : e.pointer) << ": " << label
        << e.code;
    if (!e.expected.empty()) out << ": expected " << e.expected;
    out << '\n';
  }
}

// Loads rules/national.json and rules/municipalities/*.json (sorted by name).
bool load_rules(const std::string& dir, koshin::Engine& engine, std::vector<koshin::Error>& errors) {
  const fs::path national = fs::path(dir) / "national.json";
  std::string text;
  koshin::Diagnostics diag(national.string());
  if (!read_file(national, text)) {
    diag.add("file_unreadable", "", "a readable file");
  } else {
    engine.load_national(text, diag);
  }
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "municipalities", ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  errors = diag.errors();
  if (!engine.ready()) return false;
  for (const auto& f : files) {
    koshin::Diagnostics d(f.string());
    if (!read_file(f, text)) {
      d.add("file_unreadable", "", "a readable file");
    } else {
      engine.load_municipality(text, d);
    }
    errors.insert(errors.end(), d.errors().begin(), d.errors().end());
  }
  return errors.empty();
}

bool read_situation(const Options& opt, std::string& text) {
  if (opt.situation_file.empty() || opt.situation_file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  return read_file(opt.situation_file, text);
}

// --- summary: the plan in words from the residents' pack (cli/words.hpp) -----------------------
// A list of the plan's message items (warnings, asides) under its heading; nothing when empty.
void print_messages(const Json& items, const char* heading, const char* bullet, const Words& w) {
  if (items.empty()) return;
  std::cout << "\n" << w(heading) << "\n";
  for (const auto& x : items) {
    std::cout << "  " << bullet << " " << w(x["key"].get<std::string>(), x.value("params", Json::object())) << "\n";
  }
}

void print_summary(const Json& plan, const Words& w, const std::string& lang) {
  std::cout << w("summary.title") << "\n";
  std::cout << "  " << w("summary.today", {{"date", plan["today"]}}) << "\n";
  const std::string place = plan["municipality"].contains("name") ? text_in(plan["municipality"]["name"], lang)
                                                                  : w("summary.other_municipality");
  std::cout << "  " << w("summary.municipality", {{"name", place}}) << "\n\n";
  if (plan["window"].is_object()) {
    const Json& win = plan["window"];
    std::cout << w("summary.window", {{"opens", win["opens"]}, {"closes", win["closes"]}}) << "\n";
    if (win.contains("safe_from")) std::cout << "  " << w("summary.safe_from", {{"date", win["safe_from"]}}) << "\n";
  }
  std::cout << w("summary.procedure", {{"procedure", w(plan["procedure_key"].get<std::string>())}}) << "\n";
  if (plan.contains("next_procedure")) {
    std::cout << "  " << w("summary.next", {{"procedure", w("procedure." + plan["next_procedure"].get<std::string>())}})
              << "\n";
  }
  for (const auto& r : plan["procedure_reasons"]) {
    std::cout << "  - " << w(r["key"].get<std::string>(), r.value("params", Json::object())) << "\n";
  }
  for (const auto& v : plan["visits"]) {
    std::cout << "\n" << w("summary.visit", {{"number", v["number"]}}) << "\n";
    for (const auto& step : v["before"]) {
      std::cout << "  * " << w("step." + step["kind"].get<std::string>(), {{"phone", step.value("phone", "")}}) << "\n";
    }
    for (const auto& d : v["documents"]) {
      const std::string name = d.contains("name") ? text_in(d["name"], lang) : w(d["key"].get<std::string>());
      std::cout << "  [ ] " << name << "\n";
    }
  }
  if (!plan["offices"].empty()) std::cout << "\n" << w("summary.offices") << "\n";
  for (const auto& o : plan["offices"]) {
    std::cout << "  - " << text_in(o["name"], lang);
    if (o["address"].is_object()) std::cout << ", " << text_in(o["address"], lang);
    if (o["phone"].is_string()) std::cout << ", " << o["phone"].get<std::string>();
    std::cout << "\n";
  }
  print_messages(plan["warnings"], "summary.warnings", "!", w);
  print_messages(plan["asides"], "summary.asides", "-", w);
  std::cout << "\n" << w("summary.rule_set", {{"version", plan["rule_set"]["version"]}}) << "\n";
}

int command_eval(const Options& opt, bool summary) {
  koshin::Engine engine;
  std::vector<koshin::Error> errors;
  if (!load_rules(opt.rules_dir, engine, errors)) {
    print_errors(errors, std::cerr);
    return kExitRulesBroken;
  }
  std::string text;
  if (!read_situation(opt, text)) {
    std::cerr << "koshin: cannot read " << opt.situation_file << "\n";
    return kExitUsage;
  }
  const Json plan = engine.evaluate_text(text);
  const bool failed = !plan["errors"].empty();
  if (summary && !failed) {
    Words words;
    const fs::path pack = fs::path(opt.i18n_dir) / (opt.lang + ".json");
    if (!words.load(pack)) {
      std::cerr << "koshin: cannot read language pack " << pack << "\n";
      return kExitUsage;
    }
    print_summary(plan, words, opt.lang);
  } else {
    std::cout << koshin::write_json(plan, 2) << "\n";
  }
  return failed ? kExitInvalidInput : 0;
}

// Today's date in Japan (UTC+9, no daylight saving time), the day a resident's situation is for.
// The CLI may read the clock; the core never does.
koshin::Date today_in_japan() {
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(9);
  return koshin::Date{date::floor<date::days>(now)};
}

// The day the command is for: --today, else today's date in Japan. False (with a message) when
// --today is not a date.
bool today_option(const Options& opt, koshin::Date& out) {
  out = today_in_japan();
  if (opt.today.empty() || koshin::parse_iso_date(opt.today, out) == koshin::DateParse::ok) return true;
  std::cerr << "koshin: --today must be a date YYYY-MM-DD, not \"" << opt.today << "\"\n";
  return false;
}

int command_check_rules(const Options& opt) {
  if (opt.files.empty()) return usage();
  koshin::Date today;
  if (!today_option(opt, today)) return kExitUsage;
  koshin::Engine engine;
  struct Municipal {
    std::string file, text, id;
  };
  std::vector<Municipal> municipal;
  std::vector<koshin::Error> warnings;  // for files that load: stale last_verified or source pages
  std::vector<koshin::Error> errors;
  std::string national_file;
  for (const auto& f : opt.files) {
    std::string text;
    koshin::Diagnostics diag(f);
    if (!read_file(f, text)) {
      diag.add("file_unreadable", "", "a readable file");
      errors.insert(errors.end(), diag.errors().begin(), diag.errors().end());
      continue;
    }
    koshin::Diagnostics probe_diag(f);  // the file's errors come from the load below
    const auto probe = koshin::parse_json_text(text, probe_diag);
    const bool is_national = probe && probe->is_object() && probe->value("kind", "") == "national";
    if (is_national) {
      engine.load_national(text, diag);
      national_file = f;
      errors.insert(errors.end(), diag.errors().begin(), diag.errors().end());
    } else {
      const bool has_id = probe && probe->is_object() && probe->contains("id") && (*probe)["id"].is_string();
      municipal.push_back({f, std::move(text), has_id ? (*probe)["id"].get<std::string>() : std::string()});
    }
  }
  if (!engine.ready() && national_file.empty()) {
    const std::string path = (fs::path(opt.rules_dir) / "national.json").string();
    std::string text;
    koshin::Diagnostics diag(path);
    if (!read_file(path, text) || !engine.load_national(text, diag)) {
      if (diag.ok()) diag.add("file_unreadable", "", "a readable national rule file");
      errors.insert(errors.end(), diag.errors().begin(), diag.errors().end());
    }
  }
  auto warn = [&](const koshin::RuleFile* file, const std::string& name) {
    if (file == nullptr || !engine.ready()) return;
    for (auto w : koshin::rule_file_warnings(*file, *engine.national(), today)) {
      w.file = name;
      warnings.push_back(std::move(w));
    }
  };
  if (!national_file.empty()) warn(engine.national(), national_file);
  for (const auto& m : municipal) {
    koshin::Diagnostics diag(m.file);
    if (engine.load_municipality(m.text, diag)) warn(engine.municipality(m.id), m.file);
    errors.insert(errors.end(), diag.errors().begin(), diag.errors().end());
  }
  if (opt.json) {
    Json out = {{"ok", errors.empty()}, {"errors", Json::array()}, {"warnings", Json::array()}};
    for (const auto& e : errors) out["errors"].push_back(koshin::error_to_json(e));
    for (const auto& w : warnings) out["warnings"].push_back(koshin::error_to_json(w));
    std::cout << koshin::write_json(out, 2) << "\n";
  } else {
    print_errors(errors, std::cerr);
    print_errors(warnings, std::cerr, "warning: ");
    if (errors.empty()) {
      for (const auto& f : opt.files) std::cout << "ok " << f << "\n";
    }
  }
  return errors.empty() ? 0 : kExitRuleErrors;
}

// Language packs, each against the message grammar and, with --base, against the base pack; the
// locale is the file's name (i18n/pt-BR.json: pt-BR). The base itself, when listed, is checked alone.
int command_check_pack(const Options& opt) {
  if (opt.files.empty()) return usage();
  std::optional<Json> base;
  if (!opt.base.empty()) {
    koshin::Diagnostics diag(opt.base);
    std::string text;
    if (!read_file(opt.base, text)) {
      diag.add("file_unreadable", "", "a readable file");
    } else if ((base = koshin::parse_json_text(text, diag)) && !base->is_object()) {
      diag.add("wrong_type", "", "a language pack object, got " + koshin::json_type_name(*base));
    }
    if (!diag.ok()) {
      print_errors(diag.errors(), std::cerr);
      return kExitRuleErrors;
    }
  }
  std::vector<koshin::Error> errors;
  for (const auto& f : opt.files) {
    koshin::Diagnostics diag(f);
    std::string text;
    std::error_code ec;
    if (!read_file(f, text)) {
      diag.add("file_unreadable", "", "a readable file");
    } else {
      const bool is_base = base && fs::equivalent(f, opt.base, ec);
      koshin::check_pack(text, fs::path(f).stem().string(), base && !is_base ? &*base : nullptr, diag);
    }
    errors.insert(errors.end(), diag.errors().begin(), diag.errors().end());
  }
  print_errors(errors, std::cerr);
  if (errors.empty()) {
    for (const auto& f : opt.files) std::cout << "ok " << f << "\n";
  }
  return errors.empty() ? 0 : kExitRuleErrors;
}

// One date read as a situation's date fields read it: ISO or 和暦 text in, YYYY-MM-DD out.
int command_era(const Options& opt) {
  if (opt.files.size() != 1) return usage();
  koshin::Diagnostics diag;
  const auto d = koshin::read_situation_date(Json(opt.files[0]), "", diag);
  if (!d) {
    print_errors(diag.errors(), std::cerr);
    return kExitRuleErrors;
  }
  std::cout << koshin::format_iso_date(*d) << "\n";
  return 0;
}

int command_keys(const Options& opt) {
  koshin::Engine engine;
  std::vector<koshin::Error> errors;
  if (!load_rules(opt.rules_dir, engine, errors)) {
    print_errors(errors, std::cerr);
    return kExitRulesBroken;
  }
  std::vector<std::string> keys;
  for (auto k : koshin::core_message_keys()) keys.emplace_back(k);
  std::vector<const koshin::RuleFile*> files{engine.national()};
  for (const auto& id : engine.municipality_ids()) files.push_back(engine.municipality(id));
  for (const auto* f : files) {
    for (const auto& d : f->documents) {
      if (d.name.empty()) keys.push_back("doc." + d.id);
    }
    for (const auto& x : f->follow_ups) keys.push_back("followup." + x.id);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::cout << koshin::write_json(Json(keys), 2) << "\n";
  return 0;
}

int command_explain(const Options& opt) {
  if (opt.municipality.empty() || !opt.files.empty()) return usage();
  koshin::cli::ExplainOptions explain;
  explain.municipality = opt.municipality;
  explain.lang = opt.lang;
  explain.dot = opt.dot;
  if (!today_option(opt, explain.today)) return kExitUsage;
  koshin::Engine engine;
  std::vector<koshin::Error> errors;
  if (!load_rules(opt.rules_dir, engine, errors)) {
    print_errors(errors, std::cerr);
    return kExitRulesBroken;
  }
  if (engine.municipality(opt.municipality) == nullptr) {
    std::string known;
    for (const auto& id : engine.municipality_ids()) known += (known.empty() ? "" : ", ") + id;
    std::cerr << "koshin: unknown municipality \"" << opt.municipality << "\"; known: " << known << "\n";
    return kExitInvalidInput;
  }
  // Residents' words (documents, ID types, steps) and the staff sheet's headings and labels.
  Words words;
  for (const fs::path& pack :
       {fs::path(opt.i18n_dir) / (opt.lang + ".json"), fs::path(opt.i18n_dir) / "staff" / (opt.lang + ".json")}) {
    if (!words.load(pack)) {
      std::cerr << "koshin: cannot read language pack " << pack << "\n";
      return kExitUsage;
    }
  }
  return koshin::cli::explain(engine, words, explain, std::cout, std::cerr) ? 0 : kExitInvalidInput;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (argc < 2) return usage();
  opt.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    if (a == "--situation") {
      if (!value(opt.situation_file)) return usage();
    } else if (a == "--rules") {
      if (!value(opt.rules_dir)) return usage();
    } else if (a == "--i18n") {
      if (!value(opt.i18n_dir)) return usage();
    } else if (a == "--lang") {
      if (!value(opt.lang)) return usage();
    } else if (a == "--municipality") {
      if (!value(opt.municipality)) return usage();
    } else if (a == "--today") {
      if (!value(opt.today)) return usage();
    } else if (a == "--base") {
      if (!value(opt.base)) return usage();
    } else if (a == "--json") {
      opt.json = true;
    } else if (a == "--dot") {
      opt.dot = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage();
    } else {
      opt.files.push_back(a);
    }
  }
  if (opt.command == "eval") return command_eval(opt, false);
  if (opt.command == "summary") return command_eval(opt, true);
  if (opt.command == "check-rules") return command_check_rules(opt);
  if (opt.command == "check-pack") return command_check_pack(opt);
  if (opt.command == "era") return command_era(opt);
  if (opt.command == "keys") return command_keys(opt);
  if (opt.command == "explain") return command_explain(opt);
  return usage();
}
