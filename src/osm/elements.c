/*
 * elements.c - every element's position and outline, so that an explicit
 * OSM id ("w123") resolves whatever the element's tags, and a stop can be
 * put where a bus reaches an area (the road nearest to its outline, not
 * its centroid).
 *
 * The reader already holds what this needs: the node table (id and
 * position of every node) and a shape summary of every way. Kept beside
 * them, when asked for (osm_opts_t.keep_elements): each way's node
 * references (4 bytes a reference) and each relation's way members (8
 * bytes a member) - like libosmium's location index plus its relation
 * "members database", without tags. A relation is located as in read.c
 * (osm_rel_centroid).
 */
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"

void osm_elements_keep_way(osm_elements_t *e, osm_way_rec_t *w, const uint32_t *idx, size_t n)
{
	w->ref0 = e->n_refs;
	w->n_refs = 0;
	if (n == 0) /* a way without nodes (a PBF way with no refs): nothing to
		       copy, and the table may not exist yet (fuzz_osm, 2026-12-06) */
		return;
	sr_grow(&e->refs, &e->cap_refs, e->n_refs + n, sizeof(*e->refs));
	memcpy(e->refs + e->n_refs, idx, n * sizeof(*idx));
	w->n_refs = (uint32_t)n;
	e->n_refs += n;
}

void osm_elements_keep_rel(osm_elements_t *e, int64_t id, const int64_t *members, size_t n_outer,
			   size_t n)
{
	sr_grow(&e->rels, &e->cap_rels, e->n_rels + 1, sizeof(*e->rels));
	if (e->n_rels == 0)
		e->rels_sorted = 1;
	else if (id <= e->rels[e->n_rels - 1].id)
		e->rels_sorted = 0;
	osm_rel_rec_t *r = &e->rels[e->n_rels++];
	r->id = id;
	r->member0 = e->n_members;
	r->n_outer = (uint32_t)n_outer;
	r->n = (uint32_t)n;
	sr_grow(&e->members, &e->cap_members, e->n_members + n, sizeof(*e->members));
	if (n)
		memcpy(e->members + e->n_members, members, n * sizeof(*members));
	e->n_members += n;
}

static int cmp_rel(const void *a, const void *b)
{
	int64_t x = ((const osm_rel_rec_t *)a)->id, y = ((const osm_rel_rec_t *)b)->id;
	return (x > y) - (x < y);
}

osm_elements_t *osm_elements_adopt(osm_elements_t *kept, osm_nodes_t *nodes, osm_ways_t *ways)
{
	osm_elements_t *e = xcalloc(1, sizeof(*e));
	*e = *kept;
	memset(kept, 0, sizeof(*kept));
	e->nodes = *nodes;
	memset(nodes, 0, sizeof(*nodes));
	e->ways = *ways;
	memset(ways, 0, sizeof(*ways));
	osm_ways_finish(&e->ways);
	if (e->n_rels > 1 && !e->rels_sorted)
		qsort(e->rels, e->n_rels, sizeof(*e->rels), cmp_rel);
	e->rels_sorted = 1;
	return e;
}

void osm_elements_clear(osm_elements_t *e)
{
	if (!e)
		return;
	free(e->nodes.a);
	free(e->nodes.sample);
	free(e->ways.a);
	free(e->refs);
	free(e->rels);
	free(e->members);
	memset(e, 0, sizeof(*e));
}

int osm_rel_centroid(const osm_ways_t *ways, const int64_t *members, size_t n_outer, size_t n,
		     double *lat, double *lon)
{
	double sa = 0, sla = 0, slo = 0, sn = 0, nla = 0, nlo = 0;
	for (int pass = 0; pass < 2 && sa == 0 && sn == 0; pass++) {
		size_t hi = pass == 0 ? n_outer : n;
		for (size_t i = 0; i < hi; i++) {
			size_t k = osm_ways_find(ways, members[i]);
			if (k == OSM_NOT_FOUND)
				continue;
			const osm_way_rec_t *w = &ways->a[k];
			if (w->area > 0) {
				sa += w->area;
				sla += w->area * w->lat;
				slo += w->area * w->lon;
			}
			sn += w->n;
			nla += w->n * w->lat;
			nlo += w->n * w->lon;
		}
	}
	if (sa > 0) {
		*lat = sla / sa;
		*lon = slo / sa;
		return 1;
	}
	if (sn > 0) {
		*lat = nla / sn;
		*lon = nlo / sn;
		return 1;
	}
	return 0;
}

