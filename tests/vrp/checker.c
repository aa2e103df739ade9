/* checker.c - independent CVRP solution checker (see checker.h). Written
 * apart from the solver on purpose: distances are recomputed from the
 * coordinates with the CVRPLIB rounding rule, not read from the solver's
 * matrix. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checker.h"

void chk_sol_free(chk_sol_t *s)
{
	for (int i = 0; i < s->n_routes; i++)
		free(s->route[i]);
	free(s->route);
	free(s->len);
	memset(s, 0, sizeof(*s));
}

void chk_sol_add_route(chk_sol_t *s, const int *nodes, int len)
{
	s->route = xreallocarray(s->route, (size_t)s->n_routes + 1, sizeof(int *));
	s->len = xreallocarray(s->len, (size_t)s->n_routes + 1, sizeof(int));
	s->route[s->n_routes] = xmalloc(sizeof(int) * (size_t)(len > 0 ? len : 1));
	if (len > 0)
		memcpy(s->route[s->n_routes], nodes, sizeof(int) * (size_t)len);
	s->len[s->n_routes] = len;
	s->n_routes++;
}

static double arc(const vrp_instance_t *in, int a, int b)
{
	if (!in->x)
		return in->dist[(size_t)a * (size_t)in->n + (size_t)b];
	double dx = in->x[a] - in->x[b], dy = in->y[a] - in->y[b];
	double d = hypot(dx, dy);
	return in->rounded ? (double)(long)(d + 0.5) : d;
}

int chk_solution(const vrp_instance_t *in, const chk_sol_t *s, int max_routes, double *cost,
		 char *why, size_t why_len)
{
	char dummy[8];
	if (!why) {
		why = dummy;
		why_len = sizeof(dummy);
	}
	why[0] = '\0';
	*cost = 0;
	int *seen = calloc((size_t)in->n, sizeof(int));
	int ok = 1;
	int used = 0;
	for (int r = 0; r < s->n_routes && ok; r++) {
		if (s->len[r] == 0)
			continue;
		used++;
		long load = 0;
		double len = 0;
		int prev = 0;
		for (int k = 0; k < s->len[r]; k++) {
			int v = s->route[r][k];
			if (v < 1 || v >= in->n) {
				snprintf(why, why_len, "route %d: node %d is not a customer", r + 1,
					 v);
				ok = 0;
				break;
			}
			if (seen[v]++) {
				snprintf(why, why_len, "node %d (file id %d) visited twice", v,
					 in->node_id[v]);
				ok = 0;
				break;
			}
			load += in->demand[v];
			len += arc(in, prev, v);
			prev = v;
		}
		if (!ok)
			break;
		len += arc(in, prev, 0);
		*cost += len;
		if (load > in->capacity) {
			snprintf(why, why_len, "route %d: load %ld > capacity %d", r + 1, load,
				 in->capacity);
			ok = 0;
		}
		double dur = len + in->service_time * s->len[r];
		if (ok && in->max_distance > 0 && dur > in->max_distance + 1e-6) {
			snprintf(why, why_len, "route %d: length %.4f > DISTANCE %.4f", r + 1, dur,
				 in->max_distance);
			ok = 0;
		}
	}
	for (int v = 1; v < in->n && ok; v++)
		if (!seen[v]) {
			snprintf(why, why_len, "node %d (file id %d) not visited", v,
				 in->node_id[v]);
			ok = 0;
		}
	if (ok && max_routes >= 0 && used > max_routes) {
		snprintf(why, why_len, "%d routes > %d vehicles", used, max_routes);
		ok = 0;
	}
	free(seen);
	return ok;
}

static int index_of_id(const vrp_instance_t *in, long id)
{
	for (int i = 0; i < in->n; i++)
		if (in->node_id[i] == id)
			return i;
	return -1;
}

int chk_read_sol(const char *path, const vrp_instance_t *in, chk_sol_t *s)
{
	memset(s, 0, sizeof(*s));
	s->cost = NAN;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	char line[65536];
	int *buf = malloc(sizeof(int) * (size_t)in->n);
	int rc = 0;
	while (fgets(line, sizeof(line), fp)) {
		if (!strncmp(line, "Route", 5)) {
			char *p = strchr(line, ':');
			if (!p) {
				rc = -1;
				break;
			}
			p++;
			int k = 0;
			char *end;
			for (long c = strtol(p, &end, 10); end != p; c = strtol(p, &end, 10)) {
				p = end;
				int v = index_of_id(in, c + 1);
				if (v <= 0 || k >= in->n) {
					rc = -1;
					break;
				}
				buf[k++] = v;
			}
			chk_sol_add_route(s, buf, k);
		} else if (!strncmp(line, "Cost", 4)) {
			s->cost = strtod(line + 4, NULL);
		}
	}
	free(buf);
	fclose(fp);
	return rc;
}

int chk_parse_json(const char *text, const vrp_instance_t *in, chk_sol_t *s)
{
	memset(s, 0, sizeof(*s));
	s->cost = NAN;
	const char *c = strstr(text, "\"cost\"");
	if (c) {
		c = strchr(c, ':');
		if (c)
			s->cost = strtod(c + 1, NULL);
	}
	const char *p = strstr(text, "\"routes\"");
	if (!p || !(p = strchr(p, '[')))
		return -1;
	p++; /* inside the outer list */
	int *buf = malloc(sizeof(int) * (size_t)in->n);
	int rc = 0;
	for (;;) {
		while (isspace((unsigned char)*p) || *p == ',')
			p++;
		if (*p == ']')
			break;
		if (*p != '[') {
			rc = -1;
			break;
		}
		p++;
		int k = 0;
		for (;;) {
			while (isspace((unsigned char)*p) || *p == ',')
				p++;
			if (*p == ']') {
				p++;
				break;
			}
			char *end;
			long id = strtol(p, &end, 10);
			int v = index_of_id(in, id);
			if (end == p || v <= 0 || k >= in->n) {
				rc = -1;
				break;
			}
			buf[k++] = v;
			p = end;
		}
		if (rc)
			break;
		chk_sol_add_route(s, buf, k);
	}
	free(buf);
	return rc;
}
