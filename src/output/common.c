/* common.c - what every writer of src/output shares: the plan check run
 * before any file is written, fixed text formats (times, days), the stable
 * run order, GTFS trip ids and atomic buffer writes.
 *
 * Output is deterministic by construction: everything is listed in the
 * plan's index order or in a total order with the index as last tie-break,
 * numbers use fixed printf formats, and nothing reads the clock. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "output/internal.h"
#include "util/i18n.h"

static const char *const day_en[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

void out_fmt_hms(char *buf, int s)
{
	if (s < 0)
		s = 0;
	snprintf(buf, 16, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
}

void out_fmt_hm(char *buf, int s)
{
	if (s < 0)
		s = 0;
	snprintf(buf, 16, "%02d:%02d", s / 3600, s / 60 % 60);
}

void out_fmt_days(char *buf, size_t size, uint8_t days, const char *sep)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int d = 0; d < 7; d++) {
		if (!(days & (1u << d)))
			continue;
		int n = snprintf(buf + len, size - len, "%s%s", len ? sep : "", day_en[d]);
		if (n < 0 || (size_t)n >= size - len)
			return;
		len += (size_t)n;
	}
}

void out_buf_days_short(sr_buf_t *b, const sr_plan_t *p, uint8_t days)
{
	const char *names[7];
	for (int d = 0; d < 7; d++)
		names[d] = out_day_name(p, d);
	sr_buf_days(b, days, names);
}

const char *out_dir_code(int dir)
{
	return dir == PLAN_TO_SESSION ? "to_session" : dir == PLAN_HOME ? "home" : "both";
}

const char *out_pt_name(const plan_point_t *pt)
{
	return pt->name && pt->name[0] ? pt->name : pt->id;
}

void out_no_service(sr_buf_t *b, const sr_plan_t *p)
{
	int *days, n;
	char why[512];
	if (plan_no_service_days(&p->settings, &days, &n, why, sizeof why) || !n)
		return;
	sr_buf_printf(b, ", %s ", out_msg(p, M_NO_SERVICE));
	plan_no_service_text(days, n, b);
	free(days);
}

double out_term_km(const sr_plan_t *p, int *days)
{
	double m = 0;
	unsigned all = 0;
	int *off, n_off;
	char why[512];
	if (plan_no_service_days(&p->settings, &off, &n_off, why, sizeof why))
		n_off = 0;
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		double dm = 0;
		for (int d = 0; d < pat->n_duties; d++)
			dm += pat->duties[d].meters;
		if (pat->n_runs)
			all |= pat->days;
		m += dm * plan_term_days(&p->settings, off, n_off, pat->days);
	}
	*days = plan_term_days(&p->settings, off, n_off, all);
	free(off);
	return m / 1000.0;
}

const char *out_pt_label(const sr_plan_t *p, const plan_point_t *pt)
{
	int en = strcmp(p->settings.lang, "ru") != 0;
	if (en && pt->label_en && pt->label_en[0])
		return pt->label_en;
	if (pt->label && pt->label[0])
		return pt->label;
	if (en && pt->name_en && pt->name_en[0])
		return pt->name_en;
	return out_pt_name(pt);
}

const char *out_pt_stop_label(const sr_plan_t *p, const plan_point_t *pt, char *buf, size_t size)
{
	const char *name = out_pt_label(p, pt);
	if (!pt->stop_name)
		return name;
	sr_buf_t b, q;
	sr_buf_init(&b);
	sr_buf_init(&q);
	sr_buf_quoted_inner(&q, pt->stop_name, !strcmp(p->settings.lang, "ru"));
	const char *args[] = {name, q.data ? q.data : ""};
	out_msg_fill(&b, p, M_BUS_STOP_LABEL, args, 2);
	snprintf(buf, size, "%s", b.data ? b.data : name);
	sr_buf_free(&b);
	sr_buf_free(&q);
	return buf;
}

void out_pt_stop_ll(const plan_point_t *pt, double *lat, double *lon)
{
	int snapped = isfinite(pt->snap_lat) && isfinite(pt->snap_lon) &&
		      !(pt->snap_lat == 0 && pt->snap_lon == 0);
	*lat = snapped ? pt->snap_lat : pt->lat;
	*lon = snapped ? pt->snap_lon : pt->lon;
}

double out_shape_m(const plan_run_t *r)
{
	double m = 0;
	for (size_t i = 1; i < r->n_shape; i++)
		m += sr_haversine_m(r->shape_lat[i - 1], r->shape_lon[i - 1], r->shape_lat[i],
				    r->shape_lon[i]);
	return m;
}

char *out_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = xmalloc(n);
	snprintf(s, n, "%s/%s", dir, name);
	return s;
}

int out_write_buf(const char *path, const sr_buf_t *b, sr_error_t *err)
{
	return sr_write_file_atomic(path, b->data ? b->data : "", b->len, err);
}

/* ---- run order ---- */

