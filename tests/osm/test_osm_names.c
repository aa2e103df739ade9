/* test_osm_names.c - issue 9 on tests/osm/fixtures/taggings.osm: every
 * common tagging of a destination (amenity, building=school|kindergarten,
 * leisure=fitness_centre, sport=* on a node, a closed way or a
 * multipolygon; not sport=* on a road or a place), bus stops, explicit ids
 * of untagged elements (centroid and outline recomputed here from the
 * fixture's coordinates), and forgiving name matching: case, ё/е, quotes,
 * "№ 2", dashes, spaces, and "did you mean" of the right kind. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

static sr_map_t *load(int keep)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/tests/osm/fixtures/taggings.osm",
		 test_env("SR_SOURCE_DIR"));
	osm_opts_t o;
	osm_opts_init(&o);
	o.keep_elements = keep;
	sr_map_t *m = NULL;
	sr_error_t err;
	CHECK_OK(osm_read(path, &o, &m, &err), &err);
	return m;
}

static const osm_feature_t *in(const osm_feature_t *f, size_t n, char type, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].type == type && f[i].id == id)
			return &f[i];
	return NULL;
}

static void dest_is(const sr_map_t *m, char type, int64_t id, osm_dest_kind_t kind)
{
	const osm_feature_t *f = in(m->dests, m->n_dests, type, id);
	CHECK_MSG(f && f->kind == (int)kind, "%c%lld: %s, want %s", type, (long long)id,
		  f ? osm_dest_kind_name((osm_dest_kind_t)f->kind) : "no destination",
		  osm_dest_kind_name(kind));
}

/* query -> element type/id (0 = must fail) */
static void finds(const sr_map_t *m, const char *q, osm_find_want_t want, char type, int64_t id)
{
	osm_feature_t f;
	sr_error_t err;
	int rc = osm_find(m, q, want, &f, &err);
	if (!id) {
		CHECK_MSG(rc == SR_EINPUT, "'%s' should not resolve (got %c%lld)", q, f.type,
			  (long long)f.id);
		return;
	}
	CHECK_MSG(rc == SR_OK && f.type == type && f.id == id, "'%s': %s (want %c%lld, got %c%lld)",
		  q, rc ? err.msg : "ok", type, (long long)id, f.type, (long long)f.id);
}

static void mixed_is(const char *s, const char *want)
{
	sr_buf_t b;
	sr_buf_init(&b);
	osm_mixed_script_note(&b, s);
	CHECK_MSG(!strcmp(b.len ? b.data : "", want), "'%s': '%s', want '%s'", s,
		  b.len ? b.data : "", want);
	sr_buf_free(&b);
}

static void fold_eq(const char *a, const char *b)
{
	char *x = osm_name_fold(a), *y = osm_name_fold(b);
	CHECK_MSG(x && y && !strcmp(x, y), "fold('%s') = '%s', fold('%s') = '%s'", a,
		  x ? x : "NULL", b, y ? y : "NULL");
	free(x);
	free(y);
}

