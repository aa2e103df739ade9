/*
 * check_plan.c - an independent checker of a transfer plan (issue 5).
 *
 *   check_plan EXAMPLE_DIR OUT_DIR [--keep OLD_OUT_DIR] [--locks LOCKS.csv]
 *
 * Re-reads the example's plan.conf, sessions.csv, riders.csv and fleet.csv
 * with its own parsing (only the CSV tokenizer, the map reader, name lookup
 * and the road matrix come from the library), then reads OUT_DIR's
 * timetable.csv and plan.json and verifies every rule of the issue:
 * seats, arrival windows and departure times, ride limits, travel times
 * (no waiting with children on board, no leg faster than the road), stop
 * dwell, the night rule, duty continuity with deadheads, depots and bus
 * hours, that every child travels exactly once each way it needs
 * (riders.csv direction) on every day of their session or is listed
 * unserved, that no group rides one way only unless marked so, and
 * plan.json's count of children left out; every lock of locks.csv
 * (plan.conf `locks` or --locks) honoured exactly where plan.json says it
 * is kept, with a reason where not; and with --keep (the earlier plan's
 * output folder), that a session whose sessions.csv row and riders are as
 * the earlier plan served them keeps every call (minute and bus) unless
 * its earlier bus is gone or a lock moved it, or it went with its other
 * leg, made room for such a call or rode along with one onto its bus. It
 * shares no code with
 * src/plan/. Prints each violation; exit 0 when none, 1 otherwise, 2 when
 * the files cannot be read.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/schoolrun.h"

static int n_bad;

#define BAD(...)                                         \
	do {                                             \
		n_bad++;                                 \
		if (n_bad <= 60) {                       \
			fprintf(stderr, "check_plan: "); \
			fprintf(stderr, __VA_ARGS__);    \
			fputc('\n', stderr);             \
		}                                        \
	} while (0)

static void die(const char *what, const sr_error_t *err)
{
	char b[2048];
	fprintf(stderr, "check_plan: %s: %s\n", what, err ? sr_error_format(err, b, sizeof b) : "");
	exit(2);
}

/* ---- settings ---- */
static struct {
	char map[8400], sessions[8400], riders[8400], fleet[8400], locks[8400];
	double arrival_buffer, early_window, departure_buffer, late_window, dwell_base, dwell_child,
		max_ride, speed_cap, max_shift_h, max_driving_h, break_min, before_break_h,
		depot_return_min;
	int mixed_no; /* mixed_load = no */
	/* split_shift = yes: a stay at the depot of split_min_h or more is not
	 * working time, up to split_max_h of it; the span is max_span_h */
	int split;
	double split_min_h, split_max_h, max_span_h;
	int en; /* lang = en */
} conf = {.split_min_h = 2,
	  .split_max_h = 4,
	  .max_span_h = 16,
	  .arrival_buffer = 10,
	  .early_window = 15,
	  .departure_buffer = 5,
	  .late_window = 30,
	  .dwell_base = 45,
	  .dwell_child = 10,
	  .max_ride = 60,
	  .speed_cap = 60,
	  .max_shift_h = 12,
	  .max_driving_h = 9,
	  .break_min = 45,
	  .before_break_h = 4.5,
	  .depot_return_min = 60};

/* Reads the plan.conf at path (in folder dir); `include = FILE` reads
 * that conf at that line, its paths relative to its own folder. */
static void read_conf_file(const char *path, const char *dir, int depth)
{
	FILE *fp = depth < 16 ? fopen(path, "r") : NULL;
	if (!fp) {
		fprintf(stderr, "check_plan: cannot open %s\n", path);
		exit(2);
	}
	char line[4096];
	while (fgets(line, sizeof line, fp)) {
		char *h = strchr(line, '#');
		if (h)
			*h = 0;
		char *eq = strchr(line, '=');
		if (!eq)
			continue;
		*eq = 0;
		char k[128], v[4096];
		if (sscanf(line, " %127s", k) != 1 || sscanf(eq + 1, " %4095[^\n]", v) != 1)
			continue;
		size_t vl = strlen(v);
		while (vl && isspace((unsigned char)v[vl - 1]))
			v[--vl] = 0;
		if (vl >= 2 && v[0] == '"') {
			memmove(v, v + 1, vl - 2);
			v[vl - 2] = 0;
		}
		char full[8300];
		snprintf(full, sizeof full, "%s%s%s", v[0] == '/' ? "" : dir,
			 v[0] == '/' ? "" : "/", v);
		if (!strcmp(k, "include")) {
			char sub[8300];
			snprintf(sub, sizeof sub, "%s", full);
			char *slash = strrchr(sub, '/');
			*slash = 0;
			read_conf_file(full, sub, depth + 1);
		} else if (!strcmp(k, "map"))
			snprintf(conf.map, sizeof conf.map, "%s", full);
		else if (!strcmp(k, "locks"))
			snprintf(conf.locks, sizeof conf.locks, "%s", full);
		else if (!strcmp(k, "lang"))
			conf.en = !strcmp(v, "en");
		else if (!strcmp(k, "sessions"))
			snprintf(conf.sessions, sizeof conf.sessions, "%s", full);
		else if (!strcmp(k, "riders"))
			snprintf(conf.riders, sizeof conf.riders, "%s", full);
		else if (!strcmp(k, "fleet"))
			snprintf(conf.fleet, sizeof conf.fleet, "%s", full);
		else if (!strcmp(k, "arrival_buffer_min"))
			conf.arrival_buffer = atof(v);
		else if (!strcmp(k, "early_window_min"))
			conf.early_window = atof(v);
		else if (!strcmp(k, "departure_buffer_min"))
			conf.departure_buffer = atof(v);
		else if (!strcmp(k, "late_window_min"))
			conf.late_window = atof(v);
		else if (!strcmp(k, "dwell_base_s"))
			conf.dwell_base = atof(v);
		else if (!strcmp(k, "dwell_per_child_s"))
			conf.dwell_child = atof(v);
		else if (!strcmp(k, "max_ride_min"))
			conf.max_ride = atof(v);
		else if (!strcmp(k, "speed_cap_kmh"))
			conf.speed_cap = atof(v);
		else if (!strcmp(k, "max_shift_h"))
			conf.max_shift_h = atof(v);
		else if (!strcmp(k, "max_driving_h"))
			conf.max_driving_h = atof(v);
		else if (!strcmp(k, "break_min"))
			conf.break_min = atof(v);
		else if (!strcmp(k, "driving_before_break_h"))
			conf.before_break_h = atof(v);
		else if (!strcmp(k, "depot_return_min"))
			conf.depot_return_min = atof(v);
		else if (!strcmp(k, "mixed_load"))
			conf.mixed_no = !strcmp(v, "no");
		else if (!strcmp(k, "split_shift"))
			conf.split = !strcmp(v, "yes");
		else if (!strcmp(k, "split_break_min_h"))
			conf.split_min_h = atof(v);
		else if (!strcmp(k, "split_break_max_h"))
			conf.split_max_h = atof(v);
		else if (!strcmp(k, "max_span_h"))
			conf.max_span_h = atof(v);
	}
	fclose(fp);
}

static void read_conf(const char *dir)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/plan.conf", dir);
	read_conf_file(path, dir, 0);
}

/* ---- small parsers of our own ---- */
static int clock_s(const char *s, int with_seconds)
{
	int h, m, sec = 0, n = 0;
	if (with_seconds) {
		if (sscanf(s, "%d:%d:%d%n", &h, &m, &sec, &n) != 3)
			return -1;
	} else if (sscanf(s, "%d:%d%n", &h, &m, &n) != 2) {
		return -1;
	}
	if (s[n] || h < 0 || h > 47 || m < 0 || m > 59 || sec < 0 || sec > 59)
		return -1;
	return h * 3600 + m * 60 + sec;
}

static int weekday(const char *t)
{
	static const char *names[7][4] = {{"mon", "пн", "Пн", "1"}, {"tue", "вт", "Вт", "2"},
					  {"wed", "ср", "Ср", "3"}, {"thu", "чт", "Чт", "4"},
					  {"fri", "пт", "Пт", "5"}, {"sat", "сб", "Сб", "6"},
					  {"sun", "вс", "Вс", "7"}};
	char low[32];
	size_t i;
	for (i = 0; t[i] && i < 31; i++)
		low[i] = (char)tolower((unsigned char)t[i]);
	low[i] = 0;
	if (strlen(low) > 3 && isalpha((unsigned char)low[0]))
		low[3] = 0; /* monday -> mon */
	for (int d = 0; d < 7; d++)
		for (int k = 0; k < 4; k++)
			if (!strcmp(low, names[d][k]))
				return d;
	return -1;
}

/* "Mon,Wed,Fri", "Mon-Fri", "1-5", "Пн-Пт", "будни", "выходные",
 * "ежедневно", or seven 0/1 flags */
static int days_mask(const char *s)
{
	static const struct {
		const char *w;
		int m;
	} words[] = {{"будни", 0x1f},	 {"Будни", 0x1f},     {"выходные", 0x60},
		     {"Выходные", 0x60}, {"ежедневно", 0x7f}, {"Ежедневно", 0x7f}};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(s, words[i].w))
			return words[i].m;
	if (strlen(s) == 7 && strspn(s, "01") == 7) {
		int m = 0;
		for (int d = 0; d < 7; d++)
			m |= (s[d] == '1') << d;
		return m;
	}
	char buf[256];
	snprintf(buf, sizeof buf, "%s", s);
	int m = 0;
	for (char *save = NULL, *tok = strtok_r(buf, ", ;", &save); tok;
	     tok = strtok_r(NULL, ", ;", &save)) {
		char *dash = strchr(tok, '-');
		if (dash) {
			*dash = 0;
			int a = weekday(tok), b = weekday(dash + 1);
			if (a < 0 || b < 0)
				return -1;
			for (int d = a;; d = (d + 1) % 7) {
				m |= 1 << d;
				if (d == b)
					break;
			}
		} else {
			int a = weekday(tok);
			if (a < 0)
				return -1;
			m |= 1 << a;
		}
	}
	return m;
}

/* ---- inputs ---- */
typedef struct pt {
	char id[64];	/* OSM id, or "" for coordinates */
	char text[256]; /* as written in the input */
	double lat, lon;
	int has_stop; /* timetable.csv says where the bus stops */
	double slat, slon;
} pt_t;

static pt_t pts[4096];
static int n_pts;
static sr_map_t *map;

static int point(const char *q, osm_find_want_t want, const char *file, long line)
{
	double la, lo;
	char rest;
	int k = -1;
	pt_t p;
	memset(&p, 0, sizeof p);
	snprintf(p.text, sizeof p.text, "%s", q);
	if (sscanf(q, "%lf%*[ ,;]%lf %c", &la, &lo, &rest) == 2) {
		p.lat = la;
		p.lon = lo;
	} else {
		osm_feature_t fv, *f = &fv;
		sr_error_t err;
		if (osm_find(map, q, want, &fv, &err) != SR_OK) {
			fprintf(stderr, "check_plan: %s:%ld: cannot resolve '%s': %s\n", file, line,
				q, err.msg);
			exit(2);
		}
		snprintf(p.id, sizeof p.id, "%c%lld", f->type, (long long)f->id);
		p.lat = f->lat;
		p.lon = f->lon;
	}
	for (int i = 0; i < n_pts; i++)
		if (p.id[0] ? !strcmp(pts[i].id, p.id)
			    : (!pts[i].id[0] && pts[i].lat == p.lat && pts[i].lon == p.lon))
			k = i;
	if (k < 0) {
		if (n_pts == 4096) {
			fprintf(stderr, "check_plan: too many points\n");
			exit(2);
		}
		k = n_pts;
		pts[n_pts++] = p;
	}
	return k;
}

