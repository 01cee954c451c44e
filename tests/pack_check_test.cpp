// The language-pack check: the table of broken packs (tests/pack_cases.json), the shipped packs,
// and hostile messages.
#include "koshin/pack_check.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "case_matcher.hpp"
#include "koshin/json_text.hpp"
#include "test_support.hpp"

namespace koshin {
namespace {

const Json table = testing::source_json("tests/pack_cases.json");

TEST(PackTable, EachBrokenPackGetsItsCodesAndPointers) {
  ASSERT_GE(table["cases"].size(), 40u);
  for (const auto& c : table["cases"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const Json base = testing::merge(table["base"], c.value("base", Json::object()));
    std::string text;
    if (c.contains("text")) {
      text = c["text"].get<std::string>();
    } else if (c.value("text_of", "") == "base") {
      text = write_json(base, 2);
    } else {
      text = write_json(testing::merge(table["good"], c["pack"]), 2);
    }
    Diagnostics diag;
    const bool ok = check_pack(text, c.value("locale", "xx"), c.value("with_base", true) ? &base : nullptr, diag);
    EXPECT_EQ(ok, c["expect"].empty());
    Json got = Json::array();
    for (const auto& e : diag.errors()) got.push_back({{"code", e.code}, {"pointer", e.pointer}});
    EXPECT_EQ(write_json(got), write_json(c["expect"]));
    const Json expected = c.value("expected", Json::array());
    for (std::size_t i = 0; i < expected.size() && i < diag.errors().size(); ++i) {
      EXPECT_NE(diag.errors()[i].expected.find(expected[i].get<std::string>()), std::string::npos)
          << diag.errors()[i].expected;
    }
  }
}

TEST(PackTable, EveryCodeHasAMessageKeyShape) {
  Diagnostics diag;
  check_pack("{\"@@locale\": \"xx\"}", "yy", nullptr, diag);
  ASSERT_EQ(diag.errors().size(), 2u);
  EXPECT_EQ(diag.errors()[0].key(), "error.pack_locale_mismatch");
}

// The names a pack may have: tests/language_tag_cases.json (the JavaScript rule is checked
// against the same table, and Intl, in tests/web/pack_check.test.mjs).
TEST(LanguageTags, TableOfCases) {
  const Json tags = testing::source_json("tests/language_tag_cases.json");
  ASSERT_GE(tags["valid"].size(), 10u);
  ASSERT_GE(tags["invalid"].size(), 10u);
  for (const auto& t : tags["valid"]) EXPECT_TRUE(is_language_tag(t.get<std::string>())) << t;
  for (const auto& t : tags["invalid"]) EXPECT_FALSE(is_language_tag(t.get<std::string>())) << t;
}

// All 14 shipped packs pass: en.json on its own, every other one against it.
TEST(ShippedPacks, PassAgainstTheBase) {
  const std::string en_text = testing::read_text(KOSHIN_SOURCE_DIR "/i18n/en.json");
  Diagnostics en_diag;
  const auto en = parse_json_text(en_text, en_diag);
  ASSERT_TRUE(en.has_value());
  EXPECT_TRUE(check_pack(en_text, "en", nullptr, en_diag));
  for (const auto& e : en_diag.errors())
    ADD_FAILURE() << "en.json: " << e.pointer << ": " << e.code << ": " << e.expected;
  int packs = 0;
  for (const auto& f : std::filesystem::directory_iterator(KOSHIN_SOURCE_DIR "/i18n")) {
    if (f.path().extension() != ".json") continue;
    ++packs;
    const std::string locale = f.path().stem().string();
    Diagnostics diag(f.path().filename().string());
    EXPECT_TRUE(check_pack(testing::read_text(f.path()), locale, locale == "en" ? nullptr : &*en, diag)) << locale;
    for (const auto& e : diag.errors())
      ADD_FAILURE() << e.file << ": " << e.pointer << ": " << e.code << ": " << e.expected;
  }
  EXPECT_EQ(packs, 14);
}

// The check must be able to fail on the shipped packs too: a pack checked as another locale.
TEST(ShippedPacks, AreCheckedAgainstTheirFileName) {
  Diagnostics diag;
  EXPECT_FALSE(check_pack(testing::read_text(KOSHIN_SOURCE_DIR "/i18n/ja.json"), "ko", nullptr, diag));
  ASSERT_EQ(diag.errors().size(), 1u);
  EXPECT_EQ(diag.errors()[0].code, "pack_locale_mismatch");
}

std::string nested(int depth, const std::string& open, const std::string& close) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += open;
  s += "x";
  for (int i = 0; i < depth; ++i) s += close;
  return s;
}

TEST(Messages, NestingIsBoundedNotAStackOverflow) {
  MessageArguments args;
  MessageProblem problem;
  // kMaxMessageDepth levels pass; one more is an error, and so are 100000.
  EXPECT_TRUE(check_message(nested(kMaxMessageDepth, "{n, plural, other {", "}}"), args, problem)) << problem.expected;
  EXPECT_TRUE(check_message(nested(kMaxMessageDepth, "<em>", "</em>"), args, problem)) << problem.expected;
  for (int depth : {kMaxMessageDepth + 1, 100000}) {
    SCOPED_TRACE(depth);
    for (const auto& [open, close] : {std::pair<std::string, std::string>{"{n, plural, other {", "}}"},
                                      {"{s, select, other {", "}}"},
                                      {"<em>", "</em>"},
                                      {"<ruby>{n, plural, other {", "}}</ruby>"}}) {
      problem = {};
      EXPECT_FALSE(check_message(nested(depth, open, close), args, problem));
      ASSERT_NE(problem.code, nullptr);
      EXPECT_STREQ(problem.code, "message_syntax");
      EXPECT_NE(problem.expected.find("nested at most 64 deep"), std::string::npos) << problem.expected;
    }
  }
}

TEST(Messages, PlaceholdersAsTheJavaScriptCheckerCollectsThem) {
  MessageArguments args;
  MessageProblem problem;
  ASSERT_TRUE(check_message("{d, date} {n, plural, =0 {none} other {# {who}}} <em>{x, number}</em>", args, problem));
  EXPECT_EQ(args, (MessageArguments{{"d", "date"}, {"n", "plural"}, {"who", ""}, {"x", "number"}}));
  // A name used twice: the last one walked over wins, and JavaScript walks the integer-like case
  // keys ("1") before the others.
  args.clear();
  ASSERT_TRUE(check_message("{n, select, other {{x, date}} 1 {{x}}}", args, problem));
  EXPECT_EQ(args.at("x"), "date");
  args.clear();
  ASSERT_TRUE(check_message("{n, select, a {{x, date}} other {{x}}}", args, problem));
  EXPECT_EQ(args.at("x"), "");
  // '#' is text outside a plural and in a select inside one; "'" is text.
  args.clear();
  EXPECT_FALSE(check_message("#1 '{' is not quoting", args, problem));
  EXPECT_TRUE(check_message("# it's {n, plural, other {{s, select, other {#}}}}", args, problem));
}

}  // namespace
}  // namespace koshin
