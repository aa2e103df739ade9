/*
 * read.c - osm_read(): opens the map, tells its format from the first
 * decompressed bytes (XML starts with '<', a byte-order mark or white
 * space; PBF with the 4-byte length of a BlobHeader whose type is
 * "OSMHeader"), runs the format's reader (xml.c, pbf.c) into the element
 * sink (sink.c), and returns the map the sink built. A file's name never
 * decides anything: a .pbf renamed .osm reads the same.
 *
 * With a bbox the file is read twice (the first pass only notes ids, see
 * bbox.c), so memory follows what is kept; stdin cannot be read twice and
 * is refused with a bbox.
 */
#include <string.h>
#include "osm/internal.h"
#include "util/i18n.h"

enum { FMT_XML, FMT_PBF, FMT_UNKNOWN };

static int sniff(const char *p, size_t n)
{
	if (n >= 3 && (unsigned char)p[0] == 0xef && (unsigned char)p[1] == 0xbb &&
	    (unsigned char)p[2] == 0xbf)
		return FMT_XML;
	if (n > 0 && (p[0] == '<' || p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\n'))
		return FMT_XML;
	/* PBF: big-endian header length (small), then field 1 of the
	 * BlobHeader (tag 0x0a) holding the string "OSMHeader" */
	static const char hdr[] = "\x0a\x09OSMHeader";
	if (n >= 4 + sizeof(hdr) - 1 && p[0] == 0 && p[1] == 0 &&
	    !memcmp(p + 4, hdr, sizeof(hdr) - 1))
		return FMT_PBF;
	return FMT_UNKNOWN;
}

/* One pass over the file into the sink. */
static int one_pass(const char *path, const char *shown, osm_sink_t *s, sr_error_t *err)
{
	osm_input_t *in;
	int rc = osm_input_open(path, &in, err);
	if (rc != SR_OK)
		return rc;
	const char *p;
	size_t n = osm_input_peek(in, &p);
	int fmt = sniff(p, n);
	if (n == 0 && osm_input_error(in))
		rc = sr_error_set(err, SR_EINPUT, shown, 0, "%s", osm_input_error(in));
	else if (n == 0)
		rc = sr_error_set(err, SR_EINPUT, shown, 0, _("empty file"));
	else if (fmt == FMT_XML)
		rc = osm_xml_pass(in, shown, s, err);
	else if (fmt == FMT_PBF)
		rc = osm_pbf_pass(in, shown, s, err);
	else
		rc = sr_error_set(
			err, SR_EINPUT, shown, 0,
			_("not an OSM map: neither OSM XML nor OSM PBF (plain, gzip or bzip2)"));
	osm_input_close(in);
	return rc;
}

int osm_read(const char *path, const osm_opts_t *o, sr_map_t **out, sr_error_t *err)
{
	double t0 = sr_now();
	*out = NULL;
	sr_error_clear(err);
	const char *shown = strcmp(path, "-") ? path : "<stdin>";
	if (o->bbox.on && !strcmp(path, "-"))
		return sr_error_set(
			err, SR_EINPUT, shown, 0,
			_("a bbox needs two passes over the map: give a file, not standard input"));
	osm_sink_t s;
	osm_sink_init(&s, o);
	int rc;
	if (o->bbox.on) {
		s.sel = osm_select_new(&o->bbox);
		s.selecting = 1;
		rc = one_pass(path, shown, &s, err);
		if (rc == SR_OK)
			rc = osm_select_check(s.sel, shown, err);
		if (rc != SR_OK)
			goto out_free;
		osm_select_finish(s.sel);
		osm_sink_rewind(&s);
	}
	rc = one_pass(path, shown, &s, err);
	if (rc != SR_OK)
		goto out_free;
	*out = osm_sink_finish(&s, shown);
	if (!*out) {
		rc = sr_error_set(err, SR_EINPUT, shown, 0, "%s", s.msg);
		goto out_free;
	}
	(*out)->stats.seconds = sr_now() - t0;
	(*out)->bbox = o->bbox;
out_free:
	osm_sink_free(&s);
	return rc;
}
