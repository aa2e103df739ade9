/*
 * gen_layout.c - lays out a synthetic rural district: a district town on a
 * street grid where a regional highway (primary) crosses a secondary road,
 * villages and hamlets scattered with a minimum spacing (dart throwing, a
 * Poisson-disk sample after Cook 1986), each with its own residential
 * street(s), joined to the highways by a planar spanning forest of local
 * roads (Kruskal's algorithm on k-nearest-neighbour candidate edges,
 * rejecting edges that would cross an existing road), plus loop roads and
 * field tracks along the other edges of the relative neighbourhood graph
 * (Toussaint 1980), a proximity graph often used as a model of rural road
 * meshes.
 * Road classes follow the traffic a road carries: a link that serves many
 * villages is tertiary, the rest unclassified, the smallest spurs gravel.
 * One leaf hamlet is reached by a track only.
 *
 * Everything is drawn from one sr_rng_t seeded by the caller, in a fixed
 * order, so the same options give the same district on every machine.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "gen_district.h"
#include "gen_names.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define GRID_SPACING_M 250.0

void gd_opts_init(gd_opts_t *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->villages = 80;
	o->destinations = 11;
	o->size_km = 0;
	o->lat0 = NAN;
	o->lon0 = NAN;
}

void gd_latlon(const gd_district_t *d, double x, double y, double *lat, double *lon)
{
	*lat = d->lat0 + y / 111132.95;
	*lon = d->lon0 + x / (111319.49 * cos(d->lat0 * M_PI / 180.0));
}

/* ---- building elements ---- */

static void tag(gd_tags_t *t, const char *k, const char *v)
{
	sr_grow(&t->t, &t->cap, t->n + 1, sizeof(*t->t));
	t->t[t->n].k = xstrdup(k);
	t->t[t->n].v = xstrdup(v);
	t->n++;
}

