/*
 * addr_find.c - a pickup given as a street address, found among the
 * map's addresses (address.c) once the query is read (addr_words.c).
 *
 * The street is matched by its key (folded, its kind word out), then the
 * settlement, then the house number; the element found is the address's
 * building (a way before a relation before a node, then the lowest id,
 * when a building and its entrance or shop carry one address within
 * 300 m). A rural district has a Центральная or Садовая street in nearly
 * every village, so one street and number in several settlements is never
 * a silent pick: the error lists them with their settlements and says how
 * to add the village. The settlement of an address is its addr:city or
 * addr:place, else the smallest settlement area holding it (areas.c),
 * else the nearest settlement node; the query's settlement may name any
 * of these (and addr:suburb, and any settlement area holding it). A street without the number
 * lists its nearest numbers; an unknown street gets "did you mean" among
 * the map's streets (find.c's suggestions). Like a geocoder's structured
 * search (Nominatim's street/city/housenumber), but strict: it never
 * takes the nearest number or another village's house for the asked one.
 */
#include <stdlib.h>
#include <string.h>

#include "osm/addr_find.h"
#include "util/i18n.h"

/* Addresses of one name this close together are one place. */
#define ADDR_ONE_PLACE_M 300.0

static int types_agree(int a, int b)
{
	return a < 0 || b < 0 || a == 0 || b == 0 || a == b;
}

/* Is key a street of the map (of a kind agreeing with type)? */
static int street_known(const osm_addr_index_t *x, const char *key, int type)
{
	for (size_t i = 0; i < x->n_streets; i++)
		if (osm_addr_street_match(key, x->keys[i]) && types_agree(x->types[i], type))
			return 1;
	return 0;
}

static int key_is(const char *name, const char *key)
{
	if (!name)
		return 0;
	char *k = osm_addr_settle_key(name);
	int eq = k && !strcmp(k, key);
	free(k);
	return eq;
}

/* Does address a's field k (0 addr:place, 1 addr:city, 2 addr:suburb)
 * have the settlement key? (from the index: no folding) */
static int tagged(const sr_map_t *m, const osm_address_t *a, int k, const char *key)
{
	const osm_addr_index_t *x = m->addr_index;
	uint32_t s = x->settle_of[k][a - m->addrs];
	return s != UINT32_MAX && !strcmp(x->settle_keys[s], key);
}

/* Does a settlement area holding address a bear the key by any of its
 * names? (a village's area within a Gemeinde's: either) */
static int area_named(const sr_map_t *m, const osm_address_t *a, const char *key)
{
	const osm_areas_t *v = &m->addr_index->areas;
	for (size_t i = 0; i < v->n; i++)
		for (int k = 0; k < 3 && osm_area_holds(v, i, a->lat, a->lon); k++)
			if (v->keys[3 * i + k] && !strcmp(v->keys[3 * i + k], key))
				return 1;
	return 0;
}

/* Is address a in the settlement of key: its addr:city, addr:place,
 * addr:suburb, a settlement area holding it, or, where none does, the
 * nearest settlement node (none on the map: the nearest address's
 * addr:city or addr:place), by any of their names? */
static int in_settlement(const sr_map_t *m, const osm_address_t *a, const char *key)
{
	if (tagged(m, a, 0, key) || tagged(m, a, 1, key) || tagged(m, a, 2, key))
		return 1;
	const osm_addr_index_t *x = m->addr_index;
	if (x->area_of[a - m->addrs] != UINT32_MAX)
		return area_named(m, a, key);
	uint32_t nb = x->near_of[a - m->addrs];
	if (nb != UINT32_MAX) /* no settlement node: its neighbour's */
		return tagged(m, &m->addrs[nb], 0, key) || tagged(m, &m->addrs[nb], 1, key);
	const osm_feature_t *f = osm_settlement(m, a->lat, a->lon, NULL);
	return f && (key_is(f->name, key) || key_is(f->name_ru, key) || key_is(f->name_en, key));
}

/* A place-less address of the settlement key (addr:place, addr:city). */
static int placeonly_known(const sr_map_t *m, const char *key)
{
	for (size_t i = 0; i < m->n_addrs; i++)
		if (!m->addrs[i].street &&
		    (tagged(m, &m->addrs[i], 0, key) || tagged(m, &m->addrs[i], 1, key)))
			return 1;
	return 0;
}

/* Words of text written without a comma between settlement and street
 * ("Петровка Центральная 12", "Ивановка ул. Садовая 5"): the split into
 * two runs of words where one is a street the map knows; the other is
 * the settlement. Returns 1 when found (L->street, L->settle replaced). */
