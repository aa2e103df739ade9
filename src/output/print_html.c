/* print_html.c - print/: schedules people print, as self-contained HTML
 * (no scripts, no network: CSS and SVG inline), A4 pages via CSS Paged
 * Media (@page size A4, W3C css-page-3), fonts with Cyrillic from a local
 * stack ("DejaVu Sans", "Liberation Sans", Arial, sans-serif).
 *
 *   index.html                      links to every page
 *   bus-<n>-<days>.html             a driver's sheet per bus per day
 *                                   pattern: leaving the depot, each run's
 *                                   stops with times and children on/off and
 *                                   its map, the empty drives between runs
 *   dest-<n>.html                   a page per destination: who arrives
 *                                   from where and when, who leaves when
 *   village-<n>.html                a page per village: for families, pickup
 *                                   and return times by session and days
 *   drivers.html, destinations.html, villages.html
 *                                   books: the sheets above, one file each
 *                                   kind, each sheet from a new page
 *   lists.html                      a sheet per run: escort, driver, the
 *                                   children on board (children.csv names or
 *                                   blank rows to fill in; decree No. 1527)
 * Every sheet starts with the organisation, term and contact line, which
 * the print CSS also puts in each page's bottom margin box.
 * <n> is the 1-based index of the bus or point (ids and names may hold any
 * characters, file names should not); <days> e.g. "mon-wed-fri".
 * Words come from messages.c in settings.lang; every plan string goes
 * through sr_buf_html. Times print as HH:MM (seconds dropped). Pages of
 * these names that an earlier plan left in the folder are removed. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "output/internal.h"
#include "util/i18n.h"

static const char css[] =
	"@page { size: A4; margin: 12mm; }\n"
	"body { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; font-size: 10pt;"
	" color: #000; margin: 0; }\n"
	"h1 { font-size: 15pt; margin: 0 0 4pt; }\n"
	"h2 { font-size: 12pt; margin: 10pt 0 4pt; }\n"
	"h3 { font-size: 10.5pt; margin: 8pt 0 3pt; }\n"
	"p { margin: 2pt 0; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 3pt 0 6pt; }\n"
	"th, td { border: 0.5pt solid #444; padding: 2pt 4pt; text-align: left; vertical-align: top; }\n"
	"th { background: #eee; }\n"
	"thead { display: table-header-group; }\n"
	"tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"h1, h2, h3 { break-after: avoid; page-break-after: avoid; }\n"
	".n { text-align: right; white-space: nowrap; }\n"
	".t { white-space: nowrap; }\n"
	".k { font-size: 90%; white-space: nowrap; }\n"
	/* a reason under a time (changes.html) wraps in its cell */
	".why { white-space: normal; }\n"
	"p.fix::first-letter { text-transform: uppercase; }\n"
	/* headings wrap, so that a table of long headings keeps to the page */
	"th.n, th.t { white-space: normal; }\n"
	/* a list of children: room to write a name and a date by hand */
	"th.lname { width: 30%; } th.lbirth { width: 12%; } th.lmark { width: 10%; }\n"
	/* the register's СОГЛАСОВАНО (left) and УТВЕРЖДАЮ (right) blocks */
	".signs { display: flex; margin: 2pt 0 8pt; line-height: 1.6; }\n"
	".signs .agreed { width: 45%; } .signs .approved { width: 45%; margin-left: auto; }\n"
	".run { break-inside: avoid; page-break-inside: avoid; }\n"
	".empty { font-style: italic; margin: 4pt 0; }\n"
	".map { display: block; box-sizing: border-box; width: 100%; max-width: 180mm; height: auto;"
	" border: 0.5pt solid #999; }\n"
	".nav { font-size: 9pt; margin-bottom: 6pt; }\n"
	".foot { font-size: 8pt; color: #333; border-bottom: 0.5pt solid #999; padding-bottom: 2pt;"
	" margin-bottom: 6pt; }\n"
	".note { font-size: 8.5pt; font-style: italic; }\n"
	"tr.blank td { height: 16pt; }\n"
	".runrow { display: grid; grid-template-columns: minmax(0, 1fr) 34%; gap: 4mm;"
	" align-items: start; }\n"
	".runrow table { margin-top: 0; font-size: 8.5pt; }\n"
	".runrow th, .runrow td { padding: 1.5pt 3pt; }\n"
	".runrow .map { width: 100%; }\n"
	".sheet + .sheet { break-before: page; page-break-before: always; }\n"
	/* the register of routes: a wide table on A4 landscape */
	"@page wide { size: A4 landscape; margin: 10mm; }\n"
	".landscape { page: wide; }\n"
	"table.reg { font-size: 7.5pt; }\n"
	"table.reg th, table.reg td { padding: 1.5pt 2.5pt; }\n"
	"@media print { .nav { display: none; } }\n"
	"@media screen { body { max-width: 186mm; margin: 8mm auto; padding: 0 4mm; } }\n";

/* The folder pages go to and the names written there; while a book is
 * being gathered, each page's body also goes into it. */
typedef struct pages {
	const char *dir;
	char **names;
	size_t n, cap;
	sr_buf_t *book;	   /* NULL: no book */
	size_t body_start; /* where the current page's body starts in its buffer */
} pages_t;

/* "01.09.2026" from "2026-09-01". */
static void date_dmy(sr_buf_t *b, const char *ymd)
{
	if (strlen(ymd) == 10)
		sr_buf_printf(b, "%.2s.%.2s.%.4s", ymd + 8, ymd + 5, ymd);
}

/* The line on every page, as plain text: organisation, the term, whom to
 * call. */
static void contact_text(sr_buf_t *b, const sr_plan_t *p)
{
	const plan_settings_t *s = &p->settings;
	if (s->organisation && s->organisation[0])
		sr_buf_printf(b, "%s \xc2\xb7 ", s->organisation);
	sr_buf_printf(b, "%s: ", out_msg(p, M_TERM));
	date_dmy(b, s->term_start[0] ? s->term_start : "2026-09-01");
	sr_buf_puts(b, "\xe2\x80\x93");
	date_dmy(b, s->term_end[0] ? s->term_end : "2026-12-28");
	out_no_service(b, p);
	int name = s->contact_name && s->contact_name[0],
	    phone = s->contact_phone && s->contact_phone[0];
	if (name || phone)
		sr_buf_printf(b, " \xc2\xb7 %s: %s%s%s%s%s", out_msg(p, M_CONTACT),
			      name ? s->contact_name : "", name && phone ? ", " : "",
			      phone ? out_msg(p, M_PHONE) : "", phone ? " " : "",
			      phone ? s->contact_phone : "");
}

/* The contact line in the printed pages' bottom margin box (CSS Paged
 * Media margin boxes, @bottom-center), so that it is on every printed page,
 * also on the second page of a long sheet; a CSS string, escaped. */
static void contact_css(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_t t;
	sr_buf_init(&t);
	contact_text(&t, p);
	sr_buf_puts(b, "@page { @bottom-center { font-family: \"DejaVu Sans\", \"Liberation Sans\","
		       " Arial, sans-serif; font-size: 7.5pt; color: #333; content: \"");
	for (const char *c = t.data; *c; c++) {
		if (*c == '"' || *c == '\\')
			sr_buf_putc(b, '\\');
		if (*c == '<' ||
		    (unsigned char)*c < 0x20) /* no "</style>", no control characters */
			continue;
		sr_buf_putc(b, *c);
	}
	sr_buf_puts(b, "\"; } }\n");
	sr_buf_free(&t);
}

static void page_begin(sr_buf_t *b, const sr_plan_t *p, const char *title, int nav, pages_t *pg)
{
	sr_buf_printf(
		b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
		strcmp(p->settings.lang, "ru") == 0 ? "ru" : "en");
	sr_buf_html(b, title);
	sr_buf_printf(b, "</title>\n<style>\n%s", css);
	contact_css(b, p);
	sr_buf_puts(b, "</style>\n</head>\n<body>\n");
	if (nav) {
		sr_buf_puts(b, "<p class=\"nav\"><a href=\"index.html\">");
		sr_buf_html(b, out_msg(p, M_BACK_TO_INDEX));
		sr_buf_puts(b, "</a></p>\n");
	}
	pg->body_start = b->len;
}

/* The start of a sheet's body: the contact line shown on screen (in print
 * it is in the page margin). */
static void sheet_head(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_t t;
	sr_buf_init(&t);
	contact_text(&t, p);
	sr_buf_puts(b, "<p class=\"foot\">");
	sr_buf_html(b, t.data);
	sr_buf_puts(b, "</p>\n");
	sr_buf_free(&t);
}

void out_html_sheet_head(sr_buf_t *b, const sr_plan_t *p)
{
	sheet_head(b, p);
}

void out_html_page_begin(sr_buf_t *b, const sr_plan_t *p, const char *title)
{
	pages_t pg = {0};
	page_begin(b, p, title, 1, &pg);
	sheet_head(b, p);
}

static int page_end(sr_buf_t *b, pages_t *pg, const char *name, sr_error_t *err)
{
	if (pg->book) {
		sr_buf_puts(pg->book, "<section class=\"sheet\">\n");
		sr_buf_append(pg->book, b->data + pg->body_start, b->len - pg->body_start);
		sr_buf_puts(pg->book, "</section>\n");
	}
	sr_buf_puts(b, "</body>\n</html>\n");
	char *path = out_path(pg->dir, name);
	int rc = out_write_buf(path, b, err);
	free(path);
	sr_buf_reset(b);
	sr_grow(&pg->names, &pg->cap, pg->n + 1, sizeof(char *));
	pg->names[pg->n++] = xstrdup(name);
	return rc;
}

