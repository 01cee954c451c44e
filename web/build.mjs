// Writes the static site: node web/build.mjs WASM_DIR OUT_DIR
//   OUT/index.html, page.*, embed.*, sw.js        the standalone page and the iframe embed
//   OUT/koshin/                                   the widget: what a city copies to its server
//     koshin-checker.js (the widget's modules in one), koshin-core.{mjs,wasm}
//     rules/national.json, rules/municipalities/*.json, rules/index.json
//     i18n/<lang>.json, i18n/index.json
//   OUT/examples/                                 a host page embedding the widget
// JS is minified with terser; language packs lose their "@key" descriptions (for translators
// only). Rule files are copied byte for byte (a plan's rule_set.version is a hash of the files,
// and must be the same in every build), after the wasm engine has loaded each without error.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

import { bundle } from './bundle.mjs';
import { isLanguageTag } from './src/languages.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [wasmDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
if (!wasmDir || !outDir) {
  console.error('usage: node web/build.mjs WASM_DIR OUT_DIR');
  process.exit(64);
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const write = (rel, data) => {
  const file = path.join(outDir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
};

async function writeJs(rel, source) {
  const result = await minify(source, { module: true, compress: { passes: 3 }, mangle: true, format: { comments: false } });
  write(rel, result.code);
}

fs.rmSync(outDir, { recursive: true, force: true });

// The core, and the rule files checked by it.
globalThis.require ??= (await import('node:module')).createRequire(import.meta.url);  // 3.1.6 ES6 glue
fs.mkdirSync(path.join(outDir, 'koshin'), { recursive: true });
fs.copyFileSync(path.join(wasmDir, 'koshin-core.wasm'), path.join(outDir, 'koshin/koshin-core.wasm'));
await writeJs('koshin/koshin-core.mjs', fs.readFileSync(path.join(wasmDir, 'koshin-core.mjs'), 'utf8'));
// wasm/CMakeLists.txt puts engine.js next to the glue it imports.
const { Engine: WasmEngine } = await import(path.join(wasmDir, 'engine.js'));
const engine = await WasmEngine.create({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'koshin-core.wasm')) });
const nationalText = fs.readFileSync(path.join(root, 'rules/national.json'), 'utf8');
engine.loadNational(nationalText, 'national.json');
write('koshin/rules/national.json', nationalText);
const municipalities = [];
const muniDir = path.join(root, 'rules/municipalities');
for (const name of fs.readdirSync(muniDir).filter((f) => f.endsWith('.json')).sort()) {
  const text = fs.readFileSync(path.join(muniDir, name), 'utf8');
  engine.loadMunicipality(text, name);
  const file = JSON.parse(text);
  write(`koshin/rules/municipalities/${file.id}.json`, text);
  municipalities.push({ id: file.id, name: file.name, prefecture: file.prefecture, url: file.url ?? null });
}
write('koshin/rules/index.json', JSON.stringify(municipalities));

// Language packs: words only, and "@@locale", which the widget checks before it uses a pack. Each
// pack names itself ("@@name") for the language menu.
const languages = [];
for (const name of fs.readdirSync(path.join(root, 'i18n')).filter((f) => f.endsWith('.json')).sort()) {
  const pack = readJson(path.join(root, 'i18n', name));
  const words = Object.fromEntries(Object.entries(pack).filter(([k]) => !k.startsWith('@') || k === '@@locale'));
  const id = pack['@@locale'];
  // The widget refuses a pack whose name is not a language tag (Intl could not format in it).
  if (!isLanguageTag(id) || `${id}.json` !== name) {
    console.error(`i18n/${name}: "@@locale" must be the file's name and a language tag (BCP 47), got ${JSON.stringify(id)}`);
    process.exit(1);
  }
  write(`koshin/i18n/${id}.json`, JSON.stringify(words));
  languages.push({ id, name: pack['@@name'] ?? id });
}
write('koshin/i18n/index.json', JSON.stringify(languages));

// The widget as one module (web/bundle.mjs; engine.js comes from wasm/), the page and the embed.
const resolveModule = (from, spec) => {
  const local = path.resolve(path.dirname(from), spec);
  return fs.existsSync(local) ? local : path.join(root, 'wasm', spec);
};
await writeJs('koshin/koshin-checker.js', bundle(path.join(root, 'web/src/koshin-checker.js'), resolveModule));
for (const name of ['index.html', 'embed.html', 'page.css', 'embed.css', 'favicon.svg']) {
  write(name, fs.readFileSync(path.join(root, 'web', name)));
}
for (const name of ['page.js', 'embed.js']) await writeJs(name, fs.readFileSync(path.join(root, 'web', name), 'utf8'));
for (const name of fs.readdirSync(path.join(root, 'examples')).filter((f) => /\.(html|css)$/.test(f))) {
  write(`examples/${name}`, fs.readFileSync(path.join(root, 'examples', name)));
}

// The service worker precaches every file of the site; its version is a hash of them all.
const files = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else files.push(path.relative(outDir, full).split(path.sep).join('/'));
  }
})(outDir);
files.sort();
const hash = crypto.createHash('sha256');
for (const f of files) hash.update(f).update(fs.readFileSync(path.join(outDir, f)));
const version = hash.digest('hex').slice(0, 12);
const precache = ['./', ...files.filter((f) => !f.startsWith('examples/'))];
const sw = fs.readFileSync(path.join(root, 'web/sw.js'), 'utf8')
  .replace('__KOSHIN_VERSION__', version).replace('__KOSHIN_FILES__', JSON.stringify(precache));
await writeJs('sw.js', sw);
console.log(`koshin: site ${version} written to ${path.relative(process.cwd(), outDir) || '.'} (${files.length + 1} files)`);
