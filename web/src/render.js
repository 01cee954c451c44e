// The plan (docs/plan.md) as DOM: lead, procedure, visits with their checklists, offices,
// follow-ups, warnings and notes. Every item can show why: its rule and its source.
import { h } from './dom.js';

// Local text in the language it is written in, marked as such for screen readers.
function localText(m, text) {
  const found = m.local(text);
  if (!found) return null;
  if (found.lang === m.lang || m.japanese) return found.text;
  // Not translated: the Japanese, marked so (a resident can still match it at the counter).
  return h('span', { lang: found.lang }, found.text, ' ', h('span', { class: 'small untranslated', lang: m.lang }, m.r('ui.untranslated')));
}

function messageText(m, item) {
  return item.text ? localText(m, item.text) : m.r(item.key, item.params);
}

// The file a rule comes from: the municipality's for its own rules ("ise:self"), else national.
function ruleFile(plan, rule) {
  const files = plan.rule_set?.files ?? [];
  const id = /^[a-z0-9-]+:/.test(rule) ? rule.split(':')[0] : 'national';
  return files.find((f) => f.id === id) ?? files.find((f) => f.id === 'national') ?? null;
}

// The rule in plain words: each core rule has its own message; a rule from the data is worded
// by what it gives (a document list, an office, anything else) and whose page it comes from.
function ruleWords(c, item, kind) {
  const { m, plan } = c;
  if (/^[NP]-/.test(item.rule)) return m.r(`why.rule.${item.rule}`);
  const national = item.rule.startsWith('national:');
  const words = kind === 'requirement' || kind === 'office' ? kind : 'other';
  return m.r(`why.data.${words}`, { national: String(national), municipality: m.local(plan.municipality.name)?.text ?? '' });
}

// "Why?": the rule in plain words, its source, the rule id, the rule set's version and the day
// the rule's file was last checked against its sources (docs/adr/0007-takeaways.md).
export function why(c, item, kind = 'other') {
  if (!item || !item.rule) return null;
  const { m, plan } = c;
  const ref = item.source ?? plan.trace?.find((t) => t.rule === item.rule)?.sources[0];
  const file = ruleFile(plan, item.rule);
  const source = c.sources?.get(ref) ?? file?.sources.find((s) => s.ref === ref) ?? { title: ref };
  const url = source.url ?? (/^https?:\/\//.test(ref ?? '') ? ref : null);
  return h('details', { class: 'why', part: 'why' },
    h('summary', {}, m.r('ui.why')),
    h('p', {}, ruleWords(c, item, kind)),
    h('p', { class: 'why-source' }, m.r('ui.why.source'), ' ',
      url ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, source.title) : h('span', {}, source.title)),
    h('p', {}, m.r('ui.why.meta', { rule: item.rule, version: plan.rule_set?.version ?? '', date: file?.last_verified ?? '' })));
}

// The first sentence a resident reads: when the window opens, or that they can go now. As text
// for the live region, as nodes (furigana kept) for the heading.
export function leadText(plan, m, nodes = false) {
  const say = (key, params) => (nodes ? m.r(key, params) : m.t(key, params));
  if (plan.errors.length > 0) return say('ui.lead.errors');
  const w = plan.window;
  if (plan.procedure === 'nothing_yet' && w) return say('ui.lead.opens', { date: w.opens, days: w.days_until_opens });
  if (w && w.status === 'window_open') return say('ui.lead.go_now', { closes: w.closes });
  if (w && (w.status === 'expired' || w.status === 'lapsed')) return say('ui.lead.expired');
  return say('ui.lead.procedure', { procedure: m.rich(plan.procedure_key) });
}

// Items with " · " between them.
const joined = (items) => items.flatMap((x, i) => (i ? [' · ', x] : [x]));

function section(title, ...children) {
  return h('section', { part: 'section' }, h('h3', {}, title), ...children);
}

