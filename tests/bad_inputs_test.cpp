// Malformed inputs as files (tests/bad-inputs/), each with every error it must give.
//
// One directory and one manifest per kind of input: tests/bad-inputs/<kind>/ holds the files and
// tests/bad-inputs/<kind>.json maps each file name to {"why": ..., "errors": [{"code", "pointer"}],
// "as": ...}; "as" says how a kind reads the file when it needs to know (rules: "national" or
// "municipality"). The list of errors is exact: a new, lost or reordered error fails, and so do a
// file without an entry and an entry without a file. tests/web/bad_inputs.browser.test.mjs runs
// the same files through the wasm build in Chromium. A new kind is one more row in kKinds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bad_input_files.inc"  // the list of files: adding or removing one rebuilds this test
#include "koshin/evaluate.hpp"
#include "koshin/json_text.hpp"
#include "test_support.hpp"

namespace koshin {
namespace {

const std::string kDir = KOSHIN_SOURCE_DIR "/tests/bad-inputs/";

// What one input gave, or why it could not be run (`problem`).
struct Outcome {
  std::vector<Error> errors;
  std::string problem;
};

// A situation, evaluated with the shipped rules. The plan of a refused situation has no answer.
Outcome run_situation(const std::string& text, const std::string&, const Json&) {
  static const std::set<std::string> kRefusedPlan = {"format", "rule_set", "errors", "today", "municipality"};
  const Json plan = testing::shipped_engine().evaluate_text(text);
  Outcome out;
  for (const auto& [key, value] : plan.items()) {
    if (kRefusedPlan.count(key) == 0) out.problem += "the refused plan has \"" + key + "\"; ";
  }
  if (!plan.contains("errors") || !plan["errors"].is_array()) return {{}, "a plan without \"errors\""};
  for (const auto& e : plan["errors"]) {
    out.errors.push_back(Error{e["code"].get<std::string>(), e["pointer"].get<std::string>(),
                               e.value("expected", std::string()), e.value("file", std::string())});
    if (e["key"] != "error." + out.errors.back().code) out.problem += "a key that is not error.<code>; ";
  }
  return out;
}

// A rule file: "as": "national" loads it as the national file of an empty engine; "municipality"
// after the shipped national.json.
Outcome run_rule_file(const std::string& text, const std::string& file, const Json& entry) {
  static Engine with_national = [] {
    Engine e;
    Diagnostics diag;
    e.load_national(testing::read_text(KOSHIN_SOURCE_DIR "/rules/national.json"), diag);
    return e;
  }();
  const std::string as = entry.value("as", std::string());
  Outcome out;
  Diagnostics diag(file);
  bool loaded = false;
  if (as == "national") {
    Engine engine;
    loaded = engine.load_national(text, diag);
  } else if (as == "municipality") {
    if (!with_national.ready()) return {{}, "the shipped national.json did not load"};
    loaded = with_national.load_municipality(text, diag);
  } else {
    return {{}, "\"as\" must be \"national\" or \"municipality\""};
  }
  if (loaded != diag.ok()) out.problem += "loaded with errors, or refused without any; ";
  for (const auto& e : diag.errors()) {
    if (e.file != file) out.problem += "an error names the file \"" + e.file + "\"; ";
  }
  out.errors = diag.errors();
  return out;
}

struct Kind {
  const char* name;     // tests/bad-inputs/<name>/ and tests/bad-inputs/<name>.json
  std::size_t minimum;  // files it must have at least
  Outcome (*run)(const std::string& text, const std::string& file, const Json& entry);
};

const Kind kKinds[] = {
    {"situations", 30, run_situation},
    {"rules", 25, run_rule_file},
};
constexpr std::size_t kMinimumInAll = 60;

struct Manifest {
  Json files = Json::object();
  std::string problem;  // unreadable or malformed
};

const Manifest& manifest(const std::string& kind) {
  static std::map<std::string, Manifest> cache;
  auto [it, fresh] = cache.try_emplace(kind);
  if (!fresh) return it->second;
  Diagnostics diag;
  const auto j = parse_json_text(testing::read_text(kDir + kind + ".json"), diag);
  if (!j) {
    it->second.problem = kind + ".json: " + diag.errors().front().code + " " + diag.errors().front().expected;
  } else if (!j->is_object() || !j->contains("files") || !(*j)["files"].is_object()) {
    it->second.problem = kind + ".json: an object with \"files\" expected";
  } else {
    it->second.files = (*j)["files"];
  }
  return it->second;
}

std::vector<std::string> files_of(const std::string& kind) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& f : std::filesystem::directory_iterator(kDir + kind, ec)) {
    names.push_back(f.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// An entry's shape: "why" a line of text, "errors" a list of {code, pointer}, "as" a string.
std::string entry_problem(const Json& entry) {
  if (!entry.is_object()) return "the entry is not an object";
  for (const auto& [key, value] : entry.items()) {
    if (key != "why" && key != "errors" && key != "as") return "unknown field \"" + key + "\"";
  }
  if (!entry.contains("why") || !entry["why"].is_string() || entry["why"].get<std::string>().empty()) {
    return "no \"why\"";
  }
  if (entry.contains("as") && !entry["as"].is_string()) return "\"as\" is not a string";
  if (!entry.contains("errors") || !entry["errors"].is_array() || entry["errors"].empty()) {
    return "no \"errors\" (a bad input has at least one)";
  }
  for (const auto& e : entry["errors"]) {
    if (!e.is_object() || e.size() != 2 || !e.contains("code") || !e["code"].is_string() || !e.contains("pointer") ||
        !e["pointer"].is_string()) {
      return "each error is {\"code\": ..., \"pointer\": ...}";
    }
  }
  return "";
}

std::string listed(const std::vector<std::pair<std::string, std::string>>& errors) {
  std::string out;
  for (const auto& [code, pointer] : errors) {
    out += "\n        " + write_json(Json{{"code", code}, {"pointer", pointer}});
  }
  return out.empty() ? " (none)" : out;
}

struct BadInput {
  const Kind* kind;
  std::string file;
};

void PrintTo(const BadInput& c, std::ostream* os) { *os << c.kind->name << "/" << c.file; }

class BadInputs : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputs, GiveExactlyTheListedErrors) {
  const BadInput& c = GetParam();
  const Manifest& m = manifest(c.kind->name);
  ASSERT_EQ(m.problem, "");
  ASSERT_TRUE(m.files.contains(c.file)) << c.file << " has no entry in tests/bad-inputs/" << c.kind->name << ".json";
  const Json& entry = m.files[c.file];
  ASSERT_EQ(entry_problem(entry), "");
  const std::filesystem::path path = kDir + c.kind->name + "/" + c.file;
  ASSERT_TRUE(std::filesystem::is_regular_file(path)) << "the manifest lists " << c.file << ", which is not there";

  const Outcome out = c.kind->run(testing::read_text(path), c.file, entry);
  EXPECT_EQ(out.problem, "");
  std::vector<std::pair<std::string, std::string>> want, got;
  for (const auto& e : entry["errors"]) {
    want.emplace_back(e["code"].get<std::string>(), e["pointer"].get<std::string>());
  }
  for (const auto& e : out.errors) {
    got.emplace_back(e.code, e.pointer);
    EXPECT_FALSE(e.expected.empty()) << e.code << " at " << e.pointer << " does not say what was expected";
  }
  EXPECT_TRUE(got == want) << c.file << " (" << entry["why"].get<std::string>() << ")\n  listed:" << listed(want)
                           << "\n  given:" << listed(got);
}

// Every file of every kind, and every manifest entry without its file.
std::vector<BadInput> bad_inputs() {
  std::vector<BadInput> out;
  for (const Kind& kind : kKinds) {
    std::set<std::string> names;
    for (const auto& f : files_of(kind.name)) names.insert(f);
    for (const auto& [name, entry] : manifest(kind.name).files.items()) names.insert(name);
    for (const auto& n : names) out.push_back({&kind, n});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Files, BadInputs, ::testing::ValuesIn(bad_inputs()),
                         [](const ::testing::TestParamInfo<BadInput>& info) {
                           std::string n = std::string(info.param.kind->name) + "_" + info.param.file;
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

TEST(BadInputs, EnoughOfEachKind) {
  std::size_t all = 0;
  for (const Kind& kind : kKinds) {
    const std::size_t n = files_of(kind.name).size();
    EXPECT_GE(n, kind.minimum) << kind.name;
    all += n;
  }
  EXPECT_GE(all, kMinimumInAll);
}

}  // namespace
}  // namespace koshin
