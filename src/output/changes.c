/* changes.c - what a re-plan (`schoolrun plan --keep`) changed, for the
 * coordinator who calls just those families: changes.csv (libcsv,
 * written atomically), print/changes.html (in the look of the other
 * printed pages, ru/en from messages.c), and the re-plan and locks lines
 * of summary.txt and members of plan.json. The changes themselves are
 * computed by the plan stage (src/plan/changes.c: per session, direction
 * and pickup, the earlier and the new times and buses, days merged). */
#include <stdlib.h>
#include <string.h>
#include "output/internal.h"
#include "util/i18n.h"

static const char *kind_code(const plan_change_t *c)
{
	return c->is_new ? "new" : !c->new_time[0] ? "gone" : "changed";
}

/* The village of a change for people: its label when the new plan has
 * it, else the earlier plan's name (English where there is one and the
 * pages are in English). */
static const char *village(const sr_plan_t *p, const plan_change_t *c)
{
	if (c->pickup >= 0)
		return out_pt_label(p, &p->points[c->pickup]);
	int en = strcmp(p->settings.lang, "ru") != 0;
	return en && c->pickup_name_en && c->pickup_name_en[0] ? c->pickup_name_en : c->pickup_name;
}

int out_changes_csv(const sr_plan_t *p, const char *path, sr_error_t *err)
{
	if (!p->replan)
		return SR_OK;
	sr_afile_t af;
	int rc = sr_afile_open(&af, path, err);
	if (rc)
		return rc;
	static const char *const head[] = {"session", "direction",     "village_id", "village",
					   "days",    "children",      "old_time",   "new_time",
					   "old_bus", "new_bus",       "kind",	     "reason_code",
					   "reason",  "children_left", "cause"};
	int bad = sr_csv_write_row(af.fp, head, 15);
	for (int i = 0; i < p->n_changes && !bad; i++) {
		const plan_change_t *c = &p->changes[i];
		char days[40], kids[16], left[16];
		out_fmt_days(days, sizeof days, c->days, ",");
		snprintf(kids, sizeof kids, "%d", c->children);
		snprintf(left, sizeof left, "%d", c->left);
		const char *row[] = {c->session_id,
				     out_dir_code(c->dir),
				     c->pickup_id,
				     c->pickup >= 0 ? out_pt_name(&p->points[c->pickup])
						    : c->pickup_name,
				     days,
				     kids,
				     c->old_time,
				     c->new_time,
				     c->old_bus,
				     c->new_bus,
				     kind_code(c),
				     c->reason_code ? c->reason_code : "",
				     c->reason ? c->reason : "",
				     left,
				     c->cause ? c->cause : ""};
		bad = sr_csv_write_row(af.fp, row, 15);
	}
	if (bad) {
		sr_afile_abort(&af);
		return sr_error_set(err, SR_EIO, path, 0, _("cannot write"));
	}
	return sr_afile_commit(&af, err);
}

/* A "time, bus" cell: times and the buses of the side; the new side
 * with the reason why children are no longer carried (c, else NULL).
 * A side of several calls (a group on two runs) says each call's time,
 * bus and children, so the families can be told which is theirs. The
 * cell wraps between a call's bus and its children and between the word
 * and the bus's name, never inside a time or a name: a whole cell kept
 * on one line, "15:27 ГАЗель-07 (детей: 1)", pushed the table past the A4
 * sheet (a re-plan of the bundled district on 8 buses with slower roads). */
