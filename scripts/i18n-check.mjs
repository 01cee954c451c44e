// Checks the language packs: node scripts/i18n-check.mjs [I18N_DIR] [--core-keys FILE]
// (FILE: the JSON array `koshin keys` prints; the tests pass it.) Exit 1 with one line per
// problem, "<file>: <key>: <what>", for:
//   a pack that is not a JSON object, whose file name is not a language tag, whose "@@locale" is
//   not its file name, or that has no "@@name";
//   a key missing from a pack or not in the base (en.json); an empty message;
//   invalid message syntax or markup other than <ruby>, <rt>, <em> (web/src/message-format.js);
//   a placeholder that differs from the base's, by name or type (date, number, plural, select);
//   a Japanese term the base keeps in parentheses that a translation drops;
//   a base message without a translator note; a key the core emits that the base lacks.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { MessageSyntaxError, argumentsOf, parseMessage } from '../web/src/message-format.js';
import { isLanguageTag } from '../web/src/languages.js';

const BASE = 'en';
const JAPANESE_TERM = /[(（]([^()（）]*[\u3040-\u30ff\u4e00-\u9fff][^()（）]*)[)）]/g;

export function checkPacks(dir, coreKeys = []) {
  const problems = [];
  const report = (file, key, what) => problems.push(`${file}: ${key ? `${key}: ` : ''}${what}`);
  const packs = new Map();
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join(path.basename(dir), name);
    let pack;
    try {
      pack = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch (e) {
      report(file, '', `not JSON (${e.message})`);
      continue;
    }
    if (!pack || typeof pack !== 'object' || Array.isArray(pack)) {
      report(file, '', 'not a JSON object');
      continue;
    }
    const locale = name.slice(0, -'.json'.length);
    if (!isLanguageTag(locale)) {
      report(file, '@@locale', `"${locale}" is not a language tag (BCP 47): name the file like pt-BR, zh-Hant or ja-x-easy`);
    }
    if (pack['@@locale'] !== locale) report(file, '@@locale', `must be "${locale}", the file's name`);
    if (typeof pack['@@name'] !== 'string' || !pack['@@name'].trim()) {
      report(file, '@@name', 'missing: the language named in itself, for the language menu');
    }
    packs.set(locale, { file, pack });
  }
  const base = packs.get(BASE);
  if (!base) {
    report(path.join(path.basename(dir), `${BASE}.json`), '', 'the base pack is missing');
    return problems;
  }

  // Parses every message of a pack: key -> {args, tags} (or reports why it cannot).
  const parse = ({ file, pack }) => {
    const out = new Map();
    for (const [key, text] of Object.entries(pack)) {
      if (key.startsWith('@')) continue;
      if (typeof text !== 'string') {
        report(file, key, 'not a string');
        continue;
      }
      if (!text.trim()) {
        report(file, key, 'empty message');
        continue;
      }
      try {
        const parsed = parseMessage(text);
        out.set(key, { text, args: argumentsOf(parsed) });
      } catch (e) {
        if (!(e instanceof MessageSyntaxError)) throw e;
        report(file, key, `invalid message: ${e.message}`);
        out.set(key, null);
      }
    }
    return out;
  };

  const baseMessages = parse(base);
  for (const key of baseMessages.keys()) {
    const note = base.pack[`@${key}`];
    if (!note || typeof note.description !== 'string' || !note.description.trim()) {
      report(base.file, key, 'no translator note ("@key": {"description": ...})');
    }
  }
  for (const key of coreKeys) {
    if (!baseMessages.has(key)) report(base.file, key, 'emitted by the core but defined in no pack');
  }

  const describe = (args) => Object.entries(args).sort().map(([n, t]) => (t ? `{${n}, ${t}}` : `{${n}}`)).join(' ') || 'none';
  for (const [locale, entry] of packs) {
    if (locale === BASE) continue;
    const messages = parse(entry);
    for (const [key, want] of baseMessages) {
      if (!messages.has(key)) {
        if (!(key in entry.pack)) report(entry.file, key, 'missing');
        continue;
      }
      const got = messages.get(key);
      if (!got || !want) continue;
      if (describe(got.args) !== describe(want.args)) {
        report(entry.file, key, `placeholders ${describe(got.args)} differ from ${BASE}.json's ${describe(want.args)}`);
      }
      if (!locale.startsWith('ja')) {
        for (const [, term] of want.text.matchAll(JAPANESE_TERM)) {
          if (!got.text.includes(term)) report(entry.file, key, `keep the Japanese term "${term}" beside the translation`);
        }
      }
    }
    for (const key of messages.keys()) {
      if (!baseMessages.has(key)) report(entry.file, key, `not a key of ${BASE}.json`);
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const keysAt = args.indexOf('--core-keys');
  const coreKeys = keysAt >= 0 ? JSON.parse(fs.readFileSync(args.splice(keysAt, 2)[1], 'utf8')) : [];
  const dir = args[0] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'i18n');
  const problems = checkPacks(dir, coreKeys);
  for (const p of problems) console.error(p);
  const count = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).length;
  console.log(problems.length ? `i18n-check: ${problems.length} problem(s)` : `i18n-check: ${count} packs ok`);
  process.exit(problems.length ? 1 : 0);
}
