/* timetable_xlsx.c - timetable.xlsx for the office that lives in Excel,
 * written with libxlsxwriter (Debian libxlsxwriter-dev).
 *
 * A sheet per day pattern (every run of those days, in the order of
 * timetable.csv), a sheet per bus (its day per pattern: leaving the
 * depot, its runs, back at the depot) and the register of routes
 * (print/routes.html's rows without the drivers, who are personal data). Headers, day names, directions and
 * place names in the plan's language; times are Excel time cells (the
 * fraction of a day, shown hh:mm:ss), counts are numbers. The header row is
 * frozen and repeated on every printed page, columns are as wide as their
 * longest text, pages are A4 landscape, fitted to one page wide.
 * timetable.csv stays the machine format; this is the human one.
 *
 * Same plan, same bytes: the document's creation time is fixed (the term's
 * first day; libxlsxwriter dates the zip entries 1980-01-01 anyway).
 * The file is written beside its target and renamed over it (atomic). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "output/internal.h"
#include "util/i18n.h"

enum { MAX_COLS = 12 };

typedef struct sheet {
	lxw_worksheet *ws;
	lxw_row_t row;
	int n_cols;
	double width[MAX_COLS];
} sheet_t;

typedef struct book {
	const sr_plan_t *p;
	lxw_workbook *wb;
	lxw_format *head, *time, *km;
	char **names; /* sheet names used so far */
	int n_names;
} book_t;

/* characters of a UTF-8 string */
static int chars(const char *t)
{
	int n = 0;
	for (; *t; t++)
		n += ((unsigned char)*t & 0xc0) != 0x80;
	return n;
}

static void widen(sheet_t *sh, int col, int n)
{
	double w = n * 1.1 + 2;
	if (w > 60)
		w = 60;
	if (w > sh->width[col])
		sh->width[col] = w;
}

static void put_str_at(sheet_t *sh, lxw_row_t row, int col, const char *s, lxw_format *f)
{
	worksheet_write_string(sh->ws, row, (lxw_col_t)col, s ? s : "", f);
	widen(sh, col, chars(s ? s : ""));
}

static void put_str(sheet_t *sh, int col, const char *s, lxw_format *f)
{
	put_str_at(sh, sh->row, col, s, f);
}

static void put_int(sheet_t *sh, int col, int v)
{
	worksheet_write_number(sh->ws, sh->row, (lxw_col_t)col, v, NULL);
	char t[16];
	widen(sh, col, snprintf(t, sizeof t, "%d", v));
}

