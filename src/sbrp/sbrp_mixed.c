/* sbrp_mixed.c - mixed-load runs for `schoolrun sbrp --mixed-load`: students
 * of different schools share a run that picks up all its stops, then visits
 * their schools one after the other. Each school is reached by its bell less
 * the school dwell (154.4 s at every school visited), each student rides at
 * most the limit from the end of the own stop's dwell to the arrival at the
 * own school (dwells at schools visited before it count as ride), the seats
 * hold every student picked up. The bus is free at the bell of the last
 * school (BiRD's rule for single-load runs, kept for mixed ones).
 *
 * Learned from Park, Tae & Kim (2012, "A post-improvement procedure for the
 * mixed load school bus routing problem", EJOR 217(1)): start from the
 * single-load runs and empty runs, lightest first, by re-inserting each of
 * their stops into a nearby run with free seats (of any school) at the
 * least added time, where a feasible school sequence exists. Here the
 * changed runs do not replace the old ones directly: every changed run
 * becomes a column of the selection MIP beside the single-load runs
 * (sbrp.c, model B), which keeps the change only where it saves buses
 * after chaining. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/sbrp.h"

#define EPS 1e-7

/* Position of school s among r's schools, or -1. */
static int drop_index(const sbrp_run_t *r, int s)
{
	if (r->n_drops == 0)
		return r->school == s ? 0 : -1;
	for (int j = 0; j < r->n_drops; j++)
		if (r->drops[j] == s)
			return j;
	return -1;
}

/* r's schools in visiting order (a single-load run: its school). */
static int run_drops(const sbrp_run_t *r, int *out)
{
	if (r->n_drops == 0) {
		out[0] = r->school;
		return 1;
	}
	int n = r->n_drops < SBRP_MAX_DROPS ? r->n_drops : SBRP_MAX_DROPS;
	for (int j = 0; j < n; j++)
		out[j] = r->drops[j];
	return n;
}

/* Pickups: the end of each school's first dwell (its longest ride) and its
 * students; -1 when a stop's school is not visited. */
static double pickups(const sbrp_instance_t *in, const sbrp_run_t *r, double *first_e, int *cnt,
		      int *load)
{
	double t = 0;
	*load = 0;
	for (int k = 0; k < r->n_stops; k++) {
		const sbrp_stop_t *s = &in->stops[r->stops[k]];
		if (k > 0) {
			const sbrp_stop_t *p = &in->stops[r->stops[k - 1]];
			t += sbrp_travel_s(p->x, p->y, s->x, s->y);
		}
		t += sbrp_dwell_s(s->students);
		*load += s->students;
		int j = drop_index(r, s->school);
		if (j < 0)
			return -1;
		if (cnt[j]++ == 0)
			first_e[j] = t;
	}
	return t;
}

int sbrp_run_eval(const sbrp_instance_t *in, sbrp_run_t *r, double max_ride_s)
{
	int drops[SBRP_MAX_DROPS], cnt[SBRP_MAX_DROPS] = {0};
	double first_e[SBRP_MAX_DROPS];
	int nd = run_drops(r, drops);
	if (r->n_stops < 1)
		return 0;
	for (int a = 0; a < nd; a++)
		for (int b = a + 1; b < nd; b++)
			if (drops[a] == drops[b])
				return 0;
	double t = pickups(in, r, first_e, cnt, &r->students);
	if (t < 0)
		return 0;
	const sbrp_stop_t *l = &in->stops[r->stops[r->n_stops - 1]];
	double px = l->x, py = l->y, start = INFINITY;
	int ok = r->students <= SBRP_CAPACITY;
	for (int j = 0; j < nd; j++) {
		const sbrp_school_t *S = &in->schools[drops[j]];
		if (j > 0)
			t += SBRP_SCHOOL_DWELL_S;
		t += sbrp_travel_s(px, py, S->x, S->y);
		px = S->x;
		py = S->y;
		ok = ok && cnt[j] > 0 && t - first_e[j] <= max_ride_s + EPS;
		start = fmin(start, S->bell_s - SBRP_SCHOOL_DWELL_S - t);
	}
	r->duration_s = t;
	r->start_s = start;
	return ok;
}

/* Travel from stop a to stop b (indices into the instance). */
static double leg(const sbrp_instance_t *in, int a, int b)
{
	const sbrp_stop_t *p = &in->stops[a], *q = &in->stops[b];
	return sbrp_travel_s(p->x, p->y, q->x, q->y);
}

/* A run in the working solution: its own stops array with room for the
 * seats' worth of stops. */
typedef struct wrun {
	sbrp_run_t r;
	int cap;
} wrun_t;

static void wrun_copy(wrun_t *d, const sbrp_run_t *s)
{
	int cap = s->n_stops + SBRP_CAPACITY + 1;
	if (!d->r.stops || d->cap < cap) {
		d->r.stops = xrealloc(d->r.stops, sizeof(int) * (size_t)cap);
		d->cap = cap;
	}
	int *keep = d->r.stops;
	d->r = *s;
	d->r.stops = keep;
	memcpy(d->r.stops, s->stops, sizeof(int) * (size_t)s->n_stops);
}

