/*
 * store.c - the reader's compact tables: node id -> fixed-point position
 * (16 bytes a node, binary-searched; OSM files come sorted by id so the
 * sort is usually skipped), the per-way shape summary used for relation
 * centroids, and the small fixed set of tag values the rules look at.
 *
 * The node table follows the "sparse/dense location store" idea of
 * libosmium's index::map (an id-sorted array of id+location pairs), and the
 * polygon centroid is the usual shoelace formula on a local equirectangular
 * projection (accurate for the few-kilometre areas it is used for).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

void osm_nodes_push(osm_nodes_t *t, int64_t id, int32_t lat, int32_t lon)
{
	if (t->n == 0)
		t->sorted = 1;
	else if (id <= t->a[t->n - 1].id)
		t->sorted = 0;
	sr_grow(&t->a, &t->cap, t->n + 1, sizeof(*t->a));
	t->a[t->n].id = id;
	t->a[t->n].lat = lat;
	t->a[t->n].lon = lon;
	t->n++;
}

/* Both tables hold records that start with their int64 id. */
static int64_t rec_id(const void *base, size_t i, size_t stride)
{
	int64_t id;
	memcpy(&id, (const char *)base + i * stride, sizeof(id));
	return id;
}

static int cmp_rec(const void *a, const void *b)
{
	int64_t x, y;
	memcpy(&x, a, sizeof(x));
	memcpy(&y, b, sizeof(y));
	return (x > y) - (x < y);
}

static size_t find_rec(const void *base, size_t n, size_t stride, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rec_id(base, mid, stride) < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < n && rec_id(base, lo, stride) == id) ? lo : OSM_NOT_FOUND;
}

void osm_nodes_finish(osm_nodes_t *t)
{
	if (t->n > 1 && !t->sorted)
		qsort(t->a, t->n, sizeof(*t->a), cmp_rec);
	t->sorted = 1;
	/* every OSM_NODE_BLOCK-th id: a small top level that stays in cache,
	 * so a lookup touches one 4 KB block of the big table */
	free(t->sample);
	t->n_sample = (t->n + OSM_NODE_BLOCK - 1) / OSM_NODE_BLOCK;
	t->sample = xmalloc((t->n_sample + 1) * sizeof(int64_t));
	for (size_t i = 0; i < t->n_sample; i++)
		t->sample[i] = t->a[i * OSM_NODE_BLOCK].id;
}

int64_t osm_nodes_duplicate(const osm_nodes_t *t)
{
	for (size_t i = 1; i < t->n; i++)
		if (t->a[i].id == t->a[i - 1].id)
			return t->a[i].id;
	return 0;
}

size_t osm_nodes_find(osm_nodes_t *t, int64_t id)
{
	/* a way's nodes were mostly created together: try next to the last hit */
	size_t h = t->hint;
	if (h + 1 < t->n && t->a[h + 1].id == id)
		return t->hint = h + 1;
	if (h < t->n && t->a[h].id == id)
		return h;
	size_t k;
	if (t->sample) {
		/* last block whose first id <= id */
		size_t lo = 0, hi = t->n_sample;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (t->sample[mid] <= id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == 0)
			return OSM_NOT_FOUND;
		size_t b0 = (lo - 1) * OSM_NODE_BLOCK;
		size_t bn = t->n - b0 < OSM_NODE_BLOCK ? t->n - b0 : OSM_NODE_BLOCK;
		k = find_rec(t->a + b0, bn, sizeof(*t->a), id);
		if (k != OSM_NOT_FOUND)
			k += b0;
	} else {
		k = find_rec(t->a, t->n, sizeof(*t->a), id);
	}
	if (k != OSM_NOT_FOUND)
		t->hint = k;
	return k;
}

void osm_ways_finish(osm_ways_t *t)
{
	if (t->n > 1 && !t->sorted)
		qsort(t->a, t->n, sizeof(*t->a), cmp_rec);
	t->sorted = 1;
}

size_t osm_ways_find(const osm_ways_t *t, int64_t id)
{
	return find_rec(t->a, t->n, sizeof(*t->a), id);
}

