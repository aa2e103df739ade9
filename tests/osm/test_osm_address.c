/* test_osm_address.c - pickups given as street addresses (osm_find_ex) on
 * the hand-drawn fixtures/addresses.osm: the spellings of a Russian
 * office and a German one resolve to the tagged element, at a point
 * recomputed here from the fixture's own coordinates (a building's
 * corners, a node's position), never from the reader's; one street and
 * number in two villages is an error naming both; the village given by
 * name (addr:city) or by its nearest place resolves it; a number the
 * street lacks lists its neighbours; an unknown street gets "did you
 * mean"; a name still comes before an address. */
#include <math.h>
#include <string.h>
#include "addr_check.h"

static const char *map_path = "fixtures/addresses.osm"; /* the fixture read */

static int node_ll(int64_t id, double *lat, double *lon)
{
	return fixture_node_ll(map_path, id, lat, lon);
}

/* The centre of a rectangular building of corner nodes c0..c0+3. */
static void rect_centre(int64_t c0, double *lat, double *lon)
{
	double sa = 0, so = 0, la, lo;
	for (int k = 0; k < 4; k++) {
		CHECK(node_ll(c0 + k, &la, &lo));
		sa += la;
		so += lo;
	}
	*lat = sa / 4;
	*lon = so / 4;
}

static void want_at(const sr_map_t *m, const char *q, char type, int64_t id, double lat, double lon)
{
	osm_feature_t f;
	osm_found_t how;
	sr_error_t err;
	sr_error_clear(&err);
	int rc = osm_find_ex(m, q, OSM_FIND_PICKUP, &f, &how, &err);
	CHECK_MSG(rc == SR_OK && f.type == type && f.id == id, "'%s': rc %d, %c%lld, %s", q, rc,
		  f.type ? f.type : '-', (long long)f.id, err.msg);
	CHECK_MSG(rc != SR_OK || how.address != NULL, "'%s' not taken as an address", q);
	CHECK_MSG(rc != SR_OK || (fabs(f.lat - lat) < 1e-7 && fabs(f.lon - lon) < 1e-7),
		  "'%s' at %.7f %.7f, want %.7f %.7f", q, f.lat, f.lon, lat, lon);
}

static void want_node(const sr_map_t *m, const char *q, int64_t id)
{
	double la = 0, lo = 0;
	CHECK(node_ll(id, &la, &lo));
	want_at(m, q, 'n', id, la, lo);
}

/* Node id found for q, with `note` in the note it leaves for the plan. */
static void want_note(const sr_map_t *m, const char *q, int64_t id, const char *note)
{
	osm_feature_t f;
	osm_found_t how;
	sr_error_t err;
	sr_error_clear(&err);
	int rc = osm_find_ex(m, q, OSM_FIND_PICKUP, &f, &how, &err);
	CHECK_MSG(rc == SR_OK && f.type == 'n' && f.id == id, "'%s': rc %d, %c%lld", q, rc, f.type,
		  (long long)f.id);
	CHECK_MSG(rc == SR_OK && strstr(how.note, note) != NULL, "'%s': note '%s'", q, how.note);
}

/* Abbreviated adjectives of street names (fixtures/address_streets.osm):
 * the street they begin, whatever its ending; several: an error naming
 * each, even where one of them alone has the number. The nearest numbers
 * of a missing one name each house once. Without settlement nodes, an
 * address is in the addr:city of the nearest house that has one. */
