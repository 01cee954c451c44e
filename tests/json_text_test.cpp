// The core's JSON reader and writer against nlohmann's parser and serializer: the same verdict,
// the same error position and the same document for every seed file and thousands of mutations
// of them, and the same text written back.
#include "koshin/json_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace koshin {
namespace {

// nlohmann's DOM parser, remembering where it failed.
class ReferenceSax : public nlohmann::detail::json_sax_dom_parser<Json> {
 public:
  explicit ReferenceSax(Json& j) : json_sax_dom_parser(j, false) {}
  std::size_t position = 0;
  bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception&) {
    position = pos;
    return false;
  }
};

struct Verdict {
  bool ok = false;
  std::size_t position = 0;
  Json value;
};

Verdict reference(const std::string& text) {
  Verdict v;
  ReferenceSax sax(v.value);
  v.ok = Json::sax_parse(text, &sax, nlohmann::detail::input_format_t::json, true);
  v.position = v.ok ? 0 : sax.position;
  return v;
}

// Our verdict; duplicate keys count as accepted here (nlohmann accepts them and keeps the last).
Verdict ours(const std::string& text, bool& duplicates) {
  Verdict v;
  Diagnostics diag;
  const auto j = parse_json_text(text, diag);
  duplicates = !diag.ok() && diag.errors()[0].code == "duplicate_key";
  v.ok = j.has_value() || duplicates;
  if (j) v.value = *j;
  if (!v.ok) {
    const std::string& e = diag.errors()[0].expected;
    const auto at = e.find("byte ");
    v.position = std::stoul(e.substr(at + 5));
  }
  return v;
}

bool has_fraction(const Json& j) {
  if (j.is_number_float()) return true;
  if (j.is_structured()) {
    for (const auto& e : j) {
      if (has_fraction(e)) return true;
    }
  }
  return false;
}

