// Japanese eras (和暦) for dates read off cards and documents: 大正, 昭和, 平成, 令和.
//
// Year 1 of an era is 元年. Cards printed before 2019-05-01 give later dates in 平成 (平成32年 for
// 2020, and 平成31年5月1日 onwards): those are accepted and mean the same day under 令和
// (policy P-ERA-PRINTED, docs/adr/0005-language-packs-and-eras.md). Any other date outside its
// era (令和元年4月30日, 昭和64年1月8日) is an error, as is a date that does not exist.
#pragma once

#include <optional>

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

}  // namespace koshin
