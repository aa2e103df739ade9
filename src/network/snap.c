/*
 * snap.c - putting a point onto the road network: the nearest point on a
 * road segment (projection onto the segment, not the nearest node), found
 * through a spatial index over all edge segments.
 *
 * Index: a uniform grid (bucket grid) over the segments in a local
 * equirectangular projection, each segment listed in every cell it passes
 * through (see cover_segment), stored as one CSR array. A query scans rings of cells around
 * the point until no unseen cell can hold anything nearer than the best
 * candidate (the classic "expanding ring" nearest-neighbour search). We chose
 * a grid over a packed R-tree (STR, as in OSRM's static R-tree) because road
 * segments are short and evenly sized at the scale of a county, so a grid
 * gives O(1) cells per segment and per query with a fraction of the code,
 * and building it is two counting passes (deterministic, no sort). Each
 * physical road is indexed once: a two-way road's reverse twin is left out
 * and found again by net_edge_twin(), so the matrix can start and end on
 * either direction of travel at the same point.
 *
 * Distances for choosing candidates use an equirectangular projection
 * centred at the query point (exact enough below a few km); the reported
 * snap distance and the fraction t along the edge use haversine lengths, the
 * same measure that gives length_m, so t * length_m is the road distance
 * from the edge's tail to the snapped point. With main_only, candidates are
 * the edges inside the largest strongly connected component (OSRM and
 * GraphHopper snap to the "main" component the same way) and the nearest
 * road overall is looked up too, to flag points whose own road is a cut-off
 * fragment. With stops_only, motorways, trunk roads and their links are no
 * candidates either: children board and alight only where a bus may stop
 * (traffic rules: no stopping on motorways), so a village beside a motorway
 * gets its own street, however much nearer the carriageway is.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/matrix.h"
#include "util/i18n.h"

#define SR_PI 3.14159265358979323846
#define DEG_M (6371008.8 * SR_PI / 180.0) /* metres per degree of latitude */

struct net_snapper {
	const sr_network_t *net;
	int main_only;
	double lat0, lon0, kx, ky; /* grid projection: x = (lon - lon0) * kx */
	double min_x, min_y, cell;
	uint32_t nx, ny;
	uint32_t *cell_first; /* nx * ny + 1 */
	uint32_t *ent_edge;   /* per cell entry: edge and segment index */
	uint32_t *ent_seg;
	uint8_t *edge_main; /* n_edges: both ends in the largest SCC */
	uint8_t *edge_ok;   /* n_edges: a candidate (main and class rules) */
};

void net_snap_opts_init(net_snap_opts_t *o)
{
	o->main_only = 1;
	o->stops_only = 0;
}

int net_class_stop_ok(int c)
{
	return c != NET_MOTORWAY && c != NET_MOTORWAY_LINK && c != NET_TRUNK && c != NET_TRUNK_LINK;
}

