#include "koshin/pack_check.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "koshin/json_text.hpp"

namespace koshin {

namespace {

// The code point at byte `i` of UTF-8 text and its length in bytes. Pack strings come from the
// JSON reader, which accepts only well-formed UTF-8; anything else counts as one U+FFFD byte.
std::uint32_t code_point(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + k])); };
  const std::uint32_t lead = b(0);
  length = 1;
  if (lead < 0x80) return lead;
  std::size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0xFFFD;
  std::uint32_t cp = lead & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  length = n;
  return cp;
}

// JavaScript's \s (WhiteSpace and LineTerminator), which the JavaScript checker skips around
// names and String.prototype.trim() removes.
bool is_js_space(std::uint32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// JavaScript keeps an object's integer-like keys ("0", "12") first, in numeric order, then the
// others in insertion order: the order in which its checker walks a plural's cases.
bool is_array_index(std::string_view key) {
  if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) return false;
  unsigned long long v = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v < 4294967295ULL;
}

// Assignments name -> type in the order the JavaScript checker makes them; the last one wins.
using Assignments = std::vector<std::pair<std::string, std::string>>;

class MessageParser {
 public:
  explicit MessageParser(std::string_view s) : s_(s) {}

  bool parse(Assignments& out, MessageProblem& problem) {
    bool ok = parts(false, {}, 0, out);
    if (ok && i_ < s_.size()) ok = fail("message_syntax", "\"{\" before \"}\"");
    if (!ok) problem = problem_;
    return ok;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  MessageProblem problem_;

  bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }

  // Records a problem at the current character (UTF-16 code units, from 1). Returns false.
  bool fail(const char* code, std::string what) {
    std::size_t units = 0;
    for (std::size_t k = 0; k < i_ && k < s_.size(); ++k) {
      const auto c = static_cast<unsigned char>(s_[k]);
      if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;
    }
    problem_.code = code;
    problem_.expected = std::move(what) + " at character " + std::to_string(units + 1);
    return false;
  }

  void space() {
    std::size_t length = 0;
    while (i_ < s_.size() && is_js_space(code_point(s_, i_, length))) i_ += length;
  }

  // A name: an optional '=' then ASCII letters, digits, '_' or '-'; whitespace around it.
  bool name(std::string& out) {
    space();
    std::size_t j = i_;
    if (j < s_.size() && s_[j] == '=') ++j;
    const std::size_t first = j;
    while (j < s_.size() && is_name_char(s_[j])) ++j;
    if (j == first) return fail("message_syntax", "a name");
    out.assign(s_.substr(i_, j - i_));
    i_ = j;
    space();
    return true;
  }

  bool expect(char c) {
    if (!at(c)) return fail("message_syntax", std::string("\"") + c + "\"");
    ++i_;
    return true;
  }

  // After "{": {name}, {name, date|number}, {name, plural|select, key {…} … other {…}}.
  bool argument(int depth, Assignments& out) {
    if (depth > kMaxMessageDepth) {
      return fail("message_syntax", "arguments and tags nested at most " + std::to_string(kMaxMessageDepth) + " deep");
    }
    std::string arg;
    if (!name(arg)) return false;
    if (at('}')) {
      ++i_;
      out.emplace_back(std::move(arg), "");
      return true;
    }
    if (!expect(',')) return false;
    std::string type;
    if (!name(type)) return false;
    if (type == "date" || type == "number") {
      if (!expect('}')) return false;
      out.emplace_back(std::move(arg), std::move(type));
      return true;
    }
    if (type != "plural" && type != "select") {
      return fail("message_syntax", "date, number, plural or select, not \"" + type + "\"");
    }
    if (!expect(',')) return false;
    struct Case {
      std::string key;
      Assignments assigned;
    };
    std::vector<Case> cases;
    space();
    while (!at('}')) {
      std::string key;
      if (!name(key)) return false;
      if (std::any_of(cases.begin(), cases.end(), [&](const Case& c) { return c.key == key; })) {
        return fail("message_syntax", "case \"" + key + "\" only once");
      }
      if (!expect('{')) return false;
      cases.push_back(Case{std::move(key), {}});
      if (!parts(type == "plural", {}, depth, cases.back().assigned)) return false;
      if (!expect('}')) return false;
      space();
    }
    ++i_;
    if (std::none_of(cases.begin(), cases.end(), [](const Case& c) { return c.key == "other"; })) {
      return fail("message_syntax", "an \"other\" case for \"" + arg + "\"");
    }
    out.emplace_back(std::move(arg), std::move(type));
    std::stable_partition(cases.begin(), cases.end(), [](const Case& c) { return is_array_index(c.key); });
    const auto index_end =
        std::find_if(cases.begin(), cases.end(), [](const Case& c) { return !is_array_index(c.key); });
    std::sort(cases.begin(), index_end, [](const Case& a, const Case& b) {
      return a.key.size() != b.key.size() ? a.key.size() < b.key.size() : a.key < b.key;
    });
    for (auto& c : cases) {
      for (auto& a : c.assigned) out.push_back(std::move(a));
    }
    return true;
  }

