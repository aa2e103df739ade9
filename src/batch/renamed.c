/*
 * renamed.c - which bus of plan B does what a bus of plan A did (compare):
 * two plans made apart name interchangeable buses by the accident of each
 * search, so a scenario with one bus more, or a session moved, gives the
 * same runs to another bus and compare listed each of their villages as a
 * change (the Liechtenstein trial term, 2026-12-05: 51 changes for a
 * fourth bus, 36 of them buses). Weighing each pair of buses (a of A, b of
 * B) by the calls they share (the same session, direction, village, day
 * and minute), the assignment of A's buses to B's with the most shared
 * calls is a bipartite matching, solved here as a GLPK program (the
 * assignment polytope is integral, so the binaries cost no branching). A
 * village whose buses changed only by that assignment is "the same calls
 * under another bus", shown apart from the real changes.
 */
#include <stdlib.h>
#include <string.h>
#include "batch/internal.h"
#include "ip/ip.h"

void bt_match_buses(int na, int nb, const double *w, const int *same_name, int *match)
{
	for (int a = 0; a < na; a++)
		match[a] = -1;
	ip_model_t *m = ip_model_new(IP_MAX);
	int ra = ip_add_rows(m, na, 0, 1), rb = ip_add_rows(m, nb, 0, 1);
	int *col_a = NULL, *col_b = NULL, n = 0;
	size_t cap_a = 0, cap_b = 0;
	for (int a = 0; a < na; a++)
		for (int b = 0; b < nb; b++) {
			double x = w[(size_t)a * (size_t)nb + (size_t)b];
			if (x <= 0)
				continue;
			/* a name kept wins a tie: a bus is not renamed for nothing */
			double obj = x + (same_name[(size_t)a * (size_t)nb + (size_t)b] ? 1e-3 : 0);
			int idx[2] = {ra + a, rb + b};
			double val[2] = {1, 1};
			ip_add_col(m, IP_BIN, 0, 1, obj, 2, idx, val);
			sr_grow(&col_a, &cap_a, (size_t)n + 1, sizeof(int));
			sr_grow(&col_b, &cap_b, (size_t)n + 1, sizeof(int));
			col_a[n] = a;
			col_b[n++] = b;
		}
	ip_status_t st;
	sr_error_t err;
	sr_error_clear(&err);
	if (n && ip_solve(m, NULL, &st, NULL, &err) == SR_OK &&
	    (st == IP_OPTIMAL || st == IP_FEASIBLE))
		for (int j = 0; j < n; j++)
			if (ip_mip_val(m, j + 1) > 0.5)
				match[col_a[j]] = col_b[j];
	ip_model_free(m);
	free(col_a);
	free(col_b);
}
