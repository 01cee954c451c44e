// libFuzzer target: a situation's JSON text against the shipped rules (Engine::evaluate_text).
// Properties: always a plan object with an "errors" array of coded errors; errors => no answer;
// no errors => a window that opens on or before it closes and at least one visit; the plan
// written as JSON reads back as the same document.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "koshin/json_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace koshin;
  const Json plan = fuzz::shipped_engine().evaluate_text(fuzz::as_text(data, size));
  fuzz::check_plan(plan);
  Diagnostics diag;
  const auto back = parse_json_text(write_json(plan), diag);
  KOSHIN_FUZZ_CHECK(back.has_value() && *back == plan, "the plan reads back as written");
  return 0;
}