/* The books: every driver's sheet, every destination's page, every
 * village's page, each as one file to print. */
enum { N_BOOKS = 5 };
static const char *const book_names[N_BOOKS] = {"drivers.html", "destinations.html",
						"villages.html", "lists.html", "routes.html"};
static const out_msg_t book_titles[N_BOOKS] = {M_DRIVER_SHEETS, M_DESTINATIONS, M_VILLAGES, M_LISTS,
					       M_REGISTER};

/* The title of the villages' book and index: "Villages" when every
 * pickup is a place of the map (place=*), else "Pickup points" (children
 * waiting at bus stops or at points given by coordinates). */
static out_msg_t pickups_title(const sr_plan_t *p)
{
	for (int i = 0; i < p->n_riders; i++)
		if (!p->points[p->riders[i].pickup].is_place)
			return M_PICKUPS;
	return M_VILLAGES;
}

/* The title of book i. */
static out_msg_t book_title(const sr_plan_t *p, int i)
{
	return book_titles[i] == M_VILLAGES ? pickups_title(p) : book_titles[i];
}

/* Writes a gathered book as one file that prints as one document, each
 * sheet from a new page. */
static int book_write(sr_buf_t *b, const sr_plan_t *p, pages_t *pg, const char *name,
		      out_msg_t title, sr_buf_t *book, sr_error_t *err)
{
	pg->book = NULL;
	page_begin(b, p, out_msg(p, title), 1, pg);
	if (book->len)
		sr_buf_append(b, book->data, book->len);
	else
		sr_buf_printf(b, "<p>%s</p>\n", out_msg(p, M_NO_RUNS));
	return page_end(b, pg, name, err);
}

/* Whether name is one of the pages this file writes (index.html,
 * bus-*.html, dest-*.html, village-*.html). */
static int is_page_name(const char *name)
{
	static const char *const prefix[] = {"bus-", "dest-", "village-"};
	size_t n = strlen(name);
	if (n < 5 || strcmp(name + n - 5, ".html") != 0)
		return 0;
	for (size_t i = 0; i < sizeof prefix / sizeof prefix[0]; i++)
		if (strncmp(name, prefix[i], strlen(prefix[i])) == 0)
			return 1;
	return 0;
}

/* Removes pages an earlier plan left in the folder (a village or bus this
 * plan no longer has), so that print/ shows this plan only. Other files
 * are left alone. */
static int remove_stale_pages(const pages_t *pg, sr_error_t *err)
{
	DIR *d = opendir(pg->dir);
	if (!d)
		return sr_error_set(err, SR_EIO, pg->dir, 0, _("cannot list: %s"), strerror(errno));
	int rc = SR_OK;
	struct dirent *e;
	while (rc == SR_OK && (e = readdir(d))) {
		if (!is_page_name(e->d_name))
			continue;
		int mine = 0;
		for (size_t i = 0; i < pg->n && !mine; i++)
			mine = strcmp(pg->names[i], e->d_name) == 0;
		if (mine)
			continue;
		char *path = out_path(pg->dir, e->d_name);
		if (unlink(path) != 0 && errno != ENOENT)
			rc = sr_error_set(err, SR_EIO, path, 0, _("cannot remove an old page: %s"),
					  strerror(errno));
		free(path);
	}
	closedir(d);
	return rc;
}

static void th(sr_buf_t *b, const sr_plan_t *p, out_msg_t m, int num)
{
	sr_buf_puts(b, num ? "<th class=\"n\">" : "<th>");
	sr_buf_html(b, out_msg(p, m));
	sr_buf_puts(b, "</th>");
}

static void hm(sr_buf_t *b, int s)
{
	char t[16];
	out_fmt_hm(t, s);
	sr_buf_puts(b, t);
}

static void h1(sr_buf_t *b, const char *text)
{
	sr_buf_puts(b, "<h1>");
	sr_buf_html(b, text);
	sr_buf_puts(b, "</h1>\n");
}

/* "08:00–17:00" of a session, kept on one line. */
static void session_span(sr_buf_t *b, const plan_session_t *s)
{
	sr_buf_puts(b, "<span class=\"t\">");
	hm(b, s->start_s);
	sr_buf_puts(b, "&#8211;");
	hm(b, s->end_s);
	sr_buf_puts(b, "</span>");
}

static void days_slug(char *buf, size_t size, uint8_t days)
{
	out_fmt_days(buf, size, days, "-");
	for (char *c = buf; *c; c++)
		*c = (char)tolower((unsigned char)*c);
}

static void bus_page_name(char *buf, size_t size, int bus, uint8_t days)
{
	char d[40];
	days_slug(d, sizeof d, days);
	snprintf(buf, size, "bus-%d-%s.html", bus + 1, d);
}

static void km(sr_buf_t *b, const sr_plan_t *p, double m)
{
	sr_buf_printf(b, "%.1f ", m / 1000.0);
	sr_buf_html(b, out_msg(p, M_KM));
}

/* A bus as people name it: "3 (А123ВС 50)" with its plate when fleet.csv
 * gives one. The plate is one unbreakable piece in narrow table cells: a
 * line may break before it, never inside it. */
static void bus_name(sr_buf_t *b, const plan_bus_t *bus)
{
	sr_buf_html(b, bus->id);
	if (bus->plate) {
		sr_buf_puts(b, " <span class=\"t\">(");
		sr_buf_html(b, bus->plate);
		sr_buf_puts(b, ")</span>");
	}
}

void out_html_bus_name(sr_buf_t *b, const plan_bus_t *bus)
{
	bus_name(b, bus);
}

static void bus_cell(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r)
{
	if (r->bus >= 0)
		bus_name(b, &p->buses[r->bus]);
	else
		sr_buf_html(b, out_msg(p, M_UNASSIGNED));
}

/* ---- driver's sheets ---- */

/* "Петров И. И., тел. +7 900 …" of a bus's driver from fleet.csv (the
 * name, the phone or both); nothing when neither is given. */
static void driver_text(sr_buf_t *b, const sr_plan_t *p, const plan_bus_t *bus)
{
	if (bus->driver)
		sr_buf_html(b, bus->driver);
	if (bus->driver && bus->driver_phone)
		sr_buf_puts(b, ", ");
	if (bus->driver_phone) {
		sr_buf_html(b, out_msg(p, M_PHONE));
		sr_buf_puts(b, " ");
		sr_buf_html(b, bus->driver_phone);
	}
}

/* A line of the sheet between runs: `what` from one place and time to
 * another (or the same place: a wait). */
static void leg(sr_buf_t *b, const sr_plan_t *p, out_msg_t what, int from_pt, int from_s, int to_pt,
		int to_s)
{
	sr_buf_puts(b, "<p class=\"empty\">");
	sr_buf_html(b, out_msg(p, what));
	sr_buf_puts(b, ": ");
	sr_buf_html(b, out_pt_label(p, &p->points[from_pt]));
	sr_buf_puts(b, " <span class=\"t\">");
	hm(b, from_s);
	sr_buf_puts(b, "</span> &#8594; ");
	if (from_pt != to_pt) {
		sr_buf_html(b, out_pt_label(p, &p->points[to_pt]));
		sr_buf_puts(b, " ");
	}
	sr_buf_puts(b, "<span class=\"t\">");
	hm(b, to_s);
	sr_buf_puts(b, "</span></p>\n");
}

/* A leg without children between two places; staying at one place is a
 * wait, and none when it lasts no printed minute (the last stop is the
 * garage). */
static void empty_drive(sr_buf_t *b, const sr_plan_t *p, int from_pt, int from_s, int to_pt,
			int to_s)
{
	if (from_pt == to_pt && to_s / 60 <= from_s / 60)
		return;
	leg(b, p, from_pt == to_pt ? M_WAIT : M_DEADHEAD, from_pt, from_s, to_pt, to_s);
}

/* What the bus does between run r and the next run nx (gap g of its
 * duty): empty to nx's first stop and a wait or break there, or to the
 * depot, the wait or break there, and out to nx. */
static void gap_lines(sr_buf_t *b, const sr_plan_t *p, const plan_bus_t *bus, const plan_run_t *r,
		      const plan_run_t *nx, const plan_gap_t *g)
{
	int from = r->stops[r->n_stops - 1].point, to = nx->stops[0].point;
	int end = r->stops[r->n_stops - 1].departure_s, start = nx->stops[0].arrival_s;
	if (g->depot_in_s >= 0) {
		leg(b, p, M_TO_DEPOT, from, end, bus->depot, g->depot_in_s);
		leg(b, p,
		    g->is_split	  ? M_SPLIT_BREAK
		    : g->is_break ? M_BREAK_AT_DEPOT
				  : M_AT_DEPOT,
		    bus->depot, g->depot_in_s, bus->depot, g->depot_out_s);
		leg(b, p, M_DEADHEAD, bus->depot, g->depot_out_s, to, start);
		return;
	}
	if (from != to)
		leg(b, p, M_DEADHEAD, from, end, to, g->ready_s);
	if (g->wait_s > 0 && (g->is_break || start / 60 > g->ready_s / 60))
		leg(b, p, g->is_break ? M_BREAK : M_WAIT, to, g->ready_s, to, start);
}

/* ", working time 07:16, without 04:00 of the split-shift break
 * 07:53–15:25" of a split day (nothing for another). */