/* Appends way w's kept nodes to the outline. */
static void add_way_outline(const osm_elements_t *e, const osm_way_rec_t *w, sr_buf_t *pts)
{
	for (uint32_t i = 0; i < w->n_refs; i++) {
		uint32_t k = e->refs[w->ref0 + i];
		double ll[2] = {osm_node_lat(&e->nodes, k), osm_node_lon(&e->nodes, k)};
		sr_buf_append(pts, (const char *)ll, sizeof(ll));
	}
}

/* A feature of the map's lists with this id, or NULL. */
static const osm_feature_t *find_feature(const sr_map_t *m, char type, int64_t id)
{
	const osm_feature_t *lists[] = {m->places, m->dests, m->others, m->stops, m->named};
	size_t ns[] = {m->n_places, m->n_dests, m->n_others, m->n_stops, m->n_named};
	for (int l = 0; l < 5; l++)
		for (size_t i = 0; i < ns[l]; i++)
			if (lists[l][i].type == type && lists[l][i].id == id)
				return &lists[l][i];
	return NULL;
}

int osm_element_locate(const sr_map_t *m, char type, int64_t id, double *lat, double *lon,
		       double **olat, double **olon, size_t *n)
{
	const osm_elements_t *e = m->elems;
	const osm_feature_t *f = find_feature(m, type, id);
	sr_buf_t pts;
	sr_buf_init(&pts);
	int found = 0;
	if (f) {
		*lat = f->lat;
		*lon = f->lon;
		found = 1;
	}
	if (e && type == 'n') {
		osm_nodes_t *nodes = (osm_nodes_t *)&e->nodes; /* find moves a hint */
		size_t k = osm_nodes_find(nodes, id);
		if (k != OSM_NOT_FOUND && !found) {
			*lat = osm_node_lat(nodes, k);
			*lon = osm_node_lon(nodes, k);
			found = 1;
		}
	} else if (e && type == 'w') {
		size_t k = osm_ways_find(&e->ways, id);
		if (k != OSM_NOT_FOUND && e->ways.a[k].n > 0) {
			if (!found) {
				*lat = e->ways.a[k].lat;
				*lon = e->ways.a[k].lon;
				found = 1;
			}
			add_way_outline(e, &e->ways.a[k], &pts);
		}
	} else if (e && type == 'r') {
		osm_rel_rec_t key = {.id = id};
		const osm_rel_rec_t *r =
			e->n_rels ? bsearch(&key, e->rels, e->n_rels, sizeof(*e->rels), cmp_rel)
				  : NULL;
		if (r) {
			const int64_t *mem = e->members + r->member0;
			double la, lo;
			if (!found && osm_rel_centroid(&e->ways, mem, r->n_outer, r->n, &la, &lo)) {
				*lat = la;
				*lon = lo;
				found = 1;
			}
			size_t hi = r->n_outer ? r->n_outer : r->n;
			for (size_t i = 0; i < hi; i++) {
				size_t k = osm_ways_find(&e->ways, mem[i]);
				if (k != OSM_NOT_FOUND)
					add_way_outline(e, &e->ways.a[k], &pts);
			}
		}
	}
	if (found && olat) {
		if (pts.len == 0) {
			double ll[2] = {*lat, *lon};
			sr_buf_append(&pts, (const char *)ll, sizeof(ll));
		}
		size_t np = pts.len / (2 * sizeof(double));
		*olat = xreallocarray(NULL, np, sizeof(double));
		*olon = xreallocarray(NULL, np, sizeof(double));
		for (size_t i = 0; i < np; i++) {
			double ll[2];
			memcpy(ll, pts.data + i * sizeof(ll), sizeof(ll));
			(*olat)[i] = ll[0];
			(*olon)[i] = ll[1];
		}
		*n = np;
	}
	sr_buf_free(&pts);
	return found;
}
