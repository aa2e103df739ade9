/* roads.c - the map's roads for drawing: every road of the network once
 * (a two-way road is two directed edges of the graph, drawn as one line),
 * ranked main / middle / minor, optionally only those near a box, each
 * line simplified with the Douglas-Peucker algorithm (Douglas & Peucker,
 * "Algorithms for the reduction of the number of points required to
 * represent a digitized line or its caricature", The Canadian Cartographer
 * 10(2), 1973) at a tolerance per rank, in metres on a local
 * equirectangular plane. The interactive map (map_html.c) and the driver
 * sheets' run maps (svg_map.c) draw from it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "output/internal.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

int out_road_rank(int road_class)
{
	switch (road_class) {
	case NET_MOTORWAY:
	case NET_MOTORWAY_LINK:
	case NET_TRUNK:
	case NET_TRUNK_LINK:
	case NET_PRIMARY:
	case NET_PRIMARY_LINK:
	case NET_SECONDARY:
	case NET_SECONDARY_LINK:
		return OUT_ROAD_MAIN;
	case NET_TERTIARY:
	case NET_TERTIARY_LINK:
	case NET_UNCLASSIFIED:
		return OUT_ROAD_MIDDLE;
	default:
		return OUT_ROAD_MINOR;
	}
}

/* Whether edge e (u -> v) is the one of its road that is drawn: the
 * direction from the lower node, or the only direction there is. Two-way
 * roads give two edges of the same class and length (within rounding). */
static int edge_drawn(const sr_network_t *net, uint32_t u, uint32_t e)
{
	uint32_t v = net->head[e];
	if (u < v)
		return 1;
	for (uint32_t f = net->first_out[v]; f < net->first_out[v + 1]; f++) {
		if (net->head[f] != u || net->road_class[f] != net->road_class[e] ||
		    fabsf(net->length_m[f] - net->length_m[e]) > 0.05f)
			continue;
		if (u > v || f < e) /* a loop's two directions: the first one */
			return 0;
	}
	return 1;
}

/* The points of edge e from node u: u, its folded geometry, its head. */
static size_t edge_points(const sr_network_t *net, uint32_t u, uint32_t e, double *lat, double *lon)
{
	size_t n = 0;
	lat[n] = net->lat[u], lon[n++] = net->lon[u];
	for (uint32_t g = net->geom_first[e]; g < net->geom_first[e + 1]; g++)
		lat[n] = net->geom_lat[g], lon[n++] = net->geom_lon[g];
	lat[n] = net->lat[net->head[e]], lon[n++] = net->lon[net->head[e]];
	return n;
}

static int overlaps(const double *lat, const double *lon, size_t n, const double box[4])
{
	double lo_lat = INFINITY, hi_lat = -INFINITY, lo_lon = INFINITY, hi_lon = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		lo_lat = fmin(lo_lat, lat[i]), hi_lat = fmax(hi_lat, lat[i]);
		lo_lon = fmin(lo_lon, lon[i]), hi_lon = fmax(hi_lon, lon[i]);
	}
	return hi_lat >= box[0] && lo_lat <= box[2] && hi_lon >= box[1] && lo_lon <= box[3];
}

/* Squared distance in m^2 of point i from the chord a-b, on the plane
 * x = lon * kx, y = lat (degrees to metres by 111320). */
static double chord_d2(const double *lat, const double *lon, double kx, size_t a, size_t b,
		       size_t i)
{
	const double m = 111320.0;
	double ax = lon[a] * kx * m, ay = lat[a] * m, bx = lon[b] * kx * m, by = lat[b] * m;
	double px = lon[i] * kx * m - ax, py = lat[i] * m - ay, dx = bx - ax, dy = by - ay;
	double len2 = dx * dx + dy * dy, t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	double ex = px - t * dx, ey = py - t * dy;
	return ex * ex + ey * ey;
}

/* Douglas-Peucker: marks in keep[] the points of 0..n-1 to keep (both ends
 * always), with an explicit stack instead of recursion. */
static void simplify(const double *lat, const double *lon, size_t n, double tol_m, char *keep,
		     size_t *stack)
{
	for (size_t i = 0; i < n; i++)
		keep[i] = tol_m <= 0 || i == 0 || i == n - 1;
	if (tol_m <= 0 || n < 3)
		return;
	double kx = cos(lat[0] * M_PI / 180), tol2 = tol_m * tol_m;
	size_t top = 0;
	stack[top++] = 0, stack[top++] = n - 1;
	while (top) {
		size_t b = stack[--top], a = stack[--top], far = a;
		double best = tol2;
		for (size_t i = a + 1; i < b; i++) {
			double d = chord_d2(lat, lon, kx, a, b, i);
			if (d > best)
				best = d, far = i;
		}
		if (far == a)
			continue;
		keep[far] = 1;
		stack[top++] = a, stack[top++] = far;
		stack[top++] = far, stack[top++] = b;
	}
}

/* Appends one road's kept points to r. */
static void add_road(out_roads_t *r, int rank, const double *lat, const double *lon,
		     const char *keep, size_t n)
{
	sr_grow(&r->roads, &r->cap_roads, r->n_roads + 1, sizeof(out_road_t));
	out_road_t *rd = &r->roads[r->n_roads++];
	rd->rank = rank, rd->first = r->n_pts, rd->n = 0;
	for (size_t i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		sr_grow(&r->lat, &r->cap_lat, r->n_pts + 1, sizeof(double));
		sr_grow(&r->lon, &r->cap_lon, r->n_pts + 1, sizeof(double));
		r->lat[r->n_pts] = lat[i], r->lon[r->n_pts++] = lon[i];
		rd->n++;
	}
}

void out_roads_collect(const sr_network_t *net, const double *box, const double tol_m[3],
		       out_roads_t *r)
{
	memset(r, 0, sizeof *r);
	if (!net || !net->n_nodes)
		return;
	size_t max_n = 2;
	for (uint32_t e = 0; e < net->n_edges; e++) {
		size_t k = (size_t)(net->geom_first[e + 1] - net->geom_first[e]) + 2;
		max_n = k > max_n ? k : max_n;
	}
	double *lat = xmalloc(sizeof(double) * max_n), *lon = xmalloc(sizeof(double) * max_n);
	char *keep = xmalloc(max_n);
	size_t *stack = xmalloc(sizeof(size_t) * 2 * max_n);
	for (uint32_t u = 0; u < net->n_nodes; u++)
		for (uint32_t e = net->first_out[u]; e < net->first_out[u + 1]; e++) {
			if (!edge_drawn(net, u, e))
				continue;
			size_t n = edge_points(net, u, e, lat, lon);
			if (box && !overlaps(lat, lon, n, box))
				continue;
			int rank = out_road_rank(net->road_class[e]);
			simplify(lat, lon, n, tol_m[rank], keep, stack);
			add_road(r, rank, lat, lon, keep, n);
		}
	free(lat), free(lon), free(keep), free(stack);
}

void out_roads_free(out_roads_t *r)
{
	free(r->roads);
	free(r->lat);
	free(r->lon);
	memset(r, 0, sizeof *r);
}
