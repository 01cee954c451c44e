// Robustness in a real headless Chromium (issue 7): the malformed inputs of tests/bad-inputs/
// through the built site's wasm module.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CSP, serve } from '../../scripts/serve.mjs';
import { chromiumOptions, paths } from './support.mjs';

let server;
let origin;
let browser;

before(async () => {
  server = await serve(paths.site, 0);
  origin = `http://localhost:${server.address().port}`;
  browser = await chromium.launch(chromiumOptions);
});
after(async () => {
  await browser?.close();
  server?.close();
});

// A page with some requests answered by `routes`; its uncaught errors (`pageErrors`), console
// errors (`errors`) and console messages (`console`) are recorded, and so are the plans the
// widget announces (window.__plans).
async function openPage(url, { routes = {}, ...contextOptions } = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block', ...contextOptions });
  for (const [pattern, handler] of Object.entries(routes)) await context.route(pattern, handler);
  const page = await context.newPage();
  const opened = { context, page, errors: [], pageErrors: [], console: [] };
  page.on('pageerror', (e) => opened.pageErrors.push(e.message));
  page.on('console', (m) => {
    opened.console.push(m.text());
    if (m.type() === 'error') opened.errors.push(m.text());
  });
  await page.addInitScript(() => {
    window.__plans = [];
    document.addEventListener('koshin-result', (e) => window.__plans.push(e.detail));
  });
  await page.goto(`${origin}${url}`);
  return opened;
}

// --- A: every bad input through the wasm module ------------------------------------------------

const BAD = path.join(paths.root, 'tests/bad-inputs');
// The kinds of tests/bad_inputs_test.cpp; how the page feeds each to the module is the table
// `feed` in the page script below.
const KINDS = ['situations', 'rules'];

function badInputs() {
  return KINDS.flatMap((kind) => {
    const { files } = JSON.parse(fs.readFileSync(path.join(BAD, `${kind}.json`), 'utf8'));
    const names = fs.readdirSync(path.join(BAD, kind)).sort();
    assert.deepEqual(names, Object.keys(files).sort(), `${kind}: files and manifest entries differ`);
    return names.map((file) => ({
      kind, file, entry: files[file], bytes: fs.readFileSync(path.join(BAD, kind, file)).toString('base64'),
    }));
  });
}

// A valid situation per municipality: its plan must not change whatever the module was fed.
const valid = (municipality) => ({
  today: '2024-07-15', municipality, certificates: { expiry: '2024-10-31' }, card: { expiry: '2029-10-31' },
  holder: { birth_date: '1989-10-31' }, applicant: 'self', pins: { signature: 'known', user: 'known' },
});

describe('every bad input through the wasm module in the browser (tests/bad-inputs)', () => {
  test('gives exactly its listed errors, with no page error, and the module goes on answering as before', async () => {
    const inputs = badInputs();
    assert.ok(inputs.length >= 60, `${inputs.length} bad inputs`);
    const { context, page, errors, pageErrors } = await openPage('/bad-inputs.html', {
      routes: { '**/bad-inputs.html': (route) => route.fulfill({
        contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': CSP },
        body: '<!doctype html><html lang="en"><title>bad inputs</title></html>' }) },
    });
    const municipalities = JSON.parse(fs.readFileSync(path.join(paths.site, 'koshin/rules/index.json'), 'utf8')).map((m) => m.id);
    const situations = [...municipalities, 'other'].map(valid);
    const result = await page.evaluate(async ({ inputs, situations, kinds }) => {
      // The module as the widget creates it (web/src/assets.js, wasm/engine.js), rule files as served.
      const base = new URL('/koshin/', location.href);
      const { default: createKoshinCore } = await import(new URL('koshin-core.mjs', base).href);
      const core = await createKoshinCore({ locateFile: (file) => new URL(file, base).href });
      const text = async (p) => (await fetch(new URL(p, base))).text();
      const loadErrors = [JSON.parse(core.loadNational(await text('rules/national.json'), 'national.json'))];
      for (const { id } of JSON.parse(await text('rules/index.json'))) {
        loadErrors.push(JSON.parse(core.loadMunicipality(await text(`rules/municipalities/${id}.json`), `${id}.json`)));
      }
      const plans = () => situations.map((s) => core.evaluate(JSON.stringify(s)));
      const before = plans();
      // One row per kind: the input (bytes or a string; embind takes both for std::string) -> its errors.
      const feed = {
        situations: (input) => JSON.parse(core.evaluate(input)).errors,
        rules: (input, file, entry) => JSON.parse(entry.as === 'national' ? core.loadNational(input, file)
          : core.loadMunicipality(input, file)),
      };
      const outcomes = [];
      for (const { kind, file, entry, bytes } of inputs) {
        const raw = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
        const asBytes = feed[kind](raw, file, entry);
        // Text that is UTF-8 also goes in as a JS string, as the widget passes it.
        let asString = null;
        try {
          asString = feed[kind](new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw), file, entry);
        } catch (e) {
          if (!(e instanceof TypeError)) throw e;  // not UTF-8: bytes only
        }
        outcomes.push({ file: `${kind}/${file}`, asBytes, asString });
      }
      return { loadErrors, before, after: plans(), outcomes };
    }, { inputs, situations });

    assert.deepEqual(result.loadErrors.flat(), [], 'the shipped rules load');
    for (const [i, { file, asBytes, asString }] of result.outcomes.entries()) {
      const { entry, kind } = inputs[i];
      const codes = (errors) => errors.map((e) => ({ code: e.code, pointer: e.pointer }));
      assert.deepEqual(codes(asBytes), entry.errors, `${file} (${entry.why})`);
      for (const e of asBytes) {
        assert.equal(e.key, `error.${e.code}`, file);
        assert.ok(e.expected, `${file}: ${e.code} says what was expected`);
        if (kind === 'rules') assert.equal(e.file, inputs[i].file);
      }
      if (asString) assert.deepEqual(asString, asBytes, `${file}: the same errors from the text as a JS string`);
    }
    assert.equal(result.outcomes.filter((o) => o.asString).length > 80, true, 'most inputs also ran as strings');
    const plans = result.after.map((p) => JSON.parse(p));
    assert.deepEqual(result.after, result.before, 'the plans after all the bad inputs are the plans before');
    for (const plan of plans) assert.deepEqual(plan.errors, [], `${plan.municipality?.id}: a valid situation still answers`);
    assert.deepEqual([...pageErrors, ...errors], []);
    await context.close();
  });
});

