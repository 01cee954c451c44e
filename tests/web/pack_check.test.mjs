// The core's language-pack check (checkPack in the wasm tools build, `koshin check-pack`) against the
// JavaScript one (web/src/message-format.js, scripts/i18n-check.mjs): every message of the 14
// packs and deterministic mutations of them get the same verdict, at the same character, with the
// same placeholders; and the table of broken packs (tests/pack_cases.json) gives the same errors
// as the native build.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { MessageSyntaxError, argumentsOf, parseMessage } from '../../web/src/message-format.js';
import { isLanguageTag } from '../../web/src/languages.js';
import { merge, paths, root } from './support.mjs';

// The tools build of the core (wasm/CMakeLists.txt): koshin-core plus checkPack.
const { default: createKoshinTools } = await import(path.join(paths.wasm, 'koshin-tools.mjs'));
const tools = await createKoshinTools({ wasmBinary: fs.readFileSync(path.join(paths.wasm, 'koshin-tools.wasm')) });
const checkPack = (text, locale, baseText = '') => JSON.parse(tools.checkPack(text, locale, baseText));

const i18n = path.join(root, 'i18n');
const packs = fs.readdirSync(i18n).filter((f) => f.endsWith('.json')).sort()
  .map((f) => ({ locale: f.slice(0, -5), pack: JSON.parse(fs.readFileSync(path.join(i18n, f), 'utf8')) }));
const messages = packs.flatMap(({ pack }) => Object.entries(pack).filter(([k, v]) => !k.startsWith('@') && typeof v === 'string').map(([, v]) => v));

const describe = (args) => Object.entries(args).sort().map(([n, t]) => (t ? `{${n}, ${t}}` : `{${n}}`)).join(' ') || 'none';
const MARKUP = /^(markup other than|<\/?[a-z]+> (without|not closed))/;

// The JavaScript checker's verdict on `text` as a translation of `original`.
function jsVerdict(text, original) {
  if (!text.trim()) return { verdict: 'empty_message' };
  try {
    const args = describe(argumentsOf(parseMessage(text)));
    return { verdict: args === describe(argumentsOf(parseMessage(original))) ? 'ok' : 'placeholder_mismatch' };
  } catch (e) {
    if (!(e instanceof MessageSyntaxError)) throw e;
    const [, what, at] = /^(.*) at character (\d+)$/.exec(e.message);
    return { verdict: MARKUP.test(what) ? 'markup_not_allowed' : 'message_syntax', at: Number(at) };
  }
}

// The core's: a one-message pack checked against a base holding `original`. Locale "ja", so the
// Japanese-term rule (which the message grammar does not cover) stays out of it.
function coreVerdict(text, original) {
  const pack = JSON.stringify({ '@@locale': 'ja', '@@name': 'x', m: text });
  const base = JSON.stringify({ '@@locale': 'en', '@@name': 'x', m: original });
  const errors = checkPack(pack, 'ja', base);
  assert.ok(errors.length <= 1 && errors.every((e) => e.pointer === '/m'), JSON.stringify(errors));
  if (errors.length === 0) return { verdict: 'ok' };
  const at = /at character (\d+)$/.exec(errors[0].expected ?? '');
  return at ? { verdict: errors[0].code, at: Number(at[1]) } : { verdict: errors[0].code };
}

// A small deterministic generator (mulberry32), so every run checks the same mutations.
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['{', '}', ',', '#', '<', '>', '/', "'", '=', ' ', '\u3000', '{x}', '{n, plural, other {#}}', '<em>',
  '</em>', '<rt>', '</ruby>', '<b>', ', date', ', number', ', select', ', plural,', 'other', ' {a}', '=0 {a}', '{x, time}'];
const SYNTAX = new Set(['{', '}', ',', '#', '<', '>', '/']);