int main(void)
{
	/* normalisation and edit distance */
	fold_eq("прудки", "Прудки");
	fold_eq("ПРУДКИ", "Прудки");
	fold_eq("Ефрёмово", "Ефремово");
	fold_eq("ЕФРЁМОВО", "Ефремово");
	fold_eq("Стадион Колос", "Стадион «Колос»");
	fold_eq("Стадион \"Колос\"", "Стадион „Колос“");
	fold_eq("Детский сад 'Ромашка'", "Детский сад ’Ромашка’");
	fold_eq("Школа №2", "Школа № 2");
	fold_eq("Школа  №   2 ", " школа №2");
	fold_eq("Гамприн–Бендерн", "Гамприн-Бендерн");
	fold_eq("Гамприн — Бендерн", "Гамприн‐Бендерн");
	fold_eq("Э́шен", "Эшен");
	fold_eq("Straße", "STRASSE");
	fold_eq("Schönabüel", "SCHÖNABÜEL");
	char *x = osm_name_fold("Стадион  «Колос» ");
	CHECK(x && !strcmp(x, "стадион колос"));
	free(x);
	CHECK(osm_name_fold("\xff\xfe") == NULL);
	CHECK(osm_edit_distance("Ефремово", "Ефримово", 3) == 1);
	CHECK(osm_edit_distance("кот", "кто", 3) == 2);
	CHECK(osm_edit_distance("", "abc", 5) == 3);
	CHECK(osm_edit_distance("abcdef", "uvwxyz", 2) == 3); /* early exit: limit + 1 */
	CHECK(osm_edit_distance("same", "same", 0) == 0);
	/* a word typed on two keyboard layouts: the word and its odd letters */
	/* Cyrillic letters that look Latin, and a Latin one that looks Cyrillic */
#define CY_O "\xd0\xbe"
#define CY_A "\xd0\xb0"
#define CY_E "\xd0\xb5"
#define CY_CAP_A "\xd0\x90"
#define CY_TADION "\xd1\x82\xd0\xb0\xd0\xb4\xd0\xb8\xd0\xbe\xd0\xbd"
	mixed_is("Altenpl" CY_O "s", " ('Altenpl" CY_O "s' mixes Latin and Cyrillic letters; "
				     "Cyrillic here: " CY_O ")");
	mixed_is("C" CY_TADION " «Колос»", /* a Latin C */
		 " ('C" CY_TADION "' mixes Latin and Cyrillic letters; Latin here: C)");
	mixed_is("Школа 2 B" CY_A "lz" CY_E "r" CY_A ", K" CY_O "l" CY_O "s",
		 " ('B" CY_A "lz" CY_E "r" CY_A "' mixes Latin and Cyrillic letters; "
		 "Cyrillic here: " CY_A ", " CY_E ")");
	mixed_is(CY_CAP_A "b", " ('" CY_CAP_A
			       "b' mixes Latin and Cyrillic letters; Cyrillic here: " CY_CAP_A ")");
	mixed_is("Ефремово", "");
	mixed_is("Schule Ефремово-Süd", ""); /* each word in one script */
	mixed_is("Straße 5б", "");
	mixed_is("\xff\xfe"
		 "ab\xd0",
		 ""); /* not UTF-8 */
	mixed_is("", "");

	sr_map_t *m = load(1);
	if (!m)
		return test_summary();
	/* taggings */
	dest_is(m, 'n', 1, OSM_DEST_SCHOOL);
	dest_is(m, 'n', 2, OSM_DEST_FITNESS_CENTRE);
	dest_is(m, 'w', 10, OSM_DEST_SCHOOL);
	dest_is(m, 'w', 11, OSM_DEST_KINDERGARTEN);
	dest_is(m, 'w', 12, OSM_DEST_SPORT);
	dest_is(m, 'r', 20, OSM_DEST_SCHOOL);
	dest_is(m, 'r', 21, OSM_DEST_SPORT);
	CHECK(!in(m->dests, m->n_dests, 'w', 15)); /* sport=* on a road */
	CHECK(!in(m->dests, m->n_dests, 'n', 3));  /* sport=* on a place */
	CHECK(in(m->places, m->n_places, 'n', 3));
	CHECK(m->n_stops == 2 && in(m->stops, m->n_stops, 'n', 4) &&
	      in(m->stops, m->n_stops, 'n', 5));
	CHECK(in(m->named, m->n_named, 'n', 12));  /* any other named element */
	CHECK(!in(m->named, m->n_named, 'w', 15)); /* roads are not */
	/* the multipolygon sits at its outer ring's centroid */
	const osm_feature_t *r20 = in(m->dests, m->n_dests, 'r', 20);
	if (r20) {
		CHECK_NEAR(r20->lat, 55.0510, 1e-6);
		CHECK_NEAR(r20->lon, 37.0515, 1e-6);
	}

	/* forgiving names */
	finds(m, "прудки", OSM_FIND_PICKUP, 'n', 3);
	finds(m, "Ефрёмово", OSM_FIND_PICKUP, 'n', 7);
	finds(m, "Стадион Колос", OSM_FIND_DEST, 'n', 8);
	finds(m, "Школа №2", OSM_FIND_DEST, 'n', 9);
	finds(m, "школа  № 2", OSM_FIND_DEST, 'n', 9);
	finds(m, "Гамприн – Бендерн", OSM_FIND_PICKUP, 'n', 10);
	finds(m, "Детский сад \"Солнышко\"", OSM_FIND_DEST, 'n', 11);
	finds(m, "детский сад ромашка", OSM_FIND_DEST, 'w', 11);
	finds(m, "Пекарня", OSM_FIND_ANY, 'n', 12); /* a depot may be any named element */
	finds(m, "Пекарня", OSM_FIND_PICKUP, 0, 0);
	/* did you mean: of the wanted kind, with ids, nearest first */
	osm_feature_t f;
	sr_error_t err;
	CHECK(osm_find(m, "Ефримово", OSM_FIND_PICKUP, &f, &err) == SR_EINPUT);
	CHECK_MSG(strstr(err.msg, "did you mean Ефремово n7"), "%s", err.msg);
	CHECK(osm_find(m, "Стадион Колосс", OSM_FIND_DEST, &f, &err) == SR_EINPUT);
	CHECK_MSG(strstr(err.msg, "did you mean Стадион «Колос» n8"), "%s", err.msg);
	CHECK_MSG(!strstr(err.msg, "mixes"), "%s", err.msg);
	/* ... and with a Latin o that looks Cyrillic, the note says so */
	CHECK(osm_find(m,
		       "Стадион К"
		       "\x6f"
		       "лос",
		       OSM_FIND_DEST, &f, &err) == SR_EINPUT);
	CHECK_MSG(strstr(err.msg, "did you mean Стадион «Колос» n8") &&
			  strstr(err.msg, " ('К"
					  "\x6f"
					  "лос' mixes Latin and Cyrillic letters; Latin here: o)"),
		  "%s", err.msg);
	CHECK(osm_find(m, "Прудок", OSM_FIND_DEST, &f, &err) == SR_EINPUT);
	CHECK_MSG(!strstr(err.msg, "n3 "), "a place suggested as a destination: %s", err.msg);
	CHECK(osm_find(m, "Школа №3", OSM_FIND_DEST, &f, &err) == SR_EINPUT);
	CHECK_MSG(strstr(err.msg, "Школа №1 n1") && strstr(err.msg, "Школа № 2 n9"), "%s", err.msg);

	/* explicit ids: any element, whatever its tags */
	finds(m, "w16", OSM_FIND_DEST, 'w', 16);
	finds(m, "n6", OSM_FIND_PICKUP, 'n', 6);
	finds(m, "r22", OSM_FIND_ANY, 'r', 22);
	finds(m, "w999", OSM_FIND_ANY, 0, 0);
	CHECK(osm_find(m, "w16", OSM_FIND_DEST, &f, &err) == SR_OK);
	CHECK_NEAR(f.lat, 55.0705, 1e-6); /* the rectangle's centre */
	CHECK_NEAR(f.lon, 37.0710, 1e-6);
	CHECK(osm_find(m, "n6", OSM_FIND_DEST, &f, &err) == SR_OK);
	CHECK_NEAR(f.lat, 55.0050, 1e-9);
	CHECK(osm_find(m, "r22", OSM_FIND_DEST, &f, &err) == SR_OK);
	CHECK_NEAR(f.lat, 55.0705, 1e-6); /* its way member */
	double la, lo, *ola = NULL, *olo = NULL;
	size_t n = 0;
	CHECK(osm_element_locate(m, 'w', 16, &la, &lo, &ola, &olo, &n) && n == 5);
	if (n == 5)
		CHECK(ola[1] == 55.07 && olo[1] == 37.072 && ola[4] == ola[0]);
	free(ola);
	free(olo);
	CHECK(osm_element_locate(m, 'r', 20, &la, &lo, &ola, &olo, &n) && n == 5);
	free(ola);
	free(olo);
	osm_map_free(m);

	/* without the element index, an untagged element is not in the map */
	m = load(0);
	if (m) {
		finds(m, "w16", OSM_FIND_ANY, 0, 0);
		finds(m, "w10", OSM_FIND_ANY, 'w', 10);
		CHECK(m->n_named == 0 && m->elems == NULL);
		osm_map_free(m);
	}
	return test_summary();
}
