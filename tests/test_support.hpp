// Shared by the test suites: the shipped rule set, loaded once.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "koshin/evaluate.hpp"

namespace koshin::testing {

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A JSON file of the source tree (tables, packs, rule files), by its path from the top.
inline Json source_json(const std::string& path) { return Json::parse(read_text(KOSHIN_SOURCE_DIR "/" + path)); }

inline const Engine& shipped_engine() {
  static const Engine engine = [] {
    Engine e;
    const std::filesystem::path dir = KOSHIN_SOURCE_DIR "/rules";
    Diagnostics diag;
    e.load_national(read_text(dir / "national.json"), diag);
    for (const auto& f : std::filesystem::directory_iterator(dir / "municipalities")) {
      if (f.path().extension() == ".json") e.load_municipality(read_text(f.path()), diag);
    }
    return e;
  }();
  return engine;
}

}  // namespace koshin::testing
