/*
 * keep_read.c - the earlier plan of a re-plan, read back from its
 * plan.json with jansson (the Debian library libjansson-dev). Only what a
 * re-plan needs: per day pattern its runs (session, direction, bus, stops
 * with times and children, window shift). Points, sessions and buses are
 * matched to the new plan's by their ids (a point's OSM id, a session's
 * and a bus's name as in the CSV files); what the new plan lacks is -1.
 *
 * A plan.json of another district is refused: the district is its map,
 * known by the map file's SHA-256 that plan.json records among its
 * inputs.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "plan/keep.h"
#include "plan/run.h"
#include "util/i18n.h"

static const char *sget(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int iget(const json_t *o, const char *k)
{
	return (int)json_integer_value(json_object_get(o, k));
}

static int find_point(const sr_plan_t *p, const char *id)
{
	for (int i = 0; id && i < p->n_points; i++)
		if (!strcmp(p->points[i].id, id))
			return i;
	return -1;
}

static int find_session(const sr_plan_t *p, const char *id)
{
	for (int i = 0; id && i < p->n_sessions; i++)
		if (!strcmp(p->sessions[i].id, id))
			return i;
	return -1;
}

static int find_bus(const sr_plan_t *p, const char *id)
{
	for (int i = 0; id && i < p->n_buses; i++)
		if (!strcmp(p->buses[i].id, id))
			return i;
	return -1;
}

/* The index of id among the earlier plan's points, or -1. */
static int old_point(const plan_keep_t *k, const char *id)
{
	for (int i = 0; id && i < k->n_old_pts; i++)
		if (!strcmp(k->old_pts[i].id, id))
			return i;
	return -1;
}

static int old_session(const plan_keep_t *k, const char *id)
{
	for (int i = 0; id && i < k->n_old_sessions; i++)
		if (!strcmp(k->old_sessions[i], id))
			return i;
	return -1;
}

/* The earlier plan's points and session ids (what a re-plan lists when
 * the new inputs no longer have them). */
static void read_old_lists(plan_keep_t *k, const json_t *root)
{
	const json_t *pts = json_object_get(root, "points"),
		     *ses = json_object_get(root, "sessions");
	k->old_pts = xcalloc(json_array_size(pts) + 1, sizeof(keep_point_t));
	for (size_t i = 0; i < json_array_size(pts); i++) {
		const json_t *o = json_array_get(pts, i);
		const char *id = sget(o, "id"), *name = sget(o, "name"), *en = sget(o, "name_en");
		keep_point_t *x = &k->old_pts[k->n_old_pts++];
		x->id = xstrdup(id ? id : "");
		x->name = xstrdup(name ? name : x->id);
		x->name_en = en ? xstrdup(en) : NULL;
	}
	k->old_sessions = xcalloc(json_array_size(ses) + 1, sizeof(char *));
	k->old_names = xcalloc(json_array_size(ses) + 1, sizeof(char *));
	k->old_span = xcalloc(2 * json_array_size(ses) + 2, sizeof(int));
	for (size_t i = 0; i < json_array_size(ses); i++) {
		const json_t *o = json_array_get(ses, i);
		const char *id = sget(o, "id"), *name = sget(o, "name");
		k->old_span[2 * k->n_old_sessions] = (int)iget(o, "start_s");
		k->old_span[2 * k->n_old_sessions + 1] = (int)iget(o, "end_s");
		k->old_names[k->n_old_sessions] = xstrdup(name ? name : id ? id : "");
		k->old_sessions[k->n_old_sessions++] = xstrdup(id ? id : "");
	}
	const json_t *bus = json_object_get(root, "buses");
	k->old_bus_ids = xcalloc(json_array_size(bus) + 1, sizeof(char *));
	k->old_seats = xcalloc(json_array_size(bus) + 1, sizeof(int));
	for (size_t i = 0; i < json_array_size(bus); i++) {
		const json_t *o = json_array_get(bus, i);
		const char *id = sget(o, "id");
		k->old_seats[k->n_old_buses] = (int)iget(o, "seats");
		k->old_bus_ids[k->n_old_buses++] = xstrdup(id ? id : "");
	}
}

/* One run object of plan.json into *r. */
static void read_run(const sr_plan_t *p, const plan_keep_t *k, const json_t *o, keep_run_t *r,
		     int *max_id)
{
	const char *id = sget(o, "id"), *dir = sget(o, "direction");
	r->id = xstrdup(id ? id : "");
	if (id && id[0] == 'R' && atoi(id + 1) > *max_id)
		*max_id = atoi(id + 1);
	r->bus_id = sget(o, "bus") ? xstrdup(sget(o, "bus")) : NULL;
	r->session = find_session(p, sget(o, "session"));
	r->old_session = old_session(k, sget(o, "session"));
	r->old_dest = old_point(k, sget(o, "destination"));
	r->dir = dir && !strcmp(dir, "home") ? PLAN_HOME : PLAN_TO_SESSION;
	r->bus = find_bus(p, r->bus_id);
	r->shift_s = iget(o, "shift_s");
	r->children = iget(o, "children");
	r->kept = -1;
	const json_t *stops = json_object_get(o, "stops");
	size_t n = json_array_size(stops);
	r->stops = xcalloc(n + 1, sizeof(keep_stop_t));
	for (size_t i = 0; i < n; i++) {
		const json_t *s = json_array_get(stops, i);
		keep_stop_t *x = &r->stops[r->n_stops++];
		x->point = find_point(p, sget(s, "point"));
		x->old_point = old_point(k, sget(s, "point"));
		x->arrival_s = iget(s, "arrival_s");
		x->departure_s = iget(s, "departure_s");
		x->board = iget(s, "board");
		x->alight = iget(s, "alight");
		const char *ss = sget(s, "session");
		x->session = ss ? find_session(p, ss) : r->session;
		x->old_session = ss ? old_session(k, ss) : r->old_session;
		if (ss && strcmp(ss, sget(o, "session") ? sget(o, "session") : ""))
			r->mixed = 1; /* kept as a whole or not at all (keep.c) */
	}
}

