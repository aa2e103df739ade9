/*
 * gen_times.c - bus travel times over a generated district, so that the
 * example writer only sends a group to a session its bus can reach well
 * within the ride limit. The graph is built from the drawn ways themselves
 * (consecutive way nodes, both directions unless one-way), with
 * conservative bus speeds per road class, and searched with Dijkstra's
 * algorithm and a binary heap (Cormen et al., ch. 24).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gen_district.h"

struct gd_graph {
	size_t n;
	char *road;	  /* node is on a bus road */
	size_t *first[2]; /* [0] forward, [1] reverse CSR */
	size_t *head[2];
	double *sec[2];
};

static const char *way_tag(const gd_way_t *w, const char *k)
{
	for (size_t i = 0; i < w->tags.n; i++)
		if (!strcmp(w->tags.t[i].k, k))
			return w->tags.t[i].v;
	return NULL;
}

/* km/h a loaded bus keeps on a class (below the 60 km/h cap); 0: not a
 * bus road (tracks) */
static double bus_kmh(const char *hw, const char *surface)
{
	static const struct {
		const char *hw;
		double kmh, gravel_kmh;
	} speeds[] = {
		{"primary", 60, 60},	  {"secondary", 60, 60},   {"tertiary", 50, 40},
		{"unclassified", 40, 30}, {"residential", 30, 20}, {"living_street", 10, 10},
		{"service", 15, 15},
	};
	int gravel = surface && strcmp(surface, "asphalt") && strcmp(surface, "paved");
	for (size_t i = 0; hw && i < sizeof(speeds) / sizeof(speeds[0]); i++)
		if (!strcmp(hw, speeds[i].hw))
			return gravel ? speeds[i].gravel_kmh : speeds[i].kmh;
	return 0;
}

typedef struct garc {
	size_t a, b;
	double s;
} garc_t;

static struct gd_graph *build(const gd_district_t *d)
{
	struct gd_graph *g = xcalloc(1, sizeof(*g));
	garc_t *arcs = NULL;
	size_t n_arcs = 0, cap = 0;
	g->n = d->n_nodes;
	g->road = xcalloc(g->n + 1, 1);
	for (size_t i = 0; i < d->n_ways; i++) {
		const gd_way_t *w = &d->ways[i];
		const char *acc = way_tag(w, "access");
		double kmh = bus_kmh(way_tag(w, "highway"), way_tag(w, "surface"));
		if (kmh <= 0 || (acc && (!strcmp(acc, "private") || !strcmp(acc, "no"))))
			continue;
		const char *ow = way_tag(w, "oneway"), *jn = way_tag(w, "junction");
		int fwd = !(ow && !strcmp(ow, "-1"));
		int back = !((ow && !strcmp(ow, "yes")) || (jn && !strcmp(jn, "roundabout")));
		for (size_t k = 0; k + 1 < w->n; k++) {
			const gd_node_t *p = &d->nodes[w->nd[k]], *q = &d->nodes[w->nd[k + 1]];
			double s = hypot(q->x - p->x, q->y - p->y) / (kmh / 3.6);
			sr_grow(&arcs, &cap, n_arcs + 2, sizeof(*arcs));
			if (fwd)
				arcs[n_arcs++] =
					(garc_t){(size_t)w->nd[k], (size_t)w->nd[k + 1], s};
			if (back)
				arcs[n_arcs++] =
					(garc_t){(size_t)w->nd[k + 1], (size_t)w->nd[k], s};
			g->road[w->nd[k]] = g->road[w->nd[k + 1]] = 1;
		}
	}
	for (int dir = 0; dir < 2; dir++) {
		size_t *first = xcalloc(g->n + 2, sizeof(size_t));
		g->head[dir] = xmalloc(sizeof(size_t) * (n_arcs + 1));
		g->sec[dir] = xmalloc(sizeof(double) * (n_arcs + 1));
		for (size_t k = 0; k < n_arcs; k++)
			first[(dir ? arcs[k].b : arcs[k].a) + 2]++;
		for (size_t v = 0; v < g->n; v++)
			first[v + 2] += first[v + 1];
		for (size_t k = 0; k < n_arcs; k++) {
			size_t from = dir ? arcs[k].b : arcs[k].a, slot = first[from + 1]++;
			g->head[dir][slot] = dir ? arcs[k].a : arcs[k].b;
			g->sec[dir][slot] = arcs[k].s;
		}
		g->first[dir] = first; /* first[v]..first[v+1] after the shift */
	}
	free(arcs);
	return g;
}

void gd_graph_free(struct gd_graph *g)
{
	if (!g)
		return;
	free(g->road);
	for (int dir = 0; dir < 2; dir++) {
		free(g->first[dir]);
		free(g->head[dir]);
		free(g->sec[dir]);
	}
	free(g);
}

typedef struct qent {
	double t;
	size_t v;
} qent_t;

static void sift_up(qent_t *h, size_t i)
{
	qent_t e = h[i];
	for (; i > 0 && h[(i - 1) / 2].t > e.t; i = (i - 1) / 2)
		h[i] = h[(i - 1) / 2];
	h[i] = e;
}

static void sift_down(qent_t *h, size_t n, size_t i)
{
	qent_t e = h[i];
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		c += c + 1 < n && h[c + 1].t < h[c].t;
		if (h[c].t >= e.t)
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = e;
}

void gd_place_times(gd_district_t *d, double x, double y, int to_dest, double *t_place)
{
	if (!d->graph)
		d->graph = build(d);
	struct gd_graph *g = d->graph;
	size_t src = 0;
	double best = INFINITY;
	for (size_t v = 0; v < g->n; v++)
		if (g->road[v] && hypot(d->nodes[v].x - x, d->nodes[v].y - y) < best) {
			best = hypot(d->nodes[v].x - x, d->nodes[v].y - y);
			src = v;
		}
	/* times to the destination: search the reverse graph from it */
	int dir = to_dest ? 1 : 0;
	double *t = xmalloc(sizeof(double) * (g->n + 1));
	for (size_t v = 0; v < g->n; v++)
		t[v] = INFINITY;
	qent_t *h = NULL;
	size_t n = 0, cap = 0;
	t[src] = 0;
	sr_grow(&h, &cap, 1, sizeof(*h));
	h[n++] = (qent_t){0, src};
	while (n) {
		qent_t e = h[0];
		h[0] = h[--n];
		if (n)
			sift_down(h, n, 0);
		if (e.t > t[e.v])
			continue;
		for (size_t k = g->first[dir][e.v]; k < g->first[dir][e.v + 1]; k++) {
			size_t u = g->head[dir][k];
			if (e.t + g->sec[dir][k] < t[u]) {
				t[u] = e.t + g->sec[dir][k];
				sr_grow(&h, &cap, n + 1, sizeof(*h));
				h[n] = (qent_t){t[u], u};
				sift_up(h, n++);
			}
		}
	}
	for (size_t i = 0; i < d->n_places; i++)
		t_place[i] = t[d->places[i].hub];
	free(t);
	free(h);
}