static void put_time(book_t *bk, sheet_t *sh, int col, int s)
{
	worksheet_write_number(sh->ws, sh->row, (lxw_col_t)col, s / 86400.0, bk->time);
	widen(sh, col, 8);
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ and
 * unique in the book (" (2)", " (3)" … appended). */
static char *sheet_name(book_t *bk, const char *want)
{
	sr_buf_t b;
	sr_buf_init(&b);
	int n = 0;
	for (const char *c = want; *c; c++) {
		if (((unsigned char)*c & 0xc0) != 0x80 && n++ == 27)
			break;
		sr_buf_putc(&b, strchr("[]:*?/\\", *c) ? '-' : *c);
	}
	if (!b.len)
		sr_buf_puts(&b, "-");
	char *name = xstrdup(b.data);
	for (int k = 2;; k++) {
		int clash = 0;
		for (int i = 0; i < bk->n_names && !clash; i++)
			clash = strcmp(bk->names[i], name) == 0;
		if (!clash)
			break;
		free(name);
		sr_buf_t c;
		sr_buf_init(&c);
		sr_buf_printf(&c, "%s (%d)", b.data, k);
		name = xstrdup(c.data);
		sr_buf_free(&c);
	}
	sr_buf_free(&b);
	bk->names = xreallocarray(bk->names, (size_t)bk->n_names + 1, sizeof(char *));
	bk->names[bk->n_names++] = name;
	return name;
}

/* Adds a sheet with its header row, frozen, repeated on printed pages,
 * landscape A4 one page wide, with the title in the page header. */
static void sheet_open(book_t *bk, sheet_t *sh, const char *name, const out_msg_t *cols, int n,
		       const char *title)
{
	memset(sh, 0, sizeof *sh);
	sh->ws = workbook_add_worksheet(bk->wb, sheet_name(bk, name));
	sh->n_cols = n;
	for (int c = 0; c < n; c++)
		put_str(sh, c, out_msg(bk->p, cols[c]), bk->head);
	sh->row = 1;
	worksheet_freeze_panes(sh->ws, 1, 0);
	worksheet_repeat_rows(sh->ws, 0, 0);
	worksheet_set_landscape(sh->ws);
	worksheet_set_paper(sh->ws, 9); /* A4 */
	worksheet_fit_to_pages(sh->ws, 1, 0);
	sr_buf_t h;
	sr_buf_init(&h);
	sr_buf_puts(&h, "&C&\"-,Bold\"");
	for (const char *c = title; *c; c++) /* '&' starts a code in page headers */
		sr_buf_puts(&h, *c == '&' ? "&&" : (char[2]){*c, 0});
	worksheet_set_header(sh->ws, h.data);
	worksheet_set_footer(sh->ws, "&C&P / &N");
	sr_buf_free(&h);
}

static void sheet_close(sheet_t *sh)
{
	for (int c = 0; c < sh->n_cols; c++)
		worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, sh->width[c], NULL);
}

/* The rows of run r: the run's own columns vals[0..c0) repeated on every
 * row (so that filters and sorting keep them), then No., stop, arrival,
 * departure, on, off. */
/* The rows of run r: vals[0..c0) in front of each stop's columns; in
 * columns sc and dc (-1: none) each stop's own session and its
 * destination (a mixed run carries several). */
static void run_rows(book_t *bk, sheet_t *sh, const plan_run_t *r, const char *const *vals, int c0,
		     int sc, int dc)
{
	const sr_plan_t *p = bk->p;
	for (int i = 0; i < r->n_stops; i++) {
		const plan_session_t *s = &p->sessions[r->stops[i].session];
		for (int c = 0; c < c0; c++)
			put_str_at(sh, sh->row + (lxw_row_t)i, c,
				   c == sc   ? s->id
				   : c == dc ? out_pt_label(p, &p->points[s->dest])
					     : vals[c],
				   NULL);
	}
	for (int i = 0; i < r->n_stops; i++, sh->row++) {
		const plan_stop_t *st = &r->stops[i];
		put_int(sh, c0, i + 1);
		put_str(sh, c0 + 1, out_pt_label(p, &p->points[st->point]), NULL);
		put_time(bk, sh, c0 + 2, st->arrival_s);
		put_time(bk, sh, c0 + 3, st->departure_s);
		put_int(sh, c0 + 4, st->board);
		put_int(sh, c0 + 5, st->alight);
	}
}

static const out_msg_t pattern_cols[] = {M_BUS,	      M_RUN,   M_SESSION, M_DESTINATION,
					 M_DIRECTION, M_SEQ,   M_STOP,	  M_ARRIVAL,
					 M_DEPARTURE, M_BOARD, M_ALIGHT};

