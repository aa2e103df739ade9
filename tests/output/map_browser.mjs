// map_browser.mjs OUT_DIR CHROMIUM - opens OUT_DIR/map.html in headless
// Chromium (Playwright) and checks it against OUT_DIR/plan.json: no console
// error, no request beyond the page itself (offline), the roads drawn (the
// road canvas has ink), one day choice per pattern; for buses of the first
// pattern: choosing the bus (by its name and plate) draws exactly its runs
// and lists their ids, with stop names shown and none over another; clicking one of its stops opens a popup with that
// stop's arrival and departure (HH:MM) and children on; a session choice
// draws that session's runs; two buses whose runs share a road stretch
// are both visible there (across the road, each is the topmost line
// somewhere: they are drawn beside each other, not one over the other);
// the second pattern's runs after switching; a red ring at each pickup
// of children not served on the first pattern's days, and only there.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const [outDir, chrome] = process.argv.slice(2);
const plan = JSON.parse(fs.readFileSync(path.join(outDir, 'plan.json'), 'utf8'));
const url = 'file://' + path.resolve(outDir, 'map.html');
let failures = 0;
function check(ok, what) {
  if (!ok) {
    console.log('FAIL: ' + what);
    failures++;
  }
}
const hm = (t) => t.slice(0, 5);
const busLabel = (b) => (b.plate ? `${b.id} (${b.plate})` : b.id);

const browser = await chromium.launch({ executablePath: chrome, args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
const errors = [], requests = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
await page.goto(url);
await page.waitForSelector('body[data-ready="1"][data-idle="1"]', { timeout: 20000 });

// the roads: ink on the road canvas
const ink = await page.evaluate(() => {
  const c = document.querySelector('.leaflet-overlay-pane canvas');
  if (!c) return -1;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
});
check(ink > 1000, `the road canvas has ${ink} drawn pixels`);
const patterns = await page.$$eval('#sr-pattern option', (o) => o.length);
check(patterns === plan.patterns.length, `${patterns} day choices for ${plan.patterns.length} patterns`);
const rings = await page.$$eval('path.sr-unserved', (p) => p.map((x) => x.getAttribute('data-unserved')));
const unAt = new Set(plan.unserved.filter((u) => u.pickup && (u.days_mask & plan.patterns[0].days_mask))
  .map((u) => u.pickup));
check(rings.length === unAt.size && rings.every((id) => unAt.has(id)),
  `rings at ${rings.sort().join(' ') || 'none'}; children unserved at ${[...unAt].sort().join(' ') || 'none'}`);
const unListed = await page.$$eval('#sr-unserved li', (li) => li.length);
check((unListed > 0) === (unAt.size > 0), `${unListed} unserved lines listed for ${unAt.size} pickups`);
console.log(`unserved: ${rings.length} rings, ${unListed} lines`);

// after a choice the map moves to what it shows: wait until it has settled
async function choose(sel, value) {
  await page.selectOption(sel, value);
  await page.waitForSelector('body[data-idle="1"]', { timeout: 10000 });
}
const runsShown = () => page.$$eval('path.sr-run', (p) => p.length);
const listed = () => page.$$eval('#sr-runs li', (li) => li.map((x) => x.textContent));
const pat0 = plan.patterns[0];
const buses = plan.buses.filter((b) => pat0.runs.some((r) => r.bus === b.id)).slice(0, 4);
check(buses.length > 0, 'the first pattern has buses');
for (const bus of buses) {
  await choose('#sr-bus', { label: busLabel(bus) });
  const want = pat0.runs.filter((r) => r.bus === bus.id);
  const got = await runsShown();
  check(got === want.length, `bus ${bus.id}: ${got} runs drawn, plan.json has ${want.length}`);
  const items = await listed();
  for (const r of want)
    check(items.some((t) => t.startsWith(r.id + ' ')), `bus ${bus.id}: run ${r.id} not listed`);
  // names beside the dots: some shown, none over another
  const boxes = await page.$$eval('.sr-label', (ls) => ls
    // the previous choice's names fade out (opacity 0) for 200 ms
    .filter((l) => getComputedStyle(l).visibility !== 'hidden' && getComputedStyle(l).opacity !== '0')
    .map((l) => {
      const r = l.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom, l.textContent];
    }));
  check(boxes.length > 0, `bus ${bus.id}: no stop names shown`);
  for (let i = 0; i < boxes.length; i++)
    for (let j = 0; j < i; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      check(!(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]),
        `bus ${bus.id}: stop names '${a[4]}' and '${b[4]}' overlap`);
    }
  // a pickup of its first run: the popup gives its times and children
  const run = want[0];
  const st = run.stops.find((s) => s.board > 0) || run.stops[0];
  // the click goes to this stop's marker itself: another stop's marker may
  // lie over its centre, where a pointer click would land
  await page.dispatchEvent(`path.sr-stop[data-point="${st.point}"]`, 'click');
  const popup = await page.waitForSelector('.leaflet-popup-content', { timeout: 5000 });
  const text = await popup.textContent();
  for (const want of [run.id, hm(st.arrival), hm(st.departure), String(st.board)])
    check(text.includes(want), `stop ${st.name} of run ${run.id}: popup lacks '${want}': ${text}`);
  // the button itself gets the click: a pointer click may land where the
  // popup was before the map's auto-pan moved it (seen under load)
  await page.dispatchEvent('.leaflet-popup-close-button', 'click');
  // the closed popup fades out: gone before the next stop's is read
  await page.waitForSelector('.leaflet-popup', { state: 'detached', timeout: 15000 });
}
await choose('#sr-bus', 'all');
const ses = plan.sessions.find((s) => pat0.runs.some((r) => r.session === s.id));
const sesOpt = await page.$$eval('#sr-session option', (o, id) =>
  o.filter((x) => x.textContent.startsWith(id + ', ')).map((x) => x.value), ses.id);
