/* test_osm_rules.c - one hand-drawn fixture per reader rule (an .osm file
 * in tests/osm/fixtures) with its expected result: oneway, roundabout, motorway,
 * access, maxspeed zones and the speed cap, degree-2 folding, clipped
 * references, area and multipolygon centroids, gzip and stdin input, and
 * bad input (malformed, truncated, hostile DOCTYPE, empty, bad coordinate).
 * Expected lengths, times and centroids are recomputed here from the
 * fixture coordinates. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "testutil.h"

#define NO UINT32_MAX

static const char *fx(const char *name)
{
	static char buf[4][1024];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/tests/osm/fixtures/%s", test_env("SR_SOURCE_DIR"),
		 name);
	return buf[k];
}

static sr_map_t *load(const char *name, const osm_opts_t *o)
{
	osm_opts_t d;
	osm_opts_init(&d);
	sr_error_t err;
	sr_map_t *m = NULL;
	int rc = osm_read(fx(name), o ? o : &d, &m, &err);
	CHECK_OK(rc, &err);
	return rc == SR_OK ? m : NULL;
}

static uint32_t vertex(const sr_network_t *net, int64_t osm)
{
	for (uint32_t v = 0; v < net->n_nodes; v++)
		if (net->osm_id[v] == osm)
			return v;
	return NO;
}

/* The edge from OSM node a to OSM node b, or NO. */
static uint32_t edge(const sr_network_t *net, int64_t a, int64_t b)
{
	uint32_t u = vertex(net, a), w = vertex(net, b);
	if (u == NO || w == NO)
		return NO;
	for (uint32_t e = net->first_out[u]; e < net->first_out[u + 1]; e++)
		if (net->head[e] == w)
			return e;
	return NO;
}

static uint32_t geom_n(const sr_network_t *net, uint32_t e)
{
	return net->geom_first[e + 1] - net->geom_first[e];
}

/* node coordinates of a fixture, by hand from the files */
static double hv(double la1, double lo1, double la2, double lo2)
{
	return sr_haversine_m(la1, lo1, la2, lo2);
}

static void test_oneway_reverse_is_unreachable(void)
{
	sr_map_t *m = load("oneway.osm", NULL);
	if (!m)
		return;
	const sr_network_t *n = m->net;
	CHECK(n->n_nodes == 5 && n->n_edges == 5);
	CHECK(edge(n, 1, 3) != NO && edge(n, 3, 1) == NO); /* oneway=yes, node 2 folded */
	CHECK(edge(n, 4, 3) != NO && edge(n, 3, 4) == NO); /* oneway=-1 */
	CHECK(edge(n, 4, 6) != NO && edge(n, 6, 4) == NO); /* true + 1 folded through 5 */
	CHECK(edge(n, 6, 7) != NO && edge(n, 7, 6) != NO); /* oneway=no */
	uint32_t e = edge(n, 4, 6);
	CHECK(e != NO && geom_n(n, e) == 1 && n->geom_lon[n->geom_first[e]] == 38.004);
	CHECK(n->n_comps == 4 && n->largest_comp_size == 2);
	CHECK(n->comp[vertex(n, 6)] == n->comp[vertex(n, 7)] &&
	      n->comp[vertex(n, 1)] != n->comp[vertex(n, 3)]);
	osm_map_free(m);
}

static void test_roundabout_is_driven_one_way_and_motorway_implied_oneway(void)
{
	sr_map_t *m = load("roundabout.osm", NULL);
	if (!m)
		return;
	const sr_network_t *n = m->net;
	CHECK(n->n_nodes == 6 && n->n_edges == 7);
	uint32_t a = edge(n, 1, 3), b = edge(n, 3, 1);
	/* 1 -> 2 -> 3 and 3 -> 4 -> 1, never against the ring */
	CHECK(a != NO && geom_n(n, a) == 1 && n->geom_lat[n->geom_first[a]] == 56.0005);
	CHECK(b != NO && geom_n(n, b) == 1 && n->geom_lat[n->geom_first[b]] == 55.9995);
	CHECK(edge(n, 5, 1) != NO && edge(n, 1, 5) != NO && edge(n, 3, 6) != NO &&
	      edge(n, 6, 3) != NO);
	CHECK(edge(n, 7, 8) != NO && edge(n, 8, 7) == NO);
	CHECK(n->n_comps == 3 && n->largest_comp_size == 4);
	osm_map_free(m);
}