/* h with stop st inserted at pos and, when its school is new to h, that
 * school at drop position dp, into c (stops in buf); 0 if infeasible. */
static int try_insert(const sbrp_instance_t *in, const sbrp_run_t *h, int st, int pos, int dp,
		      double ride, sbrp_run_t *c, int *buf)
{
	int sc = in->stops[st].school;
	*c = *h;
	c->stops = buf;
	memcpy(buf, h->stops, sizeof(int) * (size_t)pos);
	buf[pos] = st;
	memcpy(buf + pos + 1, h->stops + pos, sizeof(int) * (size_t)(h->n_stops - pos));
	c->n_stops = h->n_stops + 1;
	if (drop_index(h, sc) < 0) {
		int d[SBRP_MAX_DROPS], nd = run_drops(h, d);
		if (nd >= SBRP_MAX_DROPS)
			return 0;
		memmove(d + dp + 1, d + dp, sizeof(int) * (size_t)(nd - dp));
		d[dp] = sc;
		memcpy(c->drops, d, sizeof(int) * (size_t)(nd + 1));
		c->n_drops = nd + 1;
		c->school = d[nd];
	}
	return sbrp_run_eval(in, c, ride);
}

/* The cheapest feasible insertion of stop st into h (least added
 * duration, ties: the first position) into *best (stops in out); 0 if none. */
static int best_insert(const sbrp_instance_t *in, const sbrp_run_t *h, int st, double ride,
		       sbrp_run_t *best, int *out, int *buf)
{
	if (h->students + in->stops[st].students > SBRP_CAPACITY)
		return 0;
	int nd = drop_index(h, in->stops[st].school) < 0 ? (h->n_drops ? h->n_drops : 1) + 1 : 1;
	int found = 0;
	for (int pos = 0; pos <= h->n_stops; pos++)
		for (int dp = 0; dp < nd; dp++) {
			sbrp_run_t c;
			if (!try_insert(in, h, st, pos, dp, ride, &c, buf) ||
			    (found && c.duration_s >= best->duration_s - EPS))
				continue;
			*best = c;
			memcpy(out, buf, sizeof(int) * (size_t)c.n_stops);
			best->stops = out;
			found = 1;
		}
	return found;
}

/* Hosts for stop st: the nh (at most MIX_HOSTS) alive runs (not skip) with
 * free seats nearest to it (Manhattan distance to their nearest stop; ties:
 * index). */
#define MIX_HOSTS 48
static int near_hosts(const sbrp_instance_t *in, const wrun_t *w, const char *alive, int n,
		      int skip, int st, int nh, int *host)
{
	double dist[MIX_HOSTS];
	int k = 0;
	for (int h = 0; h < n; h++) {
		if (!alive[h] || h == skip ||
		    w[h].r.students + in->stops[st].students > SBRP_CAPACITY)
			continue;
		double d = INFINITY;
		for (int q = 0; q < w[h].r.n_stops; q++)
			d = fmin(d, leg(in, w[h].r.stops[q], st));
		int at = k < nh ? k++ : nh;
		while (at > 0 && dist[at - 1] > d) {
			if (at < nh) {
				dist[at] = dist[at - 1];
				host[at] = host[at - 1];
			}
			at--;
		}
		if (at < nh) {
			dist[at] = d;
			host[at] = h;
		}
	}
	return k;
}

/* The working solution (w), a tentative copy (trial) and the columns. */
typedef struct mix {
	const sbrp_instance_t *in;
	double ride;
	int n_hosts; /* hosts tried per stop (near_hosts) */
	wrun_t *w, *trial;
	char *alive;
	int n, *touched, n_touched;
	int *scratch, *cand, *keep; /* stop buffers, each room for any run */
	sbrp_run_t *res;
	int n_res;
	size_t res_cap;
} mix_t;

/* The best host for stop st (least added time) into *best (stops in
 * M->keep); -1 when no near host takes it. */
static int best_host(mix_t *M, int b, int st, sbrp_run_t *best)
{
	int host[MIX_HOSTS], bh = -1;
	int nh = near_hosts(M->in, M->trial, M->alive, M->n, b, st, M->n_hosts, host);
	double badd = INFINITY;
	for (int k = 0; k < nh; k++) {
		const sbrp_run_t *h = &M->trial[host[k]].r;
		sbrp_run_t c;
		if (!best_insert(M->in, h, st, M->ride, &c, M->cand, M->scratch) ||
		    c.duration_s - h->duration_s >= badd - EPS)
			continue;
		badd = c.duration_s - h->duration_s;
		bh = host[k];
		*best = c;
		memcpy(M->keep, M->cand, sizeof(int) * (size_t)c.n_stops);
		best->stops = M->keep;
	}
	return bh;
}

