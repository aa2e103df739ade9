/* map_html.c - map.html: the plan on an interactive map that needs no
 * network. One self-contained page: Leaflet (Debian's libjs-leaflet, read
 * from SR_LEAFLET_DIR at plan time and inlined), the page's script
 * (map_app.js, built in), and the plan as JSON: the roads of the plan's OSM
 * map (roads.c: main roads in full, middle ones simplified to 8 m, minor
 * ones to 20 m), the stops, buses, sessions and every day pattern's runs
 * with their road shapes and stop times, and the children not served, one
 * entry a line of summary.txt's list, by pickup. Coordinates are integers of 1e-5
 * degrees (about a metre), delta-coded along each line, the way Google's
 * encoded polylines save space (here as plain JSON numbers).
 *
 * Without Leaflet installed the page is not written and a warning says
 * which Debian package to install; the rest of the plan is unaffected. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "output/internal.h"
#include "map_app_js.h" /* map_app_js[]: src/output/map_app.js, generated */
#include "util/i18n.h"

#ifndef SR_LEAFLET_DIR
#define SR_LEAFLET_DIR "/usr/share/javascript/leaflet"
#endif

/* Leaflet's licence asks for its notice in copies (BSD-2-Clause); the
 * minified file carries none. */
#define LEAFLET_NOTICE                                                                      \
	"(c) 2010-2019 Vladimir Agafonkin, (c) 2010-2011 CloudMade; BSD-2-Clause licence; " \
	"from Debian's libjs-leaflet"

static const char page_css[] =
	"html, body { height: 100%; margin: 0; }\n"
	"body { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif;"
	" font-size: 13px; display: flex; }\n"
	"#map { flex: 1; background: #f4f1ea; }\n"
	"#sr-panel { width: 330px; overflow-y: auto; padding: 8px 10px; box-sizing: border-box;"
	" border-right: 1px solid #bbb; background: #fff; }\n"
	"#sr-panel h1 { font-size: 16px; margin: 0 0 6px; }\n"
	"#sr-panel label { display: block; margin: 6px 0 2px; font-weight: bold; }\n"
	"#sr-panel select { width: 100%; }\n"
	"#sr-runs { list-style: none; padding: 0; margin: 8px 0; }\n"
	"#sr-runs li { padding: 3px 2px; border-bottom: 1px solid #eee; cursor: pointer; }\n"
	"#sr-runs li:hover { background: #f0f4ff; }\n"
	".sw { display: inline-block; width: 12px; height: 12px; margin-right: 5px;"
	" vertical-align: -1px; border: 1px solid #333; }\n"
	".sw.un { border: 3px solid #d62728; border-radius: 50%; width: 8px; height: 8px;"
	" background: #fff; }\n"
	"#sr-unserved { list-style: none; padding: 0; margin: 8px 0; }\n"
	"#sr-unserved li { padding: 3px 2px; border-bottom: 1px solid #eee; cursor: pointer; }\n"
	"#sr-panel h2 { font-size: 14px; margin: 10px 0 2px; color: #b00; }\n"
	".sr-popup table { border-collapse: collapse; margin: 4px 0; }\n"
	".sr-popup th, .sr-popup td { border: 1px solid #ccc; padding: 1px 4px; font-size: 12px; }\n"
	".sr-popup td.n { text-align: right; }\n"
	".nav { font-size: 12px; }\n"
	".sr-label { font-size: 11px; padding: 0 3px; box-shadow: none; opacity: 0.85; }\n";

int out_leaflet_found(void)
{
	return access(SR_LEAFLET_DIR "/leaflet.js", R_OK) == 0 &&
	       access(SR_LEAFLET_DIR "/leaflet.css", R_OK) == 0;
}

/* Appends a file, leaving out its source map comment (a browser would try
 * to load the .map file beside the page). */
static int put_file(sr_buf_t *b, const char *path, sr_error_t *err)
{
	char *data;
	size_t len;
	int rc = sr_read_file(path, &data, &len, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (data + i)) + 1 : len - i;
		if (!((n >= 21 && memcmp(data + i, "//# sourceMappingURL=", 21) == 0) ||
		      (n >= 21 && memcmp(data + i, "/*# sourceMappingURL=", 21) == 0)))
			sr_buf_append(b, data + i, n);
		i += n;
	}
	free(data);
	return SR_OK;
}

