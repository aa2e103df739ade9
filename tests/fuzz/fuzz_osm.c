/*
 * fuzz_osm.c - the OSM reader (osm_read) on arbitrary bytes: the input is
 * written to a file and read as a map. osm_read tells the format from the
 * content, not the name, so one harness covers plain XML, PBF, gzip and
 * bzip2 (corpus/osm holds valid seeds of each, made with osmium-tool and
 * bzip2, and truncated or damaged variants). Small limits keep each run
 * short; they are themselves under test.
 */
#include <stdlib.h>
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("map.osm", data, size);
	osm_opts_t o;
	osm_opts_init(&o);
	o.max_map_mb = 64;
	sr_map_t *m = NULL;
	sr_error_t err;
	if (osm_read(path, &o, &m, &err) == SR_OK) {
		if (!m || !m->net)
			abort(); /* success must give a map */
		osm_map_free(m);
	} else if (!err.msg[0]) {
		abort(); /* an error must say what is wrong */
	}
	return 0;
}
