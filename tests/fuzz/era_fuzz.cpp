// libFuzzer target: a date as printed (parse_japanese_date) and as a situation's date field reads
// it (read_situation_date). Properties: a date read lies in 1912-07-30..2099-12-31 and, written
// back in its era (kanji and letter forms), reads as the same day; the field reader accepts
// exactly what the ISO or the era reader accepts, with one coded error otherwise.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "koshin/era.hpp"
#include "koshin/situation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace koshin;
  const std::string_view text = fuzz::as_text(data, size);
  Date d;
  const EraText r = parse_japanese_date(text, d);
  if (r == EraText::ok) {
    const Date first{date::year{1912}, date::July, date::day{30}};
    const Date last{date::year{2099}, date::December, date::day{31}};
    KOSHIN_FUZZ_CHECK(d.ok() && !before(d, first) && !before(last, d), "an era date in 1912-07-30..2099-12-31");
    const auto era = japanese_era(d);
    KOSHIN_FUZZ_CHECK(era.has_value(), "a date read has an era");
    const std::string m = std::to_string(static_cast<unsigned>(d.month()));
    const std::string day = std::to_string(static_cast<unsigned>(d.day()));
    const std::string year = era->year == 1 ? "元" : std::to_string(era->year);
    const std::string kanji = std::string(era_kanji(era->era)) + year + "年" + m + "月" + day + "日";
    const std::string latin = std::string(1, "TSHR"[static_cast<int>(era->era)]) + year + "." + m + "." + day;
    for (const std::string& back : {kanji, latin}) {
      Date again;
      KOSHIN_FUZZ_CHECK(parse_japanese_date(back, again) == EraText::ok && again == d, "reads back: " + back);
    }
  }
  Date iso;
  const DateParse p = parse_iso_date(text, iso);
  if (p == DateParse::ok) KOSHIN_FUZZ_CHECK(format_iso_date(iso) == text, "an ISO date is written as read");
  Diagnostics diag;
  const auto field = read_situation_date(Json(std::string(text)), "/today", diag);
  const bool readable = p == DateParse::ok || (p == DateParse::bad_format && r == EraText::ok);
  KOSHIN_FUZZ_CHECK(field.has_value() == readable, "the field reads what the ISO or era reader reads");
  if (field) {
    KOSHIN_FUZZ_CHECK(diag.ok() && *field == (p == DateParse::ok ? iso : d), "the field's date is the reader's");
  } else {
    KOSHIN_FUZZ_CHECK(diag.errors().size() == 1 && diag.errors()[0].pointer == "/today", "one error at the field");
    const std::string& code = diag.errors()[0].code;
    KOSHIN_FUZZ_CHECK(code == "date_format" || code == "date_impossible" || code == "date_outside_era",
                      "a date error: " + code);
  }
  return 0;
}
