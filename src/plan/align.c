/*
 * align.c - one time all week for a run that repeats (issue 10): a
 * session that repeats on several days should get the same runs with the
 * same times each day, so that families learn one time. The chaining of
 * each day pattern may use a run's window (arrive earlier, leave home
 * later) on one pattern and not on another: the kindergarten's home run
 * leaves at 17:00 on Mon/Wed, where the buses are short, and at 16:35 on
 * the other days. After the week is planned, each repeating run is moved
 * on the patterns where its time differs to the time it has on others,
 * where its bus's day there still holds (the gaps to the runs before and
 * after it, the depot legs, the driver's rules: week.c's check): the time
 * taken is the one that puts the run at one time on the most days (ties:
 * the smaller window used). Buses, km and children's rides do not change;
 * only waiting moves within the session's window. The idea is the
 * "timetable regularity" of crew and vehicle scheduling for repeated
 * days (e.g. Kéri & Haase, "Simultaneous vehicle and crew scheduling with
 * trip shifting", OR Proceedings 2007: shifting trips within windows
 * while keeping a regular timetable).
 */
#include <stdlib.h>
#include "plan/align.h"
#include "plan/hours.h"
#include "plan/run.h"
#include "plan/week.h"
#include "plan/windows.h"
#include "util/i18n.h"

/* The duty of pattern pat doing run i, or NULL. */
static plan_duty_t *duty_of(plan_pattern_t *pat, int i)
{
	for (int d = 0; d < pat->n_duties; d++)
		for (int k = 0; k < pat->duties[d].n_runs; k++)
			if (pat->duties[d].runs[k] == i)
				return &pat->duties[d];
	return NULL;
}

/* Whether duty du's runs follow one another with the drive between them,
 * in its order, and none falls into the night. */
static int in_order(const plan_ctx_t *c, const plan_pattern_t *pat, const plan_duty_t *du)
{
	for (int k = 0; k < du->n_runs; k++) {
		const plan_run_t *r = &pat->runs[du->runs[k]];
		if (plan_run_at_night(r))
			return 0;
		if (k + 1 < du->n_runs) {
			const plan_run_t *s = &pat->runs[du->runs[k + 1]];
			int a = r->stops[r->n_stops - 1].point, b = s->stops[0].point;
			if (plan_run_end(r) + (int)plan_tt(c, a, b) > plan_run_start(s))
				return 0;
		}
	}
	return 1;
}

/* Whether run i of pat could be at window use v (shift_s) with its bus's
 * day still holding; the run is left as it was. */
static int can_move(const plan_ctx_t *c, plan_pattern_t *pat, int i, int v)
{
	plan_run_t *r = &pat->runs[i];
	plan_duty_t *du = duty_of(pat, i);
	if (!du || r->shift_s == v)
		return du != NULL;
	int d = v - r->shift_s;
	plan_run_move(r, d);
	int ok = in_order(c, pat, du) && plan_week_fits(c, pat, du, du->bus);
	plan_run_move(r, -d);
	return ok;
}

/* Puts run i of pat at window use v, which can_move allowed, and fills its
 * bus's day again. */
static void move_to(const plan_ctx_t *c, plan_pattern_t *pat, int i, int v)
{
	plan_run_t *r = &pat->runs[i];
	plan_run_move(r, v - r->shift_s);
	plan_hours_fill(c, pat, duty_of(pat, i));
}

/* The copies of one origin: pattern and run index. */
typedef struct copy {
	int k, i;
} copy_t;

/* Copies of origin o into cp (one per pattern; 0 when a pattern has two,
 * or a copy is a mixed run). */
static int copies(const sr_plan_t *p, int o, copy_t *cp)
{
	int n = 0;
	for (int k = 0; k < p->n_patterns; k++) {
		int seen = 0;
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			const plan_run_t *r = &p->patterns[k].runs[i];
			if (r->origin != o)
				continue;
			if (seen++ || plan_run_is_mixed(r))
				return 0;
			cp[n++] = (copy_t){k, i};
		}
	}
	return n;
}

/* Origin o's copies at one window use: the use that the most days can
 * have (ties: the smaller), tried copy by copy; returns the copies moved. */
static int align_origin(plan_ctx_t *c, int o, copy_t *cp)
{
	sr_plan_t *p = c->p;
	int n = copies(p, o, cp), best_v = 0, best_n = 0, moved = 0;
	for (int a = 0; a < n; a++) {
		int v = p->patterns[cp[a].k].runs[cp[a].i].shift_s, can = 0;
		for (int b = 0; b < n; b++)
			can += can_move(c, &p->patterns[cp[b].k], cp[b].i, v) *
			       __builtin_popcount(p->patterns[cp[b].k].days);
		if (can > best_n || (can == best_n && v < best_v)) {
			best_n = can;
			best_v = v;
		}
	}
	for (int b = 0; b < n && best_n > 1; b++) {
		plan_pattern_t *pat = &p->patterns[cp[b].k];
		if (pat->runs[cp[b].i].shift_s != best_v && can_move(c, pat, cp[b].i, best_v)) {
			move_to(c, pat, cp[b].i, best_v);
			moved++;
		}
	}
	return moved;
}

/* Every origin but the fixed ones (NULL: none) aligned. */
static void align_all(plan_ctx_t *c, const unsigned char *fixed)
{
	sr_plan_t *p = c->p;
	if (p->n_patterns < 2 || getenv("SR_TEST_NO_ALIGN")) /* tests: without */
		return;
	int n_org = plan_n_origins(p), moved = 0;
	copy_t *cp = xcalloc((size_t)p->n_patterns + 1, sizeof(copy_t));
	for (int o = 0; o < n_org; o++)
		if (!fixed || !fixed[o])
			moved += align_origin(c, o, cp);
	free(cp);
	if (moved)
		sr_info(_n("plan: %d run moved within its window to the time it has on other days",
			   "plan: %d runs moved within their windows to the time they have on other "
			   "days",
			   moved),
			moved);
}

void plan_align_times(plan_ctx_t *c)
{
	if (!c->keep)
		align_all(c, NULL);
}

void plan_align_new_runs(plan_ctx_t *c, const unsigned char *fixed)
{
	align_all(c, fixed);
}
