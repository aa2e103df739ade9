/*
 * test_district_osm_read.c - the project's map reader (osm_read) on the
 * bundled district and the tiny map, against this folder's independent
 * reader (osmcheck.c): the same places and destinations by kind, every
 * village but the track-only hamlet snapping into the largest strongly
 * connected component (and that one too once tracks are allowed), and
 * every name the examples use resolving with osm_find to the element the
 * independent reader finds.
 *
 * Usage: test_district_osm_read MAP EXAMPLE_DIR (relative to SR_SOURCE_DIR)
 */
#include <stdlib.h>
#include <string.h>
#include "osmcheck.h"
#include "testutil.h"

static const struct {
	const char *place;
	osm_place_kind_t kind;
} place_kinds[] = {
	{"town", OSM_PLACE_TOWN},
	{"village", OSM_PLACE_VILLAGE},
	{"hamlet", OSM_PLACE_HAMLET},
};

static const struct {
	const char *name;
	osm_dest_kind_t kind;
} dest_kinds[] = {
	{"sports_centre", OSM_DEST_SPORTS_CENTRE},
	{"stadium", OSM_DEST_STADIUM},
	{"sports_hall", OSM_DEST_SPORTS_HALL},
	{"pitch", OSM_DEST_PITCH},
	{"swimming_pool", OSM_DEST_SWIMMING_POOL},
	{"ice_rink", OSM_DEST_ICE_RINK},
	{"track", OSM_DEST_TRACK},
	{"kindergarten", OSM_DEST_KINDERGARTEN},
	{"school", OSM_DEST_SCHOOL},
	{"college", OSM_DEST_COLLEGE},
};

/* Whether the place snaps into the largest SCC of net. */
static int snaps_to_main(const sr_network_t *net, const net_snapper_t *sn, double lat, double lon)
{
	net_snap_t s;
	sr_error_t err;
	if (net_snap(sn, lat, lon, &s, &err) != SR_OK)
		return 0;
	uint32_t tail = net_edge_tail(net, s.edge);
	return !s.off_main && net->comp[tail] == net->largest_comp &&
	       net->comp[net->head[s.edge]] == net->largest_comp;
}

static void check_snapping(const char *path, const oc_map_t *m, const char *in_scc, int tracks)
{
	osm_opts_t o;
	osm_opts_init(&o);
	o.profile.allow_tracks = tracks;
	sr_map_t *map = NULL;
	sr_error_t err;
	int rc = osm_read(path, &o, &map, &err);
	CHECK_OK(rc, &err);
	if (rc)
		return;
	net_snapper_t *sn = net_snapper_new(map->net, 0);
	size_t off = 0;
	for (size_t i = 0; i < map->n_places; i++) {
		const osm_feature_t *p = &map->places[i];
		int in = snaps_to_main(map->net, sn, p->lat, p->lon);
		off += !in;
		/* the independent reader agrees place by place */
		for (size_t k = 0; k < m->n_nodes; k++)
			if (m->e[k].id == p->id && p->type == 'n' && oc_tag(m, k, "place"))
				CHECK_MSG(in == (tracks || in_scc[k]),
					  "%s: %s in main component: %d", path, p->name, in);
		if (!in)
			printf("  %s: %s (%s) is off the main component\n",
			       tracks ? "with tracks" : "bus", p->name,
			       osm_place_kind_name(p->kind));
	}
	CHECK_MSG(off == (tracks ? 0u : 1u), "%s: %zu places off the main component (tracks %d)",
		  path, off, tracks);
	net_snapper_free(sn);
	osm_map_free(map);
}

/* Every name column of a CSV resolves through osm_find to an element the
 * independent reader also finds under that name. */
