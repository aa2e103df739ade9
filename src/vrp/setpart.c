/* setpart.c - set partitioning over the route pool with GLPK (through
 * ip_solve): one binary column per (route, vehicle type), one row per visit
 * (covered exactly once, or left out at the unserved penalty), one row per
 * limited vehicle type. The incumbent is passed as GLPK's first heuristic
 * solution (ip_opts.warm_start). This is the set-partitioning phase of
 * Subramanian, Uchoa & Ochi (C&OR 2013) and of Foster & Ryan's classical
 * route-selection model. */
#include <math.h>
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

/* Stops the branch-and-bound after a number of nodes: a budget that, unlike
 * a time limit, gives the same result on any machine. */
typedef struct node_budget {
	long seen, max;
} node_budget_t;

static void count_nodes(glp_tree *T, void *info)
{
	node_budget_t *b = info;
	if (glp_ios_reason(T) == GLP_ISELECT && b->max > 0 && ++b->seen > b->max)
		glp_ios_terminate(T);
}

int vrp_setpart(const vrp_ctx_t *c, const vrp_pool_t *pl, const vrp_wsol_t *warm,
		double time_limit_s, long max_nodes, vrp_wsol_t *out, int *proved, sr_error_t *err)
{
	int rc = SR_OK, nv = c->nv, nt = c->nt;
	*proved = 0;
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MIN);
	int n_lim = 0;
	int *lim_row = xmalloc(sizeof(int) * (size_t)nt);
	for (int k = 0; k < nt; k++)
		lim_row[k] = c->cnt[k] > 0 ? nv + 1 + n_lim++ : 0;
	glp_add_rows(P, nv + n_lim);
	for (int v = 1; v <= nv; v++)
		glp_set_row_bnds(P, v, GLP_FX, 1, 1);
	for (int k = 0; k < nt; k++)
		if (lim_row[k])
			glp_set_row_bnds(P, lim_row[k], GLP_UP, 0, c->cnt[k]);

	/* columns: unserved slacks 1..nv, then routes x types */
	int *col_of = xmalloc(sizeof(int) * (size_t)pl->ne * (size_t)nt);
	int *col_e = NULL, *col_k = NULL;
	size_t ccap = 0, kcap = 0;
	int nc = 0;
	glp_add_cols(P, nv);
	sr_grow(&col_e, &ccap, (size_t)nv + 1, sizeof(int));
	sr_grow(&col_k, &kcap, (size_t)nv + 1, sizeof(int));
	for (int v = 1; v <= nv; v++) {
		col_e[v] = -1;
		col_k[v] = -1;
		nc++;
		glp_set_col_bnds(P, nc, GLP_LO, 0, 0);
		glp_set_obj_coef(P, nc, c->unserved_pen);
		int ind[2] = {0, v};
		double val[2] = {0, 1};
		glp_set_mat_col(P, nc, 1, ind, val);
	}
	int *ind = xmalloc(sizeof(int) * (size_t)(nv + 3));
	double *val = xmalloc(sizeof(double) * (size_t)(nv + 3));
	for (int e = 0; e < pl->ne; e++) {
		const vrp_pool_entry_t *E = &pl->e[e];
		for (int k = 0; k < nt; k++) {
			col_of[(size_t)e * nt + k] = 0;
			if (c->cnt[k] == 0 || E->load > c->cap[k])
				continue;
			glp_add_cols(P, 1);
			nc++;
			sr_grow(&col_e, &ccap, (size_t)nc + 1, sizeof(int));
			sr_grow(&col_k, &kcap, (size_t)nc + 1, sizeof(int));
			col_e[nc] = e;
			col_k[nc] = k;
			col_of[(size_t)e * nt + k] = nc;
			glp_set_col_bnds(P, nc, GLP_LO, 0, 0);
			glp_set_obj_coef(P, nc, c->fix[k] + c->cpd[k] * E->dist);
			int m = 0;
			for (int i = 0; i < E->len; i++) {
				ind[m + 1] = pl->seq[E->off + i];
				val[m + 1] = 1;
				m++;
			}
			if (lim_row[k]) {
				ind[m + 1] = lim_row[k];
				val[m + 1] = 1;
				m++;
			}
			glp_set_mat_col(P, nc, m, ind, val);
		}
	}
	/* the incumbent's columns (0 = not available) */
	int *wcol = xcalloc((size_t)nc + 1, sizeof(int));
	int have_warm = warm != NULL;
	if (warm) {
		for (int v = 1; v <= nv; v++)
			if (warm->route_of[v] < 0)
				wcol[v] = 1;
		for (int i = 0; i < warm->nr && have_warm; i++) {
			const vrp_wroute_t *r = &warm->r[i];
			if (r->len == 0)
				continue;
			int e = pool_find(pl, r->v, r->len);
			int col = e >= 0 ? col_of[(size_t)e * nt + r->type] : 0;
			if (!col)
				have_warm = 0;
			else
				wcol[col] = 1;
		}
	}
	double t_start = sr_now();
	ip_opts_t lo;
	ip_opts_init(&lo);
	lo.time_limit_s = time_limit_s;
	ip_status_t lst;
	rc = ip_solve(P, &lo, &lst, NULL, err);
	if (rc != SR_OK)
		goto out_free;
	if (lst != IP_OPTIMAL) {
		if (warm && warm != out)
			wsol_copy(out, warm, c);
		goto out_free;
	}
	/* reduced-cost elimination: with x >= 0 and all nonbasic columns at
	 * zero, any solution using column j costs at least LP + d_j; columns
	 * that cannot appear in a solution as good as the incumbent go */
	if (have_warm) {
		double lp = glp_get_obj_val(P), ub = warm->cost;
		int *del = xmalloc(sizeof(int) * (size_t)(nc + 1));
		int *newidx = xcalloc((size_t)nc + 1, sizeof(int));
		int nd = 0, w = 0;
		for (int j = 1; j <= nc; j++) {
			if (!wcol[j] && lp + glp_get_col_dual(P, j) > ub + 1e-6 * (1 + fabs(ub))) {
				del[++nd] = j;
			} else {
				newidx[j] = ++w;
				col_e[w] = col_e[j];
				col_k[w] = col_k[j];
				wcol[w] = wcol[j];
			}
		}
		if (nd > 0)
			glp_del_cols(P, nd, del);
		sr_debug("vrp: set partitioning: LP %.3f, incumbent %.3f, %d of %d columns eliminated", lp, ub, nd, nc);
		nc = w;
		free(del);
		free(newidx);
	}
	for (int j = 1; j <= nc; j++)
		glp_set_col_kind(P, j, GLP_BV);
	double *ws = NULL;
	if (have_warm) {
		ws = xcalloc((size_t)nc + 1, sizeof(double));
		for (int j = 1; j <= nc; j++)
			ws[j] = wcol[j];
	}
	double left = time_limit_s - (sr_now() - t_start);
	ip_opts_t io;
	ip_opts_init(&io);
	io.time_limit_s = left > 0.01 ? left : 0.01;
	io.warm_start = ws;
	node_budget_t nb = {0, max_nodes};
	io.cb_func = count_nodes;
	io.msg_level = sr_log_level() >= SR_LOG_DEBUG ? GLP_MSG_ON : GLP_MSG_OFF;
	io.cb_info = &nb;
	ip_status_t st;
	rc = ip_solve(P, &io, &st, NULL, err);
	free(ws);
	if (rc != SR_OK)
		goto out_free;
	if (st == IP_OPTIMAL || st == IP_FEASIBLE) {
		vrp_wsol_t s;
		wsol_init(&s, c);
		for (int j = 1; j <= nc; j++) {
			if (glp_mip_col_val(P, j) < 0.5 || col_k[j] < 0)
				continue;
			const vrp_pool_entry_t *E = &pl->e[col_e[j]];
			int ri = wsol_add_route(&s, col_k[j]);
			wsol_set_route(&s, c, ri, pl->seq + E->off, E->len);
		}
		wsol_finish(&s, c);
		if (!warm || s.cost < warm->cost - VRP_EPS ||
		    (st == IP_OPTIMAL && s.cost <= warm->cost + VRP_EPS)) {
			wsol_copy(out, &s, c);
			*proved = st == IP_OPTIMAL;
		} else if (warm != out) {
			wsol_copy(out, warm, c);
		}
		wsol_free(&s);
	} else if (warm && warm != out) {
		wsol_copy(out, warm, c);
	}
out_free:
	ip_free_prob(P);
	free(wcol);
	free(ind);
	free(val);
	free(col_of);
	free(col_e);
	free(col_k);
	free(lim_row);
	return rc;
}
