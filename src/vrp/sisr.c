/* sisr.c - simulated annealing over SISR's ruin and recreate
 * (ruin_recreate.c; Christiaens & Vanden Berghe 2020), computed
 * speculatively on several threads after Witte, Chamberlain & Franklin,
 * "Parallel simulated annealing using speculative computation", IEEE
 * Transactions on Parallel and Distributed Systems 2(4), 1991.
 *
 * A rejected iteration leaves the solution as it was, so W threads each
 * compute a candidate for iterations k .. k+W-1 from the same current
 * solution, each with the random numbers of its own stream (a function of
 * the chain's seed and the iteration's index only). The chain's own thread
 * then judges them in index order exactly as the one-thread loop does (the
 * acceptance draw, the absence counters, the best solution, the route
 * pool, the deadline check, the count), each as soon as it is ready, so
 * that this part, serial in each chain, overlaps the helpers' work (and
 * offers the pool only the routes that changed since they were offered:
 * that part was 5 % of a chain's time on 1,000 customers, and at 8
 * threads per chain 20 % of its elapsed time); at the first candidate that
 * changes the solution it takes it and drops the later ones (computed
 * from a stale solution), and the next batch starts after it. An accepted
 * candidate whose changed routes are the current ones, visit by visit
 * (recreate put everything back: most accepts late in the cooling), changes
 * nothing, and the batch goes on. So the routes are the same on any
 * number of threads. The threads meet by spinning on atomic counters (an
 * iteration takes 5-25 us: a wake-up through the kernel per batch would
 * eat the gain), then yield the core and sleep, for a machine with fewer
 * free cores than threads. */
#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "vrp/sisr.h"

#define SISR_MAX_WIDTH 32
#define SPIN_MAX 2000 /* busy polls before yielding the core */
#define YIELD_MAX 50  /* sched_yield calls before sleeping */

enum { JUDGE_KEEP, JUDGE_TAKE };

/* A chain's annealing state; only the chain's own thread changes it. */
typedef struct anneal {
	const vrp_ctx_t *c;
	const sisr_opts_t *so;
	vrp_wsol_t cur;
	vrp_wsol_t *best;
	vrp_pool_t *pool;
	long *absn; /* SISR's absence counters */
	/* per route of cur: offered to the pool since it last changed */
	unsigned char *pooled;
	size_t pooled_cap;
	double T0, Tf, t_start;
	long it; /* the next iteration to judge */
	sisr_stats_t st;
	long proj_start[SISR_PROJ]; /* where each projected width's batch began */
} anneal_t;

/* Simulated annealing's verdict on work against cur at threshold thr;
 * while visits are left out (fleet too small or too tight): fewer first,
 * then those absent less often so far (SISR's absence counters, absn),
 * then cost. */
static int sa_accept(const vrp_ctx_t *c, const vrp_wsol_t *cur, const vrp_wsol_t *work, long *absn,
		     double thr)
{
	if (cur->n_out == 0 && work->n_out == 0)
		return work->cost < thr;
	long sa_w = 0, sa_c = 0;
	for (int v = 1; v <= c->nv; v++) {
		if (work->route_of[v] < 0)
			sa_w += ++absn[v];
		if (cur->route_of[v] < 0)
			sa_c += absn[v];
	}
	if (work->n_out != cur->n_out)
		return work->n_out < cur->n_out;
	if (sa_w != sa_c)
		return sa_w < sa_c;
	return work->cost < thr;
}

/* Whether work's changed routes t[0..n-1] are cur's, visit by visit (and
 * none emptied): then taking work would change nothing. */
static int same_routes(const vrp_wsol_t *cur, const vrp_wsol_t *work, const int *t, int n)
{
	if (work->nr != cur->nr || work->n_out != cur->n_out)
		return 0;
	for (int k = 0; k < n; k++) {
		if (t[k] >= cur->nr)
			return 0;
		const vrp_wroute_t *a = &cur->r[t[k]], *b = &work->r[t[k]];
		if (b->len == 0 || a->len != b->len || a->type != b->type ||
		    memcmp(a->v, b->v, sizeof(int) * (size_t)a->len) != 0)
			return 0;
	}
	return 1;
}

/* cur changed: its routes t[0..n-1] (every route when full) and those
 * from old_nr on are not known to be in the pool. */
static void pooled_forget(anneal_t *A, const int *t, int n, int old_nr, int full)
{
	int nr = A->cur.nr;
	sr_grow(&A->pooled, &A->pooled_cap, (size_t)nr + 1, 1);
	if (full) {
		memset(A->pooled, 0, (size_t)nr);
		return;
	}
	for (int k = 0; k < n; k++)
		if (t[k] < nr)
			A->pooled[t[k]] = 0;
	for (int i = old_nr; i < nr; i++)
		A->pooled[i] = 0;
}

