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

export function why(m, sources, item) {
  if (!item || !item.rule) return null;
  const source = sources.get(item.source) ?? { title: item.source };
  const isLink = /^https?:\/\//.test(source.url ?? '');
  return h('details', { class: 'why', part: 'why' },
    h('summary', {}, m.r('ui.why')),
    h('p', {}, m.r('ui.why.rule', { rule: item.rule }), ' ',
      isLink ? h('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank' }, source.title)
        : h('span', {}, source.title)));
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

function listOf(m, sources, items, part) {
  return h('ul', { part },
    items.map((it) => h('li', {}, messageText(m, it), why(m, sources, it))));
}

function documentItem(m, sources, visit, doc, index) {
  const id = `doc-${visit.number}-${index}`;
  const name = doc.name ? localText(m, doc.name) : m.r(doc.key);
  const details = [];
  if (doc.examples) details.push(m.r('ui.doc.examples', { list: doc.examples.map((x) => m.rich(`idtype.${x}`)) }));
  if (doc.alternatives) details.push(m.r('ui.doc.alternatives', { list: doc.alternatives.map((x) => m.rich(`doc.${x}`)) }));
  if (doc.issued_within_months) details.push(m.r('ui.doc.issued_within', { months: doc.issued_within_months }));
  for (const c of doc.only_if ?? []) details.push(m.r(`ui.only_if.${c}`));
  for (const c of doc.waived_if ?? []) details.push(m.r(`ui.waived_if.${c}`));
  return h('li', { class: 'doc' },
    h('input', { type: 'checkbox', id, part: 'checkbox' }),
    h('label', { for: id }, name),
    doc.note ? h('p', { class: 'small' }, localText(m, doc.note)) : null,
    details.map((d) => h('p', { class: 'small' }, d)),
    why(m, sources, doc));
}

function visitSection(m, sources, visit, count) {
  const title = count > 1 ? m.r('ui.visit.numbered', { number: visit.number }) : m.r('ui.visit.single');
  return h('section', { part: 'section visit' },
    h('h3', {}, title),
    h('p', {}, joined(visit.tasks.map((t) => m.r(`ui.task.${t}`)))),
    visit.national_rule ? h('p', { class: 'small' }, m.r('note.national_rule_applies')) : null,
    visit.holder_must_attend ? h('p', {}, m.r('ui.visit.holder_must_attend')) : null,
    visit.before.length ? h('ol', { class: 'before' },
      visit.before.map((s) => h('li', {}, m.r(`step.${s.kind}`, { phone: s.phone ?? '' }),
        s.note ? h('span', { class: 'small' }, ' ', localText(m, s.note)) : null, why(m, sources, s)))) : null,
    h('p', {}, h('strong', {}, m.r('ui.visit.bring'))),
    h('ul', { class: 'checklist', part: 'checklist' }, visit.documents.map((d, i) => documentItem(m, sources, visit, d, i))),
    visit.waived.length ? h('p', { class: 'small' }, m.r('ui.visit.waived', {
      list: visit.waived.map((w) => m.rich(`doc.${w.id}`)) })) : null,
    visit.notes.length ? listOf(m, sources, visit.notes, 'notes') : null);
}

// Hours and booking, as parts: "09:00–12:00, 13:00–16:30", "by reservation only". For a schedule
// entry and for one session of an open day alike.
function hoursParts(m, e) {
  const spans = (e.hours ?? []).map((s) => `${s.open}–${s.close}`).join(', ');
  const parts = [spans || m.r('ui.hours.unknown')];
  if (e.reservation === 'required') parts.push(m.r('ui.hours.reservation_required'));
  if (e.reservation === 'recommended') parts.push(m.r('ui.hours.reservation_recommended'));
  return parts;
}

function hoursLine(m, e) {
  const days = (e.weekdays ?? []).map((d) => m.weekday(d));
  let text;
  if (e.kind === 'announced') text = m.r('ui.hours.announced');
  else if (e.kind === 'nth_weekday') text = m.r('ui.hours.nth', { nth: e.nth.join(', '), days });
  else text = m.r('ui.hours.weekly', { days });
  return joined([text, ...hoursParts(m, e), ...(e.unmet ?? []).map((u) => m.r(`ui.hours.unmet.${u}`))]);
}

