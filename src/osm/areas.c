/*
 * areas.c - settlement areas: the outlines of places drawn as closed ways
 * or multipolygon relations (place=city, town, village, hamlet,
 * isolated_dwelling, locality, suburb, quarter, neighbourhood with a name)
 * and of named boundary=administrative areas, so that an address without
 * addr:city or addr:place is in the settlement whose area holds it
 * (Nominatim's "is in" by area) and not merely near the nearest place node.
 *
 * Kept while the map streams past, never as a DOM: a closed way's ring
 * when the way ends; a relation's rings when it ends, assembled from the
 * node references of its member ways, which the reader keeps for the ways
 * that may be such members (untagged ways, and those tagged place or
 * boundary: sink.c). The assembly follows the idea of libosmium's area
 * assembler (join the member ways end to end into rings; a ring that does
 * not close is dropped, as an extract cuts a boundary), written anew and
 * reduced: roles are not checked, an inner ring is told by the even-odd
 * rule (a point inside it is inside two rings). Vertices are int32 pairs
 * in 1e-7 degrees, 8 bytes each.
 *
 * A boundary=administrative area counts only when a settlement (place=
 * city .. isolated_dwelling, a node or an area) of its name lies inside it:
 * a German or Liechtenstein Gemeinde named for its village counts, a
 * Russian сельское поселение, a district or a region does not
 * (osm_areas_finish). Where areas nest, the smallest holding a point is
 * its settlement.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static const int name_keys[3] = {OSM_T_NAME, OSM_T_NAME_RU, OSM_T_NAME_EN};

int osm_area_kind(const osm_tags_t *t)
{
	if (!osm_tag(t, OSM_T_NAME))
		return OSM_AREA_NONE;
	osm_class_t c;
	osm_classify(t, &c);
	if (c.place >= 0 && c.place != OSM_PLACE_FARM && c.place != OSM_PLACE_SQUARE)
		return c.place;
	const char *b = osm_tag(t, OSM_T_BOUNDARY);
	return b && !strcmp(b, "administrative") ? OSM_AREA_ADMIN : OSM_AREA_NONE;
}

/* A new area of the element with tags t (its rings follow). */
static osm_area_t *new_area(osm_areas_t *v, const osm_tags_t *t, char type, int64_t id, int kind)
{
	sr_grow(&v->a, &v->cap, v->n + 1, sizeof(*v->a));
	osm_area_t *a = &v->a[v->n++];
	memset(a, 0, sizeof(*a));
	a->type = type;
	a->id = id;
	a->kind = kind;
	a->ring0 = v->n_rings;
	a->box[0] = a->box[1] = INT32_MAX;
	a->box[2] = a->box[3] = INT32_MIN;
	for (int k = 0; k < 3; k++) {
		const char *s = osm_tag(t, name_keys[k]);
		a->name[k] = UINT32_MAX;
		if (s && s[0] && v->pool.len + strlen(s) + 1 < UINT32_MAX) {
			a->name[k] = (uint32_t)v->pool.len;
			sr_buf_append(&v->pool, s, strlen(s) + 1);
		}
	}
	return a;
}

/* Twice the signed planar area of ring points p[0..n) (closed: p[n-1] ==
 * p[0]), lon scaled by the cosine of the first latitude (deg^2). */
static double ring_area2(const int32_t *p, size_t n)
{
	double k = cos(p[0] / OSM_COORD_SCALE * M_PI / 180.0), s = 0;
	for (size_t i = 0; i + 1 < n; i++)
		s += ((double)p[2 * i + 1] * p[2 * i + 2] - (double)p[2 * i + 3] * p[2 * i]);
	return s * k / (OSM_COORD_SCALE * OSM_COORD_SCALE);
}