/* cur's routes into the pool, but not one offered since it last changed:
 * that would change nothing (pool_add_route). On 1,000 customers offering
 * every route of each accepted solution was most of the judging, the part
 * of an iteration that no helper thread can take. */
static void pool_offer(anneal_t *A)
{
	for (int i = 0; i < A->cur.nr; i++) {
		if (!A->pooled[i]) {
			A->pooled[i] = 1;
			pool_add_route(A->pool, A->c, &A->cur.r[i]);
		}
		/* debug builds (the sanitizer build, tests) check the claim */
		assert(pool_has_route(A->pool, A->c, &A->cur.r[i]));
	}
}

/* An accepted work solution becomes the current one: cur takes the routes
 * t[0..n-1] the iteration changed; an emptied route is dropped from both
 * (wsol_finish and a whole copy: the route indices shift; returns 1). */
static int take_work(const vrp_ctx_t *c, vrp_wsol_t *cur, vrp_wsol_t *work, const int *t, int n)
{
	for (int k = 0; k < n; k++)
		if (t[k] < work->nr && work->r[t[k]].len == 0) {
			wsol_finish(work, c);
			wsol_copy(cur, work, c);
			return 1;
		}
	wsol_copy_routes(cur, work, c, t, n);
	return 0;
}

static void anneal_init(anneal_t *A, const vrp_ctx_t *c, const sisr_opts_t *so, vrp_wsol_t *best,
			vrp_pool_t *pool)
{
	memset(A, 0, sizeof(*A));
	A->c = c;
	A->so = so;
	A->best = best;
	A->pool = pool;
	A->absn = xcalloc((size_t)c->nv + 1, sizeof(long));
	wsol_copy(&A->cur, best, c);
	A->pooled_cap = (size_t)A->cur.nr + 1;
	A->pooled = xcalloc(A->pooled_cap, 1);
	/* the cost as every candidate's is summed (rr_candidate) */
	double cost = 0, dsum = 0;
	for (int i = 0; i < best->nr; i++) {
		const vrp_wroute_t *r = &best->r[i];
		cost += r->cost;
		if (r->len)
			dsum += c->cpd[r->type] * seg_close(c, r->pre[r->len - 1]).dist;
	}
	A->cur.cost = cost + c->unserved_pen * best->n_out;
	/* temperatures scaled by the distance per visit (SISR uses 100 -> 1 on
	 * the X instances; 1 -> 0.01 of the distance per visit measured best
	 * here on A/E/P instances) */
	double per = c->nv > 0 ? dsum / c->nv : 1.0;
	if (!(per > 0))
		per = 1.0;
	A->T0 = so->t0_scale * per;
	A->Tf = so->tf_scale * per;
	A->t_start = sr_now();
}

/* Whether iteration A->it must not run (the budget or the clock), else
 * its place in the cooling schedule in *frac. */
static int anneal_stop(const anneal_t *A, double *frac)
{
	const sisr_opts_t *so = A->so;
	long it = A->it;
	if (so->iters > 0) {
		if (it >= so->iters)
			return 1;
		*frac = so->frac0 + (so->frac1 - so->frac0) * (double)it / (double)so->iters;
		return (it & 255) == 0 && sr_now() > so->deadline;
	}
	double now = sr_now();
	*frac = so->frac0 +
		(so->frac1 - so->frac0) * (now - A->t_start) / (so->deadline - A->t_start + 1e-9);
	return now > so->deadline;
}

/* Counts iteration A->it, and the batches each projected width 1 << p
 * needs: a batch ends at a candidate that changed the solution or when it
 * is full. */
static void anneal_count(anneal_t *A, int took)
{
	A->st.iters++;
	A->st.changes += took;
	for (int p = 0; p < SISR_PROJ; p++)
		if (took || A->it + 1 - A->proj_start[p] == (1L << p)) {
			A->st.need[p]++;
			A->proj_start[p] = A->it + 1;
		}
}

/* Judges work, the candidate of iteration A->it (changed routes
 * t[0..n-1], acceptance draw u), as the sequential loop does, and moves on
 * to the next iteration. JUDGE_TAKE: cur changed (*full: its routes were
 * renumbered); JUDGE_KEEP: rejected, or accepted without a change. */