typedef struct session {
	char id[240];
	char name[128]; /* sessions.csv's name: rows of one name on other days
			   are parts of one session, id "name (days)" */
	int family;	/* the first row of its name */
	int dest, days, start, end, limit;
	int mix;	    /* sessions.csv mix: 1 yes, 0 no, -1 empty */
	double early, late; /* its own windows in minutes; -1: the plan's */
	int kindergarten;   /* its destination is a kindergarten of the map */
} session_t;
typedef struct rider {
	int pickup, session, children, limit;
	int legs; /* riders.csv direction: 0 both, 1 to only, 2 home only */
	long line;
	int half;      /* a row with a home elsewhere (riders.csv home): 1 the trip
		     there from its pickup, 2 the trip home to the home point */
	int from;      /* half 2: the point its children board at (half 1's) */
	int own_limit; /* its own max_ride_min in seconds, 0 when none */
} rider_t;
typedef struct bus {
	char id[128];
	int depot, seats, from, to;
	double max_shift_s, max_drive_s; /* fleet.csv's own or the settings' */
	int split;			 /* split shifts: fleet.csv's own or the settings' */
} bus_t;

static session_t *ses;
static int n_ses;
static rider_t *rid;
static int n_rid;
static bus_t *bus;
static int n_bus;

/* Whether point k is a kindergarten (amenity or building) of the map. */
static int is_kindergarten(int k)
{
	for (size_t i = 0; i < map->n_dests; i++) {
		char id[64];
		snprintf(id, sizeof id, "%c%lld", map->dests[i].type, (long long)map->dests[i].id);
		if (map->dests[i].kind == OSM_DEST_KINDERGARTEN && !strcmp(id, pts[k].id))
			return 1;
	}
	return 0;
}

static sr_csv_t *load_csv(const char *path)
{
	sr_csv_t *c;
	sr_error_t err;
	if (sr_csv_read(path, 1, &c, &err))
		die(path, &err);
	return c;
}

/* Whether a riders.csv row is a spreadsheet's totals row, as the README
 * has it: "Итого", "Всего" or "Total" (any case, a colon or not) first in
 * the pickup with no session, or in the session with no pickup. */
static int totals_row(const char *pickup, const char *session)
{
	if (pickup[0] && session[0])
		return 0;
	char *f = osm_name_fold(pickup[0] ? pickup : session);
	int hit = 0;
	static const char *const w[] = {"итого", "всего", "total"};
	for (int i = 0; f && !hit && i < 3; i++) {
		size_t n = strlen(w[i]);
		hit = !strncmp(f, w[i], n) && (f[n] == '\0' || f[n] == ' ' || f[n] == ':');
	}
	free(f);
	return hit;
}

static const char *field(const sr_csv_t *c, size_t r, const char *name)
{
	int k = sr_csv_col(&c->rows[0], name);
	return k < 0 || k >= c->rows[r].n ? "" : c->rows[r].fields[k];
}

static int session_of(const char *id)
{
	for (int i = 0; i < n_ses; i++)
		if (!strcmp(ses[i].id, id))
			return i;
	return -1;
}

/* The README's ids of the parts of a session held at other times on some
 * days: the name and its days in the plan's language, "Футбол (Пн)",
 * "Детский сад (Пн–Чт)" (three days or more in a row as a range). */
static void name_parts(void)
{
	static const char *ru[7] = {"Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"},
			  *en[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	for (int i = 0; i < n_ses; i++) {
		ses[i].family = i;
		for (int j = 0; j < i && ses[i].family == i; j++)
			if (!strcmp(ses[j].name, ses[i].name))
				ses[i].family = j;
	}
	for (int i = 0; i < n_ses; i++) {
		int parts = 0;
		for (int j = 0; j < n_ses; j++)
			parts += ses[j].family == ses[i].family;
		if (parts < 2)
			continue;
		char d[96] = "";
		for (int a = 0; a < 7; a++) {
			if (!(ses[i].days >> a & 1))
				continue;
			int b = a;
			while (b < 6 && (ses[i].days >> (b + 1) & 1))
				b++;
			const char **nm = conf.en ? en : ru;
			size_t l = strlen(d);
			if (b - a >= 2)
				snprintf(d + l, sizeof d - l, "%s%s–%s", l ? ", " : "", nm[a],
					 nm[b]);
			else
				snprintf(d + l, sizeof d - l, "%s%s", l ? ", " : "", nm[a]);
			a = b > a + 1 ? b : a;
		}
		snprintf(ses[i].id, sizeof ses[i].id, "%s (%s)", ses[i].name, d);
	}
}

/* The sessions a riders or locks cell names: every part of a session held
 * at other times on some days, or the one session of that id. */
static int sessions_named(const char *name, int *out)
{
	int n = 0;
	for (int i = 0; i < n_ses; i++)
		if (!strcmp(ses[i].name, name) && strcmp(ses[i].id, ses[i].name))
			out[n++] = i;
	if (!n && (out[0] = session_of(name)) >= 0)
		n = 1;
	return n;
}

static void read_inputs(void)
{
	sr_csv_t *c = load_csv(conf.sessions);
	ses = calloc(c->n_rows, sizeof *ses);
	for (size_t r = 1; r < c->n_rows; r++) {
		session_t *s = &ses[n_ses++];
		snprintf(s->id, sizeof s->id, "%s", field(c, r, "session"));
		snprintf(s->name, sizeof s->name, "%s", field(c, r, "session"));
		s->dest =
			point(field(c, r, "destination"), OSM_FIND_DEST, c->path, c->rows[r].line);
		s->days = days_mask(field(c, r, "days"));
		s->start = clock_s(field(c, r, "start"), 0);
		s->end = clock_s(field(c, r, "end"), 0);
		char t0[16], t1[16];
		/* or both in one column, `time`: only the plain HH:MM-HH:MM */
		if (!field(c, r, "start")[0] &&
		    sscanf(field(c, r, "time"), "%15[0-9:]-%15[0-9:]", t0, t1) == 2) {
			s->start = clock_s(t0, 0);
			s->end = clock_s(t1, 0);
		}
		const char *l = field(c, r, "max_ride_min");
		s->limit = (int)((l[0] ? atof(l) : conf.max_ride) * 60);
		const char *mx = field(c, r, "mix");
		s->mix = !strcmp(mx, "yes") ? 1 : !strcmp(mx, "no") ? 0 : -1;
		const char *ew = field(c, r, "early_window_min"),
			   *lw = field(c, r, "late_window_min");
		s->early = ew[0] ? atof(ew) : -1;
		s->late = lw[0] ? atof(lw) : -1;
		s->kindergarten = is_kindergarten(s->dest);
	}
	sr_csv_free(c);
	name_parts();
	c = load_csv(conf.riders);
	rid = calloc(c->n_rows * (size_t)(n_ses + 1) * 2, sizeof *rid);
	int *parts = calloc((size_t)n_ses + 1, sizeof(int));
	for (size_t r = 1; r < c->n_rows; r++) {
		if (totals_row(field(c, r, "pickup"), field(c, r, "session")))
			continue;
		/* a rider of each part of a session held at other times */
		int n = sessions_named(field(c, r, "session"), parts);
		for (int k = 0; k < n; k++) {
			rider_t *x = &rid[n_rid++];
			x->line = c->rows[r].line;
			x->pickup = point(field(c, r, "pickup"), OSM_FIND_PICKUP, c->path, x->line);
			x->session = parts[k];
			x->children = atoi(field(c, r, "children"));
			const char *l = field(c, r, "max_ride_min");
			x->limit = l[0] ? atoi(l) * 60 : ses[x->session].limit;
			x->own_limit = l[0] ? atoi(l) * 60 : 0;
			const char *dv = field(c, r, "direction");
			x->legs = !strcmp(dv, "to") ? 1 : !strcmp(dv, "from") ? 2 : 0;
			/* home elsewhere: there from the pickup, home to `home` */
			const char *hv = field(c, r, "home");
			int h = hv[0] ? point(hv, OSM_FIND_PICKUP, c->path, x->line) : -1;
			if (h >= 0 && h != x->pickup) {
				x->legs = 1;
				x->half = 1;
				rider_t *y = &rid[n_rid++];
				*y = *x;
				y->pickup = h;
				y->legs = 2;
				y->half = 2;
				y->from = x->pickup;
			}
		}
	}
	free(parts);
	sr_csv_free(c);
	c = load_csv(conf.fleet);
	bus = calloc(c->n_rows, sizeof *bus);
	for (size_t r = 1; r < c->n_rows; r++) {
		bus_t *b = &bus[n_bus++];
		snprintf(b->id, sizeof b->id, "%s", field(c, r, "bus"));
		b->depot = point(field(c, r, "depot"), OSM_FIND_ANY, c->path, c->rows[r].line);
		b->seats = atoi(field(c, r, "seats"));
		const char *f = field(c, r, "available_from"), *t = field(c, r, "available_to");
		b->from = f[0] ? clock_s(f, 0) : 0;
		b->to = t[0] ? clock_s(t, 0) : 86400;
		const char *sp = field(c, r, "split_shift");
		b->split = sp[0] ? !strcmp(sp, "yes") : conf.split;
		const char *ms = field(c, r, "max_shift_h"), *md = field(c, r, "max_driving_h");
		b->max_shift_s = 3600 * (ms[0] ? atof(ms) : conf.max_shift_h);
		b->max_drive_s = 3600 * (md[0] ? atof(md) : conf.max_driving_h);
	}
	sr_csv_free(c);
}

/* ---- road times between the points ---- */
static double *T; /* n_pts^2, whole seconds rounded up */

/* Where a point meets the roads a bus may stop on: where timetable.csv
 * says the bus stops, which must lie on such a road (never a motorway or
 * trunk road) within 1 km of the point (of an area's outline); for a
 * point without stops (a depot), the nearest such road to it or to its
 * outline (or where plan.json says its buses park: read_depot_stops). */
static void road_matrix(void)
{
	net_snap_opts_t so;
	net_snap_opts_init(&so);
	so.stops_only = 1;
	net_snapper_t *sn = net_snapper_new_opts(map->net, &so);
	net_snap_t *s = calloc((size_t)n_pts, sizeof *s);
	for (int i = 0; i < n_pts; i++) {
		sr_error_t err;
		double la = pts[i].has_stop ? pts[i].slat : pts[i].lat;
		double lo = pts[i].has_stop ? pts[i].slon : pts[i].lon;
		if (net_snap(sn, la, lo, &s[i], &err))
			die("snap", &err);
		double *ola = NULL, *olo = NULL, clat, clon;
		size_t no = 0;
		if (pts[i].id[0] && pts[i].id[0] != 'n')
			osm_element_locate(map, pts[i].id[0], atoll(pts[i].id + 1), &clat, &clon,
					   &ola, &olo, &no);
		double from = sr_haversine_m(pts[i].lat, pts[i].lon, la, lo);
		for (size_t k = 0; k < no; k++) {
			double d = sr_haversine_m(ola[k], olo[k], la, lo);
			if (d < from)
				from = d;
			net_snap_t o;
			if (!pts[i].has_stop && !net_snap(sn, ola[k], olo[k], &o, &err) &&
			    o.dist_m < s[i].dist_m)
				s[i] = o;
		}
		free(ola);
		free(olo);
		if (pts[i].has_stop && s[i].dist_m > 1.0)
			BAD("stop %s (%s) at %.6f, %.6f is %.0f m from any road a bus may stop on",
			    pts[i].id, pts[i].text, la, lo, s[i].dist_m);
		if (pts[i].has_stop && from > 1000.5)
			BAD("stop %s (%s) at %.6f, %.6f is %.0f m from the point", pts[i].id,
			    pts[i].text, la, lo, from);
	}
	net_snapper_free(sn);
	mat_opts_t o;
	mat_opts_init(&o);
	sr_matrix_t *m;
	sr_error_t err;
	if (mat_compute(map->net, s, (uint32_t)n_pts, &o, &m, &err))
		die("matrix", &err);
	T = calloc((size_t)n_pts * n_pts, sizeof *T);
	for (size_t k = 0; k < (size_t)n_pts * n_pts; k++)
		T[k] = ceil(m->seconds[k] - 1e-9);
	mat_free(m);
	free(s);
}

static double tt(int a, int b)
{
	return T[(size_t)a * n_pts + b];
}

/* ---- timetable.csv ---- */
typedef struct ev {
	int days, seq, point, arr, dep, board, alight, session;
	int is_dest; /* a destination stop of its session (check_runs) */
	char bus[128], run[128];
	long line;
} ev_t;

static ev_t *ev;
static int n_ev;

/* The input point a timetable stop is: by OSM id, by the text written in
 * the input, or by coordinates (within 30 m). */
static int stop_point(const char *id, const char *name, double lat, double lon)
{
	for (int i = 0; i < n_pts; i++)
		if (pts[i].id[0] && !strcmp(pts[i].id, id))
			return i;
	for (int i = 0; i < n_pts; i++)
		if (!pts[i].id[0] && !strcmp(pts[i].text, name))
			return i;
	for (int i = 0; i < n_pts; i++)
		if (!pts[i].id[0] && sr_haversine_m(pts[i].lat, pts[i].lon, lat, lon) < 30)
			return i;
	return -1;
}

static void read_timetable(const char *out)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/timetable.csv", out);
	sr_csv_t *c = load_csv(path);
	static const char *cols[] = {"days",	  "bus",    "run",     "seq",	     "stop_id",
				     "stop_name", "lat",    "lon",     "arrival",    "departure",
				     "board",	  "alight", "session", "destination"};
	const sr_csv_row_t *h = &c->rows[0];
	if (h->n != 14)
		BAD("timetable.csv: header has %d columns, not 14", h->n);
	for (int i = 0; i < 14 && i < h->n; i++)
		if (strcmp(h->fields[i], cols[i]))
			BAD("timetable.csv: column %d is '%s', not '%s'", i + 1, h->fields[i],
			    cols[i]);
	ev = calloc(c->n_rows, sizeof *ev);
	for (size_t r = 1; r < c->n_rows; r++) {
		ev_t *e = &ev[n_ev++];
		e->line = c->rows[r].line;
		e->days = days_mask(field(c, r, "days"));
		snprintf(e->bus, sizeof e->bus, "%s", field(c, r, "bus"));
		snprintf(e->run, sizeof e->run, "%s", field(c, r, "run"));
		e->seq = atoi(field(c, r, "seq"));
		e->point = stop_point(field(c, r, "stop_id"), field(c, r, "stop_name"),
				      atof(field(c, r, "lat")), atof(field(c, r, "lon")));
		if (e->point >= 0) {
			pts[e->point].has_stop = 1;
			pts[e->point].slat = atof(field(c, r, "lat"));
			pts[e->point].slon = atof(field(c, r, "lon"));
		}
		e->arr = clock_s(field(c, r, "arrival"), 1);
		e->dep = clock_s(field(c, r, "departure"), 1);
		e->board = atoi(field(c, r, "board"));
		e->alight = atoi(field(c, r, "alight"));
		e->session = session_of(field(c, r, "session"));
		if (e->days <= 0 || e->point < 0 || e->arr < 0 || e->dep < 0 || e->session < 0 ||
		    e->board < 0 || e->alight < 0)
			BAD("timetable.csv:%ld: cannot read the row (days, stop, times, counts or session)",
			    e->line);
		if (e->arr > e->dep)
			BAD("timetable.csv:%ld: departure before arrival", e->line);
		if (e->arr < 6 * 3600 || e->dep > 23 * 3600)
			BAD("timetable.csv:%ld: a stop between 23:00 and 06:00", e->line);
	}
	sr_csv_free(c);
}

