/*
 * changes.c - what a re-plan changed for whom: per day, session, direction
 * and pickup, the times (the bus leaving the pickup on runs to the
 * session, arriving there on runs home; HH:MM as printed) and buses of the
 * earlier plan against the new one. A pickup whose times or buses differ
 * on a day is a change; days with the same change are merged, so the
 * coordinator calls just those families. Both sides are taken from what
 * the plans say (the earlier one as read back from its plan.json), not
 * from how the re-plan was made. A session or village the new inputs no
 * longer have is listed too (keyed after the new plan's by its index in
 * the earlier plan), and children no longer carried, or some of them not,
 * get the reason: the session removed or no longer on that day, the
 * village no longer in riders.csv for it, the group now one way, or the
 * reason the plan left them unserved.
 */
#include <stdlib.h>
#include <string.h>
#include "plan/keep.h"

/* A call of a run at a village. session and pickup are keys: an index of
 * the new plan, or its count plus an index of the earlier plan for one
 * the new plan lacks. */
typedef struct visit {
	int session, pickup, dir, side; /* side 0 earlier, 1 new */
	int time_s, children;
	const char *bus;
} visit_t;

typedef struct visits {
	visit_t *v;
	size_t n, cap;
} visits_t;

static void add(visits_t *vs, visit_t v)
{
	sr_grow(&vs->v, &vs->cap, vs->n + 1, sizeof(visit_t));
	vs->v[vs->n++] = v;
}

/* Order of session, direction, pickup: the order of the changes. */
static int cmp_key(int s1, int d1, int p1, int s2, int d2, int p2)
{
	return s1 != s2 ? s1 - s2 : d1 != d2 ? d1 - d2 : p1 - p2;
}

static int cmp_visit(const void *a, const void *b)
{
	const visit_t *x = a, *y = b;
	int k = cmp_key(x->session, x->dir, x->pickup, y->session, y->dir, y->pickup);
	if (k)
		return k;
	if (x->side != y->side)
		return x->side - y->side;
	if (x->time_s / 60 != y->time_s / 60)
		return x->time_s / 60 - y->time_s / 60;
	return strcmp(x->bus ? x->bus : "", y->bus ? y->bus : "");
}

/* The earlier plan's visits of day d. */
static void old_visits(const sr_plan_t *p, const plan_keep_t *k, int d, visits_t *vs)
{
	for (int o = 0; o < k->n_pats; o++)
		for (int i = 0; (k->pats[o].days >> d & 1) && i < k->pats[o].n_runs; i++) {
			const keep_run_t *r = &k->pats[o].runs[i];
			for (int q = 0; q < r->n_stops; q++) {
				const keep_stop_t *s = &r->stops[q]; /* its children's session */
				int skey = s->session >= 0 ? s->session
							   : p->n_sessions + s->old_session;
				int kids = r->dir ? s->alight : s->board;
				int pkey = s->point >= 0 ? s->point : p->n_points + s->old_point;
				if (skey >= 0 && pkey >= 0 && kids > 0 &&
				    s->old_point != r->old_dest)
					add(vs, (visit_t){skey, pkey, r->dir, 0,
							  r->dir ? s->arrival_s : s->departure_s,
							  kids, r->bus_id ? r->bus_id : ""});
			}
		}
}

/* The visits of day d on both plans (the new one's day patterns pats[0..
 * n_pats)). */
static void day_visits(const sr_plan_t *p, const plan_keep_t *k, const plan_pattern_t *pats,
		       int n_pats, int d, visits_t *vs)
{
	vs->n = 0;
	old_visits(p, k, d, vs);
	for (int n = 0; n < n_pats; n++)
		for (int i = 0; (pats[n].days >> d & 1) && i < pats[n].n_runs; i++) {
			const plan_run_t *r = &pats[n].runs[i];
			for (int q = 0; q < r->n_stops; q++) {
				const plan_stop_t *s = &r->stops[q];
				int kids = r->dir ? s->alight : s->board;
				if (kids > 0 && !plan_stop_is_dest(r, q))
					add(vs,
					    (visit_t){s->session, s->point, r->dir, 1,
						      r->dir ? s->arrival_s : s->departure_s, kids,
						      r->bus >= 0 ? p->buses[r->bus].id : ""});
			}
		}
	qsort(vs->v, vs->n, sizeof(visit_t), cmp_visit);
}

