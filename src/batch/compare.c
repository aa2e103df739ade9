/* compare.c - batch_compare(): two plans of a district (two scenarios on
 * the same map, or a re-run), or two batch folders with their districts
 * paired by name, side by side. Per plan: the region figures of both and
 * their difference, and per weekday, session, direction and village what
 * changed: the pickup times (runs to the session) or drop-off times (runs
 * home), the buses that serve the village, and unserved children. Days
 * with the same change are merged into one row.
 *
 * Both plans are read back from their plan.json (plan_read.c); a village
 * is known by its point id, so scenarios with other inputs on the same map
 * pair up. Rows come in a fixed order (session, direction, village,
 * kind, days), so equal inputs give equal files. */
#include <stdlib.h>
#include <string.h>
#include "batch/internal.h"
#include "util/i18n.h"

const char *bt_days(char *buf, uint8_t days, int lang)
{
	buf[0] = '\0';
	for (int d = 0; d < 7; d++)
		if (days >> d & 1) {
			if (buf[0])
				strcat(buf, ",");
			strcat(buf, bt_word(lang, BW_MON + d));
		}
	return buf;
}

void bt_why(sr_buf_t *b, int st, const char *why, int lang)
{
	if (st < 0)
		sr_buf_puts(b, bt_word(lang, BW_NOT_IN_BATCH));
	else if (st > 0)
		sr_buf_printf(b, bt_word(lang, BW_STATUS_WHY), st, why);
	else
		sr_buf_puts(b, why ? why : "");
}

const char *bt_dir_word(int dir)
{
	return dir == 0 ? "to_session" : dir == 1 ? "home" : "both";
}

static int scmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* ---- per day, session, direction and village: what a plan does ---- */

typedef struct item {
	int day;
	const char *session, *point, *name;
	int dir;
	int type; /* 0 visit, 1 unserved */
	int time_s;
	const char *bus;
	int children;
} item_t;

static int item_key_cmp(const item_t *x, const item_t *y)
{
	int c;
	if ((c = scmp(x->session, y->session)))
		return c;
	if (x->dir != y->dir)
		return x->dir - y->dir;
	if ((c = scmp(x->point, y->point)))
		return c;
	return x->day - y->day;
}

static int item_cmp(const void *a, const void *b)
{
	const item_t *x = a, *y = b;
	int c = item_key_cmp(x, y);
	if (c)
		return c;
	if (x->type != y->type)
		return x->type - y->type;
	return x->time_s - y->time_s;
}

static item_t *plan_items(const bt_plan_t *p, size_t *n)
{
	size_t cap = 0;
	item_t *it = NULL;
	*n = 0;
	for (int i = 0; i < p->n_visits + p->n_gaps; i++) {
		const bt_visit_t *v = i < p->n_visits ? &p->visits[i] : NULL;
		const bt_gap_t *g = v ? NULL : &p->gaps[i - p->n_visits];
		for (int d = 0; d < 7; d++) {
			if (!((v ? v->days : g->days) >> d & 1))
				continue;
			sr_grow(&it, &cap, *n + 1, sizeof *it);
			item_t *x = &it[(*n)++];
			memset(x, 0, sizeof *x);
			x->day = d;
			if (v) {
				*x = (item_t){d, v->session, v->point, v->name, v->dir,
					      0, v->time_s,  v->bus,   0};
			} else {
				*x = (item_t){d, g->session, g->point, g->name,	   g->dir,
					      1, 0,	     NULL,     g->children};
			}
		}
	}
	if (*n)
		qsort(it, *n, sizeof *it, item_cmp);
	return it;
}

/* What one key holds: times, buses (sorted, unique), unserved children;
 * its items it[0..n). */
typedef struct cell {
	const item_t *key, *it;
	size_t n;
	sr_buf_t times, buses;
	int first_time; /* -1 none */
	int unserved;
} cell_t;

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Names v[0..n) sorted, each once, joined by spaces onto b (v is sorted in
 * place). */