static int first_time(const plan_run_t *r)
{
	return r->n_stops ? r->stops[0].departure_s : 0;
}

static int cmp_run(const plan_pattern_t *pat, int i, int j)
{
	const plan_run_t *x = &pat->runs[i], *y = &pat->runs[j];
	unsigned bx = (unsigned)x->bus, by = (unsigned)y->bus; /* -1 sorts last */
	if (bx != by)
		return bx < by ? -1 : 1;
	if (first_time(x) != first_time(y))
		return first_time(x) < first_time(y) ? -1 : 1;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return (i > j) - (i < j);
}

int *out_run_order(const sr_plan_t *p, int pattern)
{
	const plan_pattern_t *pat = &p->patterns[pattern];
	int *ord = xmalloc(sizeof(int) * (size_t)(pat->n_runs ? pat->n_runs : 1));
	/* insertion sort: a total order, no global state (C11 qsort has no
	 * context argument), and a pattern has at most a few hundred runs */
	for (int i = 0; i < pat->n_runs; i++) {
		int j = i;
		while (j > 0 && cmp_run(pat, ord[j - 1], i) > 0) {
			ord[j] = ord[j - 1];
			j--;
		}
		ord[j] = i;
	}
	return ord;
}

/* ---- trip ids ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether run ids are unique over all patterns. */
static int run_ids_unique(const sr_plan_t *p)
{
	size_t n = 0;
	for (int k = 0; k < p->n_patterns; k++)
		n += (size_t)p->patterns[k].n_runs;
	if (n < 2)
		return 1;
	const char **ids = xmalloc(sizeof(char *) * n);
	size_t m = 0;
	for (int k = 0; k < p->n_patterns; k++)
		for (int r = 0; r < p->patterns[k].n_runs; r++)
			ids[m++] = p->patterns[k].runs[r].id;
	qsort(ids, n, sizeof(char *), cmp_str);
	int uniq = 1;
	for (size_t i = 1; i < n && uniq; i++)
		uniq = strcmp(ids[i - 1], ids[i]) != 0;
	free(ids);
	return uniq;
}

void out_trip_id(const sr_plan_t *p, int pattern, int run, char *buf, size_t size)
{
	const plan_pattern_t *pat = &p->patterns[pattern];
	if (run_ids_unique(p)) {
		snprintf(buf, size, "%s", pat->runs[run].id);
	} else {
		char days[64];
		out_fmt_days(days, sizeof days, pat->days, "-");
		snprintf(buf, size, "%s_%s", pat->runs[run].id, days);
	}
}

/* ---- the plan check ---- */

static int bad(sr_error_t *err, const char *fmt, const char *what, long i)
{
	return sr_error_set(err, SR_EINTERNAL, NULL, 0, fmt, _(what), i); /* what: N_() */
}

static int check_str(const char *s, int required, const char *what, long i, sr_error_t *err)
{
	if (!s)
		return required ? bad(err, _("plan output: %s %ld has no id"), what, i) : SR_OK;
	if (!sr_utf8_valid(s, strlen(s)))
		return bad(err, _("plan output: %s %ld has a name that is not valid UTF-8"), what,
			   i);
	return SR_OK;
}

/* Returns non-zero if two of the n id strings (a char * at offset off in
 * each of the n elements stride bytes apart from base) are equal. */
