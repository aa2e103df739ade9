/*
 * xml.c - OSM XML streamed through libxml2's xmlTextReader into the element
 * sink (sink.c), one pass; the bytes come from input.c (plain, gzip or
 * bzip2, with a feeder thread so decompression overlaps parsing).
 *
 * Safety (libxml2's own advice for untrusted input): no entity
 * substitution (no XML_PARSE_NOENT), no DTD loading or validation, no
 * network (XML_PARSE_NONET), default size limits (no XML_PARSE_HUGE). A
 * document type that declares entities is refused before libxml2 sees it
 * (a scan of the prolog as the bytes arrive) and again from the parsed
 * internal subset. The raw bytes also pass the byte guard of guard.c
 * (nesting depth, attributes of one element) before libxml2 sees them.
 * Any XML error, truncation, bad coordinate or an empty
 * file fails the whole read with the file and line; nothing partial is
 * returned.
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>
#include <libxml/tree.h>
#include <libxml/hash.h>
#include "io/xml_error.h"
#include "osm/internal.h"
#include "util/i18n.h"

typedef struct reader {
	const char *path; /* as shown in messages */
	osm_sink_t *sink;
	sr_error_t *err;
	int failed;

	/* input */
	osm_input_t *input;
	uint64_t bytes_in;
	int io_failed;
	/* prolog scan for entity declarations */
	int prolog_done;
	int m_doctype, m_entity; /* characters of each pattern matched */
	int in_doctype, in_subset, subset_closed;
	char prev;
	long scan_lines;
	size_t scanned;

	/* first libxml2 error */
	io_xml_error_t xe; /* (io/xml_error.h), or one of ours */
	osm_guard_t guard; /* limits on the raw bytes (guard.c) */

	xmlTextReaderPtr xr;
	int seen_root;
	int in;		/* element being read (OSM_IN_*) */
	int64_t cur_id; /* for messages */
	sr_buf_t val;	/* scratch for a tag value */
} reader_t;

