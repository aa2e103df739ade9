/*
 * keep.c - re-planning mid-term (`schoolrun plan --keep OLD/plan.json`):
 * a child joins, a village is added, a bus breaks down, and the families
 * whose bus and times stay the same should not hear about it. The
 * objective is lexicographic: fewest children whose pickup time or bus
 * changes, then buses, then kilometres.
 *
 * 1. Before routing (plan_keep_prepare): each session's runs of the
 *    earlier plan (as on the first day pattern that has the session) are
 *    kept when the session, its destination and the stops are still there,
 *    the riders still need their children (loads are cut to the riders
 *    there are now) and, timed again on the new inputs, no child rides over
 *    the limit and no run falls into the night. The riders' children are
 *    cut to those no kept run carries: only they are routed (runs.c).
 * 2. After routing (plan_keep_add_runs) the kept runs join the session's
 *    runs, and the day patterns are chained as always (duties.c).
 * 3. Then (plan_keep_duties), per day pattern: every kept run goes back to
 *    its earlier time (its window shift) and, when the bus still exists
 *    and can do it, onto its earlier bus; locked runs first onto their
 *    lock's bus (a locked run that bus cannot take wants its earlier bus);
 *    every other run into the gap of a bus already out that adds the
 *    fewest metres, and what is left is chained (chain_solve, fewest
 *    buses) on the buses still free. A run that leaves without a bus gets
 *    room on a bus out (eject: the runs it displaces go to a gap or a free
 *    bus, or displace others in turn; fewest children of earlier runs
 *    moved). Only if that fails too does the pattern keep the chaining's
 *    duties (all served comes first), put back on the buses that had
 *    their runs (relabel), and the changes say what that costs.
 *    A lock not honoured on every day is let go and the duties made again
 *    (build.c), so that a lock that cannot be kept moves nobody. This is the "fix and repair" of
 *    disruption management in vehicle scheduling (Huisman, Freling &
 *    Wagelmans, "A robust solution approach to the dynamic vehicle
 *    scheduling problem", Transportation Science 2004): keep the old
 *    schedule's duties, repair only around what changed.
 */
#include <stdlib.h>
#include <string.h>
#include "schoolrun/chain.h"
#include "ip/ip.h"
#include "plan/align.h"
#include "plan/hours.h"
#include "plan/keep.h"
#include "plan/keep_alt.h"
#include "plan/run.h"
#include "plan/timing.h"
#include "plan/trips.h"
#include "plan/windows.h"
#include "util/i18n.h"

/* Children of the riders of session si at point pt that need leg dir. */
int plan_keep_need(const sr_plan_t *p, int si, int pt, int dir)
{
	int n = 0;
	for (int r = 0; r < p->n_riders; r++)
		if (p->riders[r].session == si && p->riders[r].pickup == pt &&
		    plan_legs_has(p->riders[r].legs, dir))
			n += p->riders[r].children;
	return n;
}

/* Children of session si at point pt on the kept runs in direction dir. */
int plan_keep_kept_load(const plan_keep_t *k, int si, int pt, int dir)
{
	int n = 0;
	for (int i = 0; i < k->n_kt; i++)
		if (k->kt[i].dir == dir)
			for (int q = 0; q < k->kt[i].n_stops; q++)
				if (k->kt[i].stops[q].point == pt &&
				    k->kt[i].stops[q].session == si &&
				    !plan_stop_is_dest(&k->kt[i], q))
					n += dir ? k->kt[i].stops[q].alight
						 : k->kt[i].stops[q].board;
	return n;
}

/* Whether earlier runs a and b are the same run (session, direction, stops
 * and children). */
int plan_keep_same_run(const keep_run_t *a, const keep_run_t *b)
{
	if (a->session != b->session || a->dir != b->dir || a->n_stops != b->n_stops ||
	    a->mixed != b->mixed)
		return 0;
	for (int i = 0; i < a->n_stops; i++)
		if (a->stops[i].point != b->stops[i].point ||
		    a->stops[i].session != b->stops[i].session ||
		    a->stops[i].board != b->stops[i].board ||
		    a->stops[i].alight != b->stops[i].alight)
			return 0;
	return 1;
}

/* The first earlier pattern with a run of session si, or -1. */
static int first_pattern(const plan_keep_t *k, int si)
{
	for (int i = 0; i < k->n_pats; i++)
		for (int r = 0; r < k->pats[i].n_runs; r++)
			if (k->pats[i].runs[r].session == si)
				return i;
	return -1;
}

/* The earlier run o as a run of the new plan with at most avail[pt]
 * children per stop (avail taken down), untimed; 0 when nothing of it can
 * be kept (a stop or the destination gone, or no children left). */
static int candidate(const plan_ctx_t *c, const keep_run_t *o, int *avail, plan_run_t *r)
{
	const sr_plan_t *p = c->p;
	int to = o->dir == PLAN_TO_SESSION, dest = p->sessions[o->session].dest;
	if (o->n_stops < 2 || o->stops[to ? o->n_stops - 1 : 0].point != dest)
		return 0;
	memset(r, 0, sizeof(*r));
	r->session = o->session;
	r->dir = o->dir;
	r->bus = -1;
	r->origin = -1;
	r->stops = xcalloc((size_t)o->n_stops, sizeof(plan_stop_t));
	for (int i = 0; i < o->n_stops; i++) {
		const keep_stop_t *x = &o->stops[i];
		if (x->point < 0 || !c->on_road[x->point])
			goto none;
		if (x->point == dest && i == (to ? o->n_stops - 1 : 0))
			continue;
		int load = to ? x->board : x->alight;
		load = load < avail[x->point] ? load : avail[x->point];
		if (load <= 0)
			continue;
		avail[x->point] -= load;
		plan_stop_t *s = &r->stops[r->n_stops++];
		s->point = x->point;
		s->session = o->session;
		s->board = to ? load : 0;
		s->alight = to ? 0 : load;
		r->children += load;
	}
	if (!r->children)
		goto none;
	plan_stop_t *d = to ? &r->stops[r->n_stops] : r->stops;
	if (!to)
		memmove(r->stops + 1, r->stops, (size_t)r->n_stops * sizeof(plan_stop_t));
	memset(d, 0, sizeof(*d));
	d->point = dest;
	d->session = o->session;
	*(to ? &d->alight : &d->board) = r->children;
	r->n_stops++;
	return 1;
none:
	plan_run_clear(r);
	return 0;
}

static void push_run(plan_keep_t *k, size_t *cap, const plan_run_t *r)
{
	sr_grow(&k->kt, cap, (size_t)k->n_kt + 1, sizeof(plan_run_t));
	k->kt[k->n_kt++] = *r;
}

/* Times candidate r of earlier run x and keeps it (src[] gets x) when it
 * still works; else says so and returns 0 (r left to the caller, to give
 * its children back and free it). */
static int keep_if_feasible(plan_ctx_t *c, const keep_run_t *x, plan_run_t *r, size_t *cap,
			    const keep_run_t ***src, size_t *scap)
{
	plan_run_time(c, r);
	if (!plan_run_feasible(c, r, plan_run_is_mixed(r))) {
		sr_info(_("plan: --keep: run %s of the earlier plan no longer keeps its children within the windows, ride limits and the day; routed anew"),
			x->id);
		return 0;
	}
	sr_grow(src, scap, (size_t)c->keep->n_kt + 1, sizeof(**src));
	(*src)[c->keep->n_kt] = x;
	push_run(c->keep, cap, r);
	return 1;
}

