/* test_ip_glpk.c - the GLPK door (src/ip): knapsack MIPs built row-wise,
 * column-wise and with a lazy row against brute force, the LP path against
 * the vertex solved by hand, infeasibility, the builder's checks (wrong
 * indices, duplicates, bounds, calls at the wrong time return an error
 * instead of reaching GLPK), and GLPK errors during building and solving
 * turned into SR_ESOLVER, with every model of the thread lost; the stall
 * limit on Jeroslow's problem, whose optimum parity gives; the sifting of
 * the root LP against the program solved whole and brute force. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "ip/ip.h"

#define KN 12

typedef struct knap {
	double w[KN], v[KN], cap, best;
} knap_t;

/* A random 0/1 knapsack and its optimum by enumerating all 2^12 subsets. */
static void knap_make(knap_t *k, unsigned seed)
{
	sr_rng_t r;
	sr_rng_seed(&r, seed);
	k->cap = 0;
	for (int i = 0; i < KN; i++) {
		k->w[i] = 1 + sr_rng_below(&r, 20);
		k->v[i] = 1 + sr_rng_below(&r, 30);
		k->cap += k->w[i];
	}
	k->cap = floor(k->cap / 3);
	k->best = 0;
	for (int m = 0; m < (1 << KN); m++) {
		double ww = 0, vv = 0;
		for (int i = 0; i < KN; i++)
			if (m >> i & 1) {
				ww += k->w[i];
				vv += k->v[i];
			}
		if (ww <= k->cap && vv > k->best)
			k->best = vv;
	}
}

/* Checks the incumbent: objective equals brute force and recomputes from
 * the column values, which respect the capacity. */
static void knap_check(const knap_t *k, ip_model_t *M)
{
	double ww = 0, vv = 0;
	for (int i = 0; i < KN; i++) {
		double x = ip_mip_val(M, i + 1);
		CHECK(x == 0 || x == 1);
		ww += x * k->w[i];
		vv += x * k->v[i];
	}
	CHECK(ww <= k->cap + 1e-9);
	CHECK_NEAR(vv, k->best, 1e-6);
	CHECK_NEAR(ip_mip_obj(M), k->best, 1e-6);
}

static void solve_ok(ip_model_t *M, const ip_opts_t *o, ip_status_t want)
{
	ip_status_t st;
	double bound;
	sr_error_t e;
	sr_error_clear(&e);
	CHECK_OK(ip_solve(M, o, &st, &bound, &e), &e);
	CHECK(st == want);
}

static void test_knapsack_rowwise_equals_brute_force(void)
{
	for (unsigned seed = 1; seed <= 5; seed++) {
		knap_t k;
		knap_make(&k, seed);
		ip_model_t *M = ip_model_new(IP_MAX);
		int ind[KN];
		int first = ip_add_cols(M, KN, IP_BIN, 0, 1, 0);
		CHECK(first == 1);
		for (int i = 0; i < KN; i++) {
			CHECK(ip_set_obj(M, i + 1, k.v[i]) == SR_OK);
			ind[i] = i + 1;
		}
		CHECK(ip_add_row(M, KN, ind, k.w, -INFINITY, k.cap) == 1);
		CHECK(ip_num_rows(M) == 1 && ip_num_cols(M) == KN);
		solve_ok(M, NULL, IP_OPTIMAL);
		knap_check(&k, M);
		ip_model_free(M);
	}
}

static void test_knapsack_columnwise_equals_brute_force(void)
{
	knap_t k;
	knap_make(&k, 7);
	ip_model_t *M = ip_model_new(IP_MAX);
	CHECK(ip_add_rows(M, 1, -INFINITY, k.cap) == 1);
	int row = 1;
	for (int i = 0; i < KN; i++)
		CHECK(ip_add_col(M, IP_BIN, 0, 1, k.v[i], 1, &row, &k.w[i]) == i + 1);
	CHECK_NEAR(ip_get_obj(M, 3), k.v[2], 0);
	ip_opts_t o;
	ip_opts_init(&o);
	o.time_limit_s = 10;
	solve_ok(M, &o, IP_OPTIMAL);
	knap_check(&k, M);
	ip_model_free(M);
}

/* The capacity row is left out and added lazily when the LP breaks it. */
typedef struct lazy {
	const knap_t *k;
	int added;
} lazy_t;

