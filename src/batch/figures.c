/* figures.c - the figures a region table and a comparison show per plan,
 * in one table so that region.csv, region.html and compare.csv name and
 * write them alike, and the HTML page frame those pages share (print CSS
 * and a few lines of script that sort a table by the clicked column). */
#include <stdio.h>
#include <string.h>
#include "batch/internal.h"

static const struct {
	const char *key, *label;
} figs[BT_N_FIGS] = {
	{"children", "children"},
	{"served", "served"},
	{"unserved", "unserved"},
	{"buses_day_max", "buses (most on a day)"},
	{"buses_week", "buses (distinct a week)"},
	{"runs_week", "runs a week"},
	{"km_week", "km a week"},
	{"empty_km_week", "empty km a week"},
	{"longest_ride", "longest ride"},
	{"longest_shift", "longest bus day"},
};

const char *bt_fig_key(int i)
{
	return figs[i].key;
}

const char *bt_fig_label(int i)
{
	return figs[i].label;
}

double bt_fig_value(const batch_figures_t *f, int i)
{
	switch (i) {
	case 0:
		return f->children;
	case 1:
		return f->served;
	case 2:
		return f->unserved;
	case 3:
		return f->buses_day_max;
	case 4:
		return f->buses_week;
	case 5:
		return f->runs_week;
	case 6:
		return f->km_week;
	case 7:
		return f->empty_km_week;
	case 8:
		return f->longest_ride_s;
	default:
		return f->longest_shift_s;
	}
}

const char *bt_fig_text(const batch_figures_t *f, int i, char *buf)
{
	double v = bt_fig_value(f, i);
	if (i == 6 || i == 7)
		snprintf(buf, 32, "%.1f", v);
	else if (i >= 8)
		bt_hms(buf, (int)v);
	else
		snprintf(buf, 32, "%d", (int)v);
	return buf;
}

void bt_fig_add(batch_figures_t *t, const batch_figures_t *f)
{
	t->children += f->children;
	t->served += f->served;
	t->unserved += f->unserved;
	t->buses_day_max += f->buses_day_max;
	t->buses_week += f->buses_week;
	t->runs_week += f->runs_week;
	t->km_week += f->km_week;
	t->empty_km_week += f->empty_km_week;
	if (f->longest_ride_s > t->longest_ride_s)
		t->longest_ride_s = f->longest_ride_s;
	if (f->longest_shift_s > t->longest_shift_s)
		t->longest_shift_s = f->longest_shift_s;
}

void bt_html_head(sr_buf_t *b, const char *title)
{
	sr_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
	sr_buf_html(b, title);
	sr_buf_puts(
		b,
		"</title>\n<style>\n"
		"body{font-family:\"DejaVu Sans\",sans-serif;font-size:10pt;margin:1.5em}\n"
		"table{border-collapse:collapse;margin:0.5em 0 1.5em}\n"
		"th,td{border:1px solid #999;padding:2px 6px;text-align:right}\n"
		"td.t,th.t{text-align:left}\n"
		"thead th{background:#eee;cursor:pointer}\n"
		"tfoot td{font-weight:bold}\n"
		".bad{color:#a00}.chg{background:#fff3c4}\n"
		"@page{size:A4 landscape;margin:12mm}\n"
		"@media print{body{margin:0}thead th{cursor:auto}a{color:inherit;text-decoration:none}"
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
		"</script>\n</head><body>\n");
}

void bt_html_tail(sr_buf_t *b)
{
	sr_buf_puts(b, "</body></html>\n");
}
