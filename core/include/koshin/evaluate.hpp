// Evaluating a situation against the rules: the plan.
//
// Engine holds the national rules and the municipalities' rules, each parsed once. evaluate()
// never throws and never reads a clock: bad input gives a plan whose "errors" say what and where.
// The plan's shape is documented in docs/plan.md.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "koshin/diagnostics.hpp"
#include "koshin/rules.hpp"
#include "koshin/situation.hpp"

namespace koshin {

class Engine {
 public:
  // Loads the national rule file; must come before any municipality. Returns false on errors.
  bool load_national(std::string_view text, Diagnostics& diag);
  // Loads (or replaces) one municipality's rule file.
  bool load_municipality(std::string_view text, Diagnostics& diag);

  bool ready() const { return national_ != nullptr; }
  const RuleFile* national() const { return national_.get(); }
  const RuleFile* municipality(const std::string& id) const;
  std::vector<std::string> municipality_ids() const;

  // Evaluates a parsed situation / JSON text. Always returns a plan object with "errors".
  Json evaluate(const Json& situation) const;
  Json evaluate_text(std::string_view situation_json) const;
  // The same plan as write_json(evaluate_text(situation_json)): the text the plan is written as
  // (what the wasm build returns); evaluate() and evaluate_text() read it back.
  std::string evaluate_to_json(std::string_view situation_json) const;

 private:
  // The plan's text; `situation` is null when it was not JSON (diag says why).
  std::string write_plan(const Json* situation, Diagnostics& diag) const;

  std::unique_ptr<RuleFile> national_;
  std::map<std::string, std::unique_ptr<RuleFile>> municipalities_;
  // The plan's "rule_set" for the national rules alone ("") and for each municipality, written
  // as JSON text once at load: it is the same for every evaluation.
  std::map<std::string, std::string> rule_sets_;
};

// The message keys the core can emit (including "status.<status>" and "procedure.<procedure>"),
// other than those built from rule-data ids ("doc.<id>", "followup.<id>") and error codes
// ("error.<code>").
const std::vector<std::string>& core_message_keys();

}  // namespace koshin