/* Appends a closed ring of node-table indices to area a. */
static void add_ring(osm_areas_t *v, osm_area_t *a, const osm_nodes_t *nodes, const uint32_t *r,
		     size_t n)
{
	sr_grow(&v->pts, &v->cap_pts, 2 * (v->n_pts + n), sizeof(*v->pts));
	for (size_t i = 0; i < n; i++) {
		int32_t la = nodes->a[r[i]].lat, lo = nodes->a[r[i]].lon;
		v->pts[2 * (v->n_pts + i)] = la;
		v->pts[2 * (v->n_pts + i) + 1] = lo;
		a->box[0] = la < a->box[0] ? la : a->box[0];
		a->box[1] = lo < a->box[1] ? lo : a->box[1];
		a->box[2] = la > a->box[2] ? la : a->box[2];
		a->box[3] = lo > a->box[3] ? lo : a->box[3];
	}
	v->n_pts += n;
	sr_grow(&v->ring_end, &v->cap_rings, v->n_rings + 1, sizeof(*v->ring_end));
	v->ring_end[v->n_rings++] = v->n_pts;
	a->n_rings++;
}

static size_t ring_start(const osm_areas_t *v, size_t r)
{
	return r ? v->ring_end[r - 1] : 0;
}

/* Even-odd: is the point (in 1e-7 degrees) inside ring r? */
static int in_ring(const osm_areas_t *v, size_t r, double la, double lo)
{
	int in = 0;
	const int32_t *p = v->pts;
	for (size_t i = ring_start(v, r); i + 1 < v->ring_end[r]; i++) {
		double y0 = p[2 * i], x0 = p[2 * i + 1], y1 = p[2 * i + 2], x1 = p[2 * i + 3];
		if ((y0 > la) != (y1 > la) && lo < x0 + (la - y0) * (x1 - x0) / (y1 - y0))
			in = !in;
	}
	return in;
}

int osm_area_holds(const osm_areas_t *v, size_t i, double lat, double lon)
{
	const osm_area_t *a = &v->a[i];
	double la = lat * OSM_COORD_SCALE, lo = lon * OSM_COORD_SCALE;
	if (a->kind == OSM_AREA_NONE || la < a->box[0] || la > a->box[2] || lo < a->box[1] ||
	    lo > a->box[3])
		return 0;
	int in = 0;
	for (size_t r = a->ring0; r < a->ring0 + a->n_rings; r++)
		in ^= in_ring(v, r, la, lo);
	return in;
}

/* The area of a's rings: an outer ring adds, a ring inside an odd number
 * of the others (an inner one) takes away. */
static void measure(osm_areas_t *v, osm_area_t *a)
{
	double s = 0;
	for (size_t r = a->ring0; r < a->ring0 + a->n_rings; r++) {
		size_t p0 = ring_start(v, r);
		int depth = 0;
		for (size_t q = a->ring0; q < a->ring0 + a->n_rings; q++)
			depth += q != r && in_ring(v, q, v->pts[2 * p0], v->pts[2 * p0 + 1]);
		double ar = fabs(ring_area2(v->pts + 2 * p0, v->ring_end[r] - p0)) / 2;
		s += depth % 2 ? -ar : ar;
	}
	a->area = fabs(s);
	if (!a->n_rings || a->area <= 0) { /* nothing closed: no area */
		v->n_rings = a->ring0;
		v->n_pts = ring_start(v, a->ring0);
		v->n--;
	}
}

void osm_areas_add_way(osm_areas_t *v, const osm_tags_t *t, int64_t id, const osm_nodes_t *nodes,
		       const uint32_t *idx, size_t n)
{
	int kind = osm_area_kind(t);
	if (kind == OSM_AREA_NONE || n < 4 || idx[0] != idx[n - 1])
		return;
	osm_area_t *a = new_area(v, t, 'w', id, kind);
	add_ring(v, a, nodes, idx, n);
	measure(v, a);
}

/* One member way while rings are joined. */
typedef struct piece {
	const uint32_t *r;
	uint32_t n;
	int used;
} piece_t;

/* Extends ring (ends at *ring)[*n - 1]) by an unused piece that starts or
 * ends there; returns 0 when none does. */
static int extend(piece_t *p, size_t np, uint32_t **ring, size_t *n, size_t *cap)
{
	uint32_t end = (*ring)[*n - 1];
	for (size_t j = 0; j < np; j++) {
		if (p[j].used || (p[j].r[0] != end && p[j].r[p[j].n - 1] != end))
			continue;
		p[j].used = 1;
		int fwd = p[j].r[0] == end;
		sr_grow(ring, cap, *n + p[j].n, sizeof(**ring));
		for (uint32_t k = 1; k < p[j].n; k++)
			(*ring)[(*n)++] = fwd ? p[j].r[k] : p[j].r[p[j].n - 1 - k];
		return 1;
	}
	return 0;
}

