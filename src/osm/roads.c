/*
 * roads.c - from the road ways the profile admitted to the CSR road graph.
 *
 * Graph compression as in OSRM's GraphCompressor and Routino's "super
 * segments": a road node becomes a graph vertex unless exactly two road
 * segments meet there and both have the same class, speed and direction of
 * travel; runs of such degree-2 nodes are folded into one edge that keeps
 * them as its geometry. A ring made only of foldable nodes (a lone
 * roundabout, a closed service loop) is cut at its first node. Lengths are
 * haversine sums over the original segments.
 *
 * Memory is proportional to the road network: 4 bytes per road-way node
 * reference plus a few arrays per road node and edge; the only array over
 * all nodes of the file is one uint32 per node (node-table index -> road
 * node).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"

#define NONE UINT32_MAX

double osm_roads_add(osm_roads_t *r, const osm_nodes_t *nodes, const uint32_t *idx, size_t n,
		     const net_way_rule_t *rule)
{
	size_t first = r->n_refs;
	double len = 0;
	for (size_t i = 0; i < n; i++) {
		if (r->n_refs > first && r->refs[r->n_refs - 1] == idx[i])
			continue; /* repeated node: no zero-length segment */
		if (r->n_refs > first) {
			uint32_t p = r->refs[r->n_refs - 1];
			len += sr_haversine_m(osm_node_lat(nodes, p), osm_node_lon(nodes, p),
					      osm_node_lat(nodes, idx[i]),
					      osm_node_lon(nodes, idx[i]));
		}
		sr_grow(&r->refs, &r->cap_refs, r->n_refs + 1, sizeof(*r->refs));
		r->refs[r->n_refs++] = idx[i];
	}
	uint32_t m = (uint32_t)(r->n_refs - first);
	if (m < 2) {
		r->n_refs = first;
		return 0;
	}
	sr_grow(&r->ways, &r->cap_ways, r->n_ways + 1, sizeof(*r->ways));
	osm_road_way_t *w = &r->ways[r->n_ways++];
	w->first = first;
	w->n = m;
	w->road_class = (uint8_t)rule->road_class;
	w->forward = (uint8_t)rule->forward;
	w->backward = (uint8_t)rule->backward;
	w->kmh = (float)rule->speed_kmh;
	return len;
}

void osm_roads_free(osm_roads_t *r)
{
	free(r->refs);
	free(r->ways);
	memset(r, 0, sizeof(*r));
}

/* An edge found by walking a chain, before the CSR sort. */
typedef struct chain_arc {
	uint32_t from, to;
	float length_m, time_s;
	uint8_t road_class;
	size_t geom_first; /* into the temporary geometry (road node ids) */
	uint32_t geom_n;
	int reversed; /* geometry read backwards */
} chain_arc_t;

typedef struct builder {
	const osm_roads_t *r;
	const osm_nodes_t *nodes;
	uint32_t *seg_way;  /* refs position -> way (segment s = refs[s] -> refs[s+1]) */
	uint32_t *rnode;    /* node-table index -> road node, NONE */
	uint32_t *rn_table; /* road node -> node-table index */
	uint32_t n_rn;
	uint32_t *inc_first; /* road node -> incidences (segment << 1 | side) */
	uint32_t *inc;
	uint8_t *is_vertex;
	uint32_t *vid; /* road node -> graph vertex */
	uint8_t *seg_done;
	chain_arc_t *arcs;
	size_t n_arcs, cap_arcs;
	uint32_t *geom; /* road node ids of chain interiors */
	size_t n_geom, cap_geom;
} builder_t;

/* Direction flags of incidence x walked away from its node: bit0 = may go
 * along the walk, bit1 = may come back. */
static unsigned away_flags(const builder_t *b, uint32_t x)
{
	const osm_road_way_t *w = &b->r->ways[b->seg_way[x >> 1]];
	unsigned along = (x & 1) ? w->backward : w->forward;
	unsigned back = (x & 1) ? w->forward : w->backward;
	return along | back << 1;
}

