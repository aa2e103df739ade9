/*
 * conf.c - plan settings: defaults, the plan.conf file and command-line
 * overrides.
 *
 * plan.conf is a flat `key = value` file in the spirit of git-config and
 * systemd unit files without sections: one setting a line, '#' starts a
 * comment, unknown keys are errors (a typo must not silently fall back to
 * a default). Paths are relative to the folder holding the file, so an
 * example folder can be moved or run from anywhere.
 */
#include <stdlib.h>
#include <string.h>
#include "schoolrun/io.h"
#include "schoolrun/plan.h"

void plan_settings_init(plan_settings_t *s)
{
	memset(s, 0, sizeof(*s));
	s->arrival_buffer_min = 10;
	s->early_window_min = 15;
	s->departure_buffer_min = 5;
	s->late_window_min = 30;
	s->dwell_base_s = 45;
	s->dwell_per_child_s = 10;
	s->max_ride_min = 60;
	s->speed_cap_kmh = 60;
	strcpy(s->lang, "ru");
	s->seed = 1;
	s->time_limit_s = 60;
	strcpy(s->term_start, "2026-09-01");
	strcpy(s->term_end, "2026-12-28");
}

void plan_settings_unset(plan_settings_t *s)
{
	memset(s, 0, sizeof(*s));
	s->arrival_buffer_min = -1;
	s->early_window_min = -1;
	s->departure_buffer_min = -1;
	s->late_window_min = -1;
	s->dwell_base_s = -1;
	s->dwell_per_child_s = -1;
	s->max_ride_min = -1;
	s->speed_cap_kmh = -1;
	s->lang[0] = '\0';
	s->seed = PLAN_SEED_UNSET;
	s->time_limit_s = -1;
}

static void set_path(char **dst, const char *src)
{
	if (!src)
		return;
	free(*dst);
	*dst = xstrdup(src);
}

void plan_settings_apply(plan_settings_t *s, const plan_settings_t *o)
{
	if (!o)
		return;
	set_path(&s->map, o->map);
	set_path(&s->sessions, o->sessions);
	set_path(&s->riders, o->riders);
	set_path(&s->fleet, o->fleet);
	if (o->arrival_buffer_min >= 0)
		s->arrival_buffer_min = o->arrival_buffer_min;
	if (o->early_window_min >= 0)
		s->early_window_min = o->early_window_min;
	if (o->departure_buffer_min >= 0)
		s->departure_buffer_min = o->departure_buffer_min;
	if (o->late_window_min >= 0)
		s->late_window_min = o->late_window_min;
	if (o->dwell_base_s >= 0)
		s->dwell_base_s = o->dwell_base_s;
	if (o->dwell_per_child_s >= 0)
		s->dwell_per_child_s = o->dwell_per_child_s;
	if (o->max_ride_min >= 0)
		s->max_ride_min = o->max_ride_min;
	if (o->speed_cap_kmh >= 0)
		s->speed_cap_kmh = o->speed_cap_kmh;
	if (o->lang[0])
		memcpy(s->lang, o->lang, sizeof(s->lang));
	if (o->seed != PLAN_SEED_UNSET)
		s->seed = o->seed;
	if (o->term_start[0])
		memcpy(s->term_start, o->term_start, sizeof(s->term_start));
	if (o->term_end[0])
		memcpy(s->term_end, o->term_end, sizeof(s->term_end));
	if (o->time_limit_s >= 0)
		s->time_limit_s = o->time_limit_s;
	if (o->map_bbox.on)
		s->map_bbox = o->map_bbox;
}

void plan_settings_clear(plan_settings_t *s)
{
	free(s->map);
	free(s->sessions);
	free(s->riders);
	free(s->fleet);
	s->map = s->sessions = s->riders = s->fleet = NULL;
}

/* The folder part of path ("" for a bare file name), with a trailing '/'. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup("");
	return xstrndup(path, (size_t)(slash - path) + 1);
}

static char *join_path(const char *dir, const char *rel)
{
	if (rel[0] == '/' || !dir[0])
		return xstrdup(rel);
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_puts(&b, dir);
	sr_buf_puts(&b, rel);
	return b.data;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

enum { K_INT, K_DOUBLE, K_PATH, K_LANG, K_SEED, K_DATE, K_BBOX };

static const struct conf_key {
	const char *name;
	int type;
	size_t off;
	double min, max; /* allowed range for numbers */
} conf_keys[] = {
	{"map", K_PATH, offsetof(plan_settings_t, map), 0, 0},
	{"sessions", K_PATH, offsetof(plan_settings_t, sessions), 0, 0},
	{"riders", K_PATH, offsetof(plan_settings_t, riders), 0, 0},
	{"fleet", K_PATH, offsetof(plan_settings_t, fleet), 0, 0},
	{"arrival_buffer_min", K_INT, offsetof(plan_settings_t, arrival_buffer_min), 0, 600},
	{"early_window_min", K_INT, offsetof(plan_settings_t, early_window_min), 0, 600},
	{"departure_buffer_min", K_INT, offsetof(plan_settings_t, departure_buffer_min), 0, 600},
	{"late_window_min", K_INT, offsetof(plan_settings_t, late_window_min), 0, 600},
	{"dwell_base_s", K_DOUBLE, offsetof(plan_settings_t, dwell_base_s), 0, 3600},
	{"dwell_per_child_s", K_DOUBLE, offsetof(plan_settings_t, dwell_per_child_s), 0, 600},
	{"max_ride_min", K_INT, offsetof(plan_settings_t, max_ride_min), 1, 1440},
	{"speed_cap_kmh", K_DOUBLE, offsetof(plan_settings_t, speed_cap_kmh), 1, 200},
	{"lang", K_LANG, offsetof(plan_settings_t, lang), 0, 0},
	{"seed", K_SEED, offsetof(plan_settings_t, seed), 0, 0},
	{"time_limit_s", K_DOUBLE, offsetof(plan_settings_t, time_limit_s), 0.1, 86400},
	{"term_start", K_DATE, offsetof(plan_settings_t, term_start), 0, 0},
	{"term_end", K_DATE, offsetof(plan_settings_t, term_end), 0, 0},
	{"map_bbox", K_BBOX, offsetof(plan_settings_t, map_bbox), 0, 0},
};