static int anneal_judge(anneal_t *A, vrp_wsol_t *work, const int *t, int n, double u, double frac,
			int *full)
{
	const vrp_ctx_t *c = A->c;
	double T = A->T0 * pow(A->Tf / A->T0, frac);
	double thr = A->cur.cost - T * log(u + 1e-300);
	int res = JUDGE_KEEP;
	*full = 0;
	if (sa_accept(c, &A->cur, work, A->absn, thr)) {
		if (!same_routes(&A->cur, work, t, n)) {
			int old_nr = A->cur.nr;
			*full = take_work(c, &A->cur, work, t, n);
			pooled_forget(A, t, n, old_nr, *full);
			res = JUDGE_TAKE;
		}
		/* cur has work's routes now: a new best goes to the pool (its
		 * routes are cur's, in the same order), as does a solution
		 * within the slack of the best */
		const vrp_wsol_t *s = &A->cur;
		if (s->cost < A->best->cost - VRP_EPS) {
			wsol_copy(A->best, s, c);
			if (A->pool)
				pool_offer(A);
		} else if (A->pool && s->cost < A->best->cost * (1.0 + A->so->pool_slack)) {
			pool_offer(A);
		}
	}
	anneal_count(A, res == JUDGE_TAKE);
	A->it++;
	return res;
}

/* One thread: the plain loop. */
static void run_plain(anneal_t *A)
{
	const vrp_ctx_t *c = A->c;
	rr_t *R = rr_new(c);
	vrp_wsol_t work;
	memset(&work, 0, sizeof(work));
	wsol_copy(&work, &A->cur, c);
	double frac, t0 = sr_now();
	while (!anneal_stop(A, &frac)) {
		double u = rr_candidate(R, &work, A->so->seed, A->it);
		int n, full;
		const int *t = rr_touched(R, &n);
		double t1 = sr_now();
		int res = anneal_judge(A, &work, t, n, u, frac, &full);
		double t2 = sr_now();
		if (res == JUDGE_KEEP)
			wsol_copy_routes(&work, &A->cur, c, t, n);
		A->st.batches++;
		A->st.cand += t1 - t0;
		A->st.judge += t2 - t1;
		t0 = sr_now();
		A->st.sync += t0 - t2;
	}
	wsol_free(&work);
	rr_free(R);
}

/* ---- several threads: a team per chain ---- */

typedef struct team team_t;

/* A thread's time in the members' steps, by the monotonic clock. */
typedef struct clocks {
	double cand, sync;
} clocks_t;

/* A member's slot in batch b is st = SLOTS * b + one of these. */
enum { SLOT_OPEN, SLOT_CATCHUP, SLOT_COMPUTE, SLOT_DONE, SLOT_CHAIN, SLOTS };

typedef struct member {
	team_t *tm;
	int id; /* computes iteration k0 + id of each batch */
	rr_t *R;
	vrp_wsol_t work;
	double u;     /* its candidate's acceptance draw */
	clocks_t clk; /* a helper's own time (written by it alone) */
	double cpu;   /* a helper's CPU time, set as it ends */
	/* the slot: open; a helper catches up with cur, then computes the
	 * candidate, then is done; or the chain's thread took it (no helper
	 * had begun it) */
	atomic_long st;
} member_t;

struct team {
	anneal_t *A;
	int width;
	member_t *m;
	atomic_long go; /* batches started; helpers wait for it to move */
	atomic_int quit;
	/* written by the chain's thread before go moves: */
	long k0, lim;	 /* the batch: iterations k0 .. lim - 1 */
	int full;	 /* the candidate taken renumbered the routes */
	int *acc, n_acc; /* the routes it changed */
	size_t acc_cap;
	/* the chain's thread's: */
	clocks_t clk; /* time in the members' steps */
	char *mine;   /* per member: its slot of this batch is the chain's */
};

/* Waiting: spin, then yield the core, then sleep a little: on a machine
 * with fewer free cores than threads a helper then stops taking the
 * chain's thread's core, and the chain's thread computes the candidates
 * no helper began (team_loop). */
static void relax(long i)
{
	if (i < SPIN_MAX) {
#if defined(__x86_64__) || defined(__i386__)
		__builtin_ia32_pause();
#endif
	} else if (i < SPIN_MAX + YIELD_MAX) {
		sched_yield();
	} else {
		struct timespec ts = {0, 20000};
		nanosleep(&ts, NULL);
	}
}

/* A member catches up with cur: its own changed routes and those of the
 * candidate taken (every route after a renumbering). The only step that
 * reads cur: the chain's thread changes cur only when no member is in it. */
