/*
 * build.c - plan_build(): the plan stage's pipeline, and plan_free().
 * Settings (defaults, plan.conf, overrides) -> the map (osm_read, speed cap
 * from the settings) -> the three input tables (inputs.c) -> every point
 * snapped onto the road network and one travel time matrix (locate.c) ->
 * runs per session (runs.c) -> bus duties per weekday pattern (duties.c)
 * -> the same run on the same bus every day of the week (week.c).
 * The steps share a plan_ctx_t (ctx.h) and never call back up here.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/osm.h"
#include "plan/align.h"
#include "plan/duties.h"
#include "plan/inputs.h"
#include "plan/keep.h"
#include "plan/legs.h"
#include "plan/locate.h"
#include "plan/roundtrip.h"
#include "plan/run.h"
#include "plan/runs.h"
#include "plan/week.h"
#include "util/i18n.h"

void plan_free(sr_plan_t *p)
{
	if (!p)
		return;
	plan_settings_clear(&p->settings);
	for (int i = 0; i < p->n_points; i++) {
		free(p->points[i].id);
		free(p->points[i].name);
		free(p->points[i].name_en);
		free(p->points[i].outline_lat);
		free(p->points[i].outline_lon);
		free(p->points[i].stop_name);
		free(p->points[i].label);
		free(p->points[i].label_en);
	}
	free(p->points);
	for (int i = 0; i < p->n_children; i++) {
		free(p->children[i].name);
		free(p->children[i].phone);
		free(p->children[i].klass);
		free(p->children[i].parent);
	}
	free(p->children);
	for (int i = 0; i < p->n_sessions; i++) {
		free(p->sessions[i].id);
		free(p->sessions[i].family);
	}
	free(p->sessions);
	for (int i = 0; i < p->n_buses; i++) {
		free(p->buses[i].id);
		free(p->buses[i].escort);
		free(p->buses[i].driver);
		free(p->buses[i].driver_phone);
		free(p->buses[i].plate);
		free(p->buses[i].model);
	}
	free(p->buses);
	for (int i = 0; i < p->n_riders; i++)
		free(p->riders[i].note);
	free(p->riders);
	for (int i = 0; i < p->n_patterns; i++)
		plan_pattern_clear(&p->patterns[i]);
	free(p->patterns);
	for (int i = 0; i < p->n_unserved; i++) {
		free(p->unserved[i].reason);
		free(p->unserved[i].reason_code);
	}
	free(p->unserved);
	for (int i = 0; i < p->n_locks; i++) {
		free(p->locks[i].run);
		free(p->locks[i].reason);
		free(p->locks[i].why_run);
	}
	free(p->locks);
	free(p->hints);
	free(p->alts);
	free(p->fixes);
	for (int i = 0; i < p->n_warnings; i++) {
		free(p->warnings[i].code);
		free(p->warnings[i].message);
		for (int k = 0; k < p->warnings[i].n_args; k++)
			free(p->warnings[i].args[k]);
	}
	free(p->warnings);
	plan_changes_free(p);
	for (int i = 0; i < p->n_inputs; i++)
		free(p->input_names[i]);
	osm_map_free(p->map);
	free(p);
}

int plan_build(const char *conf_path, const plan_settings_t *overrides, sr_plan_t **out,
	       sr_error_t *err)
{
	return plan_build_keep(conf_path, overrides, NULL, out, err);
}

/* A plan made anew for comparison with a re-plan (plan_build_keep): per
 * day pattern, in p->alts, its buses (`saved`) and the earlier plan's
 * children whose time or bus it changes on those days. */
static void fresh_counts(plan_ctx_t *c)
{
	sr_plan_t *p = c->p;
	p->n_alts = 0;
	p->kept_runs = 0; /* no run kept by design; every run counts as new */
	p->new_runs = 0;
	for (int i = 0; i < p->n_patterns; i++)
		p->new_runs += p->patterns[i].n_runs;
	p->alts = xreallocarray(p->alts, (size_t)p->n_patterns + 1, sizeof(plan_alt_t));
	for (int i = 0; i < p->n_patterns; i++)
		p->alts[p->n_alts++] =
			(plan_alt_t){.days = p->patterns[i].days,
				     .saved = p->patterns[i].n_duties,
				     .children = plan_keep_changed_on(c, p->patterns[i].days)};
}

