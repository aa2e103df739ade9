/* test_osm_store.c - the reader's node table: lookups by 64-bit id after
 * an unsorted fill agree with a linear scan, for ids present and absent,
 * across block boundaries of the sampled top level; and the input feeder:
 * plain and gzip files of several blocks come out byte for byte, whatever
 * the read sizes and however late the feeder thread starts. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
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
			ids[i] = ((int64_t)1 << 33) + (int64_t)i * 7 +
				 (int64_t)sr_rng_below(&rng, 7);
		}
		for (size_t i = n; i > 1; i--) {
			size_t j = sr_rng_below(&rng, (uint32_t)i);
			int64_t x = ids[i - 1];
			ids[i - 1] = ids[j];
			ids[j] = x;
		}
		for (size_t i = 0; i < n; i++)
			osm_nodes_push(&t, ids[i], (int32_t)(ids[i] % 1000),
				       -(int32_t)(ids[i] % 1000));
		osm_nodes_finish(&t);
		int ok = 1;
		for (size_t q = 0; q < 3 * n + 10; q++) {
			int64_t id = ((int64_t)1 << 33) - 5 +
				     (int64_t)sr_rng_below(&rng, (uint32_t)(7 * n + 10));
			size_t want = OSM_NOT_FOUND;
			for (size_t i = 0; i < t.n; i++)
				if (t.a[i].id == id)
					want = i;
			size_t got = osm_nodes_find(&t, id);
			if (got != want ||
			    (got != OSM_NOT_FOUND && t.a[got].lat != (int32_t)(id % 1000)))
				ok = 0;
		}
		CHECK_MSG(ok, "n = %zu", n);
		free(ids);
		free(t.a);
		free(t.sample);
	}
}

static void test_input_delivers_every_byte_in_order(void)
{
	size_t n = 3 * 1024 * 1024 + 12345; /* > 12 feeder blocks */
	unsigned char *data = malloc(n);
	sr_rng_t rng;
	sr_rng_seed(&rng, 11);
	for (size_t i = 0; i < n; i++)
		data[i] = (unsigned char)(sr_rng_next(&rng) >> 56);
	char plain[1200], gz[1200];
	snprintf(plain, sizeof(plain), "%s/feed.bin", test_tmpdir());
	snprintf(gz, sizeof(gz), "%s/feed.bin.gz", test_tmpdir());
	sr_error_t err;
	CHECK_OK(sr_write_file_atomic(plain, data, n, &err), &err);
	gzFile g = gzopen(gz, "wb1");
	CHECK(g && gzwrite(g, data, (unsigned)n) == (int)n);
	gzclose(g);
	unsigned char *got = malloc(n + 1);
	for (int round = 0; round < 16; round++) {
		osm_input_t *in = NULL;
		CHECK_OK(osm_input_open(round % 2 ? gz : plain, &in, &err), &err);
		if (!in)
			continue;
		size_t have = 0;
		int r;
		/* the first rounds take block 0 at once, before the feeder
		 * thread may have run at all */
		while ((r = osm_input_read(
				in, (char *)got + have,
				(int)(round < 4 ? 300000 : 1 + sr_rng_below(&rng, 70000)))) > 0 &&
		       have + (size_t)r <= n)
			have += (size_t)r;
		CHECK_MSG(r == 0 && have == n && !memcmp(got, data, n),
			  "round %d: %zu of %zu bytes", round, have, n);
		osm_input_close(in);
	}
	free(got);
	free(data);
}

int main(void)
{
	test_node_lookup_matches_linear_scan();
	test_input_delivers_every_byte_in_order();
	return test_summary();
}