static void test_access_rules_keep_bus_roads_only(void)
{
	sr_map_t *m = load("access.osm", NULL);
	if (!m)
		return;
	const sr_network_t *n = m->net;
	const double *km = m->stats.road_km_by_class;
	double seg = hv(56.0, 38.000, 56.0, 38.001) / 1000;
	CHECK(edge(n, 2, 3) != NO && edge(n, 3, 4) != NO && edge(n, 9, 10) != NO);
	CHECK(edge(n, 1, 2) == NO && edge(n, 4, 5) == NO && edge(n, 5, 6) == NO &&
	      edge(n, 6, 7) == NO);
	CHECK(edge(n, 7, 8) == NO && edge(n, 8, 9) == NO && edge(n, 10, 11) == NO);
	CHECK(n->n_nodes == 5 && n->n_edges == 6);
	CHECK_NEAR(km[NET_UNCLASSIFIED], seg, 1e-9);
	CHECK_NEAR(km[NET_RESIDENTIAL], seg, 1e-9);
	CHECK_NEAR(km[NET_SERVICE], seg, 1e-9);
	CHECK(km[NET_TRACK] == 0);
	osm_map_free(m);

	osm_opts_t o;
	osm_opts_init(&o);
	o.profile.allow_tracks = 1;
	m = load("access.osm", &o);
	if (!m)
		return;
	CHECK(edge(m->net, 6, 7) != NO && edge(m->net, 7, 6) != NO);
	CHECK_NEAR(m->stats.road_km_by_class[NET_TRACK], seg, 1e-9);
	osm_map_free(m);
}

static void check_speeds(double cap, const double *kmh)
{
	osm_opts_t o;
	osm_opts_init(&o);
	o.profile.speed_cap_kmh = cap;
	sr_map_t *m = load("maxspeed.osm", &o);
	if (!m)
		return;
	for (int i = 0; i < 9; i++) {
		int64_t a = 1 + 2 * i, b = a + 1;
		double lat = 56.00 + 0.01 * i;
		double len = hv(lat, 38.00, lat, 38.01);
		uint32_t e = edge(m->net, a, b);
		CHECK_MSG(e != NO, "way %d", 401 + i);
		if (e == NO)
			continue;
		CHECK_NEAR(m->net->length_m[e], len, 1e-3);
		CHECK_MSG(fabs(m->net->time_s[e] - len / (kmh[i] / 3.6)) < 1e-3,
			  "way %d: %g s, want %g s (%g km/h)", 401 + i, m->net->time_s[e],
			  len / (kmh[i] / 3.6), kmh[i]);
	}
	CHECK(m->stats.unknown_maxspeed == 1);
	osm_map_free(m);
}

static void test_maxspeed_zones_units_and_speed_cap(void)
{
	/* RU:urban, RU:rural, RU:living_street, 30 mph, none (motorway default
	 * 100), DE:zone30, 50, unknown (unclassified default 50), RU:motorway */
	const double uncapped[9] = {60, 90, 20, 30 * 1.609344, 100, 30, 50, 50, 110};
	const double capped[9] = {60, 60, 20, 30 * 1.609344, 60, 30, 50, 50, 60};
	check_speeds(200, uncapped);
	check_speeds(60, capped);
}

