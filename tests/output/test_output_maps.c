/* test_output_maps.c - the roads the maps draw (src/output/roads.c) and the
 * driver sheets' run maps (svg_map.c), on a small hand-made network:
 *  - every road once: a two-way road (two edges) is one line, a one-way
 *    road one line, a two-way loop one line; ranks by class;
 *  - a box keeps exactly the roads whose extent overlaps it (brute force);
 *  - Douglas-Peucker: the kept points are a subsequence with both ends,
 *    and every dropped point lies within the tolerance of the simplified
 *    line (distances recomputed here);
 *  - the run map draws the roads near the run (not the far one), in the
 *    main road's style, and the numbered dots of stops at one place do not
 *    cover each other (a leader line to the moved one) and stay inside. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "output/internal.h"
#include "testutil.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Node coordinates: a row of nodes at lat 55.0 (0..3), a far node pair
 * (4, 5) 1 degree north, a loop node (6). */
static const double nlat[] = {55.0, 55.0, 55.0, 55.0, 56.0, 56.0, 55.003};
static const double nlon[] = {37.0, 37.01, 37.02, 37.03, 37.0, 37.01, 37.0};

static sr_network_t *test_net(void)
{
	const net_arc_t arcs[] = {
		{0, 1, 700, 40, NET_PRIMARY},	  {1, 0, 700, 40, NET_PRIMARY},	 /* two-way main */
		{1, 2, 800, 60, NET_RESIDENTIAL},				 /* one-way minor */
		{2, 3, 650, 40, NET_TERTIARY},	  {3, 2, 650, 40, NET_TERTIARY}, /* two-way */
		{4, 5, 700, 40, NET_SECONDARY},	  {5, 4, 700, 40, NET_SECONDARY}, /* far away */
		{6, 6, 300, 30, NET_SERVICE},	  {6, 6, 300, 30, NET_SERVICE},	  /* a loop */
	};
	sr_network_t *net = net_build(7, nlat, nlon, arcs, sizeof arcs / sizeof arcs[0]);
	/* a geometry on the main road's edges (the same points, reversed on
	 * the way back): a zig-zag about a metre off the straight line */
	static const double glat[] = {55.00001, 55.0, 55.00001, 55.0};
	static const double glon[] = {37.002, 37.004, 37.006, 37.008};
	const size_t ng = sizeof glat / sizeof glat[0];
	free(net->geom_lat), free(net->geom_lon);
	net->geom_lat = xmalloc(sizeof(double) * 2 * ng);
	net->geom_lon = xmalloc(sizeof(double) * 2 * ng);
	for (uint32_t e = 0, at = 0; e < net->n_edges; e++) {
		net->geom_first[e] = at;
		uint32_t u = 0;
		while (net->first_out[u + 1] <= e)
			u++;
		if (net->road_class[e] == NET_PRIMARY) {
			for (size_t i = 0; i < ng; i++) {
				size_t j = u == 0 ? i : ng - 1 - i;
				net->geom_lat[at] = glat[j], net->geom_lon[at++] = glon[j];
			}
		}
		net->geom_first[e + 1] = at;
	}
	return net;
}

/* Distance in metres of point (la, lo) from segment a-b, on the local plane. */
static double seg_dist(double la, double lo, double alat, double alon, double blat, double blon)
{
	double kx = cos(55.0 * M_PI / 180) * 111320, ky = 111320;
	double px = (lo - alon) * kx, py = (la - alat) * ky;
	double dx = (blon - alon) * kx, dy = (blat - alat) * ky, l2 = dx * dx + dy * dy;
	double t = l2 > 0 ? (px * dx + py * dy) / l2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return hypot(px - t * dx, py - t * dy);
}

static void test_roads_once_ranked_and_boxed(const sr_network_t *net)
{
	const double none[3] = {0, 0, 0};
	out_roads_t rs;
	out_roads_collect(net, NULL, none, &rs);
	CHECK_MSG(rs.n_roads == 5, "%zu roads, want 5", rs.n_roads);
	int ranks[OUT_N_ROAD_RANKS] = {0};
	for (size_t i = 0; i < rs.n_roads; i++)
		ranks[rs.roads[i].rank]++;
	CHECK(ranks[OUT_ROAD_MAIN] == 2 && ranks[OUT_ROAD_MIDDLE] == 1 &&
	      ranks[OUT_ROAD_MINOR] == 2);
	out_roads_free(&rs);
	/* a box around nodes 1..2 only: brute force over the lines' extents */
	const double box[4] = {54.999, 37.009, 55.001, 37.021};
	out_roads_collect(net, box, none, &rs);
	out_roads_t all;
	out_roads_collect(net, NULL, none, &all);
	size_t want = 0;
	for (size_t i = 0; i < all.n_roads; i++) {
		int in = 0;
		for (size_t j = 0; j + 1 < all.roads[i].n && !in; j++) {
			size_t k = all.roads[i].first + j;
			double lo_la = fmin(all.lat[k], all.lat[k + 1]),
			       hi_la = fmax(all.lat[k], all.lat[k + 1]);
			double lo_lo = fmin(all.lon[k], all.lon[k + 1]),
			       hi_lo = fmax(all.lon[k], all.lon[k + 1]);
			in = hi_la >= box[0] && lo_la <= box[2] && hi_lo >= box[1] &&
			     lo_lo <= box[3];
		}
		want += in;
	}
	CHECK_MSG(rs.n_roads == want && want == 3, "%zu roads in the box, want %zu (3)", rs.n_roads,
		  want);
	out_roads_free(&rs);
	out_roads_free(&all);
}