// Equal documents; fractions to 14 significant digits (the reader's documented precision).
bool same(const Json& a, const Json& b) {
  if (a.is_number_float() && b.is_number_float()) {
    const double x = a.get<double>();
    const double y = b.get<double>();
    return x == y || std::fabs(x - y) <= 1e-14 * std::fmax(std::fabs(x), std::fabs(y));
  }
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    auto i = a.begin();
    auto k = b.begin();
    for (; i != a.end(); ++i, ++k) {
      if (i.key() != k.key() || !same(*i, *k)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

// Compares one text; returns "" or what differs.
std::string compare(const std::string& text) {
  const Verdict theirs = reference(text);
  bool duplicates = false;
  const Verdict mine = ours(text, duplicates);
  if (theirs.ok != mine.ok) {
    // nlohmann stops at a NUL byte where a token should start ("{}\0x" is "{}"); we do not.
    if (theirs.ok && text.find('\0') != std::string::npos) return "";
    return std::string("verdict: nlohmann ") + (theirs.ok ? "accepts" : "rejects");
  }
  if (!mine.ok) {
    return theirs.position == mine.position
               ? ""
               : "position: nlohmann " + std::to_string(theirs.position) + ", ours " + std::to_string(mine.position);
  }
  if (duplicates) return "";
  if (!same(theirs.value, mine.value)) return "document differs";
  if (!has_fraction(mine.value)) {
    if (write_json(mine.value) != theirs.value.dump()) return "compact text differs";
    if (write_json(mine.value, 2) != theirs.value.dump(2)) return "indented text differs";
  }
  return "";
}

std::string printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s.substr(0, 200)) {
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

TEST(JsonText, EdgeCasesMatchNlohmann) {
  const std::vector<std::string> cases = {
      "",
      " ",
      "\xEF\xBB\xBF{}",
      "\xEF\xBB{}",
      "\xEF",
      "{",
      "}",
      "[",
      "]",
      "[1,]",
      "[,1]",
      "{,}",
      "{\"a\"}",
      "{\"a\":}",
      "{\"a\" 1}",
      "{\"a\":1,}",
      "{\"a\":1 \"b\":2}",
      "{1:2}",
      "[1 2]",
      "[1]]",
      "{} x",
      "{}{}",
      "  {}  \n",
      "tru",
      "true",
      "truex",
      "nul",
      "null",
      "fals",
      "false",
      "-",
      "-a",
      "-0",
      "01",
      "1.",
      "1.e1",
      "1e",
      "1e+",
      "1E-2",
      "1.5e3",
      "0.1",
      "-0.0",
      "1e400",
      "-1e400",
      "18446744073709551615",
      "18446744073709551616",
      "-9223372036854775808",
      "-9223372036854775809",
      "123456789012345678901234567890",
      "\"",
      "\"abc",
      "\"\\",
      "\"\\x\"",
      "\"\\u12\"",
      "\"\\u12g4\"",
      "\"\\ud83d\\ude00\"",
      "\"\\ud83d\"",
      "\"\\ud83dx\"",
      "\"\\ud83d\\u0041\"",
      "\"\\ude00\"",
      "\"\\u0000\"",
      "\"a\x01\"",
      "\"\x7f\"",
      "\"\xC3\xA9\"",
      "\"\xC3\"",
      "\"\xC3(\"",
      "\"\xC0\xAF\"",
      "\"\xE0\x80\xAF\"",
      "\"\xED\xA0\x80\"",
      "\"\xF4\x90\x80\x80\"",
      "\"\xF0\x9F\x98\x80\"",
      "\"\xFF\"",
      "\"\xE3\x81\"",
      "[\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"]",
      "{\"a\":{\"b\":[1,{\"c\":null}]},\"d\":[]}",
      "[[[[[[[[[[]]]]]]]]]]",
      "[[[[[[[[[[]]]]]]]]]",
      "{\"a\":1,\"a\":2}",
      "\x00",
      "[\x00]",
      "{}\x00",
  };
  for (const auto& text : cases) {
    EXPECT_EQ(compare(text), "") << "input: " << printable(text);
  }
}

TEST(JsonText, SeedFilesAndTheirMutationsMatchNlohmann) {
  std::vector<std::string> seeds;
  for (const char* dir : {"/rules", "/tests/cases", "/tests/rules", "/i18n", "/examples"}) {
    for (const auto& f : std::filesystem::recursive_directory_iterator(KOSHIN_SOURCE_DIR + std::string(dir))) {
      if (f.path().extension() == ".json") seeds.push_back(testing::read_text(f.path()));
    }
  }
  ASSERT_GT(seeds.size(), 10u);
  // Bytes that make or break JSON, the NUL byte included.
  static const std::string kBytes =
      std::string("{}[],:\"\\ u0123456789-+.eEtfnl\n\t\x01\x7f\xC3\xA9\xE3\xED\xF0\xF4\xFF") + std::string(1, '\0');
  std::uint64_t state = 0x2545F4914F6CDD1DULL;
  const auto next = [&state](std::size_t bound) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<std::size_t>(state % bound);
  };
  int compared = 0;
  int rejected = 0;
  for (const auto& seed : seeds) {
    EXPECT_EQ(compare(seed), "");
    for (int m = 0; m < 300; ++m) {
      std::string text = seed;
      const int edits = 1 + static_cast<int>(next(3));
      for (int e = 0; e < edits && !text.empty(); ++e) {
        const std::size_t at = next(text.size());
        switch (next(4)) {
          case 0:
            text.erase(at, 1);
            break;
          case 1:
            text.insert(at, 1, kBytes[next(kBytes.size())]);
            break;
          case 2:
            text[at] = kBytes[next(kBytes.size())];
            break;
          default:
            text.resize(at);
            break;
        }
      }
      const std::string diff = compare(text);
      EXPECT_EQ(diff, "") << "input: " << printable(text);
      if (!diff.empty()) return;  // one report is enough to debug
      ++compared;
      rejected += reference(text).ok ? 0 : 1;
    }
  }
  // The mutations exercise both verdicts.
  EXPECT_GT(rejected, compared / 4);
  EXPECT_LT(rejected, compared);
}

TEST(JsonText, DeepNestingNeitherOverflowsNorRecurses) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  Diagnostics diag;
  const auto j = parse_json_text(deep, diag);
  ASSERT_TRUE(j.has_value());
  EXPECT_TRUE(j->is_array());
}

