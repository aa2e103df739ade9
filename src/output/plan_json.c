/* plan_json.c - plan.json: the whole plan as one JSON document (RFC 8259):
 * settings, input checksums, points, sessions, buses, day patterns with
 * their runs (stops, times, children, road shape) and bus duties, and the
 * unserved groups with their reasons.
 *
 * Riders are the rows of riders.csv as the planner resolved them.
 * Objects refer to each other by id (point "n123", session "judo", bus
 * "B1", run "R12"); times appear both as "HH:MM:SS" and as seconds since
 * midnight. Coordinates have 6 decimals (about 0.1 m), distances are metres
 * with 1 decimal. Keys have a fixed order, so equal plans give equal bytes.
 * Layout follows the GeoJSON habit of [lon, lat] pairs for shapes. */
#include <stdlib.h>
#include <string.h>
#include "output/internal.h"

static const char *kind_code(int kind)
{
	return kind == PLAN_PT_DESTINATION ? "destination"
	       : kind == PLAN_PT_DEPOT	   ? "depot"
					   : "pickup";
}

static void key(sr_buf_t *b, const char *k)
{
	sr_buf_json_str(b, k);
	sr_buf_putc(b, ':');
}

static void str_or_null(sr_buf_t *b, const char *s)
{
	if (s)
		sr_buf_json_str(b, s);
	else
		sr_buf_puts(b, "null");
}

/* "name":"HH:MM:SS","name_s":123 */
static void time_pair(sr_buf_t *b, const char *name, int s)
{
	char t[16];
	out_fmt_hms(t, s);
	sr_buf_printf(b, "\"%s\":\"%s\",\"%s_s\":%d", name, t, name, s);
}

static void days_field(sr_buf_t *b, uint8_t days)
{
	char d[40];
	out_fmt_days(d, sizeof d, days, ",");
	sr_buf_printf(b, "\"days\":\"%s\",\"days_mask\":%u", d, (unsigned)days);
}

/* The settings as the registry (src/plan/settings.c) lists them. */
static void write_settings(sr_buf_t *b, const plan_settings_t *s)
{
	size_t n;
	const sr_setting_t *tab = plan_settings_table(&n);
	sr_buf_puts(b, "\"settings\":{");
	sr_settings_json(b, tab, n, s);
	sr_buf_puts(b, "}");
}

static void write_points(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_puts(b, "\"points\":[");
	for (int i = 0; i < p->n_points; i++) {
		const plan_point_t *pt = &p->points[i];
		sr_buf_puts(b, i ? ",\n{" : "\n{");
		key(b, "id"), sr_buf_json_str(b, pt->id);
		sr_buf_puts(b, ","), key(b, "name"), sr_buf_json_str(b, out_pt_name(pt));
		sr_buf_puts(b, ","), key(b, "name_en"), str_or_null(b, pt->name_en);
		sr_buf_puts(b, ","), key(b, "label"), str_or_null(b, pt->label);
		sr_buf_puts(b, ","), key(b, "label_en"), str_or_null(b, pt->label_en);
		sr_buf_printf(b, ",\"kind\":\"%s\",\"lat\":", kind_code(pt->kind));
		sr_buf_num(b, pt->lat, 6), sr_buf_puts(b, ",\"lon\":"), sr_buf_num(b, pt->lon, 6);
		double la, lo;
		out_pt_stop_ll(pt, &la, &lo);
		sr_buf_puts(b, ",\"stop_lat\":"), sr_buf_num(b, la, 6);
		sr_buf_puts(b, ",\"stop_lon\":"), sr_buf_num(b, lo, 6);
		sr_buf_puts(b, ",\"snap_m\":"), sr_buf_num(b, pt->snap_m, 1);
		sr_buf_puts(b, ","), key(b, "bus_stop"), str_or_null(b, pt->stop_name);
		sr_buf_putc(b, '}');
	}
	sr_buf_puts(b, "]");
}

