/* test_ip_glpk.c - the GLPK wrapper: a small knapsack MIP against brute
 * force, the LP path, infeasibility, and a GLPK error turned into an
 * SR_ESOLVER return instead of an abort. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "ip/ip.h"

static void test_knapsack_equals_brute_force(void)
{
	const int n = 12;
	double w[12], v[12], cap = 0;
	sr_rng_t r;
	sr_rng_seed(&r, 7);
	for (int i = 0; i < n; i++) {
		w[i] = 1 + sr_rng_below(&r, 20);
		v[i] = 1 + sr_rng_below(&r, 30);
		cap += w[i];
	}
	cap = floor(cap / 3);
	double best = 0;
	for (int m = 0; m < (1 << n); m++) {
		double ww = 0, vv = 0;
		for (int i = 0; i < n; i++)
			if (m >> i & 1) {
				ww += w[i];
				vv += v[i];
			}
		if (ww <= cap && vv > best)
			best = vv;
	}
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MAX);
	glp_add_rows(P, 1);
	glp_set_row_bnds(P, 1, GLP_UP, 0, cap);
	glp_add_cols(P, n);
	int ind[13];
	double val[13];
	for (int i = 0; i < n; i++) {
		glp_set_col_kind(P, i + 1, GLP_BV);
		glp_set_obj_coef(P, i + 1, v[i]);
		ind[i + 1] = i + 1;
		val[i + 1] = w[i];
	}
	glp_set_mat_row(P, 1, n, ind, val);
	ip_opts_t o;
	ip_opts_init(&o);
	o.time_limit_s = 10;
	ip_status_t st;
	double bound;
	sr_error_t e;
	CHECK_OK(ip_solve(P, &o, &st, &bound, &e), &e);
	CHECK(st == IP_OPTIMAL);
	CHECK_NEAR(glp_mip_obj_val(P), best, 1e-6);
	ip_free_prob(P);
}

static void test_infeasible_is_reported(void)
{
	glp_prob *P = glp_create_prob();
	glp_add_rows(P, 1);
	glp_add_cols(P, 1);
	glp_set_col_kind(P, 1, GLP_IV);
	glp_set_col_bnds(P, 1, GLP_DB, 0, 1);
	int ind[2] = {0, 1};
	double val[2] = {0, 1};
	glp_set_mat_row(P, 1, 1, ind, val);
	glp_set_row_bnds(P, 1, GLP_LO, 2, 0);
	ip_status_t st;
	sr_error_t e;
	CHECK_OK(ip_solve(P, NULL, &st, NULL, &e), &e);
	CHECK(st == IP_INFEASIBLE);
	ip_free_prob(P);
}

static void bad_callback(glp_tree *T, void *info)
{
	(void)info;
	if (glp_ios_reason(T) == GLP_IROWGEN) {
		int ind[2] = {0, 99}; /* column 99 does not exist: GLPK error */
		double val[2] = {0, 1};
		glp_ios_add_row(T, NULL, 0, 0, 1, ind, val, GLP_UP, 1);
	}
}

static void test_glpk_error_becomes_esolver(void)
{
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MAX);
	glp_add_rows(P, 1);
	glp_add_cols(P, 2);
	for (int j = 1; j <= 2; j++) {
		glp_set_col_kind(P, j, GLP_IV);
		glp_set_col_bnds(P, j, GLP_DB, 0, 5);
		glp_set_obj_coef(P, j, 1);
	}
	int ind[3] = {0, 1, 2};
	double val[3] = {0, 2, 2};
	glp_set_mat_row(P, 1, 2, ind, val);
	glp_set_row_bnds(P, 1, GLP_UP, 0, 7);
	ip_opts_t o;
	ip_opts_init(&o);
	o.cb_func = bad_callback;
	ip_status_t st;
	sr_error_t e;
	sr_error_clear(&e);
	int rc = ip_solve(P, &o, &st, NULL, &e);
	CHECK(rc == SR_ESOLVER);
	ip_free_prob(P);
	/* GLPK still works afterwards */
	test_knapsack_equals_brute_force();
}

int main(void)
{
	test_knapsack_equals_brute_force();
	test_infeasible_is_reported();
	test_glpk_error_becomes_esolver();
	return test_summary();
}