uint32_t net_edge_tail(const sr_network_t *net, uint32_t e)
{
	/* the last v with first_out[v] <= e */
	uint32_t lo = 0, hi = net->n_nodes; /* answer in [lo, hi) */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (net->first_out[mid] <= e)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Point k of edge e, k = 0 (tail) .. n_geom + 1 (head). */
static void edge_point(const sr_network_t *net, uint32_t e, uint32_t tail, uint32_t k, double *lat,
		       double *lon)
{
	uint32_t g0 = net->geom_first[e], ng = net->geom_first[e + 1] - g0;
	if (k == 0) {
		*lat = net->lat[tail];
		*lon = net->lon[tail];
	} else if (k <= ng) {
		*lat = net->geom_lat[g0 + k - 1];
		*lon = net->geom_lon[g0 + k - 1];
	} else {
		*lat = net->lat[net->head[e]];
		*lon = net->lon[net->head[e]];
	}
}

static uint32_t n_geom(const sr_network_t *net, uint32_t e)
{
	return net->geom_first[e + 1] - net->geom_first[e];
}

uint32_t net_edge_twin(const sr_network_t *net, uint32_t e)
{
	uint32_t u = net_edge_tail(net, e), v = net->head[e];
	uint32_t ng = n_geom(net, e), g0 = net->geom_first[e];
	for (uint32_t f = net->first_out[v]; f < net->first_out[v + 1]; f++) {
		if (f == e || net->head[f] != u || n_geom(net, f) != ng)
			continue;
		double a = net->length_m[e], b = net->length_m[f];
		if (fabs(a - b) > 0.01 + 1e-5 * fmax(a, b))
			continue;
		uint32_t h0 = net->geom_first[f], k;
		for (k = 0; k < ng; k++)
			if (net->geom_lat[g0 + k] != net->geom_lat[h0 + ng - 1 - k] ||
			    net->geom_lon[g0 + k] != net->geom_lon[h0 + ng - 1 - k])
				break;
		if (k == ng)
			return f;
	}
	return NET_NO_EDGE;
}

static void to_grid(const net_snapper_t *s, double lat, double lon, double *x, double *y)
{
	*x = (lon - s->lon0) * s->kx;
	*y = (lat - s->lat0) * s->ky;
}

static uint32_t grid_index(double v, double cell, uint32_t n)
{
	double f = floor(v / cell);
	return f < 0 ? 0 : f >= (double)n ? n - 1 : (uint32_t)f;
}

/* Lists segment (e, k) from (x0, y0) to (x1, y1) in every cell it passes
 * through: the union of the bounding boxes of pieces shorter than a cell (at
 * most 2 x 2 cells each), so the entries grow with the segment's length. The
 * segment's own bounding box would grow with its square: one long diagonal
 * road then covered a whole district's cells and wrapped the 32-bit count. A
 * cell the previous piece already listed is not listed again. */
static void cover_segment(net_snapper_t *s, int pass, uint32_t *fill, uint64_t *total, double x0,
			  double y0, double x1, double y1, uint32_t e, uint32_t k)
{
	double len = hypot(x1 - x0, y1 - y0);
	uint32_t pieces = (uint32_t)fmin(len / s->cell, 4e9) + 1;
	size_t prev[9], cur[9];
	int n_prev = 0;
	for (uint32_t p = 0; p < pieces; p++) {
		double t0 = (double)p / pieces, t1 = (double)(p + 1) / pieces;
		double ax = x0 + (x1 - x0) * t0, ay = y0 + (y1 - y0) * t0;
		double bx = x0 + (x1 - x0) * t1, by = y0 + (y1 - y0) * t1;
		uint32_t i0 = grid_index(fmin(ax, bx) - s->min_x, s->cell, s->nx);
		uint32_t i1 = grid_index(fmax(ax, bx) - s->min_x, s->cell, s->nx);
		uint32_t j0 = grid_index(fmin(ay, by) - s->min_y, s->cell, s->ny);
		uint32_t j1 = grid_index(fmax(ay, by) - s->min_y, s->cell, s->ny);
		int n_cur = 0;
		for (uint32_t j = j0; j <= j1; j++)
			for (uint32_t i = i0; i <= i1; i++) {
				size_t c = (size_t)j * s->nx + i;
				int seen = 0;
				for (int q = 0; q < n_prev; q++)
					seen |= prev[q] == c;
				if (n_cur < 9)
					cur[n_cur++] = c;
				if (seen)
					continue;
				if (pass == 0) {
					s->cell_first[c + 1]++;
					(*total)++;
				} else {
					uint32_t at = fill[c]++;
					s->ent_edge[at] = e;
					s->ent_seg[at] = k;
				}
			}
		memcpy(prev, cur, (size_t)n_cur * sizeof(size_t));
		n_prev = n_cur;
	}
}

/* Builds the grid at the given cell size: two passes over the segments,
 * count per cell, then fill. Returns 0 (nothing kept) when the entries would
 * not fit 32-bit offsets. */
static int fill_grid(net_snapper_t *s, const sr_network_t *net, const uint32_t *tail,
		     const uint8_t *indexed, double w, double h, double cell)
{
	s->cell = cell;
	s->nx = (uint32_t)(w / cell) + 1;
	s->ny = (uint32_t)(h / cell) + 1;
	size_t n_cells = (size_t)s->nx * s->ny;
	s->cell_first = xcalloc(n_cells + 1, sizeof(uint32_t));
	uint32_t *fill = NULL;
	uint64_t total = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t e = 0; e < net->n_edges; e++) {
			if (!indexed[e])
				continue;
			uint32_t np = n_geom(net, e) + 2;
			double la0, lo0, la1, lo1;
			edge_point(net, e, tail[e], 0, &la0, &lo0);
			for (uint32_t k = 0; k + 1 < np; k++, la0 = la1, lo0 = lo1) {
				edge_point(net, e, tail[e], k + 1, &la1, &lo1);
				double x0, y0, x1, y1;
				to_grid(s, la0, lo0, &x0, &y0);
				to_grid(s, la1, lo1, &x1, &y1);
				cover_segment(s, pass, fill, &total, x0, y0, x1, y1, e, k);
			}
			if (pass == 0 && total >= UINT32_MAX) {
				free(s->cell_first);
				s->cell_first = NULL;
				return 0;
			}
		}
		if (pass == 0) {
			for (size_t c = 0; c < n_cells; c++)
				s->cell_first[c + 1] += s->cell_first[c];
			size_t n_ent = s->cell_first[n_cells];
			s->ent_edge = xmalloc((n_ent + 1) * sizeof(uint32_t));
			s->ent_seg = xmalloc((n_ent + 1) * sizeof(uint32_t));
			fill = xmalloc((n_cells + 1) * sizeof(uint32_t));
			memcpy(fill, s->cell_first, n_cells * sizeof(uint32_t));
		}
	}
	free(fill);
	return 1;
}