static void side_cell(sr_buf_t *b, const sr_plan_t *p, const char *time, const char *bus,
		      const plan_call_t *k, int n, out_msg_t none, const plan_change_t *c)
{
	sr_buf_puts(b, "<td>");
	if (n > 1) {
		for (int i = 0; i < n; i++) {
			sr_buf_printf(b, "%s<span class=\"t\">%02d:%02d ", i ? "<br>" : "",
				      k[i].time_s / 3600, k[i].time_s / 60 % 60);
			sr_buf_html(b, k[i].bus);
			sr_buf_printf(b, "</span> <small class=\"t\">(%s %d)</small>",
				      out_msg(p, M_SUM_P_CHILDREN), k[i].children);
		}
	} else if (!time[0]) {
		int gone = c && c->reason_code && !strcmp(c->reason_code, "session_removed");
		sr_buf_html(b, out_msg(p, gone ? M_CHG_SESSION_GONE : none));
	} else {
		sr_buf_puts(b, "<span class=\"t\">");
		sr_buf_html(b, time);
		sr_buf_puts(b, "</span><br>");
		sr_buf_html(b, out_msg(p, M_BUS));
		sr_buf_puts(b, " <span class=\"t\">");
		sr_buf_html(b, bus);
		sr_buf_puts(b, "</span>");
	}
	if (c && c->cause) { /* why the time or bus changed */
		static const struct {
			const char *code;
			out_msg_t m;
		} causes[] = {{"bus_gone", M_CAUSE_BUS_GONE},
			      {"bus_smaller", M_CAUSE_BUS_SMALLER},
			      {"session_time", M_CAUSE_SESSION_TIME},
			      {"children", M_CAUSE_CHILDREN}};
		for (size_t i = 0; i < sizeof(causes) / sizeof(causes[0]); i++)
			if (!strcmp(c->cause, causes[i].code)) {
				sr_buf_puts(b, "<br><small class=\"why\">");
				sr_buf_html(b, out_msg(p, causes[i].m));
				sr_buf_puts(b, "</small>");
			}
	}
	if (c && c->reason_code) {
		sr_buf_puts(b, "<br><small class=\"why\">");
		if (c->left > 0) /* a new group taken in part: how many not */
			sr_buf_printf(b, "%s %d: ", out_msg(p, M_CHG_LEFT), c->left);
		if (!strcmp(c->reason_code, "other_leg")) {
			/* the page is for families: the coordinator's hint
			 * (riders.csv, direction = from) stays in summary.txt
			 * and the unserved list */
			sr_buf_html(b, out_msg(p, c->dir == PLAN_TO_SESSION ? M_CHG_NO_WAY_HOME
									    : M_CHG_NO_WAY_THERE));
		} else { /* in the plan's language, as the unserved list says it */
			plan_unserved_t u = {.reason = c->reason, .reason_code = c->reason_code};
			sr_buf_t why;
			sr_buf_init(&why);
			out_reason(&why, p, &u);
			sr_buf_html(b, why.data ? why.data : "");
			sr_buf_free(&why);
		}
		sr_buf_puts(b, "</small>");
	}
	sr_buf_puts(b, "</td>");
}

static void change_row(sr_buf_t *b, const sr_plan_t *p, const plan_change_t *c)
{
	sr_buf_puts(b, "<tr><td>");
	sr_buf_html(b, village(p, c));
	sr_buf_puts(b, "</td><td>");
	sr_buf_html(b, c->session_id);
	sr_buf_puts(b, "</td><td>");
	sr_buf_html(b, out_msg(p, c->dir == PLAN_TO_SESSION ? M_DIR_TO : M_DIR_HOME));
	sr_buf_puts(b, "</td><td>");
	out_buf_days_short(b, p, c->days);
	sr_buf_puts(b, "</td>");
	side_cell(b, p, c->old_time, c->old_bus, c->calls[0], c->n_calls[0],
		  c->other_day ? M_CHG_NEW_DAY : M_CHG_NEW, NULL);
	side_cell(b, p, c->new_time, c->new_bus, c->calls[1], c->n_calls[1], M_CHG_GONE, c);
	sr_buf_printf(b, "<td class=\"n\">%d</td></tr>\n", c->children);
}

/* Alternative i of the re-plan (fewer buses, more changes) as summary.txt
 * words it, without the line's indent or end. */
static void alt_line(sr_buf_t *b, const sr_plan_t *p, int i)
{
	char n[2][16];
	sr_buf_t days, t;
	sr_buf_init(&days);
	sr_buf_init(&t);
	out_buf_days_short(&days, p, p->alts[i].days);
	snprintf(n[0], sizeof n[0], "%d", p->alts[i].saved);
	snprintf(n[1], sizeof n[1], "%d", p->alts[i].children);
	out_msg_fill(&t, p, M_SUM_REPLAN_ALT, (const char *const[]){days.data, n[0], n[1]}, 3);
	const char *x = t.data ? t.data : "";
	while (*x == ' ')
		x++;
	sr_buf_puts(b, x);
	sr_buf_free(&t);
	sr_buf_free(&days);
}