/* Whether stop i of earlier run o is a destination (as plan_stop_is_dest). */
static int old_is_dest(const keep_run_t *o, int i)
{
	return o->dir == PLAN_TO_SESSION ? o->stops[i].alight > 0 || i == o->n_stops - 1
					 : o->stops[i].board > 0 || i == 0;
}

/* Whether earlier mixed run o may be kept whole: mixed loads still
 * allowed, each of its sessions still there, mixing and on the same days
 * as the others (a kept run repeats on every day of its session), its
 * destinations still theirs, its stops on the road network. */
static int mixed_ok(const plan_ctx_t *c, const keep_run_t *o)
{
	const sr_plan_t *p = c->p;
	if (strcmp(p->settings.mixed_load, "yes") || o->session < 0 || o->n_stops < 3)
		return 0;
	for (int i = 0; i < o->n_stops; i++) {
		const keep_stop_t *x = &o->stops[i];
		if (x->point < 0 || !c->on_road[x->point] || x->session < 0 ||
		    !p->sessions[x->session].mix ||
		    p->sessions[x->session].days != p->sessions[o->session].days ||
		    (old_is_dest(o, i) && x->point != p->sessions[x->session].dest))
			return 0;
	}
	return 1;
}

/* The children stop x of a run in direction dir takes up, back into
 * avail (as mixed_candidate indexes it). */
static void give_back(const sr_plan_t *p, int *avail, const plan_stop_t *x, int dir)
{
	avail[((size_t)x->session * 2 + (size_t)dir) * (size_t)p->n_points + (size_t)x->point] +=
		dir == PLAN_TO_SESSION ? x->board : x->alight;
}

/* Earlier mixed run o as a run of the new plan, its loads cut to avail
 * (per session, direction and point: avail[(session * 2 + dir) * n_points
 * + point], taken down), untimed; 0 (avail as it was) when a session of
 * it has no children left. */
static int mixed_candidate(const plan_ctx_t *c, const keep_run_t *o, int *avail, plan_run_t *r)
{
	const sr_plan_t *p = c->p;
	int to = o->dir == PLAN_TO_SESSION, ok = 1;
	int *on = xcalloc((size_t)p->n_sessions + 1, sizeof(int)); /* children by session */
	memset(r, 0, sizeof(*r));
	*r = (plan_run_t){.session = o->session, .dir = o->dir, .bus = -1, .origin = -1};
	r->stops = xcalloc((size_t)o->n_stops, sizeof(plan_stop_t));
	for (int i = 0; i < o->n_stops; i++) {
		const keep_stop_t *x = &o->stops[i];
		int *a = &avail[((size_t)x->session * 2 + (size_t)o->dir) * (size_t)p->n_points +
				(size_t)x->point];
		int load = old_is_dest(o, i) ? 0 : to ? x->board : x->alight;
		load = load < *a ? load : *a;
		if (!old_is_dest(o, i) && load <= 0)
			continue;
		*a -= load;
		on[x->session] += load;
		r->children += load;
		r->stops[r->n_stops++] = (plan_stop_t){.point = x->point,
						       .session = x->session,
						       .board = to ? load : 0,
						       .alight = to ? 0 : load};
	}
	for (int i = 0; i < r->n_stops; i++) /* the destinations' loads */
		if (r->stops[i].board + r->stops[i].alight == 0) {
			plan_stop_t *d = &r->stops[i];
			*(to ? &d->alight : &d->board) = on[d->session];
			ok &= on[d->session] > 0;
		}
	for (int i = 0; !ok && i < r->n_stops; i++) /* the children go back */
		give_back(p, avail, &r->stops[i], o->dir);
	if (!ok)
		plan_run_clear(r);
	free(on);
	return ok;
}

/* Whether earlier run x is the first of its id in the earlier plan. */
static int first_of_id(const plan_keep_t *k, const keep_run_t *x)
{
	for (int o = 0; o < k->n_pats; o++)
		for (int i = 0; i < k->pats[o].n_runs; i++)
			if (!strcmp(k->pats[o].runs[i].id, x->id))
				return &k->pats[o].runs[i] == x;
	return 0;
}

/* The earlier mixed runs kept whole (mixed_ok, loads cut to what the
 * riders need now, still within windows, ride limits and the day), each
 * run id once; src[] gets each one's earlier run. */
static void keep_mixed(plan_ctx_t *c, size_t *cap, const keep_run_t ***src, size_t *scap)
{
	plan_keep_t *k = c->keep;
	const sr_plan_t *p = c->p;
	size_t np = (size_t)p->n_points;
	int *avail = xcalloc((size_t)p->n_sessions * 2 * np + 1, sizeof(int));
	for (int r = 0; r < p->n_riders; r++)
		for (int dir = 0; dir < 2; dir++)
			if (p->riders[r].session >= 0 && p->riders[r].pickup >= 0 &&
			    plan_legs_has(p->riders[r].legs, dir))
				avail[((size_t)p->riders[r].session * 2 + (size_t)dir) * np +
				      (size_t)p->riders[r].pickup] += p->riders[r].children;
	for (int o = 0; o < k->n_pats; o++)
		for (int i = 0; i < k->pats[o].n_runs; i++) {
			const keep_run_t *x = &k->pats[o].runs[i];
			plan_run_t r;
			if (!x->mixed || !first_of_id(k, x))
				continue;
			if (!mixed_ok(c, x) || !mixed_candidate(c, x, avail, &r)) {
				sr_info(_("plan: --keep: mixed run %s of the earlier plan cannot be kept whole; its children are routed anew"),
					x->id);
				continue;
			}
			if (keep_if_feasible(c, x, &r, cap, src, scap))
				continue;
			for (int q = 0; q < r.n_stops; q++)
				give_back(p, avail, &r.stops[q], x->dir);
			plan_run_clear(&r);
		}
	free(avail);
}

/* The kept runs of session si (from its first earlier pattern), loads cut
 * to what the riders need now; src[] gets each one's earlier run. */
static void keep_session(plan_ctx_t *c, int si, size_t *cap, const keep_run_t ***src, size_t *scap)
{
	plan_keep_t *k = c->keep;
	const sr_plan_t *p = c->p;
	int o = first_pattern(k, si);
	if (o < 0)
		return;
	int *avail = xcalloc((size_t)p->n_points * 2 + 1, sizeof(int));
	for (int pt = 0; pt < p->n_points; pt++)
		for (int dir = 0; dir < 2; dir++)
			avail[dir * p->n_points + pt] =
				plan_keep_need(p, si, pt, dir) -
				plan_keep_kept_load(k, si, pt, dir); /* mixed, kept */
	for (int i = 0; i < k->pats[o].n_runs; i++) {
		const keep_run_t *x = &k->pats[o].runs[i];
		plan_run_t r;
		if (x->session != si || x->mixed ||
		    !candidate(c, x, avail + x->dir * p->n_points, &r))
			continue;
		if (keep_if_feasible(c, x, &r, cap, src, scap))
			continue;
		for (int q = 0; q < r.n_stops; q++) /* its children go back */
			avail[x->dir * p->n_points + r.stops[q].point] +=
				x->dir ? r.stops[q].alight : r.stops[q].board;
		plan_run_clear(&r);
	}
	free(avail);
}

