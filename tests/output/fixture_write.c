/* fixture_write.c - writes every output of the fixture plan (fixture.c)
 * into a folder: `out_fixture_write DIR [ru|en]`. Used by the script tests
 * that check the outputs with outside tools (node-gtfs, Chromium). */
#include <stdio.h>
#include "fixture.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: out_fixture_write DIR [ru|en]\n");
		return 2;
	}
	sr_plan_t *p = fixture_plan(argc > 2 ? argv[2] : "ru");
	sr_error_t err;
	int rc = out_write_all(p, argv[1], &err);
	if (rc) {
		char buf[2048];
		fprintf(stderr, "out_fixture_write: %s\n", sr_error_format(&err, buf, sizeof buf));
	}
	fixture_free(p);
	return rc ? 1 : 0;
}