// A line that says something and can say why (`data-why` names what it is, for the tests).
const explained = (c, tag, kind, item, ...children) => h(tag, { 'data-why': kind }, ...children, why(c, item, kind));

function listOf(c, items, part, kind = 'other') {
  return h('ul', { part }, items.map((it) => explained(c, 'li', kind, it, messageText(c.m, it))));
}

function documentItem(c, visit, doc, index) {
  const { m } = c;
  const id = `doc-${visit.number}-${index}`;
  const name = doc.name ? localText(m, doc.name) : m.r(doc.key);
  const details = [];
  if (doc.examples) details.push(m.r('ui.doc.examples', { list: doc.examples.map((x) => m.rich(`idtype.${x}`)) }));
  if (doc.alternatives) details.push(m.r('ui.doc.alternatives', { list: doc.alternatives.map((x) => m.rich(`doc.${x}`)) }));
  if (doc.issued_within_months) details.push(m.r('ui.doc.issued_within', { months: doc.issued_within_months }));
  for (const cond of doc.only_if ?? []) details.push(m.r(`ui.only_if.${cond}`));
  for (const cond of doc.waived_if ?? []) details.push(m.r(`ui.waived_if.${cond}`));
  return h('li', { class: 'doc', 'data-why': 'requirement' },
    h('input', { type: 'checkbox', id, part: 'checkbox' }),
    h('label', { for: id }, name),
    doc.note ? h('p', { class: 'small' }, localText(m, doc.note)) : null,
    details.map((d) => h('p', { class: 'small' }, d)),
    why(c, doc, 'requirement'));
}

const visitTitle = (m, visit, count, say = m.r.bind(m)) =>
  (count > 1 ? say('ui.visit.numbered', { number: visit.number }) : say('ui.visit.single'));

function visitSection(c, visit, count) {
  const { m } = c;
  return h('section', { part: 'section visit' },
    h('h3', {}, visitTitle(m, visit, count)),
    h('p', {}, joined(visit.tasks.map((t) => m.r(`ui.task.${t}`)))),
    visit.national_rule ? h('p', { class: 'small' }, m.r('note.national_rule_applies')) : null,
    visit.holder_must_attend ? h('p', {}, m.r('ui.visit.holder_must_attend')) : null,
    visit.before.length ? h('ol', { class: 'before' },
      visit.before.map((s) => h('li', {}, m.r(`step.${s.kind}`, { phone: s.phone ?? '' }),
        s.note ? h('span', { class: 'small' }, ' ', localText(m, s.note)) : null, why(c, s, 'requirement')))) : null,
    h('p', {}, h('strong', {}, m.r('ui.visit.bring'))),
    h('ul', { class: 'checklist', part: 'checklist' }, visit.documents.map((d, i) => documentItem(c, visit, d, i))),
    visit.waived.length ? h('p', { class: 'small' }, m.r('ui.visit.waived', {
      list: visit.waived.map((w) => m.rich(`doc.${w.id}`)) })) : null,
    visit.notes.length ? listOf(c, visit.notes, 'notes') : null);
}

// Hours and booking, as parts: "09:00–12:00, 13:00–16:30", "by reservation only". For a schedule
// entry and for one session of an open day alike; `say` is m.r (nodes) or m.t (text).
function hoursParts(m, e, say = m.r.bind(m)) {
  const spans = (e.hours ?? []).map((s) => `${s.open}–${s.close}`).join(', ');
  const parts = [spans || say('ui.hours.unknown')];
  if (e.reservation === 'required') parts.push(say('ui.hours.reservation_required'));
  if (e.reservation === 'recommended') parts.push(say('ui.hours.reservation_recommended'));
  return parts;
}