static void check_names(const sr_map_t *map, const oc_map_t *m, const char *dir, const char *file,
			const char *col, osm_find_want_t want)
{
	sr_csv_t *csv = NULL;
	sr_error_t err;
	const char *p = test_path(dir, file);
	int rc = sr_csv_read(p, 1, &csv, &err);
	CHECK_OK(rc, &err);
	if (rc)
		return;
	int c = sr_csv_col(&csv->rows[0], col);
	CHECK(c >= 0);
	for (size_t r = 1; r < csv->n_rows && c >= 0; r++) {
		const char *name = csv->rows[r].fields[c];
		osm_feature_t fv, *f = &fv;
		rc = osm_find(map, name, want, &fv, &err);
		CHECK_MSG(rc == SR_OK, "%s:%ld: osm_find(%s): %s", p, csv->rows[r].line, name,
			  err.msg);
		if (rc != SR_OK)
			continue;
		int agree = 0;
		for (size_t k = 0; k < m->n; k++)
			if (m->e[k].type == f->type && m->e[k].id == f->id)
				agree = oc_tag(m, k, "name") && !strcmp(oc_tag(m, k, "name"), name);
		CHECK_MSG(agree, "%s:%ld: %s resolved to %c%lld", p, csv->rows[r].line, name,
			  f->type, (long long)f->id);
	}
	sr_csv_free(csv);
}

int main(int argc, char **argv)
{
	const char *src = test_env("SR_SOURCE_DIR");
	if (!src[0] || argc < 3)
		test_skip("usage: test_district_osm_read MAP EXAMPLE_DIR, with SR_SOURCE_DIR set");
	char path[4096], dir[4096];
	snprintf(path, sizeof(path), "%s/%s", src, argv[1]);
	snprintf(dir, sizeof(dir), "%s/%s", src, argv[2]);

	oc_map_t m;
	if (oc_read(path, &m) != 0) {
		CHECK_MSG(0, "%s", m.problem);
		return test_summary();
	}
	char *in_scc = xcalloc(m.n + 1, 1);
	double snap = 0;
	oc_places_outside_scc(&m, 0, in_scc, &snap);

	osm_opts_t o;
	osm_opts_init(&o);
	sr_map_t *map = NULL;
	sr_error_t err;
	int rc = osm_read(path, &o, &map, &err);
	CHECK_OK(rc, &err);
	if (rc == SR_OK) {
		CHECK(map->stats.nodes == m.n_nodes && map->stats.ways == m.n_ways &&
		      map->stats.relations == m.n_rels);
		CHECK(map->stats.missing_node_refs == 0);
		for (size_t k = 0; k < sizeof(place_kinds) / sizeof(place_kinds[0]); k++) {
			size_t ours = 0, theirs = 0;
			for (size_t i = 0; i < m.n; i++) {
				const char *p = oc_tag(&m, i, "place");
				theirs += p && !strcmp(p, place_kinds[k].place);
			}
			for (size_t i = 0; i < map->n_places; i++)
				ours += map->places[i].kind == (int)place_kinds[k].kind;
			CHECK_MSG(ours == theirs, "%s: %zu places, independently %zu",
				  place_kinds[k].place, ours, theirs);
		}
		for (size_t k = 0; k < sizeof(dest_kinds) / sizeof(dest_kinds[0]); k++) {
			size_t ours = 0, theirs = 0;
			for (size_t i = 0; i < m.n; i++) {
				const char *d = oc_dest_kind(&m, i);
				theirs += d && !strcmp(d, dest_kinds[k].name);
			}
			for (size_t i = 0; i < map->n_dests; i++)
				ours += map->dests[i].kind == (int)dest_kinds[k].kind;
			CHECK_MSG(ours == theirs, "%s: %zu destinations, independently %zu",
				  dest_kinds[k].name, ours, theirs);
		}
		CHECK(map->n_others >= 2); /* the depot(s) and the bus station */
		check_names(map, &m, dir, "riders.csv", "pickup", OSM_FIND_PICKUP);
		check_names(map, &m, dir, "sessions.csv", "destination", OSM_FIND_DEST);
		check_names(map, &m, dir, "fleet.csv", "depot", OSM_FIND_ANY);
		osm_map_free(map);
	}
	check_snapping(path, &m, in_scc, 0);
	check_snapping(path, &m, in_scc, 1);
	free(in_scc);
	oc_free(&m);
	return test_summary();
}
