// The share link and the calendar reminder under node (docs/adr/0007-takeaways.md): every case of
// the case tables goes through the link and back; the .ics file is read back by Mozilla's
// iCalendar parser (ical.js) and checked line by line against RFC 5545.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ICAL from 'ical.js';
import { loadCases, nativePlan, root } from './support.mjs';
import { Messages } from '../../web/src/messages.js';
import { readShare, shareFragment } from '../../web/src/share.js';
import { calendarFile, reminderEvents } from '../../web/src/ics.js';

const cases = loadCases();
const pack = (lang) => JSON.parse(fs.readFileSync(path.join(root, `i18n/${lang}.json`), 'utf8'));
const en = new Messages('en', pack('en'));
const ja = new Messages('ja', pack('ja'));
const withoutToday = ({ today, ...rest }) => rest;

test('share link: every case\'s situation goes through the fragment and back, without today', () => {
  for (const c of cases) {
    const fragment = shareFragment(c.situation);
    assert.match(fragment, /^#koshin=1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/, c.name);
    assert.deepEqual(readShare(fragment), { situation: withoutToday(c.situation) }, c.name);
  }
});

test('share link: a changed, cut or extended link is refused as damaged; another version says so', () => {
  const fragment = shareFragment(cases[0].situation);
  const start = '#koshin='.length;
  for (let i = start; i < fragment.length; i += 1) {
    if (fragment[i] === '.') continue;
    const other = fragment[i] === 'A' ? 'B' : 'A';
    const changed = fragment.slice(0, i) + other + fragment.slice(i + 1);
    assert.deepEqual(readShare(changed), { error: i === start ? 'ui.share.error.version' : 'ui.share.error.damaged' }, `position ${i}`);
  }
  for (let n = start + 3; n < fragment.length; n += 7) {
    assert.deepEqual(readShare(fragment.slice(0, n)), { error: 'ui.share.error.damaged' }, `cut at ${n}`);
  }
  assert.deepEqual(readShare(`${fragment}0`), { error: 'ui.share.error.damaged' });
  assert.deepEqual(readShare(fragment.replace('#koshin=1.', '#koshin=2.')), { error: 'ui.share.error.version' });
});

test('share link: the check covers what a hand-made payload could smuggle in', () => {
  const body = (json) => `1.${Buffer.from(json).toString('base64url')}`;
  const sign = async (b) => `#koshin=${b}.${(await import('../../web/src/share.js')).fnv1a(b)}`;
  return Promise.all([
    sign(body('[1,2]')).then((f) => assert.deepEqual(readShare(f), { error: 'ui.share.error.damaged' })),
    sign(body('{"today":"2030-01-01"}')).then((f) => assert.deepEqual(readShare(f), { error: 'ui.share.error.damaged' })),
    sign(`1.${Buffer.from([0xff, 0xfe]).toString('base64url')}`).then((f) => assert.deepEqual(readShare(f), { error: 'ui.share.error.damaged' })),
    sign(body('{"municipality":"ise"}')).then((f) => assert.deepEqual(readShare(f), { situation: { municipality: 'ise' } })),
  ]);
});

test('share link: other fragments are not ours; an escaped "=" (some apps do that) still reads', () => {
  assert.equal(readShare(''), null);
  assert.equal(readShare('#main'), null);
  assert.equal(readShare('#koshin'), null);
  const fragment = shareFragment(cases[0].situation);
  assert.deepEqual(readShare(fragment.replace('=', '%3D')), { situation: withoutToday(cases[0].situation) });
});

// RFC 5545 at the octet level: CRLF everywhere, lines of at most 75 octets, folds that start
// with one space, and no bare LF or CR.
function assertWellFormed(text, name) {
  assert.ok(text.endsWith('\r\n'), `${name}: ends with CRLF`);
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, `${name}: a bare CR or LF`);
  for (const line of text.split('\r\n').slice(0, -1)) {
    assert.ok(Buffer.byteLength(line) <= 75, `${name}: ${Buffer.byteLength(line)} octets: ${line}`);
    assert.ok(!line.includes('\uFFFD'), `${name}: a split character`);
  }
}

