/*
 * build.c - plan_build(): the plan stage's pipeline. Settings (defaults,
 * plan.conf, overrides) -> the map (osm_read, speed cap from the settings)
 * -> the three input tables -> every point snapped onto the largest
 * strongly connected part of the road network -> one travel time matrix
 * between all points -> runs per session (runs.c) -> bus duties per
 * weekday pattern (duties.c).
 *
 * Travel times are rounded up to whole seconds once, here, so that routing,
 * timing, chaining and the printed timetables agree to the second.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/chain.h"
#include "schoolrun/matrix.h"
#include "schoolrun/osm.h"
#include "plan/plan_int.h"

int plan_dwell_s(const plan_settings_t *s, int children)
{
	return (int)lround(s->dwell_base_s + s->dwell_per_child_s * children);
}

double plan_budget_share(const plan_ctx_t *c, double frac)
{
	double b = (c->deadline - sr_now()) * frac;
	return b < 0.5 ? 0.5 : b;
}

double plan_budget(plan_ctx_t *c)
{
	double left = c->phase_end - sr_now();
	double b = c->route_limit_s < left ? c->route_limit_s : left;
	if (c->n_solves_left > 0)
		c->n_solves_left--;
	return b < 0.5 ? 0.5 : b;
}

void plan_add_unserved(sr_plan_t *p, long rider_line, int pickup, int session, int dir,
		       int children, uint8_t days, const char *code, const char *reason)
{
	p->unserved = xreallocarray(p->unserved, (size_t)p->n_unserved + 1, sizeof(plan_unserved_t));
	plan_unserved_t *u = &p->unserved[p->n_unserved++];
	u->rider_line = rider_line;
	u->pickup = pickup;
	u->session = session;
	u->dir = dir;
	u->children = children;
	u->days = days;
	u->reason = xstrdup(reason);
	u->reason_code = xstrdup(code);
}

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
	memcpy(d->stops, s->stops, (size_t)s->n_stops * sizeof(plan_stop_t));
	size_t ns = s->n_shape ? s->n_shape : 1;
	d->shape_lat = xreallocarray(NULL, ns, sizeof(double));
	d->shape_lon = xreallocarray(NULL, ns, sizeof(double));
	memcpy(d->shape_lat, s->shape_lat, s->n_shape * sizeof(double));
	memcpy(d->shape_lon, s->shape_lon, s->n_shape * sizeof(double));
}

void plan_run_shift(plan_run_t *r, int delta)
{
	for (int i = 0; i < r->n_stops; i++) {
		r->stops[i].arrival_s += delta;
		r->stops[i].departure_s += delta;
	}
}

void plan_free(sr_plan_t *p)
{
	if (!p)
		return;
	plan_settings_clear(&p->settings);
	for (int i = 0; i < p->n_points; i++) {
		free(p->points[i].id);
		free(p->points[i].name);
		free(p->points[i].name_en);
	}
	free(p->points);
	for (int i = 0; i < p->n_sessions; i++)
		free(p->sessions[i].id);
	free(p->sessions);
	for (int i = 0; i < p->n_buses; i++)
		free(p->buses[i].id);
	free(p->buses);
	for (int i = 0; i < p->n_riders; i++)
		free(p->riders[i].note);
	free(p->riders);
	for (int i = 0; i < p->n_patterns; i++) {
		plan_pattern_t *pt = &p->patterns[i];
		for (int k = 0; k < pt->n_runs; k++)
			plan_run_clear(&pt->runs[k]);
		free(pt->runs);
		for (int k = 0; k < pt->n_duties; k++)
			free(pt->duties[k].runs);
		free(pt->duties);
	}
	free(p->patterns);
	for (int i = 0; i < p->n_unserved; i++) {
		free(p->unserved[i].reason);
		free(p->unserved[i].reason_code);
	}
	free(p->unserved);
	for (int i = 0; i < p->n_inputs; i++)
		free(p->input_names[i]);
	osm_map_free(p->map);
	free(p);
}

/* Farthest a pickup, destination or depot may lie from the main road
 * network to be served (the matrix command's default --max-snap-m). */
#define PLAN_MAX_SNAP_M 1000.0

