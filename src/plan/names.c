/*
 * names.c - a name for every point people read on the printed pages.
 *
 * A pickup given as coordinates ("55.6230 36.9030") is named by the note of
 * its riders.csv row when there is one ("ферма"), else after the nearest
 * named place on the map ("Городок (рядом)", "near Gorodok"), or where no
 * place lies within 3 km (a town map without place nodes) but a named bus
 * stop within 1 km, after that stop
 * ("ост. «Покровские Ворота» (рядом)"). A destination
 * the map gives no name is named by its kind and the nearest place
 * ("Стадион, Городок": a name, so it begins a heading as one), as a
 * district office would say it. An element
 * given by its OSM id because its name is another element's too is named
 * with its settlement ("Bolzplatz (Neudrossenfeld)"). These are the
 * point's label for the pages; its name (what the input said, or the OSM id)
 * stays in the machine formats (timetable.csv, GTFS). The nearest place is a linear scan with the haversine
 * distance (a district has at most a few hundred places).
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "schoolrun/osm.h"
#include "plan/names.h"

/* osm_dest_kind_t in Russian and English. Every kind must have its words
 * (an element tagged only sport=* is a destination too): a kind added to the
 * enum without them is a build error, not a NULL on a page. */
static const char *const dest_kind[][2] = {
	[OSM_DEST_SPORTS_CENTRE] = {"Спорткомплекс", "Sports centre"},
	[OSM_DEST_STADIUM] = {"Стадион", "Stadium"},
	[OSM_DEST_SPORTS_HALL] = {"Спортзал", "Sports hall"},
	[OSM_DEST_PITCH] = {"Спортплощадка", "Pitch"},
	[OSM_DEST_SWIMMING_POOL] = {"Бассейн", "Swimming pool"},
	[OSM_DEST_ICE_RINK] = {"Каток", "Ice rink"},
	[OSM_DEST_TRACK] = {"Беговая дорожка", "Running track"},
	[OSM_DEST_KINDERGARTEN] = {"Детский сад", "Kindergarten"},
	[OSM_DEST_SCHOOL] = {"Школа", "School"},
	[OSM_DEST_COLLEGE] = {"Колледж", "College"},
	[OSM_DEST_FITNESS_CENTRE] = {"Фитнес-центр", "Fitness centre"},
	[OSM_DEST_SPORT] = {"Спортивный объект", "Sports ground"},
	[OSM_DEST_COMMUNITY_CENTRE] = {"Дом культуры", "Community centre"},
	[OSM_DEST_ARTS_CENTRE] = {"Центр творчества", "Arts centre"},
	[OSM_DEST_MUSIC_SCHOOL] = {"Музыкальная школа", "Music school"},
	[OSM_DEST_DANCING_SCHOOL] = {"Школа танцев", "Dance school"},
	[OSM_DEST_CHILDCARE] = {"Детский центр", "Childcare"},
};
_Static_assert(sizeof dest_kind / sizeof dest_kind[0] == OSM_DEST_N_KINDS,
	       "dest_kind: words for every osm_dest_kind_t");

/* The nearest of f[0..n) of a kind up to max_kind with a name (name or
 * name:ru) within max_m of a point, or NULL: a linear scan with the
 * haversine distance. */
static const osm_feature_t *nearest_named(const osm_feature_t *f, size_t n, int max_kind,
					  double lat, double lon, double max_m)
{
	const osm_feature_t *best = NULL;
	double best_d = max_m;
	for (size_t i = 0; i < n; i++) {
		if ((!f[i].name && !f[i].name_ru) || f[i].kind > max_kind)
			continue;
		double d = sr_haversine_m(lat, lon, f[i].lat, f[i].lon);
		if (d < best_d) { /* the first of equals */
			best = &f[i];
			best_d = d;
		}
	}
	return best;
}

static const osm_feature_t *dest_feature(const sr_map_t *m, const char *id)
{
	for (size_t i = 0; m && i < m->n_dests; i++) {
		const osm_feature_t *f = &m->dests[i];
		char fid[40];
		snprintf(fid, sizeof fid, "%c%lld", f->type, (long long)f->id);
		if (!strcmp(fid, id))
			return f;
	}
	return NULL;
}

static void rename_point(plan_point_t *pt, const char *ru, const char *en)
{
	free(pt->label);
	free(pt->label_en);
	pt->label = xstrdup(ru);
	pt->label_en = en ? xstrdup(en) : NULL;
}

/* Whether s is an OSM id ("n123", "w45", "r6"). */
static int is_osm_id(const char *s)
{
	if (!strchr("nwr", s[0]) || !s[0] || !s[1])
		return 0;
	for (const char *q = s + 1; *q; q++)
		if (*q < '0' || *q > '9')
			return 0;
	return 1;
}