static void lazy_cb(ip_tree_t *t, void *info)
{
	lazy_t *L = info;
	ip_model_t *M = ip_tree_model(t);
	int ind[KN];
	if (ip_tree_reason(t) != IP_CB_ROWGEN || L->added)
		return;
	double ww = 0;
	for (int i = 0; i < KN; i++) {
		ww += L->k->w[i] * ip_lp_val(M, i + 1);
		ind[i] = i + 1;
	}
	if (ww > L->k->cap + 1e-9) {
		L->added = ip_add_row(M, KN, ind, L->k->w, -INFINITY, L->k->cap);
	}
}

static void test_lazy_row_from_callback(void)
{
	knap_t k;
	knap_make(&k, 11);
	ip_model_t *M = ip_model_new(IP_MAX);
	for (int i = 0; i < KN; i++)
		ip_add_col(M, IP_BIN, 0, 1, k.v[i], 0, NULL, NULL);
	ip_add_rows(M, 1, 0, INFINITY); /* an empty row, so the LP has one */
	lazy_t L = {&k, 0};
	ip_opts_t o;
	ip_opts_init(&o);
	o.cb_func = lazy_cb;
	o.cb_info = &L;
	solve_ok(M, &o, IP_OPTIMAL);
	CHECK(L.added == 2); /* the lazy row got number 2 */
	knap_check(&k, M);
	ip_model_free(M);
}

static void test_lp_vertex(void)
{
	/* max x + y, x + 2y <= 4, 3x + y <= 6, x, y >= 0: the optimum is the
	 * intersection of both rows, solved here by Cramer's rule */
	ip_model_t *M = ip_model_new(IP_MAX);
	ip_add_cols(M, 2, IP_CONT, 0, INFINITY, 1);
	int ind[2] = {1, 2};
	double r1[2] = {1, 2}, r2[2] = {3, 1};
	ip_add_row(M, 2, ind, r1, -INFINITY, 4);
	ip_add_row(M, 2, ind, r2, -INFINITY, 6);
	solve_ok(M, NULL, IP_OPTIMAL);
	double det = 1 * 1 - 2 * 3;
	double x = (4 * 1 - 2 * 6) / det, y = (1 * 6 - 3 * 4) / det;
	CHECK_NEAR(ip_lp_val(M, 1), x, 1e-9);
	CHECK_NEAR(ip_lp_val(M, 2), y, 1e-9);
	CHECK_NEAR(ip_lp_obj(M), x + y, 1e-9);
	CHECK(ip_lp_optimal(M));
	CHECK(isnan(ip_lp_val(M, 3)));
	ip_model_free(M);
}

static void test_infeasible_is_reported(void)
{
	ip_model_t *M = ip_model_new(IP_MIN);
	ip_add_cols(M, 1, IP_INT, 0, 1, 0);
	int ind = 1;
	double one = 1;
	ip_add_row(M, 1, &ind, &one, 2, INFINITY);
	solve_ok(M, NULL, IP_INFEASIBLE);
	CHECK(!ip_mip_has(M));
	ip_model_free(M);
}

/* Each bad call returns its failure value, leaves the model as it was,
 * and the solve reports the first one as SR_EINPUT. */
