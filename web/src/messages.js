// Words from a language pack (i18n/README.md), in the message syntax of ./message-format.js.
import { formatParts, parseMessage, plainText } from './message-format.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const utc = (iso) => {
  const [, y, m, d] = ISO_DATE.exec(iso);
  return new Date(Date.UTC(+y, +m - 1, +d));
};

// A message already formatted (parts), passed as a parameter of another: keeps its markup.
class Rich {
  constructor(parts) {
    this.parts = parts;
  }
}

export class Messages {
  // `fallback` (Japanese Messages) words what this pack lacks or cannot parse, marked lang="ja".
  constructor(lang, pack, fallback = null) {
    this.lang = lang;
    this.pack = pack;
    this.fallback = fallback;
    this.japanese = lang === 'ja' || lang.startsWith('ja-');
    // Japanese as written in Japan, with the era beside the year; every other language in the
    // Gregorian calendar with Latin digits (Thai, Nepali and Burmese default otherwise).
    this.intl = this.japanese ? 'ja-JP-u-ca-gregory' : `${lang}-u-ca-gregory-nu-latn`;
    this.formats = new Map();
    this.parsed = new Map();
  }

  // The Intl formatters, each made when first used: the first one a page makes costs tens of
  // milliseconds (ICU's data), and a pack that never formats a number or a list pays for none.
  #format(name, make) {
    if (!this.formats.has(name)) this.formats.set(name, make());
    return this.formats.get(name);
  }

  #dateFormat(locale, options) {
    return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options });
  }

  get dates() {
    return this.#format('dates', () => this.#dateFormat(this.intl, { dateStyle: 'long' }));
  }

  get eraYears() {
    return this.#format('eraYears', () => this.#dateFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric' }));
  }

  get eraDates() {
    return this.#format('eraDates', () => this.#dateFormat('ja-JP-u-ca-japanese', { dateStyle: 'long' }));
  }

  get weekdays() {
    return this.#format('weekdays', () => this.#dateFormat(this.intl, { weekday: 'long' }));
  }

  get numbers() {
    return this.#format('numbers', () => new Intl.NumberFormat(this.intl));
  }

  get plurals() {
    return this.#format('plurals', () => new Intl.PluralRules(this.intl));
  }

  get lists() {
    return this.#format('lists', () => new Intl.ListFormat(this.intl, { type: 'conjunction' }));
  }

  has(key) {
    return this.#parsed(key) !== null || Boolean(this.fallback?.has(key));
  }

  // The message parsed; null when the pack lacks it or it is not a valid message.
  #parsed(key) {
    if (!this.parsed.has(key)) {
      let parsed = null;
      try {
        if (typeof this.pack[key] === 'string') parsed = parseMessage(this.pack[key]);
      } catch {
        // a broken message is a missing one
      }
      this.parsed.set(key, parsed);
    }
    return this.parsed.get(key);
  }

  // The message as parts (strings and {tag, parts}); else the fallback's, in a Japanese span;
  // "[key]" when neither has it.
  parts(key, params = {}) {
    const parsed = this.#parsed(key);
    if (parsed) return formatParts(parsed, params, this);
    if (this.fallback?.has(key)) return [{ tag: 'span', lang: this.fallback.lang, parts: this.fallback.parts(key, params) }];
    return [`[${key}]`];
  }

  // Plain text, for attributes and options (furigana left out).
  t(key, params) {
    return plainText(this.parts(key, params));
  }

  // DOM nodes, with <ruby> and <em> as elements (never through innerHTML).
  r(key, params) {
    return nodes(this.parts(key, params));
  }

  // A message to pass as a parameter of another, keeping its markup.
  rich(key, params) {
    return new Rich(this.parts(key, params));
  }

  // For ./message-format.js: a parameter's value as parts, and plural categories.
  value(v, type) {
    if (v instanceof Rich) return v.parts;
    if (Array.isArray(v)) {
      const items = this.lists.formatToParts(v.map((_, i) => String(i)));
      return items.flatMap((x) => (x.type === 'element' ? this.value(v[+x.value]) : [x.value]));
    }
    if (type === 'date' && typeof v === 'string' && ISO_DATE.test(v)) return [this.date(v)];
    if (type === 'number' && typeof v === 'number') return [this.numbers.format(v)];
    return [String(v)];
  }

  plural(n) {
    return this.plurals.select(n);
  }

  // 2025年3月1日(令和7年) in Japanese; March 1, 2025 and so on elsewhere.
  date(iso) {
    const d = utc(iso);
    return this.japanese ? `${this.dates.format(d)}(${this.eraYears.format(d)})` : this.dates.format(d);
  }

  // A date typed in, said back in both calendars: "March 1, 2025 (令和7年3月1日)".
  echo(iso) {
    const d = utc(iso);
    return this.r('ui.date.echo', { gregorian: this.dates.format(d), wareki: this.eraDates.format(d) });
  }

  // "mon" ... "sun" in the reader's language (2024-01-01 was a Monday).
  // The weekday of an ISO date ("Tuesday", "火曜日").
  weekdayOf(iso) {
    return this.weekdays.format(utc(iso));
  }

  weekday(day) {
    const index = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(day);
    return this.weekdays.format(new Date(Date.UTC(2024, 0, 1 + index)));
  }

  // A municipality's own text ({"ja": ..., "en": ...}): the reader's language, else Japanese,
  // with the language it is really in (shown marked when it is not the reader's).
  local(text) {
    if (!text || typeof text !== 'object') return null;
    if (typeof text[this.lang] === 'string') return { text: text[this.lang], lang: this.lang };
    const primary = this.lang.split('-')[0];
    if (typeof text[primary] === 'string') return { text: text[primary], lang: primary };
    return typeof text.ja === 'string' ? { text: text.ja, lang: 'ja' } : null;
  }
}

function nodes(parts) {
  const fragment = document.createDocumentFragment();
  for (const p of parts) {
    if (typeof p === 'string') fragment.append(p);
    else {
      const el = document.createElement(p.tag);
      if (p.lang) el.lang = p.lang;
      el.append(nodes(p.parts));
      fragment.append(el);
    }
  }
  return fragment;
}