  // Text, arguments, '#' (in a plural case) and markup, up to the end, a '}' (the caller checks
  // it) or the closing tag of `open`.
  bool parts(bool in_plural, std::string_view open, int depth, Assignments& out) {
    while (i_ < s_.size() && s_[i_] != '}') {
      const char c = s_[i_];
      if (c == '{') {
        ++i_;
        if (!argument(depth + 1, out)) return false;
      } else if (c == '<') {
        std::size_t j = i_ + 1;
        const bool closing = j < s_.size() && s_[j] == '/';
        if (closing) ++j;
        const std::size_t first = j;
        while (j < s_.size() && s_[j] >= 'a' && s_[j] <= 'z') ++j;
        const std::string_view tag = s_.substr(first, j - first);
        if (tag.empty() || j >= s_.size() || s_[j] != '>' || (tag != "ruby" && tag != "rt" && tag != "em")) {
          return fail("markup_not_allowed", "only <ruby>, <rt> and <em>, without attributes,");
        }
        if (!closing && depth + 1 > kMaxMessageDepth) {
          return fail("message_syntax",
                      "arguments and tags nested at most " + std::to_string(kMaxMessageDepth) + " deep");
        }
        i_ = j + 1;
        if (closing) {
          if (tag != open)
            return fail("markup_not_allowed", "<" + std::string(tag) + "> before </" + std::string(tag) + ">");
          return true;
        }
        if (!parts(in_plural, tag, depth + 1, out)) return false;
      } else {
        ++i_;  // text, or '#' in a plural case (the number)
      }
    }
    if (!open.empty())
      return fail("markup_not_allowed", "</" + std::string(open) + "> to close <" + std::string(open) + ">");
    return true;
  }
};

bool is_blank(std::string_view s) {
  std::size_t length = 0;
  for (std::size_t i = 0; i < s.size(); i += length) {
    if (!is_js_space(code_point(s, i, length))) return false;
  }
  return true;
}

// "{closes, date} {name}", sorted by name; "none" without placeholders.
std::string describe(const MessageArguments& args) {
  std::string out;
  for (const auto& [name, type] : args) {
    if (!out.empty()) out += ' ';
    out += '{' + name + (type.empty() ? "" : ", " + type) + '}';
  }
  return out.empty() ? "none" : out;
}

bool is_open_paren(std::uint32_t c) { return c == '(' || c == 0xFF08; }
bool is_paren(std::uint32_t c) { return c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09; }
bool is_kana_or_kanji(std::uint32_t c) { return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF); }

