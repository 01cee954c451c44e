// <koshin-checker>: the resident's questions and the answer, in a shadow root.
//
// Attributes (reflected as properties): `municipality` (a rule-set id or "other"; without it the
// resident picks one) and `lang` (any BCP 47 tag; without it the nearest [lang] ancestor's, else
// the browser's languages).
// Properties: `situation` (set: evaluate exactly this situation, as `koshin eval` reads it),
// `plan` (the last plan, read-only). Event: `koshin-result` (bubbles, composed; `detail` is the
// plan `koshin eval` prints). Theming: `--koshin-*` custom properties and `::part()`; see README.
// A share link (`#koshin=1.…` in the page's URL fragment) restores the form and the answer;
// the answer offers a calendar reminder, a printable checklist and that link
// (docs/adr/0007-takeaways.md).
import { h } from './dom.js';
import { ERAS, readDate, splitDate } from './dates.js';
import { Messages } from './messages.js';
import { leadText, renderPlan } from './render.js';
import { calendarFile, reminderDates, reminderEvents } from './ics.js';
import { readShare, shareFragment } from './share.js';
import { styles } from './styles.js';
import { tokyoToday } from './today.js';
import { loadEngine, loadIndex, loadMunicipality, loadPack, prefetchMunicipality, sources } from './assets.js';
import { matchLanguage } from './languages.js';

const DATE_GROUPS = {
  cert: { path: ['certificates', 'expiry'], pointer: '/certificates', required: true },
  card: { path: ['card', 'expiry'], pointer: '/card', required: true },
  birth: { path: ['holder', 'birth_date'], pointer: '/holder/birth_date', required: true, autocomplete: 'bday' },
  stay: { path: ['holder', 'stay_end'], pointer: '/holder/stay_end', required: true },
};
const APPLICANTS = ['self', 'legal_representative', 'proxy_with_form', 'proxy_without_form'];
const PIN_STATES = ['known', 'forgotten', 'locked'];
const CHANGES = ['name', 'address', 'sex', 'birth_date'];
const RESIDENCES = ['japanese', 'permanent_resident', 'period_of_stay'];
// Conditions a document can depend on that the resident can answer (plan `only_if` / `waived_if`).
const CONDITION_QUESTIONS = {
  family_register_in_city: 'register',
  same_household: 'household',
  same_household_parent: 'household',
};

const STICKY_QUESTIONS = new Set(['details', 'register', 'household']);
let nextId = 0;
let firstResult = true;  // the page's first answer gets the 'koshin:first-result' mark (tests/bench)

// Shown when not even Japanese words could be loaded (the only words not in a language pack).
const NO_WORDS = [['ja', '必要なデータを読み込めませんでした。後でもう一度お試しいただくか、市区町村にお問い合わせください。'],
  ['en', 'This checker could not load what it needs. Try again later, or ask your city office.']];
const RETRY = 'もう一度試す / Try again';

const inMunicipality = (situation, id) => (typeof situation === 'string'
  ? JSON.stringify({ ...JSON.parse(situation), municipality: id }) : { ...situation, municipality: id });

function municipalityOf(situation) {
  if (typeof situation !== 'string') return typeof situation?.municipality === 'string' ? situation.municipality : null;
  try {
    return municipalityOf(JSON.parse(situation));
  } catch {
    return null;  // not JSON: the core says so
  }
}

// What failed, for the people who run the site: with a core's errors as `koshin check-rules`
// prints them (docs/errors.md).
const report = (error, what = '') => console.error(`koshin: ${what}${error.message}`,
  ...(error.errors ?? []).map((e) => `\n${e.file}: ${e.pointer || '/'}: ${e.code}: ${e.expected}`));

export class KoshinCheckerElement extends HTMLElement {
  static observedAttributes = ['municipality', 'lang'];

