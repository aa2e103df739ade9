/*
 * path.c - the road polyline of the best route between two snapped points,
 * for drawing and GeoJSON. The same search as the matrix (search.c, same
 * keys and tie-breaking), stopped once the target's tail nodes are settled,
 * so the seconds and metres it returns are exactly the matrix entry; the
 * polyline walks the predecessor edges back and unfolds each edge's stored
 * intermediate points (the folded degree-2 nodes), cutting the first and
 * last edge at the snapped points by the fraction of their haversine
 * length, as OSRM does for its phantom nodes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "matrix/internal.h"
#include "util/i18n.h"

typedef struct poly {
	double *lat, *lon;
	size_t n, cap;
} poly_t;

static void poly_push(poly_t *p, double lat, double lon)
{
	size_t cap = p->cap;
	sr_grow(&p->lat, &cap, p->n + 1, sizeof(double));
	sr_grow(&p->lon, &p->cap, p->n + 1, sizeof(double));
	p->lat[p->n] = lat;
	p->lon[p->n] = lon;
	p->n++;
}

/* Appends a point unless it repeats the last one. */
static void poly_add(poly_t *p, double lat, double lon)
{
	if (p->n > 0 && p->lat[p->n - 1] == lat && p->lon[p->n - 1] == lon)
		return;
	poly_push(p, lat, lon);
}

/* Appends the points of edge e lying strictly between fractions x0 and x1
 * of its length, and its head node when x1 >= 1. */
static void add_edge_part(poly_t *p, const sr_network_t *net, uint32_t e, double x0, double x1)
{
	uint32_t g0 = net->geom_first[e], ng = net->geom_first[e + 1] - g0;
	uint32_t tail = net_edge_tail(net, e), head = net->head[e];
	if (ng > 0) {
		/* cumulative haversine fractions of the intermediate points */
		double total = 0, la = net->lat[tail], lo = net->lon[tail];
		for (uint32_t k = 0; k <= ng; k++) {
			double nla = k < ng ? net->geom_lat[g0 + k] : net->lat[head];
			double nlo = k < ng ? net->geom_lon[g0 + k] : net->lon[head];
			total += sr_haversine_m(la, lo, nla, nlo);
			la = nla;
			lo = nlo;
		}
		double cum = 0;
		la = net->lat[tail];
		lo = net->lon[tail];
		for (uint32_t k = 0; k < ng; k++) {
			double nla = net->geom_lat[g0 + k], nlo = net->geom_lon[g0 + k];
			cum += sr_haversine_m(la, lo, nla, nlo);
			la = nla;
			lo = nlo;
			double f = total > 0 ? cum / total : 0;
			if (f > x0 && f < x1)
				poly_add(p, nla, nlo);
		}
	}
	if (x1 >= 1.0)
		poly_add(p, net->lat[head], net->lon[head]);
}

int mat_path_ex(const sr_network_t *net, const net_snap_t *a, const net_snap_t *b,
		const mat_opts_t *o, double **lat, double **lon, size_t *n, double *seconds,
		double *meters, sr_error_t *err)
{
	*lat = *lon = NULL;
	*n = 0;
	int metric = o ? o->metric : MAT_FASTEST;
	if (a->edge >= net->n_edges || b->edge >= net->n_edges)
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("point not on the network"));
	mq_pos_t pa, pb;
	mq_pos_of(net, a, &pa);
	mq_pos_of(net, b, &pb);
	mq_t q;
	mq_init(&q, net, metric);
	uint8_t *need = xcalloc((size_t)net->n_nodes + 1, 1);
	uint32_t n_need = 0;
	for (int k = 0; k < pb.n; k++)
		if (!need[pb.tail[k]]) {
			need[pb.tail[k]] = 1;
			n_need++;
		}
	mq_start(&q, &pa);
	mq_run(&q, need, n_need);
	mq_best_t best;
	mq_best(&q, &pa, &pb, &best);
	int rc = SR_OK;
	if (!isfinite(best.k1)) {
		rc = sr_error_set(err, SR_EINPUT, NULL, 0,
				  _("no road route from %.6f, %.6f to %.6f, %.6f"), a->lat, a->lon,
				  b->lat, b->lon);
		goto out_free;
	}
	poly_t p;
	memset(&p, 0, sizeof(p));
	poly_add(&p, a->lat, a->lon);
	if (best.via < 0) {
		add_edge_part(&p, net, pa.edge[best.sp], pa.x[best.sp], pb.x[best.tp]);
	} else {
		/* edges from the source to the target edge's tail, collected
		 * backwards along the predecessors */
		uint32_t *edges = NULL;
		size_t ne = 0, cap = 0;
		uint32_t v = pb.tail[best.tp];
		while (q.pred[v] != MQ_NONE && q.pred[v] < MQ_SEED(0)) {
			uint32_t e = q.pred[v];
			sr_grow(&edges, &cap, ne + 1, sizeof(uint32_t));
			edges[ne++] = e;
			v = net_edge_tail(net, e);
		}
		/* v is a seed: the rest of a source edge, ridden from the point */
		if (q.pred[v] >= MQ_SEED(0) && q.pred[v] != MQ_NONE) {
			int k = (int)(q.pred[v] - MQ_SEED(0));
			add_edge_part(&p, net, pa.edge[k], pa.x[k], 1.0);
		}
		for (size_t i = ne; i-- > 0;) {
			add_edge_part(&p, net, edges[i], 0.0, 1.0);
		}
		free(edges);
		add_edge_part(&p, net, pb.edge[best.tp], 0.0, pb.x[best.tp]);
	}
	poly_add(&p, b->lat, b->lon);
	if (p.n == 1) /* a and b are one point: still a line of two */
		poly_push(&p, b->lat, b->lon);
	*lat = p.lat;
	*lon = p.lon;
	*n = p.n;
	if (seconds)
		*seconds = metric == MAT_SHORTEST ? best.k2 : best.k1;
	if (meters)
		*meters = metric == MAT_SHORTEST ? best.k1 : best.k2;
out_free:
	free(need);
	mq_free(&q);
	return rc;
}

int mat_path(const sr_network_t *net, const net_snap_t *a, const net_snap_t *b, double **lat,
	     double **lon, size_t *n, double *seconds, double *meters, sr_error_t *err)
{
	return mat_path_ex(net, a, b, NULL, lat, lon, n, seconds, meters, err);
}