// The Japanese terms a message keeps in parentheses, "(照会書兼回答書)" or "（…）": the text
// between an opening and the next closing parenthesis, when it has kana or kanji.
std::vector<std::string_view> japanese_terms(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t length = 0;
  std::size_t open = std::string_view::npos;  // just after the last opening parenthesis
  bool japanese = false;
  for (std::size_t i = 0; i < s.size(); i += length) {
    const std::uint32_t c = code_point(s, i, length);
    if (is_paren(c)) {
      if (!is_open_paren(c) && open != std::string_view::npos && japanese) out.push_back(s.substr(open, i - open));
      open = is_open_paren(c) ? i + length : std::string_view::npos;
      japanese = false;
    } else if (is_kana_or_kanji(c)) {
      japanese = true;
    }
  }
  return out;
}

// A pack's messages: key -> placeholders, or nullopt for a message that does not parse. Keys whose
// value is not a non-empty string are left out (and reported in `diag`).
using Messages = std::map<std::string, std::optional<MessageArguments>>;

Messages messages_of(const Json& pack, Diagnostics& diag) {
  Messages out;
  for (const auto& item : pack.items()) {
    const std::string& key = item.key();
    if (!key.empty() && key[0] == '@') continue;
    const std::string pointer = pointer_append("", key);
    if (!item.value().is_string()) {
      diag.add("wrong_type", pointer, "a message string, got " + json_type_name(item.value()));
      continue;
    }
    const std::string& text = item.value().get_ref<const std::string&>();
    if (is_blank(text)) {
      diag.add("empty_message", pointer, "a message with some text");
      continue;
    }
    MessageArguments args;
    MessageProblem problem;
    if (check_message(text, args, problem)) {
      out.emplace(key, std::move(args));
    } else {
      diag.add(problem.code, pointer, std::move(problem.expected));
      out.emplace(key, std::nullopt);
    }
  }
  return out;
}

void check_header(const Json& pack, std::string_view locale, Diagnostics& diag) {
  const auto it = pack.find("@@locale");
  if (!is_language_tag(locale)) {
    diag.add("pack_locale_invalid", "/@@locale",
             "a language tag (BCP 47) as the file's name, such as pt-BR, zh-Hant or ja-x-easy, not \"" +
                 std::string(locale) + "\"");
  }
  if (it == pack.end()) {
    diag.add("missing_field", "/@@locale", "\"@@locale\": \"" + std::string(locale) + "\", the file's name");
  } else if (!it->is_string()) {
    diag.add("wrong_type", "/@@locale", "string, got " + json_type_name(*it));
  } else if (it->get_ref<const std::string&>() != locale) {
    diag.add("pack_locale_mismatch", "/@@locale", "\"" + std::string(locale) + "\", the file's name");
  }
  const auto name = pack.find("@@name");
  if (name != pack.end() && !name->is_string()) {
    diag.add("wrong_type", "/@@name", "string, got " + json_type_name(*name));
  } else if (name == pack.end() || is_blank(name->get_ref<const std::string&>())) {
    diag.add("missing_field", "/@@name", "the language named in itself, for the language menu");
  }
}

// "@key": {"description": "..."}, for a message of this pack. Other "@@" keys are ARB's
// global attributes and are left alone.
void check_notes(const Json& pack, Diagnostics& diag) {
  for (const auto& item : pack.items()) {
    const std::string& key = item.key();
    if (key.size() < 2 || key[0] != '@' || key[1] == '@') continue;
    const std::string pointer = pointer_append("", key);
    const Json& note = item.value();
    if (!note.is_object()) {
      diag.add("wrong_type", pointer, "a note {\"description\": \"...\"}, got " + json_type_name(note));
      continue;
    }
    const auto description = note.find("description");
    if (description == note.end()) {
      diag.add("missing_field", pointer_append(pointer, "description"), "a description for translators");
    } else if (!description->is_string()) {
      diag.add("wrong_type", pointer_append(pointer, "description"), "string, got " + json_type_name(*description));
    } else if (is_blank(description->get_ref<const std::string&>())) {
      diag.add("empty_message", pointer_append(pointer, "description"), "a description for translators");
    }
    if (pack.find(std::string_view(key).substr(1)) == pack.end()) {
      diag.add("unknown_field", pointer, "a note for a message of this pack");
    }
  }
}

}  // namespace

