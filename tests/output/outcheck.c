/* outcheck.c - see outcheck.h. Independent of src/output: its own time and
 * day formatting, the CSV reader and json_mini for parsing. */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "testutil.h"
#include "outcheck.h"

static const char *const day3[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

void hms(char *buf, int s)
{
	sprintf(buf, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
}

int parse_hms(const char *t)
{
	int h, m, s;
	char tail;
	if (sscanf(t, "%d:%d:%d%c", &h, &m, &s, &tail) != 3 || m > 59 || s > 59 || strlen(t) != 8)
		return -1;
	return h * 3600 + m * 60 + s;
}

void days_str(char *buf, uint8_t d)
{
	buf[0] = '\0';
	for (int i = 0; i < 7; i++)
		if (d & (1 << i)) {
			if (buf[0])
				strcat(buf, ",");
			strcat(buf, day3[i]);
		}
}

char *slurp(const char *path, size_t *len)
{
	char *data = NULL;
	size_t n = 0;
	sr_error_t err;
	if (sr_read_file(path, &data, &n, &err) != SR_OK)
		return NULL;
	if (len)
		*len = n;
	return data;
}

int count_sub(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *s = hay; (s = strstr(s, needle)); s += strlen(needle))
		n++;
	return n;
}

const plan_run_t *find_run(const sr_plan_t *p, int pattern, const char *id)
{
	for (int i = 0; i < p->patterns[pattern].n_runs; i++)
		if (strcmp(p->patterns[pattern].runs[i].id, id) == 0)
			return &p->patterns[pattern].runs[i];
	return NULL;
}

void stop_ll(const plan_point_t *pt, double *lat, double *lon)
{
	int snapped = !(pt->snap_lat == 0 && pt->snap_lon == 0);
	*lat = snapped ? pt->snap_lat : pt->lat;
	*lon = snapped ? pt->snap_lon : pt->lon;
}

jval_t *read_json(const char *path)
{
	size_t n = 0;
	char *text = slurp(path, &n);
	CHECK_MSG(text != NULL, "cannot read %s", path);
	if (!text)
		return NULL;
	char msg[256];
	jval_t *v = json_parse(text, n, msg, sizeof msg);
	CHECK_MSG(v != NULL, "%s: %s", path, msg);
	free(text);
	return v;
}

sr_csv_t *gread(const char *dir, const char *name)
{
	sr_csv_t *csv = NULL;
	sr_error_t err;
	char path[4096];
	snprintf(path, sizeof path, "%s/gtfs/%s", dir, name);
	CHECK_OK(sr_csv_read(path, 1, &csv, &err), &err);
	return csv;
}

int gcol(const sr_csv_t *c, const char *name)
{
	int i = c && c->n_rows ? sr_csv_col(&c->rows[0], name) : -1;
	CHECK_MSG(i >= 0, "GTFS column %s missing", name);
	return i;
}

/* Row index (>= 1) whose column col equals v, or 0. */
size_t gfind(const sr_csv_t *c, int col, const char *v)
{
	for (size_t i = 1; c && col >= 0 && i < c->n_rows; i++)
		if (col < c->rows[i].n && strcmp(c->rows[i].fields[col], v) == 0)
			return i;
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists regular files under dir (relative paths, sorted). */
void list_files(const char *dir, const char *rel, char ***names, size_t *n)
{
	char path[4096];
	snprintf(path, sizeof path, "%s%s%s", dir, rel[0] ? "/" : "", rel);
	DIR *d = opendir(path);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char sub[4096], full[8192];
		snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
		snprintf(full, sizeof full, "%s/%s", dir, sub);
		struct stat sb;
		if (stat(full, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			list_files(dir, sub, names, n);
		} else {
			*names = xreallocarray(*names, *n + 1, sizeof(char *));
			(*names)[(*n)++] = xstrdup(sub);
		}
	}
	closedir(d);
	qsort(*names, *n, sizeof(char *), cmp_name);
}

void check_same_tree(const char *dir1_, const char *dir2_, size_t min_files)
{
	char *dir1 = xstrdup(dir1_), *dir2 = xstrdup(dir2_); /* test_path() reuses its buffers */
	char **a = NULL, **b = NULL;
	size_t na = 0, nb = 0;
	list_files(dir1, "", &a, &na);
	list_files(dir2, "", &b, &nb);
	CHECK_MSG(na == nb && na >= min_files, "%zu vs %zu files", na, nb);
	for (size_t i = 0; i < na && i < nb; i++) {
		CHECK(strcmp(a[i], b[i]) == 0);
		CHECK_MSG(!strstr(a[i], ".tmp"), "temporary file left: %s", a[i]);
		size_t la = 0, lb = 0;
		char *x = slurp(test_path(dir1, a[i]), &la), *y = slurp(test_path(dir2, b[i]), &lb);
		CHECK_MSG(x && y && la == lb && memcmp(x, y, la) == 0, "%s differs", a[i]);
		/* every text output is UTF-8; the workbook is a zip (its XML is
		 * read back by xlsx_check.py) */
		size_t nl = strlen(a[i]);
		if (nl < 5 || strcmp(a[i] + nl - 5, ".xlsx") != 0)
			CHECK_MSG(x && sr_utf8_valid(x, la), "%s is not UTF-8", a[i]);
		free(x);
		free(y);
	}
	for (size_t i = 0; i < na; i++)
		free(a[i]);
	for (size_t i = 0; i < nb; i++)
		free(b[i]);
	free(a);
	free(b);
	free(dir1);
	free(dir2);
}

/* The pattern whose days print as days (with sep between names), or -1. */
static int pattern_of(const sr_plan_t *p, const char *days, char sep)
{
	for (int k = 0; k < p->n_patterns; k++) {
		char d[64];
		days_str(d, p->patterns[k].days);
		for (char *c = d; *c; c++)
			if (*c == ',')
				*c = sep;
		if (strcmp(d, days) == 0)
			return k;
	}
	return -1;
}

static size_t total_stops(const sr_plan_t *p, size_t *runs)
{
	size_t n = 0, r = 0;
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++, r++)
			n += (size_t)p->patterns[k].runs[i].n_stops;
	if (runs)
		*runs = r;
	return n;
}

/* Index of a stop event over the whole plan (pattern, run, stop order). */
static size_t event_index(const sr_plan_t *p, int k, const plan_run_t *r, int s)
{
	size_t n = 0;
	for (int j = 0; j < k; j++)
		for (int i = 0; i < p->patterns[j].n_runs; i++)
			n += (size_t)p->patterns[j].runs[i].n_stops;
	for (int i = 0; &p->patterns[k].runs[i] != r; i++)
		n += (size_t)p->patterns[k].runs[i].n_stops;
	return n + (size_t)s;
}

sr_csv_t *read_csv(const char *path)
{
	sr_csv_t *csv = NULL;
	sr_error_t err;
	CHECK_OK(sr_csv_read(path, 1, &csv, &err), &err);
	return csv;
}

static void check_timetable(const sr_plan_t *p, const char *dir)
{
	sr_csv_t *csv = read_csv(test_path(dir, "timetable.csv"));
	if (!csv)
		return;
	size_t n = total_stops(p, NULL);
	char *seen = xcalloc(n + 1, 1);
	CHECK_MSG(csv->n_rows == n + 1, "timetable.csv: %zu rows for %zu stop events",
		  csv->n_rows - 1, n);
	for (size_t i = 1; i < csv->n_rows; i++) {
		char **f = csv->rows[i].fields;
		CHECK(csv->rows[i].n == 14);
		if (csv->rows[i].n != 14)
			continue;
		int k = pattern_of(p, f[0], ',');
		const plan_run_t *r = k >= 0 ? find_run(p, k, f[2]) : NULL;
		int s = atoi(f[3]) - 1;
		CHECK_MSG(r && s >= 0 && s < r->n_stops,
			  "timetable.csv line %zu: no such stop event", i + 1);
		if (!r || s < 0 || s >= r->n_stops)
			continue;
		size_t e = event_index(p, k, r, s);
		CHECK_MSG(!seen[e], "timetable.csv line %zu: stop event listed twice", i + 1);
		seen[e] = 1;
		const plan_stop_t *st = &r->stops[s];
		char t[16];
		CHECK(strcmp(f[1], r->bus >= 0 ? p->buses[r->bus].id : "") == 0);
		CHECK(strcmp(f[4], p->points[st->point].id) == 0);
		hms(t, st->arrival_s);
		CHECK(strcmp(f[8], t) == 0);
		hms(t, st->departure_s);
		CHECK(strcmp(f[9], t) == 0);
		CHECK(atoi(f[10]) == st->board && atoi(f[11]) == st->alight);
		CHECK(strcmp(f[12], p->sessions[r->session].id) == 0);
	}
	free(seen);
	sr_csv_free(csv);
}

static void check_gtfs(const sr_plan_t *p, const char *dir)
{
	sr_csv_t *stops = gread(dir, "stops.txt"), *routes = gread(dir, "routes.txt"),
		 *trips = gread(dir, "trips.txt"), *st = gread(dir, "stop_times.txt"),
		 *cal = gread(dir, "calendar.txt"), *shapes = gread(dir, "shapes.txt");
	if (!stops || !routes || !trips || !st || !cal || !shapes)
		goto out;
	size_t n_runs = 0, n_stops = total_stops(p, &n_runs);
	CHECK_MSG(trips->n_rows - 1 == n_runs, "%zu trips for %zu runs", trips->n_rows - 1, n_runs);
	CHECK_MSG(st->n_rows - 1 == n_stops, "%zu stop times for %zu stop events", st->n_rows - 1,
		  n_stops);
	int t_id = gcol(trips, "trip_id"), t_route = gcol(trips, "route_id"),
	    t_sid = gcol(trips, "service_id"), t_shape = gcol(trips, "shape_id"),
	    r_id = gcol(routes, "route_id"), c_sid = gcol(cal, "service_id"),
	    sh_id = gcol(shapes, "shape_id"), s_id = gcol(stops, "stop_id"),
	    st_trip = gcol(st, "trip_id"), st_stop = gcol(st, "stop_id"),
	    st_seq = gcol(st, "stop_sequence"), st_arr = gcol(st, "arrival_time"),
	    st_dep = gcol(st, "departure_time");
	for (size_t i = 1; i < trips->n_rows; i++) {
		char **f = trips->rows[i].fields;
		CHECK(gfind(trips, t_id, f[t_id]) == i);
		CHECK_MSG(gfind(routes, r_id, f[t_route]), "trip %s: no route %s", f[t_id],
			  f[t_route]);
		CHECK_MSG(gfind(cal, c_sid, f[t_sid]), "trip %s: no service %s", f[t_id], f[t_sid]);
		CHECK(!f[t_shape][0] || gfind(shapes, sh_id, f[t_shape]));
	}
	/* the term of the settings, YYYY-MM-DD there and YYYYMMDD here, on
	 * every service and in feed_info */
	char t0[16] = "", t1[16] = "";
	for (int k = 0, j = 0; k < 10 && p->settings.term_start[k]; k++)
		if (p->settings.term_start[k] != '-')
			t0[j++] = p->settings.term_start[k];
	for (int k = 0, j = 0; k < 10 && p->settings.term_end[k]; k++)
		if (p->settings.term_end[k] != '-')
			t1[j++] = p->settings.term_end[k];
	CHECK(strlen(t0) == 8 && strlen(t1) == 8);
	for (size_t r = 1; r < cal->n_rows; r++) {
		CHECK_MSG(!strcmp(cal->rows[r].fields[gcol(cal, "start_date")], t0),
			  "calendar start %s, term %s",
			  cal->rows[r].fields[gcol(cal, "start_date")], p->settings.term_start);
		CHECK(!strcmp(cal->rows[r].fields[gcol(cal, "end_date")], t1));
	}
	sr_csv_t *info = gread(dir, "feed_info.txt");
	if (info) {
		CHECK(info->n_rows == 2 &&
		      !strcmp(info->rows[1].fields[gcol(info, "feed_start_date")], t0) &&
		      !strcmp(info->rows[1].fields[gcol(info, "feed_end_date")], t1));
		sr_csv_free(info);
	}
	/* stop times: each trip's rows consecutive, as the run says */
	size_t i = 1;
	while (i < st->n_rows) {
		const char *trip = st->rows[i].fields[st_trip];
		size_t trow = gfind(trips, t_id, trip);
		CHECK_MSG(trow, "stop_times.txt line %zu: no trip %s", i + 1, trip);
		int k = trow ? pattern_of(p, trips->rows[trow].fields[t_sid], '_') : -1;
		char run_id[256];
		snprintf(run_id, sizeof run_id, "%s", trip);
		const plan_run_t *r = k >= 0 ? find_run(p, k, run_id) : NULL;
		if (!r && strrchr(run_id, '_')) { /* "<run>_<days>" when run ids repeat */
			*strrchr(run_id, '_') = '\0';
			r = k >= 0 ? find_run(p, k, run_id) : NULL;
		}
		CHECK_MSG(r != NULL, "trip %s is no run", trip);
		int s = 0, prev = -1;
		for (; i < st->n_rows && strcmp(st->rows[i].fields[st_trip], trip) == 0; i++, s++) {
			char **f = st->rows[i].fields;
			int arr = parse_hms(f[st_arr]), dep = parse_hms(f[st_dep]);
			CHECK(gfind(stops, s_id, f[st_stop]));
			CHECK(arr >= prev && dep >= arr);
			CHECK(atoi(f[st_seq]) == s + 1);
			prev = dep;
			if (r && s < r->n_stops) {
				CHECK(r->stops[s].arrival_s == arr &&
				      r->stops[s].departure_s == dep);
				CHECK(strcmp(p->points[r->stops[s].point].id, f[st_stop]) == 0);
			}
		}
		CHECK_MSG(!r || s == r->n_stops, "trip %s: %d stop times, run has %d", trip, s,
			  r ? r->n_stops : 0);
	}
out:
	sr_csv_free(stops);
	sr_csv_free(routes);
	sr_csv_free(trips);
	sr_csv_free(st);
	sr_csv_free(cal);
	sr_csv_free(shapes);
}

static void check_json_counts(const sr_plan_t *p, const char *dir)
{
	jval_t *doc = read_json(test_path(dir, "plan.json"));
	if (doc) {
		const jval_t *pats = json_get(doc, "patterns");
		CHECK(pats && pats->n == p->n_patterns);
		for (int k = 0; pats && k < pats->n && k < p->n_patterns; k++) {
			const jval_t *runs = json_get(json_at(pats, k), "runs");
			const jval_t *duties = json_get(json_at(pats, k), "duties");
			CHECK(runs && runs->n == p->patterns[k].n_runs);
			CHECK(duties && duties->n == p->patterns[k].n_duties);
		}
		const jval_t *set = json_get(doc, "settings");
		CHECK(json_str(set, "term_start") &&
		      !strcmp(json_str(set, "term_start"), p->settings.term_start));
		CHECK(json_str(set, "term_end") &&
		      !strcmp(json_str(set, "term_end"), p->settings.term_end));
		CHECK(json_num(set, "late_window_min") == p->settings.late_window_min);
		const jval_t *pts = json_get(doc, "points"), *un = json_get(doc, "unserved");
		CHECK(pts && pts->n == p->n_points);
		CHECK(un && un->n == p->n_unserved);
		json_free(doc);
	}
	doc = read_json(test_path(dir, "routes.geojson"));
	if (doc) {
		size_t n_runs = 0, n_stops = total_stops(p, &n_runs);
		const jval_t *fs = json_get(doc, "features");
		CHECK(fs && (size_t)fs->n == n_runs + n_stops);
		for (int i = 0; fs && i < fs->n; i++) {
			const jval_t *f = json_at(fs, i), *pr = json_get(f, "properties");
			const char *days = json_str(pr, "days");
			int k = days ? pattern_of(p, days, ',') : -1;
			const plan_run_t *r = k >= 0 ? find_run(p, k, json_str(pr, "run")) : NULL;
			CHECK(r != NULL);
			const jval_t *co = json_get(json_get(f, "geometry"), "coordinates");
			if (!r || !co || strcmp(json_str(pr, "feature"), "run") || r->n_shape < 2)
				continue;
			CHECK(co->n == (int)r->n_shape);
			CHECK_NEAR(json_at(json_at(co, 0), 0)->num, r->shape_lon[0], 5e-7);
			CHECK_NEAR(json_at(json_at(co, 0), 1)->num, r->shape_lat[0], 5e-7);
		}
		json_free(doc);
	}
}

void check_outputs_match_plan(const sr_plan_t *p, const char *dir)
{
	check_timetable(p, dir);
	check_gtfs(p, dir);
	check_json_counts(p, dir);
}
