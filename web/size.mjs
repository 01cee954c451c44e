// The widget's transfer size: JS + wasm + national rules + one municipality + one language pack,
// each file compressed on its own as a server would (gzip -9, brotli q11). Prints the table and
// fails above the budget.   node web/size.mjs SITE_DIR [BUDGET_KB]
import path from 'node:path';
import { compressedSize, widgetFiles } from './widget-files.mjs';

const [site, budgetKb = '91'] = process.argv.slice(2);
const dir = path.join(site, 'koshin');
let gzipTotal = 0;
let brotliTotal = 0;
for (const f of widgetFiles(dir)) {
  const { bytes, gzip: gz, brotli: br } = compressedSize(path.join(dir, f));
  gzipTotal += gz;
  brotliTotal += br;
  console.log(`${f.padEnd(34)} ${String(bytes).padStart(7)} B  gzip ${(gz / 1024).toFixed(1).padStart(5)} KB  brotli ${(br / 1024).toFixed(1).padStart(5)} KB`);
}
console.log(`${'widget total'.padEnd(34)} ${' '.repeat(9)}  gzip ${(gzipTotal / 1024).toFixed(1).padStart(5)} KB  brotli ${(brotliTotal / 1024).toFixed(1).padStart(5)} KB  (budget ${budgetKb} KB gzip)`);
if (gzipTotal > Number(budgetKb) * 1024) {
  console.error(`koshin: the widget is ${(gzipTotal / 1024).toFixed(1)} KB gzip, over the ${budgetKb} KB budget`);
  process.exit(1);
}