static void worktime(sr_buf_t *b, const sr_plan_t *p, const plan_duty_t *du)
{
	const plan_gap_t *g = NULL;
	for (int k = 0; du->split_s > 0 && du->gaps && k + 1 < du->n_runs; k++)
		if (du->gaps[k].is_split)
			g = &du->gaps[k];
	if (!g)
		return;
	char work[16], from[16], to[16], span[48], off[16];
	out_fmt_hm(work, du->shift_s);
	out_fmt_hm(off, du->split_s);
	out_fmt_hm(from, g->depot_in_s);
	out_fmt_hm(to, g->depot_out_s);
	snprintf(span, sizeof span, "%s\u2013%s", from, to);
	const char *args[3] = {work, span, off};
	sr_buf_t t;
	sr_buf_init(&t);
	out_msg_fill(&t, p, M_WORKTIME, args, 3);
	sr_buf_puts(b, ", <span class=\"split\">");
	sr_buf_html(b, t.data);
	sr_buf_puts(b, "</span>");
	sr_buf_free(&t);
}

/* "Working day: 06:46–18:41 (11:55), driving 05:12." (with ", working
 * time ..., without ... of the split-shift break ..." before the
 * driving). */
static void workday_line(sr_buf_t *b, const sr_plan_t *p, const plan_duty_t *du)
{
	sr_buf_puts(b, "<p>");
	sr_buf_html(b, out_msg(p, M_WORKDAY));
	sr_buf_puts(b, ": <span class=\"t\">");
	hm(b, du->depart_depot_s);
	sr_buf_puts(b, "&#8211;");
	hm(b, du->return_depot_s);
	sr_buf_puts(b, "</span> (");
	/* the length as the printed times give it (they drop the seconds) */
	hm(b, (du->return_depot_s / 60 - du->depart_depot_s / 60) * 60);
	sr_buf_puts(b, ")");
	worktime(b, p, du);
	sr_buf_puts(b, ", ");
	sr_buf_html(b, out_msg(p, M_DRIVING));
	sr_buf_puts(b, " ");
	hm(b, du->driving_s);
	sr_buf_puts(b, ".</p>\n");
}

/* The bus's drivers' working week, its days summed ("Рабочее время за
 * неделю: 56:42"), and where it is longer than the bus's max_week_h, so
 * (the Labour Code's 40 hours; the driver keeps this sheet). */
static void week_line(sr_buf_t *b, const sr_plan_t *p, int bus)
{
	int work, over = plan_week_over(p, bus, &work);
	char t[16], l[32];
	plan_week_text(work, t);
	snprintf(l, sizeof l, "%g", plan_week_limit_h(p, bus));
	sr_buf_puts(b, "<p>");
	out_msg_fill(b, p, over ? M_WEEK_OVER : M_WEEK_WORK, (const char *[]){t, l}, 2);
	sr_buf_puts(b, "</p>\n");
}

/* The notes of riders.csv for children of a session at a point (session
 * -1: any), each once, as a small line under the stop's name. */
static void stop_notes(sr_buf_t *b, const sr_plan_t *p, int session, int point)
{
	for (int i = 0; i < p->n_riders; i++) {
		const plan_rider_t *rd = &p->riders[i];
		if (rd->pickup != point || (session >= 0 && rd->session != session) || !rd->note ||
		    !rd->note[0])
			continue;
		int seen = 0;
		for (int j = 0; j < i && !seen; j++)
			seen = p->riders[j].pickup == point && p->riders[j].note &&
			       (session < 0 || p->riders[j].session == session) &&
			       !strcmp(p->riders[j].note, rd->note);
		if (seen)
			continue;
		sr_buf_puts(b, "<br><span class=\"note\">");
		sr_buf_html(b, rd->note);
		sr_buf_puts(b, "</span>");
	}
}

/* "Стадион (домой)": where a run goes and which way; a mixed run names
 * each destination in the order it calls there ("Стадион, Бассейн"),
 * each place once (two sessions at one stadium: "Стадион"). */
static void run_dest_dir(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r)
{
	for (int k = 0, n = 0; k < r->n_stops; k++)
		if (plan_stop_is_dest(r, k) && !out_stop_same_place(r, k)) {
			sr_buf_puts(b, n++ ? ", " : "");
			sr_buf_html(b, out_pt_label(p, &p->points[r->stops[k].point]));
		}
	sr_buf_puts(b, " (");
	sr_buf_html(b, out_dir_word(p, r->dir));
	sr_buf_puts(b, ")");
}

/* "football, 16:00–17:30" (a run's page is of its days: a part of a
 * session held at other times on some days by the session's name) */
static void session_line(sr_buf_t *b, const plan_session_t *s)
{
	sr_buf_html(b, plan_session_name(s));
	sr_buf_puts(b, ", ");
	session_span(b, s);
}

/* "Занятие: football, 16:00–17:30", or for a mixed run each of its
 * sessions in the order of its destinations under one word: "Занятия:
 * Футбол (старшие), 16:00–17:15; Футбол (младшие), 16:00–17:00". */
static void run_sessions(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r)
{
	int many = 0;
	for (int k = 0; k < r->n_stops; k++)
		many |= plan_stop_is_dest(r, k) && r->stops[k].session != r->session;
	sr_buf_html(b, out_msg(p, many ? M_SESSIONS : M_SESSION));
	sr_buf_puts(b, ": ");
	session_line(b, &p->sessions[r->session]);
	for (int k = 0; k < r->n_stops; k++) /* a mixed run's other sessions */
		if (plan_stop_is_dest(r, k) && r->stops[k].session != r->session) {
			sr_buf_puts(b, "; ");
			session_line(b, &p->sessions[r->stops[k].session]);
		}
}

static void run_block(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r)
{
	sr_buf_puts(b, "<div class=\"run\">\n<h2>");
	sr_buf_html(b, out_msg(p, M_RUN));
	sr_buf_puts(b, " ");
	sr_buf_html(b, r->id);
	sr_buf_puts(b, ": ");
	run_dest_dir(b, p, r);
	sr_buf_puts(b, "</h2>\n<p>");
	run_sessions(b, p, r);
	sr_buf_printf(b, ". %s: %d, ", out_msg(p, M_CHILDREN), r->children);
	km(b, p, r->meters);
	if (r->bus >= 0 && p->buses[r->bus].escort) {
		sr_buf_printf(b, ". %s: ", out_msg(p, M_ESCORT));
		sr_buf_html(b, p->buses[r->bus].escort);
	}
	sr_buf_puts(b, "</p>\n<div class=\"runrow\">\n<table>\n<thead><tr><th class=\"n\">#</th>");
	th(b, p, M_STOP, 0), th(b, p, M_ARRIVAL, 1), th(b, p, M_DEPARTURE, 1);
	th(b, p, M_BOARD, 1), th(b, p, M_ALIGHT, 1);
	sr_buf_puts(b, "</tr></thead>\n");
	/* a mixed run's stops of several sessions at one place, one after
	 * the other, are one row for the driver: one stop, its children
	 * summed */
	for (int i = 0, row = 0; i < r->n_stops; row++) {
		const plan_stop_t *st = &r->stops[i];
		int j = i + 1, on = st->board, off = st->alight;
		for (; j < r->n_stops && out_stop_same_place(r, j); j++)
			on += r->stops[j].board, off += r->stops[j].alight;
		sr_buf_printf(b, "<tr><td class=\"n\">%d</td><td>", row + 1);
		char lb[512];
		sr_buf_html(b, out_pt_stop_label(p, &p->points[st->point], lb, sizeof(lb)));
		for (int k = i; k < j; k++)
			stop_notes(b, p, r->stops[k].session, st->point);
		sr_buf_puts(b, "</td><td class=\"n\">");
		hm(b, st->arrival_s);
		sr_buf_puts(b, "</td><td class=\"n\">");
		hm(b, r->stops[j - 1].departure_s);
		sr_buf_puts(b, "</td><td class=\"n\">");
		if (on)
			sr_buf_printf(b, "%d", on);
		sr_buf_puts(b, "</td><td class=\"n\">");
		if (off)
			sr_buf_printf(b, "%d", off);
		sr_buf_puts(b, "</td></tr>\n");
		i = j;
	}
	sr_buf_puts(b, "</table>\n");
	out_svg_run_map(b, p, r, 320, 230);
	sr_buf_puts(b, "</div>\n</div>\n");
}

