/*
 * names_addr.c - `schoolrun names MAP --kind address [--filter TEXT]`: the
 * street addresses the map knows (addr:*), so a coordinator can check how
 * a child's home is written there: element, point, street and number,
 * settlement (addr:city or addr:place, else the settlement area holding
 * it, else the nearest settlement node, "near" it beyond 1.5 km; on a
 * town's extract without settlement nodes the addr:city of the nearest
 * house that has one, said so), optionally only those whose text holds TEXT (folded as names
 * are: case, ё/е) or that lie near a point. With --csv (libcsv) the `ref`
 * column is what to write in riders.csv: "street number, settlement"
 * where the pickup lookup (osm_find_ex) finds this element by it, else
 * the OSM id.
 */
#include <stdlib.h>
#include <string.h>
#include "cli/commands.h"
#include "schoolrun/io.h"
#include "schoolrun/osm.h"
#include "util/i18n.h"

typedef struct arow {
	const osm_address_t *a;
	char text[256];	  /* street (or place) and number */
	char settle[160]; /* its settlement as listed */
	char ref[300];
} arow_t;

static int cmp_arow(const void *x, const void *y)
{
	const arow_t *a = x, *b = y;
	const char *sa = a->a->street ? a->a->street : a->a->place ? a->a->place : "";
	const char *sb = b->a->street ? b->a->street : b->a->place ? b->a->place : "";
	long na = strtol(a->a->housenumber, NULL, 10), nb = strtol(b->a->housenumber, NULL, 10);
	int c = strcmp(a->settle, b->settle);
	if (!c)
		c = strcmp(sa, sb);
	if (!c && na != nb)
		c = na < nb ? -1 : 1; /* 3 before 12 */
	if (!c)
		c = strcmp(a->text, b->text);
	if (!c && a->a->type != b->a->type)
		c = a->a->type - b->a->type;
	if (!c)
		c = (a->a->id > b->a->id) - (a->a->id < b->a->id);
	return c;
}

/* The row of address a: its text, settlement and ref. */
static void fill_row(const sr_map_t *m, const osm_address_t *a, arow_t *r)
{
	double d = 0;
	osm_settle_how_t by;
	const char *s = osm_address_settlement_ex(m, a, &d, &by);
	const char *first = a->street ? a->street : a->place;
	r->a = a;
	snprintf(r->text, sizeof(r->text), "%s %s", first ? first : "", a->housenumber);
	if (!s)
		r->settle[0] = '\0';
	else if (by == OSM_SETTLE_NEIGHBOUR) /* a town's extract without place nodes */
		snprintf(r->settle, sizeof(r->settle), "%s (addr:city of a house %.0f m away)", s,
			 d);
	else if (d > 1500)
		snprintf(r->settle, sizeof(r->settle), "near %s (%.1f km)", s, d / 1000.0);
	else
		snprintf(r->settle, sizeof(r->settle), "%s", s);
	char q[300];
	osm_address_label(m, a, q, sizeof(q));
	osm_feature_t f;
	osm_found_t how;
	sr_error_t err;
	if (osm_find_ex(m, q, OSM_FIND_PICKUP, &f, &how, &err) == SR_OK && how.address &&
	    f.type == a->type && f.id == a->id)
		snprintf(r->ref, sizeof(r->ref), "%s", q);
	else
		snprintf(r->ref, sizeof(r->ref), "%c%lld", a->type, (long long)a->id);
}

/* Does the row's text (folded) hold the folded filter? */
static int row_holds(const arow_t *r, const char *filter)
{
	if (!filter)
		return 1;
	char line[420];
	snprintf(line, sizeof(line), "%s, %s", r->text, r->settle);
	char *x = osm_name_fold(line);
	int hit = x && strstr(x, filter);
	free(x);
	return hit;
}

static int write_rows(const arow_t *rows, size_t n, int csv, sr_error_t *err)
{
	static const char *const head[] = {"ref", "address", "settlement", "osm_id", "lat", "lon"};
	if (!csv)
		printf("%-13s %10s %11s  %-40s %s\n", "osm_id", "lat", "lon", "address",
		       "settlement");
	if (csv && sr_csv_write_row(stdout, head, 6))
		goto out_io;
	for (size_t i = 0; i < n; i++) {
		const arow_t *r = &rows[i];
		char id[32], la[32], lo[32];
		snprintf(id, sizeof(id), "%c%lld", r->a->type, (long long)r->a->id);
		snprintf(la, sizeof(la), "%.6f", r->a->lat);
		snprintf(lo, sizeof(lo), "%.6f", r->a->lon);
		const char *row[] = {r->ref, r->text, r->settle, id, la, lo};
		if (csv && sr_csv_write_row(stdout, row, 6))
			goto out_io;
		int width = 0; /* characters, not bytes: pad UTF-8 right */
		for (const char *q = r->text; *q; q++)
			width += ((unsigned char)*q & 0xC0) != 0x80;
		if (!csv)
			printf("%-13s %10s %11s  %s%*s %s\n", id, la, lo, r->text,
			       width < 40 ? 40 - width : 0, "", r->settle);
	}
	if (fflush(stdout) == 0)
		return SR_OK;
out_io:
	return sr_error_set(err, SR_EIO, "<stdout>", 0, _("cannot write the list"));
}

int names_list_addresses(const sr_map_t *m, const char *filter, const names_near_t *near, int csv,
			 sr_error_t *err)
{
	char *f = filter ? osm_name_fold(filter) : NULL;
	if (filter && !f)
		return sr_error_set(err, SR_EINPUT, NULL, 0, _("names: --filter is not UTF-8"));
	arow_t *rows = xcalloc(m->n_addrs ? m->n_addrs : 1, sizeof(*rows));
	size_t n = 0;
	for (size_t i = 0; i < m->n_addrs; i++) {
		const osm_address_t *a = &m->addrs[i];
		if (near && sr_haversine_m(near->lat, near->lon, a->lat, a->lon) > near->radius_m)
			continue;
		fill_row(m, a, &rows[n]);
		n += row_holds(&rows[n], f);
	}
	if (n > 1)
		qsort(rows, n, sizeof(*rows), cmp_arow);
	if (n == 0)
		fprintf(stderr,
			_("schoolrun names: no street addresses (addr:housenumber with "
			  "addr:street or addr:place)%s in the map\n"),
			filter || near ? _(" of that filter") : "");
	int rc = write_rows(rows, n, csv, err);
	free(rows);
	free(f);
	return rc;
}