static void write_sessions(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_puts(b, "\"sessions\":[");
	for (int i = 0; i < p->n_sessions; i++) {
		const plan_session_t *s = &p->sessions[i];
		sr_buf_puts(b, i ? ",\n{" : "\n{");
		key(b, "id"), sr_buf_json_str(b, s->id);
		/* sessions.csv's name: a part's family ("Футбол" of "Футбол (Ср)") */
		sr_buf_puts(b, ","), key(b, "name"), sr_buf_json_str(b, plan_session_name(s));
		sr_buf_puts(b, ","), key(b, "destination"),
			sr_buf_json_str(b, p->points[s->dest].id);
		sr_buf_puts(b, ","), key(b, "destination_name"),
			sr_buf_json_str(b, out_pt_name(&p->points[s->dest]));
		sr_buf_putc(b, ','), days_field(b, s->days);
		sr_buf_putc(b, ','), time_pair(b, "start", s->start_s);
		sr_buf_putc(b, ','), time_pair(b, "end", s->end_s);
		sr_buf_printf(b, ",\"max_ride_s\":%d,\"mix\":%s", s->max_ride_s,
			      s->mix ? "true" : "false");
		/* the session's own windows; null: the plan's settings */
		for (int d = 0; d < 2; d++) {
			sr_buf_printf(b, ",\"%s\":", d ? "late_window_min" : "early_window_min");
			if (s->own_window[d])
				sr_buf_printf(b, "%d", s->window_s[d] / 60);
			else
				sr_buf_puts(b, "null");
		}
		sr_buf_putc(b, '}');
	}
	sr_buf_puts(b, "]");
}

static void write_buses(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_puts(b, "\"buses\":[");
	for (int i = 0; i < p->n_buses; i++) {
		const plan_bus_t *bus = &p->buses[i];
		sr_buf_puts(b, i ? ",\n{" : "\n{");
		key(b, "id"), sr_buf_json_str(b, bus->id);
		sr_buf_puts(b, ","), key(b, "depot"), sr_buf_json_str(b, p->points[bus->depot].id);
		sr_buf_printf(b, ",\"seats\":%d,", bus->seats);
		time_pair(b, "available_from", bus->avail_from_s);
		sr_buf_putc(b, ','), time_pair(b, "available_to", bus->avail_to_s);
		sr_buf_puts(b, ",\"cost_per_km\":"), sr_buf_num(b, bus->cost_per_km, 4);
		sr_buf_puts(b, ","), key(b, "plate"), str_or_null(b, bus->plate);
		sr_buf_puts(b, ","), key(b, "model"), str_or_null(b, bus->model);
		sr_buf_puts(b, ",\"max_shift_h\":");
		sr_buf_num(b, bus->max_shift_h > 0 ? bus->max_shift_h : p->settings.max_shift_h, 2);
		sr_buf_puts(b, ",\"max_driving_h\":");
		sr_buf_num(b,
			   bus->max_driving_h > 0 ? bus->max_driving_h : p->settings.max_driving_h,
			   2);
		int split = bus->split_shift >= 0 ? bus->split_shift
						  : !strcmp(p->settings.split_shift, "yes");
		sr_buf_printf(b, ",\"split_shift\":%s", split ? "true" : "false");
		/* its drivers' week: the limit as applied, the working time and
		 * driving summed over the week's days */
		int work, drive;
		plan_week_hours(p, i, &work, &drive);
		sr_buf_puts(b, ",\"max_week_h\":");
		sr_buf_num(b, plan_week_limit_h(p, i), 2);
		sr_buf_putc(b, ','), time_pair(b, "week_work", work);
		sr_buf_putc(b, ','), time_pair(b, "week_driving", drive);
		sr_buf_putc(b, '}');
	}
	sr_buf_puts(b, "]");
}

static void write_run(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r)
{
	const plan_session_t *s = &p->sessions[r->session];
	sr_buf_putc(b, '{');
	key(b, "id"), sr_buf_json_str(b, r->id);
	sr_buf_puts(b, ","), key(b, "session"), sr_buf_json_str(b, s->id);
	sr_buf_puts(b, ","), key(b, "destination"), sr_buf_json_str(b, p->points[s->dest].id);
	sr_buf_printf(b, ",\"mixed\":%s", plan_run_is_mixed(r) ? "true" : "false");
	sr_buf_printf(b, ",\"direction\":\"%s\",\"bus\":", out_dir_code(r->dir));
	str_or_null(b, r->bus >= 0 ? p->buses[r->bus].id : NULL);
	sr_buf_printf(b, ",\"children\":%d,\"shift_s\":%d,\"meters\":", r->children, r->shift_s);
	sr_buf_num(b, r->meters, 1);
	sr_buf_puts(b, ",\"stops\":[");
	for (int i = 0; i < r->n_stops; i++) {
		const plan_stop_t *st = &r->stops[i];
		sr_buf_printf(b, "%s{\"seq\":%d,\"point\":", i ? ",\n " : "\n ", i + 1);
		sr_buf_json_str(b, p->points[st->point].id);
		sr_buf_puts(b, ",\"name\":"),
			sr_buf_json_str(b, out_pt_name(&p->points[st->point]));
		sr_buf_putc(b, ','), time_pair(b, "arrival", st->arrival_s);
		sr_buf_putc(b, ','), time_pair(b, "departure", st->departure_s);
		sr_buf_printf(b,
			      ",\"board\":%d,\"alight\":%d,\"ride_s\":%d,\"session\":", st->board,
			      st->alight, st->ride_s);
		sr_buf_json_str(b, p->sessions[st->session].id);
		sr_buf_putc(b, '}');
	}
	sr_buf_puts(b, "],\"shape\":[");
	for (size_t i = 0; i < r->n_shape; i++) {
		sr_buf_puts(b, i ? ",[" : "[");
		sr_buf_num(b, r->shape_lon[i], 6);
		sr_buf_putc(b, ',');
		sr_buf_num(b, r->shape_lat[i], 6);
		sr_buf_putc(b, ']');
	}
	sr_buf_puts(b, "]}");
}