static void test_degree2_chains_fold_into_one_edge_with_geometry(void)
{
	static const double lat[10] = {0, 56.0000, 56.0003, 56.0001, 56.0004, 56.0002, 56.0000};
	static const double lon[10] = {0, 38.0000, 38.0010, 38.0020, 38.0030, 38.0040, 38.0050};
	sr_map_t *m = load("fold.osm", NULL);
	if (!m)
		return;
	const sr_network_t *n = m->net;
	CHECK(n->n_nodes == 5 && n->n_edges == 8);
	double len = 0;
	for (int i = 1; i < 6; i++)
		len += hv(lat[i], lon[i], lat[i + 1], lon[i + 1]);
	uint32_t e = edge(n, 1, 6), r = edge(n, 6, 1);
	CHECK(e != NO && r != NO);
	if (e != NO && r != NO) {
		CHECK_NEAR(n->length_m[e], len, 1e-2);
		CHECK_NEAR(n->length_m[r], len, 1e-2);
		CHECK(geom_n(n, e) == 4 && geom_n(n, r) == 4);
		for (int k = 0; k < 4; k++) {
			CHECK(n->geom_lat[n->geom_first[e] + k] == lat[2 + k]);
			CHECK(n->geom_lon[n->geom_first[e] + k] == lon[2 + k]);
			CHECK(n->geom_lon[n->geom_first[r] + k] == lon[5 - k]);
		}
	}
	CHECK(vertex(n, 8) != NO && vertex(n, 3) == NO);
	double sum_fold = 0, sum_raw = 0;
	for (uint32_t k = 0; k < n->n_edges; k++)
		sum_fold += n->length_m[k];
	osm_opts_t o;
	osm_opts_init(&o);
	o.fold = 0;
	sr_map_t *raw = load("fold.osm", &o);
	if (raw) {
		CHECK(raw->net->n_nodes == 9 && raw->net->n_edges == 16);
		for (uint32_t k = 0; k < raw->net->n_edges; k++)
			sum_raw += raw->net->length_m[k];
		CHECK_NEAR(sum_fold, sum_raw, 1e-2);
		osm_map_free(raw);
	}
	osm_map_free(m);
}

static void test_clipped_refs_are_skipped_and_counted(void)
{
	sr_map_t *m = load("clipped.osm", NULL);
	if (!m)
		return;
	CHECK(m->stats.missing_node_refs == 1);
	CHECK(m->stats.missing_members == 4); /* way 999, node 998, relation 997, way 888 */
	uint32_t e = edge(m->net, 1, 3);
	CHECK(e != NO && geom_n(m->net, e) == 1);
	if (e != NO)
		CHECK_NEAR(m->net->length_m[e], hv(56, 38, 56, 38.001) + hv(56, 38.001, 56, 38.002),
			   1e-2);
	/* the school keeps its present outer ring; the kindergarten has none */
	CHECK(m->n_dests == 1 && m->stats.unplaced_features == 1);
	if (m->n_dests == 1) {
		CHECK(m->dests[0].type == 'r' && m->dests[0].id == 700 &&
		      m->dests[0].kind == OSM_DEST_SCHOOL);
		CHECK_NEAR(m->dests[0].lat, 56.003, 1e-7);
		CHECK_NEAR(m->dests[0].lon, 38.001, 1e-7);
	}
	osm_map_free(m);
}

static const osm_feature_t *find(const osm_feature_t *f, size_t n, char type, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].type == type && f[i].id == id)
			return &f[i];
	return NULL;
}