static void test_builder_checks_indices(void)
{
	int ind[3];
	double val[3] = {1, 1, 1};
	struct {
		const char *want;
	} cases[] = {{"out of range"}, {"given twice"},	 {"out of range"}, {"not finite"},
		     {"bad bounds"},   {"out of range"}, {"out of range"}, {"bad count"}};
	for (int c = 0; c < (int)(sizeof(cases) / sizeof(cases[0])); c++) {
		ip_model_t *M = ip_model_new(IP_MIN);
		ip_add_cols(M, 2, IP_CONT, 0, 1, 1);
		ip_add_rows(M, 1, 1, INFINITY);
		int r = 0;
		switch (c) {
		case 0: /* column 3 of 2 */
			ind[0] = 1, ind[1] = 3;
			r = ip_add_row(M, 2, ind, val, 0, 1);
			break;
		case 1:
			ind[0] = 2, ind[1] = 2;
			r = ip_add_row(M, 2, ind, val, 0, 1);
			break;
		case 2: /* column 0: GLPK numbers from 1 */
			ind[0] = 0;
			r = ip_add_row(M, 1, ind, val, 0, 1);
			break;
		case 3: {
			double nanv = NAN;
			ind[0] = 1;
			r = ip_add_row(M, 1, ind, &nanv, 0, 1);
			break;
		}
		case 4:
			r = ip_set_col_bnds(M, 1, 2, 1) + 1;
			break;
		case 5:
			r = ip_set_obj(M, 3, 1) + 1;
			break;
		case 6: /* row 2 of 1 */
			ind[0] = 2;
			r = ip_add_col(M, IP_CONT, 0, 1, 0, 1, ind, val);
			break;
		case 7:
			r = ip_add_cols(M, -1, IP_CONT, 0, 1, 0);
			break;
		}
		CHECK_MSG(r == 0, "case %d: the bad call returned %d", c, r);
		CHECK(ip_num_rows(M) == 1 && ip_num_cols(M) == 2);
		/* a later bad call does not replace the first message */
		ip_set_col_bnds(M, 9, 0, 1);
		sr_error_t e;
		sr_error_clear(&e);
		ip_status_t st;
		int rc = ip_solve(M, NULL, &st, NULL, &e);
		CHECK_MSG(rc == SR_EINPUT && strstr(e.msg, cases[c].want), "case %d: rc %d, '%s'",
			  c, rc, e.msg);
		CHECK(ip_model_error(M, NULL) == SR_EINPUT);
		ip_model_free(M);
	}
	/* deleting columns: checked, then renumbered in order */
	ip_model_t *M = ip_model_new(IP_MIN);
	ip_add_cols(M, 4, IP_CONT, 0, 1, 0);
	for (int j = 1; j <= 4; j++)
		ip_set_obj(M, j, 10 * j);
	int del[2] = {2, 2};
	CHECK(ip_del_cols(M, 2, del) != SR_OK);
	CHECK(ip_model_error(M, NULL) == SR_EINPUT);
	ip_model_free(M);
	M = ip_model_new(IP_MIN);
	ip_add_cols(M, 4, IP_CONT, 0, 1, 0);
	for (int j = 1; j <= 4; j++)
		ip_set_obj(M, j, 10 * j);
	del[0] = 3, del[1] = 1;
	CHECK(ip_del_cols(M, 2, del) == SR_OK);
	CHECK(ip_num_cols(M) == 2 && ip_get_obj(M, 1) == 20 && ip_get_obj(M, 2) == 40);
	CHECK(ip_model_error(M, NULL) == SR_OK);
	ip_model_free(M);
}

/* Wrong calls from the callback: a row outside IP_CB_ROWGEN, a NULL
 * heuristic solution, branching on a column that does not exist. */
static int cb_case;

static void wrong_cb(ip_tree_t *t, void *info)
{
	(void)info;
	ip_model_t *M = ip_tree_model(t);
	int ind = 1;
	double one = 1;
	if (cb_case == 0 && ip_tree_reason(t) == IP_CB_HEUR)
		CHECK(ip_add_row(M, 1, &ind, &one, 0, 1) == 0);
	if (cb_case == 1 && ip_tree_reason(t) == IP_CB_HEUR)
		CHECK(ip_tree_heur_sol(t, NULL) == -1);
	if (cb_case == 2 && ip_tree_reason(t) == IP_CB_BRANCH)
		CHECK(ip_tree_branch(t, 99) == -1);
	if (cb_case == 3 && ip_tree_reason(t) == IP_CB_HEUR)
		CHECK(ip_set_obj(M, 1, 5) == -1);
}

static void test_callback_checks(void)
{
	for (cb_case = 0; cb_case < 4; cb_case++) {
		ip_model_t *M = ip_model_new(IP_MAX);
		ip_add_cols(M, 3, IP_INT, 0, 5, 1);
		int ind[3] = {1, 2, 3};
		double val[3] = {2, 2, 2};
		ip_add_row(M, 3, ind, val, -INFINITY, 7); /* LP 3.5, not integral */
		ip_opts_t o;
		ip_opts_init(&o);
		o.cb_func = wrong_cb;
		ip_status_t st;
		sr_error_t e;
		sr_error_clear(&e);
		int rc = ip_solve(M, &o, &st, NULL, &e);
		CHECK_MSG(rc == SR_EINPUT, "callback case %d: rc %d", cb_case, rc);
		ip_model_free(M);
	}
}

