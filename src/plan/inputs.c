/*
 * inputs.c - the three tables a coordinator fills in: sessions.csv,
 * riders.csv and fleet.csv (read through libcsv, io.h), checked cell by
 * cell, with names resolved on the map (osm_find: a pickup name to a
 * place first, a destination to a sports facility / kindergarten / school,
 * a depot to anything). Every complaint names the file, the line and the
 * column, and says what would be right.
 *
 * Points (pickups, destinations, depots) are deduplicated by their OSM id
 * or by their coordinates, so the matrix holds each place once. A point
 * that does not resolve (a name not in the map, coordinates outside it or
 * swapped) does not stop the reading: every such cell of the run is
 * reported in one error, each with its file, line and column.
 */
#include <errno.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include "schoolrun/io.h"
#include "plan/columns.h"
#include "plan/inputs.h"
#include "plan/names.h"
#include "util/sha256.h"
#include "util/i18n.h"

typedef struct table {
	sr_csv_t *csv;
	const char *path;
	int col[16]; /* column index per wanted name, -1 if absent */
} table_t;

/* Whether every field of a row is empty or blank: a spreadsheet's empty
 * row (";;" as Excel saves it) carries nothing. */
static int blank_row(const sr_csv_row_t *row)
{
	for (int j = 0; j < row->n; j++)
		if (row->fields[j][strspn(row->fields[j], " \t")])
			return 0;
	return 1;
}

/* Drops the blank rows below the header (blank_row). */
static void drop_blank_rows(sr_csv_t *csv)
{
	size_t k = 1;
	for (size_t r = 1; r < csv->n_rows; r++) {
		if (!blank_row(&csv->rows[r])) {
			csv->rows[k++] = csv->rows[r];
			continue;
		}
		for (int j = 0; j < csv->rows[r].n; j++)
			free(csv->rows[r].fields[j]);
		free(csv->rows[r].fields);
	}
	csv->n_rows = k;
}

static int totals_word(const char *s);

/* A totals row whose "Итого" stands in the row-number column (under "№
 * п/п", as a sheet merges it across the number and the name): the word
 * moves into the first known column right of it where that is empty, so
 * that the row reads as the totals row it is (it read as a row with an
 * empty pickup: the North Bayreuth trial, 2026-12-06). n: known columns. */
static void totals_from_row_number(table_t *t, int n)
{
	const sr_csv_row_t *h = &t->csv->rows[0];
	for (int j = 0; j < h->n; j++) {
		if (!plan_columns_row_number(h->fields[j]))
			continue;
		int to = -1;
		for (int q = j + 1; q < h->n && to < 0; q++)
			for (int i = 0; i < n; i++)
				if (t->col[i] == q)
					to = q;
		for (size_t r = 1; to >= 0 && r < t->csv->n_rows; r++) {
			char **f = t->csv->rows[r].fields;
			if (totals_word(f[j]) && !f[to][0]) {
				free(f[to]);
				f[to] = f[j];
				f[j] = xstrdup("");
			}
		}
	}
}

/* Opens a CSV with a required header: `names` (n of them) are the known
 * columns, the first n_req required. Unknown or repeated columns and text
 * right of the header are errors; a shorter row's missing cells at the right
 * are empty (sr_csv_square); rows with every field empty are left out. */
static int table_open(const char *path, const char *const *names, int n, int n_req, table_t *t,
		      sr_error_t *err)
{
	memset(t, 0, sizeof(*t));
	t->path = path;
	int rc = sr_table_read(path, 1, &t->csv, err);
	if (rc)
		return rc;
	plan_columns_english(t->csv);
	if (t->csv->n_rows > 1)
		drop_blank_rows(t->csv);
	if (t->csv->n_rows == 0) {
		sr_csv_free(t->csv);
		t->csv = NULL;
		return sr_error_set(
			err, SR_EINPUT, path, 1,
			_("no header row and no records (the file holds only blank lines)"));
	}
	const sr_csv_row_t *h = &t->csv->rows[0];
	sr_buf_t want;
	sr_buf_init(&want);
	for (int i = 0; i < n; i++) {
		sr_buf_printf(&want, "%s%s%s%s", i ? "," : "", i >= n_req ? "[" : "", names[i],
			      i >= n_req ? "]" : "");
		t->col[i] = -1;
	}
	sr_buf_puts(&want, _(", or in Russian "));
	plan_columns_russian(&want, names, n, n_req);
	/* every unknown column of the header in one message: an office's
	 * sheet with "Марка" and "Стаж" learns of both at once */
	sr_buf_t unknown;
	sr_buf_init(&unknown);
	int n_unknown = 0, first_unknown = 0;
	for (int j = 0; j < h->n; j++) {
		if (plan_columns_row_number(h->fields[j]))
			continue; /* "№ п/п": the row's place in the list */
		int k = -1;
		for (int i = 0; i < n; i++)
			if (!strcmp(h->fields[j], names[i]))
				k = i;
		/* a fleet's "Телефон" is its driver's: the only phone it has */
		for (int i = 0; k < 0 && i < n; i++)
			if (!strcmp(h->fields[j], "phone") && !strcmp(names[i], "driver_phone"))
				k = i;
		if (k < 0) {
			sr_buf_printf(&unknown, "%s'%s'", n_unknown ? ", " : "", h->fields[j]);
			if (!n_unknown++)
				first_unknown = j + 1;
			continue;
		}
		if (t->col[k] >= 0) {
			rc = sr_error_set_col(err, SR_EINPUT, path, h->line, j + 1,
					      _("column '%s' appears twice"), names[k]);
			break;
		}
		t->col[k] = j;
	}
	if (!rc && n_unknown)
		rc = sr_error_set_col(err, SR_EINPUT, path, h->line, first_unknown,
				      n_unknown == 1
					      ? _("unknown column %s (the header must be %s)")
					      : _("unknown columns %s (the header must be %s)"),
				      unknown.data, want.data);
	sr_buf_free(&unknown);
	if (rc)
		goto out;
	for (int i = 0; i < n_req; i++)
		if (t->col[i] < 0) {
			rc = sr_error_set(err, SR_EINPUT, path, h->line,
					  _("missing column '%s' (the header must be %s)"),
					  names[i], want.data);
			goto out;
		}
	if (t->csv->n_rows < 2) {
		rc = sr_error_set(err, SR_EINPUT, path, h->line, _("no rows below the header"));
		goto out;
	}
	rc = sr_csv_square(t->csv, err);
	if (!rc)
		totals_from_row_number(t, n);
out:
	sr_buf_free(&want);
	if (rc) {
		sr_csv_free(t->csv);
		t->csv = NULL;
	}
	return rc;
}

/* The cell of column k in row r ("" when the optional column is absent). */
static const char *cell(const table_t *t, size_t r, int k)
{
	return t->col[k] < 0 ? "" : t->csv->rows[r].fields[t->col[k]];
}

static long line_of(const table_t *t, size_t r)
{
	return t->csv->rows[r].line;
}

static long col_of(const table_t *t, int k)
{
	return t->col[k] + 1;
}

/* "lat lon" or "lat, lon" -> 1 with the numbers; 0 if the text is not a
 * coordinate pair. */
static int parse_latlon(const char *s, double *lat, double *lon)
{
	char buf[128];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n + 1);
	char *sep = buf + strcspn(buf, " ,;\t");
	if (!*sep)
		return 0;
	char *b = sep;
	while (*b == ' ' || *b == ',' || *b == ';' || *b == '\t')
		*b++ = '\0';
	if (sr_parse_double(buf, lat) || sr_parse_double(b, lon))
		return 0;
	return 1;
}

