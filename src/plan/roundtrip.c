/*
 * roundtrip.c - children brought home by the bus that took them. The
 * chaining (duties.c, week.c) decides which runs one bus does, but not
 * which of two buses free at the same moment does the rest of whose day:
 * after the morning both may rest in the yard, or wait at the same
 * stadium, and either could take either afternoon. A family (and a
 * kindergarten's escort) expects the bus that took the children to bring
 * them home; the chaining, indifferent, often crosses them over.
 *
 * A local search over tail exchanges, the crossover of two vehicle blocks
 * at a common point used in vehicle and crew scheduling (learned from the
 * block-exchange moves of the vehicle scheduling literature, e.g. the
 * survey of Bunte & Kliewer 2009; no code taken): at a moment t when buses
 * A and B of one depot are both between runs (not yet out, waiting, in the
 * yard, or back), A takes B's runs after t and B takes A's. The number of
 * buses stays; each new day must keep every rule of its bus (seats, hours,
 * drivers' limits, the drives between its runs in time: week.c's check).
 * A move is made on every day pattern where both buses are free at t (a
 * pattern where that breaks a rule takes the next such moment), or on one
 * pattern alone, whichever is better. Ranked as week.c ranks the week: a
 * move is kept when it puts more runs on one bus all week (stability comes
 * before kilometres there), or as many and more children-days home on the
 * bus that took them with no more kilometres, or as many of both with
 * fewer kilometres. Best move first, until none improves: deterministic.
 *
 * Then one run at a time (relocate): a run whose children's other trip is
 * on another bus moves to that bus, on every day pattern where it is on
 * its bus (or on one pattern alone), or, where that bus is busy then,
 * changes places with its run at the time (the swap of the vehicle
 * routing neighbourhoods), where each bus's day keeps every rule and the
 * move ranks better as above. The exchanges need two buses of one depot
 * free at one moment; a run moved alone does not: the children taken from
 * school to the pool by the minibus of the mountain village, and home by a
 * bus of the town's depot, come home on the bus that took them when the
 * town's bus, free before the pool, takes them there. First improvement,
 * in the order of the patterns and their pairs of runs, passes until one
 * moves nothing (SR_TEST_NO_RELOCATE skips it: the tests compare).
 */
#include <stdlib.h>
#include <string.h>
#include "plan/hours.h"
#include "plan/roundtrip.h"
#include "plan/run.h"
#include "plan/trips.h"
#include "plan/week.h"

#define RT_MAX_MOVES 10000 /* a bound on the moves made; each one improves */

/* The search's state: each origin's copies (pattern, run) and whether
 * they are one run on one bus all week now (week.c's count). */
typedef struct rt {
	const plan_ctx_t *c;
	sr_plan_t *p;
	int n_org;
	int *start, *cp_k, *cp_i; /* origin o: copies start[o]..start[o+1]-1 */
	unsigned char *ident;	  /* every copy the same run, on 2+ days */
	unsigned char *steady;	  /* ... and on one bus now */
	int *stamp, now;	  /* origins seen in one move */
	int prefer;		  /* home_same_bus = prefer */
	plan_trip_keys_t keys;	  /* rows with a home elsewhere */
	int *kin;		  /* week.c's kin of each origin */
	int *kin_next;		  /* the next origin of the same kin, -1 */
	rt_evs_t e;		  /* scratch */
} rt_t;

/* Whether origin o (with its kin: o is its kin's first) is one run on one
 * bus all week as the buses are now: a part's run and its kin, the run of
 * another part of the session with the same children, count as one, as
 * the week's steps take them (week.c), so that a move keeps a family's
 * bus on the short Friday too. */
static int steady_now(const rt_t *w, int o)
{
	if (!w->ident[o])
		return 0;
	int b = -2;
	for (int x = o; x >= 0; x = w->kin_next[x])
		for (int q = w->start[x]; q < w->start[x + 1]; q++) {
			int y = w->p->patterns[w->cp_k[q]].runs[w->cp_i[q]].bus;
			if (b != -2 && y != b)
				return 0;
			b = y;
		}
	return 1;
}

/* Kin: kin_next links each kin's origins, first to last; each kin is one
 * run all week (ident, on its first origin) when it repeats on 2 or more
 * days in all and each origin's copies are alike (days[o]: its days). */
