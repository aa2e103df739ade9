/*
 * addr_errors.c - what the address lookup says when a street address is
 * not one house of the map: an unknown street ("did you mean" among the
 * map's streets), a street not in the settlement asked (where it is), a
 * number the street lacks (its nearest numbers, per settlement), one
 * street and number in several settlements (each with its element and
 * point, and the query written with the village added), an abbreviated
 * street that may be several (each named).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "osm/addr_find.h"
#include "util/i18n.h"

/* The distinct settlements of the candidates, in order of first
 * appearance; returns how many (at most max). */
static size_t settlements(const look_t *L, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < L->n; i++) {
		const char *s = addr_settle_of(L, L->c[i]);
		size_t k = 0;
		while (k < n && strcmp(out[k], s))
			k++;
		if (k == n && n < max)
			out[n++] = s;
	}
	return n;
}

static const char *street_name(const look_t *L)
{
	const osm_address_t *a = L->n ? L->c[0] : NULL;
	return !a ? "" : a->street ? a->street : a->place ? a->place : "";
}

/* Up to 3 streets whose keys are nearest the asked one by edit distance
 * (within a third of its letters), else find.c's suggestions by name. */
static size_t street_suggestions(const look_t *L, const osm_feature_t **best)
{
	size_t n = 0, nq = 0;
	int d[3];
	for (const char *p = L->street; *p; p++)
		nq += ((unsigned char)*p & 0xC0) != 0x80;
	int limit = nq < 6 ? 2 : (int)nq / 3;
	for (size_t i = 0; i < L->x->n_streets; i++) {
		int di = osm_edit_distance(L->street, L->x->keys[i], limit);
		if (di > limit)
			continue;
		size_t k = n < 3 ? n++ : 3; /* insert sorted, keep 3 */
		while (k > 0 && d[k - 1] > di) {
			if (k < 3) {
				d[k] = d[k - 1];
				best[k] = best[k - 1];
			}
			k--;
		}
		if (k < 3) {
			d[k] = di;
			best[k] = &L->x->streets[i];
		}
	}
	return n ? n : osm_suggest(L->x->streets, L->x->n_streets, L->street, best, 3);
}

/* The query's street key as shown: an abbreviation's mark as its dot. */
static const char *shown(const char *key, char *buf, size_t size)
{
	snprintf(buf, size, "%s", key);
	for (char *p = buf; *p; p++)
		if (*p == OSM_ADDR_ABBREV)
			*p = '.';
	return buf;
}

int addr_check_one_street(const look_t *L, sr_error_t *err)
{
	uint32_t s[6];
	size_t n = 0;
	for (size_t i = 0; i < L->n && L->street; i++) {
		uint32_t k = L->x->street_of[L->c[i] - L->m->addrs];
		size_t j = 0;
		while (j < n && strcmp(L->x->keys[s[j]], L->x->keys[k]))
			j++;
		if (j == n && n < 6)
			s[n++] = k;
	}
	if (n < 2)
		return SR_OK;
	sr_buf_t b;
	sr_buf_init(&b);
	for (size_t i = 0; i < n; i++)
		sr_buf_printf(&b, "%s%s", i ? "; " : "", L->x->streets[s[i]].name);
	char q[128];
	sr_error_set(err, SR_EINPUT, NULL, 0,
		     _("'%s' is ambiguous: '%s' may be %s%zu streets of the map: %s; write the "
		       "street's name in full"),
		     L->query, shown(L->street, q, sizeof(q)), n == 6 ? _("more than ") : "", n,
		     b.data);
	sr_buf_free(&b);
	return SR_EINPUT;
}

int addr_err_street(const look_t *L, sr_error_t *err)
{
	if (!L->street)
		return sr_error_set(
			err, SR_EINPUT, NULL, 0,
			_("'%s': the map has no address in '%s' without a street (`schoolrun "
			  "names MAP --kind address` lists the addresses)"),
			L->query, L->settle);
	const osm_feature_t *best[3];
	size_t ns = street_suggestions(L, best);
	sr_buf_t b;
	sr_buf_init(&b);
	for (size_t i = 0; i < ns; i++)
		sr_buf_printf(&b, "%s%s", i ? "; " : "", best[i]->name);
	char q[128];
	if (ns)
		sr_error_set(err, SR_EINPUT, NULL, 0,
			     _("'%s': no street '%s' among the map's %zu addresses; did you mean "
			       "%s? (`schoolrun names MAP --kind address` lists them)"),
			     L->query, shown(L->street, q, sizeof(q)), L->m->n_addrs, b.data);
	else
		sr_error_set(
			err, SR_EINPUT, NULL, 0,
			_("'%s': no street '%s' among the map's %zu addresses (`schoolrun names "
			  "MAP --kind address` lists them)"),
			L->query, shown(L->street, q, sizeof(q)), L->m->n_addrs);
	sr_buf_free(&b);
	return SR_EINPUT;
}

int addr_err_settle(const look_t *L, sr_error_t *err)
{
	const char *s[8];
	size_t n = settlements(L, s, 8);
	sr_buf_t b;
	sr_buf_init(&b);
	for (size_t i = 0; i < n; i++)
		sr_buf_printf(&b, "%s%s", i ? ", " : "", s[i]);
	sr_error_set(err, SR_EINPUT, NULL, 0,
		     _("'%s': %s is not in '%s' on the map; the map has this street in %s"),
		     L->query, street_name(L), L->settle, b.data);
	sr_buf_free(&b);
	return SR_EINPUT;
}

