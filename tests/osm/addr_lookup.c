/* addr_lookup.c MAP - for test_osm_address_maps.sh: reads one pickup text
 * a line on stdin and prints what osm_find_ex makes of it: "OK n123 LAT
 * LON" when found as a street address, "NAME ..." when by a name, "ERR
 * message" when not found. */
#include <stdio.h>
#include <string.h>
#include "testutil.h"

int main(int argc, char **argv)
{
	osm_opts_t o;
	osm_opts_init(&o);
	sr_map_t *m = NULL;
	sr_error_t err;
	sr_error_clear(&err);
	if (argc != 2 || osm_read(argv[1], &o, &m, &err) != SR_OK) {
		fprintf(stderr, "addr_lookup MAP: %s\n", err.msg);
		return 2;
	}
	char line[1024];
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\r\n")] = '\0';
		osm_feature_t f;
		osm_found_t how;
		sr_error_clear(&err);
		if (osm_find_ex(m, line, OSM_FIND_PICKUP, &f, &how, &err) != SR_OK)
			printf("ERR %s\n", err.msg);
		else
			printf("%s %c%lld %.7f %.7f\n", how.address ? "OK" : "NAME", f.type,
			       (long long)f.id, f.lat, f.lon);
	}
	osm_map_free(m);
	return 0;
}