net_snapper_t *net_snapper_new(const sr_network_t *net, int main_only)
{
	net_snap_opts_t o;
	net_snap_opts_init(&o);
	o.main_only = main_only;
	return net_snapper_new_opts(net, &o);
}

net_snapper_t *net_snapper_new_opts(const sr_network_t *net, const net_snap_opts_t *o)
{
	net_snapper_t *s = xcalloc(1, sizeof(*s));
	s->net = net;
	s->main_only = o->main_only;
	uint32_t ne = net->n_edges;
	s->edge_main = xcalloc((size_t)ne + 1, 1);
	s->edge_ok = xcalloc((size_t)ne + 1, 1);
	uint32_t *tail = xmalloc(((size_t)ne + 1) * sizeof(uint32_t));
	uint8_t *indexed = xcalloc((size_t)ne + 1, 1);
	for (uint32_t v = 0; v < net->n_nodes; v++)
		for (uint32_t e = net->first_out[v]; e < net->first_out[v + 1]; e++)
			tail[e] = v;
	double min_lat = INFINITY, max_lat = -INFINITY, min_lon = INFINITY, max_lon = -INFINITY;
	size_t n_seg = 0;
	for (uint32_t e = 0; e < ne; e++) {
		uint32_t tw = net_edge_twin(net, e);
		if (tw != NET_NO_EDGE && tw < e)
			continue;
		indexed[e] = 1;
		s->edge_main[e] = !net->comp || (net->comp[tail[e]] == net->largest_comp &&
						 net->comp[net->head[e]] == net->largest_comp);
		s->edge_ok[e] = (!o->main_only || s->edge_main[e]) &&
				(!o->stops_only || !net->road_class ||
				 net_class_stop_ok(net->road_class[e]));
		uint32_t np = n_geom(net, e) + 2;
		for (uint32_t k = 0; k < np; k++) {
			double la, lo;
			edge_point(net, e, tail[e], k, &la, &lo);
			min_lat = fmin(min_lat, la);
			max_lat = fmax(max_lat, la);
			min_lon = fmin(min_lon, lo);
			max_lon = fmax(max_lon, lo);
		}
		n_seg += np - 1;
	}
	if (n_seg == 0) {
		min_lat = max_lat = min_lon = max_lon = 0;
	}
	s->lat0 = 0.5 * (min_lat + max_lat);
	s->lon0 = 0.5 * (min_lon + max_lon);
	s->ky = DEG_M;
	s->kx = DEG_M * cos(s->lat0 * SR_PI / 180.0);
	to_grid(s, min_lat, min_lon, &s->min_x, &s->min_y);
	double max_x, max_y;
	to_grid(s, max_lat, max_lon, &max_x, &max_y);
	double w = fmax(max_x - s->min_x, 1.0), h = fmax(max_y - s->min_y, 1.0);
	/* about two segments per cell on average, but no more than 4M cells */
	double cell = sqrt(w * h * 2.0 / (double)(n_seg ? n_seg : 1));
	cell = fmax(cell, sqrt(w * h / 4e6));
	cell = fmax(cell, 10.0);
	/* A grid whose entries would pass 32 bits (a huge map at a fine cell)
	 * is built again with cells twice as wide. */
	while (!fill_grid(s, net, tail, indexed, w, h, cell))
		cell *= 2;
	free(indexed);
	free(tail);
	return s;
}

void net_snapper_free(net_snapper_t *s)
{
	if (!s)
		return;
	free(s->cell_first);
	free(s->ent_edge);
	free(s->ent_seg);
	free(s->edge_main);
	free(s->edge_ok);
	free(s);
}

typedef struct cand {
	uint32_t edge, seg;
	double d; /* local-projection distance, metres */
	double u; /* 0..1 along the segment */
} cand_t;

/* Nearest indexed segment to (lat, lon); with want_ok only candidate
 * edges. Returns 0 when there is none. Ties go to the lower edge, then
 * segment. */
