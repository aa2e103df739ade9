/* heur.c - the matheuristic's driver.
 *
 * 1. Clarke-Wright savings and local search give a first solution.
 * 2. Tiny instances: every feasible route is enumerated and GLPK set
 *    partitioning over them proves optimality (both end on completion; the
 *    clock is only a backstop).
 * 3. Otherwise a fixed number of independent SISR ruin-and-recreate chains
 *    (vrp_opts.chains, seeds derived from opts.seed, each with the same
 *    fixed budget) run in rounds, spread over the worker threads by
 *    sr_parallel_for; they collect good routes into pools. After each round
 *    the best chain's solution (ties: the lowest index) and the merged pool
 *    go to a GLPK set-partitioning model warm-started with it, within node
 *    and simplex-iteration budgets, and the local search polishes the
 *    result. With vrp_opts.crossover, between rounds HGS's crossover
 *    (crossover.c: OX on giant tours, Split, local search with SWAP*)
 *    breeds a child for each chain but the first from the chains'
 *    solutions, and the chain may restart from it.
 *    Since each chain's work is fixed and the merge is ordered, the
 *    result does not depend on the number of threads (the matheuristic
 *    pattern of Subramanian, Uchoa & Ochi, C&OR 2013; many independent
 *    chains merged in a fixed order, as in the parallel SISR runs of
 *    Christiaens & Vanden Berghe 2020). */
#include <stdlib.h>
#include <string.h>
#include "vrp/cross.h"
#include "vrp/heur.h"
#include "vrp/sisr.h"
#include "util/i18n.h"

#define N_ROUNDS 4
/* Partial routes the enumeration of a tiny instance may extend before it
 * gives up for the heuristic: a count, so that it completes or gives up
 * the same way on every machine and under any time limit (about a second;
 * twelve visits with loose limits need far more, and the heuristic then
 * finds the same routes) */
#define ENUM_STEPS 3000000L
/* ... and the set partitioning over every route it found: a proof within
 * this many nodes, else its best solution goes on to the heuristic (with
 * fleet limits and split loads GLPK may not close the gap soon; unbounded,
 * it ran until the clock) */
#define ENUM_SP_NODES 50
/* Set partitioning's share of the work: GLPK's time grows with the
 * routes offered far more than with the nodes (on X-n190-k8, 4000 routes:
 * 9 s for 4 rounds; the best 800: 0.4 s, and a better result since the
 * clock no longer cuts the search) */
#define SP_NODES 40 /* branch-and-bound nodes per set partitioning */
#define SP_COLS 800 /* routes offered to it (the incumbent's and the best priced) */

/* Tiny instances: every feasible route, then exact set partitioning; both
 * stop on completion. *cut is set when the clock stopped either. */