/* Every complaint about the three input files, collected so that one run
 * reports them all: unresolved points, bad values, duplicate names, a file
 * that cannot be read as a table. */
typedef struct bad_cells {
	sr_buf_t msg;
	int n;
	int cut;	  /* the message is full: "..." written */
	int no_sessions;  /* sessions.csv could not be read: riders' sessions unknown */
	sr_error_t first; /* the first, with its file, line and column */
} bad_cells_t;

/* Adds one complaint at file:line:col (line, col 0 when not known). */
static void bad_note(bad_cells_t *bad, const char *file, long line, long col, const char *msg)
{
	if (bad->n++ == 0) {
		sr_error_set_col(&bad->first, SR_EINPUT, file, line, col, "%s", msg);
		return;
	}
	sr_error_t where;
	sr_error_clear(&where);
	sr_error_set_col(&where, SR_EINPUT, file, line, col, "%s", "");
	char w[600];
	sr_error_format(&where, w, sizeof(w));
	size_t room = sizeof(bad->first.msg) - 96;
	if (!bad->cut && bad->msg.len + strlen(msg) + strlen(w) + 8 < room) {
		sr_buf_printf(&bad->msg, "\n  %s%s", w, msg);
	} else if (!bad->cut) {
		sr_buf_puts(&bad->msg, "\n  ...");
		bad->cut = 1;
	}
}

/* Adds a complaint about the cell of column k in row r of t. */
static void bad_cell(bad_cells_t *bad, const table_t *t, size_t r, int k, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Folds an error of a whole file (cannot open, no header...) into bad. */
static void bad_error(bad_cells_t *bad, const sr_error_t *e)
{
	bad_note(bad, e->file, e->line, e->col, e->msg);
}

static void bad_cell(bad_cells_t *bad, const table_t *t, size_t r, int k, const char *fmt, ...)
{
	char msg[sizeof(((sr_error_t *)0)->msg)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bad_note(bad, t->path, line_of(t, r), k < 0 ? 0 : col_of(t, k), msg);
}

static int locate_cell(sr_plan_t *p, size_t *cap, const char *q, int kind, int *out,
		       osm_found_t *how, sr_error_t *err);

/* How far outside the extent of the map's roads a point may lie (degrees
 * of latitude; a bus cannot reach a point much farther anyway). */
#define PLAN_EXTENT_MARGIN_DEG 0.02

static int in_extent(const sr_map_t *m, double lat, double lon)
{
	const osm_stats_t *s = &m->stats;
	double k = cos(0.5 * (s->min_lat + s->max_lat) * 3.14159265358979 / 180.0);
	double mlon = PLAN_EXTENT_MARGIN_DEG / (k > 0.1 ? k : 0.1);
	return lat >= s->min_lat - PLAN_EXTENT_MARGIN_DEG &&
	       lat <= s->max_lat + PLAN_EXTENT_MARGIN_DEG && lon >= s->min_lon - mlon &&
	       lon <= s->max_lon + mlon;
}

/* Coordinates a user typed: in range, inside the map's data, not swapped. */
static int check_coords(const sr_map_t *m, const char *q, double lat, double lon, sr_error_t *err)
{
	if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    _("coordinates '%s' out of range (write 'lat lon' in degrees)"),
				    q);
	if (m->net->n_nodes == 0 || in_extent(m, lat, lon))
		return SR_OK;
	const osm_stats_t *s = &m->stats;
	if (in_extent(m, lon, lat))
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    _("coordinates '%s' look swapped: %g, %g is outside the map, "
				      "%g, %g inside it (write 'lat lon': '%g %g')"),
				    q, lat, lon, lon, lat, lon, lat);
	return sr_error_set(err, SR_EINPUT, NULL, 0,
			    _("coordinates '%s' lie outside the map's data (lat %.4f..%.4f, "
			      "lon %.4f..%.4f)"),
			    q, s->min_lat, s->max_lat, s->min_lon, s->max_lon);
}

static int add_point(sr_plan_t *p, size_t *cap, const char *id, const char *name,
		     const char *name_en, int kind, double lat, double lon)
{
	for (int i = 0; i < p->n_points; i++)
		if (!strcmp(p->points[i].id, id))
			return i;
	sr_grow(&p->points, cap, (size_t)p->n_points + 1, sizeof(plan_point_t));
	plan_point_t *pt = &p->points[p->n_points];
	memset(pt, 0, sizeof(*pt));
	pt->id = xstrdup(id);
	pt->name = xstrdup(name);
	pt->name_en = name_en ? xstrdup(name_en) : NULL;
	pt->kind = kind;
	pt->lat = pt->snap_lat = lat;
	pt->lon = pt->snap_lon = lon;
	return p->n_points++;
}

/* Resolves a pickup/destination/depot cell to a point index; on failure
 * *out = -1 and the complaint is added to bad (the reading goes on). */
static int resolve_point(sr_plan_t *p, size_t *cap, const char *q, int kind, const table_t *t,
			 size_t r, int k, int *out, bad_cells_t *bad, sr_error_t *err)
{
	sr_error_t e2;
	sr_error_clear(&e2);
	*out = -1;
	osm_found_t how;
	memset(&how, 0, sizeof(how));
	int rc = locate_cell(p, cap, q, kind, out, &how, &e2);
	if (rc == SR_OK && how.note[0])
		sr_warn("%s:%ld: %s", t->path, line_of(t, r), how.note);
	if (rc == SR_OK)
		return SR_OK;
	if (rc != SR_EINPUT)
		return sr_error_set(err, rc, t->path, line_of(t, r), "%s", e2.msg);
	bad_note(bad, t->path, line_of(t, r), col_of(t, k), e2.msg);
	return SR_OK;
}

/* "Стадион «Колос» (w45)": a name of the district's own and the OSM id of
 * the element it names (a pitch the map leaves unnamed, a hall the map
 * names otherwise), as a coordinator copies the id from `schoolrun
 * names`: the id into id (40 bytes) and the name's length, else 0. */
static size_t named_id(const char *q, char id[40])
{
	size_t n = strlen(q);
	while (n > 0 && q[n - 1] == ' ')
		n--;
	if (n < 4 || q[n - 1] != ')')
		return 0;
	const char *open = NULL;
	for (const char *c = q; c < q + n; c++)
		if (*c == '(')
			open = c;
	if (!open)
		return 0;
	const char *a = open + 1, *b = q + n - 1;
	while (a < b && *a == ' ')
		a++;
	while (b > a && b[-1] == ' ')
		b--;
	size_t len = (size_t)(b - a);
	if (len < 2 || len >= 40 || !strchr("nwr", *a) || strspn(a + 1, "0123456789") != len - 1)
		return 0;
	memcpy(id, a, len);
	id[len] = '\0';
	size_t k = (size_t)(open - q);
	while (k > 0 && q[k - 1] == ' ')
		k--;
	return k;
}

/* A cell's point: coordinates, an OSM id (with a name of the district's
 * own before it or not) or a name. */
