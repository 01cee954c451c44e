#include "case_matcher.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

namespace koshin::testing {

namespace fs = std::filesystem;

Json merge(const Json& base, const Json& over) {
  if (!base.is_object() || !over.is_object()) return over;
  Json out = base;
  for (const auto& item : over.items()) {
    if (item.value().is_null()) {
      out.erase(item.key());
    } else if (out.contains(item.key())) {
      out[item.key()] = merge(out[item.key()], item.value());
    } else {
      out[item.key()] = item.value();
    }
  }
  return out;
}

std::vector<Case> load_cases(const std::string& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Case> cases;
  for (const auto& f : files) {
    std::ifstream in(f);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string rel = fs::relative(f, dir).string();
    Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("cases") || !j["cases"].is_array()) {
      cases.push_back({rel, "file is a valid case table", Json(nullptr), Json::object()});
      continue;
    }
    const Json defaults = j.value("defaults", Json::object());
    for (const auto& c : j["cases"]) {
      cases.push_back({rel, c.value("name", "(unnamed)"), merge(defaults, c.value("situation", Json::object())),
                       c.value("expect", Json::object())});
    }
  }
  return cases;
}

namespace {

std::vector<std::string> field_of_each(const Json& array, const char* field) {
  std::vector<std::string> out;
  for (const auto& x : array) {
    if (x.is_object() && x.contains(field) && x[field].is_string()) out.push_back(x[field].get<std::string>());
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return "[" + out + "]";
}

}  // namespace

std::string check(const Json& plan, const std::string& pointer, const Json& expected) {
  const Json::json_pointer ptr(pointer);
  const bool present = plan.contains(ptr);
  if (expected.is_object() && expected.contains("$absent")) {
    return present ? pointer + ": expected absent, got " + plan[ptr].dump() : "";
  }
  if (!present) return pointer + ": missing in plan";
  const Json& actual = plan[ptr];
  if (!expected.is_object() || expected.empty() || expected.begin().key().rfind('$', 0) != 0) {
    return actual == expected ? "" : pointer + ": expected " + expected.dump() + ", got " + actual.dump();
  }
  for (const auto& m : expected.items()) {
    const std::string& op = m.key();
    if (op == "$length") {
      if (!actual.is_array() || actual.size() != m.value().get<std::size_t>()) {
        return pointer + ": expected length " + m.value().dump() + ", got " + actual.dump();
      }
    } else if (op == "$ids" || op == "$includes_ids" || op == "$excludes_ids" || op == "$keys_include" ||
               op == "$keys_exclude") {
      if (!actual.is_array()) return pointer + ": expected an array, got " + actual.dump();
      const char* field = op.find("keys") != std::string::npos ? "key" : "id";
      const auto got = field_of_each(actual, field);
      const std::set<std::string> have(got.begin(), got.end());
      std::vector<std::string> want;
      for (const auto& x : m.value()) want.push_back(x.get<std::string>());
      if (op == "$ids" && (std::set<std::string>(want.begin(), want.end()) != have || want.size() != got.size())) {
        return pointer + ": expected ids " + join(want) + ", got " + join(got);
      }
      for (const auto& w : want) {
        const bool has = have.count(w) != 0;
        if ((op == "$includes_ids" || op == "$keys_include") && !has)
          return pointer + ": missing " + w + " in " + join(got);
        if ((op == "$excludes_ids" || op == "$keys_exclude") && has) return pointer + ": unexpected " + w;
      }
    } else if (op == "$dates") {
      if (!actual.is_array()) return pointer + ": expected an array, got " + actual.dump();
      const auto got = field_of_each(actual, "date");
      std::vector<std::string> want;
      for (const auto& x : m.value()) want.push_back(x.get<std::string>());
      if (got != want) return pointer + ": expected dates " + join(want) + ", got " + join(got);
    } else {
      return pointer + ": unknown matcher " + op;
    }
  }
  return "";
}

}  // namespace koshin::testing