/* Takes `amount` children at point pt off the kept runs of session si in
 * direction dir (last runs first). */
static void trim(plan_keep_t *k, int si, int pt, int dir, int amount)
{
	for (int i = k->n_kt - 1; i >= 0 && amount > 0; i--) {
		plan_run_t *r = &k->kt[i];
		if (r->session != si || r->dir != dir || plan_run_is_mixed(r))
			continue; /* a mixed run is kept whole */
		int to = dir == PLAN_TO_SESSION, m = 0;
		for (int q = 0; q < r->n_stops; q++) {
			plan_stop_t *s = &r->stops[q];
			int *load = to ? &s->board : &s->alight;
			if (s->point == pt && *load > 0 && amount > 0) {
				int take = *load < amount ? *load : amount;
				*load -= take;
				amount -= take;
				r->children -= take;
				if (!*load)
					continue;
			}
			r->stops[m++] = *s;
		}
		r->n_stops = m;
		*(to ? &r->stops[m - 1].alight : &r->stops[0].board) = r->children;
	}
}

/* The riders of session si at point pt keep the children the kept runs
 * carry (round trips first: as many both ways), their children cut to the
 * rest; kept children no rider can use that way are taken off the runs. */
static void share_out(plan_ctx_t *c, int si, int pt)
{
	sr_plan_t *p = c->p;
	int left[2] = {plan_keep_kept_load(c->keep, si, pt, 0),
		       plan_keep_kept_load(c->keep, si, pt, 1)};
	for (int pass = 0; pass < 3; pass++)
		for (int r = 0; r < p->n_riders; r++) {
			plan_rider_t *rd = &p->riders[r];
			if (rd->session != si || rd->pickup != pt || rd->legs != pass)
				continue;
			int k = rd->children;
			for (int dir = 0; dir < 2; dir++)
				if (plan_legs_has(rd->legs, dir) && left[dir] < k)
					k = left[dir];
			for (int dir = 0; dir < 2; dir++)
				left[dir] -= plan_legs_has(rd->legs, dir) ? k : 0;
			rd->children -= k;
		}
	for (int dir = 0; dir < 2; dir++)
		if (left[dir] > 0)
			trim(c->keep, si, pt, dir, left[dir]);
}

/* Drops kept runs left without children, times the others again, and
 * marks the earlier runs (on every earlier pattern) each one keeps. */
static void settle(plan_ctx_t *c, const keep_run_t **src)
{
	plan_keep_t *k = c->keep;
	int m = 0;
	for (int i = 0; i < k->n_kt; i++) {
		if (k->kt[i].children <= 0) {
			plan_run_clear(&k->kt[i]);
			continue;
		}
		plan_run_time(c, &k->kt[i]);
		src[m] = src[i];
		k->kt[m++] = k->kt[i];
	}
	k->n_kt = m;
	for (int i = 0; i < k->n_kt; i++)
		for (int o = 0; o < k->n_pats; o++)
			for (int r = 0; r < k->pats[o].n_runs; r++) {
				keep_run_t *x = &k->pats[o].runs[r];
				if (x->kept < 0 && plan_keep_same_run(x, src[i])) {
					x->kept = i;
					break;
				}
			}
}

void plan_keep_prepare(plan_ctx_t *c)
{
	sr_plan_t *p = c->p;
	plan_keep_t *k = c->keep;
	if (!k)
		return;
	size_t cap = 0, scap = 0;
	keep_mixed(c, &cap, &k->kt_src, &scap);
	for (int si = 0; si < p->n_sessions; si++)
		keep_session(c, si, &cap, &k->kt_src, &scap);
}

void plan_keep_settle(plan_ctx_t *c)
{
	sr_plan_t *p = c->p;
	plan_keep_t *k = c->keep;
	if (!k)
		return;
	k->saved_children = xcalloc((size_t)p->n_riders + 1, sizeof(int));
	for (int r = 0; r < p->n_riders; r++)
		k->saved_children[r] = p->riders[r].children;
	for (int si = 0; si < p->n_sessions; si++)
		for (int pt = 0; pt < p->n_points; pt++)
			share_out(c, si, pt);
	settle(c, k->kt_src);
	free(k->kt_src);
	k->kt_src = NULL;
	sr_info(_("plan: --keep: %d runs of the earlier plan kept; routing the riders they do not carry"),
		k->n_kt);
}

int plan_keep_add_runs(plan_ctx_t *c, sr_error_t *err)
{
	plan_keep_t *k = c->keep;
	if (!k)
		return SR_OK;
	for (int r = 0; r < c->p->n_riders; r++)
		c->p->riders[r].children = k->saved_children[r];
	k->first_tmpl = c->n_tmpl;
	c->tmpl =
		xreallocarray(c->tmpl, (size_t)c->n_tmpl + (size_t)k->n_kt + 1, sizeof(plan_run_t));
	for (int i = 0; i < k->n_kt; i++) {
		plan_run_t *r = &c->tmpl[c->n_tmpl++];
		plan_run_copy(r, &k->kt[i]);
		int rc = plan_run_shape(c, r, err);
		if (rc)
			return rc;
	}
	return SR_OK;
}

/* ---- per day pattern: kept runs on their earlier buses ---- */

#define KEEP_MOVE_S 300 /* a new run tries its window in steps of this */

/* The runs each bus does in a pattern being rebuilt. */
typedef struct buslist {
	int *v;
	int n;
} buslist_t;

/* Whether bus b can do runs idx[0..n) (in time order) of pat: seats, its
 * hours with the legs from and back to its depot, and the drive between
 * each run and the next. */
static int seq_ok(const plan_ctx_t *c, const plan_pattern_t *pat, int b, const int *idx, int n)
{
	const plan_bus_t *x = &c->p->buses[b];
	if (!c->on_road[x->depot])
		return 0;
	for (int i = 0; i < n; i++) {
		const plan_run_t *r = &pat->runs[idx[i]];
		if (r->children > x->seats)
			return 0;
		int from = i ? pat->runs[idx[i - 1]].stops[pat->runs[idx[i - 1]].n_stops - 1].point
			     : x->depot;
		int ready = i ? plan_run_end(&pat->runs[idx[i - 1]]) : x->avail_from_s;
		if (ready + plan_tt(c, from, r->stops[0].point) > plan_run_start(r))
			return 0;
	}
	const plan_run_t *l = &pat->runs[idx[n - 1]];
	if (plan_run_end(l) + plan_tt(c, l->stops[l->n_stops - 1].point, x->depot) > x->avail_to_s)
		return 0;
	plan_duty_t du = {.bus = b, .runs = (int *)idx, .n_runs = n};
	return plan_hours_fits(c, pat, &du, b); /* the drivers' rules */
}

/* The metres bus b drives empty doing runs idx[0..n): depot legs and the
 * drives between runs. */
