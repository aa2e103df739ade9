/*
 * gen_example.c - writes a schoolrun example for a generated district: a
 * term's sessions at its sports facilities and kindergartens, groups of
 * children from its villages (names copied from the map, so they always
 * match), and a fleet smaller than the number of runs so that buses chain
 * runs into duties (issue 5, "Inputs").
 *
 * Who rides where follows simple catchment rules, on bus travel times over
 * the generated roads (gen_times.c): a group is only sent where its direct
 * ride takes at most RIDE_BUDGET of the ride limit, leaving the rest for a
 * run's other stops. Kindergarten (and, in a region, school) groups come
 * from the villages nearest to each one, as municipal kindergartens serve
 * their neighbourhood; sports groups are drawn from the whole district with
 * a gravity weight (population / (1 + ride / 10 min), the classic gravity
 * model of trip distribution). The track-only hamlet gets no riders: a bus
 * cannot reach it, and the bundled example is meant to be fully served.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gen_district.h"
#include "schoolrun/io.h"

typedef struct ex_session {
	char *id;
	int dest; /* index into d->dests */
	const char *days;
	const char *start, *end;
	int max_ride_min; /* 0 = the default */
	int groups;	  /* sports: how many groups to draw */
} ex_session_t;

typedef struct ex_rider {
	int place;
	int session;
	int children;
	int max_ride_min; /* 0 = none */
	const char *note;
} ex_rider_t;

typedef struct ex_bus {
	char id[64];
	int depot;
	int seats;
	const char *from, *to;
	int cost;
} ex_bus_t;

typedef struct ex {
	gd_district_t *d;
	sr_rng_t rng;
	ex_session_t *s;
	size_t n_s, cap_s;
	ex_rider_t *r;
	size_t n_r, cap_r;
	ex_bus_t *buses;
	double *ride; /* per place, for the session being filled */
} ex_t;

static double pdist(const gd_district_t *d, int place, double x, double y)
{
	return hypot(d->places[place].x - x, d->places[place].y - y);
}

static int find_dest(const gd_district_t *d, int kind, int nth)
{
	for (size_t i = 0; i < d->n_dests; i++)
		if (d->dests[i].kind == kind && nth-- == 0)
			return (int)i;
	return -1;
}

static void add_session(ex_t *e, const char *id, int dest, const char *days, const char *start,
			const char *end, int max_ride, int groups)
{
	sr_grow(&e->s, &e->cap_s, e->n_s + 1, sizeof(*e->s));
	e->s[e->n_s++] = (ex_session_t){xstrdup(id), dest, days, start, end, max_ride, groups};
}

static void add_rider(ex_t *e, int place, int session, int children, int max_ride, const char *note)
{
	sr_grow(&e->r, &e->cap_r, e->n_r + 1, sizeof(*e->r));
	e->r[e->n_r++] = (ex_rider_t){place, session, children, max_ride, note};
}

static int has_rider(const ex_t *e, int place, int session)
{
	for (size_t i = 0; i < e->n_r; i++)
		if (e->r[i].place == place && e->r[i].session == session)
			return 1;
	return 0;
}

/* Children in one group from a place: more from larger villages, 2..15. */
static int group_size(ex_t *e, long population, int small)
{
	long top = 2 + population / (small ? 150 : 60);
	if (top > (small ? 6 : 15))
		top = small ? 6 : 15;
	int c = 2 + (int)sr_rng_below(&e->rng, (uint32_t)(top - 1));
	return c > 15 ? 15 : c;
}

/* A group is sent to a session only when its direct bus ride, either way,
 * takes at most this share of the ride limit: the rest is for the other
 * stops of a run. */
#define RIDE_BUDGET 0.55

static int rider_place_ok(const gd_district_t *d, int v)
{
	return v > 0 && !d->places[v].track_only;
}

static int limit_s(const ex_t *e, int session)
{
	return 60 * (e->s[session].max_ride_min > 0 ? e->s[session].max_ride_min : 60);
}

/* e->ride[v]: the longer of the direct rides from v to the session's
 * destination and back */
