/*
 * locks.c - locks.csv (plan setting `locks`): what the coordinator pins
 * outright. A row `session,pickup,bus` puts the children of that pickup in
 * that session on that bus, both ways and every day; a row with a `run`
 * (an id of the --keep plan) keeps that run as it was, on the row's bus
 * when it names one. Columns: session, pickup, bus, run (a header; any of
 * them may be left out that the rows do not need). A pickup is given as
 * in riders.csv (the name, the map's OSM id, or the point's label),
 * matched forgivingly (osm_name_fold) among the session's pickups.
 *
 * Every bad cell of the file is reported at once (file:line:column), and
 * a lock the plan cannot keep is marked with its reason (plan_locks_check),
 * never dropped.
 */
#include <stdlib.h>
#include <string.h>
#include "schoolrun/io.h"
#include "plan/columns.h"
#include "plan/hours.h"
#include "plan/inputs.h"
#include "plan/keep.h"
#include "plan/run.h"
#include "util/i18n.h"

/* Bad cells, the first in err and the rest as lines below it. */
typedef struct bad {
	sr_error_t first;
	sr_buf_t more;
	int n;
} bad_t;

static void bad_add(bad_t *b, const char *path, long line, long col, const char *fmt, const char *a,
		    const char *c)
{
	char msg[1024];
	snprintf(msg, sizeof(msg), fmt, a, c);
	if (b->n++ == 0) {
		sr_error_set_col(&b->first, SR_EINPUT, path, line, col, "%s", msg);
	} else if (b->more.len < 3000) {
		sr_error_t e; /* formatted as every error is: a sheet's cell as C5 */
		sr_error_set_col(&e, SR_EINPUT, path, line, col, "%s", msg);
		char w[1600];
		sr_buf_printf(&b->more, "\n  %s", sr_error_format(&e, w, sizeof(w)));
	}
}

/* Whether text q names point pt (id, name, English name or label). */
static int names_point(const plan_point_t *pt, const char *q)
{
	const char *cand[] = {pt->id, pt->name, pt->name_en, pt->label, pt->label_en};
	char *fq = osm_name_fold(q);
	int hit = 0;
	for (int i = 0; i < 5 && !hit; i++) {
		if (!cand[i])
			continue;
		char *f = osm_name_fold(cand[i]);
		hit = !strcmp(cand[i], q) || (f && fq && !strcmp(f, fq));
		free(f);
	}
	free(fq);
	return hit;
}

static int find_pickup(const sr_plan_t *p, int si, const char *q)
{
	for (int r = 0; r < p->n_riders; r++)
		if (p->riders[r].session == si && names_point(&p->points[p->riders[r].pickup], q))
			return p->riders[r].pickup;
	return -1;
}

/* One row of locks.csv into L; bad cells into b. col[] the columns of
 * session, pickup, bus, run (-1 absent). A session held at other times on
 * some days is locked on each of its parts: the other parts' sessions in
 * parts[], their number returned (the row's lock is the first part's). */