/* A house number's leading number, within 0..1e9 (for distances). */
static long lead_number(const char *s)
{
	long v = strtol(s, NULL, 10);
	return v < 0 || v > 1000000000L ? 1000000000L : v;
}

typedef struct num {
	const char *text;
	long v;
	long d;
	char key[64], main[64]; /* osm_addr_number_key of text */
} num_t;

/* Texts in reading order, their numbers by value ("с2" before "с10"). */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			char *ea, *eb;
			long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
		} else if (*a != *b) {
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		} else {
			a++;
			b++;
		}
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int cmp_num(const void *a, const void *b)
{
	const num_t *x = a, *y = b;
	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return natural_cmp(x->text, y->text);
}

/* One house of v[0..n) (the main number main, nearest first): its plain
 * number as the map writes it ("7а"), or its корпуса and строения after
 * the number, each once, three at most ("9 (с1, с2, с3, …)"; "6 (also
 * с2)" when the plain house is there too), into b. */
static void print_house(const num_t *v, size_t n, const char *main, sr_buf_t *b)
{
	const char *plain = NULL, *sub[4];
	size_t ns = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].main, main))
			continue;
		if (!strcmp(v[i].key, main)) {
			plain = plain ? plain : v[i].text;
			continue;
		}
		const char *s = v[i].key + strlen(main);
		size_t k = 0;
		while (k < ns && strcmp(sub[k], s))
			k++;
		if (k == ns && ns < 4)
			sub[ns++] = s;
	}
	sr_buf_puts(b, plain ? plain : main);
	for (size_t k = 0; k < ns && k < 3; k++)
		sr_buf_printf(b, "%s%s", k ? ", " : plain ? _(" (also ") : " (", sub[k]);
	sr_buf_puts(b, ns > 3 ? ", …)" : ns ? ")" : "");
}

/* Up to 5 houses of settlement s nearest the asked number, each once
 * (its корпуса and строения with it), into b. */
static void nearest_numbers(const look_t *L, const char *s, sr_buf_t *b)
{
	num_t *v = xcalloc(L->n ? L->n : 1, sizeof(*v));
	size_t n = 0, k = 0;
	long want = lead_number(L->q.main);
	for (size_t i = 0; i < L->n; i++) {
		if (strcmp(addr_settle_of(L, L->c[i]), s))
			continue;
		num_t *x = &v[n++];
		x->text = L->c[i]->housenumber;
		x->v = lead_number(x->text);
		x->d = labs(x->v - want);
		if (osm_addr_number_key(x->text, x->key, sizeof(x->key), x->main, sizeof(x->main)))
			snprintf(x->key, sizeof(x->key), "%s", x->text); /* no digit first: as is */
		if (!x->main[0])
			snprintf(x->main, sizeof(x->main), "%s", x->key);
	}
	qsort(v, n, sizeof(*v), cmp_num);
	for (size_t i = 0; i < n && k < 5; i++) {
		size_t j = 0;
		while (j < i && strcmp(v[j].main, v[i].main))
			j++;
		if (j < i)
			continue; /* its house is listed */
		sr_buf_puts(b, k++ ? ", " : "");
		print_house(v + i, n - i, v[i].main, b);
	}
	free(v);
}

int addr_err_number(const look_t *L, sr_error_t *err)
{
	const char *s[6];
	size_t n = settlements(L, s, 6);
	sr_buf_t b;
	sr_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		sr_buf_printf(&b, "%s", i ? "; " : "");
		nearest_numbers(L, s[i], &b);
		sr_buf_printf(&b, " (%s)", s[i]);
	}
	sr_error_set(err, SR_EINPUT, NULL, 0,
		     _("'%s': %s has no house %s on the map; the nearest numbers there: %s "
		       "(or give the house's \"lat lon\")"),
		     L->query, street_name(L), L->q.number, b.data);
	sr_buf_free(&b);
	return SR_EINPUT;
}

int addr_err_ambiguous(const look_t *L, sr_error_t *err)
{
	const char *s[8];
	size_t ns = settlements(L, s, 8);
	sr_buf_t b;
	sr_buf_init(&b);
	for (size_t i = 0; i < L->n && i < 10; i++) {
		const osm_address_t *a = L->c[i];
		sr_buf_printf(&b, _("%s%s %s in %s (%c%lld, %.5f, %.5f)"), i ? "; " : "",
			      street_name(L), a->housenumber, addr_settle_of(L, a), a->type,
			      (long long)a->id, a->lat, a->lon);
	}
	if (ns > 1)
		sr_error_set(
			err, SR_EINPUT, NULL, 0,
			_("'%s' is ambiguous: the map has this address in %zu settlements: %s; "
			  "add the village: «д. %s, %s»"),
			L->query, ns, b.data, s[0], L->query);
	else
		sr_error_set(err, SR_EINPUT, NULL, 0,
			     _("'%s' is ambiguous: the map has this address %zu times, more than "
			       "300 m apart: %s; give the OSM id instead"),
			     L->query, L->n, b.data);
	sr_buf_free(&b);
	return SR_EINPUT;
}