static int locate_cell(sr_plan_t *p, size_t *cap, const char *q, int kind, int *out,
		       osm_found_t *how, sr_error_t *err)
{
	double lat, lon;
	char nid[40];
	size_t nlen = named_id(q, nid);
	if (nlen > 0) {
		int rc = locate_cell(p, cap, nid, kind, out, how, err);
		if (rc)
			return rc;
		plan_point_t *pt = &p->points[*out];
		char *name = xstrndup(q, nlen);
		if (pt->named && strcmp(pt->name, name))
			snprintf(how->note, sizeof(how->note),
				 _("%s is named '%s' before: that name is kept"), nid, pt->name);
		else if (!pt->named) {
			free(pt->name);
			free(pt->name_en);
			pt->name = name;
			pt->name_en = NULL;
			pt->named = 1;
			name = NULL;
		}
		free(name);
		return SR_OK;
	}
	if (!q[0])
		return sr_error_set(err, SR_EINPUT, NULL, 0, "%s",
				    kind == PLAN_PT_PICKUP	  ? _("empty pickup")
				    : kind == PLAN_PT_DESTINATION ? _("empty destination")
								  : _("empty depot"));
	if (parse_latlon(q, &lat, &lon)) {
		int rc = check_coords(p->map, q, lat, lon, err);
		if (rc)
			return rc;
		/* the same coordinates name the same point: "p1", "p2", ... */
		int n_coord = 0;
		for (int i = 0; i < p->n_points; i++) {
			if (p->points[i].id[0] != 'p')
				continue;
			n_coord++;
			if (p->points[i].lat == lat && p->points[i].lon == lon) {
				*out = i;
				return SR_OK;
			}
		}
		char id[32];
		snprintf(id, sizeof(id), "p%d", n_coord + 1);
		*out = add_point(p, cap, id, q, NULL, kind, lat, lon);
		return SR_OK;
	}
	osm_feature_t f;
	osm_find_want_t want = kind == PLAN_PT_PICKUP	     ? OSM_FIND_PICKUP
			       : kind == PLAN_PT_DESTINATION ? OSM_FIND_DEST
							     : OSM_FIND_ANY;
	int rc = osm_find_ex(p->map, q, want, &f, how, err);
	if (rc != SR_OK)
		return rc;
	char id[40], label[256];
	snprintf(id, sizeof(id), "%c%lld", f.type, (long long)f.id);
	/* a street address, or a stop given with its village, is named as the
	 * coordinator wrote it */
	const char *name =
		how->address || how->written ? q : osm_feature_label(&f, label, sizeof(label));
	int n0 = p->n_points;
	*out = add_point(p, cap, id, name, f.name_en, kind, f.lat, f.lon);
	if (p->n_points > n0 && f.type != 'n') {
		/* an area: the stop goes where a bus reaches its outline */
		plan_point_t *pt = &p->points[*out];
		double la, lo;
		size_t n = 0;
		if (osm_element_locate(p->map, f.type, f.id, &la, &lo, &pt->outline_lat,
				       &pt->outline_lon, &n))
			pt->n_outline = (int)n;
	}
	return SR_OK;
}

/* The optional max_ride_min cell: minutes, stored in seconds (0 = none). */
/* Column k's whole minutes from lo to hi (column `name`) into *out_s as
 * seconds: 1 when given and good, 0 when empty or bad (noted). */
static int parse_minutes(const table_t *t, size_t r, int k, const char *name, long lo, long hi,
			 int *out_s, bad_cells_t *bad)
{
	const char *v = cell(t, r, k);
	long m;
	if (!v[0])
		return 0;
	if (sr_parse_long(v, &m) || m < lo || m > hi) {
		bad_cell(bad, t, r, k,
			 _("%s must be a whole number of minutes from %ld to %ld, not '%s'"), name,
			 lo, hi, v);
		return 0;
	}
	*out_s = (int)m * 60;
	return 1;
}

static void parse_limit(const table_t *t, size_t r, int k, int *out_s, bad_cells_t *bad)
{
	*out_s = 0;
	parse_minutes(t, r, k, "max_ride_min", 1, 1440, out_s, bad);
}

/* A session's own window (sessions.csv early_window_min or
 * late_window_min, column k) for direction dir: whole minutes 0-600 as the
 * plan.conf settings; empty: the plan's. A kindergarten takes children
 * from 07:00 for an 08:00 day (60), a training wants them 10-25 minutes
 * before (15, the plan's). */
static void parse_window(const table_t *t, size_t r, int k, plan_session_t *s, int dir,
			 bad_cells_t *bad)
{
	const char *name = dir == PLAN_TO_SESSION ? "early_window_min" : "late_window_min";
	s->own_window[dir] =
		(unsigned char)parse_minutes(t, r, k, name, 0, 600, &s->window_s[dir], bad);
}

/* Whether byte c of a folded name is part of a word (an ASCII letter or
 * digit, or any byte of a multibyte letter) */
static int word_byte(char c)
{
	return (unsigned char)c >= 0x80 || isalnum((unsigned char)c);
}

/* Whether a destination's name says it is a kindergarten, whatever its
 * tags ("Детский сад №5" drawn as building=yes and given by its id, a
 * "Kindergarten" drawn as building=school): a folded word of the list. */
static int kindergarten_name(const char *name)
{
	static const char *const words[] = {"детский сад", "детсад",	   "ясли",  "доу",
					    "мдоу",	   "мбдоу",	   "мадоу", "мкдоу",
					    "гбдоу",	   "kindergarten", "kita",  "kinderkrippe"};
	char *f = name ? osm_name_fold(name) : NULL;
	int hit = 0;
	for (size_t i = 0; f && !hit && i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i]);
		for (const char *s = strstr(f, words[i]); s && !hit; s = strstr(s + 1, words[i]))
			hit = !word_byte(s == f ? ' ' : s[-1]) && !word_byte(s[n]);
	}
	free(f);
	return hit;
}

/* Whether point pt is a kindergarten: of the map (amenity or building
 * kindergarten) or by its name (kindergarten_name). Preschoolers travel
 * on their own buses. */
static int is_kindergarten(const sr_plan_t *p, int pt)
{
	const sr_map_t *m = p->map;
	if (pt >= 0 &&
	    (kindergarten_name(p->points[pt].name) || kindergarten_name(p->points[pt].name_en)))
		return 1;
	for (size_t i = 0; pt >= 0 && m && i < m->n_dests; i++) {
		char id[40];
		snprintf(id, sizeof(id), "%c%lld", m->dests[i].type, (long long)m->dests[i].id);
		if (m->dests[i].kind == OSM_DEST_KINDERGARTEN && !strcmp(id, p->points[pt].id))
			return 1;
	}
	return 0;
}

/* The optional mix cell (yes/no): whether the session's children may share
 * a run with other sessions'; empty: yes, but no at a kindergarten. */
static void parse_mix(const sr_plan_t *p, const table_t *t, size_t r, int k, plan_session_t *s,
		      bad_cells_t *bad)
{
	const char *v = cell(t, r, k);
	int yes = v[0] ? plan_word_yes_no(v) : !is_kindergarten(p, s->dest);
	if (yes >= 0)
		s->mix = yes;
	else
		bad_cell(bad, t, r, k, _("mix must be yes or no (да or нет; or empty), not '%s'"),
			 v);
}

/* A HH:MM cell into *out (seconds); a bad one is noted, *out kept. */
static void parse_time(const table_t *t, size_t r, int k, int *out, const char *example,
		       bad_cells_t *bad)
{
	const char *v = cell(t, r, k);
	if (plan_parse_hhmm(v, out))
		bad_cell(bad, t, r, k, _("bad time '%s' (write HH:MM, e.g. %s)"), v, example);
}