static void kin_join(rt_t *w, const int *days)
{
	int n_org = w->n_org, *last = xcalloc((size_t)n_org + 1, sizeof(int));
	w->kin_next = xcalloc((size_t)n_org + 1, sizeof(int));
	for (int o = 0; o < n_org; o++) {
		w->kin_next[o] = -1;
		last[o] = o;
	}
	for (int o = 0; o < n_org; o++) {
		int g = w->kin[o];
		if (g == o || g < 0 || g >= n_org)
			continue;
		w->kin_next[last[g]] = o;
		last[g] = o;
	}
	for (int o = 0; o < n_org; o++) {
		if (w->kin[o] != o || w->kin_next[o] < 0)
			continue;
		int all = 0, alike = 1;
		for (int x = o; x >= 0; x = w->kin_next[x]) {
			all += days[x];
			alike &= w->ident[x] || days[x] == 1;
			if (x != o)
				w->ident[x] = 0; /* counted with o */
		}
		w->ident[o] = (unsigned char)(all > 1 && alike);
	}
	free(last);
}

static void rt_init(rt_t *w, const plan_ctx_t *c)
{
	sr_plan_t *p = c->p;
	memset(w, 0, sizeof(*w));
	w->c = c;
	w->p = p;
	w->prefer = !strcmp(p->settings.home_same_bus, "prefer");
	plan_trip_keys_init(&w->keys, p);
	w->kin = plan_week_kin(p, plan_n_origins(p));
	w->n_org = plan_n_origins(p);
	int n_org = w->n_org, *days = xcalloc((size_t)n_org + 1, sizeof(int));
	w->start = xcalloc((size_t)n_org + 2, sizeof(int));
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			int o = p->patterns[k].runs[i].origin;
			if (o >= 0) {
				w->start[o + 1]++;
				days[o] += __builtin_popcount(p->patterns[k].days);
			}
		}
	for (int o = 0; o < n_org; o++)
		w->start[o + 1] += w->start[o];
	int n = w->start[n_org], *fill = xcalloc((size_t)n_org + 1, sizeof(int));
	w->cp_k = xcalloc((size_t)n + 1, sizeof(int));
	w->cp_i = xcalloc((size_t)n + 1, sizeof(int));
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			int o = p->patterns[k].runs[i].origin, q;
			if (o < 0)
				continue;
			q = w->start[o] + fill[o]++;
			w->cp_k[q] = k;
			w->cp_i[q] = i;
		}
	w->ident = xcalloc((size_t)n_org + 1, 1);
	w->steady = xcalloc((size_t)n_org + 1, 1);
	w->stamp = xcalloc((size_t)n_org + 1, sizeof(int));
	for (int o = 0; o < n_org; o++) {
		const plan_run_t *f = &p->patterns[w->cp_k[w->start[o]]].runs[w->cp_i[w->start[o]]];
		w->ident[o] = days[o] > 1;
		for (int q = w->start[o] + 1; q < w->start[o + 1] && w->ident[o]; q++)
			w->ident[o] = plan_run_same(f, &p->patterns[w->cp_k[q]].runs[w->cp_i[q]]);
	}
	kin_join(w, days);
	for (int o = 0; o < n_org; o++)
		w->steady[o] = steady_now(w, o);
	free(days);
	free(fill);
}

static void rt_free(rt_t *w)
{
	free(w->start);
	free(w->cp_k);
	free(w->cp_i);
	free(w->ident);
	free(w->steady);
	free(w->stamp);
	free(w->e.ev);
	plan_trip_keys_free(&w->keys);
	free(w->kin);
	free(w->kin_next);
}

/* What a move changes, as the search ranks it: runs on one bus all week
 * (more), then children-days home on the bus that took them (more; with
 * home_same_bus = free only where that adds no metres), then metres
 * (fewer). */
typedef struct rt_gain {
	int steady;
	long same;
	double meters;
} rt_gain_t;

static int better(const rt_t *w, const rt_gain_t *a, const rt_gain_t *b)
{
	if (a->steady != b->steady)
		return a->steady > b->steady;
	if (a->same != b->same)
		return a->same > b->same && (w->prefer || a->meters <= 0.5);
	return a->meters < b->meters - 0.5;
}