/* plan_keep_duties with each lock all or nothing: one the duties do not
 * honour on some day is let go (plan_locks_off; reported as not kept) and
 * the duties are made again without it, so that a lock that cannot be
 * kept moves nobody. */
static int keep_duties(plan_ctx_t *c, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	int n_warn = p->n_warnings, rc;
	plan_pattern_t *saved = xcalloc((size_t)p->n_patterns + 1, sizeof(*saved));
	for (int k = 0; p->n_locks && k < p->n_patterns; k++)
		plan_pattern_copy(&saved[k], &p->patterns[k]);
	while ((rc = plan_keep_duties(c, err)) == SR_OK && p->n_locks && plan_locks_off(c))
		plan_keep_restart(p, saved, n_warn);
	for (int k = 0; p->n_locks && k < p->n_patterns; k++)
		plan_pattern_clear(&saved[k]);
	free(saved);
	return rc;
}

/* The steps from the located points on: runs (with --keep, the earlier
 * plan's runs kept and only the rest routed), duties, the week, then the earlier
 * buses and the locks (keep.c), locks checked, changes listed. */
static int plan_steps(plan_ctx_t *c, int fresh, sr_error_t *err)
{
	plan_keep_t *k = c->keep;
	if (fresh) /* planned as without --keep, compared with it after */
		c->keep = NULL;
	plan_keep_prepare(c);
	plan_keep_extend(c);
	plan_keep_settle(c);
	int rc = plan_make_runs(c, err);
	if (!rc)
		rc = plan_keep_add_runs(c, err);
	if (!rc)
		rc = plan_make_patterns(c, err);
	if (!rc)
		plan_duties_round_trips(c, err);
	if (!rc)
		rc = plan_week_plan(c, err);
	if (!rc)
		plan_round_trip(c);
	if (!rc)
		plan_align_times(c);
	if (!rc && !c->keep)
		plan_week_balance(c);
	if (!rc)
		rc = keep_duties(c, err);
	c->keep = k;
	if (rc)
		return rc;
	plan_locks_check(c);
	plan_keep_changes(c);
	if (fresh)
		fresh_counts(c);
	if (!strcmp(c->p->settings.hints, "on"))
		plan_hints(c);
	return SR_OK;
}

/* The settings plan_build needs (map, sessions, riders, fleet) and those
 * that must agree (the term's dates, plan_settings_check) after the
 * flags. */
static int check_settings(const plan_settings_t *st, const char *conf_path, sr_error_t *err)
{
	static const char *const need[] = {"map", "sessions", "riders", "fleet"};
	char *const have[] = {st->map, st->sessions, st->riders, st->fleet};
	char why[256];
	for (int i = 0; i < 4; i++)
		if (!have[i])
			return sr_error_set(err, SR_EINPUT, conf_path, 0,
					    _("missing setting '%s = FILE'"), need[i]);
	if (strcmp(st->term_end, st->term_start) < 0)
		return sr_error_set(err, SR_EINPUT, conf_path, 0,
				    _("term_end %s is before term_start %s"), st->term_end,
				    st->term_start);
	if (plan_settings_check(st, why, sizeof(why)))
		return sr_error_set(err, SR_EINPUT, conf_path, 0, "%s", why);
	return SR_OK;
}

/* What a re-plan's two builds share (plan_build_keep): the map the first
 * read (the kept plan owns it, the plan made anew borrows it) and the
 * points it located with their travel times. */
typedef struct shared {
	sr_map_t *map;
	plan_located_t loc;
	int mix_less;	 /* mixed loads' kinds left out (plan_ctx_t's) */
	int mix_kept;	 /* the highest kind the plan's day patterns kept */
	double deadline; /* > 0: the sr_now() by which this plan must end */
} shared_t;