/* A merge already among the columns (same stops, same schools in order)? */
static int have_res(const mix_t *M, const sbrp_run_t *r)
{
	for (int k = 0; k < M->n_res; k++) {
		const sbrp_run_t *o = &M->res[k];
		if (o->n_stops == r->n_stops && o->n_drops == r->n_drops &&
		    !memcmp(o->drops, r->drops, sizeof(int) * (size_t)r->n_drops) &&
		    !memcmp(o->stops, r->stops, sizeof(int) * (size_t)r->n_stops))
			return 1;
	}
	return 0;
}

/* Tries to empty run b, each of its stops into the host that takes it at
 * the least added time (a host may take several). On success b is gone
 * and the hosts' new versions replace them and become columns; else the
 * trial is undone. */
static void eliminate(mix_t *M, int b)
{
	M->n_touched = 0;
	const sbrp_run_t *rb = &M->w[b].r;
	int ok = 1;
	for (int q = 0; q < rb->n_stops && ok; q++) {
		sbrp_run_t best;
		int bh = best_host(M, b, rb->stops[q], &best);
		ok = bh >= 0;
		if (ok) {
			wrun_copy(&M->trial[bh], &best);
			M->touched[M->n_touched++] = bh;
		}
	}
	for (int k = 0; k < M->n_touched; k++) {
		int h = M->touched[k];
		if (!ok) {
			wrun_copy(&M->trial[h], &M->w[h].r);
			continue;
		}
		wrun_copy(&M->w[h], &M->trial[h].r);
		int dup = 0;
		for (int j = 0; j < k && !dup; j++)
			dup = M->touched[j] == h;
		if (dup || have_res(M, &M->w[h].r))
			continue;
		sr_grow(&M->res, &M->res_cap, (size_t)M->n_res + 1, sizeof(sbrp_run_t));
		sbrp_run_t *o = &M->res[M->n_res++];
		*o = M->w[h].r;
		o->stops = xmalloc(sizeof(int) * (size_t)o->n_stops);
		memcpy(o->stops, M->w[h].r.stops, sizeof(int) * (size_t)o->n_stops);
	}
	if (ok)
		M->alive[b] = 0;
}

/* Runs by students, fewest first (ties: index): the easiest to empty. */
typedef struct light {
	int students, i;
} light_t;

static int cmp_light(const void *x, const void *y)
{
	const light_t *a = x, *b = y;
	if (a->students != b->students)
		return a->students - b->students;
	return a->i - b->i;
}

/* One pass of Park, Tae & Kim's elimination from the single-load runs,
 * n_hosts tried per stop: the working solution restarts from base. */
static void mix_pass(mix_t *M, const sbrp_run_t *const *base, light_t *order)
{
	for (int i = 0; i < M->n; i++) {
		wrun_copy(&M->w[i], base[i]);
		wrun_copy(&M->trial[i], base[i]);
		M->alive[i] = 1;
		order[i] = (light_t){base[i]->students, i};
	}
	qsort(order, (size_t)M->n, sizeof(light_t), cmp_light);
	for (int k = 0; k < M->n; k++)
		eliminate(M, order[k].i);
}

/* Hosts per stop, one pass each: the nearest few make the tight merges,
 * more hosts find others; together more columns for the MIP to combine
 * (on RSRB07 at 2700 s, 12 hosts alone gave 153 buses, 24 alone 151). */
static const int mix_hosts[] = {12, 24, MIX_HOSTS};

void sbrp_mixed_runs(const sbrp_instance_t *in, const sbrp_run_t *const *base, int n_base,
		     double max_ride_s, sbrp_run_t **out, int *n_out)
{
	mix_t M = {.in = in, .ride = max_ride_s, .n = n_base};
	int total = 2;
	for (int i = 0; i < n_base; i++)
		total += base[i]->n_stops;
	M.w = xcalloc((size_t)(n_base > 0 ? n_base : 1), sizeof(wrun_t));
	M.trial = xcalloc((size_t)(n_base > 0 ? n_base : 1), sizeof(wrun_t));
	M.alive = xmalloc((size_t)(n_base > 0 ? n_base : 1));
	M.touched = xmalloc(sizeof(int) * (size_t)total);
	M.scratch = xmalloc(sizeof(int) * (size_t)total);
	M.cand = xmalloc(sizeof(int) * (size_t)total);
	M.keep = xmalloc(sizeof(int) * (size_t)total);
	light_t *order = xmalloc(sizeof(light_t) * (size_t)(n_base > 0 ? n_base : 1));
	for (size_t p = 0; p < sizeof mix_hosts / sizeof mix_hosts[0]; p++) {
		M.n_hosts = mix_hosts[p];
		mix_pass(&M, base, order);
	}
	for (int i = 0; i < n_base; i++) {
		free(M.w[i].r.stops);
		free(M.trial[i].r.stops);
	}
	free(order);
	free(M.w);
	free(M.trial);
	free(M.alive);
	free(M.touched);
	free(M.scratch);
	free(M.cand);
	free(M.keep);
	*out = M.res;
	*n_out = M.n_res;
}