static double empty_m(const plan_ctx_t *c, const plan_pattern_t *pat, int b, const int *idx, int n)
{
	int at = c->p->buses[b].depot;
	double m = 0;
	for (int i = 0; i < n; i++) {
		const plan_run_t *r = &pat->runs[idx[i]];
		m += plan_mm(c, at, r->stops[0].point);
		at = r->stops[r->n_stops - 1].point;
	}
	return m + plan_mm(c, at, c->p->buses[b].depot);
}

/* Run ri into bus b's list in time order (when commit is set) if the bus
 * can still do them all; returns 1 so with the empty metres it adds in
 * *add, else 0 (nothing changed). */
static int try_insert(const plan_ctx_t *c, const plan_pattern_t *pat, buslist_t *bl, int b, int ri,
		      int commit, double *add)
{
	buslist_t *l = &bl[b];
	int *v = xcalloc((size_t)l->n + 1, sizeof(int)), n = 0, put = 0;
	for (int i = 0; i < l->n; i++) {
		if (!put && plan_run_start(&pat->runs[ri]) < plan_run_start(&pat->runs[l->v[i]])) {
			v[n++] = ri;
			put = 1;
		}
		v[n++] = l->v[i];
	}
	if (!put)
		v[n++] = ri;
	int ok = seq_ok(c, pat, b, v, n);
	if (ok) {
		*add = empty_m(c, pat, b, v, n) - (l->n ? empty_m(c, pat, b, l->v, l->n) : 0);
		if (commit) {
			free(l->v);
			l->v = v;
			l->n = n;
			v = NULL;
		}
	}
	free(v);
	return ok;
}

/* The earlier pattern that planned the first day of days, or -1. */
static int old_pattern(const plan_keep_t *k, uint8_t days)
{
	for (int i = 0; k && i < k->n_pats; i++)
		if (k->pats[i].days & days & (uint8_t)(days & -days))
			return i;
	return -1;
}

/* The earlier run of pattern o that run r keeps, or NULL. */
static const keep_run_t *old_of(const plan_keep_t *k, int o, const plan_run_t *r)
{
	if (!k || o < 0 || r->origin < k->first_tmpl || r->origin >= k->first_tmpl + k->n_kt)
		return NULL;
	for (int i = 0; i < k->pats[o].n_runs; i++)
		if (k->pats[o].runs[i].kept == r->origin - k->first_tmpl)
			return &k->pats[o].runs[i];
	return NULL;
}

/* Whether run r carries children of session si from or to point pt. */
static int carries(const plan_run_t *r, int si, int pt)
{
	for (int q = 0; q < r->n_stops; q++)
		if (r->stops[q].point == pt && r->stops[q].session == si &&
		    r->stops[q].board + r->stops[q].alight > 0 && !plan_stop_is_dest(r, q))
			return 1;
	return 0;
}

/* Whether a run lock pins the earlier run old. */
static int run_locked(const sr_plan_t *p, const keep_run_t *old)
{
	for (int l = 0; old && l < p->n_locks; l++)
		if (!p->locks[l].off && p->locks[l].run && !strcmp(p->locks[l].run, old->id))
			return 1;
	return 0;
}

/* The bus run r should have and how firmly (0 a lock, 1 its earlier bus,
 * 2 the bus of its copy on an earlier day pattern (org_bus, by origin),
 * else the chaining's); with use_old (or a run lock) a kept run goes back
 * to its earlier time and wants its earlier bus (*back: the bus a locked
 * run wants when its lock's bus cannot take it, else -1). */
static int wanted(const plan_ctx_t *c, plan_run_t *r, const keep_run_t *old, const int *org_bus,
		  int use_old, int *tier, int *back)
{
	const sr_plan_t *p = c->p;
	int want =
		use_old && r->origin >= 0 && org_bus[r->origin] >= 0 ? org_bus[r->origin] : r->bus;
	*tier = 2;
	*back = -1;
	if (old && (use_old || run_locked(p, old))) {
		plan_run_move(r, old->shift_s - r->shift_s);
		if (old->bus >= 0) {
			want = old->bus;
			*tier = 1;
		}
	}
	for (int l = 0; l < p->n_locks; l++) {
		const plan_lock_t *L = &p->locks[l];
		if (L->off)
			continue;
		int hit = L->run ? old && !strcmp(L->run, old->id)
				 : carries(r, L->session, L->pickup);
		if (hit && (L->bus >= 0 || *tier == 1)) {
			*back = *tier == 1 ? want : -1;
			want = L->bus >= 0 ? L->bus : want;
			*tier = 0;
			break;
		}
	}
	return want;
}

int plan_chain_runs(const plan_ctx_t *c, const plan_run_t *runs, const int *idx, int n,
		    const unsigned char *free_bus, chain_solution_t *sol, sr_error_t *err)
{
	const sr_plan_t *p = c->p;
	memset(sol, 0, sizeof(*sol));
	chain_bus_t *cb = xcalloc((size_t)p->n_buses + 1, sizeof(*cb));
	plan_run_t *sel = xcalloc((size_t)n + 1, sizeof(*sel)); /* shallow copies */
	int *of = xcalloc((size_t)p->n_buses + 1, sizeof(int)), nb = 0, rc = SR_OK;
	for (int i = 0; i < n; i++)
		sel[i] = runs[idx[i]];
	for (int b = 0; b < p->n_buses; b++)
		if (free_bus[b] && c->on_road[p->buses[b].depot]) {
			const plan_bus_t *x = &p->buses[b];
			cb[nb] = (chain_bus_t){.depot_loc = (uint32_t)x->depot,
					       .seats = x->seats,
					       .avail_from_s = x->avail_from_s,
					       .avail_to_s = x->avail_to_s,
					       .cost_per_km = x->cost_per_km};
			plan_hours_bus(c, x, &cb[nb]); /* the drivers' limits */
			of[nb++] = b;
		}
	if (nb == 0 || n == 0) {
		sol->uncovered = xcalloc((size_t)n + 1, sizeof(int));
		for (int i = 0; nb == 0 && i < n; i++)
			sol->uncovered[sol->n_uncovered++] = i;
		sol->optimal = 1;
	} else if ((rc = plan_hours_chain(c, sel, n, cb, nb, sol, err)) == SR_OK) {
		for (int d = 0; d < sol->n_duties; d++)
			sol->duties[d].bus = of[sol->duties[d].bus];
	}
	free(sel);
	free(cb);
	free(of);
	return rc;
}

/* Chains runs rest[0..n) on the buses with nothing yet (their lists
 * filled); returns the runs left without a bus (*first: the first of
 * them), or -1 with err set. */
static int chain_rest(const plan_ctx_t *c, const plan_pattern_t *pat, buslist_t *bl,
		      const int *rest, int n, int *first, sr_error_t *err)
{
	int nb = c->p->n_buses, left = -1;
	if (!n)
		return 0;
	unsigned char *free_bus = xcalloc((size_t)nb + 1, 1);
	for (int b = 0; b < nb; b++)
		free_bus[b] = !bl[b].n;
	chain_solution_t sol;
	if (plan_chain_runs(c, pat->runs, rest, n, free_bus, &sol, err) == SR_OK) {
		left = sol.n_uncovered;
		*first = left > 0 ? rest[sol.uncovered[0]] : -1;
		for (int d = 0; d < sol.n_duties; d++) {
			buslist_t *l = &bl[sol.duties[d].bus];
			l->v = xcalloc((size_t)sol.duties[d].n_tasks + 1, sizeof(int));
			for (int k = 0; k < sol.duties[d].n_tasks; k++)
				l->v[l->n++] = rest[sol.duties[d].tasks[k]];
		}
	}
	chain_solution_free(&sol);
	free(free_bus);
	return left;
}

