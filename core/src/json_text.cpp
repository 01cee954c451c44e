#include "koshin/json_text.hpp"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

namespace koshin {

namespace {

constexpr int kEnd = -1;  // reading past the last byte

enum class Token {
  begin_array,
  end_array,
  begin_object,
  end_object,
  name_separator,
  value_separator,
  literal_true,
  literal_false,
  literal_null,
  string,
  number,
  end_of_input,
  error,
};

bool is_digit(int c) { return c >= '0' && c <= '9'; }

// Whether a byte stands for itself in a JSON string (printable ASCII other than '"' and '\\').
constexpr bool plain_byte(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

// The end of the run of plain bytes that starts at `i`: eight bytes at a time while none of them
// is a control byte, '"', '\\' or above 0x7F (a third of the instructions of writing a plan were
// this loop one byte at a time).
std::size_t plain_run(std::string_view s, std::size_t i) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  const auto zero_byte = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  while (i + 8 <= s.size()) {
    std::uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    // A byte of x is special if its high bit is set, if it is below 0x20, or if it equals '"'
    // or '\\'; the first two tests hold for no plain byte, the last two are exact.
    const std::uint64_t special = (x & kHighs) | ((x - kOnes * 0x20) & ~x & kHighs) | zero_byte(x ^ (kOnes * '"')) |
                                  zero_byte(x ^ (kOnes * '\\'));
    if (special != 0) break;
    i += 8;
  }
  while (i < s.size() && plain_byte(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// The length of the well-formed UTF-8 sequence that starts `s` (whose first byte is >= 0x80), as
// in Unicode's table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF. 0 if it is
// not one; `stop` is then the index of the byte that breaks it (s.size() if `s` ends first).
std::size_t utf8_sequence(std::string_view s, std::size_t& stop) {
  const auto lead = static_cast<unsigned char>(s[0]);
  std::size_t length = 0;
  unsigned low = 0x80;
  unsigned high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  }
  for (stop = 1; stop < length; ++stop) {
    if (stop >= s.size()) return 0;
    const auto c = static_cast<unsigned char>(s[stop]);
    if (c < low || c > high) return 0;
    low = 0x80;
    high = 0xBF;
  }
  stop = 0;
  return length;
}

// Reads the text one byte at a time. `position_` counts the bytes read, the end counting as one
// more, so a failure reports the byte it stopped at, counting from 1 (nlohmann's convention).
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::size_t position() const { return position_; }
  std::string& string_value() { return string_; }
  const Json& number_value() const { return number_; }

  Token scan() {
    if (position_ == 0 && !skip_bom()) return Token::error;
    int c = get();
    while (c == ' ' || c == '\t' || c == '\n' || c == '\r') c = get();
    switch (c) {
      case '[':
        return Token::begin_array;
      case ']':
        return Token::end_array;
      case '{':
        return Token::begin_object;
      case '}':
        return Token::end_object;
      case ':':
        return Token::name_separator;
      case ',':
        return Token::value_separator;
      case 't':
        return literal("true", Token::literal_true);
      case 'f':
        return literal("false", Token::literal_false);
      case 'n':
        return literal("null", Token::literal_null);
      case '"':
        return scan_string();
      case kEnd:
        return Token::end_of_input;
      default:
        return c == '-' || is_digit(c) ? scan_number(c) : Token::error;
    }
  }

 private:
  int get() {
    const int c = position_ < text_.size() ? static_cast<unsigned char>(text_[position_]) : kEnd;
    ++position_;
    return c;
  }
  void unget() { --position_; }

  // An optional UTF-8 byte order mark; a text starting with 0xEF must have all of it.
  bool skip_bom() {
    if (get() == 0xEF) return get() == 0xBB && get() == 0xBF;
    unget();
    return true;
  }

  Token literal(std::string_view word, Token token) {
    for (std::size_t i = 1; i < word.size(); ++i) {
      if (get() != word[i]) return Token::error;
    }
    return token;
  }

  // Four hex digits after "\u"; -1 if one is not a hex digit.
  int codepoint() {
    int value = 0;
    for (int i = 0; i < 4; ++i) {
      const int c = get();
      int digit = 0;
      if (is_digit(c)) {
        digit = c - '0';
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  void append_utf8(std::uint32_t cp) {
    if (cp < 0x80) {
      string_ += static_cast<char>(cp);
    } else if (cp < 0x800) {
      string_ += static_cast<char>(0xC0 | (cp >> 6));
      string_ += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      string_ += static_cast<char>(0xE0 | (cp >> 12));
      string_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      string_ += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      string_ += static_cast<char>(0xF0 | (cp >> 18));
      string_ += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      string_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      string_ += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // "\u" escapes, a surrogate pair written as two of them.
  bool escaped_codepoint() {
    const int first = codepoint();
    if (first < 0 || (first >= 0xDC00 && first <= 0xDFFF)) return false;
    if (first < 0xD800 || first > 0xDBFF) {
      append_utf8(static_cast<std::uint32_t>(first));
      return true;
    }
    if (get() != '\\' || get() != 'u') return false;
    const int second = codepoint();
    if (second < 0xDC00 || second > 0xDFFF) return false;
    append_utf8(0x10000 + ((static_cast<std::uint32_t>(first) - 0xD800) << 10) +
                (static_cast<std::uint32_t>(second) - 0xDC00));
    return true;
  }

  Token scan_string() {
    string_.clear();
    while (true) {
      // Runs of plain bytes are appended at once.
      std::size_t run = position_;
      while (run < text_.size() && plain_byte(static_cast<unsigned char>(text_[run]))) ++run;
      string_.append(text_.data() + position_, run - position_);
      position_ = run;
      const int c = get();
      if (c == '"') return Token::string;
      if (c == kEnd || c < 0x20) return Token::error;
      if (c >= 0x80) {
        std::size_t stop = 0;
        const std::size_t length = utf8_sequence(text_.substr(position_ - 1), stop);
        if (length == 0) {
          position_ += stop;  // just past the byte that breaks the sequence
          return Token::error;
        }
        string_.append(text_.substr(position_ - 1, length));
        position_ += length - 1;
        continue;
      }
      if (c != '\\') {
        string_ += static_cast<char>(c);
        continue;
      }
      switch (get()) {
        case '"':
          string_ += '"';
          break;
        case '\\':
          string_ += '\\';
          break;
        case '/':
          string_ += '/';
          break;
        case 'b':
          string_ += '\b';
          break;
        case 'f':
          string_ += '\f';
          break;
        case 'n':
          string_ += '\n';
          break;
        case 'r':
          string_ += '\r';
          break;
        case 't':
          string_ += '\t';
          break;
        case 'u':
          if (!escaped_codepoint()) return Token::error;
          break;
        default:
          return Token::error;
      }
    }
  }

  // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  Token scan_number(int c) {
    const std::size_t start = position_ - 1;
    bool fraction = false;
    if (c == '-') {
      c = get();
      if (!is_digit(c)) return Token::error;
    }
    if (c == '0') {
      c = get();
    } else {
      do c = get();
      while (is_digit(c));
    }
    if (c == '.') {
      fraction = true;
      if (!is_digit(get())) return Token::error;
      do c = get();
      while (is_digit(c));
    }
    if (c == 'e' || c == 'E') {
      fraction = true;
      c = get();
      if (c == '+' || c == '-') c = get();
      if (!is_digit(c)) return Token::error;
      do c = get();
      while (is_digit(c));
    }
    unget();
    const std::string_view token = text_.substr(start, position_ - start);
    if (!fraction && integer(token)) return Token::number;
    const double value = to_double(token);
    if (value - value != 0) return Token::error;  // out of double's range: an error, as in nlohmann
    number_ = Json(value);
    return Token::number;
  }

  // An integer token that fits: unsigned from 0 up, signed below (as nlohmann types them).
  bool integer(std::string_view token) {
    const bool negative = token[0] == '-';
    std::uint64_t magnitude = 0;
    for (std::size_t i = negative ? 1 : 0; i < token.size(); ++i) {
      const auto digit = static_cast<std::uint64_t>(token[i] - '0');
      if (magnitude > (UINT64_MAX - digit) / 10) return false;
      magnitude = magnitude * 10 + digit;
    }
    if (!negative) {
      number_ = Json(magnitude);
      return true;
    }
    if (magnitude > static_cast<std::uint64_t>(INT64_MAX) + 1) return false;
    number_ = Json(magnitude == 0 ? std::int64_t{0} : static_cast<std::int64_t>(0 - magnitude));
    return true;
  }

  // Up to 19 significant digits scaled by a power of ten: close to, not always exactly, the
  // nearest double (fractions are only ever type-checked, see the header).
  static double to_double(std::string_view token) {
    std::uint64_t mantissa = 0;
    int digits = 0;
    long exponent = 0;
    bool negative = false;
    std::size_t i = 0;
    if (token[i] == '-') {
      negative = true;
      ++i;
    }
    bool after_point = false;
    for (; i < token.size() && token[i] != 'e' && token[i] != 'E'; ++i) {
      if (token[i] == '.') {
        after_point = true;
        continue;
      }
      const int digit = token[i] - '0';
      if (digits < 19) {
        if (mantissa != 0 || digit != 0) ++digits;
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(digit);
        if (after_point) --exponent;
      } else if (!after_point) {
        ++exponent;
      }
    }
    if (i < token.size()) {
      ++i;
      bool exponent_negative = false;
      if (token[i] == '+' || token[i] == '-') exponent_negative = token[i++] == '-';
      long e = 0;
      for (; i < token.size(); ++i) e = e < 100000 ? e * 10 + (token[i] - '0') : e;
      exponent += exponent_negative ? -e : e;
    }
    double value = static_cast<double>(mantissa);
    for (; exponent > 0 && value != 0 && value < 1e308; --exponent) value *= 10;
    for (; exponent > 0 && value != 0; --exponent) value *= 10;  // overflows to infinity
    for (; exponent < 0 && value != 0; ++exponent) value /= 10;
    return negative ? -value : value;
  }

  std::string_view text_;
  std::size_t position_ = 0;
  std::string string_;
  Json number_;
};

// Builds the document without recursion (nesting depth is the input's choice) and finds keys
// given twice in one object, with their JSON pointer. An object's members are staged with
// movable keys and moved in when it closes: nlohmann's ordered_map holds pair<const string, Json>,
// which a growing vector copies deeply (most of reading a plan back, before).
class Parser {
 public:
  explicit Parser(std::string_view text) : lexer_(text) {}

  std::vector<std::string> duplicates;
  bool blank = false;  // nothing but whitespace (after a byte order mark): an empty file as editors save one

  std::size_t error_position() const { return lexer_.position(); }

  bool parse(Json& root) {
    root_ = &root;
    Token t = lexer_.scan();
    blank = t == Token::end_of_input;
    while (true) {
      // `t` starts a value.
      switch (t) {
        case Token::begin_object:
          t = lexer_.scan();
          if (t == Token::end_object) {
            add(Json::object());
            break;
          }
          open(true);
          if (!member_key(t)) return false;
          t = lexer_.scan();
          continue;
        case Token::begin_array:
          t = lexer_.scan();
          if (t == Token::end_array) {
            add(Json::array());
            break;
          }
          open(false);
          continue;
        case Token::string:
          add(Json(std::move(lexer_.string_value())));
          break;
        case Token::number:
          add(Json(lexer_.number_value()));
          break;
        case Token::literal_true:
        case Token::literal_false:
          add(Json(t == Token::literal_true));
          break;
        case Token::literal_null:
          add(Json(nullptr));
          break;
        default:
          return false;
      }
      // After a value: close what ends here, then find where the next value starts.
      while (true) {
        t = lexer_.scan();
        if (stack_.empty()) return t == Token::end_of_input;
        const bool in_array = !stack_.back().object;
        if (t == (in_array ? Token::end_array : Token::end_object)) {
          close();
          continue;
        }
        if (t != Token::value_separator) return false;
        t = lexer_.scan();
        if (!in_array) {
          if (!member_key(t)) return false;
          t = lexer_.scan();
        }
        break;
      }
    }
  }

 private:
  struct Frame {
    bool object;
    std::size_t first;           // where its members (elements) start in members_ (elements_)
    std::size_t size = 0;        // how many it has so far
    std::string key;             // objects: the key of the member being read
    std::set<std::string> keys;  // objects: the keys seen so far
  };

  // `t` must be a string followed by ':'.
  bool member_key(Token t) {
    if (t != Token::string) return false;
    Frame& top = stack_.back();
    top.key = std::move(lexer_.string_value());
    if (!top.keys.insert(top.key).second && duplicates.size() <= Diagnostics::kMaxErrors) {
      duplicates.push_back(pointer_append(path(), top.key));
    }
    return lexer_.scan() == Token::name_separator;
  }

  void add(Json&& value) {
    if (stack_.empty()) {
      *root_ = std::move(value);
      return;
    }
    Frame& parent = stack_.back();
    ++parent.size;
    if (parent.object) {
      // Appended without a lookup: a repeated key is an error (duplicates), not an overwrite.
      members_.emplace_back(std::move(parent.key), std::move(value));
    } else {
      elements_.push_back(std::move(value));
    }
  }
  void open(bool object) { stack_.push_back(Frame{object, object ? members_.size() : elements_.size(), 0, {}, {}}); }
  // Ends the innermost container and adds it to its parent.
  void close() {
    const Frame& top = stack_.back();
    Json value;
    if (top.object) {
      value = Json(Json::value_t::object);
      auto& members = value.get_ref<Json::object_t&>();
      members.reserve(top.size);
      for (auto it = members_.begin() + static_cast<std::ptrdiff_t>(top.first); it != members_.end(); ++it) {
        members.emplace_back(std::move(it->first), std::move(it->second));
      }
      members_.erase(members_.begin() + static_cast<std::ptrdiff_t>(top.first), members_.end());
    } else {
      value = Json(Json::value_t::array);
      auto& elements = value.get_ref<Json::array_t&>();
      elements.reserve(top.size);
      for (auto it = elements_.begin() + static_cast<std::ptrdiff_t>(top.first); it != elements_.end(); ++it) {
        elements.push_back(std::move(*it));
      }
      elements_.erase(elements_.begin() + static_cast<std::ptrdiff_t>(top.first), elements_.end());
    }
    stack_.pop_back();
    add(std::move(value));
  }

  // The pointer of the innermost open container.
  std::string path() const {
    std::string out;
    for (std::size_t i = 1; i < stack_.size(); ++i) {
      const Frame& parent = stack_[i - 1];
      out = parent.object ? pointer_append(out, parent.key) : pointer_append(out, parent.size);
    }
    return out;
  }

  Lexer lexer_;
  Json* root_ = nullptr;
  std::vector<Frame> stack_;
  // The members and elements of the open containers, innermost last: moved into each container
  // when it closes, so the staging space is allocated once per parse, not once per container.
  std::vector<std::pair<std::string, Json>> members_;
  std::vector<Json> elements_;
};

void write_string(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    // Runs of plain bytes and of valid UTF-8 sequences are appended at once.
    std::size_t run = i;
    while (run < s.size()) {
      run = plain_run(s, run);
      if (run == s.size()) break;
      const auto c = static_cast<unsigned char>(s[run]);
      if (c < 0x80) break;
      std::size_t stop = 0;
      const std::size_t length = utf8_sequence(s.substr(run), stop);
      if (length == 0) break;
      run += length;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i++]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      continue;
    }
    // A byte that starts no valid UTF-8 sequence becomes U+FFFD.
    out += "\xEF\xBF\xBD";
  }
  out += '"';
}

template <class Integer>
void write_integer(Integer value, std::string& out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

// Fractions never occur in what the core writes; written with 15 significant digits in case.
void write_fraction(double value, std::string& out) {
  if (value != value || value > 1.7976931348623157e308 || value < -1.7976931348623157e308) {
    out += "null";  // as nlohmann writes NaN and infinities
    return;
  }
  if (value < 0) {
    out += '-';
    value = -value;
  }
  if (value == 0) {
    out += "0.0";
    return;
  }
  int exponent = 14;
  while (value >= 1e15) {
    value /= 10;
    ++exponent;
  }
  while (value < 1e14) {
    value *= 10;
    --exponent;
  }
  auto digits = static_cast<std::uint64_t>(value + 0.5);
  if (digits >= 1000000000000000ULL) {
    digits /= 10;
    ++exponent;
  }
  std::string text;
  write_integer(digits, text);
  while (text.size() > 1 && text.back() == '0') text.pop_back();
  if (exponent >= 0 && exponent < 15) {
    if (text.size() <= static_cast<std::size_t>(exponent))
      text.append(static_cast<std::size_t>(exponent) + 1 - text.size(), '0');
    text.insert(static_cast<std::size_t>(exponent) + 1, ".");
    if (text.back() == '.') text += '0';
  } else if (exponent < 0 && exponent >= -5) {
    text.insert(0, "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0'));
  } else {
    if (text.size() > 1) text.insert(1, ".");
    text += exponent < 0 ? "e-" : "e+";
    write_integer(exponent < 0 ? -exponent : exponent, text);
  }
  out += text;
}

void write_value(const Json& j, int indent, int depth, std::string& out) {
  const auto newline = [&](int level) {
    if (indent < 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent * level), ' ');
  };
  switch (j.type()) {
    case Json::value_t::object:
    case Json::value_t::array: {
      const bool object = j.is_object();
      if (j.empty()) {
        out += object ? "{}" : "[]";
        return;
      }
      out += object ? '{' : '[';
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (it != j.begin()) out += ',';
        newline(depth + 1);
        if (object) {
          write_string(it.key(), out);
          out += indent < 0 ? ":" : ": ";
        }
        write_value(*it, indent, depth + 1, out);
      }
      newline(depth);
      out += object ? '}' : ']';
      return;
    }
    case Json::value_t::string:
      write_string(j.get_ref<const std::string&>(), out);
      return;
    case Json::value_t::boolean:
      out += j.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::number_integer:
      write_integer(j.get<std::int64_t>(), out);
      return;
    case Json::value_t::number_unsigned:
      write_integer(j.get<std::uint64_t>(), out);
      return;
    case Json::value_t::number_float:
      write_fraction(j.get<double>(), out);
      return;
    default:
      out += "null";
      return;
  }
}

}  // namespace

std::optional<Json> parse_json_text(std::string_view text, Diagnostics& diag) {
  Json j;
  Parser parser(text);
  if (parser.parse(j)) {
    for (const auto& pointer : parser.duplicates) diag.add("duplicate_key", pointer, "each key once per object");
    if (!parser.duplicates.empty()) return std::nullopt;
    return j;
  }
  diag.add(parser.blank ? "empty_input" : "invalid_json", "",
           "valid JSON (parse failed near byte " + std::to_string(parser.error_position()) + ")");
  return std::nullopt;
}

std::string write_json(const Json& j, int indent) {
  std::string out;
  write_value(j, indent, 0, out);
  return out;
}

// Objects and arrays start with room for a few members, rather than growing from a string's
// inline 15 bytes one doubling at a time (3% of an evaluation's instructions).
constexpr std::size_t kFirstCapacity = 64;

namespace {

// The buffers of finished writers, kept for the next ones: a plan is written in a few hundred
// objects and arrays, and without this each allocated its text and grew it again (malloc, free
// and regrowth were a fifth of an evaluation). Per thread; at most kSpares are kept. WebAssembly
// without threads has no thread-local storage (with bulk memory on, the linker refuses it), and no
// other thread to share with.
constexpr std::size_t kSpares = 64;
#if defined(__wasm__) && !defined(__wasm_atomics__)
std::vector<std::string> spares;
#else
thread_local std::vector<std::string> spares;
#endif

void start_buffer(std::string& text) {
  if (text.capacity() >= kFirstCapacity) return;
  if (spares.empty()) {
    text.reserve(kFirstCapacity);
  } else {
    text = std::move(spares.back());
    spares.pop_back();
  }
}

void recycle(std::string& text) {
  if (text.capacity() < kFirstCapacity || spares.size() >= kSpares) return;
  text.clear();
  spares.push_back(std::move(text));
}

}  // namespace

ObjectText::~ObjectText() { recycle(text_); }
ArrayText::~ArrayText() { recycle(text_); }

void ObjectText::key(std::string_view key) {
  if (text_.empty()) start_buffer(text_);
  text_ += text_.empty() ? '{' : ',';
  write_string(key, text_);
  text_ += ':';
}

ObjectText& ObjectText::str(const char* key, std::string_view value) {
  this->key(key);
  write_string(value, text_);
  return *this;
}

ObjectText& ObjectText::str(const char* key, const char* value) { return str(key, std::string_view(value)); }

ObjectText& ObjectText::str(const char* key, const std::string& value) { return str(key, std::string_view(value)); }

ObjectText& ObjectText::date(const char* key, Date value) {
  this->key(key);
  text_ += '"';
  text_ += format_iso_date(value);  // digits and '-': nothing to escape
  text_ += '"';
  return *this;
}

ObjectText& ObjectText::add(const char* key, bool value) { return add_json(key, value ? "true" : "false"); }

ObjectText& ObjectText::add(const char* key, int value) { return add(key, static_cast<long long>(value)); }

ObjectText& ObjectText::add(const char* key, std::size_t value) {
  this->key(key);
  write_integer(static_cast<std::uint64_t>(value), text_);
  return *this;
}

ObjectText& ObjectText::add(const char* key, long long value) {
  this->key(key);
  write_integer(static_cast<std::int64_t>(value), text_);
  return *this;
}

ObjectText& ObjectText::add(const char* key, std::nullptr_t) { return add_json(key, "null"); }

ObjectText& ObjectText::add(const char* key, const ObjectText& value) {
  this->key(key);
  value.write_to(text_);
  return *this;
}

ObjectText& ObjectText::add(const char* key, const std::optional<ObjectText>& value) {
  return value ? add(key, *value) : add(key, nullptr);
}

ObjectText& ObjectText::add(const char* key, const ArrayText& value) {
  this->key(key);
  value.write_to(text_);
  return *this;
}

ObjectText& ObjectText::add(const char* key, const std::vector<std::string>& strings) {
  ArrayText list;
  for (const auto& s : strings) list.str(s);
  return add(key, list);
}

ObjectText& ObjectText::add(const char* key, const std::vector<int>& numbers) {
  this->key(key);
  text_ += '[';
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    if (i > 0) text_ += ',';
    write_integer(static_cast<std::int64_t>(numbers[i]), text_);
  }
  text_ += ']';
  return *this;
}

ObjectText& ObjectText::add(const char* key, const std::map<std::string, std::string>& texts) {
  ObjectText object;
  for (const auto& [k, text] : texts) {
    object.key(k);
    write_string(text, object.text_);
  }
  return add(key, object);
}

ObjectText& ObjectText::add_json(const char* key, std::string_view json) {
  this->key(key);
  text_ += json;
  return *this;
}

ObjectText& ObjectText::merge(const ObjectText& other) {
  if (text_.empty()) {
    text_ = other.text_;
  } else if (!other.empty()) {
    text_ += ',';
    text_.append(other.text_, 1, std::string::npos);
  }
  return *this;
}

void ObjectText::append_to(ArrayText& list) const { list.add(*this); }

void ObjectText::write_to(std::string& out) const {
  if (text_.empty()) {
    out += "{}";
    return;
  }
  out += text_;
  out += '}';
}

std::string ObjectText::take() {
  std::string out = std::move(text_);
  text_.clear();
  out += out.empty() ? "{}" : "}";
  return out;
}

void ArrayText::next() {
  if (size_ == 0) start_buffer(text_);
  text_ += size_++ == 0 ? '[' : ',';
}

ArrayText& ArrayText::str(std::string_view value) {
  next();
  write_string(value, text_);
  return *this;
}

ArrayText& ArrayText::add_json(std::string_view json) {
  next();
  text_ += json;
  return *this;
}

ArrayText& ArrayText::add(const ObjectText& value) {
  next();
  value.write_to(text_);
  return *this;
}

void ArrayText::write_to(std::string& out) const {
  if (size_ == 0) {
    out += "[]";
    return;
  }
  out += text_;
  out += ']';
}

std::string errors_text(const Diagnostics& diag) {
  ArrayText errors;
  for (const Error& e : diag.errors()) {
    ObjectText j;
    j.str("code", e.code).str("pointer", e.pointer).str("key", e.key());
    if (!e.expected.empty()) j.str("expected", e.expected);
    if (!e.file.empty()) j.str("file", e.file);
    j.append_to(errors);
  }
  std::string out;
  errors.write_to(out);
  return out;
}

}  // namespace koshin
