/*
 * bbox.c - cutting a region-wide map to a district's box, with osmium
 * extract's "complete_ways" strategy (learned from osmium-tool's
 * strategy_complete_ways.cpp; no code taken): in a first pass, the nodes
 * inside the box are noted; a way with any of them is kept whole, with all
 * its nodes; a relation is kept when a member node lies inside the box or a
 * member way is kept, and so are the relations that contain a kept relation,
 * up the chain. The second pass keeps exactly those elements.
 *
 * The ids are sorted arrays (8 bytes an id kept), so memory follows what is
 * kept, not the size of the file; the only table sized by the file is the
 * list of relation-in-relation memberships, which is small in every
 * extract (a few thousand pairs for a country).
 */
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"
#include "util/i18n.h"

typedef struct idvec {
	int64_t *a;
	size_t n, cap;
	int sorted;
} idvec_t;

struct osm_select {
	osm_bbox_t box;
	idvec_t inside; /* nodes inside the box */
	idvec_t extra;	/* nodes of kept ways (after finish: every kept node) */
	idvec_t ways, rels;
	idvec_t pairs; /* (child, parent) relation memberships, flattened */
	idvec_t refs;  /* the current way's nodes */
	int64_t cur;
	int hit, in_way;
	long n_nodes;	   /* of the first pass */
	osm_bbox_t extent; /* the first pass's nodes' */
};

