/* figures.c - the figures a region table and a comparison show per plan,
 * in one table so that region.csv, region.html and compare.csv name and
 * write them alike, and the HTML page frame those pages share (print CSS
 * and a few lines of script that sort a table by the clicked column).
 * The two promises to families, the same bus all week and home by the
 * bus that took a child, are shares of counts plan.json's "week" gives;
 * the counts are figures of their own, so that a region's share is the
 * ratio of its summed counts, not a mean of percentages. */
#include <stdio.h>
#include <string.h>
#include "batch/internal.h"

/* Russian headings carry soft hyphens (U+00AD) in their long words so
 * that the region table fits A4 landscape; the browser shows a hyphen only
 * where it breaks a word. */
static const struct {
	const char *key, *label[2];
	int kind;
} figs[BT_N_FIGS] = {
	{"children", {"children", "детей"}, BT_FK_INT},
	{"served", {"served", "пере\u00adвезено"}, BT_FK_INT},
	{"unserved", {"unserved", "не обслу\u00adжено"}, BT_FK_INT},
	{"buses_day_max",
	 {"buses (most on a day)", "авто\u00adбусов (больше всего за день)"},
	 BT_FK_INT},
	{"buses_week",
	 {"buses (distinct a week)", "авто\u00adбусов (разных за неделю)"},
	 BT_FK_INT},
	{"fleet", {"buses in the fleet", "авто\u00adбусов в парке"}, BT_FK_INT},
	{"more_buses",
	 {"more buses to take everyone", "ещё авто\u00adбусов, чтобы пере\u00adвезти всех"},
	 BT_FK_INT},
	{"more_buses_split",
	 {"... with split shifts", "… при раздель\u00adных сменах водителей"},
	 BT_FK_INT},
	{"runs_week", {"runs a week", "рейсов в неделю"}, BT_FK_INT},
	{"km_week", {"km a week", "км в неделю"}, BT_FK_KM},
	{"empty_km_week", {"empty km a week", "поро\u00adжний пробег, км в неделю"}, BT_FK_KM},
	{"km_term", {"km in the term", "км за период"}, BT_FK_KM},
	{"longest_ride", {"longest ride", "самая долгая по\u00adездка"}, BT_FK_TIME},
	/* the span, depot to depot: not summary.txt's "самая долгая смена",
	 * the working time, which a split shift's break makes shorter (a
	 * split day of 12:13 at 8:13 of work read as a 12-hour shift) */
	{"longest_shift", {"longest bus day", "самый долгий день авто\u00adбуса"}, BT_FK_TIME},
	/* the Labour Code's 40 hours a week: a district whose bus works 60
	 * needs a second driver there or split shifts */
	{"longest_week", {"longest drivers' week", "самая долгая рабочая неделя"}, BT_FK_WEEK},
	{"same_bus_week_pct", {"same bus all week", "тот же авто\u00adбус всю неделю"}, BT_FK_PCT},
	{"same_bus_runs",
	 {"runs on one bus all week", "рейсов на одном автобусе всю неделю"},
	 BT_FK_PART},
	{"repeating_runs", {"repeating runs", "повторяющихся рейсов"}, BT_FK_PART},
	{"home_same_bus_pct", {"home by the same bus", "домой тем же авто\u00adбусом"}, BT_FK_PCT},
	{"round_trips_same_bus",
	 {"round trips home by the same bus", "поездок домой тем же автобусом"},
	 BT_FK_PART},
	{"round_trips", {"children's round trips", "поездок детей туда и обратно"}, BT_FK_PART},
};

const char *bt_fig_key(int i)
{
	return figs[i].key;
}

const char *bt_fig_label(int i, int lang)
{
	return figs[i].label[lang == BT_RU];
}

int bt_fig_kind(int i)
{
	return figs[i].kind;
}

/* A share in percent, 100 when there is nothing to share (as
 * summary.txt writes it). */
static double pct(long part, long all)
{
	return all > 0 ? 100.0 * (double)part / (double)all : 100.0;
}

double bt_fig_value(const batch_figures_t *f, int i)
{
	const double v[BT_N_FIGS] = {f->children,
				     f->served,
				     f->unserved,
				     f->buses_day_max,
				     f->buses_week,
				     f->fleet,
				     f->more_buses,
				     f->more_buses_split,
				     f->runs_week,
				     f->km_week,
				     f->empty_km_week,
				     f->km_term,
				     f->longest_ride_s,
				     f->longest_shift_s,
				     f->longest_week_s,
				     pct(f->same_bus_runs, f->repeating_runs),
				     f->same_bus_runs,
				     f->repeating_runs,
				     pct(f->round_trips_same_bus, f->round_trips),
				     (double)f->round_trips_same_bus,
				     (double)f->round_trips};
	return v[i];
}

const char *bt_fig_text(const batch_figures_t *f, int i, char *buf)
{
	double v = bt_fig_value(f, i);
	if (figs[i].kind == BT_FK_KM || figs[i].kind == BT_FK_PCT)
		snprintf(buf, 32, "%.1f", v);
	else if (figs[i].kind == BT_FK_TIME || figs[i].kind == BT_FK_WEEK)
		bt_hms(buf, (int)v);
	else
		snprintf(buf, 32, "%ld", (long)v);
	return buf;
}

