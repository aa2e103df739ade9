/* setpart.c - set partitioning over the route pool with GLPK (through
 * src/ip): one binary column per (route, vehicle type), one row per visit
 * (covered exactly once, or left out at the unserved penalty), one row per
 * limited vehicle type. The incumbent is passed as GLPK's first heuristic
 * solution (ip_opts.warm_start). This is the set-partitioning phase of
 * Subramanian, Uchoa & Ochi (C&OR 2013) and of Foster & Ryan's classical
 * route-selection model. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ip/ip.h"
#include "vrp/pool.h"

static int pool_find(const vrp_pool_t *pl, const int *v, int len)
{
	uint64_t h = 0;
	for (int i = 0; i < len; i++)
		h += pl->key[v[i]];
	size_t j = h & (pl->tcap - 1);
	while (pl->tab[j]) {
		const vrp_pool_entry_t *e = &pl->e[pl->tab[j] - 1];
		if (e->h == h && e->len == len) {
			int same = 1;
			for (int a = 0; a < len && same; a++) {
				int found = 0;
				for (int b = 0; b < len && !found; b++)
					found = pl->seq[e->off + b] == v[a];
				same = found;
			}
			if (same)
				return pl->tab[j] - 1;
		}
		j = (j + 1) & (pl->tcap - 1);
	}
	return -1;
}

/* Stops the branch-and-bound after a number of nodes or simplex
 * iterations: budgets that, unlike a time limit, give the same result on
 * any machine. */
typedef struct sp_budget {
	long seen, max_nodes, max_simplex; /* simplex: LP and MIP together */
	int hit;
} sp_budget_t;

static void count_nodes(ip_tree_t *t, void *info)
{
	sp_budget_t *b = info;
	if (b->hit)
		return;
	if (ip_tree_reason(t) == IP_CB_SELECT && b->max_nodes > 0 && ++b->seen > b->max_nodes)
		b->hit = 1;
	if (b->max_simplex > 0 && ip_simplex_iters(ip_tree_model(t)) > b->max_simplex)
		b->hit = 1;
	if (b->hit)
		ip_tree_stop(t);
}

/* The model under construction: columns 1..nv are the unserved slacks,
 * then one per (pool entry, vehicle type) that fits; col_e/col_k say
 * which (-1 for a slack), col_of maps back (0 = no column). */
typedef struct sp_model {
	ip_model_t *M;
	int nc;
	int *col_of, *col_e, *col_k, *lim_row;
	size_t ccap, kcap;
} sp_model_t;

static void sp_free(sp_model_t *s)
{
	ip_model_free(s->M);
	free(s->col_of);
	free(s->col_e);
	free(s->col_k);
	free(s->lim_row);
}

static void sp_note_col(sp_model_t *s, int col, int e, int k)
{
	if (col <= 0)
		return; /* the error is in the model; vrp_setpart stops */
	sr_grow(&s->col_e, &s->ccap, (size_t)col + 1, sizeof(int));
	sr_grow(&s->col_k, &s->kcap, (size_t)col + 1, sizeof(int));
	s->col_e[col] = e;
	s->col_k[col] = k;
	s->nc = col;
}

/* Ranks pool entries for a capped model: the incumbent prices each visit
 * at its route's cost shared by the route's visits, and an entry scores
 * its cost minus the prices of its visits (a reduced cost with the
 * incumbent's shares as duals, the pricing idea of column generation).
 * Returns a mask of the max_cols best (ties: the older entry) plus the
 * incumbent's own routes, or NULL when the whole pool fits. */
typedef struct ranked {
	double score;
	int e;
} ranked_t;

static int by_score(const void *a, const void *b)
{
	const ranked_t *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return x->e - y->e;
}

static char *select_columns(const vrp_ctx_t *c, const vrp_pool_t *pl, const vrp_wsol_t *warm,
			    int max_cols)
{
	if (max_cols <= 0 || pl->ne <= max_cols || !warm)
		return NULL;
	double *price = xmalloc(sizeof(double) * (size_t)(c->nv + 1));
	for (int v = 1; v <= c->nv; v++) {
		int ri = warm->route_of[v];
		price[v] = ri < 0 ? c->unserved_pen : warm->r[ri].cost / warm->r[ri].len;
	}
	ranked_t *ord = xmalloc(sizeof(ranked_t) * (size_t)pl->ne);
	for (int e = 0; e < pl->ne; e++) {
		const vrp_pool_entry_t *E = &pl->e[e];
		double best = INFINITY;
		for (int k = 0; k < c->nt; k++)
			if (c->cnt[k] != 0 && E->load <= c->cap[k] &&
			    c->fix[k] + c->cpd[k] * E->dist < best)
				best = c->fix[k] + c->cpd[k] * E->dist;
		for (int i = 0; i < E->len; i++)
			best -= price[pl->seq[E->off + i]];
		ord[e] = (ranked_t){best, e};
	}
	qsort(ord, (size_t)pl->ne, sizeof(ranked_t), by_score);
	char *use = xcalloc((size_t)pl->ne, 1);
	for (int i = 0; i < max_cols; i++)
		use[ord[i].e] = 1;
	for (int i = 0; i < warm->nr; i++) {
		int e = warm->r[i].len ? pool_find(pl, warm->r[i].v, warm->r[i].len) : -1;
		if (e >= 0)
			use[e] = 1;
	}
	free(price);
	free(ord);
	return use;
}

