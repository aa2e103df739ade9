/* test_output_plan.c - the output stage on a plan the planner builds from a
 * bundled example (default examples/tiny/plan.conf; skipped while absent):
 * every output written, read back and compared with the plan
 * (outcheck.c), and a second build and write giving the same bytes. */
#include <stdlib.h>
#include "testutil.h"
#include "outcheck.h"

static sr_plan_t *build(const char *conf)
{
	plan_settings_t over;
	plan_settings_unset(&over);
	sr_plan_t *p = NULL;
	sr_error_t err;
	CHECK_OK(plan_build(conf, &over, &p, &err), &err);
	return p;
}

int main(int argc, char **argv)
{
	char conf[4096];
	snprintf(conf, sizeof conf, "%s/%s", test_env("SR_SOURCE_DIR"),
		 argc > 1 ? argv[1] : "examples/tiny/plan.conf");
	if (!test_file_exists(conf))
		test_skip("example plan.conf not found");
	sr_log_set_level(SR_LOG_ERROR);
	const char *tmp = test_tmpdir();
	char dir1[4096], dir2[4096];
	snprintf(dir1, sizeof dir1, "%s/a", tmp);
	snprintf(dir2, sizeof dir2, "%s/b", tmp);
	sr_error_t err;
	for (int pass = 0; pass < 2; pass++) {
		sr_plan_t *p = build(conf);
		if (!p)
			break;
		CHECK_OK(out_write_all(p, pass ? dir2 : dir1, &err), &err);
		if (!pass) {
			CHECK_MSG(p->n_patterns > 0, "the example has no runs");
			check_outputs_match_plan(p, dir1);
		}
		plan_free(p);
	}
	check_same_tree(dir1, dir2, 10);
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	test_run(cmd);
	return test_summary();
}
