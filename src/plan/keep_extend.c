/*
 * keep_extend.c - a re-plan's new children on the earlier runs (issue 10):
 * with `--keep`, a child who joins a session in a village that an earlier
 * run passes, or in a village near one, would otherwise get a run of its
 * own, and often a bus more every day. Before routing, each such group is
 * put on a kept run of its session where that moves no other child's
 * times: a run to the session is timed back from its arrival, so a stop
 * before its first one (or more children where it stops already, when the
 * dwell moves no time) leaves the others as they were; a run home is
 * timed on from its departure, so a stop after its last one does the
 * same. The run must keep its seats (the earlier bus's, on every day
 * pattern), every child's ride limit, the night rule, and the gaps of its
 * earlier bus's day (the run before it, the run after it, the depot legs
 * and the driver's day length). This is "insertion with no disruption"
 * of the dynamic vehicle-routing literature (Huisman, Freling &
 * Wagelmans, Transportation Science 2004: repair around what changed);
 * what it cannot place is routed as before.
 */
#include <stdlib.h>
#include <string.h>
#include "plan/hours.h"
#include "plan/keep.h"
#include "plan/run.h"
#include "plan/timing.h"
#include "util/i18n.h"

/* How a kept run (an index of k->kt) stands after the extensions made so
 * far: its start and end moved by ds and de seconds from its earlier
 * times, its first and last point f and l (-1: as before). */
typedef struct ext_shift {
	int ds, de, f, l;
} ext_shift_t;

/* Earlier run z's start and end and its first and last point, moved by
 * the extensions already made to its kept run (sh, per kt index; the
 * kept runs are not yet marked on the earlier ones: plan_keep_settle
 * comes after). */
static void moved(const plan_keep_t *k, const keep_run_t *z, const ext_shift_t *sh, int *zs,
		  int *ze, int *zf, int *zl)
{
	*zs = z->stops[0].arrival_s, *ze = z->stops[z->n_stops - 1].departure_s;
	*zf = z->stops[0].point, *zl = z->stops[z->n_stops - 1].point;
	for (int j = 0; j < k->n_kt; j++)
		if (sh[j].f >= 0 && (k->kt_src[j] == z || plan_keep_same_run(z, k->kt_src[j]))) {
			*zs += sh[j].ds, *ze += sh[j].de, *zf = sh[j].f, *zl = sh[j].l;
			return;
		}
}

/* Whether the earlier runs of old pattern o on bus b around run y (the
 * run before it and after it in time), as the extensions made so far
 * (sh) left them, leave room for y moved to start ds seconds later at
 * point f and to end de seconds later at point l, with the driver's day
 * (depot legs included) within the bus's max shift. Checking each
 * extension against the earlier day alone let two of them on one bus,
 * one early and one late, each fit while together they made the day too
 * long: the re-plan then chained that day pattern anew and moved other
 * families' times (the Liechtenstein trial term, 2026-12-05: two groups
 * joining moved 56 children). */
static int gap_fits(const plan_ctx_t *c, const keep_pattern_t *o, const keep_run_t *y,
		    const ext_shift_t *sh, int ds, int de, int f, int l)
{
	const sr_plan_t *p = c->p;
	int b = y->bus, depot = p->buses[b].depot;
	int ys = y->stops[0].arrival_s + ds, ye = y->stops[y->n_stops - 1].departure_s + de;
	int day_s = ys - (int)plan_tt(c, depot, f), day_e = ye + (int)plan_tt(c, l, depot);
	for (int i = 0; i < o->n_runs; i++) {
		const keep_run_t *z = &o->runs[i];
		if (z == y || z->bus != b)
			continue;
		int zs, ze, zf, zl;
		moved(c->keep, z, sh, &zs, &ze, &zf, &zl);
		if (zf < 0 || zl < 0)
			return 0;
		if (ze <= y->stops[0].arrival_s && ze + (int)plan_tt(c, zl, f) > ys)
			return 0; /* a run before it */
		if (zs >= y->stops[y->n_stops - 1].departure_s && ye + (int)plan_tt(c, l, zf) > zs)
			return 0; /* a run after it */
		int s = zs - (int)plan_tt(c, depot, zf), e = ze + (int)plan_tt(c, zl, depot);
		day_s = s < day_s ? s : day_s;
		day_e = e > day_e ? e : day_e;
	}
	chain_bus_t cb;
	memset(&cb, 0, sizeof(cb));
	plan_hours_bus(c, &p->buses[b], &cb);
	return day_e - day_s <= cb.max_shift_s;
}

