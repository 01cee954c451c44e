// Screenshots for the README: node tests/web/screenshots.mjs  (writes docs/screenshots/*.png)
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { chromiumOptions, field, fillDate, paths, root } from './support.mjs';

const server = await serve(paths.site, 0);
const browser = await chromium.launch(chromiumOptions);
for (const width of [320, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'en-US' });
  await page.clock.setFixedTime(new Date('2026-11-21T12:00:00+09:00'));
  await page.goto(`http://localhost:${server.address().port}/`);
  await field(page, 'municipality').selectOption('tokorozawa');
  await fillDate(page, 'cert', '2027-01-31');
  await fillDate(page, 'card', '2032-01-31');
  await fillDate(page, 'birth', '1992-01-31');
  await page.locator('koshin-checker .lead').waitFor();
  await page.screenshot({ path: path.join(root, `docs/screenshots/page-${width}.png`), fullPage: width === 320 });
  await page.close();
}
await browser.close();
server.close();