static void join_names(sr_buf_t *b, const char **v, size_t n)
{
	if (n)
		qsort(v, n, sizeof *v, str_cmp);
	for (size_t i = 0; i < n; i++)
		if (!i || strcmp(v[i], v[i - 1]))
			sr_buf_printf(b, "%s%s", b->len ? " " : "", v[i]);
}

static size_t make_cell(const item_t *it, size_t i, size_t n, cell_t *c)
{
	memset(c, 0, sizeof *c);
	sr_buf_init(&c->times);
	sr_buf_init(&c->buses);
	sr_buf_puts(&c->times, "");
	sr_buf_puts(&c->buses, "");
	c->key = c->it = &it[i];
	c->first_time = -1;
	const char **bus = NULL;
	size_t nb = 0, cap = 0, k = i;
	for (; k < n && !item_key_cmp(&it[k], &it[i]); k++) {
		if (it[k].type == 1) {
			c->unserved += it[k].children;
			continue;
		}
		char t[16];
		if (c->first_time < 0)
			c->first_time = it[k].time_s;
		sr_buf_printf(&c->times, "%s%s", c->times.len ? " " : "", bt_hms(t, it[k].time_s));
		sr_grow(&bus, &cap, nb + 1, sizeof *bus);
		bus[nb++] = it[k].bus ? it[k].bus : "-";
	}
	join_names(&c->buses, bus, nb);
	free(bus);
	c->n = k - i;
	return k;
}

static void cell_free(cell_t *c)
{
	sr_buf_free(&c->times);
	sr_buf_free(&c->buses);
}

static void add_change(bt_pair_t *pr, size_t *cap, int kind, const item_t *k, const char *a,
		       const char *b, const char *delta)
{
	sr_grow(&pr->ch, cap, (size_t)pr->n_ch + 1, sizeof *pr->ch);
	bt_change_t *c = &pr->ch[pr->n_ch++];
	c->kind = kind;
	c->session = k->session;
	c->dir = k->dir;
	c->point = k->point;
	c->name = k->name;
	c->days = (uint8_t)(1u << k->day);
	c->a = xstrdup(a);
	c->b = xstrdup(b);
	c->delta = xstrdup(delta);
}

/* ---- A's buses matched to B's (renamed.c) ---- */

typedef struct bus_match {
	const char **an, **bn; /* the bus names of each plan, sorted, unique */
	size_t na, nb;
	int *match; /* per A bus, B's, or -1 */
} bus_match_t;

/* The sorted unique bus names of items it[0..n) into *names. */
static size_t bus_names(const item_t *it, size_t n, const char ***names)
{
	const char **v = n ? xcalloc(n, sizeof *v) : NULL;
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (it[i].type == 0 && it[i].bus)
			v[m++] = it[i].bus;
	if (m)
		qsort(v, m, sizeof *v, str_cmp);
	size_t u = 0;
	for (size_t i = 0; i < m; i++)
		if (!u || strcmp(v[i], v[u - 1]))
			v[u++] = v[i];
	*names = v;
	return u;
}

static int name_at(const char **v, size_t n, const char *s)
{
	const char **hit = s && n ? bsearch(&s, v, n, sizeof *v, str_cmp) : NULL;
	return hit ? (int)(hit - v) : -1;
}

/* Weighs each pair of buses by the calls they share (same key and
 * minute) and matches them. */
