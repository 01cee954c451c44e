// Benchmarks in headless Chromium (issue 7). Builds nothing: it serves a built site and the peer
// bundle, and measures
//   * over several fresh page loads of the standalone page opened from a share link (the
//     widget answers without typing): "ready" (the marks 'koshin:load-start' -> 'koshin:ready':
//     fetching, compiling and instantiating the core, loading the national and the
//     municipality's rules; 'koshin:core-ready' in between, once the national rules are in) and
//     "first result" ('koshin:first-result', ms after navigation); one load before them warms the
//     server (it compresses each file once);
//   * in one page, koshin's evaluate (the widget's call: JSON text in and out, and with the plan
//     parsed) and the json-rules-engine peer (tests/bench/peer/) over tests/bench/situations.json
//     after a warm-up: median and p90 per call (and the median of each situation's fastest round,
//     which a busy machine disturbs least), and the ratio koshin / peer;
//   * transfer sizes: what the widget fetched on first load against the peer's bundle and rule
//     data (each file gzip -9 and brotli q11, as web/size.mjs computes them).
// Prints a table, writes the figures as JSON (--out FILE) and exits non-zero only when a figure
// is over its budget (a wide-margin budget above today's figures, not a timing test).
//
//   node tests/bench/peer/build.mjs                    # the peer bundle, into build-web/bench
//   node tests/bench/browser.mjs [--site build-web/site] [--peer build-web/bench] [--out FILE]
//                                [--loads 9] [--rounds 15] [--repeat 10]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CSP, serve } from '../../scripts/serve.mjs';
import { shareFragment } from '../../web/src/share.js';
import { tokyoToday } from '../../web/src/today.js';
import { compressedSize } from '../../web/widget-files.mjs';
import { chromiumOptions, merge, root } from '../web/support.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const site = path.resolve(args.site ?? process.env.KOSHIN_SITE_DIR ?? path.join(root, 'build-web/site'));
const peerDir = path.resolve(args.peer ?? path.join(root, 'build-web/bench'));
const loads = Number(args.loads ?? 9);
const rounds = Number(args.rounds ?? 15);
const repeat = Number(args.repeat ?? 10);

// Targets from issue 7, and the budgets a run fails past. The targets are not all met (README,
// "Speed and size"), so each budget sits well above what this 2-core machine measures today,
// loaded (about 3x): it catches a regression such as rules parsed at every evaluation, not noise.
const TARGETS = {
  eval_median_us: { target: 20, budget: 2000, better: 'lower', label: 'koshin evaluate, median (µs)' },
  ratio_koshin_peer: { target: 1 / 3, budget: 4, better: 'lower', label: 'koshin / peer, median latency' },
  ready_ms: { target: 30, budget: 2000, better: 'lower', label: 'module ready (ms)' },
  first_result_ms: { target: 150, budget: 3000, better: 'lower', label: 'first result after navigation (ms)' },
  widget_first_load_gzip_kb: { target: 55, budget: 100, better: 'lower', label: 'widget first load (KB gzip)' },
};

for (const file of [path.join(site, 'koshin/koshin-core.wasm'), path.join(peerDir, 'peer.js')]) {
  if (!fs.existsSync(file)) {
    console.error(`bench: ${file} is missing. Build the site (source scripts/web.sh && koshin_build_web) and the peer (node tests/bench/peer/build.mjs) first.`);
    process.exit(2);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (files) => files.reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }),
  { bytes: 0, gzip: 0, brotli: 0 });

