// The core's Engine for JavaScript: JSON text in, JSON text out. Nothing else crosses the
// boundary: no C++ object, no exception (the core never throws), no pointer into wasm memory.
#include <emscripten/bind.h>

#include <string>

#include "koshin/evaluate.hpp"
#include "koshin/json_text.hpp"

namespace {

std::string errors_text(const koshin::Diagnostics& diag) {
  koshin::Json out = koshin::Json::array();
  for (const auto& e : diag.errors()) out.push_back(koshin::error_to_json(e));
  return koshin::write_json(out);
}

// Each load parses the rule file once into typed rules; evaluate() only reads them.
class WasmEngine {
 public:
  // Both loads return a JSON array of errors ("[]" when the file was loaded).
  std::string loadNational(const std::string& text, const std::string& file) {
    koshin::Diagnostics diag(file);
    engine_.load_national(text, diag);
    return errors_text(diag);
  }
  std::string loadMunicipality(const std::string& text, const std::string& file) {
    koshin::Diagnostics diag(file);
    engine_.load_municipality(text, diag);
    return errors_text(diag);
  }
  std::string evaluate(const std::string& situation) const { return koshin::write_json(engine_.evaluate_text(situation)); }
  std::string municipalityIds() const { return koshin::write_json(koshin::Json(engine_.municipality_ids())); }

 private:
  koshin::Engine engine_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(koshin) {
  emscripten::class_<WasmEngine>("Engine")
      .constructor<>()
      .function("loadNational", &WasmEngine::loadNational)
      .function("loadMunicipality", &WasmEngine::loadMunicipality)
      .function("evaluate", &WasmEngine::evaluate)
      .function("municipalityIds", &WasmEngine::municipalityIds);
}