static int driver_sheet(sr_buf_t *b, const sr_plan_t *p, const plan_pattern_t *pat,
			const plan_duty_t *du, pages_t *pg, sr_error_t *err)
{
	const plan_bus_t *bus = &p->buses[du->bus];
	char name[128];
	bus_page_name(name, sizeof name, du->bus, pat->days);
	sr_buf_t title;
	sr_buf_init(&title);
	sr_buf_printf(&title, "%s: %s %s", out_msg(p, M_DRIVER_SHEET), out_msg(p, M_BUS), bus->id);
	if (bus->plate)
		sr_buf_printf(&title, " (%s)", bus->plate);
	sr_buf_puts(&title, ", ");
	out_buf_days_short(&title, p, pat->days);
	page_begin(b, p, title.data, 1, pg);
	sheet_head(b, p);
	sr_buf_puts(b, "<h1>");
	sr_buf_html(b, title.data);
	sr_buf_free(&title);
	sr_buf_puts(b, "</h1>\n<p>");
	if (bus->model) {
		sr_buf_html(b, out_msg(p, M_MODEL));
		sr_buf_puts(b, ": ");
		sr_buf_html(b, bus->model);
		sr_buf_puts(b, ". ");
	}
	sr_buf_printf(b, "%s: %d. ", out_msg(p, M_SEATS), bus->seats);
	sr_buf_html(b, out_msg(p, M_DEPOT));
	sr_buf_puts(b, ": ");
	sr_buf_html(b, out_pt_label(p, &p->points[bus->depot]));
	sr_buf_puts(b, ". ");
	sr_buf_html(b, out_msg(p, M_TOTAL_KM));
	sr_buf_puts(b, ": ");
	km(b, p, du->meters);
	sr_buf_puts(b, ".</p>\n");
	if (bus->driver || bus->driver_phone) {
		sr_buf_puts(b, "<p>");
		sr_buf_html(b, out_msg(p, M_DRIVER));
		sr_buf_puts(b, ": ");
		driver_text(b, p, bus);
		sr_buf_puts(b, ".</p>\n");
	}
	sr_buf_puts(b, "<p><b>");
	sr_buf_html(b, out_msg(p, M_LEAVE_DEPOT));
	sr_buf_puts(b, ": <span class=\"t\">");
	hm(b, du->depart_depot_s);
	sr_buf_puts(b, "</span></b></p>\n");
	if (du->gaps)
		workday_line(b, p, du);
	week_line(b, p, du->bus);
	int at_pt = bus->depot, at_s = du->depart_depot_s;
	for (int j = 0; j < du->n_runs; j++) {
		const plan_run_t *r = &pat->runs[du->runs[j]];
		if (j > 0 && du->gaps)
			gap_lines(b, p, bus, &pat->runs[du->runs[j - 1]], r, &du->gaps[j - 1]);
		else
			empty_drive(b, p, at_pt, at_s, r->stops[0].point, r->stops[0].arrival_s);
		run_block(b, p, r);
		at_pt = r->stops[r->n_stops - 1].point;
		at_s = r->stops[r->n_stops - 1].departure_s;
	}
	empty_drive(b, p, at_pt, at_s, bus->depot, du->return_depot_s);
	sr_buf_puts(b, "<p><b>");
	sr_buf_html(b, out_msg(p, M_RETURN_DEPOT));
	sr_buf_puts(b, ": <span class=\"t\">");
	hm(b, du->return_depot_s);
	sr_buf_puts(b, "</span></b></p>\n");
	return page_end(b, pg, name, err);
}

/* ---- destination pages ---- */

/* "Ивановка (5), Петровка (3)": the stops of a run where children get on
 * (to the session) or off (home). */
static void run_villages(sr_buf_t *b, const sr_plan_t *p, const plan_run_t *r)
{
	int first = 1;
	for (int i = 0; i < r->n_stops; i++) {
		const plan_stop_t *st = &r->stops[i];
		int n = r->dir == PLAN_HOME ? st->alight : st->board;
		if (n <= 0 || plan_stop_is_dest(r, i)) /* a school may be a pickup too */
			continue;
		if (!first)
			sr_buf_puts(b, ", ");
		char lb[512];
		sr_buf_html(b, out_pt_stop_label(p, &p->points[st->point], lb, sizeof(lb)));
		sr_buf_printf(b, " (%d)", n);
		first = 0;
	}
}

/* The stop of run r at the session's destination (last going there, first
 * coming back). */
/* Where run r serves session si's destination (a mixed run has one for
 * each of its sessions). */
static const plan_stop_t *dest_stop(const plan_run_t *r, int si)
{
	for (int k = 0; k < r->n_stops; k++)
		if (plan_stop_is_dest(r, k) && r->stops[k].session == si)
			return &r->stops[k];
	return r->dir == PLAN_HOME ? &r->stops[0] : &r->stops[r->n_stops - 1];
}

/* Table rows that differ only in their days, printed once with the days
 * together ("Пн–Пт" when the whole week is alike): what a family or a
 * school reads off is the time and the bus, not the day pattern. */
typedef struct mrow {
	char *cells;  /* the row's cells after the days column, as HTML */
	uint8_t days; /* its days */
} mrow_t;

typedef struct mrows {
	mrow_t *row;
	size_t n, cap;
} mrows_t;

/* Adds a row (takes cells->data): merged into an equal row's days. */
static void mrows_add(mrows_t *m, uint8_t days, sr_buf_t *cells)
{
	for (size_t j = 0; j < m->n; j++)
		if (!strcmp(m->row[j].cells, cells->data)) {
			m->row[j].days |= days;
			sr_buf_free(cells);
			return;
		}
	sr_grow(&m->row, &m->cap, m->n + 1, sizeof(mrow_t));
	m->row[m->n++] = (mrow_t){cells->data, days};
}

/* Prints the rows in the order first added and frees them. */
static void mrows_print(sr_buf_t *b, const sr_plan_t *p, mrows_t *m)
{
	for (size_t j = 0; j < m->n; j++) {
		sr_buf_puts(b, "<tr><td class=\"t\">");
		out_buf_days_short(b, p, m->row[j].days);
		sr_buf_printf(b, "</td>%s</tr>\n", m->row[j].cells);
		free(m->row[j].cells);
	}
	free(m->row);
	memset(m, 0, sizeof(*m));
}

static void dest_runs_table(sr_buf_t *b, const sr_plan_t *p, int session, int dir)
{
	sr_buf_puts(b, "<h3>");
	sr_buf_html(b, out_msg(p, dir == PLAN_HOME ? M_LEAVE_BY_BUS : M_ARRIVE_BY_BUS));
	sr_buf_puts(b, "</h3>\n");
	mrows_t m = {0};
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		int *ord = out_run_order(p, k);
		/* by time at the destination: a stable insertion sort of the
		 * matching runs */
		int *sel = xmalloc(sizeof(int) * (size_t)(pat->n_runs + 1));
		int n = 0;
		for (int i = 0; i < pat->n_runs; i++) {
			const plan_run_t *r = &pat->runs[ord[i]];
			if (!plan_run_has_session(r, session) || r->dir != dir)
				continue;
			int t = dest_stop(r, session)->arrival_s, j = n++;
			while (j > 0 && dest_stop(&pat->runs[sel[j - 1]], session)->arrival_s > t) {
				sel[j] = sel[j - 1];
				j--;
			}
			sel[j] = ord[i];
		}
		for (int i = 0; i < n; i++) {
			const plan_run_t *r = &pat->runs[sel[i]];
			sr_buf_t c;
			sr_buf_init(&c);
			sr_buf_puts(&c, "<td>");
			sr_buf_html(&c, r->id);
			sr_buf_puts(&c, "</td><td>");
			bus_cell(&c, p, r);
			sr_buf_puts(&c, "</td><td>");
			run_villages(&c, p, r);
			sr_buf_puts(&c, "</td><td class=\"n\">");
			hm(&c, dir == PLAN_HOME ? dest_stop(r, session)->departure_s
						: dest_stop(r, session)->arrival_s);
			sr_buf_puts(&c, "</td>");
			mrows_add(&m, pat->days, &c);
		}
		free(sel);
		free(ord);
	}
	if (m.n) {
		sr_buf_puts(b, "<table>\n<thead><tr>");
		th(b, p, M_DAYS, 0), th(b, p, M_RUN, 0), th(b, p, M_BUS, 0);
		th(b, p, dir == PLAN_HOME ? M_TO : M_FROM, 0);
		th(b, p, dir == PLAN_HOME ? M_DEPARTURE : M_ARRIVAL, 1);
		sr_buf_puts(b, "</tr></thead>\n");
		mrows_print(b, p, &m);
		sr_buf_puts(b, "</table>\n");
	} else {
		sr_buf_printf(b, "<p>%s</p>\n", out_msg(p, M_NO_RUNS));
	}
}

/* The unserved groups of a session and/or village (-1: any), with a
 * village column unless the page is a village's and a session column
 * unless it is a session's; the direction in its own column, which wraps
 * (with the days in one unwrapped cell, "Пн, Ср, Пт, к занятию, а значит и
 * домой" took half of the index's width and squeezed the reason). */
static void unserved_table(sr_buf_t *b, const sr_plan_t *p, int session, int point)
{
	int rows = 0;
	out_unserved_t *l = out_unserved_lines(p);
	int *ord = out_unserved_order(p);
	for (int k = 0; k < p->n_unserved; k++) {
		int i = ord[k];
		const plan_unserved_t *u = &p->unserved[i];
		if (!l[i].shown || (session >= 0 && u->session != session) ||
		    (point >= 0 && u->pickup != point))
			continue;
		if (!rows++) {
			sr_buf_puts(b, "<h3>");
			sr_buf_html(b, out_msg(p, M_UNSERVED));
			sr_buf_puts(b, "</h3>\n<table>\n<thead><tr>");
			if (point < 0)
				th(b, p, M_VILLAGE, 0);
			if (session < 0)
				th(b, p, M_SESSION, 0);
			th(b, p, M_DAYS, 0), th(b, p, M_DIRECTION, 0);
			th(b, p, M_CHILDREN, 1), th(b, p, M_REASON, 0);
			sr_buf_puts(b, "</tr></thead>\n");
		}
		sr_buf_puts(b, "<tr>");
		if (point < 0) {
			sr_buf_puts(b, "<td>");
			sr_buf_html(b, u->pickup >= 0 ? out_pt_label(p, &p->points[u->pickup])
						      : out_msg(p, M_NOT_LOCATED));
			sr_buf_puts(b, "</td>");
		}
		if (session < 0) {
			sr_buf_puts(b, "<td>");
			if (u->session >= 0)
				sr_buf_html(b, p->sessions[u->session].id);
			sr_buf_puts(b, "</td>");
		}
		sr_buf_puts(b, "<td class=\"t\">");
		sr_buf_t days;
		sr_buf_init(&days);
		out_buf_days_short(&days, p, l[i].days);
		sr_buf_html(b, days.data ? days.data : "");
		sr_buf_free(&days);
		sr_buf_puts(b, "</td><td>");
		sr_buf_html(b,
			    u->dir >= 0 ? out_unserved_dir(p, u, &l[i]) : out_msg(p, M_BOTH_WAYS));
		sr_buf_printf(b, "</td><td class=\"n\">%d</td><td>", u->children);
		sr_buf_t why;
		sr_buf_init(&why);
		out_reason(&why, p, u);
		sr_buf_html(b, why.data ? why.data : "");
		sr_buf_free(&why);
		sr_buf_puts(b, "</td></tr>\n");
	}
	free(ord);
	free(l);
	if (rows)
		sr_buf_puts(b, "</table>\n");
}

