/* gtfs.c - a static GTFS feed of the plan (GTFS Schedule Reference,
 * gtfs.org/schedule/reference): agency, stops, routes, trips, stop_times,
 * calendar, shapes and feed_info, each file written atomically through
 * libcsv.
 *
 * Mapping: a session is a route (route_type 3, bus: the basic type every
 * tool knows, rather than the extended 712 school bus; a session held at
 * other times on some days is one route under its name); a run is a trip
 * (direction_id 0 to the session, 1 home) with its own shape; a day pattern
 * is a calendar service ("Mon_Wed_Fri") over the term; a bus's duty on a
 * pattern is a block. Stops are the points some run stops at, located where
 * the bus stops (road snap). Stop times are seconds after midnight printed
 * HH:MM:SS (over 24:00 only for a run past midnight, which the planner's
 * night rule excludes). pickup_type/drop_off_type are 0 where children get
 * on/off and 1 (none) elsewhere, so a journey planner never offers a school
 * bus to the public at a stop where nobody is expected. */
#include <stdlib.h>
#include <string.h>
#include "output/internal.h"
#include "util/i18n.h"

typedef struct gfile {
	sr_afile_t af;
	int io; /* a write failed */
} gfile_t;

static int gopen(gfile_t *g, const char *dir, const char *name, sr_error_t *err)
{
	char *path = out_path(dir, name);
	g->io = 0;
	int rc = sr_afile_open(&g->af, path, err);
	free(path);
	return rc;
}

static void grow(gfile_t *g, const char *const *f, int n)
{
	if (!g->io && sr_csv_write_row(g->af.fp, f, n))
		g->io = 1;
}

static int gclose(gfile_t *g, sr_error_t *err)
{
	if (g->io) {
		int rc = sr_error_set(err, SR_EIO, g->af.path, 0, _("write failed"));
		sr_afile_abort(&g->af);
		return rc;
	}
	return sr_afile_commit(&g->af, err);
}

static void service_id(const plan_pattern_t *pat, char *buf, size_t size)
{
	out_fmt_days(buf, size, pat->days, "_");
}

/* A pattern's service id in sid; 0 when it has no runs (no service). */
static int service_of(const plan_pattern_t *pat, char sid[40])
{
	if (!pat->n_runs)
		return 0;
	service_id(pat, sid, 40);
	return 1;
}

/* "YYYY-MM-DD" as GTFS's YYYYMMDD into out (>= 9 bytes); def when the
 * setting is empty (a plan made without plan_settings_init). */
static void gtfs_date(const char *iso, const char *def, char *out)
{
	if (strlen(iso) != 10) {
		snprintf(out, 9, "%s", def);
		return;
	}
	memcpy(out, iso, 4);
	memcpy(out + 4, iso + 5, 2);
	memcpy(out + 6, iso + 8, 2);
	out[8] = '\0';
}

/* The term of the plan's settings (term_start, term_end). */
static void term_dates(const sr_plan_t *p, char start[9], char end[9])
{
	gtfs_date(p->settings.term_start, OUT_TERM_START, start);
	gtfs_date(p->settings.term_end, OUT_TERM_END, end);
}

/* A file of a header and one record. */
static int write_one_row(const char *dir, const char *name, const char *const *h,
			 const char *const *r, int n, sr_error_t *err)
{
	gfile_t g;
	int rc = gopen(&g, dir, name, err);
	if (rc)
		return rc;
	grow(&g, h, n);
	grow(&g, r, n);
	return gclose(&g, err);
}

static const char *opt(const char *s)
{
	return s && s[0] ? s : "";
}

static const char *agency_name(const sr_plan_t *p)
{
	return p->settings.organisation && p->settings.organisation[0] ? p->settings.organisation
								       : OUT_AGENCY_NAME;
}

static const char *agency_url(const sr_plan_t *p)
{
	return p->settings.organisation_url && p->settings.organisation_url[0]
		       ? p->settings.organisation_url
		       : OUT_AGENCY_URL;
}

static const char *agency_tz(const sr_plan_t *p)
{
	return p->settings.timezone && p->settings.timezone[0] ? p->settings.timezone
							       : OUT_AGENCY_TZ;
}

static int write_agency(const sr_plan_t *p, const char *dir, sr_error_t *err)
{
	/* the agency as riders' apps show it: the organisation, its site,
	 * the district's time zone, the contact's phone */
	const char *h[] = {"agency_id",	      "agency_name", "agency_url",
			   "agency_timezone", "agency_lang", "agency_phone"};
	const char *r[] = {"schoolrun",	 agency_name(p),   agency_url(p),
			   agency_tz(p), p->settings.lang, opt(p->settings.contact_phone)};
	return write_one_row(dir, "agency.txt", h, r, 6, err);
}