// The bench page's server: the page (cross-origin isolated, for a 5 µs clock), the peer bundle
// and the site's widget files, under the site's Content-Security-Policy.
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm' };
function serveBench() {
  const routes = [['/bench/peer/', peerDir], ['/bench/', path.join(root, 'tests/bench/page')], ['/koshin/', path.join(site, 'koshin')]];
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    const route = routes.find(([prefix]) => pathname.startsWith(prefix));
    const rel = route && decodeURIComponent(pathname.slice(route[0].length)) || 'index.html';
    const file = route && path.join(route[1], rel);
    const headers = { 'Content-Security-Policy': CSP, 'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-cache' };
    if (!file || !file.startsWith(route[1]) || !fs.existsSync(file)) {
      res.writeHead(404, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// A situation for the share link that is answerable whatever the day: today in Tokyo, the
// certificates ending in 40 days (the window is open), the card in ten years.
function shareSituation() {
  const today = tokyoToday();
  const shift = (days, years = 0) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    d.setUTCFullYear(d.getUTCFullYear() + years);
    return d.toISOString().slice(0, 10);
  };
  return { municipality: 'odawara', certificates: { expiry: shift(40) }, card: { expiry: shift(40, 9) },
    holder: { birth_date: shift(40, -40) }, applicant: 'self' };
}

async function pageLoads(browser, origin) {
  const url = `${origin}/${shareFragment(shareSituation())}`;
  const runs = [];
  for (let i = -1; i < loads; i += 1) {
    const context = await browser.newContext({ locale: 'ja-JP' });  // fresh: no cache, no service worker
    const page = await context.newPage();
    const requested = [];
    const errors = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    page.on('pageerror', (e) => errors.push(e.message));
    // Waiting must not disturb what it measures: page.waitForFunction polls on every frame and
    // first injects Playwright's selector script (about 40 ms on the main thread, mid-load). A
    // promise set up before the page's own scripts resolves at the mark, and one DevTools call
    // awaits it.
    await page.addInitScript(() => {
      window.__koshinFirstResult = new Promise((resolve) => {
        new PerformanceObserver((list, observer) => {
          if (list.getEntriesByName('koshin:first-result').length) {
            observer.disconnect();
            resolve();
          }
        }).observe({ type: 'mark' });
      });
    });
    const cdp = await context.newCDPSession(page);
    await page.goto(url, { waitUntil: 'commit' });
    const waited = await cdp.send('Runtime.evaluate', { awaitPromise: true, expression: `Promise.race([window.__koshinFirstResult,
      new Promise((_, reject) => setTimeout(() => reject(new Error('no koshin:first-result within 15 s')), 15000))])` });
    if (waited.exceptionDetails) throw new Error(`page load ${i}: ${waited.exceptionDetails.exception?.description ?? waited.exceptionDetails.text}`);
    const marks = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      const nav = performance.getEntriesByType('navigation')[0];
      return { loadStart: at('koshin:load-start'), coreReady: at('koshin:core-ready'), ready: at('koshin:ready'), firstResult: at('koshin:first-result'),
        domContentLoaded: nav.domContentLoadedEventEnd, shared: document.querySelector('koshin-checker').plan?.procedure ?? null };
    });
    await context.close();
    if (errors.length) throw new Error(`page load ${i}: ${errors.join('; ')}`);
    if (!marks.shared) throw new Error(`page load ${i}: the share link gave no plan`);
    if (i >= 0) runs.push({ ...marks, readyMs: marks.ready - marks.loadStart, coreReadyMs: marks.coreReady - marks.loadStart, requested });
  }
  return runs;
}

function transfer(requested) {
  const widgetFiles = [...new Set(requested.filter((p) => p.startsWith('/koshin/')))].sort();
  const pageFiles = [...new Set(requested.map((p) => (p === '/' ? '/index.html' : p)))].sort();
  const koshin = widgetFiles.map((p) => ({ file: p.slice(1), ...compressedSize(path.join(site, p)) }));
  const page = pageFiles.map((p) => ({ file: p.slice(1), ...compressedSize(path.join(site, p)) }));
  const peer = ['peer.js', 'odawara.rules.json'].map((f) => ({ file: `peer/${f}`, ...compressedSize(path.join(peerDir, f)) }));
  return { koshin, koshinTotal: sum(koshin), pageTotal: sum(page), peer, peerTotal: sum(peer) };
}

const table = JSON.parse(fs.readFileSync(path.join(root, 'tests/bench/situations.json'), 'utf8'));
const situations = table.cases.map((c) => merge(table.defaults, c.situation));

