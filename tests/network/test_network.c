/* test_network.c - net_build() CSR layout, Tarjan SCC against brute-force
 * mutual reachability, and the bus profile table (classes, access, oneway,
 * maxspeed, speed cap). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

/* reach[u*n+v] = v reachable from u (BFS from every node) */
static unsigned char *reachability(const sr_network_t *net)
{
	uint32_t n = net->n_nodes;
	unsigned char *r = calloc((size_t)n * n, 1);
	uint32_t *q = malloc(n * sizeof(uint32_t));
	for (uint32_t s = 0; s < n; s++) {
		uint32_t qh = 0, qt = 0;
		q[qt++] = s;
		r[(size_t)s * n + s] = 1;
		while (qh < qt) {
			uint32_t v = q[qh++];
			for (uint32_t e = net->first_out[v]; e < net->first_out[v + 1]; e++) {
				uint32_t w = net->head[e];
				if (!r[(size_t)s * n + w]) {
					r[(size_t)s * n + w] = 1;
					q[qt++] = w;
				}
			}
		}
	}
	free(q);
	return r;
}

static void test_csr_layout_keeps_every_arc(void)
{
	net_arc_t arcs[] = {
		{2, 0, 10, 1, NET_PRIMARY},
		{0, 1, 20, 2, NET_SECONDARY},
		{0, 2, 30, 3, NET_TRACK},
		{1, 2, 40, 4, NET_SERVICE},
	};
	double lat[3] = {1, 2, 3}, lon[3] = {4, 5, 6};
	sr_network_t *net = net_build(3, lat, lon, arcs, 4);
	CHECK(net->n_nodes == 3 && net->n_edges == 4);
	CHECK(net->first_out[0] == 0 && net->first_out[1] == 2 && net->first_out[2] == 3 &&
	      net->first_out[3] == 4);
	/* arcs of node 0 keep input order */
	CHECK(net->head[0] == 1 && net->length_m[0] == 20 && net->road_class[0] == NET_SECONDARY);
	CHECK(net->head[1] == 2 && net->time_s[1] == 3);
	CHECK(net->head[3] == 0 && net->lat[2] == 3 && net->lon[0] == 4);
	for (uint32_t e = 0; e < 4; e++)
		CHECK(net->geom_first[e] == 0 && net->geom_first[e + 1] == 0);
	CHECK(net->n_comps == 1 && net->largest_comp_size == 3);
	net_free(net);
	net_free(NULL);
	/* coordinates optional */
	net = net_build(2, NULL, NULL, NULL, 0);
	CHECK(net->lat[1] == 0 && net->n_comps == 2 && net->largest_comp_size == 1);
	net_free(net);
}

static void test_scc_matches_mutual_reachability_on_random_graphs(void)
{
	sr_rng_t rng;
	sr_rng_seed(&rng, 42);
	for (int round = 0; round < 60; round++) {
		uint32_t n = 1 + sr_rng_below(&rng, 40);
		size_t m = sr_rng_below(&rng, 3 * n + 1);
		net_arc_t *arcs = calloc(m + 1, sizeof(*arcs));
		for (size_t i = 0; i < m; i++) {
			arcs[i].from = sr_rng_below(&rng, n);
			arcs[i].to = sr_rng_below(&rng, n);
		}
		sr_network_t *net = net_build(n, NULL, NULL, arcs, m);
		unsigned char *r = reachability(net);
		int ok = 1;
		uint32_t *size = calloc(net->n_comps + 1, sizeof(uint32_t));
		for (uint32_t u = 0; u < n; u++) {
			size[net->comp[u]]++;
			for (uint32_t v = 0; v < n; v++) {
				int mutual = r[(size_t)u * n + v] && r[(size_t)v * n + u];
				if (mutual != (net->comp[u] == net->comp[v]))
					ok = 0;
			}
		}
		uint32_t best = 0;
		for (uint32_t c = 0; c < net->n_comps; c++)
			if (size[c] > best)
				best = size[c];
		CHECK_MSG(ok, "round %d n=%u m=%zu", round, n, m);
		CHECK(best == net->largest_comp_size && size[net->largest_comp] == best);
		free(size);
		free(r);
		free(arcs);
		net_free(net);
	}
}

