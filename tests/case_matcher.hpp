// Case tables: tests/cases/*.json. One format for every runner (GoogleTest here; node and the
// browser later). See tests/cases/README.md for the format and the matchers.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "koshin/diagnostics.hpp"

namespace koshin::testing {

struct Case {
  std::string file;
  std::string name;
  Json situation;
  Json expect;  // JSON pointer -> expected value or matcher object
};

// GoogleTest prints a case by its file and name.
inline void PrintTo(const Case& c, std::ostream* os) { *os << c.file << ": " << c.name; }

// Reads every tests/cases/*.json below `dir`; a malformed case file is a failing case.
std::vector<Case> load_cases(const std::string& dir);

// Deep merge: `over` wins; a null in `over` removes the key.
Json merge(const Json& base, const Json& over);

// Checks one expectation against a plan; returns an empty string when it holds.
std::string check(const Json& plan, const std::string& pointer, const Json& expected);

}  // namespace koshin::testing
