/*
 * fuzz_address.c - the street-address reader (src/osm/addr_words.c) and
 * lookup (addr_find.c, addr_errors.c): the input is one pickup text,
 * looked up with osm_find_ex as a pickup on tests/osm/fixtures/
 * addresses.osm (read once: two villages' Центральная улица 12, корпус
 * and list numbers, addr:place-only houses). Any text is a result or an
 * error with a message; never a crash, a leak or undefined behaviour.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "schoolrun/osm.h"

static const sr_map_t *addr_map(void)
{
	static sr_map_t *m;
	if (!m) {
		osm_opts_t o;
		sr_error_t err;
		osm_opts_init(&o);
		if (osm_read(SR_FUZZ_ADDR_MAP, &o, &m, &err) != SR_OK)
			abort();
	}
	return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *q = xmalloc(size + 1);
	memcpy(q, data, size);
	q[size] = '\0';
	osm_feature_t f;
	osm_found_t how;
	sr_error_t err;
	sr_error_clear(&err);
	int rc = osm_find_ex(addr_map(), q, OSM_FIND_PICKUP, &f, &how, &err);
	if (rc != SR_OK && !err.msg[0])
		abort();
	free(q);
	return 0;
}
