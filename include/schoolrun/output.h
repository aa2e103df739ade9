/*
 * output.h - everything schoolrun writes from a plan: plan.json,
 * timetable.csv, a GTFS feed, routes.geojson, printable HTML schedules with
 * inline SVG maps, and summary.txt. Every file is written atomically
 * (io.h), in UTF-8, with deterministic bytes: same plan, same files.
 *
 * Every function first checks the plan's invariants (indices in range, ids
 * present and unique, valid UTF-8, stop times non-decreasing along a run,
 * duties holding only their bus's runs, day patterns disjoint) and returns
 * SR_EINTERNAL without writing anything when one does not hold. The plan is
 * only read; the caller keeps owning it. Returns SR_OK, or SR_EIO naming the
 * file that could not be written.
 */
#ifndef SCHOOLRUN_OUTPUT_H
#define SCHOOLRUN_OUTPUT_H

#include "schoolrun/plan.h"
#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes all outputs of a plan into out_dir (created with its parents if
 * missing): plan.json, timetable.csv, timetable.xlsx, routes.geojson, summary.txt, gtfs/
 * and print/. */
int out_write_all(const sr_plan_t *p, const char *out_dir, sr_error_t *err);

/* The whole plan as JSON: settings, input checksums, points, sessions,
 * buses, riders, day patterns with runs (stops, times as "HH:MM:SS" and
 * seconds, children, road shape as [lon, lat]) and duties, unserved groups
 * with reasons. */
int out_plan_json(const sr_plan_t *p, const char *path, sr_error_t *err);

/* One row per stop event: days,bus,run,seq,stop_id,stop_name,lat,lon,
 * arrival,departure,board,alight,session,destination. days lists English
 * day names ("Mon,Wed,Fri"), times are HH:MM:SS, bus is empty for a run
 * without a bus, destination is the session's destination name. */
int out_timetable_csv(const sr_plan_t *p, const char *path, sr_error_t *err);

/* The timetable as an Excel workbook (libxlsxwriter) in the plan's
 * language: a sheet per day pattern (the rows of timetable.csv) and one per
 * bus (leaving the depot, its runs, back at the depot); times are Excel
 * time cells, the header row frozen, A4 landscape one page wide. */
int out_timetable_xlsx(const sr_plan_t *p, const char *path, sr_error_t *err);

/* A GTFS feed in dir (created if missing): agency, stops, routes (one per
 * session, route_type 3), trips (one per run, direction_id 0 to the
 * session / 1 home, block_id per bus and day pattern), stop_times,
 * calendar (one service per day pattern over the term), shapes, feed_info. */
int out_gtfs(const sr_plan_t *p, const char *dir, sr_error_t *err);

/* RFC 7946 FeatureCollection: a LineString per run along its road shape
 * and a Point per stop event, [lon, lat] with 6 decimals. */
int out_geojson(const sr_plan_t *p, const char *path, sr_error_t *err);

/* Printable A4 HTML in dir (created if missing), in settings.lang (ru or
 * en): index.html, a driver's sheet per bus per day pattern with an SVG map
 * per run (bus-N-DAYS.html), a page per destination (dest-N.html) and per
 * village (village-N.html); N is the 1-based bus or point index. */
int out_print_html(const sr_plan_t *p, const char *dir, sr_error_t *err);

/* Renders print/drivers.html, destinations.html, villages.html and lists.html in
 * print_dir to PDF beside them with headless Chromium (Debian `chromium`,
 * found in PATH). SR_EIO with a message saying how to install Chromium when
 * it is missing, or naming the book it could not print. The PDFs carry
 * Chromium's creation time (not byte-identical between runs). */
int out_print_pdf(const char *print_dir, sr_error_t *err);

/* summary.txt in English: buses used, runs, km, longest ride and earliest
 * pickup per day pattern, every unserved group with its reason. */
int out_summary(const sr_plan_t *p, const char *path, sr_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
