// Shared by the libFuzzer targets (tests/fuzz/*_fuzz.cpp, docs/fuzzing.md): a property check that
// stops the run as a finding, and the shipped rules read once.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "koshin/evaluate.hpp"

#ifndef KOSHIN_SOURCE_DIR
#error "KOSHIN_SOURCE_DIR must name the source tree (tests/fuzz/CMakeLists.txt sets it)"
#endif

// A property that must hold for every input: when it does not, print it and abort, which
// libFuzzer reports as a crash and saves the input.
#define KOSHIN_FUZZ_CHECK(condition, what)                                                      \
  do {                                                                                          \
    if (!(condition)) {                                                                         \
      std::fprintf(stderr, "property failed: %s (%s:%d): %s\n", #condition, __FILE__, __LINE__, \
                   std::string(what).c_str());                                                  \
      std::abort();                                                                             \
    }                                                                                           \
  } while (false)

namespace koshin::fuzz {

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline const std::filesystem::path& source_dir() {
  static const std::filesystem::path dir = KOSHIN_SOURCE_DIR;
  return dir;
}

// rules/national.json and rules/municipalities/*.json, loaded once; aborts if they do not load.
inline const Engine& shipped_engine() {
  static const Engine engine = [] {
    Engine e;
    const auto dir = source_dir() / "rules";
    Diagnostics diag;
    e.load_national(read_text(dir / "national.json"), diag);
    for (const auto& f : std::filesystem::directory_iterator(dir / "municipalities")) {
      if (f.path().extension() == ".json") e.load_municipality(read_text(f.path()), diag);
    }
    KOSHIN_FUZZ_CHECK(diag.ok() && e.ready(), "the shipped rules load");
    return e;
  }();
  return engine;
}

// Every error of a plan or check is an object with a code, a pointer ("" or starting with '/')
// and its message key; at most Diagnostics::kMaxErrors + 1 of them.
inline void check_errors(const Json& errors) {
  KOSHIN_FUZZ_CHECK(errors.is_array(), "errors is an array");
  KOSHIN_FUZZ_CHECK(errors.size() <= Diagnostics::kMaxErrors + 1, "at most 51 errors");
  for (const auto& e : errors) {
    KOSHIN_FUZZ_CHECK(e.is_object() && e.contains("code") && e["code"].is_string(), "an error has a code");
    const std::string& code = e["code"].get_ref<const std::string&>();
    KOSHIN_FUZZ_CHECK(!code.empty(), "a code is not empty");
    KOSHIN_FUZZ_CHECK(e.contains("key") && e["key"] == "error." + code, "an error's key is error.<code>");
    KOSHIN_FUZZ_CHECK(e.contains("pointer") && e["pointer"].is_string(), "an error has a pointer");
    const std::string& pointer = e["pointer"].get_ref<const std::string&>();
    KOSHIN_FUZZ_CHECK(pointer.empty() || pointer[0] == '/', "a pointer is \"\" or starts with /: " + pointer);
  }
}

// A plan: an object with "errors"; with errors, no answer; without, a window that opens on or
// before it closes and at least one visit.
inline void check_plan(const Json& plan) {
  KOSHIN_FUZZ_CHECK(plan.is_object(), "a plan is an object");
  KOSHIN_FUZZ_CHECK(plan.contains("errors"), "a plan has errors");
  const Json& errors = plan["errors"];
  check_errors(errors);
  if (!errors.empty()) {
    KOSHIN_FUZZ_CHECK(!plan.contains("procedure") && !plan.contains("visits"), "no answer with errors");
    return;
  }
  KOSHIN_FUZZ_CHECK(plan.contains("procedure") && plan["procedure"].is_string(), "an answer has a procedure");
  KOSHIN_FUZZ_CHECK(plan.contains("window") && plan["window"].is_object(), "an answer has a window");
  const Json& window = plan["window"];
  KOSHIN_FUZZ_CHECK(window.contains("opens") && window["opens"].is_string() && window.contains("closes") &&
                        window["closes"].is_string(),
                    "a window has opens and closes");
  // ISO dates compare as strings.
  KOSHIN_FUZZ_CHECK(window["opens"].get<std::string>() <= window["closes"].get<std::string>(),
                    "the window opens on or before it closes");
  KOSHIN_FUZZ_CHECK(plan.contains("visits") && plan["visits"].is_array() && !plan["visits"].empty(),
                    "an answer has at least one visit");
}

}  // namespace koshin::fuzz