static void test_area_centroids_names_and_private_pools(void)
{
	sr_map_t *m = load("areas.osm", NULL);
	if (!m)
		return;
	const osm_feature_t *f = find(m->dests, m->n_dests, 'w', 801);
	CHECK(f && f->kind == OSM_DEST_SCHOOL && f->name && !strcmp(f->name, "Школа №1"));
	if (f) { /* area centroid, not the node mean (56.0108) */
		CHECK_NEAR(f->lat, 56.011, 1e-7);
		CHECK_NEAR(f->lon, 38.011, 1e-7);
	}
	f = find(m->places, m->n_places, 'n', 802);
	CHECK(f && f->kind == OSM_PLACE_HAMLET && f->population == 120);
	CHECK(f && !strcmp(f->name, "Hamlet & Co") && !strcmp(f->name_ru, "Хутор") &&
	      !strcmp(f->name_en, "Khutor") && f->lat == 56.02 && f->lon == 38.02);
	f = find(m->places, m->n_places, 'w', 803);
	CHECK(f && f->kind == OSM_PLACE_VILLAGE && !strcmp(f->name, "Берёзовка") && !f->name_en);
	if (f) {
		CHECK_NEAR(f->lat, 56.031, 1e-7);
		CHECK_NEAR(f->lon, 38.032, 1e-7);
	}
	f = find(m->places, m->n_places, 'n', 814);
	CHECK(f && f->kind == OSM_PLACE_TOWN && f->population == -1);
	/* place=farm is a place a pickup may name, but not a settlement */
	f = find(m->places, m->n_places, 'n', 809);
	CHECK(f && f->kind == OSM_PLACE_FARM);
	CHECK(m->n_places == 4);
	const osm_feature_t *st = osm_settlement(m, 56.06, 38.09, NULL);
	CHECK(st && st->kind < OSM_PLACE_LOCALITY && st->id != 809);
	CHECK(!find(m->dests, m->n_dests, 'w', 804)); /* private pool */
	f = find(m->dests, m->n_dests, 'w', 805);
	CHECK(f && f->kind == OSM_DEST_SWIMMING_POOL);
	CHECK(find(m->dests, m->n_dests, 'n', 806) &&
	      find(m->dests, m->n_dests, 'n', 806)->kind == OSM_DEST_PITCH);
	CHECK(find(m->dests, m->n_dests, 'n', 810) &&
	      find(m->dests, m->n_dests, 'n', 810)->kind == OSM_DEST_STADIUM);
	CHECK(find(m->dests, m->n_dests, 'n', 811) &&
	      find(m->dests, m->n_dests, 'n', 811)->kind == OSM_DEST_TRACK);
	CHECK(find(m->dests, m->n_dests, 'n', 812) &&
	      find(m->dests, m->n_dests, 'n', 812)->kind == OSM_DEST_COLLEGE);
	CHECK(m->n_dests == 6);
	CHECK(m->n_others == 2 && find(m->others, m->n_others, 'n', 807) &&
	      find(m->others, m->n_others, 'n', 813));
	char buf[32];
	f = find(m->dests, m->n_dests, 'n', 806);
	CHECK(f && !strcmp(osm_feature_label(f, buf, sizeof(buf)), "n806"));
	osm_map_free(m);
}

/* The houses of children's clubs are destinations of their own kinds (a
 * music school before the school its building is tagged), a sports tag
 * before them; their official, short and other names are kept. */
static void test_club_houses_are_destinations(void)
{
	sr_map_t *m = load("clubs.osm", NULL);
	if (!m)
		return;
	static const struct {
		int64_t id;
		int kind;
	} want[] = {{901, OSM_DEST_COMMUNITY_CENTRE}, {902, OSM_DEST_MUSIC_SCHOOL},
		    {903, OSM_DEST_ARTS_CENTRE},      {904, OSM_DEST_DANCING_SCHOOL},
		    {905, OSM_DEST_CHILDCARE},	      {906, OSM_DEST_SPORTS_CENTRE}};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const osm_feature_t *f = find(m->dests, m->n_dests, 'n', want[i].id);
		CHECK_MSG(f && f->kind == want[i].kind, "n%lld: kind %s, want %s",
			  (long long)want[i].id, f ? osm_dest_kind_name(f->kind) : "none",
			  osm_dest_kind_name(want[i].kind));
	}
	CHECK(m->n_dests == 6 && !find(m->dests, m->n_dests, 'n', 907)); /* a library: no */
	const osm_feature_t *f = find(m->dests, m->n_dests, 'n', 901);
	CHECK(f && f->alt_names[0] && strstr(f->alt_names[0], "Государственное") &&
	      f->alt_names[1] && !strcmp(f->alt_names[1], "ГБОУ ДО ДТДиМ") && !f->alt_names[2]);
	f = find(m->dests, m->n_dests, 'n', 902);
	CHECK(f && !f->alt_names[0] && f->alt_names[2] && !strcmp(f->alt_names[2], "ДШИ"));
	osm_feature_t got;
	sr_error_t err;
	CHECK_OK(osm_find(m, "гбоу до дтдим", OSM_FIND_DEST, &got, &err), &err);
	CHECK(got.id == 901);
	CHECK_OK(osm_find(m, "ДШИ", OSM_FIND_DEST, &got, &err), &err);
	CHECK(got.id == 902);
	osm_map_free(m);
}

