// libFuzzer target: a language pack's JSON text through check_pack, alone and against the shipped
// en.json, each twice. Properties: the same verdict and errors both times (no hidden state);
// coded errors; and the base only adds problems: the errors of the check alone come first, in
// the same order, in the check against the base (while the list is not cut at 50).
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "koshin/json_text.hpp"
#include "koshin/pack_check.hpp"

namespace {

koshin::Json errors_of(const koshin::Diagnostics& diag) {
  koshin::Json out = koshin::Json::array();
  for (const auto& e : diag.errors()) out.push_back(koshin::error_to_json(e));
  return out;
}

const koshin::Json& base() {
  static const koshin::Json en = [] {
    koshin::Diagnostics diag;
    auto j = koshin::parse_json_text(koshin::fuzz::read_text(koshin::fuzz::source_dir() / "i18n/en.json"), diag);
    KOSHIN_FUZZ_CHECK(j.has_value() && j->is_object(), "en.json reads");
    return *j;
  }();
  return en;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace koshin;
  const std::string_view text = fuzz::as_text(data, size);
  // The locale: "xx", or "ja" (no Japanese-term rule) when the input's length is odd.
  const char* locale = size % 2 ? "ja" : "xx";
  Json alone[2];
  Json against[2];
  for (int run = 0; run < 2; ++run) {
    Diagnostics d1;
    const bool ok1 = check_pack(text, locale, nullptr, d1);
    KOSHIN_FUZZ_CHECK(ok1 == d1.ok(), "check_pack returns diag.ok()");
    alone[run] = errors_of(d1);
    Diagnostics d2;
    const bool ok2 = check_pack(text, locale, &base(), d2);
    KOSHIN_FUZZ_CHECK(ok2 == d2.ok(), "check_pack returns diag.ok() with a base");
    against[run] = errors_of(d2);
  }
  fuzz::check_errors(alone[0]);
  fuzz::check_errors(against[0]);
  KOSHIN_FUZZ_CHECK(alone[0] == alone[1], "the same errors twice");
  KOSHIN_FUZZ_CHECK(against[0] == against[1], "the same errors twice with a base");
  if (against[0].size() < Diagnostics::kMaxErrors) {
    KOSHIN_FUZZ_CHECK(alone[0].size() <= against[0].size(), "a base only adds problems");
    for (std::size_t i = 0; i < alone[0].size(); ++i) {
      KOSHIN_FUZZ_CHECK(alone[0][i] == against[0][i], "the problems of the pack alone come first");
    }
  }
  // Each string of the pack through the message parser directly (no JSON reader in between):
  // the result is either valid or a coded problem with a position.
  Diagnostics diag;
  if (const auto pack = parse_json_text(text, diag); pack && pack->is_object()) {
    for (const auto& item : pack->items()) {
      if (!item.value().is_string()) continue;
      MessageArguments args;
      MessageProblem problem;
      if (!check_message(item.value().get_ref<const std::string&>(), args, problem)) {
        KOSHIN_FUZZ_CHECK(problem.code != nullptr && problem.expected.find(" at character ") != std::string::npos,
                          "a problem has a code and a position");
      }
    }
  }
  // Raw bytes as one message, valid UTF-8 or not.
  MessageArguments args;
  MessageProblem problem;
  if (!check_message(text, args, problem)) KOSHIN_FUZZ_CHECK(problem.code != nullptr, "a problem has a code");
  return 0;
}