static void match_buses(const item_t *ia, size_t na, const item_t *ib, size_t nb, bus_match_t *bm)
{
	bm->na = bus_names(ia, na, &bm->an);
	bm->nb = bus_names(ib, nb, &bm->bn);
	bm->match = xcalloc(bm->na + 1, sizeof(int));
	double *w = xcalloc(bm->na * bm->nb + 1, sizeof(double));
	int *same = xcalloc(bm->na * bm->nb + 1, sizeof(int));
	for (size_t i = 0, k = 0; i < na && k < nb;) {
		int c = item_key_cmp(&ia[i], &ib[k]);
		size_t i1 = i, k1 = k;
		while (i1 < na && !item_key_cmp(&ia[i1], &ia[i]))
			i1++;
		while (k1 < nb && !item_key_cmp(&ib[k1], &ib[k]))
			k1++;
		for (size_t x = i; !c && x < i1; x++)
			for (size_t y = k; y < k1; y++) {
				int a = name_at(bm->an, bm->na, ia[x].bus),
				    b = name_at(bm->bn, bm->nb, ib[y].bus);
				if (ia[x].type == 0 && ib[y].type == 0 && a >= 0 && b >= 0 &&
				    ia[x].time_s / 60 == ib[y].time_s / 60)
					w[(size_t)a * bm->nb + (size_t)b] += 1;
			}
		if (c <= 0)
			i = i1;
		if (c >= 0)
			k = k1;
	}
	for (size_t a = 0; a < bm->na; a++)
		for (size_t b = 0; b < bm->nb; b++)
			same[a * bm->nb + b] = !strcmp(bm->an[a], bm->bn[b]);
	bt_match_buses((int)bm->na, (int)bm->nb, w, same, bm->match);
	free(w);
	free(same);
}

/* Whether B's buses at a key are A's there under the matching alone: each
 * of A's calls there on a bus matched to one of B's buses there, and those
 * all of B's. */
static int renamed(const cell_t *a, const cell_t *b, const bus_match_t *bm)
{
	const char **v = xcalloc(a->n + 1, sizeof *v);
	size_t m = 0;
	int ok = 1;
	for (size_t i = 0; ok && i < a->n; i++) {
		if (a->it[i].type)
			continue;
		int x = name_at(bm->an, bm->na, a->it[i].bus);
		ok = x >= 0 && bm->match[x] >= 0;
		if (ok)
			v[m++] = bm->bn[bm->match[x]];
	}
	sr_buf_t s;
	sr_buf_init(&s);
	sr_buf_puts(&s, "");
	if (ok)
		join_names(&s, v, m);
	ok = ok && m && !strcmp(s.data, b->buses.data);
	sr_buf_free(&s);
	free(v);
	return ok;
}

static void diff_cells(bt_pair_t *pr, size_t *cap, const cell_t *a, const cell_t *b,
		       const bus_match_t *bm)
{
	const item_t *k = a ? a->key : b->key;
	const char *ta = a ? a->times.data : "", *tb = b ? b->times.data : "";
	const char *ba = a ? a->buses.data : "", *bb = b ? b->buses.data : "";
	char delta[32] = "";
	if (strcmp(ta, tb)) {
		if (a && b && a->first_time >= 0 && b->first_time >= 0)
			snprintf(delta, sizeof delta, "%+.1f",
				 (b->first_time - a->first_time) / 60.0);
		add_change(pr, cap, BT_CH_TIME, k, ta, tb, delta);
	}
	if (strcmp(ba, bb))
		add_change(pr, cap, a && b && renamed(a, b, bm) ? BT_CH_RENAMED : BT_CH_BUS, k, ba,
			   bb, "");
	int ua = a ? a->unserved : 0, ub = b ? b->unserved : 0;
	if (ua != ub) {
		char sa[16], sb[16];
		snprintf(sa, sizeof sa, "%d", ua);
		snprintf(sb, sizeof sb, "%d", ub);
		snprintf(delta, sizeof delta, "%+d", ub - ua);
		add_change(pr, cap, BT_CH_UNSERVED, k, sa, sb, delta);
	}
}

/* Orders changes by session, direction, village and kind. */
static int place_cmp(const bt_change_t *x, const bt_change_t *y)
{
	int c;
	if ((c = scmp(x->session, y->session)))
		return c;
	if (x->dir != y->dir)
		return x->dir - y->dir;
	if ((c = scmp(x->name, y->name)) || (c = scmp(x->point, y->point)))
		return c;
	return x->kind - y->kind;
}

/* place, then the values, then the day: rows to merge come together */
static int change_cmp(const void *pa, const void *pb)
{
	const bt_change_t *x = pa, *y = pb;
	int c;
	if ((c = place_cmp(x, y)))
		return c;
	if ((c = strcmp(x->a, y->a)) || (c = strcmp(x->b, y->b)))
		return c;
	return (int)x->days - (int)y->days;
}

