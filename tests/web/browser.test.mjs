// The page and the widget in a real headless Chromium (Debian's, driven by playwright-core).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { pseudoPack } from './pseudo.mjs';
import { shareFragment } from '../../web/src/share.js';
import { field, fillDate, loadCases, nativePlan, paths, startSite, stopSite, widget } from './support.mjs';

let server;
let origin;
let browser;
const cases = loadCases();

before(async () => ({ server, origin, browser } = await startSite()));
after(() => stopSite({ server, browser }));

// A page whose every request, CSP violation and script error is recorded.
// `initScripts` run in the page before its own scripts, after the plans' recorder.
async function openPage(url, { initScripts = [], ...contextOptions } = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block', ...contextOptions });
  const page = await context.newPage();
  const log = { requests: [], errors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  await page.addInitScript(recordPlans);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  for (const script of initScripts) await page.addInitScript(script);
  if (contextOptions.clockAt) await page.clock.setFixedTime(contextOptions.clockAt);
  await page.goto(`${origin}${url}`);
  return { context, page, log };
}

// Runs in the page (an init script): every plan the widget announces, in order.
function recordPlans() {
  window.__plans = [];
  document.addEventListener('koshin-result', (e) => window.__plans.push(e.detail));
}

const lastPlan = (page) => page.evaluate(() => window.__plans.at(-1));

// Waits for the plan that follows the next action (events are counted, so no fixed sleeps).
async function nextPlan(page, action) {
  const count = await page.evaluate(() => window.__plans.length);
  await action();
  await page.waitForFunction((n) => window.__plans.length > n, count);
  // A form that makes a new question appear evaluates again: wait until it is quiet.
  let seen = -1;
  for (;;) {
    const n = await page.evaluate(() => window.__plans.length);
    if (n === seen) break;
    seen = n;
    await page.waitForTimeout(60);
  }
  return lastPlan(page);
}

// Sets the widget's situation through its JS API and waits for the plan.
async function show(page, s) {
  await page.waitForFunction(() => window.__plans !== undefined && customElements.get('koshin-checker'));
  return nextPlan(page, () => page.evaluate((x) => { document.querySelector('koshin-checker').situation = x; }, s));
}

// Which situations the form can express (the rest run through `el.situation` only).
const FORM_FIELDS = {
  '': ['today', 'municipality', 'certificates', 'card', 'holder', 'applicant', 'representative', 'pins', 'changes', 'renew_card', 'with_move_notification'],
  certificates: ['expiry'], card: ['expiry'], representative: ['relationship'], pins: ['signature', 'user'],
  holder: ['birth_date', 'residence', 'stay_end', 'face_auth_card', 'adult_ward', 'smartphone_certificate'],
};
const KNOWN_MUNICIPALITIES = ['ise', 'tokorozawa', 'odawara', 'edogawa', 'ibaraki', 'other'];
function formCanExpress(s) {
  const fits = (obj, key) => obj && typeof obj === 'object' && !Array.isArray(obj)
    && Object.keys(obj).every((k) => FORM_FIELDS[key].includes(k) && (!FORM_FIELDS[k] || fits(obj[k], k)));
  return fits(s, '') && nativePlan(s).errors.length === 0 && KNOWN_MUNICIPALITIES.includes(s.municipality) && s.certificates?.expiry && s.card?.expiry
    && s.holder?.birth_date && typeof s.applicant === 'string' && s.today >= '2016-01-01'
    && s.holder.smartphone_certificate !== false;  // a check box says yes or nothing
}

// Fills the form like a resident; null when the form does not ask a question the case answers
// (e.g. "adult ward" is asked of adults only).
async function fillForm(page, s) {
  const visible = (locator) => locator.isVisible();
  await field(page, 'municipality').selectOption(s.municipality);
  await fillDate(page, 'cert', s.certificates.expiry);
  await fillDate(page, 'card', s.card.expiry);
  await nextPlan(page, () => fillDate(page, 'birth', s.holder.birth_date));
  const quick = { timeout: 3000 };
  await widget(page).locator(`input[type=radio][value="${s.applicant}"]`).check(quick);
  if (s.representative?.relationship) {
    await widget(page).locator(`input[type=radio][value="${s.representative.relationship}"]`).check(quick);
  }
  if (s.pins?.signature) await field(page, 'pin_signature').selectOption(s.pins.signature, quick);
  if (s.pins?.user) await field(page, 'pin_user').selectOption(s.pins.user, quick);
  for (const c of s.changes ?? []) await widget(page).locator(`input[name=changes][value="${c}"]`).check(quick);
  if (s.with_move_notification) {
    if (!(await visible(field(page, 'with_move_notification')))) return null;
    await field(page, 'with_move_notification').check(quick);
  }
  if (s.holder.residence) await field(page, 'residence').selectOption(s.holder.residence, quick);
  if (s.holder.stay_end) {
    await field(page, 'stay-year').waitFor(quick);
    await fillDate(page, 'stay', s.holder.stay_end);
  }
  if (s.holder.face_auth_card) {
    if (!(await visible(field(page, 'face_auth_card')))) return null;
    await field(page, 'face_auth_card').check(quick);
  }
  if (s.holder.smartphone_certificate) await field(page, 'smartphone_certificate').check(quick);
  if (s.holder.adult_ward) {
    if (!(await visible(field(page, 'adult_ward')))) return null;
    await field(page, 'adult_ward').check(quick);
  }
  if (s.renew_card) {
    if (!(await visible(field(page, 'renew_card')))) return null;
    await field(page, 'renew_card').check(quick);
  }
  return nextPlan(page, () => widget(page).locator('button[type=submit]').click());
}

describe('the case tables in the browser give the same plans as koshin eval', () => {
  test('through the element\'s JS API (el.situation) for every case', async () => {
    const { context, page } = await openPage('/embed.html?lang=en');
    await page.waitForFunction(() => window.__plans !== undefined && customElements.get('koshin-checker'));
    for (const c of cases) {
      const plan = await nextPlan(page, () => page.evaluate((s) => { document.querySelector('koshin-checker').situation = s; }, c.situation));
      assert.deepEqual(plan, nativePlan(c.situation), `${c.table}: ${c.name}`);
    }
    await context.close();
  });

  test('through the form, typed like a resident, for every case the form can express', async () => {
    const formCases = cases.filter((c) => formCanExpress(c.situation));
    assert.ok(formCases.length >= 60, `only ${formCases.length} cases fit the form`);
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const skipped = [];
    for (const c of formCases) {
      const page = await context.newPage();
      await page.addInitScript(recordPlans);
      await page.clock.setFixedTime(new Date(`${c.situation.today}T12:00:00+09:00`));
      await page.goto(`${origin}/embed.html?lang=en`);
      const plan = await fillForm(page, c.situation);
      if (plan === null) skipped.push(c.name);
      else assert.deepEqual(plan, nativePlan(c.situation), `${c.table}: ${c.name}`);
      await page.close();
    }
    assert.ok(skipped.length <= 5, `the form could not ask: ${skipped.join('; ')}`);
    await context.close();
  });
});

describe('the widget on a city page', () => {
  test('works under a strict CSP header and hostile host CSS, and asks nothing of other origins', async () => {
    const { context, page, log } = await openPage('/examples/host.html');
    const response = await page.request.get(`${origin}/examples/host.html`);
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(response.headers()['content-security-policy'], /'unsafe-(eval|inline)'/);
    await fillDate(page, 'cert', '2030-01-31');
    await fillDate(page, 'card', '2034-01-31');
    const plan = await nextPlan(page, () => fillDate(page, 'birth', '1990-01-31'));
    assert.equal(plan.municipality.id, 'ise');
    assert.deepEqual(plan.errors, []);
    const lead = widget(page).locator('.lead');
    await lead.waitFor();
    const box = await lead.boundingBox();
    assert.ok(box.height > 15 && box.width > 100, `lead box ${JSON.stringify(box)}`);
    const style = await lead.evaluate((el) => getComputedStyle(el));
    assert.notEqual(style.display, 'none');
    const input = await field(page, 'cert-year').evaluate((el) => {
      const s = getComputedStyle(el);
      return { font: parseFloat(s.fontSize), border: s.borderTopWidth, height: el.getBoundingClientRect().height };
    });
    assert.ok(input.font >= 16 && input.height >= 30 && input.border === '2px', JSON.stringify(input));
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(log.errors, []);
    const foreign = log.requests.filter((u) => new URL(u).origin !== origin);
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('shows its fallback content (a link to the city page) when the core cannot load', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(`${origin}/examples/host.html`);
    await page.waitForFunction(() => document.querySelector('koshin-checker').shadowRoot?.querySelector('slot'));
    assert.ok(await page.getByRole('link', { name: /伊勢市/ }).isVisible());
    await context.close();
  });

  test('attributes are its API: reflected, and a change of municipality or language re-renders', async () => {
    const { context, page } = await openPage('/examples/host.html');
    await field(page, 'cert-year').waitFor();
    assert.equal(await widget(page).evaluate((el) => el.municipality), 'ise');
    await widget(page).evaluate((el) => { el.municipality = 'odawara'; el.lang = 'en'; });
    assert.equal(await widget(page).getAttribute('municipality'), 'odawara');
    await widget(page).getByText('Expiry date of the card').waitFor();
    await fillDate(page, 'cert', '2030-01-31');
    await fillDate(page, 'card', '2034-01-31');
    const plan = await nextPlan(page, () => fillDate(page, 'birth', '1990-01-31'));
    assert.equal(plan.municipality.id, 'odawara');
    // A `lang` that means the language already shown (as the standalone page sets it once it has
    // read the index) leaves the form alone: what the resident typed stays, and the same
    // elements answer again.
    const before = await field(page, 'cert-year').elementHandle();
    const again = await nextPlan(page, () => widget(page).evaluate((el) => { el.lang = 'en-GB'; }));
    assert.equal(again.certificates.user.expiry, '2030-01-31');
    assert.equal(await field(page, 'cert-year').inputValue(), '2030');
    assert.ok(await before.evaluate((el) => el.isConnected), 'the form was not rebuilt');
    await context.close();
  });

  test('fetches the municipality\'s rules while the core is still loading, not after it (speed, issue 7)', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    // The wasm and the rules index are held back until the page has asked for Ise's rules: with
    // the fetch waiting for the core or for the index, that request never comes and the test
    // times out. (The rules may even be asked for before the wasm is: the widget starts that
    // fetch first.)
    let askedForRules;
    const rulesAsked = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no request for ise.json within 10 s of holding the wasm and the index back')), 10000);
      askedForRules = () => { clearTimeout(timer); resolve(); };
    });
    page.on('request', (r) => { if (r.url().endsWith('/koshin/rules/municipalities/ise.json')) askedForRules(); });
    await page.route('**/koshin-core.wasm', async (route) => {
      await rulesAsked;
      await route.continue();
    });
    await page.route('**/koshin/rules/index.json', async (route) => {
      await rulesAsked;
      await route.continue();
    });
    await page.addInitScript(recordPlans);
    await page.goto(`${origin}/examples/host.html`);
    await rulesAsked;
    // And the widget still answers for Ise once the core arrives.
    const plan = await show(page, { today: '2025-06-01', municipality: 'ise', certificates: { expiry: '2025-08-31' },
      card: { expiry: '2034-08-31' }, holder: { birth_date: '1990-08-31' }, applicant: 'self' });
    assert.equal(plan.municipality.id, 'ise');
    assert.deepEqual(plan.errors, []);
    await context.close();
  });
});

