/*
 * hints.c - hints worth a bus: when moving a session's start by up to 30
 * minutes, or letting its home runs leave at the end of the late window,
 * would let fewer buses do a day pattern, summary.txt says which session,
 * which days and how many buses. Computed, not guessed: the pattern's runs
 * (as planned) are chained again (chain_solve: fewest buses, proved) once
 * as they are and once with that session's runs moved; a hint is kept
 * only when both are proved optimal and the move needs fewer buses. The
 * moves tried: -30, -15, +15, +30 min, and the late window, for the
 * sessions with a run at the busiest moment of the pattern (the most runs
 * under way at once: a bus is saved where the day is tightest; the
 * chaining of the whole pattern decides). Moved runs that would fall into
 * the night hours are not tried.
 */
#include <stdlib.h>
#include <string.h>
#include "plan/keep.h"
#include "plan/run.h"
#include "plan/timing.h"

static const int moves_min[] = {-30, -15, 15, 30};
#define N_MOVES ((int)(sizeof moves_min / sizeof moves_min[0]))

/* Fewest buses for the runs of pat, those of session si moved by dt
 * seconds (home runs only when home_only); -1 when not proved or not
 * all covered or a moved run falls into the night. */
static int buses_for(plan_ctx_t *c, const plan_pattern_t *pat, int si, int dt, int home_only,
		     const unsigned char *all)
{
	int n = pat->n_runs, night = 0;
	int *idx = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++) {
		plan_run_t *r = &pat->runs[i];
		idx[i] = i;
		if (r->session == si && (!home_only || r->dir == PLAN_HOME)) {
			plan_run_shift(r, dt);
			night |= plan_run_at_night(r);
		}
	}
	chain_solution_t sol;
	sr_error_t e;
	sr_error_clear(&e);
	int got = -1;
	if (!night && plan_chain_runs(c, pat->runs, idx, n, all, &sol, &e) == SR_OK) {
		if (sol.optimal && !sol.n_uncovered)
			got = sol.n_duties;
		chain_solution_free(&sol);
	}
	for (int i = 0; i < n; i++) {
		plan_run_t *r = &pat->runs[i];
		if (r->session == si && (!home_only || r->dir == PLAN_HOME))
			plan_run_shift(r, -dt);
	}
	free(idx);
	return got;
}

static void add_hint(sr_plan_t *p, plan_hint_t h)
{
	p->hints = xreallocarray(p->hints, (size_t)p->n_hints + 1, sizeof(plan_hint_t));
	p->hints[p->n_hints++] = h;
}

/* The best move of session si on pattern pat (base: buses as it is). */
static void session_hint(plan_ctx_t *c, const plan_pattern_t *pat, int si, int base,
			 const unsigned char *all)
{
	int late_s = plan_session_window_s(c->p, si, PLAN_HOME);
	plan_hint_t best = {.session = si, .days = pat->days};
	for (int m = 0; m <= N_MOVES; m++) {
		int late = m == N_MOVES;
		if (late && late_s <= 0)
			continue;
		int dt = late ? late_s : moves_min[m] * 60;
		int got = buses_for(c, (plan_pattern_t *)pat, si, dt, late, all);
		int saved = got >= 0 ? base - got : 0;
		int closer = !late && !best.late && abs(moves_min[m]) < abs(best.move_min);
		if (saved > best.saved || (saved > 0 && saved == best.saved && closer)) {
			best.saved = saved;
			best.late = late;
			best.move_min = late ? 0 : moves_min[m];
		}
	}
	if (best.saved > 0)
		add_hint(c->p, best);
}

/* Whether session si has a run under way at the busiest moment of pat
 * (a run start where the most runs are under way at once). */
static int at_peak(const plan_pattern_t *pat, int si)
{
	int peak = 0, hit = 0;
	for (int i = 0; i < pat->n_runs; i++) {
		int t = plan_run_start(&pat->runs[i]), n = 0, mine = 0;
		for (int j = 0; j < pat->n_runs; j++) {
			const plan_run_t *r = &pat->runs[j];
			if (plan_run_start(r) <= t && t < plan_run_end(r)) {
				n++;
				mine |= r->session == si;
			}
		}
		if (n > peak)
			hit = 0;
		if (n >= peak) {
			peak = n;
			hit |= mine;
		}
	}
	return hit;
}

void plan_hints(plan_ctx_t *c)
{
	sr_plan_t *p = c->p;
	unsigned char *all = xcalloc((size_t)p->n_buses + 1, 1);
	memset(all, 1, (size_t)p->n_buses);
	for (int k = 0; k < p->n_patterns; k++) {
		plan_pattern_t *pat = &p->patterns[k];
		int base = buses_for(c, pat, -1, 0, 0, all);
		if (base <= 1)
			continue;
		for (int si = 0; si < p->n_sessions; si++) {
			if (at_peak(pat, si))
				session_hint(c, pat, si, base, all);
		}
	}
	free(all);
}