/* ---- plan.json: the unserved list (a small JSON reader of our own) ---- */
typedef struct unserved {
	int pickup, session, dir, children, days; /* dir -1 both, 0 to, 1 home */
} unserved_t;
static unserved_t uns[4096];
static int n_uns;
/* plan.json's count of children left out (unserved_children), -1 when
 * absent */
static int json_unserved_children = -1;
/* plan.json's week: repeating runs and those on one bus all week (-1
 * when absent) */
static int json_repeating = -1, json_same_bus = -1, json_distinct = -1,
	   json_per_day[7] = {-1, -1, -1, -1, -1, -1, -1};
static long json_round_trips = -1, json_round_same = -1;
static int json_longest_shift = -1, json_longest_driving = -1, json_longest_week = -1;
/* plan.json buses' week_work_s by id (the drivers' working week) */
static struct {
	char id[128];
	int s;
} json_week[256];
static int n_json_week;

typedef struct jv {
	char type; /* o a s n t f z */
	char *str;
	double num;
	struct jv *kids;
	char **keys;
	int n;
} jv_t;

static const char *jp;

static void jws(void)
{
	while (*jp == ' ' || *jp == '\n' || *jp == '\r' || *jp == '\t')
		jp++;
}

static int jparse(jv_t *v);

static char *jstring(void)
{
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_puts(&b, "");
	jp++;
	while (*jp && *jp != '"') {
		if (*jp == '\\') {
			jp++;
			char c = *jp;
			if (c == 'u') {
				unsigned u = 0;
				sscanf(jp + 1, "%4x", &u);
				jp += 4;
				char tmp[4];
				int n = 0;
				if (u < 0x80)
					tmp[n++] = (char)u;
				else if (u < 0x800) {
					tmp[n++] = (char)(0xC0 | (u >> 6));
					tmp[n++] = (char)(0x80 | (u & 0x3F));
				} else {
					tmp[n++] = (char)(0xE0 | (u >> 12));
					tmp[n++] = (char)(0x80 | ((u >> 6) & 0x3F));
					tmp[n++] = (char)(0x80 | (u & 0x3F));
				}
				sr_buf_append(&b, tmp, (size_t)n);
			} else {
				sr_buf_putc(&b, c == 'n' ? '\n' : c == 't' ? '\t' : c);
			}
			jp++;
		} else {
			sr_buf_putc(&b, *jp++);
		}
	}
	if (*jp == '"')
		jp++;
	return b.data;
}

static int jparse(jv_t *v)
{
	memset(v, 0, sizeof *v);
	jws();
	if (*jp == '{' || *jp == '[') {
		char close = *jp == '{' ? '}' : ']';
		v->type = *jp == '{' ? 'o' : 'a';
		jp++;
		jws();
		if (*jp == close) {
			jp++;
			return 0;
		}
		for (;;) {
			char *key = NULL;
			jws();
			if (v->type == 'o') {
				if (*jp != '"')
					return -1;
				key = jstring();
				jws();
				if (*jp++ != ':')
					return -1;
			}
			v->kids = realloc(v->kids, (size_t)(v->n + 1) * sizeof(jv_t));
			v->keys = realloc(v->keys, (size_t)(v->n + 1) * sizeof(char *));
			v->keys[v->n] = key;
			if (jparse(&v->kids[v->n++]))
				return -1;
			jws();
			if (*jp == ',') {
				jp++;
				continue;
			}
			if (*jp == close) {
				jp++;
				return 0;
			}
			return -1;
		}
	}
	if (*jp == '"') {
		v->type = 's';
		v->str = jstring();
		return 0;
	}
	if (!strncmp(jp, "true", 4) || !strncmp(jp, "false", 5) || !strncmp(jp, "null", 4)) {
		v->type = *jp == 't' ? 't' : *jp == 'f' ? 'f' : 'z';
		jp += *jp == 'f' ? 5 : 4;
		return 0;
	}
	char *end;
	v->num = strtod(jp, &end);
	if (end == jp)
		return -1;
	v->type = 'n';
	jp = end;
	return 0;
}

static void jfree(jv_t *v)
{
	for (int i = 0; i < v->n; i++) {
		jfree(&v->kids[i]);
		free(v->keys[i]);
	}
	free(v->kids);
	free(v->keys);
	free(v->str);
}

static const jv_t *jget(const jv_t *o, const char *key)
{
	if (!o || o->type != 'o')
		return NULL;
	for (int i = 0; i < o->n; i++)
		if (!strcmp(o->keys[i], key))
			return &o->kids[i];
	return NULL;
}

/* Where plan.json says a depot's buses park (its points' stop_lat and
 * stop_lon): like a timetable stop, it must lie on a road a bus may stop
 * on within 1 km of the depot (road_matrix checks it), and the depot legs
 * are timed from there. Without it (no plan.json, or no such point) the
 * checker places the depot on the road nearest to it or its outline. */
static void read_depot_stops(const char *out)
{
	char path[4200], *data;
	size_t len;
	sr_error_t err;
	snprintf(path, sizeof path, "%s/plan.json", out);
	if (sr_read_file(path, &data, &len, &err))
		return;
	jv_t root;
	jp = data;
	if (jparse(&root))
		die("plan.json is not valid JSON", NULL);
	const jv_t *ps = jget(&root, "points");
	for (int k = 0; ps && ps->type == 'a' && k < ps->n; k++) {
		const jv_t *id = jget(&ps->kids[k], "id"), *kind = jget(&ps->kids[k], "kind");
		const jv_t *la = jget(&ps->kids[k], "stop_lat"),
			   *lo = jget(&ps->kids[k], "stop_lon");
		if (!id || id->type != 's' || !kind || kind->type != 's' ||
		    strcmp(kind->str, "depot") || !la || la->type != 'n' || !lo || lo->type != 'n')
			continue;
		for (int b = 0; b < n_bus; b++) {
			pt_t *q = &pts[bus[b].depot];
			if (q->has_stop || strcmp(q->id, id->str))
				continue;
			q->has_stop = 1;
			q->slat = la->num;
			q->slon = lo->num;
		}
	}
	jfree(&root);
	free(data);
}

/* plan.json's locks: line, kept, and whether a reason is given */
typedef struct jlock {
	long line;
	int kept, has_reason;
} jlock_t;
static jlock_t jlocks[1024];
static int n_jlocks;

static void read_json_locks(const jv_t *root)
{
	const jv_t *lk = jget(root, "locks");
	for (int i = 0; lk && lk->type == 'a' && i < lk->n && n_jlocks < 1024; i++) {
		const jv_t *x = &lk->kids[i], *ln = jget(x, "line"), *k = jget(x, "kept"),
			   *r = jget(x, "reason");
		jlocks[n_jlocks++] =
			(jlock_t){ln && ln->type == 'n' ? (long)ln->num : -1, k && k->type == 't',
				  r && r->type == 's' && r->str[0]};
	}
}