/* Whether s is a real calendar date written YYYY-MM-DD (years 2000-2099,
 * Gregorian leap years). */
static int valid_date(const char *s)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

int plan_conf_set(plan_settings_t *s, const char *key, const char *val, const char *dir,
		  char *why, size_t why_size)
{
	const struct conf_key *k = NULL;
	for (size_t i = 0; i < sizeof(conf_keys) / sizeof(conf_keys[0]); i++)
		if (!strcmp(conf_keys[i].name, key))
			k = &conf_keys[i];
	if (!k) {
		snprintf(why, why_size, "unknown setting '%s'", key);
		return -1;
	}
	char *base = (char *)s + k->off;
	switch (k->type) {
	case K_PATH:
		if (!val[0]) {
			snprintf(why, why_size, "'%s' needs a file path", key);
			return -1;
		}
		free(*(char **)base);
		*(char **)base = dir ? join_path(dir, val) : xstrdup(val);
		return 0;
	case K_LANG:
		if (strcmp(val, "ru") && strcmp(val, "en")) {
			snprintf(why, why_size, "lang must be 'ru' or 'en', not '%s'", val);
			return -1;
		}
		strcpy(base, val);
		return 0;
	case K_DATE:
		if (!valid_date(val)) {
			snprintf(why, why_size, "%s must be a date YYYY-MM-DD (2000-2099), not '%s'", key, val);
			return -1;
		}
		memcpy(base, val, 11);
		return 0;
	case K_BBOX: {
		sr_error_t e;
		sr_error_clear(&e);
		if (osm_bbox_parse(val, (osm_bbox_t *)base, &e)) {
			snprintf(why, why_size, "map_bbox: %s", e.msg);
			return -1;
		}
		return 0;
	}
	case K_SEED: {
		int64_t v;
		if (sr_parse_int64(val, &v) || v < 0) {
			snprintf(why, why_size, "seed must be a non-negative integer, not '%s'", val);
			return -1;
		}
		*(uint64_t *)base = (uint64_t)v;
		return 0;
	}
	case K_INT: {
		long v;
		if (sr_parse_long(val, &v) || v < k->min || v > k->max) {
			snprintf(why, why_size, "%s must be a whole number from %g to %g, not '%s'", key,
				 k->min, k->max, val);
			return -1;
		}
		*(int *)base = (int)v;
		return 0;
	}
	default: {
		double v;
		if (sr_parse_double(val, &v) || v < k->min || v > k->max) {
			snprintf(why, why_size, "%s must be a number from %g to %g, not '%s'", key, k->min,
				 k->max, val);
			return -1;
		}
		*(double *)base = v;
		return 0;
	}
	}
}

int plan_conf_read(const char *path, plan_settings_t *s, sr_error_t *err)
{
	char *data = NULL;
	size_t len = 0;
	int rc = sr_read_file(path, &data, &len, err);
	if (rc)
		return rc;
	char *dir = dir_of(path);
	char why[512];
	long line = 0;
	char *p = data;
	if (!sr_utf8_valid(data, len)) {
		rc = sr_error_set(err, SR_EINPUT, path, 0, "not valid UTF-8");
		goto out;
	}
	while (p && *p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		line++;
		char *hash = strchr(p, '#');
		if (hash)
			*hash = '\0';
		char *l = trim(p);
		p = nl ? nl + 1 : NULL;
		if (!*l)
			continue;
		char *eq = strchr(l, '=');
		if (!eq) {
			rc = sr_error_set(err, SR_EINPUT, path, line, "expected 'key = value', got '%s'", l);
			goto out;
		}
		*eq = '\0';
		char *key = trim(l), *val = trim(eq + 1);
		size_t vl = strlen(val);
		if (vl >= 2 && val[0] == '"' && val[vl - 1] == '"') {
			val[vl - 1] = '\0';
			val++;
		}
		if (plan_conf_set(s, key, val, dir, why, sizeof(why))) {
			rc = sr_error_set(err, SR_EINPUT, path, line, "%s", why);
			goto out;
		}
	}
	rc = SR_OK;
out:
	free(dir);
	free(data);
	return rc;
}
