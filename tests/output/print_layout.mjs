// print_layout.mjs OUT_DIR CHROMIUM - the printed pages keep to the A4
// page: every page of OUT_DIR/print opened in headless Chromium
// (Playwright) as print media, at the width of an A4 sheet less its 12 mm
// margins (186 mm), must have no table, map or heading wider than the page;
// a page printed on A4 landscape (a .landscape section: the register of
// routes) at the width of that sheet less its 10 mm margins (277 mm).
// Fails on the old village pages, whose unbreakable headings pushed the
// table off the sheet. A batch's tables (region.html, compare.html) must
// also fit a 1280-pixel screen, as a regional office's laptop shows them
// (the region's 24 columns took 1380 pixels).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const [outDir, chrome] = process.argv.slice(2);
// a plan's OUT_DIR/print, or a batch's OUT_DIR itself (region.html,
// compare.html: A4 landscape)
const dir = fs.existsSync(path.join(outDir, 'print')) ? path.join(outDir, 'print') : outDir;
const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
const browser = await chromium.launch({ executablePath: chrome, args: ['--no-sandbox'] });
// 186 mm (portrait) and 277 mm (landscape) at 96 px per inch
const portrait = Math.floor((186 / 25.4) * 96);
const landscape = Math.floor((277 / 25.4) * 96);
const page = await browser.newPage({ viewport: { width: portrait, height: 1000 } });
await page.emulateMedia({ media: 'print' });
let failures = 0;
let wideSheets = 0;
for (const f of pages) {
  await page.setViewportSize({ width: portrait, height: 1000 });
  await page.goto('file://' + path.resolve(dir, f));
  let width = portrait;
  if (await page.$('.landscape')) {
    width = landscape;
    wideSheets++;
    await page.setViewportSize({ width, height: 1000 });
  }
  const wide = await page.$$eval('table, svg, h1, h2, h3', (els, w) => els
    .filter((e) => e.getBoundingClientRect().right > w + 1)
    .map((e) => `${e.tagName} ${Math.round(e.getBoundingClientRect().right)}px`), width);
  if (wide.length) {
    console.log(`FAIL: ${f}: wider than the page (${width}px): ${wide.slice(0, 3).join(', ')}`);
    failures++;
  }
}
if (dir === outDir) {
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const f of pages) {
    await page.goto('file://' + path.resolve(dir, f));
    const right = await page.evaluate(() => document.documentElement.scrollWidth);
    if (right > 1280) {
      console.log(`FAIL: ${f}: wider than a 1280-pixel screen (${right}px)`);
      failures++;
    }
  }
}
await browser.close();
console.log(failures ? `${failures} page(s) too wide`
  : `print: ${pages.length} pages keep to A4 (${wideSheets} of them landscape)`);
process.exit(failures ? 1 : 0);