/* Rows: each visit covered once, each limited type used at most cnt
 * times. Columns: the slacks, then the routes (use[e], or all when use is
 * NULL) that fit each type. */
static void build_lp(const vrp_ctx_t *c, const vrp_pool_t *pl, const char *use, sp_model_t *s)
{
	int nv = c->nv, nt = c->nt;
	s->M = ip_model_new(IP_MIN);
	int n_lim = 0;
	s->lim_row = xmalloc(sizeof(int) * (size_t)nt);
	for (int k = 0; k < nt; k++)
		s->lim_row[k] = c->cnt[k] > 0 ? nv + 1 + n_lim++ : 0;
	ip_add_rows(s->M, nv, 1, 1);
	for (int k = 0; k < nt; k++)
		if (s->lim_row[k])
			ip_add_rows(s->M, 1, -INFINITY, c->cnt[k]);
	s->col_of = xmalloc(sizeof(int) * (size_t)pl->ne * (size_t)nt);
	double one = 1;
	for (int v = 1; v <= nv; v++)
		sp_note_col(s, ip_add_col(s->M, IP_CONT, 0, INFINITY, c->unserved_pen, 1, &v, &one),
			    -1, -1);
	int *ind = xmalloc(sizeof(int) * (size_t)(nv + 3));
	double *val = xmalloc(sizeof(double) * (size_t)(nv + 3));
	for (int e = 0; e < pl->ne; e++) {
		const vrp_pool_entry_t *E = &pl->e[e];
		for (int k = 0; k < nt; k++) {
			s->col_of[(size_t)e * nt + k] = 0;
			if (c->cnt[k] == 0 || E->load > c->cap[k] || (use && !use[e]))
				continue;
			int m = 0;
			for (int i = 0; i < E->len; i++) {
				ind[m] = pl->seq[E->off + i];
				val[m++] = 1;
			}
			if (s->lim_row[k]) {
				ind[m] = s->lim_row[k];
				val[m++] = 1;
			}
			int col = ip_add_col(s->M, IP_CONT, 0, INFINITY,
					     c->fix[k] + c->cpd[k] * E->dist, m, ind, val);
			sp_note_col(s, col, e, k);
			s->col_of[(size_t)e * nt + k] = col;
		}
	}
	free(ind);
	free(val);
}

/* The incumbent's columns (wcol[j] = 1); 0 when one of its routes has no
 * column (then it cannot warm-start the MIP). */
static int warm_cols(const vrp_ctx_t *c, const vrp_pool_t *pl, const vrp_wsol_t *warm,
		     const sp_model_t *s, int *wcol)
{
	for (int v = 1; v <= c->nv; v++)
		if (warm->route_of[v] < 0)
			wcol[v] = 1;
	for (int i = 0; i < warm->nr; i++) {
		const vrp_wroute_t *r = &warm->r[i];
		if (r->len == 0)
			continue;
		int e = pool_find(pl, r->v, r->len);
		int col = e >= 0 ? s->col_of[(size_t)e * c->nt + r->type] : 0;
		if (!col)
			return 0;
		wcol[col] = 1;
	}
	return 1;
}

/* Reduced-cost elimination: with x >= 0 and all nonbasic columns at zero,
 * any solution using column j costs at least LP + d_j; columns that cannot
 * appear in a solution as good as the incumbent go. */
static void eliminate(sp_model_t *s, const vrp_wsol_t *warm, int *wcol)
{
	double lp = ip_lp_obj(s->M), ub = warm->cost;
	int nc = s->nc;
	int *del = xmalloc(sizeof(int) * (size_t)(nc + 1));
	int nd = 0, w = 0;
	for (int j = 1; j <= nc; j++) {
		if (!wcol[j] && lp + ip_lp_redcost(s->M, j) > ub + 1e-6 * (1 + fabs(ub))) {
			del[nd++] = j;
		} else {
			++w;
			s->col_e[w] = s->col_e[j];
			s->col_k[w] = s->col_k[j];
			wcol[w] = wcol[j];
		}
	}
	ip_del_cols(s->M, nd, del);
	sr_debug("vrp: set partitioning: LP %.3f, incumbent %.3f, %d of %d columns eliminated", lp,
		 ub, nd, nc);
	s->nc = w;
	free(del);
}

