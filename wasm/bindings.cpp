// The core's Engine for JavaScript: JSON text in, JSON text out. Nothing else crosses the
// boundary: no C++ object, no exception (the core never throws), no pointer into wasm memory.
//
// Each module instance holds one Engine, reached through plain functions: an embind class would
// add its handle machinery (about 2.5 KB gzip of glue) for nothing, since wasm/engine.js creates
// one module instance per Engine anyway.
#include <emscripten/bind.h>

#include <string>

#include "koshin/evaluate.hpp"
#include "koshin/json_text.hpp"

namespace {

koshin::Engine engine;

std::string errors_text(const koshin::Diagnostics& diag) {
  koshin::Json out = koshin::Json::array();
  for (const auto& e : diag.errors()) out.push_back(koshin::error_to_json(e));
  return koshin::write_json(out);
}

// Each load parses the rule file once into typed rules and returns a JSON array of its errors
// ("[]" when it was loaded); evaluate() only reads them.
std::string load_national(const std::string& text, const std::string& file) {
  koshin::Diagnostics diag(file);
  engine.load_national(text, diag);
  return errors_text(diag);
}

std::string load_municipality(const std::string& text, const std::string& file) {
  koshin::Diagnostics diag(file);
  engine.load_municipality(text, diag);
  return errors_text(diag);
}

std::string evaluate(const std::string& situation) { return koshin::write_json(engine.evaluate_text(situation)); }

}  // namespace

EMSCRIPTEN_BINDINGS(koshin) {
  emscripten::function("loadNational", &load_national);
  emscripten::function("loadMunicipality", &load_municipality);
  emscripten::function("evaluate", &evaluate);
}