TEST(JsonText, DuplicateKeysAreErrorsWithTheirPointer) {
  Diagnostics diag;
  EXPECT_FALSE(parse_json_text(R"({"a":[{"b":1},{"c/d":1,"c/d":2}],"e":1,"e":2})", diag).has_value());
  ASSERT_EQ(diag.errors().size(), 2u);
  EXPECT_EQ(diag.errors()[0].pointer, "/a/1/c~1d");
  EXPECT_EQ(diag.errors()[1].pointer, "/e");
}

TEST(JsonText, WriterReplacesInvalidUtf8InsteadOfAborting) {
  EXPECT_EQ(write_json(Json(std::string("a\xC3(\xE3\x81"))), "\"a\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(write_json(Json(std::string("\x1f\x7f\xE6\x97\xA5"))), "\"\\u001f\x7f\xE6\x97\xA5\"");
}

// Strings are scanned eight bytes at a time: every byte that needs escaping (and a few characters
// of more than one byte, and one invalid byte) at every offset of the first 17, and at the end.
TEST(JsonText, EveryEscapeAtEveryOffset) {
  std::vector<std::string> specials = {"\"", "\\", "\x7f", "\xC3\xA9", "\xE6\x97\xA5", "\xF0\x9F\x98\x80", "\xFF"};
  for (int c = 0; c < 0x20; ++c) specials.emplace_back(1, static_cast<char>(c));
  for (const auto& special : specials) {
    for (std::size_t offset = 0; offset <= 17; ++offset) {
      for (std::size_t after : {std::size_t{0}, std::size_t{3}, std::size_t{9}}) {
        const std::string s = std::string(offset, 'a') + special + std::string(after, 'b');
        EXPECT_EQ(write_json(Json(s)), Json(s).dump(-1, ' ', false, Json::error_handler_t::replace))
            << "offset " << offset << ", after " << after << ", byte "
            << static_cast<int>(static_cast<unsigned char>(special[0]));
      }
    }
  }
}

TEST(JsonText, WriterFractions) {
  EXPECT_EQ(write_json(Json(2.0)), "2.0");
  EXPECT_EQ(write_json(Json(-1.5)), "-1.5");
  EXPECT_EQ(write_json(Json(0.001)), "0.001");
  EXPECT_EQ(write_json(Json(1e300)), "1e+300");
  EXPECT_EQ(write_json(Json(2.5e-7)), "2.5e-7");
  EXPECT_EQ(write_json(Json(123456.75)), "123456.75");
  EXPECT_EQ(write_json(Json(std::nan(""))), "null");
}