static void test_multipolygon_centroid_weights_outer_rings_by_area(void)
{
	sr_map_t *m = load("multipolygon.osm", NULL);
	if (!m)
		return;
	double a1 = hv(56.000, 38.000, 56.000, 38.002) * hv(56.000, 38.002, 56.002, 38.002);
	double a2 = hv(56.010, 38.010, 56.010, 38.011) * hv(56.010, 38.011, 56.011, 38.011);
	double lat = (a1 * 56.001 + a2 * 56.0105) / (a1 + a2);
	double lon = (a1 * 38.001 + a2 * 38.0105) / (a1 + a2);
	CHECK(m->n_dests == 1); /* the type=route relation is no area */
	const osm_feature_t *f = find(m->dests, m->n_dests, 'r', 900);
	CHECK(f && f->kind == OSM_DEST_KINDERGARTEN && !strcmp(f->name, "Детский сад №2032"));
	if (f) {
		CHECK_NEAR(f->lat, lat, 2e-6);
		CHECK_NEAR(f->lon, lon, 2e-6);
	}
	/* an outer ring split over two open ways: mean of the members' nodes */
	f = find(m->places, m->n_places, 'r', 910);
	CHECK(f && f->kind == OSM_PLACE_VILLAGE);
	if (f) {
		CHECK_NEAR(f->lat, (56.100 + 56.100 + 56.102 + 56.102 + 56.103 + 56.100) / 6, 1e-9);
		CHECK_NEAR(f->lon, (38.100 + 38.104 + 38.104 + 38.104 + 38.100 + 38.100) / 6, 1e-9);
	}
	osm_map_free(m);
}

static void test_unsorted_ids_are_sorted_before_lookup(void)
{
	sr_map_t *m = load("unsorted.osm", NULL);
	if (!m)
		return;
	CHECK(m->stats.missing_node_refs == 0);
	CHECK(edge(m->net, 10, 20) != NO && edge(m->net, 20, 30) != NO &&
	      edge(m->net, 30, 20) != NO);
	CHECK(m->n_places == 1 && m->places[0].population == 1250);
	osm_map_free(m);
}

static void test_doctype_without_entities_is_read_offline(void)
{
	/* an external DTD is neither loaded nor fetched (no DTD loading, no
	 * network); element declarations alone are harmless */
	sr_map_t *m = load("doctype_plain.osm", NULL);
	if (!m)
		return;
	CHECK(m->stats.nodes == 2 && edge(m->net, 1, 2) != NO && edge(m->net, 2, 1) != NO);
	osm_map_free(m);
}

static int same_graph(const sr_network_t *a, const sr_network_t *b)
{
	if (a->n_nodes != b->n_nodes || a->n_edges != b->n_edges)
		return 0;
	for (uint32_t e = 0; e < a->n_edges; e++)
		if (a->head[e] != b->head[e] || a->length_m[e] != b->length_m[e] ||
		    a->time_s[e] != b->time_s[e])
			return 0;
	return 1;
}