/* The driver's day of a duty: its working time, span and split break,
 * driving, the longest driving between breaks, and each gap between runs
 * (at the depot from..to or null, the wait, whether it is a break, whether
 * it is the split shift's break). */
static void write_workday(sr_buf_t *b, const plan_duty_t *du)
{
	sr_buf_printf(b,
		      ",\"shift_s\":%d,\"span_s\":%d,\"split_s\":%d,\"driving_s\":%d,"
		      "\"stretch_s\":%d,\"gaps\":[",
		      du->shift_s, du->span_s, du->split_s, du->driving_s, du->stretch_s);
	for (int k = 0; du->gaps && k + 1 < du->n_runs; k++) {
		const plan_gap_t *g = &du->gaps[k];
		sr_buf_puts(b, k ? ",{" : "{");
		if (g->depot_in_s >= 0) {
			time_pair(b, "depot_in", g->depot_in_s);
			sr_buf_putc(b, ','), time_pair(b, "depot_out", g->depot_out_s);
		} else {
			sr_buf_puts(b, "\"depot_in\":null,\"depot_out\":null");
		}
		sr_buf_printf(b, ",\"wait_s\":%d,\"break\":%s,\"split\":%s}", g->wait_s,
			      g->is_break ? "true" : "false", g->is_split ? "true" : "false");
	}
	sr_buf_puts(b, "]");
}

static void write_patterns(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_puts(b, "\"patterns\":[");
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		sr_buf_puts(b, k ? ",\n{" : "\n{");
		days_field(b, pat->days);
		sr_buf_puts(b, ",\"runs\":[");
		int *ord = out_run_order(p, k);
		for (int i = 0; i < pat->n_runs; i++) {
			sr_buf_puts(b, i ? ",\n" : "\n");
			write_run(b, p, &pat->runs[ord[i]]);
		}
		free(ord);
		sr_buf_puts(b, "],\"duties\":[");
		for (int d = 0; d < pat->n_duties; d++) {
			const plan_duty_t *du = &pat->duties[d];
			sr_buf_puts(b, d ? ",\n{\"bus\":" : "\n{\"bus\":");
			sr_buf_json_str(b, p->buses[du->bus].id);
			sr_buf_puts(b, ",\"runs\":[");
			for (int j = 0; j < du->n_runs; j++) {
				if (j)
					sr_buf_putc(b, ',');
				sr_buf_json_str(b, pat->runs[du->runs[j]].id);
			}
			sr_buf_puts(b, "],");
			time_pair(b, "depart_depot", du->depart_depot_s);
			sr_buf_putc(b, ','), time_pair(b, "return_depot", du->return_depot_s);
			sr_buf_puts(b, ",\"meters\":"), sr_buf_num(b, du->meters, 1);
			write_workday(b, du);
			sr_buf_putc(b, '}');
		}
		sr_buf_puts(b, "]}");
	}
	sr_buf_puts(b, "]");
}

static void write_riders(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_puts(b, "\"riders\":[");
	for (int i = 0; i < p->n_riders; i++) {
		const plan_rider_t *r = &p->riders[i];
		sr_buf_printf(b, "%s{\"line\":%ld,\"pickup\":", i ? ",\n" : "\n", r->line);
		sr_buf_json_str(b, p->points[r->pickup].id);
		sr_buf_puts(b, ",\"pickup_name\":");
		sr_buf_json_str(b, out_pt_name(&p->points[r->pickup]));
		sr_buf_puts(b, ",\"session\":");
		sr_buf_json_str(b, p->sessions[r->session].id);
		sr_buf_printf(b, ",\"children\":%d,\"max_ride_s\":", r->children);
		if (r->max_ride_s > 0)
			sr_buf_printf(b, "%d", r->max_ride_s);
		else
			sr_buf_puts(b, "null");
		sr_buf_puts(b, ",\"note\":");
		str_or_null(b, r->note);
		static const char *const legs[] = {"both", "to", "from"};
		sr_buf_printf(b, ",\"direction\":\"%s\",\"pair_pickup\":", legs[r->legs]);
		/* a row that brings its children home elsewhere: the other
		 * half's point (where they live, or where they board) */
		if (r->pair_of)
			sr_buf_json_str(b, p->points[p->riders[r->pair_of - 1].pickup].id);
		else
			sr_buf_puts(b, "null");
		sr_buf_putc(b, '}');
	}
	sr_buf_puts(b, "]");
}

