/*
 * settings.c - the plan settings registry: every plan.conf key in one
 * table. Defaults (plan_settings_init), parsing and bounds of plan.conf
 * lines (conf.c) and of `schoolrun plan` flags, the --help text
 * (cmd_plan.c), the "settings" echo in plan.json (plan_json.c) and the
 * README check (tests/plan/test_plan_settings.c) all walk this table; the
 * generic machinery is src/util/settings.c (after Redis's config.c).
 *
 * HOW TO ADD A SETTING
 *  1. Add the field to plan_settings_t (include/schoolrun/plan.h).
 *  2. Add one row below with the macro of its type (key = field name,
 *     flag, bounds, default as text, unit, one help line). The row's place
 *     is its place in plan.json: add new rows at the end, so that older
 *     plans keep their bytes.
 *  3. Add its row to the README's plan settings table (same order: key,
 *     flag, default, unit, meaning); test_plan_settings fails until the
 *     two agree.
 * Nothing else: plan.conf, the flag, --help and plan.json follow. A type
 * the table lacks (a list, a bounding box) is a case in each switch of
 * src/util/settings.c.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/network.h"
#include "schoolrun/osm.h"
#include "schoolrun/plan.h"
#include "util/i18n.h"

/* clang-format off */
#define ROW(type, field, flag, lo, hi, def, unit, choices, help) \
	{#field, type, SR_FIELD(plan_settings_t, field), lo, hi, def, flag, unit, choices, help}
/* clang-format on */
#define SET_PATH(field, flag, help) ROW(SR_SET_PATH, field, flag, 0, 0, NULL, NULL, NULL, help)
#define SET_INT(field, flag, lo, hi, def, unit, help) \
	ROW(SR_SET_INT, field, flag, lo, hi, def, unit, NULL, help)
#define SET_DOUBLE(field, flag, lo, hi, def, unit, help) \
	ROW(SR_SET_DOUBLE, field, flag, lo, hi, def, unit, NULL, help)
#define SET_U64(field, flag, lo, def, help) \
	ROW(SR_SET_U64, field, flag, lo, 0, def, NULL, NULL, help)
#define SET_ENUM(field, flag, choices, def, help) \
	ROW(SR_SET_ENUM, field, flag, 0, 0, def, NULL, choices, help)
#define SET_DATE(field, flag, def, help) ROW(SR_SET_DATE, field, flag, 0, 0, def, NULL, NULL, help)
#define SET_STRING(field, flag, max, help) \
	ROW(SR_SET_STRING, field, flag, 0, max, NULL, NULL, NULL, help)

static const sr_setting_t plan_settings_rows[] = {
	SET_PATH(map, "map",
		 N_("the road map: OSM XML (.osm, .osm.gz, .osm.bz2) or PBF (.osm.pbf)")),
	SET_PATH(sessions, "sessions",
		 N_("sessions.csv: what takes place where, on which days, when")),
	SET_PATH(riders, "riders", N_("riders.csv: groups of children, their pickup and session")),
	SET_PATH(fleet, "fleet", N_("fleet.csv: the buses, their depots, seats and hours")),
	SET_INT(arrival_buffer_min, "arrival-buffer-min", 0, 600, "10", "min",
		N_("children arrive at least this long before a session starts")),
	SET_INT(early_window_min, "early-window-min", 0, 600, "15", "min",
		N_("... and at most this much earlier than that (a session's own: sessions.csv)")),
	SET_INT(departure_buffer_min, "departure-buffer-min", 0, 600, "5", "min",
		N_("home runs leave this long after the session ends, or later")),
	SET_INT(late_window_min, "late-window-min", 0, 600, "30", "min",
		N_("how much later a home run may leave when buses are short, or to leave at its time of other days (a session's own: sessions.csv)")),
	SET_DOUBLE(dwell_base_s, "dwell-base-s", 0, 3600, "45", "s",
		   N_("stop dwell: the fixed part")),
	SET_DOUBLE(dwell_per_child_s, "dwell-per-child-s", 0, 600, "10", "s",
		   N_("stop dwell: per child boarding or alighting")),
	SET_INT(max_ride_min, "max-ride-min", 1, 1440, "60", "min",
		N_("longest ride of a child unless a session or rider sets one")),
	SET_DOUBLE(speed_cap_kmh, "speed-cap-kmh", 1, 200, SR_XSTR(NET_SPEED_CAP_KMH), "km/h",
		   N_("bus speed cap (organised transport of children, Russia)")),
	SET_ENUM(lang, "lang", "ru|en", "ru",
		 N_("language of the printed schedules and summary.txt")),
	SET_U64(seed, "seed", 0, "1", N_("random seed")),
	SET_DOUBLE(time_limit_s, "time-limit", 0.1, 86400, "60", "s",
		   N_("planning time budget (a safety net: effort is counted in iterations)")),
	SET_DATE(term_start, "term-start", "2026-09-01",
		 N_("the term's first day (GTFS calendar)")),
	SET_DATE(term_end, "term-end", "2026-12-28", N_("the term's last day, inclusive")),
	ROW(SR_SET_STRING, map_bbox, "bbox", 0, 200, NULL, NULL, NULL,
	    N_("minlon,minlat,maxlon,maxlat: read only this part of the map")),
	SET_STRING(organisation, "organisation", 200,
		   N_("who runs the transport: printed with the term on every page")),
	SET_STRING(contact_name, "contact-name", 200, N_("whom to call: printed on every page")),
	SET_STRING(contact_phone, "contact-phone", 100,
		   N_("… at which number: printed on every page")),
	SET_STRING(organisation_url, "organisation-url", 300,
		   N_("the organisation's web site: GTFS agency_url and feed_publisher_url")),
	ROW(SR_SET_STRING, timezone, "timezone", 0, 64, "Europe/Moscow", NULL, NULL,
	    N_("the district's time zone, as the IANA database names it (Asia/Novosibirsk): "
	       "GTFS agency_timezone")),
	SET_STRING(approved_by, "approved-by", 300,
		   N_("who approves the register of routes, 'position / name': its "
		      "УТВЕРЖДАЮ block with a line to sign and a date")),
	SET_STRING(agreed_with, "agreed-with", 300,
		   N_("with whom the register is agreed (the traffic police), 'position / "
		      "name': its СОГЛАСОВАНО block")),
	SET_PATH(
		children, "children",
		N_("children.csv (optional): the children by name for the run lists (stays in print/)")),
	SET_DOUBLE(
		max_shift_h, "max-shift-h", 1, 24, "12", "h",
		N_("longest driver's day, leaving the depot to coming back (fleet.csv may set a bus's own)")),
	SET_DOUBLE(max_driving_h, "max-driving-h", 0.5, 24, "9", "h",
		   N_("most driving in a driver's day (fleet.csv may set a bus's own)")),
	SET_DOUBLE(max_week_h, "max-week-h", 0, 168, "40", "h",
		   N_("longest working week of a bus's drivers, its days summed: a plan above it "
		      "is warned of (0: not checked; fleet.csv may set a bus's own)")),
	SET_ENUM(week_balance, "week-balance", "no|yes", "no",
		 N_("yes: where a bus's drivers' week is longer than max_week_h, the buses share "
		    "the days' duties to keep each within it (a run may then have another bus on "
		    "some days)")),
	SET_INT(break_min, "break-min", 1, 600, "45", "min",
		N_("a wait this long or longer is the driver's break")),
	SET_DOUBLE(driving_before_break_h, "driving-before-break-h", 0.5, 24, "4.5", "h",
		   N_("most driving before a break")),
	SET_INT(depot_return_min, "depot-return-min", 0, 1440, "60", "min",
		N_("a longer gap between runs is spent at the depot when the bus can rest there a break")),
	/* the map reader's limits (src/osm/guard.c), shared with inspect and matrix */
	SET_INT(max_depth, "max-depth", OSM_MAX_DEPTH_LO, OSM_MAX_DEPTH_HI,
		SR_XSTR(OSM_MAX_DEPTH_DEFAULT), "levels",
		N_("limit: element nesting depth of the map")),
	SET_INT(max_attrs, "max-attrs", OSM_MAX_ATTRS_LO, OSM_MAX_ATTRS_HI,
		SR_XSTR(OSM_MAX_ATTRS_DEFAULT), "attributes",
		N_("limit: attributes of one map element (XML)")),
	SET_INT(max_tags, "max-tags", OSM_MAX_TAGS_LO, OSM_MAX_TAGS_HI,
		SR_XSTR(OSM_MAX_TAGS_DEFAULT), "tags", N_("limit: tags of one map element")),
	SET_INT(max_way_nodes, "max-way-nodes", OSM_MAX_WAY_NODES_LO, OSM_MAX_WAY_NODES_HI,
		SR_XSTR(OSM_MAX_WAY_NODES_DEFAULT), "nodes",
		N_("limit: nodes of one way of the map")),
	SET_INT(max_map_mb, "max-map-mb", OSM_MAX_MAP_MB_LO, OSM_MAX_MAP_MB_HI,
		SR_XSTR(OSM_MAX_MAP_MB_DEFAULT), "MB",
		N_("limit: memory for the map's node, way and road tables")),
	SET_PATH(
		locks, "locks",
		N_("locks.csv (optional): pins a pickup's children to a bus, or keeps a run of --keep")),
	SET_ENUM(
		hints, "hints", "off|on", "off",
		N_("on: summary.txt says which session's move would save a bus (slower: chains again)")),
	SET_ENUM(keep_priority, "keep-priority", "children|buses", "children",
		 N_("--keep: children: fewest children changed first; buses: fewest buses first")),
	SET_ENUM(home_same_bus, "home-same-bus", "prefer|free", "prefer",
		 N_("prefer: the chaining brings children home on the bus that took them before "
		    "it saves km; free: only where that costs no km")),
	SET_ENUM(mixed_load, "mixed-load", "yes|no", "yes",
		 N_("yes: children of sessions close in time and place may share a run")),
	SET_ENUM(split_shift, "split-shift", "no|yes", "no",
		 N_("yes: a long stay at the depot splits the driver's day in two parts")),
	SET_DOUBLE(split_break_min_h, "split-break-min-h", 0.25, 24, "2", "h",
		   N_("a stay at the depot this long or longer splits the day")),
	SET_DOUBLE(split_break_max_h, "split-break-max-h", 0.25, 24, "4", "h",
		   N_("at most this much of the split break is not working time")),
	SET_DOUBLE(max_span_h, "max-span-h", 1, 24, "16", "h",
		   N_("longest split day, leaving the depot to coming back")),
	ROW(SR_SET_STRING, no_service, "no-service", 0, 2000, "ru_holidays", NULL, NULL,
	    N_("days of the term without runs: dates and ranges (26.10-01.11, 2026-11-04), "
	       "ru_holidays (the fixed Russian public holidays), or none")),
};

#define N_ROWS (sizeof(plan_settings_rows) / sizeof(plan_settings_rows[0]))

const sr_setting_t *plan_settings_table(size_t *n)
{
	*n = N_ROWS;
	return plan_settings_rows;
}

void plan_settings_init(plan_settings_t *s)
{
	memset(s, 0, sizeof(*s));
	sr_settings_defaults(plan_settings_rows, N_ROWS, s);
}

void plan_settings_unset(plan_settings_t *s)
{
	memset(s, 0, sizeof(*s));
	sr_settings_unset(plan_settings_rows, N_ROWS, s);
}

void plan_settings_apply(plan_settings_t *s, const plan_settings_t *o)
{
	if (o)
		sr_settings_apply(plan_settings_rows, N_ROWS, s, o);
}

void plan_settings_clear(plan_settings_t *s)
{
	sr_settings_free(plan_settings_rows, N_ROWS, s);
}

/* Whether s reads as a time zone of the IANA database: UTC, or an area
 * and a location of letters, digits, '_', '+' and '-' ("Europe/Moscow",
 * "America/Argentina/Salta"). GTFS feeds take these names. */
static int tz_name(const char *s)
{
	static const char *const areas[] = {"Africa/", "America/",  "Antarctica/", "Arctic/",
					    "Asia/",   "Atlantic/", "Australia/",  "Etc/",
					    "Europe/", "Indian/",   "Pacific/"};
	if (!strcmp(s, "UTC"))
		return 1;
	size_t a = 0;
	for (size_t i = 0; i < sizeof(areas) / sizeof(areas[0]) && !a; i++)
		if (!strncmp(s, areas[i], strlen(areas[i])))
			a = strlen(areas[i]);
	if (!a || !s[a] || s[strlen(s) - 1] == '/')
		return 0;
	for (const char *c = s + a; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("_+-/", *c))
			return 0;
	return 1;
}

/* -1 with why when tz is no time zone name (tz_name), else 0. */
static int tz_check(const char *tz, char *why, size_t why_size)
{
	if (!tz || tz_name(tz))
		return 0;
	snprintf(why, why_size,
		 _("timezone '%s' is no time zone name of the IANA database (Area/City: "
		   "Europe/Moscow, Asia/Novosibirsk, Asia/Vladivostok)"),
		 tz);
	return -1;
}

int plan_settings_check(const plan_settings_t *s, char *why, size_t why_size)
{
	int *days, n;
	if (plan_no_service_days(s, &days, &n, why, why_size))
		return -1;
	free(days);
	if (!strcmp(s->split_shift, "yes") && s->split_break_min_h > s->split_break_max_h) {
		snprintf(why, why_size,
			 _("split_break_min_h (%g) is more than split_break_max_h (%g)"),
			 s->split_break_min_h, s->split_break_max_h);
		return -1;
	}
	return tz_check(s->timezone, why, why_size);
}

/* The setting a mistyped key most likely meant (osm_closest_word:
 * time_limit -> time_limit_s, organization -> organisation), or NULL. */
static const char *nearest_key(const char *key)
{
	const char *keys[N_ROWS];
	for (size_t i = 0; i < N_ROWS; i++)
		keys[i] = plan_settings_rows[i].key;
	int k = osm_closest_word(key, keys, N_ROWS);
	return k < 0 ? NULL : keys[k];
}

int plan_conf_set(plan_settings_t *s, const char *key, const char *val, const char *dir, char *why,
		  size_t why_size)
{
	const sr_setting_t *d = sr_setting_by_key(plan_settings_rows, N_ROWS, key);
	if (!d) {
		const char *near = nearest_key(key);
		if (near)
			snprintf(why, why_size, _("unknown setting '%s' (did you mean '%s'?)"), key,
				 near);
		else
			snprintf(why, why_size, _("unknown setting '%s'"), key);
		return -1;
	}
	if (sr_setting_parse(d, s, val, dir, why, why_size))
		return -1;
	if (!strcmp(key, "timezone") && tz_check(val, why, why_size))
		return -1;
	if (!strcmp(key, "map_bbox")) { /* a box the map reader can use */
		osm_bbox_t b;
		sr_error_t e;
		sr_error_clear(&e);
		if (osm_bbox_parse(val, &b, &e) != SR_OK) {
			snprintf(why, why_size, _("map_bbox: %s"), e.msg);
			return -1;
		}
	}
	return 0;
}
