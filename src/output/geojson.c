/* geojson.c - routes.geojson: the plan on a map (RFC 7946 GeoJSON).
 *
 * One FeatureCollection; positions are [longitude, latitude] (RFC 7946
 * section 3.1.1) with 6 decimals, WGS 84, no "crs" member. Features:
 *  - each run a LineString along its road shape (its stops when it has no
 *    shape; geometry null when even that is a single point), properties
 *    feature "run", run, bus (null if unassigned), session, destination,
 *    direction ("to_session"/"home"), days ("Mon,Wed,Fri"), children, km;
 *  - each stop event a Point where the bus stops, properties feature
 *    "stop", run, seq, stop_id, name, arrival, departure (HH:MM:SS), board,
 *    alight, days, session.
 * Flat properties (no nested objects) so GIS tools show them as columns. */
#include <stdlib.h>
#include "output/internal.h"

static void pos(sr_buf_t *b, double lat, double lon)
{
	sr_buf_putc(b, '[');
	sr_buf_num(b, lon, 6);
	sr_buf_putc(b, ',');
	sr_buf_num(b, lat, 6);
	sr_buf_putc(b, ']');
}

static void run_geometry(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r)
{
	if (r->n_shape >= 2) {
		sr_buf_puts(b, "{\"type\":\"LineString\",\"coordinates\":[");
		for (size_t i = 0; i < r->n_shape; i++) {
			if (i)
				sr_buf_putc(b, ',');
			pos(b, r->shape_lat[i], r->shape_lon[i]);
		}
		sr_buf_puts(b, "]}");
	} else if (r->n_stops >= 2) {
		sr_buf_puts(b, "{\"type\":\"LineString\",\"coordinates\":[");
		for (int i = 0; i < r->n_stops; i++) {
			double la, lo;
			out_pt_stop_ll(&p->points[r->stops[i].point], &la, &lo);
			if (i)
				sr_buf_putc(b, ',');
			pos(b, la, lo);
		}
		sr_buf_puts(b, "]}");
	} else {
		sr_buf_puts(b, "null");
	}
}

static void write_run(sr_buf_t *b, const sr_plan_t *p, const char *days, const plan_run_t *r)
{
	const plan_session_t *s = &p->sessions[r->session];
	sr_buf_puts(b, "{\"type\":\"Feature\",\"properties\":{\"feature\":\"run\",\"run\":");
	sr_buf_json_str(b, r->id);
	sr_buf_puts(b, ",\"bus\":");
	if (r->bus >= 0)
		sr_buf_json_str(b, p->buses[r->bus].id);
	else
		sr_buf_puts(b, "null");
	sr_buf_puts(b, ",\"session\":");
	sr_buf_json_str(b, s->id);
	sr_buf_puts(b, ",\"destination\":");
	sr_buf_json_str(b, out_pt_name(&p->points[s->dest]));
	sr_buf_printf(b, ",\"direction\":\"%s\",\"days\":\"%s\",\"children\":%d,\"km\":",
		      out_dir_code(r->dir), days, r->children);
	sr_buf_num(b, r->meters / 1000.0, 3);
	sr_buf_puts(b, "},\"geometry\":");
	run_geometry(b, p, r);
	sr_buf_puts(b, "}");
	for (int i = 0; i < r->n_stops; i++) {
		const plan_stop_t *st = &r->stops[i];
		const plan_point_t *pt = &p->points[st->point];
		char arr[16], dep[16];
		double la, lo;
		out_fmt_hms(arr, st->arrival_s);
		out_fmt_hms(dep, st->departure_s);
		out_pt_stop_ll(pt, &la, &lo);
		sr_buf_puts(
			b,
			",\n{\"type\":\"Feature\",\"properties\":{\"feature\":\"stop\",\"run\":");
		sr_buf_json_str(b, r->id);
		sr_buf_printf(b, ",\"seq\":%d,\"stop_id\":", i + 1);
		sr_buf_json_str(b, pt->id);
		sr_buf_puts(b, ",\"name\":");
		sr_buf_json_str(b, out_pt_name(pt));
		sr_buf_printf(b,
			      ",\"arrival\":\"%s\",\"departure\":\"%s\",\"board\":%d,\"alight\":%d,"
			      "\"days\":\"%s\",\"session\":",
			      arr, dep, st->board, st->alight, days);
		sr_buf_json_str(b, p->sessions[st->session].id);
		sr_buf_puts(b, "},\"geometry\":{\"type\":\"Point\",\"coordinates\":");
		pos(b, la, lo);
		sr_buf_puts(b, "}}");
	}
}

int out_geojson(const sr_plan_t *p, const char *path, sr_error_t *err)
{
	int rc = out_check_plan(p, err);
	if (rc)
		return rc;
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_puts(&b, "{\"type\":\"FeatureCollection\",\"features\":[");
	int first = 1;
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		char days[40];
		out_fmt_days(days, sizeof days, pat->days, ",");
		int *ord = out_run_order(p, k);
		for (int i = 0; i < pat->n_runs; i++) {
			sr_buf_puts(&b, first ? "\n" : ",\n");
			first = 0;
			write_run(&b, p, days, &pat->runs[ord[i]]);
		}
		free(ord);
	}
	sr_buf_puts(&b, "\n]}\n");
	rc = out_write_buf(path, &b, err);
	sr_buf_free(&b);
	return rc;
}
