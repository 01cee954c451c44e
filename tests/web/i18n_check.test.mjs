// The language-pack check (scripts/i18n-check.mjs) on the shipped packs, on packs broken in each
// way it must catch, and on a language added the way the README says.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';

import { checkPacks } from '../../scripts/i18n-check.mjs';
import { parseMessage, formatParts, plainText } from '../../web/src/message-format.js';
import { paths } from './support.mjs';

const i18n = path.join(paths.root, 'i18n');
const coreKeys = JSON.parse(execFileSync(paths.cli, ['keys'], { encoding: 'utf8' }));
const en = JSON.parse(fs.readFileSync(path.join(i18n, 'en.json'), 'utf8'));

// A directory holding en.json and the given packs.
function packsDir(packs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koshin-i18n-'));
  fs.writeFileSync(path.join(dir, 'en.json'), JSON.stringify(en));
  for (const [name, pack] of Object.entries(packs)) {
    fs.writeFileSync(path.join(dir, `${name}.json`), typeof pack === 'string' ? pack : JSON.stringify(pack));
  }
  return dir;
}

// en's messages as a translation would carry them (no notes).
const messagesOf = (pack, locale) => ({
  ...Object.fromEntries(Object.entries(pack).filter(([k]) => !k.startsWith('@'))),
  '@@locale': locale, '@@name': 'Test',
});

test('the shipped packs pass, and define every key the core emits', () => {
  assert.ok(coreKeys.length > 50);
  assert.deepEqual(checkPacks(i18n, coreKeys), []);
});

// "Why?" words every rule in plain words (docs/adr/0007-takeaways.md): each core rule of the
// national file has its message, and no message is left for a rule that is gone.
test('every core rule has its plain words for "Why?", and every such message has its rule', () => {
  const national = JSON.parse(fs.readFileSync(path.join(paths.root, 'rules/national.json'), 'utf8'));
  const rules = national.core_rules.map((r) => `why.rule.${r.id}`).sort();
  const words = Object.keys(en).filter((k) => k.startsWith('why.rule.')).sort();
  assert.ok(rules.length > 20);
  assert.deepEqual(words, rules);
});

test('each kind of problem is reported with its file and key', () => {
  const good = messagesOf(en, 'xx');
  const cases = [
    [{ ...good, 'ui.check': undefined }, 'xx.json: ui.check: missing'],
    [{ ...good, 'ui.nonsense': 'x' }, 'xx.json: ui.nonsense: not a key of en.json'],
    [{ ...good, 'ui.check': ' ' }, 'xx.json: ui.check: empty message'],
    [{ ...good, 'ui.lead.go_now': 'Until {closes}.' }, 'xx.json: ui.lead.go_now: placeholders {closes} differ from en.json\'s {closes, date}'],
    [{ ...good, 'ui.lead.go_now': 'Until {until, date}.' }, 'xx.json: ui.lead.go_now: placeholders {until, date} differ'],
    [{ ...good, 'ui.check': 'Check {' }, 'xx.json: ui.check: invalid message'],
    [{ ...good, 'ui.check': '<b>Check</b>' }, 'xx.json: ui.check: invalid message: markup other than <ruby>, <rt> and <em>'],
    [{ ...good, 'ui.check': '<em class="x">Check</em>' }, 'xx.json: ui.check: invalid message: markup other than'],
    [{ ...good, 'ui.check': '<em>Check' }, 'xx.json: ui.check: invalid message: <em> not closed'],
    [{ ...good, 'ui.doc.issued_within': '{months, plural, one {one month}}' }, 'has no "other" case'],
    [{ ...good, 'doc.holder_card': 'The card' }, 'xx.json: doc.holder_card: keep the Japanese term "マイナンバーカード"'],
    [{ ...good, '@@locale': 'yy' }, 'xx.json: @@locale: must be "xx"'],
    [{ ...good, '@@name': '' }, 'xx.json: @@name: missing'],
    ['{"ui.check": ', 'xx.json: not JSON'],
  ];
  for (const [pack, expected] of cases) {
    const problems = checkPacks(packsDir({ xx: pack }), coreKeys);
    assert.ok(problems.some((p) => p.includes(expected)), `expected "${expected}", got:\n${problems.join('\n')}`);
  }
  // A file named with an underscore: the widget could not format dates in it.
  const misnamed = checkPacks(packsDir({ pt_BR: messagesOf(en, 'pt_BR') }), coreKeys);
  assert.equal(misnamed.length, 1, misnamed.join('\n'));
  assert.ok(misnamed[0].endsWith('/pt_BR.json: @@locale: "pt_BR" is not a language tag (BCP 47): name the file like pt-BR, zh-Hant or ja-x-easy'), misnamed[0]);
  const noNote = { ...en };
  delete noNote['@ui.check'];
  const dir = packsDir({});
  fs.writeFileSync(path.join(dir, 'en.json'), JSON.stringify(noNote));
  assert.ok(checkPacks(dir, coreKeys).some((p) => p.endsWith('en.json: ui.check: no translator note ("@key": {"description": ...})')));
  assert.ok(checkPacks(dir, [...coreKeys, 'reason.made_up']).some((p) => p.includes('reason.made_up: emitted by the core but defined in no pack')));
});