void osm_areas_add_rel(osm_areas_t *v, const osm_tags_t *t, int64_t id, const osm_nodes_t *nodes,
		       const osm_ways_t *ways, const uint32_t *refs, const int64_t *members,
		       size_t n)
{
	int kind = osm_area_kind(t);
	if (kind == OSM_AREA_NONE || !n)
		return;
	piece_t *p = xcalloc(n, sizeof(*p));
	size_t np = 0, cap = 0, len;
	for (size_t i = 0; i < n; i++) {
		size_t k = osm_ways_find(ways, members[i]);
		if (k != OSM_NOT_FOUND && ways->a[k].n_refs >= 2)
			p[np++] = (piece_t){refs + ways->a[k].ref0, ways->a[k].n_refs, 0};
	}
	osm_area_t *a = new_area(v, t, 'r', id, kind); /* stays put: rings grow pts */
	uint32_t *ring = NULL;
	for (size_t i = 0; i < np; i++) {
		if (p[i].used)
			continue;
		p[i].used = 1;
		sr_grow(&ring, &cap, p[i].n, sizeof(*ring));
		memcpy(ring, p[i].r, p[i].n * sizeof(*ring));
		len = p[i].n;
		while (ring[len - 1] != ring[0] && extend(p, np, &ring, &len, &cap))
			;
		if (len >= 4 && ring[len - 1] == ring[0])
			add_ring(v, a, nodes, ring, len);
	}
	measure(v, a);
	free(ring);
	free(p);
}

const char *osm_area_name(const osm_areas_t *v, size_t i, int k)
{
	uint32_t o = v->a[i].name[k];
	return o == UINT32_MAX ? NULL : v->pool.data + o;
}

/* Does settlement f bear a name of area i (by their keys)? */
static int names_area(const osm_areas_t *v, size_t i, const osm_feature_t *f)
{
	const char *fn[3] = {f->name, f->name_ru, f->name_en};
	int hit = 0;
	for (int j = 0; j < 3 && !hit; j++) {
		char *k = fn[j] ? osm_addr_settle_key(fn[j]) : NULL;
		for (int n = 0; n < 3 && k && !hit; n++)
			hit = v->keys[3 * i + n] && !strcmp(v->keys[3 * i + n], k);
		free(k);
	}
	return hit;
}

void osm_areas_finish(osm_areas_t *v, const osm_feature_t *places, size_t n_places)
{
	v->keys = xcalloc(3 * v->n + 1, sizeof(char *));
	for (size_t i = 0; i < v->n; i++)
		for (int k = 0; k < 3; k++) {
			const char *s = osm_area_name(v, i, k);
			v->keys[3 * i + k] = s ? osm_addr_settle_key(s) : NULL;
		}
	for (size_t i = 0; i < v->n; i++) {
		if (v->a[i].kind != OSM_AREA_ADMIN)
			continue;
		int keep = 0;
		for (size_t p = 0; p < n_places && !keep; p++)
			keep = places[p].kind < OSM_PLACE_LOCALITY &&
			       osm_area_holds(v, i, places[p].lat, places[p].lon) &&
			       names_area(v, i, &places[p]);
		if (!keep)
			v->a[i].kind = OSM_AREA_NONE; /* a district, not a settlement */
	}
}

size_t osm_areas_at(const osm_areas_t *v, double lat, double lon)
{
	size_t best = SIZE_MAX;
	for (size_t i = 0; i < v->n; i++)
		if (osm_area_holds(v, i, lat, lon) &&
		    (best == SIZE_MAX || v->a[i].area < v->a[best].area))
			best = i;
	return best;
}

void osm_areas_free(osm_areas_t *v)
{
	if (v->keys)
		for (size_t i = 0; i < 3 * v->n; i++)
			free(v->keys[i]);
	free(v->keys);
	free(v->a);
	free(v->pts);
	free(v->ring_end);
	sr_buf_free(&v->pool);
	memset(v, 0, sizeof(*v));
}
