/*
 * find.c - resolving what a user types for a point (osm.h, osm_find()):
 * an OSM id ("n123", "w45", "r6", the prefix letters of osmium and the
 * OSM website) or a name (name, name:ru or name:en).
 *
 * An id resolves to that element whatever its tags: first among the
 * features the reader picked, then in the element index (elements.c).
 * A name is matched byte for byte first, then in its forgiving form
 * (normalize.c: case, ё/е, quotes, dashes, "№ 2", spaces). Names are
 * looked up list by list in the preference order of the request, like a
 * geocoder that ranks settlements above other features (Nominatim's place
 * rank), so "Ruggell" is the village even when a street and a stream are
 * named after it; two matches within one list are an ambiguity that the
 * user resolves by giving the id. A name that still does not match gets
 * up to three suggestions of the wanted kind, nearest first by edit
 * distance on the forgiving form (the "did you mean" of spelling
 * checkers), each with its OSM id.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"
#include "util/i18n.h"

typedef struct flist {
	const osm_feature_t *f;
	size_t n;
	const char *what;
	int group; /* names match within the first group that has a match */
} flist_t;

/* The lists to search, in preference order. */
static int lists_for(const sr_map_t *m, osm_find_want_t want, flist_t *l)
{
	int n = 0, pick = want == OSM_FIND_PICKUP;
	if (want != OSM_FIND_DEST)
		l[n++] = (flist_t){m->places, m->n_places, "place", 0};
	/* a named bus stop is where children wait in a village or a town
	 * quarter: after the places, before the buildings */
	if (want != OSM_FIND_DEST)
		l[n++] = (flist_t){m->stops, m->n_stops, "bus stop", 1};
	l[n++] =
		(flist_t){m->dests, m->n_dests, "destination", want == OSM_FIND_ANY ? 0 : 1 + pick};
	if (want != OSM_FIND_DEST)
		l[n++] = (flist_t){m->others, m->n_others, "depot",
				   want == OSM_FIND_ANY ? 0 : 2 + pick};
	if (want == OSM_FIND_ANY)
		l[n++] = (flist_t){m->named, m->n_named, "element", 1};
	return n;
}

const char *osm_feature_list_name(const sr_map_t *m, const osm_feature_t *f)
{
	const osm_feature_t *lists[] = {m->places, m->dests, m->others, m->stops};
	size_t ns[] = {m->n_places, m->n_dests, m->n_others, m->n_stops};
	static const char *const what[] = {"place", "destination", "depot", "bus stop"};
	for (int i = 0; i < 4; i++)
		if (ns[i] && f >= lists[i] && f < lists[i] + ns[i])
			return what[i];
	return "element";
}

static int parse_id(const char *q, char *type, int64_t *id)
{
	if (q[0] != 'n' && q[0] != 'w' && q[0] != 'r')
		return 0;
	if (!isdigit((unsigned char)q[1]))
		return 0;
	if (sr_parse_int64(q + 1, id) != 0 || *id <= 0)
		return 0;
	*type = q[0];
	return 1;
}

/* The names of a feature (at most NAMES_MAX): name, name:ru, name:en,
 * official_name, short_name, alt_name. */
#define NAMES_MAX 6
static int names_of(const osm_feature_t *f, const char **nm)
{
	int k = 0;
	if (f->name)
		nm[k++] = f->name;
	if (f->name_ru)
		nm[k++] = f->name_ru;
	if (f->name_en)
		nm[k++] = f->name_en;
	for (int i = 0; i < 3; i++)
		if (f->alt_names[i])
			nm[k++] = f->alt_names[i];
	return k;
}

/* The abbreviations of facilities' kinds as district offices write them
 * ("ФОК «Олимп»" for "Физкультурно-оздоровительный комплекс «Олимп»"),
 * with the words they stand for: names compare with every one written out
 * (osm_find's third pass), in either direction. */
