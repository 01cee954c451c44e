// The widget's words (web/src/messages.js) under node: its Intl formatters are made when first
// used, once each (the first one a page makes costs tens of milliseconds), and they format as
// before.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { root } from './support.mjs';
import { Messages } from '../../web/src/messages.js';

const pack = (lang) => JSON.parse(fs.readFileSync(path.join(root, `i18n/${lang}.json`), 'utf8'));

// Counts the Intl objects made while `fn` runs, by kind.
function countIntl(fn) {
  const kinds = ['DateTimeFormat', 'NumberFormat', 'PluralRules', 'ListFormat'];
  const made = Object.fromEntries(kinds.map((k) => [k, 0]));
  const originals = Object.fromEntries(kinds.map((k) => [k, Intl[k]]));
  for (const k of kinds) {
    Intl[k] = new Proxy(originals[k], {
      construct(target, args) {
        made[k] += 1;
        return Reflect.construct(target, args);
      },
    });
  }
  try {
    fn();
  } finally {
    Object.assign(Intl, originals);
  }
  return made;
}

test('no Intl formatter is made until one is used, and each is made once', () => {
  let ja;
  let en;
  assert.deepEqual(countIntl(() => {
    ja = new Messages('ja', pack('ja'));
    en = new Messages('en', pack('en'), ja);
  }), { DateTimeFormat: 0, NumberFormat: 0, PluralRules: 0, ListFormat: 0 });
  // A Japanese date: the Gregorian date and the era year, two formatters, made once.
  assert.deepEqual(countIntl(() => {
    for (let i = 0; i < 3; i += 1) assert.equal(ja.date('2025-03-01'), '2025年3月1日(令和7年)');
  }), { DateTimeFormat: 2, NumberFormat: 0, PluralRules: 0, ListFormat: 0 });
  assert.deepEqual(countIntl(() => {
    assert.equal(en.date('2025-03-01'), 'March 1, 2025');
    assert.equal(en.weekday('tue'), 'Tuesday');
    assert.equal(en.weekdayOf('2025-03-01'), 'Saturday');
    assert.equal(en.value(1234, 'number')[0], '1,234');
    assert.equal(en.plural(1), 'one');
    assert.equal(en.value(['a', 'b', 'c']).join(''), 'a, b, and c');
  }), { DateTimeFormat: 2, NumberFormat: 1, PluralRules: 1, ListFormat: 1 });
  // The era date is Japanese in every language: "said back in both calendars".
  assert.equal(en.eraDates.format(new Date(Date.UTC(2019, 4, 1))), '令和元年5月1日');
  assert.equal(ja.plural(1), 'other');
});