/* The map of plan_build_keep's plan: sh's when it has one, else read. */
static int read_map(sr_plan_t *p, const char *conf_path, const shared_t *sh, sr_error_t *err)
{
	if (sh && sh->map) {
		p->map = sh->map;
		return SR_OK;
	}
	osm_opts_t oo;
	osm_opts_init(&oo);
	oo.profile.speed_cap_kmh = p->settings.speed_cap_kmh;
	oo.keep_elements = 1; /* any OSM id resolves, areas have outlines */
	oo.max_depth = p->settings.max_depth;
	oo.max_attrs = p->settings.max_attrs;
	oo.max_tags = p->settings.max_tags;
	oo.max_way_nodes = p->settings.max_way_nodes;
	oo.max_map_mb = p->settings.max_map_mb;
	if (p->settings.map_bbox) { /* plan.conf's checked per line already; a flag's here */
		sr_error_t e;
		sr_error_clear(&e);
		if (osm_bbox_parse(p->settings.map_bbox, &oo.bbox, &e) != SR_OK)
			return sr_error_set(err, SR_EINPUT, conf_path, 0,
					    _("map_bbox (--bbox): %s"), e.msg);
	}
	sr_info(_("plan: reading the map %s"), p->settings.map);
	return osm_read(p->settings.map, &oo, &p->map, err);
}

/* The points located: as sh has them when it has these points, else
 * anew (and then kept in sh for the next build). */
static int locate(plan_ctx_t *c, shared_t *sh, sr_error_t *err)
{
	if (sh && plan_located_use(c, &sh->loc))
		return SR_OK;
	int rc = plan_locate(c, err);
	if (!rc && sh && !sh->loc.snaps)
		plan_located_save(c, &sh->loc);
	return rc;
}

/* plan_build_keep's plan; with fresh, planned as without keep_json and
 * only compared with it (fresh_counts); sh (or NULL) shares the map and
 * the located points between the two. */
static int build(const char *conf_path, const plan_settings_t *overrides, const char *keep_json,
		 int fresh, shared_t *sh, sr_plan_t **out, sr_error_t *err)
{
	sr_plan_t *p = xcalloc(1, sizeof(*p));
	plan_ctx_t c;
	memset(&c, 0, sizeof(c));
	c.p = p;
	c.bases = chain_bases_new();
	double t0 = sr_now();
	int rc;
	*out = NULL;
	plan_settings_init(&p->settings);
	if (conf_path) {
		rc = plan_conf_read(conf_path, &p->settings, err);
		if (rc)
			goto out_fail;
	}
	plan_settings_apply(&p->settings, overrides);
	rc = check_settings(&p->settings, conf_path, err);
	if (rc)
		goto out_fail;
	c.deadline = sh && sh->deadline > 0 ? sh->deadline : t0 + p->settings.time_limit_s;

	rc = read_map(p, conf_path, sh, err);
	if (rc)
		goto out_fail;
	c.net = p->map->net;
	rc = plan_read_inputs(p, err);
	if (!rc && keep_json)
		rc = plan_keep_read(&c, keep_json, err);
	if (!rc)
		rc = plan_locks_read(&c, err);
	if (rc)
		goto out_fail;
	char ns[64], nr[64], nb[64], np[64];
	snprintf(ns, sizeof ns, _n("%d session", "%d sessions", p->n_sessions), p->n_sessions);
	snprintf(nr, sizeof nr, _n("%d rider row", "%d rider rows", p->n_riders), p->n_riders);
	snprintf(nb, sizeof nb, _n("%d bus", "%d buses", p->n_buses), p->n_buses);
	snprintf(np, sizeof np, _n("%d place", "%d places", p->n_points), p->n_points);
	sr_info(_("plan: %s, %s, %s, %s; computing travel times"), ns, nr, nb, np);
	rc = locate(&c, sh, err);
	if (rc)
		goto out_fail;
	c.mix_less = sh ? sh->mix_less : 0;
	rc = plan_steps(&c, fresh, err);
	if (rc)
		goto out_fail;
	if (sh)
		sh->mix_kept = c.mix_kept;
	plan_legs_count(p);
	plan_week_hours_check(p);
	if (c.n_route_cut || c.n_chain_cut) {
		char a[3][32];
		snprintf(a[0], sizeof a[0], "%g", p->settings.time_limit_s);
		snprintf(a[1], sizeof a[1], "%d", c.n_route_cut);
		snprintf(a[2], sizeof a[2], "%d", c.n_chain_cut);
		plan_warn(p, "time_limit_cut", 0, (const char *[]){a[0], a[1], a[2]}, 3,
			  "the time limit (time_limit_s = %s) cut %s routing and %s chaining "
			  "calls short; this plan may differ on another machine (a larger "
			  "time_limit_s avoids it)",
			  a[0], a[1], a[2]);
	}
	sr_info(_("plan: done in %.1f s"), sr_now() - t0);
	rc = SR_OK;
	if (sh)
		sh->map = p->map;
	*out = p;
	p = NULL;
out_fail:
	if (p && sh && p->map == sh->map)
		p->map = NULL; /* borrowed */
	plan_keep_free(c.keep);
	plan_ctx_clear(&c);
	plan_free(p);
	return rc;
}

