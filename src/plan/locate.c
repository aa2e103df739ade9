/*
 * locate.c - every pickup, destination and depot snapped onto the largest
 * strongly connected part of the road network (net_snap), then one travel
 * time matrix between all points on the road (mat_compute).
 *
 * Travel times are rounded up to whole seconds once, here, so that routing,
 * timing, chaining and the printed timetables agree to the second.
 */
#include <math.h>
#include <stdlib.h>
#include "plan/locate.h"

/* Farthest a pickup, destination or depot may lie from the main road
 * network to be served (the matrix command's default --max-snap-m). */
#define PLAN_MAX_SNAP_M 1000.0

int plan_locate(plan_ctx_t *c, sr_error_t *err)
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
