/* test_vrp_budget.c - the default search budget (vrp_heur_auto_iters,
 * src/vrp/heur.c) follows the rule the README states, recomputed here
 * piece by piece: 36,000,000 / (80 + visits) iterations per chain, or
 * 5,760 x (visits - 245) when that is more (at most 720,000, then
 * 1,800 more per visit beyond 600), never under 9,000;
 * and its consequences: the work (iterations x (80 + visits), what an
 * iteration costs) never falls as the instance grows, and every visit of
 * an instance up to 1,000 visits is ruined (about ten per iteration) at
 * least 3,000 times per chain. */
#include <math.h>
#include "testutil.h"
#include "vrp/heur.h"

/* The README's rule, by cases. */
static long rule(int nv)
{
	long small = (long)floor(36000000.0 / (80 + nv));
	long grow = 5760L * (nv - 245);
	if (grow > 720000)
		grow = 720000;
	if (nv > 600)
		grow += 1800L * (nv - 600);
	long it = small > grow ? small : grow;
	return it < 9000 ? 9000 : it;
}

int main(void)
{
	double prev_work = 0;
	int bad = 0;
	for (int nv = 1; nv <= 20000 && bad < 5; nv++) {
		long it = vrp_heur_auto_iters(nv);
		if (it != rule(nv)) {
			CHECK_MSG(0, "nv %d: %ld iterations, the rule gives %ld", nv, it, rule(nv));
			bad++;
		}
		double work = (double)it * (80 + nv);
		if (work < prev_work - 1e-9 * prev_work - 100.0 * (80 + nv)) {
			CHECK_MSG(0, "nv %d: less work (%g) than for nv - 1 (%g)", nv, work,
				  prev_work);
			bad++;
		}
		prev_work = work;
		if (nv <= 1000 && (double)it * 10.0 / nv < 3000) {
			CHECK_MSG(0, "nv %d: each visit ruined only %.0f times", nv,
				  (double)it * 10.0 / nv);
			bad++;
		}
	}
	/* the points the README names */
	CHECK(vrp_heur_auto_iters(100) == 200000);
	CHECK(vrp_heur_auto_iters(263) == 104956);
	CHECK(vrp_heur_auto_iters(264) == 109440);
	CHECK(vrp_heur_auto_iters(300) == 316800);
	CHECK(vrp_heur_auto_iters(369) == 714240);
	CHECK(vrp_heur_auto_iters(370) == 720000);
	CHECK(vrp_heur_auto_iters(495) == 720000);
	CHECK(vrp_heur_auto_iters(600) == 720000);
	CHECK(vrp_heur_auto_iters(800) == 1080000);
	CHECK(vrp_heur_auto_iters(1000) == 1440000);
	CHECK(vrp_heur_auto_iters(5000) == 8640000);
	return test_summary();
}