static void test_glpk_error_while_building_is_caught(void)
{
	ip_model_t *other = ip_model_new(IP_MIN);
	ip_add_cols(other, 1, IP_CONT, 0, 1, 1);
	ip_model_t *M = ip_model_new(IP_MIN);
	/* passes our checks, but exceeds GLPK's limit of 10^8 columns: GLPK
	 * reports an error (which would abort the process) */
	CHECK(ip_add_cols(M, 100000001, IP_CONT, 0, 1, 0) == 0);
	sr_error_t e;
	sr_error_clear(&e);
	CHECK(ip_model_error(M, &e) == SR_ESOLVER);
	CHECK(strstr(e.msg, "GLPK") != NULL);
	/* the environment went with it: the other model of this thread too */
	ip_status_t st;
	sr_error_clear(&e);
	CHECK(ip_solve(other, NULL, &st, NULL, &e) == SR_ESOLVER);
	CHECK(ip_add_cols(other, 1, IP_CONT, 0, 1, 1) == 0);
	CHECK(strstr(e.msg, "lost") != NULL);
	ip_model_free(M);
	ip_model_free(other);
	/* models made afterwards work */
	test_knapsack_columnwise_equals_brute_force();
}

/* From the callback a second model breaks GLPK's limit on rows: the
 * solve's guard catches it. */
static void bad_callback(ip_tree_t *t, void *info)
{
	if (ip_tree_reason(t) == IP_CB_ROWGEN)
		ip_add_rows((ip_model_t *)info, 100000001, 0, 1);
}

static void test_glpk_error_while_solving_is_caught(void)
{
	ip_model_t *M = ip_model_new(IP_MAX);
	ip_model_t *B = ip_model_new(IP_MIN);
	ip_add_cols(M, 2, IP_INT, 0, 5, 1);
	int ind[2] = {1, 2};
	double val[2] = {2, 2};
	ip_add_row(M, 2, ind, val, -INFINITY, 7);
	ip_opts_t o;
	ip_opts_init(&o);
	o.cb_func = bad_callback;
	o.cb_info = B;
	ip_status_t st;
	sr_error_t e;
	sr_error_clear(&e);
	int rc = ip_solve(M, &o, &st, NULL, &e);
	CHECK(rc == SR_ESOLVER);
	CHECK(ip_model_error(B, NULL) != SR_OK || ip_num_cols(B) == 0);
	ip_model_free(B);
	ip_model_free(M);
	/* GLPK still works afterwards */
	test_knapsack_rowwise_equals_brute_force();
}

/* The LP of test_lp_vertex (max x + y, x + 2y <= 4, 3x + y <= 6) with
 * objective (c1, c2); n_extra more rows y <= 100. */
static ip_model_t *vertex_lp(double c1, double c2, int n_extra)
{
	ip_model_t *M = ip_model_new(IP_MAX);
	ip_add_cols(M, 2, IP_CONT, 0, INFINITY, 0);
	ip_set_obj(M, 1, c1);
	ip_set_obj(M, 2, c2);
	int ind[2] = {1, 2};
	double r1[2] = {1, 2}, r2[2] = {3, 1}, r3[2] = {0, 1};
	ip_add_row(M, 2, ind, r1, -INFINITY, 4);
	ip_add_row(M, 2, ind, r2, -INFINITY, 6);
	for (int k = 0; k < n_extra; k++)
		ip_add_row(M, 2, ind, r3, -INFINITY, 100);
	return M;
}

/* A root basis (ip_opts root_basis) is the warm start of another model of
 * the same rows and columns (ip_basis_set): with the same objective its
 * simplex needs no iteration; with another one (max x, the optimum the
 * vertex (2, 0) by hand) it ends at that optimum; a basis of other counts
 * is refused. */
static void test_basis_warm_start(void)
{
	ip_basis_t b = {0, 0, NULL};
	ip_opts_t o;
	ip_opts_init(&o);
	o.root_basis = &b;
	ip_model_t *M = vertex_lp(1, 1, 0);
	solve_ok(M, &o, IP_OPTIMAL);
	CHECK(ip_simplex_iters(M) > 0);
	CHECK(b.n_rows == 2 && b.n_cols == 2);
	ip_model_free(M);
	M = vertex_lp(1, 1, 0);
	CHECK(ip_basis_set(M, &b) == 1);
	solve_ok(M, NULL, IP_OPTIMAL);
	CHECK(ip_simplex_iters(M) == 0);
	CHECK_NEAR(ip_lp_obj(M), 2.8, 1e-9); /* x = 1.6, y = 1.2 */
	ip_model_free(M);
	M = vertex_lp(1, 0, 0);
	CHECK(ip_basis_set(M, &b) == 1);
	solve_ok(M, NULL, IP_OPTIMAL);
	CHECK_NEAR(ip_lp_val(M, 1), 2, 1e-9);
	CHECK_NEAR(ip_lp_val(M, 2), 0, 1e-9);
	ip_model_free(M);
	M = vertex_lp(1, 1, 1);
	CHECK(ip_basis_set(M, &b) == 0);
	ip_model_free(M);
	ip_basis_clear(&b);
	CHECK(b.stat == NULL);
}