/* The re-plan's alternatives, one paragraph each: the coordinator decides
 * with this page in hand. */
static void alts_html(sr_buf_t *b, const sr_plan_t *p)
{
	for (int i = 0; i < p->n_alts; i++) {
		sr_buf_t t;
		sr_buf_init(&t);
		alt_line(&t, p, i);
		sr_buf_puts(b, "<p class=\"alt\">");
		sr_buf_html(b, t.data ? t.data : "");
		sr_buf_puts(b, "</p>\n");
		sr_buf_free(&t);
	}
}

int out_changes_html(const sr_plan_t *p, const char *dir, sr_error_t *err)
{
	if (!p->replan)
		return SR_OK;
	sr_buf_t b;
	sr_buf_init(&b);
	out_html_page_begin(&b, p, out_msg(p, M_CHG_TITLE));
	sr_buf_puts(&b, "<h1>");
	sr_buf_html(&b, out_msg(p, M_CHG_TITLE));
	sr_buf_puts(&b, "</h1>\n<p>");
	char a[2][16];
	snprintf(a[0], sizeof a[0], "%d", p->kept_runs);
	snprintf(a[1], sizeof a[1], "%d", p->new_runs);
	sr_buf_t t;
	sr_buf_init(&t);
	out_msg_fill(&t, p, M_CHG_INTRO, (const char *const[]){a[0], a[1]}, 2);
	sr_buf_html(&b, t.data ? t.data : "");
	sr_buf_free(&t);
	sr_buf_puts(&b, "</p>\n");
	alts_html(&b, p);
	if (!p->n_changes) {
		sr_buf_puts(&b, "<p class=\"empty\">");
		sr_buf_html(&b, out_msg(p, M_CHG_NONE));
		sr_buf_puts(&b, "</p>\n");
	} else {
		const out_msg_t cols[] = {M_VILLAGE, M_SESSION, M_DIRECTION, M_DAYS,
					  M_CHG_WAS, M_CHG_NOW, M_CHILDREN};
		sr_buf_puts(&b, "<table>\n<thead><tr>");
		for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
			sr_buf_puts(&b, "<th>");
			sr_buf_html(&b, out_msg(p, cols[i]));
			sr_buf_puts(&b, "</th>");
		}
		sr_buf_puts(&b, "</tr></thead>\n<tbody>\n");
		for (int i = 0; i < p->n_changes; i++)
			change_row(&b, p, &p->changes[i]);
		sr_buf_puts(&b, "</tbody>\n</table>\n");
	}
	sr_buf_puts(&b, "</body>\n</html>\n");
	char *path = out_path(dir, "changes.html");
	int rc = out_write_buf(path, &b, err);
	free(path);
	sr_buf_free(&b);
	return rc;
}

/* "Футбол / Петровка → ПАЗ-01" or "run R5" for a lock. */
static void lock_what(sr_buf_t *b, const sr_plan_t *p, const plan_lock_t *L)
{
	if (L->run)
		sr_buf_printf(b, "%s %s", out_msg(p, M_RUN), L->run);
	else
		sr_buf_printf(b, "%s / %s", p->sessions[L->session].id,
			      out_pt_label(p, &p->points[L->pickup]));
	if (L->bus >= 0)
		sr_buf_printf(b, " \xe2\x86\x92 %s", p->buses[L->bus].id);
}

