/*
 * run.c - one run: freeing, deep copying and moving its stop times (see
 * run.h).
 */
#include <stdlib.h>
#include <string.h>
#include "plan/run.h"

void plan_run_clear(plan_run_t *r)
{
	free(r->id);
	free(r->stops);
	free(r->shape_lat);
	free(r->shape_lon);
	memset(r, 0, sizeof(*r));
}

void plan_run_copy(plan_run_t *d, const plan_run_t *s)
{
	*d = *s;
	d->id = s->id ? xstrdup(s->id) : NULL;
	d->stops = xreallocarray(NULL, (size_t)(s->n_stops ? s->n_stops : 1), sizeof(plan_stop_t));
	if (s->n_stops) /* a run read back from plan.json may have no stops or shape yet */
		memcpy(d->stops, s->stops, (size_t)s->n_stops * sizeof(plan_stop_t));
	size_t ns = s->n_shape ? s->n_shape : 1;
	d->shape_lat = xreallocarray(NULL, ns, sizeof(double));
	d->shape_lon = xreallocarray(NULL, ns, sizeof(double));
	if (s->n_shape) {
		memcpy(d->shape_lat, s->shape_lat, s->n_shape * sizeof(double));
		memcpy(d->shape_lon, s->shape_lon, s->n_shape * sizeof(double));
	}
}

void plan_run_shift(plan_run_t *r, int delta)
{
	for (int i = 0; i < r->n_stops; i++) {
		r->stops[i].arrival_s += delta;
		r->stops[i].departure_s += delta;
	}
}

int plan_run_same(const plan_run_t *a, const plan_run_t *b)
{
	if (a->session != b->session || a->dir != b->dir || a->n_stops != b->n_stops ||
	    a->children != b->children)
		return 0;
	for (int i = 0; i < a->n_stops; i++) {
		const plan_stop_t *x = &a->stops[i], *y = &b->stops[i];
		if (x->point != y->point || x->arrival_s != y->arrival_s ||
		    x->departure_s != y->departure_s || x->board != y->board ||
		    x->alight != y->alight)
			return 0;
	}
	return 1;
}

void plan_pattern_clear(plan_pattern_t *pat)
{
	for (int i = 0; i < pat->n_runs; i++)
		plan_run_clear(&pat->runs[i]);
	free(pat->runs);
	for (int d = 0; d < pat->n_duties; d++) {
		free(pat->duties[d].runs);
		free(pat->duties[d].gaps);
	}
	free(pat->duties);
	pat->runs = NULL;
	pat->duties = NULL;
	pat->n_runs = pat->n_duties = 0;
}

int plan_n_origins(const sr_plan_t *p)
{
	int n = 0;
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++)
			if (p->patterns[k].runs[i].origin >= n)
				n = p->patterns[k].runs[i].origin + 1;
	return n;
}

void plan_pattern_copy(plan_pattern_t *dst, const plan_pattern_t *src)
{
	*dst = *src;
	dst->runs = xcalloc((size_t)src->n_runs + 1, sizeof(plan_run_t));
	for (int i = 0; i < src->n_runs; i++)
		plan_run_copy(&dst->runs[i], &src->runs[i]);
	dst->duties = xcalloc((size_t)src->n_duties + 1, sizeof(plan_duty_t));
	for (int d = 0; d < src->n_duties; d++) {
		const plan_duty_t *s = &src->duties[d];
		plan_duty_t *x = &dst->duties[d];
		*x = *s;
		x->runs = xcalloc((size_t)s->n_runs + 1, sizeof(int));
		memcpy(x->runs, s->runs, (size_t)s->n_runs * sizeof(int));
		x->gaps = xcalloc((size_t)s->n_runs + 1, sizeof(plan_gap_t));
		if (s->gaps && s->n_runs > 1)
			memcpy(x->gaps, s->gaps, (size_t)(s->n_runs - 1) * sizeof(plan_gap_t));
	}
}

int plan_run_carries(const plan_run_t *r, int session, int point)
{
	for (int q = 0; q < r->n_stops; q++)
		if (r->stops[q].point == point && r->stops[q].session == session &&
		    r->stops[q].board + r->stops[q].alight > 0 && !plan_stop_is_dest(r, q))
			return 1;
	return 0;
}
