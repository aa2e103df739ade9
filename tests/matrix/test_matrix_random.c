/* test_matrix_random.c - the matrix, the path and the snapper on small
 * random graphs (two-way and oneway roads, a cut-off fragment, points in
 * the middle of edges), each checked against the independent reference in
 * ref.c; plus hand-made cases whose answers are worked out below. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ref.h"
#include "testutil.h"

static double rel_close(double a, double b)
{
	if (isinf(a) || isinf(b))
		return isinf(a) && isinf(b);
	return fabs(a - b) <= 1e-6 * (1.0 + fabs(a) + fabs(b));
}

/* A random road graph near 47.2 N, 9.5 E: n nodes, a spanning path of
 * two-way roads, extra two-way and oneway roads, and a fragment of 4 nodes
 * joined one way only (not strongly connected with the rest). */
static sr_network_t *random_net(sr_rng_t *r, uint32_t n)
{
	double *lat = malloc((n + 4) * sizeof(double)), *lon = malloc((n + 4) * sizeof(double));
	for (uint32_t v = 0; v < n + 4; v++) {
		lat[v] = 47.2 + 0.02 * sr_rng_unit(r);
		lon[v] = 9.5 + 0.03 * sr_rng_unit(r);
	}
	net_arc_t *arcs = malloc(8 * (n + 4) * sizeof(net_arc_t));
	size_t na = 0;
	uint8_t *used = calloc((size_t)(n + 4) * (n + 4), 1);
	for (uint32_t k = 0; k < 3 * n; k++) {
		uint32_t a, b;
		if (k < n - 1) {
			a = k;
			b = k + 1;
		} else {
			a = sr_rng_below(r, n);
			b = sr_rng_below(r, n);
		}
		if (a == b || used[(size_t)a * (n + 4) + b] || used[(size_t)b * (n + 4) + a])
			continue;
		used[(size_t)a * (n + 4) + b] = 1;
		float len = (float)(sr_haversine_m(lat[a], lon[a], lat[b], lon[b]) *
				    (1.0 + 0.3 * sr_rng_unit(r)));
		float kmh = 20.0f + (float)sr_rng_below(r, 60);
		float t = len / (kmh / 3.6f);
		int oneway = k >= n - 1 && sr_rng_below(r, 3) == 0;
		arcs[na++] = (net_arc_t){a, b, len, t, NET_RESIDENTIAL};
		if (!oneway)
			arcs[na++] = (net_arc_t){b, a, len, t, NET_RESIDENTIAL};
	}
	/* the fragment: a two-way square n..n+3, entered from node 0 only */
	for (uint32_t k = 0; k < 4; k++) {
		uint32_t a = n + k, b = n + (k + 1) % 4;
		float len = (float)sr_haversine_m(lat[a], lon[a], lat[b], lon[b]);
		arcs[na++] = (net_arc_t){a, b, len, len / 10.0f, NET_SERVICE};
		arcs[na++] = (net_arc_t){b, a, len, len / 10.0f, NET_SERVICE};
	}
	arcs[na++] = (net_arc_t){0, n, 100.0f, 10.0f, NET_SERVICE};
	sr_network_t *net = net_build(n + 4, lat, lon, arcs, na);
	free(used);
	free(arcs);
	free(lat);
	free(lon);
	return net;
}

static int in_main(const sr_network_t *net, uint32_t e)
{
	return net->comp[net_edge_tail(net, e)] == net->largest_comp &&
	       net->comp[net->head[e]] == net->largest_comp;
}

static void random_points(sr_rng_t *r, const sr_network_t *net, net_snap_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t e;
		do
			e = sr_rng_below(r, net->n_edges);
		while (!in_main(net, e));
		memset(&p[i], 0, sizeof(p[i]));
		p[i].edge = e;
		/* ends of edges too: a point exactly on a node */
		p[i].t = i % 7 == 3 ? 0.0 : i % 7 == 5 ? 1.0 : sr_rng_unit(r);
		uint32_t u = net_edge_tail(net, e), v = net->head[e];
		p[i].lat = net->lat[u] + p[i].t * (net->lat[v] - net->lat[u]);
		p[i].lon = net->lon[u] + p[i].t * (net->lon[v] - net->lon[u]);
	}
}

