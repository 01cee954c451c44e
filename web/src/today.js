// "Today" for the rules is the calendar date in Japan, whatever the device's time zone. Japan
// Standard Time is UTC+9 all year (no daylight saving since 1951): the Tokyo date is the UTC date
// nine hours on. (An Intl formatter for Asia/Tokyo gives the same date but loads time-zone data on
// first use: 14-42 ms in headless Chromium, a long task at page load that Lighthouse counts.)
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export function tokyoToday(now = new Date()) {
  return new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}
