// Where the widget's bytes go, against its 55 KB gzip target (issue 7): the files the widget loads
// besides the core's wasm, the floor of any embind module (tests/bench/floor_module.cpp: the same
// four functions doing nothing), and what is left for koshin's own code. With --names (a
// koshin-core.wasm linked with --profiling-funcs), also the code section by function, grouped.
//
//   cmake --build build-wasm --target koshin_floor_wasm
//   node tests/bench/wasm_parts.mjs --site build-web/site --floor build-wasm/wasm/koshin-floor.wasm \
//     [--names NAMED.wasm] [--target 55] [--top 15]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compressedSize, widgetFiles } from '../../web/widget-files.mjs';

const { values: args } = parseArgs({
  options: {
    site: { type: 'string', default: 'build-web/site' },
    floor: { type: 'string', default: 'build-wasm/wasm/koshin-floor.wasm' },
    names: { type: 'string' },
    target: { type: 'string', default: '55' },
    top: { type: 'string', default: '15' },
  },
});

const gzip = (file) => compressedSize(file).gzip;
const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(5)} KB`;
const row = (label, bytes) => console.log(`  ${label.padEnd(58)} ${kb(bytes)}`);

// The files web/size.mjs counts, the wasm apart.
const dir = path.join(args.site, 'koshin');
const others = widgetFiles(dir).filter((f) => !f.endsWith('.wasm'));
const othersGzip = others.reduce((sum, f) => sum + gzip(path.join(dir, f)), 0);
const coreGzip = gzip(path.join(dir, 'koshin-core.wasm'));
const floorGzip = gzip(args.floor);
const target = Number(args.target) * 1024;

console.log('widget first load, gzip -9 per file');
row('widget JS, embind glue, rules, Japanese pack (no wasm)', othersGzip);
row('koshin-core.wasm', coreGzip);
row('  of which the floor: embind, libc++ strings, allocator', floorGzip);
row('  of which koshin\'s own code and what it uses', coreGzip - floorGzip);
row('total', othersGzip + coreGzip);
console.log(`\nat the ${args.target} KB target, koshin's own code would have ${kb(target - othersGzip - floorGzip).trim()} ` +
  `(${Math.round((100 * (target - othersGzip - floorGzip)) / (coreGzip - floorGzip))}% of today's)`);

if (args.names) {
  // Function bodies by name, from the code section and the name section's function names.
  const bytes = fs.readFileSync(args.names);
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const skipName = () => {
    const length = leb();
    at += length;
  };
  let imported = 0;
  const bodies = [];
  const names = new Map();
  while (at < bytes.length) {
    const id = bytes[at++];
    const end = leb() + at;
    if (id === 2) {  // imports: count the functions, which come first in the index space
      for (let n = leb(); n > 0; n--) {
        skipName();
        skipName();
        const kind = bytes[at++];
        if (kind === 0) {
          leb();
          imported++;
        } else if (kind === 1) {
          at++;
          if (bytes[at++] & 1) leb();
          leb();
        } else if (kind === 2) {
          if (bytes[at++] & 1) leb();
          leb();
        } else {
          at += 2;
        }
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const size = leb();
        bodies.push(size);
        at += size;
      }
    } else if (id === 0) {
      const nameLength = leb();
      const section = bytes.subarray(at, at + nameLength).toString();
      at += nameLength;
      while (section === 'name' && at < end) {
        const sub = bytes[at++];
        const subEnd = leb() + at;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            const length = leb();
            names.set(index, bytes.subarray(at, at + length).toString());
            at += length;
          }
        }
        at = subEnd;
      }
    }
    at = end;
  }
  if (names.size === 0) {
    console.error(`${args.names}: no function names (link it with --profiling-funcs)`);
    process.exit(1);
  }
  const groups = [
    ['nlohmann::json (not inlined)', /nlohmann::/],
    ['koshin (with what LTO inlined into it)', /koshin::|\(anonymous namespace\)::/],
    ['date (not inlined)', /^[^(]*date::/],
    ['libc++ (not inlined)', /std::__2::/],
    ['embind, libc++abi type info, allocator, other', /./],
  ];
  const functions = bodies.map((size, i) => ({ size, name: names.get(i + imported) ?? `#${i + imported}` }));
  const sums = new Map(groups.map(([label]) => [label, 0]));
  for (const f of functions) {
    const [label] = groups.find(([, pattern]) => pattern.test(f.name));
    sums.set(label, sums.get(label) + f.size);
  }
  const code = functions.reduce((sum, f) => sum + f.size, 0);
  console.log(`\ncode section of ${path.basename(args.names)}, uncompressed: ${kb(code).trim()} in ${functions.length} functions`);
  for (const [label, size] of sums) console.log(`  ${label.padEnd(58)} ${kb(size)}  ${String(Math.round((100 * size) / code)).padStart(3)}%`);
  console.log(`\nlargest functions`);
  for (const f of functions.sort((a, b) => b.size - a.size).slice(0, Number(args.top))) {
    console.log(`  ${kb(f.size)}  ${f.name.replace(/std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char> >/g, 'std::string').slice(0, 110)}`);
  }
}