/* sessions.csv's columns, in read_sessions' order */
enum { SC_ID, SC_DEST, SC_DAYS, SC_START, SC_END, SC_RIDE, SC_MIX, SC_TIME, SC_EARLY, SC_LATE };

/* sessions.csv's times: start and end, or one time column "16:00-17:30"
 * as a timetable writes it; never both, never neither (columns as in
 * read_sessions). */
static int sessions_time_columns(const table_t *t, sr_error_t *err)
{
	const sr_csv_row_t *h = &t->csv->rows[0];
	if (t->col[SC_TIME] >= 0 && (t->col[SC_START] >= 0 || t->col[SC_END] >= 0))
		return sr_error_set_col(
			err, SR_EINPUT, t->path, h->line, t->col[SC_TIME] + 1,
			_("the session's time is given twice: as column 'time' and as '%s' (keep "
			  "either time, e.g. 16:00-17:30, or start and end)"),
			t->col[SC_START] >= 0 ? "start" : "end");
	if (t->col[SC_TIME] < 0 && (t->col[SC_START] < 0 || t->col[SC_END] < 0))
		return sr_error_set(
			err, SR_EINPUT, t->path, h->line,
			_("missing column '%s' (give the session's start and end, начало "
			  "and конец, or one column time, время: 16:00-17:30)"),
			t->col[SC_START] < 0 ? "start" : "end");
	return SR_OK;
}

/* A session row's start and end, from start and end or from time. */
static void session_times(const table_t *t, size_t r, plan_session_t *s, bad_cells_t *bad)
{
	int n0 = bad->n;
	if (t->col[SC_TIME] >= 0) {
		const char *v = cell(t, r, SC_TIME);
		if (plan_parse_time_range(v, &s->start_s, &s->end_s))
			bad_cell(bad, t, r, SC_TIME,
				 _("bad time '%s' (write the start and the end, e.g. 16:00-17:30)"),
				 v);
		else if (s->end_s <= s->start_s)
			bad_cell(bad, t, r, SC_TIME, _("the session ends before it starts ('%s')"),
				 v);
		return;
	}
	parse_time(t, r, SC_START, &s->start_s, "16:00", bad);
	parse_time(t, r, SC_END, &s->end_s, "17:30", bad);
	if (bad->n == n0 && s->end_s <= s->start_s)
		bad_cell(bad, t, r, SC_END, _("the session ends (%s) before it starts (%s)"),
			 cell(t, r, SC_END), cell(t, r, SC_START));
}

/* A bus's name: not empty and not the name of a bus kept before. Returns 1
 * when the row can be kept. */
static int bus_name(const table_t *t, size_t r, int k, const sr_plan_t *p, bad_cells_t *bad)
{
	const char *id = cell(t, r, k);
	if (!id[0]) {
		bad_cell(bad, t, r, k, "%s", _("empty bus name"));
		return 0;
	}
	for (int i = 0; i < p->n_buses; i++)
		if (!strcmp(p->buses[i].id, id)) {
			bad_cell(bad, t, r, k, _("bus '%s' is listed twice"), id);
			return 0;
		}
	return 1;
}

/* A session's name: not empty, and a name sessions.csv gave before only on
 * other days: a session held at other times on some days ("Футбол" Mon
 * 16:00 and Wed 17:00) is a row a part, its days apart from the others'.
 * Returns 1 when the row can be kept. */
static int session_name(const table_t *t, size_t r, int k, const sr_plan_t *p, uint8_t days,
			bad_cells_t *bad)
{
	const char *id = cell(t, r, k);
	if (!id[0]) {
		bad_cell(bad, t, r, k, "%s", _("empty session name"));
		return 0;
	}
	for (int i = 0; i < p->n_sessions; i++)
		if (!strcmp(p->sessions[i].id, id) && (p->sessions[i].days & days)) {
			char d[64];
			bad_cell(bad, t, r, k,
				 _("session '%s' is listed twice for %s (a session held at other "
				   "times on some days has a row for those days, and its rows' "
				   "days do not overlap)"),
				 id, plan_days_said(p->sessions[i].days & days, d, sizeof d));
			return 0;
		}
	return 1;
}

/* The parts of a session held at other times on some days (sessions.csv
 * rows of one name, rows[i] each session's row) get the ids "Футбол (Пн)"
 * and "Футбол (Ср)", their days as the pages write them in the plan's
 * language; an id that another row has already is an error. */
static void name_parts(sr_plan_t *p, const table_t *t, const size_t *rows, bad_cells_t *bad)
{
	const char *names[7];
	int n = p->n_sessions, lang_ru = !strcmp(p->settings.lang, "ru");
	for (int d = 0; d < 7; d++)
		names[d] = plan_day_short(d, lang_ru);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < i && !p->sessions[i].part_of; j++)
			if (!strcmp(p->sessions[j].id, p->sessions[i].id))
				p->sessions[i].part_of = p->sessions[j].part_of = j + 1;
	for (int i = 0; i < n; i++) {
		plan_session_t *s = &p->sessions[i];
		if (!s->part_of)
			continue;
		sr_buf_t b;
		sr_buf_init(&b);
		sr_buf_printf(&b, "%s (", s->id);
		sr_buf_days(&b, s->days, names);
		sr_buf_puts(&b, ")");
		s->family = s->id;
		s->id = b.data;
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			if (i != j && p->sessions[i].part_of &&
			    !strcmp(p->sessions[i].id, p->sessions[j].id))
				bad_cell(bad, t, rows[j], SC_ID,
					 _("session '%s' is also the name of the part of '%s' on "
					   "line %ld: give one of them another name"),
					 p->sessions[j].id, p->sessions[i].family,
					 line_of(t, rows[i]));
}

/* Each reader below notes every bad cell in `bad` and reads on, so that one
 * run lists all of them; a row whose name is missing or repeated is left
 * out (nothing can refer to it). The plan stops after reading when bad.n. */
static int read_sessions(sr_plan_t *p, size_t *pcap, bad_cells_t *bad, sr_error_t *err)
{
	static const char *const cols[] = {"session",
					   "destination",
					   "days",
					   "start",
					   "end",
					   "max_ride_min",
					   "mix",
					   "time",
					   "early_window_min",
					   "late_window_min"};
	table_t t;
	int rc = table_open(p->settings.sessions, cols, 10, 3, &t, err);
	if (rc)
		return rc;
	size_t *rows = xcalloc(t.csv->n_rows, sizeof(size_t));
	rc = sessions_time_columns(&t, err);
	if (rc)
		goto out;
	p->sessions = xcalloc(t.csv->n_rows, sizeof(plan_session_t));
	for (size_t r = 1; r < t.csv->n_rows; r++) {
		plan_session_t *s = &p->sessions[p->n_sessions];
		if (plan_parse_days(cell(&t, r, SC_DAYS), &s->days))
			bad_cell(
				bad, &t, r, SC_DAYS,
				_("bad days '%s' (write e.g. Mon,Wed,Fri or Mon-Fri or 1-5 or Пн-Пт or будни)"),
				cell(&t, r, SC_DAYS));
		if (!session_name(&t, r, SC_ID, p, s->days, bad))
			continue;
		rc = resolve_point(p, pcap, cell(&t, r, SC_DEST), PLAN_PT_DESTINATION, &t, r,
				   SC_DEST, &s->dest, bad, err);
		if (rc)
			goto out;
		session_times(&t, r, s, bad);
		parse_limit(&t, r, SC_RIDE, &s->max_ride_s, bad);
		if (!s->max_ride_s)
			s->max_ride_s = p->settings.max_ride_min * 60;
		parse_mix(p, &t, r, SC_MIX, s, bad);
		parse_window(&t, r, SC_EARLY, s, PLAN_TO_SESSION, bad);
		parse_window(&t, r, SC_LATE, s, PLAN_HOME, bad);
		s->id = xstrdup(cell(&t, r, SC_ID));
		rows[p->n_sessions++] = r;
	}
	name_parts(p, &t, rows, bad);
out:
	free(rows);
	sr_csv_free(t.csv);
	return rc;
}

