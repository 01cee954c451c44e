// rules/koshin-rules.schema.json (the editor's view of the rule format) against the rule files,
// against broken copies of them, against the loader's own error table, and against the C++ names:
// the loader (core/src/rules_load.cpp) is the authority, the schema must not drift from it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import Ajv2020 from 'ajv/dist/2020.js';

import { merge, root } from './support.mjs';

const read = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const schema = read('rules/koshin-rules.schema.json');
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);

const ruleFiles = [
  'rules/national.json',
  ...fs.readdirSync(path.join(root, 'rules/municipalities')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => `rules/municipalities/${f}`),
  'tests/rules/example-city.json',
];
const base = (name) => structuredClone(read(name === 'national' ? 'rules/national.json'
  : name === 'example-city' ? 'tests/rules/example-city.json' : `rules/municipalities/${name}.json`));

// Ajv's errors, one line each: "<instancePath> <keyword>[ <property>]", the property for `required`
// and `additionalProperties`; without the echoes (the "must match then" of a failed if/then, why
// each item failed a `contains`, and why a name failed `propertyNames`).
function errorsOf(doc) {
  if (validate(doc)) return [];
  const echo = (e) => e.keyword === 'if' || e.schemaPath.includes('/contains/') || e.propertyName !== undefined;
  const lines = validate.errors.filter((e) => !echo(e)).map((e) => {
    const property = e.params.missingProperty ?? e.params.additionalProperty;
    return `${e.instancePath} ${e.keyword}${property === undefined ? '' : ` ${property}`}`;
  });
  return [...new Set(lines)];
}
// The same errors as the loader's JSON pointers: a missing or unknown field is the field's pointer.
const pointersOf = (doc) => [...new Set(errorsOf(doc).map((line) => {
  const [pointer, keyword, property] = line.split(' ');
  return ['required', 'additionalProperties'].includes(keyword) ? `${pointer}/${property}` : pointer;
}))];

test('the schema compiles in strict mode (draft 2020-12)', () => {
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(typeof validate, 'function');
});

test('every shipped rule file and the example city validate, and name this schema for editors', () => {
  assert.ok(ruleFiles.length >= 7);
  for (const file of ruleFiles) {
    const doc = read(file);
    assert.deepEqual(errorsOf(doc), [], file);
    assert.equal(path.resolve(root, path.dirname(file), doc.$schema ?? ''), path.join(root, 'rules/koshin-rules.schema.json'),
      `${file}: "$schema" is the path of rules/koshin-rules.schema.json from the file`);
  }
});

// A small office of Odawara's to attach schedule entries and closures to.
const withSchedule = (...entries) => (f) => { f.offices[0].schedule = entries; };
// Ise's holiday counter: offices[4], open on announced days.
const announced = (f) => f.offices[4].schedule.find((e) => e.kind === 'announced');
const entry = (fields) => ({ kind: 'weekly', weekdays: ['mon'], source: 'page', ...fields });

test('the extensions of ADR 0006 and editor keys are accepted', async (t) => {
  const cases = [
    ['odawara', 'closures', (f) => {
      f.offices[0].closures = [
        { from: '2026-12-05', until: '2026-12-06', note: { ja: 'システム更新のため休止', en: 'System update' }, source: 'page' },
        { $comment: 'one day', from: '2027-01-09', until: '2027-01-09', source: 'page' }];
    }],
    ['ise', 'announced dates', (f) => { announced(f).dates = ['2026-04-12', '2026-05-10']; }],
    ['odawara', 'a lunch break and nth_weekday', withSchedule(
      entry({ hours: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }] }),
      { kind: 'nth_weekday', weekdays: ['sat', 'sun'], nth: [1, 5], hours: [{ open: '00:00', close: '23:59' }], source: 'page' })],
    ['national', 'calendar.maintenance', (f) => {
      f.calendar = { $comment: 'J-LIS', maintenance: [{ rule: 'sunday_after_third_saturday', tasks: ['renewal', 'issuance', 'pin_reset'],
        source: 'seed-ise', effective: { from: '2016-01-01' } }] };
    }],
    ['national', '$schema', (f) => { f.$schema = './koshin-rules.schema.json'; }],
    ['odawara', '$comment in nested objects', (f) => {
      f.sources.$comment = 'the page';
      f.offices[0].$comment = 'counter 3B';
      f.offices[0].schedule[0].$comment = 'weekdays';
      f.requirements[0].visits[0].documents[0].$comment = 'the card';
    }],
    ['odawara', 'translations with BCP 47 tags', (f) => { f.name['zh-Hant'] = '小田原市'; f.name['pt-BR'] = 'Odawara'; }],
  ];
  for (const [name, label, mutate] of cases) {
    await t.test(`${name}: ${label}`, () => {
      const doc = base(name);
      mutate(doc);
      assert.deepEqual(errorsOf(doc), []);
    });
  }
});

