// Builds the peer for the browser: node tests/bench/peer/build.mjs [OUT_DIR] (default build-web/bench)
//   OUT/peer.js               peer.js with json-rules-engine and its dependencies, one ES module
//   OUT/odawara.rules.json    the peer's rule data, whitespace removed
// json-rules-engine is CommonJS with four dependencies of its own, which web/bundle.mjs (our ES
// modules only) cannot join: esbuild bundles it; terser then minifies it with the widget's options
// (web/build.mjs), so both sides of the size comparison are minified alike.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minify } from 'terser';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'build-web/bench'));

const bundled = await build({
  entryPoints: [path.join(here, 'peer.js')], bundle: true, format: 'esm', platform: 'browser',
  target: 'es2022', write: false, legalComments: 'none', define: { 'process.env.NODE_ENV': '"production"' },
});
const minified = await minify(bundled.outputFiles[0].text, { module: true, compress: { passes: 3 }, mangle: true, format: { comments: false } });
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'peer.js'), minified.code);
const rules = JSON.parse(fs.readFileSync(path.join(here, 'odawara.rules.json'), 'utf8'));
fs.writeFileSync(path.join(outDir, 'odawara.rules.json'), JSON.stringify(rules));
console.log(`peer: ${path.relative(process.cwd(), outDir) || '.'}/peer.js ${minified.code.length} B, odawara.rules.json`);
