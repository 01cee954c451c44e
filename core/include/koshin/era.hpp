// Japanese eras (和暦) for dates read off cards and documents: 大正, 昭和, 平成, 令和.
//
// Year 1 of an era is 元年. Cards printed before 2019-05-01 give later dates in 平成 (平成32年 for
// 2020, and 平成31年5月1日 onwards): those are accepted and mean the same day under 令和
// (policy P-ERA-PRINTED, docs/adr/0005-language-packs-and-eras.md). Any other date outside its
// era (令和元年4月30日, 昭和64年1月8日) is an error, as is a date that does not exist.
#pragma once

#include <optional>
#include <string_view>

#include "koshin/date.hpp"
#include "koshin/diagnostics.hpp"

namespace koshin {

enum class Era { taisho, showa, heisei, reiwa };
extern const EnumNames<Era> kEraNames;  // "taisho", "showa", "heisei", "reiwa"

enum class EraParse { ok, impossible, outside_era };
EraParse from_japanese_era(Era era, int year, int month, int day, Date& out);

// The era a date falls in and its year (1 = 元年); nullopt before 大正 (1912-07-30).
struct EraYear {
  Era era;
  int year;
};
std::optional<EraYear> japanese_era(Date d);

// The era's name as printed: 大正, 昭和, 平成, 令和 (UTF-8).
const char* era_kanji(Era era);

// A date as printed on cards and documents:
//   令和7年3月1日, 令和元年5月1日, 令和 7 年 3 月 1 日, 令和７年３月１日   (era name, 年 月 日)
//   R7.3.1, R07.03.01, H31.4.30, Ｒ７．３．１                             (M/T/S/H/R, '.' or '．')
// Digits ASCII or full-width; year 1 may be 元; spaces (ASCII, tab, U+3000) before, after and
// between the parts. Letters in either case. The range rules are from_japanese_era's
// (P-ERA-PRINTED), and the reader ends where the core's calendar does, 2099-12-31 (later dates:
// outside_era). `unknown_era`: the shape of a date under an era this reader does not take (明治,
// M, another letter or a two-kanji name); `syntax`: anything else.
enum class EraText { ok, syntax, unknown_era, impossible, outside_era };
EraText parse_japanese_date(std::string_view text, Date& out);

}  // namespace koshin
