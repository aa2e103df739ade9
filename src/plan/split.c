/*
 * split.c - runs the buses free at their time cannot seat whole. A run
 * takes a session's groups as runs.c packed them for the largest bus; when
 * the chaining leaves it without a bus and the buses free then are
 * smaller (or a bigger one is free by the clock but its driver's day is
 * full: only the smaller ones count then), it is split into parts they can
 * take:
 * - over two or more of them when together they seat it: whole groups
 *   when they fit so (a village's children on one bus, on the way back
 *   too), else in the run's order of stops (a group bigger than any one
 *   free bus rides on two);
 * - otherwise a part for each free bus with what it can take and a part
 *   with the children left, who stay unserved with the reason: an idle
 *   19-seat minibus takes a village's 18 children off a 40-child run
 *   rather than leave all 40 at home. Whole groups are chosen first, by a
 *   subset sum over the groups in the order of their pickups, so that a
 *   run and its way back (the same groups, stops in another order) give
 *   the same groups to a bus of the same size and the children come home
 *   as they went (legs.c takes off what is carried one way only); only a
 *   run with no whole group small enough cuts a group.
 * The chaining then runs again over the parts; this only sizes them.
 */
#include <stdlib.h>
#include <string.h>
#include "plan/run.h"
#include "plan/split.h"
#include "plan/timing.h"

/* A bus is free around a run when nothing of its own is this near it. */
#define SPLIT_SLACK_S 3600

/* The parts made so far, each holding its bus for a run's time. */
typedef struct {
	struct {
		int bus, from, to;
	} * at;
	int n;
} claims_t;

typedef struct {
	int b, seats; /* chain index, seats */
} free_bus_t;

static int near(int s0, int e0, int s1, int e1)
{
	return s0 < e1 + SPLIT_SLACK_S && s1 < e0 + SPLIT_SLACK_S;
}

/* Whether bus b (chain index) has a run in sol, or a part claimed, near
 * run r; or is not out at its time. */
static int busy_near(const plan_run_t *runs, const chain_solution_t *sol, const claims_t *cl,
		     const chain_bus_t *bus, int b, const plan_run_t *r)
{
	int s = plan_run_start(r), e = plan_run_end(r);
	if (s < bus->avail_from_s || e > bus->avail_to_s)
		return 1;
	for (int d = 0; d < sol->n_duties; d++) {
		if (sol->duties[d].bus != b)
			continue;
		for (int k = 0; k < sol->duties[d].n_tasks; k++) {
			const plan_run_t *x = &runs[sol->duties[d].tasks[k]];
			if (near(plan_run_start(x), plan_run_end(x), s, e))
				return 1;
		}
	}
	for (int q = 0; q < cl->n; q++)
		if (cl->at[q].bus == b && near(cl->at[q].from, cl->at[q].to, s, e))
			return 1;
	return 0;
}

static int cmp_free(const void *a, const void *b)
{
	const free_bus_t *x = a, *y = b;
	if (x->seats != y->seats)
		return x->seats > y->seats ? -1 : 1;
	return (x->b > y->b) - (x->b < y->b);
}

/* The buses free around r into fr, largest first; returns how many. */
static int free_buses(const plan_run_t *runs, const chain_solution_t *best, const claims_t *cl,
		      const chain_bus_t *cb, int n_cb, const plan_run_t *r, free_bus_t *fr)
{
	int nf = 0;
	for (int b = 0; b < n_cb; b++)
		if (!busy_near(runs, best, cl, &cb[b], b, r))
			fr[nf++] = (free_bus_t){b, cb[b].seats};
	qsort(fr, (size_t)nf, sizeof *fr, cmp_free);
	return nf;
}

/* The children getting on (to a session) or off (home) at stop k of r,
 * 0 at a destination. */
static int at_stop(const plan_run_t *r, int k)
{
	if (plan_stop_is_dest(r, k))
		return 0;
	return r->dir == PLAN_TO_SESSION ? r->stops[k].board : r->stops[k].alight;
}