static int read_row(plan_ctx_t *c, const sr_csv_row_t *row, const int *col, const char *path,
		    plan_lock_t *L, int *parts, bad_t *b)
{
	const sr_plan_t *p = c->p;
	const char *v[4];
	for (int k = 0; k < 4; k++)
		v[k] = col[k] >= 0 ? row->fields[col[k]] : "";
	L->line = row->line;
	L->session = L->pickup = L->bus = -1;
	for (int i = 0; v[2][0] && i < p->n_buses; i++)
		if (!strcmp(p->buses[i].id, v[2]))
			L->bus = i;
	if (v[2][0] && L->bus < 0)
		bad_add(b, path, row->line, col[2] + 1, _("unknown bus '%s' (not in %s)"), v[2],
			p->settings.fleet);
	if (v[3][0]) {
		L->run = xstrdup(v[3]);
		if (!c->keep)
			bad_add(b, path, row->line, col[3] + 1,
				_("run '%s': a run id pins a run of an earlier plan, which needs "
				  "--keep OLD/plan.json%s"),
				v[3], "");
		else if (!plan_keep_old_run(c->keep, v[3]))
			bad_add(b, path, row->line, col[3] + 1,
				_("unknown run '%s' (not in the --keep plan %s)"), v[3],
				c->keep->path);
		return 0;
	}
	char why[512];
	int n_parts = 0, n = 0;
	if (v[0][0] && (n_parts = plan_session_parts(p, v[0], parts, why, sizeof(why))))
		L->session = parts[0];
	/* the parts whose riders have the pickup (a village that comes on
	 * Wednesdays only is locked on the Wednesday's part) */
	for (int k = 0; k < n_parts; k++) {
		int pt = find_pickup(p, parts[k], v[1]);
		if (pt >= 0) {
			L->pickup = pt;
			parts[n++] = parts[k];
		}
	}
	if (L->session < 0)
		bad_add(b, path, row->line, col[0] + 1, "%s%s",
			v[0][0] ? why : _("a row without a run needs a session"), "");
	else if (!n)
		bad_add(b, path, row->line, col[1] + 1,
			_("no riders.csv row of session '%s' has the pickup '%s'"),
			n_parts > 1 ? v[0] : p->sessions[L->session].id, v[1]);
	else
		L->session = parts[0];
	n_parts = n;
	if (!v[2][0])
		bad_add(b, path, row->line, col[2] + 1,
			_("a row without a run needs a bus%.0s%.0s"), "", "");
	return n_parts > 1 ? n_parts - 1 : 0;
}

int plan_locks_read(plan_ctx_t *c, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	const char *path = p->settings.locks;
	if (!path)
		return SR_OK;
	sr_csv_t *csv = NULL;
	int rc = sr_table_read(path, 1, &csv, err);
	if (rc)
		return rc;
	plan_columns_english(csv);
	static const char *const names[] = {"session", "pickup", "bus", "run"};
	int col[4];
	bad_t b;
	memset(&b, 0, sizeof(b));
	sr_buf_init(&b.more);
	const sr_csv_row_t *h = csv->n_rows ? &csv->rows[0] : NULL;
	for (int k = 0; k < 4; k++)
		col[k] = h ? sr_csv_col(h, names[k]) : -1;
	for (int j = 0; h && j < h->n; j++)
		if (sr_csv_col(h, h->fields[j]) == j && !plan_columns_row_number(h->fields[j]) &&
		    strcmp(h->fields[j], "session") && strcmp(h->fields[j], "pickup") &&
		    strcmp(h->fields[j], "bus") && strcmp(h->fields[j], "run"))
			bad_add(&b, path, h->line, j + 1,
				_("unknown column '%s' (the columns are session,pickup,bus%s)"),
				h->fields[j], _(" and/or run"));
	if (!h || (col[3] < 0 && (col[0] < 0 || col[1] < 0 || col[2] < 0)))
		bad_add(&b, path, h ? h->line : 1, 0,
			_("the header must have session,pickup,bus%s%s"), _(" and/or run"), "");
	sr_error_t wide;
	sr_error_clear(&wide);
	if (sr_csv_square(csv, &wide))
		bad_add(&b, wide.file, wide.line, wide.col, "%s%s", wide.msg, "");
	p->locks = xcalloc((csv->n_rows + 1) * ((size_t)p->n_sessions + 1), sizeof(plan_lock_t));
	int *parts = xcalloc((size_t)p->n_sessions + 1, sizeof(int));
	for (size_t r = 1; h && r < csv->n_rows && b.n < 50; r++) {
		plan_lock_t *L = &p->locks[p->n_locks++];
		int more = read_row(c, &csv->rows[r], col, path, L, parts, &b);
		for (int k = 1; k <= more; k++) {
			plan_lock_t *x = &p->locks[p->n_locks++];
			*x = *L;
			x->session = parts[k];
		}
	}
	free(parts);
	sr_csv_free(csv);
	if (b.n) {
		*err = b.first;
		if (b.n > 1)
			sr_error_set_col(
				err, SR_EINPUT, b.first.file, b.first.line, b.first.col,
				_n("%s (and %d more below)%s", "%s (and %d more below)%s", b.n - 1),
				b.first.msg, b.n - 1, b.more.data ? b.more.data : "");
		rc = SR_EINPUT;
	}
	sr_buf_free(&b.more);
	return rc;
}