static void read_unserved(const char *out)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/plan.json", out);
	char *data;
	size_t len;
	sr_error_t err;
	if (sr_read_file(path, &data, &len, &err)) {
		fprintf(stderr, "check_plan: no plan.json; assuming nobody is unserved\n");
		return;
	}
	jv_t root;
	jp = data;
	if (jparse(&root))
		die("plan.json is not valid JSON", NULL);
	const jv_t *wk = jget(&root, "week");
	if (wk && wk->type == 'o') {
		const jv_t *a = jget(wk, "repeating_runs"), *b = jget(wk, "same_bus_runs");
		json_repeating = a && a->type == 'n' ? (int)a->num : -1;
		json_same_bus = b && b->type == 'n' ? (int)b->num : -1;
		const jv_t *d = jget(wk, "distinct_buses"), *pd = jget(wk, "buses_per_day");
		json_distinct = d && d->type == 'n' ? (int)d->num : -1;
		const jv_t *rt = jget(wk, "round_trips"), *rs = jget(wk, "round_trips_same_bus");
		json_round_trips = rt && rt->type == 'n' ? (long)rt->num : -1;
		json_round_same = rs && rs->type == 'n' ? (long)rs->num : -1;
		for (int i = 0; pd && pd->type == 'a' && i < 7 && i < pd->n; i++)
			json_per_day[i] = pd->kids[i].type == 'n' ? (int)pd->kids[i].num : -1;
	}
	const jv_t *dr = jget(&root, "drivers");
	if (dr && dr->type == 'o') {
		const jv_t *a = jget(dr, "longest_shift_s"), *b = jget(dr, "longest_driving_s");
		json_longest_shift = a && a->type == 'n' ? (int)a->num : -1;
		json_longest_driving = b && b->type == 'n' ? (int)b->num : -1;
		const jv_t *w = jget(dr, "longest_week_s");
		json_longest_week = w && w->type == 'n' ? (int)w->num : -1;
	}
	const jv_t *jb = jget(&root, "buses");
	for (int i = 0; jb && jb->type == 'a' && i < jb->n && n_json_week < 256; i++) {
		const jv_t *id = jget(&jb->kids[i], "id"), *w = jget(&jb->kids[i], "week_work_s");
		if (!id || id->type != 's' || !w || w->type != 'n')
			continue;
		snprintf(json_week[n_json_week].id, sizeof json_week[0].id, "%s", id->str);
		json_week[n_json_week++].s = (int)w->num;
	}
	const jv_t *uc = jget(&root, "unserved_children");
	if (uc && uc->type == 'n')
		json_unserved_children = (int)uc->num;
	read_json_locks(&root);
	const jv_t *u = jget(&root, "unserved");
	if (!u || u->type != 'a') {
		BAD("plan.json: no \"unserved\" array");
		jfree(&root);
		free(data);
		return;
	}
	for (int i = 0; i < u->n && n_uns < 4096; i++) {
		const jv_t *x = &u->kids[i];
		unserved_t *y = &uns[n_uns++];
		const jv_t *pk = jget(x, "pickup_id"), *pn = jget(x, "pickup");
		const jv_t *s = jget(x, "session"), *d = jget(x, "direction");
		const jv_t *c = jget(x, "children"), *dy = jget(x, "days");
		if (!pk)
			pk = pn;
		y->pickup = -1;
		if (pk && pk->type == 's')
			y->pickup = stop_point(pk->str, pk->str, 1e9, 1e9);
		if (y->pickup < 0 && pn && pn->type == 's')
			y->pickup = stop_point("", pn->str, 1e9, 1e9);
		y->session = s && s->type == 's' ? session_of(s->str) : -1;
		y->children = c && c->type == 'n' ? (int)c->num : 0;
		y->days = dy && dy->type == 's' ? days_mask(dy->str) : 0;
		y->dir = -1;
		if (d && d->type == 's')
			y->dir = !strcmp(d->str, "to_session") || !strcmp(d->str, "to") ? 0
				 : !strcmp(d->str, "home")				? 1
											: -1;
		if (y->session < 0 || y->children <= 0 || y->days <= 0)
			BAD("plan.json: unserved entry %d cannot be read (session, children, days)",
			    i);
	}
	jfree(&root);
	free(data);
}

/* ---- the checks ---- */
static int bus_of(const char *id)
{
	for (int i = 0; i < n_bus; i++)
		if (!strcmp(bus[i].id, id))
			return i;
	return -1;
}

static int dwell(int children)
{
	return (int)lround(conf.dwell_base + conf.dwell_child * children);
}

typedef struct run {
	int first, n; /* rows ev[first..first+n) */
	int dir, bus, session, days;
} run_t;

static int cmp_ev(const void *a, const void *b)
{
	const ev_t *x = a, *y = b;
	int c = strcmp(x->run, y->run);
	if (c)
		return c;
	if (x->days != y->days) /* one run id on several day patterns */
		return x->days - y->days;
	return x->seq - y->seq;
}

static int limit_of(int pickup, int session)
{
	int lim = -1;
	for (int i = 0; i < n_rid; i++)
		if (rid[i].pickup == pickup && rid[i].session == session && rid[i].children > 0)
			if (lim < 0 || rid[i].limit < lim)
				lim = rid[i].limit;
	return lim;
}

static run_t *runs;
static int n_runs;

/* Marks the destination rows of run rows ev[i..j) (is_dest) and sets its
 * direction: a run to the sessions boards children first and ends with
 * the destinations where they get off (one per session, at its
 * destination); a run home starts with the destinations where they board,
 * then drops them off. Returns 0, 1, or -2 when it is neither. */
static int run_shape(int i, int j)
{
	int to = !(ev[i].board > 0 && ev[i].point == ses[ev[i].session].dest), ok = 1,
	    seen_dest = 0;
	for (int k = i; k < j; k++) {
		ev_t *e = &ev[k];
		const session_t *s = &ses[e->session];
		e->is_dest = to ? e->alight > 0 : e->board > 0;
		if (e->is_dest && (e->point != s->dest || (to ? e->board : e->alight)))
			ok = 0;
		if (to ? (seen_dest && !e->is_dest) : (k > i && e->is_dest && !ev[k - 1].is_dest))
			ok = 0; /* a pickup after a destination, or the other way */
		seen_dest |= e->is_dest;
		for (int q = i; q < k; q++)
			if (e->is_dest && ev[q].is_dest && ev[q].session == e->session)
				ok = 0; /* two destination stops of one session */
	}
	if (!ok || !ev[to ? j - 1 : i].is_dest)
		return -2;
	/* each session's children all get off (board) at its destination */
	for (int k = i; k < j; k++) {
		if (!ev[k].is_dest)
			continue;
		int sum = 0;
		for (int q = i; q < j; q++)
			if (!ev[q].is_dest && ev[q].session == ev[k].session)
				sum += to ? ev[q].board : ev[q].alight;
		if (sum != (to ? ev[k].alight : ev[k].board))
			return -2;
	}
	return to ? 0 : 1;
}

/* The destination row of session si in run rows ev[i..j). */
static const ev_t *dest_row(int i, int j, int si)
{
	for (int k = i; k < j; k++)
		if (ev[k].is_dest && ev[k].session == si)
			return &ev[k];
	return NULL;
}

/* Seats, dwell, leg times (no waiting with children on board) and the
 * order of boarding and alighting of run r. */
static void check_loads(const run_t *r, const char *rn)
{
	int i = r->first, j = r->first + r->n;
	int load = 0, seats = r->bus >= 0 ? bus[r->bus].seats : 1 << 30;
	for (int k = i; k < j; k++) {
		load += ev[k].board - ev[k].alight;
		if (load < 0 || load > seats)
			BAD("run %s stop %d: %d children on board, the bus has %d seats", rn,
			    ev[k].seq, load, seats);
		if (ev[k].board || ev[k].alight) {
			/* at the place of the stop before: the same halt, its
			 * children's time only */
			int n = ev[k].board + ev[k].alight;
			int need = k > i && ev[k - 1].point == ev[k].point
					   ? (int)lround(conf.dwell_child * n)
					   : dwell(n);
			if (ev[k].dep - ev[k].arr < need - 1)
				BAD("run %s stop %d: dwell %d s, less than %d s", rn, ev[k].seq,
				    ev[k].dep - ev[k].arr, need);
		}
		if (k + 1 < j) {
			int leg = ev[k + 1].arr - ev[k].dep;
			double need = tt(ev[k].point, ev[k + 1].point);
			if (leg < need - 1)
				BAD("run %s: %d s from stop %d to %d, the road needs %.0f s", rn,
				    leg, ev[k].seq, ev[k + 1].seq, need);
			if (load > 0 && leg > need + 1)
				BAD("run %s: waits %.0f s with %d children on board after stop %d",
				    rn, leg - need, load, ev[k].seq);
		}
	}
	if (load != 0)
		BAD("run %s: %d children never get off", rn, load);
}

/* Each destination of run r within its session's window, each child's
 * ride within its limit. */
static void check_windows(const run_t *r, const char *rn)
{
	int i = r->first, j = r->first + r->n;
	for (int k = i; k < j; k++) {
		const ev_t *e = &ev[k];
		const session_t *s = &ses[e->session];
		if (e->is_dest && r->dir == 0) {
			int latest = s->start - (int)(conf.arrival_buffer * 60);
			double w = s->early >= 0 ? s->early : conf.early_window;
			int earliest = latest - (int)(w * 60);
			if (e->arr > latest || e->arr < earliest)
				BAD("run %s: arrives at %s %02d:%02d:%02d, outside %02d:%02d-%02d:%02d",
				    rn, s->id, e->arr / 3600, e->arr / 60 % 60, e->arr % 60,
				    earliest / 3600, earliest / 60 % 60, latest / 3600,
				    latest / 60 % 60);
		} else if (e->is_dest) {
			int leave = s->end + (int)(conf.departure_buffer * 60);
			double w = s->late >= 0 ? s->late : conf.late_window;
			int latest = leave + (int)(w * 60);
			if (e->dep < leave || e->dep > latest)
				BAD("run %s: leaves %s at %d s, outside %02d:%02d-%02d:%02d", rn,
				    s->id, e->dep, leave / 3600, leave / 60 % 60, latest / 3600,
				    latest / 60 % 60);
		}
		if (e->is_dest || !(e->board + e->alight))
			continue;
		int lim = limit_of(e->point, e->session);
		const ev_t *d = dest_row(i, j, e->session);
		if (lim < 0 || !d) {
			BAD("run %s: children get on or off at stop %d, where nobody rides to %s",
			    rn, e->seq, s->id);
			continue;
		}
		int ride = r->dir == 0 ? d->arr - e->dep : e->arr - d->dep;
		if (ride > lim)
			BAD("run %s stop %d: ride %d s over the limit %d s", rn, e->seq, ride, lim);
	}
}

/* A run with children of several sessions (a mixed load): allowed unless
 * plan.conf says mixed_load = no, a session says mix = no, or a
 * kindergarten's session does not say mix = yes. */
static void check_mixed(const run_t *r, const char *rn)
{
	int i = r->first, j = r->first + r->n, mixed = 0;
	for (int k = i; k < j; k++)
		mixed |= ev[k].session != ev[i].session;
	if (!mixed)
		return;
	if (conf.mixed_no)
		BAD("run %s: children of several sessions share it, but mixed_load = no", rn);
	for (int k = i; k < j; k++) {
		const session_t *s = &ses[ev[k].session];
		if (!ev[k].is_dest)
			continue;
		if (s->mix == 0)
			BAD("run %s: session %s (mix = no) shares the run with another session", rn,
			    s->id);
		else if (s->mix < 0 && s->kindergarten)
			BAD("run %s: kindergarten session %s shares the run without mix = yes", rn,
			    s->id);
	}
}

static void check_runs(void)
{
	qsort(ev, (size_t)n_ev, sizeof *ev, cmp_ev);
	runs = calloc((size_t)n_ev + 1, sizeof *runs);
	for (int i = 0; i < n_ev;) {
		int j = i, bad_session = 0;
		while (j < n_ev && !strcmp(ev[j].run, ev[i].run) && ev[j].days == ev[i].days)
			j++;
		run_t *r = &runs[n_runs++];
		r->first = i;
		r->n = j - i;
		r->session = ev[i].session;
		r->days = ev[i].days;
		r->bus = bus_of(ev[i].bus);
		const char *rn = ev[i].run;
		if (r->bus < 0)
			BAD("run %s: bus '%s' is not in the fleet", rn, ev[i].bus);
		for (int k = i; k < j; k++) {
			if (ev[k].seq != k - i + 1)
				BAD("run %s: stops are not numbered 1..%d", rn, j - i);
			if (ev[k].days != r->days || strcmp(ev[k].bus, ev[i].bus))
				BAD("run %s: days or bus change within the run", rn);
			bad_session |= ev[k].session < 0;
			if (ev[k].session >= 0 && (r->days & ~ses[ev[k].session].days))
				BAD("run %s: runs on days its session %s does not take place", rn,
				    ses[ev[k].session].id);
		}
		r->dir = bad_session || r->n < 2 ? -2 : run_shape(i, j);
		if (r->dir < 0) {
			BAD("run %s: neither a run to the sessions (boarding, then their destinations) nor a run home",
			    rn);
			i = j;
			continue;
		}
		check_loads(r, rn);
		check_windows(r, rn);
		check_mixed(r, rn);
		i = j;
	}
}