static void pattern_sheet(book_t *bk, int k)
{
	const sr_plan_t *p = bk->p;
	const plan_pattern_t *pat = &p->patterns[k];
	sr_buf_t days, title;
	sr_buf_init(&days);
	sr_buf_init(&title);
	out_buf_days_short(&days, p, pat->days);
	sr_buf_printf(&title, "%s: %s", out_msg(p, M_XLSX_TITLE), days.data);
	sheet_t sh;
	sheet_open(bk, &sh, days.data, pattern_cols, 11, title.data);
	int *ord = out_run_order(p, k);
	for (int i = 0; i < pat->n_runs; i++) {
		const plan_run_t *r = &pat->runs[ord[i]];
		const plan_session_t *s = &p->sessions[r->session];
		const char *vals[] = {r->bus >= 0 ? p->buses[r->bus].id : out_msg(p, M_UNASSIGNED),
				      r->id, s->id, out_pt_label(p, &p->points[s->dest]),
				      out_dir_word(p, r->dir)};
		run_rows(bk, &sh, r, vals, 5, 2, 3);
	}
	free(ord);
	sheet_close(&sh);
	sr_buf_free(&days);
	sr_buf_free(&title);
}

static const out_msg_t bus_cols[] = {M_DAYS, M_RUN,	M_SESSION,   M_DIRECTION, M_SEQ,
				     M_STOP, M_ARRIVAL, M_DEPARTURE, M_BOARD,	  M_ALIGHT};

/* A depot row of a bus sheet: days, the event in the run column, the
 * depot, and its time as arrival (back) or departure (leaving). */
static void depot_row(book_t *bk, sheet_t *sh, const char *days, out_msg_t what, const char *depot,
		      int t, int leaving)
{
	put_str(sh, 0, days, NULL);
	put_str(sh, 1, out_msg(bk->p, what), NULL);
	put_str(sh, 5, depot, NULL);
	put_time(bk, sh, leaving ? 7 : 6, t);
	sh->row++;
}

static void bus_sheet(book_t *bk, int bi)
{
	const sr_plan_t *p = bk->p;
	const plan_bus_t *bus = &p->buses[bi];
	sr_buf_t name, title;
	sr_buf_init(&name);
	sr_buf_init(&title);
	sr_buf_printf(&name, "%s %s", out_msg(p, M_BUS), bus->id);
	sr_buf_printf(&title, "%s: %s %s", out_msg(p, M_XLSX_TITLE), out_msg(p, M_BUS), bus->id);
	sheet_t sh;
	sheet_open(bk, &sh, name.data, bus_cols, 10, title.data);
	const char *depot = out_pt_label(p, &p->points[bus->depot]);
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		sr_buf_t days;
		sr_buf_init(&days);
		out_buf_days_short(&days, p, pat->days);
		for (int d = 0; d < pat->n_duties; d++) {
			const plan_duty_t *du = &pat->duties[d];
			if (du->bus != bi || !du->n_runs)
				continue;
			depot_row(bk, &sh, days.data, M_LEAVE_DEPOT, depot, du->depart_depot_s, 1);
			for (int j = 0; j < du->n_runs; j++) {
				const plan_run_t *r = &pat->runs[du->runs[j]];
				const char *vals[] = {days.data, r->id, p->sessions[r->session].id,
						      out_dir_word(p, r->dir)};
				run_rows(bk, &sh, r, vals, 4, 2, -1);
			}
			depot_row(bk, &sh, days.data, M_RETURN_DEPOT, depot, du->return_depot_s, 0);
		}
		sr_buf_free(&days);
	}
	sheet_close(&sh);
	sr_buf_free(&name);
	sr_buf_free(&title);
}

static const out_msg_t reg_cols[] = {M_SEQ,	  M_RUN,      M_DAYS,	  M_SESSION,
				     M_DIRECTION, M_ROUTE,    M_KM,	  M_DEPARTURE,
				     M_ARRIVAL,	  M_RIDE_MIN, M_CHILDREN, M_BUS};

/* The register of routes: a row per run and distinct times and bus, as
 * print/routes.html has it; km a number with one decimal, times Excel
 * times. */