static int split_words_at_street(look_t *L, const char *text)
{
	size_t len = strlen(text);
	for (size_t j = 1; j < len; j++) {
		if (text[j] != ' ')
			continue;
		char *left = xstrndup(text, j), *right = xstrdup(text + j + 1);
		for (int side = 0; side < 2; side++) {
			int type;
			char *k = osm_addr_street_key(side ? left : right, &type);
			if (k && street_known(L->x, k, type)) {
				free(L->street);
				free(L->settle);
				L->street = k;
				L->street_type = type;
				L->settle = osm_addr_settle_key(side ? right : left);
				free(left);
				free(right);
				return 1;
			}
			free(k);
		}
		free(left);
		free(right);
	}
	return 0;
}

/* Which of the query's word groups is the street and which the
 * settlement: a group the map knows as a street is the street (the first),
 * another the settlement. Returns 0 when there is nothing to look up. */
static int assign_parts(look_t *L)
{
	osm_addr_query_t *q = &L->q;
	L->street = q->street ? xstrdup(q->street) : NULL;
	L->street_type = q->street_type;
	L->settle = q->settle ? xstrdup(q->settle) : NULL;
	int unknown = -1; /* a group neither street nor settlement */
	for (int g = 0; g < q->n_groups; g++) {
		int type;
		char *k = osm_addr_street_key(q->groups[g], &type);
		if (k && !L->street && street_known(L->x, k, type)) {
			L->street = k;
			L->street_type = type;
			continue;
		}
		free(k);
		if (!L->settle) {
			L->settle = osm_addr_settle_key(q->groups[g]);
			unknown = g;
		}
	}
	if (L->street && !L->settle && !street_known(L->x, L->street, L->street_type))
		split_words_at_street(L, L->street);
	if (!L->street && L->settle && unknown >= 0 && !placeonly_known(L->m, L->settle) &&
	    !q->settle && !split_words_at_street(L, q->groups[unknown])) {
		/* the one group is no known settlement either: an unknown street */
		free(L->settle);
		L->settle = NULL;
		L->street = osm_addr_street_key(q->groups[unknown], &L->street_type);
	}
	return L->street || L->settle;
}

static void add_cand(look_t *L, const osm_address_t *a)
{
	sr_grow(&L->c, &L->cap, L->n + 1, sizeof(*L->c));
	L->c[L->n++] = a;
}

/* The addresses on the street (or, street-less, of the settlement). */
void addr_street_candidates(look_t *L)
{
	const sr_map_t *m = L->m;
	for (size_t i = 0; i < m->n_addrs; i++) {
		const osm_address_t *a = &m->addrs[i];
		uint32_t s = L->x->street_of[i];
		if (L->street
			    ? (s != UINT32_MAX && osm_addr_street_match(L->street, L->x->keys[s]) &&
			       types_agree(L->x->types[s], L->street_type))
			    : (!a->street &&
			       (tagged(m, a, 0, L->settle) || tagged(m, a, 1, L->settle))))
			add_cand(L, a);
	}
}

/* Does the map's house number (maybe a list, "5;7") say key, or (main)
 * have key as its main part ("9 с1" for "9")? */
static int number_is(const char *hn, const char *key, int main)
{
	char *d = xstrdup(hn), *save = NULL;
	int hit = 0;
	for (char *t = strtok_r(d, ";,", &save); t && !hit; t = strtok_r(NULL, ";,", &save)) {
		char k[64], mn[64];
		hit = !osm_addr_number_key(t, k, sizeof(k), mn, sizeof(mn)) &&
		      !strcmp(main ? mn : k, key);
	}
	free(d);
	return hit;
}

enum { BY_NUMBER, BY_SETTLE, BY_MAIN };

/* Keeps the candidates whose house number is key (BY_NUMBER), whose
 * settlement is key (BY_SETTLE) or whose number's main part is key
 * (BY_MAIN); returns how many. */
static size_t filter(look_t *L, const char *key, int by)
{
	size_t k = 0;
	for (size_t i = 0; i < L->n; i++)
		if (by == BY_SETTLE ? in_settlement(L->m, L->c[i], key)
				    : number_is(L->c[i]->housenumber, key, by == BY_MAIN))
			L->c[k++] = L->c[i];
	L->n = k;
	return k;
}

const char *addr_settle_of(const look_t *L, const osm_address_t *a)
{
	const char *s = osm_address_settlement(L->m, a, NULL);
	return s ? s : _("no settlement on the map");
}

/* The element to take of one place's addresses: a way, a relation, a
 * node; then the lowest id. */
