// The fields of a date (calendar, year, month, day), checked the way a resident would want to
// hear about it. `fromEra(era, y, m, d)` is the core's era conversion (docs/adr/0005).
export const ERAS = ['gregorian', 'reiwa', 'heisei', 'showa', 'taisho'];

// Full-width digits (typed with a Japanese input method) count as digits.
const halfWidth = (s) => String(s ?? '').trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

export function readDate({ era = 'gregorian', year, month, day }, fromEra) {
  const parts = [year, month, day].map(halfWidth);
  if (parts.every((s) => s === '')) return { empty: true };
  if (parts.some((s) => s === '')) return { error: 'ui.error.date_incomplete' };
  const gregorian = era === 'gregorian';
  if (gregorian ? !/^\d{4}$/.test(parts[0]) : !/^(\d{1,2}|元年?)$/.test(parts[0])) {
    return { error: gregorian ? 'ui.error.year' : 'ui.error.era_year' };
  }
  if (!/^\d{1,2}$/.test(parts[1]) || +parts[1] < 1 || +parts[1] > 12) return { error: 'ui.error.month' };
  if (!/^\d{1,2}$/.test(parts[2]) || +parts[2] < 1 || +parts[2] > 31) return { error: 'ui.error.day' };
  const [y, m, d] = [parts[0].startsWith('元') ? 1 : +parts[0], +parts[1], +parts[2]];
  if (!gregorian) {
    const r = fromEra(era, y, m, d);
    if (!r) return {};  // the core is not loaded yet: not complete, not wrong
    if (r.date) return { iso: r.date };
    return { error: r.error === 'impossible' ? 'ui.error.no_such_date' : 'ui.error.outside_era' };
  }
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1) return { error: 'ui.error.no_such_date' };
  return { iso: `${parts[0]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

export function splitDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { year: m[1], month: String(+m[2]), day: String(+m[3]) } : { year: '', month: '', day: '' };
}