/* Times and buses of visits v[0..n) of one side: "07:32 07:45", buses
 * once each in order; children summed. */
static void describe(const visit_t *v, size_t n, sr_buf_t *t, sr_buf_t *b, int *children)
{
	sr_buf_reset(t);
	sr_buf_reset(b);
	*children = 0;
	for (size_t i = 0; i < n; i++) {
		sr_buf_printf(t, "%s%02d:%02d", i ? " " : "", v[i].time_s / 3600,
			      v[i].time_s / 60 % 60);
		*children += v[i].children;
		int seen = 0;
		for (size_t j = 0; j < i; j++)
			seen |= !strcmp(v[j].bus, v[i].bus);
		if (!seen)
			sr_buf_printf(b, "%s%s", b->len ? " " : "", v[i].bus);
	}
}

/* Visits v[0..n) of one side as calls: a time and bus once, children
 * summed (the visits come sorted by minute, then bus). */
static plan_call_t *calls_of(const visit_t *v, size_t n, int *n_calls)
{
	plan_call_t *k = n ? xcalloc(n, sizeof(*k)) : NULL;
	int m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && k[m - 1].time_s / 60 == v[i].time_s / 60 &&
		    !strcmp(k[m - 1].bus, v[i].bus)) {
			k[m - 1].children += v[i].children;
			continue;
		}
		k[m++] = (plan_call_t){v[i].time_s, xstrdup(v[i].bus), v[i].children};
	}
	*n_calls = m;
	return k;
}

static void calls_free(plan_call_t *k, int n)
{
	for (int j = 0; j < n; j++)
		free(k[j].bus);
	free(k);
}

static const char *str(const sr_buf_t *b)
{
	return b->data && b->len ? b->data : "";
}

/* Whether the earlier plan's session o (an index of k's) is still held:
 * a part of a session held at other times on some days whose session
 * sessions.csv still has, on other days now (football moved from Wednesday
 * to Thursday is no session removed). */
static int still_held(const sr_plan_t *p, const plan_keep_t *k, int o)
{
	for (int i = 0; i < p->n_sessions; i++)
		if (!strcmp(plan_session_name(&p->sessions[i]), k->old_names[o]))
			return 1;
	return 0;
}

/* Why children of a pickup and session (keys) are no longer carried that
 * way on day d (all of them when none is, else those the plan left out):
 * the code and English sentence, or NULL. */
static const char *why_not(const sr_plan_t *p, const plan_keep_t *k, int session, int pickup,
			   int dir, int d, int none, const char **reason)
{
	*reason = NULL;
	if (session >= p->n_sessions && still_held(p, k, session - p->n_sessions)) {
		*reason = "the session no longer takes place on this day";
		return "not_on_day";
	}
	if (session >= p->n_sessions) {
		*reason = "the session is no longer in sessions.csv";
		return "session_removed";
	}
	if (!(p->sessions[session].days >> d & 1)) {
		*reason = "the session no longer takes place on this day";
		return "not_on_day";
	}
	int rows = 0, leg = 0;
	for (int r = 0; pickup < p->n_points && r < p->n_riders; r++)
		if (p->riders[r].session == session && p->riders[r].pickup == pickup &&
		    p->riders[r].children > 0) {
			rows = 1;
			leg |= plan_legs_has(p->riders[r].legs, dir);
		}
	if (none && !rows) {
		*reason = "riders.csv no longer has children of this village in this session";
		return "village_removed";
	}
	if (none && !leg) {
		*reason = "riders.csv now marks the group as needing the other way only";
		return "one_way";
	}
	for (int i = 0; i < p->n_unserved; i++) {
		const plan_unserved_t *u = &p->unserved[i];
		if (u->session == session && u->pickup == pickup && (u->dir < 0 || u->dir == dir) &&
		    (u->days >> d & 1)) {
			*reason = u->reason;
			return u->reason_code;
		}
	}
	return NULL;
}

/* The children riders.csv gives a pickup and session (keys) that way on
 * day d. */