static int solve_by_enumeration(const vrp_ctx_t *c, const vrp_opts_t *o, double deadline,
				vrp_wsol_t *best, int *optimal, double *lb, int *cut,
				sr_error_t *err)
{
	vrp_pool_t pl;
	pool_init(&pl, c, o->seed);
	int rc = SR_OK;
	int done = vrp_enumerate(c, &pl, ENUM_STEPS, deadline);
	if (!done && sr_now() > deadline)
		*cut = 1;
	if (done) {
		pool_add_solution(&pl, c, best);
		double left = deadline - sr_now();
		vrp_sp_limits_t lim = {left > 0.05 ? left : 0.05, ENUM_SP_NODES, 0, 0};
		vrp_sp_result_t res;
		rc = vrp_setpart(c, &pl, best, &lim, best, &res, err);
		if (rc == SR_OK && res.proved) {
			*optimal = 1;
			*lb = best->cost;
		}
		*cut |= res.clock_cut;
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
	sisr_stats_t st; /* over all rounds */
} chain_t;

/* chain i of a round, as a task of the worker pool */
static void chain_task(void *state, size_t i, void *arg)
{
	(void)state;
	chain_t *ch = (chain_t *)arg + i;
	sisr_run(ch->c, &ch->so, &ch->sol, &ch->pool);
}

/* The default budget per chain: a pure function of the instance (never of
 * the clock or the limit), so that the same inputs and seed give the same
 * routes anywhere. An iteration ruins about ten visits, so a fixed count
 * explores a large instance far less per visit than a small one: the
 * budget keeps AUTO_SMALL / (80 + visits) iterations up to about 263
 * visits (an iteration costs about 0.05 us x (80 + visits)) and then
 * grows by AUTO_SLOPE per visit beyond AUTO_KNEE, up to AUTO_MAX_GROW
 * (reached at 370 visits), so that each visit is ruined thousands of
 * times per chain (HGS-CVRP and FILO likewise give a large instance more
 * work: HGS counts iterations without improvement, FILO scales its
 * iterations with the instance). The slope is where the work pays per
 * CPU-second (12 instances of the shared X half, seed 1, 2026-12-05, mean
 * gap at 1x / 2x / 4x the previous 360 x visits): 301-600 customers 1.23 /
 * 1.04 / 0.80 %, over 600 0.83 / 0.75 / 0.57 %; then twice the slope
 * (5,760 instead of 2,880 per visit, the same cap: twice the work at
 * 280-370 visits, 1.0-2.0x at 264-494, medians of 3 seeds on the whole X
 * half, 2026-12-05) took 301-600 customers from 0.77 to 0.68 % and
 * left up to 300 as it was (0.45 %, five instances changed, +-0.26 each
 * way); up to 300 customers even
 * 1.5-3.4x the iterations gained nothing (0.36 -> 0.38 %). Two long chains by default
 * rather than many short ones: at equal total iterations on 12 instances
 * of the shared X half (2026-12-05), 8 chains gave a mean gap of 1.28 %,
 * 2 chains 0.85 %, 1 chain 0.75 % (simulated annealing gains from a slow
 * cooling; restarting all 8 chains from the best every 1/16 or 1/64 of the
 * schedule, one cooling across the epochs, gave 1.43 % and 1.56 %). */
#define AUTO_SMALL 36e6
#define AUTO_SLOPE 5760.0
#define AUTO_KNEE 245
#define AUTO_MAX_GROW 720000.0 /* beyond 370 visits the work grows linearly */
/* ... and beyond AUTO_BIG visits the iterations grow again, by AUTO_BIG_SLOPE
 * a visit (1.1x the count at 641 visits, 1.5x at 800, 2x at 1000): above
 * 600 customers the shared X half's mean gap was the highest of the three
 * bands (0.79 %), and there more iterations paid the most per CPU-second
 * (see the measurements above) */
#define AUTO_BIG 600
#define AUTO_BIG_SLOPE 1800.0
#define AUTO_MIN 9000
long vrp_heur_auto_iters(int nv)
{
	double it = AUTO_SMALL / (80.0 + nv);
	double grow = AUTO_SLOPE * (nv - AUTO_KNEE);
	if (grow > AUTO_MAX_GROW)
		grow = AUTO_MAX_GROW;
	if (nv > AUTO_BIG)
		grow += AUTO_BIG_SLOPE * (nv - AUTO_BIG);
	if (it < grow)
		it = grow;
	if (it < AUTO_MIN)
		it = AUTO_MIN;
	return (long)it;
}

/* The simplex budget of one set partitioning: enough for the LP over a
 * pool of a few thousand routes and some branching, a small share of the
 * search's work. */
static long sp_simplex_budget(const vrp_ctx_t *c)
{
	return 4000 + 20L * c->nv;
}

/* The search's state over its rounds. */
typedef struct search {
	const vrp_ctx_t *c;
	const vrp_opts_t *o;
	chain_t *ch;
	int n_ch, threads;
	int width;  /* threads per chain: the speculation of sisr.c */
	long iters; /* per chain over all rounds; <= 0: until the clock */
	long *done; /* per chain, over all rounds */
	int cut;    /* the clock cut a search or set partitioning short */
	double t0, deadline, search_end, sp_time;
	double sp_max;	     /* the longest set partitioning so far (wall s) */
	vrp_pool_t pool;     /* every route collected, for set partitioning */
	vrp_profile_t *prof; /* where the time goes (never read back) */
	double par_cpu;	     /* the calling thread's CPU in the parallel phases */
} search_t;

/* The search chains, each with its own seed derived from the run's. */
static void chains_init(search_t *S)
{
	uint64_t seed = S->o->seed;
	S->ch = xcalloc((size_t)S->n_ch, sizeof(chain_t));
	S->done = xcalloc((size_t)S->n_ch, sizeof(long));
	for (int i = 0; i < S->n_ch; i++) {
		chain_t *ch = &S->ch[i];
		ch->c = S->c;
		pool_init(&ch->pool, S->c, seed);
		ch->so.seed =
			seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull * (uint64_t)(i + 1);
		/* T0 0.3 / 0.1 instead of 1 on X-n641/766/916/1001 at the
		 * iterations 10 s gives (300,000-450,000 a chain), seeds 1-2:
		 * mean gap 1.15 / 1.43 against 1.11 %; T0 2.5 on three of them
		 * 1.16 against 1.08 % (2026-12-05): short runs on large
		 * instances keep it too */
		ch->so.t0_scale = 1.0;
		ch->so.tf_scale = 0.01;
		ch->so.pool_slack = 0.005;
		ch->so.iters_done = &ch->done;
		ch->so.width = S->width;
		ch->so.stats = &ch->st;
	}
}

static void chains_free(search_t *S)
{
	for (int i = 0; i < S->n_ch; i++) {
		wsol_free(&S->ch[i].sol);
		pool_free(&S->ch[i].pool);
	}
	free(S->ch);
	free(S->done);
}

/* After a round: the best chain solution becomes the incumbent, and every
 * route the chains collected goes into the set-partitioning pool, chain
 * by chain in index order. */
static void collect_round(search_t *S, vrp_wsol_t *best)
{
	const vrp_ctx_t *c = S->c;
	for (int i = 0; i < S->n_ch; i++) {
		chain_t *ch = &S->ch[i];
		if (ch->sol.cost < best->cost - VRP_EPS)
			wsol_copy(best, &ch->sol, c);
		pool_add_solution(&ch->pool, c, &ch->sol);
		vrp_pool_t *pl = &ch->pool;
		for (int e = 0; e < pl->ne; e++)
			pool_add(&S->pool, c, pl->seq + pl->e[e].off, pl->e[e].len, pl->e[e].dist,
				 pl->e[e].load);
		pool_free(pl);
		pool_init(pl, c, S->o->seed);
	}
}

/* Until the clock, the time kept back from the search for the last set
 * partitioning and the final local search: a tenth of the limit at
 * first, then, once a set partitioning has run, four times the longest
 * one and 5 % of the limit (the tenth was mostly left unused: at 10 s on
 * 1,000 customers set partitioning took 0.05 s a round and the local
 * search 0.08 s, and 0.86 s of the 10 went idle; with twice the longest
 * and 2 %, a machine loaded 3x over stretched the two to 0.66 s and the
 * run ended 0.19 s late, 2026-12-05). The rounds' ends move later with
 * it. */
static void time_reserve(search_t *S)
{
	if (S->iters > 0 || S->sp_max <= 0)
		return;
	double total = S->deadline - S->t0;
	double keep = 4 * S->sp_max + 0.05 * total;
	if (keep < S->sp_time)
		S->search_end = S->deadline - keep;
}

/* One round of the chains: chain 0 continues from the best so far
 * (intensify), the others from their own best (diversity). */
static void search_round(search_t *S, int round, const vrp_wsol_t *best)
{
	time_reserve(S);
	double r_end = S->t0 + (S->search_end - S->t0) * (round + 1) / N_ROUNDS;
	for (int i = 0; i < S->n_ch; i++) {
		chain_t *ch = &S->ch[i];
		if (i == 0 || round == 0)
			wsol_copy(&ch->sol, best, S->c);
		ch->so.seed += 0x2545f4914f6cdd1dull;
		ch->so.iters = S->iters > 0 ? S->iters / N_ROUNDS : 0;
		ch->so.frac0 = (double)round / N_ROUNDS;
		ch->so.frac1 = (double)(round + 1) / N_ROUNDS;
		/* with a fixed budget, rounds end by count, not by the clock:
		 * only the overall limit may cut them (and then a warning
		 * says the result may vary) */
		ch->so.deadline = S->iters > 0 ? S->search_end : r_end;
		ch->done = 0;
	}
	sr_parallel_t job = {
		.n = (size_t)S->n_ch, .threads = S->threads, .task = chain_task, .arg = S->ch};
	sr_parallel_for(&job);
	for (int i = 0; i < S->n_ch; i++) {
		S->done[i] += S->ch[i].done;
		if (S->iters > 0 && S->ch[i].done < S->iters / N_ROUNDS)
			S->cut = 1;
	}
}

/* Set partitioning after a round, within its node and simplex budgets
 * (with a fixed search budget the clock is only the overall backstop). */
static int sp_round(search_t *S, int round, vrp_wsol_t *best, sr_error_t *err)
{
	double left = S->deadline - sr_now();
	double lim = (S->iters > 0 || round + 1 == N_ROUNDS) ? left : S->sp_time / N_ROUNDS;
	if (lim > left)
		lim = left;
	if (!(lim > 0.05)) {
		S->cut = 1;
		return SR_OK;
	}
	vrp_sp_limits_t L = {lim, SP_NODES, sp_simplex_budget(S->c), SP_COLS};
	vrp_sp_result_t res;
	double before = best->cost, ts = sr_now();
	int rc = vrp_setpart(S->c, &S->pool, best, &L, best, &res, err);
	if (sr_now() - ts > S->sp_max)
		S->sp_max = sr_now() - ts;
	if (S->iters > 0)
		S->cut |= res.clock_cut;
	if (S->o->verbose) {
		long sum = 0;
		for (int i = 0; i < S->n_ch; i++)
			sum += S->ch[i].done;
		sr_info("vrp: round %d: SISR %d chains, %ld iterations, set partitioning over %d routes: %.3f -> %.3f (%s, %ld simplex iterations, %.2f s)",
			round, S->n_ch, sum, S->pool.ne, before, best->cost,
			res.proved ? "optimal" : "not proved", res.simplex, sr_now() - ts);
	}
	return rc;
}

/* The crossover between rounds (crossover.c): the population is the
 * incumbent and the chains' solutions, snapshot first so that every child
 * depends only on the round before; chain i > 0 may restart from its
 * child. Children's routes go to the pool in chain order. */
typedef struct cross_job {
	search_t *S;
	vrp_wsol_t *pop;
	char *took;
	double *cpu; /* per task, for the profile */
} cross_job_t;

static void cross_task(void *state, size_t i, void *arg)
{
	(void)state;
	cross_job_t *J = arg;
	search_t *S = J->S;
	chain_t *ch = &S->ch[i + 1];
	uint64_t seed = ch->so.seed ^ 0xd1b54a32d192ed03ull;
	double cpu0 = vrp_cpu_now();
	J->took[i + 1] = (char)vrp_cross_member(S->c, J->pop, S->n_ch, (int)i + 1, seed,
						S->search_end, &ch->sol);
	J->cpu[i] = vrp_cpu_now() - cpu0;
}

/* The parallel phase that began at k on the calling thread: its elapsed
 * time to *p; its CPU is what the threads that worked in it count. */
static void par_end(search_t *S, vrp_phase_time_t *p, vrp_clock_t k)
{
	vrp_phase_time_t own = {0, 0};
	S->par_cpu += vrp_clock_add(&own, k);
	p->wall += own.wall;
}

static void cross_round(search_t *S, vrp_wsol_t *best)
{
	const vrp_ctx_t *c = S->c;
	if (!S->o->crossover || S->n_ch < 2 || !vrp_cross_applies(c) || best->n_out > 0)
		return;
	vrp_clock_t k = vrp_clock_start();
	cross_job_t J = {S, xcalloc((size_t)S->n_ch, sizeof(vrp_wsol_t)),
			 xcalloc((size_t)S->n_ch, 1), xcalloc((size_t)S->n_ch, sizeof(double))};
	for (int i = 0; i < S->n_ch; i++)
		wsol_copy(&J.pop[i], i == 0 ? best : &S->ch[i].sol, c);
	sr_parallel_t job = {
		.n = (size_t)S->n_ch - 1, .threads = S->threads, .task = cross_task, .arg = &J};
	sr_parallel_for(&job);
	for (int i = 0; i + 1 < S->n_ch; i++)
		S->prof->crossover.cpu += J.cpu[i];
	int took = 0;
	for (int i = 1; i < S->n_ch; i++) {
		if (!J.took[i])
			continue;
		took++;
		pool_add_solution(&S->pool, c, &S->ch[i].sol);
		if (S->ch[i].sol.cost < best->cost - VRP_EPS)
			wsol_copy(best, &S->ch[i].sol, c);
	}
	if (S->o->verbose)
		sr_info("vrp: crossover: %d of %d chains restart from a child (best %.3f)", took,
			S->n_ch - 1, best->cost);
	for (int i = 0; i < S->n_ch; i++)
		wsol_free(&J.pop[i]);
	free(J.pop);
	free(J.took);
	free(J.cpu);
	par_end(S, &S->prof->crossover, k);
}

/* The speculation's counts over all chains and rounds (sisr.c): the
 * batches run, and the batches 1, 2, 4, 8 and 16 threads per chain would
 * need (iterations / batches: the speedup that width allows per chain). */
static void log_speculation(const search_t *S)
{
	sisr_stats_t t;
	memset(&t, 0, sizeof(t));
	for (int i = 0; i < S->n_ch; i++) {
		const sisr_stats_t *s = &S->ch[i].st;
		t.iters += s->iters;
		t.changes += s->changes;
		t.batches += s->batches;
		for (int p = 0; p < SISR_PROJ; p++)
			t.need[p] += s->need[p];
	}
	sr_info("vrp: speculation: %ld iterations, %ld changed the solution; %ld batches of up to %d threads per chain; batches needed with 1/2/4/8/16 threads per chain: %ld/%ld/%ld/%ld/%ld",
		t.iters, t.changes, t.batches, S->width, t.need[0], t.need[1], t.need[2], t.need[3],
		t.need[4]);
}

/* The chains' counts and times into the profile: the SISR phase's CPU is
 * what the chains' threads and their helpers counted. */
static void profile_chains(const search_t *S)
{
	vrp_profile_t *P = S->prof;
	P->n_chains = S->n_ch;
	P->width = S->width;
	for (int i = 0; i < S->n_ch; i++) {
		const sisr_stats_t *s = &S->ch[i].st;
		P->sisr.cpu += s->cpu + s->helper_cpu;
		if (i < VRP_PROF_CHAINS)
			P->chain[i] = *s;
	}
}

/* Rounds of search and set partitioning, each restarting the chains. */
static int run_search(search_t *S, vrp_wsol_t *best, sr_error_t *err)
{
	const vrp_opts_t *o = S->o;
	double total = S->deadline - S->t0;
	S->sp_time = total * 0.1 < 20 ? total * 0.1 : 20;
	S->search_end = S->deadline - S->sp_time;
	S->iters = o->max_iters > 0    ? o->max_iters
		   : o->max_iters == 0 ? vrp_heur_auto_iters(S->c->nv)
				       : 0;
	int chains = o->chains > 0 ? o->chains : 1;
	S->threads = sr_threads(o->threads, (size_t)chains);
	/* until the clock, every chain needs a thread of its own */
	S->n_ch = S->iters > 0 ? chains : S->threads;
	/* the threads beyond one per chain compute each chain's iterations
	 * ahead (sisr.c): the same routes, sooner */
	S->width = sr_threads(o->threads, 0) / S->n_ch;
	if (S->width < 1)
		S->width = 1;
	chains_init(S);
	pool_init(&S->pool, S->c, o->seed);
	pool_add_solution(&S->pool, S->c, best);
	int rc = SR_OK;
	for (int round = 0; round < N_ROUNDS && rc == SR_OK; round++) {
		vrp_clock_t k = vrp_clock_start();
		search_round(S, round, best);
		par_end(S, &S->prof->sisr, k);
		k = vrp_clock_start();
		collect_round(S, best);
		vrp_clock_add(&S->prof->collect, k);
		k = vrp_clock_start();
		rc = sp_round(S, round, best, err);
		vrp_clock_add(&S->prof->setpart, k);
		if (round + 1 < N_ROUNDS)
			cross_round(S, best);
	}
	profile_chains(S);
	if (S->cut && S->iters > 0) {
		long sum = 0;
		for (int i = 0; i < S->n_ch; i++)
			sum += S->done[i];
		sr_warn(_("vrp: the time limit cut the search short (%ld of %ld iterations, or set partitioning); the result may depend on the machine"),
			sum, S->iters / N_ROUNDS * N_ROUNDS * S->n_ch);
	}
	if (o->verbose)
		log_speculation(S);
	chains_free(S);
	pool_free(&S->pool);
	return rc;
}

/* The search after the start (rounds, then the final local search). */
static int search_and_polish(search_t *S, vrp_wsol_t *best, sr_error_t *err)
{
	int rc = run_search(S, best, err);
	if (rc == SR_OK) {
		vrp_clock_t k = vrp_clock_start();
		vrp_local_search(S->c, best, S->deadline);
		vrp_clock_add(&S->prof->local_search, k);
	}
	return rc;
}

int vrp_heur_solve(const vrp_ctx_t *c, const vrp_opts_t *o, double deadline, vrp_wsol_t *best,
		   int *optimal, double *lb, vrp_profile_t *prof, sr_error_t *err)
{
	int rc = SR_OK;
	vrp_profile_t own;
	if (!prof) {
		memset(&own, 0, sizeof(own));
		prof = &own;
	}
	vrp_clock_t k0 = vrp_clock_start();
	double t0 = k0.wall;
	search_t S;
	memset(&S, 0, sizeof(S));
	*optimal = 0;
	*lb = -INFINITY;
	vrp_savings(c, best);
	vrp_local_search(c, best, deadline);
	if (c->nv <= 12) {
		int cut = 0;
		rc = solve_by_enumeration(c, o, deadline, best, optimal, lb, &cut, err);
		if (cut)
			sr_warn(_(
				"vrp: the time limit cut the enumeration of every route short; the result may depend on the machine"));
	}
	vrp_clock_add(&prof->start, k0);
	if (rc == SR_OK && !*optimal && c->nv >= 2) {
		S.c = c;
		S.o = o;
		S.t0 = t0;
		S.deadline = deadline;
		S.prof = prof;
		rc = search_and_polish(&S, best, err);
	}
	/* the rest: this thread's CPU outside the phases above */
	double acc = prof->start.cpu + prof->collect.cpu + prof->setpart.cpu +
		     prof->local_search.cpu + S.par_cpu;
	prof->rest.cpu += vrp_cpu_now() - k0.cpu - acc;
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
		o.chains = 2;
		o.max_iters = iters;
		int optimal;
		double lb;
		sr_error_t err;
		ok = c.nv == 0 ||
		     vrp_heur_solve(&c, &o, deadline, &s, &optimal, &lb, NULL, &err) == SR_OK;
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