static int has_dup_ids(const void *base, int n, size_t stride, size_t off)
{
	if (n < 2)
		return 0;
	const char **ids = xmalloc(sizeof(char *) * (size_t)n);
	for (int i = 0; i < n; i++)
		ids[i] = *(char *const *)((const char *)base + stride * (size_t)i + off);
	qsort(ids, (size_t)n, sizeof(char *), cmp_str);
	int dup = 0;
	for (int i = 1; i < n && !dup; i++)
		dup = strcmp(ids[i - 1], ids[i]) == 0;
	free(ids);
	return dup;
}

static int check_run(const sr_plan_t *p, const plan_run_t *r, long ri, sr_error_t *err)
{
	int rc;
	if ((rc = check_str(r->id, 1, N_("run"), ri, err)))
		return rc;
	if (r->session < 0 || r->session >= p->n_sessions)
		return sr_error_set(err, SR_EINTERNAL, NULL, 0,
				    _("plan output: run %s has no valid session"), r->id);
	if (r->bus < -1 || r->bus >= p->n_buses)
		return sr_error_set(err, SR_EINTERNAL, NULL, 0,
				    _("plan output: run %s has an invalid bus"), r->id);
	if (r->dir != PLAN_TO_SESSION && r->dir != PLAN_HOME)
		return sr_error_set(err, SR_EINTERNAL, NULL, 0,
				    _("plan output: run %s has an invalid direction"), r->id);
	if (r->n_stops < 1 || !r->stops)
		return sr_error_set(err, SR_EINTERNAL, NULL, 0,
				    _("plan output: run %s has no stops"), r->id);
	if (r->n_shape && (!r->shape_lat || !r->shape_lon))
		return sr_error_set(err, SR_EINTERNAL, NULL, 0,
				    _("plan output: run %s has a shape without points"), r->id);
	for (int s = 0; s < r->n_stops; s++) {
		const plan_stop_t *st = &r->stops[s];
		if (st->point < 0 || st->point >= p->n_points || st->session < 0 ||
		    st->session >= p->n_sessions)
			return sr_error_set(
				err, SR_EINTERNAL, NULL, 0,
				_("plan output: run %s stop %d has no valid point or session"),
				r->id, s + 1);
		if (st->arrival_s < 0 || st->departure_s < st->arrival_s ||
		    (s && st->arrival_s < r->stops[s - 1].departure_s))
			return sr_error_set(err, SR_EINTERNAL, NULL, 0,
					    _("plan output: run %s stop %d: times go backwards"),
					    r->id, s + 1);
		if (st->board < 0 || st->alight < 0)
			return sr_error_set(err, SR_EINTERNAL, NULL, 0,
					    _("plan output: run %s stop %d: negative children"),
					    r->id, s + 1);
	}
	return SR_OK;
}