static int write_feed_info(const sr_plan_t *p, const char *dir, sr_error_t *err)
{
	char start[9], end[9];
	term_dates(p, start, end);
	const char *h[] = {"feed_publisher_name", "feed_publisher_url", "feed_lang",
			   "feed_start_date", "feed_end_date"};
	const char *r[] = {agency_name(p), agency_url(p), p->settings.lang, start, end};
	return write_one_row(dir, "feed_info.txt", h, r, 5, err);
}

static int write_stops(const sr_plan_t *p, const char *dir, sr_error_t *err)
{
	gfile_t g;
	int rc = gopen(&g, dir, "stops.txt", err);
	if (rc)
		return rc;
	char *used = xcalloc((size_t)p->n_points + 1, 1);
	for (int k = 0; k < p->n_patterns; k++)
		for (int r = 0; r < p->patterns[k].n_runs; r++)
			for (int s = 0; s < p->patterns[k].runs[r].n_stops; s++)
				used[p->patterns[k].runs[r].stops[s].point] = 1;
	const char *h[] = {"stop_id", "stop_name", "stop_lat", "stop_lon", "location_type"};
	grow(&g, h, 5);
	for (int i = 0; i < p->n_points; i++) {
		if (!used[i])
			continue;
		char lat[32], lon[32];
		double la, lo;
		out_pt_stop_ll(&p->points[i], &la, &lo);
		snprintf(lat, sizeof lat, "%.6f", la);
		snprintf(lon, sizeof lon, "%.6f", lo);
		const char *row[] = {p->points[i].id, out_pt_label(p, &p->points[i]), lat, lon,
				     "0"};
		grow(&g, row, 5);
	}
	free(used);
	return gclose(&g, err);
}

/* A session's route: a session held at other times on some days is one
 * route under its name ("Футбол"), its parts' trips on their services. */
static const char *route_of(const sr_plan_t *p, int s)
{
	return plan_session_name(&p->sessions[s]);
}

static int write_routes(const sr_plan_t *p, const char *dir, sr_error_t *err)
{
	gfile_t g;
	int rc = gopen(&g, dir, "routes.txt", err);
	if (rc)
		return rc;
	const char *h[] = {"route_id", "agency_id", "route_short_name", "route_long_name",
			   "route_type"};
	grow(&g, h, 5);
	for (int i = 0; i < p->n_sessions; i++) {
		if (plan_session_family(p->sessions, i) != i)
			continue; /* its family's first part writes the route */
		int has_runs = 0;
		for (int k = 0; k < p->n_patterns && !has_runs; k++)
			for (int r = 0; r < p->patterns[k].n_runs && !has_runs; r++)
				has_runs = plan_session_family(p->sessions,
							       p->patterns[k].runs[r].session) == i;
		if (!has_runs)
			continue;
		const plan_session_t *s = &p->sessions[i];
		const char *row[] = {route_of(p, i), "schoolrun", route_of(p, i),
				     out_pt_label(p, &p->points[s->dest]), "3"};
		grow(&g, row, 5);
	}
	return gclose(&g, err);
}

static int write_calendar(const sr_plan_t *p, const char *dir, sr_error_t *err)
{
	gfile_t g;
	int rc = gopen(&g, dir, "calendar.txt", err);
	if (rc)
		return rc;
	const char *h[] = {"service_id", "monday",   "tuesday", "wednesday",  "thursday",
			   "friday",	 "saturday", "sunday",	"start_date", "end_date"};
	grow(&g, h, 10);
	char start[9], end[9];
	term_dates(p, start, end);
	char sid[40];
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		if (!service_of(pat, sid))
			continue;
		const char *row[10] = {sid};
		for (int d = 0; d < 7; d++)
			row[1 + d] = pat->days & (1u << d) ? "1" : "0";
		row[8] = start;
		row[9] = end;
		grow(&g, row, 10);
	}
	return gclose(&g, err);
}

/* calendar_dates.txt: the days of the term without runs (no_service), an
 * exception removing service (exception_type 2) for each service that
 * would run that weekday; no file when there are none. */
