// JSON text in and out, for every document the core reads (situations, rule files) and writes
// (plans, error lists).
//
// nlohmann/json stays the document type; these two functions replace its parser and serializer.
// They are small (the wasm build carries no strtod, no printf, no template lexer) and they never
// abort: nlohmann's serializer aborts on invalid UTF-8 when built with JSON_NOEXCEPTION. Plans are
// written without a document at all, by ObjectText and ArrayText (below), with the same escaping.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "koshin/date.hpp"
#include "koshin/diagnostics.hpp"

namespace koshin {

// Parses JSON text (RFC 8259, UTF-8, an optional leading byte order mark).
//
// On failure records `invalid_json` ("parse failed near byte N", N counting from 1, the byte at
// which the text stopped being JSON; a text cut short gives its length + 1) or, for a text of
// nothing but whitespace after an optional byte order mark, `empty_input`; and a key given twice
// in one object records `duplicate_key` with its JSON pointer. The positions are the ones
// nlohmann's parser reports, checked against it in tests/json_text_test.cpp.
//
// Integers that fit keep their sign class (number_unsigned for 0 and up, number_integer below),
// larger ones become number_float, like nlohmann. Fractions are read to about 15 significant
// digits: no rule or situation field takes a fraction, so they only ever meet a type check.
std::optional<Json> parse_json_text(std::string_view text, Diagnostics& diag);

// Writes `j` as nlohmann's dump(indent) would: compact when indent < 0, else one member per line.
// Strings are written as UTF-8 with the JSON escapes; a byte that is not valid UTF-8 is written
// as U+FFFD instead of aborting.
std::string write_json(const Json& j, int indent = -1);

// Writers of JSON text, for the plans: members and elements are written as they are added, in
// order, with write_json's escaping, so a plan never exists as a document tree. A nested object
// or array is written in its own writer and then added whole. Keys are not checked for repeats:
// the caller adds each once.
class ArrayText;

class ObjectText {
 public:
  ObjectText() = default;
  ObjectText(const ObjectText&) = default;
  ObjectText(ObjectText&&) = default;
  ObjectText& operator=(const ObjectText&) = default;
  ObjectText& operator=(ObjectText&&) = default;
  ~ObjectText();  // leaves its buffer for the next writer

  // Literals and std::string directly: converting them to std::string_view cost a call at each
  // call site in the wasm build.
  ObjectText& str(const char* key, std::string_view value);
  ObjectText& str(const char* key, const char* value);
  ObjectText& str(const char* key, const std::string& value);
  ObjectText& date(const char* key, Date value);  // as "YYYY-MM-DD"
  ObjectText& add(const char* key, bool value);
  ObjectText& add(const char* key, int value);
  ObjectText& add(const char* key, std::size_t value);
  ObjectText& add(const char* key, long long value);
  ObjectText& add(const char* key, std::nullptr_t);
  ObjectText& add(const char* key, const ObjectText& value);
  ObjectText& add(const char* key, const std::optional<ObjectText>& value);  // null when empty
  ObjectText& add(const char* key, const ArrayText& value);
  ObjectText& add(const char* key, const std::vector<std::string>& strings);
  ObjectText& add(const char* key, const std::vector<int>& numbers);
  // An object of key -> text (LocalText: language tag -> text).
  ObjectText& add(const char* key, const std::map<std::string, std::string>& texts);
  // A value already written as JSON text.
  ObjectText& add_json(const char* key, std::string_view json);
  // Appends the members of `other` after these.
  ObjectText& merge(const ObjectText& other);
  void append_to(ArrayText& list) const;

  bool empty() const { return text_.empty(); }
  void write_to(std::string& out) const;  // appends the object's text
  std::string take();                     // the object's text; leaves it empty

 private:
  void key(std::string_view key);  // starts one more member: `{"key":` or `,"key":`
  std::string text_;               // "{" and the members so far, without the closing brace
};

class ArrayText {
 public:
  ArrayText() = default;
  ArrayText(const ArrayText&) = default;
  ArrayText(ArrayText&&) = default;
  ArrayText& operator=(const ArrayText&) = default;
  ArrayText& operator=(ArrayText&&) = default;
  ~ArrayText();  // leaves its buffer for the next writer

  ArrayText& str(std::string_view value);
  ArrayText& add_json(std::string_view json);  // a value already written as JSON text
  ArrayText& add(const ObjectText& value);

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void write_to(std::string& out) const;  // appends the array's text

 private:
  void next();        // starts one more element
  std::string text_;  // "[" and the elements so far, without the closing bracket
  std::size_t size_ = 0;
};

// The errors of `diag` as a JSON array's text, each object as error_to_json() builds it: the end
// of every plan, and what the wasm build's loads return.
std::string errors_text(const Diagnostics& diag);

}  // namespace koshin