static int nearest(const net_snapper_t *s, double lat, double lon, int want_ok, cand_t *best)
{
	const sr_network_t *net = s->net;
	double kxq = DEG_M * cos(lat * SR_PI / 180.0), ky = DEG_M;
	/* unseen cells at ring k+1 are at least k cells away in the grid's
	 * projection; scale to the query's projection conservatively */
	double scale = fmin(1.0, cos(lat * SR_PI / 180.0) / cos(s->lat0 * SR_PI / 180.0)) * 0.999;
	double gx, gy;
	to_grid(s, lat, lon, &gx, &gy);
	double fi = floor((gx - s->min_x) / s->cell), fj = floor((gy - s->min_y) / s->cell);
	long ci = fi < 0 ? 0 : fi >= s->nx ? (long)s->nx - 1 : (long)fi;
	long cj = fj < 0 ? 0 : fj >= s->ny ? (long)s->ny - 1 : (long)fj;
	long kmax = (long)(s->nx > s->ny ? s->nx : s->ny);
	best->edge = NET_NO_EDGE;
	best->d = INFINITY;
	for (long k = 0; k <= kmax; k++) {
		for (long j = cj - k; j <= cj + k; j++) {
			if (j < 0 || j >= (long)s->ny)
				continue;
			long step = (j == cj - k || j == cj + k) ? 1 : 2 * k;
			for (long i = ci - k; i <= ci + k; i += step) {
				if (i < 0 || i >= (long)s->nx)
					continue;
				size_t c = (size_t)j * s->nx + (size_t)i;
				for (uint32_t a = s->cell_first[c]; a < s->cell_first[c + 1]; a++) {
					uint32_t e = s->ent_edge[a], g = s->ent_seg[a];
					if (want_ok && !s->edge_ok[e])
						continue;
					uint32_t t = net_edge_tail(net, e);
					double la0, lo0, la1, lo1;
					edge_point(net, e, t, g, &la0, &lo0);
					edge_point(net, e, t, g + 1, &la1, &lo1);
					double x0 = (lo0 - lon) * kxq, y0 = (la0 - lat) * ky;
					double dx = (lo1 - lo0) * kxq, dy = (la1 - la0) * ky;
					double dd = dx * dx + dy * dy, u = 0;
					if (dd > 0) {
						u = -(x0 * dx + y0 * dy) / dd;
						u = u < 0 ? 0 : u > 1 ? 1 : u;
					}
					double px = x0 + u * dx, py = y0 + u * dy;
					double d = sqrt(px * px + py * py);
					if (d < best->d ||
					    (d == best->d && (e < best->edge || (e == best->edge &&
										 g < best->seg)))) {
						best->edge = e;
						best->seg = g;
						best->d = d;
						best->u = u;
					}
				}
			}
		}
		if (best->edge != NET_NO_EDGE && best->d <= (double)k * s->cell * scale)
			break;
	}
	return best->edge != NET_NO_EDGE;
}

int net_snap(const net_snapper_t *s, double lat, double lon, net_snap_t *out, sr_error_t *err)
{
	const sr_network_t *net = s->net;
	memset(out, 0, sizeof(*out));
	if (!isfinite(lat) || !isfinite(lon) || fabs(lat) > 90 || fabs(lon) > 180)
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("invalid coordinates %g, %g"), lat,
				    lon);
	cand_t c, any;
	if (!nearest(s, lat, lon, 1, &c))
		return sr_error_set(
			err, SR_EINPUT, NULL, 0,
			s->main_only ? _("no road to snap %.6f, %.6f to: the network has no "
					 "main-component edges")
				     : _("no road to snap %.6f, %.6f to: the network has no edges"),
			lat, lon);
	if (nearest(s, lat, lon, 0, &any) && any.edge != c.edge && any.d < c.d) {
		out->off_main = s->main_only && !s->edge_main[any.edge];
		out->off_allowed = net->road_class && !net_class_stop_ok(net->road_class[any.edge]);
		out->near_class = net->road_class ? net->road_class[any.edge] : 0;
		out->near_m = any.d;
	} else {
		out->near_class = net->road_class ? net->road_class[c.edge] : 0;
		out->near_m = c.d;
	}
	uint32_t e = c.edge, tail = net_edge_tail(net, e), np = n_geom(net, e) + 2;
	double before = 0, total = 0, seg_len = 0, la0, lo0, la1, lo1;
	edge_point(net, e, tail, 0, &la0, &lo0);
	for (uint32_t k = 0; k + 1 < np; k++, la0 = la1, lo0 = lo1) {
		edge_point(net, e, tail, k + 1, &la1, &lo1);
		double l = sr_haversine_m(la0, lo0, la1, lo1);
		if (k < c.seg)
			before += l;
		if (k == c.seg) {
			seg_len = l;
			out->lat = la0 + c.u * (la1 - la0);
			out->lon = lo0 + c.u * (lo1 - lo0);
		}
		total += l;
	}
	out->edge = e;
	out->t = total > 0 ? (before + c.u * seg_len) / total : 0.0;
	if (out->t > 1)
		out->t = 1;
	out->dist_m = sr_haversine_m(lat, lon, out->lat, out->lon);
	return SR_OK;
}