/* Sorts run indices v[0..n) by start time, then index (insertion sort:
 * stable, the lists are short). */
static void by_start(const plan_run_t *runs, int *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0; j--) {
			int x = v[j - 1], y = v[j];
			int sx = plan_run_start(&runs[x]), sy = plan_run_start(&runs[y]);
			if (sx < sy || (sx == sy && x < y))
				break;
			v[j - 1] = y;
			v[j] = x;
		}
}

/* Run ri into the gap of a bus already out that adds the fewest metres;
 * a run that fits none there and may move (movable: a new run, not a
 * kept one, whose time families already have) tries again moved in its
 * window, 5 minutes at a time (earlier to the session, later home), as
 * the chaining would (windows.c): two new groups of one morning on the
 * one bus with room take turns. Returns whether it was placed. */
static int into_gap(const plan_ctx_t *c, plan_pattern_t *pat, buslist_t *bl, int ri, int movable)
{
	plan_run_t *r = &pat->runs[ri];
	int nb = c->p->n_buses, moved = 0, room = movable ? plan_run_room_s(c->p, r) : 0;
	for (;;) {
		int best = -1;
		double best_m = 0, add;
		for (int b = 0; b < nb; b++)
			if (bl[b].n && try_insert(c, pat, bl, b, ri, 0, &add) &&
			    (best < 0 || add < best_m - 1e-6)) {
				best = b;
				best_m = add;
			}
		if (best >= 0)
			return try_insert(c, pat, bl, best, ri, 1, &add);
		int d = room - moved < KEEP_MOVE_S ? room - moved : KEEP_MOVE_S;
		if (d <= 0)
			break;
		plan_run_move(r, d);
		moved += d;
	}
	plan_run_move(r, -moved);
	return 0;
}

/* Puts every run of pat into bl: the wanted bus first (by tier, then in
 * time order; a locked run its lock cannot take wants its earlier bus,
 * back[], with the earlier buses), then the gap of a bus already out that
 * adds the fewest metres (into_gap; a run whose time is not fixed[] may
 * move in its window for it), then chain_rest. Returns the runs left without a
 * bus (*first: one of them), -1 on a solver error. */
static int place(const plan_ctx_t *c, plan_pattern_t *pat, int *want, int *tier, const int *back,
		 const unsigned char *fixed, buslist_t *bl, int *first, sr_error_t *err)
{
	int n = pat->n_runs;
	int *ord = xcalloc((size_t)n + 1, sizeof(int)), *rest = xcalloc((size_t)n + 1, sizeof(int));
	int n_rest = 0;
	double add;
	for (int i = 0; i < n; i++)
		ord[i] = i;
	by_start(pat->runs, ord, n);
	for (int t = 0; t < 4; t++)
		for (int k = 0; k < n; k++) {
			int i = ord[k];
			if (tier[i] != t || want[i] < 0 ||
			    try_insert(c, pat, bl, want[i], i, 1, &add))
				continue;
			if (t == 0 && back[i] >= 0 && back[i] != want[i]) {
				want[i] = back[i]; /* placed with the earlier buses */
				tier[i] = 2;
			} else {
				rest[n_rest++] = i;
			}
		}
	for (int k = 0; k < n; k++)
		if (want[ord[k]] < 0)
			rest[n_rest++] = ord[k];
	by_start(pat->runs, rest, n_rest);
	int m = 0;
	for (int k = 0; k < n_rest; k++)
		if (!into_gap(c, pat, bl, rest[k], !fixed[rest[k]]))
			rest[m++] = rest[k];
	*first = -1;
	int left = chain_rest(c, pat, bl, rest, m, first, err);
	free(ord);
	free(rest);
	return left;
}

/* pat's duties from the bus lists (fleet order). */
static void rebuild_duties(const plan_ctx_t *c, plan_pattern_t *pat, const buslist_t *bl)
{
	const sr_plan_t *p = c->p;
	for (int d = 0; d < pat->n_duties; d++) {
		free(pat->duties[d].runs);
		free(pat->duties[d].gaps);
	}
	free(pat->duties);
	pat->duties = xcalloc((size_t)p->n_buses + 1, sizeof(plan_duty_t));
	pat->n_duties = 0;
	for (int b = 0; b < p->n_buses; b++) {
		if (!bl[b].n)
			continue;
		plan_duty_t *du = &pat->duties[pat->n_duties++];
		du->bus = b;
		du->runs = xcalloc((size_t)bl[b].n, sizeof(int));
		for (int k = 0; k < bl[b].n; k++) {
			du->runs[du->n_runs++] = bl[b].v[k];
			pat->runs[bl[b].v[k]].bus = b;
		}
		/* depot times, metres, gaps and the driver's day (hours.c) */
		plan_hours_fill(c, pat, du);
	}
}

/* A locked run's whole duty moves to the lock's bus, whose duty takes the
 * run's bus in exchange (the relabelling of week.c): the unpinned runs of
 * the two buses swap what they want. */
static void swap_for_locks(const plan_pattern_t *pat, int *want, const int *tier)
{
	for (int i = 0; i < pat->n_runs; i++) {
		int f = pat->runs[i].bus, l = want[i];
		if (tier[i] || f < 0 || l < 0 || f == l)
			continue;
		for (int j = 0; j < pat->n_runs; j++)
			if (tier[j])
				want[j] = want[j] == f ? l : want[j] == l ? f : want[j];
	}
}

/* The outcome of one try at a pattern's duties (attempt). */
typedef struct trial {
	int left, first; /* runs without a bus (-1: a solver error), one of them */
	int changed;	 /* children of earlier runs not on their earlier bus */
	int buses;
	double metres; /* driven empty */
} trial_t;

/* The figures of a try that gave every run of pat a bus (lists bl). */
static void tally(const plan_ctx_t *c, const plan_pattern_t *pat, const keep_run_t **old,
		  const buslist_t *bl, trial_t *t)
{
	for (int b = 0; b < c->p->n_buses; b++) {
		if (!bl[b].n)
			continue;
		t->buses++;
		t->metres += empty_m(c, pat, b, bl[b].v, bl[b].n);
		for (int k = 0; k < bl[b].n; k++) {
			const keep_run_t *x = old[bl[b].v[k]];
			t->changed += x && x->bus >= 0 && x->bus != b
					      ? pat->runs[bl[b].v[k]].children
					      : 0;
		}
	}
}

/* The tiers of place: 0 a lock, 1 a pin (pins[i] >= 0), 2 the earlier bus,
 * 3 the bus of an earlier day pattern or the chaining's. */
static void pin(int n, const int *pins, int *want, int *tier, int *back)
{
	for (int i = 0; i < n; i++) {
		tier[i] += tier[i] > 0;
		if (pins && pins[i] >= 0 && tier[i]) {
			want[i] = pins[i];
			tier[i] = 1;
			back[i] = -1;
		}
	}
}