/* The duty of bus b on pat, or NULL. */
static plan_duty_t *duty_of(plan_pattern_t *pat, int b)
{
	for (int d = 0; d < pat->n_duties; d++)
		if (pat->duties[d].bus == b)
			return &pat->duties[d];
	return NULL;
}

/* Where du's bus is between runs at time t (pattern pat): the number of
 * its runs before t, or -1 when it is on a run then. */
static int cut_at(const plan_pattern_t *pat, const plan_duty_t *du, int t)
{
	if (t <= plan_run_start(&pat->runs[du->runs[0]]))
		return 0;
	if (t >= plan_run_end(&pat->runs[du->runs[du->n_runs - 1]]))
		return du->n_runs;
	for (int k = 0; k + 1 < du->n_runs; k++)
		if (plan_run_end(&pat->runs[du->runs[k]]) <= t &&
		    t <= plan_run_start(&pat->runs[du->runs[k + 1]]))
			return k + 1;
	return -1;
}

/* A duty as it was before a move, to undo it. */
typedef struct rt_save {
	plan_duty_t *du, old;
	int pat;
} rt_save_t;

/* Gives du the runs of ra (na of them), their bus, and fills its day
 * again; the earlier duty in *sv. */
static void take(const plan_ctx_t *c, plan_pattern_t *pat, int k, plan_duty_t *du, int *ra, int na,
		 rt_save_t *sv)
{
	*sv = (rt_save_t){du, *du, k};
	du->runs = ra;
	du->n_runs = na;
	du->gaps = NULL;
	for (int i = 0; i < na; i++)
		pat->runs[ra[i]].bus = du->bus;
	plan_hours_fill(c, pat, du);
}

/* Undoes (keep == 0) or keeps the changes of the n saved duties. */
static void settle(sr_plan_t *p, rt_save_t *sv, int n, int keep)
{
	for (int i = n - 1; i >= 0; i--) {
		plan_duty_t *du = sv[i].du, *old = &sv[i].old;
		plan_duty_t *gone = keep ? old : du;
		free(gone->runs);
		free(gone->gaps);
		if (keep)
			continue;
		*du = *old;
		for (int k = 0; k < du->n_runs; k++)
			p->patterns[sv[i].pat].runs[du->runs[k]].bus = du->bus;
	}
}

/* Gives the duties da and db of buses a and b (pattern k) the runs ra (na)
 * and rb (nb), saving both in sv[0..1], when each new day keeps every
 * rule of its bus; else frees ra and rb and returns 0. */
static int give(const plan_ctx_t *c, plan_pattern_t *pat, int k, plan_duty_t *da, int *ra, int na,
		plan_duty_t *db, int *rb, int nb, rt_save_t *sv)
{
	plan_duty_t ta = *da, tb = *db;
	ta.runs = ra;
	ta.n_runs = na;
	tb.runs = rb;
	tb.n_runs = nb;
	if (!plan_week_fits(c, pat, &ta, da->bus) || !plan_week_fits(c, pat, &tb, db->bus)) {
		free(ra);
		free(rb);
		return 0;
	}
	take(c, pat, k, da, ra, na, &sv[0]);
	take(c, pat, k, db, rb, nb, &sv[1]);
	return 1;
}

/* Exchanges the runs after t of the duties of buses a and b on pattern k
 * (both with a duty, both between runs at t, both left with runs), saving
 * both duties in sv[0..1]. Returns 0, changing nothing, when the move does
 * not apply or a new day breaks a rule of its bus. */
static int exchange(const plan_ctx_t *c, sr_plan_t *p, int k, int a, int b, int t, rt_save_t *sv)
{
	plan_pattern_t *pat = &p->patterns[k];
	plan_duty_t *da = duty_of(pat, a), *db = duty_of(pat, b);
	if (!da || !db)
		return 0;
	int ca = cut_at(pat, da, t), cb = cut_at(pat, db, t);
	int na = ca + db->n_runs - cb, nb = cb + da->n_runs - ca;
	if (ca < 0 || cb < 0 || na == 0 || nb == 0 || (ca == da->n_runs && cb == db->n_runs) ||
	    (ca == 0 && cb == 0))
		return 0;
	int *ra = xcalloc((size_t)na, sizeof(int)), *rb = xcalloc((size_t)nb, sizeof(int));
	memcpy(ra, da->runs, (size_t)ca * sizeof(int));
	memcpy(ra + ca, db->runs + cb, (size_t)(db->n_runs - cb) * sizeof(int));
	memcpy(rb, db->runs, (size_t)cb * sizeof(int));
	memcpy(rb + cb, da->runs + ca, (size_t)(da->n_runs - ca) * sizeof(int));
	return give(c, pat, k, da, ra, na, db, rb, nb, sv);
}