/* ,"key": the text in t in the plan's language (null when empty); frees t. */
static void text_field(sr_buf_t *b, const char *key, sr_buf_t *t)
{
	sr_buf_printf(b, ",\"%s\":", key);
	str_or_null(b, t->len ? t->data : NULL);
	sr_buf_free(t);
}

/* "drivers": the longest driver's day and the most driving of the plan,
 * with their bus and days, and the longest working week with its bus. */
static void write_drivers(sr_buf_t *b, const sr_plan_t *p)
{
	out_day_t ld;
	out_longest_days(p, &ld);
	static const char *const names[2] = {"longest_shift", "longest_driving"};
	sr_buf_puts(b, "\"drivers\":{");
	for (int w = 0; w < 2; w++) {
		const plan_duty_t *du = w ? ld.drive : ld.shift;
		uint8_t days = w ? ld.drive_days : ld.shift_days;
		char nm[40];
		if (w)
			sr_buf_putc(b, ',');
		time_pair(b, names[w], !du ? 0 : w ? du->driving_s : ld.shift_s);
		snprintf(nm, sizeof nm, "%s_bus", names[w]);
		sr_buf_printf(b, ",\"%s\":", nm);
		str_or_null(b, du ? p->buses[du->bus].id : NULL);
		char d[64];
		out_fmt_days(d, sizeof d, days, ",");
		sr_buf_printf(b, ",\"%s_days\":", names[w]);
		str_or_null(b, du ? d : NULL);
	}
	int work, wb = out_longest_week(p, &work);
	sr_buf_putc(b, ','), time_pair(b, "longest_week", work);
	sr_buf_puts(b, ",\"longest_week_bus\":");
	str_or_null(b, wb >= 0 ? p->buses[wb].id : NULL);
	sr_buf_puts(b, "},\n");
}