// Each broken copy of a real file and the one error it must give (Ajv's instancePath, keyword,
// and the field for `required` / `additionalProperties`).
const broken = [
  ['national', 'unknown top-level field', (f) => { f.colour = 'red'; }, ' additionalProperties colour'],
  ['odawara', 'unknown field in an office', (f) => { f.offices[0].opening = 'weekdays'; }, '/offices/0 additionalProperties opening'],
  ['national', 'offices in the national file', (f) => { f.offices = []; }, ' additionalProperties offices'],
  ['ise', 'calendar in a municipality', (f) => { f.calendar = { maintenance: [] }; }, ' additionalProperties calendar'],
  ['national', 'wrong format string', (f) => { f.format = 'koshin-rules/2'; }, '/format const'],
  ['ise', 'wrong file kind', (f) => { f.kind = 'city'; }, '/kind enum'],
  ['national', 'national id not "national"', (f) => { f.id = 'japan'; }, '/id const'],
  ['ise', 'reserved municipality id', (f) => { f.id = 'other'; }, '/id not'],
  ['ise', 'id with a space', (f) => { f.id = 'ise city'; }, '/id pattern'],
  ['odawara', 'wrong applicant', (f) => { f.requirements[0].applicants = ['neighbour']; }, '/requirements/0/applicants/0 enum'],
  ['odawara', 'wrong task', (f) => { f.requirements[0].tasks = ['renew']; }, '/requirements/0/tasks/0 enum'],
  ['national', 'wrong holder', (f) => { f.requirements[0].holders = ['teen']; }, '/requirements/0/holders/0 enum'],
  ['odawara', 'wrong condition', (f) => { f.requirements[0].when = ['full_moon']; }, '/requirements/0/when/0 enum'],
  ['odawara', 'wrong weekday', (f) => { f.offices[0].schedule[0].weekdays[0] = 'monday'; }, '/offices/0/schedule/0/weekdays/0 enum'],
  ['odawara', 'wrong reservation', (f) => { f.offices[0].schedule[0].reservation = 'maybe'; }, '/offices/0/schedule/0/reservation enum'],
  ['odawara', 'wrong schedule kind', (f) => { f.offices[0].schedule[0].kind = 'lunar'; }, '/offices/0/schedule/0/kind enum'],
  ['odawara', 'wrong step kind', (f) => { f.requirements[2].visits[0].before[1].kind = 'wait'; }, '/requirements/2/visits/0/before/1/kind enum'],
  ['odawara', 'phone_request without a phone', (f) => { delete f.requirements[2].visits[0].before[0].phone; },
    '/requirements/2/visits/0/before/0 required phone'],
  ['national', 'wrong document person', (f) => { f.documents[0].person = 'cat'; }, '/documents/0/person enum'],
  ['national', 'wrong document category', (f) => { f.documents[0].category = 'paper'; }, '/documents/0/category enum'],
  ['example-city', 'local document without a name', (f) => { delete f.documents[0].name; }, '/documents/0 required name'],
  ['national', 'wrong confidence', (f) => { f.core_rules[0].confidence = 'high'; }, '/core_rules/0/confidence enum'],
  ['national', 'a core rule left out', (f) => { f.core_rules.pop(); }, '/core_rules contains'],
  ['national', 'unknown parameter', (f) => { f.parameters.window_weeks = [{ value: 13, source: 'seed-ise' }]; },
    '/parameters additionalProperties window_weeks'],
  ['national', 'national parameter missing', (f) => { delete f.parameters.window_months; }, '/parameters required window_months'],
  ['national', 'parameter out of range', (f) => { f.parameters.window_months[0].value = 13; }, '/parameters/window_months/0/value maximum'],
  ['ibaraki', 'wrong parameter word', (f) => { f.parameters.early_renewal[0].value = 'sometimes'; },
    '/parameters/early_renewal/0/value enum'],
  ['national', 'bad date (no zero padding)', (f) => { f.last_verified = '2026-1-5'; }, '/last_verified pattern'],
  ['national', 'bad date (slashes) in effective', (f) => { f.parameters.card_adult_age[0].effective.until = '2022/03/31'; },
    '/parameters/card_adult_age/0/effective/until pattern'],
  ['national', 'month 13', (f) => { f.sources['seed-odawara'].page_date = '2020-13-06'; }, '/sources/seed-odawara/page_date pattern'],
  ['odawara', 'bad time (one-digit hour)', (f) => { f.offices[0].schedule[0].hours[0].open = '9:00'; },
    '/offices/0/schedule/0/hours/0/open pattern'],
  ['odawara', 'bad time (24:00)', (f) => { f.offices[0].schedule[0].hours[0].close = '24:00'; },
    '/offices/0/schedule/0/hours/0/close pattern'],
  ['odawara', 'missing "ja" in a local text', (f) => { f.offices[0].name = { en: 'City Hall' }; }, '/offices/0/name required ja'],
  ['odawara', 'empty translation', (f) => { f.name.en = ''; }, '/name/en minLength'],
  ['odawara', 'a language name instead of a tag', (f) => { f.name.english = 'Odawara'; }, '/name propertyNames'],
  ['odawara', 'missing source on an office', (f) => { delete f.offices[0].source; }, '/offices/0 required source'],
  ['odawara', 'missing source on a schedule entry', (f) => { delete f.offices[0].schedule[0].source; },
    '/offices/0/schedule/0 required source'],
  ['national', 'source without ref', (f) => { delete f.sources['seed-ise'].ref; }, '/sources/seed-ise required ref'],
  ['odawara', 'nth out of 1..5', withSchedule({ kind: 'nth_weekday', weekdays: ['sat'], nth: [6], source: 'page' }),
    '/offices/0/schedule/0/nth/0 maximum'],
  ['odawara', 'nth_weekday without nth', withSchedule({ kind: 'nth_weekday', weekdays: ['sat'], source: 'page' }),
    '/offices/0/schedule/0 required nth'],
  ['odawara', 'weekly without weekdays', withSchedule({ kind: 'weekly', source: 'page' }), '/offices/0/schedule/0 required weekdays'],
  ['odawara', 'nth on a weekly entry', withSchedule(entry({ nth: [2] })), '/offices/0/schedule/0/nth false schema'],
  ['odawara', 'dates on a weekly entry', withSchedule(entry({ dates: ['2026-04-12'] })), '/offices/0/schedule/0/dates false schema'],
  ['ise', 'an announced date twice', (f) => { announced(f).dates = ['2026-04-12', '2026-04-12']; },
    '/offices/4/schedule/0/dates uniqueItems'],
  ['ise', 'weekdays on an announced entry', (f) => { announced(f).weekdays = ['sun']; }, '/offices/4/schedule/0/weekdays false schema'],
  ['ise', 'an announced date with a bad day', (f) => { announced(f).dates = ['2026-04-32']; }, '/offices/4/schedule/0/dates/0 pattern'],
  ['odawara', 'closure missing until', (f) => { f.offices[0].closures = [{ from: '2026-12-05', source: 'page' }]; },
    '/offices/0/closures/0 required until'],
  ['odawara', 'closure without a source', (f) => { f.offices[0].closures = [{ from: '2026-12-05', until: '2026-12-05' }]; },
    '/offices/0/closures/0 required source'],
  ['national', 'maintenance with an unknown rule', (f) => {
    f.calendar = { maintenance: [{ rule: 'last_sunday', tasks: ['renewal'], source: 'seed-ise' }] };
  }, '/calendar/maintenance/0/rule enum'],
  ['national', 'maintenance with an unknown task', (f) => {
    f.calendar = { maintenance: [{ rule: 'sunday_after_third_saturday', tasks: ['renew'], source: 'seed-ise' }] };
  }, '/calendar/maintenance/0/tasks/0 enum'],
  ['odawara', 'issued_within_months 0', (f) => { f.requirements[0].visits[0].documents[0].issued_within_months = 0; },
    '/requirements/0/visits/0/documents/0/issued_within_months minimum'],
  ['odawara', 'a requirement without visits', (f) => { f.requirements[0].visits = []; }, '/requirements/0/visits minItems'],
  ['odawara', 'page_silent as text', (f) => { f.requirements[0].visits[0].page_silent = 'yes'; },
    '/requirements/0/visits/0/page_silent type'],
  ['national', 'negative fee', (f) => { f.fees[0].amount_yen = -1; }, '/fees/0/amount_yen minimum'],
];

