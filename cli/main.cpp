// koshin: the command-line front of the rules core.
//
//   koshin eval [--situation FILE] [--rules DIR]      situation JSON (stdin by default) -> plan JSON
//   koshin summary [--situation FILE] [--lang en|ja]   the same plan, as readable text
//   koshin check-rules [--rules DIR] FILE...           validate rule files
//   koshin keys                                        message keys the core and rules can emit
//
// Exit status: 0 ok; 1 rule files with errors (check-rules); 2 invalid input (the plan's
// "errors" says what and where); 3 the rule set itself could not be loaded; 64 bad usage.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "koshin/evaluate.hpp"
#include "koshin/json_text.hpp"

#ifndef KOSHIN_DEFAULT_RULES_DIR
#define KOSHIN_DEFAULT_RULES_DIR "rules"
#endif
#ifndef KOSHIN_DEFAULT_I18N_DIR
#define KOSHIN_DEFAULT_I18N_DIR "i18n"
#endif

namespace fs = std::filesystem;
using koshin::Json;

namespace {

constexpr int kExitRuleErrors = 1;
constexpr int kExitInvalidInput = 2;
constexpr int kExitRulesBroken = 3;
constexpr int kExitUsage = 64;

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

struct Options {
  std::string command;
  std::string situation_file;
  std::string rules_dir = KOSHIN_DEFAULT_RULES_DIR;
  std::string i18n_dir = KOSHIN_DEFAULT_I18N_DIR;
  std::string lang = "en";
  bool json = false;
  std::vector<std::string> files;
};

int usage() {
  std::cerr << "usage: koshin eval [--situation FILE] [--rules DIR]\n"
               "       koshin summary [--situation FILE] [--rules DIR] [--lang en|ja]\n"
               "       koshin check-rules [--rules DIR] [--json] FILE...\n"
               "       koshin keys [--rules DIR]\n";
  return kExitUsage;
}

void print_errors(const std::vector<koshin::Error>& errors, std::ostream& out) {
  for (const auto& e : errors) {
    out << (e.file.empty() ? "<input>" : e.file) << ": " << (e.pointer.empty() ? "/" : e.pointer) << ": " << e.code;
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

// --- summary: the plan in words from an i18n pack ("key": "text {param}"; the messages the
// summary uses take plain and typed arguments only, no plural or select) ----------------------
class Words {
 public:
  bool load(const fs::path& path) {
    std::string text;
    if (!read_file(path, text)) return false;
    koshin::Diagnostics diag(path.string());
    auto j = koshin::parse_json_text(text, diag);
    if (!j || !j->is_object()) return false;
    pack_ = std::move(*j);
    return true;
  }
  std::string operator()(const std::string& key, const Json& params = Json::object()) const {
    const auto it = pack_.find(key);
    if (it == pack_.end() || !it->is_string()) return "[" + key + "]";
    std::string out;
    const std::string& msg = it->get_ref<const std::string&>();
    for (std::size_t i = 0; i < msg.size(); ++i) {
      const auto close = msg.find('}', i);
      if (msg[i] == '{' && close != std::string::npos) {
        // {name} or a typed {name, date}: the CLI writes every value as the plan has it (ISO dates).
        std::string name = msg.substr(i + 1, close - i - 1);
        name = name.substr(0, name.find(','));
        const auto p = params.find(name);
        out += p == params.end() ? "{" + name + "}" : (p->is_string() ? p->get<std::string>() : koshin::write_json(*p));
        i = close;
      } else {
        out += msg[i];
      }
    }
    return out;
  }

 private:
  Json pack_ = Json::object();
};

std::string text_in(const Json& local, const std::string& lang) {
  if (!local.is_object()) return {};
  if (local.contains(lang) && local[lang].is_string()) return local[lang].get<std::string>();
  if (local.contains("ja") && local["ja"].is_string()) return local["ja"].get<std::string>();
  return {};
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
  if (!plan["warnings"].empty()) std::cout << "\n" << w("summary.warnings") << "\n";
  for (const auto& x : plan["warnings"]) {
    std::cout << "  ! " << w(x["key"].get<std::string>(), x.value("params", Json::object())) << "\n";
  }
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

int command_check_rules(const Options& opt) {
  if (opt.files.empty()) return usage();
  koshin::Engine engine;
  std::vector<std::pair<std::string, std::string>> municipal;
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
      municipal.emplace_back(f, std::move(text));
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
  for (const auto& [name, text] : municipal) {
    koshin::Diagnostics diag(name);
    engine.load_municipality(text, diag);
    errors.insert(errors.end(), diag.errors().begin(), diag.errors().end());
  }
  if (opt.json) {
    Json out = {{"ok", errors.empty()}, {"errors", Json::array()}};
    for (const auto& e : errors) out["errors"].push_back(koshin::error_to_json(e));
    std::cout << koshin::write_json(out, 2) << "\n";
  } else {
    print_errors(errors, std::cerr);
    if (errors.empty()) {
      for (const auto& f : opt.files) std::cout << "ok " << f << "\n";
    }
  }
  return errors.empty() ? 0 : kExitRuleErrors;
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
    } else if (a == "--json") {
      opt.json = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage();
    } else {
      opt.files.push_back(a);
    }
  }
  if (opt.command == "eval") return command_eval(opt, false);
  if (opt.command == "summary") return command_eval(opt, true);
  if (opt.command == "check-rules") return command_check_rules(opt);
  if (opt.command == "keys") return command_keys(opt);
  return usage();
}