/* Whether run ext (kept run i with more children, within room()'s seats)
 * fits every earlier day pattern's bus of the earlier run x: gap_fits.
 * start and end: kept run i's before any extension. */
static int old_days_fit(const plan_ctx_t *c, const keep_run_t *x, const ext_shift_t *sh, int start,
			int end, const plan_run_t *ext)
{
	const plan_keep_t *k = c->keep;
	int ds = plan_run_start(ext) - start;
	int de = plan_run_end(ext) - end;
	int f = ext->stops[0].point, l = ext->stops[ext->n_stops - 1].point, seen = 0;
	for (int o = 0; o < k->n_pats; o++)
		for (int i = 0; i < k->pats[o].n_runs; i++) {
			const keep_run_t *y = &k->pats[o].runs[i];
			if (!plan_keep_same_run(y, x))
				continue;
			if (y->bus < 0 || !gap_fits(c, &k->pats[o], y, sh, ds, de, f, l))
				return 0;
			seen = 1;
		}
	return seen;
}

/* Whether ext leaves every stop of was at its time (the families' times:
 * a pickup's arrival and departure, the session's arrival or departure). */
static int times_kept(const plan_run_t *was, const plan_run_t *ext)
{
	int to = was->dir == PLAN_TO_SESSION;
	for (int i = 0; i < was->n_stops; i++) {
		const plan_stop_t *a = &was->stops[i];
		const plan_stop_t *b = NULL;
		for (int j = 0; j < ext->n_stops && !b; j++)
			if (ext->stops[j].point == a->point)
				b = &ext->stops[j];
		if (!b)
			return 0;
		if (plan_stop_is_dest(was, i)
			    ? (to ? b->arrival_s != a->arrival_s : b->departure_s != a->departure_s)
			    : b->arrival_s != a->arrival_s || b->departure_s != a->departure_s)
			return 0;
	}
	return 1;
}

/* Kept run was with n more children of its session at point pt: at that
 * stop when it has one, else a stop before the first (to the session) or
 * after the last (home). Timed; the caller frees it. */
static void extended(const plan_ctx_t *c, const plan_run_t *was, int pt, int n, plan_run_t *ext)
{
	int to = was->dir == PLAN_TO_SESSION, at = -1;
	plan_run_copy(ext, was);
	for (int q = 0; q < ext->n_stops; q++)
		if (ext->stops[q].point == pt && !plan_stop_is_dest(ext, q))
			at = q;
	if (at < 0) {
		ext->stops =
			xreallocarray(ext->stops, (size_t)ext->n_stops + 1, sizeof(plan_stop_t));
		at = to ? 0 : ext->n_stops;
		memmove(ext->stops + at + 1, ext->stops + at,
			(size_t)(ext->n_stops - at) * sizeof(plan_stop_t));
		memset(&ext->stops[at], 0, sizeof(plan_stop_t));
		ext->stops[at].point = pt;
		ext->stops[at].session = was->session;
		ext->n_stops++;
	}
	*(to ? &ext->stops[at].board : &ext->stops[at].alight) += n;
	*(to ? &ext->stops[ext->n_stops - 1].alight : &ext->stops[0].board) += n;
	ext->children += n;
	plan_run_time(c, ext);
}

/* Seats left on kept run was on the smallest bus that did its earlier run
 * x on any earlier day pattern (0 when a bus is gone). */
static int room(const plan_ctx_t *c, const keep_run_t *x, const plan_run_t *was)
{
	const plan_keep_t *k = c->keep;
	int seats = -1;
	for (int o = 0; o < k->n_pats; o++)
		for (int i = 0; i < k->pats[o].n_runs; i++) {
			const keep_run_t *y = &k->pats[o].runs[i];
			if (!plan_keep_same_run(y, x))
				continue;
			int s = y->bus >= 0 ? c->p->buses[y->bus].seats : 0;
			seats = seats < 0 || s < seats ? s : seats;
		}
	return seats > was->children ? seats - was->children : 0;
}

/* Whether kept run was still stops where its earlier run x did (no stop
 * cut for want of children), so x's times on each earlier day stand for
 * it. */
static int whole(const plan_run_t *was, const keep_run_t *x)
{
	if (was->n_stops != x->n_stops)
		return 0;
	for (int q = 0; q < x->n_stops; q++)
		if (was->stops[q].point != x->stops[q].point)
			return 0;
	return 1;
}

/* The kept run of session si in direction dir that takes up to n children
 * at point pt at the least added time without moving anyone else; its
 * extended form in *best. Returns its index in k->kt, or -1. sh: the
 * extensions made so far; se: each kept run's start and end before them. */