/* The hint lines of summary.txt (with the setting `hints`). */
static void hints_summary(sr_buf_t *b, const sr_plan_t *p)
{
	if (strcmp(p->settings.hints, "on"))
		return;
	sr_buf_putc(b, '\n');
	if (!p->n_hints) {
		sr_buf_puts(b, out_msg(p, M_SUM_HINT_NONE));
		sr_buf_putc(b, '\n');
	}
	for (int i = 0; i < p->n_hints; i++) {
		const plan_hint_t *h = &p->hints[i];
		char n[3][16];
		sr_buf_t how, days;
		sr_buf_init(&how);
		sr_buf_init(&days);
		snprintf(n[0], sizeof n[0], "%d",
			 h->late ? plan_session_window_s(p, h->session, PLAN_HOME) / 60
				 : abs(h->move_min));
		snprintf(n[1], sizeof n[1], "%d", h->saved);
		out_msg_fill(&how, p, h->late ? M_SUM_HINT_LATE : M_SUM_HINT_MOVE,
			     (const char *const[]){
				     n[0], out_msg(p, h->move_min < 0 ? M_EARLIER : M_LATER)},
			     2);
		out_buf_days_short(&days, p, h->days);
		out_msg_fill(b, p, M_SUM_HINT,
			     (const char *const[]){p->sessions[h->session].id, how.data, n[1],
						   days.data},
			     4);
		sr_buf_putc(b, '\n');
		sr_buf_free(&how);
		sr_buf_free(&days);
	}
}

/* The re-plan's alternatives (fewer buses, more changes) in summary.txt. */
static void alts_summary(sr_buf_t *b, const sr_plan_t *p)
{
	for (int i = 0; i < p->n_alts; i++) {
		sr_buf_puts(b, "  ");
		alt_line(b, p, i);
		sr_buf_putc(b, '\n');
	}
}

void out_changes_summary(sr_buf_t *b, const sr_plan_t *p)
{
	hints_summary(b, p);
	char n[4][16];
	if (p->replan) {
		int fresh = 0;
		for (int i = 0; i < p->n_changes; i++) {
			const plan_change_t *c = &p->changes[i];
			int first = c->is_new && !c->other_day; /* a session's new day: no group */
			for (int j = 0; j < i && first; j++)
				first = !(p->changes[j].is_new &&
					  p->changes[j].session == c->session &&
					  p->changes[j].pickup == c->pickup);
			fresh += first;
		}
		snprintf(n[0], sizeof n[0], "%d", p->kept_runs);
		snprintf(n[1], sizeof n[1], "%d", p->new_runs);
		snprintf(n[2], sizeof n[2], "%d", p->changed_children);
		snprintf(n[3], sizeof n[3], "%d", fresh);
		sr_buf_putc(b, '\n');
		out_msg_fill(b, p, M_SUM_REPLAN, (const char *const[]){n[0], n[1], n[2], n[3]}, 4);
		sr_buf_putc(b, '\n');
		alts_summary(b, p);
	}
	if (!p->n_locks)
		return;
	/* rows of locks.csv: a session held at other times on some days is
	 * locked once a part (one after the other, the row's line), and its
	 * row is kept when every part is */
	int kept = 0, rows = 0;
	for (int i = 0; i < p->n_locks; i++) {
		if (i && p->locks[i].line == p->locks[i - 1].line)
			continue;
		int all = 1;
		for (int j = i; j < p->n_locks && p->locks[j].line == p->locks[i].line; j++)
			all &= p->locks[j].kept;
		kept += all;
		rows++;
	}
	snprintf(n[0], sizeof n[0], "%d", kept);
	snprintf(n[1], sizeof n[1], "%d", rows);
	sr_buf_putc(b, '\n');
	out_msg_fill(b, p, M_SUM_LOCKS, (const char *const[]){n[0], n[1]}, 2);
	sr_buf_putc(b, '\n');
	for (int i = 0; i < p->n_locks; i++) {
		const plan_lock_t *L = &p->locks[i];
		if (L->kept)
			continue;
		sr_buf_t what, why;
		sr_buf_init(&what);
		sr_buf_init(&why);
		lock_what(&what, p, L);
		out_lock_reason(&why, p, L);
		snprintf(n[0], sizeof n[0], "%ld", L->line);
		out_msg_fill(b, p, M_SUM_LOCK_NOT,
			     (const char *const[]){n[0], what.data, why.data ? why.data : ""}, 3);
		sr_buf_putc(b, '\n');
		sr_buf_free(&what);
		sr_buf_free(&why);
	}
}

static void jstr(sr_buf_t *b, const char *k, const char *v)
{
	sr_buf_printf(b, "\"%s\":", k);
	if (v)
		sr_buf_json_str(b, v);
	else
		sr_buf_puts(b, "null");
}