describe('when to go (issue 5)', () => {
  // Odawara, Golden Week 2025 (tests/cases/calendars.json): the window opens on 昭和の日.
  const goldenWeek = {
    today: '2025-04-01', municipality: 'odawara', certificates: { expiry: '2025-07-28' }, card: { expiry: '2033-10-31' },
    holder: { birth_date: '1980-06-15' }, applicant: 'self', pins: { signature: 'known', user: 'known' },
  };
  test('the first day to go, each office\'s open days with the closed ones between, and the footer', async () => {
    const { context, page, log } = await openPage('/embed.html?lang=en');
    const plan = await show(page, goldenWeek);
    assert.equal(plan.first_day_to_go.date, '2025-04-30');
    const offices = await widget(page).locator('section:has(.offices)').innerText();
    assert.match(offices, /First day you can go: Wednesday, April 30, 2025, at Odawara City Hall/);
    const days = await widget(page).locator('.open-days li').allInnerTexts();
    assert.deepEqual(days.map((d) => d.split(':')[0]), [
      'Tuesday, April 29, 2025', 'Wednesday, April 30, 2025', 'Thursday, May 1, 2025', 'Friday, May 2, 2025',
      'Monday, May 5, 2025', 'Tuesday, May 6, 2025', 'Wednesday, May 7, 2025', 'Thursday, May 8, 2025']);
    assert.match(days[0], /closed \(public holiday\)/);
    assert.match(days[1], /09:00–16:30/);
    const footer = await widget(page).locator('[part=footer]').innerText();
    assert.match(footer, /last checked against their sources on November 21, 2026/);
    assert.match(footer, /Sources: 小田原市/);
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test('in Japanese, with the weekday; an office without published days says so instead of inventing them', async () => {
    const { context, page } = await openPage('/embed.html?lang=ja');
    await show(page, goldenWeek);
    const text = await widget(page).locator('section:has(.offices)').innerText();
    assert.match(text, /最初に行ける日:2025年4月30日\(令和7年\)水曜日/);
    assert.match(text, /2025年5月6日\(令和7年\)火曜日:休み\(祝日\)/);
    await show(page, { ...goldenWeek, municipality: 'edogawa', today: '2026-12-11', certificates: { expiry: '2027-01-20' } });
    const edogawa = await widget(page).locator('section:has(.offices)').innerText();
    assert.match(edogawa, /市のページに開いている日の記載がありません/);
    assert.doesNotMatch(edogawa, /最初に行ける日/);
    await context.close();
  });
});

describe('the resident page', () => {
  test('"today" is the date in Tokyo, whatever the device\'s time zone', async () => {
    const moments = [
      ['2024-07-31T15:30:00Z', '2024-08-01'],  // 00:30 in Tokyo, still July 31 in Los Angeles
      ['2024-07-31T14:59:00Z', '2024-07-31'],  // 23:59 in Tokyo
    ];
    for (const timezoneId of ['America/Los_Angeles', 'Asia/Tokyo']) {
      for (const [at, tokyoDate] of moments) {
        const { context, page } = await openPage('/embed.html?lang=en&municipality=ise', { timezoneId, clockAt: new Date(at) });
        await fillDate(page, 'cert', '2024-10-31');
        await fillDate(page, 'card', '2029-10-31');
        const plan = await nextPlan(page, () => fillDate(page, 'birth', '1989-10-31'));
        assert.equal(plan.today, tokyoDate, `${timezoneId} at ${at}`);
        await context.close();
      }
    }
  });

  test('a share link opens in the browser\'s language at once, with no Japanese answer first', async () => {
    const link = shareFragment({ municipality: 'ise', certificates: { expiry: '2031-10-31' }, card: { expiry: '2034-10-31' },
      holder: { birth_date: '1989-10-31' }, applicant: 'self' });
    for (const [url, locale, lang] of [[`/${link}`, 'en-US', 'en'], [`/${link}`, 'ja-JP', 'ja'], [`/${link}`, 'pt-PT', 'pt-BR'],
      [`/embed.html?lang=vi${link}`, 'en-US', 'vi']]) {
      // The language each answer was shown in.
      const shownIn = () => {
        window.__shownIn = [];
        document.addEventListener('koshin-result', () => {
          window.__shownIn.push(document.querySelector('koshin-checker').shadowRoot.querySelector('.root')?.lang);
        });
      };
      const { context, page, log } = await openPage(url, { locale, initScripts: [shownIn] });
      await page.waitForFunction(() => window.__shownIn.length > 0);
      await page.waitForTimeout(300);  // a second build in another language would come within this
      assert.deepEqual(await page.evaluate(() => [...new Set(window.__shownIn)]), [lang], `${url} ${locale}`);
      if (!url.startsWith('/embed')) assert.equal(await page.locator('#lang-select').inputValue(), lang, locale);
      assert.deepEqual(log.errors, []);
      await context.close();
    }
  });

  test('fetches the core and the first rules from the start, each file once (speed, issue 7)', async () => {
    for (const url of ['/', '/embed.html?lang=en']) {
      await fetchedFromTheStart(url);
    }
  });

  async function fetchedFromTheStart(pageUrl) {
    const { context, page, log } = await openPage(pageUrl, { locale: 'en-US' });
    await field(page, 'municipality').waitFor();
    const timing = await page.evaluate(() => ({
      loadStart: performance.getEntriesByName('koshin:load-start')[0].startTime,
      started: Object.fromEntries(performance.getEntriesByType('resource').map((r) => [new URL(r.name).pathname, r.startTime])),
    }));
    // Japanese is loaded in every language: it words what another pack lacks.
    for (const file of ['koshin-core.mjs', 'koshin-core.wasm', 'rules/national.json', 'rules/index.json', 'i18n/index.json', 'i18n/ja.json']) {
      const url = `${origin}/koshin/${file}`;
      // Preloaded by the page's <head>: asked for before the widget's module has even run ...
      assert.ok(timing.started[`/koshin/${file}`] < timing.loadStart, `${pageUrl}: ${file} fetched before koshin:load-start`);
      // ... and the preload is what the widget uses, not fetched a second time.
      assert.equal(log.requests.filter((r) => r === url).length, 1, `${pageUrl}: ${file} requested once`);
    }
    assert.deepEqual(log.errors, []);
    await context.close();
  }

  test('a full scenario with the keyboard only', async () => {
    const { context, page } = await openPage('/', { locale: 'en-US' });
    await field(page, 'municipality').waitFor();
    const focused = () => page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el ? (el.getAttribute('name') || el.className || el.tagName) : null;
    });
    for (let i = 0; i < 10 && (await focused()) !== 'municipality'; i += 1) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'municipality');
    await page.keyboard.press('ArrowDown');  // the second municipality in the list
    // Each date: the calendar menu, then year, month and day.
    const typeDate = async (y, m, d, eraSteps = 0) => {
      await page.keyboard.press('Tab');
      for (let i = 0; i < eraSteps; i += 1) await page.keyboard.press('ArrowDown');
      for (const part of [y, m, d]) {
        await page.keyboard.press('Tab');
        await page.keyboard.type(part);
      }
    };
    await typeDate('12', '1', '31', 1);  // 令和12年1月31日 = 2030-01-31
    await typeDate('2034', '1', '31');
    await typeDate('1990', '1', '31');
    const plan = await nextPlan(page, () => page.keyboard.press('Enter'));
    assert.deepEqual(plan.errors, []);
    assert.equal(plan.certificates.user.expiry, '2030-01-31');
    assert.equal(plan.municipality.id, await field(page, 'municipality').inputValue());
    assert.equal(await focused(), 'lead');
    // Back to the questions that appeared: the applicant radios, then a proxy without the form.
    for (let i = 0; i < 60 && !(await focused())?.endsWith('-applicant'); i += 1) await page.keyboard.press('Shift+Tab');
    assert.match(await focused(), /-applicant$/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const proxyPlan = await nextPlan(page, () => page.keyboard.press('ArrowDown'));
    assert.equal(proxyPlan.applicant.given, 'proxy_without_form');
    assert.equal(proxyPlan.visits.length, 2);
    await context.close();
  });

  test('meets WCAG 2.1 AA (axe): empty form, filled form, result; and fits 320 px', async () => {
    for (const width of [320, 1280]) {
      const { context, page } = await openPage('/', { viewport: { width, height: 800 }, locale: 'en-US' });
      await field(page, 'cert-year').waitFor();
      const axe = () => new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const check = async (when) => {
        const { violations } = await axe();
        assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `${when} at ${width}px`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(overflow <= width, `${when}: page is ${overflow}px wide at ${width}px`);
      };
      await check('empty form');
      await fillDate(page, 'cert', '2030-02-30');  // no such date: an error tied to the field
      await field(page, 'card-year').focus();
      await page.waitForFunction(() => document.querySelector('koshin-checker').shadowRoot.querySelector('[aria-invalid=true]'));
      const described = await field(page, 'cert-year').getAttribute('aria-describedby');
      const errorText = await widget(page).locator(`[id="${described.split(' ').at(-1)}"]`).textContent();
      assert.match(errorText, /does not exist/);
      await check('form with an error');
      await fillDate(page, 'cert', '2030-01-31');
      await fillDate(page, 'card', '2034-01-31');
      await nextPlan(page, () => fillDate(page, 'birth', '1990-01-31'));
      await check('filled form and result');
      await context.close();
    }
  });

  test('works offline after the first load', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.addInitScript(recordPlans);
    await page.goto(`${origin}/`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    await field(page, 'municipality').selectOption('edogawa');
    await fillDate(page, 'cert', '2030-01-31');
    await fillDate(page, 'card', '2034-01-31');
    const plan = await nextPlan(page, () => fillDate(page, 'birth', '1990-01-31'));
    assert.equal(plan.municipality.id, 'edogawa');
    assert.deepEqual(plan.errors, []);
    await context.close();
  });
});

