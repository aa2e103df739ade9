/* write_all.c - every output of a plan into one folder:
 *   plan.json, timetable.csv, timetable.xlsx, routes.geojson, summary.txt,
 *   gtfs/, print/, map.html
 * The plan is checked once up front so that a broken plan writes nothing,
 * and the folder is replaced as a whole (src/io/adir.c): a run that fails or
 * is killed leaves the previous plan's files, never a mix of two plans. */
#include <stdlib.h>
#include "output/internal.h"

int out_write_all(const sr_plan_t *p, const char *out_dir, sr_error_t *err)
{
	int rc = out_check_plan(p, err);
	sr_adir_t ad;
	if (rc || (rc = sr_adir_begin(&ad, out_dir, "plan.json", err)))
		return rc;
	static const char *const names[] = {
		"plan.json", "timetable.csv", "timetable.xlsx", "routes.geojson", "summary.txt",
		"gtfs",	     "print",	      "map.html",	"changes.csv",	  "print"};
	int (*const fns[])(const sr_plan_t *, const char *, sr_error_t *) = {
		out_plan_json,	 out_timetable_csv, out_timetable_xlsx, out_geojson,
		out_summary,	 out_gtfs,	    out_print_html,	out_map_html,
		out_changes_csv, out_changes_html,
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0] && !rc; i++) {
		char *path = out_path(ad.stage, names[i]);
		rc = fns[i](p, path, err);
		free(path);
	}
	if (rc) {
		sr_adir_abort(&ad);
		return rc;
	}
	return sr_adir_commit(&ad, err);
}