static const char *const abbr[][2] = {
	{"фок", "физкультурно-оздоровительный комплекс"},
	{"фск", "физкультурно-спортивный комплекс"},
	{"дюсш", "детско-юношеская спортивная школа"},
	{"сдюсшор", "специализированная детско-юношеская спортивная школа олимпийского резерва"},
	{"сош", "средняя общеобразовательная школа"},
	{"оош", "основная общеобразовательная школа"},
	{"дк", "дом культуры"},
	{"цдт", "центр детского творчества"},
};

/* Whether folded text s holds an abbreviation or the words of one: the
 * third pass is worth its folding of every name only then. */
static int abbr_in(const char *s, const char *expanded)
{
	if (strcmp(s, expanded))
		return 1;
	for (size_t i = 0; i < sizeof(abbr) / sizeof(abbr[0]); i++)
		if (strstr(s, abbr[i][1]))
			return 1;
	return 0;
}

/* Folded text s with every abbreviation among its words (between
 * spaces, dashes or its ends) written out; caller frees. */
static char *abbr_expand(const char *s)
{
	sr_buf_t b;
	sr_buf_init(&b);
	const char *p = s;
	while (*p) {
		size_t n = strcspn(p, " -");
		const char *full = NULL;
		for (size_t i = 0; i < sizeof(abbr) / sizeof(abbr[0]) && !full; i++)
			if (strlen(abbr[i][0]) == n && !strncmp(p, abbr[i][0], n))
				full = abbr[i][1];
		if (full)
			sr_buf_puts(&b, full);
		else
			sr_buf_append(&b, p, n);
		p += n;
		if (*p)
			sr_buf_putc(&b, *p++);
	}
	if (!b.data)
		sr_buf_puts(&b, "");
	return b.data;
}

/* Does f carry q: exactly (folded == 0), in forgiving form (1: q folded),
 * or with the abbreviations written out (2: q folded and expanded)? */
static int name_is(const osm_feature_t *f, const char *q, int folded)
{
	const char *nm[NAMES_MAX];
	int k = names_of(f, nm), hit = 0;
	for (int i = 0; i < k && !hit; i++) {
		if (!folded) {
			hit = !strcmp(nm[i], q);
		} else {
			char *x = osm_name_fold(nm[i]);
			if (x && folded == 2) {
				char *y = abbr_expand(x);
				free(x);
				x = y;
			}
			hit = x && !strcmp(x, q);
			free(x);
		}
	}
	return hit;
}

static const char *kind_name(const sr_map_t *m, const osm_feature_t *f)
{
	const char *w = osm_feature_list_name(m, f);
	if (!strcmp(w, "place"))
		return osm_place_kind_name((osm_place_kind_t)f->kind);
	if (!strcmp(w, "destination"))
		return osm_dest_kind_name((osm_dest_kind_t)f->kind);
	return w;
}

const osm_feature_t *osm_settlement_apart(const sr_map_t *m, const osm_feature_t *f, double *d)
{
	const osm_feature_t *best = NULL;
	for (int pass = 0; pass < 2 && !best; pass++)
		for (size_t i = 0; i < m->n_places; i++) {
			const osm_feature_t *g = &m->places[i];
			int top = pass ? OSM_PLACE_ISOLATED_DWELLING : OSM_PLACE_VILLAGE;
			if ((int)g->kind > top || !g->name ||
			    (f->name && !strcmp(g->name, f->name)))
				continue;
			double x = sr_haversine_m(f->lat, f->lon, g->lat, g->lon);
			if (!best || x < *d) {
				best = g;
				*d = x;
			}
		}
	return best;
}

/* One candidate of an ambiguous name: label, OSM id, kind, coordinates and
 * the nearest settlement of another name ("2.9 km from Neudrossenfeld"),
 * so a coordinator can tell which is meant. */
static void describe(sr_buf_t *b, const sr_map_t *m, const osm_feature_t *f)
{
	char lb[64];
	double d = 0;
	const osm_feature_t *near = osm_settlement_apart(m, f, &d);
	sr_buf_printf(b, "%s %c%lld (%s, %.5f, %.5f", osm_feature_label(f, lb, sizeof(lb)), f->type,
		      (long long)f->id, kind_name(m, f), f->lat, f->lon);
	if (near)
		sr_buf_printf(b, _(", %.1f km from %s"), d / 1000.0, near->name);
	sr_buf_puts(b, ")");
}