/* The chaining's duties of pat put back on the buses that had their runs:
 * to[b] is the bus that takes the chaining's duty of bus b. When the
 * earlier buses cannot hold a pattern it falls back to the chaining's
 * buses (keep_pattern), whose names are the accident of its search: the
 * bundled district re-planned without ПАЗ-01 and Хайгер-09 moved Детсад
 * № 3's Tue/Thu run off КАвЗ-08, which was still there and free that
 * morning. Each duty goes to a bus that can do it (seq_ok), so as to put
 * the most children back on the bus that had them. Of assignments that
 * keep as many, one where a bus that loses earlier runs takes in their
 * stead runs of a bus gone or new runs (the runs its lost ones made room
 * for, as the checker's rule has it) comes first; then the chaining's own
 * bus. An assignment (bipartite matching) solved as a GLPK program, as
 * compare matches buses (src/batch/renamed.c): the assignment polytope is
 * integral, so the binaries cost no branching. The weights of the ties
 * are scaled so that all buses' second tie-break stays below one first,
 * and all buses' first below one child: with fixed weights the two
 * assignments of that example tied exactly. */
static void relabel(const plan_ctx_t *c, const plan_pattern_t *pat, const keep_run_t **old, int *to)
{
	int nb = c->p->n_buses, nd = pat->n_duties, n = 0;
	for (int b = 0; b < nb; b++)
		to[b] = b;
	if (!c->keep || nd < 2)
		return;
	ip_model_t *m = ip_model_new(IP_MAX);
	int rd = ip_add_rows(m, nd, 1, 1), rb = ip_add_rows(m, nb, 0, 1);
	int *col_d = xcalloc((size_t)nd * (size_t)nb + 1, sizeof(int)),
	    *col_b = xcalloc((size_t)nd * (size_t)nb + 1, sizeof(int)),
	    *had = xcalloc((size_t)nb + 1, sizeof(int));
	for (int i = 0; i < pat->n_runs; i++)
		if (old[i] && old[i]->bus >= 0 && old[i]->bus < nb)
			had[old[i]->bus]++;
	/* the ties' weights: all buses' room below one child, all buses' own
	 * below one room, whatever the fleet */
	double room_w = 0.5 / (nb + 1), own_w = room_w / (nb + 2);
	for (int d = 0; d < nd; d++) {
		const plan_duty_t *du = &pat->duties[d];
		int reason = 0; /* a run of a bus gone, or a new one */
		for (int i = 0; i < du->n_runs; i++)
			reason |= !old[du->runs[i]] || old[du->runs[i]]->bus < 0;
		for (int b = 0; b < nb; b++) {
			if (b != du->bus &&
			    (!du->n_runs || !seq_ok(c, pat, b, du->runs, du->n_runs)))
				continue;
			double kept = b == du->bus ? own_w : 0;
			int in = 0;
			for (int i = 0; i < du->n_runs; i++) {
				const keep_run_t *o = old[du->runs[i]];
				if (o && o->bus == b) {
					in++;
					kept += pat->runs[du->runs[i]].children;
				}
			}
			kept += reason && in < had[b] ? room_w : 0;
			int idx[2] = {rd + d, rb + b};
			double val[2] = {1, 1};
			ip_add_col(m, IP_BIN, 0, 1, kept, 2, idx, val);
			col_d[n] = d;
			col_b[n++] = b;
		}
	}
	ip_status_t st;
	sr_error_t err;
	sr_error_clear(&err);
	if (ip_solve(m, NULL, &st, NULL, &err) == SR_OK &&
	    (st == IP_OPTIMAL || st == IP_FEASIBLE)) {
		int *got = xcalloc((size_t)nb + 1, sizeof(int));
		for (int b = 0; b < nb; b++)
			got[b] = -1;
		for (int j = 0; j < n; j++)
			if (ip_mip_val(m, j + 1) > 0.5)
				got[pat->duties[col_d[j]].bus] = col_b[j];
		/* buses without a duty of the chaining take none */
		int whole = 1;
		for (int d = 0; d < nd; d++)
			whole &= got[pat->duties[d].bus] >= 0;
		for (int b = 0; whole && b < nb; b++)
			to[b] = got[b] >= 0 ? got[b] : b;
		free(got);
	}
	ip_model_free(m);
	free(col_d);
	free(col_b);
	free(had);
}

/* One try at pat's duties (see keep_pattern): with use_old the kept runs
 * at their earlier times on their earlier buses, without it only the
 * locks pinned and the chaining's buses wanted (use_old < 0: not even
 * those, the other runs chained anew around the locked ones); pins (NULL
 * for none) put runs onto a bus before all but the locks. With commit,
 * pat takes the new duties when every run has a bus; else the runs' times
 * are back as they were. Returns the runs left without a bus (t->left). */
static int attempt(plan_ctx_t *c, plan_pattern_t *pat, const keep_run_t **old, const int *org_bus,
		   int use_old, const int *pins, int commit, trial_t *t, sr_error_t *err)
{
	int n = pat->n_runs, nb = c->p->n_buses;
	int *want = xcalloc((size_t)n + 1, sizeof(int)),
	    *tier = xcalloc((size_t)n + 1, sizeof(int)),
	    *back = xcalloc((size_t)n + 1, sizeof(int));
	int *shift0 = xcalloc((size_t)n + 1, sizeof(int));
	buslist_t *bl = xcalloc((size_t)nb + 1, sizeof(buslist_t));
	for (int i = 0; i < n; i++) {
		shift0[i] = pat->runs[i].shift_s;
		want[i] = wanted(c, &pat->runs[i], old[i], org_bus, use_old, &tier[i], &back[i]);
	}
	if (use_old == 0) { /* the chaining's duties, back on the buses that had them */
		int *to = xcalloc((size_t)nb + 1, sizeof(int));
		relabel(c, pat, old, to);
		for (int i = 0; i < n; i++)
			if (tier[i] > 0 && want[i] >= 0 && want[i] < nb)
				want[i] = to[want[i]];
		free(to);
	}
	pin(n, pins, want, tier, back);
	if (!use_old)
		swap_for_locks(pat, want, tier);
	for (int i = 0; use_old < 0 && i < n; i++)
		want[i] = tier[i] ? -1 : want[i]; /* the others chained anew */
	*t = (trial_t){0};
	/* every run at its time first; only when that leaves runs without a
	 * bus, a re-plan's new ones (no earlier time, no lock) may move in their
	 * windows to fit a gap (into_gap): two new groups of one morning
	 * otherwise sent the pattern back to the chaining's buses, and every
	 * family's time with it */
	unsigned char *fixed = xcalloc((size_t)n + 1, 1);
	int *want0 = xcalloc((size_t)n + 1, sizeof(int)),
	    *tier0 = xcalloc((size_t)n + 1, sizeof(int));
	memcpy(want0, want, sizeof(int) * (size_t)n);
	memcpy(tier0, tier, sizeof(int) * (size_t)n);
	for (int i = 0; i < n; i++)
		fixed[i] = 1;
	t->left = place(c, pat, want, tier, back, fixed, bl, &t->first, err);
	int movable = 0;
	for (int i = 0; i < n; i++) { /* a plan with locks alone: none */
		fixed[i] = !c->keep || old[i] != NULL || tier0[i] == 0;
		movable |= !fixed[i];
	}
	if (t->left > 0 && movable) {
		for (int b = 0; b < nb; b++) {
			free(bl[b].v);
			bl[b] = (buslist_t){NULL, 0};
		}
		memcpy(want, want0, sizeof(int) * (size_t)n);
		memcpy(tier, tier0, sizeof(int) * (size_t)n);
		t->left = place(c, pat, want, tier, back, fixed, bl, &t->first, err);
	}
	free(fixed);
	free(want0);
	free(tier0);
	if (t->left == 0)
		tally(c, pat, old, bl, t);
	if (t->left == 0 && commit)
		rebuild_duties(c, pat, bl);
	for (int i = 0; (t->left || !commit) && i < n; i++) /* the times as they were */
		plan_run_move(&pat->runs[i], shift0[i] - pat->runs[i].shift_s);
	for (int b = 0; b < nb; b++)
		free(bl[b].v);
	free(bl);
	free(want);
	free(tier);
	free(back);
	free(shift0);
	return t->left;
}