// Mutations of messages, on code points (a lone surrogate is not text either checker sees).
function mutations(count, seed) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const interesting = messages.filter((m) => /[{<#]/.test(m));
  const out = [];
  while (out.length < count) {
    const original = next() < 0.8 ? pick(interesting) : pick(messages);
    let chars = Array.from(original);
    for (let step = 0; step < 1 + Math.floor(next() * 2); step += 1) {
      const at = Math.floor(next() * (chars.length + 1));
      const op = Math.floor(next() * 5);
      if (op === 0) chars = chars.slice(0, at);
      else if (op === 1) chars.splice(at, 0, ...Array.from(pick(TOKENS)));
      else if (op === 2) {
        const syntax = chars.map((c, i) => (SYNTAX.has(c) ? i : -1)).filter((i) => i >= 0);
        if (syntax.length) chars.splice(pick(syntax), 1);
      } else if (op === 3) {
        const syntax = chars.map((c, i) => (SYNTAX.has(c) ? i : -1)).filter((i) => i >= 0);
        if (syntax.length) chars[pick(syntax)] = pick([...SYNTAX]);
      } else {
        const end = Math.min(chars.length, at + 1 + Math.floor(next() * 12));
        chars.splice(end, 0, ...chars.slice(at, end));
      }
    }
    out.push({ text: chars.join(''), original });
  }
  return out;
}

test('every message of the 14 packs: both checkers accept it, with the same placeholders', () => {
  assert.equal(packs.length, 14);
  assert.ok(messages.length > 4000, `${messages.length} messages`);
  for (const m of messages) {
    assert.deepEqual(coreVerdict(m, m), { verdict: 'ok' }, m);
    assert.deepEqual(jsVerdict(m, m), { verdict: 'ok' }, m);
  }
});

test('mutated messages: the same verdict from both checkers, at the same character', () => {
  const seen = {};
  for (const { text, original } of mutations(1500, 7)) {
    const js = jsVerdict(text, original);
    assert.deepEqual(coreVerdict(text, original), js, `${JSON.stringify(text)} (from ${JSON.stringify(original)})`);
    seen[js.verdict] = (seen[js.verdict] ?? 0) + 1;
  }
  console.log(`# verdicts: ${JSON.stringify(seen)}`);
  // The mutations reach every verdict, so the comparison is not vacuous.
  for (const v of ['ok', 'message_syntax', 'markup_not_allowed', 'placeholder_mismatch']) assert.ok(seen[v] >= 20, `${v}: ${seen[v]}`);
});

test('hand-picked messages where the grammar has corners', () => {
  const corners = ['', ' \u3000', '{=0}', '{ x }', '{x,date}', '{x , date }', '{n, plural, =0 {a} other {b}}',
    '{n, plural, other {# {m, select, other {#}}}}', '#', "it's '{'", '<em></em>', '<em><em>a</em></em>', '</em>',
    '<ruby>a<rt>b</rt></ruby>', '<ruby>a<rt>b</ruby></rt>', '<em>{n, plural, other {</em>}}', '<em', '<em >', '<>',
    '{n, plural, other {a}', '{n, plural, other {a}} }', '{n, plural,}', '{n, plural, other}', '{n, select, x {a} x {b} other {c}}',
    '{n, select, other {{x, date}} 1 {{x}}}', '𠮷{', '\u2028{ x\u2028}', '\u00a0{x}\ufeff', '{x-y_z}', '{é}', '{}}', '{{x}',
    '{n, select, constructor {a} toString {b} other {c}}', '{n, select, __proto__ {a} __proto__ {b} other {c}}'];
  for (const text of corners) assert.deepEqual(coreVerdict(text, 'a'), jsVerdict(text, 'a'), JSON.stringify(text));
});

test('the table of broken packs gives the native errors through the wasm build', () => {
  const table = JSON.parse(fs.readFileSync(path.join(root, 'tests/pack_cases.json'), 'utf8'));
  for (const c of table.cases) {
    const base = merge(table.base, c.base ?? {});
    const text = c.text ?? JSON.stringify(c.text_of === 'base' ? base : merge(table.good, c.pack));
    const errors = checkPack(text, c.locale ?? 'xx', c.with_base === false ? '' : JSON.stringify(base));
    assert.deepEqual(errors.map(({ code, pointer }) => ({ code, pointer })), c.expect, c.name);
  }
});

test('a pack is named by a language tag: the core, the widget and Intl agree (tests/language_tag_cases.json)', () => {
  const tags = JSON.parse(fs.readFileSync(path.join(root, 'tests/language_tag_cases.json'), 'utf8'));
  const coreAccepts = (tag) => !checkPack(JSON.stringify({ '@@locale': tag, '@@name': 'X' }), tag)
    .some(({ code }) => code === 'pack_locale_invalid');
  for (const tag of tags.valid) {
    assert.equal(isLanguageTag(tag), true, tag);
    assert.equal(coreAccepts(tag), true, tag);
    // What the widget's words do with a pack's name (web/src/messages.js).
    assert.doesNotThrow(() => new Intl.DateTimeFormat(`${tag}-u-ca-gregory-nu-latn`).format(0), tag);
    assert.doesNotThrow(() => new Intl.Locale(tag).maximize(), tag);
  }
  for (const tag of tags.invalid) {
    assert.equal(isLanguageTag(tag), false, JSON.stringify(tag));
    assert.equal(coreAccepts(tag), false, JSON.stringify(tag));
  }
  for (const tag of [null, undefined, 12, ['en']]) assert.equal(isLanguageTag(tag), false, String(tag));
});

test('a base that is not JSON gives its own error', () => {
  const errors = checkPack('{"@@locale": "xx", "@@name": "X"}', 'xx', '{"a": ');
  assert.deepEqual(errors.map(({ code, file }) => ({ code, file })), [{ code: 'invalid_json', file: 'base' }]);
});
