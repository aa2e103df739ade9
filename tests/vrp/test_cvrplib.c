/* test_cvrplib.c - the CVRPLIB/TSPLIB reader: hand-written fixtures (every
 * EDGE_WEIGHT_FORMAT, odd whitespace, a depot that is not node 1, CMT keys),
 * bad files that must fail with the right line, and every shared benchmark
 * solution re-costed from the files as read, against BKS.csv. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include "testutil.h"
#include "checker.h"

static vrp_instance_t *read_ok(const char *name)
{
	vrp_instance_t *in = NULL;
	sr_error_t err;
	sr_error_clear(&err);
	const char *path = test_path("data", name);
	CHECK_OK(vrp_instance_read(path, &in, &err), &err);
	return in;
}

static void test_tiny5_euc2d_rounds_each_arc(void)
{
	vrp_instance_t *in = read_ok("tiny5.vrp");
	if (!in)
		return;
	CHECK(!strcmp(in->name, "tiny5"));
	CHECK(in->n == 5 && in->capacity == 10 && in->rounded == 1);
	CHECK(in->demand[0] == 0 && in->demand[4] == 10);
	CHECK(in->dist[0 * 5 + 1] == 5);  /* (3,4): 5 */
	CHECK(in->dist[1 * 5 + 3] == 10); /* (3,4)-(-6,8): sqrt(97)=9.85 -> 10 */
	CHECK(in->dist[0 * 5 + 4] == 2);  /* (1.5,0.4): 1.55 -> 2 */
	CHECK(in->dist[2 * 5 + 4] == 10); /* (0,10)-(1.5,0.4): 9.717 -> 10 */
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 5; j++)
			CHECK(in->dist[i * 5 + j] == in->dist[j * 5 + i]);
	CHECK(in->service_time == 0 && in->max_distance == 0);
	CHECK(in->node_id[0] == 1 && in->node_id[4] == 5);
	vrp_instance_free(in);
}

static void test_depot_not_first_is_reordered(void)
{
	vrp_instance_t *in = read_ok("depot3.vrp");
	if (!in)
		return;
	CHECK(in->node_id[0] == 3 && in->node_id[1] == 1 && in->node_id[2] == 2 &&
	      in->node_id[3] == 4);
	CHECK(in->demand[0] == 0 && in->demand[1] == 2 && in->demand[2] == 3 && in->demand[3] == 1);
	CHECK(in->dist[0 * 4 + 1] == 10 && in->dist[0 * 4 + 3] == 3); /* 2.5 rounds up */
	CHECK(in->x[0] == 0 && in->y[0] == 0);
	vrp_instance_free(in);
}

static void test_explicit_formats_agree(void)
{
	const char *files[] = {"lower_row.vrp", "full.vrp", "upper_row.vrp", "lower_diag.vrp",
			       "upper_diag.vrp"};
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		vrp_instance_t *in = read_ok(files[f]);
		if (!in)
			continue;
		CHECK_MSG(in->n == 4 && in->x == NULL, "%s", files[f]);
		/* the fixtures encode d(i,j) = 10*i + j for file ids i < j */
		for (int i = 0; i < 4; i++)
			for (int j = 0; j < 4; j++) {
				int a = i < j ? i : j, b = i < j ? j : i;
				double want = (i == j) ? 0 : 10 * (a + 1) + (b + 1);
				CHECK_MSG(in->dist[i * 4 + j] == want, "%s d(%d,%d)=%g want %g",
					  files[f], i + 1, j + 1, in->dist[i * 4 + j], want);
			}
		vrp_instance_free(in);
	}
}

static void test_cmt_keys_give_real_distances(void)
{
	vrp_instance_t *in = read_ok("cmt_like.vrp");
	if (!in)
		return;
	CHECK(in->rounded == 0);
	CHECK_NEAR(in->dist[0 * 3 + 1], sqrt(2.0), 1e-12);
	CHECK_NEAR(in->max_distance, 20.5, 0);
	CHECK_NEAR(in->service_time, 2.0, 0);
	vrp_instance_free(in);
}

static void expect_bad(const char *name, long line, const char *needle)
{
	vrp_instance_t *in = NULL;
	sr_error_t err;
	sr_error_clear(&err);
	const char *path = test_path("data", name);
	int rc = vrp_instance_read(path, &in, &err);
	char buf[2048];
	sr_error_format(&err, buf, sizeof(buf));
	CHECK_MSG(rc == SR_EINPUT, "%s: rc %d", name, rc);
	CHECK_MSG(in == NULL, "%s", name);
	CHECK_MSG(err.line == line, "%s: line %ld, want %ld (%s)", name, err.line, line, buf);
	CHECK_MSG(strstr(err.msg, needle) != NULL, "%s: '%s' lacks '%s'", name, err.msg, needle);
	CHECK_MSG(strstr(buf, name) != NULL, "%s: message does not name the file: %s", name, buf);
	vrp_instance_free(in);
}

