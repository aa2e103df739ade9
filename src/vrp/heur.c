/* heur.c - the matheuristic's driver.
 *
 * 1. Clarke-Wright savings and local search give a first solution.
 * 2. Tiny instances: every feasible route is enumerated and GLPK set
 *    partitioning over them proves optimality.
 * 3. Otherwise two independent SISR ruin-and-recreate chains (different
 *    seeds derived from opts.seed, each with the same fixed budget, run on
 *    two threads when available) collect good routes into pools; the better
 *    chain's solution (ties: the first) and the merged pool go to a GLPK
 *    set-partitioning model warm-started with it, and the local search
 *    polishes the result. Since each chain's work is fixed and the merge is
 *    ordered, the result does not depend on the number of threads
 *    (the matheuristic pattern of Subramanian, Uchoa & Ochi, C&OR 2013). */
#include <string.h>
#include "vrp/heur.h"
#include "vrp/sisr.h"

#define N_CHAINS 2
#define N_ROUNDS 4
#define SP_NODES 150 /* branch-and-bound nodes per set partitioning */

/* Tiny instances: every feasible route, then exact set partitioning. */
static int solve_by_enumeration(const vrp_ctx_t *c, const vrp_opts_t *o, double deadline,
				vrp_wsol_t *best, int *optimal, double *lb, sr_error_t *err)
{
	vrp_pool_t pl;
	pool_init(&pl, c, o->seed);
	int rc = SR_OK;
	if (vrp_enumerate(c, &pl, 20000000L, deadline)) {
		pool_add_solution(&pl, c, best);
		int proved = 0;
		double left = deadline - sr_now();
		rc = vrp_setpart(c, &pl, best, left > 0.05 ? left : 0.05, 0, best, &proved, err);
		if (rc == SR_OK && proved) {
			*optimal = 1;
			*lb = best->cost;
		}
	}
	pool_free(&pl);
	return rc;
}

typedef struct chain {
	const vrp_ctx_t *c;
	sisr_opts_t so;
	vrp_wsol_t sol;
	vrp_pool_t pool;
	long done;
} chain_t;

static void *chain_main(void *arg)
{
	chain_t *ch = arg;
	sisr_run(ch->c, &ch->so, &ch->sol, &ch->pool);
	return NULL;
}

/* chain i of a round, as a task of the worker pool */
static void chain_task(void *state, size_t i, void *arg)
{
	(void)state;
	chain_main((chain_t *)arg + i);
}

/* The default budget: proportional to the time limit (an input, so the
 * result stays a function of the inputs and the seed) and calibrated to
 * use about half of it on one loaded core, per chain. */
static long auto_iters(const vrp_ctx_t *c, double time_limit_s)
{
	double it = 6e5 * (time_limit_s > 0 ? time_limit_s : 10) / (c->nv > 1 ? c->nv : 1);
	if (it > 3e6)
		it = 3e6;
	if (it < 5000)
		it = 5000;
	return (long)it;
}

/* The search chains, each with its own seed derived from the run's. */
static void chains_init(chain_t *ch, const vrp_ctx_t *c, uint64_t seed)
{
	for (int i = 0; i < N_CHAINS; i++) {
		ch[i].c = c;
		memset(&ch[i].sol, 0, sizeof(ch[i].sol));
		pool_init(&ch[i].pool, c, seed);
		ch[i].so.seed =
			seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull * (uint64_t)(i + 1);
		ch[i].so.t0_scale = 1.0;
		ch[i].so.tf_scale = 0.01;
		ch[i].so.pool_slack = 0.005;
		ch[i].so.iters_done = &ch[i].done;
	}
}

/* After a round: the best chain solution becomes the incumbent, and every
 * route the chains collected goes into the set-partitioning pool. */
static void collect_round(chain_t *ch, const vrp_ctx_t *c, uint64_t seed, vrp_wsol_t *best,
			  vrp_pool_t *pool)
{
	for (int i = 0; i < N_CHAINS; i++) {
		if (ch[i].sol.cost < best->cost - VRP_EPS)
			wsol_copy(best, &ch[i].sol, c);
		pool_add_solution(&ch[i].pool, c, &ch[i].sol);
		vrp_pool_t *pl = &ch[i].pool;
		for (int e = 0; e < pl->ne; e++)
			pool_add(pool, c, pl->seq + pl->e[e].off, pl->e[e].len, pl->e[e].dist,
				 pl->e[e].load);
		pool_free(pl);
		pool_init(pl, c, seed);
	}
}