/* Under a destination's runs in direction dir: the groups of session
 * that riders.csv takes the other way only ("обратно без автобуса (только
 * туда): Vaduz (6)"), so that the kindergarten knows whom parents fetch;
 * nothing when there are none. */
static void dest_one_way(sr_buf_t *b, const sr_plan_t *p, int session, int dir)
{
	int other = dir == PLAN_HOME ? PLAN_LEG_TO : PLAN_LEG_HOME, n = 0;
	for (int i = 0; i < p->n_riders; i++) {
		const plan_rider_t *rd = &p->riders[i];
		if (rd->session != session || rd->legs != other || rd->children <= 0 ||
		    rd->pickup < 0 || rd->pair_of) /* home elsewhere: by bus both ways */
			continue;
		if (!n++) {
			sr_buf_puts(b, "<p><i>");
			sr_buf_html(b,
				    out_msg(p, dir == PLAN_HOME ? M_NO_BUS_HOME : M_NO_BUS_THERE));
			sr_buf_puts(b, "</i>: ");
		} else {
			sr_buf_puts(b, ", ");
		}
		sr_buf_html(b, out_pt_label(p, &p->points[rd->pickup]));
		sr_buf_printf(b, " (%d)", rd->children);
	}
	if (n)
		sr_buf_puts(b, "</p>\n");
}

/* A destination that is also a pickup (a school whose children go on to a
 * section after lessons): its secretary reads their times off the
 * pickup's page, which the destination's page names. */
static void also_pickup(sr_buf_t *b, const sr_plan_t *p, int point)
{
	sr_buf_puts(b, "<p class=\"note\">");
	sr_buf_html(b, out_msg(p, M_ALSO_PICKUP));
	sr_buf_printf(b, " <a href=\"village-%d.html\">", point + 1);
	sr_buf_html(b, out_pt_label(p, &p->points[point]));
	sr_buf_puts(b, "</a> (");
	sr_buf_html(b, out_msg(p, M_PICKUP_PAGE));
	sr_buf_puts(b, ")</p>\n");
}

static int dest_page(sr_buf_t *b, const sr_plan_t *p, int point, int pickup_too, pages_t *pg,
		     sr_error_t *err)
{
	const char *name = out_pt_label(p, &p->points[point]);
	page_begin(b, p, name, 1, pg);
	sheet_head(b, p);
	h1(b, name);
	if (pickup_too)
		also_pickup(b, p, point);
	for (int s = 0; s < p->n_sessions; s++) {
		const plan_session_t *ss = &p->sessions[s];
		if (ss->dest != point)
			continue;
		sr_buf_puts(b, "<h2>");
		sr_buf_html(b, out_msg(p, M_SESSION));
		sr_buf_puts(b, " ");
		sr_buf_html(b, plan_session_name(ss)); /* a part: its days follow */
		sr_buf_puts(b, ": ");
		out_buf_days_short(b, p, ss->days);
		sr_buf_puts(b, ", ");
		session_span(b, ss);
		sr_buf_puts(b, "</h2>\n");
		dest_runs_table(b, p, s, PLAN_TO_SESSION);
		dest_one_way(b, p, s, PLAN_TO_SESSION);
		dest_runs_table(b, p, s, PLAN_HOME);
		dest_one_way(b, p, s, PLAN_HOME);
		unserved_table(b, p, s, -1);
	}
	char file[64];
	snprintf(file, sizeof file, "dest-%d.html", point + 1);
	return page_end(b, pg, file, err);
}

/* ---- village pages ---- */

/* The times of one village's runs for one session and pattern. */
typedef struct vtimes {
	sr_buf_t at_village[2], at_dest[2]; /* by direction: HH:MM lines */
	sr_buf_t buses[2];		    /* by direction: bus ids, each once */
	int *bus[2];			    /* bus indices listed */
	size_t n_bus[2], cap_bus[2];
	int kids[2];  /* by direction: children getting on / off there */
	int n_dir[2]; /* by direction: the calls there */
	int n;
} vtimes_t;

static void add_line(sr_buf_t *b, int s)
{
	if (b->len)
		sr_buf_puts(b, "<br>");
	hm(b, s);
}

static void add_bus(vtimes_t *v, const sr_plan_t *p, const plan_run_t *r)
{
	int d = r->dir == PLAN_HOME;
	for (size_t i = 0; i < v->n_bus[d]; i++)
		if (v->bus[d][i] == r->bus)
			return;
	sr_grow(&v->bus[d], &v->cap_bus[d], v->n_bus[d] + 1, sizeof(int));
	v->bus[d][v->n_bus[d]++] = r->bus;
	if (v->buses[d].len)
		sr_buf_puts(&v->buses[d], ", ");
	bus_cell(&v->buses[d], p, r);
}

/* Collects the runs of a session and pattern where children get on
 * (to the session) or off (home) at point. */
static void village_times(vtimes_t *v, const sr_plan_t *p, const plan_pattern_t *pat,
			  const int *ord, int session, int point)
{
	for (int i = 0; i < pat->n_runs; i++) {
		const plan_run_t *r = &pat->runs[ord[i]];
		for (int s = 0; s < r->n_stops; s++) {
			const plan_stop_t *st = &r->stops[s];
			int home = r->dir == PLAN_HOME;
			if (st->point != point || st->session != session ||
			    (home ? st->alight : st->board) <= 0 || plan_stop_is_dest(r, s))
				continue;
			add_line(&v->at_village[home], st->arrival_s);
			add_line(&v->at_dest[home], home ? dest_stop(r, session)->departure_s
							 : dest_stop(r, session)->arrival_s);
			add_bus(v, p, r);
			if (r->bus >= 0) /* a run without a bus carries nobody */
				v->kids[home] += home ? st->alight : st->board;
			v->n_dir[home]++;
			v->n++;
		}
	}
}

static void vtimes_reset(vtimes_t *v)
{
	for (int d = 0; d < 2; d++) {
		sr_buf_reset(&v->at_village[d]);
		sr_buf_reset(&v->at_dest[d]);
		sr_buf_reset(&v->buses[d]);
		v->n_bus[d] = 0;
		v->kids[d] = 0;
		v->n_dir[d] = 0;
	}
	v->n = 0;
}

static void vtimes_free(vtimes_t *v)
{
	for (int d = 0; d < 2; d++) {
		sr_buf_free(&v->at_village[d]);
		sr_buf_free(&v->at_dest[d]);
		sr_buf_free(&v->buses[d]);
		free(v->bus[d]);
	}
}

static const char *or_empty(const sr_buf_t *b)
{
	return b->data ? b->data : "";
}

/* The session whose table on a village's page holds session s's rows: a
 * session held at other times on some days gives the parts that meet at
 * one destination one table, their rows by days ("Занятие Футбол, Пн
 * 16:00–17:30, Ср 17:00–18:30"), as the family reads the week: the first
 * of them; s itself else. */
static int table_of(const sr_plan_t *p, int s)
{
	for (int i = 0; i < s; i++)
		if (p->sessions[s].part_of &&
		    plan_session_family(p->sessions, i) == plan_session_family(p->sessions, s) &&
		    p->sessions[i].dest == p->sessions[s].dest)
			return i;
	return s;
}

/* Whether session i's rows are in the table of session `session`. */
static int in_table(const sr_plan_t *p, int i, int session)
{
	return i == session || (p->sessions[i].part_of && table_of(p, i) == session);
}

/* The head of a village's table for one session (with the parts of its
 * table: table_of). */
static void village_session_head(sr_buf_t *b, const sr_plan_t *p, int session)
{
	const plan_session_t *ss = &p->sessions[session];
	int family = ss->part_of != 0;
	sr_buf_puts(b, "<h2>");
	sr_buf_html(b, out_pt_label(p, &p->points[ss->dest]));
	sr_buf_puts(b, "</h2>\n<p>");
	sr_buf_html(b, out_msg(p, M_SESSION));
	sr_buf_puts(b, " ");
	sr_buf_html(b, plan_session_name(ss));
	for (int i = 0; i < p->n_sessions; i++) {
		if (!in_table(p, i, session))
			continue;
		sr_buf_puts(b, ", ");
		if (family) {
			out_buf_days_short(b, p, p->sessions[i].days);
			sr_buf_puts(b, " ");
		}
		session_span(b, &p->sessions[i]);
	}
	sr_buf_puts(b, "</p>\n<table>\n<thead><tr>");
	th(b, p, M_DAYS, 0), th(b, p, M_PICKUP_TIME, 1), th(b, p, M_AT_DESTINATION, 1);
	th(b, p, M_BUS_THERE, 0), th(b, p, M_LEAVES_DESTINATION, 1), th(b, p, M_BACK_HOME, 1);
	th(b, p, M_BUS_HOME, 0);
	sr_buf_puts(b, "</tr></thead>\n");
}

/* The legs riders.csv asks for the children of session at point: a
 * plan_legs_t when every row there asks the same, PLAN_LEGS_BOTH else. */
