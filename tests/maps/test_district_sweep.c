/*
 * test_district_sweep.c - the generator over a range of seeds, village
 * counts, district sizes and destination counts (issue 12's generator
 * bugs: seed 32 with 35 villages in 20 km wrote a depot the map lacks,
 * seed 2 with 30 villages and 5 destinations an empty riders.csv). Every
 * generated example is checked on its own, two ways:
 *
 * - independently, with this folder's libxml2 reader (osmcheck.c): every
 *   depot of fleet.csv, destination of sessions.csv and pickup of
 *   riders.csv is the exact `name` of an element of the written map of the
 *   right kind (a depot a landuse=garages area, a destination an amenity
 *   or leisure element, a pickup a place=* node);
 * - with the planner's own locate step (plan_conf_read, osm_read,
 *   plan_read_inputs, plan_locate): every name resolves, every point lies
 *   on the main road network, and every group's direct ride to its session
 *   and back is within its ride limit (so the village is served by its
 *   session);
 * - riders.csv has rows, every session of sessions.csv has a group, every
 *   group's session is in sessions.csv, fleet.csv has a bus.
 *
 * Usage: test_district_sweep [SEED_FROM SEED_TO] (default 1 6). Needs
 * $SR_BINARY_DIR/maps/gen_district.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "osmcheck.h"
#include "plan/ctx.h"
#include "plan/inputs.h"
#include "plan/locate.h"
#include "schoolrun/io.h"
#include "testutil.h"

typedef struct config {
	unsigned seed;
	int villages, destinations;
	double size_km; /* 0: the generator's default */
} config_t;

/* Whether the map has an element of type `type` (0: any) named `name`
 * with tag k (any value when v is NULL). */
static int has_named(const oc_map_t *m, char type, const char *name, const char *k, const char *v)
{
	for (size_t i = 0; i < m->n; i++) {
		const char *n = oc_tag(m, i, "name"), *t = oc_tag(m, i, k);
		if ((!type || m->e[i].type == type) && n && !strcmp(n, name) && t &&
		    (!v || !strcmp(t, v)))
			return 1;
	}
	return 0;
}

static int is_destination(const oc_map_t *m, const char *name)
{
	return has_named(m, 0, name, "amenity", NULL) || has_named(m, 0, name, "leisure", NULL);
}

/* Reads column col of every data row of dir/file into a NULL-terminated
 * list (the caller frees it with free_list). */
static char **read_column(const char *dir, const char *file, int col, int *n)
{
	sr_csv_t *t = NULL;
	sr_error_t err;
	char **out = NULL;
	*n = 0;
	if (sr_csv_read(test_path(dir, file), 1, &t, &err) != SR_OK) {
		CHECK_OK(SR_EINPUT, &err);
		return xcalloc(1, sizeof(char *));
	}
	out = xcalloc(t->n_rows + 1, sizeof(char *));
	for (size_t r = 1; r < t->n_rows; r++)
		out[(*n)++] = xstrdup(col < t->rows[r].n ? t->rows[r].fields[col] : "");
	sr_csv_free(t);
	return out;
}

static void free_list(char **l)
{
	for (size_t i = 0; l[i]; i++)
		free(l[i]);
	free(l);
}

/* The independent check: names against the written XML. */
static void check_names(const config_t *c, const char *map, const char *dir)
{
	oc_map_t m;
	if (oc_read(map, &m) != 0) {
		CHECK_MSG(0, "seed %u: %s: %s", c->seed, map, m.problem);
		return;
	}
	int n_s, n_sd, n_r, n_rs, n_f;
	char **sess = read_column(dir, "sessions.csv", 0, &n_s);
	char **dest = read_column(dir, "sessions.csv", 1, &n_sd);
	char **pick = read_column(dir, "riders.csv", 0, &n_r);
	char **rses = read_column(dir, "riders.csv", 1, &n_rs);
	char **depot = read_column(dir, "fleet.csv", 1, &n_f);
	CHECK_MSG(n_r > 0, "seed %u, %d villages, %g km: riders.csv is empty", c->seed, c->villages,
		  c->size_km);
	CHECK_MSG(n_f > 0, "seed %u: fleet.csv is empty", c->seed);
	for (int i = 0; i < n_f; i++)
		CHECK_MSG(has_named(&m, 'w', depot[i], "landuse", "garages"),
			  "seed %u, %d villages, %g km: depot '%s' is not in the map", c->seed,
			  c->villages, c->size_km, depot[i]);
	for (int i = 0; i < n_sd; i++)
		CHECK_MSG(is_destination(&m, dest[i]), "seed %u: destination '%s' not in the map",
			  c->seed, dest[i]);
	for (int i = 0; i < n_r; i++)
		CHECK_MSG(has_named(&m, 'n', pick[i], "place", NULL),
			  "seed %u: pickup '%s' is no place of the map", c->seed, pick[i]);
	for (int s = 0; s < n_s; s++) {
		int groups = 0;
		for (int i = 0; i < n_rs; i++)
			groups += !strcmp(rses[i], sess[s]);
		CHECK_MSG(groups > 0, "seed %u, %d villages, %g km: session '%s' has no group",
			  c->seed, c->villages, c->size_km, sess[s]);
	}
	for (int i = 0; i < n_rs; i++) {
		int found = 0;
		for (int s = 0; s < n_s; s++)
			found |= !strcmp(rses[i], sess[s]);
		CHECK_MSG(found, "seed %u: riders.csv names session '%s' not in sessions.csv",
			  c->seed, rses[i]);
	}
	free_list(sess);
	free_list(dest);
	free_list(pick);
	free_list(rses);
	free_list(depot);
	oc_free(&m);
}