static int low_day(uint8_t d)
{
	int i = 0;
	while (i < 7 && !(d >> i & 1))
		i++;
	return i;
}

/* The order rows are written in: session, direction, village, kind, then
 * the first day. */
static int row_cmp(const void *pa, const void *pb)
{
	const bt_change_t *x = pa, *y = pb;
	int c;
	if ((c = place_cmp(x, y)))
		return c;
	if (low_day(x->days) != low_day(y->days))
		return low_day(x->days) - low_day(y->days);
	if (x->days != y->days)
		return (int)x->days - (int)y->days;
	if ((c = strcmp(x->a, y->a)))
		return c;
	return strcmp(x->b, y->b);
}

/* Merges changes that differ only in their day into one row. */
static void merge_days(bt_pair_t *pr)
{
	if (!pr->n_ch)
		return;
	qsort(pr->ch, (size_t)pr->n_ch, sizeof *pr->ch, change_cmp);
	int w = 0;
	for (int i = 0; i < pr->n_ch; i++) {
		bt_change_t *c = &pr->ch[i];
		if (w && !scmp(c->session, pr->ch[w - 1].session) && c->dir == pr->ch[w - 1].dir &&
		    !scmp(c->point, pr->ch[w - 1].point) && c->kind == pr->ch[w - 1].kind &&
		    !strcmp(c->a, pr->ch[w - 1].a) && !strcmp(c->b, pr->ch[w - 1].b) &&
		    !strcmp(c->delta, pr->ch[w - 1].delta)) {
			pr->ch[w - 1].days |= c->days;
			free(c->a);
			free(c->b);
			free(c->delta);
			continue;
		}
		pr->ch[w++] = *c;
	}
	pr->n_ch = w;
	qsort(pr->ch, (size_t)pr->n_ch, sizeof *pr->ch, row_cmp);
}

static void diff_plans(bt_pair_t *pr)
{
	size_t na, nb, cap = 0;
	item_t *ia = plan_items(&pr->a, &na), *ib = plan_items(&pr->b, &nb);
	bus_match_t bm;
	match_buses(ia, na, ib, nb, &bm);
	size_t i = 0, k = 0;
	while (i < na || k < nb) {
		int c = i >= na ? 1 : k >= nb ? -1 : item_key_cmp(&ia[i], &ib[k]);
		cell_t ca, cb;
		if (c <= 0)
			i = make_cell(ia, i, na, &ca);
		if (c >= 0)
			k = make_cell(ib, k, nb, &cb);
		diff_cells(pr, &cap, c <= 0 ? &ca : NULL, c >= 0 ? &cb : NULL, &bm);
		if (c <= 0)
			cell_free(&ca);
		if (c >= 0)
			cell_free(&cb);
	}
	free(ia);
	free(ib);
	free(bm.an);
	free(bm.bn);
	free(bm.match);
	merge_days(pr);
}

/* ---- reading both sides ---- */

/* Reads a plan folder unless its run record (rec, NULL for a plain plan
 * folder) says it failed (*st its status, *why its message). */
static int load_plan(const char *dir, const char *rec, bt_plan_t *p, int *st, char **why)
{
	batch_record_t r;
	memset(&r, 0, sizeof r);
	sr_error_t e;
	char buf[1200];
	int ok = 0;
	if (rec && bt_is_file(rec) && batch_record_read(rec, &r, &e) == SR_OK && r.status != 0 &&
	    r.status != 3) {
		*st = r.status;
		*why = xstrdup(r.message);
	} else if (bt_plan_read(dir, p, &e) == SR_OK) {
		ok = 1;
	} else {
		*why = xstrdup(sr_error_format(&e, buf, sizeof buf));
	}
	free(r.message);
	return ok;
}