static void test_streets(void)
{
	map_path = "fixtures/address_streets.osm";
	sr_map_t *m = fixture_read(map_path, 0);
	if (!m)
		return;
	want_node(m, "Б. Козловский пер., д. 3", 103);
	want_node(m, "Бол. Козловский пер. 3", 103);
	want_node(m, "М. Козловский пер., 3", 104);
	want_node(m, "пер. Мал. Козловский, д. 3", 104);
	want_node(m, "Ниж. Красносельская ул., 5", 101);
	want_node(m, "ул. Нов. Красносельская, 7", 102);
	want_node(m, "Ср. Тупой пер., 2", 105);
	want_node(m, "Ср.Тупой пер. 2", 105);
	/* "Ст." is also a settlement word: an adjective before a street word
	 * that ends the name, or after one */
	want_node(m, "Ст. Басманная ул., 5", 130);
	want_node(m, "ул. Ст. Басманная, д. 5", 130);
	want_error(m, "Н. Красносельская ул., 5", "ambiguous", "'н. красносельская'",
		   "Нижняя Красносельская улица", "Новая Красносельская улица", "in full", NULL);
	/* an abbreviation alone names no street, nor does one that begins none */
	want_error(m, "ул. Ср., 2", NULL);
	want_error(m, "В. Козловский пер., 3", "no street 'в. козловский'", NULL);
	/* without its adjective, a street is not guessed */
	want_error(m, "Козловский пер., 3", "no street", NULL);
	/* a missing number: each house once, nearest first, its корпуса and
	 * строения with it */
	want_error(m, "Б. Козловский пер., 11",
		   "the nearest numbers there: 10 (also к1), 12, 9 (с1, с2, с3, …), 3, 1 (Москва)",
		   NULL);
	want_error(m, "Б. Козловский пер., 8",
		   "nearest numbers there: 9 (с1, с2, с3, …), 10 (also к1), 12, 3, 1 (Москва)",
		   NULL);
	/* no settlement node: the addr:city of the nearest house that has one
	 * (found here by brute force on the fixture's coordinates) */
	for (size_t i = 0; i < m->n_addrs; i++) {
		const osm_address_t *a = &m->addrs[i], *best = NULL;
		double la, lo, bla, blo, bd = 1e18, d;
		osm_settle_how_t how;
		CHECK(node_ll(a->id, &la, &lo));
		for (size_t j = 0; j < m->n_addrs; j++)
			if (m->addrs[j].city && node_ll(m->addrs[j].id, &bla, &blo) &&
			    sr_haversine_m(la, lo, bla, blo) < bd) {
				best = &m->addrs[j];
				bd = sr_haversine_m(la, lo, bla, blo);
			}
		const char *s = osm_address_settlement_ex(m, a, &d, &how);
		CHECK_MSG(s && best && !strcmp(s, best->city) && fabs(d - bd) < 0.5 &&
				  how == (a->city ? OSM_SETTLE_TAGGED : OSM_SETTLE_NEIGHBOUR),
			  "n%lld: '%s' at %.0f m (%d), want '%s' at %.0f m", (long long)a->id,
			  s ? s : "", d, (int)how, best ? best->city : "", bd);
	}
	want_node(m, "Б. Козловский пер., 3, Москва", 103);
	want_node(m, "Средний Тупой пер., 6, Зеленоград", 122);
	want_node(m, "Средний Тупой пер., 2, Москва", 105);
	want_error(m, "Средний Тупой пер., 2, Зеленоград", "no house 2", "4, 6 (Зеленоград)", NULL);
	osm_map_free(m);
	map_path = "fixtures/addresses.osm";
}