static int fail(reader_t *rd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Line of the element being read. libxml2 stores element lines in 16 bits
 * (65535 = "or more"); beyond that the parser's own line is used, which may
 * be a few lines ahead (it reads in chunks). */
static long current_line(reader_t *rd)
{
	if (!rd->xr)
		return 0;
	xmlNodePtr n = xmlTextReaderCurrentNode(rd->xr);
	long line = n ? xmlGetLineNo(n) : -1;
	if (line > 0 && line < 65535)
		return line;
	return xmlTextReaderGetParserLineNumber(rd->xr);
}

static int fail(reader_t *rd, const char *fmt, ...)
{
	if (rd->failed)
		return SR_EINPUT;
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sr_error_set(rd->err, SR_EINPUT, rd->path, current_line(rd), "%s", msg);
	rd->failed = 1;
	return SR_EINPUT;
}

/* ---- input: bytes from input.c, scanned for entity declarations ---- */

/* Progress of matching pattern pat after k characters, given c. Both
 * patterns start with "<!" and repeat no prefix, so a mismatch restarts at
 * 0, or 1 on a '<'. */
static int match_step(int k, const char *pat, char c)
{
	if (pat[k] && c == pat[k]) /* a NUL byte never matches the terminator */
		return k + 1;
	return c == '<' ? 1 : 0;
}

/* Looks for "<!ENTITY" in the prolog (up to the root element's '<'). Stops
 * after the first megabyte; the DTD check in check_doctype() is the
 * backstop for anything this cheap scan misses. */
static void scan_prolog(reader_t *rd, const char *buf, size_t n)
{
	for (size_t i = 0; i < n && !rd->prolog_done; i++) {
		char c = buf[i];
		if (c == '\n')
			rd->scan_lines++;
		rd->m_doctype = match_step(rd->m_doctype, "<!DOCTYPE", c);
		if (rd->m_doctype == 9) {
			rd->in_doctype = 1;
			rd->in_subset = rd->subset_closed = 0;
			rd->m_doctype = 0;
		}
		rd->m_entity = match_step(rd->m_entity, "<!ENTITY", c);
		if (rd->m_entity == 8 && !rd->xe.failed) {
			rd->io_failed = rd->xe.failed = 1;
			rd->xe.line = rd->scan_lines + 1;
			snprintf(rd->xe.msg, sizeof(rd->xe.msg),
				 _("refusing a document type that declares entities (<!ENTITY>)"));
		}
		if (rd->m_entity == 8)
			rd->m_entity = 0;
		if (rd->in_doctype) {
			if (c == '[')
				rd->in_subset = 1;
			else if (c == ']' && rd->in_subset)
				rd->subset_closed = 1;
			else if (c == '>' && (!rd->in_subset || rd->subset_closed))
				rd->in_doctype = 0;
		} else if (rd->prev == '<' && c != '!' && c != '?') {
			rd->prolog_done = 1; /* the root element starts */
		}
		rd->prev = c;
		if (++rd->scanned > (1 << 20))
			rd->prolog_done = 1;
	}
}

static int io_read(void *ctx, char *buf, int len)
{
	reader_t *rd = ctx;
	if (rd->io_failed)
		return -1;
	int n = osm_input_read(rd->input, buf, len);
	if (n < 0 || (n == 0 && osm_input_error(rd->input))) {
		rd->io_failed = 1;
		if (!rd->xe.failed) {
			rd->xe.failed = 1;
			snprintf(rd->xe.msg, sizeof(rd->xe.msg), "%s", osm_input_error(rd->input));
		}
		return -1;
	}
	rd->bytes_in += (uint64_t)n;
	if (n > 0 && !rd->prolog_done)
		scan_prolog(rd, buf, (size_t)n);
	long gline = 0;
	if (n > 0 && !rd->xe.failed &&
	    osm_guard_scan(&rd->guard, buf, (size_t)n, rd->xe.msg, sizeof(rd->xe.msg), &gline)) {
		rd->io_failed = rd->xe.failed = 1;
		rd->xe.line = gline;
	}
	return rd->io_failed ? -1 : n;
}

static int io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* ---- elements ---- */

static int parse_id(reader_t *rd, const char *what, const char *v, int64_t *id)
{
	if (!v)
		return fail(rd, _("<%s> without id/ref"), what);
	/* fast path: up to 18 plain digits */
	const char *p = v;
	int64_t x = 0;
	while (*p >= '0' && *p <= '9' && p - v < 18)
		x = x * 10 + (*p++ - '0');
	if (!*p && p > v && x > 0) {
		*id = x;
		return SR_OK;
	}
	if (sr_parse_int64(v, id) != 0 || *id == 0)
		return fail(rd, _("<%s> has a bad id/ref '%s'"), what, v);
	return SR_OK;
}

/* Fast exact path for plain decimals ("-12.3456789"): degrees * 1e7,
 * rounded half away from zero at the 8th decimal. Returns 0 on success,
 * -1 when the text is not a plain decimal (the caller then tries strtod). */
static int fixed_coord(const char *v, int64_t *e7)
{
	const char *p = v;
	int neg = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	int64_t ip = 0, fp = 0;
	int nint = 0, nfrac = 0, round_up = 0;
	while (*p >= '0' && *p <= '9' && nint < 4)
		ip = ip * 10 + (*p++ - '0'), nint++;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			if (nfrac < 7)
				fp = fp * 10 + (*p - '0');
			else if (nfrac == 7)
				round_up = *p >= '5';
			nfrac++;
			p++;
		}
		if (nfrac == 0)
			return -1;
	}
	if (*p || nint == 0)
		return -1;
	for (int k = nfrac; k < 7; k++)
		fp *= 10;
	int64_t r = ip * 10000000 + fp + round_up;
	*e7 = neg ? -r : r;
	return 0;
}

static int parse_coord(reader_t *rd, const char *name, const char *v, double lim, int32_t *out)
{
	double d;
	int64_t e7;
	if (!v)
		return fail(rd, _("node %lld has no %s"), (long long)rd->cur_id, name);
	if (fixed_coord(v, &e7) == 0) {
		if (e7 < -(int64_t)(lim * 1e7) || e7 > (int64_t)(lim * 1e7))
			return fail(rd, _("node %lld: %s %s is out of range (-%g..%g)"),
				    (long long)rd->cur_id, name, v, lim, lim);
		*out = (int32_t)e7;
		return SR_OK;
	}
	if (sr_parse_double(v, &d) != 0)
		return fail(rd, _("node %lld: %s '%s' is not a number"), (long long)rd->cur_id,
			    name, v);
	if (d < -lim || d > lim)
		return fail(rd, _("node %lld: %s %s is out of range (-%g..%g)"),
			    (long long)rd->cur_id, name, v, lim, lim);
	double s = d * OSM_COORD_SCALE;
	*out = (int32_t)(s < 0 ? s - 0.5 : s + 0.5);
	return SR_OK;
}

/* Attribute values of the current element that we use. */
typedef struct attrs {
	const char *id, *lat, *lon, *ref, *type, *role;
	int k; /* key index of a <tag>, -2 = no k */
	int has_v;
} attrs_t;