static int village_legs(const sr_plan_t *p, int session, int point)
{
	int legs = -1;
	for (int i = 0; i < p->n_riders; i++) {
		const plan_rider_t *rd = &p->riders[i];
		if (rd->pickup != point || rd->session != session || rd->children <= 0)
			continue;
		legs = legs < 0 || legs == rd->legs ? rd->legs : PLAN_LEGS_BOTH;
	}
	return legs < 0 ? PLAN_LEGS_BOTH : legs;
}

/* A village page's notes of riders.csv for session (-1: those of sessions
 * without a table there, tabled[s] 0), as a paragraph. */
static void village_notes(sr_buf_t *b, const sr_plan_t *p, int session, int point,
			  const char *tabled)
{
	sr_buf_t notes;
	sr_buf_init(&notes);
	for (int s = 0; s < p->n_sessions; s++)
		if (session < 0 ? !tabled[s] : s == session)
			stop_notes(&notes, p, s, point);
	if (notes.len) { /* "<br><span class=note>…" per note */
		sr_buf_puts(b, "<p>");
		sr_buf_html(b, out_msg(p, M_NOTE));
		sr_buf_puts(b, ":");
		sr_buf_append(b, notes.data, notes.len);
		sr_buf_puts(b, "</p>\n");
	}
	sr_buf_free(&notes);
}

/* The other ends of the rows at point of session whose children board
 * here and go home elsewhere (dir PLAN_HOME: their homes) or come home
 * here from elsewhere (PLAN_TO_SESSION: where they board), as a page names
 * them, into b (", " between); 0 when some rider there goes that way from
 * here itself. */
static int pair_ends(sr_buf_t *b, const sr_plan_t *p, int session, int point, int dir)
{
	int n = 0;
	for (int i = 0; i < p->n_riders; i++) {
		const plan_rider_t *rd = &p->riders[i];
		if (rd->pickup != point || rd->session != session || rd->children <= 0 ||
		    plan_legs_has(rd->legs, dir))
			continue;
		if (!rd->pair_of)
			return 0;
		int end = p->riders[rd->pair_of - 1].pickup, seen = 0;
		for (int j = 0; j < i && !seen; j++) /* each other end once */
			seen = p->riders[j].pickup == point && p->riders[j].session == session &&
			       p->riders[j].pair_of && p->riders[j].legs == rd->legs &&
			       p->riders[p->riders[j].pair_of - 1].pickup == end;
		if (seen)
			continue;
		if (n++)
			sr_buf_puts(b, ", ");
		sr_buf_puts(b, out_pt_label(p, &p->points[end]));
	}
	return n;
}

/* The cells of a village's row where a one-way group's other way would
 * be: "no bus there (home only)", or for a row that brings its children
 * home elsewhere where they come from or go ("туда — от Primarschule
 * Eschen", "обратно — домой: Mauren, Nendeln"). */
static void one_way_cell(sr_buf_t *c, const sr_plan_t *p, int session, int point, int d)
{
	sr_buf_t ends, t;
	sr_buf_init(&ends);
	sr_buf_init(&t);
	if (pair_ends(&ends, p, session, point, d)) {
		const char *args[] = {ends.data};
		out_msg_fill(&t, p, d ? M_HOME_TO : M_THERE_FROM, args, 1);
	} else {
		sr_buf_puts(&t, out_msg(p, d ? M_NO_BUS_HOME : M_NO_BUS_THERE));
	}
	sr_buf_puts(c, "<td colspan=\"3\"><i>");
	sr_buf_html(c, t.data);
	sr_buf_puts(c, "</i></td>");
	sr_buf_free(&ends);
	sr_buf_free(&t);
}

/* One table per session: a row per distinct set of times and buses, the
 * days that share it together ("Пн–Пт" when every day is the same), the
 * bus at the village and at the destination going there, leaving the
 * destination and back home, under each bus how many children ride it
 * (fewer than the group where a group is left in part); a group that
 * riders.csv takes one way only says so where the other way's times
 * would be (an empty cell read as a time missing: the Liechtenstein trial
 * term's kindergarten group that parents fetch). Under the table, the
 * notes of riders.csv for the session there. Returns whether it printed
 * a table. */
static int village_session(sr_buf_t *b, const sr_plan_t *p, int session, int point, vtimes_t *v)
{
	int legs = village_legs(p, session, point);
	mrows_t m = {0};
	for (int k = 0; k < p->n_patterns; k++) {
		int *ord = out_run_order(p, k);
		vtimes_reset(v);
		for (int s = 0; s < p->n_sessions; s++)
			if (in_table(p, s, session))
				village_times(v, p, &p->patterns[k], ord, s, point);
		free(ord);
		if (!v->n)
			continue;
		sr_buf_t c;
		sr_buf_init(&c);
		for (int d = 0; d < 2; d++) /* under the buses: how many ride */
			if (v->kids[d] > 0)
				sr_buf_printf(&v->buses[d], "<br><span class=\"k\">%s: %d</span>",
					      out_msg(p, M_CHILDREN_SHORT), v->kids[d]);
		for (int d = 0; d < 2; d++) {
			if (v->n_dir[d] || plan_legs_has(legs, d))
				sr_buf_printf(&c,
					      "<td class=\"n\">%s</td><td class=\"n\">%s</td>"
					      "<td>%s</td>",
					      or_empty(d ? &v->at_dest[1] : &v->at_village[0]),
					      or_empty(d ? &v->at_village[1] : &v->at_dest[0]),
					      or_empty(&v->buses[d]));
			else
				one_way_cell(&c, p, session, point, d);
		}
		mrows_add(&m, p->patterns[k].days, &c);
	}
	if (!m.n)
		return 0;
	village_session_head(b, p, session);
	mrows_print(b, p, &m);
	sr_buf_puts(b, "</table>\n");
	village_notes(b, p, session, point, NULL);
	return 1;
}

/* Where the bus stops when that is far from the pickup's point on the map
 * (PRINT_STOP_AWAY_M or more, and no public bus stop named): families
 * must walk there (a village whose nearest road is cut off from the
 * network, or one a bus may not stop on); from the village's centre, or
 * from the point given (an address, coordinates). */
#define PRINT_STOP_AWAY_M 250.0
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static void stop_away(sr_buf_t *b, const sr_plan_t *p, const plan_point_t *pt)
{
	if (pt->snap_m < PRINT_STOP_AWAY_M || pt->stop_name)
		return;
	double dy = pt->snap_lat - pt->lat,
	       dx = (pt->snap_lon - pt->lon) * cos(pt->lat * M_PI / 180.0);
	double deg = atan2(dx, dy) * 180.0 / M_PI; /* clockwise from north */
	int sector = (int)floor((deg < 0 ? deg + 360.0 : deg) / 45.0 + 0.5) % 8;
	char m[16], la[24], lo[24];
	snprintf(m, sizeof m, "%.0f", pt->snap_m);
	snprintf(la, sizeof la, "%.5f", pt->snap_lat);
	snprintf(lo, sizeof lo, "%.5f", pt->snap_lon);
	const char *args[] = {m, out_msg(p, (out_msg_t)(M_DIR_N + sector)), la, lo};
	sr_buf_t t;
	sr_buf_init(&t);
	out_msg_fill(&t, p, pt->is_place ? M_STOP_AWAY : M_STOP_AWAY_PT, args, 4);
	sr_buf_puts(b, "<p class=\"note\">");
	sr_buf_html(b, t.data);
	sr_buf_puts(b, "</p>\n");
	sr_buf_free(&t);
}

static int village_page(sr_buf_t *b, const sr_plan_t *p, int point, pages_t *pg, sr_error_t *err)
{
	char lb[512];
	const char *name = out_pt_stop_label(p, &p->points[point], lb, sizeof(lb));
	page_begin(b, p, name, 1, pg);
	sheet_head(b, p);
	h1(b, name);
	stop_away(b, p, &p->points[point]);
	vtimes_t v;
	memset(&v, 0, sizeof v);
	char *tabled = xcalloc((size_t)p->n_sessions + 1, 1);
	for (int s = 0; s < p->n_sessions; s++) {
		int head = table_of(p, s);
		tabled[s] = (char)(head != s ? tabled[head] /* in that part's table */
					     : village_session(b, p, s, point, &v));
	}
	village_notes(b, p, -1, point, tabled); /* a group left without a bus */
	free(tabled);
	vtimes_free(&v);
	unserved_table(b, p, -1, point);
	char file[64];
	snprintf(file, sizeof file, "village-%d.html", point + 1);
	return page_end(b, pg, file, err);
}

typedef struct {
	char *key; /* the label folded: case, ё as е */
	int point;
} named_t;

static int cmp_named(const void *a, const void *b)
{
	const named_t *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->point > y->point) - (x->point < y->point);
}

/* The marked points in alphabetical order of their labels, as a school
 * secretary looks hers up in the index and the printed book: the folded
 * labels compared byte by byte, which in UTF-8 is the order of the Russian
 * alphabet (а..п are D0 B0..BF, р..я D1 80..8F; ё folds to е) and of the
 * Latin one, Latin first; ties in point order. Returns the count. */
int out_points_by_name(const sr_plan_t *p, const char *marked, int **order)
{
	named_t *v = xcalloc((size_t)p->n_points + 1, sizeof(named_t));
	int n = 0;
	for (int i = 0; i < p->n_points; i++) {
		if (!marked[i])
			continue;
		const char *label = out_pt_label(p, &p->points[i]);
		char *f = osm_name_fold(label);
		v[n].key = f ? f : xstrdup(label);
		v[n++].point = i;
	}
	qsort(v, (size_t)n, sizeof(*v), cmp_named);
	*order = xcalloc((size_t)n + 1, sizeof(int));
	for (int k = 0; k < n; k++) {
		(*order)[k] = v[k].point;
		free(v[k].key);
	}
	free(v);
	return n;
}

