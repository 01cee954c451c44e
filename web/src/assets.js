// Everything the widget loads, relative to its own URL, each file once per page: the core, the
// national rules, a municipality's rules when first needed, and language packs.
import { Engine } from './engine.js';
import { isLanguageTag } from './languages.js';

const base = new URL('./', import.meta.url);
const cache = new Map();

function once(key, load) {
  if (!cache.has(key)) {
    const p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));  // a failed load (offline, say) is tried again next time
  }
  return cache.get(key);
}

async function fetchText(path) {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}
async function fetchJson(path) {
  const text = await fetchText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not JSON (${error.message})`);
  }
}

// Map from a source's `ref` (what plans cite) to its title and, for web pages, its URL.
const sources = new Map();
function addSources(file) {
  for (const s of Object.values(file.sources ?? {})) {
    sources.set(s.ref, { title: s.title, url: /^https?:\/\//.test(s.ref) ? s.ref : file.url ?? null });
  }
}

export const loadIndex = () => once('index', () => Promise.all([
  fetchJson('rules/index.json'), fetchJson('i18n/index.json'),
]).then(([municipalities, languages]) => ({ municipalities, languages })));

// Performance marks (User Timing) for tests/bench/browser.mjs: 'koshin:load-start' when the core is
// first asked for, 'koshin:core-ready' once it has the national rules, 'koshin:ready' once a
// municipality's rules are loaded into it.
export const loadEngine = () => once('engine', async () => {
  performance.mark('koshin:load-start');
  // Rule files go to the core as the exact bytes served: plans cite a hash of them.
  const [engine, national] = await Promise.all([
    Engine.create({ locateFile: (file) => new URL(file, base).href }), fetchText('rules/national.json'),
  ]);
  engine.loadNational(national, 'national.json');
  addSources(JSON.parse(national));
  performance.mark('koshin:core-ready');
  return engine;
});

// A municipality's rule file as text, fetched once (a failed fetch is tried again next time).
const municipalityText = (id) => once(`text:${id}`, () => fetchText(`rules/municipalities/${id}.json`));
const listed = (municipalities, id) => municipalities.some((x) => x.id === id);

// Starts fetching a municipality's rule file while the core loads, so that loadMunicipality()
// finds it there. It does not wait for the index: the core's first rule load holds the main thread
// for tens of milliseconds, and a fetch started after the index had arrived would start only
// after it. Anything shaped like a rule-set id (the rule files' pattern) whose rules are not
// loaded or loading is asked for; an id the index does not list costs one failed request, and
// loadMunicipality() reports what failed.
const RULE_SET_ID = /^[A-Za-z0-9_.-]{1,64}$/;
export function prefetchMunicipality(id) {
  if (id === 'other' || !RULE_SET_ID.test(id) || cache.has(`rules:${id}`)) return;
  municipalityText(id).catch(() => {});
}

// Loads a municipality's rules unless loaded. For an id not in the index (or "other") the core
// answers alone; an unknown id loads them all first, so that its error lists every known id.
export async function loadMunicipality(engine, id) {
  const { municipalities } = await loadIndex();
  if (id === 'other') return;
  if (!listed(municipalities, id)) {
    await Promise.allSettled(municipalities.map((x) => loadMunicipality(engine, x.id)));  // one broken file aside
    return;
  }
  await once(`rules:${id}`, async () => {
    const text = await municipalityText(id);
    cache.delete(`text:${id}`);  // read once: after a refusal, "Try again" fetches the file anew
    engine.loadMunicipality(text, `${id}.json`);
    addSources(JSON.parse(text));
    performance.mark('koshin:ready', { detail: id });
  });
}

// A language pack is used only if its name is a language tag (Intl would refuse to format in it)
// and it is a JSON object that names itself as the pack asked for.
export const loadPack = (lang) => once(`i18n:${lang}`, async () => {
  if (!isLanguageTag(lang)) throw new Error(`i18n/${lang}.json: "${lang}" is not a language tag (BCP 47)`);
  const pack = await fetchJson(`i18n/${lang}.json`);
  if (pack?.constructor !== Object || pack['@@locale'] !== lang) throw new Error(`i18n/${lang}.json: not the ${lang} pack`);
  return pack;
});

export { sources };