void osm_way_shape(const osm_nodes_t *nodes, const uint32_t *idx, size_t n, osm_way_rec_t *out)
{
	out->lat = out->lon = 0;
	out->area = 0;
	out->n = 0;
	if (n == 0)
		return;
	int closed = n >= 4 && idx[0] == idx[n - 1];
	size_t m = closed ? n - 1 : n; /* distinct ring nodes */
	double lat0 = osm_node_lat(nodes, idx[0]), lon0 = osm_node_lon(nodes, idx[0]);
	double sum_lat = 0, sum_lon = 0;
	for (size_t i = 0; i < m; i++) {
		sum_lat += osm_node_lat(nodes, idx[i]);
		sum_lon += osm_node_lon(nodes, idx[i]);
	}
	out->n = (uint32_t)m;
	out->lat = sum_lat / (double)m;
	out->lon = sum_lon / (double)m;
	if (!closed)
		return;
	/* shoelace on x = (lon - lon0) cos(lat0), y = lat - lat0 */
	double k = cos(lat0 * M_PI / 180.0);
	double a2 = 0, cx = 0, cy = 0;
	for (size_t i = 0; i < m; i++) {
		size_t j = i + 1 == m ? 0 : i + 1;
		double x0 = (osm_node_lon(nodes, idx[i]) - lon0) * k,
		       y0 = osm_node_lat(nodes, idx[i]) - lat0;
		double x1 = (osm_node_lon(nodes, idx[j]) - lon0) * k,
		       y1 = osm_node_lat(nodes, idx[j]) - lat0;
		double c = x0 * y1 - x1 * y0;
		a2 += c;
		cx += (x0 + x1) * c;
		cy += (y0 + y1) * c;
	}
	if (fabs(a2) < 1e-14)
		return; /* degenerate ring: keep the node mean */
	out->area = (float)fabs(a2 / 2);
	out->lon = lon0 + cx / (3 * a2) / k;
	out->lat = lat0 + cy / (3 * a2);
}

/* ---- tags ---- */
static const char *const tag_keys[OSM_T_N] = {
	[OSM_T_HIGHWAY] = "highway",
	[OSM_T_AREA] = "area",
	[OSM_T_JUNCTION] = "junction",
	[OSM_T_ONEWAY] = "oneway",
	[OSM_T_ONEWAY_BUS] = "oneway:bus",
	[OSM_T_ONEWAY_PSV] = "oneway:psv",
	[OSM_T_MAXSPEED] = "maxspeed",
	[OSM_T_ACCESS] = "access",
	[OSM_T_VEHICLE] = "vehicle",
	[OSM_T_MOTOR_VEHICLE] = "motor_vehicle",
	[OSM_T_PSV] = "psv",
	[OSM_T_BUS] = "bus",
	[OSM_T_PLACE] = "place",
	[OSM_T_NAME] = "name",
	[OSM_T_NAME_RU] = "name:ru",
	[OSM_T_NAME_EN] = "name:en",
	[OSM_T_POPULATION] = "population",
	[OSM_T_AMENITY] = "amenity",
	[OSM_T_LEISURE] = "leisure",
	[OSM_T_BUILDING] = "building",
	[OSM_T_LANDUSE] = "landuse",
	[OSM_T_TYPE] = "type",
	[OSM_T_SPORT] = "sport",
	[OSM_T_PUBLIC_TRANSPORT] = "public_transport",
	[OSM_T_ADDR_HOUSENUMBER] = "addr:housenumber",
	[OSM_T_ADDR_STREET] = "addr:street",
	[OSM_T_ADDR_PLACE] = "addr:place",
	[OSM_T_ADDR_CITY] = "addr:city",
	[OSM_T_ADDR_SUBURB] = "addr:suburb",
	[OSM_T_BOUNDARY] = "boundary",
	[OSM_T_OFFICIAL_NAME] = "official_name",
	[OSM_T_SHORT_NAME] = "short_name",
	[OSM_T_ALT_NAME] = "alt_name",
};

int osm_tag_key(const char *k)
{
	/* cheap first-letter filter: most keys in a file match none */
	switch (k[0]) {
	case 'a':
	case 'b':
	case 'h':
	case 'j':
	case 'l':
	case 'm':
	case 'n':
	case 'o':
	case 'p':
	case 's':
	case 't':
	case 'v':
		break;
	default:
		return -1;
	}
	for (int i = 0; i < OSM_T_N; i++)
		if (tag_keys[i][0] == k[0] && !strcmp(tag_keys[i], k))
			return i;
	return -1;
}

void osm_tags_reset(osm_tags_t *t)
{
	for (int i = 0; i < OSM_T_N; i++)
		t->off[i] = SIZE_MAX;
	sr_buf_reset(&t->buf);
}

void osm_tags_set(osm_tags_t *t, int key, const char *v, size_t len)
{
	t->off[key] = t->buf.len;
	sr_buf_append(&t->buf, v, len);
	sr_buf_putc(&t->buf, '\0');
}

const char *osm_tag(const osm_tags_t *t, int key)
{
	return t->off[key] == SIZE_MAX ? NULL : t->buf.data + t->off[key];
}