/* Children at stop k of r not yet given to a part. */
static int left_at(const plan_run_t *r, int k, const int *given)
{
	return at_stop(r, k) - given[k];
}

/* Up to `load` children of r's stops in their order into take[] (and
 * given[]); returns how many. */
static int take_in_order(const plan_run_t *r, int load, int *given, int *take)
{
	int got = 0;
	for (int k = 0; k < r->n_stops && got < load; k++) {
		int have = left_at(r, k, given), m = have < load - got ? have : load - got;
		if (m <= 0)
			continue;
		take[k] = m;
		given[k] += m;
		got += m;
	}
	return got;
}

typedef struct {
	int point, session, k; /* a stop k of a run and what orders it */
} stop_key_t;

static int cmp_stop(const void *a, const void *b)
{
	const stop_key_t *x = a, *y = b;
	if (x->point != y->point)
		return x->point < y->point ? -1 : 1;
	return (x->session > y->session) - (x->session < y->session);
}

/* The whole groups (stops) of r left that fill at most `seats` the most,
 * into take[] (and given[]); returns their children. A subset sum over
 * the stops ordered by pickup point, preferring the earlier ones among
 * equal fillings, so a run and its way back choose alike. */
static int take_whole(const plan_run_t *r, int seats, int *given, int *take)
{
	int n = 0;
	stop_key_t *ord = xcalloc((size_t)r->n_stops + 1, sizeof *ord);
	for (int k = 0; k < r->n_stops; k++)
		if (left_at(r, k, given) > 0 && left_at(r, k, given) <= seats)
			ord[n++] = (stop_key_t){(int)r->stops[k].point, r->stops[k].session, k};
	qsort(ord, (size_t)n, sizeof *ord, cmp_stop);
	size_t w = (size_t)seats + 1;
	/* reach[i * w + s]: some subset of the first i stops holds s */
	unsigned char *reach = xcalloc((size_t)(n + 1) * w, 1);
	reach[0] = 1;
	for (int i = 0; i < n; i++) {
		int c = left_at(r, ord[i].k, given);
		for (int s = 0; s <= seats; s++)
			reach[(size_t)(i + 1) * w + (size_t)s] =
				reach[(size_t)i * w + (size_t)s] ||
				(s >= c && reach[(size_t)i * w + (size_t)(s - c)]);
	}
	int s = seats;
	while (s > 0 && !reach[(size_t)n * w + (size_t)s])
		s--;
	int got = s;
	for (int i = n - 1; i >= 0 && s > 0; i--) {
		if (reach[(size_t)i * w + (size_t)s])
			continue; /* the earlier stops hold s without this one */
		int k = ord[i].k, c = left_at(r, k, given);
		take[k] = c;
		given[k] += c;
		s -= c;
	}
	free(reach);
	free(ord);
	return got;
}

/* A copy of run r carrying take[k] children at each stop k but its
 * destination (stops with none left out); timed and shaped again. */
static int part_of(const plan_ctx_t *c, const plan_run_t *r, const int *take, plan_run_t *out,
		   sr_error_t *err)
{
	plan_run_copy(out, r);
	out->origin = -1;
	int to = r->dir == PLAN_TO_SESSION;
	int m = 0, got = 0;
	for (int k = 0; k < r->n_stops; k++) {
		plan_stop_t x = r->stops[k];
		if (!plan_stop_is_dest(r, k)) {
			if (take[k] <= 0)
				continue;
			got += take[k];
			x.board = to ? take[k] : 0;
			x.alight = to ? 0 : take[k];
		}
		out->stops[m++] = x;
	}
	out->n_stops = m;
	out->children = got;
	out->stops[to ? m - 1 : 0].alight = to ? got : 0;
	out->stops[to ? m - 1 : 0].board = to ? 0 : got;
	plan_run_time(c, out);
	plan_run_shift(out, to ? -out->shift_s : out->shift_s);
	return plan_run_shape(c, out, err);
}

enum { SP_UNCOVERED, SP_COVERED, SP_DROPPED };

/* One pattern's splitting: the runs' states (index as pat->runs), the
 * buses' claims and the runs still to try. */