int vrp_heur_solve(const vrp_ctx_t *c, const vrp_opts_t *o, double deadline, vrp_wsol_t *best,
		   int *optimal, double *lb, sr_error_t *err)
{
	int rc = SR_OK;
	double t0 = sr_now();
	*optimal = 0;
	*lb = -INFINITY;
	vrp_savings(c, best);
	vrp_local_search(c, best, deadline);
	if (c->nv <= 12) {
		rc = solve_by_enumeration(c, o, deadline, best, optimal, lb, err);
		if (rc != SR_OK || *optimal)
			return rc;
	}
	if (c->nv < 2)
		return SR_OK;

	/* keep a share of the time for set partitioning */
	double total = deadline - t0;
	double sp_time = total * 0.1 < 20 ? total * 0.1 : 20;
	long iters = o->max_iters > 0	 ? o->max_iters
		     : o->max_iters == 0 ? auto_iters(c, deadline - t0)
					 : 0;
	int threads = sr_threads(o->threads, N_CHAINS);
	chain_t ch[N_CHAINS];
	vrp_pool_t pool;
	pool_init(&pool, c, o->seed);
	pool_add_solution(&pool, c, best);
	chains_init(ch, c, o->seed);
	/* rounds: search, then set partitioning over everything collected,
	 * whose solution restarts both chains */
	long total_done[N_CHAINS] = {0};
	int cut = 0;
	double search_end = deadline - sp_time;
	for (int round = 0; round < N_ROUNDS && rc == SR_OK; round++) {
		double r_end = t0 + (search_end - t0) * (round + 1) / N_ROUNDS;
		for (int i = 0; i < N_CHAINS; i++) {
			/* chain 0 continues from the best so far (intensify), the
			 * others from their own best (diversity) */
			if (i == 0 || round == 0)
				wsol_copy(&ch[i].sol, best, c);
			ch[i].so.seed += 0x2545f4914f6cdd1dull;
			ch[i].so.iters = iters > 0 ? iters / N_ROUNDS : 0;
			ch[i].so.frac0 = (double)round / N_ROUNDS;
			ch[i].so.frac1 = (double)(round + 1) / N_ROUNDS;
			/* with a fixed budget, rounds end by count, not by the
			 * clock: only the overall limit may cut them (and
			 * then a warning says the result may vary) */
			ch[i].so.deadline = iters > 0 ? search_end : r_end;
			ch[i].done = 0;
		}
		if (threads >= 2) {
			sr_parallel_t job = {
				.n = N_CHAINS, .threads = threads, .task = chain_task, .arg = ch};
			sr_parallel_for(&job);
		} else {
			double r0 = sr_now();
			for (int i = 0; i < N_CHAINS; i++) {
				if (iters <= 0) /* time mode: share the time */
					ch[i].so.deadline = r0 + (r_end - r0) * (i + 1) / N_CHAINS;
				chain_main(&ch[i]);
			}
		}
		for (int i = 0; i < N_CHAINS; i++) {
			total_done[i] += ch[i].done;
			if (iters > 0 && ch[i].done < iters / N_ROUNDS)
				cut = 1;
		}
		collect_round(ch, c, o->seed, best, &pool);
		double left = deadline - sr_now();
		/* likewise set partitioning stops on its node budget, with the
		 * clock only as a backstop, when the search has a fixed budget */
		double lim = (iters > 0 || round + 1 == N_ROUNDS) ? left : sp_time / N_ROUNDS;
		if (lim > left)
			lim = left;
		if (lim > 0.05) {
			int proved;
			double before = best->cost, ts = sr_now();
			rc = vrp_setpart(c, &pool, best, lim, SP_NODES, best, &proved, err);
			if (o->verbose)
				sr_info("vrp: round %d: SISR %ld+%ld iterations, set partitioning over %d routes: %.3f -> %.3f (%s, %.2f s)",
					round, ch[0].done, ch[N_CHAINS - 1].done, pool.ne, before,
					best->cost, proved ? "optimal" : "not proved",
					sr_now() - ts);
		}
	}
	if (cut)
		sr_warn("vrp: the time limit cut the search short (%ld+%ld iterations); the result may depend on the machine",
			total_done[0], total_done[N_CHAINS - 1]);
	if (rc == SR_OK)
		vrp_local_search(c, best, deadline);
	for (int i = 0; i < N_CHAINS; i++) {
		wsol_free(&ch[i].sol);
		pool_free(&ch[i].pool);
	}
	pool_free(&pool);
	return rc;
}

/* The savings on the guide's context, moved visit by visit into the true
 * one (the visits are the same: only distances differ). */
static void guided_savings(const vrp_ctx_t *c, const vrp_problem_t *p, const double *guide,
			   vrp_wsol_t *s)
{
	vrp_problem_t q = *p;
	q.dist = guide;
	vrp_ctx_t g;
	int *out = xmalloc(sizeof(int) * (size_t)(p->n + 1)), n_out = 0;
	vrp_ctx_build(&g, &q, &out, &n_out);
	vrp_wsol_t gs;
	wsol_init(&gs, &g);
	vrp_savings(&g, &gs);
	for (int i = 0; i < gs.nr && g.nv == c->nv; i++) {
		int ri = wsol_add_route(s, gs.r[i].type);
		wsol_set_route(s, c, ri, gs.r[i].v, gs.r[i].len);
	}
	wsol_finish(s, c);
	wsol_repair(s, c);
	wsol_free(&gs);
	vrp_ctx_free(&g);
	free(out);
}

int vrp_heur_start(const vrp_problem_t *p, const double *guide, uint64_t seed, long iters,
		   double deadline, vrp_solution_t *sol)
{
	memset(sol, 0, sizeof(*sol));
	vrp_ctx_t c;
	int *out = xmalloc(sizeof(int) * (size_t)(p->n + 1)), n_out = 0;
	vrp_ctx_build(&c, p, &out, &n_out);
	vrp_wsol_t s;
	wsol_init(&s, &c);
	int ok = 1;
	if (iters > 0) {
		vrp_opts_t o;
		vrp_opts_init(&o);
		o.seed = seed;
		o.threads = 1;
		o.max_iters = iters;
		int optimal;
		double lb;
		sr_error_t err;
		ok = c.nv == 0 ||
		     vrp_heur_solve(&c, &o, deadline, &s, &optimal, &lb, &err) == SR_OK;
	} else {
		if (guide)
			guided_savings(&c, p, guide, &s);
		else
			vrp_savings(&c, &s);
		vrp_local_search(&c, &s, deadline);
	}
	ok = ok && n_out == 0 && s.n_out == 0;
	if (ok)
		vrp_export_solution(&c, &s, sol, out, 0);
	else
		free(out);
	wsol_free(&s);
	vrp_ctx_free(&c);
	return ok;
}