static void load_pair(bt_pair_t *pr, const char *name, const batch_job_t *ja, const batch_job_t *jb)
{
	memset(pr, 0, sizeof *pr);
	pr->name = xstrdup(name);
	pr->st_a = ja ? 0 : -1;
	pr->st_b = jb ? 0 : -1;
	pr->ok_a = ja ? load_plan(ja->out, ja->record, &pr->a, &pr->st_a, &pr->why_a) : 0;
	pr->ok_b = jb ? load_plan(jb->out, jb->record, &pr->b, &pr->st_b, &pr->why_b) : 0;
	if (pr->ok_a && pr->ok_b)
		diff_plans(pr);
}

static void pair_free(bt_pair_t *pr)
{
	for (int i = 0; i < pr->n_ch; i++) {
		free(pr->ch[i].a);
		free(pr->ch[i].b);
		free(pr->ch[i].delta);
	}
	free(pr->ch);
	free(pr->name);
	free(pr->why_a);
	free(pr->why_b);
	if (pr->ok_a)
		bt_plan_free(&pr->a);
	if (pr->ok_b)
		bt_plan_free(&pr->b);
}

static int is_batch(const char *dir)
{
	char *p = bt_path(dir, "jobs.csv");
	int r = bt_is_file(p);
	free(p);
	return r;
}

/* Pairs the districts of two batches by name: A's order, then B's others. */
static int load_batches(const char *a, const char *b, bt_pair_t **out, int *n, sr_error_t *err)
{
	batch_jobs_t ja, jb;
	int rc = batch_jobs_read(a, &ja, err);
	if (rc)
		return rc;
	if ((rc = batch_jobs_read(b, &jb, err))) {
		batch_jobs_free(&ja);
		return rc;
	}
	bt_pair_t *pr = xcalloc((size_t)(ja.n + jb.n) + 1, sizeof *pr);
	int m = 0;
	for (int i = 0; i < ja.n; i++) {
		const batch_job_t *db = NULL;
		for (int k = 0; k < jb.n; k++)
			if (!strcmp(jb.jobs[k].name, ja.jobs[i].name))
				db = &jb.jobs[k];
		load_pair(&pr[m++], ja.jobs[i].name, &ja.jobs[i], db);
	}
	for (int k = 0; k < jb.n; k++) {
		int seen = 0;
		for (int i = 0; i < ja.n; i++)
			seen |= !strcmp(jb.jobs[k].name, ja.jobs[i].name);
		if (!seen)
			load_pair(&pr[m++], jb.jobs[k].name, NULL, &jb.jobs[k]);
	}
	batch_jobs_free(&ja);
	batch_jobs_free(&jb);
	*out = pr;
	*n = m;
	return SR_OK;
}

/* ---- compare.csv ---- */

static const char *const cmp_header[] = {"district",  "kind",	    "item",    "session",
					 "direction", "village_id", "village", "days",
					 "a",	      "b",	    "delta"};
enum { N_CMP = sizeof cmp_header / sizeof cmp_header[0] };

/* Why a side has no figures (none when ok), in English for compare.csv,
 * into w. */
static const char *why_en(sr_buf_t *w, int ok, int st, const char *why)
{
	sr_buf_init(w);
	if (!ok)
		bt_why(w, st, why, BT_EN);
	return w->data ? w->data : "";
}

static void figure_rows(bt_csv_t *c, const bt_pair_t *pr)
{
	sr_buf_t wa, wb;
	const char *ya = why_en(&wa, pr->ok_a, pr->st_a, pr->why_a);
	const char *yb = why_en(&wb, pr->ok_b, pr->st_b, pr->why_b);
	for (int i = 0; i < BT_N_FIGS; i++) {
		char va[32] = "", vb[32] = "", d[32] = "";
		if (pr->ok_a)
			bt_fig_text(&pr->a.fig, i, va);
		if (pr->ok_b)
			bt_fig_text(&pr->b.fig, i, vb);
		if (pr->ok_a && pr->ok_b)
			bt_fig_delta(&pr->a.fig, &pr->b.fig, i, d, NULL);
		const char *row[N_CMP] = {
			pr->name, "figure",	      bt_fig_key(i),	  "", "", "", "",
			"",	  pr->ok_a ? va : ya, pr->ok_b ? vb : yb, d};
		bt_csv_row(c, row, N_CMP);
	}
	sr_buf_free(&wa);
	sr_buf_free(&wb);
}