static int cmp_run_time(const void *a, const void *b)
{
	const run_t *x = a, *y = b;
	if (x->bus != y->bus)
		return x->bus - y->bus;
	return ev[x->first].arr - ev[y->first].arr;
}

/* The drivers' working time of bus b on one day, its runs v[k] in time
 * order: recomputed from the timetable and the road times. In a gap
 * longer than depot_return_min the bus goes to its depot when it can stay
 * there break_min; a wait of break_min is a break. The day runs from
 * leaving the depot to coming back; driving is the legs between stops,
 * the empty drives and the depot legs. With split_shift = yes the longest
 * stay at the depot of split_break_min_h or more is the split break: up to
 * split_break_max_h of it is not working time, and the span from leaving
 * to coming back is at most max_span_h. */
static int longest_shift = -1, longest_driving = -1;
static double week_work[512]; /* per bus: its days' working time summed */

static void check_hours(int b, int day, const run_t *v, const int *ks, int m)
{
	const bus_t *B = &bus[b];
	double brk = conf.break_min * 60, block_max = conf.before_break_h * 3600;
	const ev_t *f = &ev[v[ks[0]].first];
	const ev_t *l = &ev[v[ks[m - 1]].first + v[ks[m - 1]].n - 1];
	double out = tt(B->depot, f->point), back = tt(l->point, B->depot);
	double shift = l->dep + (int)back - (f->arr - (int)out);
	double drive = out, block = out, worst = out, split = 0;
	for (int q = 0; q < m; q++) {
		const run_t *r = &v[ks[q]];
		for (int e = r->first; e + 1 < r->first + r->n; e++) {
			drive += ev[e + 1].arr - ev[e].dep;
			block += ev[e + 1].arr - ev[e].dep;
		}
		worst = block > worst ? block : worst;
		if (q + 1 == m)
			break;
		const ev_t *a = &ev[r->first + r->n - 1], *c = &ev[v[ks[q + 1]].first];
		double gap = c->arr - a->dep, in = tt(a->point, B->depot),
		       go = tt(B->depot, c->point);
		int via = conf.depot_return_min > 0 && gap > conf.depot_return_min * 60 &&
			  gap - in - go >= brk;
		double d1 = via ? in : tt(a->point, c->point), d2 = via ? go : 0;
		drive += d1 + d2;
		double stay = gap - d1 - d2, credit = stay;
		if (credit > conf.split_max_h * 3600)
			credit = conf.split_max_h * 3600;
		if (B->split && via && stay >= conf.split_min_h * 3600 - 1 && credit > split)
			split = credit;
		block += d1;
		worst = block > worst ? block : worst;
		if (gap - d1 - d2 >= brk)
			block = 0;
		block += d2;
	}
	block += back;
	drive += back;
	worst = block > worst ? block : worst;
	if (B->split && shift > conf.max_span_h * 3600 + 1)
		BAD("bus %s, day %d: the driver's day spans %.0f s, over max_span_h %.0f s", B->id,
		    day + 1, shift, conf.max_span_h * 3600);
	shift -= split; /* the working time */
	if (shift > B->max_shift_s + 1)
		BAD("bus %s, day %d: the driver's working time is %.0f s (split break %.0f s), over the limit %.0f s",
		    B->id, day + 1, shift, split, B->max_shift_s);
	if (drive > B->max_drive_s + 1)
		BAD("bus %s, day %d: %.0f s of driving, over the limit %.0f s", B->id, day + 1,
		    drive, B->max_drive_s);
	if (worst > block_max + 1)
		BAD("bus %s, day %d: %.0f s of driving without a break of %.0f min, over %.0f s",
		    B->id, day + 1, worst, conf.break_min, block_max);
	longest_shift = shift > longest_shift ? (int)shift : longest_shift;
	if (b < 512)
		week_work[b] += shift;
	longest_driving = drive > longest_driving ? (int)drive : longest_driving;
}

static void check_duties(void)
{
	/* day patterns do not overlap */
	for (int a = 0; a < n_runs; a++)
		for (int b = 0; b < n_runs; b++)
			if (runs[a].days != runs[b].days && (runs[a].days & runs[b].days)) {
				BAD("runs %s and %s: day sets overlap without being equal",
				    ev[runs[a].first].run, ev[runs[b].first].run);
				return;
			}
	run_t *v = calloc((size_t)n_runs + 1, sizeof *v);
	memcpy(v, runs, (size_t)n_runs * sizeof *v);
	qsort(v, (size_t)n_runs, sizeof *v, cmp_run_time);
	int *ks = calloc((size_t)n_runs + 1, sizeof(int));
	for (int d = 0; d < 7; d++)
		for (int b = 0; b < n_bus; b++) {
			int prev = -1, first = -1, m = 0;
			for (int k = 0; k < n_runs; k++) {
				if (v[k].bus != b || !(v[k].days & (1 << d)) || v[k].dir < 0)
					continue;
				ks[m++] = k;
				const ev_t *f = &ev[v[k].first];
				if (prev < 0) {
					first = k;
					int leave = f->arr - (int)tt(bus[b].depot, f->point);
					if (leave < bus[b].from)
						BAD("bus %s: leaves its depot at %d s, before its hours",
						    bus[b].id, leave);
				} else {
					const ev_t *pl = &ev[v[prev].first + v[prev].n - 1];
					double dh = tt(pl->point, f->point);
					if (f->arr < pl->dep + dh - 1)
						BAD("bus %s: run %s ends %d s, run %s starts %d s, the deadhead takes %.0f s",
						    bus[b].id, pl->run, pl->dep, f->run, f->arr,
						    dh);
				}
				prev = k;
			}
			if (prev >= 0) {
				const ev_t *pl = &ev[v[prev].first + v[prev].n - 1];
				int back = pl->dep + (int)tt(pl->point, bus[b].depot);
				if (back > bus[b].to)
					BAD("bus %s: back at its depot at %d s, after its hours",
					    bus[b].id, back);
				(void)first;
				check_hours(b, d, v, ks, m);
			}
		}
	free(ks);
	free(v);
	printf("check_plan: longest driver's day %d s, most driving %d s\n", longest_shift,
	       longest_driving);
	if (json_longest_shift >= 0 && longest_shift >= 0 &&
	    (abs(json_longest_shift - longest_shift) > 1 ||
	     abs(json_longest_driving - longest_driving) > 2))
		BAD("plan.json drivers: longest day %d s and driving %d s, the timetable says %d s and %d s",
		    json_longest_shift, json_longest_driving, longest_shift, longest_driving);
	/* the drivers' working week: each bus's days recomputed here, summed
	 * (a second of rounding a day) */
	double top = 0;
	for (int b = 0; b < n_bus && b < 512; b++) {
		top = week_work[b] > top ? week_work[b] : top;
		for (int j = 0; j < n_json_week; j++)
			if (!strcmp(json_week[j].id, bus[b].id) &&
			    fabs(json_week[j].s - week_work[b]) > 7)
				BAD("plan.json: bus %s works %d s a week, the timetable says %.0f s",
				    bus[b].id, json_week[j].s, week_work[b]);
	}
	if (json_longest_week >= 0 && fabs(json_longest_week - top) > 7)
		BAD("plan.json drivers: longest week %d s, the timetable says %.0f s",
		    json_longest_week, top);
	printf("check_plan: longest working week %.0f s\n", top);
}

/* Every child travels each way it needs (riders.csv direction) exactly
 * once on every day of its session or is listed unserved; no group rides
 * one way only unless marked so: with B children needing both legs, T the
 * trip to the session only and F home only, and t, h taken and brought
 * home, t - min(B, t, h) <= T and h - min(B, t, h) <= F. The children left
 * out (the most of a group on any day) must match plan.json. */
static void check_children(void)
{
	int served_total = 0, left_total = 0;
	int *worst = calloc((size_t)n_ses * n_pts + 1, sizeof(int));
	for (int d = 0; d < 7; d++)
		for (int s = 0; s < n_ses; s++) {
			if (!(ses[s].days & (1 << d)))
				continue;
			for (int p = 0; p < n_pts; p++) {
				int need[3] = {0, 0, 0};
				for (int i = 0; i < n_rid; i++)
					if (rid[i].session == s && rid[i].pickup == p)
						need[rid[i].legs] += rid[i].children;
				int got[2] = {0, 0}, lost[2] = {0, 0};
				for (int k = 0; k < n_runs; k++) {
					const run_t *r = &runs[k];
					if (!(r->days & (1 << d)) || r->dir < 0)
						continue;
					for (int q = r->first; q < r->first + r->n; q++)
						if (ev[q].point == p && ev[q].session == s &&
						    !ev[q].is_dest)
							got[r->dir] += r->dir == 0 ? ev[q].board
										   : ev[q].alight;
				}
				for (int u = 0; u < n_uns; u++)
					if (uns[u].session == s && uns[u].pickup == p &&
					    (uns[u].days & (1 << d)))
						for (int dir = 0; dir < 2; dir++)
							if (uns[u].dir < 0 || uns[u].dir == dir)
								lost[dir] += uns[u].children;
				int b = need[0] < got[0] ? need[0] : got[0];
				b = b < got[1] ? b : got[1];
				if (got[0] - b > need[1] || got[1] - b > need[2])
					BAD("day %d, %s, session %s: %d taken and %d brought home, %d need both ways: "
					    "children ride one way only",
					    d + 1, pts[p].id[0] ? pts[p].id : pts[p].text,
					    ses[s].id, got[0], got[1], need[0]);
				int left = need[0] + need[1] + need[2] - (got[0] + got[1] - b);
				/* a row with a home elsewhere counts where its children
				 * board: its home half's children left out here are
				 * counted there */
				int halves = 0;
				for (int i = 0; i < n_rid; i++)
					if (rid[i].session == s && rid[i].pickup == p &&
					    rid[i].half == 2)
						halves += rid[i].children;
				if (halves) {
					int own = need[0] + need[2] - halves,
					    beyond = got[1] - (own < got[1] ? own : got[1]);
					left -= halves - (beyond < halves ? beyond : halves);
				}
				int *w = &worst[(size_t)ses[s].family * n_pts + p];
				*w = left > *w ? left : *w;
				for (int dir = 0; dir < 2; dir++) {
					int want = need[0] + need[dir + 1];
					if (got[dir] + lost[dir] != want)
						BAD("day %d, %s, session %s, %s: %d children, %d on runs, %d listed unserved",
						    d + 1, pts[p].id[0] ? pts[p].id : pts[p].text,
						    ses[s].id, dir ? "home" : "to the session",
						    want, got[dir], lost[dir]);
					served_total += got[dir];
				}
			}
		}
	for (int i = 0; i < n_ses * n_pts; i++)
		left_total += worst[i];
	free(worst);
	if (json_unserved_children >= 0 && json_unserved_children != left_total)
		BAD("plan.json: unserved_children %d, but %d children are left out on some day",
		    json_unserved_children, left_total);
	printf("check_plan: %d runs, %d stop events, %d child trips on runs, %d unserved entries, "
	       "%d children left out\n",
	       n_runs, n_ev, served_total, n_uns, left_total);
}

/* Rows that bring their children home elsewhere (riders.csv home): on
 * every day, of each session, the children the runs take at the pickups
 * of such rows beyond those points' own riders must be the children they
 * bring home to the home points beyond theirs (a child taken from school
 * is brought home to its village, and only then taken). */
