// `koshin explain`: a municipality's rules as a review sheet for its staff.
//
// The sheet is not a second reading of the rule file: it builds a fixed set of situations (each
// procedure x applicant x holder class, dated around `today`), evaluates each with
// Engine::evaluate_text exactly as a resident's situation is, and prints what the plans say.
// Holder classes whose plans read the same are shown once. Words come from the packs.
#pragma once

#include <ostream>
#include <string>

#include "koshin/date.hpp"
#include "koshin/evaluate.hpp"
#include "words.hpp"

namespace koshin::cli {

struct ExplainOptions {
  std::string municipality;  // a loaded municipality id
  std::string lang = "en";   // for the rule data's own text (Japanese when it has no translation)
  Date today{};              // the situations are built around this day
  bool dot = false;          // a Graphviz digraph instead of Markdown
};

// Writes the sheet to `out`. False (nothing written to `out`) when an evaluation returned errors:
// they are written to `err` with the situation that caused them.
bool explain(const Engine& engine, const Words& words, const ExplainOptions& options, std::ostream& out,
             std::ostream& err);

}  // namespace koshin::cli