/* The buses of a's day pattern of days days (-1 when none). */
static int pattern_buses(const sr_plan_t *a, uint8_t days)
{
	for (int i = 0; i < a->n_patterns; i++)
		if (a->patterns[i].days == days)
			return a->patterns[i].n_duties;
	return -1;
}

/* Plan b made anew beside re-plan a: where b needs fewer buses on a day
 * pattern, a offers it as an alternative (replacing the chaining's
 * alternative of those days when b saves more, or as many with fewer
 * changes). Returns 1 when b should be taken instead: keep_priority =
 * buses, fewer buses on some day pattern and more on none. */
static int weigh_fresh(sr_plan_t *a, const sr_plan_t *b)
{
	int fewer = 0, more = 0;
	for (int i = 0; i < b->n_alts; i++) {
		const plan_alt_t *f = &b->alts[i];
		int na = pattern_buses(a, f->days);
		if (na < 0 || f->saved > na) {
			more = 1;
			continue;
		}
		if (f->saved == na)
			continue;
		fewer = 1;
		plan_alt_t alt = {.days = f->days, .saved = na - f->saved, .children = f->children};
		int j = 0;
		while (j < a->n_alts && a->alts[j].days != f->days)
			j++;
		if (j == a->n_alts)
			a->alts = xreallocarray(a->alts, (size_t)++a->n_alts, sizeof(plan_alt_t));
		else if (a->alts[j].saved > alt.saved ||
			 (a->alts[j].saved == alt.saved && a->alts[j].children <= alt.children))
			continue;
		a->alts[j] = alt;
	}
	return fewer && !more && !strcmp(a->settings.keep_priority, "buses");
}

/* Re-plan a and plan b made anew beside it (sharing a's map): the one
 * weigh_fresh takes in *out, the other freed; b takes the map over when
 * it is taken. */
static void take_one(sr_plan_t **out, sr_plan_t *b)
{
	if (!weigh_fresh(*out, b)) {
		b->map = NULL; /* a's */
		plan_free(b);
		return;
	}
	sr_info(_("plan: --keep: the plan made anew needs fewer buses; taken "
		  "(keep_priority = buses)"));
	free(b->alts); /* the alternatives offered, as the re-plan says them */
	b->alts = (*out)->alts;
	b->n_alts = (*out)->n_alts;
	(*out)->alts = NULL;
	(*out)->n_alts = 0;
	(*out)->map = NULL; /* b's now */
	plan_free(*out);
	*out = b;
}

/* The week's figures two plans are weighed by, best first: children left
 * out, buses a week and on the busiest day (fewer), repeating runs on one
 * bus all week and children home by the bus that took them (more), km a
 * week (fewer, in metres). */
static void week_figures(const sr_plan_t *p, double f[6])
{
	plan_week_t w;
	plan_week_stats(p, &w);
	long same = 0, all = 0;
	plan_round_trip_stats(p, &same, &all);
	int most = 0;
	for (int d = 0; d < 7; d++)
		most = w.buses_per_day[d] > most ? w.buses_per_day[d] : most;
	double v[6] = {p->unserved_children, w.distinct_buses, most,
		       -w.same_bus,	     -(double)same,    w.meters};
	memcpy(f, v, sizeof v);
}