static int need(const sr_plan_t *p, int session, int pickup, int dir, int d)
{
	int n = 0;
	if (session >= p->n_sessions || !(p->sessions[session].days >> d & 1))
		return 0;
	for (int r = 0; pickup < p->n_points && r < p->n_riders; r++)
		if (p->riders[r].session == session && p->riders[r].pickup == pickup &&
		    plan_legs_has(p->riders[r].legs, dir))
			n += p->riders[r].children;
	return n;
}

/* Of the earlier side's children (calls old[0..no)), those that still
 * have a call at the same minute on the same bus on the new side (nw[0..
 * nn)): per call, the fewer of the two sides' children (calls_of gives
 * each time and bus once). */
static int unmoved(const plan_call_t *old, int no, const plan_call_t *nw, int nn)
{
	int same = 0;
	for (int i = 0; i < no; i++)
		for (int j = 0; j < nn; j++)
			if (nw[j].time_s / 60 == old[i].time_s / 60 &&
			    !strcmp(nw[j].bus, old[i].bus))
				same += old[i].children < nw[j].children ? old[i].children
									 : nw[j].children;
	return same;
}

/* Why the children of a pickup and session (key) have another time or
 * bus on day d (plan_change_t.cause), the earlier side's calls ov[0..no)
 * with old_kids children: the first that holds of an earlier bus gone
 * from fleet.csv or with fewer seats now, the session's start or end
 * changed, riders.csv counting otherwise; else NULL. */
static const char *cause_of(const sr_plan_t *p, const plan_keep_t *k, const visit_t *key,
			    const visit_t *ov, size_t no, int d, int old_kids)
{
	const char *cause = NULL;
	for (size_t i = 0; i < no && !cause; i++) {
		int b = 0, o = 0;
		while (b < p->n_buses && strcmp(p->buses[b].id, ov[i].bus))
			b++;
		while (o < k->n_old_buses && strcmp(k->old_bus_ids[o], ov[i].bus))
			o++;
		cause = b == p->n_buses						    ? "bus_gone"
			: o < k->n_old_buses && p->buses[b].seats < k->old_seats[o] ? "bus_smaller"
										    : NULL;
	}
	for (int o = 0; !cause && key->session < p->n_sessions && o < k->n_old_sessions; o++)
		if (!strcmp(k->old_sessions[o], p->sessions[key->session].id) &&
		    (k->old_span[2 * o] != p->sessions[key->session].start_s ||
		     k->old_span[2 * o + 1] != p->sessions[key->session].end_s))
			cause = "session_time";
	if (!cause && need(p, key->session, key->pickup, key->dir, d) != old_kids)
		cause = "children";
	return cause;
}

/* Records a change of day d (merged with the same change of other days),
 * with its reason (NULL: none) and cause (cause_of); k, nk: each side's
 * calls (taken, or freed when merged); moved: the earlier plan's children
 * whose call is not as before. */
static void note(sr_plan_t *p, const visit_t *key, plan_call_t *k[2], const int nk[2], int d,
		 sr_buf_t s[4], const int kids[2], int moved, int left, const char *code,
		 const char *why, const char *cause)
{
	for (int i = 0; i < p->n_changes; i++) {
		plan_change_t *c = &p->changes[i];
		if (c->session == key->session && c->pickup == key->pickup && c->dir == key->dir &&
		    !strcmp(c->old_time, str(&s[0])) && !strcmp(c->old_bus, str(&s[1])) &&
		    !strcmp(c->new_time, str(&s[2])) && !strcmp(c->new_bus, str(&s[3])) &&
		    c->left == left && c->cause == cause &&
		    !strcmp(c->reason_code ? c->reason_code : "", code ? code : "")) {
			c->days |= (uint8_t)(1u << d);
			c->moved = moved > c->moved ? moved : c->moved;
			calls_free(k[0], nk[0]);
			calls_free(k[1], nk[1]);
			return;
		}
	}
	p->changes = xreallocarray(p->changes, (size_t)p->n_changes + 1, sizeof(plan_change_t));
	plan_change_t *c = &p->changes[p->n_changes++];
	*c = (plan_change_t){.pickup = key->pickup,
			     .session = key->session,
			     .dir = key->dir,
			     .days = (uint8_t)(1u << d),
			     .children = kids[1] ? kids[1] : kids[0],
			     .moved = moved,
			     .left = left,
			     .is_new = !s[0].len,
			     .cause = cause};
	c->old_time = xstrdup(str(&s[0]));
	c->old_bus = xstrdup(str(&s[1]));
	c->new_time = xstrdup(str(&s[2]));
	c->new_bus = xstrdup(str(&s[3]));
	c->reason_code = code ? xstrdup(code) : NULL;
	c->reason = code ? xstrdup(why ? why : code) : NULL;
	for (int i = 0; i < 2; i++) {
		c->calls[i] = k[i];
		c->n_calls[i] = nk[i];
	}
}