/* A random LP (kind IP_CONT, SR_COLS columns) or MIP (IP_BIN, SR_COLS /
 * 4: small enough for the branch and bound to end in well under a second)
 * of SR_ROWS equality rows (right-hand sides 1 to 4); a column has 2 to 4
 * coefficients (1 to 3, now and then negative) at costs 1 to 20, all
 * 0..1, plus one column a row at cost 500 (the row's own, its right-hand
 * side as coefficient) that keeps it feasible; *first gets the sifting's
 * first set: those columns and every seventh other; *n_cols the columns
 * before those. */
#define SR_ROWS 10
#define SR_COLS 160

static ip_model_t *sift_model(sr_rng_t *r, ip_kind_t kind, unsigned char *first, int *n_cols)
{
	int nc = kind == IP_BIN ? SR_COLS / 4 : SR_COLS;
	ip_model_t *M = ip_model_new(IP_MIN);
	double b[SR_ROWS + 1];
	for (int i = 1; i <= SR_ROWS; i++) {
		b[i] = 1 + sr_rng_below(r, 4);
		ip_add_rows(M, 1, b[i], b[i]);
	}
	memset(first, 0, SR_COLS + SR_ROWS + 1);
	for (int c = 1; c <= nc; c++) {
		int ind[4], nnz = 2 + (int)sr_rng_below(r, 3), k = 0;
		double val[4];
		while (k < nnz) {
			int row = 1 + (int)sr_rng_below(r, SR_ROWS), dup = 0;
			for (int q = 0; q < k; q++)
				dup |= ind[q] == row;
			if (dup)
				continue;
			ind[k] = row;
			val[k++] = (1 + (double)sr_rng_below(r, 3)) * (sr_rng_below(r, 5) ? 1 : -1);
		}
		CHECK(ip_add_col(M, kind, 0, 1, 1 + (double)sr_rng_below(r, 20), nnz, ind, val) ==
		      c);
		first[c] = c % 7 == 0;
	}
	for (int i = 1; i <= SR_ROWS; i++) {
		int c = ip_add_col(M, kind, 0, 1, 500, 1, &i, &b[i]);
		first[c] = 1;
	}
	*n_cols = nc;
	return M;
}

/* Sifting (ip_opts sift) gives the whole program's optimum: on random
 * LPs the root LP's optimum (ip_root_obj) equals the one solved whole,
 * and on random MIPs so does the integer optimum; two columns join per
 * round, so the pricing runs for several rounds and the last restricted
 * LP holds fewer columns than the model. The knapsacks (a maximisation)
 * sifted from their odd items equal brute force. */
static void test_sifting_gives_the_whole_optimum(void)
{
	sr_rng_t r;
	unsigned char first[SR_COLS + SR_ROWS + 1];
	int priced = 0;
	for (int it = 0; it < 40; it++) {
		ip_kind_t kind = it % 2 ? IP_BIN : IP_CONT;
		double z[2];
		for (int pass = 0; pass < 2; pass++) {
			sr_rng_seed(&r, 900 + (unsigned)it);
			int nc;
			ip_model_t *M = sift_model(&r, kind, first, &nc);
			ip_opts_t o;
			ip_opts_init(&o);
			o.sift = pass ? first : NULL;
			o.sift_add = 2;
			solve_ok(M, &o, IP_OPTIMAL);
			z[pass] = kind == IP_CONT ? ip_root_obj(M) : ip_mip_obj(M);
			int rounds, cols;
			ip_sift_stats(M, &rounds, &cols);
			CHECK(pass ? rounds >= 1 : rounds == 0);
			priced += pass && rounds >= 3 && cols < nc;
			ip_model_free(M);
		}
		CHECK_MSG(fabs(z[0] - z[1]) <= 1e-7 * (1 + fabs(z[0])),
			  "instance %d: whole %.9g, sifted %.9g", it, z[0], z[1]);
	}
	CHECK_MSG(priced >= 30, "the pricing ran several rounds on %d of 40", priced);
	for (unsigned seed = 1; seed <= 5; seed++) {
		knap_t k;
		knap_make(&k, seed);
		ip_model_t *M = ip_model_new(IP_MAX);
		ip_add_rows(M, 1, -INFINITY, k.cap);
		unsigned char odd[KN + 1] = {0};
		for (int i = 0; i < KN; i++) {
			int row = 1;
			ip_add_col(M, IP_BIN, 0, 1, k.v[i], 1, &row, &k.w[i]);
			odd[i + 1] = i % 2;
		}
		ip_opts_t o;
		ip_opts_init(&o);
		o.sift = odd;
		o.sift_add = 1;
		solve_ok(M, &o, IP_OPTIMAL);
		knap_check(&k, M);
		ip_model_free(M);
	}
}

