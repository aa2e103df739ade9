/* test_matrix_map.c - snapping, the matrix and the path on a real map
 * (../shared/maps/li-unterland-2021.osm; skipped when absent): the snapper
 * against an exhaustive scan, matrix entries against the independent
 * reference (ref.c) for villages and random road points, the triangle
 * inequality on sampled triples, path polylines against the matrix, and
 * Planken, whose own road is a cut-off island, flagged off_main. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ref.h"
#include "testutil.h"

static double poly_len(const double *la, const double *lo, size_t n)
{
	double s = 0;
	for (size_t i = 1; i < n; i++)
		s += sr_haversine_m(la[i - 1], lo[i - 1], la[i], lo[i]);
	return s;
}

int main(void)
{
	const char *sh = test_shared_dir();
	if (!sh)
		test_skip("no shared data folder");
	const char *path = test_path(sh, "maps/li-unterland-2021.osm");
	if (!test_file_exists(path))
		test_skip("li-unterland-2021.osm absent");
	osm_opts_t oo;
	osm_opts_init(&oo);
	sr_map_t *map = NULL;
	sr_error_t err;
	CHECK_OK(osm_read(path, &oo, &map, &err), &err);
	if (!map)
		return test_summary();
	const sr_network_t *net = map->net;
	sr_rng_t r;
	sr_rng_seed(&r, 2021);

	/* snapping: index == exhaustive scan, main network and overall */
	net_snapper_t *s_main = net_snapper_new(net, 1), *s_all = net_snapper_new(net, 0);
	for (int k = 0; k < 300; k++) {
		double la = map->stats.min_lat +
			    (map->stats.max_lat - map->stats.min_lat) * sr_rng_unit(&r);
		double lo = map->stats.min_lon +
			    (map->stats.max_lon - map->stats.min_lon) * sr_rng_unit(&r);
		for (int mo = 0; mo < 2; mo++) {
			net_snap_t sn;
			CHECK_OK(net_snap(mo ? s_main : s_all, la, lo, &sn, &err), &err);
			uint32_t e;
			double d_ref = ref_nearest(net, la, lo, mo, &e);
			double d = ref_local_dist(la, lo, sn.lat, sn.lon);
			CHECK_MSG(fabs(d - d_ref) <= 1e-6 * (1 + d_ref),
				  "%.6f %.6f: index %.6f m, scan %.6f m", la, lo, d, d_ref);
		}
	}

	/* Planken: its nearest road is on an island cut off by the extract */
	osm_feature_t planken_f, *planken = &planken_f;
	CHECK_OK(osm_find(map, "Planken", OSM_FIND_PICKUP, &planken_f, &err), &err);
	if (planken) {
		net_snap_t sn;
		CHECK_OK(net_snap(s_main, planken->lat, planken->lon, &sn, &err), &err);
		CHECK(sn.off_main == 1);
		CHECK(net->comp[net->head[sn.edge]] == net->largest_comp);
	}

	/* points: the villages (but Planken) and random points on main roads */
	enum { NP = 40 };
	net_snap_t p[NP];
	uint32_t np = 0;
	for (size_t i = 0; i < map->n_places && np < 10; i++) {
		if (map->places[i].type == planken->type && map->places[i].id == planken->id)
			continue;
		CHECK_OK(net_snap(s_main, map->places[i].lat, map->places[i].lon, &p[np], &err),
			 &err);
		np++;
	}
	while (np < NP) {
		uint32_t e = sr_rng_below(&r, net->n_edges);
		if (net->comp[net->head[e]] != net->largest_comp ||
		    net->comp[net_edge_tail(net, e)] != net->largest_comp)
			continue;
		memset(&p[np], 0, sizeof(p[np]));
		p[np].edge = e;
		p[np].t = sr_rng_unit(&r);
		ref_point_on_edge(net, e, p[np].t, &p[np].lat, &p[np].lon);
		np++;
	}
	uint32_t *twin = ref_twins(net);
	for (int metric = 0; metric < 2; metric++) {
		mat_opts_t o;
		mat_opts_init(&o);
		o.metric = metric;
		o.algo = MAT_DIJKSTRA;
		sr_matrix_t *m = NULL;
		CHECK_OK(mat_compute(net, p, np, &o, &m, &err), &err);
		if (!m)
			break;
		/* the reference for the first 12 sources */
		double *rs = malloc((size_t)np * np * sizeof(double));
		double *rm = malloc((size_t)np * np * sizeof(double));
		ref_matrix(net, twin, p, 12, metric == MAT_SHORTEST, rs, rm);
		int bad = 0;
		for (uint32_t i = 0; i < 12; i++)
			for (uint32_t j = 0; j < 12; j++) {
				double a = m->seconds[(size_t)i * np + j],
				       b = rs[(size_t)i * 12 + j];
				double c = m->meters[(size_t)i * np + j],
				       d = rm[(size_t)i * 12 + j];
				if (!(fabs(a - b) <= 1e-6 * (1 + b) &&
				      fabs(c - d) <= 1e-6 * (1 + d)) &&
				    bad++ < 5)
					fprintf(stderr,
						"metric %d %u->%u: %.6f s %.3f m, reference %.6f s "
						"%.3f m\n",
						metric, i, j, a, c, b, d);
			}
		CHECK_MSG(bad == 0, "%d entries differ from the reference", bad);
		/* the contraction hierarchy agrees on the whole table */
		sr_matrix_t *mc = NULL;
		o.algo = MAT_CH;
		CHECK_OK(mat_compute(net, p, np, &o, &mc, &err), &err);
		o.algo = MAT_DIJKSTRA;
		int bad_ch = 0;
		for (size_t k = 0; mc && k < (size_t)np * np; k++)
			if (!(fabs(mc->seconds[k] - m->seconds[k]) <= 1e-9 * (1 + m->seconds[k]) &&
			      fabs(mc->meters[k] - m->meters[k]) <= 1e-9 * (1 + m->meters[k])) &&
			    bad_ch++ < 5)
				fprintf(stderr,
					"metric %d entry %zu: CH %.9f s %.6f m, Dijkstra %.9f s "
					"%.6f m\n",
					metric, k, mc->seconds[k], mc->meters[k], m->seconds[k],
					m->meters[k]);
		CHECK_MSG(bad_ch == 0, "%d CH entries differ", bad_ch);
		mat_free(mc);
		/* all finite (main network), zero diagonal, triangle inequality */
		int inf = 0, tri = 0;
		for (size_t k = 0; k < (size_t)np * np; k++)
			inf += !isfinite(m->seconds[k]);
		CHECK(inf == 0);
		const double *w = metric == MAT_SHORTEST ? m->meters : m->seconds;
		for (int k = 0; k < 2000; k++) {
			uint32_t a = sr_rng_below(&r, np), b = sr_rng_below(&r, np),
				 c = sr_rng_below(&r, np);
			if (w[a * np + c] > w[a * np + b] + w[b * np + c] + 1e-6)
				tri++;
		}
		CHECK_MSG(tri == 0, "%d triples break the triangle inequality", tri);
		/* paths: same figures as the matrix, and as long as their metres */
		for (int k = 0; k < 30; k++) {
			uint32_t a = sr_rng_below(&r, np), b = sr_rng_below(&r, np);
			double *la, *lo, sec, met;
			size_t n;
			CHECK_OK(mat_path_ex(net, &p[a], &p[b], &o, &la, &lo, &n, &sec, &met, &err),
				 &err);
			CHECK(sec == m->seconds[a * np + b] && met == m->meters[a * np + b]);
			double len = poly_len(la, lo, n);
			CHECK_MSG(fabs(len - met) <= 0.002 * met + 1.0,
				  "path %u->%u: polyline %.2f m, "
				  "matrix %.2f m",
				  a, b, len, met);
			free(la);
			free(lo);
		}
		free(rs);
		free(rm);
		mat_free(m);
	}
	free(twin);
	net_snapper_free(s_main);
	net_snapper_free(s_all);
	osm_map_free(map);
	return test_summary();
}
