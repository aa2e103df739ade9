/*
 * gen_osm.c - writes a generated district as OpenStreetMap XML 0.6, the
 * format of the OSM API and of planet extracts (wiki "OSM XML"): a <bounds>
 * element, then nodes, ways and relations, each sorted by id, ids positive
 * and consecutive. version and timestamp are fixed so that the same
 * district always gives the same bytes; coordinates have 7 decimals (the
 * precision OSM stores). Written atomically through sr_afile_*.
 */
#include <string.h>
#include "gen_district.h"
#include "schoolrun/io.h"

/* XML attribute value escaping (& < > " ' and control characters). */
static void put_attr(FILE *fp, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&apos;", fp);
			break;
		case '\t':
			fputs("&#9;", fp);
			break;
		case '\n':
			fputs("&#10;", fp);
			break;
		case '\r':
			fputs("&#13;", fp);
			break;
		default:
			fputc(*s, fp);
			break;
		}
	}
}

static void put_tags(FILE *fp, const gd_tags_t *t)
{
	for (size_t i = 0; i < t->n; i++) {
		fputs("    <tag k=\"", fp);
		put_attr(fp, t->t[i].k);
		fputs("\" v=\"", fp);
		put_attr(fp, t->t[i].v);
		fputs("\"/>\n", fp);
	}
}

#define META "version=\"1\" timestamp=\"2024-01-01T00:00:00Z\""

static int tags_utf8(const gd_tags_t *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (!sr_utf8_valid(t->t[i].k, strlen(t->t[i].k)) ||
		    !sr_utf8_valid(t->t[i].v, strlen(t->t[i].v)))
			return 0;
	return 1;
}

/* Every tag must be valid UTF-8: a failure here is a bug in the tables. */
static int check_utf8(const gd_district_t *d, sr_error_t *err, const char *path)
{
	for (size_t i = 0; i < d->n_nodes; i++)
		if (!tags_utf8(&d->nodes[i].tags))
			return sr_error_set(err, SR_EINTERNAL, path, 0, "node %zu: tag not UTF-8",
					    i + 1);
	for (size_t i = 0; i < d->n_ways; i++)
		if (!tags_utf8(&d->ways[i].tags))
			return sr_error_set(err, SR_EINTERNAL, path, 0, "way %zu: tag not UTF-8",
					    i + 1);
	for (size_t i = 0; i < d->n_rels; i++)
		if (!tags_utf8(&d->rels[i].tags))
			return sr_error_set(err, SR_EINTERNAL, path, 0,
					    "relation %zu: tag not UTF-8", i + 1);
	return SR_OK;
}

int gd_write_osm(const gd_district_t *d, const char *path, sr_error_t *err)
{
	int rc = check_utf8(d, err, path);
	if (rc)
		return rc;
	sr_afile_t af;
	rc = sr_afile_open(&af, path, err);
	if (rc)
		return rc;
	FILE *fp = af.fp;
	double minlat = 90, minlon = 180, maxlat = -90, maxlon = -180;
	for (size_t i = 0; i < d->n_nodes; i++) {
		double lat, lon;
		gd_latlon(d, d->nodes[i].x, d->nodes[i].y, &lat, &lon);
		minlat = lat < minlat ? lat : minlat;
		maxlat = lat > maxlat ? lat : maxlat;
		minlon = lon < minlon ? lon : minlon;
		maxlon = lon > maxlon ? lon : maxlon;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
	fprintf(fp,
		"<osm version=\"0.6\" generator=\"schoolrun gen_district (synthetic district, seed %llu)\">\n",
		(unsigned long long)d->o.seed);
	fprintf(fp, "  <bounds minlat=\"%.7f\" minlon=\"%.7f\" maxlat=\"%.7f\" maxlon=\"%.7f\"/>\n",
		minlat, minlon, maxlat, maxlon);
	for (size_t i = 0; i < d->n_nodes; i++) {
		double lat, lon;
		gd_latlon(d, d->nodes[i].x, d->nodes[i].y, &lat, &lon);
		fprintf(fp, "  <node id=\"%zu\" " META " lat=\"%.7f\" lon=\"%.7f\"", i + 1, lat,
			lon);
		if (d->nodes[i].tags.n == 0) {
			fputs("/>\n", fp);
			continue;
		}
		fputs(">\n", fp);
		put_tags(fp, &d->nodes[i].tags);
		fputs("  </node>\n", fp);
	}
	for (size_t i = 0; i < d->n_ways; i++) {
		const gd_way_t *w = &d->ways[i];
		fprintf(fp, "  <way id=\"%zu\" " META ">\n", i + 1);
		for (size_t k = 0; k < w->n; k++)
			fprintf(fp, "    <nd ref=\"%d\"/>\n", w->nd[k] + 1);
		put_tags(fp, &w->tags);
		fputs("  </way>\n", fp);
	}
	for (size_t i = 0; i < d->n_rels; i++) {
		const gd_rel_t *r = &d->rels[i];
		fprintf(fp, "  <relation id=\"%zu\" " META ">\n", i + 1);
		for (size_t k = 0; k < r->n; k++) {
			fprintf(fp, "    <member type=\"%s\" ref=\"%d\" role=\"",
				r->m[k].type == 'n'   ? "node"
				: r->m[k].type == 'w' ? "way"
						      : "relation",
				r->m[k].idx + 1);
			put_attr(fp, r->m[k].role);
			fputs("\"/>\n", fp);
		}
		put_tags(fp, &r->tags);
		fputs("  </relation>\n", fp);
	}
	fputs("</osm>\n", fp);
	return sr_afile_commit(&af, err);
}