static int write_calendar_dates(const sr_plan_t *p, const char *dir, sr_error_t *err)
{
	int *days, n;
	char why[512];
	if (plan_no_service_days(&p->settings, &days, &n, why, sizeof why))
		return sr_error_set(err, SR_EINPUT, NULL, 0, "%s", why);
	if (!n)
		return SR_OK;
	gfile_t g;
	int rc = gopen(&g, dir, "calendar_dates.txt", err);
	if (rc) {
		free(days);
		return rc;
	}
	const char *h[] = {"service_id", "date", "exception_type"};
	grow(&g, h, 3);
	char sid[40];
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		if (!service_of(pat, sid))
			continue;
		for (int i = 0; i < n; i++) {
			if (!(pat->days & (1u << plan_weekday(days[i]))))
				continue;
			char ymd[16];
			plan_day_ymd(days[i], ymd);
			const char *row[] = {sid, ymd, "2"};
			grow(&g, row, 3);
		}
	}
	free(days);
	return gclose(&g, err);
}

/* trips.txt, stop_times.txt and shapes.txt in one pass over the runs. */
static int write_trips(const sr_plan_t *p, const char *dir, sr_error_t *err)
{
	gfile_t t, st, sh;
	int rc = gopen(&t, dir, "trips.txt", err);
	if (rc)
		return rc;
	if ((rc = gopen(&st, dir, "stop_times.txt", err))) {
		sr_afile_abort(&t.af);
		return rc;
	}
	if ((rc = gopen(&sh, dir, "shapes.txt", err))) {
		sr_afile_abort(&t.af);
		sr_afile_abort(&st.af);
		return rc;
	}
	const char *th[] = {"route_id",	    "service_id", "trip_id", "trip_headsign",
			    "direction_id", "block_id",	  "shape_id"};
	const char *sth[] = {"trip_id",	      "arrival_time", "departure_time", "stop_id",
			     "stop_sequence", "pickup_type",  "drop_off_type",	"timepoint"};
	const char *shh[] = {"shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"};
	grow(&t, th, 7);
	grow(&st, sth, 8);
	grow(&sh, shh, 4);
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		char sid[40];
		service_id(pat, sid, sizeof sid);
		int *ord = out_run_order(p, k);
		for (int i = 0; i < pat->n_runs; i++) {
			const plan_run_t *r = &pat->runs[ord[i]];
			char trip[256], block[512] = "";
			out_trip_id(p, k, ord[i], trip, sizeof trip);
			if (r->bus >= 0)
				snprintf(block, sizeof block, "%s_%s", p->buses[r->bus].id, sid);
			const plan_point_t *last = &p->points[r->stops[r->n_stops - 1].point];
			const char *row[] = {route_of(p, r->session),
					     sid,
					     trip,
					     out_pt_label(p, last),
					     r->dir == PLAN_HOME ? "1" : "0",
					     block,
					     r->n_shape >= 2 ? trip : ""};
			grow(&t, row, 7);
			for (int s = 0; s < r->n_stops; s++) {
				const plan_stop_t *x = &r->stops[s];
				char arr[16], dep[16], seq[16];
				out_fmt_hms(arr, x->arrival_s);
				out_fmt_hms(dep, x->departure_s);
				snprintf(seq, sizeof seq, "%d", s + 1);
				const char *srow[] = {trip,
						      arr,
						      dep,
						      p->points[x->point].id,
						      seq,
						      x->board > 0 ? "0" : "1",
						      x->alight > 0 ? "0" : "1",
						      "1"};
				grow(&st, srow, 8);
			}
			for (size_t s = 0; r->n_shape >= 2 && s < r->n_shape; s++) {
				char lat[32], lon[32], seq[32];
				snprintf(lat, sizeof lat, "%.6f", r->shape_lat[s]);
				snprintf(lon, sizeof lon, "%.6f", r->shape_lon[s]);
				snprintf(seq, sizeof seq, "%zu", s + 1);
				const char *shrow[] = {trip, lat, lon, seq};
				grow(&sh, shrow, 4);
			}
		}
		free(ord);
	}
	rc = gclose(&t, err);
	if (rc) {
		sr_afile_abort(&st.af);
		sr_afile_abort(&sh.af);
		return rc;
	}
	if ((rc = gclose(&st, err))) {
		sr_afile_abort(&sh.af);
		return rc;
	}
	return gclose(&sh, err);
}

int out_gtfs(const sr_plan_t *p, const char *dir, sr_error_t *err)
{
	int rc = out_check_plan(p, err);
	if (rc || (rc = sr_mkdir_p(dir, err)))
		return rc;
	if ((rc = write_agency(p, dir, err)) || (rc = write_stops(p, dir, err)) ||
	    (rc = write_routes(p, dir, err)) || (rc = write_calendar(p, dir, err)) ||
	    (rc = write_calendar_dates(p, dir, err)) || (rc = write_trips(p, dir, err)) ||
	    (rc = write_feed_info(p, dir, err)))
		return rc;
	return SR_OK;
}