static void session_rides(ex_t *e, int session)
{
	const gd_dest_t *ds = &e->d->dests[e->s[session].dest];
	double *back = xmalloc(sizeof(double) * e->d->n_places);
	gd_place_times(e->d, ds->x, ds->y, 1, e->ride);
	gd_place_times(e->d, ds->x, ds->y, 0, back);
	for (size_t v = 0; v < e->d->n_places; v++)
		e->ride[v] = fmax(e->ride[v], back[v]);
	free(back);
}

static void catchment_riders(ex_t *e, int session)
{
	const gd_district_t *d = e->d;
	const gd_dest_t *kg = &d->dests[e->s[session].dest];
	int school = kg->kind == GD_SCHOOL;
	int nv = (int)d->n_places - 1, added = 0;
	/* a kindergarten serves the few villages closest to it: one bus
	 * round each way, short rides for small children */
	double budget = (school ? RIDE_BUDGET : 0.4) * limit_s(e, session);
	int max_groups = school ? 6 : 4;
	session_rides(e, session);
	/* villages whose nearest kindergarten (school) this is, by bus time;
	 * then, if fewer than 3 groups came, any village within the budget */
	int *cand = xmalloc(sizeof(int) * (size_t)nv);
	for (int round = 0; round < 2 && added < 3; round++) {
		int n = 0;
		for (int v = 1; v <= nv; v++) {
			if (!rider_place_ok(d, v) || has_rider(e, v, session) ||
			    e->ride[v] > budget)
				continue;
			double dv = pdist(d, v, kg->x, kg->y);
			if (dv < 1200 || dv > 12000)
				continue; /* its own village walks; far ones have their own */
			int nearest = 1;
			for (size_t k = 0; k < d->n_dests && round == 0; k++)
				if (d->dests[k].kind == kg->kind &&
				    pdist(d, v, d->dests[k].x, d->dests[k].y) < dv)
					nearest = 0;
			if (nearest)
				cand[n++] = v;
		}
		/* insertion sort by ride (small n) */
		for (int i = 1; i < n; i++)
			for (int j = i; j > 0 && e->ride[cand[j]] < e->ride[cand[j - 1]]; j--) {
				int t = cand[j];
				cand[j] = cand[j - 1];
				cand[j - 1] = t;
			}
		for (int i = 0; i < n && added < (round ? 3 : max_groups); i++) {
			if (round == 0 && sr_rng_unit(&e->rng) > 0.8)
				continue;
			int v = cand[i];
			add_rider(e, v, session, group_size(e, d->places[v].population, !school), 0,
				  !school && sr_rng_unit(&e->rng) < 0.2 ? "младшая группа" : NULL);
			added++;
		}
	}
	free(cand);
}

static void sports_riders(ex_t *e, int session, int groups)
{
	const gd_district_t *d = e->d;
	int nv = (int)d->n_places - 1;
	double budget = RIDE_BUDGET * limit_s(e, session);
	double *w = xcalloc((size_t)nv + 1, sizeof(double));
	static const char *const notes[] = {"сборная района", "начинающие", "старшая группа", NULL};
	session_rides(e, session);
	for (int g = 0; g < groups; g++) {
		/* gravity: population over (1 + ride / 10 min) */
		double total = 0;
		for (int v = 1; v <= nv; v++) {
			w[v] = rider_place_ok(d, v) && !has_rider(e, v, session) &&
					       e->ride[v] <= budget
				       ? (double)d->places[v].population / (1 + e->ride[v] / 600)
				       : 0;
			total += w[v];
		}
		if (total <= 0)
			break;
		double u = sr_rng_unit(&e->rng) * total;
		int pick = 0;
		for (int v = 1; v <= nv; v++) {
			if (w[v] <= 0)
				continue;
			pick = v;
			if (u < w[v])
				break;
			u -= w[v];
		}
		/* a stricter limit for some groups, where the ride allows it */
		int max_ride = sr_rng_unit(&e->rng) < 0.12 && e->ride[pick] <= RIDE_BUDGET * 50 * 60
				       ? 50
				       : 0;
		const char *note =
			sr_rng_unit(&e->rng) < 0.15 ? notes[sr_rng_below(&e->rng, 3)] : NULL;
		add_rider(e, pick, session, group_size(e, d->places[pick].population, 0), max_ride,
			  note);
	}
	free(w);
}

/* One session at every destination of a kind; id_fmt gets the number
 * (kindergartens and schools are numbered in creation order, 1, 2, ...). */
