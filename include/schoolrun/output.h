/*
 * output.h - everything schoolrun writes from a plan: plan.json,
 * timetable.csv, a GTFS feed, routes.geojson, printable HTML schedules with
 * inline SVG maps, and summary.txt. Every file is written atomically.
 */
#ifndef SCHOOLRUN_OUTPUT_H
#define SCHOOLRUN_OUTPUT_H

#include "schoolrun/plan.h"
#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes all outputs of a plan into out_dir (created if missing). */
int out_write_all(const sr_plan_t *p, const char *out_dir, sr_error_t *err);

int out_plan_json(const sr_plan_t *p, const char *path, sr_error_t *err);
int out_timetable_csv(const sr_plan_t *p, const char *path, sr_error_t *err);
int out_gtfs(const sr_plan_t *p, const char *dir, sr_error_t *err);
int out_geojson(const sr_plan_t *p, const char *path, sr_error_t *err);
int out_print_html(const sr_plan_t *p, const char *dir, sr_error_t *err);
int out_summary(const sr_plan_t *p, const char *path, sr_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
