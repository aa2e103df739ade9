/*
 * timing.c - stop times and road shape of a run. Timing follows the school bus routing
 * literature's "latest arrival" convention (Park & Kim, "The school bus
 * routing problem: a review", EJOR 2010, section on time windows): a
 * to-session run arrives at exactly start - arrival buffer, and its stop
 * times are computed backwards, so a bus never waits with children on
 * board; a home run leaves at end + departure buffer and runs forward.
 */
#include <math.h>
#include <stdlib.h>
#include "schoolrun/matrix.h"
#include "plan/timing.h"

int plan_run_shape(const plan_ctx_t *c, plan_run_t *r, sr_error_t *err)
{
	size_t cap = 0;
	free(r->shape_lat);
	free(r->shape_lon);
	r->shape_lat = r->shape_lon = NULL;
	r->n_shape = 0;
	for (int i = 0; i + 1 < r->n_stops; i++) {
		int a = r->stops[i].point, b = r->stops[i + 1].point;
		if (a == b)
			continue;
		double *lat = NULL, *lon = NULL;
		size_t n = 0;
		int rc = mat_path(c->net, &c->snaps[a], &c->snaps[b], &lat, &lon, &n, NULL, NULL,
				  err);
		if (rc)
			return rc;
		size_t skip = r->n_shape > 0 && n > 0 ? 1 : 0;
		if (cap < r->n_shape + n) {
			size_t old = cap;
			sr_grow(&r->shape_lat, &old, r->n_shape + n, sizeof(double));
			sr_grow(&r->shape_lon, &cap, r->n_shape + n, sizeof(double));
		}
		for (size_t k = skip; k < n; k++) {
			r->shape_lat[r->n_shape] = lat[k];
			r->shape_lon[r->n_shape++] = lon[k];
		}
		free(lat);
		free(lon);
	}
	return SR_OK;
}

int plan_dwell_s(const plan_settings_t *s, int children)
{
	return (int)lround(s->dwell_base_s + s->dwell_per_child_s * children);
}

void plan_run_time(const plan_ctx_t *c, plan_run_t *r)
{
	const plan_settings_t *st = &c->p->settings;
	const plan_session_t *s = &c->p->sessions[r->session];
	r->meters = 0;
	for (int i = 0; i + 1 < r->n_stops; i++)
		r->meters += plan_mm(c, r->stops[i].point, r->stops[i + 1].point);
	if (r->dir == PLAN_TO_SESSION) {
		int k = r->n_stops - 1;
		int arrive = s->start_s - st->arrival_buffer_min * 60;
		plan_stop_t *d = &r->stops[k];
		d->arrival_s = arrive;
		d->departure_s = arrive + plan_dwell_s(st, d->alight);
		int t = arrive;
		for (int i = k - 1; i >= 0; i--) {
			plan_stop_t *x = &r->stops[i];
			x->departure_s = t - (int)plan_tt(c, x->point, r->stops[i + 1].point);
			x->arrival_s = x->departure_s - plan_dwell_s(st, x->board);
			x->ride_s = arrive - x->departure_s;
			t = x->arrival_s;
		}
	} else {
		int leave = s->end_s + st->departure_buffer_min * 60;
		plan_stop_t *d = &r->stops[0];
		d->departure_s = leave;
		d->arrival_s = leave - plan_dwell_s(st, d->board);
		int t = leave;
		for (int i = 1; i < r->n_stops; i++) {
			plan_stop_t *x = &r->stops[i];
			x->arrival_s = t + (int)plan_tt(c, r->stops[i - 1].point, x->point);
			x->departure_s = x->arrival_s + plan_dwell_s(st, x->alight);
			x->ride_s = x->arrival_s - leave;
			t = x->departure_s;
		}
	}
}
