// One constructable stylesheet for every widget on the page: no inline <style>, so a strict
// `style-src 'self'` works. Sizes are in em, so the host page's font size carries through.
// Theming: --koshin-accent, --koshin-text, --koshin-background, --koshin-muted, --koshin-error,
// --koshin-font, --koshin-radius; and ::part(root | form | input | select | fieldset | button |
// status | notice | result | lead | section | checklist | checkbox | office | why | error | actions | action).
const css = `
:host { display: block; }
:host([hidden]) { display: none; }
.root {
  all: initial; display: block; box-sizing: border-box; max-width: 48em;
  font-family: var(--koshin-font, system-ui, -apple-system, "Hiragino Sans", "Noto Sans JP", sans-serif);
  font-size: 1em; line-height: 1.6; color: var(--koshin-text, #1a1a1a);
  background: var(--koshin-background, #fff); text-align: start; overflow-wrap: anywhere;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
h2 { font-size: 1.4em; line-height: 1.3; margin: 0.5em 0; }
h3 { font-size: 1.15em; margin: 1em 0 0.4em; }
p { margin: 0.4em 0; }
form { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.8em; }
fieldset { border: 1px solid var(--koshin-muted, #595959); border-radius: var(--koshin-radius, 0.3em); margin: 0; padding: 0.5em 0.8em 0.7em; min-width: 0; }
legend { font-weight: bold; padding: 0 0.3em; }
.date-parts { display: flex; flex-wrap: wrap; gap: 0.6em; }
.date-parts div, .field { display: flex; flex-direction: column; gap: 0.2em; }
.question { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.8em; }
select { width: 100%; }
.question[hidden] { display: none; }
input[type=text], select {
  font: inherit; color: inherit; background: var(--koshin-background, #fff);
  border: 2px solid var(--koshin-muted, #595959); border-radius: var(--koshin-radius, 0.3em);
  padding: 0.3em 0.4em; min-height: 2.4em; max-width: 100%;
}
input[size="4"] { width: 5em; }
input[size="2"] { width: 3.5em; }
input[aria-invalid=true] { border-color: var(--koshin-error, #b00020); }
input[type=checkbox], input[type=radio] { width: 1.3em; height: 1.3em; margin: 0.15em 0.5em 0 0; flex: none; accent-color: var(--koshin-accent, #0b5cad); }
.choice { display: flex; align-items: flex-start; padding: 0.15em 0; }
.choice label, .doc label { cursor: pointer; }
button {
  font: inherit; font-weight: bold; justify-self: start; min-height: 2.6em; padding: 0.4em 1.2em; cursor: pointer;
  color: #fff; background: var(--koshin-accent, #0b5cad); border: 2px solid transparent; border-radius: var(--koshin-radius, 0.3em);
}
:focus-visible { outline: 3px solid var(--koshin-accent, #0b5cad); outline-offset: 2px; }
.hint, .small { color: var(--koshin-muted, #595959); font-size: 0.95em; }
.error { color: var(--koshin-error, #b00020); font-weight: bold; margin: 0.3em 0 0; }
.error:empty { display: none; }
.notice { border-left: 4px solid var(--koshin-error, #b00020); padding: 0.2em 0.6em; margin: 0.5em 0; }
.notice:empty { display: none; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.no-furigana rt { display: none; }
.untranslated { font-style: italic; }
.result { border-top: 3px solid var(--koshin-accent, #0b5cad); margin-top: 0.8em; padding-top: 0.4em; }
.lead:focus { outline: none; }
ul, ol { padding-inline-start: 1.4em; margin: 0.3em 0; }
.checklist, .offices { list-style: none; padding: 0; }
.doc { display: grid; grid-template-columns: auto 1fr; align-items: start; padding: 0.3em 0; }
.doc > :not(input) { grid-column: 2; }
.office { border: 1px solid var(--koshin-muted, #595959); border-radius: var(--koshin-radius, 0.3em); padding: 0.5em 0.8em; margin: 0.5em 0; }
.hours { font-size: 0.95em; }
a { color: var(--koshin-accent, #0b5cad); }
details.why { font-size: 0.9em; color: var(--koshin-muted, #595959); }
details.why summary { cursor: pointer; color: var(--koshin-accent, #0b5cad); text-decoration: underline; width: fit-content; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5em; margin: 0.6em 0; }
.actions button, .share button { color: var(--koshin-accent, #0b5cad); background: var(--koshin-background, #fff); border-color: var(--koshin-accent, #0b5cad); }
.share { flex-basis: 100%; display: grid; gap: 0.4em; }
.share[hidden] { display: none; }
.share input { width: 100%; }
.print-view { display: none; }
.box { display: inline-block; width: 0.9em; height: 0.9em; border: 1.5px solid currentColor; margin-inline-end: 0.5em; vertical-align: -0.1em; }
.print-checklist { list-style: none; padding: 0; }
@media print {
  form, .status, .privacy, .share-error, .result > :not(.print-view) { display: none; }
  .result { border: 0; margin: 0; padding: 0; }
  .print-view { display: block; }
  .print-office, .print-checklist li { break-inside: avoid; }
}
`;

let sheet = null;
export function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