static void check_halves(void)
{
	for (int d = 0; d < 7; d++)
		for (int s = 0; s < n_ses; s++) {
			if (!(ses[s].days & (1 << d)))
				continue;
			int side[3] = {0, 0, 0}, any = 0;
			for (int p = 0; p < n_pts; p++)
				for (int half = 1; half <= 2; half++) {
					int dir = half - 1, own = 0, pairs = 0, got = 0;
					for (int i = 0; i < n_rid; i++)
						if (rid[i].session == s && rid[i].pickup == p &&
						    (rid[i].legs == 0 || rid[i].legs == half))
							*(rid[i].half == half ? &pairs : &own) +=
								rid[i].children;
					if (!pairs)
						continue;
					any = 1;
					for (int k = 0; k < n_runs; k++) {
						const run_t *r = &runs[k];
						if (!(r->days & (1 << d)) || r->dir != dir)
							continue;
						for (int q = r->first; q < r->first + r->n; q++)
							if (ev[q].point == p &&
							    ev[q].session == s && !ev[q].is_dest)
								got += dir ? ev[q].alight
									   : ev[q].board;
					}
					int beyond = got - (own < got ? own : got);
					side[half] += beyond < pairs ? beyond : pairs;
				}
			if (any && side[1] != side[2])
				BAD("day %d, session %s: %d children taken from where they board to be "
				    "brought home elsewhere, %d brought home",
				    d + 1, ses[s].id, side[1], side[2]);
		}
}

/* Whether runs a and b are the same run: session, direction, the same
 * stops with the same children getting on and off, and (with_times) the
 * same arrival and departure times. */
static int same_run(const run_t *a, const run_t *b, int with_times)
{
	if (a->session != b->session || a->dir != b->dir || a->n != b->n)
		return 0;
	for (int q = 0; q < a->n; q++) {
		const ev_t *x = &ev[a->first + q], *y = &ev[b->first + q];
		if (x->point != y->point || x->board != y->board || x->alight != y->alight)
			return 0;
		if (with_times && (x->arr != y->arr || x->dep != y->dep))
			return 0;
	}
	return 1;
}

/* plan's same-bus figure in summary.txt ("N of M" / "N из M" after the
 * label), -1 when not found. */
static void summary_week(const char *out, int *same, int *rep)
{
	char path[4200], line[1024];
	snprintf(path, sizeof path, "%s/summary.txt", out);
	*same = *rep = -1;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return;
	static const char *labels[] = {"same bus all week:", "тот же автобус всю неделю:"};
	while (fgets(line, sizeof line, fp))
		for (int i = 0; i < 2; i++)
			if (!strncmp(line, labels[i], strlen(labels[i])) &&
			    sscanf(line + strlen(labels[i]), " %d %*s %d", same, rep) != 2)
				*same = *rep = -1;
	fclose(fp);
}

/* A day mask as "Mon,Wed" (a static buffer). */
static const char *days_text(int days)
{
	static const char *dn[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static char buf[40];
	buf[0] = 0;
	for (int d = 0; d < 7; d++)
		if (days & (1 << d)) {
			if (buf[0])
				strcat(buf, ",");
			strcat(buf, dn[d]);
		}
	return buf;
}

/* The runs carrying one id (runs[] is sorted by id, then days): the days
 * they cover, whether they are one run (the same stops, children and
 * times on each pattern) and keep one bus. */
static int id_class(int k, int *days, int *one_run, int *one_bus)
{
	int j = k + 1;
	*days = runs[k].days;
	*one_run = *one_bus = 1;
	for (; j < n_runs && !strcmp(ev[runs[j].first].run, ev[runs[k].first].run); j++) {
		if (runs[j].days & *days)
			BAD("run %s: on two day patterns that share a day", ev[runs[k].first].run);
		*days |= runs[j].days;
		if (runs[j].bus != runs[k].bus && *one_bus)
			printf("check_plan: note: run %s has bus %s on %s and %s on other days\n",
			       ev[runs[k].first].run, ev[runs[j].first].bus,
			       days_text(runs[j].days), ev[runs[k].first].bus);
		*one_bus &= runs[j].bus == runs[k].bus;
		if (!same_run(&runs[k], &runs[j], 1)) {
			*one_run = 0;
			printf("check_plan: note: run %s differs (stops, children or times) between days\n",
			       ev[runs[k].first].run);
		}
	}
	return j;
}

/* One count of children getting on at a pickup (to a session) or off at
 * one (home) on one day, for check_round_trips. */
typedef struct rt_row {
	int day, session, point, bus, home, n;
} rt_row_t;

static int cmp_rt(const void *a, const void *b)
{
	const rt_row_t *x = a, *y = b;
	int d[5] = {x->day - y->day, x->session - y->session, x->point - y->point, x->bus - y->bus,
		    x->home - y->home};
	for (int i = 0; i < 5; i++)
		if (d[i])
			return d[i];
	return 0;
}

/* Where the children brought home at point p of session s boarded: the
 * one point all rows with a home elsewhere bringing them home there take
 * them from, when no row of p's own brings children home there; else p. */
static int boarded_at(int s, int p)
{
	int from = -1;
	for (int i = 0; i < n_rid; i++) {
		const rider_t *x = &rid[i];
		if (x->session != s || x->pickup != p || x->legs == 1)
			continue;
		if (x->half != 2 || (from >= 0 && from != x->from))
			return p;
		from = x->from;
	}
	return from >= 0 ? from : p;
}

/* Children brought home by the bus that took them, from timetable.csv
 * alone: per day, session and pickup, the children on a bus both ways are
 * the smaller of those taken and those brought home; those on the same
 * bus both ways, per bus the smaller of the two. Children of rows with a
 * home elsewhere count where they boarded (boarded_at): their round trip
 * is the run from school and the run home to the village. Compared with
 * plan.json's week (round_trips, round_trips_same_bus). */
static void check_round_trips(void)
{
	rt_row_t *r = calloc((size_t)n_ev * 7 + 1, sizeof(*r));
	int n = 0;
	for (int k = 0; k < n_runs; k++)
		for (int i = runs[k].first; i < runs[k].first + runs[k].n; i++) {
			int cnt = runs[k].dir == 1   ? ev[i].alight
				  : runs[k].dir == 0 ? ev[i].board
						     : 0;
			int pt = runs[k].dir == 1 && cnt > 0 && !ev[i].is_dest
					 ? boarded_at(ev[i].session, ev[i].point)
					 : ev[i].point;
			for (int d = 0; d < 7 && cnt > 0 && !ev[i].is_dest; d++)
				if (ev[i].days & (1 << d))
					r[n++] = (rt_row_t){d,		 ev[i].session,	   pt,
							    runs[k].bus, runs[k].dir != 0, cnt};
		}
	qsort(r, (size_t)n, sizeof(*r), cmp_rt);
	long same = 0, all = 0;
	for (int i = 0; i < n;) {
		long to = 0, home = 0;
		int j = i;
		while (j < n && r[j].day == r[i].day && r[j].session == r[i].session &&
		       r[j].point == r[i].point) {
			long bt = 0, bh = 0;
			int q = j;
			for (; q < n && !cmp_rt(&(rt_row_t){r[j].day, r[j].session, r[j].point,
							    r[j].bus, r[q].home, 0},
						&r[q]);
			     q++)
				*(r[q].home ? &bh : &bt) += r[q].n;
			same += bt < bh ? bt : bh;
			to += bt;
			home += bh;
			j = q;
		}
		all += to < home ? to : home;
		i = j;
	}
	free(r);
	printf("check_plan: home by the same bus: %ld of %ld children's round trips\n", same, all);
	if (json_round_trips >= 0 && (json_round_trips != all || json_round_same != same))
		BAD("plan.json week: %ld of %ld round trips on the same bus, the timetable says "
		    "%ld of %ld",
		    json_round_same, json_round_trips, same, all);
}

/* The week, from timetable.csv alone: a run id covering two days or more
 * is a repeating run; it keeps one bus all week when it is the same run on
 * one bus on every day. Two runs under different ids that are the same
 * run (times too) on different days must have one id. Buses per day and
 * distinct buses are counted from the runs. All are compared with
 * plan.json's week, the share also with summary.txt. */
static void check_week(const char *out)
{
	int rep = 0, same = 0, per_day[7] = {0}, distinct = 0;
	for (int k = 0; k < n_runs;) {
		int days, one_run, one_bus, j = id_class(k, &days, &one_run, &one_bus);
		if (__builtin_popcount((unsigned)days) > 1) {
			rep++;
			same += one_run && one_bus;
		}
		k = j;
	}
	for (int a = 0; a < n_runs; a++)
		for (int b = a + 1; b < n_runs; b++)
			if (!(runs[a].days & runs[b].days) &&
			    strcmp(ev[runs[a].first].run, ev[runs[b].first].run) &&
			    same_run(&runs[a], &runs[b], 1)) {
				int alike = 0; /* two alike on one pattern: no one-to-one match */
				for (int q = 0; q < n_runs; q++)
					alike += q != a && runs[q].days == runs[a].days &&
						 same_run(&runs[a], &runs[q], 1);
				if (!alike)
					BAD("runs %s and %s are the same run on different days under two ids",
					    ev[runs[a].first].run, ev[runs[b].first].run);
			}
	for (int b = 0; b < n_bus; b++) {
		int used = 0;
		for (int d = 0; d < 7; d++) {
			int on = 0;
			for (int k = 0; k < n_runs && !on; k++)
				on = runs[k].bus == b && (runs[k].days & (1 << d));
			per_day[d] += on;
			used |= on;
		}
		distinct += used;
	}
	printf("check_plan: same bus all week: %d of %d repeating runs (%.0f %%); %d distinct buses\n",
	       same, rep, rep ? 100.0 * same / rep : 100.0, distinct);
	if (json_repeating >= 0 && (json_repeating != rep || json_same_bus != same))
		BAD("plan.json week: %d of %d repeating runs on one bus, the timetable says %d of %d",
		    json_same_bus, json_repeating, same, rep);
	if (json_distinct >= 0 && json_distinct != distinct)
		BAD("plan.json week: %d distinct buses, the timetable has %d", json_distinct,
		    distinct);
	for (int d = 0; d < 7; d++)
		if (json_per_day[d] >= 0 && json_per_day[d] != per_day[d])
			BAD("plan.json week: %d buses on day %d, the timetable has %d",
			    json_per_day[d], d + 1, per_day[d]);
	int s_same, s_rep;
	summary_week(out, &s_same, &s_rep);
	if (s_rep >= 0 && (s_same != same || s_rep != rep))
		BAD("summary.txt: same bus all week %d of %d, the timetable says %d of %d", s_same,
		    s_rep, same, rep);
}

/* ---- locks.csv and --keep (issue 10) ---- */

/* A row of locks.csv: a pickup's children in a session on a bus, or a run
 * of the --keep plan kept as it was (on the row's bus when it names one). */
typedef struct lock {
	long line;
	int session, pickup; /* -1 for a run lock */
	int whole;	     /* the session's name: every part of it */
	char bus[128], run[128];
} lock_t;
static lock_t *locks;
static int n_locks;

/* Reads the locks (plan.conf `locks` or --locks) before the matrix: a
 * pickup resolves as in riders.csv. */
static void read_locks(const char *path)
{
	if (!path[0])
		return;
	sr_csv_t *c = load_csv(path);
	locks = calloc(c->n_rows, sizeof *locks);
	for (size_t r = 1; r < c->n_rows; r++) {
		lock_t *L = &locks[n_locks++];
		L->line = c->rows[r].line;
		snprintf(L->bus, sizeof L->bus, "%s", field(c, r, "bus"));
		snprintf(L->run, sizeof L->run, "%s", field(c, r, "run"));
		L->session = L->pickup = -1;
		if (field(c, r, "session")[0]) {
			int parts[64];
			L->whole = sessions_named(field(c, r, "session"), parts) > 1;
			L->session = L->whole ? ses[parts[0]].family
					      : session_of(field(c, r, "session"));
			L->pickup = point(field(c, r, "pickup"), OSM_FIND_PICKUP, c->path, L->line);
		}
	}
	sr_csv_free(c);
}

/* A timetable row as a re-plan compares it: ids as written (a session or
 * stop the other plan may lack). */
typedef struct trow {
	int days, seq, arr, dep, board, alight, point; /* point: of the new inputs, -1 */
	int is_dest; /* the stop is the session's destination (by name) */
	char bus[128], run[128], sid[128], pid[64];
} trow_t;

static int cmp_trow(const void *a, const void *b)
{
	const trow_t *x = a, *y = b;
	int c = strcmp(x->run, y->run);
	return c ? c : x->days != y->days ? x->days - y->days : x->seq - y->seq;
}

/* OUT/timetable.csv into rows sorted by run, days and stop. */
static trow_t *read_trows(const char *out, int *n)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/timetable.csv", out);
	sr_csv_t *c = load_csv(path);
	trow_t *t = calloc(c->n_rows, sizeof *t);
	*n = 0;
	for (size_t r = 1; r < c->n_rows; r++) {
		trow_t *x = &t[(*n)++];
		x->days = days_mask(field(c, r, "days"));
		x->seq = atoi(field(c, r, "seq"));
		x->arr = clock_s(field(c, r, "arrival"), 1);
		x->dep = clock_s(field(c, r, "departure"), 1);
		x->board = atoi(field(c, r, "board"));
		x->alight = atoi(field(c, r, "alight"));
		x->point = stop_point(field(c, r, "stop_id"), field(c, r, "stop_name"),
				      atof(field(c, r, "lat")), atof(field(c, r, "lon")));
		snprintf(x->bus, sizeof x->bus, "%s", field(c, r, "bus"));
		snprintf(x->run, sizeof x->run, "%s", field(c, r, "run"));
		snprintf(x->sid, sizeof x->sid, "%s", field(c, r, "session"));
		snprintf(x->pid, sizeof x->pid, "%s", field(c, r, "stop_id"));
		x->is_dest = !strcmp(field(c, r, "stop_name"), field(c, r, "destination"));
	}
	sr_csv_free(c);
	qsort(t, (size_t)*n, sizeof *t, cmp_trow);
	return t;
}

