/*
 * profile.c - the bus profile: which OSM ways a bus may use, in which
 * direction and how fast. Everything the reader decides about roads is in
 * the tables at the top of this file; the functions below only apply them.
 *
 * Modelled on the routing profiles of OSRM (profiles/car.lua: a class speed
 * table, access tag hierarchy, oneway handling) and Routino (profiles.xml:
 * per-highway speed and allowed transport types), reduced to one vehicle: a
 * school bus. Access follows the OSM wiki's key hierarchy
 * (access < vehicle < motor_vehicle < psv < bus: the most specific tag that
 * is present decides). Zone maxspeed values follow the OSM wiki page
 * "Key:maxspeed" / "Default speed limits".
 *
 * Travel speed of a way = its maxspeed (when understood) or the class
 * default, then limited by the profile's speed cap (NET_SPEED_CAP_KMH in
 * network.h: the Russian limit for organised transport of groups of
 * children).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/network.h"

/* ---- the class table ---------------------------------------------------- */
static const struct class_row {
	const char *name;   /* highway=* value */
	double kmh;	    /* default speed when no maxspeed */
	int oneway_implied; /* driven one way unless oneway=no */
	int needs_tracks;   /* only with allow_tracks */
} classes[NET_N_CLASSES] = {
	[NET_MOTORWAY] = {"motorway", 100, 1, 0},
	[NET_MOTORWAY_LINK] = {"motorway_link", 60, 1, 0},
	[NET_TRUNK] = {"trunk", 90, 0, 0},
	[NET_TRUNK_LINK] = {"trunk_link", 50, 0, 0},
	[NET_PRIMARY] = {"primary", 80, 0, 0},
	[NET_PRIMARY_LINK] = {"primary_link", 50, 0, 0},
	[NET_SECONDARY] = {"secondary", 70, 0, 0},
	[NET_SECONDARY_LINK] = {"secondary_link", 50, 0, 0},
	[NET_TERTIARY] = {"tertiary", 60, 0, 0},
	[NET_TERTIARY_LINK] = {"tertiary_link", 40, 0, 0},
	[NET_UNCLASSIFIED] = {"unclassified", 50, 0, 0},
	[NET_RESIDENTIAL] = {"residential", 40, 0, 0},
	[NET_LIVING_STREET] = {"living_street", 20, 0, 0},
	[NET_SERVICE] = {"service", 20, 0, 0},
	[NET_ROAD] = {"road", 30, 0, 0},
	[NET_TRACK] = {"track", 20, 0, 1},
};

/* ---- zone maxspeed values (km/h; 0 = no limit, class default) ----------- */
static const struct zone_row {
	const char *value;
	double kmh;
} zones[] = {
	{"RU:rural", 90},	  {"RU:urban", 60},	    {"RU:living_street", 20},
	{"RU:motorway", 110},	  {"BY:rural", 90},	    {"BY:urban", 60},
	{"BY:living_street", 20}, {"BY:motorway", 110},	    {"UA:rural", 90},
	{"UA:urban", 50},	  {"UA:living_street", 20}, {"UA:motorway", 130},
	{"KZ:rural", 90},	  {"KZ:urban", 60},	    {"KZ:living_street", 20},
	{"KZ:motorway", 110},	  {"DE:rural", 100},	    {"DE:urban", 50},
	{"DE:living_street", 7},  {"DE:motorway", 0},	    {"DE:bicycle_road", 30},
	{"AT:rural", 100},	  {"AT:urban", 50},	    {"AT:living_street", 5},
	{"AT:motorway", 130},	  {"CH:rural", 80},	    {"CH:urban", 50},
	{"CH:living_street", 20}, {"CH:motorway", 120},	    {"CH:trunk", 100},
	{"LI:rural", 80},	  {"LI:urban", 50},	    {"LI:living_street", 20},
	{"FR:rural", 80},	  {"FR:urban", 50},	    {"FR:motorway", 130},
	{"IT:rural", 90},	  {"IT:urban", 50},	    {"IT:motorway", 130},
	{"PL:rural", 90},	  {"PL:urban", 50},	    {"PL:living_street", 20},
	{"PL:motorway", 140},	  {"CZ:rural", 90},	    {"CZ:urban", 50},
	{"CZ:living_street", 20}, {"CZ:motorway", 130},
};

/* ---- access values ------------------------------------------------------ */
/* Values that close a way to a school bus (anything else, e.g. yes,
 * designated, permissive, destination, customers, discouraged, opens it). */
static const char *const access_closed[] = {
	"no",	    "private",	 "agricultural",	  "forestry",
	"delivery", "emergency", "agricultural;forestry",
};
/* The keys in the hierarchy, least specific first. */
enum { ACC_ACCESS, ACC_VEHICLE, ACC_MOTOR_VEHICLE, ACC_PSV, ACC_BUS, ACC_N };

/* Walking pace for maxspeed=walk. */
#define WALK_KMH 7.0

void net_profile_init(net_profile_t *p)
{
	p->speed_cap_kmh = NET_SPEED_CAP_KMH;
	p->allow_tracks = 0;
	p->all_roads = 0;
}

const char *net_class_name(net_class_t c)
{
	if ((int)c < 0 || c >= NET_N_CLASSES)
		return "?";
	return classes[c].name;
}