// The plan writers (ObjectText, ArrayText) against write_json of the same document: every kind
// of value, escapes, invalid UTF-8, empty and nested containers, merged objects.
TEST(JsonText, TextWritersWriteWhatWriteJsonWrites) {
  const std::string tricky("q\"b\\s/\x01\x1f\n\t\xC3(\xE6\x97\xA5\xED\xA0\x80 \0nul", 23);
  const std::map<std::string, std::string> texts{{"en", "a \"b\""}, {"k\"\n", tricky}, {"ja", "\xE6\x97\xA5"}};
  ArrayText list;
  list.str(tricky).str("").add_json("7").add(ObjectText()).add(ObjectText().add("z", false));
  ObjectText inner;
  inner.str("s", tricky).add("n", nullptr);
  ObjectText tail;
  tail.add("last", std::size_t{0});
  ObjectText object;
  object.str("view", std::string_view("v"))
      .str("literal", "l")
      .str("string", std::string("s"))
      .date("date", Date{date::year{2024}, date::month{2}, date::day{29}})
      .add("true", true)
      .add("false", false)
      .add("int", -2147483647 - 1)
      .add("long", static_cast<long long>(INT64_MIN))
      .add("size", static_cast<std::size_t>(UINT64_MAX))
      .add("null", nullptr)
      .add("inner", inner)
      .add("none", std::optional<ObjectText>())
      .add("some", std::optional<ObjectText>(inner))
      .add("empty_object", ObjectText())
      .add("empty_array", ArrayText())
      .add("list", list)
      .add("strings", std::vector<std::string>{"a", tricky})
      .add("no_strings", std::vector<std::string>{})
      .add("numbers", std::vector<int>{-1, 0, 7})
      .add("no_numbers", std::vector<int>{})
      .add("texts", texts)
      .add("no_texts", std::map<std::string, std::string>{})
      .add_json("json", "[1,{}]")
      .str("k\"ey\x02", "v")
      .merge(ObjectText())
      .merge(tail);

  Json expected = Json(Json::value_t::object);
  expected["view"] = "v";
  expected["literal"] = "l";
  expected["string"] = "s";
  expected["date"] = "2024-02-29";
  expected["true"] = true;
  expected["false"] = false;
  expected["int"] = -2147483647 - 1;
  expected["long"] = INT64_MIN;
  expected["size"] = UINT64_MAX;
  expected["null"] = nullptr;
  Json inner_json = Json(Json::value_t::object);
  inner_json["s"] = tricky;
  inner_json["n"] = nullptr;
  expected["inner"] = inner_json;
  expected["none"] = nullptr;
  expected["some"] = inner_json;
  expected["empty_object"] = Json(Json::value_t::object);
  expected["empty_array"] = Json(Json::value_t::array);
  Json false_z = Json(Json::value_t::object);
  false_z["z"] = false;
  expected["list"] = Json(Json::value_t::array);
  for (const Json& e : {Json(tricky), Json(""), Json(7), Json(Json::value_t::object), false_z}) {
    expected["list"].push_back(e);
  }
  expected["strings"] = std::vector<std::string>{"a", tricky};
  expected["no_strings"] = Json(Json::value_t::array);
  expected["numbers"] = std::vector<int>{-1, 0, 7};
  expected["no_numbers"] = Json(Json::value_t::array);
  expected["texts"] = Json(Json::value_t::object);
  for (const auto& [k, v] : texts) expected["texts"][k] = v;
  expected["no_texts"] = Json(Json::value_t::object);
  expected["json"] = Json::array({1, Json(Json::value_t::object)});
  expected["k\"ey\x02"] = "v";
  expected["last"] = 0;

  EXPECT_EQ(object.take(), write_json(expected));
  EXPECT_EQ(object.take(), "{}");  // take() leaves the object empty
  EXPECT_EQ(ObjectText().merge(tail).take(), R"({"last":0})");
  EXPECT_EQ(ObjectText().str("a", "b").merge(tail).take(), R"({"a":"b","last":0})");
  EXPECT_TRUE(list.size() == 5 && !list.empty() && ArrayText().empty());
}

TEST(JsonText, LongPointersAreCutAtACharacterBoundary) {
  Diagnostics diag;
  diag.add("x", "/" + std::string(1021, 'a') + "\xE6\x97\xA5", "");
  EXPECT_EQ(diag.errors()[0].pointer, "/" + std::string(1021, 'a'));
}

// errors_text() writes the error list without a document: the same text as the Json that
// error_to_json() builds, written by write_json(), whatever the fields hold.
TEST(JsonText, ErrorsTextIsWriteJsonOfTheErrors) {
  const auto both = [](const Diagnostics& diag) {
    Json errors = Json::array();
    for (const auto& e : diag.errors()) errors.push_back(error_to_json(e));
    EXPECT_EQ(errors_text(diag), write_json(errors));
  };
  Diagnostics none;
  both(none);
  EXPECT_EQ(errors_text(none), "[]");
  Diagnostics situation;
  situation.add("date_impossible", "/today", "a date that exists");
  situation.add("unknown_field", "/\xE6\x97\xA5\"\\\n/\xFF", "");  // escapes, and a byte that is not UTF-8
  both(situation);
  Diagnostics rules("rules/municipalities/\xE4\xBC\x8A\xE5\x8B\xA2.json");
  for (int i = 0; i < 60; ++i) rules.add("wrong_type", "/offices/" + std::to_string(i), "string");
  both(rules);  // with the file, and the 51st error is too_many_errors
}

}  // namespace
}  // namespace koshin
