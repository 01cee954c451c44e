// Writes the fuzzers' seed corpora and dictionaries (docs/fuzzing.md) from the project's own
// tables, rule files and packs: node tests/fuzz/seeds.mjs. The output is committed; rerun it when
// the situation or rule format changes. Deterministic: the same sources give the same files.
//   corpus/situation/  situations of the case tables (a few per table) and the era situations
//   corpus/rules/      'M' + each municipality file (shipped and tests/rules), 'N' + national.json
//   corpus/pack/       small packs: a dozen messages of each language, the broken-pack table's packs
//   corpus/era/        the printed dates of tests/era_text_cases.json
//   <target>.dict      tokens libFuzzer inserts: JSON syntax, field names, values
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadCases, merge } from '../web/support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const json = (p) => JSON.parse(read(p));

// One directory of seeds, named by content (as libFuzzer names corpus files).
function writeCorpus(target, inputs) {
  const dir = path.join(here, 'corpus', target);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const names = new Set();
  for (const input of inputs) {
    const bytes = Buffer.from(input, 'utf8');
    const name = crypto.createHash('sha1').update(bytes).digest('hex');
    if (names.has(name)) continue;
    names.add(name);
    fs.writeFileSync(path.join(dir, name), bytes);
  }
  console.log(`corpus/${target}: ${names.size} seeds`);
}

// A libFuzzer dictionary: one quoted token a line, bytes outside printable ASCII escaped.
function writeDict(target, tokens) {
  const escape = (t) => [...Buffer.from(t, 'utf8')]
    .map((b) => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`))
    .join('');
  const unique = [...new Set(tokens)].filter((t) => t.length > 0 && Buffer.byteLength(t) <= 64);
  const lines = [`# libFuzzer dictionary for ${target}_fuzz, written by tests/fuzz/seeds.mjs`, ...unique.map((t) => `"${escape(t)}"`)];
  fs.writeFileSync(path.join(here, `${target}.dict`), `${lines.join('\n')}\n`);
  console.log(`${target}.dict: ${unique.length} tokens`);
}

const JSON_TOKENS = ['{', '}', '[', ']', ':', ',', '"', 'true', 'false', 'null', '0', '-1', '1e999', '\\u0000', '\\ud800', '""', '{}', '[]'];
const ERA_TOKENS = ['令和', '平成', '昭和', '大正', '明治', '元', '年', '月', '日', '．', '　', '０', '７', '９', 'Ｒ', 'R', 'H', 'S', 'T', 'M', '.'];

// Situations: every table's cases spread out, up to 6 per table, and the era situations.
const cases = loadCases();
const byTable = new Map();
for (const c of cases) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c.situation]);
const situations = [...byTable.values()].flatMap((list) => {
  const step = Math.max(1, Math.floor(list.length / 6));
  return list.filter((_, i) => i % step === 0).slice(0, 6);
});
for (const c of json('tests/era_situations.json').cases) situations.push(c.situation, merge(c.situation, c.iso));
writeCorpus('situation', [read('examples/situation.json'), ...situations.map((s) => JSON.stringify(s))]);

// Field names and values of situations: every key and string value the seeds hold.
const keysAndStrings = (value, out = new Set()) => {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => keysAndStrings(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysAndStrings(v, out);
    }
  }
  return out;
};
const situationWords = [...keysAndStrings(situations)].sort();
writeDict('situation', [...JSON_TOKENS, ...situationWords.map((w) => `"${w}"`), '"2016-01-01"', '"2099-12-31"', '"2024-02-29"', ...ERA_TOKENS]);

// Rule files: the first byte picks the loader ('N' national, anything else a municipality).
const municipalFiles = [
  ...fs.readdirSync(path.join(root, 'rules/municipalities')).sort().map((f) => `rules/municipalities/${f}`),
  ...fs.readdirSync(path.join(root, 'tests/rules')).sort().map((f) => `tests/rules/${f}`),
];
writeCorpus('rules', [`N${read('rules/national.json')}`, ...municipalFiles.map((f) => `M${read(f)}`)]);
const schema = json('rules/koshin-rules.schema.json');
const schemaWords = new Set();
(function walk(o) {
  if (Array.isArray(o)) o.forEach(walk);
  else if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) {
      if (k === 'properties' && v && typeof v === 'object') Object.keys(v).forEach((p) => schemaWords.add(p));
      if (k === 'enum' && Array.isArray(v)) v.filter((x) => typeof x === 'string').forEach((x) => schemaWords.add(x));
      walk(v);
    }
  }
}(schema));
writeDict('rules', [...JSON_TOKENS, ...[...schemaWords].sort().map((w) => `"${w}"`), '"koshin-rules/1"', '"2016-01-01"', '"09:00"', '"17:15"', 'N', 'M']);

// Packs: for each language, its messages with arguments or markup and a few plain ones; the
// broken packs of tests/pack_cases.json.
const packs = fs.readdirSync(path.join(root, 'i18n')).filter((f) => f.endsWith('.json')).sort()
  .map((f) => json(`i18n/${f}`));
const small = packs.map((pack) => {
  const entries = Object.entries(pack).filter(([k, v]) => !k.startsWith('@') && typeof v === 'string');
  const rich = entries.filter(([, v]) => /[{<(（]/.test(v)).slice(0, 10);
  const plain = entries.filter(([, v]) => !/[{<]/.test(v)).slice(0, 3);
  const out = { '@@locale': pack['@@locale'], '@@name': pack['@@name'] };
  for (const [k, v] of [...rich, ...plain]) {
    out[k] = v;
    if (pack[`@${k}`]) out[`@${k}`] = pack[`@${k}`];
  }
  return JSON.stringify(out, null, 1);
});
const table = json('tests/pack_cases.json');
const broken = table.cases.map((c) => c.text ?? JSON.stringify(c.text_of === 'base' ? table.base : merge(table.good, c.pack)));
writeCorpus('pack', [...small, JSON.stringify(table.base), JSON.stringify(table.good), ...broken]);
const enMessages = Object.entries(packs.find((p) => p['@@locale'] === 'en')).filter(([k]) => !k.startsWith('@'));
writeDict('pack', [...JSON_TOKENS, '"@@locale"', '"@@name"', '"description"', '"en"', '"ja"', '"xx"',
  ...enMessages.slice(0, 60).map(([k]) => `"${k}"`), '"@', '{x}', '{x, date}', '{n, number}', ', plural, ', ', select, ', 'other', 'one', '=0',
  '#', '{', '}', ',', '<ruby>', '</ruby>', '<rt>', '</rt>', '<em>', '</em>', '<b>', '\'', '\u3000', '\u00a0', '\u2028', '(照会書兼回答書)', '（', '）']);

// Era texts.
const eraTexts = json('tests/era_text_cases.json').cases.map((c) => c.text);
writeCorpus('era', eraTexts);
writeDict('era', [...ERA_TOKENS, '2025-03-01', '-', ' ', '\t', '0', '1', '9', '99', '64', '31']);