const datesOf = (plan) => {
  const go = plan.first_day_to_go?.date ?? (plan.window.opens > plan.today ? plan.window.opens : null);
  const d = new Date(`${plan.window.closes}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 7);
  const deadline = d.toISOString().slice(0, 10);
  return [go, deadline >= plan.today && deadline !== go ? deadline : null].filter(Boolean);
};

test('calendar file: for every case with a window, ical.js reads back the events, dates and words we wrote', () => {
  const now = new Date('2026-11-21T03:04:05Z');
  let files = 0;
  for (const c of cases) {
    const plan = nativePlan(c.situation);
    if (!plan.window || plan.errors.length) continue;
    for (const [m, other] of [[en, ja], [ja, null]]) {
      const link = `https://example.jp/koshin/${shareFragment(c.situation)}`;
      const events = reminderEvents(plan, m, { ja: other, link, situation: c.situation });
      if (!events.length) continue;
      const text = calendarFile(events, now);
      files += 1;
      assertWellFormed(text, c.name);
      const calendar = new ICAL.Component(ICAL.parse(text));
      assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
      assert.ok(calendar.getFirstPropertyValue('prodid'));
      const read = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      assert.deepEqual(read.map((e) => e.startDate.toString()), datesOf(plan), c.name);
      for (const [i, e] of read.entries()) {
        assert.ok(e.startDate.isDate, 'an all-day event');
        assert.equal(e.endDate.toJSDate() - e.startDate.toJSDate(), 86400000);
        assert.equal(e.summary, events[i].summary);
        assert.equal(e.description, events[i].description);
        assert.equal(e.location, events[i].location || null);
        assert.equal(e.uid, events[i].uid);
        assert.equal(e.component.getFirstPropertyValue('dtstamp').toString(), '2026-11-21T03:04:05Z');
        assert.equal(e.component.getFirstPropertyValue('url'), link);
        assert.equal(e.component.getFirstSubcomponent('valarm').getFirstPropertyValue('trigger').toString(), '-PT15H');
        for (const doc of plan.visits.flatMap((v) => v.documents)) {
          assert.ok(e.description.includes(doc.name ? m.local(doc.name).text : m.t(doc.key)), `${c.name}: ${doc.id}`);
          if (other && !doc.name) assert.ok(e.description.includes(other.t(doc.key)), `${c.name}: ${doc.id} in Japanese`);
        }
      }
      assert.equal(new Set(read.map((e) => e.uid)).size, read.length);
    }
  }
  assert.ok(files > 100, `${files} calendar files`);
});

test('calendar file: the same answer gives the same UIDs (a re-import updates); another person\'s differs', () => {
  const c = cases.find((x) => x.name.startsWith('Done when: Ise'));
  const plan = nativePlan(c.situation);
  const uids = (s) => reminderEvents(plan, en, { situation: s }).map((e) => e.uid);
  assert.equal(uids(c.situation).length, 2);
  assert.deepEqual(uids(c.situation), uids({ ...c.situation, today: '2016-01-01' }));
  const sibling = { ...c.situation, holder: { ...c.situation.holder, birth_date: '2001-02-03' } };
  assert.notDeepEqual(uids(c.situation), uids(sibling));
});

test('calendar file: commas, semicolons, backslashes and line breaks are escaped and read back', () => {
  const summary = 'a, b; c\\d\ne ＆ 日本語の長い文'.repeat(4);
  const text = calendarFile([{ uid: 'x@koshin', date: '2024-02-29', summary, description: summary, location: 'l' }], new Date(0));
  assertWellFormed(text, 'escapes');
  const e = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent'));
  assert.equal(e.summary, summary);
  assert.equal(e.endDate.toString(), '2024-03-01');
});
