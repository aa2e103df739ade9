// gtfs_import.mjs - imports schoolrun's GTFS feed with node-gtfs (the npm
// package `gtfs`, github.com/BlinkTagInc/node-gtfs) into SQLite, reads it
// back through the package's query API and compares it with plan.json:
// one trip per run on the right route and direction, stop times equal to
// the plan's, stops with their (Cyrillic) names, a service per day pattern,
// a shape per run. Usage: node gtfs_import.mjs GTFS_DIR PLAN_JSON DB_PATH
import { readFileSync } from 'node:fs';
import {
  importGtfs, openDb, closeDb, getTrips, getStoptimes, getStops, getRoutes,
  getCalendars, getCalendarDates, getShapes, getAgencies,
} from 'gtfs';

const [gtfsDir, planPath, dbPath] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planPath, 'utf8'));
const config = { sqlitePath: dbPath, agencies: [{ path: gtfsDir }], verbose: false };

let failures = 0;
let checks = 0;
function check(cond, msg) {
  checks++;
  if (!cond) {
    failures++;
    console.error(`FAIL: ${msg}`);
  }
}

await importGtfs(config);
const db = openDb(config);
const opt = { db };

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const points = new Map(plan.points.map((p) => [p.id, p]));
const runs = plan.patterns.flatMap((p) => p.runs.map((r) => ({ ...r, days: p.days, mask: p.days_mask })));

check(getAgencies({}, [], [], opt).length === 1, 'one agency');
const trips = getTrips({}, [], [], opt);
check(trips.length === runs.length, `${trips.length} trips, plan has ${runs.length} runs`);
const routes = getRoutes({}, [], [], opt);
const usedSessions = new Set(runs.map((r) => r.session));
check(routes.length === usedSessions.size, `${routes.length} routes, ${usedSessions.size} sessions with runs`);
for (const r of routes) check(Number(r.route_type) === 3, `route ${r.route_id} type ${r.route_type}`);

const calendars = getCalendars({}, [], [], opt);
check(calendars.length === plan.patterns.length, `${calendars.length} services, ${plan.patterns.length} patterns`);

for (const run of runs) {
  const ids = [run.id, `${run.id}_${run.days.replaceAll(',', '-')}`];
  const trip = trips.find((t) => ids.includes(t.trip_id));
  check(trip, `no trip for run ${run.id}`);
  if (!trip) continue;
  check(trip.route_id === run.session, `trip ${trip.trip_id} route ${trip.route_id}`);
  check(Number(trip.direction_id) === (run.direction === 'home' ? 1 : 0), `trip ${trip.trip_id} direction`);
  const cal = calendars.find((c) => c.service_id === trip.service_id);
  check(cal, `trip ${trip.trip_id}: no service ${trip.service_id}`);
  if (cal) {
    weekdays.forEach((d, i) => check(Number(cal[d]) === ((run.mask >> i) & 1), `service ${cal.service_id} ${d}`));
  }
  const st = getStoptimes({ trip_id: trip.trip_id }, [], [['stop_sequence', 'ASC']], opt);
  check(st.length === run.stops.length, `trip ${trip.trip_id}: ${st.length} stop times, run has ${run.stops.length}`);
  st.forEach((s, i) => {
    const want = run.stops[i];
    if (!want) return;
    check(s.stop_id === want.point, `trip ${trip.trip_id} stop ${i + 1}: ${s.stop_id} vs ${want.point}`);
    check(s.arrival_time === want.arrival && s.departure_time === want.departure,
      `trip ${trip.trip_id} stop ${i + 1}: ${s.arrival_time}/${s.departure_time} vs ${want.arrival}/${want.departure}`);
  });
  const shape = getShapes({ shape_id: trip.shape_id }, [], [], opt);
  check(shape.length === run.shape.length, `shape ${trip.shape_id}: ${shape.length} points, run has ${run.shape.length}`);
}

// the days without runs: plan.json's no_service is the default
// ru_holidays, so a removal (exception_type 2) for each fixed Russian public
// holiday of the term on each service running that weekday, nothing else
const settings = plan.settings;
check(settings.no_service === 'ru_holidays', `no_service ${settings.no_service}`);
const fixed = [[1, 1], [1, 2], [1, 3], [1, 4], [1, 5], [1, 6], [1, 7], [1, 8], [2, 23], [3, 8], [5, 1], [5, 9], [6, 12], [11, 4]];
const t0 = settings.term_start.replaceAll('-', ''), t1 = settings.term_end.replaceAll('-', '');
const want = new Set();
for (let y = Number(t0.slice(0, 4)); y <= Number(t1.slice(0, 4)); y++) {
  for (const [m, d] of fixed) {
    const ymd = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
    if (ymd < t0 || ymd > t1) continue;
    const wd = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // 0 = Monday
    for (const c of calendars) if (Number(c[weekdays[wd]]) === 1) want.add(`${c.service_id} ${ymd}`);
  }
}
const dates = getCalendarDates({}, [], [], opt);
const got = new Set(dates.map((x) => `${x.service_id} ${x.date}`));
check(want.size > 0, 'the term has public holidays on service days');
check(dates.every((x) => Number(x.exception_type) === 2), 'every exception removes service');
check(got.size === want.size && [...want].every((k) => got.has(k)),
  `calendar_dates ${[...got].join(', ')} vs ${[...want].join(', ')}`);

const stops = getStops({}, [], [], opt);
for (const s of stops) {
  const p = points.get(s.stop_id);
  check(p, `stop ${s.stop_id} is no plan point`);
  if (p) {
    check(s.stop_name === p.name, `stop ${s.stop_id} name ${s.stop_name} vs ${p.name}`);
    check(Math.abs(s.stop_lat - p.stop_lat) < 1e-6 && Math.abs(s.stop_lon - p.stop_lon) < 1e-6, `stop ${s.stop_id} position`);
  }
}
const usedStops = new Set(runs.flatMap((r) => r.stops.map((s) => s.point)));
check(stops.length === usedStops.size, `${stops.length} stops, runs use ${usedStops.size}`);

closeDb(db);
console.log(`node-gtfs import: ${trips.length} trips, ${stops.length} stops; ${checks - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
