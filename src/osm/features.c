/*
 * features.c - which OSM elements are places children live in, destinations
 * they travel to, or possible bus depots. The rules are the tables below;
 * osm_classify() only looks values up in them.
 *
 * Tag choices follow the OSM wiki (Key:place, Key:leisure, Key:amenity) and
 * the way Nominatim and osm2pgsql's flex styles pick POIs by key/value
 * tables. Private pools (leisure=swimming_pool with access=private|no) are
 * garden pools, not destinations. A school or kindergarten mapped only as
 * a building (building=school|kindergarten) is one too, and so is any
 * element with sport=* (a club's ground drawn without leisure=*), except a
 * road or a place. Bus stops (highway=bus_stop, public_transport=platform)
 * are kept for placing village stops.
 */
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"

struct kv {
	int key; /* OSM_T_* */
	const char *value;
	int kind;
};

static const struct kv place_rules[] = {
	{OSM_T_PLACE, "city", OSM_PLACE_CITY},
	{OSM_T_PLACE, "town", OSM_PLACE_TOWN},
	{OSM_T_PLACE, "village", OSM_PLACE_VILLAGE},
	{OSM_T_PLACE, "hamlet", OSM_PLACE_HAMLET},
	{OSM_T_PLACE, "isolated_dwelling", OSM_PLACE_ISOLATED_DWELLING},
	{OSM_T_PLACE, "locality", OSM_PLACE_LOCALITY},
	{OSM_T_PLACE, "farm", OSM_PLACE_FARM},
	{OSM_T_PLACE, "suburb", OSM_PLACE_SUBURB},
	{OSM_T_PLACE, "quarter", OSM_PLACE_QUARTER},
	{OSM_T_PLACE, "neighbourhood", OSM_PLACE_NEIGHBOURHOOD},
	{OSM_T_PLACE, "square", OSM_PLACE_SQUARE},
};

/* In priority order: the first matching row gives the kind. */
static const struct kv dest_rules[] = {
	{OSM_T_AMENITY, "school", OSM_DEST_SCHOOL},
	{OSM_T_AMENITY, "kindergarten", OSM_DEST_KINDERGARTEN},
	{OSM_T_AMENITY, "college", OSM_DEST_COLLEGE},
	{OSM_T_LEISURE, "sports_centre", OSM_DEST_SPORTS_CENTRE},
	{OSM_T_LEISURE, "stadium", OSM_DEST_STADIUM},
	{OSM_T_LEISURE, "sports_hall", OSM_DEST_SPORTS_HALL},
	{OSM_T_LEISURE, "ice_rink", OSM_DEST_ICE_RINK},
	{OSM_T_LEISURE, "swimming_pool", OSM_DEST_SWIMMING_POOL},
	{OSM_T_LEISURE, "track", OSM_DEST_TRACK},
	{OSM_T_LEISURE, "pitch", OSM_DEST_PITCH},
	{OSM_T_LEISURE, "fitness_centre", OSM_DEST_FITNESS_CENTRE},
	/* the clubs of supplementary education: a house of culture or a
	 * palace of children's creativity (amenity=community_centre, as the
	 * Moscow extract's "Дворец творчества детей и молодежи «На Стопани»"
	 * is tagged), an arts centre, a music or art school, a dance school,
	 * a childcare centre */
	{OSM_T_AMENITY, "community_centre", OSM_DEST_COMMUNITY_CENTRE},
	{OSM_T_AMENITY, "arts_centre", OSM_DEST_ARTS_CENTRE},
	{OSM_T_AMENITY, "music_school", OSM_DEST_MUSIC_SCHOOL},
	{OSM_T_AMENITY, "dancing_school", OSM_DEST_DANCING_SCHOOL},
	{OSM_T_AMENITY, "childcare", OSM_DEST_CHILDCARE},
	{OSM_T_BUILDING, "school", OSM_DEST_SCHOOL},
	{OSM_T_BUILDING, "kindergarten", OSM_DEST_KINDERGARTEN},
	{OSM_T_BUILDING, "sports_hall", OSM_DEST_SPORTS_HALL},
	{OSM_T_BUILDING, "stadium", OSM_DEST_STADIUM},
	{OSM_T_SPORT, NULL, OSM_DEST_SPORT}, /* any value */
};

/* Nodes where a bus stops for passengers. */
static const struct kv stop_rules[] = {
	{OSM_T_HIGHWAY, "bus_stop", 0},
	{OSM_T_PUBLIC_TRANSPORT, "platform", 0},
};

/* Named features that may be a bus depot. */
static const struct kv other_rules[] = {
	{OSM_T_AMENITY, "bus_station", 0},     {OSM_T_AMENITY, "parking", 0},
	{OSM_T_LANDUSE, "garages", 0},	       {OSM_T_BUILDING, "garages", 0},
	{OSM_T_BUILDING, "transportation", 0},
};