static void test_random_matrices_equal_reference(void)
{
	sr_rng_t r;
	sr_rng_seed(&r, 42);
	for (int round = 0; round < 30; round++) {
		uint32_t nn = 8 + sr_rng_below(&r, 40), np = 2 + sr_rng_below(&r, 14);
		sr_network_t *net = random_net(&r, nn);
		uint32_t *twin = ref_twins(net);
		for (uint32_t e = 0; e < net->n_edges; e++)
			CHECK(net_edge_twin(net, e) == twin[e]);
		net_snap_t *p = malloc(np * sizeof(net_snap_t));
		random_points(&r, net, p, np);
		for (int metric = 0; metric < 2; metric++) {
			double *rs = malloc((size_t)np * np * sizeof(double));
			double *rm = malloc((size_t)np * np * sizeof(double));
			ref_matrix(net, twin, p, np, metric == MAT_SHORTEST, rs, rm);
			mat_opts_t o;
			mat_opts_init(&o);
			o.metric = metric;
			o.algo = MAT_DIJKSTRA;
			o.threads = 1;
			sr_matrix_t *m1 = NULL, *m2 = NULL;
			sr_error_t err;
			CHECK_OK(mat_compute(net, p, np, &o, &m1, &err), &err);
			o.threads = 2;
			CHECK_OK(mat_compute(net, p, np, &o, &m2, &err), &err);
			size_t bytes = (size_t)np * np * sizeof(double);
			CHECK(!memcmp(m1->seconds, m2->seconds, bytes) &&
			      !memcmp(m1->meters, m2->meters, bytes));
			/* the contraction hierarchy gives the same figures */
			sr_matrix_t *mc = NULL;
			o.algo = MAT_CH;
			CHECK_OK(mat_compute(net, p, np, &o, &mc, &err), &err);
			o.algo = MAT_DIJKSTRA;
			int bad_ch = 0;
			for (size_t k = 0; k < (size_t)np * np; k++)
				bad_ch += !rel_close(mc->seconds[k], rs[k]) ||
					  !rel_close(mc->meters[k], rm[k]);
			CHECK_MSG(bad_ch == 0, "round %d metric %d: %d CH entries differ", round,
				  metric, bad_ch);
			mat_free(mc);
			int bad = 0;
			for (size_t k = 0; k < (size_t)np * np; k++)
				if (!rel_close(m1->seconds[k], rs[k]) ||
				    !rel_close(m1->meters[k], rm[k])) {
					if (bad++ < 3)
						fprintf(stderr,
							"round %d metric %d entry %zu: %g s %g m, "
							"reference %g s %g m\n",
							round, metric, k, m1->seconds[k],
							m1->meters[k], rs[k], rm[k]);
				}
			CHECK_MSG(bad == 0, "%d entries differ", bad);
			/* the path agrees with the matrix and runs along the edges */
			for (uint32_t i = 0; i < np; i++) {
				uint32_t j = (i * 7 + 3) % np;
				double *la, *lo, s, mtr;
				size_t n;
				CHECK_OK(mat_path_ex(net, &p[i], &p[j], &o, &la, &lo, &n, &s, &mtr,
						     &err),
					 &err);
				CHECK(s == m1->seconds[(size_t)i * np + j]);
				CHECK(mtr == m1->meters[(size_t)i * np + j]);
				CHECK(n >= 2 && la[0] == p[i].lat && lo[0] == p[i].lon &&
				      la[n - 1] == p[j].lat && lo[n - 1] == p[j].lon);
				free(la);
				free(lo);
			}
			mat_free(m1);
			mat_free(m2);
			free(rs);
			free(rm);
		}
		free(p);
		free(twin);
		net_free(net);
	}
}

/* One two-way road 0-1 of 100 m / 10 s, and a oneway road 2->3 of 100 m /
 * 10 s whose way back 3->4->2 is 300 m / 40 s. */
