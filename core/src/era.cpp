#include "koshin/era.hpp"

#include <algorithm>
#include <cstdint>

namespace koshin {

const EnumNames<Era> kEraNames{
    {{"taisho", Era::taisho}, {"showa", Era::showa}, {"heisei", Era::heisei}, {"reiwa", Era::reiwa}}};

namespace {

struct EraSpan {
  Era era;
  Date first;  // the era's first day
  Date last;   // its last day (the day before the next era's first)
};

// In order; the last one is open-ended.
constexpr int kEras = 4;
const EraSpan kSpans[kEras] = {
    {Era::taisho, date::year{1912} / 7 / 30, date::year{1926} / 12 / 24},
    {Era::showa, date::year{1926} / 12 / 25, date::year{1989} / 1 / 7},
    {Era::heisei, date::year{1989} / 1 / 8, date::year{2019} / 4 / 30},
    {Era::reiwa, date::year{2019} / 5 / 1, date::year{9999} / 12 / 31},
};

}  // namespace

EraParse from_japanese_era(Era era, int year, int month, int day, Date& out) {
  const EraSpan& span = kSpans[static_cast<int>(era)];
  if (year < 1 || year > 99) return EraParse::outside_era;
  if (month < 1 || month > 12 || day < 1 || day > 31) return EraParse::impossible;
  const Date d = date::year{static_cast<int>(span.first.year()) + year - 1} / static_cast<unsigned>(month) /
                 static_cast<unsigned>(day);
  if (!d.ok()) return EraParse::impossible;
  if (before(d, span.first)) return EraParse::outside_era;
  // P-ERA-PRINTED: 平成 runs on past its end on cards printed before 2019-05-01.
  if (era != Era::heisei && before(span.last, d)) return EraParse::outside_era;
  out = d;
  return EraParse::ok;
}

std::optional<EraYear> japanese_era(Date d) {
  for (int i = kEras - 1; i >= 0; --i) {
    if (!before(d, kSpans[i].first)) {
      return EraYear{kSpans[i].era, static_cast<int>(d.year()) - static_cast<int>(kSpans[i].first.year()) + 1};
    }
  }
  return std::nullopt;
}

const char* era_kanji(Era era) {
  switch (era) {
    case Era::taisho:
      return "\u5927\u6B63";  // 大正
    case Era::showa:
      return "\u662D\u548C";  // 昭和
    case Era::heisei:
      return "\u5E73\u6210";  // 平成
    case Era::reiwa:
      break;
  }
  return "\u4EE4\u548C";  // 令和
}

namespace {

// The code point at byte i (advanced past it); anything but well-formed UTF-8 (no overlong forms)
// gives U+FFFD, which no date contains.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[k])); };
  const std::uint32_t lead = byte(i++);
  const int more = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  if (lead < 0x80) return lead;
  if (more == 0 || lead > 0xF4 || i + static_cast<std::size_t>(more) > s.size()) return 0xFFFD;
  std::uint32_t cp = lead & (0x3Fu >> more);
  for (int k = 0; k < more; ++k) {
    if ((byte(i) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (byte(i++) & 0x3F);
  }
  const std::uint32_t least[] = {0, 0x80, 0x800, 0x10000};
  return cp < least[more] ? 0xFFFD : cp;
}

bool is_kanji(std::uint32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

}  // namespace

EraText parse_japanese_date(std::string_view text, Date& out) {
  // The text as code points: full-width ASCII forms (Ｒ７．３) as ASCII, tab and U+3000 as
  // spaces, and the spaces dropped where they separate parts (they may not split a number).
  constexpr int kMax = 32;
  std::uint32_t c[kMax];
  int n = 0;
  for (std::size_t b = 0; b < text.size();) {
    std::uint32_t cp = next_code_point(text, b);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (cp == 0x3000 || cp == '\t') cp = ' ';
    if (n == kMax) return EraText::syntax;
    c[n++] = cp;
  }
  int i = 0;
  while (i < n && c[i] == ' ') ++i;

  // The era: two kanji (令和7年3月1日) or a Latin letter (R7.3.1); -1 for one the reader does
  // not take (明治, M, other names and letters), which counts only if the rest has a date's shape.
  static const std::uint32_t kNames[kEras][2] = {
      {0x5927, 0x6B63}, {0x662D, 0x548C}, {0x5E73, 0x6210}, {0x4EE4, 0x548C}};  // 大正 昭和 平成 令和
  static const char kLetters[] = "TSHR";
  static const std::uint32_t kMarks[2][3] = {{'.', '.', 0}, {0x5E74, 0x6708, 0x65E5}};  // . . / 年 月 日
  int era = -1;
  const bool kanji = i + 1 < n && is_kanji(c[i]) && is_kanji(c[i + 1]);
  const std::uint32_t letter = i < n ? (c[i] & ~0x20u) : 0;
  if (!kanji && (letter < 'A' || letter > 'Z')) return EraText::syntax;
  for (int k = 0; k < kEras; ++k) {
    if (kanji ? c[i] == kNames[k][0] && c[i + 1] == kNames[k][1] : letter == static_cast<std::uint32_t>(kLetters[k])) {
      era = k;
    }
  }
  i += kanji ? 2 : 1;

  // Year (a number or 元), month, day, each followed by its mark; spaces around each part.
  int v[3] = {0, 0, 0};
  for (int part = 0; part < 3; ++part) {
    while (i < n && c[i] == ' ') ++i;
    const int first = i;
    if (part == 0 && i < n && c[i] == 0x5143) {  // 元
      v[0] = 1;
      ++i;
    }
    for (; i < n && c[i] - '0' < 10u; ++i) v[part] = std::min(v[part] * 10 + static_cast<int>(c[i] - '0'), 9999);
    while (i < n && c[i] == ' ') ++i;
    const std::uint32_t mark = kMarks[kanji][part];
    if (i == first || (mark != 0 && (i == n || c[i++] != mark))) return EraText::syntax;
    while (i < n && c[i] == ' ') ++i;
  }
  if (i != n) return EraText::syntax;
  if (era < 0) return EraText::unknown_era;
  Date d;
  const EraParse r = from_japanese_era(static_cast<Era>(era), v[0], v[1], v[2], d);
  if (r != EraParse::ok) return r == EraParse::impossible ? EraText::impossible : EraText::outside_era;
  // The reader ends where the core's calendar does.
  if (before(date::year{2099} / 12 / 31, d)) return EraText::outside_era;
  out = d;
  return EraText::ok;
}

}  // namespace koshin