int plan_session_find(const sr_plan_t *p, const char *sid, char *why, size_t why_size)
{
	if (!sid[strspn(sid, " ")]) {
		snprintf(why, why_size, _("empty session (name one of %s)"), p->settings.sessions);
		return -1;
	}
	for (int i = 0; i < p->n_sessions; i++)
		if (!strcmp(p->sessions[i].id, sid))
			return i;
	char *q = osm_name_fold(sid);
	char **f = xcalloc((size_t)p->n_sessions + 1, sizeof(char *));
	int hit = -1, n_hit = 0;
	for (int i = 0; i < p->n_sessions; i++) {
		f[i] = osm_name_fold(p->sessions[i].id);
		if (q && f[i] && !strcmp(q, f[i]))
			hit = i, n_hit++;
	}
	int close = -1;
	if (n_hit != 1 && q) {
		/* a name that is not UTF-8 has no folded form: compare it as "" */
		for (int i = 0; i < p->n_sessions; i++)
			if (!f[i])
				f[i] = xstrdup("");
		close = osm_closest_word(q, (const char *const *)f, (size_t)p->n_sessions);
	}
	if (n_hit != 1) {
		sr_buf_t mix; /* a word typed on two keyboard layouts */
		sr_buf_init(&mix);
		osm_mixed_script_note(&mix, sid);
		if (close >= 0)
			snprintf(why, why_size,
				 _("unknown session '%s' (not in %s; did you mean '%s'?)%s"), sid,
				 p->settings.sessions, p->sessions[close].id,
				 mix.len ? mix.data : "");
		else
			snprintf(why, why_size, _("unknown session '%s' (not in %s)%s"), sid,
				 p->settings.sessions, mix.len ? mix.data : "");
		sr_buf_free(&mix);
	}
	for (int i = 0; i < p->n_sessions; i++)
		free(f[i]);
	free(f);
	free(q);
	return n_hit == 1 ? hit : -1;
}

int plan_session_parts(const sr_plan_t *p, const char *sid, int *out, char *why, size_t why_size)
{
	int n = 0;
	char *q = osm_name_fold(sid);
	for (int pass = 0; pass < 2 && !n; pass++)
		for (int i = 0; i < p->n_sessions; i++) {
			const char *f = p->sessions[i].family;
			if (!f)
				continue;
			char *ff = pass ? osm_name_fold(f) : NULL;
			if (pass ? q && ff && !strcmp(q, ff) : !strcmp(f, sid))
				out[n++] = i;
			free(ff);
		}
	free(q);
	if (n)
		return n;
	out[0] = plan_session_find(p, sid, why, why_size);
	return out[0] >= 0;
}

/* How many parts the largest family of sessions has (1 when none is held
 * at other times on some days). */
static int most_parts(const sr_plan_t *p)
{
	int most = 1;
	for (int i = 0; i < p->n_sessions; i++) {
		int n = 0;
		for (int j = 0; j < p->n_sessions; j++)
			n += plan_session_family(p->sessions, j) == i;
		most = n > most ? n : most;
	}
	return most;
}

/* A count as an office's sheet writes it: a whole number, alone or with
 * one of the words of units after it ("12 чел.", "42 места"; folded, so
 * case and ё do not matter). */
static int count_cell(const char *s, const char *const *units, long *v)
{
	char *end;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (errno || end == s)
		return -1;
	if (*end) { /* a word after it, the number first */
		if (!isdigit((unsigned char)s[0]))
			return -1;
		while (*end == ' ')
			end++;
		char *f = osm_name_fold(end);
		int ok = 0;
		for (size_t i = 0; f && !ok && units[i]; i++)
			ok = !strcmp(f, units[i]);
		free(f);
		if (!ok)
			return -1;
	}
	*v = x;
	return 0;
}

/* words after a children count: "12 чел." */
static const char *const children_units[] = {"чел",	"чел.",	    "человек", "человека", "детей",
					     "ребенка", "ребенок",  "реб",     "реб.",	   "дет",
					     "дет.",	"children", "child",   "kids",	   NULL};

/* words after a bus's seats: "42 места" */
static const char *const seat_units[] = {"мест",  "места", "место", "м",     "м.",
					 "мест.", "seats", "seat",  "pass.", NULL};

/* The riders row's children count, bounded so that the file's sums fit an
 * int (*total: the file's children so far). */
static int rider_children(const table_t *t, size_t r, int k, long *total, bad_cells_t *bad)
{
	const char *cv = cell(t, r, k);
	long c;
	if (count_cell(cv, children_units, &c) || c < 0 || c > 100000) {
		bad_cell(bad, t, r, k, _("children must be a whole number, 0 or more, not '%s'"),
			 cv);
		return 0;
	}
	*total += c;
	if (*total > PLAN_MAX_CHILDREN) {
		bad_cell(bad, t, r, k,
			 _("more than %d children in all by this row: a plan serves at most that "
			   "many (check the children column)"),
			 PLAN_MAX_CHILDREN);
		return 0;
	}
	return (int)c;
}

/* Whether text s begins with a totals word ("Итого", "Всего:", "Total"). */
static int totals_word(const char *s)
{
	static const char *const words[] = {"итого", "всего", "total", "sum", "сумма"};
	char *f = osm_name_fold(s);
	int hit = 0;
	for (size_t i = 0; f && !hit && i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i]);
		hit = !strncmp(f, words[i], n) && strchr(" :.", f[n]) != NULL;
	}
	free(f);
	return hit;
}

/* Whether row r is a spreadsheet's totals row: "Итого", "Всего" or "Total"
 * (any case, a colon or not) as the first word of its pickup and no session,
 * or of its session and no pickup (an office's sheet with the session column
 * first writes "Итого" there). It is no group: it is left out, with a note
 * comparing its number with the groups' sum above it (sum), a warning where
 * they differ. */
static int totals_row(const table_t *t, size_t r, int c_pickup, int c_session, int c_children,
		      long sum)
{
	const char *pk = cell(t, r, c_pickup);
	const char *se = cell(t, r, c_session);
	if (se[0] && pk[0])
		return 0;
	if (!pk[0])
		pk = se;
	if (!totals_word(pk))
		return 0;
	const char *cv = cell(t, r, c_children);
	long c;
	if (!count_cell(cv, children_units, &c) && c != sum)
		sr_warn(_("%s:%ld: the totals row '%s' says %ld children, the groups above sum to "
			  "%ld; it is left out (check the groups)"),
			t->path, line_of(t, r), pk, c, sum);
	else
		sr_info(_("%s:%ld: the totals row '%s' is left out"), t->path, line_of(t, r), pk);
	return 1;
}

