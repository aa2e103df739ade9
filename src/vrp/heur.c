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
#include <pthread.h>
#include <unistd.h>
#include <string.h>
#include "vrp/heur.h"
#include "vrp/sisr.h"

#define N_CHAINS 2

/* Tiny instances: every feasible route, then exact set partitioning. */
static int solve_by_enumeration(const vrp_ctx_t *c, const vrp_opts_t *o, double deadline,
				vrp_wsol_t *best, int *optimal, double *lb, sr_error_t *err)
{
	vrp_pool_t pl;
	pool_init(&pl, c, o->seed);
	int rc = SR_OK;
	if (vrp_enumerate(c, &pl, 20000000L)) {
		pool_add_solution(&pl, c, best);
		int proved = 0;
		double left = deadline - sr_now();
		rc = vrp_setpart(c, &pl, best, left > 0.05 ? left : 0.05, best, &proved, err);
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

static long auto_iters(const vrp_ctx_t *c)
{
	long it = 3000L * c->nv;
	if (it < 20000)
		it = 20000;
	if (it > 2000000)
		it = 2000000;
	return it;
}

int vrp_heur_solve(const vrp_ctx_t *c, const vrp_opts_t *o, double deadline,
		   vrp_wsol_t *best, int *optimal, double *lb, sr_error_t *err)
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
	long iters = o->max_iters > 0 ? o->max_iters : o->max_iters == 0 ? auto_iters(c) : 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = o->threads > 0 ? o->threads : (int)(ncpu > 0 ? ncpu : 1);
	chain_t ch[N_CHAINS];
	double search_end = deadline - sp_time;
	for (int i = 0; i < N_CHAINS; i++) {
		ch[i].c = c;
		memset(&ch[i].sol, 0, sizeof(ch[i].sol));
		wsol_copy(&ch[i].sol, best, c);
		pool_init(&ch[i].pool, c, o->seed);
		pool_add_solution(&ch[i].pool, c, best);
		ch[i].so.seed = o->seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull * (uint64_t)(i + 1);
		ch[i].so.iters = iters;
		ch[i].so.deadline = search_end;
		ch[i].so.t0_scale = 0.35;
		ch[i].so.tf_scale = 0.0035;
		ch[i].so.pool_slack = 0.01;
		ch[i].so.iters_done = &ch[i].done;
		ch[i].done = 0;
	}
	if (threads >= 2) {
		pthread_t th[N_CHAINS];
		int started[N_CHAINS];
		for (int i = 1; i < N_CHAINS; i++)
			started[i] = pthread_create(&th[i], NULL, chain_main, &ch[i]) == 0;
		chain_main(&ch[0]);
		for (int i = 1; i < N_CHAINS; i++) {
			if (started[i])
				pthread_join(th[i], NULL);
			else
				chain_main(&ch[i]);
		}
	} else {
		for (int i = 0; i < N_CHAINS; i++) {
			if (iters <= 0) /* time mode: share the time */
				ch[i].so.deadline = t0 + (search_end - t0) * (i + 1) / N_CHAINS;
			chain_main(&ch[i]);
		}
	}
	int bi = 0;
	for (int i = 1; i < N_CHAINS; i++)
		if (ch[i].sol.cost < ch[bi].sol.cost - VRP_EPS)
			bi = i;
	wsol_copy(best, &ch[bi].sol, c);
	for (int i = 1; i < N_CHAINS; i++) {
		vrp_pool_t *pl = &ch[i].pool;
		for (int e = 0; e < pl->ne; e++)
			pool_add(&ch[0].pool, c, pl->seq + pl->e[e].off, pl->e[e].len, pl->e[e].dist,
				 pl->e[e].load);
	}
	if (o->verbose)
		sr_info("vrp: SISR %ld+%ld iterations, best %.3f, pool %d routes", ch[0].done,
			ch[N_CHAINS - 1].done, best->cost, ch[0].pool.ne);
	if (iters > 0 && (ch[0].done < iters || ch[N_CHAINS - 1].done < iters))
		sr_warn("vrp: the time limit cut the search short; the result may depend on the machine");
	double left = deadline - sr_now();
	if (left > 0.05) {
		int proved;
		double before = best->cost;
		rc = vrp_setpart(c, &ch[0].pool, best, left, best, &proved, err);
		if (o->verbose)
			sr_info("vrp: set partitioning over %d routes: %.3f -> %.3f", ch[0].pool.ne,
				before, best->cost);
	}
	if (rc == SR_OK)
		vrp_local_search(c, best, deadline);
	for (int i = 0; i < N_CHAINS; i++) {
		wsol_free(&ch[i].sol);
		pool_free(&ch[i].pool);
	}
	return rc;
}
