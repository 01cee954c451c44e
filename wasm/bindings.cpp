// The core's Engine for JavaScript: JSON text in, JSON text out. Nothing else crosses the
// boundary: no C++ object, no exception (the core never throws). The one exception to "text out"
// is the plan, handed over as a view of its UTF-8 bytes (see evaluate()); wasm/engine.js decodes
// it, and nothing else sees wasm memory.
//
// Each module instance holds one Engine, reached through plain functions: an embind class would
// add its handle machinery (about 2.5 KB gzip of glue) for nothing, since wasm/engine.js creates
// one module instance per Engine anyway.
//
// Built twice (wasm/CMakeLists.txt): koshin-core for the page and the widget, and koshin-tools
// (KOSHIN_WASM_TOOLS), which adds checkPack for translators' and web teams' tooling and the tests
// without costing the widget its 7 KB gzip.
#include <emscripten/bind.h>

#include <optional>
#include <string>

#include "koshin/era.hpp"
#include "koshin/evaluate.hpp"
#include "koshin/json_text.hpp"
#include "koshin/pack_check.hpp"

namespace {

koshin::Engine engine;

// Each load parses the rule file once into typed rules and returns a JSON array of its errors
// ("[]" when it was loaded); evaluate() only reads them.
std::string load_national(const std::string& text, const std::string& file) {
  koshin::Diagnostics diag(file);
  engine.load_national(text, diag);
  return koshin::errors_text(diag);
}

std::string load_municipality(const std::string& text, const std::string& file) {
  koshin::Diagnostics diag(file);
  engine.load_municipality(text, diag);
  return koshin::errors_text(diag);
}

// The last plan, kept until the next evaluate(). JavaScript gets a Uint8Array over its bytes and
// decodes them with one TextDecoder call: returned as std::string, embind's glue first walked
// the 11-18 KB of every plan byte by byte in JavaScript, looking for NULs (about a fifth of an
// evaluation in Chromium).
std::string plan;

emscripten::val evaluate(const std::string& situation) {
  plan = engine.evaluate_to_json(situation);
  return emscripten::val(
      emscripten::typed_memory_view(plan.size(), reinterpret_cast<const unsigned char*>(plan.data())));
}

// A date written in a Japanese era (year 1 = 元年) as {"date": "YYYY-MM-DD"}, or
// {"error": "unknown_era" | "impossible" | "outside_era"}.
std::string date_from_era(const std::string& era, int year, int month, int day) {
  koshin::ObjectText out;
  const auto e = koshin::kEraNames.find(era);
  koshin::Date d;
  if (!e) {
    out.str("error", "unknown_era");
  } else if (const auto r = koshin::from_japanese_era(*e, year, month, day, d); r == koshin::EraParse::ok) {
    out.date("date", d);
  } else {
    out.str("error", r == koshin::EraParse::impossible ? "impossible" : "outside_era");
  }
  return out.take();
}

#ifdef KOSHIN_WASM_TOOLS
// A language pack checked as `koshin check-pack` does, against the base pack's text ("" = none):
// the JSON array of its errors. A base that is not JSON gives its own errors, with file "base".
std::string check_pack(const std::string& text, const std::string& locale, const std::string& base_text) {
  std::optional<koshin::Json> base;
  if (!base_text.empty()) {
    koshin::Diagnostics base_diag("base");
    base = koshin::parse_json_text(base_text, base_diag);
    if (!base) return koshin::errors_text(base_diag);
  }
  koshin::Diagnostics diag;
  koshin::check_pack(text, locale, base ? &*base : nullptr, diag);
  return koshin::errors_text(diag);
}
#endif

}  // namespace

EMSCRIPTEN_BINDINGS(koshin) {
  emscripten::function("loadNational", &load_national);
  emscripten::function("loadMunicipality", &load_municipality);
  emscripten::function("evaluate", &evaluate);
  emscripten::function("dateFromEra", &date_from_era);
#ifdef KOSHIN_WASM_TOOLS
  emscripten::function("checkPack", &check_pack);
#endif
}
