/*
 * fuzz_plan.c - a plan's inputs together: plan.conf, sessions.csv,
 * riders.csv, fleet.csv and children.csv (read when not empty) joined by
 * FUZZ_SEP are written into a folder; plan_conf_read reads the settings,
 * then plan_read_inputs the tables (names resolved on maps/tiny.osm, read
 * once). The table paths
 * are set to the written files whatever plan.conf says, so the harness
 * never reads outside its folder. Routing (GLPK) is not run: it is
 * covered by the plan tests, and would make each input cost seconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "schoolrun/plan.h"
#include "plan/inputs.h"
#include "schoolrun/util.h"

static const char *const files[] = {"plan.conf", "sessions.csv", "riders.csv", "fleet.csv",
				    "children.csv"};
#define N_FILES 5

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *parts[N_FILES];
	size_t lens[N_FILES];
	const char *paths[N_FILES];
	char keep[N_FILES][320];
	fuzz_split(data, size, N_FILES, parts, lens);
	for (int i = 0; i < N_FILES; i++) {
		paths[i] = fuzz_write(files[i], parts[i], lens[i]);
		snprintf(keep[i], sizeof(keep[i]), "%s", paths[i]);
	}
	sr_plan_t *p = xcalloc(1, sizeof(*p));
	sr_error_t err;
	plan_settings_init(&p->settings);
	int rc = plan_conf_read(keep[0], &p->settings, &err);
	if (rc == SR_OK) {
		char **table[3] = {&p->settings.sessions, &p->settings.riders, &p->settings.fleet};
		for (int i = 0; i < 3; i++) {
			free(*table[i]);
			*table[i] = xstrdup(keep[i + 1]);
		}
		free(p->settings.children);
		p->settings.children = lens[4] ? xstrdup(keep[4]) : NULL;
		p->map = (sr_map_t *)fuzz_map();
		rc = plan_read_inputs(p, &err);
		p->map = NULL; /* shared between runs */
	}
	if (rc != SR_OK && !err.msg[0])
		abort();
	plan_free(p);
	return 0;
}

uint8_t *fuzz_pack_dir(const char *dir, size_t *size)
{
	char p[1024];
	snprintf(p, sizeof(p), "%s/plan.conf", dir);
	FILE *f = fopen(p, "r");
	if (!f)
		return NULL;
	fclose(f);
	uint8_t *buf = NULL;
	*size = 0;
	for (int i = 0; i < N_FILES; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, files[i]);
		fuzz_pack_append(&buf, size, p, i == 0);
	}
	return buf;
}