static void test_scc_is_iterative_on_a_long_cycle(void)
{
	uint32_t n = 2000000;
	net_arc_t *arcs = calloc(n, sizeof(*arcs));
	for (uint32_t i = 0; i < n; i++) {
		arcs[i].from = i;
		arcs[i].to = (i + 1) % n;
	}
	sr_network_t *net = net_build(n, NULL, NULL, arcs, n);
	CHECK(net->n_comps == 1 && net->largest_comp_size == n);
	/* cut the cycle: every node its own component */
	net->head[n - 1] = n - 1;
	net_compute_scc(net);
	CHECK(net->n_comps == n && net->largest_comp_size == 1);
	net_free(net);
	free(arcs);
}

static net_way_rule_t way(const net_profile_t *p, const char *highway, const char *k1,
			  const char *v1, const char *k2, const char *v2)
{
	net_way_tags_t t;
	memset(&t, 0, sizeof(t));
	t.highway = highway;
	const char *ks[2] = {k1, k2}, *vs[2] = {v1, v2};
	for (int i = 0; i < 2; i++) {
		if (!ks[i])
			continue;
		if (!strcmp(ks[i], "oneway"))
			t.oneway = vs[i];
		else if (!strcmp(ks[i], "oneway:bus"))
			t.oneway_bus = vs[i];
		else if (!strcmp(ks[i], "junction"))
			t.junction = vs[i];
		else if (!strcmp(ks[i], "maxspeed"))
			t.maxspeed = vs[i];
		else if (!strcmp(ks[i], "access"))
			t.access = vs[i];
		else if (!strcmp(ks[i], "motor_vehicle"))
			t.motor_vehicle = vs[i];
		else if (!strcmp(ks[i], "bus"))
			t.bus = vs[i];
		else if (!strcmp(ks[i], "psv"))
			t.psv = vs[i];
		else if (!strcmp(ks[i], "area"))
			t.area = vs[i];
	}
	net_way_rule_t r;
	net_profile_way(p, &t, &r);
	return r;
}