static int takes_before(const osm_address_t *a, const osm_address_t *b)
{
	int ta = a->type == 'w' ? 0 : a->type == 'r' ? 1 : 2;
	int tb = b->type == 'w' ? 0 : b->type == 'r' ? 1 : 2;
	return ta != tb ? ta < tb : a->id < b->id;
}

/* The candidates as places: those within ADDR_ONE_PLACE_M of a place's
 * first are that place (a building and its entrance; two villages' houses
 * lie farther apart), whose element is the one takes_before picks. L->c
 * becomes the places' elements; returns how many. */
static size_t places_of(look_t *L)
{
	const osm_address_t **first = xreallocarray(NULL, L->n ? L->n : 1, sizeof(*first));
	size_t k = 0;
	for (size_t i = 0; i < L->n; i++) {
		const osm_address_t *a = L->c[i];
		size_t j = 0;
		while (j < k && sr_haversine_m(a->lat, a->lon, first[j]->lat, first[j]->lon) >
					ADDR_ONE_PLACE_M)
			j++;
		if (j == k) {
			first[k] = a;
			L->c[k++] = a;
		} else if (takes_before(a, L->c[j])) {
			L->c[j] = a;
		}
	}
	free(first);
	L->n = k;
	return k;
}

static void found(const osm_address_t *a, osm_feature_t *out, osm_found_t *how)
{
	memset(out, 0, sizeof(*out));
	out->type = a->type;
	out->id = a->id;
	out->population = -1;
	out->lat = a->lat;
	out->lon = a->lon;
	if (how)
		how->address = a;
}

/* Street, settlement, number, one place: SR_OK or SR_EINPUT. */
static int narrow(look_t *L, osm_feature_t *out, osm_found_t *how, sr_error_t *err)
{
	addr_street_candidates(L);
	if (!L->n)
		return addr_err_street(L, err);
	if (L->settle && L->street && !filter(L, L->settle, BY_SETTLE)) {
		addr_street_candidates(L);
		return addr_err_settle(L, err);
	}
	if (addr_check_one_street(L, err))
		return SR_EINPUT;
	size_t before = L->n;
	const osm_address_t **all = xreallocarray(NULL, before, sizeof(*all));
	memcpy(all, L->c, before * sizeof(*all));
	/* reduced: the map lacks the корпус or строение asked, the house is
	 * taken; widened: the query gives none where the map has only one
	 * (Moscow's "9 с1" for "Армянский пер. 9"), that one is taken */
	int reduced = 0, widened = 0;
	if (!filter(L, L->q.number, BY_NUMBER) && strcmp(L->q.number, L->q.main)) {
		memcpy(L->c, all, before * sizeof(*all));
		L->n = before;
		reduced = filter(L, L->q.main, BY_NUMBER) > 0;
	} else if (!L->n) {
		memcpy(L->c, all, before * sizeof(*all));
		L->n = before;
		widened = filter(L, L->q.main, BY_MAIN) > 0;
	}
	int rc;
	if (!L->n) {
		memcpy(L->c, all, before * sizeof(*all));
		L->n = before;
		rc = addr_err_number(L, err);
	} else {
		const osm_address_t *one = places_of(L) == 1 ? L->c[0] : NULL;
		rc = one ? SR_OK : addr_err_ambiguous(L, err);
		if (one)
			found(one, out, how);
		if (one && reduced && how)
			snprintf(
				how->note, sizeof(how->note),
				_("'%s': the map has the house %s but not this корпус or строение of "
				  "it: the pickup is at the house"),
				L->query, one->housenumber);
		if (one && widened && how)
			snprintf(how->note, sizeof(how->note),
				 _("'%s': the map has this number only as %s: the pickup is there"),
				 L->query, one->housenumber);
	}
	free(all);
	return rc;
}

int osm_addr_find(const sr_map_t *m, const char *query, osm_feature_t *out, osm_found_t *how,
		  int *rc, sr_error_t *err)
{
	look_t L = {.m = m, .x = m->addr_index, .query = query, .street_type = -1};
	int handled = 0;
	if (!L.x || osm_addr_parse(query, &L.q) != 0 || !assign_parts(&L))
		goto out;
	/* without a street, settlement or house word, only a street the map
	 * knows makes the text an address ("Маросейка 5" but not "Лицей 1500") */
	if (!L.q.marked && !(L.street && street_known(L.x, L.street, L.street_type)) &&
	    !(!L.street && L.settle && placeonly_known(m, L.settle)))
		goto out;
	handled = 1;
	*rc = narrow(&L, out, how, err);
out:
	osm_addr_query_free(&L.q);
	free(L.street);
	free(L.settle);
	free(L.c);
	return handled;
}
