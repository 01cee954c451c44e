// The calendar reminder (docs/adr/0007-takeaways.md): an RFC 5545 file made on the device, with
// an all-day event on the first day the resident can go and one a week before the expiry.
import { checklistText, officeText } from './render.js';
import { fnv1a, sharePayload } from './share.js';

const CRLF = '\r\n';
const LINE_OCTETS = 75;

// TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11).
export const icsText = (s) => String(s).replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

// Content lines longer than 75 octets go on over lines that start with a space; a UTF-8
// sequence (a Japanese character) is never split.
function fold(line) {
  const encoder = new TextEncoder();
  const lines = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

const basic = (iso) => iso.replaceAll('-', '');
function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// events: [{uid, date (ISO), summary, description, location, url}]; now: a Date (DTSTAMP, UTC).
export function calendarFile(events, now) {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Koshin//Certificate renewal checker//EN',
    'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basic(e.date)}`, `DTEND;VALUE=DATE:${basic(addDays(e.date, 1))}`,
      `SUMMARY:${icsText(e.summary)}`, 'TRANSP:TRANSPARENT');
    if (e.description) lines.push(`DESCRIPTION:${icsText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${icsText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    // 09:00 the day before (all-day events start at midnight, local time).
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-PT15H', `DESCRIPTION:${icsText(e.summary)}`, 'END:VALARM',
      'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}

// The reminders' days: the first day to go (else the window's first day, when still ahead) and a
// week before the expiry (once past, none). Cheap: the widget shows the button only when there
// is one, and makes the words when it is pressed.
export function reminderDates(plan) {
  const w = plan.window;
  if (!w || plan.errors.length) return [];
  const go = plan.first_day_to_go?.date ?? (w.opens > plan.today ? w.opens : null);
  const deadline = addDays(w.closes, -7);
  return [...(go ? [{ kind: 'go', date: go }] : []),
    ...(deadline >= plan.today && deadline !== go ? [{ kind: 'deadline', date: deadline }] : [])];
}

// The reminders for a plan, in the reader's words. `ja`: the Japanese messages, for the
// documents' names at the counter (null when the reader's language is Japanese); `link`: the
// share link back to this answer; `situation`: what the plan answers (the UIDs hash it, so the
// same answer imported twice updates the events and two people's answers never collide).
export function reminderEvents(plan, m, { ja = null, link = '', situation = {} } = {}) {
  const dates = reminderDates(plan);
  if (!dates.length) return [];
  const w = plan.window;
  const id = fnv1a(sharePayload(situation));
  const first = plan.first_day_to_go;
  const offices = plan.offices.filter((o) => !first || first.offices.includes(o.id)).slice(0, 3);
  const description = [
    m.t('ui.window', { opens: w.opens, closes: w.closes }),
    ...checklistText(plan, m, ja),
    ...offices.flatMap((o) => ['', ...officeText(m, o)]),
    '', m.t('ui.ics.link', { link }),
  ].join('\n');
  const location = offices[0] ? officeText(m, offices[0]).slice(0, 2).join(', ') : '';
  const summary = {
    go: () => m.t('ui.ics.go', { procedure: m.t(`procedure.${plan.next_procedure ?? plan.procedure}`) }),
    deadline: () => m.t('ui.ics.deadline', { for: w.for === 'card' ? 'card' : 'certificates', expiry: w.expiry }),
  };
  return dates.map(({ kind, date }) => ({ uid: `${kind}-${basic(date)}-${id}@koshin`, date, summary: summary[kind](),
    description, location, url: link }));
}