/* The map's SHA-256 as plan.json lists it among the inputs (the first
 * input is the map), or NULL. */
static const char *map_sha(const json_t *root)
{
	const json_t *in = json_array_get(json_object_get(root, "inputs"), 0);
	return in ? sget(in, "sha256") : NULL;
}

static int check_district(const sr_plan_t *p, const json_t *root, const char *path, sr_error_t *err)
{
	const char *fmt = sget(root, "format");
	if (!fmt || strcmp(fmt, "schoolrun-plan"))
		return sr_error_set(err, SR_EINPUT, path, 0,
				    _("--keep: not a plan.json written by schoolrun plan"));
	const char *sha = map_sha(root);
	if (!sha || p->n_inputs < 1 || strcmp(sha, p->input_sha256[0])) {
		const json_t *in = json_array_get(json_object_get(root, "inputs"), 0);
		return sr_error_set(
			err, SR_EINPUT, path, 0,
			_("--keep: this plan is of another district: it was planned on the map '%s' "
			  "(SHA-256 %.12s…), this one on '%s' (SHA-256 %.12s…); a re-plan keeps the "
			  "runs of an earlier plan of the same district on the same map"),
			in && sget(in, "name") ? sget(in, "name") : "?", sha ? sha : "none",
			p->input_names[0], p->input_sha256[0]);
	}
	return SR_OK;
}

int plan_keep_read(plan_ctx_t *c, const char *path, sr_error_t *err)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root)
		return sr_error_set_col(err, SR_EINPUT, path, je.line, je.column,
					_("--keep: cannot read this plan.json: %s"), je.text);
	int rc = check_district(c->p, root, path, err);
	if (rc) {
		json_decref(root);
		return rc;
	}
	plan_keep_t *k = xcalloc(1, sizeof(*k));
	k->path = xstrdup(path);
	read_old_lists(k, root);
	const json_t *pats = json_object_get(root, "patterns");
	k->pats = xcalloc(json_array_size(pats) + 1, sizeof(keep_pattern_t));
	for (size_t i = 0; i < json_array_size(pats); i++) {
		const json_t *po = json_array_get(pats, i);
		keep_pattern_t *kp = &k->pats[k->n_pats++];
		kp->days = (uint8_t)iget(po, "days_mask");
		const json_t *runs = json_object_get(po, "runs");
		kp->runs = xcalloc(json_array_size(runs) + 1, sizeof(keep_run_t));
		for (size_t r = 0; r < json_array_size(runs); r++)
			read_run(c->p, k, json_array_get(runs, r), &kp->runs[kp->n_runs++],
				 &k->max_id);
	}
	json_decref(root);
	c->keep = k;
	return SR_OK;
}

void plan_keep_free(plan_keep_t *k)
{
	if (!k)
		return;
	for (int i = 0; i < k->n_pats; i++) {
		for (int r = 0; r < k->pats[i].n_runs; r++) {
			free(k->pats[i].runs[r].id);
			free(k->pats[i].runs[r].bus_id);
			free(k->pats[i].runs[r].stops);
		}
		free(k->pats[i].runs);
	}
	free(k->pats);
	for (int i = 0; i < k->n_old_pts; i++) {
		free(k->old_pts[i].id);
		free(k->old_pts[i].name);
		free(k->old_pts[i].name_en);
	}
	free(k->old_pts);
	for (int i = 0; i < k->n_old_sessions; i++) {
		free(k->old_sessions[i]);
		free(k->old_names[i]);
	}
	free(k->old_sessions);
	free(k->old_names);
	free(k->old_span);
	for (int i = 0; i < k->n_old_buses; i++)
		free(k->old_bus_ids[i]);
	free(k->old_bus_ids);
	free(k->old_seats);
	for (int i = 0; i < k->n_kt; i++)
		plan_run_clear(&k->kt[i]);
	free(k->kt);
	free(k->kt_src);
	free(k->saved_children);
	for (int i = 0; i < k->n_alt_pats; i++)
		plan_pattern_clear(&k->alt_pats[i]);
	free(k->alt_pats);
	free(k->path);
	free(k);
}

const keep_run_t *plan_keep_old_run(const plan_keep_t *k, const char *id)
{
	for (int i = 0; k && id && i < k->n_pats; i++)
		for (int r = 0; r < k->pats[i].n_runs; r++)
			if (!strcmp(k->pats[i].runs[r].id, id))
				return &k->pats[i].runs[r];
	return NULL;
}
