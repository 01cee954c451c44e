// The size floor of the widget's wasm: the same four functions as wasm/bindings.cpp, with the same
// signatures and build options, doing nothing a rules core does. What this module weighs (wasm and
// glue) is what embind, libc++'s strings and the allocator cost before any of koshin's own code;
// tests/bench/wasm_parts.mjs compares it with the real module. Built only on request:
//   cmake --build build-wasm --target koshin_floor_wasm
#include <emscripten/bind.h>

#include <string>

namespace {

std::string plan;

std::string load(const std::string& text, const std::string& file) { return text.empty() ? file : "[]"; }

emscripten::val evaluate(const std::string& situation) {
  plan = situation;
  return emscripten::val(
      emscripten::typed_memory_view(plan.size(), reinterpret_cast<const unsigned char*>(plan.data())));
}

std::string date_from_era(const std::string& era, int year, int month, int day) {
  return era + std::to_string(year * 10000 + month * 100 + day);
}

}  // namespace

EMSCRIPTEN_BINDINGS(koshin_floor) {
  emscripten::function("loadNational", &load);
  emscripten::function("loadMunicipality", &load);
  emscripten::function("evaluate", &evaluate);
  emscripten::function("dateFromEra", &date_from_era);
}