bool is_language_tag(std::string_view tag) {
  const auto all = [](std::string_view s, auto pred) {
    return std::all_of(s.begin(), s.end(), [&](char c) { return pred(static_cast<unsigned char>(c)); });
  };
  const auto alpha = [](unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
  const auto digit = [](unsigned char c) { return c >= '0' && c <= '9'; };
  const auto alnum = [&](unsigned char c) { return alpha(c) || digit(c); };
  const auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    return out;
  };
  std::vector<std::string_view> subtags;
  for (std::size_t start = 0;;) {
    const std::size_t dash = tag.find('-', start);
    subtags.push_back(tag.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  std::size_t i = 0;
  const auto size_in = [&](std::size_t lo, std::size_t hi) {
    return i < subtags.size() && subtags[i].size() >= lo && subtags[i].size() <= hi;
  };
  // language
  if (!((size_in(2, 3) || size_in(5, 8)) && all(subtags[i], alpha))) return false;
  ++i;
  if (size_in(4, 4) && all(subtags[i], alpha)) ++i;                                                 // script
  if ((size_in(2, 2) && all(subtags[i], alpha)) || (size_in(3, 3) && all(subtags[i], digit))) ++i;  // region
  std::set<std::string> variants;
  while ((size_in(5, 8) && all(subtags[i], alnum)) ||
         (size_in(4, 4) && digit(static_cast<unsigned char>(subtags[i][0])) && all(subtags[i], alnum))) {
    if (!variants.insert(lower(subtags[i])).second) return false;
    ++i;
  }
  if (i < subtags.size() && (subtags[i] == "x" || subtags[i] == "X")) {  // private use
    if (++i == subtags.size()) return false;
    for (; i < subtags.size(); ++i) {
      if (!(size_in(1, 8) && all(subtags[i], alnum))) return false;
    }
  }
  return i == subtags.size();
}

bool check_message(std::string_view text, MessageArguments& args, MessageProblem& problem) {
  Assignments assigned;
  if (!MessageParser(text).parse(assigned, problem)) return false;
  for (auto& [name, type] : assigned) args[name] = std::move(type);
  return true;
}

bool check_pack(std::string_view text, std::string_view locale, const Json* base, Diagnostics& diag) {
  const std::optional<Json> parsed = parse_json_text(text, diag);
  if (!parsed) return false;
  const Json& pack = *parsed;
  if (!pack.is_object()) {
    diag.add("wrong_type", "", "a language pack object, got " + json_type_name(pack));
    return false;
  }
  check_header(pack, locale, diag);
  const Messages messages = messages_of(pack, diag);
  check_notes(pack, diag);
  if (base == nullptr || !base->is_object()) return diag.ok();

  Diagnostics base_diag;  // the base's own problems are its own check's
  const Messages want = messages_of(*base, base_diag);
  const bool japanese = locale.substr(0, 2) == "ja";
  for (const auto& [key, want_args] : want) {
    const auto got = messages.find(key);
    if (got == messages.end()) {
      if (pack.find(key) == pack.end())
        diag.add("missing_field", pointer_append("", key), "the message of the base pack");
      continue;
    }
    if (!got->second || !want_args) continue;
    if (*got->second != *want_args) {
      diag.add("placeholder_mismatch", pointer_append("", key),
               "the base pack's placeholders " + describe(*want_args) + ", not " + describe(*got->second));
    }
    if (japanese) continue;
    const std::string& base_text = base->find(key)->get_ref<const std::string&>();
    const std::string& pack_text = pack.find(key)->get_ref<const std::string&>();
    for (const std::string_view term : japanese_terms(base_text)) {
      if (pack_text.find(term) == std::string::npos) {
        diag.add("japanese_term_missing", pointer_append("", key),
                 "the Japanese term \"" + std::string(term) + "\" beside the translation, as in the base pack");
      }
    }
  }
  for (const auto& item : messages) {
    if (want.find(item.first) == want.end()) {
      diag.add("unknown_field", pointer_append("", item.first), "only the base pack's keys");
    }
  }
  return diag.ok();
}

}  // namespace koshin