/* Whether a node with exactly two incidences can be folded away. */
static int foldable(const builder_t *b, uint32_t v)
{
	if (b->inc_first[v + 1] - b->inc_first[v] != 2)
		return 0;
	uint32_t x1 = b->inc[b->inc_first[v]], x2 = b->inc[b->inc_first[v] + 1];
	const osm_road_way_t *w1 = &b->r->ways[b->seg_way[x1 >> 1]];
	const osm_road_way_t *w2 = &b->r->ways[b->seg_way[x2 >> 1]];
	if (w1->road_class != w2->road_class || w1->kmh != w2->kmh)
		return 0;
	/* arriving by x1 then leaving by x2: x1's flags as seen arriving are
	 * its away flags swapped */
	unsigned f1 = away_flags(b, x1), f2 = away_flags(b, x2);
	unsigned arrive1 = (f1 >> 1) | (f1 & 1) << 1;
	return arrive1 == f2;
}

static uint32_t seg_end(const builder_t *b, uint32_t x)
{
	/* the node at the far end of incidence x */
	uint32_t s = x >> 1;
	return b->rnode[b->r->refs[(x & 1) ? s : s + 1]];
}

static double seg_len(const builder_t *b, uint32_t s)
{
	uint32_t p = b->r->refs[s], q = b->r->refs[s + 1];
	return sr_haversine_m(osm_node_lat(b->nodes, p), osm_node_lon(b->nodes, p),
			      osm_node_lat(b->nodes, q), osm_node_lon(b->nodes, q));
}

static void push_arc(builder_t *b, uint32_t from, uint32_t to, double len, double secs, uint8_t cls,
		     size_t g0, uint32_t gn, int reversed)
{
	sr_grow(&b->arcs, &b->cap_arcs, b->n_arcs + 1, sizeof(*b->arcs));
	chain_arc_t *a = &b->arcs[b->n_arcs++];
	a->from = from;
	a->to = to;
	a->length_m = (float)len;
	a->time_s = (float)secs;
	a->road_class = cls;
	a->geom_first = g0;
	a->geom_n = gn;
	a->reversed = reversed;
}

/* Walks from vertex v out along incidence x until the next vertex. */
static void walk(builder_t *b, uint32_t v, uint32_t x)
{
	const osm_road_way_t *w = &b->r->ways[b->seg_way[x >> 1]];
	unsigned flags = away_flags(b, x);
	size_t g0 = b->n_geom;
	double len = 0;
	uint32_t cur = v;
	for (;;) {
		uint32_t s = x >> 1;
		b->seg_done[s] = 1;
		len += seg_len(b, s);
		uint32_t next = seg_end(b, x);
		if (b->is_vertex[next]) {
			cur = next;
			break;
		}
		sr_grow(&b->geom, &b->cap_geom, b->n_geom + 1, sizeof(*b->geom));
		b->geom[b->n_geom++] = next;
		/* leave next by its other incidence */
		uint32_t i0 = b->inc[b->inc_first[next]], i1 = b->inc[b->inc_first[next] + 1];
		uint32_t arrived = x ^ 1; /* same segment, the other side */
		x = (i0 == arrived) ? i1 : i0;
		cur = next;
	}
	uint32_t gn = (uint32_t)(b->n_geom - g0);
	double secs = len / (w->kmh / 3.6);
	if (flags & 1)
		push_arc(b, b->vid[v], b->vid[cur], len, secs, w->road_class, g0, gn, 0);
	if (flags & 2)
		push_arc(b, b->vid[cur], b->vid[v], len, secs, w->road_class, g0, gn, 1);
}

