/* test_osm_find.c - osm_find() on a hand-built map: ids, names in name,
 * name:ru and name:en, the preference order of each request (a pickup:
 * places, then named bus stops, then destinations and others), ambiguity
 * and unknown names with the candidates listed. */
#include <string.h>
#include "testutil.h"

static osm_feature_t feat(char type, int64_t id, const char *name, const char *ru, const char *en)
{
	osm_feature_t f;
	memset(&f, 0, sizeof(f));
	f.type = type;
	f.id = id;
	f.name = (char *)name;
	f.name_ru = (char *)ru;
	f.name_en = (char *)en;
	f.population = -1;
	f.lat = 47.0;
	f.lon = 9.0;
	return f;
}

static int same(const osm_feature_t *a, const osm_feature_t *b)
{
	return a->type == b->type && a->id == b->id;
}

int main(void)
{
	osm_feature_t places[] = {
		feat('n', 1, "Ruggell", "Руггелль", NULL),
		feat('n', 2, "Dorf", NULL, NULL),
		feat('n', 3, "Dorf", NULL, NULL),
		feat('n', 4, NULL, NULL, "Lonely"),
	};
	osm_feature_t dests[] = {
		feat('w', 10, "Ruggell", NULL, NULL), /* a school named after the village */
		feat('w', 11, "Primarschule", NULL, NULL),
		feat('r', 12, "Primarschule", NULL, NULL),
		feat('w', 13, "Sporthalle", NULL, NULL),
		feat('n', 15, "Schulhaus", NULL, NULL), /* a building on the grounds w14 */
		feat('w', 14, "Schulhaus", NULL, NULL),
		/* a stadium drawn as its pitch, its node and its grounds */
		feat('w', 31, "Rheinpark", NULL, NULL),
		feat('n', 30, "Rheinpark", NULL, NULL),
		feat('w', 32, "Rheinpark", NULL, NULL),
		/* a school and a kindergarten of one name next door */
		feat('w', 40, "Sonnenschein", NULL, NULL),
		feat('w', 41, "Sonnenschein", NULL, NULL),
		/* names as the map has them, longer than people say them */
		feat('w', 60, "Пушкинский лицей №1500", NULL, NULL),
		feat('r', 62, "Лицей НИУ ВШЭ", NULL, NULL),
		feat('w', 61, "Физкультурно-оздоровительный комплекс \"Потаповский\"", NULL, NULL),
		feat('w', 63, "ДЮСШ «Олимп»", NULL, NULL),
		/* a palace of children's creativity with its official and short
		 * names, and a music school known by another name */
		feat('r', 64, "Дворец творчества детей и молодежи \"На Стопани\"", NULL, NULL),
		feat('w', 65, "Musikschule", NULL, NULL),
	};
	dests[15].alt_names[0] = "Государственное бюджетное образовательное учреждение "
				 "дополнительного образования \"Дворец творчества детей и "
				 "молодежи \"На Стопани\"\"";
	dests[15].alt_names[1] = "ГБОУ ДО ДТДиМ \"На Стопани\"";
	dests[16].alt_names[2] = "Liechtensteinische Musikschule";
	dests[6].kind = OSM_DEST_PITCH;
	dests[7].kind = OSM_DEST_STADIUM;
	dests[8].kind = OSM_DEST_STADIUM;
	dests[8].lat += 0.002; /* 220 m north */
	dests[9].kind = OSM_DEST_SCHOOL;
	dests[10].kind = OSM_DEST_KINDERGARTEN;
	osm_feature_t others[] = {
		feat('w', 13, "Sporthalle", NULL, NULL), /* the same element again */
		feat('n', 20, "Busbahnhof", NULL, NULL),
	};
	osm_feature_t stops[] = {
		/* one stop drawn on both sides of the street, 60 m apart */
		feat('n', 51, "Ruggell Post", NULL, NULL),
		feat('n', 50, "Ruggell Post", NULL, NULL),
		feat('n', 52, "Ruggell", NULL, NULL), /* the village's own name */
		feat('n', 53, "Sporthalle", NULL, NULL),
		feat('n', 54, "Ruggell Kirche", NULL, NULL), /* 330 m north of the village */
		feat('n', 55, "Dorf Schule", NULL, NULL),    /* at the second Dorf */
	};
	stops[1].lat += 0.00054;
	stops[4].lat += 0.003;
	stops[5].lat = 47.1005;
	sr_map_t m;
	memset(&m, 0, sizeof(m));
	m.stops = stops;
	m.n_stops = 6;
	m.places = places;
	m.n_places = 4;
	m.dests = dests;
	m.n_dests = sizeof(dests) / sizeof(dests[0]);
	/* same names far apart (> 300 m) are two places */
	places[2].lat = 47.1;
	dests[2].lat = 47.1;
	m.others = others;
	m.n_others = 2;
	osm_feature_t fv, *f = &fv;
	sr_error_t err;

	/* a place wins over a destination of the same name, for pickups */
	CHECK_OK(osm_find(&m, "Ruggell", OSM_FIND_PICKUP, &fv, &err), &err);
	CHECK(same(f, &places[0]));
	CHECK_OK(osm_find(&m, "Руггелль", OSM_FIND_PICKUP, &fv, &err), &err);
	CHECK(same(f, &places[0]));
	CHECK_OK(osm_find(&m, "Lonely", OSM_FIND_PICKUP, &fv, &err), &err);
	CHECK(same(f, &places[3]));
	/* a named bus stop is a pickup; a stop on each side of the street is
	 * one, the first mapped taken */
	CHECK_OK(osm_find(&m, "Ruggell Post", OSM_FIND_PICKUP, &fv, &err), &err);
	CHECK(same(f, &stops[1]));
	CHECK(osm_find(&m, "Ruggell Post", OSM_FIND_DEST, &fv, &err) == SR_EINPUT);
	stops[1].lat += 0.003; /* 390 m apart: two stops, ambiguous */
	CHECK(osm_find(&m, "Ruggell Post", OSM_FIND_PICKUP, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "n50") && strstr(err.msg, "n51") && strstr(err.msg, "bus stop"));
	stops[1].lat -= 0.003;
	/* the label the pages give a village's stop, copied into next term's
	 * riders.csv: the village when it is the village's own stop (its
	 * nearest), so the pages label it alike; another stop of the village
	 * is that stop, named as written; the stop alone as a timetable
	 * writes it; of two villages of one name, the one the stop is at */
	osm_found_t how;
	CHECK_OK(osm_find_ex(&m, "Ruggell, ост. «Ruggell Post»", OSM_FIND_PICKUP, &fv, &how, &err),
		 &err);
	CHECK(same(f, &places[0]) && !how.written);
	CHECK_OK(osm_find_ex(&m, "Руггелль, ОСТ. Ruggell Post", OSM_FIND_PICKUP, &fv, &how, &err),
		 &err);
	CHECK(same(f, &places[0]) && !how.written);
	CHECK_OK(
		osm_find_ex(&m, "Ruggell, stop “Ruggell Kirche”", OSM_FIND_PICKUP, &fv, &how, &err),
		&err);
	CHECK(same(f, &stops[4]) && how.written);
	CHECK_OK(osm_find_ex(&m, "остановка «Ruggell Kirche»", OSM_FIND_PICKUP, &fv, &how, &err),
		 &err);
	CHECK(same(f, &stops[4]) && !how.written);
	CHECK_OK(osm_find_ex(&m, "Dorf, ост. «Dorf Schule»", OSM_FIND_PICKUP, &fv, &how, &err),
		 &err);
	CHECK(same(f, &places[2]) && !how.written);
	/* a stop 11 km from the village is none of its */
	CHECK(osm_find(&m, "Ruggell, ост. «Dorf Schule»", OSM_FIND_PICKUP, &fv, &err) == SR_EINPUT);
	CHECK(osm_find(&m, "Ruggell, ост. «Nowhere»", OSM_FIND_PICKUP, &fv, &err) == SR_EINPUT);
	CHECK(osm_find(&m, "Nowhere, ост. «Ruggell Kirche»", OSM_FIND_PICKUP, &fv, &err) ==
	      SR_EINPUT);
	CHECK(osm_find(&m, "Ruggell, ост. «Ruggell Post»", OSM_FIND_DEST, &fv, &err) == SR_EINPUT);
	/* a stop comes before a destination of its name, after the place */
	CHECK_OK(osm_find(&m, "Sporthalle", OSM_FIND_PICKUP, &fv, &err), &err);
	CHECK(same(f, &stops[3]));
	/* destinations only */
	CHECK_OK(osm_find(&m, "Ruggell", OSM_FIND_DEST, &fv, &err), &err);
	CHECK(same(f, &dests[0]));
	CHECK(osm_find(&m, "Busbahnhof", OSM_FIND_DEST, &fv, &err) == SR_EINPUT && f->id == 0);
	/* any: places and destinations alike, so Ruggell is ambiguous */
	CHECK(osm_find(&m, "Ruggell", OSM_FIND_ANY, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "n1") && strstr(err.msg, "w10"));
	/* one element listed as destination and as other is one match */
	CHECK_OK(osm_find(&m, "Sporthalle", OSM_FIND_ANY, &fv, &err), &err);
	CHECK(f && f->id == 13);
	/* others come last for pickups */
	CHECK_OK(osm_find(&m, "Busbahnhof", OSM_FIND_PICKUP, &fv, &err), &err);
	CHECK(same(f, &others[1]));
	/* ambiguity lists the candidates with their ids */
	CHECK(osm_find(&m, "Dorf", OSM_FIND_PICKUP, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "ambiguous") && strstr(err.msg, "n2") && strstr(err.msg, "n3"));
	CHECK(osm_find(&m, "Primarschule", OSM_FIND_DEST, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "w11") && strstr(err.msg, "r12"));
	/* one name and kind within 300 m is one place: the area is taken */
	CHECK_OK(osm_find(&m, "Schulhaus", OSM_FIND_DEST, &fv, &err), &err);
	CHECK(same(f, &dests[5]));
	/* sports kinds of one name within 300 m are one place: the stadium's
	 * area before its pitch, an area before a node */
	CHECK_OK(osm_find(&m, "Rheinpark", OSM_FIND_DEST, &fv, &err), &err);
	CHECK(same(f, &dests[8]));
	dests[8].lat += 0.002; /* now 440 m away: two places */
	CHECK(osm_find(&m, "Rheinpark", OSM_FIND_DEST, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "w31") && strstr(err.msg, "w32") && strstr(err.msg, "n30"));
	dests[8].lat -= 0.004; /* 220 m south, still one place */
	CHECK_OK(osm_find(&m, "Rheinpark", OSM_FIND_DEST, &fv, &err), &err);
	CHECK(same(f, &dests[8]));
	/* a school and a kindergarten are never one place */
	CHECK(osm_find(&m, "Sonnenschein", OSM_FIND_DEST, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "w40") && strstr(err.msg, "w41"));
	/* ids */
	CHECK_OK(osm_find(&m, "r12", OSM_FIND_DEST, &fv, &err), &err);
	CHECK(same(f, &dests[2]));
	CHECK_OK(osm_find(&m, "n3", OSM_FIND_PICKUP, &fv, &err), &err);
	CHECK(same(f, &places[2]));
	/* an explicit id is that element, whatever was asked for */
	CHECK_OK(osm_find(&m, "n3", OSM_FIND_DEST, &fv, &err), &err);
	CHECK(same(f, &places[2]));
	CHECK(osm_find(&m, "w999", OSM_FIND_ANY, &fv, &err) == SR_EINPUT &&
	      strstr(err.msg, "w999"));
	/* not ids: a name that starts like one is looked up as a name */
	CHECK(osm_find(&m, "n12a", OSM_FIND_ANY, &fv, &err) == SR_EINPUT);
	CHECK(osm_find(&m, "n-5", OSM_FIND_ANY, &fv, &err) == SR_EINPUT);
	/* forgiving: case */
	CHECK_OK(osm_find(&m, "ruggell", OSM_FIND_PICKUP, &fv, &err), &err);
	CHECK(same(f, &places[0]));
	/* unknown: did you mean, with the OSM id */
	CHECK(osm_find(&m, "Rugell", OSM_FIND_PICKUP, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "did you mean") && strstr(err.msg, "Ruggell n1"));
	CHECK(osm_find(&m, "", OSM_FIND_PICKUP, &fv, &err) == SR_EINPUT);
	CHECK(!strstr(err.msg, "street address"));
	/* a name as people say it: the names carrying its words, the one
	 * carrying more of them first; edit distance alone finds none */
	CHECK(osm_find(&m, "Лицей 1500", OSM_FIND_DEST, &fv, &err) == SR_EINPUT);
	const char *p60 = strstr(err.msg, "w60"), *p62 = strstr(err.msg, "r62");
	CHECK(p60 && p62 && p60 < p62);
	/* a facility's kind abbreviated as offices write it, either way */
	CHECK_OK(osm_find(&m, "ФОК Потаповский", OSM_FIND_DEST, &fv, &err), &err);
	CHECK(fv.type == 'w' && fv.id == 61);
	CHECK_OK(osm_find(&m, "Детско-юношеская спортивная школа \"Олимп\"", OSM_FIND_DEST, &fv,
			  &err),
		 &err);
	CHECK(fv.type == 'w' && fv.id == 63);
	CHECK(osm_find(&m, "ФОК Потаповского", OSM_FIND_DEST, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "did you mean") && strstr(err.msg, "w61"));
	CHECK(osm_find(&m, "Фокус Потаповский", OSM_FIND_DEST, &fv, &err) == SR_EINPUT);
	CHECK(osm_find(&m, "Потаповского", OSM_FIND_DEST, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "w61")); /* an inflected form */
	CHECK(osm_find(&m, "Лицей 15", OSM_FIND_DEST, &fv, &err) == SR_EINPUT);
	p60 = strstr(err.msg, "w60");
	p62 = strstr(err.msg, "r62");
	CHECK(p60 && p62 && p62 < p60); /* a number matches only whole */
	/* the official, the short and another name find an element as its
	 * name does, forgivingly (quotes as «») */
	CHECK_OK(osm_find(&m, "ГБОУ ДО ДТДиМ «На Стопани»", OSM_FIND_DEST, &fv, &err), &err);
	CHECK(fv.type == 'r' && fv.id == 64);
	CHECK_OK(osm_find(&m,
			  "Государственное бюджетное образовательное учреждение дополнительного "
			  "образования \"Дворец творчества детей и молодежи \"На Стопани\"\"",
			  OSM_FIND_DEST, &fv, &err),
		 &err);
	CHECK(fv.type == 'r' && fv.id == 64);
	CHECK_OK(osm_find(&m, "liechtensteinische musikschule", OSM_FIND_DEST, &fv, &err), &err);
	CHECK(fv.type == 'w' && fv.id == 65);
	CHECK(osm_find(&m, "ДТДиМ «На Стопанях»", OSM_FIND_DEST, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "r64")); /* suggested by its short name */
	/* a stop drawn on each side of the street is suggested once */
	CHECK(osm_find(&m, "Ruggell Pst", OSM_FIND_PICKUP, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "Ruggell Post n51") && !strstr(err.msg, "n50"));
	/* a house number on a map without that street: the error says how an
	 * address is written (test_osm_address looks addresses up) */
	CHECK(osm_find(&m, "Dorfstrasse 5", OSM_FIND_PICKUP, &fv, &err) == SR_EINPUT);
	CHECK(strstr(err.msg, "names no street the map's addresses know"));
	return test_summary();
}
