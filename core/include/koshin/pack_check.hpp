// The language-pack check (`koshin check-pack`, the wasm build's checkPack): the same message
// grammar as web/src/message-format.js and the same pack rules as scripts/i18n-check.mjs, for
// translators and web teams who check a pack without node. The codes are in docs/errors.md,
// "Language packs".
//
// Messages are a small ICU MessageFormat subset (i18n/README.md):
//   text  {name}  {name, date}  {name, number}
//   {n, plural, =0 {…} one {# day} other {# days}}   (# is the number inside a plural case)
//   {x, select, a {…} other {…}}                     ("other" is required; a case only once)
//   <ruby>…<rt>…</rt></ruby>  <em>…</em>              (no attributes, no other markup)
// Names are ASCII letters, digits, '_' and '-' (a case key may start with '='); whitespace around
// names is the JavaScript \s set. There is no apostrophe quoting: "'" is text. Positions count
// UTF-16 code units from 1, as the JavaScript checker does, so both name the same character
// (tests/web/pack_check.test.mjs compares them). Two deliberate differences: nesting deeper than
// kMaxMessageDepth is an error here (JavaScript recurses until its stack runs out), and a select
// case named like an Object.prototype member ("constructor") is accepted here, where the
// JavaScript parser's `key in cases` calls it a case given twice.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "koshin/diagnostics.hpp"

namespace koshin {

// Arguments and tags may nest this deep; deeper is `message_syntax` (a hostile pack must not
// exhaust the stack).
inline constexpr int kMaxMessageDepth = 64;

// One message's placeholders: name -> type ("" for {name}, else date, number, plural, select).
// A name used twice keeps the type the JavaScript checker keeps (the last one it walks over).
using MessageArguments = std::map<std::string, std::string>;

struct MessageProblem {
  const char* code = nullptr;  // "message_syntax" or "markup_not_allowed"; nullptr when valid
  std::string expected;        // what was expected, "... at character N"
};

// Parses one message. Returns true and fills `args` when it is valid, else false with `problem`.
bool check_message(std::string_view text, MessageArguments& args, MessageProblem& problem);

// Whether `tag` names a pack: a BCP 47 language tag of language (2-3 or 5-8 letters), then an
// optional script (4 letters), region (2 letters or 3 digits), variants (5-8 letters or digits, or
// a digit and 3 more; none twice) and private use (`-x-` and subtags of 1-8), in any case. No
// extensions: the widget adds its own calendar and digits (`-u-ca-gregory-nu-latn`). Everything
// it accepts, Intl accepts; web/src/languages.js `isLanguageTag` is the same rule.
bool is_language_tag(std::string_view tag);

// Checks one pack, JSON text as in i18n/<locale>.json. `base` is the parsed base pack (en.json),
// or nullptr to check the pack on its own; anything but an object counts as no base. Records
// every problem in `diag` and returns diag.ok(). Never throws.
bool check_pack(std::string_view text, std::string_view locale, const Json* base, Diagnostics& diag);

}  // namespace koshin
