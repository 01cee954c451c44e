// JSON text in and out, for every document the core reads (situations, rule files) and writes
// (plans, error lists).
//
// nlohmann/json stays the document type; these two functions replace its parser and serializer.
// They are small (the wasm build carries no strtod, no printf, no template lexer) and they never
// abort: nlohmann's serializer aborts on invalid UTF-8 when built with JSON_NOEXCEPTION.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

}  // namespace koshin
