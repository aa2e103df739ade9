/*
 * locate.c - every pickup, destination and depot snapped onto the largest
 * strongly connected part of the road network (net_snap), then one travel
 * time matrix between all points on the road (mat_compute).
 *
 * Where the bus stops: only on roads a bus may stop on (never motorway,
 * trunk or their links: net_snap_opts_t.stops_only); for a village at its
 * public bus stop when one lies near its centre on its roads, else on the
 * road nearest its centre; for an area, on the road nearest its outline.
 *
 * Travel times are rounded up to whole seconds once, here, so that routing,
 * timing, chaining and the printed timetables agree to the second.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "plan/locate.h"

/* Says where point i's stop went when its own nearest road is a motorway
 * or a cut-off fragment (plan_warn: on stderr and in the outputs). */
static void stop_warning(plan_ctx_t *c, uint32_t i)
{
	const net_snap_t *s = &c->snaps[i];
	const char *name = c->p->points[i].name;
	char near[32], dist[32];
	snprintf(near, sizeof near, "%.0f", s->near_m);
	snprintf(dist, sizeof dist, "%.0f", s->dist_m);
	if (s->off_allowed && s->near_m < s->dist_m) {
		const char *a = net_class_name((net_class_t)s->near_class),
			   *b = net_class_name((net_class_t)c->net->road_class[s->edge]);
		const char *args[] = {name, a, near, b, dist};
		if (c->on_road[i])
			plan_warn(
				c->p, "stop_moved", 0, args, 5,
				"%s: the nearest road is a %s (%s m) where a bus may not stop; the "
				"stop is on the %s road %s m away",
				name, a, near, b, dist);
		else
			plan_warn(c->p, "stop_too_far", 0, args, 5,
				  "%s: the nearest road is a %s (%s m) where a bus may not stop; "
				  "unserved: the nearest other is the %s road %s m away",
				  name, a, near, b, dist);
	} else if (s->off_main && c->on_road[i]) {
		plan_warn(c->p, "stop_off_fragment", 0, (const char *[]){name, dist}, 2,
			  "%s: nearest road is cut off from the network; served from the main road "
			  "%s m away",
			  name, dist);
	}
}

/* Farthest a pickup, destination or depot may lie from the main road
 * network to be served (the matrix command's default --max-snap-m). */
#define PLAN_MAX_SNAP_M 1000.0

/* How near a road a bus may stop on a public bus stop must be to count as
 * on the village's roads (how far from the village it may be: osm.h's
 * OSM_VILLAGE_STOP_RADIUS_M). */
#define PLAN_BUS_STOP_ON_ROAD_M 30.0
/* Spacing of the points of an area's outline that are snapped. */
#define PLAN_OUTLINE_STEP_M 20.0

/* The village's public bus stop: the stop nearest to its centre within
 * OSM_VILLAGE_STOP_RADIUS_M that lies on a road a bus may stop on; -1 when
 * there is none. */
static long village_bus_stop(const sr_map_t *m, const net_snapper_t *sn, const plan_point_t *pt,
			     net_snap_t *snap)
{
	long best = -1;
	double bd = INFINITY;
	for (size_t k = 0; k < m->n_stops; k++) {
		const osm_feature_t *f = &m->stops[k];
		double d = sr_haversine_m(pt->lat, pt->lon, f->lat, f->lon);
		if (d > OSM_VILLAGE_STOP_RADIUS_M || d >= bd)
			continue;
		net_snap_t s;
		sr_error_t e2;
		if (net_snap(sn, f->lat, f->lon, &s, &e2) != SR_OK ||
		    s.dist_m > PLAN_BUS_STOP_ON_ROAD_M)
			continue;
		best = (long)k;
		bd = d;
		*snap = s;
	}
	return best;
}

/* Where the bus stops for point i: a village's bus stop, else the road
 * nearest to its centre; for anything else drawn as an area, the road
 * nearest to its outline (a vertex of it); else the road nearest to the
 * point. pt->snap_m is from the point, or from the outline. */
static int place_stop(plan_ctx_t *c, const net_snapper_t *sn, uint32_t i)
{
	plan_point_t *pt = &c->p->points[i];
	const sr_map_t *m = c->p->map;
	net_snap_t *best = &c->snaps[i];
	sr_error_t e2;
	int is_place = 0;
	if (pt->kind == PLAN_PT_PICKUP) {
		for (size_t k = 0; k < m->n_places && !is_place; k++) {
			char id[40];
			snprintf(id, sizeof(id), "%c%lld", m->places[k].type,
				 (long long)m->places[k].id);
			is_place = !strcmp(id, pt->id);
		}
		pt->is_place = is_place;
		long bs = is_place ? village_bus_stop(m, sn, pt, best) : -1;
		if (bs >= 0) {
			const osm_feature_t *f = &m->stops[bs];
			char lb[64];
			if (f->name || f->name_ru || f->name_en)
				pt->stop_name = xstrdup(osm_feature_label(f, lb, sizeof(lb)));
			best->dist_m = sr_haversine_m(pt->lat, pt->lon, best->lat, best->lon);
			return SR_OK;
		}
	}
	if (net_snap(sn, pt->lat, pt->lon, best, &e2) != SR_OK)
		return SR_EINPUT;
	/* the outline, every PLAN_OUTLINE_STEP_M along its sides */
	for (int k = 0; k < pt->n_outline && !is_place; k++) {
		double la0 = pt->outline_lat[k], lo0 = pt->outline_lon[k];
		double la1 = k + 1 < pt->n_outline ? pt->outline_lat[k + 1] : la0;
		double lo1 = k + 1 < pt->n_outline ? pt->outline_lon[k + 1] : lo0;
		int steps = (int)ceil(sr_haversine_m(la0, lo0, la1, lo1) / PLAN_OUTLINE_STEP_M);
		for (int j = 0; j < (steps > 0 ? steps : 1); j++) {
			double u = steps > 0 ? (double)j / steps : 0;
			net_snap_t s;
			if (net_snap(sn, la0 + u * (la1 - la0), lo0 + u * (lo1 - lo0), &s, &e2) ==
				    SR_OK &&
			    s.dist_m < best->dist_m)
				*best = s;
		}
	}
	return SR_OK;
}

