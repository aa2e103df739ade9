/*
 * fuzz_points.c - the points CSV of `schoolrun matrix` (read_points in
 * src/cli/cmd_matrix.c: header, ids, coordinates or place names resolved
 * on the map, extent check) on arbitrary bytes, with maps/tiny.osm. The
 * reader is static to the command, so this file includes the command's
 * source; cli_fail (main.c) is the one symbol it needs from elsewhere.
 */
#include "../../src/cli/cmd_matrix.c"
#include "fuzz.h"

int cli_fail(const sr_error_t *err)
{
	(void)err;
	return 2;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("points.csv", data, size);
	sr_csv_t *csv = NULL;
	pt_t *pts = NULL;
	uint32_t n = 0;
	sr_error_t err;
	int rc = read_points(path, fuzz_map(), 1000, &csv, &pts, &n, &err);
	if (rc != SR_OK && !err.msg[0])
		abort();
	free(pts);
	sr_csv_free(csv);
	return 0;
}