typedef struct {
	plan_ctx_t *c;
	plan_pattern_t *pat;
	const chain_solution_t *best;
	const chain_bus_t *cb;
	int n_cb;
	claims_t cl;
	unsigned char *state;
	int *work, n_work;
	free_bus_t *fr;
	sr_error_t *err;
} splitter_t;

static void claim(claims_t *cl, int b, const plan_run_t *r)
{
	cl->at = xreallocarray(cl->at, (size_t)cl->n + 1, sizeof *cl->at);
	cl->at[cl->n].bus = b;
	cl->at[cl->n].from = plan_run_start(r);
	cl->at[cl->n++].to = plan_run_end(r);
}

/* Appends the part of run src that take[] says, in state st (an
 * uncovered one goes on the work list); its index, or -1 with err set. */
static int add_part(splitter_t *S, int src, const int *take, int st)
{
	plan_pattern_t *pat = S->pat;
	int i = pat->n_runs;
	pat->runs = xreallocarray(pat->runs, (size_t)i + 1, sizeof(plan_run_t));
	S->state = xreallocarray(S->state, (size_t)i + 1, 1);
	S->state[i] = (unsigned char)st;
	pat->n_runs++;
	if (part_of(S->c, &pat->runs[src], take, &pat->runs[i], S->err))
		return -1;
	if (st == SP_UNCOVERED) {
		S->work = xreallocarray(S->work, (size_t)S->n_work + 1, sizeof(int));
		S->work[S->n_work++] = i;
	}
	return i;
}

/* The run (not dropped) carrying children of session si at point pt in
 * direction dir, but `not`; -1 when none, -2 when several. */
static int other_leg(const splitter_t *S, int pt, int si, int dir, int not )
{
	int found = -1;
	for (int i = 0; i < S->pat->n_runs; i++) {
		const plan_run_t *x = &S->pat->runs[i];
		if (i == not || S->state[i] == SP_DROPPED || x->dir != dir)
			continue;
		for (int k = 0; k < x->n_stops; k++)
			if (x->stops[k].point == pt && x->stops[k].session == si &&
			    at_stop(x, k) > 0) {
				if (found >= 0 && found != i)
					return -2;
				found = i;
			}
	}
	return found;
}

/* The other leg of the groups in the part take[] of run ri: when it is
 * on one run, *h (else -1: one-way groups) and, in *take_h, as many of
 * those groups' children there. Returns 0 when it is on several runs. */
static int other_part(const splitter_t *S, int ri, const int *take, int *h, int **take_h)
{
	const plan_run_t *r = &S->pat->runs[ri];
	int back = r->dir == PLAN_TO_SESSION ? PLAN_HOME : PLAN_TO_SESSION;
	*h = -1;
	*take_h = NULL;
	for (int k = 0; k < r->n_stops; k++) {
		if (take[k] <= 0)
			continue;
		int pt = r->stops[k].point, si = r->stops[k].session;
		int x = other_leg(S, pt, si, back, ri);
		if (x == -1)
			continue;
		if (x == -2 || (*h >= 0 && x != *h)) {
			free(*take_h);
			*take_h = NULL;
			return 0;
		}
		const plan_run_t *o = &S->pat->runs[x];
		if (*h < 0)
			*take_h = xcalloc((size_t)o->n_stops + 1, sizeof(int));
		*h = x;
		int want = take[k];
		for (int q = 0; q < o->n_stops && want > 0; q++)
			if (o->stops[q].point == pt && o->stops[q].session == si) {
				int m = at_stop(o, q) < want ? at_stop(o, q) : want;
				(*take_h)[q] += m;
				want -= m;
			}
	}
	return 1;
}

/* A bus free around run h for n children: bus b when it is, else the
 * smallest that seats them; -1 when none. */