static const char *const place_names[OSM_PLACE_N_KINDS] = {
	"city",	  "town",    "village",	      "hamlet", "isolated_dwelling", "locality", "farm",
	"suburb", "quarter", "neighbourhood", "square",
};
static const char *const dest_names[OSM_DEST_N_KINDS] = {
	[OSM_DEST_SPORTS_CENTRE] = "sports_centre",
	[OSM_DEST_STADIUM] = "stadium",
	[OSM_DEST_SPORTS_HALL] = "sports_hall",
	[OSM_DEST_PITCH] = "pitch",
	[OSM_DEST_SWIMMING_POOL] = "swimming_pool",
	[OSM_DEST_ICE_RINK] = "ice_rink",
	[OSM_DEST_TRACK] = "track",
	[OSM_DEST_KINDERGARTEN] = "kindergarten",
	[OSM_DEST_SCHOOL] = "school",
	[OSM_DEST_COLLEGE] = "college",
	[OSM_DEST_FITNESS_CENTRE] = "fitness_centre",
	[OSM_DEST_SPORT] = "sport",
	[OSM_DEST_COMMUNITY_CENTRE] = "community_centre",
	[OSM_DEST_ARTS_CENTRE] = "arts_centre",
	[OSM_DEST_MUSIC_SCHOOL] = "music_school",
	[OSM_DEST_DANCING_SCHOOL] = "dancing_school",
	[OSM_DEST_CHILDCARE] = "childcare",
};

const char *osm_place_kind_name(osm_place_kind_t k)
{
	return ((int)k >= 0 && k < OSM_PLACE_N_KINDS) ? place_names[k] : "?";
}

const char *osm_dest_kind_name(osm_dest_kind_t k)
{
	return ((int)k >= 0 && k < OSM_DEST_N_KINDS) ? dest_names[k] : "?";
}

static int match(const osm_tags_t *t, const struct kv *rules, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = osm_tag(t, rules[i].key);
		if (v && (!rules[i].value || !strcmp(v, rules[i].value)))
			return (int)i;
	}
	return -1;
}

#define NROWS(a) (sizeof(a) / sizeof((a)[0]))

void osm_classify(const osm_tags_t *t, osm_class_t *c)
{
	int i = match(t, place_rules, NROWS(place_rules));
	c->place = i < 0 ? -1 : place_rules[i].kind;
	i = match(t, dest_rules, NROWS(dest_rules));
	c->dest = i < 0 ? -1 : dest_rules[i].kind;
	if (c->dest == OSM_DEST_SWIMMING_POOL) {
		const char *a = osm_tag(t, OSM_T_ACCESS);
		if (a && (!strcmp(a, "private") || !strcmp(a, "no")))
			c->dest = -1;
	}
	const char *hw = osm_tag(t, OSM_T_HIGHWAY);
	if (c->dest == OSM_DEST_SPORT && (c->place >= 0 || hw))
		c->dest = -1; /* sport=* on a road or a place is no facility */
	c->stop = match(t, stop_rules, NROWS(stop_rules)) >= 0;
	int named =
		osm_tag(t, OSM_T_NAME) || osm_tag(t, OSM_T_NAME_RU) || osm_tag(t, OSM_T_NAME_EN);
	c->other = 0;
	if (c->place < 0 && c->dest < 0 && named)
		c->other = match(t, other_rules, NROWS(other_rules)) >= 0;
	c->named = named && c->place < 0 && c->dest < 0 && !c->other && !c->stop && !hw;
}

/* A population count: digits, optionally grouped by thousands with one
 * space, comma, apostrophe or dot ("1 250", "12,000"). -1 otherwise
 * ("about 5000", "1.5"). */
static long parse_population(const char *s)
{
	long v = 0;
	int digits = 0, group = -1; /* digits since the last separator */
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (v > 999999999L)
				return -1;
			v = v * 10 + (*p - '0');
			digits++;
			if (group >= 0)
				group++;
		} else if ((*p == ' ' || *p == ',' || *p == '\'' || *p == '.') && digits > 0 &&
			   (group < 0 ? digits <= 3 : group == 3)) {
			group = 0;
		} else {
			return -1;
		}
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return -1;
	return v;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void osm_fvec_add(osm_fvec_t *v, char type, int64_t id, int kind, const osm_tags_t *t, double lat,
		  double lon)
{
	sr_grow(&v->a, &v->cap, v->n + 1, sizeof(*v->a));
	osm_feature_t *f = &v->a[v->n++];
	memset(f, 0, sizeof(*f));
	f->type = type;
	f->id = id;
	f->kind = kind;
	f->name = dup_or_null(osm_tag(t, OSM_T_NAME));
	f->name_ru = dup_or_null(osm_tag(t, OSM_T_NAME_RU));
	f->name_en = dup_or_null(osm_tag(t, OSM_T_NAME_EN));
	f->alt_names[0] = dup_or_null(osm_tag(t, OSM_T_OFFICIAL_NAME));
	f->alt_names[1] = dup_or_null(osm_tag(t, OSM_T_SHORT_NAME));
	f->alt_names[2] = dup_or_null(osm_tag(t, OSM_T_ALT_NAME));
	f->population = -1;
	const char *p = osm_tag(t, OSM_T_POPULATION);
	if (p)
		f->population = parse_population(p);
	f->lat = lat;
	f->lon = lon;
}

void osm_fvec_free(osm_fvec_t *v)
{
	osm_features_free(v->a, v->n);
	v->a = NULL;
	v->n = v->cap = 0;
}