  #root;
  #ui = null;          // the form's elements, built once per language
  #messages = null;
  #lang = null;        // the language asked for (the words may be Japanese instead)
  #packNote = null;    // why the words are Japanese instead: {name, en}
  #failedRules = new Set();  // municipalities whose rules could not be loaded: answered as "other"
  #engine = null;
  #plan = null;
  #checked = null;     // {evaluated, plan}: a shared situation the core has just checked, answered from once
  #explicit = null;    // a situation set through the `situation` property
  #touched = new Set(); // date groups the resident has left, or all after "Check"
  #asked = new Set();   // conditional questions shown once stay shown
  #queued = false;
  #uid = `k${nextId++}`;
  #focusAfterUpdate = false;  // after "Check": focus the first error, else the answer's lead
  #ja = null;          // Japanese messages beside another language: documents' names at the counter
  #shared = null;      // a situation from a share link, to restore at the next update
  #shareError = null;  // why a share link could not be restored (a message key)
  #hashRead = null;    // the fragment last read: moving the element in the page does not restore it again
  #onHash = () => {
    this.#readShare();
    this.#schedule();
  };

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styles()];
  }

  get municipality() { return this.getAttribute('municipality') ?? ''; }
  set municipality(value) { this.setAttribute('municipality', value); }
  get plan() { return this.#plan; }
  get situation() { return this.#explicit ?? (this.#ui ? this.#situationFromForm().situation : null); }
  set situation(value) {
    this.#explicit = typeof value === 'string' ? value : structuredClone(value);
    if (this.#ui && typeof value === 'object' && value) this.#fillForm(value);
    this.#schedule();
  }

  connectedCallback() {
    window.addEventListener('hashchange', this.#onHash);
    this.#readShare();
    // Moved in the page: the form keeps what the resident typed (it is rebuilt only when the
    // language it would be in has changed, which #update checks).
    this.#schedule();
  }

  disconnectedCallback() { window.removeEventListener('hashchange', this.#onHash); }
  // A new municipality rebuilds the form; a new `lang` does only when it means another language
  // (#update checks), so a page that sets the language the widget already shows costs nothing.
  attributeChangedCallback(name, old, value) {
    if (old !== value) this.#schedule(name === 'municipality');
  }

  // Updates are batched: many attribute or field changes in one task cause one evaluation.
  #schedule(rebuild = false) {
    if (rebuild) this.#ui = null;
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#update().catch((error) => this.#fail(error));
    });
  }

  // The `lang` attribute, else the nearest element's, else the browser's preferences, else
  // Japanese (docs/adr/0005-language-packs-and-eras.md).
  #language(languages) {
    const own = this.closest('[lang]')?.getAttribute('lang');
    const tags = own ? [own] : navigator.languages ?? [];
    for (const tag of tags) {
      const found = matchLanguage(tag, languages);
      if (found) return found;
    }
    return 'ja';
  }

  async #update() {
    // The core (and the rules of a municipality already known) load while the words load and the
    // form is built, not after.
    const known = this.municipality || municipalityOf(this.#shared);
    if (known) prefetchMunicipality(known);
    const engineLoad = loadEngine();
    if (known) engineLoad.then((engine) => loadMunicipality(engine, known)).catch(() => {});
    const index = await loadIndex();
    const lang = this.#language(index.languages);
    if (!this.#ui || this.#lang !== lang) {
      this.#lang = lang;
      await this.#loadWords(lang, index);
      // An update that started meanwhile may have built the form in this language already.
      if (this.#ui?.lang !== lang) this.#build(index, lang);
    }
    const engine = await engineLoad.catch((error) => {
      report(error);
      throw error;
    });
    this.#engine = engine;
    await this.#restoreShared(engine);
    this.#ui.shareError.replaceChildren(this.#shareError ? this.#messages.r(this.#shareError) : '');
    // A form's answers can make new questions appear (and so change the situation): evaluate
    // until the situation settles (it does: which questions show depends on earlier answers only).
    for (let round = 0; round < 4; round += 1) {
      const { situation, complete } = this.#explicit !== null ? { situation: this.#explicit, complete: true }
        : this.#situationFromForm();
      if (!complete) {
        this.#showWaiting();
        return;
      }
      const { evaluated, failed } = await this.#withRules(engine, situation);
      const plan = this.#checked?.evaluated === evaluated ? this.#checked.plan : engine.evaluate(evaluated);
      this.#checked = null;
      this.#show(plan, failed);
      if (this.#explicit === null && JSON.stringify(this.#situationFromForm().situation) !== JSON.stringify(situation)) {
        continue;
      }
      this.#plan = plan;
      if (firstResult) {
        firstResult = false;
        performance.mark('koshin:first-result');
      }
      this.#focusResult();
      this.dispatchEvent(new CustomEvent('koshin-result', { detail: plan, bubbles: true, composed: true }));
      return;
    }
  }

  // The words: the pack asked for, Japanese behind it key by key. A pack that cannot be used
  // (missing, not JSON, not itself) gives Japanese with a note naming the language; without
  // Japanese too there are no words at all, and #fail says so in two languages.
  async #loadWords(lang, index) {
    const settle = (promise) => promise.catch(report);  // undefined when it failed
    const [pack, japanese] = await Promise.all([settle(loadPack(lang)), lang === 'ja' ? null : settle(loadPack('ja'))]);
    const jaPack = lang === 'ja' ? pack : japanese;
    const ja = jaPack && new Messages('ja', jaPack);
    this.#messages = null;
    this.#ja = lang.startsWith('ja') ? null : ja;  // the documents' Japanese names beside another language
    this.#packNote = null;
    if (pack) {
      this.#messages = lang === 'ja' ? ja : new Messages(lang, pack, ja);
    } else if (ja) {
      this.#messages = ja;
      this.#ja = null;
      const en = lang === 'en' ? null : await settle(loadPack('en'));
      this.#packNote = { name: index.languages.find((l) => l.id === lang)?.name ?? lang, en: en && new Messages('en', en) };
    }
    if (!this.#messages) throw new Error('koshin: no language pack could be loaded');
  }

  // Loads the municipality's rules for a situation. When they cannot be loaded (missing, or
  // refused by the core) the situation is answered with the national rules only ("other"), and
  // `failed` names the municipality; the console gets the technical errors, once.
  async #withRules(engine, situation) {
    const id = municipalityOf(situation);
    if (id && !this.#failedRules.has(id)) {
      try {
        await loadMunicipality(engine, id);
      } catch (error) {
        this.#failedRules.add(id);
        report(error, 'answering with the national rules only: ');
      }
    }
    return this.#failedRules.has(id) ? { evaluated: inMunicipality(situation, 'other'), failed: id } : { evaluated: situation, failed: null };
  }

  // --- the share link ----------------------------------------------------------------------------
  #readShare() {
    if (location.hash === this.#hashRead) return;
    this.#hashRead = location.hash;
    const read = readShare(location.hash);
    if (!read) return;
    this.#shared = read.situation ?? null;
    this.#shareError = read.error ?? null;
  }

  // A shared situation is checked for today by the core before it replaces the form: one the core
  // refuses (made by hand, or for rules since changed) is reported, not half shown.
  async #restoreShared(engine) {
    if (!this.#shared) return;
    const situation = { ...this.#shared, today: tokyoToday() };
    this.#shared = null;
    // Checked here, not when the link is read: a page may set the attribute after connecting.
    if (this.municipality && situation.municipality !== this.municipality) {
      this.#shareError = 'ui.share.error.municipality';
      return;
    }
    const { evaluated } = await this.#withRules(engine, situation);
    const plan = engine.evaluate(evaluated);
    if (plan.errors.length) {
      this.#shareError = 'ui.share.error.invalid';
      return;
    }
    this.#explicit = situation;
    this.#checked = { evaluated, plan };  // the same situation's first answer: no second evaluation
    this.#fillForm(situation);
  }

  // The situation behind the answer shown, as an object (null for text the core could not read).
  #currentSituation() {
    if (typeof this.#explicit !== 'string') return this.situation;
    try {
      return JSON.parse(this.#explicit);
    } catch {
      return null;
    }
  }

  #shareLink(situation) {
    return `${location.href.split('#')[0]}${shareFragment(situation)}`;
  }

  // --- takeaways: calendar reminder, printable checklist, share link -----------------------------
  #actions(plan) {
    const m = this.#messages;
    const situation = this.#currentSituation();
    if (plan.errors.length || !situation) return null;
    const link = this.#shareLink(situation);
    const panelId = `${this.#uid}-share`;
    const input = h('input', { type: 'text', readonly: true, id: `${panelId}-link`, value: link, part: 'input',
      onfocus: (e) => e.target.select() });
    const copied = h('p', { class: 'small', role: 'status' });
    const panel = h('div', { class: 'share', id: panelId, hidden: true },
      h('p', { class: 'small' }, m.r('ui.share.note')),
      h('label', { for: input.id }, m.r('ui.share.label')), input,
      h('button', { type: 'button', part: 'action', onclick: async () => {
        input.select();
        try {
          await navigator.clipboard.writeText(link);
          copied.replaceChildren(m.r('ui.share.copied'));
        } catch {
          copied.replaceChildren(m.r('ui.share.copy_by_hand'));
        }
      } }, m.r('ui.share.copy')),
      copied);
    const share = h('button', { type: 'button', part: 'action', 'aria-expanded': 'false', 'aria-controls': panelId, onclick: () => {
      panel.hidden = !panel.hidden;
      share.setAttribute('aria-expanded', String(!panel.hidden));
      if (!panel.hidden) input.focus();
    } }, m.r('ui.action.share'));
    return h('div', { class: 'actions', part: 'actions' },
      reminderDates(plan).length ? h('button', { type: 'button', part: 'action',
        onclick: () => this.#downloadCalendar(plan, reminderEvents(plan, m, { ja: this.#ja, link, situation })) },
      m.r('ui.action.calendar')) : null,
      h('button', { type: 'button', part: 'action', onclick: () => this.#print() }, m.r('ui.action.print')),
      share, panel);
  }

  // The .ics file, made here and saved through a Blob: nothing leaves the device.
  #downloadCalendar(plan, events) {
    const text = calendarFile(events, new Date());
    const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
    h('a', { href: url, download: `koshin-${plan.window.expiry}.ics` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  // Prints the checklist alone: the host page's other content is hidden for the print (a data
  // attribute on the siblings of the widget's ancestors and one constructed stylesheet, both
  // taken away after printing).
  #print() {
    const marked = [];
    for (let el = this; el.parentElement; el = el.parentElement) {
      for (const sibling of el.parentElement.children) {
        if (sibling !== el && !sibling.hasAttribute('data-koshin-print-hide')) {
          sibling.setAttribute('data-koshin-print-hide', '');
          marked.push(sibling);
        }
      }
    }
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('@media print { [data-koshin-print-hide] { display: none !important; } }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    window.addEventListener('afterprint', () => {
      for (const el of marked) el.removeAttribute('data-koshin-print-hide');
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }, { once: true });
    window.print();
  }

  // Without the core, the national rules or any words there is no answer: say so (in the pack's
  // words, else in Japanese and English), offer to try again, and show the fallback content.
  #fail(error) {
    const m = this.#messages;
    const retry = h('button', { type: 'button', part: 'button', onclick: () => this.#schedule(true) }, m ? m.r('ui.retry') : RETRY);
    this.#root.replaceChildren(h('div', { class: 'root', lang: m?.lang ?? 'ja', part: 'root' },
      h('div', { class: 'error', role: 'alert', part: 'error' },
        m ? h('p', {}, m.r('ui.error.load')) : NO_WORDS.map(([lang, text]) => h('p', { lang }, text)), retry),
      h('slot')));
    this.#ui = null;
    this.dispatchEvent(new CustomEvent('koshin-error', { detail: { message: String(error) }, bubbles: true, composed: true }));
  }

  // --- the form ----------------------------------------------------------------------------------
  // The form in the words just loaded, for the language `lang` asked for.
  #build(index, lang) {
    const m = this.#messages;
    const id = (name) => `${this.#uid}-${name}`;
    const ui = { groups: {}, fields: {}, questions: {} };
    const onInput = () => {
      this.#explicit = null;
      this.#shareError = null;
      this.#schedule();
    };

    const dateGroup = (name) => {
      const spec = DATE_GROUPS[name];
      const errorId = id(`${name}-error`);
      const hintKey = `ui.hint.${name}`;
      const input = (part, size) => h('input', {
        id: id(`${name}-${part}`), name: `${name}-${part}`, type: 'text', inputmode: 'numeric', size, maxlength: size,
        autocomplete: spec.autocomplete ? `${spec.autocomplete}-${part}` : 'off',
        part: 'input', oninput: onInput,
      });
      const inputs = { year: input('year', 4), month: input('month', 2), day: input('day', 2) };
      const era = h('select', { id: id(`${name}-era`), name: `${name}-era`, part: 'select', onchange: onInput },
        ERAS.map((e) => h('option', { value: e }, m.t(`ui.era.${e}`))));
      const echoId = id(`${name}-echo`);
      const described = `${m.has(hintKey) ? id(`${name}-hint`) : ''} ${echoId} ${errorId}`.trim();
      for (const el of [era, ...Object.values(inputs)]) el.setAttribute('aria-describedby', described);
      const echo = h('p', { id: echoId, class: 'hint echo', part: 'echo' });
      const error = h('p', { id: errorId, class: 'error', part: 'error' });
      const fieldset = h('fieldset', { class: 'date', part: 'fieldset', onfocusout: (e) => {
        if (!fieldset.contains(e.relatedTarget) && !this.#touched.has(name)) {
          this.#touched.add(name);
          this.#schedule();
        }
      } },
      h('legend', {}, m.r(`ui.field.${name}`)),
      m.has(hintKey) ? h('p', { id: id(`${name}-hint`), class: 'hint' }, m.r(hintKey)) : null,
      h('div', { class: 'date-parts' },
        h('div', {}, h('label', { for: era.id }, m.r('ui.date.era')), era),
        ['year', 'month', 'day'].map((part) => h('div', {},
          h('label', { for: inputs[part].id }, m.r(`ui.date.${part}`)), inputs[part]))),
      echo, error);
      ui.groups[name] = { fieldset, inputs, era, echo, error };
      return fieldset;
    };

    const radios = (name, values, labelKey) => {
      const group = h('fieldset', { part: 'fieldset' }, h('legend', {}, m.r(`ui.field.${name}`)),
        values.map((v, i) => {
          const input = h('input', { type: 'radio', name: `${this.#uid}-${name}`, id: id(`${name}-${v}`), value: v,
            checked: i === 0, onchange: onInput });
          return h('div', { class: 'choice' }, input, h('label', { for: input.id }, m.r(`${labelKey}.${v}`)));
        }));
      ui.fields[name] = group;
      return group;
    };

    // `label` words an option: by default the message `<prefix>.<value>`.
    const select = (name, values, label) => {
      const text = typeof label === 'function' ? label : (v) => m.t(`${label}.${v}`);  // options take text only
      const el = h('select', { id: id(name), name, part: 'select', onchange: onInput },
        values.map((v) => h('option', { value: v }, text(v))));
      ui.fields[name] = el;
      return h('div', { class: 'field' }, h('label', { for: el.id }, m.r(`ui.field.${name}`)), el);
    };

    const checkbox = (name) => {
      const el = h('input', { type: 'checkbox', id: id(name), name, onchange: onInput });
      ui.fields[name] = el;
      return h('div', { class: 'choice' }, el, h('label', { for: el.id }, m.r(`ui.field.${name}`)));
    };

    const question = (name, ...children) => {
      const el = h('div', { class: 'question', hidden: true }, ...children);
      ui.questions[name] = el;
      return el;
    };

    const names = new Map(index.municipalities.map((x) => [x.id, m.local(x.name).text]));
    const municipalityField = this.municipality ? null
      : select('municipality', [...names.keys(), 'other'], (v) => names.get(v) ?? m.t('ui.municipality.other'));

    const changes = h('fieldset', { part: 'fieldset' }, h('legend', {}, m.r('ui.field.changes')),
      CHANGES.map((c) => {
        const el = h('input', { type: 'checkbox', id: id(`change-${c}`), name: 'changes', value: c, onchange: onInput });
        return h('div', { class: 'choice' }, el, h('label', { for: el.id }, m.r(`ui.change.${c}`)));
      }));
    ui.fields.changes = changes;

    // The live region says only the lead, once per change; the result itself is not live.
    const status = h('p', { class: 'status sr-only', role: 'status', part: 'status' });
    const result = h('div', { class: 'result', part: 'result' });
    const form = h('form', { part: 'form', novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      for (const name of Object.keys(DATE_GROUPS)) this.#touched.add(name);
      this.#explicit = null;
      this.#focusAfterUpdate = true;
      this.#schedule();
    } },
    h('h2', {}, m.r('ui.title')),
    // Furigana can be hidden: screen readers read both the word and its reading.
    Object.values(m.pack).some((v) => String(v).includes('<ruby>')) ? h('div', { class: 'choice' },
      h('input', { type: 'checkbox', id: id('furigana'), name: 'furigana', checked: true, onchange: (e) => {
        this.#root.querySelector('.root').classList.toggle('no-furigana', !e.target.checked);
      } }),
      h('label', { for: id('furigana') }, m.r('ui.furigana'))) : null,
    h('p', { class: 'hint' }, m.r('ui.intro')),
    municipalityField,
    dateGroup('cert'), dateGroup('card'), dateGroup('birth'),
    question('details',
      radios('applicant', APPLICANTS, 'ui.applicant'),
      question('relationship', radios('relationship', ['parent', 'guardian'], 'ui.relationship')),
      question('pins', select('pin_signature', PIN_STATES, 'ui.pin'), select('pin_user', PIN_STATES, 'ui.pin')),
      changes,
      question('move', checkbox('with_move_notification')),
      select('residence', RESIDENCES, 'ui.residence'),
      question('stay', dateGroup('stay')),
      checkbox('face_auth_card'),
      checkbox('smartphone_certificate'),
      question('ward', checkbox('adult_ward')),
      question('renew_card', checkbox('renew_card')),
      question('register', select('family_register_in_city', ['unknown', 'yes', 'no'], 'ui.answer')),
      question('household', select('same_household', ['unknown', 'yes', 'no'], 'ui.answer'))),
    h('button', { type: 'submit', part: 'button' }, m.r('ui.check')));

    const shareError = h('p', { class: 'error share-error', role: 'alert', part: 'error' });
    const note = this.#packNote;
    const packNote = note && h('p', { class: 'notice', role: 'status', part: 'notice' },
      m.r('ui.fallback.language', { language: note.name }),
      note.en ? [' ', h('span', { lang: 'en' }, note.en.r('ui.fallback.language', { language: note.name }))] : null);
    const rulesNote = h('div', { class: 'notice', role: 'status', part: 'notice' });
    this.#root.replaceChildren(h('div', { class: 'root', lang: m.lang, part: 'root' },
      packNote, shareError, form, status, rulesNote, result, h('p', { class: 'small privacy' }, m.r('ui.privacy'))));
    ui.rulesNote = rulesNote;
    ui.names = names;
    ui.status = status;
    ui.result = result;
    ui.shareError = shareError;
    ui.lang = lang;
    this.#ui = ui;
    if (this.#explicit && typeof this.#explicit === 'object') this.#fillForm(this.#explicit);
  }

  #radioValue(name) {
    return this.#ui.fields[name].querySelector('input:checked')?.value;
  }

  // The situation the form describes, and whether it is complete enough to evaluate.
  #situationFromForm() {
    const ui = this.#ui;
    const f = ui.fields;
    const s = { today: tokyoToday(), municipality: this.municipality || f.municipality.value };
    let complete = true;
    for (const [name, spec] of Object.entries(DATE_GROUPS)) {
      const group = ui.groups[name];
      if (name === 'stay' && ui.questions.stay.hidden) continue;
      const values = Object.fromEntries(Object.entries(group.inputs).map(([k, el]) => [k, el.value]));
      const read = readDate({ ...values, era: group.era.value }, (...date) => this.#engine?.dateFromEra(...date));
      group.problem = read.error ?? (read.empty && spec.required ? 'ui.error.required' : null);
      group.iso = read.iso;
      if (read.iso) {
        const [outer, inner] = spec.path;
        s[outer] = { ...s[outer], [inner]: read.iso };
      } else if (spec.required) {
        complete = false;
      }
    }
    s.applicant = this.#radioValue('applicant');
    if (!ui.questions.relationship.hidden) {
      s.representative = { relationship: this.#radioValue('relationship') };
    }
    if (!ui.questions.pins.hidden) s.pins = { signature: f.pin_signature.value, user: f.pin_user.value };
    const changes = [...f.changes.querySelectorAll('input:checked')].map((el) => el.value);
    if (changes.length) s.changes = changes;
    if (!ui.questions.move.hidden && f.with_move_notification.checked) s.with_move_notification = true;
    s.holder = { ...s.holder };
    if (f.residence.value !== 'japanese') s.holder.residence = f.residence.value;
    if (f.face_auth_card.checked) s.holder.face_auth_card = true;
    if (f.smartphone_certificate.checked) s.holder.smartphone_certificate = true;
    if (!ui.questions.ward.hidden && f.adult_ward.checked) s.holder.adult_ward = true;
    // "Not sure" leaves the condition open: the plan then lists the document with its condition.
    const answer = (el) => ({ yes: true, no: false })[el.value];
    if (!ui.questions.register.hidden && answer(f.family_register_in_city) !== undefined) {
      s.holder.family_register_in_city = answer(f.family_register_in_city);
    }
    if (!ui.questions.household.hidden && answer(f.same_household) !== undefined) {
      s.representative = { ...s.representative, same_household: answer(f.same_household) };
    }
    if (!ui.questions.renew_card.hidden && f.renew_card.checked) s.renew_card = true;
    return { situation: s, complete };
  }

  // Shows what a situation set through the property says, so the resident can go on from it.
  #fillForm(s) {
    const ui = this.#ui;
    for (const [name, spec] of Object.entries(DATE_GROUPS)) {
      const [outer, inner] = spec.path;
      const parts = splitDate(s[outer]?.[inner]);
      for (const [k, el] of Object.entries(ui.groups[name].inputs)) el.value = parts[k];
      ui.groups[name].era.value = 'gregorian';
    }
    if (ui.fields.municipality && typeof s.municipality === 'string') ui.fields.municipality.value = s.municipality;
    const check = (name, value) => {
      const input = ui.fields[name].querySelector(`input[value="${value}"]`);
      if (input) input.checked = true;
    };
    if (s.applicant) check('applicant', s.applicant);
    if (s.representative?.relationship) check('relationship', s.representative.relationship);
    ui.fields.pin_signature.value = s.pins?.signature ?? 'known';
    ui.fields.pin_user.value = s.pins?.user ?? 'known';
    for (const el of ui.fields.changes.querySelectorAll('input')) el.checked = (s.changes ?? []).includes(el.value);
    ui.fields.residence.value = s.holder?.residence ?? 'japanese';
    ui.fields.face_auth_card.checked = s.holder?.face_auth_card === true;
    ui.fields.smartphone_certificate.checked = s.holder?.smartphone_certificate === true;
    const answer = (v) => ({ true: 'yes', false: 'no' })[v] ?? 'unknown';
    ui.fields.family_register_in_city.value = answer(s.holder?.family_register_in_city);
    ui.fields.same_household.value = answer(s.representative?.same_household);
    ui.fields.adult_ward.checked = s.holder?.adult_ward === true;
    ui.fields.renew_card.checked = s.renew_card === true;
    ui.fields.with_move_notification.checked = s.with_move_notification === true;
  }

  // --- showing the answer ------------------------------------------------------------------------
  #showProblems(coreErrors = []) {
    const m = this.#messages;
    for (const [name, group] of Object.entries(this.#ui.groups)) {
      const spec = DATE_GROUPS[name];
      const fromCore = coreErrors.find((e) => e.pointer === spec.pointer || e.pointer.startsWith(`${spec.pointer}/`));
      const key = (this.#touched.has(name) ? group.problem : null) ?? (fromCore ? fromCore.key : null);
      group.error.replaceChildren(key ? m.r(key) : '');
      // The date said back in both calendars (unchanged text is left alone).
      const echo = group.iso ? m.echo(group.iso) : '';
      if (group.echo.textContent !== (group.iso ? echo.textContent : '')) group.echo.replaceChildren(echo);
      for (const el of Object.values(group.inputs)) {
        if (key) el.setAttribute('aria-invalid', 'true');
        else el.removeAttribute('aria-invalid');
      }
    }
  }

  #showWaiting() {
    this.#showProblems();
    this.#focusResult();
    this.#setVisible({ details: false });
    this.#ui.result.replaceChildren(h('p', {}, this.#messages.r('ui.waiting')));
    this.#ui.status.textContent = '';
    this.#plan = null;
  }

  // The form itself and a document's conditions stay once asked (their answers may remove the
  // condition from the plan); the others follow the answers they depend on.
  #setVisible(map) {
    for (const [name, show] of Object.entries(map)) {
      if (show && STICKY_QUESTIONS.has(name)) this.#asked.add(name);
      this.#ui.questions[name].hidden = !(show || this.#asked.has(name));
    }
  }

  #show(plan, failed = null) {
    const m = this.#messages;
    const note = this.#ui.rulesNote;
    if (note.dataset.failed !== (failed ?? '')) {  // the notice changes with the municipality only
      note.dataset.failed = failed ?? '';
      note.replaceChildren(...(failed ? [h('p', {}, m.r('ui.fallback.municipality', { municipality: this.#ui.names.get(failed) ?? failed })),
        h('button', { type: 'button', part: 'action', onclick: () => {
          this.#failedRules.delete(failed);
          this.#schedule();
        } }, m.r('ui.retry'))] : []));
    }
    const conditions = new Set();
    for (const v of plan.visits ?? []) {
      for (const d of v.documents) for (const c of [...(d.only_if ?? []), ...(d.waived_if ?? [])]) conditions.add(c);
      for (const w of v.waived) conditions.add(w.because);
    }
    const card = plan.card?.status;
    this.#setVisible({
      details: true,
      relationship: this.#radioValue('applicant') === 'legal_representative',
      pins: !this.#ui.fields.face_auth_card.checked,
      move: [...this.#ui.fields.changes.querySelectorAll('input:checked')].some((el) => el.value === 'address'),
      stay: this.#ui.fields.residence.value === 'period_of_stay',
      ward: plan.holder?.age_band === '18_plus',
      renew_card: card === 'window_open',
      register: [...conditions].some((c) => CONDITION_QUESTIONS[c] === 'register'),
      household: [...conditions].some((c) => CONDITION_QUESTIONS[c] === 'household'),
    });
    this.#showProblems(plan.errors);
    const lead = leadText(plan, m);
    if (this.#ui.status.textContent !== lead) this.#ui.status.textContent = lead;
    // A new answer replaces the old one; whoever was reading it stays at its lead.
    const wasReading = this.#ui.result.contains(this.#root.activeElement);
    this.#ui.result.replaceChildren(...renderPlan(plan, m, sources, { ja: this.#ja, actions: this.#actions(plan) }));
    if (wasReading) this.#ui.result.querySelector('.lead')?.focus();
  }

  #focusResult() {
    if (!this.#focusAfterUpdate) return;
    this.#focusAfterUpdate = false;
    const invalid = this.#root.querySelector('[aria-invalid="true"]');
    (invalid ?? this.#root.querySelector('.lead'))?.focus();
  }
}