/* The MIP's answer into out when it beats (or proves) the incumbent. */
static void take_mip(const vrp_ctx_t *c, const vrp_pool_t *pl, const sp_model_t *s,
		     const vrp_wsol_t *warm, ip_status_t st, vrp_wsol_t *out, int *proved)
{
	vrp_wsol_t sol;
	wsol_init(&sol, c);
	for (int j = 1; j <= s->nc; j++) {
		if (ip_mip_val(s->M, j) < 0.5 || s->col_k[j] < 0)
			continue;
		const vrp_pool_entry_t *E = &pl->e[s->col_e[j]];
		int ri = wsol_add_route(&sol, s->col_k[j]);
		wsol_set_route(&sol, c, ri, pl->seq + E->off, E->len);
	}
	wsol_finish(&sol, c);
	if (!warm || sol.cost < warm->cost - VRP_EPS ||
	    (st == IP_OPTIMAL && sol.cost <= warm->cost + VRP_EPS)) {
		wsol_copy(out, &sol, c);
		*proved = st == IP_OPTIMAL;
	} else if (warm != out) {
		wsol_copy(out, warm, c);
	}
	wsol_free(&sol);
}

/* The MIP, from the incumbent (wcol, when have_warm), within the budget;
 * *clock_cut when the time limit ended it before the budget did. */
static int solve_mip(const vrp_ctx_t *c, const vrp_pool_t *pl, const vrp_wsol_t *warm,
		     const vrp_sp_limits_t *lim, double left, sp_model_t *s, const int *wcol,
		     int have_warm, vrp_wsol_t *out, vrp_sp_result_t *res, sr_error_t *err)
{
	for (int j = 1; j <= s->nc; j++)
		ip_set_kind(s->M, j, IP_BIN);
	double *ws = NULL;
	if (have_warm) {
		ws = xcalloc((size_t)s->nc + 1, sizeof(double));
		for (int j = 1; j <= s->nc; j++)
			ws[j] = wcol[j];
	}
	ip_opts_t io;
	ip_opts_init(&io);
	io.time_limit_s = left > 0.01 ? left : 0.01;
	io.warm_start = ws;
	sp_budget_t nb = {0, lim->max_nodes, lim->max_simplex, 0};
	io.cb_func = count_nodes;
	io.verbose = sr_log_level() >= SR_LOG_DEBUG;
	io.cb_info = &nb;
	ip_status_t st;
	int rc = ip_solve(s->M, &io, &st, NULL, err);
	free(ws);
	if (rc != SR_OK)
		return rc;
	res->clock_cut = st != IP_OPTIMAL && !nb.hit;
	if (st == IP_OPTIMAL || st == IP_FEASIBLE)
		take_mip(c, pl, s, warm, st, out, &res->proved);
	else if (warm && warm != out)
		wsol_copy(out, warm, c);
	return SR_OK;
}

int vrp_setpart(const vrp_ctx_t *c, const vrp_pool_t *pl, const vrp_wsol_t *warm,
		const vrp_sp_limits_t *lim, vrp_wsol_t *out, vrp_sp_result_t *res, sr_error_t *err)
{
	int rc = SR_OK;
	memset(res, 0, sizeof(*res));
	sp_model_t s;
	memset(&s, 0, sizeof(s));
	int *wcol = NULL;
	char *use = select_columns(c, pl, warm, lim->max_cols);
	build_lp(c, pl, use, &s);
	free(use);
	rc = ip_model_error(s.M, err);
	if (rc != SR_OK)
		goto out_free;
	wcol = xcalloc((size_t)s.nc + 1, sizeof(int));
	int have_warm = warm && warm_cols(c, pl, warm, &s, wcol);

	/* the LP: its reduced costs thin the columns */
	double t_start = sr_now();
	ip_opts_t lo;
	ip_opts_init(&lo);
	lo.time_limit_s = lim->time_limit_s;
	lo.lp_iter_limit = lim->max_simplex;
	ip_status_t lst;
	rc = ip_solve(s.M, &lo, &lst, NULL, err);
	if (rc != SR_OK)
		goto out_free;
	long it0 = ip_simplex_iters(s.M);
	if (lst != IP_OPTIMAL) {
		res->clock_cut = lim->max_simplex <= 0 || it0 < lim->max_simplex;
		if (warm && warm != out)
			wsol_copy(out, warm, c);
		goto out_free;
	}
	if (have_warm)
		eliminate(&s, warm, wcol);
	rc = solve_mip(c, pl, warm, lim, lim->time_limit_s - (sr_now() - t_start), &s, wcol,
		       have_warm, out, res, err);
out_free:
	res->simplex = ip_simplex_iters(s.M);
	sp_free(&s);
	free(wcol);
	return rc;
}