/* Marks L not kept, with the reason why (an N_() sentence) about run on
 * days: in English in L->reason (plan.json) and in parts for the terminal
 * (plan_lock_reason_said) and the pages (out_lock_reason). */
static void not_kept(plan_lock_t *L, const char *why, const char *run, uint8_t days)
{
	if (!L->kept)
		return;
	char d[64], msg[512], w[256];
	snprintf(msg, sizeof(msg), "%s (run %s, %s)",
		 plan_lock_why_fill(why, L->why_other, w, sizeof w), run ? run : "-",
		 plan_days_label(days, d, sizeof(d)));
	L->kept = 0;
	free(L->reason);
	L->reason = xstrdup(msg);
	L->why = why;
	free(L->why_run);
	L->why_run = run ? xstrdup(run) : NULL;
	L->why_days = days;
}

const char *plan_lock_why_fill(const char *why, const char *other, char *buf, size_t size)
{
	const char *at = strstr(why, "%s");
	if (!at)
		snprintf(buf, size, "%s", why);
	else
		snprintf(buf, size, "%.*s%s%s", (int)(at - why), why, other, at + 2);
	return buf;
}

const char *plan_lock_reason_said(const plan_lock_t *L, char *buf, size_t size)
{
	char d[64], w[256];
	if (!L->why) {
		snprintf(buf, size, "%s", L->reason ? L->reason : "");
		return buf;
	}
	snprintf(buf, size, _("%s (run %s, %s)"),
		 plan_lock_why_fill(_(L->why), L->why_other, w, sizeof w),
		 L->why_run ? L->why_run : "-", plan_days_said(L->why_days, d, sizeof(d)));
	return buf;
}

/* A run lock: the run with the earlier id is there with the same stops,
 * times and bus (the row's bus when it names one). */
static void check_run_lock(const plan_ctx_t *c, plan_lock_t *L)
{
	const sr_plan_t *p = c->p;
	const keep_run_t *o = plan_keep_old_run(c->keep, L->run);
	int found = 0;
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			const plan_run_t *r = &p->patterns[k].runs[i];
			if (strcmp(r->id, L->run))
				continue;
			found = 1;
			int same = o && r->n_stops == o->n_stops &&
				   r->bus == (L->bus >= 0 ? L->bus : o->bus);
			for (int q = 0; same && q < r->n_stops; q++)
				same = r->stops[q].point == o->stops[q].point &&
				       r->stops[q].arrival_s / 60 == o->stops[q].arrival_s / 60;
			if (!same)
				not_kept(
					L,
					N_("the run could not stay as it was (its stops, times or bus "
					   "changed: riders, buses or the roads changed)"),
					r->id, p->patterns[k].days);
		}
	if (!found)
		not_kept(L, N_("the run could not be kept: its session, stops or riders changed"),
			 L->run, 0);
}

/* Why bus b cannot take run r of pattern pat (a lock's bus that the
 * duties did not give it): too few seats, outside its hours, on another
 * run then (its id and session into other[128]), or its driver's day too
 * long with it;
 * NULL when none of these (the drivers' other rules). The trial term's
 * lock said only "its seats, its hours or another pinned run", where its
 * bus was then on the kindergarten's run home. */