static void add_sessions_at(ex_t *e, int kind, const char *id_fmt, const char *days,
			    const char *start, const char *end, int max_ride, int groups)
{
	for (int k = 0;; k++) {
		int c = find_dest(e->d, kind, k);
		if (c < 0)
			break;
		char id[64];
		snprintf(id, sizeof(id), id_fmt, k + 1);
		add_session(e, id, c, days, start, end, max_ride, groups);
	}
}

/* Groups drawn for a sports session that takes `base` groups in a
 * district of 80 villages: whole multiples of it from 40 villages on (a
 * region), in proportion below, at least one. (Below 40 villages this was
 * 0 until issue 12: such a district's sports sessions got no children.) */
static int sports_groups(int base, int villages)
{
	if (villages >= 40)
		return base * ((villages + 40) / 80);
	int g = (base * villages + 40) / 80;
	return g < 1 ? 1 : g;
}

static void plan_sessions(ex_t *e, int tiny)
{
	const gd_district_t *d = e->d;
	int stadium = find_dest(d, GD_STADIUM, 0), dyussh = find_dest(d, GD_SPORTS_SCHOOL, 0);
	int pool = find_dest(d, GD_POOL, 0);
	if (tiny) {
		add_session(e, "Футбол", stadium, "Mon,Wed,Fri", "16:00", "17:30", 0, 0);
		return;
	}
	int nv = (int)d->n_places - 1;
	add_session(e, "Футбол", stadium, "Mon,Wed,Fri", "16:00", "17:30", 0,
		    sports_groups(11, nv));
	add_session(e, "Лёгкая атлетика", stadium, "Tue,Thu", "14:30", "16:00", 0,
		    sports_groups(8, nv));
	add_session(e, "Плавание", pool, "Tue,Thu", "17:30", "18:30", 50, sports_groups(9, nv));
	add_session(e, "Волейбол", dyussh, "Mon,Wed", "17:00", "18:30", 0, sports_groups(7, nv));
	add_session(e, "Борьба", dyussh, "Sat", "10:00", "12:00", 0, sports_groups(6, nv));
	add_sessions_at(e, GD_SPORTS_CENTRE, "Мини-футбол %d", "Tue,Thu", "16:30", "18:00", 0, 7);
	/* a region (the planner benchmark) has school runs too */
	if (d->n_places > 150)
		add_sessions_at(e, GD_SCHOOL, "Школа № %d", "Mon-Fri", "08:30", "14:00", 0, 0);
	add_sessions_at(e, GD_KINDERGARTEN, "Детсад № %d", "Mon-Fri", "08:00", "17:00", 40, 0);
}

static int count_children(const ex_t *e)
{
	int n = 0;
	for (size_t i = 0; i < e->n_r; i++)
		n += e->r[i].children;
	return n;
}

static int count_villages(const ex_t *e)
{
	int n = 0;
	for (size_t i = 0; i < e->n_r; i++) {
		int first = 1;
		for (size_t j = 0; j < i && first; j++)
			first = e->r[j].place != e->r[i].place;
		n += first;
	}
	return n;
}

static int write_csv_rows(const char *path, int ncol, const char *const *header,
			  int (*row)(const ex_t *, size_t, const char **, char (*)[32]),
			  const ex_t *e, size_t n, sr_error_t *err)
{
	sr_afile_t af;
	int rc = sr_afile_open(&af, path, err);
	if (rc)
		return rc;
	rc = sr_csv_write_row(af.fp, header, ncol);
	for (size_t i = 0; i < n && rc == SR_OK; i++) {
		const char *f[8] = {0};
		char num[8][32];
		int nf = row(e, i, f, num);
		rc = sr_csv_write_row(af.fp, f, nf);
	}
	if (rc) {
		sr_afile_abort(&af);
		return sr_error_set(err, SR_EIO, path, 0, "write failed");
	}
	return sr_afile_commit(&af, err);
}

static int session_row(const ex_t *e, size_t i, const char **f, char (*num)[32])
{
	const ex_session_t *s = &e->s[i];
	f[0] = s->id;
	f[1] = e->d->dests[s->dest].name;
	f[2] = s->days;
	f[3] = s->start;
	f[4] = s->end;
	if (s->max_ride_min > 0) {
		snprintf(num[0], 32, "%d", s->max_ride_min);
		f[5] = num[0];
	}
	return 6;
}