test('broken variants are rejected at the field that is wrong', async (t) => {
  assert.ok(broken.length >= 15);
  for (const [name, label, mutate, expected] of broken) {
    await t.test(`${name}: ${label}`, () => {
      const doc = base(name);
      mutate(doc);
      assert.deepEqual(errorsOf(doc), [expected]);
    });
  }
});

// tests/rule_errors.json is the loader's table of broken files. Each one the schema can see must be
// rejected at the loader's pointer (among others, as in tests/rules_test.cpp); the others are what only the loader checks (listed here, so
// that a schema that learns one of them moves it to the first group).
const loaderOnly = {
  date_impossible: 'a date that does not exist (2026-02-30)',
  unknown_source: 'a source id that "sources" does not define',
  overlapping_effective: 'two values of a parameter at the same dates',
  invalid_range: '"until" before "from", "close" before "open"',
  unknown_document: 'a document id that no "documents" defines',
  unknown_office: 'an office id that "offices" does not define',
  unknown_id_type: 'an example that "id_types" does not define',
  overlapping_rules: 'two requirements for the same case at the same dates',
  duplicate_id: 'an id used twice (here: one of the national catalogue)',
  rules_incomplete: 'the national file answering every case',
  parameter_gap: 'a national parameter covering 2016-2099',
};
test('the loader\'s broken rule files: the schema rejects what it can express, at the same pointer', async (t) => {
  const cases = read('tests/rule_errors.json').cases.filter((c) => c.patch !== undefined);
  // A visit's task must be one of its requirement's: a valid task name, so the loader's alone.
  const onlyLoader = (c) => c.code in loaderOnly || /\/visits\/\d+\/tasks\/\d+$/.test(c.pointer);
  assert.ok(cases.filter((c) => !onlyLoader(c)).length >= 20);
  for (const c of cases) {
    await t.test(`${c.base}: ${c.name} (${c.code})`, () => {
      const pointers = pointersOf(merge(base(c.base), c.patch));
      if (onlyLoader(c)) {
        assert.deepEqual(pointers, [], `the schema now sees ${c.code}: move it out of loaderOnly`);
      } else {
        assert.ok(pointers.includes(c.pointer), `expected ${c.pointer}, got ${pointers.join(', ') || 'valid'}`);
      }
    });
  }
});