// The office's next open days (ADR 0006), the days it is closed among them, or why there are none.
function openDays(m, sources, office) {
  if (office.calendar === 'announced' || office.calendar === 'not_published') {
    return h('p', { class: 'small' }, m.r(`ui.office.calendar.${office.calendar}`));
  }
  if (!office.next_open_days) return null;
  const day = (d) => ({ weekday: m.weekdayOf(d.date), date: d.date });
  const items = [
    ...office.next_open_days.map((d) => ({ date: d.date, node: h('li', {}, m.r('ui.office.open_day', day(d)), ' ',
      joined(d.sessions.map((s) => joined(hoursParts(m, s))))) })),
    ...office.skipped_days.map((d) => ({ date: d.date, node: h('li', { class: 'small' },
      m.r('ui.office.closed_day', { ...day(d), status: d.status }), why(m, sources, d)) })),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
  const safe = office.first_open_day_safe;
  return h('div', { class: 'open-days' },
    h('p', {}, m.r('ui.office.next_open_days')),
    items.length ? h('ul', {}, items.map((x) => x.node)) : h('p', { class: 'small' }, m.r('note.no_open_day_in_window')),
    safe && !office.next_open_days.some((d) => d.date === safe.date)
      ? h('p', { class: 'small' }, m.r('ui.first_day.safe', day(safe))) : null);
}

function officeItem(m, sources, office, available) {
  return h('li', { class: 'office', part: 'office' },
    h('p', {}, h('strong', {}, localText(m, office.name))),
    office.address ? h('p', {}, localText(m, office.address)) : h('p', { class: 'small' }, m.r('ui.office.no_address')),
    office.phone ? h('p', {}, m.r('ui.office.phone'), ' ', h('a', { href: `tel:${office.phone}` }, office.phone)) : null,
    h('ul', { class: 'hours' }, (office.hours ?? []).map((e) => h('li', {}, hoursLine(m, e)))),
    office.closed_on_holidays ? h('p', { class: 'small' }, m.r('ui.office.closed_holidays')) : null,
    office.closed_year_end ? h('p', { class: 'small' }, m.r('ui.office.closed_year_end')) : null,
    available ? null : h('p', { class: 'small' }, m.r('ui.office.unavailable')),
    available ? openDays(m, sources, office) : null,
    office.url ? h('p', {}, h('a', { href: office.url, rel: 'noopener noreferrer', target: '_blank' }, m.r('ui.office.page'))) : null,
    why(m, sources, office));
}

export function renderPlan(plan, m, sources) {
  const out = [];
  const w = plan.window;
  out.push(h('h2', { class: 'lead', part: 'lead', tabindex: '-1' }, leadText(plan, m, true)));
  if (plan.errors.length > 0) {
    // Errors on a date are also shown next to its fields; the pointer names the answer.
    out.push(h('ul', { class: 'errors', part: 'errors' }, plan.errors.map((e) =>
      h('li', {}, m.r(e.key), e.pointer ? h('span', { class: 'small' }, ` (${e.pointer})`) : null))));
    return out;
  }
  if (w) {
    out.push(h('p', {}, m.r('ui.window', { opens: w.opens, closes: w.closes }), why(m, sources, w)));
    if (w.safe_from) out.push(h('p', { class: 'small' }, m.r('summary.safe_from', { date: w.safe_from })));
  }
  out.push(section(m.r('ui.section.procedure'),
    h('p', {}, h('strong', {}, m.r(plan.procedure_key))),
    plan.next_procedure ? h('p', {}, m.r('summary.next', { procedure: m.rich(`procedure.${plan.next_procedure}`) })) : null,
    listOf(m, sources, plan.procedure_reasons, 'reasons')));
  for (const visit of plan.visits) out.push(visitSection(m, sources, visit, plan.visits.length));
  const nc = plan.new_certificate;
  if (nc && nc.expiry) {
    out.push(h('p', {}, m.r('ui.new_certificate', { date: nc.renewed_on, expiry: nc.expiry }), why(m, sources, nc)));
  }
  const first = plan.first_day_to_go;
  // Plain text: list parameters are formatted as text (the office cards below mark untranslated names).
  const officeName = (id) => m.local(plan.offices.find((o) => o.id === id)?.name ?? {})?.text ?? id;
  const firstLine = (key, f) => h('p', {}, m.r(key, { weekday: m.weekdayOf(f.date), date: f.date, offices: f.offices.map(officeName) }),
    f.reservation === 'required' ? [' ', m.r('ui.hours.reservation_required')] : null, why(m, sources, f));
  const offices = [...plan.offices.map((o) => officeItem(m, sources, o, true)),
    ...plan.offices_unavailable.map((o) => officeItem(m, sources, o, false))];
  out.push(section(m.r('ui.section.offices'),
    first ? firstLine('ui.first_day', first) : null,
    plan.first_day_to_go_safe && plan.first_day_to_go_safe.date !== first?.date
      ? firstLine('ui.first_day.safe_at', plan.first_day_to_go_safe) : null,
    plan.municipality.url ? h('p', {}, h('a', { href: plan.municipality.url, rel: 'noopener noreferrer', target: '_blank' },
      m.r('ui.municipality_page'))) : null,
    offices.length ? h('ul', { class: 'offices' }, offices) : h('p', {}, m.r('note.ask_your_municipality'))));
  if (plan.fees.length) {
    out.push(h('p', {}, plan.fees.map((f) => m.r(f.amount_yen === 0 ? 'ui.fee.free' : 'ui.fee.yen', { amount: f.amount_yen }))));
  }
  if (plan.follow_ups.length) out.push(section(m.r('ui.section.follow_ups'), listOf(m, sources, plan.follow_ups, 'follow-ups')));
  if (plan.warnings.length) out.push(section(m.r('ui.section.warnings'), listOf(m, sources, plan.warnings, 'warnings')));
  if (plan.notes.length) out.push(section(m.r('ui.section.notes'), listOf(m, sources, plan.notes, 'notes')));
  out.push(footer(m, plan));
  return out;
}

// The rule set behind the answer: its version, the day it was last checked against its sources
// (the municipality's file, else the national one), and those sources.
function footer(m, plan) {
  const files = plan.rule_set?.files ?? [];
  const file = files.find((f) => f.id !== 'national') ?? files[0];
  const link = (s) => (/^https?:\/\//.test(s.ref)
    ? h('a', { href: s.ref, rel: 'noopener noreferrer', target: '_blank' }, s.title) : h('span', {}, s.title));
  return h('footer', { class: 'small', part: 'footer' },
    h('p', {}, m.r('summary.rule_set', { version: plan.rule_set?.version ?? '' })),
    file ? h('p', {}, m.r('ui.footer.verified', { date: file.last_verified })) : null,
    file?.sources.length ? h('p', {}, m.r('ui.footer.sources'), ' ', joined(file.sources.map(link))) : null);
}