/* riders.csv's optional `home`: where the row's children are brought home
 * when that is not where they board (taken from school after lessons to
 * the session, home to their village), found as a pickup is; -1 when
 * empty or the pickup itself. Such a row goes both ways: a `direction`
 * of one way is an error naming the cell. */
static int rider_home(sr_plan_t *p, size_t *pcap, const table_t *t, size_t r, int col,
		      const plan_rider_t *rd, int *home, bad_cells_t *bad, sr_error_t *err)
{
	*home = -1;
	if (t->col[col] < 0 || !cell(t, r, col)[0])
		return SR_OK;
	int n0 = bad->n, h = -1;
	int rc = resolve_point(p, pcap, cell(t, r, col), PLAN_PT_PICKUP, t, r, col, &h, bad, err);
	if (rc || bad->n > n0 || h == rd->pickup)
		return rc;
	if (rd->legs != PLAN_LEGS_BOTH)
		bad_cell(bad, t, r, col,
			 _("a row that brings its children home elsewhere ('%s') goes both ways: "
			   "leave its direction empty"),
			 cell(t, r, col));
	else
		*home = h;
	return SR_OK;
}

/* Appends rider rd (a riders.csv row; its note is taken) once a part of
 * its session (parts[0..n)), and where the row brings its children home
 * elsewhere (home >= 0, riders.csv `home`), rd goes there only and a
 * rider of the same children comes home to `home`, each half the other's
 * pair (plan_rider_t.pair_of). */
static void add_rider(sr_plan_t *p, const plan_rider_t *rd, int home, const int *parts, int n)
{
	for (int k = 0; k < (n ? n : 1); k++) {
		int a = p->n_riders;
		plan_rider_t *x = &p->riders[p->n_riders++];
		*x = *rd;
		x->session = n ? parts[k] : rd->session;
		x->note = k && rd->note ? xstrdup(rd->note) : rd->note;
		if (home < 0)
			continue;
		x->legs = PLAN_LEG_TO;
		plan_rider_t *y = &p->riders[p->n_riders++];
		*y = *x;
		y->pickup = home;
		y->legs = PLAN_LEG_HOME;
		y->note = rd->note ? xstrdup(rd->note) : NULL;
		p->riders[a].pair_of = a + 2;
		y->pair_of = a + 1;
	}
}

static int read_riders(sr_plan_t *p, size_t *pcap, bad_cells_t *bad, sr_error_t *err)
{
	static const char *const cols[] = {"pickup", "session",	  "children", "max_ride_min",
					   "note",   "direction", "home"};
	enum { C_PICKUP, C_SESSION, C_CHILDREN, C_RIDE, C_NOTE, C_DIR, C_HOME };
	table_t t;
	int rc = table_open(p->settings.riders, cols, 7, 3, &t, err);
	if (rc)
		return rc;
	int most = most_parts(p), *parts = xcalloc((size_t)most, sizeof(int));
	p->riders = xcalloc(t.csv->n_rows * (size_t)most * 2, sizeof(plan_rider_t));
	long total = 0;
	for (size_t r = 1; r < t.csv->n_rows; r++) {
		if (totals_row(&t, r, C_PICKUP, C_SESSION, C_CHILDREN, total))
			continue;
		plan_rider_t one = {0}, *rd = &one;
		rd->line = line_of(&t, r);
		const char *sid = cell(&t, r, C_SESSION);
		char why[512];
		int n_parts = plan_session_parts(p, sid, parts, why, sizeof(why));
		rd->session = n_parts ? parts[0] : -1;
		if (rd->session < 0 && !bad->no_sessions)
			bad_cell(bad, &t, r, C_SESSION, "%s", why);
		rd->children = rider_children(&t, r, C_CHILDREN, &total, bad);
		parse_limit(&t, r, C_RIDE, &rd->max_ride_s, bad);
		const char *dv = cell(&t, r, C_DIR);
		int dw = dv[0] ? plan_word_direction(dv) : 0;
		rd->legs = dw == 0   ? PLAN_LEGS_BOTH
			   : dw == 1 ? PLAN_LEG_TO
			   : dw == 2 ? PLAN_LEG_HOME
				     : -1;
		if (rd->legs < 0) {
			bad_cell(
				bad, &t, r, C_DIR,
				_("direction must be both, to or from (оба, туда or обратно; empty: "
				  "both), not '%s'"),
				dv);
			rd->legs = PLAN_LEGS_BOTH;
		}
		rc = resolve_point(p, pcap, cell(&t, r, C_PICKUP), PLAN_PT_PICKUP, &t, r, C_PICKUP,
				   &rd->pickup, bad, err);
		if (rc)
			goto out;
		if (cell(&t, r, C_CHILDREN)[0] == '0' && rd->children == 0)
			sr_warn(_("%s:%ld: no children from '%s' for session '%s': this row plans no stop"),
				t.path, rd->line, cell(&t, r, C_PICKUP), sid);
		if (t.col[C_NOTE] >= 0 && cell(&t, r, C_NOTE)[0])
			rd->note = xstrdup(cell(&t, r, C_NOTE));
		int home = -1;
		if ((rc = rider_home(p, pcap, &t, r, C_HOME, rd, &home, bad, err)))
			goto out;
		/* a session held at other times on some days: the same children
		 * on each part's days, a rider of each part (one riders.csv line) */
		add_rider(p, rd, home, parts, n_parts);
	}
out:
	free(parts);
	sr_csv_free(t.csv);
	return rc;
}

/* A bus's own drivers' limit (fleet.csv max_shift_h, max_driving_h):
 * hours over 0, at most 24; empty: 0, the plan's setting. */
static void bus_limit(const table_t *t, size_t r, int col, const char *name, double *h,
		      bad_cells_t *bad)
{
	const char *v = cell(t, r, col);
	*h = 0;
	if (v[0] && (sr_parse_double(v, h) || !(*h > 0) || *h > 24)) {
		bad_cell(bad, t, r, col,
			 _("%s must be hours, more than 0 and at most 24 (e.g. 10.5), not '%s'"),
			 name, v);
		*h = 0;
	}
}

/* fleet.csv's optional split_shift: yes, no, or empty (the plan's
 * setting, -1). A bus with split shifts needs split_break_min_h not above
 * split_break_max_h. */
static void bus_split(const table_t *t, size_t r, int col, const plan_settings_t *st, plan_bus_t *b,
		      bad_cells_t *bad)
{
	const char *v = cell(t, r, col);
	int yes = v[0] ? plan_word_yes_no(v) : 0;
	b->split_shift = !v[0] ? -1 : yes >= 0 ? yes : -2;
	if (b->split_shift == -2) {
		bad_cell(
			bad, t, r, col,
			_("split_shift must be yes or no (да or нет; empty: the plan's setting), not "
			  "'%s'"),
			v);
		b->split_shift = -1;
	}
	if (b->split_shift == 1 && st->split_break_min_h > st->split_break_max_h)
		bad_cell(bad, t, r, col,
			 _("split_shift = yes, but split_break_min_h (%g) is more than "
			   "split_break_max_h (%g)"),
			 st->split_break_min_h, st->split_break_max_h);
}