static const char *why_not_bus(const plan_ctx_t *c, const plan_pattern_t *pat, const plan_run_t *r,
			       int b, char *other)
{
	const plan_bus_t *x = &c->p->buses[b];
	int f = r->stops[0].point, l = r->stops[r->n_stops - 1].point;
	int rs = plan_run_start(r), re = plan_run_end(r);
	if (r->children > x->seats)
		return N_("the bus has fewer seats than this run carries");
	if (rs - (int)plan_tt(c, x->depot, f) < x->avail_from_s ||
	    re + (int)plan_tt(c, l, x->depot) > x->avail_to_s)
		return N_("the run is outside the bus's working hours (fleet.csv available_from, "
			  "available_to)");
	const plan_duty_t *du = NULL;
	for (int d = 0; d < pat->n_duties && !du; d++)
		du = pat->duties[d].bus == b ? &pat->duties[d] : NULL;
	if (!du)
		return NULL;
	for (int k = 0; k < du->n_runs; k++) {
		const plan_run_t *q = &pat->runs[du->runs[k]];
		int qf = q->stops[0].point, ql = q->stops[q->n_stops - 1].point;
		if (q == r || plan_run_end(q) + (int)plan_tt(c, ql, f) <= rs ||
		    re + (int)plan_tt(c, l, qf) <= plan_run_start(q))
			continue;
		snprintf(other, 128, "%s (%s)", q->id, c->p->sessions[q->session].id);
		return N_("at that time the bus does run %s");
	}
	chain_bus_t cb;
	memset(&cb, 0, sizeof(cb));
	plan_hours_bus(c, x, &cb);
	int s = rs - (int)plan_tt(c, x->depot, f), e = re + (int)plan_tt(c, l, x->depot);
	s = du->depart_depot_s < s ? du->depart_depot_s : s;
	e = du->return_depot_s > e ? du->return_depot_s : e;
	if (e - s > cb.max_shift_s)
		return N_("with this run the bus's driver's day would be longer than its limit "
			  "(max_shift_h)");
	return NULL;
}

/* A pickup lock: every run with these children is on the lock's bus. */
static void check_pickup_lock(const plan_ctx_t *c, plan_lock_t *L)
{
	const sr_plan_t *p = c->p;
	int any = 0;
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			const plan_run_t *r = &p->patterns[k].runs[i];
			if (!plan_run_carries(r, L->session, L->pickup))
				continue;
			any = 1;
			if (r->bus == L->bus || !L->kept)
				continue;
			const char *why = why_not_bus(c, &p->patterns[k], r, L->bus, L->why_other);
			not_kept(L,
				 why ? why
				     : N_("the bus cannot take this run (its seats, its hours or "
					  "another pinned run at the same time)"),
				 r->id, p->patterns[k].days);
		}
	if (!any)
		not_kept(L, N_("no run carries these children (they are not served)"), NULL,
			 p->sessions[L->session].days);
}

/* Whether lock L is honoured by the plan so far (L->kept, L->reason). */
static void lock_eval(plan_ctx_t *c, plan_lock_t *L)
{
	L->kept = 1;
	L->why_other[0] = 0;
	if (L->run)
		check_run_lock(c, L);
	else
		check_pickup_lock(c, L);
}

int plan_locks_off(plan_ctx_t *c)
{
	int n = 0;
	for (int l = 0; l < c->p->n_locks; l++) {
		plan_lock_t *L = &c->p->locks[l];
		if (L->off)
			continue;
		lock_eval(c, L);
		if (!L->kept) { /* its reason stays */
			L->off = 1;
			n++;
		}
	}
	return n;
}

void plan_locks_check(plan_ctx_t *c)
{
	sr_plan_t *p = c->p;
	for (int l = 0; l < p->n_locks; l++) {
		plan_lock_t *L = &p->locks[l];
		plan_lock_t off = *L; /* why it was let go */
		if (L->off) {
			L->reason = NULL;
			L->why_run = NULL;
		}
		lock_eval(c, L);
		if (!L->kept && L->off) {
			free(L->reason);
			free(L->why_run);
			L->reason = off.reason;
			L->why = off.why;
			L->why_run = off.why_run;
			L->why_days = off.why_days;
			memcpy(L->why_other, off.why_other, sizeof L->why_other);
		} else if (L->off) {
			free(off.reason);
			free(off.why_run);
		}
		char said[1024];
		if (!L->kept)
			sr_warn(_("plan: %s:%ld: lock not kept: %s"), p->settings.locks, L->line,
				plan_lock_reason_said(L, said, sizeof said));
	}
}