static void test_profile_classes_access_oneway_and_speeds(void)
{
	net_profile_t p;
	net_profile_init(&p);
	CHECK(p.speed_cap_kmh == 60 && p.allow_tracks == 0);
	for (int c = 0; c < NET_N_CLASSES; c++) {
		CHECK(net_class_from_highway(net_class_name((net_class_t)c)) == c);
		CHECK(net_class_default_kmh((net_class_t)c) > 0);
	}
	const char *never[] = {"footway",      "path",	   "cycleway",	"steps",   "pedestrian",
			       "construction", "proposed", "bridleway", "platform"};
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		CHECK(!way(&p, never[i], NULL, NULL, NULL, NULL).routable);

	net_way_rule_t r = way(&p, "residential", NULL, NULL, NULL, NULL);
	CHECK(r.routable && r.forward && r.backward && r.road_class == NET_RESIDENTIAL);
	CHECK(r.speed_kmh == net_class_default_kmh(NET_RESIDENTIAL));
	/* tracks only when allowed */
	CHECK(!way(&p, "track", NULL, NULL, NULL, NULL).routable);
	p.allow_tracks = 1;
	CHECK(way(&p, "track", NULL, NULL, NULL, NULL).routable);
	p.allow_tracks = 0;
	/* access */
	CHECK(!way(&p, "service", "access", "private", NULL, NULL).routable);
	CHECK(!way(&p, "unclassified", "access", "no", NULL, NULL).routable);
	CHECK(way(&p, "unclassified", "access", "no", "bus", "yes").routable);
	CHECK(way(&p, "unclassified", "access", "private", "psv", "designated").routable);
	CHECK(!way(&p, "unclassified", "motor_vehicle", "no", NULL, NULL).routable);
	CHECK(!way(&p, "service", "area", "yes", NULL, NULL).routable);
	/* oneway */
	const char *yes[] = {"yes", "1", "true"};
	for (int i = 0; i < 3; i++) {
		r = way(&p, "primary", "oneway", yes[i], NULL, NULL);
		CHECK(r.forward && !r.backward);
	}
	r = way(&p, "primary", "oneway", "-1", NULL, NULL);
	CHECK(!r.forward && r.backward);
	r = way(&p, "primary", "oneway", "no", NULL, NULL);
	CHECK(r.forward && r.backward);
	r = way(&p, "tertiary", "junction", "roundabout", NULL, NULL);
	CHECK(r.forward && !r.backward);
	r = way(&p, "motorway", NULL, NULL, NULL, NULL);
	CHECK(r.forward && !r.backward);
	r = way(&p, "motorway", "oneway", "no", NULL, NULL);
	CHECK(r.forward && r.backward);
	r = way(&p, "primary", "oneway", "yes", "oneway:bus", "no");
	CHECK(r.forward && r.backward);
	/* maxspeed and the cap */
	CHECK(way(&p, "primary", "maxspeed", "30", NULL, NULL).speed_kmh == 30);
	CHECK(way(&p, "primary", "maxspeed", "80", NULL, NULL).speed_kmh == 60);
	CHECK(way(&p, "residential", "maxspeed", "RU:living_street", NULL, NULL).speed_kmh == 20);
	CHECK_NEAR(way(&p, "residential", "maxspeed", "20 mph", NULL, NULL).speed_kmh, 32.18688,
		   1e-9);
	r = way(&p, "residential", "maxspeed", "fast", NULL, NULL);
	CHECK(r.routable && r.maxspeed_unknown &&
	      r.speed_kmh == net_class_default_kmh(NET_RESIDENTIAL));
	p.speed_cap_kmh = 200;
	CHECK(way(&p, "motorway", "maxspeed", "none", NULL, NULL).speed_kmh ==
	      net_class_default_kmh(NET_MOTORWAY));
	CHECK(way(&p, "motorway", "maxspeed", "RU:motorway", NULL, NULL).speed_kmh == 110);
	CHECK(way(&p, "primary", "maxspeed", "RU:rural", NULL, NULL).speed_kmh == 90);
	CHECK(way(&p, "primary", "maxspeed", "RU:urban", NULL, NULL).speed_kmh == 60);
	CHECK(way(&p, "primary", "maxspeed", "DE:urban", NULL, NULL).speed_kmh == 50);
	CHECK(way(&p, "primary", "maxspeed", "AT:rural", NULL, NULL).speed_kmh == 100);
	CHECK(way(&p, "primary", "maxspeed", "DE:zone30", NULL, NULL).speed_kmh == 30);
	CHECK(way(&p, "primary", "maxspeed", "60;40", NULL, NULL).speed_kmh == 40);

	/* all_roads: every road class, both ways, access ignored */
	p.all_roads = 1;
	r = way(&p, "service", "access", "private", "oneway", "yes");
	CHECK(r.routable && r.forward && r.backward);
	CHECK(way(&p, "track", NULL, NULL, NULL, NULL).routable);
	CHECK(!way(&p, "footway", NULL, NULL, NULL, NULL).routable);
	p.all_roads = 0;

	double k = -1;
	CHECK(net_parse_maxspeed("50 km/h", &k) == 0 && k == 50);
	CHECK(net_parse_maxspeed("none", &k) == 1);
	CHECK(net_parse_maxspeed("", &k) == -1);
	CHECK(net_parse_maxspeed("-5", &k) == -1);
	CHECK(net_parse_maxspeed("50x", &k) == -1);
}

int main(void)
{
	test_csr_layout_keeps_every_arc();
	test_scc_matches_mutual_reachability_on_random_graphs();
	test_scc_is_iterative_on_a_long_cycle();
	test_profile_classes_access_oneway_and_speeds();
	return test_summary();
}
