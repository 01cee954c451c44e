// The widget's date fields (web/src/dates.js) with the core's era conversion from the wasm build:
// what a resident may type, and the field error each mistake gets.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { readDate, splitDate } from '../../web/src/dates.js';
import { paths } from './support.mjs';

const { Engine } = await import(path.join(paths.wasm, 'engine.js'));
const engine = await Engine.create({ wasmBinary: fs.readFileSync(path.join(paths.wasm, 'koshin-core.wasm')) });
const fromEra = (...date) => engine.dateFromEra(...date);
const read = (era, year, month, day) => readDate({ era, year, month, day }, fromEra);

test('Western and era dates, as typed', () => {
  const cases = [
    [['gregorian', '2025', '3', '1'], { iso: '2025-03-01' }],
    [['gregorian', '２０２５', '０３', '１'], { iso: '2025-03-01' }],  // full-width digits
    [['reiwa', '7', '3', '1'], { iso: '2025-03-01' }],
    [['reiwa', '元', '5', '1'], { iso: '2019-05-01' }],
    [['reiwa', '元年', '5', '1'], { iso: '2019-05-01' }],
    [['heisei', '31', '4', '30'], { iso: '2019-04-30' }],
    [['heisei', '32', '3', '1'], { iso: '2020-03-01' }],  // printed before 2019
    [['showa', '64', '1', '7'], { iso: '1989-01-07' }],
    [['taisho', '15', '12', '24'], { iso: '1926-12-24' }],
    [['gregorian', '', '', ''], { empty: true }],
    [['reiwa', '7', '', '1'], { error: 'ui.error.date_incomplete' }],
    [['gregorian', '25', '3', '1'], { error: 'ui.error.year' }],
    [['reiwa', '2025', '3', '1'], { error: 'ui.error.era_year' }],
    [['reiwa', '7', '13', '1'], { error: 'ui.error.month' }],
    [['reiwa', '7', '2', '32'], { error: 'ui.error.day' }],
    [['reiwa', '7', '2', '29'], { error: 'ui.error.no_such_date' }],
    [['gregorian', '2025', '2', '29'], { error: 'ui.error.no_such_date' }],
    [['reiwa', '1', '4', '30'], { error: 'ui.error.outside_era' }],
    [['showa', '64', '1', '8'], { error: 'ui.error.outside_era' }],
    [['heisei', '0', '1', '8'], { error: 'ui.error.outside_era' }],
    [['meiji', '10', '1', '1'], { error: 'ui.error.outside_era' }],
  ];
  for (const [typed, expected] of cases) assert.deepEqual(read(...typed), expected, typed.join(' '));
});

test('before the core is loaded an era date is neither complete nor wrong', () => {
  assert.deepEqual(readDate({ era: 'reiwa', year: '7', month: '3', day: '1' }, () => undefined), {});
});

test('a plan date back into the fields', () => {
  assert.deepEqual(splitDate('2025-03-01'), { year: '2025', month: '3', day: '1' });
  assert.deepEqual(splitDate(undefined), { year: '', month: '', day: '' });
});