/* fleet.csv's optional available_from/available_to: the bus's hours. */
static void bus_hours(const table_t *t, size_t r, int kf, int kt, plan_bus_t *b, bad_cells_t *bad)
{
	const char *fv = cell(t, r, kf), *tv = cell(t, r, kt);
	int n0 = bad->n;
	b->avail_from_s = 0;
	b->avail_to_s = 24 * 3600;
	if (fv[0])
		parse_time(t, r, kf, &b->avail_from_s, "06:30", bad);
	if (tv[0])
		parse_time(t, r, kt, &b->avail_to_s, "19:00", bad);
	if (bad->n == n0 && b->avail_to_s <= b->avail_from_s)
		bad_cell(bad, t, r, kt, _("available_to (%s) is not after available_from (%s)"),
			 tv[0] ? tv : "24:00", fv[0] ? fv : "00:00");
}

static int read_fleet(sr_plan_t *p, size_t *pcap, bad_cells_t *bad, sr_error_t *err)
{
	static const char *const cols[] = {
		"bus",	       "depot",	 "seats",	 "available_from", "available_to",
		"cost_per_km", "escort", "plate",	 "max_shift_h",	   "max_driving_h",
		"split_shift", "driver", "driver_phone", "model",	   "max_week_h"};
	enum {
		C_BUS,
		C_DEPOT,
		C_SEATS,
		C_FROM,
		C_TO,
		C_COST,
		C_ESCORT,
		C_PLATE,
		C_SHIFT,
		C_DRIVE,
		C_SPLIT,
		C_DRIVER,
		C_DRIVER_PHONE,
		C_MODEL,
		C_WEEK
	};
	table_t t;
	int rc = table_open(p->settings.fleet, cols, 15, 3, &t, err);
	if (rc)
		return rc;
	p->buses = xcalloc(t.csv->n_rows, sizeof(plan_bus_t));
	for (size_t r = 1; r < t.csv->n_rows; r++) {
		plan_bus_t *b = &p->buses[p->n_buses];
		/* a totals row ("Итого", no depot: the seats summed) is no bus */
		if (!cell(&t, r, C_DEPOT)[0] && totals_word(cell(&t, r, C_BUS))) {
			sr_info(_("%s:%ld: the totals row '%s' is left out"), t.path,
				line_of(&t, r), cell(&t, r, C_BUS));
			continue;
		}
		if (!bus_name(&t, r, C_BUS, p, bad))
			continue;
		const char *sv = cell(&t, r, C_SEATS);
		long seats;
		if (count_cell(sv, seat_units, &seats) || seats < 1 || seats > 200) {
			bad_cell(bad, &t, r, C_SEATS,
				 _("seats must be a whole number from 1 to 200, not '%s'"), sv);
			seats = 1;
		}
		b->seats = (int)seats;
		bus_hours(&t, r, C_FROM, C_TO, b, bad);
		b->cost_per_km = 1;
		const char *cv = cell(&t, r, C_COST);
		if (cv[0] && (sr_parse_double(cv, &b->cost_per_km) || b->cost_per_km < 0))
			bad_cell(bad, &t, r, C_COST,
				 _("cost_per_km must be a number, 0 or more, not '%s'"), cv);
		bus_limit(&t, r, C_SHIFT, cols[C_SHIFT], &b->max_shift_h, bad);
		bus_limit(&t, r, C_DRIVE, cols[C_DRIVE], &b->max_driving_h, bad);
		const char *wv = cell(&t, r, C_WEEK);
		if (wv[0] && (sr_parse_double(wv, &b->max_week_h) || !(b->max_week_h > 0) ||
			      b->max_week_h > 168)) {
			bad_cell(
				bad, &t, r, C_WEEK,
				_("max_week_h must be hours, more than 0 and at most 168 (80 for a "
				  "bus with two drivers), not '%s'"),
				wv);
			b->max_week_h = 0;
		}
		bus_split(&t, r, C_SPLIT, &p->settings, b, bad);
		rc = resolve_point(p, pcap, cell(&t, r, C_DEPOT), PLAN_PT_DEPOT, &t, r, C_DEPOT,
				   &b->depot, bad, err);
		if (rc)
			goto out;
		b->id = xstrdup(cell(&t, r, C_BUS));
		if (cell(&t, r, C_ESCORT)[0])
			b->escort = xstrdup(cell(&t, r, C_ESCORT));
		if (cell(&t, r, C_PLATE)[0])
			b->plate = xstrdup(cell(&t, r, C_PLATE));
		if (cell(&t, r, C_DRIVER)[0])
			b->driver = xstrdup(cell(&t, r, C_DRIVER));
		if (cell(&t, r, C_DRIVER_PHONE)[0])
			b->driver_phone = xstrdup(cell(&t, r, C_DRIVER_PHONE));
		if (cell(&t, r, C_MODEL)[0])
			b->model = xstrdup(cell(&t, r, C_MODEL));
		p->n_buses++;
	}
out:
	sr_csv_free(t.csv);
	return rc;
}

/* words after an age: "9 лет" */
static const char *const age_units[] = {"лет",	 "год",	 "года", "г",	"г.",
					"years", "year", "y",	 "yrs", NULL};

/* A child's date of birth and age (children.csv birth_date, age; decree No.
 * 1527 asks for one of them on the list of children). A date must be a
 * day before the term starts, of a child (under 25 then); an age given
 * with the date must be the child's in the term, or a year less (a list
 * made the year before). */
static void child_birth(const sr_plan_t *p, const table_t *t, size_t r, int kb, int ka,
			plan_child_t *ch, bad_cells_t *bad)
{
	const char *bv = cell(t, r, kb), *av = cell(t, r, ka);
	int t0 = plan_day_number(p->settings.term_start),
	    t1 = plan_day_number(p->settings.term_end);
	ch->born = -1;
	ch->age = -1;
	int age0 = 0; /* the child's age at the term's start, by the date */
	if (bv[0]) {
		int day = plan_birth_day(bv, &ch->born_year);
		age0 = day >= 0 && t0 >= 0 ? plan_years_between(day, t0) : 0;
		if (day < 0)
			bad_cell(bad, t, r, kb,
				 _("'%s' is no date of birth: write it 12.03.2015, 2015-03-12 "
				   "or the year alone, 2015"),
				 bv);
		else if (t0 >= 0 && day > t0)
			bad_cell(bad, t, r, kb,
				 _("the date of birth %s is after the term's first day %s"), bv,
				 p->settings.term_start);
		else if (age0 >= 25)
			bad_cell(bad, t, r, kb,
				 _("the date of birth %s makes the child %d years old at the "
				   "term's start: check the year"),
				 bv, age0);
		else
			ch->born = day;
	}
	if (!av[0])
		return;
	long a;
	if (count_cell(av, age_units, &a) || a < 0 || a > 24) {
		bad_cell(bad, t, r, ka,
			 _("the age must be a whole number of years, 0 to 24, not '%s'"), av);
		return;
	}
	ch->age = (int)a;
	if (ch->born >= 0 && !ch->born_year && t0 >= 0 && t1 >= 0 &&
	    (a < age0 - 1 || a > plan_years_between(ch->born, t1)))
		bad_cell(bad, t, r, ka,
			 _("the age %ld is not that of a child born %s: %d at the term's "
			   "start"),
			 a, bv, age0);
}

/* Of the sessions parts[0..n), those some rider of pickup pt comes to
 * (compacted in parts; a village that comes on one part's days alone is
 * that part's); returns how many, or n when none does (the count is then
 * wrong, and said so). */
static int parts_with_pickup(const sr_plan_t *p, int *parts, int n, int pt)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		int has = 0;
		for (int r = 0; r < p->n_riders && !has; r++)
			has = p->riders[r].session == parts[i] && p->riders[r].pickup == pt;
		if (has)
			parts[k++] = parts[i];
	}
	return k ? k : n;
}

