// libFuzzer target: a rule file loaded into the engine. The first byte says which kind: 'N' loads
// the rest as the national file into a fresh engine (then the shipped municipalities over it);
// anything else loads the rest as a municipality over the shipped national file.
// Properties: loading never crashes and reports coded errors; a file that loads yields its
// warnings, and a fixed valid situation for it evaluates to a plan (fuzz_support.hpp's
// properties) whose only possible error is `rules_incomplete`: the situation itself is valid, so
// any other code would be a situation error caused by rule data, a bug.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "fuzz_support.hpp"
#include "koshin/json_text.hpp"

namespace {

using koshin::Json;

const std::string& text_of(const char* path) {
  static std::map<std::string, std::string> texts;
  auto& t = texts[path];
  if (t.empty()) t = koshin::fuzz::read_text(koshin::fuzz::source_dir() / path);
  return t;
}

void check_load(const koshin::Diagnostics& diag, bool loaded) {
  Json errors = Json::array();
  for (const auto& e : diag.errors()) errors.push_back(koshin::error_to_json(e));
  koshin::fuzz::check_errors(errors);
  KOSHIN_FUZZ_CHECK(loaded == diag.ok(), "a file loads exactly when it has no errors");
}

// The README's situation (an adult applying in person, every date as printed), for `municipality`.
Json situation(const std::string& municipality) {
  Json s = Json::object();
  s["today"] = "2024-07-15";
  s["municipality"] = municipality;
  s["certificates"] = Json{{"expiry", "2024-10-31"}};
  s["card"] = Json{{"expiry", "2029-10-31"}};
  s["holder"] = Json{{"birth_date", "1989-10-31"}};
  s["applicant"] = "self";
  return s;
}

void check_evaluation(const koshin::Engine& engine, const std::string& municipality) {
  const Json plan = engine.evaluate(situation(municipality));
  koshin::fuzz::check_plan(plan);
  for (const auto& e : plan["errors"]) {
    KOSHIN_FUZZ_CHECK(e["code"] == "rules_incomplete",
                      "a valid situation gets no error but rules_incomplete: " + e["code"].get<std::string>() + " at " +
                          e["pointer"].get<std::string>());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace koshin;
  if (size == 0) return 0;
  const bool national = data[0] == 'N';
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  const Date today{date::year{2024}, date::July, date::day{15}};
  Diagnostics diag("fuzzed.json");
  if (national) {
    Engine engine;
    const bool loaded = engine.load_national(text, diag);
    check_load(diag, loaded);
    if (!loaded) return 0;
    KOSHIN_FUZZ_CHECK(engine.ready(), "a loaded national file makes the engine ready");
    (void)rule_file_warnings(*engine.national(), *engine.national(), today);
    check_evaluation(engine, "other");
    for (const char* id : {"ise", "tokorozawa"}) {
      const std::string path = std::string("rules/municipalities/") + id + ".json";
      Diagnostics d(path);
      if (engine.load_municipality(text_of(path.c_str()), d)) check_evaluation(engine, id);
    }
    return 0;
  }
  // A municipality is loaded over the shipped national file. Loading the national file is most of
  // a run's time, so one engine that holds it serves many runs: a municipality's load reads only
  // the national file, and the run evaluates the id it has just loaded, so this is the same as a
  // fresh engine. It is replaced every 64 ids, which bounds its memory.
  static std::unique_ptr<Engine> shared;
  if (shared == nullptr || shared->municipality_ids().size() >= 64) {
    shared = std::make_unique<Engine>();
    Diagnostics national_diag;
    KOSHIN_FUZZ_CHECK(shared->load_national(text_of("rules/national.json"), national_diag),
                      "the shipped national file loads");
  }
  const auto ids_before = shared->municipality_ids();
  const bool loaded = shared->load_municipality(text, diag);
  check_load(diag, loaded);
  if (!loaded) {
    KOSHIN_FUZZ_CHECK(shared->municipality_ids() == ids_before, "a file that does not load changes nothing");
    return 0;
  }
  // The id just loaded: the one that is new, or (replacing one) the one the file names.
  Diagnostics probe;
  const auto parsed = parse_json_text(text, probe);
  KOSHIN_FUZZ_CHECK(parsed && parsed->is_object() && parsed->contains("id") && (*parsed)["id"].is_string(),
                    "a loaded municipality has a string id");
  const std::string id = (*parsed)["id"].get<std::string>();
  const RuleFile* file = shared->municipality(id);
  KOSHIN_FUZZ_CHECK(file != nullptr && file->id == id, "a loaded municipality is there under its id");
  const Engine& engine = *shared;
  (void)rule_file_warnings(*file, *engine.national(), today);
  check_evaluation(engine, id);
  return 0;
}
