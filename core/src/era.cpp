#include "koshin/era.hpp"

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

}  // namespace koshin