function hoursLine(m, e, say = m.r.bind(m)) {
  const days = (e.weekdays ?? []).map((d) => m.weekday(d));
  let text;
  if (e.kind === 'announced') text = say('ui.hours.announced');
  else if (e.kind === 'nth_weekday') text = say('ui.hours.nth', { nth: e.nth.join(', '), days });
  else text = say('ui.hours.weekly', { days });
  return joined([text, ...hoursParts(m, e, say), ...(e.unmet ?? []).map((u) => say(`ui.hours.unmet.${u}`))]);
}

const dayParams = (m, d) => ({ weekday: m.weekdayOf(d.date), date: d.date });

// "Thursday, August 1, 2024: 09:00–12:00 · by reservation only".
const openDay = (m, d) => [m.r('ui.office.open_day', dayParams(m, d)), ' ', joined(d.sessions.map((s) => joined(hoursParts(m, s))))];

// The office's next open days (ADR 0006), the days it is closed among them, or why there are none.
function openDays(c, office) {
  const { m } = c;
  if (office.calendar === 'announced' || office.calendar === 'not_published') {
    return h('p', { class: 'small' }, m.r(`ui.office.calendar.${office.calendar}`));
  }
  if (!office.next_open_days) return null;
  const items = [
    ...office.next_open_days.map((d) => ({ date: d.date, node: h('li', {}, openDay(m, d)) })),
    ...office.skipped_days.map((d) => ({ date: d.date, node: h('li', { class: 'small' },
      m.r('ui.office.closed_day', { ...dayParams(m, d), status: d.status }), why(c, d)) })),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
  const safe = office.first_open_day_safe;
  return h('div', { class: 'open-days' },
    h('p', {}, m.r('ui.office.next_open_days')),
    items.length ? h('ul', {}, items.map((x) => x.node)) : h('p', { class: 'small' }, m.r('note.no_open_day_in_window')),
    safe && !office.next_open_days.some((d) => d.date === safe.date)
      ? h('p', { class: 'small' }, m.r('ui.first_day.safe', dayParams(m, safe))) : null);
}

function officeItem(c, office, available) {
  const { m } = c;
  return h('li', { class: 'office', part: 'office', 'data-why': 'office' },
    h('p', {}, h('strong', {}, localText(m, office.name))),
    office.address ? h('p', {}, localText(m, office.address)) : h('p', { class: 'small' }, m.r('ui.office.no_address')),
    office.phone ? h('p', {}, m.r('ui.office.phone'), ' ', h('a', { href: `tel:${office.phone}` }, office.phone)) : null,
    h('ul', { class: 'hours' }, (office.hours ?? []).map((e) => h('li', {}, hoursLine(m, e)))),
    office.closed_on_holidays ? h('p', { class: 'small' }, m.r('ui.office.closed_holidays')) : null,
    office.closed_year_end ? h('p', { class: 'small' }, m.r('ui.office.closed_year_end')) : null,
    available ? null : h('p', { class: 'small' }, m.r('ui.office.unavailable')),
    available ? openDays(c, office) : null,
    office.url ? h('p', {}, h('a', { href: office.url, rel: 'noopener noreferrer', target: '_blank' }, m.r('ui.office.page'))) : null,
    why(c, office, 'office'));
}

// The dates of the answer, each with its rule, in the three places the answer shows them: the
// window's opening (and its safe day), the new certificate's expiry, the first day to go (and the safe one).
function dateLines(plan, m) {
  const w = plan.window;
  const opening = w ? [{ item: w, text: m.r('ui.window', { opens: w.opens, closes: w.closes }) }] : [];
  if (w?.safe_from) opening.push({ item: { rule: 'N-WINDOW-STRICT' }, text: m.r('summary.safe_from', { date: w.safe_from }), small: true });
  const nc = plan.new_certificate;
  const certificate = nc?.expiry ? [{ item: nc, text: m.r('ui.new_certificate', { date: nc.renewed_on, expiry: nc.expiry }) }] : [];
  // Office names as plain text (the office cards mark untranslated names).
  const officeName = (id) => m.local(plan.offices.find((o) => o.id === id)?.name ?? {})?.text ?? id;
  const firstLine = (key, f) => ({ item: f, text: joined([m.r(key, { ...dayParams(m, f), offices: f.offices.map(officeName) }),
    ...(f.reservation === 'required' ? [m.r('ui.hours.reservation_required')] : [])]) });
  const first = plan.first_day_to_go;
  const safe = plan.first_day_to_go_safe;
  const firstDay = [...(first ? [firstLine('ui.first_day', first)] : []),
    ...(safe && safe.date !== first?.date ? [firstLine('ui.first_day.safe_at', safe)] : [])];
  return { opening, certificate, firstDay };
}

export function renderPlan(plan, m, sources, { ja = null, actions = null } = {}) {
  const c = { m, sources, plan, ja };
  const out = [];
  out.push(h('h2', { class: 'lead', part: 'lead', tabindex: '-1' }, leadText(plan, m, true)));
  if (plan.errors.length > 0) {
    // Errors on a date are also shown next to its fields; the pointer names the answer.
    out.push(h('ul', { class: 'errors', part: 'errors' }, plan.errors.map((e) =>
      h('li', {}, m.r(e.key), e.pointer ? h('span', { class: 'small' }, ` (${e.pointer})`) : null))));
    return out;
  }
  const dates = dateLines(plan, m);
  const line = (d) => explained(c, 'p', 'date', d.item, d.small ? h('span', { class: 'small' }, d.text) : d.text);
  out.push(...dates.opening.map(line));
  if (actions) out.push(actions);
  out.push(section(m.r('ui.section.procedure'),
    h('p', {}, h('strong', {}, m.r(plan.procedure_key))),
    plan.next_procedure ? h('p', {}, m.r('summary.next', { procedure: m.rich(`procedure.${plan.next_procedure}`) })) : null,
    listOf(c, plan.procedure_reasons, 'reasons')));
  for (const visit of plan.visits) out.push(visitSection(c, visit, plan.visits.length));
  out.push(...dates.certificate.map(line));
  const offices = [...plan.offices.map((o) => officeItem(c, o, true)),
    ...plan.offices_unavailable.map((o) => officeItem(c, o, false))];
  out.push(section(m.r('ui.section.offices'),
    dates.firstDay.map(line),
    plan.municipality.url ? h('p', {}, h('a', { href: plan.municipality.url, rel: 'noopener noreferrer', target: '_blank' },
      m.r('ui.municipality_page'))) : null,
    offices.length ? h('ul', { class: 'offices' }, offices) : h('p', {}, m.r('note.ask_your_municipality'))));
  if (plan.fees.length) {
    out.push(h('p', {}, plan.fees.map((f) => m.r(f.amount_yen === 0 ? 'ui.fee.free' : 'ui.fee.yen', { amount: f.amount_yen }))));
  }
  if (plan.asides?.length) out.push(section(m.r('ui.section.asides'), listOf(c, plan.asides, 'asides', 'aside')));
  if (plan.follow_ups.length) out.push(section(m.r('ui.section.follow_ups'), listOf(c, plan.follow_ups, 'follow-ups')));
  if (plan.warnings.length) out.push(section(m.r('ui.section.warnings'), listOf(c, plan.warnings, 'warnings')));
  if (plan.notes.length) out.push(section(m.r('ui.section.notes'), listOf(c, plan.notes, 'notes')));
  out.push(footer(m, plan), printView(c));
  return out;
}

// The rule set behind the answer: its version, the day it was last checked against its sources
// (the municipality's file, else the national one), and those sources; on paper, without links.
function footer(m, plan, links = true) {
  const files = plan.rule_set?.files ?? [];
  const file = files.find((f) => f.id !== 'national') ?? files[0];
  const link = (s) => (links && /^https?:\/\//.test(s.ref)
    ? h('a', { href: s.ref, rel: 'noopener noreferrer', target: '_blank' }, s.title) : h('span', {}, s.title));
  return h('footer', { class: 'small', part: links ? 'footer' : null },
    h('p', {}, m.r('summary.rule_set', { version: plan.rule_set?.version ?? '' })),
    file ? h('p', {}, m.r('ui.footer.verified', { date: file.last_verified })) : null,
    file?.sources.length ? h('p', {}, m.r('ui.footer.sources'), ' ', joined(file.sources.map(link))) : null);
}

// --- the checklist, on paper and as text ----------------------------------------------------------

// A document's name in the reader's words, and its Japanese name for the counter (null when the
// reader reads Japanese or the two are the same).
function documentNames(c, doc) {
  const { m, ja } = c;
  const name = doc.name ? m.local(doc.name)?.text ?? '' : m.t(doc.key);
  const japanese = ja ? (doc.name ? doc.name.ja : ja.t(doc.key)) : null;
  return { name, japanese: japanese && japanese !== name ? japanese : null };
}

// The checklist as lines of text (for the calendar reminder): per visit, "☐ name (日本語)".
export function checklistText(plan, m, ja = null) {
  const c = { m, ja };
  return plan.visits.flatMap((v) => ['', `${visitTitle(m, v, plan.visits.length, m.t.bind(m))} ${m.t('ui.visit.bring')}`,
    ...v.documents.map((d) => {
      const { name, japanese } = documentNames(c, d);
      return `☐ ${name}${japanese ? ` (${japanese})` : ''}`;
    })]);
}

// An office as lines of text: name, address, phone, hours.
export function officeText(m, office) {
  return [m.local(office.name)?.text, m.local(office.address)?.text, office.phone,
    ...(office.hours ?? []).map((e) => hoursLine(m, e, m.t.bind(m)).join(''))].filter(Boolean);
}

// The print view: hidden on screen, the only part of the answer on paper (docs/adr/0007).
function printView(c) {
  const { m, plan } = c;
  const { opening, certificate, firstDay } = dateLines(plan, m);  // its own nodes: a node shows in one place only
  const japaneseName = (doc) => {
    const { japanese } = documentNames(c, doc);
    return japanese ? h('span', { lang: 'ja', class: 'ja-name' }, ` (${japanese})`) : null;
  };
  return h('section', { class: 'print-view' },
    h('h2', {}, m.r('ui.print.title')),
    h('p', {}, m.local(plan.municipality.name)?.text ?? m.r('ui.municipality.other')),
    h('ul', {}, [...opening, ...certificate, ...firstDay].map((d) => h('li', {}, d.text))),
    plan.visits.map((v) => h('section', {},
      h('h3', {}, visitTitle(m, v, plan.visits.length)),
      h('p', {}, joined(v.tasks.map((t) => m.r(`ui.task.${t}`)))),
      h('ul', { class: 'print-checklist' }, v.documents.map((d) => h('li', {},
        h('span', { class: 'box', 'aria-hidden': 'true' }), d.name ? localText(m, d.name) : m.r(d.key), japaneseName(d)))))),
    plan.offices.length ? h('section', {}, h('h3', {}, m.r('ui.section.offices')),
      plan.offices.map((o) => h('div', { class: 'print-office' },
        h('p', {}, h('strong', {}, localText(m, o.name))),
        o.address ? h('p', {}, localText(m, o.address)) : null,
        o.phone ? h('p', {}, m.r('ui.office.phone'), ' ', o.phone) : null,
        (o.hours ?? []).map((e) => h('p', {}, hoursLine(m, e))),
        o.next_open_days?.length ? [h('p', {}, m.r('ui.office.next_open_days')),
          h('ul', {}, o.next_open_days.map((d) => h('li', {}, openDay(m, d))))] : null))) : null,
    h('p', { class: 'small' }, m.r('ui.print.checked_on', { date: plan.today })),
    footer(m, plan, false));
}