// The closed lists of core/src/*.cpp, read from the source: EnumNames tables, core rule ids and
// parameter specs.
const cppSources = fs.readdirSync(path.join(root, 'core/src')).filter((f) => f.endsWith('.cpp')).sort()
  .map((f) => ({ file: f, text: fs.readFileSync(path.join(root, 'core/src', f), 'utf8') }));
function enumTables() {
  const tables = {};
  for (const { file, text } of cppSources) {
    const declared = [...text.matchAll(/EnumNames<[^>]+>\s+(k\w+)\s*\{/g)].map((m) => m[1]);
    const parsed = [...text.matchAll(/EnumNames<[^>]+>\s+(k\w+)\s*\{([\s\S]*?)\}\};/g)];
    assert.deepEqual(parsed.map((m) => m[1]), declared, `${file}: every EnumNames table parsed`);
    for (const [, name, body] of parsed) tables[name] = [...body.matchAll(/\{"([^"]*)",/g)].map((m) => m[1]);
  }
  return tables;
}
const at = (pointer) => pointer.split('/').slice(1).reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], schema);

// Where each table's names appear in the schema; tables of situations and plans are not in rule files.
const enumHomes = {
  kApplicantNames: '/$defs/applicant/enum',
  kTaskNames: '/$defs/task/enum',
  kHolderClassNames: '/$defs/holderClass/enum',
  kPersonNames: '/$defs/person/enum',
  kDocCategoryNames: '/$defs/docCategory/enum',
  kReservationNames: '/$defs/reservation/enum',
  kStepKindNames: '/$defs/stepKind/enum',
  kScheduleKindNames: '/$defs/scheduleKind/enum',
  kConfidenceNames: '/$defs/confidence/enum',
  kConditionNames: '/$defs/condition/enum',
  kWeekdayNames: '/$defs/weekday/enum',
};
const notInRuleFiles = ['kEraNames', 'kStatusNames', 'kProcedureNames', 'kPinStatusNames', 'kAgeBandNames',
  'kResidenceNames', 'kChangeNames', 'kRelationshipNames', 'kDayStatusNames', 'kHolidayNames'];

