/*
 * legs.c - whole round trips. Families need a child brought home whenever
 * it was taken: the two legs of a group are one decision. For each session
 * and pickup, with B children needing both legs, T the trip to the session
 * only and F the trip home only (riders.csv `direction`), and t, h the
 * children the runs take there and back, at most b = min(B, t, h) round
 * trips are whole; children taken beyond b + T (brought home beyond b + F)
 * would ride one way only and are taken off their runs. The same counts
 * give the children left out: B + T + F - (t + h - b).
 */
#include <stdlib.h>
#include <string.h>
#include "plan/legs.h"
#include "plan/run.h"
#include "plan/timing.h"

/* Children of session si at point pt by the legs they need (index
 * plan_legs_t), and the first riders.csv line of the round-trip rows. */
static void needs(const sr_plan_t *p, int si, int pt, int need[3], long *line)
{
	memset(need, 0, 3 * sizeof(int));
	*line = 0;
	for (int r = 0; r < p->n_riders; r++) {
		const plan_rider_t *rd = &p->riders[r];
		if (rd->session != si || rd->pickup != pt || rd->children <= 0)
			continue;
		need[rd->legs] += rd->children;
		if (!*line && (rd->legs == PLAN_LEGS_BOTH || !need[PLAN_LEGS_BOTH]))
			*line = rd->line;
	}
}

/* Children of session si boarding (to) or alighting (home) at pt on the
 * runs (absent ones left out). */
static void carried(const plan_run_t *runs, int n, const unsigned char *absent, int si, int pt,
		    int got[2])
{
	got[0] = got[1] = 0;
	for (int i = 0; i < n; i++) {
		const plan_run_t *r = &runs[i];
		if (absent && absent[i])
			continue;
		for (int k = 0; k < r->n_stops; k++)
			if (r->stops[k].point == pt && r->stops[k].session == si &&
			    !plan_stop_is_dest(r, k))
				got[r->dir] += r->dir == PLAN_TO_SESSION ? r->stops[k].board
									 : r->stops[k].alight;
	}
}

/* Takes up to `kids` children of session si at pickup pt off run r;
 * returns how many. Stops where nobody gets on or off any more go (a
 * mixed run left with one session's children is a run of that session). */
static int take_off(plan_run_t *r, int si, int pt, int kids)
{
	int taken = 0, to = r->dir == PLAN_TO_SESSION;
	for (int k = 0; k < r->n_stops && taken < kids; k++) {
		plan_stop_t *x = &r->stops[k];
		int *on = to ? &x->board : &x->alight;
		if (x->point != pt || x->session != si || *on <= 0 || plan_stop_is_dest(r, k))
			continue;
		int m = *on < kids - taken ? *on : kids - taken;
		*on -= m;
		taken += m;
	}
	if (!taken)
		return 0;
	r->children -= taken;
	for (int k = 0; k < r->n_stops; k++)
		if (plan_stop_is_dest(r, k) && r->stops[k].session == si) {
			*(to ? &r->stops[k].alight : &r->stops[k].board) -= taken;
			break;
		}
	int m = 0, last = r->n_stops - 1;
	for (int k = 0; k < r->n_stops; k++) {
		const plan_stop_t *x = &r->stops[k];
		/* a run left empty keeps its destination for the caller to drop */
		if (x->board > 0 || x->alight > 0 || (r->children <= 0 && k == (to ? last : 0)))
			r->stops[m++] = *x;
	}
	r->n_stops = m;
	r->session = r->stops[to ? m - 1 : 0].session;
	for (int k = 0; to && k < m; k++)
		if (r->stops[k].alight > 0) { /* the first destination */
			r->session = r->stops[k].session;
			break;
		}
	return taken;
}

/* Of the children the runs carry of session si at pt way dir, those that
 * are rider q's (a half of a row that brings its children home elsewhere):
 * the point's own riders first, then its halves in file order. */