static void test_simplified_within_tolerance(const sr_network_t *net, double t)
{
	const double none[3] = {0, 0, 0}, tol[3] = {t, t, t};
	out_roads_t full, simp;
	out_roads_collect(net, NULL, none, &full);
	out_roads_collect(net, NULL, tol, &simp);
	CHECK(full.n_roads == simp.n_roads);
	for (size_t i = 0; i < full.n_roads && i < simp.n_roads; i++) {
		const out_road_t *f = &full.roads[i], *s = &simp.roads[i];
		CHECK(s->n >= 2 && s->n <= f->n);
		CHECK(full.lat[f->first] == simp.lat[s->first] &&
		      full.lat[f->first + f->n - 1] == simp.lat[s->first + s->n - 1]);
		/* kept points in order, each dropped one within t metres of the
		 * simplified segment spanning it */
		size_t k = 0;
		for (size_t j = 0; j < f->n; j++) {
			double la = full.lat[f->first + j], lo = full.lon[f->first + j];
			if (k < s->n && la == simp.lat[s->first + k] &&
			    lo == simp.lon[s->first + k]) {
				k++;
				continue;
			}
			CHECK(k > 0 && k < s->n);
			if (k == 0 || k >= s->n)
				break;
			size_t a = s->first + k - 1;
			double d = seg_dist(la, lo, simp.lat[a], simp.lon[a], simp.lat[a + 1],
					    simp.lon[a + 1]);
			CHECK_MSG(d <= t + 1e-6, "dropped point %zu of road %zu is %.2f m off", j,
				  i, d);
		}
		CHECK_MSG(k == s->n, "road %zu: kept points not a subsequence", i);
	}
	/* the main road: 6 points; at 10 m its zig-zag goes, at 0.5 m it stays */
	CHECK(full.roads[0].n == 6);
	CHECK_MSG(simp.roads[0].n == (t >= 10 ? 2u : 6u), "main road at %g m: %zu points", t,
		  simp.roads[0].n);
	out_roads_free(&full);
	out_roads_free(&simp);
}

/* The centres of the stop dots (circles of radius 8) of an SVG. */
static int dots(const char *svg, double *x, double *y, int max)
{
	int n = 0;
	for (const char *c = svg; n < max && (c = strstr(c, "<circle cx=\"")); c++) {
		double cx, cy, r;
		if (sscanf(c, "<circle cx=\"%lf\" cy=\"%lf\" r=\"%lf\"", &cx, &cy, &r) == 3 &&
		    r == 8)
			x[n] = cx, y[n++] = cy;
	}
	return n;
}

static void test_run_map(sr_network_t *net)
{
	sr_plan_t p;
	memset(&p, 0, sizeof p);
	plan_settings_init(&p.settings);
	snprintf(p.settings.lang, sizeof p.settings.lang, "en");
	plan_point_t pts[3];
	memset(pts, 0, sizeof pts);
	const double plat[] = {55.0, 55.00001, 55.0}, plon[] = {37.0, 37.0, 37.03};
	for (int i = 0; i < 3; i++) {
		pts[i].id = "p", pts[i].name = "x", pts[i].lat = plat[i], pts[i].lon = plon[i];
		pts[i].kind = i == 2 ? PLAN_PT_DESTINATION : PLAN_PT_PICKUP;
	}
	p.points = pts, p.n_points = 3;
	sr_map_t map;
	memset(&map, 0, sizeof map);
	map.net = net;
	p.map = &map;
	plan_stop_t st[3] = {{0}, {0}, {0}};
	plan_run_t r;
	memset(&r, 0, sizeof r);
	for (int i = 0; i < 3; i++)
		st[i].point = i;
	r.id = "R1", r.stops = st, r.n_stops = 3;
	sr_buf_t b;
	sr_buf_init(&b);
	out_svg_run_map(&b, &p, &r, 320, 230);
	CHECK(strstr(b.data, "stroke=\"#8a8a8a\"") != NULL); /* the main road */
	CHECK(strstr(b.data, "stroke=\"#d4d4d4\"") != NULL); /* minor roads, faint */
	/* road lines: the main, the one-way, the tertiary, the loop; not the
	 * far road 1 degree north */
	int moves = 0;
	const char *road = "stroke-linecap=\"round\" d=\""; /* the road paths only */
	for (const char *c = b.data; (c = strstr(c, road)); c++)
		for (const char *q = c + strlen(road); *q && *q != '"'; q++)
			moves += *q == 'M';
	CHECK_MSG(moves == 4, "%d road lines drawn, want 4", moves);
	CHECK(strstr(b.data, "stroke=\"#b0b0b0\"") != NULL); /* the tertiary */
	double x[8], y[8];
	int n = dots(b.data, x, y, 8);
	CHECK(n == 3);
	for (int i = 0; i < n; i++) {
		CHECK(x[i] >= 8 && y[i] >= 8 && x[i] <= 312 && y[i] <= 222);
		for (int j = 0; j < i; j++)
			CHECK_MSG(hypot(x[i] - x[j], y[i] - y[j]) >= 16, "dots %d and %d overlap",
				  j + 1, i + 1);
	}
	CHECK(strstr(b.data, "r=\"2\"") != NULL); /* the leader's foot */
	CHECK(strstr(b.data, ">N</text>") &&
	      (strstr(b.data, " m</text>") || strstr(b.data, " km</text>")));
	sr_buf_free(&b);
	plan_settings_clear(&p.settings);
}

int main(void)
{
	sr_network_t *net = test_net();
	test_roads_once_ranked_and_boxed(net);
	test_simplified_within_tolerance(net, 10);
	test_simplified_within_tolerance(net, 0.5);
	test_run_map(net);
	net_free(net);
	return test_summary();
}