/* A point given by its OSM id whose name the map gives another element
 * too, farther than one place (two pitches called Bolzplatz in two
 * villages: the coordinator wrote the id because the name was
 * ambiguous): its label adds the nearest settlement of another name, as
 * the error of the ambiguous name told them apart ("Bolzplatz
 * (Neudrossenfeld)"), so that a family does not go to the other one. A
 * bus stop named after the village it is in, the village's name finding
 * the village, is told apart by that name already: "Липки" is no
 * "Липки (Нижние Липки)". */
static void name_apart(sr_plan_t *p, plan_point_t *pt)
{
	const sr_map_t *m = p->map;
	if (!m || !is_osm_id(pt->id) || !pt->name[0])
		return;
	osm_find_want_t want = pt->kind == PLAN_PT_DESTINATION ? OSM_FIND_DEST
			       : pt->kind == PLAN_PT_PICKUP    ? OSM_FIND_PICKUP
							       : OSM_FIND_ANY;
	osm_feature_t self, got;
	sr_error_t err;
	if (osm_find(m, pt->id, OSM_FIND_ANY, &self, &err))
		return;
	if (osm_find(m, pt->name, want, &got, &err) == SR_OK && got.type == self.type &&
	    got.id == self.id)
		return; /* its name alone finds it */
	double d;
	const osm_feature_t *in = osm_settlement(m, self.lat, self.lon, &d);
	if (in && d <= OSM_VILLAGE_STOP_RADIUS_M && in->name && !strcmp(in->name, pt->name))
		return; /* in the village of its name */
	const osm_feature_t *near = osm_settlement_apart(m, &self, &d);
	if (!near)
		return;
	sr_buf_t ru, en;
	sr_buf_init(&ru);
	sr_buf_init(&en);
	sr_buf_printf(&ru, "%s (%s)", pt->name, near->name);
	sr_buf_printf(&en, "%s (%s)", pt->name_en ? pt->name_en : pt->name,
		      near->name_en ? near->name_en : near->name);
	rename_point(pt, ru.data, en.data);
	sr_buf_free(&ru);
	sr_buf_free(&en);
}

void plan_name_points(sr_plan_t *p)
{
	for (int i = 0; i < p->n_points; i++) {
		plan_point_t *pt = &p->points[i];
		if (pt->named)
			continue; /* as the inputs name it */
		int coord = pt->id[0] == 'p', unnamed = !strcmp(pt->name, pt->id);
		if (!coord && !unnamed) {
			name_apart(p, pt);
			continue;
		}
		const char *note = NULL;
		for (int r = 0; r < p->n_riders && coord && !note; r++)
			if (p->riders[r].pickup == i && p->riders[r].note && p->riders[r].note[0])
				note = p->riders[r].note;
		if (note) {
			rename_point(pt, note, NULL);
			continue;
		}
		const sr_map_t *m = p->map;
		const osm_feature_t *near =
			m ? nearest_named(m->places, m->n_places, OSM_PLACE_LOCALITY, pt->lat,
					  pt->lon, INFINITY)
			  : NULL;
		const osm_feature_t *stop = NULL;
		if (!near || sr_haversine_m(pt->lat, pt->lon, near->lat, near->lon) > 3000.0)
			stop = m ? nearest_named(m->stops, m->n_stops, INT_MAX, pt->lat, pt->lon,
						 1000.0)
				 : NULL;
		const char *place = near ? (near->name ? near->name : near->name_ru) : NULL;
		const char *place_en = near && near->name_en ? near->name_en : place;
		char sru[300], sen[300];
		if (stop) {
			const char *sn = stop->name ? stop->name : stop->name_ru;
			sr_buf_t q;
			sr_buf_init(&q);
			sr_buf_quoted_inner(&q, sn, 1);
			snprintf(sru, sizeof sru, "ост. «%s»", q.data ? q.data : "");
			sr_buf_reset(&q);
			sr_buf_quoted_inner(&q, stop->name_en ? stop->name_en : sn, 0);
			snprintf(sen, sizeof sen, "stop “%s”", q.data ? q.data : "");
			sr_buf_free(&q);
			place = sru;
			place_en = sen;
		}
		const osm_feature_t *d = coord ? NULL : dest_feature(p->map, pt->id);
		sr_buf_t ru, en;
		sr_buf_init(&ru);
		sr_buf_init(&en);
		if (d && d->kind >= 0 && d->kind < OSM_DEST_N_KINDS) {
			sr_buf_puts(&ru, dest_kind[d->kind][0]);
			sr_buf_puts(&en, dest_kind[d->kind][1]);
			if (place) {
				sr_buf_printf(&ru, ", %s", place);
				sr_buf_printf(&en, ", %s", place_en);
			}
		} else if (place) {
			sr_buf_printf(&ru, "%s (рядом)", place);
			sr_buf_printf(&en, "near %s", place_en);
		}
		if (ru.len)
			rename_point(pt, ru.data, en.data);
		sr_buf_free(&ru);
		sr_buf_free(&en);
	}
}