static void tagf(gd_tags_t *t, const char *k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void tagf(gd_tags_t *t, const char *k, const char *fmt, ...)
{
	sr_buf_t b;
	va_list ap;
	sr_buf_init(&b);
	va_start(ap, fmt);
	sr_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	tag(t, k, b.data);
	sr_buf_free(&b);
}

static int add_node(gd_district_t *d, double x, double y)
{
	sr_grow(&d->nodes, &d->cap_nodes, d->n_nodes + 1, sizeof(*d->nodes));
	gd_node_t *n = &d->nodes[d->n_nodes];
	memset(n, 0, sizeof(*n));
	n->x = x;
	n->y = y;
	return (int)d->n_nodes++;
}

static int add_way(gd_district_t *d)
{
	sr_grow(&d->ways, &d->cap_ways, d->n_ways + 1, sizeof(*d->ways));
	memset(&d->ways[d->n_ways], 0, sizeof(d->ways[0]));
	return (int)d->n_ways++;
}

static void way_push(gd_district_t *d, int w, int node)
{
	gd_way_t *wy = &d->ways[w];
	sr_grow(&wy->nd, &wy->cap, wy->n + 1, sizeof(*wy->nd));
	wy->nd[wy->n++] = node;
}

static int add_rel(gd_district_t *d)
{
	sr_grow(&d->rels, &d->cap_rels, d->n_rels + 1, sizeof(*d->rels));
	memset(&d->rels[d->n_rels], 0, sizeof(d->rels[0]));
	return (int)d->n_rels++;
}

static void rel_push(gd_district_t *d, int r, char type, int idx, const char *role)
{
	gd_rel_t *rl = &d->rels[r];
	sr_grow(&rl->m, &rl->cap, rl->n + 1, sizeof(*rl->m));
	rl->m[rl->n].type = type;
	rl->m[rl->n].idx = idx;
	rl->m[rl->n].role = role;
	rl->n++;
}

static double urand(sr_rng_t *r, double lo, double hi)
{
	return lo + (hi - lo) * sr_rng_unit(r);
}

static double dist(double x1, double y1, double x2, double y2)
{
	return hypot(x2 - x1, y2 - y1);
}

/* Appends to way w the intermediate nodes and the end node b of a gently
 * curving road from node a (already the way's last node) to node b: a
 * half-sine bow plus an S-shaped second harmonic and a little jitter. */
static void road_curve(gd_district_t *d, sr_rng_t *r, int w, int a, int b, double spacing,
		       double amp_frac)
{
	double xa = d->nodes[a].x, ya = d->nodes[a].y;
	double xb = d->nodes[b].x, yb = d->nodes[b].y;
	double L = dist(xa, ya, xb, yb);
	int k = (int)ceil(L / spacing);
	double px = L > 0 ? -(yb - ya) / L : 0, py = L > 0 ? (xb - xa) / L : 0;
	double a1 = urand(r, -amp_frac, amp_frac) * L;
	double a2 = urand(r, -amp_frac, amp_frac) * L * 0.4;
	for (int i = 1; i < k; i++) {
		double t = (double)i / k;
		double off = a1 * sin(M_PI * t) + a2 * sin(2 * M_PI * t) +
			     urand(r, -0.06, 0.06) * spacing;
		int n = add_node(d, xa + (xb - xa) * t + px * off, ya + (yb - ya) * t + py * off);
		way_push(d, w, n);
	}
	way_push(d, w, b);
}

/* A closed rectangle way centred at (x, y), half sizes hx, hy, turned by
 * angle a. Returns the way index. */
static int add_rect(gd_district_t *d, double x, double y, double hx, double hy, double a)
{
	static const double cx[4] = {-1, 1, 1, -1}, cy[4] = {-1, -1, 1, 1};
	int w = add_way(d), first = -1;
	double c = cos(a), s = sin(a);
	for (int i = 0; i < 4; i++) {
		double u = cx[i] * hx, v = cy[i] * hy;
		int n = add_node(d, x + u * c - v * s, y + u * s + v * c);
		if (i == 0)
			first = n;
		way_push(d, w, n);
	}
	way_push(d, w, first);
	return w;
}

/* ---- geometry ---- */

typedef struct seg {
	double x1, y1, x2, y2;
	int a, b; /* end nodes (road node indices) */
} seg_t;

typedef struct segs {
	seg_t *s;
	size_t n, cap;
} segs_t;

static void segs_add_nodes(segs_t *ss, const gd_district_t *d, int a, int b)
{
	sr_grow(&ss->s, &ss->cap, ss->n + 1, sizeof(*ss->s));
	seg_t *s = &ss->s[ss->n++];
	s->x1 = d->nodes[a].x;
	s->y1 = d->nodes[a].y;
	s->x2 = d->nodes[b].x;
	s->y2 = d->nodes[b].y;
	s->a = a;
	s->b = b;
}

static void segs_add_way(segs_t *ss, const gd_district_t *d, int w)
{
	const gd_way_t *wy = &d->ways[w];
	for (size_t i = 1; i < wy->n; i++)
		segs_add_nodes(ss, d, wy->nd[i - 1], wy->nd[i]);
}

static double orient(double ax, double ay, double bx, double by, double cx, double cy)
{
	return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* Whether the segment (x1,y1)-(x2,y2) between road nodes a and b properly
 * crosses any stored segment that does not share an end node with it. */
static int segs_cross(const segs_t *ss, double x1, double y1, double x2, double y2, int a, int b)
{
	for (size_t i = 0; i < ss->n; i++) {
		const seg_t *s = &ss->s[i];
		if (s->a == a || s->a == b || s->b == a || s->b == b)
			continue;
		double o1 = orient(x1, y1, x2, y2, s->x1, s->y1);
		double o2 = orient(x1, y1, x2, y2, s->x2, s->y2);
		double o3 = orient(s->x1, s->y1, s->x2, s->y2, x1, y1);
		double o4 = orient(s->x1, s->y1, s->x2, s->y2, x2, y2);
		if (((o1 > 0) != (o2 > 0)) && ((o3 > 0) != (o4 > 0)))
			return 1;
	}
	return 0;
}

static double seg_point_dist(const seg_t *s, double x, double y)
{
	double dx = s->x2 - s->x1, dy = s->y2 - s->y1;
	double l2 = dx * dx + dy * dy;
	double t = l2 > 0 ? ((x - s->x1) * dx + (y - s->y1) * dy) / l2 : 0;
	if (t < 0)
		t = 0;
	if (t > 1)
		t = 1;
	return dist(x, y, s->x1 + t * dx, s->y1 + t * dy);
}

/* ---- union-find ---- */
static int uf_find(int *p, int x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

/* ---- candidate links between villages (and the highways) ---- */
typedef struct link {
	int a, b; /* place indices; b = -1: to the attach node `att` */
	int att;  /* road node on a highway or the town grid */
	double len;
	int cls; /* LINK_* */
} link_t;

enum { LINK_TERTIARY = 0, LINK_UNCLASSIFIED, LINK_GRAVEL, LINK_TRACK };

static int link_cmp(const void *pa, const void *pb)
{
	const link_t *a = pa, *b = pb;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if (a->a != b->a)
		return a->a - b->a;
	if (a->b != b->b)
		return a->b - b->b;
	return a->att - b->att;
}

typedef struct nbr {
	int i;
	double d;
} nbr_t;

static int nbr_cmp(const void *pa, const void *pb)
{
	const nbr_t *a = pa, *b = pb;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return a->i - b->i;
}

static int link_node_b(const gd_district_t *d, const link_t *l)
{
	return l->b >= 0 ? d->places[l->b].hub : l->att;
}

/* ---- the layout ---- */

typedef struct layout {
	gd_district_t *d;
	sr_rng_t rng;
	int grid_n;
	int *grid;   /* grid_n * grid_n road nodes of the town */
	int *attach; /* road nodes villages may join */
	size_t n_attach, cap_attach;
	segs_t obstacles;     /* road segments new links must not cross */
	double *street_angle; /* per place */
	int *n_features;      /* per place: facilities placed so far */
	int *blocks;	      /* town blocks in the order facilities take them */
	int next_block;
	int block_corner; /* south-west grid node of the last block taken */
	int region;	  /* two-digit region code for road refs */
	int ref_seq;
} layout_t;

static void push_attach(layout_t *L, int node)
{
	sr_grow(&L->attach, &L->cap_attach, L->n_attach + 1, sizeof(*L->attach));
	L->attach[L->n_attach++] = node;
}

static void town(layout_t *L)
{
	gd_district_t *d = L->d;
	sr_rng_t *r = &L->rng;
	int n = L->grid_n, c = n / 2;
	gd_place_t *t = &d->places[0];
	t->name = xstrdup(gen_town_names[sr_rng_below(r, (uint32_t)gen_n_town_names)]);
	t->name_en = gen_translit_dup(t->name);
	t->kind = GD_TOWN;
	t->population = 8000 + (long)sr_rng_below(r, 9000) + 1500L * (n - 5);
	L->grid = xmalloc(sizeof(int) * (size_t)(n * n));
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			L->grid[i * n + j] =
				add_node(d, (j - c) * GRID_SPACING_M + urand(r, -12, 12),
					 (i - c) * GRID_SPACING_M + urand(r, -12, 12));
	t->x = d->nodes[L->grid[c * n + c]].x;
	t->y = d->nodes[L->grid[c * n + c]].y;
	t->hub = L->grid[c * n + c];

	/* street names: distinct, from a shuffled list */
	int *perm = xmalloc(sizeof(int) * gen_n_street_names);
	for (size_t i = 0; i < gen_n_street_names; i++)
		perm[i] = (int)i;
	sr_rng_shuffle_int(r, perm, gen_n_street_names);
	size_t next_name = 0;
	for (int dir = 0; dir < 2; dir++) {
		for (int i = 0; i < n; i++) {
			int w = add_way(d);
			/* rows run west to east, columns south to north; row 1
			 * and column 1 are one-way, row n-2 one-way backwards */
			int backwards = dir == 0 && i == n - 2 && i != c;
			for (int j = 0; j < n; j++) {
				int jj = backwards ? n - 1 - j : j;
				way_push(d, w,
					 dir == 0 ? L->grid[i * n + jj] : L->grid[jj * n + i]);
			}
			gd_tags_t *tg = &d->ways[w].tags;
			if (i == c) {
				tag(tg, "highway", dir == 0 ? "primary" : "secondary");
				tag(tg, "name", dir == 0 ? "улица Ленина" : "Советская улица");
				tag(tg, "maxspeed", dir == 0 ? "60" : "RU:urban");
				tag(tg, "surface", "asphalt");
			} else {
				tag(tg, "highway", "residential");
				tag(tg, "name",
				    gen_street_names[perm[next_name++ % gen_n_street_names]]);
				if (i == 1 && dir == 0)
					tag(tg, "oneway", "yes");
				else if (backwards)
					tag(tg, "oneway", "yes");
				else if (i == 1 && dir == 1)
					tag(tg, "oneway", "-1");
				tag(tg, "surface", "asphalt");
			}
			segs_add_way(&L->obstacles, d, w);
		}
	}
	free(perm);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			if (i == 0 || j == 0 || i == n - 1 || j == n - 1)
				push_attach(L, L->grid[i * n + j]);

	/* a living street off the northern edge of the town */
	int lw = add_way(d), prev = L->grid[(n - 1) * n + 1];
	way_push(d, lw, prev);
	for (int k = 1; k <= 2; k++)
		way_push(d, lw,
			 add_node(d, d->nodes[prev].x + urand(r, -5, 5),
				  d->nodes[prev].y + 80.0 * k));
	tag(&d->ways[lw].tags, "highway", "living_street");
	tag(&d->ways[lw].tags, "name", "Тихий переулок");
	tag(&d->ways[lw].tags, "maxspeed", "RU:living_street");
	segs_add_way(&L->obstacles, d, lw);

	int pn = add_node(d, t->x + 0.35 * GRID_SPACING_M, t->y + 0.3 * GRID_SPACING_M);
	t->node = pn;
}

/* A highway leg from a boundary point to a town grid node (or back). */
static void highway_leg(layout_t *L, double x, double y, int town_node, int outward, const char *hw,
			const char *ref, const char *maxspeed)
{
	gd_district_t *d = L->d;
	int end = add_node(d, x, y);
	int w = add_way(d);
	int from = outward ? town_node : end, to = outward ? end : town_node;
	way_push(d, w, from);
	size_t first_new = d->n_nodes;
	road_curve(d, &L->rng, w, from, to, 300.0, 0.05);
	for (size_t k = first_new; k < d->n_nodes; k++)
		push_attach(L, (int)k);
	gd_tags_t *tg = &d->ways[w].tags;
	tag(tg, "highway", hw);
	tag(tg, "ref", ref);
	if (maxspeed)
		tag(tg, "maxspeed", maxspeed);
	tag(tg, "surface", "asphalt");
	if (strcmp(hw, "tertiary"))
		tag(tg, "lanes", "2");
	segs_add_way(&L->obstacles, d, w);
}

static void highways(layout_t *L)
{
	gd_district_t *d = L->d;
	sr_rng_t *r = &L->rng;
	int n = L->grid_n, c = n / 2;
	double h = d->half_m;
	char pref[32], sref[32];
	snprintf(pref, sizeof(pref), "Р-%d", 100 + (int)sr_rng_below(r, 180));
	snprintf(sref, sizeof(sref), "%02dК-%03d", L->region, 1 + (int)sr_rng_below(r, 120));
	/* the regional highway meets the town's main street at a roundabout
	 * west of the town; local roads may join it from north and south */
	const gd_node_t *g0 = &d->nodes[L->grid[c * n + 0]];
	double rx = g0->x - 150, ry = g0->y;
	int ring[8];
	for (int k = 0; k < 8; k++) /* counter-clockwise: right-hand traffic */
		ring[k] = add_node(d, rx + 30 * cos(k * M_PI / 4), ry + 30 * sin(k * M_PI / 4));
	int rw = add_way(d);
	for (int k = 0; k <= 8; k++)
		way_push(d, rw, ring[k % 8]);
	tag(&d->ways[rw].tags, "highway", "primary");
	tag(&d->ways[rw].tags, "junction", "roundabout");
	tag(&d->ways[rw].tags, "surface", "asphalt");
	segs_add_way(&L->obstacles, d, rw);
	int cw = add_way(d);
	way_push(d, cw, ring[0]);
	way_push(d, cw, L->grid[c * n + 0]);
	tag(&d->ways[cw].tags, "highway", "primary");
	tag(&d->ways[cw].tags, "name", "улица Ленина");
	tag(&d->ways[cw].tags, "maxspeed", "60");
	tag(&d->ways[cw].tags, "surface", "asphalt");
	segs_add_way(&L->obstacles, d, cw);
	push_attach(L, ring[2]);
	push_attach(L, ring[6]);
	highway_leg(L, -h, urand(r, -0.3, 0.3) * h, ring[4], 0, "primary", pref, "90");
	highway_leg(L, h, urand(r, -0.3, 0.3) * h, L->grid[c * n + n - 1], 1, "primary", pref,
		    "90");
	highway_leg(L, urand(r, -0.3, 0.3) * h, -h, L->grid[0 * n + c], 0, "secondary", sref,
		    "RU:rural");
	highway_leg(L, urand(r, -0.3, 0.3) * h, h, L->grid[(n - 1) * n + c], 1, "secondary", sref,
		    "RU:rural");
	/* tertiary roads from the town's corners towards the district's
	 * corners, so that no village is far from a through road */
	static const int corner[4][2] = {{1, 1}, {1, -1}, {-1, -1}, {-1, 1}};
	for (int k = 0; k < 4; k++) {
		double a = atan2(corner[k][1], corner[k][0]) + urand(r, -0.25, 0.25);
		double reach = 0.82 * h / fmax(fabs(cos(a)), fabs(sin(a)));
		int gi = corner[k][1] > 0 ? n - 1 : 0, gj = corner[k][0] > 0 ? n - 1 : 0;
		char tref[32];
		snprintf(tref, sizeof(tref), "%02dН-%03d", L->region, ++L->ref_seq);
		highway_leg(L, reach * cos(a), reach * sin(a), L->grid[gi * n + gj], 1, "tertiary",
			    tref, k % 2 ? "RU:rural" : NULL);
	}
}

static int place_ok(const layout_t *L, int upto, double x, double y, double dmin, double town_clear)
{
	const gd_district_t *d = L->d;
	if (fabs(x) > d->half_m - 700 || fabs(y) > d->half_m - 700)
		return 0;
	if (dist(x, y, d->places[0].x, d->places[0].y) < town_clear)
		return 0;
	for (int i = 1; i < upto; i++)
		if (dist(x, y, d->places[i].x, d->places[i].y) < dmin)
			return 0;
	for (size_t i = 0; i < L->obstacles.n; i++)
		if (seg_point_dist(&L->obstacles.s[i], x, y) < 700)
			return 0;
	return 1;
}

/* A street through (x, y) at angle a, half-length hl, sharing node hub. */
static int street(layout_t *L, int hub, double a, double hl, const char *name, int maxspeed_kind)
{
	gd_district_t *d = L->d;
	sr_rng_t *r = &L->rng;
	double x = d->nodes[hub].x, y = d->nodes[hub].y;
	double ux = cos(a), uy = sin(a);
	int k = (int)ceil(hl / 90.0);
	int w = add_way(d);
	for (int i = -k; i <= k; i++) {
		if (i == 0) {
			way_push(d, w, hub);
			continue;
		}
		double s = hl * i / k;
		double wob = urand(r, -6, 6);
		way_push(d, w, add_node(d, x + ux * s - uy * wob, y + uy * s + ux * wob));
	}
	gd_tags_t *tg = &d->ways[w].tags;
	tag(tg, "highway", "residential");
	if (name)
		tag(tg, "name", name);
	if (maxspeed_kind == 1)
		tag(tg, "maxspeed", "RU:urban");
	else if (maxspeed_kind == 2)
		tag(tg, "maxspeed", "40");
	segs_add_way(&L->obstacles, d, w);
	return w;
}

/* Village names: a fresh stem, or (one in six) a nearby village's stem with
 * an adjective, as in Ивановка / Большая Ивановка. */
typedef struct namer {
	size_t ns, na;
	char *used;	/* [stem][adj + 1] */
	int *stem_of;	/* per place */
	int *stem_perm; /* the stems in the order fresh ones are taken */
	size_t next_stem;
} namer_t;

static void namer_init(namer_t *nm, sr_rng_t *r, int nv)
{
	nm->ns = gen_n_village_stems();
	nm->na = gen_n_village_adjectives();
	nm->used = xcalloc(nm->ns * (nm->na + 1), 1);
	nm->stem_of = xmalloc(sizeof(int) * (size_t)(nv + 1));
	nm->stem_perm = xmalloc(sizeof(int) * nm->ns);
	for (size_t i = 0; i < nm->ns; i++)
		nm->stem_perm[i] = (int)i;
	sr_rng_shuffle_int(r, nm->stem_perm, nm->ns);
	nm->next_stem = 0;
}

static void namer_free(namer_t *nm)
{
	free(nm->used);
	free(nm->stem_of);
	free(nm->stem_perm);
}

/* The nearest earlier village's stem with a free adjective, or -1. */
static int kin_stem(const gd_district_t *d, namer_t *nm, sr_rng_t *r, int v, int *adj)
{
	double x = d->places[v].x, y = d->places[v].y;
	int best = -1;
	for (int u = 1; u < v; u++)
		if (best < 0 || dist(x, y, d->places[u].x, d->places[u].y) <
					dist(x, y, d->places[best].x, d->places[best].y))
			best = u;
	int s = nm->stem_of[best];
	int a0 = (int)sr_rng_below(r, (uint32_t)nm->na);
	for (size_t k = 0; k < nm->na; k++) {
		int a = (int)((a0 + k) % nm->na);
		if (!nm->used[(size_t)s * (nm->na + 1) + (size_t)a + 1]) {
			*adj = a;
			return s;
		}
	}
	return -1;
}

static char *village_name(const gd_district_t *d, namer_t *nm, sr_rng_t *r, int v)
{
	int stem = -1, adj = -1;
	if (v > 8 && sr_rng_unit(r) < 1.0 / 6)
		stem = kin_stem(d, nm, r, v, &adj);
	while (stem < 0) {
		if (nm->next_stem < nm->ns) {
			stem = nm->stem_perm[nm->next_stem++];
		} else {
			/* every stem used: take the next free pair */
			for (size_t k = 0; k < nm->ns * (nm->na + 1) && stem < 0; k++) {
				size_t s = (size_t)nm->stem_perm[k % nm->ns], a = k / nm->ns;
				if (!nm->used[s * (nm->na + 1) + a]) {
					stem = (int)s;
					adj = (int)a - 1;
				}
			}
		}
	}
	nm->used[(size_t)stem * (nm->na + 1) + (size_t)(adj + 1)] = 1;
	nm->stem_of[v] = stem;
	return gen_village_name((size_t)stem, adj);
}

/* Dart throwing for village v: a point at least *dmin from the villages so
 * far, clear of the town and of every road; the spacing shrinks when the
 * square fills up. SR_EINPUT when there is no room at all. */
static int village_site(layout_t *L, int v, double *dmin, double *town_clear, double *x, double *y,
			sr_error_t *err)
{
	gd_district_t *d = L->d;
	sr_rng_t *r = &L->rng;
	for (int tries = 0, rounds = 0;; tries++) {
		*x = urand(r, -d->half_m, d->half_m);
		*y = urand(r, -d->half_m, d->half_m);
		if (place_ok(L, v, *x, *y, *dmin, *town_clear))
			return SR_OK;
		if (tries > 3000) {
			*dmin *= 0.93;
			*town_clear *= 0.97;
			tries = 0;
			if (++rounds > 60)
				return sr_error_set(
					err, SR_EINPUT, NULL, 0,
					"no room for %d villages in %.1f km: use a larger --size-km",
					d->o.villages, 2 * d->half_m / 1000);
		}
	}
}

/* The village's own street(s), its place node and (from 250 people) its
 * bus stop. */
static void village_streets(layout_t *L, int v)
{
	gd_district_t *d = L->d;
	sr_rng_t *r = &L->rng;
	gd_place_t *p = &d->places[v];
	double x = p->x, y = p->y;
	p->hub = add_node(d, x, y);
	double a = urand(r, 0, M_PI);
	L->street_angle[v] = a;
	double hl = p->kind == GD_HAMLET ? 90 + p->population * 1.5
					 : 200 + fmin(700, p->population * 0.45);
	/* keep the street clear of every road drawn so far */
	for (size_t k = 0; k < L->obstacles.n; k++)
		hl = fmin(hl, 0.8 * seg_point_dist(&L->obstacles.s[k], x, y));
	const char *sname = NULL;
	if (p->kind == GD_VILLAGE || sr_rng_unit(r) < 0.5)
		sname = gen_street_names[sr_rng_below(r, 8)];
	int msk = sr_rng_unit(r) < 0.25 ? 1 : (sr_rng_unit(r) < 0.1 ? 2 : 0);
	street(L, p->hub, a, hl, sname, msk);
	if (p->population >= 450) {
		const char *s2 =
			gen_street_names[8 + sr_rng_below(r, (uint32_t)gen_n_street_names - 8)];
		street(L, p->hub, a + M_PI / 2 + urand(r, -0.2, 0.2), hl * 0.6, s2, 0);
	}
	p->node = add_node(d, x + 30 * cos(a + 1.2), y + 30 * sin(a + 1.2));
	if (p->population >= 250) {
		int bs = add_node(d, x + 18 * cos(a - M_PI / 2), y + 18 * sin(a - M_PI / 2));
		tag(&d->nodes[bs].tags, "highway", "bus_stop");
		tag(&d->nodes[bs].tags, "name", p->name);
	}
}

static int villages(layout_t *L, sr_error_t *err)
{
	gd_district_t *d = L->d;
	sr_rng_t *r = &L->rng;
	int nv = d->o.villages, rc = SR_OK;
	double area = 4 * d->half_m * d->half_m;
	double dmin = 0.62 * sqrt(area / nv);
	double town_clear = L->grid_n * GRID_SPACING_M * 0.75 + 1800;
	namer_t nm;
	namer_init(&nm, r, nv);
	for (int v = 1; v <= nv && rc == SR_OK; v++) {
		gd_place_t *p = &d->places[v];
		rc = village_site(L, v, &dmin, &town_clear, &p->x, &p->y, err);
		if (rc)
			break;
		if (sr_rng_unit(r) < 0.35) {
			p->kind = GD_HAMLET;
			p->population = 5 + (long)sr_rng_below(r, 90);
		} else {
			p->kind = GD_VILLAGE;
			p->population = (long)(100 * exp(urand(r, 0, 2.75)));
		}
		p->name = village_name(d, &nm, r, v);
		p->name_en = gen_translit_dup(p->name);
		village_streets(L, v);
	}
	namer_free(&nm);
	return rc;
}

static void link_tags(layout_t *L, int w, int cls)
{
	gd_district_t *d = L->d;
	sr_rng_t *r = &L->rng;
	gd_tags_t *tg = &d->ways[w].tags;
	switch (cls) {
	case LINK_TERTIARY:
		tag(tg, "highway", "tertiary");
		tagf(tg, "ref", "%02dН-%03d", L->region, ++L->ref_seq);
		tag(tg, "surface", "asphalt");
		if (sr_rng_unit(r) < 0.35)
			tag(tg, "maxspeed", "RU:rural");
		else if (sr_rng_unit(r) < 0.15)
			tag(tg, "maxspeed", "70");
		break;
	case LINK_UNCLASSIFIED:
		tag(tg, "highway", "unclassified");
		tag(tg, "surface", "asphalt");
		break;
	case LINK_GRAVEL:
		tag(tg, "highway", "unclassified");
		tag(tg, "surface", "gravel");
		break;
	default:
		tag(tg, "highway", "track");
		tag(tg, "tracktype", sr_rng_unit(r) < 0.5 ? "grade2" : "grade3");
		tag(tg, "surface", sr_rng_unit(r) < 0.6 ? "gravel" : "ground");
		break;
	}
}

/* A growable list of links. */
typedef struct links {
	link_t *l;
	size_t n, cap;
} links_t;

static void links_push(links_t *ls, link_t l)
{
	sr_grow(&ls->l, &ls->cap, ls->n + 1, sizeof(*ls->l));
	ls->l[ls->n++] = l;
}

/* Candidate links of village v: its K nearest villages (each pair once,
 * also when only the other end lists it) and its 3 nearest attach nodes.
 * nb has room for every village and attach node. */
static void village_candidates(layout_t *L, int v, int K, nbr_t *nb, links_t *cand)
{
	gd_district_t *d = L->d;
	const gd_place_t *p = &d->places[v];
	int nv = d->o.villages, m = 0;
	for (int u = 1; u <= nv; u++)
		if (u != v) {
			nb[m].i = u;
			nb[m++].d = dist(p->x, p->y, d->places[u].x, d->places[u].y);
		}
	qsort(nb, (size_t)m, sizeof(*nb), nbr_cmp);
	for (int k = 0; k < m && k < K; k++) {
		if (nb[k].i < v)
			continue; /* the pair comes from the other end too */
		links_push(cand, (link_t){v, nb[k].i, -1, nb[k].d, 0});
	}
	/* pairs where only the other end lists this one */
	for (int k = 0; k < m && k < K; k++) {
		if (nb[k].i > v)
			continue;
		int u = nb[k].i, listed = 0;
		for (size_t c = 0; c < cand->n; c++)
			if (cand->l[c].a == u && cand->l[c].b == v)
				listed = 1;
		if (!listed)
			links_push(cand, (link_t){u, v, -1, nb[k].d, 0});
	}
	m = 0;
	for (size_t k = 0; k < L->n_attach; k++) {
		const gd_node_t *an = &d->nodes[L->attach[k]];
		nb[m].i = (int)k;
		nb[m++].d = dist(p->x, p->y, an->x, an->y);
	}
	qsort(nb, (size_t)m, sizeof(*nb), nbr_cmp);
	/* a highway junction costs a little more than a village link of the
	 * same length: villages chain into local roads */
	for (int k = 0; k < m && k < 3; k++)
		links_push(cand, (link_t){v, -1, L->attach[nb[k].i], nb[k].d * 1.15, 0});
}

/* Every village's candidate links, shortest first. */
static void road_candidates(layout_t *L, links_t *cand)
{
	int nv = L->d->o.villages;
	nbr_t *nb = xmalloc(sizeof(nbr_t) * (size_t)(nv + L->n_attach + 1));
	for (int v = 1; v <= nv; v++)
		village_candidates(L, v, 8, nb, cand);
	qsort(cand->l, cand->n, sizeof(*cand->l), link_cmp);
	free(nb);
}

/* Kruskal over the candidates into acc: index 0 stands for the highway
 * network (the town is on it); links crossing a drawn road are skipped.
 * Rare: a village boxed in by roads is then joined to the nearest
 * connected point regardless of crossings (a bridge, say). */
static void spanning_forest(layout_t *L, const links_t *cand, links_t *acc)
{
	gd_district_t *d = L->d;
	int nv = d->o.villages;
	int *uf = xmalloc(sizeof(int) * (size_t)(nv + 1));
	for (int i = 0; i <= nv; i++)
		uf[i] = i;
	int components = nv;
	for (size_t c = 0; c < cand->n && components > 0; c++) {
		const link_t *l = &cand->l[c];
		int ra = uf_find(uf, l->a), rb = uf_find(uf, l->b < 0 ? 0 : l->b);
		if (ra == rb)
			continue;
		int na = d->places[l->a].hub, nbn = link_node_b(d, l);
		if (segs_cross(&L->obstacles, d->nodes[na].x, d->nodes[na].y, d->nodes[nbn].x,
			       d->nodes[nbn].y, na, nbn))
			continue;
		uf[ra] = rb;
		components--;
		segs_add_nodes(&L->obstacles, d, na, nbn);
		links_push(acc, *l);
	}
	while (components > 0) {
		for (size_t c = 0; c < cand->n; c++) {
			const link_t *l = &cand->l[c];
			int ra = uf_find(uf, l->a), rb = uf_find(uf, l->b < 0 ? 0 : l->b);
			if (ra == rb)
				continue;
			uf[ra] = rb;
			components--;
			segs_add_nodes(&L->obstacles, d, d->places[l->a].hub, link_node_b(d, l));
			links_push(acc, *l);
			break;
		}
	}
	free(uf);
}

/* Roots the forest (tree links acc[0..n_tree)) at the highways: fills
 * parent_link[v] (the link towards the highways), children[v] and the
 * breadth-first order; returns how many villages it reached. */
static int forest_order(const links_t *acc, size_t n_tree, int nv, int *parent_link, int *children,
			int *order)
{
	char *seen = xcalloc((size_t)nv + 1, 1);
	int head = 0, tail = 0;
	for (int v = 0; v <= nv; v++)
		parent_link[v] = -1;
	for (size_t k = 0; k < n_tree; k++)
		if (acc->l[k].b < 0) {
			order[tail++] = acc->l[k].a;
			seen[acc->l[k].a] = 1;
			parent_link[acc->l[k].a] = (int)k;
		}
	while (head < tail) {
		int u = order[head++];
		for (size_t k = 0; k < n_tree; k++) {
			const link_t *l = &acc->l[k];
			int v = -1;
			if (l->b < 0)
				continue;
			if (l->a == u)
				v = l->b;
			else if (l->b == u)
				v = l->a;
			if (v > 0 && !seen[v]) {
				seen[v] = 1;
				parent_link[v] = (int)k;
				order[tail++] = v;
				children[u]++;
			}
		}
	}
	free(seen);
	return tail;
}

/* Road classes from the traffic each tree link carries: the villages and
 * people below it, leaves first. */
static void link_classes(const gd_district_t *d, links_t *acc, const int *order, int n_order,
			 const int *parent_link)
{
	int nv = d->o.villages;
	long *sub_n = xcalloc((size_t)nv + 1, sizeof(long));
	long *sub_pop = xcalloc((size_t)nv + 1, sizeof(long));
	for (int i = n_order - 1; i >= 0; i--) {
		int v = order[i];
		sub_n[v] += 1;
		sub_pop[v] += d->places[v].population;
		const link_t *pl = &acc->l[parent_link[v]];
		int up = pl->b < 0 ? 0 : (pl->a == v ? pl->b : pl->a);
		if (up > 0) {
			sub_n[up] += sub_n[v];
			sub_pop[up] += sub_pop[v];
		}
		acc->l[parent_link[v]].cls = sub_n[v] >= 5 || sub_pop[v] >= 1500 ? LINK_TERTIARY
					     : sub_pop[v] < 150			 ? LINK_GRAVEL
								: LINK_UNCLASSIFIED;
	}
	free(sub_n);
	free(sub_pop);
}

/* The track-only hamlet: the leaf farthest from the town, a hamlet if one
 * is a leaf; its link becomes a track. Returns its place index. */
static int track_hamlet(layout_t *L, links_t *acc, const int *children, const int *parent_link)
{
	gd_district_t *d = L->d;
	int nv = d->o.villages, th = -1;
	double th_d = -1;
	for (int pass = 0; pass < 2 && th < 0; pass++)
		for (int v = 1; v <= nv; v++) {
			if (children[v] || (pass == 0 && d->places[v].kind != GD_HAMLET))
				continue;
			double dv = dist(d->places[v].x, d->places[v].y, 0, 0);
			if (dv > th_d) {
				th_d = dv;
				th = v;
			}
		}
	d->track_hamlet = th;
	d->places[th].track_only = 1;
	if (d->places[th].kind != GD_HAMLET) {
		d->places[th].kind = GD_HAMLET;
		d->places[th].population = 10 + (long)sr_rng_below(&L->rng, 40);
	}
	acc->l[parent_link[th]].cls = LINK_TRACK;
	return th;
}

/* Whether a village or highway node is closer to both ends of l than they
 * are to each other (then l is no edge of the relative neighbourhood
 * graph). */
static int rng_blocked(const layout_t *L, const link_t *l)
{
	const gd_district_t *d = L->d;
	const gd_place_t *pa = &d->places[l->a], *pb = &d->places[l->b];
	int blocked = 0;
	for (int w = 1; w <= d->o.villages && !blocked; w++)
		blocked = w != l->a && w != l->b &&
			  fmax(dist(pa->x, pa->y, d->places[w].x, d->places[w].y),
			       dist(pb->x, pb->y, d->places[w].x, d->places[w].y)) < l->len;
	for (size_t k = 0; k < L->n_attach && !blocked; k++) {
		const gd_node_t *an = &d->nodes[L->attach[k]];
		blocked = fmax(dist(pa->x, pa->y, an->x, an->y), dist(pb->x, pb->y, an->x, an->y)) <
			  l->len;
	}
	return blocked;
}

/* Loops and field tracks: the other edges of the relative neighbourhood
 * graph (Toussaint 1980; a classic model of rural road meshes) that cross
 * no drawn road and avoid the track-only hamlet th. */
static void loop_roads(layout_t *L, const links_t *cand, links_t *acc, int th)
{
	gd_district_t *d = L->d;
	for (size_t c = 0; c < cand->n; c++) {
		link_t l = cand->l[c];
		if (l.b < 0 || l.a == th || l.b == th)
			continue;
		int adjacent = 0;
		for (size_t k = 0; k < acc->n && !adjacent; k++)
			adjacent =
				acc->l[k].b >= 0 && ((acc->l[k].a == l.a && acc->l[k].b == l.b) ||
						     (acc->l[k].a == l.b && acc->l[k].b == l.a));
		if (adjacent || rng_blocked(L, &l))
			continue;
		const gd_place_t *pa = &d->places[l.a], *pb = &d->places[l.b];
		if (segs_cross(&L->obstacles, pa->x, pa->y, pb->x, pb->y, pa->hub, pb->hub))
			continue;
		double u = sr_rng_unit(&L->rng);
		l.cls = u < 0.2 ? LINK_TRACK : u < 0.55 ? LINK_GRAVEL : LINK_UNCLASSIFIED;
		segs_add_nodes(&L->obstacles, d, pa->hub, pb->hub);
		links_push(acc, l);
	}
}

static void roads(layout_t *L)
{
	gd_district_t *d = L->d;
	int nv = d->o.villages;
	links_t cand = {0}, acc = {0};
	road_candidates(L, &cand);
	spanning_forest(L, &cand, &acc);

	int *parent_link = xmalloc(sizeof(int) * (size_t)(nv + 1));
	int *order = xmalloc(sizeof(int) * (size_t)(nv + 1));
	int *children = xcalloc((size_t)nv + 1, sizeof(int));
	int n_order = forest_order(&acc, acc.n, nv, parent_link, children, order);
	link_classes(d, &acc, order, n_order, parent_link);
	int th = track_hamlet(L, &acc, children, parent_link);
	loop_roads(L, &cand, &acc, th);

	/* draw them */
	for (size_t k = 0; k < acc.n; k++) {
		int a = d->places[acc.l[k].a].hub, b = link_node_b(d, &acc.l[k]);
		int w = add_way(d);
		way_push(d, w, a);
		road_curve(d, &L->rng, w, a, b, acc.l[k].cls == LINK_TERTIARY ? 200.0 : 150.0,
			   0.07);
		link_tags(L, w, acc.l[k].cls);
	}
	free(cand.l);
	free(acc.l);
	free(parent_link);
	free(order);
	free(children);
}

/* ---- facilities ---- */

static gd_dest_t *new_dest(gd_district_t *d, int kind, int place, const char *name,
			   const char *name_en)
{
	sr_grow(&d->dests, &d->cap_dests, d->n_dests + 1, sizeof(*d->dests));
	gd_dest_t *ds = &d->dests[d->n_dests++];
	memset(ds, 0, sizeof(*ds));
	ds->kind = kind;
	ds->place = place;
	ds->name = xstrdup(name);
	ds->name_en = xstrdup(name_en);
	return ds;
}

/* The proper name in guillemets and its English form with the given
 * generic words. */
static void names2(sr_buf_t *ru, sr_buf_t *en, const char *ru_generic, const char *en_generic,
		   const char *proper, int number)
{
	sr_buf_reset(ru);
	sr_buf_reset(en);
	sr_buf_puts(ru, ru_generic);
	sr_buf_puts(en, en_generic);
	if (number > 0) {
		sr_buf_printf(ru, " № %d", number);
		sr_buf_printf(en, " No. %d", number);
	}
	if (proper) {
		sr_buf_printf(ru, " «%s»", proper);
		sr_buf_puts(en, " \"");
		gen_translit(en, proper);
		sr_buf_putc(en, '"');
	}
}

/* Where a facility goes: a free town block, or beside a village street. */
typedef struct spot {
	double x, y, a;
} spot_t;

static spot_t village_spot(layout_t *L, int v)
{
	gd_district_t *d = L->d;
	const gd_place_t *p = &d->places[v];
	int k = L->n_features[v]++;
	double a = L->street_angle[v];
	/* beside the main street, away from the crossing street */
	double along = ((k % 2) ? -1 : 1) * (100 + 70 * (k / 2)) + urand(&L->rng, -10, 10);
	double off = (((k / 2) % 2) ? -1 : 1) * 45;
	spot_t s = {p->x + cos(a) * along - sin(a) * off, p->y + sin(a) * along + cos(a) * off, a};
	return s;
}

static spot_t town_spot(layout_t *L)
{
	int n = L->grid_n, c = n / 2, b = L->blocks[L->next_block++ % ((n - 1) * (n - 1))];
	int bi = b / (n - 1), bj = b % (n - 1);
	spot_t s = {(bj + 0.5 - c) * GRID_SPACING_M, (bi + 0.5 - c) * GRID_SPACING_M, 0};
	L->block_corner = L->grid[bi * n + bj];
	return s;
}

/* Places a facility as a node, a closed way or a multipolygon relation. */
static void put_feature(gd_district_t *d, char type, spot_t s, double hx, double hy, char *osm_type,
			int *osm_idx, gd_tags_t **tags)
{
	if (type == 'n') {
		int n = add_node(d, s.x, s.y);
		*osm_type = 'n';
		*osm_idx = n;
		*tags = &d->nodes[n].tags;
	} else if (type == 'w') {
		int w = add_rect(d, s.x, s.y, hx, hy, s.a);
		*osm_type = 'w';
		*osm_idx = w;
		*tags = &d->ways[w].tags;
	} else {
		int w = add_rect(d, s.x, s.y, hx, hy, s.a);
		int r = add_rel(d);
		rel_push(d, r, 'w', w, "outer");
		tag(&d->rels[r].tags, "type", "multipolygon");
		*osm_type = 'r';
		*osm_idx = r;
		*tags = &d->rels[r].tags;
	}
}

/* Adds destination `kind` in a town block (host 0) or beside the street of
 * village `host`, as a node, closed way or multipolygon (type), tagged k=v
 * and with the names in ru/en. Returns its tag list for more tags. */
static gd_tags_t *facility(layout_t *L, int kind, int host, char type, double hx, double hy,
			   const char *k, const char *v, const sr_buf_t *ru, const sr_buf_t *en)
{
	gd_district_t *d = L->d;
	gd_tags_t *tg;
	spot_t s = host > 0 ? village_spot(L, host) : town_spot(L);
	gd_dest_t *ds = new_dest(d, kind, host, ru->data, en->data);
	put_feature(d, type, s, hx, hy, &ds->osm_type, &ds->osm_idx, &tg);
	ds->x = s.x;
	ds->y = s.y;
	tag(tg, k, v);
	tag(tg, "name", ru->data);
	tag(tg, "name:en", en->data);
	return tg;
}

/* Picks a host village for a facility: populous, and away from the town
 * and from earlier hosts of the same kind. */
static int pick_host(layout_t *L, const int *hosts, int n_hosts)
{
	gd_district_t *d = L->d;
	int best = -1;
	double best_score = -1;
	for (int v = 1; v <= d->o.villages; v++) {
		const gd_place_t *p = &d->places[v];
		if (p->kind != GD_VILLAGE || p->track_only || L->n_features[v] >= 3)
			continue;
		double near = dist(p->x, p->y, 0, 0);
		for (int i = 0; i < n_hosts; i++)
			near = fmin(near,
				    dist(p->x, p->y, d->places[hosts[i]].x, d->places[hosts[i]].y));
		double score = (double)p->population * fmin(1.0, near / (d->half_m * 0.7));
		if (score > best_score) {
			best_score = score;
			best = v;
		}
	}
	return best;
}

/* The host of the k-th facility of a kind: the town for the first in_town,
 * then villages from pick_host() (the town again if none is left). */
static int choose_host(layout_t *L, int k, int in_town, int *hosts, int *n_hosts)
{
	int host = k < in_town ? 0 : pick_host(L, hosts, *n_hosts);
	if (host > 0)
		hosts[(*n_hosts)++] = host;
	return host > 0 ? host : 0;
}

/* Names in Russian and English, built up by names2(). */
typedef struct names {
	sr_buf_t ru, en;
} names_t;

/* The sports facilities of the district centre: stadium, sports school,
 * public pool. */
static void town_sports(layout_t *L, names_t *nm)
{
	sr_rng_t *r = &L->rng;
	gd_tags_t *tg;
	names2(&nm->ru, &nm->en, "Стадион", "Stadium",
	       gen_stadium_names[sr_rng_below(r, (uint32_t)gen_n_stadium_names)], 0);
	tg = facility(L, GD_STADIUM, 0, 'w', 95, 70, "leisure", "stadium", &nm->ru, &nm->en);
	tag(tg, "sport", "soccer;athletics");
	names2(&nm->ru, &nm->en, "ДЮСШ", "Youth Sports School",
	       gen_sports_school_names[sr_rng_below(r, (uint32_t)gen_n_sports_school_names)], 0);
	tg = facility(L, GD_SPORTS_SCHOOL, 0, 'w', 45, 28, "leisure", "sports_centre", &nm->ru,
		      &nm->en);
	tag(tg, "building", "sports_hall");
	tag(tg, "sport", "multi");
	names2(&nm->ru, &nm->en, "Бассейн", "Swimming Pool",
	       gen_pool_names[sr_rng_below(r, (uint32_t)gen_n_pool_names)], 0);
	tg = facility(L, GD_POOL, 0, 'w', 35, 20, "leisure", "swimming_pool", &nm->ru, &nm->en);
	tag(tg, "access", "yes");
	tag(tg, "sport", "swimming");
}

/* Kindergartens and schools: some in the town, the rest in the largest
 * villages, spread over the district; kindergartens are drawn as areas and
 * as nodes, the town's school as a multipolygon. hosts has room for every
 * destination. */
static void kindergartens_and_schools(layout_t *L, names_t *nm, int n_kg, int n_school, int *hosts)
{
	sr_rng_t *r = &L->rng;
	int town_kg = n_kg / 2 > 2 ? 2 : n_kg / 2;
	int town_school = n_school >= 5 ? 2 : 1;
	int *kg_names = xmalloc(sizeof(int) * gen_n_kindergarten_names), n_hosts = 0;
	for (size_t i = 0; i < gen_n_kindergarten_names; i++)
		kg_names[i] = (int)i;
	sr_rng_shuffle_int(r, kg_names, gen_n_kindergarten_names);
	for (int k = 0; k < n_kg; k++) {
		names2(&nm->ru, &nm->en, "Детский сад", "Kindergarten",
		       gen_kindergarten_names[kg_names[k % gen_n_kindergarten_names]], k + 1);
		int host = choose_host(L, k, town_kg, hosts, &n_hosts);
		facility(L, GD_KINDERGARTEN, host, k % 2 ? 'n' : 'w', 35, 28, "amenity",
			 "kindergarten", &nm->ru, &nm->en);
	}
	n_hosts = 0;
	for (int k = 0; k < n_school; k++) {
		int host = choose_host(L, k, town_school, hosts, &n_hosts);
		if (host)
			names2(&nm->ru, &nm->en, "Основная школа", "Basic School", NULL, k + 1);
		else
			names2(&nm->ru, &nm->en, "Средняя школа", "Secondary School", NULL, k + 1);
		facility(L, GD_SCHOOL, host, k == 0 ? 'r' : (k % 2 ? 'w' : 'n'), 55, 35, "amenity",
			 "school", &nm->ru, &nm->en);
	}
	free(kg_names);
}

/* Extra sports centres (ФОК) in villages, for the larger regions. */
static void village_sports(layout_t *L, names_t *nm, int extra_sports, int *hosts)
{
	int n_hosts = 0;
	for (int k = 0; k < extra_sports; k++) {
		int host = choose_host(L, k, 0, hosts, &n_hosts);
		names2(&nm->ru, &nm->en, "ФОК", "Sports Centre",
		       gen_sports_centre_names[k % gen_n_sports_centre_names], 0);
		if (k >= (int)gen_n_sports_centre_names) {
			sr_buf_printf(&nm->ru, " %d", k / (int)gen_n_sports_centre_names + 1);
			sr_buf_printf(&nm->en, " %d", k / (int)gen_n_sports_centre_names + 1);
		}
		gd_tags_t *tg = facility(L, GD_SPORTS_CENTRE, host, 'w', 40, 25, "leisure",
					 "sports_centre", &nm->ru, &nm->en);
		tag(tg, "building", "yes");
	}
}

static gd_depot_t *new_depot(gd_district_t *d)
{
	sr_grow(&d->depots, &d->cap_depots, d->n_depots + 1, sizeof(*d->depots));
	gd_depot_t *dp = &d->depots[d->n_depots++];
	memset(dp, 0, sizeof(*dp));
	return dp;
}

/* The bus depot in a town block with its gate road, and the bus station at
 * the crossroads. */
static void town_depot(layout_t *L)
{
	gd_district_t *d = L->d;
	gd_tags_t *tg;
	gd_depot_t *dp = new_depot(d);
	spot_t s = town_spot(L);
	put_feature(d, 'w', s, 60, 40, &dp->osm_type, &dp->osm_idx, &tg);
	dp->x = s.x, dp->y = s.y, dp->place = 0;
	/* its gate road from the block's corner; add_way may move d->ways,
	 * so the depot's tags are looked up again after it */
	int sw = add_way(d);
	way_push(d, sw, L->block_corner);
	way_push(d, sw, add_node(d, s.x - 45, s.y - 28));
	tag(&d->ways[sw].tags, "highway", "service");
	tg = &d->ways[dp->osm_idx].tags;
	dp->name = xstrdup("Автопарк «Райавто»");
	dp->name_en = xstrdup("Bus Depot \"Rayavto\"");
	tag(tg, "landuse", "garages");
	tag(tg, "name", dp->name);
	tag(tg, "name:en", dp->name_en);
	tag(tg, "operator", "МУП «Райавто»");

	int bsn = add_node(d, GRID_SPACING_M * 0.15, -GRID_SPACING_M * 0.12);
	tag(&d->nodes[bsn].tags, "amenity", "bus_station");
	tagf(&d->nodes[bsn].tags, "name", "Автостанция %s", d->places[0].name);
	tagf(&d->nodes[bsn].tags, "name:en", "%s Bus Station", d->places[0].name_en);
}

/* A second depot in the largest village far out (from 20 villages), named
 * for its direction from the town. */
static void far_depot(layout_t *L, names_t *nm)
{
	static const char *const ru_dir[4] = {"Восточный", "Северный", "Западный", "Южный"};
	static const char *const en_dir[4] = {"Vostochny", "Severny", "Zapadny", "Yuzhny"};
	gd_district_t *d = L->d;
	int far = -1;
	double far_score = -1;
	for (int v = 1; v <= d->o.villages; v++) {
		const gd_place_t *p = &d->places[v];
		if (p->kind != GD_VILLAGE || p->track_only)
			continue;
		if (dist(p->x, p->y, 0, 0) < d->half_m * 0.45)
			continue;
		if ((double)p->population > far_score) {
			far_score = (double)p->population;
			far = v;
		}
	}
	if (far <= 0)
		return;
	const gd_place_t *p = &d->places[far];
	double ang = atan2(p->y, p->x);
	int q = (int)floor((ang + M_PI / 4) / (M_PI / 2));
	q = ((q % 4) + 4) % 4;
	gd_depot_t *dp = new_depot(d);
	gd_tags_t *tg;
	spot_t s = village_spot(L, far);
	put_feature(d, 'w', s, 40, 30, &dp->osm_type, &dp->osm_idx, &tg);
	dp->x = s.x, dp->y = s.y, dp->place = far;
	sr_buf_reset(&nm->ru);
	sr_buf_printf(&nm->ru, "Автопарк «%s»", ru_dir[q]);
	sr_buf_reset(&nm->en);
	sr_buf_printf(&nm->en, "Bus Depot \"%s\"", en_dir[q]);
	dp->name = xstrdup(nm->ru.data);
	dp->name_en = xstrdup(nm->en.data);
	tag(tg, "landuse", "garages");
	tag(tg, "name", dp->name);
	tag(tg, "name:en", dp->name_en);
}

/* A private pool in some village with its driveway: not a destination. */
static void private_pool(layout_t *L)
{
	gd_district_t *d = L->d;
	int pv = 1 + (int)sr_rng_below(&L->rng, (uint32_t)d->o.villages);
	spot_t s = village_spot(L, pv);
	int pw = add_rect(d, s.x, s.y, 6, 4, s.a);
	tag(&d->ways[pw].tags, "leisure", "swimming_pool");
	tag(&d->ways[pw].tags, "access", "private");
	int dw = add_way(d);
	way_push(d, dw, d->places[pv].hub);
	way_push(d, dw, add_node(d, s.x + 8 * cos(s.a), s.y + 8 * sin(s.a)));
	tag(&d->ways[dw].tags, "highway", "service");
	tag(&d->ways[dw].tags, "service", "driveway");
	tag(&d->ways[dw].tags, "access", "private");
}

static int facilities(layout_t *L, sr_error_t *err)
{
	gd_district_t *d = L->d;
	int n = L->grid_n, nd = d->o.destinations;
	int extra_sports = nd >= 12 ? (nd - 9) / 3 : 0;
	int rest = nd - 3 - extra_sports;
	int n_kg = (rest * 5 + 4) / 8, n_school = rest - n_kg;
	if (n_kg < 1 || n_school < 1)
		return sr_error_set(
			err, SR_EINPUT, NULL, 0,
			"--destinations %d: need at least 5 (3 sports facilities, a kindergarten, a school)",
			nd);
	int n_blocks = (n - 1) * (n - 1);
	L->blocks = xmalloc(sizeof(int) * (size_t)n_blocks);
	L->next_block = 0;
	for (int i = 0; i < n_blocks; i++)
		L->blocks[i] = i;
	sr_rng_shuffle_int(&L->rng, L->blocks, (size_t)n_blocks);
	names_t nm;
	sr_buf_init(&nm.ru);
	sr_buf_init(&nm.en);
	int *hosts = xmalloc(sizeof(int) * (size_t)(nd + 1));

	town_sports(L, &nm);
	kindergartens_and_schools(L, &nm, n_kg, n_school, hosts);
	village_sports(L, &nm, extra_sports, hosts);
	town_depot(L);
	if (d->o.villages >= 20)
		far_depot(L, &nm);
	private_pool(L);

	free(hosts);
	sr_buf_free(&nm.ru);
	sr_buf_free(&nm.en);
	return SR_OK;
}

/* ---- junctions where drawn roads cross ----
 * Curves leave their straight chords a little, so a local road may cross a
 * village street it was not meant to meet. Real roads meet at grade there:
 * every proper crossing of two highway segments gets a shared node, found
 * with a sweep over the segments sorted by their western end. The
 * track-only hamlet's own ways are left alone so that it stays reachable by
 * its track only. */
typedef struct xseg {
	int w;	  /* way */
	size_t k; /* segment k: nodes k, k+1 of the way */
	double minx, maxx;
} xseg_t;

typedef struct xins {
	int w;
	size_t k;
	double t; /* along segment k */
	int node;
} xins_t;

static int xseg_cmp(const void *pa, const void *pb)
{
	const xseg_t *a = pa, *b = pb;
	if (a->minx != b->minx)
		return a->minx < b->minx ? -1 : 1;
	if (a->w != b->w)
		return a->w - b->w;
	return a->k < b->k ? -1 : a->k > b->k;
}

static int xins_cmp(const void *pa, const void *pb)
{
	const xins_t *a = pa, *b = pb;
	if (a->w != b->w)
		return a->w - b->w;
	if (a->k != b->k)
		return a->k < b->k ? -1 : 1;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return a->node - b->node;
}

static int way_has_tag(const gd_way_t *w, const char *k)
{
	for (size_t i = 0; i < w->tags.n; i++)
		if (!strcmp(w->tags.t[i].k, k))
			return 1;
	return 0;
}

static int way_has_node(const gd_way_t *w, int node)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->nd[i] == node)
			return 1;
	return 0;
}

static void node_crossings(gd_district_t *d)
{
	xseg_t *sg = NULL;
	xins_t *ins = NULL;
	size_t n = 0, cap = 0, n_ins = 0, cap_ins = 0;
	int th_hub = d->track_hamlet > 0 ? d->places[d->track_hamlet].hub : -1;
	for (size_t w = 0; w < d->n_ways; w++) {
		const gd_way_t *wy = &d->ways[w];
		if (!way_has_tag(wy, "highway") || way_has_node(wy, th_hub))
			continue;
		for (size_t k = 0; k + 1 < wy->n; k++) {
			double x1 = d->nodes[wy->nd[k]].x, x2 = d->nodes[wy->nd[k + 1]].x;
			sr_grow(&sg, &cap, n + 1, sizeof(*sg));
			sg[n++] = (xseg_t){(int)w, k, fmin(x1, x2), fmax(x1, x2)};
		}
	}
	if (n)
		qsort(sg, n, sizeof(*sg), xseg_cmp);
	for (size_t i = 0; i < n; i++) {
		const gd_way_t *wa = &d->ways[sg[i].w];
		int a1 = wa->nd[sg[i].k], a2 = wa->nd[sg[i].k + 1];
		const gd_node_t *p = &d->nodes[a1], *q = &d->nodes[a2];
		for (size_t j = i + 1; j < n && sg[j].minx <= sg[i].maxx; j++) {
			const gd_way_t *wb = &d->ways[sg[j].w];
			int b1 = wb->nd[sg[j].k], b2 = wb->nd[sg[j].k + 1];
			if (a1 == b1 || a1 == b2 || a2 == b1 || a2 == b2)
				continue;
			const gd_node_t *u = &d->nodes[b1], *v = &d->nodes[b2];
			double rx = q->x - p->x, ry = q->y - p->y, sx = v->x - u->x,
			       sy = v->y - u->y;
			double den = rx * sy - ry * sx;
			if (fabs(den) < 1e-9)
				continue;
			double t = ((u->x - p->x) * sy - (u->y - p->y) * sx) / den;
			double s = ((u->x - p->x) * ry - (u->y - p->y) * rx) / den;
			if (t <= 1e-6 || t >= 1 - 1e-6 || s <= 1e-6 || s >= 1 - 1e-6)
				continue;
			int x = add_node(d, p->x + t * rx, p->y + t * ry);
			p = &d->nodes[a1]; /* add_node may move the array */
			q = &d->nodes[a2];
			sr_grow(&ins, &cap_ins, n_ins + 2, sizeof(*ins));
			ins[n_ins++] = (xins_t){sg[i].w, sg[i].k, t, x};
			ins[n_ins++] = (xins_t){sg[j].w, sg[j].k, s, x};
		}
	}
	if (n_ins)
		qsort(ins, n_ins, sizeof(*ins), xins_cmp);
	for (size_t i = 0; i < n_ins;) {
		gd_way_t *wy = &d->ways[ins[i].w];
		size_t e = i;
		while (e < n_ins && ins[e].w == ins[i].w)
			e++;
		int *nd = xmalloc(sizeof(int) * (wy->n + (e - i)));
		size_t m = 0, c = i;
		for (size_t k = 0; k < wy->n; k++) {
			nd[m++] = wy->nd[k];
			for (; c < e && ins[c].k == k; c++)
				nd[m++] = ins[c].node;
		}
		free(wy->nd);
		wy->nd = nd;
		wy->n = wy->cap = m;
		i = e;
	}
	free(sg);
	free(ins);
}

static void place_tags(gd_district_t *d)
{
	for (size_t i = 0; i < d->n_places; i++) {
		gd_place_t *p = &d->places[i];
		gd_tags_t *tg = &d->nodes[p->node].tags;
		tag(tg, "place",
		    p->kind == GD_TOWN	    ? "town"
		    : p->kind == GD_VILLAGE ? "village"
					    : "hamlet");
		tag(tg, "name", p->name);
		tag(tg, "name:en", p->name_en);
		tagf(tg, "population", "%ld", p->population);
	}
}

int gd_generate(const gd_opts_t *o, gd_district_t **out, sr_error_t *err)
{
	if (o->villages < 3 || o->villages > 1000)
		return sr_error_set(err, SR_EINPUT, NULL, 0, "--villages %d: must be 3 to 1000",
				    o->villages);
	if (o->destinations < 5 || o->destinations > 60)
		return sr_error_set(err, SR_EINPUT, NULL, 0, "--destinations %d: must be 5 to 60",
				    o->destinations);
	if (o->size_km < 0 || o->size_km > 400)
		return sr_error_set(err, SR_EINPUT, NULL, 0, "--size-km %g: must be up to 400",
				    o->size_km);
	gd_district_t *d = xcalloc(1, sizeof(*d));
	layout_t L;
	memset(&L, 0, sizeof(L));
	L.d = d;
	d->o = *o;
	sr_rng_seed(&L.rng, o->seed);
	double size_km = o->size_km > 0 ? o->size_km : 40.0 * fmax(1.0, sqrt(o->villages / 80.0));
	d->half_m = size_km * 500.0;
	/* central Russia: from Kaluga to Vladimir, from Tula to Yaroslavl */
	double lat = urand(&L.rng, 53.8, 56.8), lon = urand(&L.rng, 35.5, 41.5);
	d->lat0 = isnan(o->lat0) ? round(lat * 1e4) / 1e4 : o->lat0;
	d->lon0 = isnan(o->lon0) ? round(lon * 1e4) / 1e4 : o->lon0;
	L.region = 30 + (int)sr_rng_below(&L.rng, 50);
	L.grid_n = (o->villages < 20 ? 5 : 7) + 2 * (o->villages / 200);
	d->n_places = (size_t)o->villages + 1;
	d->places = xcalloc(d->n_places, sizeof(*d->places));
	L.street_angle = xcalloc(d->n_places, sizeof(double));
	L.n_features = xcalloc(d->n_places, sizeof(int));

	town(&L);
	highways(&L);
	int rc = villages(&L, err);
	if (rc == SR_OK) {
		roads(&L);
		rc = facilities(&L, err);
	}
	if (rc == SR_OK) {
		node_crossings(d);
		place_tags(d);
	}

	free(L.grid);
	free(L.blocks);
	free(L.attach);
	free(L.obstacles.s);
	free(L.street_angle);
	free(L.n_features);
	if (rc != SR_OK) {
		gd_free(d);
		return rc;
	}
	*out = d;
	return SR_OK;
}

static void tags_free(gd_tags_t *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->t[i].k);
		free(t->t[i].v);
	}
	free(t->t);
}

void gd_free(gd_district_t *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_nodes; i++)
		tags_free(&d->nodes[i].tags);
	for (size_t i = 0; i < d->n_ways; i++) {
		tags_free(&d->ways[i].tags);
		free(d->ways[i].nd);
	}
	for (size_t i = 0; i < d->n_rels; i++) {
		tags_free(&d->rels[i].tags);
		free(d->rels[i].m);
	}
	for (size_t i = 0; i < d->n_places; i++) {
		free(d->places[i].name);
		free(d->places[i].name_en);
	}
	for (size_t i = 0; i < d->n_dests; i++) {
		free(d->dests[i].name);
		free(d->dests[i].name_en);
	}
	for (size_t i = 0; i < d->n_depots; i++) {
		free(d->depots[i].name);
		free(d->depots[i].name_en);
	}
	free(d->nodes);
	free(d->ways);
	free(d->rels);
	free(d->places);
	free(d->dests);
	free(d->depots);
	gd_graph_free(d->graph);
	free(d);
}
