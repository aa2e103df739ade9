/* outcheck.h - reading schoolrun's outputs back in the output tests:
 * small helpers (times, days, files, CSV columns) and checks that hold for
 * the outputs of any plan, used on the hand-built fixture and on a plan the
 * planner builds from the bundled example. */
#ifndef SR_TEST_OUTCHECK_H
#define SR_TEST_OUTCHECK_H

#include <stdint.h>
#include "schoolrun/schoolrun.h"
#include "json_mini.h"

/* "HH:MM:SS" of s seconds (buf >= 16); parse back, -1 if malformed. */
void hms(char *buf, int s);
int parse_hms(const char *t);
/* "Mon,Wed,Fri" of a day mask (buf >= 40). */
void days_str(char *buf, uint8_t d);
/* A whole file, NUL-terminated, or NULL; caller frees. */
char *slurp(const char *path, size_t *len);
int count_sub(const char *hay, const char *needle);
/* The run of a pattern with this id, or NULL. */
const plan_run_t *find_run(const sr_plan_t *p, int pattern, const char *id);
/* Where the bus stops: the snap point unless it is (0, 0). */
void stop_ll(const plan_point_t *pt, double *lat, double *lon);
/* Parses a JSON file with json_mini (a CHECK fails if it does not). */
jval_t *read_json(const char *path);
/* A CSV file (a CHECK fails if it cannot be read). */
sr_csv_t *read_csv(const char *path);
/* dir/gtfs/name read with the CSV reader; a column's index; the row
 * (>= 1) whose column col is v, or 0. */
sr_csv_t *gread(const char *dir, const char *name);
int gcol(const sr_csv_t *c, const char *name);
size_t gfind(const sr_csv_t *c, int col, const char *v);
/* Regular files under dir/rel as sorted relative paths (appended). */
void list_files(const char *dir, const char *rel, char ***names, size_t *n);

/* Same file names and bytes under both folders, no temporary files left,
 * every file but the .xlsx valid UTF-8, at least min_files files. */
void check_same_tree(const char *dir1, const char *dir2, size_t min_files);

/* The outputs in dir say what plan p says (nothing fixture-specific):
 * timetable.csv has exactly one row per stop event with its values; the
 * GTFS feed has a trip per run with the run's stop times and intact
 * references; plan.json and routes.geojson parse strictly with the plan's
 * counts and [lon, lat] positions. */
void check_outputs_match_plan(const sr_plan_t *p, const char *dir);

#endif
