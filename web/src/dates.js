// The three number fields of a date, checked the way a resident would want to hear about it.
export function readDate({ year, month, day }) {
  const parts = [year, month, day].map((s) => String(s ?? '').trim());
  if (parts.every((s) => s === '')) return { empty: true };
  if (parts.some((s) => s === '')) return { error: 'ui.error.date_incomplete' };
  if (!/^\d{4}$/.test(parts[0])) return { error: 'ui.error.year' };
  if (!/^\d{1,2}$/.test(parts[1]) || +parts[1] < 1 || +parts[1] > 12) return { error: 'ui.error.month' };
  if (!/^\d{1,2}$/.test(parts[2]) || +parts[2] < 1 || +parts[2] > 31) return { error: 'ui.error.day' };
  const [y, m, d] = parts.map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1) return { error: 'ui.error.no_such_date' };
  return { iso: `${parts[0]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

export function splitDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { year: m[1], month: String(+m[2]), day: String(+m[3]) } : { year: '', month: '', day: '' };
}
