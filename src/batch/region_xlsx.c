/* region_xlsx.c - OUT/region.xlsx, the region's table for the regional
 * office that works in Excel (a comma-separated UTF-8 region.csv opens
 * garbled in a Russian Excel), written with libxlsxwriter as the plans'
 * timetable.xlsx is: one sheet, a row per district and the total, headings
 * in the pages' language, counts and km as numbers, the longest ride and
 * bus day as Excel times, the two shares as numbers in percent with their
 * counts beside them. Only what the plans determine: no run time or
 * memory, and a fixed creation time, so the same inputs give the same
 * bytes. Written beside its target and renamed over it. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "batch/internal.h"
#include "util/i18n.h"

typedef struct xsheet {
	lxw_worksheet *ws;
	lxw_format *head, *bold, *km, *time, *pct;
	double width[BT_N_FIGS + 3];
} xsheet_t;

/* The text without soft hyphens (U+00AD: the HTML headings' break hints). */
static char *no_shy(const char *s)
{
	char *t = xstrdup(s), *w = t;
	for (const char *c = s; *c; c++) {
		if ((unsigned char)c[0] == 0xc2 && (unsigned char)c[1] == 0xad) {
			c++;
			continue;
		}
		*w++ = *c;
	}
	*w = '\0';
	return t;
}

static void put_text(xsheet_t *x, lxw_row_t row, int col, const char *s, lxw_format *f)
{
	worksheet_write_string(x->ws, row, (lxw_col_t)col, s, f);
	int n = 0;
	for (const char *c = s; *c; c++)
		n += ((unsigned char)*c & 0xc0) != 0x80;
	double w = n > 50 ? 50 : n * 1.1 + 2;
	if (w > x->width[col])
		x->width[col] = w;
}

/* The figures of one row from column c0; nothing without figures. */
static void put_figs(xsheet_t *x, lxw_row_t row, int c0, const batch_figures_t *f, int bold)
{
	for (int i = 0, c = c0; i < BT_N_FIGS; i++, c++) {
		int k = bt_fig_kind(i);
		double v = bt_fig_value(f, i);
		int t = k == BT_FK_TIME || k == BT_FK_WEEK; /* a time: in days, [h]:mm:ss */
		lxw_format *fmt = k == BT_FK_KM	   ? x->km
				  : t		   ? x->time
				  : k == BT_FK_PCT ? x->pct
				  : bold	   ? x->bold
						   : NULL;
		worksheet_write_number(x->ws, row, (lxw_col_t)c, t ? v / 86400.0 : v, fmt);
		if (x->width[c] < 10)
			x->width[c] = 10;
	}
}

static void head_row(xsheet_t *x, int lang, int first_col)
{
	put_text(x, 0, 0, bt_word(lang, first_col), x->head);
	put_text(x, 0, 1, bt_word(lang, BW_STATUS), x->head);
	for (int i = 0; i < BT_N_FIGS; i++) {
		char *h = no_shy(bt_fig_label(i, lang));
		worksheet_write_string(x->ws, 0, (lxw_col_t)(2 + i), h, x->head);
		x->width[2 + i] = 12;
		free(h);
	}
	put_text(x, 0, 2 + BT_N_FIGS, bt_word(lang, BW_MESSAGE), x->head);
	worksheet_set_row(x->ws, 0, 45, NULL);
	worksheet_freeze_panes(x->ws, 1, 1);
	worksheet_repeat_rows(x->ws, 0, 0);
	worksheet_set_landscape(x->ws);
	worksheet_set_paper(x->ws, 9); /* A4 */
	worksheet_fit_to_pages(x->ws, 1, 0);
}

static void add_formats(lxw_workbook *wb, xsheet_t *x)
{
	x->head = workbook_add_format(wb);
	format_set_bold(x->head);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	x->bold = workbook_add_format(wb);
	format_set_bold(x->bold);
	x->km = workbook_add_format(wb);
	format_set_num_format(x->km, "0.0");
	x->time = workbook_add_format(wb);
	format_set_num_format(x->time, "[h]:mm:ss");
	x->pct = workbook_add_format(wb);
	format_set_num_format(x->pct, "0.0");
}

int bt_region_xlsx(const char *out, const bt_region_row_t *rows, int n, int first_col,
		   const batch_figures_t *total, int worst, int lang, sr_error_t *err)
{
	char *path = bt_path(out, "region.xlsx");
	size_t tl = strlen(path) + 32;
	char *tmp = xmalloc(tl);
	snprintf(tmp, tl, "%s.tmp.%ld", path, (long)getpid());
	int rc = SR_OK;
	lxw_workbook *wb = workbook_new(tmp);
	if (!wb) {
		rc = sr_error_set(err, SR_EIO, path, 0, _("cannot create the workbook"));
		goto out;
	}
	lxw_doc_properties props = {.title = (char *)bt_word(lang, BW_REGION_TITLE),
				    .author = (char *)"schoolrun",
				    .created = 1788220800 /* 2026-09-01 UTC: fixed */};
	workbook_set_properties(wb, &props);
	xsheet_t x = {.ws = workbook_add_worksheet(wb, NULL)};
	add_formats(wb, &x);
	head_row(&x, lang, first_col);
	for (int i = 0; i < n; i++) {
		lxw_row_t r = (lxw_row_t)(i + 1);
		put_text(&x, r, 0, rows[i].name, NULL);
		worksheet_write_number(x.ws, r, 1, rows[i].status, NULL);
		if (rows[i].fig)
			put_figs(&x, r, 2, rows[i].fig, 0);
		if (rows[i].message && rows[i].message[0])
			put_text(&x, r, 2 + BT_N_FIGS, rows[i].message, NULL);
	}
	if (total) {
		lxw_row_t r = (lxw_row_t)(n + 1);
		put_text(&x, r, 0, bt_word(lang, BW_TOTAL), x.bold);
		worksheet_write_number(x.ws, r, 1, worst, x.bold);
		put_figs(&x, r, 2, total, 1);
	}
	for (int c = 0; c < BT_N_FIGS + 3; c++)
		worksheet_set_column(x.ws, (lxw_col_t)c, (lxw_col_t)c, x.width[c], NULL);
	lxw_error e = workbook_close(wb);
	rc = sr_file_commit(tmp, path, e == LXW_NO_ERROR ? NULL : lxw_strerror(e), err);
out:
	free(tmp);
	free(path);
	return rc;
}
