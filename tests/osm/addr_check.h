/* addr_check.h - what the street-address tests on hand-drawn fixtures
 * share (test_osm_address.c, test_osm_address_areas.c): the fixture read,
 * a node's position as the fixture writes it, an error holding given words. */
#ifndef SR_TEST_ADDR_CHECK_H
#define SR_TEST_ADDR_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "testutil.h"

/* Node id's position as fixture path writes it (read with plain stdio,
 * not the reader under test). Returns 1 when found. */
static inline int fixture_node_ll(const char *path, int64_t id, double *lat, double *lon)
{
	FILE *fp = fopen(path, "r");
	char line[512], want[64];
	int ok = 0;
	snprintf(want, sizeof(want), "<node id=\"%lld\" ", (long long)id);
	while (fp && !ok && fgets(line, sizeof(line), fp)) {
		const char *p = strstr(line, want);
		ok = p && sscanf(strstr(p, "lat="), "lat=\"%lf\" lon=\"%lf\"", lat, lon) == 2;
	}
	if (fp)
		fclose(fp);
	return ok;
}

/* The fixture read (keep: every element kept, as plan reads), or NULL
 * with a failed check. */
static inline sr_map_t *fixture_read(const char *path, int keep)
{
	osm_opts_t o;
	osm_opts_init(&o);
	o.keep_elements = keep;
	sr_map_t *m = NULL;
	sr_error_t err;
	sr_error_clear(&err);
	CHECK_OK(osm_read(path, &o, &m, &err), &err);
	return m;
}

/* q is an error whose message holds every one of the NULL-ended words. */
static inline void want_error(const sr_map_t *m, const char *q, ...)
{
	osm_feature_t f;
	sr_error_t err;
	sr_error_clear(&err);
	int rc = osm_find_ex(m, q, OSM_FIND_PICKUP, &f, NULL, &err);
	CHECK_MSG(rc == SR_EINPUT, "'%s' resolved to %c%lld", q, f.type, (long long)f.id);
	va_list ap;
	va_start(ap, q);
	for (const char *w = va_arg(ap, const char *); w; w = va_arg(ap, const char *))
		CHECK_MSG(strstr(err.msg, w) != NULL, "'%s': '%s' not in: %s", q, w, err.msg);
	va_end(ap);
}

#endif