static void member_catch_up(member_t *m, clocks_t *clk)
{
	team_t *tm = m->tm;
	const anneal_t *A = tm->A;
	double t0 = sr_now();
	if (tm->full) {
		wsol_copy(&m->work, &A->cur, A->c);
	} else {
		for (int k = 0; k < tm->n_acc; k++)
			rr_touch(m->R, tm->acc[k]);
		int n;
		const int *t = rr_touched(m->R, &n);
		wsol_copy_routes(&m->work, &A->cur, A->c, t, n);
	}
	rr_untouch(m->R);
	clk->sync += sr_now() - t0;
}

/* ... then computes its candidate of the batch, if the batch has one. */
static void member_cand(member_t *m, clocks_t *clk)
{
	team_t *tm = m->tm;
	long it = tm->k0 + m->id;
	if (it < tm->lim) {
		double t0 = sr_now();
		m->u = rr_candidate(m->R, &m->work, tm->A->so->seed, it);
		clk->cand += sr_now() - t0;
	}
}

static void *helper(void *arg)
{
	member_t *m = arg;
	team_t *tm = m->tm;
	long seen = 0;
	double cpu0 = vrp_cpu_now();
	for (;;) {
		long g;
		for (long i = 0; (g = atomic_load_explicit(&tm->go, memory_order_acquire)) == seen;
		     i++)
			relax(i);
		seen = g;
		if (atomic_load_explicit(&tm->quit, memory_order_acquire))
			break;
		long open = SLOTS * g + SLOT_OPEN;
		if (atomic_compare_exchange_strong_explicit(&m->st, &open, SLOTS * g + SLOT_CATCHUP,
							    memory_order_acq_rel,
							    memory_order_acquire)) {
			member_catch_up(m, &m->clk);
			atomic_store_explicit(&m->st, SLOTS * g + SLOT_COMPUTE,
					      memory_order_release);
			member_cand(m, &m->clk);
			atomic_store_explicit(&m->st, SLOTS * g + SLOT_DONE, memory_order_release);
		}
	}
	m->cpu = vrp_cpu_now() - cpu0;
	return NULL;
}

/* Waits while member w's slot of batch b is in state s; the time counts
 * as the chain's thread's waiting. */
static void wait_slot(team_t *tm, int w, long b, int s)
{
	double t0 = sr_now();
	for (long i = 0; atomic_load_explicit(&tm->m[w].st, memory_order_acquire) == SLOTS * b + s;
	     i++)
		relax(i);
	tm->A->st.wait += sr_now() - t0;
}

/* Judges the batch's candidates in index order up to the first that
 * changes cur, each as soon as it is ready (the judging overlaps the
 * helpers' work: it is the part of an iteration no helper can take), and
 * notes what the one taken changed for the members. A candidate whose
 * slot is the chain's thread's it computes itself when it comes to it. Returns 1 when
 * the budget or the clock ends the run. */
static int team_scan(team_t *tm, long b)
{
	anneal_t *A = tm->A;
	tm->full = 0;
	tm->n_acc = 0;
	for (long k = tm->k0; k < tm->lim; k++) {
		int w = (int)(k - tm->k0);
		member_t *m = &tm->m[w];
		if (w > 0 && tm->mine[w])
			member_cand(m, &tm->clk);
		else if (w > 0)
			wait_slot(tm, w, b, SLOT_COMPUTE);
		double frac, t0 = sr_now();
		if (anneal_stop(A, &frac))
			return 1;
		int n, full;
		const int *t = rr_touched(m->R, &n);
		int res = anneal_judge(A, &m->work, t, n, m->u, frac, &full);
		A->st.judge += sr_now() - t0;
		if (res == JUDGE_KEEP)
			continue;
		tm->full = full;
		if ((size_t)n > tm->acc_cap) {
			tm->acc_cap = 2 * (size_t)n;
			tm->acc = xreallocarray(tm->acc, tm->acc_cap, sizeof(int));
		}
		if (n > 0)
			memcpy(tm->acc, t, sizeof(int) * (size_t)n);
		tm->n_acc = n;
		break;
	}
	return 0;
}

/* Batches until the end: the chain's thread computes the first candidate
 * of each, the helpers the others; the slots no helper has begun when the
 * chain's thread is free (a helper waiting for a core on a loaded
 * machine) become the chain's thread's. Before judging (which may change
 * cur), every helper must be past catching up; after it, every helper
 * must be done (its copy is in use) before the next batch. */
