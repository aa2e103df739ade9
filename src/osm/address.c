/*
 * address.c - the map's street addresses (OSM addr:* tags): kept while the
 * file streams past, then handed to the map with a small lookup index.
 *
 * Every node, way or multipolygon with addr:housenumber and addr:street
 * or addr:place is kept: its point (the node, or the centroid the reader
 * computes for every way anyway) and its five address strings, stored as
 * offsets into one text pool (about 50 bytes an address while reading,
 * 100 in the map with its index and settlement, plus its text), in the spirit of
 * Nominatim's placex table reduced to what a pickup needs. The index
 * lists the distinct street names and settlement names (addr:place,
 * addr:city, addr:suburb) once each, with the keys they are matched by
 * (addr_words.c), so a query compares keys and never folds an address's
 * text. The settlement of an address is its addr:city or addr:place, else
 * the smallest settlement area holding it (areas.c, found once here), else
 * the nearest settlement node, found when a query needs it (Nominatim's
 * "is in" rule: by area, then by distance); on a map without settlement
 * nodes (a town's extract), the addr:city or addr:place of the nearest
 * address that has one.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"

static const int addr_keys[OSM_A_N] = {OSM_T_ADDR_HOUSENUMBER, OSM_T_ADDR_STREET, OSM_T_ADDR_PLACE,
				       OSM_T_ADDR_CITY, OSM_T_ADDR_SUBURB};

int osm_addrs_add(osm_addr_vec_t *v, char type, int64_t id, const osm_tags_t *t, double lat,
		  double lon)
{
	if (!osm_tag(t, OSM_T_ADDR_HOUSENUMBER) ||
	    (!osm_tag(t, OSM_T_ADDR_STREET) && !osm_tag(t, OSM_T_ADDR_PLACE)))
		return 0;
	osm_addr_rec_t r = {.id = id, .lat = lat, .lon = lon, .type = type};
	for (int k = 0; k < OSM_A_N; k++) {
		const char *s = osm_tag(t, addr_keys[k]);
		r.s[k] = UINT32_MAX;
		if (!s || !s[0])
			continue;
		size_t len = strlen(s);
		if (v->pool.len + len + 1 >= UINT32_MAX)
			return -1;
		r.s[k] = (uint32_t)v->pool.len;
		sr_buf_append(&v->pool, s, len + 1); /* with its NUL */
	}
	sr_grow(&v->a, &v->cap, v->n + 1, sizeof(*v->a));
	v->a[v->n++] = r;
	return 0;
}

void osm_addrs_free(osm_addr_vec_t *v)
{
	free(v->a);
	sr_buf_free(&v->pool);
	memset(v, 0, sizeof(*v));
}

static const char *pool_str(const char *pool, uint32_t off)
{
	return off == UINT32_MAX ? NULL : pool + off;
}

/* One string of one address, for sorting the distinct names. */
typedef struct name_ref {
	const char *name;
	size_t addr;
	int field; /* index into the fields interned */
} name_ref_t;

static int cmp_name(const void *a, const void *b)
{
	const name_ref_t *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	if (x->addr != y->addr)
		return (x->addr > y->addr) - (x->addr < y->addr);
	return x->field - y->field;
}

static const char *field_of(const osm_address_t *a, int f)
{
	return f == OSM_A_STREET  ? a->street
	       : f == OSM_A_PLACE ? a->place
	       : f == OSM_A_CITY  ? a->city
				  : a->suburb;
}

/* The distinct strings of fields[0..nf) over all addresses, sorted once
 * (no hash table: one qsort): of[k][i] the index of address i's field k
 * (UINT32_MAX when absent), *first[j] the first address of name j.
 * Returns the names (the pool's strings; caller frees the array). */
static const char **intern(const sr_map_t *m, const int *fields, int nf, uint32_t **of,
			   size_t **first, size_t *n_out)
{
	name_ref_t *r = xreallocarray(NULL, m->n_addrs * (size_t)nf + 1, sizeof(*r));
	size_t n = 0, k = 0;
	for (size_t i = 0; i < m->n_addrs; i++)
		for (int f = 0; f < nf; f++) {
			of[f][i] = UINT32_MAX;
			const char *v = field_of(&m->addrs[i], fields[f]);
			if (v)
				r[n++] = (name_ref_t){v, i, f};
		}
	qsort(r, n, sizeof(*r), cmp_name);
	const char **names = xcalloc(n + 1, sizeof(char *));
	*first = xcalloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		if (!i || strcmp(r[i].name, r[i - 1].name)) {
			names[k] = r[i].name;
			(*first)[k++] = r[i].addr;
		}
		of[r[i].field][r[i].addr] = (uint32_t)(k - 1);
	}
	free(r);
	*n_out = k;
	return names;
}

/* The distinct streets, each a feature at its first address, with its
 * key and kind. */