check(sesOpt.length === 1, `session ${ses.id} is a choice once`);
await choose('#sr-session', sesOpt[0]);
let got = await runsShown(), want = pat0.runs.filter((r) => r.session === ses.id).length;
check(got === want, `session ${ses.id}: ${got} runs drawn, plan.json has ${want}`);
await choose('#sr-session', 'all');
// a session with children left on the first pattern's days is a choice
// (even with no run), and a ring at a pickup none of its runs calls at
// carries the village's name (names are shown when few stops are)
const left = plan.unserved.find((u) => u.pickup && (u.days_mask & pat0.days_mask) &&
  !pat0.runs.some((r) => r.session === u.session && r.stops.some((s) => s.point === u.pickup)));
if (left) {
  const opt = await page.$$eval('#sr-session option', (o, id) =>
    o.filter((x) => x.textContent.startsWith(id + ', ')).map((x) => x.value), left.session);
  // a choice even when none of its children rides on these days
  check(opt.length === 1, `session ${left.session} (children left) is a choice ${opt.length} times`);
  if (opt.length === 1) {
    await choose('#sr-session', opt[0]);
    const stops = await page.$$eval('path.sr-stop', (p) => p.length);
    const named = await page.$$eval('.sr-label', (l) => l.map((x) => x.textContent));
    check(stops > 25 || named.some((t) => t.startsWith(left.pickup_name)),
      `session ${left.session}: no name at the ring of ${left.pickup_name} (names: ${named.join(' | ')})`);
    console.log(`session ${left.session}: ${stops} stops, ring named ${left.pickup_name}`);
    await choose('#sr-session', 'all');
  }
}

// two buses sharing a road: the longest stretch between consecutive shape
// points that runs of exactly two buses use (either way), away from stops
const users = new Map();
const stopsAt = new Set(pat0.runs.flatMap((r) => r.stops.map((s) => s.point)));
pat0.runs.forEach((r) => r.shape.forEach((p, q) => {
  if (q + 1 >= r.shape.length) return;
  const a = p.join(','), b = r.shape[q + 1].join(',');
  const key = a < b ? a + ' ' + b : b + ' ' + a;
  if (!users.has(key)) users.set(key, { a: p, b: r.shape[q + 1], buses: new Set() });
  users.get(key).buses.add(r.bus);
}));
const metres = (u) => Math.hypot((u.a[0] - u.b[0]) * 63000, (u.a[1] - u.b[1]) * 111000);
const shared = [...users.values()].filter((u) => u.buses.size === 2)
  .sort((x, y) => metres(y) - metres(x));
check(shared.length > 0, 'the first pattern has a road stretch two buses share');
if (shared.length) {
  const u = shared[0], [busA, busB] = [...u.buses];
  const runBus = Object.fromEntries(pat0.runs.map((r) => [r.id, r.bus]));
  await page.evaluate(() => document.body.removeAttribute('data-idle'));
  await page.evaluate(([lat, lon]) => window.srMap.setView([lat, lon], 17, { animate: false }),
    [(u.a[1] + u.b[1]) / 2, (u.a[0] + u.b[0]) / 2]);
  await page.waitForSelector('body[data-idle="1"]', { timeout: 10000 });
  // across the stretch at its middle, every pixel from 16 px left to 16 px
  // right: the run line on top there
  const top = await page.evaluate(([a, b]) => {
    const m = window.srMap, box = document.getElementById('map').getBoundingClientRect();
    const pa = m.latLngToContainerPoint([a[1], a[0]]), pb = m.latLngToContainerPoint([b[1], b[0]]);
    const len = Math.hypot(pb.x - pa.x, pb.y - pa.y), nx = (pb.y - pa.y) / len, ny = -(pb.x - pa.x) / len;
    const seen = [];
    for (let t = -16; t <= 16; t++) {
      const x = box.left + (pa.x + pb.x) / 2 + nx * t, y = box.top + (pa.y + pb.y) / 2 + ny * t;
      const hit = document.elementsFromPoint(x, y).find((e) => e.classList.contains('sr-run'));
      if (hit) seen.push(hit.getAttribute('data-run'));
    }
    return seen;
  }, [u.a, u.b]);
  const seenBuses = new Set(top.map((id) => runBus[id]));
  check(seenBuses.has(busA) && seenBuses.has(busB),
    `buses ${busA} and ${busB} share a road, but across it only ${[...seenBuses].join(', ') || 'nothing'} shows (runs ${top.join(' ')})`);
  console.log(`shared road of ${busA} and ${busB} (${metres(u).toFixed(0)} m): across it ${[...seenBuses].join(', ')}`);
}

if (plan.patterns.length > 1) {
  await choose('#sr-pattern', '1');
  got = await runsShown();
  check(got === plan.patterns[1].runs.length,
    `pattern ${plan.patterns[1].days}: ${got} runs drawn of ${plan.patterns[1].runs.length}`);
}
check(errors.length === 0, 'console errors: ' + errors.join(' | '));
check(requests.length === 0, 'the page asked for: ' + requests.join(' '));
await browser.close();
console.log(failures ? `${failures} failure(s)` : 'map.html: all checks passed');
process.exit(failures ? 1 : 0);
