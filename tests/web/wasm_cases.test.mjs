// The case tables through the wasm build under node: the same plan as the native `koshin eval`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadCases, nativePlan, paths, root } from './support.mjs';

const { Engine, RuleLoadError } = await import(path.join(paths.wasm, 'engine.js'));
const engine = await Engine.create({ wasmBinary: fs.readFileSync(path.join(paths.wasm, 'koshin-core.wasm')) });
engine.loadNational(fs.readFileSync(path.join(root, 'rules/national.json'), 'utf8'), 'national.json');
const muniDir = path.join(root, 'rules/municipalities');
for (const f of fs.readdirSync(muniDir)) engine.loadMunicipality(fs.readFileSync(path.join(muniDir, f), 'utf8'), f);

const cases = loadCases();
test('the case tables are found', () => assert.ok(cases.length > 100, `${cases.length} cases`));

for (const c of cases) {
  test(`${c.table}: ${c.name}`, () => {
    assert.deepEqual(engine.evaluate(c.situation), nativePlan(c.situation));
  });
}

test('malformed situation text gets the same error as the CLI', () => {
  const plan = engine.evaluate('{"today": ');
  assert.equal(plan.errors[0].code, 'invalid_json');
});

test('a broken rule file is refused with its errors, and the loaded rules stay usable', () => {
  assert.throws(() => engine.loadMunicipality('{"format": "koshin-rules/1"}', 'broken.json'),
    (e) => e instanceof RuleLoadError && e.errors.some((x) => x.code === 'missing_field'));
  const c = cases.find((x) => x.situation.municipality === 'ise');
  assert.deepEqual(engine.evaluate(c.situation), nativePlan(c.situation));
});

// A benchmark with a wide budget, not a timing test: it prints the figure and fails only when an
// evaluation is some 20 times slower than measured (about 0.3 ms), e.g. if rules were re-parsed.
test('speed: an evaluation stays far under 5 ms (the rules are parsed once, at load)', () => {
  const c = cases.find((x) => x.situation.municipality === 'tokorozawa');
  const text = JSON.stringify(c.situation);
  for (let i = 0; i < 20; i += 1) engine.evaluate(text);
  const t0 = performance.now();
  for (let i = 0; i < 200; i += 1) engine.evaluate(text);
  const perEval = (performance.now() - t0) / 200;
  console.log(`# wasm under node: ${(perEval * 1000).toFixed(0)} µs per evaluation`);
  assert.ok(perEval < 5, `${perEval} ms per evaluation`);
});