test('a language added as the README says passes the check', () => {
  // README "Adding a language": copy en.json's messages to i18n/<tag>.json, set @@locale and
  // @@name, translate, run the check.
  const added = messagesOf(en, 'eo');
  added['ui.check'] = 'Kontroli';
  assert.deepEqual(checkPacks(packsDir({ eo: added }), coreKeys), []);
});

test('plural, select, dates and markup format as documented', () => {
  const env = {
    value: (v, type) => [type === 'date' ? `D(${v})` : type === 'number' ? `N(${v})` : String(v)],
    plural: (n) => new Intl.PluralRules('pt-BR').select(n),
  };
  const f = (text, params) => plainText(formatParts(parseMessage(text), params, env));
  const days = '{n, plural, =0 {today} one {in # day} other {in # days}}';
  assert.equal(f(days, { n: 0 }), 'today');
  assert.equal(f(days, { n: 1 }), 'in N(1) day');
  assert.equal(f(days, { n: 5 }), 'in N(5) days');
  assert.equal(f('{x, select, a {A} other {O}}', { x: 'a' }), 'A');
  assert.equal(f('{x, select, a {A} other {O}}', { x: 'b' }), 'O');
  // A value named like an Object.prototype member is an ordinary value, and so is such a case.
  assert.equal(f('{x, select, a {A} other {O}}', { x: 'toString' }), 'O');
  assert.equal(f('{x, select, constructor {C} other {O}}', { x: 'constructor' }), 'C');
  assert.equal(f('On {d, date}', { d: '2025-03-01' }), 'On D(2025-03-01)');
  assert.equal(f('{missing}', {}), '{missing}');
  assert.equal(f('<ruby>漢字<rt>かんじ</rt></ruby>です', {}), '漢字です');
  assert.deepEqual(formatParts(parseMessage('<em>a</em>'), {}, env), [{ tag: 'em', parts: ['a'] }]);
});

test('a browser language finds its pack', async () => {
  const { matchLanguage } = await import('../../web/src/languages.js');
  const languages = fs.readdirSync(i18n).filter((f) => f.endsWith('.json')).map((f) => ({ id: f.slice(0, -5) }));
  const cases = {
    ja: 'ja', 'ja-JP': 'ja', 'ja-x-easy': 'ja-x-easy', 'JA-X-EASY': 'ja-x-easy', en: 'en', 'en-GB': 'en',
    'zh-TW': 'zh-Hant', 'zh-HK': 'zh-Hant', zh: 'zh-Hans', 'zh-CN': 'zh-Hans', 'zh-SG': 'zh-Hans',
    'pt-PT': 'pt-BR', pt: 'pt-BR', tl: 'fil', 'fil-PH': 'fil', 'es-419': 'es', 'ko-KR': 'ko', 'vi-VN': 'vi',
    'ne-NP': 'ne', 'my-MM': 'my', 'th-TH': 'th', in: 'id', 'id-ID': 'id',
  };
  for (const [tag, pack] of Object.entries(cases)) assert.equal(matchLanguage(tag, languages), pack, tag);
  assert.equal(matchLanguage('fr', languages), undefined);
  assert.equal(matchLanguage('not a tag!', languages), undefined);
  // Two packs of one language: the script decides, the region implying it.
  const serbian = [{ id: 'sr' }, { id: 'sr-Latn' }, { id: 'en' }];
  for (const [tag, pack] of Object.entries({ 'sr-Latn-RS': 'sr-Latn', 'sr-RS': 'sr', 'sr-Cyrl': 'sr', 'en-US': 'en' })) {
    assert.equal(matchLanguage(tag, serbian), pack, tag);
  }
  // The one pack of a language is found without Intl.Locale (its likely-subtags data cost a page
  // load 20 ms); two packs of the language, or none, need it.
  const RealLocale = Intl.Locale;
  let made = 0;
  Intl.Locale = class extends RealLocale {
    constructor(...args) {
      super(...args);
      made += 1;
    }
  };
  try {
    for (const tag of ['en-US', 'ja-JP', 'pt-PT', 'vi-VN', 'EN-gb']) assert.ok(matchLanguage(tag, languages), tag);
    assert.equal(made, 0, 'no Intl.Locale for a language with one pack');
    assert.equal(matchLanguage('zh-TW', languages), 'zh-Hant');
    assert.ok(made > 0, 'Intl.Locale for a language with two packs');
  } finally {
    Intl.Locale = RealLocale;
  }
});