static int bus_for(splitter_t *S, int h, int n, int b)
{
	/* not S->fr: the caller is going through that list */
	free_bus_t *fr = xcalloc((size_t)S->n_cb + 1, sizeof *fr);
	int nf = free_buses(S->pat->runs, S->best, &S->cl, S->cb, S->n_cb, &S->pat->runs[h], fr);
	int pick = -1;
	for (int q = 0; q < nf && pick != b; q++)
		if (fr[q].seats >= n) /* largest first: the last is the smallest */
			pick = fr[q].b;
	free(fr);
	return pick;
}

/* Gives bus b the part take[] of run ri, and the same groups' other leg
 * (on run h, take_h; h < 0: none) to bus hb; the rest of each run is a
 * part of its own, in that run's state. Returns 0, or -1 with err set. */
static int give(splitter_t *S, int ri, const int *take, int b, int h, const int *take_h, int hb)
{
	int src[2] = {ri, h}, bus[2] = {b, hb};
	const int *tk[2] = {take, take_h};
	for (int s = 0; s < 2; s++) {
		if (src[s] < 0 || bus[s] < 0)
			continue;
		int x = src[s], st = S->state[x], ns = S->pat->runs[x].n_stops;
		int *rest = xcalloc((size_t)ns + 1, sizeof(int)), n_rest = 0;
		for (int k = 0; k < ns; k++) {
			rest[k] = at_stop(&S->pat->runs[x], k) - tk[s][k];
			n_rest += rest[k];
		}
		int p = add_part(S, x, tk[s], SP_COVERED);
		int q = p < 0 || n_rest == 0 ? p : add_part(S, x, rest, st);
		free(rest);
		if (q < 0)
			return -1;
		claim(&S->cl, bus[s], &S->pat->runs[p]);
		S->state[x] = SP_DROPPED;
	}
	return 0;
}

/* The parts of run ri over the free buses S->fr[0..nf) into t[q] (each
 * ns long): whole groups (stops) when each bus in turn, largest first,
 * taking the groups that fill it most (take_whole) seats every child, so
 * that no village's children are parted over two buses and the run and
 * its way back give the same groups to buses of the same size; else in
 * the run's order of stops, a group cut where a bus is full. Returns how
 * many buses get a part. */
static int split_parts(const splitter_t *S, int ri, int nf, int **t)
{
	const plan_run_t *r = &S->pat->runs[ri];
	int ns = r->n_stops, used = 0;
	int *given = xcalloc((size_t)ns + 1, sizeof(int));
	for (int pass = 0; pass < 2; pass++) {
		int left = r->children;
		memset(given, 0, sizeof(int) * (size_t)ns);
		used = 0;
		for (int q = 0; q < nf && left > 0; q++) {
			memset(t[q], 0, sizeof(int) * (size_t)ns);
			int cap = S->fr[q].seats < left ? S->fr[q].seats : left;
			left -= pass == 0 ? take_whole(r, cap, given, t[q])
					  : take_in_order(r, cap, given, t[q]);
			used = q + 1;
		}
		if (left == 0)
			break;
	}
	free(given);
	return used;
}

/* Splits run ri over free buses that seat it together (two or more of
 * them; split_parts). Returns 1, or -1. */
static int split_all(splitter_t *S, int ri, int nf)
{
	int ns = S->pat->runs[ri].n_stops, rc = 0;
	int **t = xcalloc((size_t)nf + 1, sizeof(int *));
	for (int q = 0; q < nf; q++)
		t[q] = xcalloc((size_t)ns + 1, sizeof(int));
	int used = split_parts(S, ri, nf, t);
	for (int q = 0; q < used && !rc; q++) {
		int n = 0;
		for (int k = 0; k < ns; k++)
			n += t[q][k];
		if (n == 0)
			continue;
		int p = add_part(S, ri, t[q], SP_COVERED);
		rc = p < 0;
		if (!rc)
			claim(&S->cl, S->fr[q].b, &S->pat->runs[p]);
	}
	for (int q = 0; q < nf; q++)
		free(t[q]);
	free(t);
	S->state[ri] = SP_DROPPED;
	return rc ? -1 : 1;
}