/* A JSON string safe inside <script>: '<', '>' and '&' as \u escapes. */
static void json_text(sr_buf_t *b, const char *s)
{
	sr_buf_t t;
	sr_buf_init(&t);
	sr_buf_json_str(&t, s ? s : "");
	for (size_t i = 0; i < t.len; i++) {
		char c = t.data[i];
		if (c == '<' || c == '>' || c == '&')
			sr_buf_printf(b, "\\u%04x", (unsigned)c);
		else
			sr_buf_putc(b, c);
	}
	sr_buf_free(&t);
}

/* A line as [lat, lon, dlat, dlon, ...] in 1e-5 degrees, repeated points
 * (after rounding) left out. */
static void put_line(sr_buf_t *b, const double *lat, const double *lon, size_t n)
{
	long plat = 0, plon = 0;
	int first = 1;
	sr_buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		long la = lround(lat[i] * 1e5), lo = lround(lon[i] * 1e5);
		if (!first && la == plat && lo == plon)
			continue;
		sr_buf_printf(b, "%s%ld,%ld", first ? "" : ",", la - plat, lo - plon);
		plat = la, plon = lo, first = 0;
	}
	sr_buf_putc(b, ']');
}

/* "roads": one list of lines per rank (main, middle, minor). */
static void put_roads(sr_buf_t *b, const sr_plan_t *p)
{
	static const double tol[OUT_N_ROAD_RANKS] = {0, 8, 20};
	out_roads_t rs;
	out_roads_collect(p->map ? p->map->net : NULL, NULL, tol, &rs);
	sr_buf_puts(b, "\"roads\":[");
	for (int rank = 0; rank < OUT_N_ROAD_RANKS; rank++) {
		sr_buf_puts(b, rank ? ",\n[" : "\n[");
		int first = 1;
		for (size_t i = 0; i < rs.n_roads; i++) {
			const out_road_t *rd = &rs.roads[i];
			if (rd->rank != rank || rd->n < 2)
				continue;
			if (!first)
				sr_buf_putc(b, ',');
			put_line(b, rs.lat + rd->first, rs.lon + rd->first, rd->n);
			first = 0;
		}
		sr_buf_putc(b, ']');
	}
	sr_buf_puts(b, "]");
	out_roads_free(&rs);
}

static void put_points(sr_buf_t *b, const sr_plan_t *p)
{
	static const char *const kinds[] = {"pickup", "destination", "depot"};
	sr_buf_puts(b, ",\n\"points\":[");
	for (int i = 0; i < p->n_points; i++) {
		const plan_point_t *pt = &p->points[i];
		double la, lo;
		char lb[512];
		out_pt_stop_ll(pt, &la, &lo);
		sr_buf_puts(b, i ? ",\n{\"id\":" : "\n{\"id\":");
		json_text(b, pt->id);
		sr_buf_puts(b, ",\"name\":");
		json_text(b, out_pt_stop_label(p, pt, lb, sizeof lb));
		sr_buf_printf(b, ",\"kind\":\"%s\",\"lat\":",
			      kinds[pt->kind >= 0 && pt->kind <= 2 ? pt->kind : 0]);
		sr_buf_num(b, la, 6);
		sr_buf_puts(b, ",\"lon\":");
		sr_buf_num(b, lo, 6);
		sr_buf_putc(b, '}');
	}
	sr_buf_puts(b, "]");
}

static void put_buses_sessions(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_puts(b, ",\n\"buses\":[");
	for (int i = 0; i < p->n_buses; i++) {
		sr_buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
		json_text(b, p->buses[i].id);
		sr_buf_puts(b, ",\"plate\":");
		if (p->buses[i].plate)
			json_text(b, p->buses[i].plate);
		else
			sr_buf_puts(b, "null");
		sr_buf_printf(b, ",\"depot\":%d}", p->buses[i].depot);
	}
	sr_buf_puts(b, "],\n\"sessions\":[");
	for (int i = 0; i < p->n_sessions; i++) {
		const plan_session_t *s = &p->sessions[i];
		sr_buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
		json_text(b, s->id);
		sr_buf_printf(b, ",\"dest\":%d,\"start\":%d,\"end\":%d}", s->dest, s->start_s,
			      s->end_s);
	}
	sr_buf_puts(b, "]");
}

/* A run: id, bus, session (and every session of a mixed run), direction, children, road shape (or its stops
 * when it has none) and stops [point, arrival, departure, on, off, session]. */
