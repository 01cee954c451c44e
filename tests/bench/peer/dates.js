// Plain JS date code for the peer: calendar dates as 'YYYY-MM-DD' strings (which compare in
// order as strings); arithmetic through Date.UTC so no time zone can shift a day.
const pad = (n) => String(n).padStart(2, '0');

function parts(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return { y, m, d };
}

const iso = (date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const daysInMonth = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addDays(day, n) {
  const { y, m, d } = parts(day);
  return iso(new Date(Date.UTC(y, m - 1, d + n)));
}

// Whole months, clamped to the month's last day (2025-05-31 minus 3 months is 2025-02-28).
export function addMonths(day, n) {
  const { y, m, d } = parts(day);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = daysInMonth(first.getUTCFullYear(), first.getUTCMonth() + 1);
  return iso(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))));
}

const isMonthEnd = (day) => {
  const { y, m, d } = parts(day);
  return d === daysInMonth(y, m);
};

// The renewal window (domain notes §2, ADR 0002): it opens the day after "expiry minus 3 months"
// (policy P-WINDOW: clamped to the month's end) and closes on the expiry. When the expiry is a
// month's last day the strict reading counts back to a month's last day; when that gives a later
// day it is shown as `safe_from`.
export function renewalWindow(expiry, months = 3) {
  const opens = addDays(addMonths(expiry, -months), 1);
  const window = { opens, closes: expiry };
  if (isMonthEnd(expiry)) {
    const { y, m } = parts(addMonths(expiry, -months));
    const strict = addDays(`${y}-${pad(m)}-${pad(daysInMonth(y, m))}`, 1);
    if (strict > opens) window.safe_from = strict;
  }
  return window;
}

export function windowStatus(window, today) {
  if (today < window.opens) return 'not_yet_renewable';
  return today <= window.closes ? 'window_open' : 'expired';
}

// Age in whole years; a Feb 29 birthday falls on Feb 28 in common years (policy P-LEAP).
export function ageOn(birthDate, today) {
  const b = parts(birthDate);
  const t = parts(today);
  const birthDay = b.m === 2 && b.d === 29 && daysInMonth(t.y, 2) === 28 ? 28 : b.d;
  const hadBirthday = t.m > b.m || (t.m === b.m && t.d >= birthDay);
  return t.y - b.y - (hadBirthday ? 0 : 1);
}