static void register_sheet(book_t *bk)
{
	const sr_plan_t *p = bk->p;
	int n;
	out_reg_row_t *v = out_register_rows(p, &n);
	sheet_t sh;
	sheet_open(bk, &sh, out_msg(p, M_REGISTER), reg_cols, 12, out_msg(p, M_REGISTER));
	sr_buf_t t;
	sr_buf_init(&t);
	for (int i = 0; i < n; i++, sh.row++) {
		const plan_run_t *r = v[i].r;
		put_int(&sh, 0, i + 1);
		put_str(&sh, 1, r->id, NULL);
		sr_buf_reset(&t);
		out_buf_days_short(&t, p, v[i].days);
		put_str(&sh, 2, t.data, NULL);
		sr_buf_reset(&t);
		out_register_sessions(&t, p, r, 0);
		put_str(&sh, 3, t.data, NULL);
		put_str(&sh, 4, out_dir_word(p, r->dir), NULL);
		sr_buf_reset(&t);
		out_register_route(&t, p, r, 0);
		put_str(&sh, 5, t.data, NULL);
		worksheet_write_number(sh.ws, sh.row, 6,
				       (double)(long)(r->meters / 100.0 + 0.5) / 10.0, bk->km);
		widen(&sh, 6, 6);
		put_time(bk, &sh, 7, out_run_dep(r));
		put_time(bk, &sh, 8, out_run_arr(r));
		put_int(&sh, 9, (out_run_arr(r) - out_run_dep(r)) / 60);
		put_int(&sh, 10, r->children);
		sr_buf_reset(&t);
		if (r->bus >= 0 && p->buses[r->bus].plate)
			sr_buf_printf(&t, "%s (%s)", p->buses[r->bus].id, p->buses[r->bus].plate);
		else
			sr_buf_puts(&t,
				    r->bus >= 0 ? p->buses[r->bus].id : out_msg(p, M_UNASSIGNED));
		put_str(&sh, 11, t.data, NULL);
	}
	sr_buf_free(&t);
	sheet_close(&sh);
	free(v);
}

/* The term's first day at 00:00 UTC as time_t (the document's fixed
 * creation time); 2026-09-01 when the plan has no term. */
static time_t fixed_time(const sr_plan_t *p)
{
	int y = 2026, m = 9, d = 1;
	if (p->settings.term_start[0])
		sscanf(p->settings.term_start, "%d-%d-%d", &y, &m, &d);
	/* days from the civil date (Howard Hinnant's days_from_civil) */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (time_t)((era * 146097 + doe - 719468) * 86400L);
}

int out_timetable_xlsx(const sr_plan_t *p, const char *path, sr_error_t *err)
{
	int rc = out_check_plan(p, err);
	if (rc)
		return rc;
	size_t n = strlen(path) + 32;
	char *tmp = xmalloc(n);
	snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
	book_t bk = {.p = p};
	bk.wb = workbook_new(tmp);
	if (!bk.wb) {
		rc = sr_error_set(err, SR_EIO, path, 0, _("cannot create the workbook"));
		goto out;
	}
	lxw_doc_properties props = {.title = (char *)out_msg(p, M_XLSX_TITLE),
				    .author = (char *)"schoolrun",
				    .created = fixed_time(p)};
	workbook_set_properties(bk.wb, &props);
	bk.head = workbook_add_format(bk.wb);
	format_set_bold(bk.head);
	format_set_bottom(bk.head, LXW_BORDER_THIN);
	bk.time = workbook_add_format(bk.wb);
	format_set_num_format(bk.time, "hh:mm:ss");
	bk.km = workbook_add_format(bk.wb);
	format_set_num_format(bk.km, "0.0");
	for (int k = 0; k < p->n_patterns; k++)
		pattern_sheet(&bk, k);
	for (int b = 0; b < p->n_buses; b++)
		bus_sheet(&bk, b);
	register_sheet(&bk);
	lxw_error e = workbook_close(bk.wb);
	rc = sr_file_commit(tmp, path, e == LXW_NO_ERROR ? NULL : lxw_strerror(e), err);
out:
	for (int i = 0; i < bk.n_names; i++)
		free(bk.names[i]);
	free(bk.names);
	free(tmp);
	return rc;
}