static void test_same_edge_and_oneway(void)
{
	double lat[5] = {47.0, 47.0009, 47.1, 47.1009, 47.1005};
	double lon[5] = {9.0, 9.0, 9.0, 9.0, 9.002};
	net_arc_t arcs[] = {
		{0, 1, 100, 10, NET_RESIDENTIAL}, {1, 0, 100, 10, NET_RESIDENTIAL},
		{2, 3, 100, 10, NET_RESIDENTIAL}, {3, 4, 150, 20, NET_RESIDENTIAL},
		{4, 2, 150, 20, NET_RESIDENTIAL},
	};
	sr_network_t *net = net_build(5, lat, lon, arcs, 5);
	net_snap_t p[4];
	memset(p, 0, sizeof(p));
	p[0].edge = 0;
	p[0].t = 0.2; /* on the two-way road */
	p[1].edge = 0;
	p[1].t = 0.7;
	for (uint32_t e = 0; e < net->n_edges; e++)
		if (net_edge_tail(net, e) == 2 && net->head[e] == 3)
			p[2].edge = p[3].edge = e;
	p[2].t = 0.2; /* on the oneway road */
	p[3].t = 0.7;
	sr_matrix_t *m;
	sr_error_t err;
	mat_opts_t o;
	mat_opts_init(&o);
	/* the two-way part: its own component; compute pairs 0,1 */
	CHECK_OK(mat_compute(net, p, 2, &o, &m, &err), &err);
	CHECK_NEAR(m->seconds[1], 5.0, 1e-9); /* 0.2 -> 0.7 ahead */
	CHECK_NEAR(m->seconds[2], 5.0, 1e-9); /* 0.7 -> 0.2 on the twin */
	CHECK_NEAR(m->meters[2], 50.0, 1e-9);
	CHECK(m->seconds[0] == 0 && m->seconds[3] == 0);
	mat_free(m);
	CHECK_OK(mat_compute(net, p + 2, 2, &o, &m, &err), &err);
	CHECK_NEAR(m->seconds[1], 5.0, 1e-9); /* ahead on the oneway */
	/* behind: 3 s to node 3, 40 s around, 2 s to the point */
	CHECK_NEAR(m->seconds[2], 45.0, 1e-9);
	CHECK_NEAR(m->meters[2], 30.0 + 300.0 + 20.0, 1e-9);
	mat_free(m);
	/* between the two roads there is no route */
	CHECK_OK(mat_compute(net, p + 1, 2, &o, &m, &err), &err);
	CHECK(isinf(m->seconds[1]) && isinf(m->seconds[2]));
	mat_free(m);
	double *la, *lo;
	size_t n;
	CHECK(mat_path(net, &p[1], &p[2], &la, &lo, &n, NULL, NULL, &err) == SR_EINPUT);
	net_free(net);
}

static void test_snap_equals_exhaustive_scan(void)
{
	sr_rng_t r;
	sr_rng_seed(&r, 7);
	int off_main_seen = 0;
	for (int round = 0; round < 20; round++) {
		sr_network_t *net = random_net(&r, 10 + sr_rng_below(&r, 60));
		for (int main_only = 0; main_only < 2; main_only++) {
			net_snapper_t *s = net_snapper_new(net, main_only);
			for (int k = 0; k < 200; k++) {
				/* mostly inside the area, some well outside it */
				double la = 47.19 + 0.04 * sr_rng_unit(&r);
				double lo = 9.49 + 0.05 * sr_rng_unit(&r);
				if (k % 50 == 0)
					la += 0.5;
				net_snap_t sn;
				sr_error_t err;
				CHECK_OK(net_snap(s, la, lo, &sn, &err), &err);
				uint32_t e_any, e_main;
				double d_any = ref_nearest(net, la, lo, 0, &e_any);
				double d_main = ref_nearest(net, la, lo, main_only, &e_main);
				double d = ref_local_dist(la, lo, sn.lat, sn.lon);
				CHECK_MSG(fabs(d - d_main) <= 1e-6 * (1 + d_main),
					  "index %.9f m, scan %.9f m", d, d_main);
				if (main_only)
					CHECK(in_main(net, sn.edge));
				CHECK(sn.off_main == (main_only && d_any < d_main));
				off_main_seen += sn.off_main;
				/* the point lies on its edge at fraction t */
				uint32_t u = net_edge_tail(net, sn.edge), v = net->head[sn.edge];
				CHECK_NEAR(sn.lat, net->lat[u] + sn.t * (net->lat[v] - net->lat[u]),
					   1e-9);
				CHECK_NEAR(sn.lon, net->lon[u] + sn.t * (net->lon[v] - net->lon[u]),
					   1e-9);
				CHECK_NEAR(sn.dist_m, sr_haversine_m(la, lo, sn.lat, sn.lon), 1e-9);
			}
			net_snapper_free(s);
		}
		net_free(net);
	}
	CHECK_MSG(off_main_seen > 0, "no point had its nearest road in the fragment");
}

int main(void)
{
	test_random_matrices_equal_reference();
	test_same_edge_and_oneway();
	test_snap_equals_exhaustive_scan();
	return test_summary();
}