static int same_element(const osm_feature_t *a, const osm_feature_t *b)
{
	return a->type == b->type && a->id == b->id;
}

/* What was looked for, in the error of a name that matched nothing ("no %s
 * of this name"): translated there (the Russian in the genitive). */
static const char *want_name(osm_find_want_t want)
{
	/* TRANSLATORS: "no destination of this name in the map" */
	return want == OSM_FIND_DEST ? _("destination")
	       /* TRANSLATORS: "no place or bus stop of this name in the map" */
	       : want == OSM_FIND_PICKUP ? _("place or bus stop")
					 : _("place, destination or depot");
}

/* Resolves an OSM id: any list, then the element index. */
static int find_id(const sr_map_t *m, const char *query, char type, int64_t id, osm_feature_t *out,
		   sr_error_t *err)
{
	const osm_feature_t *lists[] = {m->places, m->dests, m->others, m->stops, m->named};
	size_t ns[] = {m->n_places, m->n_dests, m->n_others, m->n_stops, m->n_named};
	for (int l = 0; l < 5; l++)
		for (size_t k = 0; k < ns[l]; k++)
			if (lists[l][k].type == type && lists[l][k].id == id) {
				*out = lists[l][k];
				return SR_OK;
			}
	double lat, lon;
	if (osm_element_locate(m, type, id, &lat, &lon, NULL, NULL, NULL)) {
		memset(out, 0, sizeof(*out));
		out->type = type;
		out->id = id;
		out->population = -1;
		out->lat = lat;
		out->lon = lon;
		return SR_OK;
	}
	return sr_error_set(err, SR_EINPUT, NULL, 0,
			    type == 'n'	  ? _("'%s': the map holds no node with this id")
			    : type == 'w' ? _("'%s': the map holds no way with this id")
					  : _("'%s': the map holds no relation with this id"),
			    query);
}

/* Elements of one name and kind this close together are one place (a
 * school's grounds and its building, drawn both with the same name). */
#define ONE_PLACE_M 300.0

/* The kind that decides "one place": sports facilities are one class (a
 * stadium, its pitch and its track often carry the stadium's name, as the
 * Rheinparkstadion in Vaduz does), while a kindergarten, a school, a
 * college or a club's house (a house of culture, a music school…) is only
 * ever one place with its own kind. Places keep their kind. */
static int place_class(const sr_map_t *m, const osm_feature_t *f)
{
	if (strcmp(osm_feature_list_name(m, f), "destination"))
		return f->kind;
	switch ((osm_dest_kind_t)f->kind) {
	case OSM_DEST_KINDERGARTEN:
	case OSM_DEST_SCHOOL:
	case OSM_DEST_COLLEGE:
	case OSM_DEST_COMMUNITY_CENTRE:
	case OSM_DEST_ARTS_CENTRE:
	case OSM_DEST_MUSIC_SCHOOL:
	case OSM_DEST_DANCING_SCHOOL:
	case OSM_DEST_CHILDCARE:
		return f->kind;
	default:
		return -1;
	}
}

/* a before b as the one to take: an area (way, then relation) before a
 * node, then the broader kind (a stadium before its pitch), then the
 * first mapped (lowest id) */
static int takes_before(const osm_feature_t *a, const osm_feature_t *b)
{
	int ta = a->type == 'w' ? 0 : a->type == 'r' ? 1 : 2;
	int tb = b->type == 'w' ? 0 : b->type == 'r' ? 1 : 2;
	if (ta != tb)
		return ta < tb;
	if (a->kind != b->kind)
		return a->kind < b->kind;
	return a->id < b->id;
}