static int half_share(const sr_plan_t *p, const plan_run_t *runs, int n,
		      const unsigned char *absent, int q, int dir)
{
	const plan_rider_t *rd = &p->riders[q];
	int got[2], own = 0;
	carried(runs, n, absent, rd->session, rd->pickup, got);
	for (int e = 0; e < p->n_riders; e++) {
		const plan_rider_t *x = &p->riders[e];
		if (x->session == rd->session && x->pickup == rd->pickup && !x->pair_of &&
		    plan_legs_has(x->legs, dir))
			own += x->children;
	}
	int left = got[dir] - (own < got[dir] ? own : got[dir]);
	for (int e = 0; e < q && left > 0; e++) {
		const plan_rider_t *x = &p->riders[e];
		if (x->session == rd->session && x->pickup == rd->pickup && x->pair_of &&
		    plan_legs_has(x->legs, dir))
			left -= x->children < left ? x->children : left;
	}
	return rd->children < left ? rd->children : left;
}

/* A row that brings its children home elsewhere (riders.csv `home`): a
 * child is taken from school only when brought home to its village, and
 * brought home only when taken; the half carried more is cut down to the
 * other (take_off), what it loses listed unserved. Every row's share is
 * read before any is cut: the rows of one school share its stop's count
 * in row order, and a cut made for one row would otherwise be read as
 * another's (the school's 10 for Назарово's 6 and Липки's 4, Назарово's
 * 6 cut: the 4 left were read as Назарово's and Липки's 4 cut too).
 * Returns the children taken off. */
static int pairs_balance(sr_plan_t *p, plan_run_t *runs, int n, const unsigned char *absent,
			 unsigned char *touched, uint8_t days)
{
	int total = 0, (*share)[2] = xcalloc((size_t)p->n_riders + 1, sizeof(*share));
	for (int q = 0; q < p->n_riders; q++) {
		const plan_rider_t *a = &p->riders[q];
		if (!a->pair_of || a->legs != PLAN_LEG_TO)
			continue;
		share[q][PLAN_TO_SESSION] = half_share(p, runs, n, absent, q, PLAN_TO_SESSION);
		share[q][PLAN_HOME] = half_share(p, runs, n, absent, a->pair_of - 1, PLAN_HOME);
	}
	for (int q = 0; q < p->n_riders; q++) {
		const plan_rider_t *a = &p->riders[q];
		if (!a->pair_of || a->legs != PLAN_LEG_TO)
			continue;
		const plan_rider_t *b = &p->riders[a->pair_of - 1];
		const int *got = share[q];
		for (int dir = 0; dir < 2; dir++) {
			int extra = got[dir] - got[!dir], left = extra;
			const plan_rider_t *h = dir == PLAN_TO_SESSION ? a : b;
			for (int i = n - 1; i >= 0 && left > 0; i--) {
				plan_run_t *r = &runs[i];
				if ((absent && absent[i]) || !plan_run_has_session(r, h->session) ||
				    r->dir != dir)
					continue;
				int t = take_off(r, h->session, h->pickup, left);
				left -= t;
				touched[i] |= t > 0;
			}
			if (extra <= 0)
				continue;
			plan_add_unserved(p, h->line, h->pickup, h->session, dir, extra - left,
					  days, "other_leg",
					  dir == PLAN_TO_SESSION ? WHY_PAIR_TO : WHY_PAIR_HOME);
			total += extra - left;
		}
	}
	free(share);
	return total;
}