static int best_run(const plan_ctx_t *c, const keep_run_t *const *src, const ext_shift_t *sh,
		    const int (*se)[2], int si, int dir, int pt, int n, plan_run_t *best)
{
	const plan_keep_t *k = c->keep;
	int at = -1, added = 0;
	for (int i = 0; i < k->n_kt; i++) {
		const plan_run_t *was = &k->kt[i];
		if (was->session != si || was->dir != dir || plan_run_is_mixed(was) ||
		    !whole(was, src[i]))
			continue;
		int m = room(c, src[i], was);
		m = m < n ? m : n;
		if (m <= 0)
			continue;
		plan_run_t ext;
		extended(c, was, pt, m, &ext);
		int d = (plan_run_end(&ext) - plan_run_start(&ext)) -
			(plan_run_end(was) - plan_run_start(was));
		if (times_kept(was, &ext) && plan_run_feasible(c, &ext, 0) &&
		    old_days_fit(c, src[i], sh, se[i][0], se[i][1], &ext) &&
		    (at < 0 || d < added)) {
			if (at >= 0)
				plan_run_clear(best);
			*best = ext;
			at = i;
			added = d;
			continue;
		}
		plan_run_clear(&ext);
	}
	return at;
}

/* Whether every rider of session si at point pt needs both legs: its new
 * children on one earlier run are kept only with their way back on
 * another (keep.c's share_out keeps as many both ways). */
static int round_trips_only(const sr_plan_t *p, int si, int pt)
{
	for (int r = 0; r < p->n_riders; r++)
		if (p->riders[r].session == si && p->riders[r].pickup == pt &&
		    p->riders[r].legs != PLAN_LEGS_BOTH)
			return 0;
	return 1;
}

/* An extension made to kept run i, and the run and its shift before it
 * (to undo it). */
typedef struct ext_undo {
	int i;
	plan_run_t was;
	ext_shift_t sh;
	int added;
} ext_undo_t;

void plan_keep_extend(plan_ctx_t *c)
{
	plan_keep_t *k = c->keep;
	if (!k)
		return;
	const keep_run_t *const *src = k->kt_src;
	const sr_plan_t *p = c->p;
	ext_shift_t *sh = xcalloc((size_t)k->n_kt + 1, sizeof(*sh));
	int(*se)[2] = xcalloc((size_t)k->n_kt + 1, sizeof(*se));
	for (int i = 0; i < k->n_kt; i++) {
		sh[i].f = sh[i].l = -1;
		se[i][0] = plan_run_start(&k->kt[i]);
		se[i][1] = plan_run_end(&k->kt[i]);
	}
	ext_undo_t *u = NULL;
	size_t cap = 0;
	for (int si = 0; si < p->n_sessions; si++)
		for (int pt = 0; pt < p->n_points; pt++) {
			int n_u = 0, got[2] = {0, 0};
			for (int dir = 0; dir < 2; dir++) {
				int left = plan_keep_need(p, si, pt, dir) -
					   plan_keep_kept_load(k, si, pt, dir);
				while (left > 0 && c->on_road[pt]) {
					plan_run_t ext;
					int i = best_run(c, src, sh, (const int(*)[2])se, si, dir,
							 pt, left, &ext);
					if (i < 0)
						break;
					int m = ext.children - k->kt[i].children;
					left -= m;
					got[dir] += m;
					sr_grow(&u, &cap, (size_t)n_u + 1, sizeof(*u));
					u[n_u++] = (ext_undo_t){i, k->kt[i], sh[i], m};
					k->kt[i] = ext;
					sh[i] = (ext_shift_t){plan_run_start(&ext) - se[i][0],
							      plan_run_end(&ext) - se[i][1],
							      ext.stops[0].point,
							      ext.stops[ext.n_stops - 1].point};
				}
			}
			/* one way only for children who need both: they would be
			 * taken off again (share_out) and ride runs of their own
			 * both ways, so nothing is extended */
			int undo = got[0] != got[1] && round_trips_only(p, si, pt);
			for (int q = n_u - 1; undo && q >= 0; q--) {
				plan_run_clear(&k->kt[u[q].i]);
				k->kt[u[q].i] = u[q].was;
				sh[u[q].i] = u[q].sh;
			}
			for (int q = 0; !undo && q < n_u; q++) {
				sr_info(_("plan: --keep: %d new children at %s on earlier run %s, no one else's time moved"),
					u[q].added, p->points[pt].name, src[u[q].i]->id);
				plan_run_clear(&u[q].was);
			}
		}
	free(u);
	free(sh);
	free(se);
}