test('the schema\'s enums are the C++ EnumNames tables', () => {
  const tables = enumTables();
  for (const name of Object.keys(tables)) {
    assert.ok(name in enumHomes || notInRuleFiles.includes(name),
      `${name} is a new table: add its names to the schema and to enumHomes (or to notInRuleFiles)`);
  }
  for (const [name, pointer] of Object.entries(enumHomes)) {
    assert.ok(tables[name], `${name} not found in core/src`);
    assert.deepEqual(at(pointer), tables[name], `${pointer} vs ${name}`);
  }
});

test('the schema\'s core rule ids and parameters are the loader\'s', () => {
  const loader = cppSources.find((s) => s.file === 'rules_load.cpp').text;
  const idsBody = loader.match(/core_rule_ids\(\)\s*\{[\s\S]*?ids = \{([\s\S]*?)\};/)[1];
  const ids = [...idsBody.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  assert.ok(ids.length > 20);
  assert.deepEqual(at('/$defs/coreRuleId/enum'), ids);
  const contained = at('/$defs/nationalFile/properties/core_rules/allOf').map((s) => s.contains.properties.id.const);
  assert.deepEqual(contained, ids, 'the national file must list every core rule');

  const specsBody = loader.match(/parameter_specs\(\)\s*\{[\s\S]*?specs = \{([\s\S]*?)\n\s*\};/)[1];
  const specs = [...specsBody.matchAll(/\{"(\w+)",\s*\{([^}]*)\},\s*(-?\d+),\s*(-?\d+),\s*(true|false)\}/g)]
    .map(([, name, values, min, max, required]) => ({
      name, values: [...values.matchAll(/"([^"]+)"/g)].map((m) => m[1]), min: Number(min), max: Number(max), required: required === 'true',
    }));
  assert.equal(specs.length, (specsBody.match(/^\s*\{"/gm) ?? []).length, 'every parameter spec parsed');
  const params = at('/$defs/parameters/properties');
  assert.deepEqual(Object.keys(params).filter((k) => k !== '$comment'), specs.map((s) => s.name));
  for (const s of specs) {
    const value = params[s.name].items.properties.value;
    if (s.values.length) assert.deepEqual(value, { type: 'string', enum: s.values }, s.name);
    else assert.deepEqual(value, { type: 'integer', minimum: s.min, maximum: s.max }, s.name);
  }
  assert.deepEqual(at('/$defs/nationalFile/properties/parameters/required'), specs.filter((s) => s.required).map((s) => s.name));
});

test('every enum of the schema is accounted for', () => {
  const found = [];
  const walk = (node, pointer) => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${pointer}/${i}`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'enum') found.push(pointer + '/enum');
        else walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    }
  };
  walk(schema, '');
  const others = [
    '/properties/kind/enum',  // "national" | "municipality"
    '/$defs/municipalityFile/properties/id/not/enum',  // the reserved ids
    '/$defs/coreRuleId/enum',  // core_rule_ids(), checked above
    '/$defs/maintenanceRule/enum',  // no C++ table yet (ADR 0006): add it to enumHomes when there is one
    '/$defs/parameters/properties/early_renewal/items/properties/value/enum',  // parameter_specs(), checked above
    '/$defs/parameters/properties/face_auth_cards/items/properties/value/enum',
  ];
  assert.deepEqual(found.sort(), [...Object.values(enumHomes), ...others].sort());
});