/* When every hit is the same place, the one to take (takes_before); else NULL. */
static const osm_feature_t *one_place(const sr_map_t *m, const osm_feature_t **h, size_t n)
{
	const osm_feature_t *best = h[0];
	const char *list = osm_feature_list_name(m, h[0]);
	for (size_t i = 1; i < n; i++) {
		if (place_class(m, h[i]) != place_class(m, h[0]) ||
		    strcmp(osm_feature_list_name(m, h[i]), list) ||
		    sr_haversine_m(h[0]->lat, h[0]->lon, h[i]->lat, h[i]->lon) > ONE_PLACE_M)
			return NULL;
		if (takes_before(h[i], best))
			best = h[i];
	}
	return best;
}

/* Drops from h[0..n) the hits of the generic list (named elements of no
 * kind of ours: a stop_position, a shelter) that lie within ONE_PLACE_M of
 * a hit of a specific list: the same place drawn twice, as a bus stop is
 * in the public-transport scheme, a platform (highway=bus_stop) and a
 * stop_position with its name (a depot at "Метро «Лубянка»" was
 * ambiguous between the two, 15 m apart: moscow-center, 2026-12-06).
 * Returns the hits left. */
static size_t drop_generic_near(const sr_map_t *m, const osm_feature_t **h, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int near = 0;
		if (!strcmp(osm_feature_list_name(m, h[i]), "element"))
			for (size_t j = 0; j < n && !near; j++)
				near = strcmp(osm_feature_list_name(m, h[j]), "element") &&
				       sr_haversine_m(h[i]->lat, h[i]->lon, h[j]->lat, h[j]->lon) <=
					       ONE_PLACE_M;
		if (!near)
			h[k++] = h[i];
	}
	return k;
}

/* Exact (folded == 0) or forgiving name match, list group by group.
 * Returns 1 when matched (SR_OK in *rc, or SR_EINPUT when ambiguous). */
static int match_names(const sr_map_t *m, const flist_t *l, int nl, const char *q, int folded,
		       const char *query, osm_feature_t *out, int *rc, sr_error_t *err)
{
	const osm_feature_t **hits = NULL;
	size_t cap = 0;
	int matched = 0;
	for (int g = 0; g <= 3 && !matched; g++) {
		size_t count = 0;
		sr_buf_t b;
		sr_buf_init(&b);
		for (int i = 0; i < nl; i++) {
			if (l[i].group != g)
				continue;
			for (size_t k = 0; k < l[i].n; k++) {
				const osm_feature_t *f = &l[i].f[k];
				if (!name_is(f, q, folded))
					continue;
				/* the same element listed twice is one match */
				size_t h = 0;
				while (h < count && !same_element(hits[h], f))
					h++;
				if (h < count)
					continue;
				if (count < 20) {
					sr_buf_puts(&b, count ? "; " : "");
					describe(&b, m, f);
				}
				sr_grow(&hits, &cap, count + 1, sizeof(*hits));
				hits[count++] = f;
			}
		}
		size_t left = count > 1 ? drop_generic_near(m, hits, count) : count;
		const osm_feature_t *one = left > 1 ? one_place(m, hits, left) : NULL;
		if (left == 1 || one) {
			*out = one ? *one : *hits[0];
			*rc = SR_OK;
		} else if (count > 1) {
			*rc = sr_error_set(
				err, SR_EINPUT, NULL, 0,
				_("'%s' is ambiguous: %zu features carry this name: %s%s; "
				  "give the OSM id instead"),
				query, count, b.data, count > 20 ? "; ..." : "");
		}
		matched = count > 0;
		sr_buf_free(&b);
	}
	free(hits);
	return matched;
}

typedef struct sugg {
	const osm_feature_t *f;
	int d;	  /* edits, or above the limit: query words the name lacks */
	int w;	  /* the name's words the query lacks (word matches only) */
	int list; /* index of the list it is from */
} sugg_t;

static int cmp_sugg(const void *a, const void *b)
{
	const sugg_t *x = a, *y = b;
	if (x->d != y->d)
		return x->d - y->d;
	if (x->w != y->w)
		return x->w - y->w;
	if (x->f->type != y->f->type)
		return x->f->type - y->f->type;
	return (x->f->id > y->f->id) - (x->f->id < y->f->id);
}