/* The changes of day d: the times or buses differ, or the plan leaves
 * out children the earlier one carried. */
static void day_changes(sr_plan_t *p, const plan_keep_t *k, const visits_t *vs, int d,
			sr_buf_t s[4])
{
	const plan_keep_t *kk = k; /* the calls' k[] below hide it */
	for (size_t a = 0; a < vs->n;) {
		size_t b = a, m;
		while (b < vs->n && vs->v[b].session == vs->v[a].session &&
		       vs->v[b].dir == vs->v[a].dir && vs->v[b].pickup == vs->v[a].pickup)
			b++;
		for (m = a; m < b && vs->v[m].side == 0; m++)
			;
		int kids[2];
		describe(vs->v + a, m - a, &s[0], &s[1], &kids[0]);
		describe(vs->v + m, b - m, &s[2], &s[3], &kids[1]);
		const char *why = NULL, *code = NULL;
		/* a new group the plan takes in part: the rest gets its reason
		 * too (the Liechtenstein trial's five from Gamprin joining
		 * football, two carried: the families' page said nothing of
		 * the other three) */
		int left = m == a ? need(p, vs->v[a].session, vs->v[a].pickup, vs->v[a].dir, d) -
					    kids[1]
				  : 0;
		left = left > 0 ? left : 0;
		if ((m > a && kids[1] < kids[0]) || left)
			code = why_not(p, k, vs->v[a].session, vs->v[a].pickup, vs->v[a].dir, d,
				       m == b, &why);
		left = code ? left : 0;
		if (strcmp(str(&s[0]), str(&s[2])) || strcmp(str(&s[1]), str(&s[3])) || code) {
			int nk[2];
			plan_call_t *k[2] = {calls_of(vs->v + a, m - a, &nk[0]),
					     calls_of(vs->v + m, b - m, &nk[1])};
			const char *cause =
				m > a && b > m && !code
					? cause_of(p, kk, &vs->v[a], vs->v + a, m - a, d, kids[0])
					: NULL;
			note(p, &vs->v[a], k, nk, d, s, kids,
			     kids[0] - unmoved(k[0], nk[0], k[1], nk[1]), left, code, why, cause);
		}
		a = b;
	}
}

static int cmp_change(const void *a, const void *b)
{
	const plan_change_t *x = a, *y = b;
	int k = cmp_key(x->session, x->dir, x->pickup, y->session, y->dir, y->pickup);
	if (k)
		return k;
	return (x->days & -x->days) - (y->days & -y->days);
}

/* The change's session and village keys back to indices of the new plan
 * (-1 for one it lacks), with their ids and names from the plan that has
 * them. */
static void name_change(const sr_plan_t *p, const plan_keep_t *k, plan_change_t *c)
{
	if (c->session < p->n_sessions) {
		c->session_id = xstrdup(p->sessions[c->session].id);
	} else {
		c->session_id = xstrdup(k->old_sessions[c->session - p->n_sessions]);
		c->session = -1;
	}
	const char *id, *name, *en;
	if (c->pickup < p->n_points) {
		const plan_point_t *x = &p->points[c->pickup];
		id = x->id, name = x->name, en = x->name_en;
	} else {
		const keep_point_t *x = &k->old_pts[c->pickup - p->n_points];
		id = x->id, name = x->name, en = x->name_en;
		c->pickup = -1;
	}
	c->pickup_id = xstrdup(id);
	c->pickup_name = xstrdup(name);
	c->pickup_name_en = en ? xstrdup(en) : NULL;
}

/* Children of the earlier plan whose time or bus changed in p->changes: a
 * session and pickup once, with its most such children (a group grown
 * onto a second run counts only those of its earlier children that moved:
 * none when they ride as before). */
