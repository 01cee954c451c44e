// Errors with stable codes and JSON pointers, and a checked JSON reader.
//
// nlohmann/json is built with JSON_NOEXCEPTION, so a wrong-type access would abort. Every read
// of input (situations, rule files) goes through ObjectReader, which checks the type first and
// records an Error instead. The table of codes is docs/errors.md.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "koshin/date.hpp"

namespace koshin {

using Json = nlohmann::ordered_json;  // keeps the documented field order in plans

struct Error {
  std::string code;      // stable, snake_case; see docs/errors.md
  std::string pointer;   // RFC 6901 pointer into the input ("" = the whole document)
  std::string expected;  // what was expected, for people who edit the file (technical, not UI)
  std::string file;      // rule file name; empty for situations
  std::string key() const { return "error." + code; }  // message key for language packs
};

Json error_to_json(const Error& e);

// Collects the errors of one input. At most kMaxErrors are kept (a hostile input must not
// make the error list itself the problem); the last one is then `too_many_errors`.
class Diagnostics {
 public:
  static constexpr std::size_t kMaxErrors = 50;
  explicit Diagnostics(std::string file = {}) : file_(std::move(file)) {}
  // Codes are literals. The overloads for literal pointers and texts build those strings here,
  // not at each of the many call sites (which was a good part of the wasm build's code).
  void add(const char* code, const std::string& pointer, std::string expected);
  void add(const char* code, const std::string& pointer, const char* expected);
  void add(const char* code, const char* pointer, const char* expected);
  bool ok() const { return errors_.empty(); }
  const std::vector<Error>& errors() const { return errors_; }
  std::vector<Error>& errors() { return errors_; }

 private:
  std::string file_;
  std::vector<Error> errors_;
};

// Appends one reference token to a JSON pointer, escaping '~' and '/'.
std::string pointer_append(const std::string& pointer, std::string_view token);
std::string pointer_append(const std::string& pointer, std::size_t index);

// One closed enumeration: the accepted strings, in order of the enum's values.
template <class E>
struct EnumNames {
  std::initializer_list<std::pair<std::string_view, E>> names;
  std::string expected() const {
    std::string out = "one of:";
    for (const auto& n : names) {
      out += ' ';
      out += n.first;
    }
    return out;
  }
  std::optional<E> find(std::string_view s) const {
    for (const auto& n : names) {
      if (n.first == s) return n.second;
    }
    return std::nullopt;
  }
  std::string_view name(E e) const {
    for (const auto& n : names) {
      if (n.second == e) return n.first;
    }
    return {};
  }
};

// Reads one JSON object; every accessor marks its key as known. finish() reports the others.
class ObjectReader {
 public:
  ObjectReader(const Json* j, const std::string& pointer, Diagnostics& diag);
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;
  ObjectReader(ObjectReader&&) = default;
  ~ObjectReader() = default;

  bool valid() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }

  // Keys are mostly literals and taken as `const char*`: a std::string_view parameter cost a
  // call to its constructor at each of the many call sites in the wasm build. child(), get() and
  // array() also take keys that come from the document itself.
  std::string child(std::string_view key) const { return pointer_append(pointer_, key); }
  std::string child(const char* key) const;
  bool has(const char* key) const;

  // Raw access (the key becomes known). `required` adds `missing_field` when absent.
  const Json* get(std::string_view key, bool required);
  const Json* get(const char* key, bool required) { return get(std::string_view(key), required); }

  // The string in the document (nullptr when absent or not a string): no copy, no optional to
  // destroy at each call site.
  const std::string* string(const char* key, bool required);
  std::optional<bool> boolean(const char* key, bool required);
  std::optional<long long> integer(const char* key, bool required, long long min, long long max);
  std::optional<Date> date(const char* key, bool required);
  template <class E>
  std::optional<E> enumeration(const char* key, bool required, const EnumNames<E>& names) {
    const std::string* s = string(key, required);
    if (s == nullptr) return std::nullopt;
    if (auto e = names.find(*s)) return e;
    diag_.add("unknown_value", child(key), names.expected());
    return std::nullopt;
  }
  ObjectReader object(const char* key, bool required);
  // An array's elements, with their pointers; wrong type -> error and empty. A plain struct, not
  // a std::pair: structured bindings to a pair call std::get at each loop in the wasm build.
  struct Element {
    const Json* value;
    std::string pointer;
  };
  std::vector<Element> array(std::string_view key, bool required);
  std::vector<Element> array(const char* key, bool required) { return array(std::string_view(key), required); }

  // Reports `unknown_field` for every key no accessor asked for.
  void finish();

  Diagnostics& diagnostics() { return diag_; }

 private:
  const Json* object_ = nullptr;
  std::string pointer_;
  Diagnostics& diag_;
  std::set<std::string> known_;  // the same set type as elsewhere: one instantiation in the build
};

// Reads a value that must be a string / date (used for array elements). read_string() returns the
// string in `j` itself (nullptr after an error).
const std::string* read_string(const Json& j, const std::string& pointer, Diagnostics& diag);
std::optional<Date> read_date(const Json& j, const std::string& pointer, Diagnostics& diag);

std::string json_type_name(const Json& j);

}  // namespace koshin