/* The search for room (eject): the pins tried and the best that worked. */
typedef struct room {
	int *pins, *best;
	trial_t top;
	int found, tries;
} room_t;

#define ROOM_TRIES 400 /* tries per day pattern, at most */

/* Pins run x onto each bus in turn (the runs it displaces re-placed as
 * place does); a run still left without a bus is pinned in turn while
 * depth allows. */
static void room_from(plan_ctx_t *c, plan_pattern_t *pat, const keep_run_t **old,
		      const int *org_bus, int x, int depth, room_t *e, sr_error_t *err)
{
	for (int b = 0; b < c->p->n_buses && e->tries < ROOM_TRIES; b++) {
		if (pat->runs[x].children > c->p->buses[b].seats)
			continue;
		trial_t t;
		e->pins[x] = b;
		e->tries++;
		attempt(c, pat, old, org_bus, 1, e->pins, 0, &t, err);
		sr_error_clear(err);
		if (t.left == 0 &&
		    (!e->found || t.changed < e->top.changed ||
		     (t.changed == e->top.changed &&
		      (t.buses < e->top.buses ||
		       (t.buses == e->top.buses && t.metres < e->top.metres - 1e-6))))) {
			e->found = 1;
			e->top = t;
			memcpy(e->best, e->pins, (size_t)pat->n_runs * sizeof(int));
		} else if (t.left > 0 && depth > 1 && t.first >= 0 && e->pins[t.first] < 0) {
			room_from(c, pat, old, org_bus, t.first, depth - 1, e, err);
		}
		e->pins[x] = -1;
	}
}

/* When the earlier buses leave run x without a bus: makes room for it on
 * a bus that had other runs, displacing the fewest children of earlier
 * runs (then fewest buses, then metres) and those displaced going to a
 * gap or a free bus, or in turn displacing others (an ejection chain of
 * at most two links, as in Glover's ejection chains for vehicle routing:
 * Rego & Roucairol, "A parallel tabu search algorithm using ejection
 * chains for the VRP", 1996). Returns 0 when pat has its duties so,
 * else the runs left without a bus by the earlier buses. */
static int eject(plan_ctx_t *c, plan_pattern_t *pat, const keep_run_t **old, const int *org_bus,
		 int x, int left, sr_error_t *err)
{
	int n = pat->n_runs;
	room_t e = {.pins = xcalloc((size_t)n + 1, sizeof(int)),
		    .best = xcalloc((size_t)n + 1, sizeof(int))};
	for (int i = 0; i < n; i++)
		e.pins[i] = -1;
	for (int depth = 1; depth <= 2 && !e.found; depth++)
		room_from(c, pat, old, org_bus, x, depth, &e, err);
	if (e.found) {
		trial_t t;
		left = attempt(c, pat, old, org_bus, 1, e.best, 1, &t, err);
		sr_info(_("plan: days %s: room made for the runs the earlier buses left without a "
			  "bus: %d children of earlier runs on another bus"),
			plan_days_said(pat->days, (char[64]){0}, 64), t.changed);
	}
	free(e.pins);
	free(e.best);
	return left;
}

/* Moves run r from bus `from`'s list to bus `to`'s in bl when both buses
 * can still do their runs (seq_ok); returns whether it did. */
static int move_run(const plan_ctx_t *c, plan_pattern_t *pat, buslist_t *bl, int r, int from,
		    int to)
{
	buslist_t *f = &bl[from];
	int *rest = xcalloc((size_t)f->n + 1, sizeof(int)), n = 0;
	double add;
	for (int k = 0; k < f->n; k++)
		if (f->v[k] != r)
			rest[n++] = f->v[k];
	int ok =
		(n == 0 || seq_ok(c, pat, from, rest, n)) && try_insert(c, pat, bl, to, r, 1, &add);
	if (ok) {
		free(f->v);
		f->v = rest;
		f->n = n;
		pat->runs[r].bus = to;
	} else {
		free(rest);
	}
	return ok;
}

/* A group new to the plan (home_same_bus = prefer; both its runs new: no
 * earlier run, no lock in the plan) whose run home is on another bus than
 * its run to the session gets both on one bus where that bus can do it:
 * the one run moves into the other's day, or the other way, and no other
 * run moves, so no child of the earlier plan changes; a day left empty
 * frees its bus. The repair places new runs where they add the fewest
 * metres, which crossed such groups over (the 4 children of Ильинка in
 * examples/district-replan rode to football on one ГАЗель and home on
 * another). */
static void new_round_trips(const plan_ctx_t *c, plan_pattern_t *pat, const keep_run_t **old)
{
	if (!c->keep || c->p->n_locks > 0 || strcmp(c->p->settings.home_same_bus, "prefer"))
		return;
	chain_pair_t *q;
	int nq = plan_round_trip_pairs(c->p, pat->runs, pat->n_runs, &q), nb = c->p->n_buses,
	    moved = 0;
	buslist_t *bl = xcalloc((size_t)nb + 1, sizeof(buslist_t));
	for (int d = 0; d < pat->n_duties; d++) {
		plan_duty_t *du = &pat->duties[d];
		bl[du->bus].v = xcalloc((size_t)du->n_runs + 1, sizeof(int));
		memcpy(bl[du->bus].v, du->runs, sizeof(int) * (size_t)du->n_runs);
		bl[du->bus].n = du->n_runs;
	}
	for (int k = 0; k < nq; k++) {
		int a = q[k].a, b = q[k].b, ba = pat->runs[a].bus, bb = pat->runs[b].bus;
		if (old[a] || old[b] || ba < 0 || bb < 0 || ba == bb)
			continue;
		moved |= move_run(c, pat, bl, a, ba, bb) || move_run(c, pat, bl, b, bb, ba);
	}
	if (moved)
		rebuild_duties(c, pat, bl);
	for (int b = 0; b < nb; b++)
		free(bl[b].v);
	free(bl);
	free(q);
}

/* Re-plans the duties of pattern pat as the file's comment says, first
 * keeping the earlier buses and times (making room, eject, for a run they
 * leave without a bus), then only the locks with the chaining's buses,
 * then only the locks with the rest chained anew, else keeping the
 * chaining's duties; old[i] gets the earlier run that run i keeps (NULL
 * for none). */