/* Jeroslow's problem: min y s.t. 2 (x_1 + ... + x_n) + y = n, n odd, all
 * binary. By parity y = 1 in every integer solution, while the LP bound
 * stays 0 at every node above depth n / 2: branch and bound cannot prove
 * the optimum in any small number of nodes. */
#define JN 21

static ip_model_t *jeroslow(void)
{
	ip_model_t *M = ip_model_new(IP_MIN);
	int ind[JN + 1];
	double val[JN + 1];
	for (int i = 0; i <= JN; i++) {
		ip_add_col(M, IP_BIN, 0, 1, i == JN ? 1 : 0, 0, NULL, NULL);
		ind[i] = i + 1;
		val[i] = i == JN ? 1 : 2;
	}
	ip_add_row(M, JN + 1, ind, val, JN, JN);
	return M;
}

/* per selection of a subproblem: how many, and at which the model first
 * held an incumbent (its objective 1, y = 1) */
typedef struct sel {
	int n, first;
} sel_t;

static void count_cb(ip_tree_t *t, void *info)
{
	sel_t *s = info;
	if (ip_tree_reason(t) != IP_CB_SELECT)
		return;
	s->n++;
	if (!s->first && ip_mip_obj(ip_tree_model(t)) > 0.5)
		s->first = s->n;
}

/* max_stall_nodes: the search stops that many selections after its
 * incumbent last became better (counted from where it first has one, not
 * from the start); without it, the node limit stops it. */
static void stall_run(long stall, const double *warm, sel_t *s, ip_status_t want)
{
	ip_model_t *M = jeroslow();
	ip_opts_t o;
	ip_opts_init(&o);
	o.max_nodes = 300;
	o.max_stall_nodes = stall;
	o.warm_start = warm;
	o.branch = IP_BRANCH_LFV;
	o.cb_func = count_cb;
	o.cb_info = s;
	memset(s, 0, sizeof(*s));
	solve_ok(M, &o, want);
	CHECK_NEAR(ip_mip_obj(M), 1, 1e-9); /* the parity argument's optimum */
	CHECK_NEAR(ip_mip_val(M, JN + 1), 1, 1e-9);
	ip_model_free(M);
}

static void test_stall_limit(void)
{
	double warm[JN + 2] = {0};
	for (int i = 1; i <= JN / 2; i++)
		warm[i] = 1;
	warm[JN + 1] = 1;
	sel_t s;
	stall_run(0, warm, &s, IP_FEASIBLE);
	CHECK(s.n == 300); /* nothing else stops it */
	stall_run(5, warm, &s, IP_FEASIBLE);
	CHECK(s.first >= 1 && s.first <= 2); /* the warm start, at the root */
	CHECK(s.n == s.first + 5);
	/* without a warm start: the stall counts from the first incumbent,
	 * found below depth 5, and not from the start */
	stall_run(5, NULL, &s, IP_FEASIBLE);
	CHECK(s.first > 5);
	CHECK(s.n == s.first + 5);
}

int main(void)
{
	test_stall_limit();
	test_knapsack_rowwise_equals_brute_force();
	test_knapsack_columnwise_equals_brute_force();
	test_lazy_row_from_callback();
	test_lp_vertex();
	test_basis_warm_start();
	test_sifting_gives_the_whole_optimum();
	test_infeasible_is_reported();
	test_builder_checks_indices();
	test_callback_checks();
	test_glpk_error_while_building_is_caught();
	test_glpk_error_while_solving_is_caught();
	return test_summary();
}