double net_class_default_kmh(net_class_t c)
{
	if ((int)c < 0 || c >= NET_N_CLASSES)
		return 0;
	return classes[c].kmh;
}

int net_class_from_highway(const char *highway)
{
	if (!highway)
		return -1;
	for (int c = 0; c < NET_N_CLASSES; c++)
		if (!strcmp(highway, classes[c].name))
			return c;
	return -1;
}

/* One maxspeed value (no ';'). */
static int parse_one_speed(const char *s, size_t n, double *kmh)
{
	char buf[64];
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!strcmp(buf, "none") || !strcmp(buf, "unlimited"))
		return 1;
	if (!strcmp(buf, "walk"))
		return *kmh = WALK_KMH, 0;
	if (!strcmp(buf, "signals") || !strcmp(buf, "variable"))
		return -1;
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (!strcmp(buf, zones[i].value))
			return zones[i].kmh > 0 ? (*kmh = zones[i].kmh, 0) : 1;
	/* "XX:zone30", "XX:zone:30", "XX:zone 30" */
	const char *z = strstr(buf, ":zone");
	if (z && z - buf == 2) {
		z += 5;
		if (*z == ':' || *z == ' ')
			z++;
		char *end;
		long v = strtol(z, &end, 10);
		if (end != z && *end == '\0' && v > 0 && v <= 200)
			return *kmh = (double)v, 0;
		return -1;
	}
	/* number with optional unit */
	if (!isdigit((unsigned char)buf[0]))
		return -1;
	char *end;
	double v = strtod(buf, &end);
	while (*end == ' ')
		end++;
	double factor = 1.0;
	if (*end == '\0' || !strcmp(end, "km/h") || !strcmp(end, "kmh") || !strcmp(end, "kph"))
		factor = 1.0;
	else if (!strcmp(end, "mph"))
		factor = 1.609344;
	else if (!strcmp(end, "knots"))
		factor = 1.852;
	else
		return -1;
	v *= factor;
	if (!(v > 0) || v > 300)
		return -1;
	*kmh = v;
	return 0;
}

int net_parse_maxspeed(const char *v, double *kmh)
{
	if (!v)
		return -1;
	int any = 0, none = 0;
	double best = 0;
	const char *p = v;
	for (;;) {
		const char *semi = strchr(p, ';');
		size_t n = semi ? (size_t)(semi - p) : strlen(p);
		double k;
		int rc = parse_one_speed(p, n, &k);
		if (rc < 0)
			return -1;
		if (rc == 1)
			none = 1;
		else if (!any || k < best)
			best = k, any = 1;
		if (!semi)
			break;
		p = semi + 1;
	}
	if (any)
		return *kmh = best, 0;
	return none ? 1 : -1;
}

static int access_is_closed(const char *v)
{
	for (size_t i = 0; i < sizeof(access_closed) / sizeof(access_closed[0]); i++)
		if (!strcmp(v, access_closed[i]))
			return 1;
	return 0;
}

/* +1 forward, -1 backward, 0 both ways, 2 closed (reversible/alternating). */
static int oneway_value(const char *v)
{
	if (!strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "true"))
		return 1;
	if (!strcmp(v, "-1") || !strcmp(v, "reverse"))
		return -1;
	if (!strcmp(v, "reversible") || !strcmp(v, "alternating"))
		return 2;
	return 0;
}

void net_profile_way(const net_profile_t *p, const net_way_tags_t *t, net_way_rule_t *r)
{
	memset(r, 0, sizeof(*r));
	int c = net_class_from_highway(t->highway);
	if (c < 0)
		return;
	if (p->all_roads) {
		r->routable = r->forward = r->backward = 1;
		r->road_class = (net_class_t)c;
		r->speed_kmh = classes[c].kmh;
		return;
	}
	if (classes[c].needs_tracks && !p->allow_tracks)
		return;
	if (t->area && !strcmp(t->area, "yes"))
		return;

	const char *acc[ACC_N] = {t->access, t->vehicle, t->motor_vehicle, t->psv, t->bus};
	int open = 1;
	for (int k = 0; k < ACC_N; k++)
		if (acc[k])
			open = !access_is_closed(acc[k]);
	if (!open)
		return;

	/* direction: oneway:bus, else oneway:psv, else oneway, else implied */
	const char *ow = t->oneway_bus ? t->oneway_bus : t->oneway_psv ? t->oneway_psv : t->oneway;
	int dir = 0;
	if (ow)
		dir = oneway_value(ow);
	else if (classes[c].oneway_implied || (t->junction && (!strcmp(t->junction, "roundabout") ||
							       !strcmp(t->junction, "circular"))))
		dir = 1;
	if (dir == 2)
		return;

	double kmh = classes[c].kmh;
	if (t->maxspeed) {
		double m;
		int rc = net_parse_maxspeed(t->maxspeed, &m);
		if (rc == 0)
			kmh = m;
		else if (rc < 0)
			r->maxspeed_unknown = 1;
	}
	if (p->speed_cap_kmh > 0 && kmh > p->speed_cap_kmh)
		kmh = p->speed_cap_kmh;

	r->routable = 1;
	r->road_class = (net_class_t)c;
	r->forward = dir >= 0;
	r->backward = dir <= 0;
	r->speed_kmh = kmh;
}