static void team_loop(team_t *tm)
{
	anneal_t *A = tm->A;
	const sisr_opts_t *so = A->so;
	for (;;) {
		if (so->iters > 0 && A->it >= so->iters)
			break;
		tm->k0 = A->it;
		tm->lim = tm->k0 + tm->width;
		if (so->iters > 0 && tm->lim > so->iters)
			tm->lim = so->iters;
		long b = atomic_load_explicit(&tm->go, memory_order_relaxed) + 1;
		for (int w = 1; w < tm->width; w++)
			atomic_store_explicit(&tm->m[w].st, SLOTS * b, memory_order_relaxed);
		atomic_store_explicit(&tm->go, b, memory_order_release);
		member_catch_up(&tm->m[0], &tm->clk);
		member_cand(&tm->m[0], &tm->clk);
		for (int w = 1; w < tm->width; w++) {
			long open = SLOTS * b + SLOT_OPEN;
			tm->mine[w] = (char)atomic_compare_exchange_strong_explicit(
				&tm->m[w].st, &open, SLOTS * b + SLOT_CHAIN, memory_order_acq_rel,
				memory_order_acquire);
			/* now, while cur is as the batch began; the candidate
			 * when the judging reaches it (none after a take) */
			if (tm->mine[w])
				member_catch_up(&tm->m[w], &tm->clk);
		}
		for (int w = 1; w < tm->width; w++)
			if (!tm->mine[w])
				wait_slot(tm, w, b, SLOT_CATCHUP);
		A->st.batches++;
		int end = team_scan(tm, b);
		for (int w = 1; w < tm->width; w++)
			if (!tm->mine[w])
				wait_slot(tm, w, b, SLOT_COMPUTE);
		if (end)
			break;
	}
}

/* width threads (the chain's own and width - 1 helpers, made once per
 * call); fewer if a thread cannot be made: the routes are the same. */
static void run_team(anneal_t *A, int width)
{
	team_t tm;
	memset(&tm, 0, sizeof(tm));
	tm.A = A;
	atomic_init(&tm.go, 0);
	atomic_init(&tm.quit, 0);
	tm.m = xcalloc((size_t)width, sizeof(member_t));
	tm.mine = xcalloc((size_t)width, 1);
	pthread_t th[SISR_MAX_WIDTH];
	for (int w = 0; w < width; w++) {
		tm.m[w].tm = &tm;
		tm.m[w].id = w;
		tm.m[w].R = rr_new(A->c);
		atomic_init(&tm.m[w].st, 0);
		wsol_copy(&tm.m[w].work, &A->cur, A->c);
	}
	tm.width = 1;
	for (int w = 1; w < width; w++) {
		if (pthread_create(&th[w], NULL, helper, &tm.m[w]) != 0)
			break;
		tm.width++;
	}
	team_loop(&tm);
	atomic_store_explicit(&tm.quit, 1, memory_order_release);
	atomic_fetch_add_explicit(&tm.go, 1, memory_order_release);
	for (int w = 1; w < tm.width; w++) {
		pthread_join(th[w], NULL);
		A->st.helper_cpu += tm.m[w].cpu;
		A->st.helper_cand += tm.m[w].clk.cand;
		A->st.helper_sync += tm.m[w].clk.sync;
	}
	A->st.cand += tm.clk.cand;
	A->st.sync += tm.clk.sync;
	for (int w = 0; w < width; w++) {
		rr_free(tm.m[w].R);
		wsol_free(&tm.m[w].work);
	}
	free(tm.m);
	free(tm.mine);
	free(tm.acc);
}

void sisr_run(const vrp_ctx_t *c, const sisr_opts_t *so, vrp_wsol_t *best, vrp_pool_t *pool)
{
	double cpu0 = vrp_cpu_now();
	anneal_t A;
	anneal_init(&A, c, so, best, pool);
	int width = so->width < 1 ? 1 : so->width > SISR_MAX_WIDTH ? SISR_MAX_WIDTH : so->width;
	if (width > 1)
		run_team(&A, width);
	else
		run_plain(&A);
	for (int p = 0; p < SISR_PROJ; p++)
		A.st.need[p] += A.proj_start[p] < A.it;
	if (so->stats) {
		sisr_stats_t *s = so->stats;
		s->iters += A.st.iters;
		s->changes += A.st.changes;
		s->batches += A.st.batches;
		for (int p = 0; p < SISR_PROJ; p++)
			s->need[p] += A.st.need[p];
		s->cpu += vrp_cpu_now() - cpu0;
		s->helper_cpu += A.st.helper_cpu;
		s->cand += A.st.cand;
		s->sync += A.st.sync;
		s->judge += A.st.judge;
		s->wait += A.st.wait;
		s->helper_cand += A.st.helper_cand;
		s->helper_sync += A.st.helper_sync;
	}
	if (so->iters_done)
		*so->iters_done = A.it;
	wsol_free(&A.cur);
	free(A.absn);
	free(A.pooled);
}
