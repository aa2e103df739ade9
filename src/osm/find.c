/*
 * find.c - resolving what a user types for a point (osm.h, osm_find()):
 * an OSM id ("n123", "w45", "r6", the prefix letters of osmium and the
 * OSM website) or an exact name (name, name:ru or name:en, byte for byte
 * UTF-8). Names are looked up list by list in the preference order of the
 * request, like a geocoder that ranks settlements above other features
 * (Nominatim's place rank), so "Ruggell" is the village even when a street
 * and a stream are named after it; two matches within one list are an
 * ambiguity that the user resolves by giving the id.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/osm.h"

typedef struct flist {
	const osm_feature_t *f;
	size_t n;
	const char *what;
} flist_t;

/* The lists to search, in preference order; groups[i] is the group (names
 * match within the first group that has a match). */
static int lists_for(const sr_map_t *m, osm_find_want_t want, flist_t *l, int *group)
{
	int n = 0;
	if (want != OSM_FIND_DEST) {
		l[n] = (flist_t){m->places, m->n_places, "place"};
		group[n++] = 0;
	}
	l[n] = (flist_t){m->dests, m->n_dests, "destination"};
	group[n++] = want == OSM_FIND_ANY ? 0 : 1;
	if (want != OSM_FIND_DEST) {
		l[n] = (flist_t){m->others, m->n_others, "other"};
		group[n++] = want == OSM_FIND_ANY ? 0 : 2;
	}
	return n;
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

static int name_is(const osm_feature_t *f, const char *q)
{
	return (f->name && !strcmp(f->name, q)) || (f->name_ru && !strcmp(f->name_ru, q)) ||
	       (f->name_en && !strcmp(f->name_en, q));
}

static void describe(sr_buf_t *b, const osm_feature_t *f, const char *what)
{
	char lb[64];
	sr_buf_printf(b, "%s %c%lld (%s, %.5f, %.5f)", osm_feature_label(f, lb, sizeof(lb)),
		      f->type, (long long)f->id, what, f->lat, f->lon);
}

int osm_find(const sr_map_t *m, const char *query, osm_find_want_t want,
	     const osm_feature_t **out, sr_error_t *err)
{
	flist_t l[3];
	int group[3];
	int nl = lists_for(m, want, l, group);
	*out = NULL;
	if (!query || !*query)
		return sr_error_set(err, SR_EINPUT, NULL, 0, "empty place name");

	char type;
	int64_t id;
	if (parse_id(query, &type, &id)) {
		for (int i = 0; i < nl; i++)
			for (size_t k = 0; k < l[i].n; k++)
				if (l[i].f[k].type == type && l[i].f[k].id == id) {
					*out = &l[i].f[k];
					return SR_OK;
				}
		return sr_error_set(err, SR_EINPUT, NULL, 0,
				    "'%s': no %s with this OSM id in the map", query,
				    want == OSM_FIND_DEST ? "destination" : "place or destination");
	}

	const osm_feature_t **hits = NULL;
	size_t cap = 0;
	for (int g = 0; g <= 2; g++) {
		size_t count = 0;
		sr_buf_t b;
		sr_buf_init(&b);
		for (int i = 0; i < nl; i++) {
			if (group[i] != g)
				continue;
			for (size_t k = 0; k < l[i].n; k++) {
				const osm_feature_t *f = &l[i].f[k];
				if (!name_is(f, query))
					continue;
				/* the same element listed twice is one match */
				size_t h = 0;
				while (h < count && !(hits[h]->type == f->type && hits[h]->id == f->id))
					h++;
				if (h < count)
					continue;
				if (count < 20) {
					sr_buf_puts(&b, count ? "; " : "");
					describe(&b, f, l[i].what);
				}
				sr_grow(&hits, &cap, count + 1, sizeof(*hits));
				hits[count++] = f;
			}
		}
		if (count == 1)
			*out = hits[0];
		else if (count > 1)
			sr_error_set(err, SR_EINPUT, NULL, 0,
				     "'%s' is ambiguous: %zu features carry this name: %s%s; "
				     "give the OSM id instead", query, count, b.data,
				     count > 20 ? "; ..." : "");
		sr_buf_free(&b);
		if (count > 0) {
			free(hits);
			return count == 1 ? SR_OK : SR_EINPUT;
		}
	}
	free(hits);

	/* unknown: suggest names that contain the query, ignoring ASCII case */
	sr_buf_t b;
	sr_buf_init(&b);
	size_t ns = 0, qn = strlen(query);
	for (int i = 0; i < nl && ns < 10; i++)
		for (size_t k = 0; k < l[i].n && ns < 10; k++) {
			const char *nm = l[i].f[k].name;
			if (!nm)
				continue;
			size_t nn = strlen(nm);
			int hit = 0;
			for (size_t s = 0; s + qn <= nn && !hit; s++) {
				size_t c = 0;
				while (c < qn && tolower((unsigned char)nm[s + c]) ==
						 tolower((unsigned char)query[c]))
					c++;
				hit = c == qn;
			}
			if (hit) {
				sr_buf_puts(&b, ns ? "; " : "");
				describe(&b, &l[i].f[k], l[i].what);
				ns++;
			}
		}
	if (ns)
		sr_error_set(err, SR_EINPUT, NULL, 0, "'%s': no %s of this exact name; similar: %s",
			     query, want == OSM_FIND_DEST ? "destination" : "place or destination",
			     b.data);
	else
		sr_error_set(err, SR_EINPUT, NULL, 0, "'%s': no %s of this name in the map", query,
			     want == OSM_FIND_DEST ? "destination" : "place or destination");
	sr_buf_free(&b);
	return SR_EINPUT;
}