/* Plan a, made with shared or moved stops (mixed.c), and plan b made
 * without that kind (sharing a's map; kind its PLAN_MIX_*): b is taken
 * unless a is better by week_figures (the first figure that differs by
 * more than a metre); the other is freed. On bench_mixed.sh's town with
 * its sessions 15 minutes apart the shared stops saved 93 km on each
 * Mon/Wed/Fri as each day was chained, and the week then drove 81 km more
 * than without them, with 24 fewer children home by the bus that took
 * them. */
static void take_better(sr_plan_t **out, sr_plan_t *b, int kind)
{
	double fa[6], fb[6];
	week_figures(*out, fa);
	week_figures(b, fb);
	int k = 0;
	while (k < 6 && fabs(fa[k] - fb[k]) < 1)
		k++;
	if (k < 6 && fa[k] < fb[k]) {
		b->map = NULL; /* a's */
		plan_free(b);
		return;
	}
	if (kind == PLAN_MIX_MOVE)
		sr_info(_("plan: the plan without moved stops is as good or better; taken"));
	else
		sr_info(_("plan: the plan without shared stops is as good or better; taken"));
	(*out)->map = NULL; /* b's now */
	plan_free(*out);
	*out = b;
}

int plan_build_keep(const char *conf_path, const plan_settings_t *overrides, const char *keep_json,
		    sr_plan_t **out, sr_error_t *err)
{
	shared_t sh = {0};
	double t0 = sr_now();
	int rc = build(conf_path, overrides, keep_json, 0, &sh, out, err);
	/* a plan that kept moved or shared stops against the plans without
	 * them, one kind less each time (the plans without moved stops, then
	 * without shared stops too), the best of them taken: a kind saves
	 * metres on a day but may cost the week's chaining. Within the one
	 * time limit: the plans are one planning. */
	int kind = !rc && !keep_json ? sh.mix_kept : 0;
	if (kind)
		sh.deadline = t0 + (*out)->settings.time_limit_s;
	while (kind > PLAN_MIX_MERGE) {
		sr_plan_t *b = NULL;
		sr_error_t e;
		sr_error_clear(&e);
		if (kind == PLAN_MIX_MOVE)
			sr_info(_("plan: mixed loads with moved stops; planning without them as "
				  "well, to compare"));
		else
			sr_info(_("plan: mixed loads with shared stops; planning without them as "
				  "well, to compare"));
		sh.mix_less = PLAN_MIX_MOVE - kind + 1;
		int level = sr_log_level(); /* its warnings were said once already */
		sr_log_set_level(level < SR_LOG_ERROR ? SR_LOG_ERROR : level);
		int rb = build(conf_path, overrides, NULL, 0, &sh, &b, &e);
		sr_log_set_level(level);
		if (rb != SR_OK) {
			if (kind == PLAN_MIX_MOVE)
				sr_info(_("plan: the plan without moved stops failed (%s); not "
					  "compared"),
					e.msg);
			else
				sr_info(_("plan: the plan without shared stops failed (%s); not "
					  "compared"),
					e.msg);
			break;
		}
		take_better(out, b, kind);
		/* b kept nothing of a kind below `kind`: planning without that
		 * kind too would plan b again */
		kind = sh.mix_kept < kind - 1 ? sh.mix_kept : kind - 1;
	}
	if (!rc && keep_json && !(*out)->n_locks) {
		sr_plan_t *b = NULL;
		sr_error_t e;
		sr_error_clear(&e);
		sr_info(_("plan: --keep: planning anew as well, to compare (the map and the "
			  "points as read and located)"));
		if (build(conf_path, overrides, keep_json, 1, &sh, &b, &e) == SR_OK)
			take_one(out, b);
		else
			sr_info(_("plan: --keep: the plan made anew failed (%s); no comparison"),
				e.msg);
	}
	plan_located_free(&sh.loc);
	return rc;
}
