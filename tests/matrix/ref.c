/* ref.c - the independent reference computations for the matrix tests
 * (see ref.h). Deliberately simple: arrays and O(n^2) scans. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ref.h"

#define R_DEG (6371008.8 * 3.14159265358979323846 / 180.0)

typedef struct rarc {
	uint32_t from, to;
	double w1, w2;
} rarc_t;

typedef struct onedge {
	double x;
	uint32_t node;
	uint32_t idx;
} onedge_t;

static int cmp_fwd(const void *a, const void *b)
{
	const onedge_t *p = a, *q = b;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return p->idx < q->idx ? -1 : p->idx > q->idx;
}

static int cmp_rev(const void *a, const void *b)
{
	const onedge_t *p = a, *q = b;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return p->idx > q->idx ? -1 : p->idx < q->idx;
}

uint32_t *ref_twins(const sr_network_t *net)
{
	uint32_t *tw = malloc((net->n_edges + 1) * sizeof(uint32_t));
	for (uint32_t u = 0; u < net->n_nodes; u++)
		for (uint32_t e = net->first_out[u]; e < net->first_out[u + 1]; e++) {
			uint32_t v = net->head[e];
			tw[e] = UINT32_MAX;
			uint32_t ge = net->geom_first[e], ne = net->geom_first[e + 1] - ge;
			for (uint32_t f = net->first_out[v]; f < net->first_out[v + 1]; f++) {
				uint32_t gf = net->geom_first[f], nf = net->geom_first[f + 1] - gf;
				if (net->head[f] != u || f == e || nf != ne ||
				    fabs(net->length_m[f] - net->length_m[e]) >
					    0.01 + 1e-5 * net->length_m[e])
					continue;
				int same = 1;
				for (uint32_t k = 0; k < ne; k++)
					if (net->geom_lat[ge + k] !=
						    net->geom_lat[gf + ne - 1 - k] ||
					    net->geom_lon[ge + k] != net->geom_lon[gf + ne - 1 - k])
						same = 0;
				if (same) {
					tw[e] = f;
					break;
				}
			}
		}
	return tw;
}

void ref_matrix(const sr_network_t *net, const uint32_t *twin, const net_snap_t *pts, uint32_t n,
		int shortest, double *sec, double *met)
{
	uint32_t nn = net->n_nodes + n;
	rarc_t *arcs = NULL;
	size_t na = 0, cap = 0;
	onedge_t *on = malloc((n + 1) * sizeof(onedge_t));
	for (uint32_t u = 0; u < net->n_nodes; u++)
		for (uint32_t e = net->first_out[u]; e < net->first_out[u + 1]; e++) {
			size_t k = 0;
			int on_twin = 0;
			for (uint32_t i = 0; i < n; i++) {
				if (pts[i].edge == e) {
					on[k++] = (onedge_t){pts[i].t, net->n_nodes + i, i};
				} else if (twin[e] != UINT32_MAX && pts[i].edge == twin[e]) {
					on[k++] = (onedge_t){1.0 - pts[i].t, net->n_nodes + i, i};
					on_twin = 1;
				}
			}
			/* equal positions: the twin runs them in reverse order */
			qsort(on, k, sizeof(onedge_t), on_twin ? cmp_rev : cmp_fwd);
			double t1 = shortest ? net->length_m[e] : net->time_s[e];
			double t2 = shortest ? net->time_s[e] : net->length_m[e];
			uint32_t prev = u;
			double px = 0;
			for (size_t j = 0; j <= k; j++) {
				uint32_t to = j < k ? on[j].node : net->head[e];
				double x = j < k ? on[j].x : 1.0;
				if (na == cap) {
					cap = cap ? 2 * cap : 256;
					arcs = realloc(arcs, cap * sizeof(rarc_t));
				}
				arcs[na++] = (rarc_t){prev, to, (x - px) * t1, (x - px) * t2};
				prev = to;
				px = x;
			}
		}
	/* out-arcs of each node, by counting */
	uint32_t *first = calloc(nn + 1, sizeof(uint32_t)),
		 *order = malloc((na + 1) * sizeof(uint32_t));
	for (size_t a = 0; a < na; a++)
		first[arcs[a].from + 1]++;
	for (uint32_t v = 0; v < nn; v++)
		first[v + 1] += first[v];
	uint32_t *fill = malloc((nn + 1) * sizeof(uint32_t));
	memcpy(fill, first, (nn + 1) * sizeof(uint32_t));
	for (size_t a = 0; a < na; a++)
		order[fill[arcs[a].from]++] = (uint32_t)a;
	free(fill);
	double *d1 = malloc(nn * sizeof(double)), *d2 = malloc(nn * sizeof(double));
	char *done = malloc(nn);
	for (uint32_t s = 0; s < n; s++) {
		for (uint32_t v = 0; v < nn; v++) {
			d1[v] = d2[v] = INFINITY;
			done[v] = 0;
		}
		d1[net->n_nodes + s] = d2[net->n_nodes + s] = 0;
		for (;;) {
			uint32_t best = UINT32_MAX;
			for (uint32_t v = 0; v < nn; v++)
				if (!done[v] && d1[v] < INFINITY &&
				    (best == UINT32_MAX || d1[v] < d1[best] ||
				     (d1[v] == d1[best] && d2[v] < d2[best])))
					best = v;
			if (best == UINT32_MAX)
				break;
			done[best] = 1;
			for (uint32_t k = first[best]; k < first[best + 1]; k++) {
				const rarc_t *a = &arcs[order[k]];
				double c1 = d1[best] + a->w1, c2 = d2[best] + a->w2;
				uint32_t t = a->to;
				if (c1 < d1[t] || (c1 == d1[t] && c2 < d2[t])) {
					d1[t] = c1;
					d2[t] = c2;
				}
			}
		}
		for (uint32_t j = 0; j < n; j++) {
			double a = d1[net->n_nodes + j], b = d2[net->n_nodes + j];
			sec[(size_t)s * n + j] = shortest ? b : a;
			met[(size_t)s * n + j] = shortest ? a : b;
		}
	}
	free(first);
	free(order);
	free(d1);
	free(d2);
	free(done);
	free(on);
	free(arcs);
}

