// The in-page half of tests/bench/browser.mjs: koshin's core (the built glue and wasm, as the
// widget loads them) and the peer bundle side by side, timed over the same situations.
import createKoshinCore from '/koshin/koshin-core.mjs';
import { createPeer } from '/bench/peer/peer.js';

async function text(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

// Per situation, `repeat` calls timed together (the clock is coarse: 5 µs when cross-origin
// isolated, 100 µs otherwise); one sample per situation and round, in microseconds per call.
// Only the peer's calls are awaited (json-rules-engine answers with a promise).
async function time(samples, { fn, async }, i, repeat) {
  const t0 = performance.now();
  if (async) for (let k = 0; k < repeat; k += 1) await fn(i);
  else for (let k = 0; k < repeat; k += 1) fn(i);
  (samples[i] ??= []).push(((performance.now() - t0) * 1000) / repeat);
}

const quantile = (xs, q) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
// Median and p90 over every sample (situations x rounds); `best_median` is the median over the
// situations of each one's fastest round, which a busy machine disturbs least.
const stats = (perSituation) => {
  const all = perSituation.flat();
  return { median: quantile(all, 0.5), p90: quantile(all, 0.9), best_median: quantile(perSituation.map((xs) => Math.min(...xs)), 0.5),
    samples: all.length };
};

async function run(situations, { warmup = 20, rounds = 15, repeat = 10 } = {}) {
  const core = await createKoshinCore({ locateFile: (file) => new URL(`/koshin/${file}`, location.href).href });
  for (const [load, file, url] of [['loadNational', 'national.json', '/koshin/rules/national.json'],
    ['loadMunicipality', 'odawara.json', '/koshin/rules/municipalities/odawara.json']]) {
    const errors = JSON.parse(core[load](await text(url), file));
    if (errors.length) throw new Error(`${file}: ${JSON.stringify(errors)}`);
  }
  const peer = createPeer(JSON.parse(await text('/bench/peer/odawara.rules.json')));
  const texts = situations.map((s) => JSON.stringify(s));
  // The plan's text as wasm/engine.js reads it: the core returns a view of its bytes.
  const utf8 = new TextDecoder();
  const evaluate = (t) => utf8.decode(core.evaluate(t));

  // Both answer every situation (their answers are compared in tests/web/peer.test.mjs).
  for (const [i, t] of texts.entries()) {
    const plan = JSON.parse(evaluate(t));
    if (plan.errors.length) throw new Error(`koshin refused situation ${i}: ${JSON.stringify(plan.errors)}`);
    const answer = await peer.evaluate(situations[i]);
    if (answer.window.opens !== plan.window.opens) throw new Error(`situation ${i}: the window differs`);
  }

  const engines = {
    koshin_text: { fn: (i) => evaluate(texts[i]) },                      // JSON text in, JSON text out
    koshin_parsed: { fn: (i) => JSON.parse(evaluate(texts[i])) },        // ... and the plan as an object
    peer: { fn: (i) => peer.evaluate(situations[i]), async: true },      // object in, object out
  };
  const samples = Object.fromEntries(Object.keys(engines).map((k) => [k, []]));
  for (let w = 0; w < warmup; w += 1) {
    for (const { fn } of Object.values(engines)) for (let i = 0; i < texts.length; i += 1) await fn(i);
  }
  // Engines alternate within a round, so a slow moment of the machine hits all of them.
  const names = Object.keys(engines);
  for (let r = 0; r < rounds; r += 1) {
    for (let i = 0; i < texts.length; i += 1) {
      for (const name of names) await time(samples[name], engines[name], i, repeat);
    }
    names.push(names.shift());
  }
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    situations: texts.length, warmup, rounds, repeat,
    engines: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)])),
  };
}

window.koshinBench = { run };