/* How near name x (folded) is to q: the edit distance when within limit
 * (or either contains the other), else limit + 1 + the query's words that
 * x lacks when x carries at least one of them ("Лицей 1500" for
 * "Пушкинский лицей №1500", "ФОК Потаповский" for its full name), with x's
 * words that q lacks in *w; INT_MAX when neither. */
static int name_distance(const char *q, const char *x, int limit, int *w)
{
	*w = 0;
	int d = osm_edit_distance(q, x, limit);
	if (d > limit && (strstr(x, q) || strstr(q, x)) && x[0])
		d = limit;
	if (d <= limit)
		return d;
	int sig, rest, hit = osm_name_words_match(q, x, &sig, &rest);
	if (!hit)
		return INT_MAX;
	*w = rest;
	return limit + 1 + (sig - hit);
}

/* Distinct stops of one name within 300 m are one stop (a stop drawn on
 * each side of the street): suggested once. */
static int same_stop(const osm_feature_t *a, const osm_feature_t *b)
{
	return a->name && b->name && !strcmp(a->name, b->name) &&
	       sr_haversine_m(a->lat, a->lon, b->lat, b->lon) < 300.0;
}

/* Up to three features of the wanted lists whose forgiving name is within
 * a few edits of q (or contains it, or is contained in it), else carries
 * some of its words. */
static size_t suggest(const flist_t *l, int nl, const char *q, sugg_t *best)
{
	size_t nq = 0;
	for (const char *p = q; *p; p++)
		nq += ((unsigned char)*p & 0xC0) != 0x80;
	int limit = nq < 6 ? 2 : (int)nq / 3;
	sugg_t *all = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < nl; i++)
		for (size_t k = 0; k < l[i].n; k++) {
			const osm_feature_t *f = &l[i].f[k];
			const char *nm[NAMES_MAX];
			int kn = names_of(f, nm), d = INT_MAX, w = 0;
			for (int j = 0; j < kn; j++) {
				char *x = osm_name_fold(nm[j]);
				int wj = 0, dj = x ? name_distance(q, x, limit, &wj) : INT_MAX;
				if (dj < d || (dj == d && wj < w)) {
					d = dj;
					w = wj;
				}
				free(x);
			}
			if (d == INT_MAX)
				continue;
			size_t h = 0;
			while (h < n && !same_element(all[h].f, f) &&
			       !(all[h].list == i && !strcmp(l[i].what, "bus stop") &&
				 same_stop(all[h].f, f)))
				h++;
			if (h < n) {
				if (d < all[h].d || (d == all[h].d && w < all[h].w)) {
					all[h].d = d;
					all[h].w = w;
				}
				continue;
			}
			sr_grow(&all, &cap, n + 1, sizeof(*all));
			all[n++] = (sugg_t){f, d, w, i};
		}
	if (n > 1)
		qsort(all, n, sizeof(*all), cmp_sugg);
	size_t k = n < 3 ? n : 3;
	if (k)
		memcpy(best, all, k * sizeof(*all));
	free(all);
	return k;
}

size_t osm_suggest(const osm_feature_t *f, size_t n, const char *q, const osm_feature_t **out,
		   size_t max)
{
	flist_t l = {f, n, "street", 0};
	sugg_t best[3];
	size_t k = q[0] ? suggest(&l, 1, q, best) : 0;
	if (k > max)
		k = max;
	for (size_t i = 0; i < k; i++)
		out[i] = best[i].f;
	return k;
}

/* The error of a name that matched nothing: "did you mean" (and, for a
 * text with a house number the address lookup did not take, a word on
 * how to write an address). */