static void read_attrs(reader_t *rd, int want_kv, attrs_t *a)
{
	memset(a, 0, sizeof(*a));
	a->k = -2;
	xmlTextReaderPtr xr = rd->xr;
	if (want_kv)
		sr_buf_reset(&rd->val);
	if (xmlTextReaderMoveToFirstAttribute(xr) != 1)
		return;
	do {
		const char *n = (const char *)xmlTextReaderConstLocalName(xr);
		const char *v = (const char *)xmlTextReaderConstValue(xr);
		if (!n || !v)
			continue;
		if (want_kv) {
			if (n[0] == 'k' && !n[1]) {
				a->k = osm_tag_key(v);
			} else if (n[0] == 'v' && !n[1]) {
				a->has_v = 1;
				if (a->k != -1) { /* k unknown yet or wanted: keep v */
					sr_buf_reset(&rd->val);
					sr_buf_append(&rd->val, v, strlen(v));
				}
			}
			continue;
		}
		/* values not copied: libxml2 keeps each attribute's text in
		 * its node while the reader is on the element. Only values
		 * made of several parts (references to declared entities)
		 * would be assembled in one shared buffer, and documents that
		 * declare entities are refused. */
		switch (n[0]) {
		case 'i':
			if (!strcmp(n, "id"))
				a->id = v;
			break;
		case 'l':
			if (!strcmp(n, "lat"))
				a->lat = v;
			else if (!strcmp(n, "lon"))
				a->lon = v;
			break;
		case 'r':
			if (!strcmp(n, "ref"))
				a->ref = v;
			else if (!strcmp(n, "role"))
				a->role = v;
			break;
		case 't':
			if (!strcmp(n, "type"))
				a->type = v;
			break;
		default:
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(xr) == 1);
	xmlTextReaderMoveToElement(xr);
}

/* An error the sink reported, at the current line. */
static int sink_rc(reader_t *rd, int rc)
{
	return rc == SR_OK ? SR_OK : fail(rd, "%s", rd->sink->msg);
}

static int on_element(reader_t *rd, const char *name)
{
	xmlTextReaderPtr xr = rd->xr;
	osm_sink_t *sk = rd->sink;
	int empty = xmlTextReaderIsEmptyElement(xr);
	attrs_t a;

	if (!rd->seen_root) {
		if (strcmp(name, "osm"))
			return fail(rd,
				    _("not an OSM XML file: the root element is <%s>, not <osm>"),
				    name);
		rd->seen_root = 1;
		return SR_OK;
	}
	if (!strcmp(name, "tag")) {
		if (rd->in == OSM_IN_NONE)
			return SR_OK;
		if (!osm_sink_wants_tags(sk)) /* counted, not read */
			return sink_rc(rd, osm_sink_tag(sk, -1, NULL, 0));
		read_attrs(rd, 1, &a);
		if (a.k == -2 || !a.has_v)
			return fail(rd, _("<tag> without k or v"));
		return sink_rc(rd, osm_sink_tag(sk, a.k, rd->val.data, rd->val.len));
	}
	if (!strcmp(name, "nd")) {
		if (rd->in != OSM_IN_WAY)
			return fail(rd, _("<nd> outside a <way>"));
		int64_t ref;
		if (sk->skip)
			return SR_OK;
		read_attrs(rd, 0, &a);
		if (parse_id(rd, "nd", a.ref, &ref))
			return SR_EINPUT;
		return sink_rc(rd, osm_sink_way_ref(sk, ref));
	}
	if (!strcmp(name, "member")) {
		if (rd->in != OSM_IN_REL)
			return fail(rd, _("<member> outside a <relation>"));
		int64_t ref;
		if (sk->skip)
			return SR_OK;
		read_attrs(rd, 0, &a);
		if (parse_id(rd, "member", a.ref, &ref))
			return SR_EINPUT;
		if (!a.type)
			return fail(rd, _("<member> without type"));
		char type = !strcmp(a.type, "node")	  ? 'n'
			    : !strcmp(a.type, "way")	  ? 'w'
			    : !strcmp(a.type, "relation") ? 'r'
							  : 0;
		if (!type)
			return fail(rd, _("<member> of unknown type '%s'"), a.type);
		osm_sink_member(sk, type, ref, a.role ? a.role : "", a.role ? strlen(a.role) : 0);
		return SR_OK;
	}
	int kind = !strcmp(name, "node")       ? OSM_IN_NODE
		   : !strcmp(name, "way")      ? OSM_IN_WAY
		   : !strcmp(name, "relation") ? OSM_IN_REL
					       : OSM_IN_NONE;
	if (kind == OSM_IN_NONE)
		return SR_OK; /* bounds, note, meta, changeset...: not used */
	if (rd->in != OSM_IN_NONE)
		return fail(rd, _("<%s> inside another element"), name);
	read_attrs(rd, 0, &a);
	if (parse_id(rd, name, a.id, &rd->cur_id))
		return SR_EINPUT;
	int rc;
	if (kind == OSM_IN_NODE) {
		int32_t lat = 0, lon = 0;
		if (parse_coord(rd, "lat", a.lat, 90, &lat) ||
		    parse_coord(rd, "lon", a.lon, 180, &lon))
			return SR_EINPUT;
		rc = osm_sink_node(sk, rd->cur_id, lat, lon);
	} else if (kind == OSM_IN_WAY) {
		rc = osm_sink_way(sk, rd->cur_id);
	} else {
		rc = osm_sink_relation(sk, rd->cur_id);
	}
	if (sink_rc(rd, rc))
		return SR_EINPUT;
	if (empty)
		return sink_rc(rd, osm_sink_end(sk));
	rd->in = kind;
	return SR_OK;
}

static void on_end_element(reader_t *rd, const char *name)
{
	static const char *const names[] = {"", "node", "way", "relation"};
	if (rd->in != OSM_IN_NONE && !strcmp(name, names[rd->in])) {
		rd->in = OSM_IN_NONE;
		sink_rc(rd, osm_sink_end(rd->sink));
	}
}

/* A DOCTYPE whose internal subset declares entities (second line of
 * defence after scan_prolog). */
static int check_doctype(reader_t *rd)
{
	/* the current node is the DTD itself (xmlTextReaderCurrentDoc would
	 * take the document away from the reader) */
	xmlNodePtr n = xmlTextReaderCurrentNode(rd->xr);
	xmlDtdPtr dtd = (n && n->type == XML_DTD_NODE) ? (xmlDtdPtr)n
			: (n && n->doc)		       ? n->doc->intSubset
						       : NULL;
	if (dtd && ((dtd->entities && xmlHashSize(dtd->entities) > 0) ||
		    (dtd->pentities && xmlHashSize(dtd->pentities) > 0)))
		return fail(rd, _("refusing a document type that declares entities"));
	return SR_OK;
}

static void reader_free(reader_t *rd)
{
	if (rd->xr)
		xmlFreeTextReader(rd->xr);
	sr_buf_free(&rd->val);
}

int osm_xml_pass(osm_input_t *in, const char *path, osm_sink_t *s, sr_error_t *err)
{
	reader_t rd;
	memset(&rd, 0, sizeof(rd));
	rd.path = path;
	rd.sink = s;
	rd.err = err;
	rd.input = in;

	osm_guard_init(&rd.guard, s->opts); /* before the reader's first read */
	rd.xr = xmlReaderForIO(io_read, io_close, &rd, NULL, NULL,
			       XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT);
	if (!rd.xr)
		return sr_error_set(err, SR_EINTERNAL, path, 0, _("cannot create the XML reader"));
	rd.xe.prefix = _("malformed XML: ");
	xmlTextReaderSetStructuredErrorHandler(rd.xr, io_xml_on_error, &rd.xe);

	int ret;
	while ((ret = xmlTextReaderRead(rd.xr)) == 1 && !rd.failed) {
		int type = xmlTextReaderNodeType(rd.xr);
		if (type == XML_READER_TYPE_ELEMENT)
			on_element(&rd, (const char *)xmlTextReaderConstLocalName(rd.xr));
		else if (type == XML_READER_TYPE_END_ELEMENT)
			on_end_element(&rd, (const char *)xmlTextReaderConstLocalName(rd.xr));
		else if (type == XML_READER_TYPE_DOCUMENT_TYPE)
			check_doctype(&rd);
	}
	if (!rd.failed) {
		/* the whole stream, so that a damaged compressed tail after
		 * </osm> is noticed */
		if (!rd.xe.failed && ret == 0 && !rd.io_failed && osm_input_drain(in) != 0) {
			rd.xe.failed = 1;
			rd.xe.line = 0;
			snprintf(rd.xe.msg, sizeof(rd.xe.msg), "%s", osm_input_error(in));
		}
		if (rd.bytes_in == 0 && !rd.io_failed) {
			sr_error_set(err, SR_EINPUT, path, 0, _("empty file"));
			rd.failed = 1;
		} else if (rd.xe.failed || ret < 0) {
			sr_error_set(err, SR_EINPUT, path,
				     rd.xe.failed ? rd.xe.line
						  : xmlTextReaderGetParserLineNumber(rd.xr),
				     "%s", rd.xe.failed ? rd.xe.msg : _("malformed XML"));
			rd.failed = 1;
		} else if (!rd.seen_root) {
			fail(&rd, _("no <osm> element"));
		}
	}
	reader_free(&rd);
	if (rd.failed)
		return err->code ? err->code : SR_EINPUT;
	return SR_OK;
}