int main(void)
{
	sr_map_t *m = fixture_read(map_path, 0);
	sr_error_t err;
	sr_error_clear(&err);
	if (!m)
		return test_summary();
	CHECK(m->n_addrs == 20);
	double w100la, w100lo, w101la, w101lo, w102la, w102lo, w103la, w103lo;
	rect_centre(401, &w100la, &w100lo);
	rect_centre(411, &w101la, &w101lo);
	rect_centre(421, &w102la, &w102lo);
	rect_centre(432, &w103la, &w103lo);

	/* one street and number in two villages: never a silent pick */
	want_error(m, "ул. Центральная, 12", "ambiguous", "Ивановка", "Петровка", "w100", "w102",
		   "add the village", NULL);
	/* one settlement's address twice, far apart: the ids to choose from */
	want_error(m, "ул. Полевая, 1", "ambiguous", "n438", "n439", "give the OSM id", NULL);
	/* with settlement nodes, w100 is in the nearest one, not in w102's
	 * addr:city 0.7 km away */
	osm_settle_how_t by;
	double d;
	for (size_t i = 0; i < m->n_addrs; i++)
		if (m->addrs[i].type == 'w' && m->addrs[i].id == 100)
			CHECK(!strcmp(osm_address_settlement_ex(m, &m->addrs[i], &d, &by),
				      "Ивановка") &&
			      by == OSM_SETTLE_NODE && d > 0);
	/* the village by its name (w102: addr:city) or as the nearest place
	 * (w100 has no addr:city; its entrance n405 is the same place) */
	want_at(m, "д. Ивановка, ул. Центральная, 12", 'w', 100, w100la, w100lo);
	want_at(m, "Ивановка, Центральная 12", 'w', 100, w100la, w100lo);
	want_at(m, "ул. Центральная, д. 12, д. Ивановка", 'w', 100, w100la, w100lo);
	want_at(m, "с. Петровка, ул. Центральная, д. 12", 'w', 102, w102la, w102lo);
	want_at(m, "Центральная улица 12, Петровка", 'w', 102, w102la, w102lo);
	want_node(m, "д. Петровка, ул. Центральная, д. 3", 425);
	/* settlement and street without a comma between them */
	want_at(m, "Петровка Центральная 12", 'w', 102, w102la, w102lo);
	want_at(m, "Центральная 12 Петровка", 'w', 102, w102la, w102lo);
	want_at(m, "д. Петровка ул. Центральная д. 12", 'w', 102, w102la, w102lo);
	want_at(m, "Ивановка ул. Садовая 5", 'w', 101, w101la, w101lo);
	want_at(m, "д.Ивановка,ул.Садовая,д.5", 'w', 101, w101la, w101lo);
	want_at(m, "д. Ивановка Садовая ул. 5", 'w', 101, w101la, w101lo);
	want_error(m, "д. Сидоровка, ул. Центральная, 12", "not in", "Ивановка", "Петровка", NULL);

	/* the spellings of a street and a house */
	want_at(m, "ул. Садовая, д. 5", 'w', 101, w101la, w101lo);
	want_at(m, "Садовая ул., 5", 'w', 101, w101la, w101lo);
	want_at(m, "улица Садовая, дом 5", 'w', 101, w101la, w101lo);
	want_at(m, "ул.Садовая д.5", 'w', 101, w101la, w101lo);
	want_at(m, "САДОВАЯ УЛИЦА 5", 'w', 101, w101la, w101lo);
	want_node(m, "Садовая 7а", 415);
	want_at(m, "ул. Садовая, д. 5, кв. 3", 'w', 101, w101la, w101lo); /* a flat: the house */
	want_node(m, "ул. Садовая, 7 А", 415);
	want_node(m, "Центральная 14", 406);
	want_node(m, "Школьная ул., д. 4 корп. 1", 426);
	want_node(m, "Школьная 4к1", 426);
	want_node(m, "ул. Школьная, 2/1", 427);
	want_node(m, "ул. Школьная, 8", 428); /* "6;8": a house of two numbers */
	want_node(m, "Landstrasse 12, Schaan", 436);
	want_node(m, "Landstraße 12", 436);
	want_node(m, "Landstr. 12", 436);

	/* корпус or строение the map lacks: the house, with a note */
	want_note(m, "ул. Школьная, 2/1 стр. 3", 427, "2/1");

	/* a строение after a comma is the house's, "с 3" with a number too */
	want_node(m, "ул. Школьная, д. 10, стр. 3", 460);
	want_node(m, "Школьная ул., 10, с 3", 460);
	want_node(m, "Школьная 10 строение 3", 460);
	/* the map has the number only with a строение: that one, with a note;
	 * two of them at two places: which one is asked */
	want_note(m, "Школьная ул., д. 12", 461, "only as 12 с1");
	want_error(m, "Школьная ул., д. 16", "n462", "n463", NULL);
	want_node(m, "Школьная ул., д. 16 с2", 463);

	/* rural addresses with addr:place only */
	want_node(m, "д. Сидоровка, 5", 431);
	want_at(m, "Сидоровка, д. 8", 'w', 103, w103la, w103lo);

	/* a number the street lacks: its nearest numbers */
	want_error(m, "ул. Садовая, 7", "no house 7", "7а", "5", "Ивановка", NULL);
	want_error(m, "Центральная 13", "no house 13", "12", "14", "Петровка", "3", NULL);
	/* an unknown street: did you mean */
	want_error(m, "ул. Садвая, 5", "no street", "did you mean", "Садовая улица", NULL);
	/* a number before a name in a street's part is the name's ("8 Марта") */
	want_error(m, "ул. 8 Марта, 5", "no street '8 марта'", NULL);
	/* a name comes first: the bus stop "Садовая 5", not the house */
	osm_feature_t f;
	osm_found_t how;
	int rc = osm_find_ex(m, "Садовая 5", OSM_FIND_PICKUP, &f, &how, &err);
	CHECK(rc == SR_OK && f.type == 'n' && f.id == 437 && how.address == NULL);
	/* a name with a number that is no street stays a name's error */
	want_error(m, "Школа 5", "no place or bus stop", NULL);
	/* a destination is never an address */
	CHECK(osm_find(m, "ул. Садовая, 5", OSM_FIND_DEST, &f, &err) == SR_EINPUT);

	osm_map_free(m);
	test_streets();
	return test_summary();
}