static int no_match(const sr_map_t *m, const flist_t *l, int nl, const char *query, const char *q,
		    osm_find_want_t want, sr_error_t *err)
{
	sugg_t best[3];
	size_t ns = q[0] ? suggest(l, nl, q, best) : 0;
	sr_buf_t b;
	sr_buf_init(&b);
	for (size_t i = 0; i < ns; i++) {
		sr_buf_puts(&b, i ? "; " : "");
		describe(&b, m, best[i].f);
	}
	/* a pickup with a house number is likely a street address */
	const char *addr =
		want != OSM_FIND_DEST && strpbrk(query, "0123456789")
			? _(" (read as a street address it names no street the map's addresses "
			    "know: write it as \"ул. Садовая, 5\" or \"д. Ивановка, ул. Садовая, 5\" "
			    "(`schoolrun names MAP --kind address` lists them), or give the house's "
			    "\"lat lon\" or its building's OSM id)")
			: "";
	sr_buf_t tail; /* the word on the address, or on two keyboard layouts */
	sr_buf_init(&tail);
	sr_buf_puts(&tail, addr);
	osm_mixed_script_note(&tail, query);
	if (m->bbox.on) { /* a district's box too small hid its villages */
		char box[96];
		sr_buf_printf(
			&tail,
			_(" (the map is cut to the bbox %s: what lies outside it is not in the map)"),
			osm_bbox_text(&m->bbox, box, sizeof box));
	}
	if (ns)
		sr_error_set(err, SR_EINPUT, NULL, 0,
			     _("'%s': no %s of this name in the map; did you mean %s?%s"), query,
			     want_name(want), b.data, tail.len ? tail.data : "");
	else
		sr_error_set(err, SR_EINPUT, NULL, 0,
			     _("'%s': no %s of this name in the map (`schoolrun names MAP` lists "
			       "them)%s"),
			     query, want_name(want), tail.len ? tail.data : "");
	sr_buf_free(&tail);
	sr_buf_free(&b);
	return SR_EINPUT;
}

/* A village's bus stop as schoolrun's own pages label it, "Malbun, ост.
 * «Malbun Jöraboda»" ("Malbun, stop “Malbun Jöraboda”" in English), copied
 * from last term's pages into riders.csv, or a stop as a timetable writes
 * it, "ост. Steg Tunnel", "остановка «Steg Tunnel»". Splits folded q at
 * the marker: *place is the text before ", ост. " (NULL when q begins
 * with the marker; the caller frees it), *stop the stop's name after it.
 * Returns 1 when q has that form. */
static int split_stop_label(const char *q, char **place, const char **stop)
{
	static const char *const mark[] = {"остановка ", "ост. ",     "ост.",
					   "ост ",	 "bus stop ", "stop "};
	for (size_t i = 0; i < sizeof(mark) / sizeof(mark[0]); i++) {
		size_t n = strlen(mark[i]);
		char sep[32];
		snprintf(sep, sizeof(sep), ", %s", mark[i]);
		const char *at = strstr(q, sep);
		if (!strncmp(q, mark[i], n) && q[n]) {
			*place = NULL;
			*stop = q + n;
			return 1;
		}
		if (at && at > q && at[n + 2]) {
			*place = xstrndup(q, (size_t)(at - q));
			*stop = at + n + 2;
			return 1;
		}
	}
	return 0;
}

/* The stop named folded s nearest to place pl (any of that name when pl is
 * NULL: then one stop, perhaps drawn on each side of the street, else
 * none); NULL when none. */
static const osm_feature_t *stop_named(const sr_map_t *m, const char *s, const osm_feature_t *pl,
				       double *d)
{
	const osm_feature_t *best = NULL;
	for (size_t k = 0; k < m->n_stops; k++) {
		const osm_feature_t *f = &m->stops[k];
		if (!name_is(f, s, 1))
			continue;
		double x = pl ? sr_haversine_m(pl->lat, pl->lon, f->lat, f->lon) : 0;
		if (!pl && best && !same_stop(best, f))
			return NULL; /* two stops of that name: ambiguous */
		if (!best || x < *d) {
			best = f;
			*d = x;
		}
	}
	return best;
}

/* Farthest a stop given with its village may be from it. */
#define OSM_STOP_LABEL_MAX_M 3000.0