#define RT_INF (1 << 29)

/* When du's bus is free (pattern pat): before its first run, between
 * runs, after its last; into st (2 per interval), their number. */
static int stays(const plan_pattern_t *pat, const plan_duty_t *du, int *st)
{
	int n = 0;
	st[n++] = -RT_INF;
	for (int k = 0; k < du->n_runs; k++) {
		st[n++] = plan_run_start(&pat->runs[du->runs[k]]);
		st[n++] = plan_run_end(&pat->runs[du->runs[k]]);
	}
	st[n++] = RT_INF;
	return n / 2;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The moments at which buses a and b are both free on some
 * pattern where both have a duty (the start of each overlap of their
 * stays), sorted, each once; their number. */
static int moments(sr_plan_t *p, int a, int b, int **out)
{
	int n = 0, cap = 16;
	int *t = xcalloc((size_t)cap, sizeof(int));
	for (int k = 0; k < p->n_patterns; k++) {
		plan_duty_t *da = duty_of(&p->patterns[k], a), *db = duty_of(&p->patterns[k], b);
		if (!da || !db)
			continue;
		int *sa = xcalloc((size_t)da->n_runs * 2 + 4, sizeof(int));
		int *sb = xcalloc((size_t)db->n_runs * 2 + 4, sizeof(int));
		int na = stays(&p->patterns[k], da, sa), nb = stays(&p->patterns[k], db, sb);
		for (int i = 0; i < na; i++)
			for (int j = 0; j < nb; j++) {
				int lo = sa[2 * i] > sb[2 * j] ? sa[2 * i] : sb[2 * j];
				int hi = sa[2 * i + 1] < sb[2 * j + 1] ? sa[2 * i + 1]
								       : sb[2 * j + 1];
				if (lo > hi)
					continue;
				if (n == cap)
					t = xrealloc(t, (size_t)(cap *= 2) * sizeof(int));
				t[n++] = lo > -RT_INF ? lo : hi;
			}
		free(sa);
		free(sb);
	}
	qsort(t, (size_t)n, sizeof(int), cmp_int);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (m == 0 || t[m - 1] != t[i])
			t[m++] = t[i];
	*out = t;
	return m;
}

/* A move: buses a and b exchange their runs after t on pattern pat, or on
 * every pattern where they can (pat -1). */
typedef struct rt_move {
	int a, b, t, pat;
} rt_move_t;

/* Makes move m with the moments t (nt of them, sorted) of its pair; the
 * saved duties in sv, their number. On every pattern (m->pat -1), a
 * pattern where the exchange at m->t does not apply or breaks a rule
 * takes the first later moment where it does: the same runs then change
 * buses on every day where the fleet allows. */
static int make(rt_t *w, const rt_move_t *m, const int *t, int nt, rt_save_t *sv)
{
	int n = 0;
	for (int k = 0; k < w->p->n_patterns; k++) {
		if (m->pat >= 0 && m->pat != k)
			continue;
		int ok = exchange(w->c, w->p, k, m->a, m->b, m->t, sv + n);
		for (int i = 0; i < nt && !ok && m->pat < 0; i++)
			ok = t[i] > m->t && exchange(w->c, w->p, k, m->a, m->b, t[i], sv + n);
		n += 2 * ok;
	}
	return n;
}

/* Children-days home on the bus that took them among the runs of duties x
 * and y of pattern k (as buses bx and by do them): the pair's share of
 * plan_round_trip_stats's `same`, the only share a move of the two
 * changes. */
static long pair_same(rt_t *w, int k, const plan_duty_t *x, const plan_duty_t *y)
{
	const plan_pattern_t *pat = &w->p->patterns[k];
	long same, all;
	w->e.n = 0;
	for (int i = 0; i < x->n_runs; i++)
		plan_trips_add(&w->e, &w->keys, k, &pat->runs[x->runs[i]], x->bus);
	for (int i = 0; i < y->n_runs; i++)
		plan_trips_add(&w->e, &w->keys, k, &pat->runs[y->runs[i]], y->bus);
	plan_trips_sweep(w->p, &w->e, &same, &all);
	return same;
}

/* What the move just made (n saved duties in sv) gains; with `commit`,
 * the origins' steadiness is brought up to date. */
static rt_gain_t gain(rt_t *w, const rt_save_t *sv, int n, int commit)
{
	rt_gain_t g = {0, 0, 0};
	w->now++;
	for (int i = 0; i < n; i += 2) {
		const plan_duty_t *x = sv[i].du, *y = sv[i + 1].du;
		g.same += pair_same(w, sv[i].pat, x, y) -
			  pair_same(w, sv[i].pat, &sv[i].old, &sv[i + 1].old);
		for (int h = 0; h < 2; h++) {
			const plan_duty_t *du = sv[i + h].du;
			g.meters += du->meters - sv[i + h].old.meters;
			for (int r = 0; r < du->n_runs; r++) {
				int o = w->p->patterns[sv[i].pat].runs[du->runs[r]].origin;
				o = o < 0 ? o : w->kin[o]; /* a run and its kin: one */
				if (o < 0 || w->stamp[o] == w->now)
					continue;
				w->stamp[o] = w->now;
				int st = steady_now(w, o);
				g.steady += st - w->steady[o];
				if (commit)
					w->steady[o] = (unsigned char)st;
			}
		}
	}
	return g;
}

/* Tries every move of buses a and b; the best one better than *best into
 * *bm and *best. */
static void try_pair(rt_t *w, int a, int b, rt_save_t *sv, rt_move_t *bm, rt_gain_t *best,
		     int *found)
{
	int *t;
	int nt = moments(w->p, a, b, &t);
	for (int i = 0; i < nt; i++)
		for (int k = -1; k < w->p->n_patterns; k++) {
			rt_move_t m = {a, b, t[i], k};
			int n = make(w, &m, t, nt, sv);
			if (n == 0)
				continue;
			rt_gain_t g = gain(w, sv, n, 0);
			if (better(w, &g, best)) {
				*best = g;
				*bm = m;
				*found = 1;
			}
			settle(w->p, sv, n, 0);
		}
	free(t);
}

/* A pair of buses of one depot and its best move as last computed. */
typedef struct rt_pair {
	int a, b, found;
	rt_move_t m;
	rt_gain_t g;
} rt_pair_t;

static void pair_best(rt_t *w, rt_pair_t *q, rt_save_t *sv)
{
	q->found = 0;
	q->g = (rt_gain_t){0, 0, 0};
	try_pair(w, q->a, q->b, sv, &q->m, &q->g, &q->found);
}

/* Makes move m if it still gains (the week's steadiness may have changed
 * since it was computed); returns whether it did. */
static int commit(rt_t *w, const rt_move_t *m, rt_save_t *sv)
{
	int *t, nt = moments(w->p, m->a, m->b, &t);
	int n = make(w, m, t, nt, sv);
	free(t);
	rt_gain_t zero = {0, 0, 0}, g = gain(w, sv, n, 0);
	int ok = n > 0 && better(w, &g, &zero);
	if (ok)
		gain(w, sv, n, 1);
	settle(w->p, sv, n, ok);
	return ok;
}

/* The pairs of buses with one depot (a < b); their number. */
static int pairs(const sr_plan_t *p, rt_pair_t **out)
{
	int n = 0;
	rt_pair_t *q = xcalloc((size_t)p->n_buses * (size_t)p->n_buses / 2 + 1, sizeof(*q));
	for (int a = 0; a < p->n_buses; a++)
		for (int b = a + 1; b < p->n_buses; b++)
			if (p->buses[a].depot == p->buses[b].depot)
				q[n++] = (rt_pair_t){a, b, 0, {0, 0, 0, 0}, {0, 0, 0}};
	*out = q;
	return n;
}

/* The runs of duty d less run `out` plus run `in` (either -1: none), in
 * time order, into a new array *v; returns their count. */
static int runs_less_plus(const plan_pattern_t *pat, const plan_duty_t *d, int out, int in, int **v)
{
	int n = 0, put = in < 0, at = in < 0 ? 0 : plan_run_start(&pat->runs[in]);
	*v = xcalloc((size_t)d->n_runs + 1, sizeof(int));
	for (int x = 0; x < d->n_runs; x++) {
		if (!put && plan_run_start(&pat->runs[d->runs[x]]) > at) {
			(*v)[n++] = in;
			put = 1;
		}
		if (d->runs[x] != out)
			(*v)[n++] = d->runs[x];
	}
	if (!put)
		(*v)[n++] = in;
	return n;
}

/* Moves run i of pattern k from the duty of bus a to that of bus b and,
 * when j >= 0, run j from b's to a's (both with a duty there, each keeping
 * a run), in time order, saving both duties in sv[0..1]. Returns 0,
 * changing nothing, when it does not apply or a new day breaks a rule of
 * its bus. */
static int relocate(const plan_ctx_t *c, sr_plan_t *p, int k, int i, int j, int a, int b,
		    rt_save_t *sv)
{
	plan_pattern_t *pat = &p->patterns[k];
	plan_duty_t *da = duty_of(pat, a), *db = duty_of(pat, b);
	if (a == b || !da || !db || (j < 0 && da->n_runs < 2) || pat->runs[i].bus != a ||
	    (j >= 0 && pat->runs[j].bus != b))
		return 0;
	int *ra, *rb, na = runs_less_plus(pat, da, i, j, &ra),
		      nb = runs_less_plus(pat, db, j, i, &rb);
	return give(c, pat, k, da, ra, na, db, rb, nb, sv);
}

/* The copy of origin o on pattern k, -1 when none. */
static int copy_on(const rt_t *w, int o, int k)
{
	if (o < 0)
		return -1;
	for (int q = w->start[o]; q < w->start[o + 1]; q++)
		if (w->cp_k[q] == k)
			return w->cp_i[q];
	return -1;
}

/* Whether origin o has kin (week.c: a run of another part of its
 * session that takes the same children), which moves with it. */
static int has_kin(const rt_t *w, int o)
{
	return o >= 0 && w->kin_next[w->kin[o]] >= 0;
}

/* Moves run i of pattern k from bus a to bus b, and run j (-1: none) from
 * b to a: there alone (all == 0), or every copy of i's origin that is on
 * bus a, and of its kin (a run of another part of its session with the
 * same children: a family's bus stays one all week), with the copy of j's
 * on that pattern, on each pattern where it fits. A run with kin moves
 * only so, alone, and is no run j. The saved duties in sv, their number. */
static int make_relocation(rt_t *w, int k, int i, int j, int a, int b, int all, rt_save_t *sv)
{
	const plan_pattern_t *pat = &w->p->patterns[k];
	int o = pat->runs[i].origin, oj = j < 0 ? -1 : pat->runs[j].origin, n = 0;
	int kin_o = has_kin(w, o);
	if ((kin_o && (!all || j >= 0)) || (j >= 0 && has_kin(w, oj)))
		return 0;
	if (!all || o < 0 || (j >= 0 && oj < 0))
		return 2 * relocate(w->c, w->p, k, i, j, a, b, sv);
	for (int x = kin_o ? w->kin[o] : o; x >= 0; x = kin_o ? w->kin_next[x] : -1) {
		for (int q = w->start[x]; q < w->start[x + 1]; q++) {
			int jj = j < 0 ? -1 : copy_on(w, oj, w->cp_k[q]);
			if (j < 0 || jj >= 0)
				n += 2 *
				     relocate(w->c, w->p, w->cp_k[q], w->cp_i[q], jj, a, b, sv + n);
		}
	}
	return n;
}

/* Tries moving run i of pattern k from bus a to bus b (on every pattern,
 * all, or here alone) and, where b cannot take it so, exchanging it for a
 * run of b's that overlaps it in time; makes the first that ranks better.
 * Returns whether it made one. */
static int try_relocation(rt_t *w, int k, int i, int a, int b, int all, rt_save_t *sv)
{
	const plan_pattern_t *pat = &w->p->patterns[k];
	const plan_duty_t *db = duty_of((plan_pattern_t *)pat, b);
	const plan_run_t *r = &pat->runs[i];
	for (int x = -1; db && x < db->n_runs; x++) {
		int j = x < 0 ? -1 : db->runs[x];
		if (j >= 0 && (plan_run_start(&pat->runs[j]) >= plan_run_end(r) ||
			       plan_run_start(r) >= plan_run_end(&pat->runs[j])))
			continue; /* no overlap: the move alone was tried */
		int n = make_relocation(w, k, i, j, a, b, all, sv);
		if (n == 0)
			continue;
		rt_gain_t zero = {0, 0, 0}, g = gain(w, sv, n, 0);
		int ok = better(w, &g, &zero);
		if (ok)
			gain(w, sv, n, 1);
		settle(w->p, sv, n, ok); /* db as it was, when not kept */
		if (ok)
			return 1;
	}
	return 0;
}

/* One pass of relocations over the patterns' round trips split between
 * two buses (plan_round_trip_pairs): each run of such a pair to the other
 * run's bus, on every pattern and on this one alone, kept where it ranks
 * better. Returns the number of moves made. */
static int relocate_pass(rt_t *w, rt_save_t *sv)
{
	int moves = 0;
	for (int k = 0; k < w->p->n_patterns; k++) {
		plan_pattern_t *pat = &w->p->patterns[k];
		chain_pair_t *q;
		int nq = plan_round_trip_pairs(w->p, pat->runs, pat->n_runs, &q);
		for (int j = 0; j < nq && moves < RT_MAX_MOVES; j++)
			for (int h = 0; h < 4; h++) {
				int i = h & 1 ? q[j].b : q[j].a, o = h & 1 ? q[j].a : q[j].b;
				int a = pat->runs[i].bus, b = pat->runs[o].bus;
				if (a >= 0 && b >= 0 && a != b)
					moves += try_relocation(w, k, i, a, b, h < 2, sv);
			}
		free(q);
	}
	return moves;
}

/* Best move first: each pair's best move is kept and computed again only
 * for the pairs of the two buses a move changed; when no kept move
 * gains, every pair is computed again once, so the search ends only where
 * no move gains. */
void plan_round_trip(const plan_ctx_t *c)
{
	sr_plan_t *p = c->p;
	if (c->keep || p->n_locks > 0 || p->n_patterns == 0 || getenv("SR_TEST_NO_ROUND_TRIP"))
		return;
	rt_t w;
	rt_init(&w, c);
	/* a move saves two duties a pattern (an exchange), or two a copy of a
	 * run and its kin (a relocation) */
	size_t n_sv = 2 * ((size_t)p->n_patterns + (size_t)w.start[w.n_org]);
	rt_save_t *sv = xcalloc(n_sv, sizeof(*sv));
	rt_pair_t *q;
	int nq = pairs(p, &q);
	int all = 1;  /* compute every pair's best move */
	int full = 0; /* every pair computed since the last move */
	for (int moves = 0; moves < RT_MAX_MOVES;) {
		for (int i = 0; i < nq && all; i++)
			pair_best(&w, &q[i], sv);
		full |= all;
		all = 0;
		int bi = -1;
		for (int i = 0; i < nq; i++)
			if (q[i].found && (bi < 0 || better(&w, &q[i].g, &q[bi].g)))
				bi = i;
		if (bi < 0 && full)
			break;
		if (bi < 0) {
			all = 1;
			continue;
		}
		rt_move_t m = q[bi].m;
		if (!commit(&w, &m, sv)) {
			pair_best(&w, &q[bi], sv);
			continue;
		}
		moves++;
		full = 0;
		for (int i = 0; i < nq; i++)
			if (q[i].a == m.a || q[i].b == m.a || q[i].a == m.b || q[i].b == m.b)
				pair_best(&w, &q[i], sv);
	}
	for (int pass = 0;
	     pass < RT_MAX_MOVES && !getenv("SR_TEST_NO_RELOCATE") && relocate_pass(&w, sv) > 0;
	     pass++)
		;
	free(q);
	free(sv);
	rt_free(&w);
}