static int ride_limit_s(const sr_plan_t *p, const plan_rider_t *r)
{
	int s = p->sessions[r->session].max_ride_s;
	return r->max_ride_s > 0 && r->max_ride_s < s ? r->max_ride_s : s;
}

/* Every point on the main network, every group's direct ride within its
 * limit both ways. */
static void check_rides(const config_t *c, plan_ctx_t *ctx)
{
	const sr_plan_t *p = ctx->p;
	for (int i = 0; i < p->n_points; i++)
		CHECK_MSG(ctx->on_road[i], "seed %u, %d villages: %s is off the road network",
			  c->seed, c->villages, p->points[i].name);
	for (int i = 0; i < p->n_riders; i++) {
		const plan_rider_t *r = &p->riders[i];
		int dest = p->sessions[r->session].dest, lim = ride_limit_s(p, r);
		double to = plan_tt(ctx, r->pickup, dest), back = plan_tt(ctx, dest, r->pickup);
		CHECK_MSG(to <= lim && back <= lim,
			  "seed %u, %d villages: %s to %s: %.0f s there, %.0f s back, limit %d s",
			  c->seed, c->villages, p->points[r->pickup].name,
			  p->sessions[r->session].id, to, back, lim);
	}
}

/* The planner's own reading: every name located, then check_rides. */
static void check_locate(const config_t *c, const char *dir)
{
	sr_plan_t *p = xcalloc(1, sizeof(*p));
	plan_ctx_t ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.p = p;
	sr_error_t err;
	plan_settings_init(&p->settings);
	int rc = plan_conf_read(test_path(dir, "plan.conf"), &p->settings, &err);
	osm_opts_t oo;
	osm_opts_init(&oo);
	oo.keep_elements = 1;
	if (rc == SR_OK)
		rc = osm_read(p->settings.map, &oo, &p->map, &err);
	if (rc == SR_OK) {
		ctx.net = p->map->net;
		rc = plan_read_inputs(p, &err);
	}
	if (rc == SR_OK)
		rc = plan_locate(&ctx, &err);
	if (rc != SR_OK)
		fprintf(stderr, "seed %u, %d villages, %d destinations, %g km:\n", c->seed,
			c->villages, c->destinations, c->size_km);
	CHECK_OK(rc, &err);
	if (rc == SR_OK)
		check_rides(c, &ctx);
	plan_ctx_clear(&ctx);
	plan_free(p);
}

static void check_config(const config_t *c, const char *gen, const char *tmp)
{
	char map[4096], dir[4096];
	snprintf(map, sizeof(map), "%s/m.osm", tmp);
	snprintf(dir, sizeof(dir), "%s/ex", tmp);
	sr_buf_t cmd;
	sr_buf_init(&cmd);
	sr_buf_printf(&cmd,
		      "rm -rf '%s'; '%s' --seed %u --villages %d --destinations %d --out '%s' "
		      "--example-dir '%s'",
		      dir, gen, c->seed, c->villages, c->destinations, map, dir);
	if (c->size_km > 0)
		sr_buf_printf(&cmd, " --size-km %g", c->size_km);
	int rc = test_run(cmd.data);
	CHECK_MSG(rc == 0, "%s: exit %d", cmd.data, rc);
	if (rc == 0) {
		check_names(c, map, dir);
		check_locate(c, dir);
	}
	sr_buf_free(&cmd);
}

int main(int argc, char **argv)
{
	const char *bin = test_env("SR_BINARY_DIR");
	if (!bin[0])
		test_skip("SR_BINARY_DIR not set");
	unsigned from = argc > 2 ? (unsigned)atoi(argv[1]) : 1;
	unsigned to = argc > 2 ? (unsigned)atoi(argv[2]) : 6;
	char gen[4096];
	snprintf(gen, sizeof(gen), "%s/maps/gen_district", bin);
	const char *tmp = test_tmpdir();
	sr_log_set_level(SR_LOG_WARN);
	/* the two reported cases first, then the sweep: sizes from the
	 * generator's default down to the smallest square that holds the
	 * villages, few and many destinations */
	static const config_t reported[] = {{32, 35, 11, 20}, {2, 30, 5, 0}};
	static const int villages[] = {3, 8, 20, 30, 35, 45, 80};
	static const double sizes[] = {0, 10, 20, 30};
	static const int dests[] = {5, 11};
	int n = 0;
	for (size_t i = 0; i < sizeof(reported) / sizeof(*reported); i++, n++)
		check_config(&reported[i], gen, tmp);
	for (unsigned seed = from; seed <= to; seed++)
		for (size_t v = 0; v < sizeof(villages) / sizeof(*villages); v++)
			for (size_t s = 0; s < sizeof(sizes) / sizeof(*sizes); s++) {
				if (villages[v] >= 45 && sizes[s] == 10)
					continue; /* no room: the generator says so */
				config_t c = {seed, villages[v], dests[(seed + v + s) % 2],
					      sizes[s]};
				check_config(&c, gen, tmp);
				n++;
			}
	printf("%d generated examples checked\n", n);
	sr_buf_t cmd;
	sr_buf_init(&cmd);
	sr_buf_printf(&cmd, "rm -rf '%s'", tmp);
	test_run(cmd.data);
	sr_buf_free(&cmd);
	return test_summary();
}