static int write_compare_csv(const char *path, const bt_pair_t *pairs, int n, sr_error_t *err)
{
	static const char *const kinds[] = {"time", "bus", "unserved", "bus_renamed"};
	bt_csv_t c;
	int rc = bt_csv_open(&c, path, cmp_header, N_CMP, err);
	if (rc)
		return rc;
	for (int p = 0; p < n; p++) {
		figure_rows(&c, &pairs[p]);
		for (int i = 0; i < pairs[p].n_ch; i++) {
			const bt_change_t *ch = &pairs[p].ch[i];
			char days[40];
			const char *row[N_CMP] = {pairs[p].name,
						  kinds[ch->kind],
						  "",
						  ch->session,
						  bt_dir_word(ch->dir),
						  ch->point,
						  ch->name,
						  bt_days(days, ch->days, BT_EN),
						  ch->a,
						  ch->b,
						  ch->delta};
			bt_csv_row(&c, row, N_CMP);
		}
	}
	return bt_csv_close(&c, err);
}

/* The page's language: asked, else the plans' of both sides. */
static int pairs_lang(const bt_pair_t *pairs, int n, const char *asked)
{
	int seen = BT_LANG_NONE;
	for (int i = 0; i < n; i++) {
		if (pairs[i].ok_a)
			bt_lang_see(&seen, pairs[i].a.lang);
		if (pairs[i].ok_b)
			bt_lang_see(&seen, pairs[i].b.lang);
	}
	return bt_lang_pick(asked, seen);
}

int batch_compare(const char *a, const char *b, const char *diff_dir, const char *lang,
		  int *n_changes, int *n_renamed, sr_error_t *err)
{
	if (lang && bt_lang_parse(lang) < 0)
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    _("the page's language must be ru or en, not '%s'"), lang);
	int ba = is_batch(a), bb = is_batch(b);
	if (ba != bb)
		return sr_error_set(
			err, SR_EINPUT, ba ? b : a, 0,
			_("cannot compare a batch folder (with jobs.csv) with a single plan"));
	bt_pair_t *pairs = NULL;
	int n = 0, rc = SR_OK;
	if (ba) {
		if ((rc = load_batches(a, b, &pairs, &n, err)))
			return rc;
	} else {
		pairs = xcalloc(1, sizeof *pairs);
		n = 1;
		batch_job_t ja = {.out = (char *)a}, jb = {.out = (char *)b};
		load_pair(&pairs[0], "", &ja, &jb);
		if (!pairs[0].ok_a || !pairs[0].ok_b) {
			/* a plain plan folder has no record: the read error */
			rc = sr_error_set(err, SR_EINPUT, NULL, 0, "%s",
					  !pairs[0].ok_a ? pairs[0].why_a : pairs[0].why_b);
			goto out;
		}
	}
	*n_changes = 0;
	for (int i = 0; i < n; i++)
		*n_changes += pairs[i].n_ch;
	if (n_renamed) {
		*n_renamed = 0;
		for (int i = 0; i < n; i++)
			for (int k = 0; k < pairs[i].n_ch; k++)
				*n_renamed += pairs[i].ch[k].kind == BT_CH_RENAMED;
	}
	if ((rc = sr_mkdir_p(diff_dir, err)))
		goto out;
	char *csv = bt_path(diff_dir, "compare.csv"), *html = bt_path(diff_dir, "compare.html");
	rc = write_compare_csv(csv, pairs, n, err);
	if (!rc)
		rc = bt_compare_html(html, a, b, pairs, n, pairs_lang(pairs, n, lang), err);
	free(csv);
	free(html);
out:
	for (int i = 0; i < n; i++)
		pair_free(&pairs[i]);
	free(pairs);
	return rc;
}