int plan_legs_balance(plan_ctx_t *c, plan_run_t *runs, int n, const unsigned char *absent,
		      uint8_t days, int pairs, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	int total = 0;
	unsigned char *touched = xcalloc((size_t)n + 1, 1);
	for (int q = 0; q < p->n_riders; q++) {
		const plan_rider_t *rd = &p->riders[q];
		int dup = 0; /* each session and pickup once */
		for (int e = 0; e < q && !dup; e++)
			dup = p->riders[e].session == rd->session &&
			      p->riders[e].pickup == rd->pickup;
		if (dup)
			continue;
		int need[3], got[2];
		long line;
		needs(p, rd->session, rd->pickup, need, &line);
		carried(runs, n, absent, rd->session, rd->pickup, got);
		int b = need[PLAN_LEGS_BOTH];
		b = got[0] < b ? got[0] : b;
		b = got[1] < b ? got[1] : b;
		int extra[2] = {got[0] - b - need[PLAN_LEG_TO], got[1] - b - need[PLAN_LEG_HOME]};
		for (int dir = 0; dir < 2; dir++) {
			if (extra[dir] <= 0)
				continue;
			int left = extra[dir];
			for (int i = n - 1; i >= 0 && left > 0; i--) {
				plan_run_t *r = &runs[i];
				if ((absent && absent[i]) ||
				    !plan_run_has_session(r, rd->session) || r->dir != dir)
					continue;
				int t = take_off(r, rd->session, rd->pickup, left);
				left -= t;
				touched[i] |= t > 0;
			}
			plan_add_unserved(p, line, rd->pickup, rd->session, dir, extra[dir] - left,
					  days, "other_leg",
					  dir == PLAN_TO_SESSION ? WHY_OTHER_TO : WHY_OTHER_HOME);
			total += extra[dir] - left;
		}
	}
	if (pairs)
		total += pairs_balance(p, runs, n, absent, touched, days);
	int rc = SR_OK;
	for (int i = 0; i < n && !rc; i++) {
		plan_run_t *r = &runs[i];
		if (!touched[i] || r->children <= 0)
			continue;
		r->origin = -1; /* no longer the run of the other days */
		plan_run_time(c, r);
		plan_run_shift(r, r->dir == PLAN_TO_SESSION ? -r->shift_s : r->shift_s);
		if (r->n_shape)
			rc = plan_run_shape(c, r, err);
	}
	free(touched);
	return rc ? -1 : total;
}

/* Whether rider e is the home half of a row that brings its children home
 * elsewhere, of session si, coming home to pt. */
static int is_home_half(const sr_plan_t *p, int e, int si, int pt)
{
	const plan_rider_t *x = &p->riders[e];
	return x->pair_of && x->legs == PLAN_LEG_HOME && x->session == si && x->pickup == pt;
}

void plan_legs_count(sr_plan_t *p)
{
	p->unserved_children = p->unserved_groups = 0;
	for (int q = 0; q < p->n_riders; q++) {
		const plan_rider_t *rd = &p->riders[q];
		/* a session held at other times on some days is one group of
		 * children: the most left out on any day of any of its parts */
		int fam = plan_session_family(p->sessions, rd->session), dup = 0;
		for (int e = 0; e < q && !dup; e++)
			dup = plan_session_family(p->sessions, p->riders[e].session) == fam &&
			      p->riders[e].pickup == rd->pickup;
		if (dup)
			continue;
		int worst = 0;
		for (int d = 0; d < 7; d++) {
			int s = -1;
			for (int i = 0; i < p->n_sessions && s < 0; i++)
				if (plan_session_family(p->sessions, i) == fam &&
				    (p->sessions[i].days & (1u << d)))
					s = i;
			if (s < 0)
				continue;
			int need[3];
			long line;
			needs(p, s, rd->pickup, need, &line);
			int got[2] = {0, 0};
			for (int k = 0; k < p->n_patterns; k++) {
				const plan_pattern_t *pat = &p->patterns[k];
				if (!(pat->days & (1u << d)))
					continue;
				int g[2];
				carried(pat->runs, pat->n_runs, NULL, s, rd->pickup, g);
				got[0] += g[0];
				got[1] += g[1];
				/* a row that brings its children home elsewhere is
				 * counted where they board: its home half left out */
				for (int e = 0; e < p->n_riders; e++)
					if (is_home_half(p, e, s, rd->pickup))
						got[1] -= half_share(p, pat->runs, pat->n_runs,
								     NULL, e, PLAN_HOME);
			}
			for (int e = 0; e < p->n_riders; e++)
				if (is_home_half(p, e, s, rd->pickup))
					need[PLAN_LEG_HOME] -= p->riders[e].children;
			int all = need[0] + need[1] + need[2];
			int b = need[PLAN_LEGS_BOTH];
			b = got[0] < b ? got[0] : b;
			b = got[1] < b ? got[1] : b;
			int left = all - (got[0] + got[1] - b);
			worst = left > worst ? left : worst;
		}
		p->unserved_children += worst;
		p->unserved_groups += worst > 0;
	}
}