static void index_streets(sr_map_t *m, osm_addr_index_t *x)
{
	static const int fields[] = {OSM_A_STREET};
	size_t *first, n;
	const char **names = intern(m, fields, 1, &x->street_of, &first, &n);
	x->streets = xcalloc(n ? n : 1, sizeof(*x->streets));
	x->keys = xcalloc(n ? n : 1, sizeof(char *));
	x->types = xcalloc(n ? n : 1, sizeof(int));
	for (size_t i = 0; i < n; i++) {
		const osm_address_t *a = &m->addrs[first[i]];
		osm_feature_t *f = &x->streets[i];
		f->type = a->type;
		f->id = a->id;
		f->name = (char *)names[i]; /* the pool's: never freed as a feature */
		f->population = -1;
		f->lat = a->lat;
		f->lon = a->lon;
		x->keys[i] = osm_addr_street_key(names[i], &x->types[i]);
		if (!x->keys[i])
			x->keys[i] = xstrdup("");
	}
	x->n_streets = n;
	free(names);
	free(first);
}

/* The distinct settlement names of addr:place, addr:city and addr:suburb
 * with their keys, so a query folds each name once. */
static void index_settlements(sr_map_t *m, osm_addr_index_t *x)
{
	static const int fields[] = {OSM_A_PLACE, OSM_A_CITY, OSM_A_SUBURB};
	size_t *first, n;
	const char **names = intern(m, fields, 3, x->settle_of, &first, &n);
	x->settle_keys = xcalloc(n ? n : 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		x->settle_keys[i] = osm_addr_settle_key(names[i]);
		if (!x->settle_keys[i])
			x->settle_keys[i] = xstrdup("");
	}
	x->n_settles = n;
	free(names);
	free(first);
}

/* Each address's smallest settlement area (UINT32_MAX: none holds it). */
static void place_in_areas(sr_map_t *m, osm_addr_index_t *x, osm_areas_t *areas)
{
	x->areas = *areas; /* moved */
	memset(areas, 0, sizeof(*areas));
	osm_areas_finish(&x->areas, m->places, m->n_places);
	x->area_of = xcalloc(m->n_addrs ? m->n_addrs : 1, sizeof(uint32_t));
	for (size_t i = 0; i < m->n_addrs; i++) {
		size_t k = osm_areas_at(&x->areas, m->addrs[i].lat, m->addrs[i].lon);
		x->area_of[i] = k == SIZE_MAX ? UINT32_MAX : (uint32_t)k;
	}
}

static const sr_map_t *by_lat_map; /* for qsort's comparison only */

static int cmp_by_lat(const void *a, const void *b)
{
	double x = by_lat_map->addrs[*(const uint32_t *)a].lat;
	double y = by_lat_map->addrs[*(const uint32_t *)b].lat;
	return (x > y) - (x < y);
}

/* The nearest of tagged[0..n) (addresses sorted by latitude) to a,
 * searched outward from a's latitude; UINT32_MAX when n is 0. */
static uint32_t nearest_tagged(const sr_map_t *m, const uint32_t *tagged, size_t n,
			       const osm_address_t *a)
{
	size_t lo = 0, hi = n;
	while (lo < hi) { /* the first at or above a's latitude */
		size_t mid = (lo + hi) / 2;
		if (m->addrs[tagged[mid]].lat < a->lat)
			lo = mid + 1;
		else
			hi = mid;
	}
	uint32_t best = UINT32_MAX;
	double bd = 0;
	for (size_t up = lo, down = lo; up < n || down > 0;) {
		int go_up =
			up < n && (down == 0 || m->addrs[tagged[up]].lat - a->lat <
							a->lat - m->addrs[tagged[down - 1]].lat);
		const osm_address_t *b = &m->addrs[go_up ? tagged[up++] : tagged[--down]];
		if (best != UINT32_MAX && fabs(b->lat - a->lat) * 111195.0 > bd)
			break; /* the rest lie farther north or south than the best */
		double d = sr_haversine_m(a->lat, a->lon, b->lat, b->lon);
		if (best == UINT32_MAX || d < bd) {
			best = (uint32_t)(b - m->addrs);
			bd = d;
		}
	}
	return best;
}

/* A map without settlement nodes (a town's extract): each address
 * without addr:city, addr:place or an area takes the settlement of the
 * nearest address that has one (x->near_of). */