static void put_run(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r)
{
	sr_buf_puts(b, "{\"id\":");
	json_text(b, r->id);
	sr_buf_printf(b, ",\"bus\":%d,\"session\":%d,\"sessions\":[%d", r->bus, r->session,
		      r->session);
	for (int k = 0; k < r->n_stops; k++) /* a mixed run's other sessions */
		if (plan_stop_is_dest(r, k) && r->stops[k].session != r->session)
			sr_buf_printf(b, ",%d", r->stops[k].session);
	sr_buf_printf(b, "],\"dir\":%d,\"children\":%d,\"shape\":", r->dir, r->children);
	if (r->n_shape >= 2) {
		put_line(b, r->shape_lat, r->shape_lon, r->n_shape);
	} else {
		double *la = xmalloc(sizeof(double) * (size_t)(r->n_stops + 1));
		double *lo = xmalloc(sizeof(double) * (size_t)(r->n_stops + 1));
		for (int i = 0; i < r->n_stops; i++)
			out_pt_stop_ll(&p->points[r->stops[i].point], &la[i], &lo[i]);
		put_line(b, la, lo, (size_t)r->n_stops);
		free(la), free(lo);
	}
	sr_buf_puts(b, ",\"stops\":[");
	for (int i = 0; i < r->n_stops; i++) {
		const plan_stop_t *st = &r->stops[i];
		sr_buf_printf(b, "%s[%d,%d,%d,%d,%d,%d]", i ? "," : "", st->point, st->arrival_s,
			      st->departure_s, st->board, st->alight, st->session);
	}
	sr_buf_puts(b, "]}");
}

static void put_patterns(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_puts(b, ",\n\"patterns\":[");
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		sr_buf_t days;
		sr_buf_init(&days);
		out_buf_days_short(&days, p, pat->days);
		sr_buf_puts(b, k ? ",\n{\"days\":" : "\n{\"days\":");
		json_text(b, days.data);
		sr_buf_free(&days);
		sr_buf_printf(b, ",\"mask\":%u", (unsigned)pat->days);
		sr_buf_puts(b, ",\"runs\":[");
		int *ord = out_run_order(p, k);
		for (int i = 0; i < pat->n_runs; i++) {
			sr_buf_puts(b, i ? ",\n" : "\n");
			put_run(b, p, &pat->runs[ord[i]]);
		}
		free(ord);
		sr_buf_puts(b, "]}");
	}
	sr_buf_puts(b, "]");
}

/* The children not served, as summary.txt lists them (out_unserved_lines),
 * those with a pickup on the map: point, session, days (a mask, to show
 * them with the day patterns they fall on), what is missed and why. */
static void put_unserved(sr_buf_t *b, const sr_plan_t *p)
{
	out_unserved_t *l = out_unserved_lines(p);
	int *ord = out_unserved_order(p);
	sr_buf_puts(b, ",\n\"unserved\":[");
	int n = 0;
	for (int k = 0; k < p->n_unserved; k++) {
		int i = ord[k];
		const plan_unserved_t *u = &p->unserved[i];
		if (!l[i].shown || u->pickup < 0 || u->session < 0)
			continue;
		sr_buf_t t;
		sr_buf_init(&t);
		out_buf_days_short(&t, p, l[i].days);
		sr_buf_puts(&t, ", ");
		sr_buf_puts(&t, out_unserved_dir(p, u, &l[i]));
		sr_buf_printf(
			b, "%s{\"point\":%d,\"session\":%d,\"days\":%u,\"children\":%d,\"when\":",
			n++ ? ",\n" : "\n", u->pickup, u->session, (unsigned)l[i].days,
			u->children);
		json_text(b, t.data);
		sr_buf_reset(&t);
		out_reason(&t, p, u);
		sr_buf_puts(b, ",\"why\":");
		json_text(b, t.data);
		sr_buf_free(&t);
		sr_buf_putc(b, '}');
	}
	sr_buf_puts(b, "]");
	free(ord);
	free(l);
}

