/* test_osm_address_areas_maps.c MAP MIN_PCT - the settlement areas on a
 * real map, checked against what its mappers wrote: of the addresses that
 * carry addr:city, the settlement area holding each (read as if addr:city
 * were absent) must name that city for at least MIN_PCT % of those inside
 * an area, and more often than the nearest settlement node does. Prints
 * both rates. Skips (77) when the map is absent. */
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"
#include "testutil.h"

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	FILE *fp = fopen(argv[1], "rb");
	if (!fp) {
		printf("skipped: %s is absent\n", argv[1]);
		return 77;
	}
	fclose(fp);
	osm_opts_t o;
	osm_opts_init(&o);
	sr_map_t *m = NULL;
	sr_error_t err;
	sr_error_clear(&err);
	CHECK_OK(osm_read(argv[1], &o, &m, &err), &err);
	if (!m)
		return test_summary();
	const osm_addr_index_t *x = m->addr_index;
	size_t n_city = 0, n_in = 0, area_ok = 0, node_ok = 0, n_areas = 0;
	for (size_t i = 0; i < x->areas.n; i++)
		n_areas += x->areas.a[i].kind != OSM_AREA_NONE;
	for (size_t i = 0; i < m->n_addrs; i++) {
		const osm_address_t *a = &m->addrs[i];
		if (!a->city)
			continue;
		n_city++;
		uint32_t k = x->area_of[i];
		if (k == UINT32_MAX)
			continue;
		n_in++;
		const char *an = osm_area_name(&x->areas, k, 0);
		area_ok += an && !strcmp(an, a->city);
		const osm_feature_t *f = osm_settlement(m, a->lat, a->lon, NULL);
		node_ok += f && f->name && !strcmp(f->name, a->city);
	}
	double pa = n_in ? 100.0 * area_ok / n_in : 0, pn = n_in ? 100.0 * node_ok / n_in : 0;
	printf("%s: %zu settlement areas; %zu addresses with addr:city, %zu inside an area: "
	       "the area names it for %zu (%.1f %%), the nearest settlement node for %zu (%.1f %%)\n",
	       argv[1], n_areas, n_city, n_in, area_ok, pa, node_ok, pn);
	CHECK(n_in > 0);
	CHECK_MSG(pa >= atof(argv[2]), "%.1f %% < %s %%", pa, argv[2]);
	CHECK(area_ok > node_ok);
	osm_map_free(m);
	return test_summary();
}
