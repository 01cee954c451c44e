// Shared by the node and browser tests: the case tables, the native CLI's answers, the browser.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const paths = {
  cli: process.env.KOSHIN_CLI ?? path.join(root, 'build-test/koshin'),
  wasm: process.env.KOSHIN_WASM_DIR ?? path.join(root, 'build-wasm/wasm'),
  site: process.env.KOSHIN_SITE_DIR ?? path.join(root, 'build-web/site'),
  root,
};

// The same merge as tests/case_matcher.cpp: objects merge, other values replace, null removes.
export function merge(base, over) {
  if (!isObject(base) || !isObject(over)) return over;
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete out[key];
    else if (key in out) out[key] = merge(out[key], value);
    else out[key] = value;
  }
  return out;
}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// Every case of every table under tests/cases, as {table, name, situation}.
export function loadCases() {
  const dir = path.join(root, 'tests/cases');
  const files = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.json')).sort();
  return files.flatMap((file) => {
    const table = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    return table.cases.map((c) => ({ table: file, name: c.name, situation: merge(table.defaults ?? {}, c.situation ?? {}) }));
  });
}

// What `koshin eval` prints for a situation (the reference every other build must match).
export function nativePlan(situation) {
  const run = spawnSync(paths.cli, ['eval', '--rules', path.join(root, 'rules')], { input: JSON.stringify(situation), encoding: 'utf8' });
  if (run.error) throw run.error;
  return JSON.parse(run.stdout);
}

export const chromiumOptions = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

// For a browser test file: the built site served on a free port, and Chromium started.
// before(async () => ({ server, origin, browser } = await startSite())); after(() => stopSite(...)).
export async function startSite() {
  const [{ serve }, { chromium }] = await Promise.all([import('../../scripts/serve.mjs'), import('playwright-core')]);
  const server = await serve(paths.site, 0);
  return { server, origin: `http://localhost:${server.address().port}`, browser: await chromium.launch(chromiumOptions) };
}

export async function stopSite({ server, browser }) {
  await browser?.close();
  server?.close();
}


// The widget's fields, found by name through its open shadow root (playwright locators pierce it).
export const widget = (page) => page.locator('koshin-checker');
export const field = (page, name) => widget(page).locator(`[name="${name}"]`);

export async function fillDate(page, group, iso) {
  const [y, m, d] = iso.split('-');
  await field(page, `${group}-year`).fill(y);
  await field(page, `${group}-month`).fill(String(+m));
  await field(page, `${group}-day`).fill(String(+d));
}
