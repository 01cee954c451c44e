// The peer (issue 7): Odawara's answers written the way a web team would without koshin, with
// json-rules-engine for the documents and offices and plain JS for the dates. It answers the
// same questions as koshin's plan for one municipality: the window, the procedure, who applies,
// the documents per visit and the offices with their hours. Not part of the product; the
// benchmark (tests/bench/browser.mjs) times it beside koshin and tests/web/peer.test.mjs checks
// it gives koshin's answers for every situation in tests/bench/situations.json.
import { Engine } from 'json-rules-engine';

import { ageOn, renewalWindow, windowStatus } from './dates.js';

const PIN_STATES = ['known', 'forgotten', 'locked'];
const APPLICANTS = ['self', 'legal_representative', 'proxy_with_form', 'proxy_without_form'];

// What the peer knows how to answer; anything else is refused, not guessed.
function check(s) {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const problems = [];
  if (s.municipality !== 'odawara') problems.push('municipality: only odawara');
  for (const [name, value] of [['today', s.today], ['certificates.expiry', s.certificates?.expiry],
    ['card.expiry', s.card?.expiry], ['holder.birth_date', s.holder?.birth_date]]) {
    if (!date.test(value ?? '')) problems.push(`${name}: a YYYY-MM-DD date is needed`);
  }
  if (!APPLICANTS.includes(s.applicant)) problems.push('applicant: unknown');
  for (const pin of Object.values(s.pins ?? {})) if (!PIN_STATES.includes(pin)) problems.push('pins: unknown state');
  if ((s.holder?.residence ?? 'japanese') !== 'japanese') problems.push('holder.residence: not handled by the peer');
  if (problems.length) throw new Error(`peer: ${problems.join('; ')}`);
}

// The facts the rules read, worked out from the situation (ADR 0003's order of procedures).
export function deriveFacts(s) {
  check(s);
  const age = ageOn(s.holder.birth_date, s.today);
  const adultWard = s.holder.adult_ward === true;
  const holderGroup = adultWard ? 'adult_ward' : age < 18 ? 'minor' : 'adult';
  const hasSignature = age >= 15 && !adultWard && s.holder.face_auth_card !== true;
  const signatureLapsed = hasSignature && (s.changes ?? []).length > 0;
  const pins = { signature: 'known', user: 'known', ...s.pins };
  const pinUnknown = pins.user !== 'known' || (hasSignature && !signatureLapsed && pins.signature !== 'known');

  const certWindow = renewalWindow(s.certificates.expiry);
  const certStatus = windowStatus(certWindow, s.today);
  const cardWindow = renewalWindow(s.card.expiry);
  const cardStatus = windowStatus(cardWindow, s.today);
  const sameDay = s.card.expiry === s.certificates.expiry;
  const needsIssuance = certStatus === 'expired' || signatureLapsed;

  let procedure;
  let next = null;
  if (cardStatus === 'expired') procedure = 'new_card';
  else if (sameDay && cardStatus === 'window_open') procedure = 'new_card';
  else if (sameDay) [procedure, next] = signatureLapsed ? ['new_issuance', 'new_card'] : ['nothing_yet', 'new_card'];
  else if (needsIssuance) procedure = 'new_issuance';
  else if (certStatus === 'window_open') procedure = 'renewal';
  else [procedure, next] = ['nothing_yet', 'renewal'];
  if (pinUnknown && ['renewal', 'new_issuance'].includes(procedure)) procedure = 'pin_reset_first';
  if (pinUnknown && next === 'renewal') next = 'pin_reset_first';

  const tasks = [];
  const newCard = procedure === 'new_card' || next === 'new_card';
  if (procedure !== 'new_card' && !(procedure === 'nothing_yet' && next === 'new_card')) {
    if (pinUnknown) tasks.push('pin_reset');
    if (needsIssuance) tasks.push('issuance');
    if (certStatus === 'window_open' && !sameDay) tasks.push('renewal');
    else if (!needsIssuance && certStatus === 'not_yet_renewable') tasks.push('renewal');
  }
  if (newCard || (s.renew_card === true && cardStatus === 'window_open')) tasks.push('card_application', 'card_collection');

  let route = s.applicant;
  if (route === 'self' && (age < 15 || adultWard)) route = 'legal_representative';
  if (route === 'proxy_with_form' && (tasks.includes('issuance') || tasks.includes('pin_reset'))) route = 'proxy_without_form';

  const window = newCard
    ? { for: 'card', expiry: s.card.expiry, ...cardWindow, status: cardStatus }
    : { for: hasSignature && !signatureLapsed ? 'certificates' : 'user', expiry: s.certificates.expiry, ...certWindow, status: certStatus };
  return { window, procedure, next, route, tasks, holderGroup };
}

export function createPeer(ruleData) {
  const engine = new Engine(ruleData.rules);
  return {
    async evaluate(situation) {
      const facts = deriveFacts(situation);
      const { events } = await engine.run({ route: facts.route, tasks: facts.tasks, holderGroup: facts.holderGroup });
      const visitEvents = events.filter((e) => e.type === 'visit').sort((a, b) => a.params.order - b.params.order);
      const visits = [];
      const addTo = (i, visit) => {
        visits[i] ??= { before: [], documents: [] };
        for (const step of visit.before ?? []) if (!visits[i].before.includes(step)) visits[i].before.push(step);
        for (const doc of visit.documents) if (!visits[i].documents.includes(doc)) visits[i].documents.push(doc);
      };
      for (const e of visitEvents.filter((x) => !x.params.last)) e.params.visits.forEach((v, i) => addTo(i, v));
      for (const e of visitEvents.filter((x) => x.params.last)) e.params.visits.forEach((v) => addTo(visits.length, v));
      return {
        window: facts.window,
        procedure: facts.procedure,
        ...(facts.next ? { next_procedure: facts.next } : {}),
        route: facts.route,
        steps: facts.tasks,
        visits: visits.map((v, i) => ({ number: i + 1, ...v })),
        offices: events.filter((e) => e.type === 'office').map((e) => e.params),
      };
    },
  };
}