static int keep_pattern(plan_ctx_t *c, plan_pattern_t *pat, const keep_run_t **old, int *org_bus,
			sr_error_t *err)
{
	int n = pat->n_runs, o = old_pattern(c->keep, pat->days), left = 0;
	for (int i = 0; i < n; i++)
		old[i] = old_of(c->keep, o, &pat->runs[i]);
	for (int use_old = c->keep ? 1 : 0; use_old >= -1; use_old--) {
		trial_t t;
		left = attempt(c, pat, old, org_bus, use_old, NULL, 1, &t, err);
		sr_error_clear(err);
		if (left > 0 && use_old == 1 && t.first >= 0)
			left = eject(c, pat, old, org_bus, t.first, left, err);
		sr_error_clear(err);
		if (!left)
			break;
		sr_info(_("plan: days %s: %s leave %d runs without a bus"),
			plan_days_said(pat->days, (char[64]){0}, 64),
			use_old ? _("the earlier buses and the locks") : _("the locks"),
			left < 0 ? n : left);
	}
	if (left)
		plan_warn(c->p, "keep_no_bus", pat->days, NULL, 0,
			  "the earlier buses and the locks leave runs without a bus; "
			  "this day pattern keeps the new chaining's buses");
	else
		new_round_trips(c, pat, old);
	return SR_OK;
}

/* Pattern pat's duties re-planned (keep_pattern), or the chaining's where
 * they need fewer buses and keep_priority says so (keep_alt.c); org_bus
 * then gets the buses of its runs. */
static int replan_pattern(plan_ctx_t *c, plan_pattern_t *pat, const keep_run_t **old, int *org_bus,
			  sr_error_t *err)
{
	plan_pattern_t chained = {0};
	if (c->keep)
		plan_pattern_copy(&chained, pat);
	int rc = keep_pattern(c, pat, old, org_bus, err);
	if (!rc && plan_keep_alt(c, pat, &chained)) { /* kept aside for changes.c */
		plan_keep_t *k = c->keep;
		k->alt_pats =
			xreallocarray(k->alt_pats, (size_t)c->p->n_alts, sizeof(plan_pattern_t));
		k->alt_pats[k->n_alt_pats++] = chained;
	} else {
		plan_pattern_clear(&chained);
	}
	for (int i = 0; i < pat->n_runs; i++)
		if (pat->runs[i].origin >= 0 && org_bus[pat->runs[i].origin] < 0)
			org_bus[pat->runs[i].origin] = pat->runs[i].bus;
	return rc;
}

/* Whether run r is its earlier run x as it was: the same stops, minutes
 * and bus. */
static int as_before(const plan_run_t *r, const keep_run_t *x)
{
	int same = r->n_stops == x->n_stops && r->bus == x->bus && r->bus >= 0;
	for (int q = 0; same && q < r->n_stops; q++)
		same = r->stops[q].point == x->stops[q].point &&
		       r->stops[q].arrival_s / 60 == x->stops[q].arrival_s / 60 &&
		       r->stops[q].departure_s / 60 == x->stops[q].departure_s / 60;
	return same;
}

/* Run ids: a kept run keeps its earlier id (a run that repeats keeps one
 * id all week, as week.c numbers them), unless a run of another origin or
 * of the same pattern has it already; the others get numbers after the
 * earlier plan's highest, one per origin. */
static void keep_ids(plan_ctx_t *c, const keep_run_t *const *const *old)
{
	sr_plan_t *p = c->p;
	int next = c->keep->max_id, n_org = c->n_tmpl + c->n_mix + 1;
	int *num = xcalloc((size_t)n_org + 1, sizeof(int));
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			plan_run_t *r = &p->patterns[k].runs[i];
			const keep_run_t *x = old[k][i];
			int taken = 0;
			for (int q = 0; x && q <= k; q++)
				for (int j = 0; j < (q < k ? p->patterns[q].n_runs : i); j++)
					taken |= !strcmp(p->patterns[q].runs[j].id, x->id) &&
						 (q == k ||
						  p->patterns[q].runs[j].origin != r->origin);
			free(r->id);
			if (x && !taken) {
				r->id = xstrdup(x->id);
				p->kept_runs += as_before(r, x);
				continue;
			}
			int o = r->origin >= 0 && r->origin < n_org ? r->origin : -1;
			int id = o >= 0 && num[o] ? num[o] : ++next;
			if (o >= 0)
				num[o] = id;
			char buf[24];
			snprintf(buf, sizeof(buf), "R%d", id);
			r->id = xstrdup(buf);
		}
	free(num);
}

/* A re-plan's new runs at one time all week (align.c): the origins none of
 * whose copies keeps an earlier run. */
static void align_new(plan_ctx_t *c, const keep_run_t *const *const *old)
{
	sr_plan_t *p = c->p;
	int n_org = plan_n_origins(p);
	unsigned char *fixed = xcalloc((size_t)n_org + 1, 1);
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			int o = p->patterns[k].runs[i].origin;
			if (old[k][i] && o >= 0 && o < n_org)
				fixed[o] = 1;
		}
	plan_align_new_runs(c, fixed);
	free(fixed);
}

int plan_keep_duties(plan_ctx_t *c, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	if (!c->keep && !p->n_locks)
		return SR_OK;
	const keep_run_t ***old = xcalloc((size_t)p->n_patterns + 1, sizeof(*old));
	/* by origin: templates, then mixed runs (n_tmpl + candidate), then the
	 * parts of split runs that the week numbered after them (week.c's
	 * join_parts: a re-plan whose short fleet split runs read past the
	 * end here, and crashed) */
	int n_org =
		c->n_tmpl + c->n_mix > plan_n_origins(p) ? c->n_tmpl + c->n_mix : plan_n_origins(p);
	int *org_bus = xcalloc((size_t)n_org + 1, sizeof(int));
	for (int i = 0; i < n_org; i++)
		org_bus[i] = -1;
	int rc = SR_OK;
	for (int k = 0; k < p->n_patterns && !rc; k++) {
		old[k] = xcalloc((size_t)p->patterns[k].n_runs + 1, sizeof(**old));
		rc = replan_pattern(c, &p->patterns[k], old[k], org_bus, err);
	}
	free(org_bus);
	if (!rc && c->keep)
		align_new(c, (const keep_run_t *const *const *)old);
	if (!rc && c->keep) {
		keep_ids(c, (const keep_run_t *const *const *)old);
		for (int k = 0; k < p->n_patterns; k++)
			p->new_runs += p->patterns[k].n_runs;
		p->new_runs -= p->kept_runs;
	}
	for (int k = 0; k < p->n_patterns; k++)
		free(old[k]);
	free(old);
	return rc;
}

void plan_keep_restart(sr_plan_t *p, const plan_pattern_t *saved, int n_warn)
{
	for (int k = 0; k < p->n_patterns; k++) {
		plan_pattern_clear(&p->patterns[k]);
		plan_pattern_copy(&p->patterns[k], &saved[k]);
	}
	plan_warnings_drop(p, n_warn);
	p->kept_runs = p->new_runs = 0;
}