double ref_local_dist(double lat, double lon, double plat, double plon)
{
	double x = (plon - lon) * cos(lat * 3.14159265358979323846 / 180.0) * R_DEG;
	double y = (plat - lat) * R_DEG;
	return sqrt(x * x + y * y);
}

double ref_nearest(const sr_network_t *net, double lat, double lon, int main_only, uint32_t *edge)
{
	double best = INFINITY;
	double kx = cos(lat * 3.14159265358979323846 / 180.0) * R_DEG;
	*edge = UINT32_MAX;
	for (uint32_t u = 0; u < net->n_nodes; u++)
		for (uint32_t e = net->first_out[u]; e < net->first_out[u + 1]; e++) {
			uint32_t v = net->head[e];
			if (main_only && (net->comp[u] != net->largest_comp ||
					  net->comp[v] != net->largest_comp))
				continue;
			uint32_t g0 = net->geom_first[e], ng = net->geom_first[e + 1] - g0;
			for (uint32_t k = 0; k <= ng; k++) {
				double a_la = k == 0 ? net->lat[u] : net->geom_lat[g0 + k - 1];
				double a_lo = k == 0 ? net->lon[u] : net->geom_lon[g0 + k - 1];
				double b_la = k == ng ? net->lat[v] : net->geom_lat[g0 + k];
				double b_lo = k == ng ? net->lon[v] : net->geom_lon[g0 + k];
				double ax = (a_lo - lon) * kx, ay = (a_la - lat) * R_DEG;
				double bx = (b_lo - lon) * kx, by = (b_la - lat) * R_DEG;
				double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
				double s = l2 > 0 ? -(ax * dx + ay * dy) / l2 : 0;
				if (s < 0)
					s = 0;
				if (s > 1)
					s = 1;
				double d = hypot(ax + s * dx, ay + s * dy);
				if (d < best) {
					best = d;
					*edge = e;
				}
			}
		}
	return best;
}

void ref_point_on_edge(const sr_network_t *net, uint32_t e, double t, double *lat, double *lon)
{
	uint32_t u = 0;
	while (net->first_out[u + 1] <= e)
		u++;
	uint32_t g0 = net->geom_first[e], ng = net->geom_first[e + 1] - g0;
	double total = 0;
	for (int pass = 0; pass < 2; pass++) {
		double walked = 0;
		for (uint32_t k = 0; k <= ng; k++) {
			double a_la = k == 0 ? net->lat[u] : net->geom_lat[g0 + k - 1];
			double a_lo = k == 0 ? net->lon[u] : net->geom_lon[g0 + k - 1];
			double b_la = k == ng ? net->lat[net->head[e]] : net->geom_lat[g0 + k];
			double b_lo = k == ng ? net->lon[net->head[e]] : net->geom_lon[g0 + k];
			double l = sr_haversine_m(a_la, a_lo, b_la, b_lo);
			if (pass == 1 && (walked + l >= t * total || k == ng)) {
				double f = l > 0 ? (t * total - walked) / l : 0;
				f = f < 0 ? 0 : f > 1 ? 1 : f;
				*lat = a_la + f * (b_la - a_la);
				*lon = a_lo + f * (b_lo - a_lo);
				return;
			}
			walked += l;
		}
		total = walked;
	}
}
