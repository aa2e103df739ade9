/*
 * address.c - the map's street addresses (OSM addr:* tags): kept while the
 * file streams past, then handed to the map with a small lookup index.
 *
 * Every node, way or multipolygon with addr:housenumber and addr:street
 * or addr:place is kept: its point (the node, or the centroid the reader
 * computes for every way anyway) and its five address strings, stored as
 * offsets into one text pool (about 60 bytes an address plus its text),
 * in the spirit of Nominatim's placex table reduced to what a pickup
 * needs. The index lists the distinct street names once each, with the
 * key they are matched by (addr_words.c), so a query folds a few hundred
 * street names, not every address. The settlement of an address is its
 * addr:city or addr:place, else the nearest settlement node, found when a
 * query needs it (Nominatim's "is in" rule by distance, without areas).
 */
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

/* The distinct street names (sorted once), each with its key and kind,
 * and every address's index into them. */
typedef struct street_ref {
	const char *name;
	size_t addr;
} street_ref_t;

static int cmp_street(const void *a, const void *b)
{
	const street_ref_t *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->addr > y->addr) - (x->addr < y->addr);
}

static void index_streets(sr_map_t *m, osm_addr_index_t *x)
{
	street_ref_t *r = xcalloc(m->n_addrs ? m->n_addrs : 1, sizeof(*r));
	size_t n = 0;
	for (size_t i = 0; i < m->n_addrs; i++) {
		x->street_of[i] = UINT32_MAX;
		if (m->addrs[i].street)
			r[n++] = (street_ref_t){m->addrs[i].street, i};
	}
	qsort(r, n, sizeof(*r), cmp_street);
	x->streets = xcalloc(n ? n : 1, sizeof(*x->streets));
	x->keys = xcalloc(n ? n : 1, sizeof(char *));
	x->types = xcalloc(n ? n : 1, sizeof(int));
	for (size_t i = 0; i < n; i++) {
		if (!i || strcmp(r[i].name, r[i - 1].name)) {
			const osm_address_t *a = &m->addrs[r[i].addr];
			osm_feature_t *f = &x->streets[x->n_streets];
			f->type = a->type;
			f->id = a->id;
			f->name = (char *)r[i].name; /* the pool's: never freed as a feature */
			f->population = -1;
			f->lat = a->lat;
			f->lon = a->lon;
			x->keys[x->n_streets] =
				osm_addr_street_key(r[i].name, &x->types[x->n_streets]);
			if (!x->keys[x->n_streets])
				x->keys[x->n_streets] = xstrdup("");
			x->n_streets++;
		}
		x->street_of[r[i].addr] = (uint32_t)(x->n_streets - 1);
	}
	free(r);
}

void osm_addrs_adopt(sr_map_t *m, osm_addr_vec_t *v)
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
	index_streets(m, x);
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
	free(x->streets);
	free(x->street_of);
	free(x->pool);
	free(x);
}

const char *osm_address_settlement(const sr_map_t *m, const osm_address_t *a, double *dist_m)
{
	if (dist_m)
		*dist_m = 0;
	if (a->city)
		return a->city;
	if (a->place)
		return a->place;
	char buf[8];
	const osm_feature_t *f = osm_settlement(m, a->lat, a->lon, dist_m);
	return f && (f->name || f->name_ru || f->name_en) ? osm_feature_label(f, buf, sizeof(buf))
							  : NULL;
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