static int rider_row(const ex_t *e, size_t i, const char **f, char (*num)[32])
{
	const ex_rider_t *r = &e->r[i];
	f[0] = e->d->places[r->place].name;
	f[1] = e->s[r->session].id;
	snprintf(num[0], 32, "%d", r->children);
	f[2] = num[0];
	if (r->max_ride_min > 0) {
		snprintf(num[1], 32, "%d", r->max_ride_min);
		f[3] = num[1];
	}
	f[4] = r->note;
	return 5;
}

static int bus_row(const ex_t *e, size_t i, const char **f, char (*num)[32])
{
	const ex_bus_t *b = &e->buses[i];
	f[0] = b->id;
	f[1] = e->d->depots[b->depot].name;
	snprintf(num[0], 32, "%d", b->seats);
	f[2] = num[0];
	f[3] = b->from;
	f[4] = b->to;
	snprintf(num[1], 32, "%d", b->cost);
	f[5] = num[1];
	return 6;
}

/* The groups of children: every village of a tiny example to its one
 * session; otherwise catchment groups for kindergartens and schools and
 * gravity-drawn groups for sports sessions. */
static void example_riders(ex_t *e, int tiny)
{
	const gd_district_t *d = e->d;
	int nv = (int)d->n_places - 1;
	if (tiny) {
		for (int v = 1; v <= nv; v++)
			if (rider_place_ok(d, v))
				add_rider(e, v, 0, 3 + (int)sr_rng_below(&e->rng, 7), 0, NULL);
		return;
	}
	for (size_t s = 0; s < e->n_s; s++) {
		int kind = d->dests[e->s[s].dest].kind;
		if (kind == GD_KINDERGARTEN || kind == GD_SCHOOL)
			catchment_riders(e, (int)s);
		else
			sports_riders(e, (int)s, e->s[s].groups);
	}
	/* the bundled district promises >= 300 children from >= 40 villages:
	 * top up the football group list if a seed falls short */
	while (nv >= 60 && (count_children(e) < 300 || count_villages(e) < 40)) {
		size_t before = e->n_r;
		sports_riders(e, 0, 1);
		if (e->n_r == before)
			break;
	}
}

/* Drops the sessions no group goes to (a kindergarten whose neighbours
 * are all beyond its ride budget, say): an example lists only sessions
 * with children. Renumbers the groups' sessions. */
static void drop_empty_sessions(ex_t *e)
{
	int *to = xmalloc(sizeof(int) * (e->n_s ? e->n_s : 1));
	size_t k = 0;
	for (size_t s = 0; s < e->n_s; s++) {
		int used = 0;
		for (size_t i = 0; i < e->n_r && !used; i++)
			used = e->r[i].session == (int)s;
		to[s] = used ? (int)k : -1;
		if (used)
			e->s[k++] = e->s[s];
		else
			free(e->s[s].id);
	}
	e->n_s = k;
	for (size_t i = 0; i < e->n_r; i++)
		e->r[i].session = to[e->r[i].session];
	free(to);
}

/* The fleet: n buses of common models, every fourth at the second depot. */
static void example_fleet(ex_t *e, int n, int tiny)
{
	static const struct {
		const char *model;
		int seats;
	} models[] = {
		{"ПАЗ", 22},  {"ПАЗ", 22}, {"ГАЗель", 20}, {"КАвЗ", 30}, {"ПАЗ", 25},
		{"ЛиАЗ", 40}, {"ПАЗ", 22}, {"Хайгер", 45}, {"КАвЗ", 30}, {"ГАЗель", 20},
	};
	ex_bus_t *buses = e->buses = xcalloc((size_t)n, sizeof(*buses));
	for (int b = 0; b < n; b++) {
		int m = tiny ? (b == 0 ? 0 : 2) : (int)sr_rng_below(&e->rng, 10);
		snprintf(buses[b].id, sizeof(buses[b].id), "%s-%02d", models[m].model, b + 1);
		buses[b].seats = models[m].seats;
		buses[b].depot = e->d->n_depots > 1 && b % 4 == 3 ? 1 : 0;
		int early = sr_rng_unit(&e->rng) < 0.8;
		buses[b].from = early ? "06:30" : "07:00";
		buses[b].to = early ? "20:30" : "20:00";
		buses[b].cost = 32 + (int)sr_rng_below(&e->rng, 17);
	}
}