/* *x a copy of child ch, in session s (a part of ch's session's family). */
static void child_copy(plan_child_t *x, const plan_child_t *ch, int s)
{
	*x = *ch;
	x->session = s;
	x->name = xstrdup(ch->name);
	x->phone = ch->phone ? xstrdup(ch->phone) : NULL;
	x->klass = ch->klass ? xstrdup(ch->klass) : NULL;
	x->parent = ch->parent ? xstrdup(ch->parent) : NULL;
}

/* children.csv: child,pickup,session[,phone][,birth_date][,age][,class]
 * [,parent]. The pickup and session must be a row of riders.csv, and no
 * more children may be named for a pickup and session than riders.csv
 * counts there. Every bad row is noted in bad (the first alone had been
 * said); a totals row ("Итого: 5", no pickup and no session) is no child. */
static int read_children(sr_plan_t *p, size_t *pcap, bad_cells_t *bad, sr_error_t *err)
{
	static const char *const cols[] = {"child",	 "pickup", "session", "phone",
					   "birth_date", "age",	   "class",   "parent"};
	enum { C_CHILD, C_PICKUP, C_SESSION, C_PHONE, C_BIRTH, C_AGE, C_CLASS, C_PARENT };
	table_t t;
	int rc = table_open(p->settings.children, cols, 8, 3, &t, err);
	if (rc)
		return rc;
	int most = most_parts(p), *parts = xcalloc((size_t)most, sizeof(int));
	p->children = xcalloc(t.csv->n_rows * (size_t)most, sizeof(plan_child_t));
	for (size_t r = 1; r < t.csv->n_rows && !rc; r++) {
		plan_child_t *ch = &p->children[p->n_children];
		ch->line = line_of(&t, r);
		const char *name = cell(&t, r, C_CHILD), *sid = cell(&t, r, C_SESSION);
		if (!cell(&t, r, C_PICKUP)[0] && !sid[0] && totals_word(name)) {
			sr_info(_("%s:%ld: the totals row '%s' is left out"), t.path, ch->line,
				name);
			continue;
		}
		if (!name[0]) {
			bad_cell(bad, &t, r, C_CHILD, "%s", _("empty child name"));
			continue;
		}
		char why[512];
		int n_parts = plan_session_parts(p, sid, parts, why, sizeof(why));
		ch->session = n_parts ? parts[0] : -1;
		if (ch->session < 0) {
			bad_cell(bad, &t, r, C_SESSION, "%s", why);
			continue;
		}
		int n_before = p->n_points, n_bad = bad->n;
		child_birth(p, &t, r, C_BIRTH, C_AGE, ch, bad);
		/* a child's pickup must be one riders.csv names */
		rc = resolve_point(p, pcap, cell(&t, r, C_PICKUP), PLAN_PT_PICKUP, &t, r, C_PICKUP,
				   &ch->pickup, bad, err);
		if (rc || bad->n > n_bad)
			continue;
		n_parts = parts_with_pickup(p, parts, n_parts, ch->pickup);
		ch->session = n_parts ? parts[0] : ch->session;
		int counted = 0, named = 1;
		for (int i = 0; i < p->n_riders; i++)
			if (p->riders[i].pickup == ch->pickup &&
			    p->riders[i].session == ch->session)
				counted += p->riders[i].children;
		for (int i = 0; i < p->n_children; i++)
			named += p->children[i].pickup == ch->pickup &&
				 p->children[i].session == ch->session;
		if (p->n_points > n_before || named > counted) {
			bad_cell(bad, &t, r, C_PICKUP,
				 _("%s names %d children from '%s' for session '%s', riders.csv "
				   "counts %d"),
				 "children.csv", named, cell(&t, r, C_PICKUP), sid, counted);
			continue;
		}
		ch->name = xstrdup(name);
		if (cell(&t, r, C_PHONE)[0])
			ch->phone = xstrdup(cell(&t, r, C_PHONE));
		if (cell(&t, r, C_CLASS)[0])
			ch->klass = xstrdup(cell(&t, r, C_CLASS));
		if (cell(&t, r, C_PARENT)[0])
			ch->parent = xstrdup(cell(&t, r, C_PARENT));
		p->n_children++;
		for (int k = 1; k < n_parts; k++) /* on each part's lists */
			child_copy(&p->children[p->n_children++], ch, parts[k]);
	}
	free(parts);
	sr_csv_free(t.csv);
	return rc;
}

static int checksum(sr_plan_t *p, const char *path, sr_error_t *err)
{
	int k = p->n_inputs;
	int rc = sr_sha256_file(path, p->input_sha256[k], err);
	if (rc != SR_OK)
		return rc;
	p->n_inputs++;
	const char *base = strrchr(path, '/');
	p->input_names[k] = xstrdup(base ? base + 1 : path);
	return SR_OK;
}

/* One file's reader: an input or I/O error of the whole file (cannot open,
 * no header) is noted in bad and the next file is read; other errors stop. */
static int read_file(int (*reader)(sr_plan_t *, size_t *, bad_cells_t *, sr_error_t *),
		     sr_plan_t *p, size_t *pcap, bad_cells_t *bad, sr_error_t *err)
{
	sr_error_t e;
	sr_error_clear(&e);
	int rc = reader(p, pcap, bad, &e);
	if (rc == SR_EINPUT || rc == SR_EIO) {
		bad_error(bad, &e);
		return SR_OK;
	}
	if (rc)
		*err = e;
	return rc;
}

/* Every complaint in bad at once, as one input error (SR_EINPUT); SR_OK
 * when there are none. */
static int bad_report(const bad_cells_t *bad, sr_error_t *err)
{
	if (!bad->n)
		return SR_OK;
	*err = bad->first;
	char more[64] = "";
	if (bad->n > 1)
		snprintf(more, sizeof(more),
			 _n(" (and %d more below)", " (and %d more below)", bad->n - 1),
			 bad->n - 1);
	sr_error_set_col(err, SR_EINPUT, bad->first.file, bad->first.line, bad->first.col, "%s%s%s",
			 bad->first.msg, more, bad->msg.len ? bad->msg.data : "");
	return SR_EINPUT;
}

int plan_read_inputs(sr_plan_t *p, sr_error_t *err)
{
	size_t pcap = 0;
	bad_cells_t bad;
	memset(&bad, 0, sizeof(bad));
	sr_buf_init(&bad.msg);
	int rc = read_file(read_sessions, p, &pcap, &bad, err);
	bad.no_sessions = bad.n > 0 && p->n_sessions == 0;
	if (!rc)
		rc = read_file(read_riders, p, &pcap, &bad, err);
	if (!rc)
		rc = read_file(read_fleet, p, &pcap, &bad, err);
	if (!rc)
		rc = bad_report(&bad, err);
	sr_buf_free(&bad.msg);
	if (!rc && p->settings.children) { /* against riders.csv, once it is good */
		memset(&bad, 0, sizeof(bad));
		sr_buf_init(&bad.msg);
		rc = read_file(read_children, p, &pcap, &bad, err);
		if (!rc)
			rc = bad_report(&bad, err);
		sr_buf_free(&bad.msg);
	}
	const char *files[4] = {p->settings.map, p->settings.sessions, p->settings.riders,
				p->settings.fleet};
	for (int i = 0; i < 4 && !rc; i++)
		rc = checksum(p, files[i], err);
	if (!rc)
		plan_name_points(p);
	return rc;
}