/* Points that get a village page: the pickups of riders.csv, where
 * children get on or off or are left without a bus. A school may be both
 * a session's destination and, after its lessons, the pickup of children
 * taken to a section: it then has both pages, the school's secretary
 * reading off the second when the section's bus leaves. */
static char *village_points(const sr_plan_t *p)
{
	char *pick = xcalloc((size_t)p->n_points + 1, 1), *v = xcalloc((size_t)p->n_points + 1, 1);
	for (int i = 0; i < p->n_riders; i++)
		pick[p->riders[i].pickup] = 1;
	for (int k = 0; k < p->n_patterns; k++)
		for (int r = 0; r < p->patterns[k].n_runs; r++) {
			const plan_run_t *run = &p->patterns[k].runs[r];
			for (int s = 0; s < run->n_stops; s++) {
				const plan_stop_t *st = &run->stops[s];
				if (pick[st->point] && !plan_stop_is_dest(run, s) &&
				    (st->board || st->alight))
					v[st->point] = 1;
			}
		}
	for (int i = 0; i < p->n_unserved; i++)
		if (p->unserved[i].pickup >= 0)
			v[p->unserved[i].pickup] = 1;
	free(pick);
	return v;
}

char *out_dest_points(const sr_plan_t *p)
{
	char *v = xcalloc((size_t)p->n_points + 1, 1);
	for (int s = 0; s < p->n_sessions; s++)
		v[p->sessions[s].dest] = 1;
	return v;
}

/* ---- lists of children per run (decree No. 1527) ---- */

/* Which of children.csv's optional columns some child has: the lists show
 * a class column and a parent column only then (the date of birth always,
 * to be filled in by hand where it is not given: the decree asks for it). */
typedef struct {
	int klass, parent;
} list_cols_t;

static list_cols_t list_cols(const sr_plan_t *p)
{
	list_cols_t c = {0, 0};
	for (int i = 0; i < p->n_children; i++) {
		c.klass |= p->children[i].klass != NULL;
		c.parent |= p->children[i].parent != NULL;
	}
	return c;
}

/* A child's date of birth as the list prints it: the date (or the year),
 * else "возраст 9", else nothing. */
static void birth_cell(sr_buf_t *b, const sr_plan_t *p, const plan_child_t *ch)
{
	char t[16];
	if (ch->born >= 0) {
		plan_day_text(ch->born, ch->born_year, !strcmp(p->settings.lang, "ru"), t);
		sr_buf_puts(b, t);
	} else if (ch->age >= 0) {
		sr_buf_html(b, out_msg(p, M_AGE_WORD));
		sr_buf_printf(b, " %d", ch->age);
	}
}

/* Whether child ch gets on or off at stop st: its pickup and session, or
 * where children.csv gives the child's home village of a row that brings
 * its children home elsewhere (riders.csv `home`), the stop where that
 * row's children board (the school after lessons). */
static int child_at(const sr_plan_t *p, const plan_child_t *ch, const plan_stop_t *st)
{
	if (ch->session != st->session)
		return 0;
	if (ch->pickup == st->point)
		return 1;
	for (int i = 0; i < p->n_riders; i++) {
		const plan_rider_t *rd = &p->riders[i];
		if (rd->pair_of && rd->legs == PLAN_LEG_HOME && rd->session == ch->session &&
		    rd->pickup == ch->pickup && p->riders[rd->pair_of - 1].pickup == st->point)
			return 1;
	}
	return 0;
}

/* The children a run takes at a stop: those of children.csv for the stop
 * and session in file order, after the ones earlier runs of the pattern
 * (in the order of the pages) in the same direction took there; a line
 * to fill in by hand for each child without a name. */
static void list_stop(sr_buf_t *b, const sr_plan_t *p, int k, const int *ord, int upto,
		      const plan_run_t *r, const plan_stop_t *st, int *row)
{
	int kids = r->dir == PLAN_HOME ? st->alight : st->board, skip = 0;
	const plan_pattern_t *pat = &p->patterns[k];
	for (int i = 0; i < upto; i++) {
		const plan_run_t *o = &pat->runs[ord[i]];
		if (o->dir != r->dir)
			continue;
		for (int s = 0; s < o->n_stops; s++)
			if (o->stops[s].point == st->point && o->stops[s].session == st->session)
				skip += o->dir == PLAN_HOME ? o->stops[s].alight
							    : o->stops[s].board;
	}
	int seen = 0, named = 0;
	list_cols_t lc = list_cols(p);
	for (int c = 0; c < p->n_children && named < kids; c++) {
		const plan_child_t *ch = &p->children[c];
		if (!child_at(p, ch, st) || seen++ < skip)
			continue;
		sr_buf_printf(b, "<tr><td class=\"n\">%d</td><td>", ++*row);
		sr_buf_html(b, ch->name);
		sr_buf_puts(b, "</td><td>");
		birth_cell(b, p, ch);
		if (lc.klass) {
			sr_buf_puts(b, "</td><td>");
			if (ch->klass)
				sr_buf_html(b, ch->klass);
		}
		sr_buf_puts(b, "</td><td>");
		sr_buf_html(b, out_pt_label(p, &p->points[st->point]));
		if (lc.parent) {
			sr_buf_puts(b, "</td><td>");
			if (ch->parent)
				sr_buf_html(b, ch->parent);
		}
		sr_buf_puts(b, "</td><td>");
		if (ch->phone)
			sr_buf_html(b, ch->phone);
		sr_buf_puts(b, "</td><td></td></tr>\n");
		named++;
	}
	for (; named < kids; named++) {
		sr_buf_printf(b,
			      "<tr class=\"blank\"><td class=\"n\">%d</td><td></td><td></td>%s<td>",
			      ++*row, lc.klass ? "<td></td>" : "");
		sr_buf_html(b, out_pt_label(p, &p->points[st->point]));
		sr_buf_printf(b, "</td>%s<td></td><td></td></tr>\n", lc.parent ? "<td></td>" : "");
	}
}

/* The list of run ord[i] of pattern k below its title: the run, its bus
 * and escort (or a line to fill in), the driver (or a line to fill in),
 * and its children by stop. */
static void list_body(sr_buf_t *b, const sr_plan_t *p, int k, const int *ord, int i)
{
	const plan_run_t *r = &p->patterns[k].runs[ord[i]];
	sr_buf_puts(b, "<p>");
	sr_buf_html(b, out_msg(p, M_BUS));
	sr_buf_puts(b, ": ");
	bus_cell(b, p, r);
	if (r->bus >= 0 && p->buses[r->bus].model) {
		sr_buf_puts(b, ", ");
		sr_buf_html(b, p->buses[r->bus].model);
	}
	sr_buf_puts(b, ". ");
	run_dest_dir(b, p, r);
	sr_buf_puts(b, ". ");
	run_sessions(b, p, r);
	sr_buf_puts(b, ".</p>\n<p>");
	sr_buf_html(b, out_msg(p, M_ESCORT));
	sr_buf_puts(b, ": ");
	if (r->bus >= 0 && p->buses[r->bus].escort)
		sr_buf_html(b, p->buses[r->bus].escort);
	else
		sr_buf_puts(b, "________________________________");
	sr_buf_puts(b, "</p>\n<p>");
	sr_buf_html(b, out_msg(p, M_DRIVER));
	sr_buf_puts(b, ": ");
	if (r->bus >= 0 && (p->buses[r->bus].driver || p->buses[r->bus].driver_phone))
		driver_text(b, p, &p->buses[r->bus]);
	else
		sr_buf_puts(b, "________________________________");
	sr_buf_puts(b, "</p>\n<table>\n<thead><tr><th class=\"n\">#</th>");
	list_cols_t lc = list_cols(p);
	sr_buf_puts(b, "<th class=\"lname\">");
	sr_buf_html(b, out_msg(p, M_CHILD));
	sr_buf_puts(b, "</th><th class=\"lbirth\">");
	sr_buf_html(b, out_msg(p, M_BIRTH_COL));
	sr_buf_puts(b, "</th>");
	if (lc.klass)
		th(b, p, M_CLASS_COL, 0);
	th(b, p, M_STOP, 0);
	if (lc.parent)
		th(b, p, M_PARENT_COL, 0);
	th(b, p, M_PHONE_COL, 0);
	sr_buf_puts(b, "<th class=\"lmark\">");
	sr_buf_html(b, out_msg(p, M_SIGNATURE));
	sr_buf_puts(b, "</th>");
	sr_buf_puts(b, "</tr></thead>\n");
	int row = 0;
	for (int q = 0; q < r->n_stops; q++)
		list_stop(b, p, k, ord, i, r, &r->stops[q], &row);
	sr_buf_puts(b, "</table>\n");
}

/* One run's list on one day pattern (run_lists). */
typedef struct {
	const char *id;
	uint8_t days;
	sr_buf_t body;
	int done;
} list_sheet_t;

/* A sheet per run: a run whose list is the same on several day patterns
 * (the kindergarten's run every weekday, on its bus, with its children)
 * is one sheet with all its days, as in the register of routes, not one
 * sheet a pattern alike but for the days in the title. */