static void push(idvec_t *v, int64_t id)
{
	if (v->n == 0)
		v->sorted = 1;
	else if (id <= v->a[v->n - 1])
		v->sorted = 0;
	sr_grow(&v->a, &v->cap, v->n + 1, sizeof(int64_t));
	v->a[v->n++] = id;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Sorts and removes duplicates. */
static void settle(idvec_t *v)
{
	if (!v->sorted && v->n > 1)
		qsort(v->a, v->n, sizeof(int64_t), cmp_i64);
	size_t k = 0;
	for (size_t i = 0; i < v->n; i++)
		if (k == 0 || v->a[i] != v->a[k - 1])
			v->a[k++] = v->a[i];
	v->n = k;
	v->sorted = 1;
}

static int has(const idvec_t *v, int64_t id)
{
	size_t lo = 0, hi = v->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->a[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->n && v->a[lo] == id;
}

osm_select_t *osm_select_new(const osm_bbox_t *box)
{
	osm_select_t *s = xcalloc(1, sizeof(*s));
	s->box = *box;
	return s;
}

void osm_select_free(osm_select_t *s)
{
	if (!s)
		return;
	idvec_t *v[] = {&s->inside, &s->extra, &s->ways, &s->rels, &s->pairs, &s->refs};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		free(v[i]->a);
	free(s);
}

void osm_select_node(osm_select_t *s, int64_t id, int32_t lat, int32_t lon)
{
	const osm_bbox_t *b = &s->box;
	osm_bbox_t *x = &s->extent;
	if (!s->n_nodes++)
		*x = (osm_bbox_t){1, lon, lat, lon, lat};
	x->min_lon = lon < x->min_lon ? lon : x->min_lon;
	x->max_lon = lon > x->max_lon ? lon : x->max_lon;
	x->min_lat = lat < x->min_lat ? lat : x->min_lat;
	x->max_lat = lat > x->max_lat ? lat : x->max_lat;
	if (lon >= b->min_lon && lon <= b->max_lon && lat >= b->min_lat && lat <= b->max_lat)
		push(&s->inside, id);
}

const char *osm_bbox_text(const osm_bbox_t *b, char *buf, size_t size)
{
	double k = 1.0 / OSM_COORD_SCALE;
	snprintf(buf, size, "%.7g,%.7g,%.7g,%.7g", b->min_lon * k, b->min_lat * k, b->max_lon * k,
		 b->max_lat * k);
	return buf;
}

int osm_select_check(const osm_select_t *s, const char *shown, sr_error_t *err)
{
	if (s->inside.n > 0 || s->n_nodes == 0) /* inside is freed only by finish */
		return SR_OK;
	const osm_bbox_t *b = &s->box, *x = &s->extent;
	/* the box with its numbers in lat,lon order, read as lon,lat: does
	 * that one hold the map? (a box within the ranges of both, 47.03,
	 * 9.46,47.19,9.65 for Liechtenstein, passes every check of
	 * osm_bbox_parse and cut the map to nothing: 25 "no place of this
	 * name" errors followed, the Liechtenstein region trial) */
	osm_bbox_t sw = {1, b->min_lat, b->min_lon, b->max_lat, b->max_lon};
	int swapped = sw.min_lon <= x->max_lon && sw.max_lon >= x->min_lon &&
		      sw.min_lat <= x->max_lat && sw.max_lat >= x->min_lat;
	char box[96], ext[96], other[96], hint[160] = "";
	if (swapped)
		snprintf(hint, sizeof hint, _("; the order is lon,lat: did you mean %s?"),
			 osm_bbox_text(&sw, other, sizeof other));
	return sr_error_set(err, SR_EINPUT, shown, 0,
			    _("the bbox %s holds none of the map's %ld nodes, which lie within %s "
			      "(minlon,minlat,maxlon,maxlat)%s"),
			    osm_bbox_text(b, box, sizeof box), s->n_nodes,
			    osm_bbox_text(x, ext, sizeof ext), hint);
}

void osm_select_section(osm_select_t *s, int phase)
{
	if (phase >= OSM_IN_WAY)
		settle(&s->inside);
	if (phase >= OSM_IN_REL)
		settle(&s->ways);
}

void osm_select_way(osm_select_t *s, int64_t id)
{
	s->cur = id;
	s->hit = 0;
	s->in_way = 1;
	s->refs.n = 0;
}

void osm_select_way_ref(osm_select_t *s, int64_t ref)
{
	push(&s->refs, ref);
	if (!s->hit && has(&s->inside, ref))
		s->hit = 1;
}

void osm_select_relation(osm_select_t *s, int64_t id)
{
	s->cur = id;
	s->hit = 0;
	s->in_way = 0;
}

void osm_select_member(osm_select_t *s, char type, int64_t ref)
{
	if (type == 'n')
		s->hit |= has(&s->inside, ref);
	else if (type == 'w')
		s->hit |= has(&s->ways, ref);
	else {
		push(&s->pairs, ref);
		push(&s->pairs, s->cur);
	}
}

void osm_select_end(osm_select_t *s)
{
	if (!s->hit)
		return;
	if (s->in_way) {
		push(&s->ways, s->cur);
		for (size_t i = 0; i < s->refs.n; i++)
			push(&s->extra, s->refs.a[i]);
	} else {
		push(&s->rels, s->cur);
	}
}

void osm_select_finish(osm_select_t *s)
{
	settle(&s->inside);
	settle(&s->ways);
	/* every kept node in one table */
	for (size_t i = 0; i < s->inside.n; i++)
		push(&s->extra, s->inside.a[i]);
	settle(&s->extra);
	free(s->inside.a);
	memset(&s->inside, 0, sizeof(s->inside));
	free(s->refs.a);
	memset(&s->refs, 0, sizeof(s->refs));
	/* parents of kept relations, up the chain: sweep until nothing is
	 * added (nesting is shallow, a handful of sweeps) */
	settle(&s->rels);
	for (int added = 1; added;) {
		added = 0;
		size_t n0 = s->rels.n;
		for (size_t i = 0; i + 1 < s->pairs.n; i += 2)
			if (has(&s->rels, s->pairs.a[i]) && !has(&s->rels, s->pairs.a[i + 1])) {
				/* appended past n0: looked up only after the next settle */
				sr_grow(&s->rels.a, &s->rels.cap, s->rels.n + 1, sizeof(int64_t));
				s->rels.a[s->rels.n++] = s->pairs.a[i + 1];
			}
		if (s->rels.n > n0) {
			s->rels.sorted = 0;
			settle(&s->rels);
			added = 1;
		}
	}
	free(s->pairs.a);
	memset(&s->pairs, 0, sizeof(s->pairs));
}

int osm_select_has(const osm_select_t *s, char type, int64_t id)
{
	return has(type == 'n' ? &s->extra : type == 'w' ? &s->ways : &s->rels, id);
}

/* ---- parsing "minlon,minlat,maxlon,maxlat" ---- */

int osm_bbox_parse(const char *text, osm_bbox_t *b, sr_error_t *err)
{
	static const char *const what[4] = {"minlon", "minlat", "maxlon", "maxlat"};
	double v[4];
	const char *p = text;
	memset(b, 0, sizeof(*b));
	for (int i = 0; i < 4; i++) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char buf[64];
		if ((i < 3 && !e) || (i == 3 && e))
			return sr_error_set(
				err, SR_EINPUT, NULL, 0,
				_("bbox '%s': give four numbers minlon,minlat,maxlon,maxlat "
				  "(degrees, comma-separated)"),
				text);
		if (len == 0 || len >= sizeof(buf))
			return sr_error_set(err, SR_EINPUT, NULL, 0, _("bbox '%s': %s is missing"),
					    text, what[i]);
		memcpy(buf, p, len);
		buf[len] = '\0';
		if (sr_parse_double(buf, &v[i]) != 0)
			return sr_error_set(err, SR_EINPUT, NULL, 0,
					    _("bbox '%s': %s '%s' is not a number"), text, what[i],
					    buf);
		double lim = (i % 2 == 0) ? 180 : 90;
		if (v[i] < -lim || v[i] > lim)
			return sr_error_set(
				err, SR_EINPUT, NULL, 0,
				_("bbox '%s': %s %s is out of range (-%g..%g)%s"), text, what[i],
				buf, lim, lim,
				i % 2 == 1 && v[i - 1] >= -90 && v[i - 1] <= 90 && v[i] <= 180
					? _("; the order is lon,lat (minlon,minlat,maxlon,maxlat)")
					: "");
		p = e ? e + 1 : p + len;
	}
	if (v[0] > v[2] || v[1] > v[3])
		return sr_error_set(
			err, SR_EINPUT, NULL, 0,
			_("bbox '%s': the minimum %s is above the maximum (the order is "
			  "minlon,minlat,maxlon,maxlat)"),
			text, v[0] > v[2] ? "lon" : "lat");
	/* to OSM's fixed point as osmium does (rounded to 1e-7) */
	int32_t f[4];
	for (int i = 0; i < 4; i++) {
		double x = v[i] * OSM_COORD_SCALE;
		f[i] = (int32_t)(x < 0 ? x - 0.5 : x + 0.5);
	}
	b->min_lon = f[0];
	b->min_lat = f[1];
	b->max_lon = f[2];
	b->max_lat = f[3];
	b->on = 1;
	return SR_OK;
}