static void test_bad_files_name_file_and_line(void)
{
	expect_bad("bad_missing_demand.vrp", 13, "DEMAND_SECTION missing");
	expect_bad("bad_dimension.vrp", 10, "has 3 nodes but DIMENSION is 4");
	expect_bad("bad_node_id.vrp", 10, "node id 4 outside 1..3");
	expect_bad("bad_negative_demand.vrp", 12, "negative demand");
	expect_bad("bad_over_capacity.vrp", 13, "exceeds CAPACITY");
	expect_bad("bad_edge_type.vrp", 4, "unknown EDGE_WEIGHT_TYPE 'GEO'");
	expect_bad("bad_truncated.vrp", 9, "has 4 values but DIMENSION 4 needs 6");
	expect_bad("bad_number.vrp", 9, "bad coordinate");
	expect_bad("bad_huge.vrp", 3, "too large");
	vrp_instance_t *in = NULL;
	sr_error_t err;
	CHECK(vrp_instance_read(test_path("data", "no_such_file.vrp"), &in, &err) == SR_EIO);
}

/* BKS.csv: instance -> bks */
static int bks_lookup(const char *csv, const char *name, double *bks)
{
	FILE *fp = fopen(csv, "r");
	if (!fp)
		return -1;
	char line[1024];
	int found = -1;
	size_t nl = strlen(name);
	while (fgets(line, sizeof(line), fp))
		if (!strncmp(line, name, nl) && line[nl] == ',') {
			char *p = line + nl + 1;
			strtol(p, &p, 10);     /* n_customers */
			strtol(p + 1, &p, 10); /* capacity */
			*bks = strtod(p + 1, NULL);
			found = 0;
			break;
		}
	fclose(fp);
	return found;
}

static void test_shared_solutions_recost_to_bks(void)
{
	const char *shared = test_shared_dir();
	if (!shared) {
		fprintf(stderr, "shared data absent: benchmark checks skipped\n");
		return;
	}
	const char *sets[] = {"A", "B", "E", "P", "CMT"};
	char csv[1024];
	snprintf(csv, sizeof(csv), "%s/bench/cvrp/BKS.csv", shared);
	int checked = 0;
	for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		char dir[1024];
		snprintf(dir, sizeof(dir), "%s/bench/cvrp/%s", shared, sets[s]);
		DIR *d = opendir(dir);
		if (!d)
			continue;
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t l = strlen(e->d_name);
			if (l < 5 || strcmp(e->d_name + l - 4, ".vrp"))
				continue;
			char vrp[2048], sol[2048], name[256];
			snprintf(vrp, sizeof(vrp), "%s/%s", dir, e->d_name);
			snprintf(name, sizeof(name), "%.*s", (int)(l - 4), e->d_name);
			snprintf(sol, sizeof(sol), "%s/%s.sol", dir, name);
			vrp_instance_t *in = NULL;
			sr_error_t err;
			CHECK_OK(vrp_instance_read(vrp, &in, &err), &err);
			if (!in)
				continue;
			CHECK_MSG(in->rounded == (strcmp(sets[s], "CMT") != 0), "%s", name);
			double bks = NAN;
			CHECK_MSG(bks_lookup(csv, name, &bks) == 0, "%s not in BKS.csv", name);
			if (test_file_exists(sol)) {
				chk_sol_t so;
				CHECK_MSG(chk_read_sol(sol, in, &so) == 0, "%s", sol);
				double cost;
				char why[256];
				CHECK_MSG(chk_solution(in, &so, -1, &cost, why, sizeof(why)),
					  "%s: %s", name, why);
				double tol = in->rounded ? 1e-9 : 0.005 + 1e-9;
				CHECK_MSG(fabs(cost - bks) <= tol, "%s: recomputed %.4f, BKS %.2f",
					  name, cost, bks);
				/* the reader's own matrix gives the same cost */
				double c2 = 0;
				for (int r = 0; r < so.n_routes; r++) {
					int prev = 0;
					for (int k = 0; k < so.len[r]; k++) {
						c2 += in->dist[prev * in->n + so.route[r][k]];
						prev = so.route[r][k];
					}
					c2 += in->dist[prev * in->n];
				}
				CHECK_NEAR(c2, cost, 1e-6);
				chk_sol_free(&so);
				checked++;
			}
			vrp_instance_free(in);
		}
		closedir(d);
	}
	fprintf(stderr, "%d shared solutions re-costed\n", checked);
	CHECK(checked >= 90);
}

int main(void)
{
	test_tiny5_euc2d_rounds_each_arc();
	test_depot_not_first_is_reordered();
	test_explicit_formats_agree();
	test_cmt_keys_give_real_distances();
	test_bad_files_name_file_and_line();
	test_shared_solutions_recost_to_bks();
	return test_summary();
}