/* Splits run ri (the file's comment): over free buses that seat it
 * together, or a part for one free bus, whole groups in pass 0 and cut
 * ones in pass 1, when those children's other leg gets a bus too (a free
 * one, or the one that has it now). Returns 1 when split, 0 when not, -1
 * with err set. */
static int split_run(splitter_t *S, int ri, int pass)
{
	const plan_run_t *r = &S->pat->runs[ri];
	int nf = free_buses(S->pat->runs, S->best, &S->cl, S->cb, S->n_cb, r, S->fr), total = 0;
	/* a free bus that seats the run whole was kept off it by something
	 * else than seats (its driver's hours): only the smaller ones may
	 * take parts */
	int big = 0;
	for (int q = 0; q < nf; q++)
		if (S->fr[q].seats >= r->children)
			big++;
	memmove(S->fr, S->fr + big, sizeof *S->fr * (size_t)(nf - big));
	nf -= big;
	for (int q = 0; q < nf; q++)
		total += S->fr[q].seats;
	if (nf >= 2 && total >= r->children)
		return pass == 0 ? split_all(S, ri, nf) : 0;
	int ns = r->n_stops, rc = 0, done = 0;
	int *t = xcalloc((size_t)ns + 1, sizeof(int)),
	    *given = xcalloc((size_t)ns + 1, sizeof(int));
	for (int q = 0; q < nf && !done; q++) {
		memset(t, 0, sizeof(int) * (size_t)ns);
		memset(given, 0, sizeof(int) * (size_t)ns);
		int b = S->fr[q].b, got = pass == 0 ? take_whole(r, S->fr[q].seats, given, t)
						    : take_in_order(r, S->fr[q].seats, given, t);
		int h, hb = -1, *take_h = NULL;
		if (got <= 0 || !other_part(S, ri, t, &h, &take_h))
			continue;
		if (h >= 0) {
			int n_h = 0;
			for (int k = 0; k < S->pat->runs[h].n_stops; k++)
				n_h += take_h[k];
			hb = bus_for(S, h, n_h, b);
		}
		/* the way back without a bus, and not on one now: no use */
		if (h < 0 || hb >= 0 || S->state[h] == SP_COVERED) {
			rc = give(S, ri, t, b, h, take_h, hb);
			done = 1;
		}
		free(take_h);
		r = &S->pat->runs[ri];
	}
	free(t);
	free(given);
	return rc ? -1 : done;
}

int plan_split_uncovered(plan_ctx_t *c, plan_pattern_t *pat, const chain_solution_t *best,
			 const chain_bus_t *cb, int n_cb, unsigned char **drop, sr_error_t *err)
{
	int n0 = pat->n_runs, split = 0, rc = 0;
	splitter_t S = {c, pat, best, cb, n_cb, {0}, NULL, NULL, 0, NULL, err};
	S.state = xcalloc((size_t)n0 + 1, 1);
	memset(S.state, SP_COVERED, (size_t)n0);
	S.work = xcalloc((size_t)best->n_uncovered + 1, sizeof(int));
	S.fr = xcalloc((size_t)n_cb + 1, sizeof(free_bus_t));
	for (int u = 0; u < best->n_uncovered; u++) {
		int ri = best->uncovered[u];
		S.state[ri] = SP_UNCOVERED;
		/* a mixed run: the plan without mixed runs covers it */
		if (!plan_run_is_mixed(&pat->runs[ri]))
			S.work[S.n_work++] = ri;
	}
	for (int pass = 0; pass < 2 && !rc; pass++)
		for (int w = 0; w < S.n_work && !rc; w++) {
			int ri = S.work[w];
			if (S.state[ri] != SP_UNCOVERED)
				continue;
			int k = split_run(&S, ri, pass);
			rc = k < 0;
			split += k > 0;
		}
	*drop = xreallocarray(*drop, (size_t)pat->n_runs + 1, 1);
	for (int i = 0; i < pat->n_runs; i++)
		(*drop)[i] = (i < n0 && (*drop)[i]) || S.state[i] == SP_DROPPED;
	free(S.state);
	free(S.work);
	free(S.fr);
	free(S.cl.at);
	return rc ? -1 : split;
}
