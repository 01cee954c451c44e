// Robustness in a real headless Chromium (issue 7): the malformed inputs of tests/bad-inputs/
// through the built site's wasm module, and the widget when a language pack, a rule file or the
// core is missing or corrupt.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { CSP } from '../../scripts/serve.mjs';
import { nativePlan, paths, startSite, stopSite } from './support.mjs';

let server;
let origin;
let browser;

before(async () => ({ server, origin, browser } = await startSite()));
after(() => stopSite({ server, browser }));

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
      // The plan comes back as a view of its bytes, decoded at once as wasm/engine.js does.
      const utf8 = new TextDecoder();
      const evaluate = (input) => utf8.decode(core.evaluate(input));
      const plans = () => situations.map((s) => evaluate(JSON.stringify(s)));
      const before = plans();
      // One row per kind: the input (bytes or a string; embind takes both for std::string) -> its errors.
      const feed = {
        situations: (input) => JSON.parse(evaluate(input)).errors,
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

// --- B: the widget when an asset is missing or corrupt ------------------------------------------

const site = (file) => fs.readFileSync(path.join(paths.site, 'koshin', file), 'utf8');
const status = (code, body = 'not found\n') => (route) => route.fulfill({ status: code, contentType: 'text/plain', body });
const serveBody = (body, contentType = 'application/json') => (route) => route.fulfill({ status: 200, contentType, body });
const shadow = (page) => page.locator('koshin-checker');
const axe = async (page) => (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze())
  .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
const ise = valid('ise');

// Opens `url` with some assets replaced. Failed loads are console errors here, by design (they
// say what broke); an uncaught error never is.
const openWidget = (url, routes, contextOptions = {}) => openPage(url, { routes, ...contextOptions });

// Sets the widget's situation and returns the plan it announces.
async function answer(page, situation) {
  await page.waitForFunction(() => customElements.get('koshin-checker') && window.__plans);
  const count = await page.evaluate(() => window.__plans.length);
  await page.evaluate((s) => { document.querySelector('koshin-checker').situation = s; }, situation);
  await page.waitForFunction((n) => window.__plans.length > n, count);
  return page.evaluate(() => window.__plans.at(-1));
}

describe('the widget survives a missing or corrupt language pack, rule file or core', () => {
  const vi = JSON.parse(site('i18n/vi.json'));
  const ja = JSON.parse(site('i18n/ja.json'));

  // (a) The chosen pack cannot be used: Japanese, and a note in Japanese and English naming the language.
  const unusable = {
    'missing (404)': status(404),
    'not JSON': serveBody('{"@@locale": "vi", "ui.title": '),
    'not an object': serveBody('["Gia hạn"]'),
    'another language\'s pack': serveBody(site('i18n/en.json')),
  };
  for (const [what, handler] of Object.entries(unusable)) {
    test(`a language pack that is ${what}: Japanese, with a note naming the language, and an answer`, async () => {
      const opened = await openWidget('/embed.html?lang=vi&municipality=ise', { '**/koshin/i18n/vi.json': handler });
      const { page, context } = opened;
      const note = shadow(page).getByRole('status').filter({ hasText: 'Tiếng Việt' });
      await note.waitFor();
      const text = await note.innerText();
      assert.match(text, /Tiếng Việtの表示データを読み込めなかったため、日本語で表示しています。/);
      assert.match(text, /The words for Tiếng Việt could not be loaded, so this checker is shown in Japanese\./);
      assert.equal(await shadow(page).locator('.root').getAttribute('lang'), 'ja');
      const plan = await answer(page, ise);
      assert.deepEqual(plan.errors, []);
      assert.match(await shadow(page).locator('.lead').innerText(), /[ぁ-ん]/, 'the answer is in Japanese');
      assert.ok(opened.console.some((m) => m.includes('i18n/vi.json')), 'the console says which pack');
      if (what === 'missing (404)') assert.deepEqual(await axe(page), []);
      assert.deepEqual(opened.pageErrors, []);
      await context.close();
    });
  }

  // A pack whose name is not a language tag (vi_VN.json, say, copied to a city's server and listed
  // in its index): Intl cannot format dates in it, so the widget refuses it like a corrupt pack,
  // and a browser language looked up among the packs does not trip over it.
  const misnamedIndex = JSON.stringify([...JSON.parse(site('i18n/index.json')), { id: 'vi_VN', name: 'Tiếng Việt (VN)' }]);
  const misnamed = {
    '**/koshin/i18n/index.json': serveBody(misnamedIndex),
    '**/koshin/i18n/vi_VN.json': serveBody(JSON.stringify({ ...vi, '@@locale': 'vi_VN' })),
  };
  test('a pack named with no language tag (vi_VN): Japanese, with a note naming it, and an answer', async () => {
    // embed.html's lang parameter takes language tags only; a city page can set any attribute.
    const opened = await openWidget('/embed.html?municipality=ise', misnamed);
    const { page, context } = opened;
    await answer(page, ise);
    await page.evaluate(() => document.querySelector('koshin-checker').setAttribute('lang', 'vi_VN'));
    await shadow(page).getByRole('status').filter({ hasText: 'Tiếng Việt (VN)' }).waitFor();
    assert.equal(await shadow(page).locator('.root').getAttribute('lang'), 'ja');
    const plan = await answer(page, ise);
    assert.deepEqual(plan.errors, []);
    assert.match(await shadow(page).locator('.lead').innerText(), /[ぁ-ん]/, 'the answer is in Japanese');
    assert.ok(opened.console.some((m) => m.includes('"vi_VN" is not a language tag')), opened.console.join('\n'));
    assert.deepEqual(opened.pageErrors, []);
    await context.close();
  });

  test('a language is matched among the packs even when one is named with no language tag', async () => {
    const opened = await openWidget('/embed.html?municipality=ise', misnamed);
    const { page, context } = opened;
    await answer(page, ise);
    // pt-PT has no pack of its own: the packs' languages are compared, vi_VN's among them.
    await page.evaluate(() => document.querySelector('koshin-checker').setAttribute('lang', 'pt-PT'));
    await page.waitForFunction(() => document.querySelector('koshin-checker').shadowRoot.querySelector('.root')?.lang === 'pt-BR');
    const plan = await answer(page, ise);
    assert.deepEqual(plan.errors, []);
    assert.deepEqual(opened.pageErrors, []);
    await context.close();
  });

  test('keys missing from a pack, or not valid messages, are worded in Japanese one by one', async () => {
    const damaged = { ...vi, 'ui.check': '{unclosed', 'ui.title': null };
    delete damaged['ui.privacy'];
    const opened = await openWidget('/embed.html?lang=vi&municipality=ise', { '**/koshin/i18n/vi.json': serveBody(JSON.stringify(damaged)) });
    const { page, context } = opened;
    await answer(page, ise);
    const root = shadow(page).locator('.root');
    assert.equal(await root.getAttribute('lang'), 'vi');
    assert.equal(await shadow(page).getByRole('status').filter({ hasText: 'Tiếng Việt' }).count(), 0, 'no note: the pack is used');
    for (const key of ['ui.check', 'ui.title', 'ui.privacy']) {
      const span = shadow(page).locator(`span[lang=ja]`).filter({ hasText: ja[key].replace(/<[^>]+>/g, '') }).first();
      assert.ok(await span.isVisible(), `${key} in Japanese`);
    }
    assert.match(await shadow(page).locator('.lead').innerText(), /[a-zạ-ỹ]/i, 'the rest stays Vietnamese');
    assert.doesNotMatch(await root.innerText(), /\[ui\./);
    assert.deepEqual(opened.pageErrors, []);
    await context.close();
  });

  // (b) Not even Japanese: a fixed notice in Japanese and English, a retry, the fallback content.
  for (const lang of ['vi', 'ja']) {
    test(`no usable pack at all (${lang}, and Japanese): a bilingual notice and a retry that recovers`, async () => {
      const routes = { '**/koshin/i18n/vi.json': status(404), '**/koshin/i18n/ja.json': serveBody('') };
      const opened = await openWidget(`/embed.html?lang=${lang}&municipality=ise`, routes);
      const { page, context } = opened;
      const alert = shadow(page).getByRole('alert');
      await alert.filter({ hasText: 'could not load' }).waitFor();
      assert.match(await alert.innerText(), /必要なデータを読み込めませんでした/);
      assert.ok(await page.getByRole('link', { name: 'J-LIS' }).isVisible(), 'the fallback content shows');
      for (const pattern of Object.keys(routes)) await context.unroute(pattern);
      await shadow(page).getByRole('button', { name: 'もう一度試す / Try again' }).click();
      const plan = await answer(page, ise);
      assert.deepEqual(plan.errors, []);
      assert.equal(await shadow(page).locator('.root').getAttribute('lang'), lang);
      assert.deepEqual(opened.pageErrors, []);
      await context.close();
    });
  }

  // (c) The municipality's rules: the national rules only, said plainly; the details in the console.
  const broken = fs.readFileSync(path.join(BAD, 'rules/ise-unknown-document.json'), 'utf8');
  for (const [what, handler, details] of [
    ['missing (404)', status(404), ['rules/municipalities/ise.json: HTTP 404']],
    ['refused by the core', serveBody(broken), ['ise.json: /requirements/1/visits/0/documents/2/doc: unknown_document']],
  ]) {
    test(`a municipality's rule file ${what}: the national rules only, a clear notice, the errors in the console`, async () => {
      const opened = await openWidget('/embed.html?lang=en&municipality=ise', { '**/koshin/rules/municipalities/ise.json': handler });
      const { page, context } = opened;
      const plan = await answer(page, ise);
      assert.deepEqual(plan, nativePlan(valid('other')), 'answered as "other"');
      const notice = shadow(page).getByRole('status').filter({ hasText: 'national rules only' });
      assert.match(await notice.innerText(), /The rules of Ise City could not be loaded.*does not show offices or opening hours\. Check with Ise City before you go\./s);
      for (const d of details) assert.ok(opened.console.some((m) => m.includes(d)), `console: ${d}\n${opened.console.join('\n')}`);
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(opened.pageErrors, []);
      // Once the file is there again, "Try again" gives the city's own answer.
      await context.unroute('**/koshin/rules/municipalities/ise.json');
      const count = await page.evaluate(() => window.__plans.length);
      await notice.getByRole('button', { name: 'Try again' }).click();
      await page.waitForFunction((n) => window.__plans.length > n, count);
      assert.equal((await page.evaluate(() => window.__plans.at(-1))).municipality.id, 'ise');
      assert.equal(await notice.count(), 0);
      await context.close();
    });
  }

  // (d) The core or the national rules: a clear error with a retry, never a blank widget.
  const wasm = '**/koshin/koshin-core.wasm';
  for (const [what, pattern, handler] of [
    ['national.json missing', '**/koshin/rules/national.json', status(404)],
    ['national.json refused by the core', '**/koshin/rules/national.json', serveBody(fs.readFileSync(path.join(BAD, 'rules/national-format-2.json'), 'utf8'))],
    ['the wasm missing', wasm, status(404)],
    ['the wasm corrupt', wasm, serveBody('\0asm garbage', 'application/wasm')],
  ]) {
    test(`${what}: a clear message and a retry that recovers`, async () => {
      const opened = await openWidget('/embed.html?lang=en&municipality=ise', { [pattern]: handler });
      const { page, context } = opened;
      const alert = shadow(page).getByRole('alert').filter({ hasText: 'could not load what it needs' });
      await alert.waitFor();
      assert.ok(await page.getByRole('link', { name: 'J-LIS' }).isVisible());
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(opened.pageErrors, []);
      await context.unroute(pattern);
      await alert.getByRole('button', { name: 'Try again' }).click();
      const plan = await answer(page, ise);
      assert.deepEqual(plan, nativePlan(ise));
      await context.close();
    });
  }

  test('rules/index.json missing: the bilingual notice (no language is known yet)', async () => {
    const opened = await openWidget('/embed.html?lang=en&municipality=ise', { '**/koshin/rules/index.json': status(404) });
    const { page, context } = opened;
    await shadow(page).getByRole('alert').filter({ hasText: 'could not load' }).waitFor();
    assert.match(await shadow(page).getByRole('alert').innerText(), /必要なデータを読み込めませんでした/);
    assert.deepEqual(opened.pageErrors, []);
    await context.close();
  });

  test('on the standalone page too: a missing pack, a refused rule file, a missing index and a missing core', async () => {
    const page1 = await openWidget('/', { '**/koshin/i18n/vi.json': status(404),
      '**/koshin/rules/municipalities/odawara.json': serveBody('{"format": "koshin-rules/1",') }, { locale: 'vi-VN' });
    await shadow(page1.page).getByRole('status').filter({ hasText: 'Tiếng Việt' }).waitFor();
    await shadow(page1.page).locator('select[name=municipality]').selectOption('odawara');
    const plan = await answer(page1.page, valid('odawara'));
    assert.equal(plan.municipality.id, 'other');
    assert.match(await shadow(page1.page).getByRole('status').filter({ hasText: '小田原市' }).innerText(), /全国共通のルールだけで回答しています/);
    assert.ok(page1.console.some((m) => m.includes('odawara.json') && m.includes('invalid_json')), page1.console.join('\n'));
    assert.deepEqual(page1.pageErrors, []);
    await page1.context.close();
    for (const pattern of ['**/koshin/rules/index.json', wasm]) {
      const opened = await openWidget('/', { [pattern]: status(404) }, { locale: 'en-US' });
      await shadow(opened.page).getByRole('alert').filter({ hasText: /could not load/ }).waitFor();
      assert.deepEqual(opened.pageErrors, [], pattern);
      await opened.context.close();
    }
  });
});