static void write_unserved(sr_buf_t *b, const sr_plan_t *p)
{
	write_drivers(b, p);
	plan_week_t wk;
	long same, all;
	plan_week_stats(p, &wk);
	plan_round_trip_stats(p, &same, &all);
	sr_buf_printf(b,
		      "\"week\":{\"repeating_runs\":%d,\"same_bus_runs\":%d,\"distinct_buses\":%d,"
		      "\"buses_per_day\":[%d,%d,%d,%d,%d,%d,%d],\"round_trips\":%ld,"
		      "\"round_trips_same_bus\":%ld},\n",
		      wk.repeating, wk.same_bus, wk.distinct_buses, wk.buses_per_day[0],
		      wk.buses_per_day[1], wk.buses_per_day[2], wk.buses_per_day[3],
		      wk.buses_per_day[4], wk.buses_per_day[5], wk.buses_per_day[6], all, same);
	int tdays;
	double tkm = out_term_km(p, &tdays);
	sr_buf_printf(b, "\"term\":{\"days_with_runs\":%d,\"km\":", tdays);
	sr_buf_num(b, tkm, 1);
	sr_buf_puts(b, "},\n");
	sr_buf_printf(b, "\"unserved_children\":%d,\"unserved_groups\":%d,\n", p->unserved_children,
		      p->unserved_groups);
	sr_buf_puts(b, "\"serve_all\":[");
	for (int i = 0; i < p->n_fixes; i++) {
		const plan_fix_t *f = &p->fixes[i];
		sr_buf_puts(b, i ? ",\n{" : "\n{");
		days_field(b, f->days);
		sr_buf_puts(b, ",\"like_bus\":");
		str_or_null(b, p->buses[f->like_bus].id);
		sr_buf_printf(b,
			      ",\"extra_buses\":%d,\"split_shift\":%s,\"extra_buses_split\":%d,"
			      "\"max_shift_h\":",
			      f->extra_buses, f->split_shift ? "true" : "false",
			      f->extra_buses_split);
		if (f->max_shift_s > 0)
			sr_buf_printf(b, "%g", f->max_shift_s / 3600);
		else
			sr_buf_puts(b, "null");
		sr_buf_puts(b, ",\"move_session\":");
		str_or_null(b, f->move_session >= 0 ? p->sessions[f->move_session].id : NULL);
		if (f->move_session >= 0)
			sr_buf_printf(b, ",\"move_min\":%d", f->move_min);
		else
			sr_buf_puts(b, ",\"move_min\":null");
		sr_buf_puts(b, ",\"window_session\":");
		str_or_null(b, f->window_session >= 0 ? p->sessions[f->window_session].id : NULL);
		if (f->window_session >= 0)
			sr_buf_printf(b, ",\"window\":\"%s\",\"window_min\":%d}",
				      f->window_dir == PLAN_TO_SESSION ? "early" : "late",
				      f->window_min);
		else
			sr_buf_puts(b, ",\"window\":null,\"window_min\":null}");
	}
	sr_buf_puts(b, "],\n");
	sr_buf_puts(b, "\"unserved\":[");
	for (int i = 0; i < p->n_unserved; i++) {
		const plan_unserved_t *u = &p->unserved[i];
		sr_buf_printf(b, "%s{\"rider_line\":%ld,\"pickup\":", i ? ",\n" : "\n",
			      u->rider_line);
		str_or_null(b, u->pickup >= 0 ? p->points[u->pickup].id : NULL);
		sr_buf_puts(b, ",\"pickup_name\":");
		str_or_null(b, u->pickup >= 0 ? out_pt_name(&p->points[u->pickup]) : NULL);
		sr_buf_puts(b, ",\"session\":");
		str_or_null(b, u->session >= 0 ? p->sessions[u->session].id : NULL);
		sr_buf_printf(b, ",\"direction\":\"%s\",\"children\":%d,", out_dir_code(u->dir),
			      u->children);
		days_field(b, u->days);
		sr_buf_puts(b, ",\"reason_code\":"), str_or_null(b, u->reason_code);
		sr_buf_puts(b, ",\"reason\":"), str_or_null(b, u->reason);
		sr_buf_t why;
		sr_buf_init(&why);
		out_reason(&why, p, u);
		text_field(b, "reason_text", &why);
		sr_buf_putc(b, '}');
	}
	sr_buf_puts(b, "]");
}

/* "warnings": what planning did otherwise than asked (plan_warn): code,
 * the English message, days or null, the message in the plan's
 * language. */
static void write_warnings(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_puts(b, ",\n\"warnings\":[");
	for (int i = 0; i < p->n_warnings; i++) {
		const plan_warning_t *w = &p->warnings[i];
		char d[64];
		out_fmt_days(d, sizeof d, w->days, ",");
		sr_buf_puts(b, i ? ",\n{\"code\":" : "\n{\"code\":");
		sr_buf_json_str(b, w->code);
		sr_buf_puts(b, ",\"message\":"), sr_buf_json_str(b, w->message);
		sr_buf_puts(b, ",\"days\":"), str_or_null(b, w->days ? d : NULL);
		sr_buf_t t;
		sr_buf_init(&t);
		out_warning(&t, p, w);
		text_field(b, "message_text", &t);
		sr_buf_putc(b, '}');
	}
	sr_buf_puts(b, "]");
}

int out_plan_json(const sr_plan_t *p, const char *path, sr_error_t *err)
{
	int rc = out_check_plan(p, err);
	if (rc)
		return rc;
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_puts(&b, "{\"format\":\"schoolrun-plan\",\"version\":1,\n");
	write_settings(&b, &p->settings);
	sr_buf_puts(&b, ",\n\"inputs\":[");
	for (int i = 0; i < p->n_inputs; i++) {
		sr_buf_puts(&b, i ? ",\n{\"name\":" : "\n{\"name\":");
		str_or_null(&b, p->input_names[i]);
		sr_buf_puts(&b, ",\"sha256\":");
		sr_buf_json_str(&b, p->input_sha256[i]);
		sr_buf_putc(&b, '}');
	}
	sr_buf_puts(&b, "],\n");
	write_points(&b, p);
	sr_buf_puts(&b, ",\n");
	write_sessions(&b, p);
	sr_buf_puts(&b, ",\n");
	write_buses(&b, p);
	sr_buf_puts(&b, ",\n");
	write_riders(&b, p);
	sr_buf_puts(&b, ",\n");
	write_patterns(&b, p);
	sr_buf_puts(&b, ",\n");
	write_unserved(&b, p);
	write_warnings(&b, p);
	out_changes_json(&b, p);
	sr_buf_puts(&b, "\n}\n");
	rc = out_write_buf(path, &b, err);
	sr_buf_free(&b);
	return rc;
}
