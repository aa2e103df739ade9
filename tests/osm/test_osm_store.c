/* test_osm_store.c - the reader's node table: lookups by 64-bit id after
 * an unsorted fill agree with a linear scan, for ids present and absent,
 * across block boundaries of the sampled top level. */
#include <stdlib.h>
#include "testutil.h"
#include "osm/internal.h"

static void test_node_lookup_matches_linear_scan(void)
{
	sr_rng_t rng;
	sr_rng_seed(&rng, 7);
	for (int round = 0; round < 4; round++) {
		size_t n = round == 0 ? 1 : round == 1 ? 255 : round == 2 ? 256 : 5000;
		osm_nodes_t t = {0};
		int64_t *ids = malloc(n * sizeof(int64_t));
		for (size_t i = 0; i < n; i++) {
			/* distinct, spread above 2^32, shuffled order */
			ids[i] = ((int64_t)1 << 33) + (int64_t)i * 7 + (int64_t)sr_rng_below(&rng, 7);
		}
		for (size_t i = n; i > 1; i--) {
			size_t j = sr_rng_below(&rng, (uint32_t)i);
			int64_t x = ids[i - 1];
			ids[i - 1] = ids[j];
			ids[j] = x;
		}
		for (size_t i = 0; i < n; i++)
			osm_nodes_push(&t, ids[i], (int32_t)(ids[i] % 1000), -(int32_t)(ids[i] % 1000));
		osm_nodes_finish(&t);
		int ok = 1;
		for (size_t q = 0; q < 3 * n + 10; q++) {
			int64_t id = ((int64_t)1 << 33) - 5 + (int64_t)sr_rng_below(&rng, (uint32_t)(7 * n + 10));
			size_t want = OSM_NOT_FOUND;
			for (size_t i = 0; i < t.n; i++)
				if (t.a[i].id == id)
					want = i;
			size_t got = osm_nodes_find(&t, id);
			if (got != want || (got != OSM_NOT_FOUND && t.a[got].lat != (int32_t)(id % 1000)))
				ok = 0;
		}
		CHECK_MSG(ok, "n = %zu", n);
		free(ids);
		free(t.a);
		free(t.sample);
	}
}

int main(void)
{
	test_node_lookup_matches_linear_scan();
	return test_summary();
}