describe('every language', () => {
  const languages = JSON.parse(fs.readFileSync(`${paths.site}/koshin/i18n/index.json`, 'utf8'));
  // A scenario that shows most kinds of text: a proxy without the form in Tokorozawa (two visits,
  // a phone step, offices with hours), lapsed and forgotten PINs, warnings and notes.
  const scenario = {
    today: '2025-07-10', municipality: 'tokorozawa', certificates: { expiry: '2025-09-30' },
    card: { expiry: '2029-09-30' }, holder: { birth_date: '1988-09-30' }, applicant: 'proxy_without_form',
    pins: { signature: 'forgotten', user: 'known' },
  };
  const AXE_LANGUAGES = ['ja', 'ja-x-easy', 'my'];

  test('renders a full scenario at 320 px with no raw key, undefined or placeholder left', async () => {
    assert.equal(languages.length, 14);
    for (const { id } of languages) {
      const { context, page, log } = await openPage(`/embed.html?lang=${id}`, { viewport: { width: 320, height: 800 } });
      await field(page, 'cert-year').waitFor();
      const plan = await nextPlan(page, () => page.evaluate((s) => {
        document.querySelector('koshin-checker').situation = s;
      }, scenario));
      assert.deepEqual(plan.errors, [], id);
      await page.waitForFunction((lang) => document.querySelector('koshin-checker').shadowRoot
        .querySelector('.root')?.getAttribute('lang') === lang, id);
      const text = await page.evaluate(() => {
        const root = document.querySelector('koshin-checker').shadowRoot;
        const attrs = [...root.querySelectorAll('[aria-label], option, [title]')].map((e) => e.getAttribute('aria-label') ?? e.textContent);
        // textContent too: the closed "Why?" panels and the print view are not rendered text.
        return [root.querySelector('.root').innerText, ...attrs, root.querySelector('.result').textContent].join('\n');
      });
      assert.ok(text.length > 1500, `${id}: the result is short`);
      for (const [what, re] of [['raw key', /\[[a-z_]+(\.[A-Za-z0-9_-]+)+\]/], ['undefined', /undefined|NaN|\[object/],
        ['placeholder', /\{[a-z_]+(, ?[a-z]+)?\}/], ['markup', /<\/?[a-z]+>/]]) {
        assert.doesNotMatch(text, re, `${id}: ${what} in the page: ${text.match(re) && text.slice(Math.max(0, text.search(re) - 80), text.search(re) + 40)}`);
      }
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${id}: the page is ${width}px wide at 320px`);
      if (id === 'ja-x-easy') {
        // Furigana on every kanji word, and a switch that hides them (screen readers read both).
        const shown = () => page.evaluate(() => [...document.querySelector('koshin-checker').shadowRoot.querySelectorAll('rt')]
          .filter((rt) => getComputedStyle(rt).display !== 'none').length);
        assert.ok(await shown() > 20);
        await field(page, 'furigana').uncheck();
        assert.equal(await shown(), 0);
        await field(page, 'furigana').check();
      } else {
        assert.equal(await field(page, 'furigana').count(), 0, `${id}: no furigana switch without furigana`);
      }
      if (AXE_LANGUAGES.includes(id)) {
        const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], id);
      }
      assert.deepEqual(log.errors, [], id);
      await context.close();
    }
  });

  test('the pseudo-locale (accented, 40% longer) fits 320 px and every string comes from the pack', async () => {
    const en = JSON.parse(fs.readFileSync(`${paths.root}/i18n/en.json`, 'utf8'));
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 320, height: 800 } });
    await context.route('**/koshin/i18n/index.json', (route) => route.fulfill({
      json: [...languages, { id: 'en-XA', name: 'Pseudo' }] }));
    await context.route('**/koshin/i18n/en-XA.json', (route) => route.fulfill({ json: pseudoPack(en) }));
    const page = await context.newPage();
    await page.addInitScript(recordPlans);
    await page.goto(`${origin}/embed.html?lang=en-XA`);
    await field(page, 'cert-year').waitFor();
    const plan = await nextPlan(page, () => page.evaluate((s) => {
      document.querySelector('koshin-checker').situation = s;
    }, scenario));
    const text = await page.evaluate(() => document.querySelector('koshin-checker').shadowRoot.querySelector('.root').innerText);
    assert.match(text, /⟦/);
    // A municipality's own texts are data (rule files: {"ja": ..., "en": ...}), not the pack's.
    const localTexts = (v) => (Array.isArray(v) ? v.flatMap(localTexts)
      : v && typeof v === 'object' ? ('ja' in v ? Object.values(v) : Object.values(v).flatMap(localTexts)) : []);
    const municipalities = JSON.parse(fs.readFileSync(`${paths.site}/koshin/rules/index.json`, 'utf8'));
    const names = [...localTexts(municipalities), ...localTexts(plan)].sort((a, b) => b.length - a.length);
    let outside = names.reduce((t, name) => t.replaceAll(name, ' '), text);
    while (/⟦[^⟦⟧]*⟧/.test(outside)) outside = outside.replace(/⟦[^⟦⟧]*⟧/g, ' ');  // messages nest
    assert.doesNotMatch(outside, /[A-Za-z]{3,}/, `text not from the pack: ${outside.match(/.{0,40}[A-Za-z]{3,}.{0,40}/)}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the page is ${width}px wide at 320px`);
    await context.close();
  });

  test('dates: Japanese with the era year, others Gregorian with Latin digits; era input echoed and checked', async () => {
    const dateOf = async (lang) => {
      const { context, page } = await openPage(`/embed.html?lang=${lang}`);
      await field(page, 'cert-year').waitFor();
      await nextPlan(page, () => page.evaluate((s) => {
        document.querySelector('koshin-checker').situation = s;
      }, scenario));
      await page.waitForFunction((l) => document.querySelector('koshin-checker').shadowRoot.querySelector('.root')?.getAttribute('lang') === l, lang);
      const lead = await widget(page).locator('.lead').textContent();
      await context.close();
      return lead;
    };
    assert.match(await dateOf('ja'), /2025年7月1日\(令和7年\)|2025年10月1日\(令和7年\)|2025年\d+月\d+日\(令和7年\)/);
    for (const lang of ['th', 'ne', 'my']) assert.doesNotMatch(await dateOf(lang), /[\u0E50-\u0E59\u0966-\u096F\u1040-\u1049]|2568/, lang);

    const { context, page } = await openPage('/embed.html?lang=en');
    await field(page, 'cert-year').waitFor();
    await field(page, 'cert-era').selectOption('heisei');
    await fillDate(page, 'cert', '32-3-1');  // 平成32年 printed before 2019: 令和2年
    await field(page, 'card-year').focus();
    await page.waitForFunction(() => /令和2年3月1日/.test(document.querySelector('koshin-checker').shadowRoot.querySelector('.echo')?.textContent));
    assert.match(await widget(page).locator('.echo').first().textContent(), /March 1, 2020/);
    await field(page, 'cert-era').selectOption('reiwa');
    await fillDate(page, 'cert', '1-4-30');  // before 令和
    await field(page, 'card-year').focus();
    await page.waitForFunction(() => document.querySelector('koshin-checker').shadowRoot.querySelector('[aria-invalid=true]'));
    const described = await field(page, 'cert-year').getAttribute('aria-describedby');
    assert.match(await widget(page).locator(`[id="${described.split(' ').at(-1)}"]`).textContent(), /not in this era/);
    await context.close();
  });
});

describe('what residents take away (issue 6)', () => {
  // Ise, a proxy with the form, before the window opens (tests/cases/window.json, "Done when").
  const proxy = {
    today: '2024-07-15', municipality: 'ise', certificates: { expiry: '2024-10-31' }, card: { expiry: '2029-10-31' },
    holder: { birth_date: '1989-10-31' }, applicant: 'proxy_with_form', pins: { signature: 'known', user: 'known' },
  };
  const at = (s) => new Date(`${s.today}T12:00:00+09:00`);
  const packs = Object.fromEntries(['en', 'ja'].map((l) => [l, JSON.parse(fs.readFileSync(`${paths.root}/i18n/${l}.json`, 'utf8'))]));
  const plain = (text) => text.replace(/<rt>.*?<\/rt>|<[^>]+>/g, '');
  const squeeze = (text) => text.replace(/\s+/g, '');
  const action = (page, name) => widget(page).getByRole('button', { name });

  test('the calendar reminder: a text/calendar file that ical.js reads back, with the days to go and the documents', async () => {
    const ICAL = (await import('ical.js')).default;
    const { context, page, log } = await openPage('/embed.html?lang=en', { clockAt: at(proxy) });
    await page.evaluate(() => {
      window.__blobTypes = [];
      const create = URL.createObjectURL;
      URL.createObjectURL = (blob) => { window.__blobTypes.push(blob.type); return create(blob); };
    });
    const plan = await show(page, proxy);
    const [download] = await Promise.all([page.waitForEvent('download'), action(page, 'Add reminders to my calendar').click()]);
    assert.equal(download.suggestedFilename(), 'koshin-2024-10-31.ics');
    assert.deepEqual(await page.evaluate(() => window.__blobTypes), ['text/calendar;charset=utf-8']);
    const text = fs.readFileSync(await download.path(), 'utf8');
    assert.ok(text.split('\r\n').length > 20 && !/[^\r]\n/.test(text), 'CRLF line ends');
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    assert.deepEqual(events.map((e) => e.startDate.toString()), [plan.first_day_to_go.date, '2024-10-24']);
    assert.match(events[0].summary, /renew the certificates/);
    assert.match(events[1].summary, /the certificates expire on October 31, 2024/);
    for (const doc of plan.visits[0].documents) {
      assert.ok(events[0].description.includes(plain(packs.en[doc.key])), doc.key);
      assert.ok(events[0].description.includes(plain(packs.ja[doc.key])), `${doc.key} in Japanese`);
    }
    assert.match(events[0].component.getFirstPropertyValue('url'), /\/embed\.html\?lang=en#koshin=1\./);
    assert.match(events[0].location, /Family Register and Residents Division/);
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  // The checklist printed to PDF by Chromium and read back by poppler's pdftotext.
  async function printed(page) {
    const file = path.join(os.tmpdir(), `koshin-${process.pid}-${Date.now()}.pdf`);
    fs.writeFileSync(file, await page.pdf({ format: 'A4' }));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    fs.rmSync(file);
    return squeeze(text);
  }

  for (const lang of ['en', 'ja']) {
    test(`the printed checklist (${lang}): the PDF's text has the documents with their Japanese names, the dates and the office, and not the host page`, async () => {
      const { context, page, log } = await openPage('/examples/host.html', { clockAt: at(proxy) });
      await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed ?? 0) + 1; }; });
      await widget(page).evaluate((el, l) => { el.lang = l; }, lang);
      const plan = await show(page, proxy);
      await action(page, lang === 'en' ? 'Print checklist' : 'チェックリストを印刷').click();
      assert.equal(await page.evaluate(() => window.__printed), 1);
      const text = await printed(page);
      const m = packs[lang];
      assert.ok(text.includes(squeeze(plain(m['ui.print.title']))), text.slice(0, 200));
      for (const doc of plan.visits[0].documents) {
        assert.ok(text.includes(squeeze(plain(m[doc.key]))), `${lang}: ${doc.key}`);
        assert.ok(text.includes(squeeze(plain(packs.ja[doc.key]))), `${lang}: ${doc.key} in Japanese`);
      }
      for (const date of lang === 'en' ? ['August 1, 2024', 'October 31, 2024'] : ['2024年8月1日', '2024年10月31日']) {
        assert.ok(text.includes(squeeze(date)), `${lang}: ${date}`);
      }
      assert.ok(text.includes(lang === 'en' ? 'FamilyRegisterandResidentsDivision' : '戸籍住民課'), `${lang}: the office`);
      assert.ok(text.includes('0596-21-5553'));
      assert.ok(!text.includes('電子証明書の更新</h1>') && !text.includes(squeeze('このページの下で')), 'the host page is left out');
      // After printing the host page is whole again; Ctrl+P alone prints it around the checklist.
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      assert.equal(await page.locator('[data-koshin-print-hide]').count(), 0);
      const whole = await printed(page);
      assert.ok(whole.includes(squeeze('このページの下で')) && whole.includes(squeeze(plain(m['ui.print.title']))));
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assert.deepEqual(log.errors, []);
      await context.close();
    });
  }

  test('a share link restores the form and the answer, after a reload and in a second browser context', async () => {
    const { context, page } = await openPage('/embed.html?lang=en', { clockAt: at(proxy) });
    const sent = await fillForm(page, proxy);
    assert.deepEqual(sent, nativePlan(proxy));
    await action(page, 'Share this answer').click();
    const link = await widget(page).getByLabel('Link to this answer').inputValue();
    const url = new URL(link);
    assert.equal(url.search, '?lang=en', 'the answers are not in the query string');
    assert.match(url.hash, /^#koshin=1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    await context.close();

    // The proxy opens what the holder sent, on another device (a fresh context, nothing shared).
    const other = await openPage(`${url.pathname}${url.search}${url.hash}`, { clockAt: at(proxy) });
    await other.page.waitForFunction(() => window.__plans.length > 0);
    assert.deepEqual(await lastPlan(other.page), nativePlan(proxy));
    assert.equal(await field(other.page, 'cert-year').inputValue(), '2024');
    assert.equal(await field(other.page, 'birth-month').inputValue(), '10');
    assert.ok(await widget(other.page).locator('input[type=radio][value=proxy_with_form]').isChecked());
    assert.match(await widget(other.page).locator('.checklist').innerText(), /inquiry and reply form/);
    await other.page.reload();
    await other.page.waitForFunction(() => window.__plans.length > 0);
    assert.deepEqual(await lastPlan(other.page), nativePlan(proxy));
    // The proxy corrects a date; a host page that then moves the element keeps the correction:
    // the link was read once, not again at every connection.
    const corrected = { ...proxy, certificates: { expiry: '2025-10-31' } };
    assert.deepEqual(await nextPlan(other.page, () => fillDate(other.page, 'cert', '2025-10-31')), nativePlan(corrected));
    const moved = await nextPlan(other.page, () => widget(other.page).evaluate((el) => document.body.append(el)));
    assert.deepEqual(moved, nativePlan(corrected));
    assert.equal(await field(other.page, 'cert-year').inputValue(), '2025');
    await other.context.close();
  });

  test('a tampered, foreign-version or other-municipality link is refused with a clear message and restores nothing', async () => {
    const good = shareFragment(proxy);
    const i = good.length - 12;
    const tampered = good.slice(0, i) + (good[i] === 'x' ? 'y' : 'x') + good.slice(i + 1);
    for (const [url, message] of [
      [`/embed.html?lang=en${tampered}`, /incomplete or was changed/],
      [`/embed.html?lang=en${good.slice(0, -20)}`, /incomplete or was changed/],
      [`/embed.html?lang=en${good.replace('#koshin=1.', '#koshin=7.')}`, /different version/],
      [`/embed.html?lang=en&municipality=tokorozawa${good}`, /another municipality/],
    ]) {
      const { context, page, log } = await openPage(url, { clockAt: at(proxy) });
      const alert = widget(page).getByRole('alert');
      await alert.filter({ hasText: message }).waitFor();
      assert.equal(await field(page, 'cert-year').inputValue(), '');
      assert.equal(await page.evaluate(() => window.__plans.length), 0, url);
      assert.deepEqual(log.errors, []);
      // Typing takes over: the message goes, the answer comes.
      await fillDate(page, 'cert', '2030-01-31');
      await fillDate(page, 'card', '2034-01-31');
      await nextPlan(page, () => fillDate(page, 'birth', '1990-01-31'));
      assert.equal(await widget(page).locator('.share-error').textContent(), '');
      await context.close();
    }
  });

  test('"why" names a source, the rule in plain words, the rule set and its date for every date, document, office and aside of every case', async () => {
    const { context, page } = await openPage('/embed.html?lang=en');
    let items = 0;
    for (const c of cases) {
      const plan = await show(page, c.situation);
      if (plan.errors.length) continue;
      const found = await widget(page).evaluate((el) => [...el.shadowRoot.querySelectorAll('.result [data-why]')].map((item) => {
        const why = item.querySelector(':scope > details.why');
        return { kind: item.dataset.why, words: why?.children[1].textContent ?? '',
          source: why?.querySelector('.why-source').textContent.replace('Source:', '').trim() ?? '', meta: why?.lastChild.textContent ?? '' };
      }));
      const count = (kind) => found.filter((f) => f.kind === kind).length;
      const name = `${c.table}: ${c.name}`;
      assert.equal(count('requirement'), plan.visits.reduce((n, v) => n + v.documents.length, 0), `${name}: documents`);
      assert.equal(count('office'), plan.offices.length + plan.offices_unavailable.length, `${name}: offices`);
      assert.equal(count('aside'), plan.asides.length, `${name}: asides`);
      const dates = [plan.window, plan.window?.safe_from, plan.new_certificate?.expiry, plan.first_day_to_go,
        plan.first_day_to_go_safe && plan.first_day_to_go_safe.date !== plan.first_day_to_go?.date].filter(Boolean);
      assert.equal(count('date'), dates.length, `${name}: dates`);
      for (const f of found) {
        assert.ok(f.source.length > 3, `${name}: ${f.kind} without a source`);
        assert.ok(f.words.length > 10 && !f.words.startsWith('['), `${name}: ${f.kind}: "${f.words}"`);
        assert.ok(f.meta.includes(plan.rule_set.version) && /\d{4}/.test(f.meta), `${name}: ${f.meta}`);
      }
      items += found.length;
    }
    assert.ok(items > 1000, `${items} items explained`);
    await context.close();
  });
});