/* A run calling at a village on a day: children getting on (runs to the
 * session, at the departure) or off (runs home, at the arrival). */
typedef struct visit {
	int day, dir, min, kids, point;
	const char *sid, *pid, *bus, *run;
} visit_t;

static int cmp_visit(const void *a, const void *b)
{
	const visit_t *x = a, *y = b;
	int c = x->day - y->day;
	c = c ? c : strcmp(x->sid, y->sid);
	c = c ? c : x->dir - y->dir;
	c = c ? c : strcmp(x->pid, y->pid);
	c = c ? c : x->min - y->min;
	return c ? c : strcmp(x->bus, y->bus);
}

/* The visits of rows t[0..n) (sorted): a run whose first stop is its
 * session's destination brings children home, the others take them there
 * (their last stop is the destination). */
static visit_t *visits_of(const trow_t *t, int n, int *nv)
{
	visit_t *v = calloc((size_t)n * 7 + 1, sizeof *v);
	*nv = 0;
	for (int i = 0; i < n;) {
		int j = i, dir = t[i].is_dest;
		while (j < n && !strcmp(t[j].run, t[i].run) && t[j].days == t[i].days)
			j++;
		for (int k = dir ? i + 1 : i; k < (dir ? j : j - 1); k++) {
			int kids = dir ? t[k].alight : t[k].board;
			for (int d = 0; d < 7 && kids > 0; d++)
				if (t[k].days >> d & 1)
					v[(*nv)++] = (visit_t){d,
							       dir,
							       (dir ? t[k].arr : t[k].dep) / 60,
							       kids,
							       t[k].point,
							       t[k].sid,
							       t[k].pid,
							       t[k].bus,
							       t[k].run};
		}
		i = j;
	}
	qsort(v, (size_t)*nv, sizeof *v, cmp_visit);
	return v;
}

/* The run's rows on day d of plan t (by id), or -1: the first row, *m rows. */
static int run_rows(const trow_t *t, int n, const char *run, int d, int *m)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(t[i].run, run) && (t[i].days >> d & 1)) {
			for (*m = 0; i + *m < n && !strcmp(t[i + *m].run, run) &&
				     t[i + *m].days == t[i].days;
			     (*m)++)
				;
			return i;
		}
	return -1;
}

/* A run lock is honoured when the run of the --keep plan is there on
 * every day it ran, with the same stops and minutes, on the row's bus (or
 * its earlier one). */
static int run_lock_honoured(const lock_t *L, const trow_t *ot, int on, const trow_t *nt, int nn)
{
	int seen = 0;
	for (int d = 0; d < 7; d++) {
		int mo, mn, a = run_rows(ot, on, L->run, d, &mo);
		if (a < 0)
			continue;
		int b = run_rows(nt, nn, L->run, d, &mn);
		if (b < 0 || mo != mn || strcmp(nt[b].bus, L->bus[0] ? L->bus : ot[a].bus))
			return 0;
		for (int q = 0; q < mo; q++)
			if (strcmp(ot[a + q].pid, nt[b + q].pid) ||
			    ot[a + q].arr / 60 != nt[b + q].arr / 60 ||
			    ot[a + q].dep / 60 != nt[b + q].dep / 60)
				return 0;
		seen = 1;
	}
	return seen;
}

/* Whether session s is one a lock names (all parts of a whole one). */
static int lock_session(const lock_t *L, int s)
{
	return s >= 0 && (L->whole ? ses[s].family == L->session : s == L->session);
}

/* A pickup lock is honoured when the session's runs carry the pickup's
 * children, every one of them on the lock's bus. */
static int pickup_lock_honoured(const lock_t *L)
{
	int found = 0, all = 1;
	for (int k = 0; k < n_runs; k++) {
		const run_t *r = &runs[k];
		if (!lock_session(L, r->session) || r->dir < 0)
			continue;
		for (int q = r->first; q < r->first + r->n; q++)
			if (ev[q].point == L->pickup && ev[q].point != ses[r->session].dest &&
			    ev[q].board + ev[q].alight > 0) {
				found = 1;
				all &= !strcmp(ev[q].bus, L->bus);
			}
	}
	return found && all;
}

/* Every lock honoured exactly when plan.json says it is kept, a reason for
 * each one that is not; a run lock needs the --keep plan. */
static void check_locks(const trow_t *ot, int on, const trow_t *nt, int nn)
{
	int kept = 0;
	for (int i = 0; i < n_locks; i++) {
		const lock_t *L = &locks[i];
		int ok;
		if (L->run[0] && !ot) {
			BAD("locks.csv:%ld: a run lock, and no --keep plan to check it against",
			    L->line);
			continue;
		}
		ok = L->run[0] ? run_lock_honoured(L, ot, on, nt, nn) : pickup_lock_honoured(L);
		/* plan.json lists a lock of a whole session held at other times
		 * on some days once a part: kept when kept on each */
		jlock_t all = {L->line, 1, 0}, *J = NULL;
		for (int j = 0; j < n_jlocks; j++)
			if (jlocks[j].line == L->line) {
				J = &all;
				all.kept &= jlocks[j].kept;
				all.has_reason |= jlocks[j].has_reason;
			}
		if (!J)
			BAD("locks.csv:%ld: plan.json does not list this lock", L->line);
		else if (J->kept != ok)
			BAD("locks.csv:%ld: the lock is %s, plan.json says kept %s", L->line,
			    ok ? "honoured" : "not honoured", J->kept ? "true" : "false");
		else if (!J->kept && !J->has_reason)
			BAD("locks.csv:%ld: not kept, and plan.json gives no reason", L->line);
		kept += ok;
	}
	if (n_locks)
		printf("check_plan: locks: %d of %d honoured\n", kept, n_locks);
}

/* The --keep plan's plan.json as a re-plan needs it: its sessions and its
 * unserved list (root kept for the strings). */
static jv_t old_root;
static char *old_data;

static void read_old_json(const char *dir)
{
	char path[4200];
	size_t len;
	sr_error_t err;
	snprintf(path, sizeof path, "%s/plan.json", dir);
	if (sr_read_file(path, &old_data, &len, &err))
		die(path, &err);
	jp = old_data;
	if (jparse(&old_root))
		die("the --keep plan.json is not valid JSON", NULL);
}

static double jnum(const jv_t *o, const char *k)
{
	const jv_t *v = jget(o, k);
	return v && v->type == 'n' ? v->num : -1;
}

static const char *jstr(const jv_t *o, const char *k)
{
	const jv_t *v = jget(o, k);
	return v && v->type == 's' ? v->str : "";
}

/* Whether session s is not as the --keep plan had it: new, or another
 * destination, days or times. */
static int session_changed(int s)
{
	const jv_t *a = jget(&old_root, "sessions");
	for (int i = 0; a && a->type == 'a' && i < a->n; i++) {
		const jv_t *o = &a->kids[i];
		if (strcmp(jstr(o, "id"), ses[s].id))
			continue;
		return strcmp(jstr(o, "destination"), pts[ses[s].dest].id) ||
		       (int)jnum(o, "days_mask") != ses[s].days ||
		       (int)jnum(o, "start_s") != ses[s].start ||
		       (int)jnum(o, "end_s") != ses[s].end;
	}
	return 1;
}

/* Children of session s at point p left out on day d that way in the
 * --keep plan. */
static int old_unserved(int s, int p, int d, int dir)
{
	const jv_t *a = jget(&old_root, "unserved");
	int n = 0;
	for (int i = 0; a && a->type == 'a' && i < a->n; i++) {
		const jv_t *u = &a->kids[i];
		const char *dv = jstr(u, "direction");
		int ud = !strcmp(dv, "to_session") ? 0 : !strcmp(dv, "home") ? 1 : -1;
		if (!strcmp(jstr(u, "session"), ses[s].id) &&
		    ((int)jnum(u, "days_mask") >> d & 1) && (ud < 0 || ud == dir) &&
		    stop_point(jstr(u, "pickup"), jstr(u, "pickup_name"), 1e9, 1e9) == p)
			n += (int)jnum(u, "children");
	}
	return n;
}

/* How many rows of session s at point p have their own ride limit lim
 * (seconds, 0: none): in riders.csv now (old == 0) or in the --keep plan's
 * riders. */
static int rows_limited(int s, int p, int lim, int old)
{
	int n = 0;
	for (int i = 0; !old && i < n_rid; i++)
		n += rid[i].session == s && rid[i].pickup == p && rid[i].own_limit == lim;
	const jv_t *a = old ? jget(&old_root, "riders") : NULL;
	for (int i = 0; a && a->type == 'a' && i < a->n; i++) {
		const jv_t *u = &a->kids[i];
		double l = jnum(u, "max_ride_s");
		n += !strcmp(jstr(u, "session"), ses[s].id) && (l < 0 ? 0 : (int)l) == lim &&
		     stop_point(jstr(u, "pickup"), jstr(u, "pickup_name"), 1e9, 1e9) == p;
	}
	return n;
}

/* Whether the riders of session s differ from what the --keep plan served
 * and left out: a village's children a day and a way, a village gone, or
 * a row's own ride limit (its children may then ride otherwise). */
