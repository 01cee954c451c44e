// The benchmark's peer (tests/bench/peer/: json-rules-engine + plain JS dates, Odawara only)
// must give koshin's answers, or comparing their speed and size means nothing: for every
// situation of the fixed set (tests/bench/situations.json) the same window, procedure, route,
// documents and steps per visit, and offices with their hours as `koshin eval` (KOSHIN_CLI).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { merge, nativePlan, root } from './support.mjs';
import { createPeer } from '../bench/peer/peer.js';

const table = JSON.parse(fs.readFileSync(path.join(root, 'tests/bench/situations.json'), 'utf8'));
const rules = JSON.parse(fs.readFileSync(path.join(root, 'tests/bench/peer/odawara.rules.json'), 'utf8'));
const situations = table.cases.map((c) => ({ name: c.name, situation: merge(table.defaults, c.situation) }));

// The parts of a koshin plan the peer answers, in the peer's shape.
function fromKoshin(plan) {
  const { for: kind, expiry, opens, closes, safe_from: safeFrom, status } = plan.window;
  return {
    window: { for: kind, expiry, opens, closes, ...(safeFrom ? { safe_from: safeFrom } : {}), status },
    procedure: plan.procedure,
    next_procedure: plan.next_procedure ?? null,
    route: plan.applicant.route,
    steps: plan.steps,
    visits: plan.visits.map((v) => ({ before: v.before.map((b) => b.kind), documents: v.documents.map((d) => d.id) })),
    offices: plan.offices.map((o) => ({
      id: o.id,
      hours: o.hours.flatMap((h) => h.hours.map((t) => ({ weekdays: h.weekdays, open: t.open, close: t.close }))),
    })),
  };
}

function fromPeer(answer) {
  return {
    window: answer.window,
    procedure: answer.procedure,
    next_procedure: answer.next_procedure ?? null,
    route: answer.route,
    steps: answer.steps,
    visits: answer.visits.map((v) => ({ before: v.before, documents: v.documents })),
    offices: answer.offices.map((o) => ({ id: o.id, hours: o.hours })),
  };
}

const peer = createPeer(rules);
const koshin = situations.map((s) => nativePlan(s.situation));

test('the fixed set has 20 to 40 Odawara situations for one day, each answered by koshin', () => {
  assert.ok(situations.length >= 20 && situations.length <= 40, `${situations.length} situations`);
  assert.ok(situations.every((s) => s.situation.municipality === 'odawara' && s.situation.today === table.defaults.today));
  koshin.forEach((plan, i) => assert.deepEqual(plan.errors, [], situations[i].name));
});

test('the fixed set covers every kind the issue names', () => {
  const seen = (pred) => koshin.some((plan, i) => pred(plan, situations[i].situation));
  const kinds = {
    'the holder': (p) => p.applicant.route === 'self',
    'a parent (under 15)': (p) => p.applicant.route === 'legal_representative' && p.holder.age_band === 'under_15',
    'a parent (15-17)': (p) => p.applicant.route === 'legal_representative' && p.holder.age_band === '15_17',
    'a guardian of an adult ward': (p, s) => p.applicant.route === 'legal_representative' && s.holder.adult_ward === true,
    'a proxy with the form': (p) => p.applicant.route === 'proxy_with_form' && p.steps.includes('renewal'),
    'a proxy without the form': (p, s) => s.applicant === 'proxy_without_form',
    'a forgotten PIN': (p, s) => Object.values(s.pins ?? {}).includes('forgotten') && p.steps.includes('pin_reset'),
    'a locked PIN': (p, s) => Object.values(s.pins ?? {}).includes('locked') && p.steps.includes('pin_reset'),
    'after a move': (p, s) => (s.changes ?? []).includes('address'),
    'expired certificates': (p) => p.certificates.user.status === 'expired',
    'a card expiring too': (p) => p.card.status === 'window_open',
    'a new card': (p) => p.procedure === 'new_card',
    'before the window': (p) => p.procedure === 'nothing_yet',
    'a month-end expiry (safe_from)': (p) => Boolean(p.window.safe_from),
  };
  for (const [kind, pred] of Object.entries(kinds)) assert.ok(seen(pred), kind);
});

situations.forEach(({ name, situation }, i) => {
  test(`peer = koshin: ${name}`, async () => {
    assert.deepEqual(fromPeer(await peer.evaluate(situation)), fromKoshin(koshin[i]));
  });
});

test('the comparison notices a wrong rule: without the PIN-reset ID the peer differs from koshin', async () => {
  const broken = createPeer({ rules: rules.rules.filter((r) => r.name !== 'holder: PIN reset needs one more ID') });
  let differs = 0;
  for (const [i, { situation }] of situations.entries()) {
    if (JSON.stringify(fromPeer(await broken.evaluate(situation))) !== JSON.stringify(fromKoshin(koshin[i]))) differs += 1;
  }
  assert.ok(differs > 0);
});

test('the peer refuses what it does not handle, saying what', async () => {
  const base = situations[0].situation;
  await assert.rejects(peer.evaluate({ ...base, municipality: 'ise' }), /municipality: only odawara/);
  await assert.rejects(peer.evaluate({ ...base, today: '1.10.2025' }), /today: a YYYY-MM-DD date is needed/);
  await assert.rejects(peer.evaluate({ ...base, pins: { user: 'lost' } }), /pins: unknown state/);
  await assert.rejects(peer.evaluate({ ...base, holder: { ...base.holder, residence: 'period_of_stay' } }), /residence/);
});
