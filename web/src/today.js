// "Today" for the rules is the calendar date in Japan, whatever the device's time zone.
const tokyo = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit',
});

export function tokyoToday(now = new Date()) {
  const parts = Object.fromEntries(tokyo.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