static int count_changed(const sr_plan_t *p)
{
	int n = 0;
	for (int i = 0; i < p->n_changes; i++) {
		const plan_change_t *x = &p->changes[i];
		int first = !x->is_new, most = x->moved;
		for (int j = 0; j < p->n_changes && first; j++) {
			const plan_change_t *y = &p->changes[j];
			if (y->is_new || y->session != x->session || y->pickup != x->pickup)
				continue;
			if (j < i)
				first = 0;
			most = y->moved > most ? y->moved : most;
		}
		n += first ? most : 0;
	}
	return n;
}

/* The changes of the days `days` of the day patterns pats[0..n) into
 * p->changes. */
static void find_changes(sr_plan_t *p, const plan_keep_t *k, const plan_pattern_t *pats, int n,
			 uint8_t days)
{
	visits_t vs = {0};
	sr_buf_t s[4];
	for (int i = 0; i < 4; i++)
		sr_buf_init(&s[i]);
	for (int d = 0; d < 7; d++)
		if (days >> d & 1) {
			day_visits(p, k, pats, n, d, &vs);
			day_changes(p, k, &vs, d, s);
		}
	for (int i = 0; i < 4; i++)
		sr_buf_free(&s[i]);
	free(vs.v);
}

void plan_changes_free(sr_plan_t *p)
{
	for (int i = 0; i < p->n_changes; i++) {
		plan_change_t *c = &p->changes[i];
		free(c->old_time);
		free(c->new_time);
		free(c->old_bus);
		free(c->new_bus);
		free(c->session_id);
		free(c->pickup_id);
		free(c->pickup_name);
		free(c->pickup_name_en);
		free(c->reason_code);
		free(c->reason);
		for (int s = 0; s < 2; s++)
			calls_free(c->calls[s], c->n_calls[s]);
	}
	free(p->changes);
	p->changes = NULL;
	p->n_changes = 0;
}

/* The children of the earlier plan whose time or bus would change on the
 * days `days` were pats[0..n) the plan of those days (counted as
 * p->changed_children is); p->changes is left as it was. */
static int changed_on(plan_ctx_t *c, const plan_pattern_t *pats, int n_pats, uint8_t days)
{
	sr_plan_t *p = c->p;
	plan_change_t *kept = p->changes;
	int n_kept = p->n_changes;
	p->changes = NULL;
	p->n_changes = 0;
	find_changes(p, c->keep, pats, n_pats, days);
	int n = count_changed(p);
	plan_changes_free(p);
	p->changes = kept;
	p->n_changes = n_kept;
	return n;
}

/* Whether the earlier plan called at pickup pt for a session of the name
 * `name` (a part of it on other days). */
static int called_before(const plan_keep_t *k, int pt, const char *name)
{
	for (int q = 0; q < k->n_pats; q++)
		for (int i = 0; i < k->pats[q].n_runs; i++) {
			const keep_run_t *r = &k->pats[q].runs[i];
			for (int s = 0; s < r->n_stops; s++) {
				const keep_stop_t *x = &r->stops[s];
				if (x->point == pt && x->old_session >= 0 &&
				    x->old_session < k->n_old_sessions &&
				    x->board + x->alight > 0 &&
				    !strcmp(k->old_names[x->old_session], name))
					return 1;
			}
		}
	return 0;
}

void plan_keep_changes(plan_ctx_t *c)
{
	sr_plan_t *p = c->p;
	if (!c->keep)
		return;
	p->replan = 1;
	find_changes(p, c->keep, p->patterns, p->n_patterns, 0x7f);
	if (p->n_changes)
		qsort(p->changes, (size_t)p->n_changes, sizeof(plan_change_t), cmp_change);
	p->changed_children = count_changed(p);
	for (int i = 0; i < p->n_alts; i++)
		p->alts[i].children =
			changed_on(c, &c->keep->alt_pats[i], 1, c->keep->alt_pats[i].days);
	for (int i = 0; i < p->n_changes; i++) {
		plan_change_t *x = &p->changes[i];
		x->other_day = x->is_new && x->session >= 0 && x->session < p->n_sessions &&
			       x->pickup < p->n_points && p->sessions[x->session].family &&
			       called_before(c->keep, x->pickup, p->sessions[x->session].family);
		name_change(p, c->keep, x);
	}
}

int plan_keep_changed_on(plan_ctx_t *c, uint8_t days)
{
	return changed_on(c, c->p->patterns, c->p->n_patterns, days);
}