/* Snaps every point onto the main network and computes the matrix. */
static int locate(plan_ctx_t *c, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	int rc = SR_OK;
	c->n = (uint32_t)p->n_points;
	c->snaps = xcalloc(c->n ? c->n : 1, sizeof(net_snap_t));
	c->on_road = xcalloc(c->n ? c->n : 1, sizeof(int));
	net_snapper_t *sn = net_snapper_new(c->net, 1);
	for (uint32_t i = 0; i < c->n; i++) {
		plan_point_t *pt = &p->points[i];
		sr_error_t e2;
		if (net_snap(sn, pt->lat, pt->lon, &c->snaps[i], &e2) != SR_OK) {
			pt->snap_m = INFINITY;
			continue;
		}
		pt->snap_lat = c->snaps[i].lat;
		pt->snap_lon = c->snaps[i].lon;
		pt->snap_m = c->snaps[i].dist_m;
		/* A point whose own nearest road is a cut-off fragment is snapped
		 * onto the main network: it is served from there when that is
		 * within walking distance of it, and unreachable otherwise. */
		c->on_road[i] = c->snaps[i].dist_m <= PLAN_MAX_SNAP_M;
		if (c->snaps[i].off_main && c->on_road[i])
			sr_warn("%s: nearest road is cut off from the network; served from the main road %.0f m away",
				pt->name, c->snaps[i].dist_m);
	}
	net_snapper_free(sn);

	/* the matrix over the points that are on the road; others stay INF */
	uint32_t *idx = xcalloc(c->n ? c->n : 1, sizeof(uint32_t));
	net_snap_t *on = xcalloc(c->n ? c->n : 1, sizeof(net_snap_t));
	uint32_t m = 0;
	for (uint32_t i = 0; i < c->n; i++)
		if (c->on_road[i]) {
			idx[m] = i;
			on[m++] = c->snaps[i];
		}
	size_t nn = (size_t)c->n * c->n;
	c->sec = xreallocarray(NULL, nn ? nn : 1, sizeof(double));
	c->met = xreallocarray(NULL, nn ? nn : 1, sizeof(double));
	for (size_t k = 0; k < nn; k++)
		c->sec[k] = c->met[k] = INFINITY;
	for (uint32_t i = 0; i < c->n; i++)
		c->sec[(size_t)i * c->n + i] = c->met[(size_t)i * c->n + i] = 0;
	if (m > 0) {
		sr_matrix_t *mat = NULL;
		mat_opts_t mo;
		mat_opts_init(&mo);
		rc = mat_compute(c->net, on, m, &mo, &mat, err);
		if (rc)
			goto out;
		for (uint32_t a = 0; a < m; a++)
			for (uint32_t b = 0; b < m; b++) {
				size_t k = (size_t)idx[a] * c->n + idx[b];
				double s = mat->seconds[(size_t)a * m + b];
				c->sec[k] = isfinite(s) ? ceil(s - 1e-9) : INFINITY;
				c->met[k] = mat->meters[(size_t)a * m + b];
				if (!isfinite(s))
					c->met[k] = INFINITY;
			}
		mat_free(mat);
	}
out:
	free(idx);
	free(on);
	return rc;
}

int plan_build(const char *conf_path, const plan_settings_t *overrides, sr_plan_t **out,
	       sr_error_t *err)
{
	sr_plan_t *p = xcalloc(1, sizeof(*p));
	plan_ctx_t c;
	memset(&c, 0, sizeof(c));
	c.p = p;
	double t0 = sr_now();
	int rc;
	*out = NULL;
	plan_settings_init(&p->settings);
	if (conf_path) {
		rc = plan_conf_read(conf_path, &p->settings, err);
		if (rc)
			goto out_fail;
	}
	plan_settings_apply(&p->settings, overrides);
	{
		static const char *const need[] = {"map", "sessions", "riders", "fleet"};
		char *const have[] = {p->settings.map, p->settings.sessions, p->settings.riders,
				      p->settings.fleet};
		for (int i = 0; i < 4; i++)
			if (!have[i]) {
				rc = sr_error_set(err, SR_EINPUT, conf_path, 0,
						  "missing setting '%s = FILE'", need[i]);
				goto out_fail;
			}
	}
	if (strcmp(p->settings.term_end, p->settings.term_start) < 0) {
		rc = sr_error_set(err, SR_EINPUT, conf_path, 0, "term_end %s is before term_start %s",
				  p->settings.term_end, p->settings.term_start);
		goto out_fail;
	}
	c.deadline = t0 + p->settings.time_limit_s;

	osm_opts_t oo;
	osm_opts_init(&oo);
	oo.profile.speed_cap_kmh = p->settings.speed_cap_kmh;
	oo.bbox = p->settings.map_bbox;
	sr_info("plan: reading the map %s", p->settings.map);
	rc = osm_read(p->settings.map, &oo, &p->map, err);
	if (rc)
		goto out_fail;
	c.net = p->map->net;
	rc = plan_read_inputs(p, err);
	if (rc)
		goto out_fail;
	sr_info("plan: %d sessions, %d rider rows, %d buses, %d places; computing travel times",
		p->n_sessions, p->n_riders, p->n_buses, p->n_points);
	rc = locate(&c, err);
	if (rc)
		goto out_fail;
	rc = plan_make_runs(&c, err);
	if (rc)
		goto out_fail;
	rc = plan_make_patterns(&c, err);
	if (rc)
		goto out_fail;
	if (c.n_route_cut || c.n_chain_cut)
		sr_warn("plan: the time limit (time_limit_s = %g) cut %d routing and %d chaining calls short; "
			"this plan may differ on another machine (a larger time_limit_s avoids it)",
			p->settings.time_limit_s, c.n_route_cut, c.n_chain_cut);
	sr_info("plan: done in %.1f s", sr_now() - t0);
	rc = SR_OK;
	*out = p;
	p = NULL;
out_fail:
	for (int i = 0; i < c.n_tmpl; i++)
		plan_run_clear(&c.tmpl[i]);
	free(c.tmpl);
	free(c.snaps);
	free(c.on_road);
	free(c.sec);
	free(c.met);
	plan_free(p);
	return rc;
}