static void settle_by_neighbours(sr_map_t *m, osm_addr_index_t *x)
{
	x->near_of = xcalloc(m->n_addrs ? m->n_addrs : 1, sizeof(uint32_t));
	uint32_t *tagged = xcalloc(m->n_addrs ? m->n_addrs : 1, sizeof(uint32_t));
	size_t n = 0;
	for (size_t i = 0; i < m->n_addrs; i++)
		if (m->addrs[i].city || m->addrs[i].place)
			tagged[n++] = (uint32_t)i;
	by_lat_map = m;
	qsort(tagged, n, sizeof(*tagged), cmp_by_lat);
	int no_nodes = osm_settlement(m, 0, 0, NULL) == NULL;
	for (size_t i = 0; i < m->n_addrs; i++) {
		const osm_address_t *a = &m->addrs[i];
		x->near_of[i] = no_nodes && !a->city && !a->place && x->area_of[i] == UINT32_MAX
					? nearest_tagged(m, tagged, n, a)
					: UINT32_MAX;
	}
	free(tagged);
}

void osm_addrs_adopt(sr_map_t *m, osm_addr_vec_t *v, osm_areas_t *areas)
{
	osm_addr_index_t *x = xcalloc(1, sizeof(*x));
	x->pool = v->pool.data; /* moved */
	m->n_addrs = v->n;
	m->addrs = xcalloc(v->n ? v->n : 1, sizeof(*m->addrs));
	for (size_t i = 0; i < v->n; i++) {
		const osm_addr_rec_t *r = &v->a[i];
		m->addrs[i] = (osm_address_t){
			.type = r->type,
			.id = r->id,
			.lat = r->lat,
			.lon = r->lon,
			.housenumber = pool_str(x->pool, r->s[OSM_A_HOUSENUMBER]),
			.street = pool_str(x->pool, r->s[OSM_A_STREET]),
			.place = pool_str(x->pool, r->s[OSM_A_PLACE]),
			.city = pool_str(x->pool, r->s[OSM_A_CITY]),
			.suburb = pool_str(x->pool, r->s[OSM_A_SUBURB]),
		};
	}
	x->street_of = xcalloc(v->n ? v->n : 1, sizeof(uint32_t));
	for (int k = 0; k < 3; k++)
		x->settle_of[k] = xcalloc(v->n ? v->n : 1, sizeof(uint32_t));
	index_streets(m, x);
	index_settlements(m, x);
	place_in_areas(m, x, areas);
	settle_by_neighbours(m, x);
	m->addr_index = x;
	free(v->a);
	memset(v, 0, sizeof(*v));
}

void osm_addr_index_free(osm_addr_index_t *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->n_streets; i++)
		free(x->keys[i]);
	free(x->keys);
	free(x->types);
	for (size_t i = 0; i < x->n_settles; i++)
		free(x->settle_keys[i]);
	free(x->settle_keys);
	for (int k = 0; k < 3; k++)
		free(x->settle_of[k]);
	free(x->streets);
	free(x->street_of);
	osm_areas_free(&x->areas);
	free(x->area_of);
	free(x->near_of);
	free(x->pool);
	free(x);
}

const char *osm_address_settlement_ex(const sr_map_t *m, const osm_address_t *a, double *dist_m,
				      osm_settle_how_t *how)
{
	osm_settle_how_t h = OSM_SETTLE_TAGGED;
	double d = 0;
	const char *s = a->city ? a->city : a->place;
	const osm_addr_index_t *x = m->addr_index;
	size_t i = (size_t)(a - m->addrs);
	uint32_t k = s || !x ? UINT32_MAX : x->area_of[i];
	for (int j = 0; !s && k != UINT32_MAX && j < 3; j++)
		if ((s = osm_area_name(&x->areas, k, j)) != NULL)
			h = OSM_SETTLE_AREA;
	char buf[8];
	const osm_feature_t *f = s ? NULL : osm_settlement(m, a->lat, a->lon, &d);
	if (f && (f->name || f->name_ru || f->name_en)) {
		s = osm_feature_label(f, buf, sizeof(buf));
		h = OSM_SETTLE_NODE;
	}
	uint32_t nb = s || !x ? UINT32_MAX : x->near_of[i];
	if (nb != UINT32_MAX) {
		const osm_address_t *b = &m->addrs[nb];
		s = b->city ? b->city : b->place;
		d = sr_haversine_m(a->lat, a->lon, b->lat, b->lon);
		h = OSM_SETTLE_NEIGHBOUR;
	}
	if (dist_m)
		*dist_m = s ? d : 0;
	if (how)
		*how = s ? h : OSM_SETTLE_NONE;
	return s;
}

const char *osm_address_settlement(const sr_map_t *m, const osm_address_t *a, double *dist_m)
{
	return osm_address_settlement_ex(m, a, dist_m, NULL);
}

const char *osm_address_label(const sr_map_t *m, const osm_address_t *a, char *buf, size_t size)
{
	const char *where = osm_address_settlement(m, a, NULL);
	const char *first = a->street ? a->street : a->place;
	if (where && (!first || strcmp(where, first)))
		snprintf(buf, size, "%s %s, %s", first ? first : "", a->housenumber, where);
	else
		snprintf(buf, size, "%s %s", first ? first : "", a->housenumber);
	return buf;
}