/* Road nodes in order of first use, and the way of every segment. */
static void number_road_nodes(builder_t *b)
{
	const osm_roads_t *r = b->r;
	b->rnode = xmalloc((b->nodes->n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < b->nodes->n; i++)
		b->rnode[i] = NONE;
	b->rn_table = xmalloc((r->n_refs + 1) * sizeof(uint32_t));
	b->seg_way = xmalloc((r->n_refs + 1) * sizeof(uint32_t));
	for (size_t wi = 0; wi < r->n_ways; wi++) {
		const osm_road_way_t *w = &r->ways[wi];
		for (uint32_t k = 0; k < w->n; k++) {
			uint32_t t = r->refs[w->first + k];
			if (b->rnode[t] == NONE) {
				b->rnode[t] = b->n_rn;
				b->rn_table[b->n_rn++] = t;
			}
			b->seg_way[w->first + k] = (uint32_t)wi;
		}
	}
}

/* Incidences: every segment end at its node. */
static void index_incidences(builder_t *b)
{
	const osm_roads_t *r = b->r;
	b->inc_first = xcalloc((size_t)b->n_rn + 2, sizeof(uint32_t));
	size_t n_inc = 0;
	for (size_t wi = 0; wi < r->n_ways; wi++) {
		const osm_road_way_t *w = &r->ways[wi];
		for (uint32_t k = 0; k + 1 < w->n; k++) {
			b->inc_first[b->rnode[r->refs[w->first + k]] + 1]++;
			b->inc_first[b->rnode[r->refs[w->first + k + 1]] + 1]++;
			n_inc += 2;
		}
	}
	for (uint32_t v = 0; v < b->n_rn; v++)
		b->inc_first[v + 1] += b->inc_first[v];
	b->inc = xmalloc((n_inc + 1) * sizeof(uint32_t));
	uint32_t *pos = xmalloc(((size_t)b->n_rn + 1) * sizeof(uint32_t));
	memcpy(pos, b->inc_first, ((size_t)b->n_rn + 1) * sizeof(uint32_t));
	for (size_t wi = 0; wi < r->n_ways; wi++) {
		const osm_road_way_t *w = &r->ways[wi];
		for (uint32_t k = 0; k + 1 < w->n; k++) {
			uint32_t s = (uint32_t)(w->first + k);
			b->inc[pos[b->rnode[r->refs[s]]]++] = s << 1;
			b->inc[pos[b->rnode[r->refs[s + 1]]]++] = s << 1 | 1;
		}
	}
	free(pos);
}

/* Chooses the graph vertices and walks every chain between them into arcs;
 * returns the number of vertices. */
static uint32_t walk_chains(builder_t *b, int fold)
{
	b->is_vertex = xcalloc((size_t)b->n_rn + 1, 1);
	for (uint32_t v = 0; v < b->n_rn; v++)
		b->is_vertex[v] = !fold || !foldable(b, v);
	b->seg_done = xcalloc(b->r->n_refs + 1, 1);
	b->vid = xmalloc(((size_t)b->n_rn + 1) * sizeof(uint32_t));
	uint32_t n_v = 0;
	for (uint32_t v = 0; v < b->n_rn; v++)
		b->vid[v] = b->is_vertex[v] ? n_v++ : NONE;

	for (uint32_t v = 0; v < b->n_rn; v++) {
		if (!b->is_vertex[v])
			continue;
		for (uint32_t i = b->inc_first[v]; i < b->inc_first[v + 1]; i++)
			if (!b->seg_done[b->inc[i] >> 1])
				walk(b, v, b->inc[i]);
	}
	/* rings of foldable nodes only: cut each at its first node */
	for (uint32_t v = 0; v < b->n_rn; v++) {
		if (b->is_vertex[v] || b->seg_done[b->inc[b->inc_first[v]] >> 1])
			continue;
		b->is_vertex[v] = 1;
		b->vid[v] = n_v++;
		walk(b, v, b->inc[b->inc_first[v]]);
	}
	return n_v;
}

/* The vertices' positions and OSM ids; the extent of all road nodes into st. */
static void csr_vertices(const builder_t *b, sr_network_t *net, osm_stats_t *st)
{
	uint32_t n_v = net->n_nodes;
	net->lat = xmalloc(((size_t)n_v + 1) * sizeof(double));
	net->lon = xmalloc(((size_t)n_v + 1) * sizeof(double));
	net->osm_id = xmalloc(((size_t)n_v + 1) * sizeof(int64_t));
	for (uint32_t v = 0; v < b->n_rn; v++) {
		uint32_t t = b->rn_table[v];
		double la = osm_node_lat(b->nodes, t), lo = osm_node_lon(b->nodes, t);
		if (v == 0 || la < st->min_lat)
			st->min_lat = la;
		if (v == 0 || la > st->max_lat)
			st->max_lat = la;
		if (v == 0 || lo < st->min_lon)
			st->min_lon = lo;
		if (v == 0 || lo > st->max_lon)
			st->max_lon = lo;
		if (b->vid[v] == NONE)
			continue;
		net->lat[b->vid[v]] = la;
		net->lon[b->vid[v]] = lo;
		net->osm_id[b->vid[v]] = b->nodes->a[t].id;
	}
}

/* The arcs by tail, those of one tail in the order found: returns the
 * permutation (arc positions in CSR order) and fills first_out. */
static uint32_t *csr_order(const builder_t *b, sr_network_t *net)
{
	uint32_t n_v = net->n_nodes;
	size_t ne = b->n_arcs;
	net->first_out = xcalloc((size_t)n_v + 2, sizeof(uint32_t));
	for (size_t i = 0; i < ne; i++)
		net->first_out[b->arcs[i].from + 1]++;
	for (uint32_t v = 0; v < n_v; v++)
		net->first_out[v + 1] += net->first_out[v];
	uint32_t *order = xmalloc((ne + 1) * sizeof(uint32_t));
	uint32_t *pos = xmalloc(((size_t)n_v + 1) * sizeof(uint32_t));
	memcpy(pos, net->first_out, ((size_t)n_v + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < ne; i++)
		order[pos[b->arcs[i].from]++] = (uint32_t)i;
	free(pos);
	return order;
}

/* The edges in CSR order with their attributes and geometry. */
static void csr_edges(const builder_t *b, sr_network_t *net, const uint32_t *order)
{
	size_t ne = b->n_arcs;
	net->head = xmalloc((ne + 1) * sizeof(uint32_t));
	net->length_m = xmalloc((ne + 1) * sizeof(float));
	net->time_s = xmalloc((ne + 1) * sizeof(float));
	net->road_class = xmalloc(ne + 1);
	net->geom_first = xmalloc((ne + 1) * sizeof(uint32_t));
	size_t n_g = 0;
	for (size_t i = 0; i < ne; i++)
		n_g += b->arcs[i].geom_n;
	net->geom_lat = xmalloc((n_g + 1) * sizeof(double));
	net->geom_lon = xmalloc((n_g + 1) * sizeof(double));
	size_t g = 0;
	for (size_t e = 0; e < ne; e++) {
		const chain_arc_t *a = &b->arcs[order[e]];
		net->head[e] = a->to;
		net->length_m[e] = a->length_m;
		net->time_s[e] = a->time_s;
		net->road_class[e] = a->road_class;
		net->geom_first[e] = (uint32_t)g;
		for (uint32_t k = 0; k < a->geom_n; k++) {
			uint32_t rn = b->geom[a->reversed ? a->geom_first + a->geom_n - 1 - k
							  : a->geom_first + k];
			net->geom_lat[g] = osm_node_lat(b->nodes, b->rn_table[rn]);
			net->geom_lon[g] = osm_node_lon(b->nodes, b->rn_table[rn]);
			g++;
		}
	}
	net->geom_first[ne] = (uint32_t)g;
}

static void builder_free(builder_t *b)
{
	free(b->rnode);
	free(b->rn_table);
	free(b->seg_way);
	free(b->inc_first);
	free(b->inc);
	free(b->is_vertex);
	free(b->seg_done);
	free(b->vid);
	free(b->arcs);
	free(b->geom);
}

sr_network_t *osm_roads_build(const osm_roads_t *r, const osm_nodes_t *nodes, int fold,
			      osm_stats_t *st)
{
	builder_t b;
	memset(&b, 0, sizeof(b));
	b.r = r;
	b.nodes = nodes;
	number_road_nodes(&b);
	index_incidences(&b);
	uint32_t n_v = walk_chains(&b, fold);

	/* CSR, arcs of one tail in the order found */
	sr_network_t *net = xcalloc(1, sizeof(*net));
	net->n_nodes = n_v;
	net->n_edges = (uint32_t)b.n_arcs;
	csr_vertices(&b, net, st);
	uint32_t *order = csr_order(&b, net);
	csr_edges(&b, net, order);
	free(order);
	net_compute_scc(net);
	builder_free(&b);
	return net;
}
