// What the widget's first load is made of, and how its size is counted (node only, for tools):
// web/size.mjs (the budget), tests/bench/wasm_parts.mjs and tests/bench/browser.mjs.
import fs from 'node:fs';
import zlib from 'node:zlib';

// The files, relative to SITE/koshin/: the widget's JS and wasm, the national rules with the
// index and one municipality (Ise), and the Japanese pack with the language index.
export function widgetFiles(dir) {
  return [
    ...fs.readdirSync(dir).filter((f) => /\.(m?js|wasm)$/.test(f)),
    'rules/national.json', 'rules/index.json', 'rules/municipalities/ise.json', 'i18n/ja.json', 'i18n/index.json',
  ];
}

// A file's size as a server would send it, compressed on its own: gzip -9 and brotli q11.
export function compressedSize(file) {
  const data = fs.readFileSync(file);
  return {
    bytes: data.length,
    gzip: zlib.gzipSync(data, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