int out_check_plan(const sr_plan_t *p, sr_error_t *err)
{
	int rc;
	for (int i = 0; i < p->n_points; i++) {
		if ((rc = check_str(p->points[i].id, 1, N_("point"), i, err)) ||
		    (rc = check_str(p->points[i].name, 0, N_("point"), i, err)) ||
		    (rc = check_str(p->points[i].name_en, 0, N_("point"), i, err)))
			return rc;
	}
	if (has_dup_ids(p->points, p->n_points, sizeof(plan_point_t), offsetof(plan_point_t, id)))
		return sr_error_set(err, SR_EINTERNAL, NULL, 0,
				    _("plan output: two points share an id"));
	for (int i = 0; i < p->n_sessions; i++) {
		if ((rc = check_str(p->sessions[i].id, 1, N_("session"), i, err)))
			return rc;
		if (p->sessions[i].dest < 0 || p->sessions[i].dest >= p->n_points)
			return sr_error_set(err, SR_EINTERNAL, NULL, 0,
					    _("plan output: session %s has no valid destination"),
					    p->sessions[i].id);
	}
	if (has_dup_ids(p->sessions, p->n_sessions, sizeof(plan_session_t),
			offsetof(plan_session_t, id)))
		return sr_error_set(err, SR_EINTERNAL, NULL, 0,
				    _("plan output: two sessions share an id"));
	for (int i = 0; i < p->n_buses; i++) {
		if ((rc = check_str(p->buses[i].id, 1, N_("bus"), i, err)))
			return rc;
		if (p->buses[i].depot < 0 || p->buses[i].depot >= p->n_points)
			return sr_error_set(err, SR_EINTERNAL, NULL, 0,
					    _("plan output: bus %s has no valid depot"),
					    p->buses[i].id);
	}
	if (has_dup_ids(p->buses, p->n_buses, sizeof(plan_bus_t), offsetof(plan_bus_t, id)))
		return sr_error_set(err, SR_EINTERNAL, NULL, 0,
				    _("plan output: two buses share an id"));
	uint8_t seen_days = 0;
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		if (!(pat->days & 0x7f) || (pat->days & seen_days) || (pat->days & 0x80))
			return sr_error_set(
				err, SR_EINTERNAL, NULL, 0,
				_("plan output: pattern %d has no days or shares days with another"),
				k);
		seen_days |= pat->days;
		for (int r = 0; r < pat->n_runs; r++)
			if ((rc = check_run(p, &pat->runs[r], r, err)))
				return rc;
		if (has_dup_ids(pat->runs, pat->n_runs, sizeof(plan_run_t),
				offsetof(plan_run_t, id)))
			return sr_error_set(err, SR_EINTERNAL, NULL, 0,
					    _("plan output: two runs of pattern %d share an id"),
					    k);
		for (int d = 0; d < pat->n_duties; d++) {
			const plan_duty_t *du = &pat->duties[d];
			if (du->bus < 0 || du->bus >= p->n_buses)
				return sr_error_set(
					err, SR_EINTERNAL, NULL, 0,
					_("plan output: duty %d of pattern %d has no valid bus"), d,
					k);
			for (int j = 0; j < du->n_runs; j++) {
				int r = du->runs[j];
				if (r < 0 || r >= pat->n_runs || pat->runs[r].bus != du->bus)
					return sr_error_set(
						err, SR_EINTERNAL, NULL, 0,
						_("plan output: duty of bus %s lists a run not assigned to it"),
						p->buses[du->bus].id);
			}
		}
	}
	for (int i = 0; i < p->n_riders; i++) {
		const plan_rider_t *r = &p->riders[i];
		if (r->pickup < 0 || r->pickup >= p->n_points || r->session < 0 ||
		    r->session >= p->n_sessions)
			return bad(err,
				   _("plan output: %s %ld refers to a missing point or session"),
				   N_("rider"), i);
		if ((rc = check_str(r->note, 0, N_("rider"), i, err)))
			return rc;
	}
	for (int i = 0; i < p->n_unserved; i++) {
		const plan_unserved_t *u = &p->unserved[i];
		if (u->pickup < -1 || u->pickup >= p->n_points || u->session < -1 ||
		    u->session >= p->n_sessions)
			return bad(err,
				   _("plan output: %s %ld refers to a missing point or session"),
				   N_("unserved group"), i);
		if ((rc = check_str(u->reason, 0, N_("unserved group"), i, err)) ||
		    (rc = check_str(u->reason_code, 0, N_("unserved group"), i, err)))
			return rc;
	}
	if (p->n_inputs < 0 || p->n_inputs > 5)
		return sr_error_set(err, SR_EINTERNAL, NULL, 0,
				    _("plan output: bad number of input files"));
	return SR_OK;
}

int out_longest_week(const sr_plan_t *p, int *work_s)
{
	int best = -1, bw = 0;
	for (int b = 0; b < p->n_buses; b++) {
		int work, drive;
		plan_week_hours(p, b, &work, &drive);
		if (work > bw) {
			best = b;
			bw = work;
		}
	}
	if (work_s)
		*work_s = bw;
	return best;
}

void out_longest_days(const sr_plan_t *p, out_day_t *o)
{
	memset(o, 0, sizeof(*o));
	for (int k = 0; k < p->n_patterns; k++)
		for (int d = 0; d < p->patterns[k].n_duties; d++) {
			const plan_duty_t *du = &p->patterns[k].duties[d];
			int len = du->shift_s; /* working time */
			if (!o->shift || len > o->shift_s) {
				o->shift = du;
				o->shift_s = len;
				o->shift_days = p->patterns[k].days;
			}
			if (!o->drive || du->driving_s > o->drive->driving_s) {
				o->drive = du;
				o->drive_days = p->patterns[k].days;
			}
		}
}