const char *bt_fig_delta(const batch_figures_t *a, const batch_figures_t *b, int i, char *buf,
			 int *unit)
{
	double x = bt_fig_value(b, i) - bt_fig_value(a, i);
	int k = figs[i].kind, u = -1;
	if (k == BT_FK_TIME) {
		snprintf(buf, 32, "%+.1f", x / 60.0);
		u = BW_MIN;
	} else if (k == BT_FK_WEEK) {
		snprintf(buf, 32, "%+.1f", x / 3600.0);
		u = BW_HOUR;
	} else if (k == BT_FK_KM || k == BT_FK_PCT) {
		snprintf(buf, 32, "%+.1f", x);
		u = k == BT_FK_PCT ? BW_PP : -1;
	} else {
		snprintf(buf, 32, "%+ld", (long)x);
	}
	if (unit)
		*unit = u;
	return buf;
}

void bt_fig_html(sr_buf_t *b, const batch_figures_t *f, int i)
{
	char v[32], n[32], d[32];
	if (figs[i].kind == BT_FK_PART)
		return;
	sr_buf_puts(b, bt_fig_text(f, i, v));
	if (figs[i].kind == BT_FK_PCT)
		sr_buf_printf(b, "&nbsp;%% <span class=\"n\">(%s/%s)</span>",
			      bt_fig_text(f, i + 1, n), bt_fig_text(f, i + 2, d));
}

void bt_fig_add(batch_figures_t *t, const batch_figures_t *f)
{
	t->children += f->children;
	t->served += f->served;
	t->unserved += f->unserved;
	t->buses_day_max += f->buses_day_max;
	t->buses_week += f->buses_week;
	t->fleet += f->fleet;
	t->more_buses += f->more_buses;
	t->more_buses_split += f->more_buses_split;
	t->runs_week += f->runs_week;
	t->km_week += f->km_week;
	t->empty_km_week += f->empty_km_week;
	t->km_term += f->km_term;
	if (f->longest_ride_s > t->longest_ride_s)
		t->longest_ride_s = f->longest_ride_s;
	if (f->longest_shift_s > t->longest_shift_s)
		t->longest_shift_s = f->longest_shift_s;
	if (f->longest_week_s > t->longest_week_s)
		t->longest_week_s = f->longest_week_s;
	t->same_bus_runs += f->same_bus_runs;
	t->repeating_runs += f->repeating_runs;
	t->round_trips_same_bus += f->round_trips_same_bus;
	t->round_trips += f->round_trips;
}

void bt_html_head(sr_buf_t *b, const char *title, int lang)
{
	sr_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>",
		      bt_lang_name(lang));
	sr_buf_html(b, title);
	sr_buf_puts(
		b,
		"</title>\n<style>\n"
		"body{font-family:\"DejaVu Sans\",sans-serif;font-size:10pt;margin:1.5em}\n"
		/* 8pt and thin padding: the region's 24 columns, a message
		 * among them, fit a 1280-pixel screen (at 9pt they took 1380) */
		"table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:8pt}\n"
		"th,td{border:1px solid #999;padding:1px 2px;text-align:right}\n"
		"td.t,th.t{text-align:left}\n"
		"thead th{background:#eee;cursor:pointer}\n"
		"tfoot td{font-weight:bold}\n"
		".bad{color:#a00}.chg{background:#fff3c4}.n{font-size:85%;color:#444}\n"
		/* a long message (a path, an error) wraps anywhere, so the
		 * table fits the page's width on screen and on A4 landscape;
		 * a district's name only where a word is wider than the page
		 * leaves its column ("Нойдросс|енфельд" had broken in a column
		 * sized by its breaks) */
		"td.msg{overflow-wrap:anywhere;word-break:break-word;min-width:6em}"
		".w{overflow-wrap:break-word}\n"
		"@page{size:A4 landscape;margin:10mm}\n"
		"@media print{body{margin:0}table{font-size:6.5pt}th,td{padding:1px 2px}"
		"thead th{cursor:auto}"
		"a{color:inherit;text-decoration:none}"
		"tr{break-inside:avoid}}\n"
		"</style>\n"
		/* sort a table's body by the clicked heading: numbers by the
		 * cell's data-v, text otherwise; a second click reverses */
		"<script>\n"
		"document.addEventListener('click',function(e){\n"
		" var th=e.target.closest('thead th');if(!th)return;\n"
		" var tb=th.closest('table').tBodies[0],i=th.cellIndex,up=th.dataset.dir!=='up';\n"
		" th.dataset.dir=up?'up':'down';\n"
		" var key=function(r){var c=r.cells[i],v=c.dataset.v;return v!==undefined?parseFloat(v):c.textContent;};\n"
		" Array.from(tb.rows).sort(function(a,b){var x=key(a),y=key(b);"
		"var c=typeof x==='number'&&typeof y==='number'?x-y:String(x).localeCompare(String(y));"
		"return up?c:-c;}).forEach(function(r){tb.appendChild(r);});\n"
		"});\n"
		"</script>\n</head><body class=\"landscape\">\n");
}

void bt_html_tail(sr_buf_t *b)
{
	sr_buf_puts(b, "</body></html>\n");
}