static void run_lists(sr_buf_t *b, const sr_plan_t *p)
{
	int n = 0;
	for (int k = 0; k < p->n_patterns; k++)
		n += p->patterns[k].n_runs;
	list_sheet_t *s = xcalloc((size_t)n + 1, sizeof(*s));
	n = 0;
	for (int k = 0; k < p->n_patterns; k++) {
		int *ord = out_run_order(p, k);
		for (int i = 0; i < p->patterns[k].n_runs; i++, n++) {
			s[n].id = p->patterns[k].runs[ord[i]].id;
			s[n].days = p->patterns[k].days;
			sr_buf_init(&s[n].body);
			list_body(&s[n].body, p, k, ord, i);
		}
		free(ord);
	}
	for (int i = 0; i < n; i++) {
		if (s[i].done)
			continue;
		uint8_t days = s[i].days;
		for (int j = i + 1; j < n; j++)
			if (!s[j].done && !strcmp(s[i].id, s[j].id) &&
			    s[i].body.len == s[j].body.len &&
			    !memcmp(s[i].body.data, s[j].body.data, s[i].body.len)) {
				days |= s[j].days;
				s[j].done = 1;
			}
		sr_buf_puts(b, "<section class=\"sheet\">\n");
		sheet_head(b, p);
		sr_buf_puts(b, "<h1>");
		sr_buf_html(b, out_msg(p, M_LIST_TITLE));
		sr_buf_puts(b, " ");
		sr_buf_html(b, s[i].id);
		sr_buf_puts(b, ", ");
		out_buf_days_short(b, p, days);
		sr_buf_puts(b, "</h1>\n");
		sr_buf_puts(b, s[i].body.data);
		sr_buf_puts(b, "</section>\n");
	}
	for (int i = 0; i < n; i++)
		sr_buf_free(&s[i].body);
	free(s);
}

/* ---- index ---- */

/* After a destination's link, the sessions held there as sessions.csv
 * names them, where that is not the map's name: a secretary knows her
 * kindergarten as "Детский сад «Хазельбуш»", the map as "Evangelischer
 * Kindergarten Haselbusch". Each name once, in sessions.csv's order (a
 * session held at other times on some days by its name, not its parts'). */
static void session_names(sr_buf_t *b, const sr_plan_t *p, int point)
{
	const char *label = out_pt_label(p, &p->points[point]);
	int first = 1;
	for (int s = 0; s < p->n_sessions; s++) {
		const char *id = plan_session_name(&p->sessions[s]);
		if (p->sessions[s].dest != point || !strcmp(id, label))
			continue;
		int seen = 0;
		for (int t = 0; t < s && !seen; t++)
			seen = p->sessions[t].dest == point &&
			       !strcmp(plan_session_name(&p->sessions[t]), id);
		if (seen)
			continue;
		sr_buf_puts(b, first ? " \xe2\x80\x94 " : ", "); /* an em dash */
		sr_buf_html(b, id);
		first = 0;
	}
}

/* A heading and a list of links to the pages of the marked points; for
 * destinations (dest), the names of their sessions after each. */
static void point_links(sr_buf_t *b, const sr_plan_t *p, out_msg_t heading, const int *order, int n,
			const char *prefix, int dest)
{
	sr_buf_puts(b, "<h2>");
	sr_buf_html(b, out_msg(p, heading));
	sr_buf_puts(b, "</h2>\n<ul>\n");
	for (int k = 0; k < n; k++) {
		int i = order[k];
		sr_buf_printf(b, "<li><a href=\"%s-%d.html\">", prefix, i + 1);
		sr_buf_html(b, out_pt_label(p, &p->points[i]));
		sr_buf_puts(b, "</a>");
		if (dest)
			session_names(b, p, i);
		sr_buf_puts(b, "</li>\n");
	}
	sr_buf_puts(b, "</ul>\n");
}

/* Text t as HTML between open and close; frees t. */
static void html_between(sr_buf_t *b, const char *open, sr_buf_t *t, const char *close)
{
	sr_buf_puts(b, open);
	sr_buf_html(b, t->data ? t->data : "");
	sr_buf_puts(b, close);
	sr_buf_free(t);
}

/* The index; vo[0..nv) and do_[0..nd): the villages and destinations in
 * their order (out_points_by_name). */
static int index_page(sr_buf_t *b, const sr_plan_t *p, const int *vo, int nv, const int *do_,
		      int nd, pages_t *pg, sr_error_t *err)
{
	page_begin(b, p, out_msg(p, M_INDEX_TITLE), 0, pg);
	sheet_head(b, p);
	sr_buf_puts(b, "<h1>");
	sr_buf_html(b, out_msg(p, M_INDEX_TITLE));
	sr_buf_puts(b, "</h1>\n<h2>");
	sr_buf_html(b, out_msg(p, M_BOOKS));
	sr_buf_puts(b, "</h2>\n<ul>\n");
	for (int i = 0; i < N_BOOKS; i++) {
		sr_buf_printf(b, "<li><a href=\"%s\">", book_names[i]);
		sr_buf_html(b, out_msg(p, book_title(p, i)));
		sr_buf_puts(b, "</a></li>\n");
	}
	if (out_leaflet_found()) { /* map.html beside print/ (out_write_all) */
		sr_buf_puts(b, "<li><a href=\"../map.html\">");
		sr_buf_html(b, out_msg(p, M_ROUTE_MAP));
		sr_buf_puts(b, "</a></li>\n");
	}
	sr_buf_puts(b, "</ul>\n<h2>");
	sr_buf_html(b, out_msg(p, M_DRIVER_SHEETS));
	sr_buf_puts(b, "</h2>\n<ul>\n");
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		for (int d = 0; d < pat->n_duties; d++) {
			const plan_duty_t *du = &pat->duties[d];
			if (!du->n_runs)
				continue;
			char name[128];
			bus_page_name(name, sizeof name, du->bus, pat->days);
			sr_buf_printf(b, "<li><a href=\"%s\">", name);
			sr_buf_html(b, out_msg(p, M_BUS));
			sr_buf_puts(b, " ");
			bus_name(b, &p->buses[du->bus]);
			sr_buf_puts(b, ", ");
			out_buf_days_short(b, p, pat->days);
			sr_buf_puts(b, "</a></li>\n");
		}
	}
	sr_buf_puts(b, "</ul>\n");
	if (p->replan) {
		sr_buf_puts(b, "<p><a href=\"changes.html\">");
		sr_buf_html(b, out_msg(p, M_CHG_TITLE));
		sr_buf_puts(b, "</a></p>\n");
	}
	point_links(b, p, M_DESTINATIONS, do_, nd, "dest", 1);
	point_links(b, p, pickups_title(p), vo, nv, "village", 0);
	unserved_table(b, p, -1, -1);
	for (int i = 0; i < p->n_fixes; i++) { /* what would serve them */
		sr_buf_t t;
		sr_buf_init(&t);
		out_fix_text(&t, p, &p->fixes[i]);
		html_between(b, "<p class=\"fix\">", &t, "</p>\n");
	}
	/* what planning did otherwise than asked, as summary.txt says it (a
	 * coordinator who opens only this page saw no drivers' week over 40
	 * hours: the North Bayreuth trial, 2026-12-06) */
	if (p->n_warnings) {
		sr_buf_puts(b, "<h2>");
		sr_buf_html(b, out_msg(p, M_WARNINGS_H));
		sr_buf_puts(b, "</h2>\n<ul>\n");
		for (int i = 0; i < p->n_warnings; i++) {
			sr_buf_t t;
			sr_buf_init(&t);
			out_warning(&t, p, &p->warnings[i]);
			html_between(b, "<li>", &t, "</li>\n");
		}
		sr_buf_puts(b, "</ul>\n");
	}
	return page_end(b, pg, "index.html", err);
}

int out_print_html(const sr_plan_t *p, const char *dir, sr_error_t *err)
{
	int rc = out_check_plan(p, err);
	if (rc || (rc = sr_mkdir_p(dir, err)))
		return rc;
	sr_buf_t b, books[N_BOOKS];
	sr_buf_init(&b);
	for (int i = 0; i < N_BOOKS; i++)
		sr_buf_init(&books[i]);
	pages_t pg = {.dir = dir};
	char *villages = village_points(p), *dests = out_dest_points(p);
	int *vo, *do_;
	int nv = out_points_by_name(p, villages, &vo), nd = out_points_by_name(p, dests, &do_);
	pg.book = &books[0];
	for (int k = 0; k < p->n_patterns && !rc; k++)
		for (int d = 0; d < p->patterns[k].n_duties && !rc; d++)
			if (p->patterns[k].duties[d].n_runs)
				rc = driver_sheet(&b, p, &p->patterns[k], &p->patterns[k].duties[d],
						  &pg, err);
	pg.book = &books[1];
	for (int k = 0; k < nd && !rc; k++)
		rc = dest_page(&b, p, do_[k], villages[do_[k]], &pg, err);
	pg.book = &books[2];
	for (int k = 0; k < nv && !rc; k++)
		rc = village_page(&b, p, vo[k], &pg, err);
	run_lists(&books[3], p);
	out_register_book(&books[4], p);
	for (int i = 0; i < N_BOOKS && !rc; i++)
		rc = book_write(&b, p, &pg, book_names[i], book_title(p, i), &books[i], err);
	for (int i = 0; i < N_BOOKS; i++)
		sr_buf_free(&books[i]);
	if (!rc)
		rc = index_page(&b, p, vo, nv, do_, nd, &pg, err);
	if (!rc)
		rc = remove_stale_pages(&pg, err);
	for (size_t i = 0; i < pg.n; i++)
		free(pg.names[i]);
	free(pg.names);
	free(villages);
	free(dests);
	free(vo);
	free(do_);
	sr_buf_free(&b);
	return rc;
}