/* Resolves a stop's label (split_stop_label): the stop of that name
 * nearest to the village of that name (of several such villages, the one
 * nearest to a stop of that name). When it is the village's own stop, its
 * nearest within OSM_VILLAGE_STOP_RADIUS_M (the one the plan stops at,
 * unless no bus may stop on its road), the point is the village, as the
 * pages label it; else the stop, named as written (how->written). Without
 * a village, the stop. A stop farther than OSM_STOP_LABEL_MAX_M from the
 * village is none of its. Returns 1 when resolved (SR_OK in *rc), 0 to go
 * on. */
static int find_stop_label(const sr_map_t *m, const char *q, osm_feature_t *out, osm_found_t *how,
			   int *rc)
{
	char *place = NULL;
	const char *sq;
	if (!split_stop_label(q, &place, &sq))
		return 0;
	const osm_feature_t *pl = NULL, *st = NULL;
	double bd = 0, d;
	for (size_t k = 0; place && k < m->n_places; k++) {
		const osm_feature_t *s;
		if (name_is(&m->places[k], place, 1) &&
		    (s = stop_named(m, sq, &m->places[k], &d)) && (!st || d < bd)) {
			pl = &m->places[k];
			st = s;
			bd = d;
		}
	}
	int given = place != NULL;
	free(place);
	if (!given)
		st = stop_named(m, sq, NULL, &d);
	if (!st || (given && (!pl || bd > OSM_STOP_LABEL_MAX_M)))
		return 0;
	const osm_feature_t *own = NULL;
	double od = OSM_VILLAGE_STOP_RADIUS_M;
	for (size_t k = 0; pl && k < m->n_stops; k++) {
		double x = sr_haversine_m(pl->lat, pl->lon, m->stops[k].lat, m->stops[k].lon);
		if (x < od) {
			own = &m->stops[k];
			od = x;
		}
	}
	int village = pl && own && (own == st || same_stop(own, st));
	*out = village ? *pl : *st;
	if (how)
		how->written = pl && !village;
	*rc = SR_OK;
	return 1;
}

int osm_find_ex(const sr_map_t *m, const char *query, osm_find_want_t want, osm_feature_t *out,
		osm_found_t *how, sr_error_t *err)
{
	flist_t l[5];
	int nl = lists_for(m, want, l);
	memset(out, 0, sizeof(*out));
	if (how)
		memset(how, 0, sizeof(*how));
	if (!query || !*query)
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("empty place name"));

	char type;
	int64_t id;
	if (parse_id(query, &type, &id))
		return find_id(m, query, type, id, out, err);

	int rc = SR_EINPUT;
	if (match_names(m, l, nl, query, 0, query, out, &rc, err))
		return rc;
	char *q = osm_name_fold(query);
	if (!q)
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("'%s' is not valid UTF-8"), query);
	char *qx = abbr_expand(q);
	if (match_names(m, l, nl, q, 1, query, out, &rc, err) ||
	    (abbr_in(q, qx) && match_names(m, l, nl, qx, 2, query, out, &rc, err)) ||
	    (want == OSM_FIND_PICKUP && find_stop_label(m, q, out, how, &rc)) ||
	    (want != OSM_FIND_DEST && strpbrk(query, "0123456789") &&
	     osm_addr_find(m, query, out, how, &rc, err))) {
		free(q);
		free(qx);
		return rc;
	}
	free(qx);
	rc = no_match(m, l, nl, query, q, want, err);
	free(q);
	return rc;
}

int osm_find(const sr_map_t *m, const char *query, osm_find_want_t want, osm_feature_t *out,
	     sr_error_t *err)
{
	return osm_find_ex(m, query, want, out, NULL, err);
}

const osm_feature_t *osm_settlement(const sr_map_t *m, double lat, double lon, double *dist_m)
{
	const osm_feature_t *best = NULL;
	double bd = 0;
	for (size_t i = 0; i < m->n_places; i++) {
		const osm_feature_t *f = &m->places[i];
		if (f->kind >= OSM_PLACE_LOCALITY) /* not a settlement */
			continue;
		double d = sr_haversine_m(lat, lon, f->lat, f->lon);
		if (!best || d < bd) {
			best = f;
			bd = d;
		}
	}
	if (dist_m)
		*dist_m = bd;
	return best;
}