static int riders_changed(int s, const visit_t *ov, int no)
{
	for (int i = 0; i < n_rid; i++)
		if (rid[i].session == s &&
		    rows_limited(s, rid[i].pickup, rid[i].own_limit, 0) !=
			    rows_limited(s, rid[i].pickup, rid[i].own_limit, 1))
			return 1;
	for (int i = 0; i < no; i++)
		if (!strcmp(ov[i].sid, ses[s].id) && ov[i].point < 0)
			return 1;
	for (int d = 0; d < 7; d++)
		for (int dir = 0; dir < 2; dir++)
			for (int p = 0; p < n_pts; p++) {
				int need = 0, had = old_unserved(s, p, d, dir);
				for (int i = 0; (ses[s].days >> d & 1) && i < n_rid; i++)
					if (rid[i].session == s && rid[i].pickup == p &&
					    rid[i].legs != 2 - dir)
						need += rid[i].children;
				for (int i = 0; i < no; i++)
					if (ov[i].day == d && ov[i].dir == dir &&
					    ov[i].point == p && !strcmp(ov[i].sid, ses[s].id))
						had += ov[i].kids;
				if (need != had) {
					return 1;
				}
			}
	return 0;
}

/* Whether a lock touches the --keep plan's call o: it pins that run, the
 * village's children in that session, or it names the bus o was on or
 * the bus the village is on now (nb: a locked run takes its bus). */
static int locked(const visit_t *o, const char *nb)
{
	for (int l = 0; l < n_locks; l++) {
		const lock_t *L = &locks[l];
		if ((L->run[0] && !strcmp(L->run, o->run)) ||
		    (lock_session(L, session_of(o->sid)) && L->pickup == o->point) ||
		    (L->bus[0] && (!strcmp(L->bus, o->bus) || (nb && !strcmp(L->bus, nb)))))
			return 1;
	}
	return 0;
}

/* The seats bus id had in the --keep plan, -1 when it had none there. */
static int old_seats(const char *id)
{
	const jv_t *a = jget(&old_root, "buses");
	for (int i = 0; a && a->type == 'a' && i < a->n; i++)
		if (!strcmp(jstr(&a->kids[i], "id"), id))
			return (int)jnum(&a->kids[i], "seats");
	return -1;
}

/* Why a village's calls o[0..no) in an untouched session may differ (its
 * calls now: n[0..nn)): its earlier bus is gone from the fleet or has
 * fewer seats now (its runs may no longer fit) (1), or a lock moved it
 * (2); else 0. */
static int excuse(const visit_t *o, int no, const visit_t *n, int nn)
{
	for (int i = 0; i < no; i++)
		if (bus_of(o[i].bus) < 0 || bus[bus_of(o[i].bus)].seats < old_seats(o[i].bus))
			return 1;
	for (int i = 0; i < no; i++)
		for (int j = 0; j <= nn; j++)
			if (locked(&o[i], j < nn ? n[j].bus : NULL))
				return 2;
	return 0;
}

static int same_key(const visit_t *a, const visit_t *b)
{
	return a->day == b->day && a->dir == b->dir && !strcmp(a->sid, b->sid) &&
	       !strcmp(a->pid, b->pid);
}

/* A village's calls on a day one way that the re-plan changed: the earlier
 * ones ov[a..i), the new ones nv[b..j), and why (WHY_*). */
typedef struct moved {
	int a, i, b, j, why;
} moved_t;

enum { WHY_NONE, WHY_BUS_GONE, WHY_LOCK, WHY_ROOM, WHY_LEG, WHY_ALONG, WHY_SESSION };

/* Whether calls x[x0..x1) and calls r's new ones share a bus, the same
 * day (a call that changed for a reason: none else counts). */
static int on_its_bus(const visit_t *x, int x0, int x1, const moved_t *r, const visit_t *nv)
{
	if (r->why == WHY_NONE || x1 == x0 || r->j == r->b || x[x0].day != nv[r->b].day)
		return 0;
	for (int q = x0; q < x1; q++)
		for (int t = r->b; t < r->j; t++)
			if (!strcmp(x[q].bus, nv[t].bus))
				return 1;
	return 0;
}

/* Whether moved call m, on a bus it had, gave way to a call r that changed
 * for a reason: r is on that bus now, the same day. */
static int gave_way(const moved_t *m, const moved_t *r, const visit_t *ov, const visit_t *nv)
{
	return on_its_bus(ov, m->a, m->i, r, nv);
}

/* Whether moved call m is the other leg of a call r that changed for a
 * reason: the same day, session and village the other way. A child is
 * taken to a session only when brought home (and home only when taken
 * there), so a village's call home gone with its bus takes the call there
 * with it, on a bus that stayed. */
static int other_leg(const moved_t *m, const moved_t *r, const visit_t *ov, const visit_t *nv)
{
	if (r->why == WHY_NONE || r->why == WHY_LEG)
		return 0;
	const visit_t *a = m->i > m->a ? &ov[m->a] : &nv[m->b];
	const visit_t *b = r->i > r->a ? &ov[r->a] : &nv[r->b];
	return a->day == b->day && a->dir != b->dir && !strcmp(a->sid, b->sid) &&
	       !strcmp(a->pid, b->pid);
}

/* Whether moved call m, now on a bus that takes a call r that changed for
 * a reason (its bus gone, a lock, its session, or making room or riding
 * along in turn: a chain, as making room is), rode along with it: the
 * same day. A day the earlier buses cannot hold is chained anew and its
 * duties put back on the buses that had their runs; a run whose
 * new duty serves a gone bus's run may then leave its bus so that more
 * children stay on theirs (the mirror of making room: there the bus it
 * left takes such a call). */
static int rode_along(const moved_t *m, const moved_t *r, const visit_t *nv)
{
	return on_its_bus(nv, m->b, m->j, r, nv);
}

/* The calls that changed (a village, a day, a way), with their reason:
 * the session's riders or times changed, the earlier bus is gone, a lock
 * moved them, or (after those) they went with their other leg, which
 * changed for one of those reasons, or they made room: a call on their
 * earlier bus that day changed for a reason (an ejection chain, as far as
 * it goes). */
static moved_t *moved_calls(const visit_t *ov, int no, const visit_t *nv, int nn,
			    const int *touched, int *n_moved)
{
	moved_t *m = calloc((size_t)no + (size_t)nn + 1, sizeof(*m));
	int n = 0;
	for (int i = 0, j = 0; i < no || j < nn;) {
		const visit_t *k =
			i < no && (j >= nn || cmp_visit(&ov[i], &nv[j]) <= 0) ? &ov[i] : &nv[j];
		int a = i, b = j, same;
		while (i < no && same_key(&ov[i], k))
			i++;
		while (j < nn && same_key(&nv[j], k))
			j++;
		same = i - a == j - b;
		for (int q = 0; same && q < i - a; q++)
			same = ov[a + q].min == nv[b + q].min &&
			       !strcmp(ov[a + q].bus, nv[b + q].bus);
		int s = session_of(k->sid);
		if (same || s < 0)
			continue;
		m[n] = (moved_t){a, i, b, j, WHY_SESSION};
		if (!touched[s])
			m[n].why = excuse(ov + a, i - a, nv + b, j - b);
		n++;
	}
	for (int x = 0; x < n; x++)
		for (int y = 0; m[x].why == WHY_NONE && y < n; y++)
			if (other_leg(&m[x], &m[y], ov, nv))
				m[x].why = WHY_LEG;
	for (int grew = 1; grew;) {
		grew = 0;
		for (int x = 0; x < n; x++)
			for (int y = 0; m[x].why == WHY_NONE && y < n; y++)
				if (gave_way(&m[x], &m[y], ov, nv)) {
					m[x].why = WHY_ROOM;
					grew = 1;
				} else if (y != x && rode_along(&m[x], &m[y], nv)) {
					m[x].why = WHY_ALONG;
					grew = 1;
				}
	}
	*n_moved = n;
	return m;
}

/* With --keep: a village's calls (minutes and buses) in a session whose
 * sessions.csv row and riders are as the earlier plan served them stay
 * as they were, unless the earlier bus is gone, a lock moved them, or
 * they made room for a call that changed for one of those reasons. */
static void check_keep(const visit_t *ov, int no, const visit_t *nv, int nn)
{
	int *touched = calloc((size_t)n_ses + 1, sizeof(int)), changed[7] = {0}, n = 0;
	for (int s = 0; s < n_ses; s++)
		touched[s] = session_changed(s) || riders_changed(s, ov, no);
	moved_t *m = moved_calls(ov, no, nv, nn, touched, &n);
	for (int x = 0; x < n; x++) {
		changed[m[x].why]++;
		const visit_t *k = m[x].i > m[x].a ? &ov[m[x].a] : &nv[m[x].b];
		if (m[x].why == WHY_NONE)
			BAD("--keep: day %d, %s, %s %s: the session's riders are as before, but the "
			    "calls changed (%d then, %d now; first %02d:%02d %s then)",
			    k->day + 1, k->sid, k->pid, k->dir ? "home" : "to the session",
			    m[x].i - m[x].a, m[x].j - m[x].b, m[x].i > m[x].a ? k->min / 60 : 0,
			    m[x].i > m[x].a ? k->min % 60 : 0, m[x].i > m[x].a ? k->bus : "-");
	}
	printf("check_plan: --keep: sessions with new riders or times:");
	for (int s = 0; s < n_ses; s++)
		if (touched[s])
			printf(" %s;", ses[s].id);
	printf(" elsewhere %d village-days changed with their bus gone, %d by a lock, %d with "
	       "their other leg, %d making room for those, %d riding along with those, %d "
	       "without a reason\n",
	       changed[WHY_BUS_GONE], changed[WHY_LOCK], changed[WHY_LEG], changed[WHY_ROOM],
	       changed[WHY_ALONG], changed[WHY_NONE]);
	free(m);
	free(touched);
}

/* The locks and the --keep plan (old_dir, NULL without), from both
 * plans' timetables. */
static void check_replan(const char *out, const char *old_dir)
{
	int on = 0, nn = 0, no = 0, nv = 0;
	trow_t *ot = old_dir ? read_trows(old_dir, &on) : NULL, *nt = read_trows(out, &nn);
	check_locks(ot, on, nt, nn);
	if (old_dir) {
		read_old_json(old_dir);
		visit_t *ov = visits_of(ot, on, &no), *v = visits_of(nt, nn, &nv);
		check_keep(ov, no, v, nv);
		free(ov);
		free(v);
		jfree(&old_root);
		free(old_data);
	}
	free(ot);
	free(nt);
}

int main(int argc, char **argv)
{
	const char *keep = NULL, *locks_path = NULL;
	for (int i = 3; i + 1 < argc; i += 2)
		if (!strcmp(argv[i], "--keep"))
			keep = argv[i + 1];
		else if (!strcmp(argv[i], "--locks"))
			locks_path = argv[i + 1];
	if (argc < 3 || argc % 2 == 0 || (argc > 3 && !keep && !locks_path)) {
		fprintf(stderr,
			"usage: check_plan EXAMPLE_DIR OUT_DIR [--keep OLD_OUT_DIR] [--locks LOCKS.csv]\n");
		return 2;
	}
	sr_log_set_level(SR_LOG_ERROR);
	read_conf(argv[1]);
	if (locks_path)
		snprintf(conf.locks, sizeof conf.locks, "%s", locks_path);
	osm_opts_t oo;
	osm_opts_init(&oo);
	oo.profile.speed_cap_kmh = conf.speed_cap;
	oo.keep_elements = 1;
	sr_error_t err;
	if (osm_read(conf.map, &oo, &map, &err))
		die("map", &err);
	read_inputs();
	read_locks(conf.locks);
	read_timetable(argv[2]);
	read_depot_stops(argv[2]);
	road_matrix();
	read_unserved(argv[2]);
	check_runs();
	check_duties();
	check_children();
	check_halves();
	check_week(argv[2]);
	check_round_trips();
	check_replan(argv[2], keep);
	if (n_bad)
		fprintf(stderr, "check_plan: %d violations\n", n_bad);
	else
		printf("check_plan: OK\n");
	osm_map_free(map);
	free(ses);
	free(rid);
	free(bus);
	free(ev);
	free(runs);
	free(locks);
	free(T);
	return n_bad ? 1 : 0;
}
