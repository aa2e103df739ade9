/* test_osm_address_areas.c - the settlement of an address without
 * addr:city or addr:place is the settlement area holding it, not the
 * nearest place node: on the hand-drawn fixtures/address_areas.osm every
 * address lies where the nearest place node (checked here from the
 * fixture's own coordinates) is another village. Ивановка is a
 * multipolygon of two outer ways (one drawn the other way round) with a
 * hole, Петровка an administrative boundary named like its village; a
 * сельское поселение around all of them names no settlement and is none. */
#include <math.h>
#include <string.h>
#include "addr_check.h"

static const char *map_path = "fixtures/address_areas.osm";

static int node_ll(int64_t id, double *lat, double *lon)
{
	return fixture_node_ll(map_path, id, lat, lon);
}

/* The place node (101 Ивановка, 102 Петровка, 103 Сидоровка) nearest to
 * node id, from the fixture's text. */
static int64_t nearest_place_node(int64_t id)
{
	double la, lo, pla, plo, best = 1e18;
	int64_t b = 0;
	CHECK(node_ll(id, &la, &lo));
	for (int64_t p = 101; p <= 103; p++) {
		CHECK(node_ll(p, &pla, &plo));
		double d = sr_haversine_m(la, lo, pla, plo);
		if (d < best) {
			best = d;
			b = p;
		}
	}
	return b;
}

static const osm_address_t *addr_of(const sr_map_t *m, int64_t id)
{
	for (size_t i = 0; i < m->n_addrs; i++)
		if (m->addrs[i].type == 'n' && m->addrs[i].id == id)
			return &m->addrs[i];
	return NULL;
}

/* Address node id is in settlement want; in_area: by an area (distance 0),
 * else by its nearest node. */
static void want_settle(const sr_map_t *m, int64_t id, const char *want, int in_area)
{
	const osm_address_t *a = addr_of(m, id);
	CHECK_MSG(a != NULL, "no address n%lld", (long long)id);
	if (!a)
		return;
	double d = -1;
	const char *s = osm_address_settlement(m, a, &d);
	CHECK_MSG(s && !strcmp(s, want), "n%lld: settlement '%s', want '%s'", (long long)id,
		  s ? s : "(none)", want);
	CHECK_MSG(in_area ? d == 0 : d > 0, "n%lld: distance %.0f m", (long long)id, d);
}

static void want_found(const sr_map_t *m, const char *q, int64_t id)
{
	osm_feature_t f;
	osm_found_t how;
	sr_error_t err;
	sr_error_clear(&err);
	int rc = osm_find_ex(m, q, OSM_FIND_PICKUP, &f, &how, &err);
	CHECK_MSG(rc == SR_OK && f.type == 'n' && f.id == id && how.address,
		  "'%s': rc %d, n%lld: %s", q, rc, (long long)f.id, err.msg);
}

int main(void)
{
	sr_map_t *m = fixture_read(map_path, 0);
	if (!m)
		return test_summary();
	CHECK(m->n_addrs == 5);
	/* the fixture is what it says: the nearest place node is another village */
	CHECK(nearest_place_node(201) == 102);
	CHECK(nearest_place_node(203) == 102);
	CHECK(nearest_place_node(205) == 103);

	want_settle(m, 201, "Ивановка", 1); /* the multipolygon, joined of two ways */
	want_settle(m, 203, "Ивановка", 1);
	want_settle(m, 204, "Петровка", 1);
	want_settle(m, 205, "Петровка", 1); /* the boundary named like the village */
	want_settle(m, 202, "Петровка", 0); /* in Ивановка's hole: the nearest node */

	/* the lookup agrees: the village by its area, one street and number in
	 * two villages is never a silent pick */
	want_found(m, "д. Ивановка, ул. Луговая, 1", 201);
	want_found(m, "д. Ивановка, ул. Центральная, 12", 203);
	want_found(m, "Петровка, Центральная 12", 204);
	want_found(m, "д. Петровка, ул. Полевая, 2", 205);
	want_error(m, "д. Сидоровка, ул. Полевая, 2", "not in", "Петровка", NULL);
	want_error(m, "ул. Центральная, 12", "ambiguous", "2 settlements", "Ивановка", "Петровка",
		   "n203", "n204", NULL);
	/* the сельское поселение is no settlement: it names none of them */
	want_error(m, "Петровское сельское поселение, ул. Луговая, 1", "not in", NULL);

	/* read keeping every element (as plan does): the same */
	osm_map_free(m);
	m = fixture_read(map_path, 1);
	if (m) {
		want_settle(m, 201, "Ивановка", 1);
		want_settle(m, 202, "Петровка", 0);
		want_settle(m, 205, "Петровка", 1);
	}
	osm_map_free(m);
	return test_summary();
}