/* Point i's stop from its snap: the point's snap fields, whether it is on
 * the road, its warning. A point whose own nearest road is a cut-off
 * fragment, or a motorway, is snapped onto the main network's nearest road
 * a bus may stop on: it is served from there when that is within walking
 * distance of it, and unreachable otherwise. */
static void snapped(plan_ctx_t *c, uint32_t i)
{
	plan_point_t *pt = &c->p->points[i];
	pt->snap_lat = c->snaps[i].lat;
	pt->snap_lon = c->snaps[i].lon;
	pt->snap_m = c->snaps[i].dist_m;
	c->on_road[i] = c->snaps[i].dist_m <= PLAN_MAX_SNAP_M;
	stop_warning(c, i);
}

int plan_locate(plan_ctx_t *c, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	int rc = SR_OK;
	c->n = (uint32_t)p->n_points;
	c->snaps = xcalloc(c->n ? c->n : 1, sizeof(net_snap_t));
	c->on_road = xcalloc(c->n ? c->n : 1, sizeof(int));
	net_snap_opts_t so;
	net_snap_opts_init(&so);
	so.stops_only = 1;
	net_snapper_t *sn = net_snapper_new_opts(c->net, &so);
	for (uint32_t i = 0; i < c->n; i++) {
		plan_point_t *pt = &p->points[i];
		if (place_stop(c, sn, i) != SR_OK) {
			pt->snap_m = INFINITY;
			continue;
		}
		snapped(c, i);
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

static void *dup_of(const void *a, size_t size)
{
	void *b = xcalloc(1, size);
	memcpy(b, a, size);
	return b;
}

void plan_located_save(const plan_ctx_t *c, plan_located_t *l)
{
	size_t n = c->n ? c->n : 1, nn = n * n;
	l->n = c->n;
	l->lat = xcalloc(n, sizeof(double));
	l->lon = xcalloc(n, sizeof(double));
	l->is_place = xcalloc(n, sizeof(int));
	l->placed = xcalloc(n, sizeof(int));
	l->stop_name = xcalloc(n, sizeof(char *));
	l->snaps = dup_of(c->snaps, n * sizeof(net_snap_t));
	l->on_road = dup_of(c->on_road, n * sizeof(int));
	l->sec = dup_of(c->sec, nn * sizeof(double));
	l->met = dup_of(c->met, nn * sizeof(double));
	for (uint32_t i = 0; i < c->n; i++) {
		const plan_point_t *pt = &c->p->points[i];
		l->lat[i] = pt->lat;
		l->lon[i] = pt->lon;
		l->is_place[i] = pt->is_place;
		l->placed[i] = isfinite(pt->snap_m);
		l->stop_name[i] = pt->stop_name ? xstrdup(pt->stop_name) : NULL;
	}
}

int plan_located_use(plan_ctx_t *c, const plan_located_t *l)
{
	sr_plan_t *p = c->p;
	if (!l->snaps || l->n != (uint32_t)p->n_points)
		return 0;
	for (uint32_t i = 0; i < l->n; i++)
		if (p->points[i].lat != l->lat[i] || p->points[i].lon != l->lon[i])
			return 0;
	size_t n = l->n ? l->n : 1, nn = n * n;
	c->n = l->n;
	c->snaps = dup_of(l->snaps, n * sizeof(net_snap_t));
	c->on_road = xcalloc(n, sizeof(int));
	c->sec = dup_of(l->sec, nn * sizeof(double));
	c->met = dup_of(l->met, nn * sizeof(double));
	for (uint32_t i = 0; i < l->n; i++) {
		plan_point_t *pt = &p->points[i];
		pt->is_place = l->is_place[i];
		pt->stop_name = l->stop_name[i] ? xstrdup(l->stop_name[i]) : NULL;
		if (l->placed[i])
			snapped(c, i);
		else
			pt->snap_m = INFINITY;
	}
	return 1;
}

void plan_located_free(plan_located_t *l)
{
	for (uint32_t i = 0; l->stop_name && i < l->n; i++)
		free(l->stop_name[i]);
	free(l->stop_name);
	free(l->lat);
	free(l->lon);
	free(l->is_place);
	free(l->placed);
	free(l->snaps);
	free(l->on_road);
	free(l->sec);
	free(l->met);
	memset(l, 0, sizeof(*l));
}