const siteServer = await serve(site, 0);
const benchServer = await serveBench();
const browser = await chromium.launch(chromiumOptions);
let figures;
try {
  const runs = await pageLoads(browser, `http://localhost:${siteServer.address().port}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://localhost:${benchServer.address().port}/bench/`);
  await page.waitForFunction(() => window.koshinBench !== undefined);
  const speed = await page.evaluate(([s, options]) => window.koshinBench.run(s, options), [situations, { rounds, repeat }]);
  await context.close();
  const sizes = transfer(runs[0].requested);
  const e = speed.engines;
  figures = {
    eval_median_us: e.koshin_text.median,
    eval_p90_us: e.koshin_text.p90,
    eval_parsed_median_us: e.koshin_parsed.median,
    eval_parsed_p90_us: e.koshin_parsed.p90,
    peer_median_us: e.peer.median,
    peer_p90_us: e.peer.p90,
    ratio_koshin_peer: e.koshin_text.median / e.peer.median,
    ratio_koshin_parsed_peer: e.koshin_parsed.median / e.peer.median,
    eval_best_median_us: e.koshin_text.best_median,
    peer_best_median_us: e.peer.best_median,
    ratio_best_koshin_peer: e.koshin_text.best_median / e.peer.best_median,
    ready_ms: median(runs.map((r) => r.readyMs)),
    core_ready_ms: median(runs.map((r) => r.coreReadyMs)),
    first_result_ms: median(runs.map((r) => r.firstResult)),
    load_start_ms: median(runs.map((r) => r.loadStart)),
    dom_content_loaded_ms: median(runs.map((r) => r.domContentLoaded)),
    widget_first_load_gzip_kb: sizes.koshinTotal.gzip / 1024,
    widget_first_load_brotli_kb: sizes.koshinTotal.brotli / 1024,
    page_first_load_gzip_kb: sizes.pageTotal.gzip / 1024,
    peer_gzip_kb: sizes.peerTotal.gzip / 1024,
    peer_brotli_kb: sizes.peerTotal.brotli / 1024,
  };
  const result = {
    date: new Date().toISOString(), site: path.relative(root, site) || site, chromium: browser.version(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg() },
    figures, targets: TARGETS,
    speed, loads: runs.map(({ requested, ...r }) => r), transfer: sizes,
  };

  const f1 = (x) => x.toFixed(1);
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  console.log(`koshin bench: ${result.site}, Chromium ${result.chromium}, ${speed.situations} situations, ${loads} page loads, ` +
    `${speed.rounds} rounds x ${speed.repeat} calls, clock ${speed.crossOriginIsolated ? '5 µs (isolated)' : 'coarse (100 µs)'}, load ${os.loadavg()[0].toFixed(2)}`);
  console.log('\nlatency per evaluation (µs)          median      p90  best-of-rounds median');
  for (const [label, s] of [['koshin (JSON text in and out)', e.koshin_text], ['koshin (+ JSON.parse of the plan)', e.koshin_parsed], ['peer (json-rules-engine + JS dates)', e.peer]]) {
    console.log(`  ${label.padEnd(35)} ${f1(s.median).padStart(7)} ${f1(s.p90).padStart(8)} ${f1(s.best_median).padStart(8)}`);
  }
  console.log(`  ratio koshin / peer: ${figures.ratio_koshin_peer.toFixed(2)} (text), ${figures.ratio_koshin_parsed_peer.toFixed(2)} (parsed), ` +
    `${figures.ratio_best_koshin_peer.toFixed(2)} (text, best of rounds)`);
  console.log(`\npage loads (median of ${loads}): ready ${f1(figures.ready_ms)} ms (core with national rules ${f1(figures.core_ready_ms)} ms; from ${f1(figures.load_start_ms)} ms), ` +
    `first result ${f1(figures.first_result_ms)} ms after navigation, DOMContentLoaded ${f1(figures.dom_content_loaded_ms)} ms`);
  console.log('\ntransfer                               bytes      gzip    brotli');
  const row = (name, t) => console.log(`  ${name.padEnd(34)} ${String(t.bytes).padStart(8)} ${kb(t.gzip).padStart(9)} ${kb(t.brotli).padStart(9)}`);
  for (const f of sizes.koshin) row(f.file, f);
  row('koshin widget, first load', sizes.koshinTotal);
  row('(whole page, first load)', sizes.pageTotal);
  for (const f of sizes.peer) row(f.file, f);
  row('peer, bundle + rules', sizes.peerTotal);

  if (args.out) {
    fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
    fs.writeFileSync(args.out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nfigures written to ${args.out}`);
  }
} finally {
  await browser.close();
  siteServer.close();
  benchServer.close();
}

console.log('\ntarget                                   measured   target   budget (fails above)');
let failed = 0;
for (const [key, t] of Object.entries(TARGETS)) {
  const value = figures[key];
  const limit = t.budget;
  const over = value > limit;
  const status = over ? 'OVER BUDGET' : value <= t.target ? 'met' : 'missed';
  console.log(`  ${t.label.padEnd(38)} ${value.toFixed(2).padStart(8)} ${t.target.toFixed(2).padStart(8)} ${limit.toFixed(2).padStart(8)}  ${status}`);
  if (over) {
    failed += 1;
    console.error(`bench: ${t.label} is ${value.toFixed(2)}, over its budget ${t.budget} (target ${t.target.toFixed(2)})`);
  }
}
process.exit(failed ? 1 : 0);
