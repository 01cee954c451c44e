// Words come from a language pack: flat "key": "text with {placeholders}" (see i18n/README.md).
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class Messages {
  constructor(lang, pack) {
    this.lang = lang;
    this.pack = pack;
    this.dates = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', dateStyle: 'long' });
    this.weekdays = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'long' });
  }

  has(key) {
    return typeof this.pack[key] === 'string';
  }

  // The text for `key` with its {placeholders} filled; an ISO date is written the reader's way.
  t(key, params = {}) {
    const text = this.has(key) ? this.pack[key] : `[${key}]`;
    return text.replace(/\{([a-z_]+)\}/g, (whole, name) =>
      name in params ? this.value(params[name]) : whole);
  }

  value(v) {
    if (typeof v === 'string' && ISO_DATE.test(v)) return this.date(v);
    if (Array.isArray(v)) return v.map((x) => this.value(x)).join(', ');
    return String(v);
  }

  date(iso) {
    const [, y, m, d] = ISO_DATE.exec(iso);
    return this.dates.format(new Date(Date.UTC(+y, +m - 1, +d)));
  }

  // "mon" ... "sun" in the reader's language (2024-01-01 was a Monday).
  weekday(day) {
    const index = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(day);
    return this.weekdays.format(new Date(Date.UTC(2024, 0, 1 + index)));
  }

  // A municipality's own text ({"ja": ..., "en": ...}): the reader's language, else Japanese,
  // with the language it is really in (for screen readers).
  local(text) {
    if (!text || typeof text !== 'object') return null;
    if (typeof text[this.lang] === 'string') return { text: text[this.lang], lang: this.lang };
    const primary = this.lang.split('-')[0];
    if (typeof text[primary] === 'string') return { text: text[primary], lang: primary };
    return typeof text.ja === 'string' ? { text: text.ja, lang: 'ja' } : null;
  }
}
