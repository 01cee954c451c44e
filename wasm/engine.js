// The one JavaScript module that talks to the embind build. It hides the module's life cycle and
// turns JSON text into objects; callers never see wasm memory. Used by the widget and the tests.
import createKoshinCore from './koshin-core.mjs';

export class RuleLoadError extends Error {
  constructor(file, errors) {
    super(`${file}: ${errors.map((e) => `${e.code} at ${e.pointer || '/'}`).join(', ')}`);
    this.name = 'RuleLoadError';
    this.file = file;
    this.errors = errors;
  }
}

const asText = (value) => (typeof value === 'string' ? value : JSON.stringify(value));
const utf8 = new TextDecoder();

export class Engine {
  #core;

  constructor(core) {
    this.#core = core;
  }

  // `options` go to the emscripten factory (e.g. `wasmBinary` or `locateFile`).
  static async create(options = {}) {
    return new Engine(await createKoshinCore(options));  // one module instance, one core Engine
  }

  // Rule files as text or objects; a file with errors throws RuleLoadError listing them.
  loadNational(rules, file = 'national.json') {
    this.#check(file, this.#core.loadNational(asText(rules), file));
  }

  loadMunicipality(rules, file) {
    this.#check(file, this.#core.loadMunicipality(asText(rules), file));
  }

  // A situation (object or JSON text) in, the plan out: always a plan, with `errors` on bad input.
  evaluate(situation) {
    return JSON.parse(this.evaluateText(situation));
  }

  // The same plan as JSON text. The core hands it over as a view of its UTF-8 bytes in wasm
  // memory (valid until its next evaluation), decoded here at once.
  evaluateText(situation) {
    return utf8.decode(this.#core.evaluate(asText(situation)));
  }

  // A date in a Japanese era ("reiwa", "heisei", "showa", "taisho"; year 1 = 元年), converted by
  // the core: {date: "YYYY-MM-DD"} or {error: "impossible" | "outside_era" | "unknown_era"}.
  dateFromEra(era, year, month, day) {
    return JSON.parse(this.#core.dateFromEra(era, year, month, day));
  }

  #check(file, errorsText) {
    const errors = JSON.parse(errorsText);
    if (errors.length > 0) throw new RuleLoadError(file, errors);
  }
}