static int write_plan_conf(const gd_example_opts_t *eo, sr_error_t *err)
{
	sr_buf_t p, path;
	sr_buf_init(&p);
	sr_buf_init(&path);
	sr_buf_printf(
		&p,
		"# schoolrun example: %s term on a synthetic district (not real data),\n"
		"# generated by maps/gen_district --seed %llu; see maps/README.md.\n"
		"map = %s\nsessions = sessions.csv\nriders = riders.csv\nfleet = fleet.csv\n\n"
		"# settings (the defaults, written out)\n"
		"arrival_buffer_min = 10\nearly_window_min = 15\ndeparture_buffer_min = 5\n"
		"dwell_base_s = 45\ndwell_per_child_s = 10\nmax_ride_min = 60\n"
		"speed_cap_kmh = 60\nlang = ru\nseed = 1\ntime_limit_s = %d\n"
		"# days of the term without runs: the public holidays; a school break\n"
		"# is added as e.g. no_service = ru_holidays, 26.10-01.11\n"
		"no_service = ru_holidays\n",
		eo->tiny ? "a tiny" : "a", (unsigned long long)eo->seed, eo->map_ref,
		eo->tiny ? 10 : 60);
	sr_buf_printf(&path, "%s/plan.conf", eo->dir);
	int rc = sr_write_file_atomic(path.data, p.data, p.len, err);
	sr_buf_free(&p);
	sr_buf_free(&path);
	return rc;
}

/* sessions.csv, riders.csv and fleet.csv. */
static int write_tables(const ex_t *e, const char *dir, int n_buses, sr_error_t *err)
{
	static const char *const sh[] = {"session", "destination", "days",
					 "start",   "end",	   "max_ride_min"};
	static const char *const rh[] = {"pickup", "session", "children", "max_ride_min", "note"};
	static const char *const fh[] = {"bus",		 "depot",      "seats", "available_from",
					 "available_to", "cost_per_km"};
	sr_buf_t path;
	sr_buf_init(&path);
	sr_buf_printf(&path, "%s/sessions.csv", dir);
	int rc = write_csv_rows(path.data, 6, sh, session_row, e, e->n_s, err);
	if (rc == SR_OK) {
		sr_buf_reset(&path);
		sr_buf_printf(&path, "%s/riders.csv", dir);
		rc = write_csv_rows(path.data, 5, rh, rider_row, e, e->n_r, err);
	}
	if (rc == SR_OK) {
		sr_buf_reset(&path);
		sr_buf_printf(&path, "%s/fleet.csv", dir);
		rc = write_csv_rows(path.data, 6, fh, bus_row, e, (size_t)n_buses, err);
	}
	sr_buf_free(&path);
	return rc;
}

int gd_write_example(gd_district_t *d, const gd_example_opts_t *eo, sr_error_t *err)
{
	int rc = sr_mkdir_p(eo->dir, err);
	if (rc)
		return rc;
	ex_t e;
	memset(&e, 0, sizeof(e));
	e.d = d;
	e.ride = xcalloc(d->n_places, sizeof(double));
	sr_rng_seed(&e.rng, eo->seed ^ 0x5c4001a7e5ULL);
	plan_sessions(&e, eo->tiny);
	example_riders(&e, eo->tiny);
	drop_empty_sessions(&e);
	int nv = (int)d->n_places - 1;
	int n_buses = eo->buses > 0 ? eo->buses : eo->tiny ? 2 : (nv * 12 + 40) / 80;
	if (n_buses < 1)
		n_buses = 1;
	example_fleet(&e, n_buses, eo->tiny);

	if (e.n_r == 0)
		rc = sr_error_set(err, SR_EINPUT, NULL, 0,
				  "no village within reach of any session (seed %llu): "
				  "try another seed, more villages or a smaller --size-km",
				  (unsigned long long)eo->seed);
	if (rc == SR_OK)
		rc = write_plan_conf(eo, err);
	if (rc == SR_OK)
		rc = write_tables(&e, eo->dir, n_buses, err);
	free(e.buses);
	for (size_t i = 0; i < e.n_s; i++)
		free(e.s[i].id);
	free(e.s);
	free(e.r);
	free(e.ride);
	return rc;
}