static void test_gzip_and_stdin_read_like_plain(void)
{
	sr_map_t *plain = load("roundabout.osm", NULL);
	if (!plain)
		return;
	char *data;
	size_t len;
	sr_error_t err;
	CHECK_OK(sr_read_file(fx("roundabout.osm"), &data, &len, &err), &err);
	char gzpath[1200];
	snprintf(gzpath, sizeof(gzpath), "%s/roundabout.osm.gz", test_tmpdir());
	gzFile g = gzopen(gzpath, "wb9");
	CHECK(g && gzwrite(g, data, (unsigned)len) == (int)len);
	gzclose(g);
	free(data);
	osm_opts_t o;
	osm_opts_init(&o);
	sr_map_t *m = NULL;
	CHECK_OK(osm_read(gzpath, &o, &m, &err), &err);
	CHECK(m && same_graph(m->net, plain->net));
	osm_map_free(m);

	/* a cut gzip stream is an error, not a shorter map */
	FILE *fp = fopen(gzpath, "rb");
	char gzdata[65536];
	size_t gzlen = fp ? fread(gzdata, 1, sizeof(gzdata), fp) : 0;
	if (fp)
		fclose(fp);
	fp = fopen(gzpath, "wb");
	if (fp) {
		fwrite(gzdata, 1, gzlen * 2 / 3, fp);
		fclose(fp);
	}
	m = (sr_map_t *)&o;
	CHECK(osm_read(gzpath, &o, &m, &err) == SR_EINPUT && m == NULL);
	CHECK_MSG(strstr(err.msg, "gzip") || strstr(err.msg, "malformed"), "%s", err.msg);
	/* a damaged byte inside the deflate data */
	gzdata[gzlen / 2] ^= 0x55;
	fp = fopen(gzpath, "wb");
	if (fp) {
		fwrite(gzdata, 1, gzlen, fp);
		fclose(fp);
	}
	m = (sr_map_t *)&o;
	CHECK(osm_read(gzpath, &o, &m, &err) == SR_EINPUT && m == NULL);

	m = NULL;
	CHECK(freopen(fx("roundabout.osm"), "rb", stdin) != NULL);
	CHECK_OK(osm_read("-", &o, &m, &err), &err);
	CHECK(m && same_graph(m->net, plain->net) && !strcmp(m->path, "<stdin>"));
	osm_map_free(m);
	osm_map_free(plain);
}

static void expect_error(const char *name, int code, long line, const char *needle)
{
	osm_opts_t o;
	osm_opts_init(&o);
	sr_error_t err;
	sr_map_t *m = (sr_map_t *)&o; /* must be reset to NULL */
	int rc = osm_read(fx(name), &o, &m, &err);
	char buf[2048];
	sr_error_format(&err, buf, sizeof(buf));
	CHECK_MSG(rc == code && err.code == code, "%s: rc %d, want %d (%s)", name, rc, code, buf);
	CHECK_MSG(m == NULL, "%s: partial result returned", name);
	CHECK_MSG(strstr(err.file, name) != NULL, "%s: file not named: %s", name, buf);
	if (line >= 0)
		CHECK_MSG(err.line == line, "%s: line %ld, want %ld (%s)", name, err.line, line,
			  buf);
	CHECK_MSG(strstr(err.msg, needle) != NULL, "%s: '%s' not in '%s'", name, needle, err.msg);
	if (rc == SR_OK)
		osm_map_free(m);
}

static void test_bad_input_fails_with_file_and_line(void)
{
	expect_error("malformed.osm", SR_EINPUT, 6, "mismatch");
	expect_error("truncated.osm", SR_EINPUT, -1, "malformed XML");
	expect_error("hostile_entities.osm", SR_EINPUT, 3, "entities");
	expect_error("hostile_external.osm", SR_EINPUT, 3, "entities");
	expect_error("hostile_hidden.osm", SR_EINPUT, -1, "entities");
	expect_error("bad_lat_range.osm", SR_EINPUT, 4, "out of range");
	expect_error("bad_lon_text.osm", SR_EINPUT, 5, "not a number");
	expect_error("empty.osm", SR_EINPUT, -1, "empty file");
	expect_error("not_osm.xml", SR_EINPUT, 2, "not an OSM");
	expect_error("no-such-file.osm", SR_EIO, -1, "cannot open");
	expect_error("order_error.osm", SR_EINPUT, 5, "not in OSM order");
}

int main(void)
{
	test_oneway_reverse_is_unreachable();
	test_roundabout_is_driven_one_way_and_motorway_implied_oneway();
	test_access_rules_keep_bus_roads_only();
	test_maxspeed_zones_units_and_speed_cap();
	test_degree2_chains_fold_into_one_edge_with_geometry();
	test_clipped_refs_are_skipped_and_counted();
	test_area_centroids_names_and_private_pools();
	test_club_houses_are_destinations();
	test_multipolygon_centroid_weights_outer_rings_by_area();
	test_gzip_and_stdin_read_like_plain();
	test_unsorted_ids_are_sorted_before_lookup();
	test_doctype_without_entities_is_read_offline();
	test_bad_input_fails_with_file_and_line();
	return test_summary();
}