static void json_locks(sr_buf_t *b, const sr_plan_t *p)
{
	sr_buf_puts(b, ",\n\"locks\":[");
	for (int i = 0; i < p->n_locks; i++) {
		const plan_lock_t *L = &p->locks[i];
		sr_buf_printf(b, "%s{\"line\":%ld,", i ? ",\n" : "\n", L->line);
		jstr(b, "session", L->session >= 0 ? p->sessions[L->session].id : NULL);
		sr_buf_putc(b, ',');
		jstr(b, "pickup", L->pickup >= 0 ? p->points[L->pickup].id : NULL);
		sr_buf_putc(b, ',');
		jstr(b, "bus", L->bus >= 0 ? p->buses[L->bus].id : NULL);
		sr_buf_putc(b, ',');
		jstr(b, "run", L->run);
		sr_buf_printf(b, ",\"kept\":%s,", L->kept ? "true" : "false");
		jstr(b, "reason", L->reason);
		sr_buf_putc(b, '}');
	}
	sr_buf_puts(b, "]");
}

/* The start of the i-th object of a list: its session and days. */
static void obj_head(sr_buf_t *b, int i, const char *session, uint8_t days)
{
	char d[40];
	out_fmt_days(d, sizeof d, days, ",");
	sr_buf_puts(b, i ? ",\n{" : "\n{");
	jstr(b, "session", session);
	sr_buf_putc(b, ',');
	jstr(b, "days", d);
	sr_buf_printf(b, ",\"days_mask\":%u", (unsigned)days);
}

void out_changes_json(sr_buf_t *b, const sr_plan_t *p)
{
	if (!strcmp(p->settings.hints, "on")) {
		sr_buf_puts(b, ",\n\"hints\":[");
		for (int i = 0; i < p->n_hints; i++) {
			const plan_hint_t *h = &p->hints[i];
			obj_head(b, i, p->sessions[h->session].id, h->days);
			sr_buf_printf(b, ",\"move_min\":%d,\"late_window\":%s,\"buses_saved\":%d}",
				      h->move_min, h->late ? "true" : "false", h->saved);
		}
		sr_buf_puts(b, "]");
	}
	if (p->n_locks)
		json_locks(b, p);
	if (!p->replan)
		return;
	sr_buf_printf(b,
		      ",\n\"replan\":{\"kept_runs\":%d,\"new_runs\":%d,\"changed_children\":%d,"
		      "\"alternative\":[",
		      p->kept_runs, p->new_runs, p->changed_children);
	for (int i = 0; i < p->n_alts; i++) {
		char d[40];
		out_fmt_days(d, sizeof d, p->alts[i].days, ",");
		sr_buf_printf(b,
			      "%s{\"days\":\"%s\",\"days_mask\":%u,\"buses_saved\":%d,"
			      "\"children_changed\":%d}",
			      i ? "," : "", d, (unsigned)p->alts[i].days, p->alts[i].saved,
			      p->alts[i].children);
	}
	sr_buf_puts(b, "],\n\"changes\":[");
	for (int i = 0; i < p->n_changes; i++) {
		const plan_change_t *c = &p->changes[i];
		obj_head(b, i, c->session_id, c->days);
		sr_buf_printf(b, ",\"direction\":\"%s\",", out_dir_code(c->dir));
		jstr(b, "village_id", c->pickup_id);
		sr_buf_printf(b, ",\"children\":%d,", c->children);
		jstr(b, "old_time", c->old_time);
		sr_buf_putc(b, ',');
		jstr(b, "new_time", c->new_time);
		sr_buf_putc(b, ',');
		jstr(b, "old_bus", c->old_bus);
		sr_buf_putc(b, ',');
		jstr(b, "new_bus", c->new_bus);
		sr_buf_putc(b, ',');
		jstr(b, "kind", kind_code(c));
		sr_buf_putc(b, ',');
		jstr(b, "reason_code", c->reason_code);
		sr_buf_putc(b, ',');
		jstr(b, "reason", c->reason);
		sr_buf_printf(b, ",\"children_left\":%d,", c->left);
		jstr(b, "cause", c->cause);
		sr_buf_putc(b, '}');
	}
	sr_buf_puts(b, "]}");
}