/* The page's words in the plan's language, for the script. */
static void put_messages(sr_buf_t *b, const sr_plan_t *p)
{
	static const struct {
		const char *key;
		out_msg_t m;
	} words[] = {{"all", M_ALL},	       {"unassigned", M_UNASSIGNED},
		     {"osm", M_OSM_CREDIT},    {"run", M_RUN},
		     {"bus", M_BUS},	       {"session", M_SESSION},
		     {"arrival", M_ARRIVAL},   {"departure", M_DEPARTURE},
		     {"board", M_BOARD},       {"alight", M_ALIGHT},
		     {"home", M_DIR_HOME},     {"to", M_DIR_TO},
		     {"children", M_CHILDREN}, {"children_short", M_CHILDREN_SHORT},
		     {"no_runs", M_NO_RUNS},   {"depot", M_DEPOT},
		     {"unserved", M_UNSERVED}, {"reason", M_REASON},
		     {"days", M_DAYS}};
	sr_buf_puts(b, "\"msg\":{");
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		sr_buf_printf(b, "%s\"%s\":", i ? "," : "", words[i].key);
		json_text(b, out_msg(p, words[i].m));
	}
	sr_buf_puts(b, "},\n");
}

/* The panel beside the map: title, the contact line, the three choices,
 * the list of runs shown. */
static void put_panel(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_puts(b, "<div id=\"sr-panel\">\n<p class=\"nav\"><a href=\"print/index.html\">");
	sr_buf_html(b, out_msg(p, M_INDEX_TITLE));
	sr_buf_puts(b, "</a></p>\n<h1>");
	sr_buf_html(b, out_msg(p, M_ROUTE_MAP));
	sr_buf_puts(b, "</h1>\n");
	static const struct {
		const char *id;
		out_msg_t m;
	} sel[] = {{"sr-pattern", M_DAYS}, {"sr-bus", M_BUS}, {"sr-session", M_SESSION}};
	for (size_t i = 0; i < sizeof sel / sizeof sel[0]; i++) {
		sr_buf_printf(b, "<label for=\"%s\">", sel[i].id);
		sr_buf_html(b, out_msg(p, sel[i].m));
		sr_buf_printf(b, "</label><select id=\"%s\"></select>\n", sel[i].id);
	}
	sr_buf_puts(b, "<ul id=\"sr-runs\"></ul>\n<h2 id=\"sr-unserved-head\" hidden>");
	sr_buf_html(b, out_msg(p, M_UNSERVED));
	sr_buf_puts(b, "</h2>\n<ul id=\"sr-unserved\"></ul>\n</div>\n<div id=\"map\"></div>\n");
}

static int put_page(sr_buf_t *b, const sr_plan_t *p, sr_error_t *err)
{
	sr_buf_printf(b,
		      "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<title>",
		      strcmp(p->settings.lang, "ru") == 0 ? "ru" : "en");
	sr_buf_html(b, out_msg(p, M_ROUTE_MAP));
	sr_buf_puts(b, "</title>\n<style>\n");
	int rc = put_file(b, SR_LEAFLET_DIR "/leaflet.css", err);
	if (rc)
		return rc;
	sr_buf_printf(b, "%s</style>\n</head>\n<body>\n", page_css);
	put_panel(b, p);
	sr_buf_puts(b, "<script id=\"sr-data\" type=\"application/json\">{");
	put_messages(b, p);
	put_roads(b, p);
	put_points(b, p);
	put_buses_sessions(b, p);
	put_patterns(b, p);
	put_unserved(b, p);
	sr_buf_puts(b, "}</script>\n<script>\n");
	/* the minified build when the package has it (a third of the size) */
	sr_buf_puts(b, "/* Leaflet " LEAFLET_NOTICE " */\n");
	rc = put_file(b,
		      access(SR_LEAFLET_DIR "/leaflet.min.js", R_OK) == 0
			      ? SR_LEAFLET_DIR "/leaflet.min.js"
			      : SR_LEAFLET_DIR "/leaflet.js",
		      err);
	if (rc)
		return rc;
	sr_buf_printf(b, "</script>\n<script>\n%s</script>\n</body>\n</html>\n", map_app_js);
	return SR_OK;
}

int out_map_html(const sr_plan_t *p, const char *path, sr_error_t *err)
{
	int rc = out_check_plan(p, err);
	if (rc)
		return rc;
	if (!out_leaflet_found()) {
		sr_warn(_("map.html not written: Leaflet not found in %s (install the Debian "
			  "package libjs-leaflet)"),
			SR_LEAFLET_DIR);
		return SR_OK;
	}
	sr_buf_t b;
	sr_buf_init(&b);
	rc = put_page(&b, p, err);
	if (!rc)
		rc = out_write_buf(path, &b, err);
	sr_buf_free(&b);
	return rc;
}
