/* timetable_csv.c - timetable.csv: one row per stop event of every run,
 *   days,bus,run,seq,stop_id,stop_name,lat,lon,arrival,departure,board,
 *   alight,session,destination
 * written through libcsv (RFC 4180 quoting, "\n" line ends, UTF-8).
 *
 * days: the run's day pattern as English three-letter day names in week
 * order joined by commas ("Mon,Wed,Fri"; always listed, never a range), so
 * the field is quoted. bus: the bus id, empty for a run no bus could take.
 * seq: 1-based stop order. stop_id: the point id ("n123"). lat/lon: where
 * the bus stops (road snap), 6 decimals. arrival/departure: HH:MM:SS.
 * board/alight: children getting on/off. session: the session id.
 * destination: the session's destination name. Rows go pattern by pattern,
 * runs in bus order then time (out_run_order), stops in order. */
#include <stdlib.h>
#include "output/internal.h"
#include "util/i18n.h"

static const char *const header[] = {
	"days", "bus",	   "run",	"seq",	 "stop_id", "stop_name", "lat",
	"lon",	"arrival", "departure", "board", "alight",  "session",	 "destination",
};

enum { N_COLS = sizeof header / sizeof header[0] };

static int write_run(FILE *fp, const sr_plan_t *p, const char *days, const plan_run_t *r)
{
	for (int i = 0; i < r->n_stops; i++) {
		const plan_stop_t *st = &r->stops[i];
		const plan_session_t *s = &p->sessions[st->session];
		const plan_point_t *pt = &p->points[st->point];
		char seq[16], lat[32], lon[32], arr[16], dep[16], board[16], alight[16];
		double la, lo;
		out_pt_stop_ll(pt, &la, &lo);
		snprintf(seq, sizeof seq, "%d", i + 1);
		snprintf(lat, sizeof lat, "%.6f", la);
		snprintf(lon, sizeof lon, "%.6f", lo);
		out_fmt_hms(arr, st->arrival_s);
		out_fmt_hms(dep, st->departure_s);
		snprintf(board, sizeof board, "%d", st->board);
		snprintf(alight, sizeof alight, "%d", st->alight);
		const char *row[N_COLS] = {
			days,	r->bus >= 0 ? p->buses[r->bus].id : "",
			r->id,	seq,
			pt->id, out_pt_name(pt),
			lat,	lon,
			arr,	dep,
			board,	alight,
			s->id,	out_pt_name(&p->points[s->dest]),
		};
		if (sr_csv_write_row(fp, row, N_COLS))
			return SR_EIO;
	}
	return SR_OK;
}

int out_timetable_csv(const sr_plan_t *p, const char *path, sr_error_t *err)
{
	int rc = out_check_plan(p, err);
	if (rc)
		return rc;
	sr_afile_t af;
	if ((rc = sr_afile_open(&af, path, err)))
		return rc;
	int io = sr_csv_write_row(af.fp, header, N_COLS);
	for (int k = 0; k < p->n_patterns && !io; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		char days[40];
		out_fmt_days(days, sizeof days, pat->days, ",");
		int *ord = out_run_order(p, k);
		for (int i = 0; i < pat->n_runs && !io; i++)
			io = write_run(af.fp, p, days, &pat->runs[ord[i]]);
		free(ord);
	}
	if (io) {
		sr_afile_abort(&af);
		return sr_error_set(err, SR_EIO, path, 0, _("write failed"));
	}
	return sr_afile_commit(&af, err);
}
