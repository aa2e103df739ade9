/*
 * read.c - osm_read(): OSM XML (plain, gzip, or "-" for stdin) streamed
 * through libxml2's xmlTextReader into the road graph, places, destinations
 * and depot candidates.
 *
 * Strategy: one pass, like libosmium's handlers with a location index
 * (osmium's "add_locations_to_ways"). OSM XML comes as nodes, then ways,
 * then relations. Every node's id and position is kept in a compact sorted
 * array (16 bytes a node: int64 id, int32 lat/lon in 1e-7 degrees), about a
 * tenth of the node's XML text, so ways can be placed when they arrive; this
 * serves stdin and gzip alike, which a two-pass reader could not without
 * spooling. Each way leaves a 32-byte shape summary (centroid, area, node
 * count) so multipolygon relations, which come last, can be placed without
 * keeping way geometry: a relation sits at the area-weighted centroid of
 * its closed outer member ways, or, when no outer member is a closed ring,
 * at the mean of its outer members' nodes (a simplification of libosmium's
 * area assembler: rings split over several ways are not stitched, inner
 * rings are ignored). Road ways keep their node list (4 bytes a node) until
 * the graph is built (roads.c). Everything else in the file is dropped as
 * it streams past. Peak memory is therefore about 16 bytes per node of the
 * file plus the road network; for the 49 MB Liechtenstein extract (295,000
 * nodes) that is ~15 MB of RSS against osmium cat's ~35 MB. Ids inside a
 * section may come unsorted (the table is sorted once when the ways begin),
 * but the sections must come in order: a node after a way is refused with
 * a hint to run `osmium sort`.
 *
 * Bytes come from input.c (zlib, with a feeder thread so gunzip overlaps
 * parsing).
 *
 * Safety (libxml2's own advice for untrusted input): no entity
 * substitution (no XML_PARSE_NOENT), no DTD loading or validation, no
 * network (XML_PARSE_NONET), default size limits (no XML_PARSE_HUGE). A
 * document type that declares entities is refused before libxml2 sees it
 * (a scan of the prolog as the bytes arrive) and again from the parsed
 * internal subset. Any XML error, truncation, bad coordinate or an empty
 * file fails the whole read with the file and line; nothing partial is
 * returned.
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>
#include <libxml/tree.h>
#include <libxml/hash.h>
#include "osm/internal.h"

enum { IN_NONE, IN_NODE, IN_WAY, IN_REL };

typedef struct reader {
	const char *path;   /* as given, for messages */
	const osm_opts_t *opts;
	sr_error_t *err;
	int failed;

	/* input */
	osm_input_t *input;
	uint64_t bytes_in;
	int io_failed;
	/* prolog scan for entity declarations */
	int prolog_done;
	int m_doctype, m_entity;   /* characters of each pattern matched */
	int in_doctype, in_subset, subset_closed;
	char prev;
	long scan_lines;
	size_t scanned;

	/* first libxml2 error */
	int xml_failed;
	long xml_line;
	char xml_msg[512];

	xmlTextReaderPtr xr;
	int seen_root;
	int phase;          /* IN_NODE, IN_WAY, IN_REL: furthest section reached */
	int in;             /* element being read */
	int64_t cur_id;
	osm_tags_t tags;
	uint32_t *nd;       /* current way: node-table indices */
	size_t n_nd, cap_nd;
	int64_t *members;   /* current relation: way ids (outer first) */
	size_t n_members, cap_members, n_outer;
	int64_t *rel_ids, *rel_refs; /* for counting missing relation members */
	size_t n_rel_ids, cap_rel_ids, n_rel_refs, cap_rel_refs;
	sr_buf_t val;       /* scratch for a tag value */
	osm_guard_t guard;  /* limits (guard.c) */
	size_t n_tags, n_way_nd;

	osm_nodes_t nodes;
	osm_ways_t ways;
	osm_roads_t roads;
	osm_fvec_t places, dests, others, stops, named;
	osm_elements_t kept; /* way refs and relation members (keep_elements) */
	osm_stats_t st;
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

/* ---- input: zlib reads plain and gzip files alike ---- */

/* Progress of matching pattern pat after k characters, given c. Both
 * patterns start with "<!" and repeat no prefix, so a mismatch restarts at
 * 0, or 1 on a '<'. */
static int match_step(int k, const char *pat, char c)
{
	if (pat[k] && c == pat[k]) /* never past the pattern's end, even on a NUL */
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
		if (rd->m_entity == 8 && !rd->xml_failed) {
			rd->io_failed = rd->xml_failed = 1;
			rd->xml_line = rd->scan_lines + 1;
			snprintf(rd->xml_msg, sizeof(rd->xml_msg),
				 "refusing a document type that declares entities (<!ENTITY>)");
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
		if (!rd->xml_failed) {
			rd->xml_failed = 1;
			snprintf(rd->xml_msg, sizeof(rd->xml_msg), "%s", osm_input_error(rd->input));
		}
		return -1;
	}
	rd->bytes_in += (uint64_t)n;
	if (n > 0 && !rd->prolog_done)
		scan_prolog(rd, buf, (size_t)n);
	long gline = 0;
	if (n > 0 && !rd->xml_failed &&
	    osm_guard_scan(&rd->guard, buf, (size_t)n, rd->xml_msg, sizeof(rd->xml_msg), &gline)) {
		rd->io_failed = rd->xml_failed = 1;
		rd->xml_line = gline;
	}
	return rd->io_failed ? -1 : n;
}

static int io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

#if LIBXML_VERSION >= 21200
static void on_xml_error(void *ctx, const xmlError *e)
#else
static void on_xml_error(void *ctx, xmlErrorPtr e)
#endif
{
	reader_t *rd = ctx;
	if (!e || e->level < XML_ERR_ERROR || rd->xml_failed)
		return;
	rd->xml_failed = 1;
	rd->xml_line = e->line;
	snprintf(rd->xml_msg, sizeof(rd->xml_msg), "malformed XML: %s", e->message ? e->message : "parse error");
	size_t n = strlen(rd->xml_msg);
	while (n > 0 && (rd->xml_msg[n - 1] == '\n' || rd->xml_msg[n - 1] == ' '))
		rd->xml_msg[--n] = '\0';
}

/* ---- elements ---- */

/* The count limits of guard.c on what the reader holds now. */
static int check_limits(reader_t *rd)
{
	char msg[400];
	uint64_t bytes = (uint64_t)rd->nodes.cap * sizeof(osm_node_rec_t) +
			 (uint64_t)rd->ways.cap * sizeof(osm_way_rec_t) +
			 (uint64_t)rd->roads.cap_refs * sizeof(uint32_t) +
			 (uint64_t)rd->roads.cap_ways * sizeof(osm_road_way_t) +
			 (uint64_t)rd->cap_nd * sizeof(uint32_t);
	if (osm_guard_counts(rd->opts, rd->n_tags, rd->n_way_nd, bytes, msg, sizeof(msg)))
		return fail(rd, "%s", msg);
	return SR_OK;
}

static int parse_id(reader_t *rd, const char *what, const char *v, int64_t *id)
{
	if (!v)
		return fail(rd, "<%s> without id/ref", what);
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
		return fail(rd, "<%s> has a bad id/ref '%s'", what, v);
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
		return fail(rd, "node %lld has no %s", (long long)rd->cur_id, name);
	if (fixed_coord(v, &e7) == 0) {
		if (e7 < -(int64_t)(lim * 1e7) || e7 > (int64_t)(lim * 1e7))
			return fail(rd, "node %lld: %s %s is out of range (-%g..%g)",
				    (long long)rd->cur_id, name, v, lim, lim);
		*out = (int32_t)e7;
		return SR_OK;
	}
	if (sr_parse_double(v, &d) != 0)
		return fail(rd, "node %lld: %s '%s' is not a number", (long long)rd->cur_id, name, v);
	if (d < -lim || d > lim)
		return fail(rd, "node %lld: %s %s is out of range (-%g..%g)", (long long)rd->cur_id,
			    name, v, lim, lim);
	double s = d * OSM_COORD_SCALE;
	*out = (int32_t)(s < 0 ? s - 0.5 : s + 0.5);
	return SR_OK;
}

/* Attribute values of the current element that we use. */
typedef struct attrs {
	const char *id, *lat, *lon, *ref, *type, *role;
	int k;          /* key index of a <tag>, -2 = no k */
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
		case 'i': if (!strcmp(n, "id")) a->id = v; break;
		case 'l':
			if (!strcmp(n, "lat")) a->lat = v;
			else if (!strcmp(n, "lon")) a->lon = v;
			break;
		case 'r':
			if (!strcmp(n, "ref")) a->ref = v;
			else if (!strcmp(n, "role")) a->role = v;
			break;
		case 't': if (!strcmp(n, "type")) a->type = v; break;
		default: break;
		}
	} while (xmlTextReaderMoveToNextAttribute(xr) == 1);
	xmlTextReaderMoveToElement(xr);
}

static void add_features(reader_t *rd, char type, double lat, double lon)
{
	if (rd->tags.buf.len == 0)
		return; /* no tag any rule looks at */
	osm_class_t c;
	osm_classify(&rd->tags, &c);
	if (c.place >= 0)
		osm_fvec_add(&rd->places, type, rd->cur_id, c.place, &rd->tags, lat, lon);
	if (c.dest >= 0)
		osm_fvec_add(&rd->dests, type, rd->cur_id, c.dest, &rd->tags, lat, lon);
	if (c.other)
		osm_fvec_add(&rd->others, type, rd->cur_id, 0, &rd->tags, lat, lon);
	if (c.stop)
		osm_fvec_add(&rd->stops, type, rd->cur_id, 0, &rd->tags, lat, lon);
	if (c.named && rd->opts->keep_elements)
		osm_fvec_add(&rd->named, type, rd->cur_id, 0, &rd->tags, lat, lon);
}

static void end_node(reader_t *rd, int32_t lat, int32_t lon)
{
	osm_nodes_push(&rd->nodes, rd->cur_id, lat, lon);
	add_features(rd, 'n', lat / OSM_COORD_SCALE, lon / OSM_COORD_SCALE);
}

static void end_way(reader_t *rd)
{
	sr_grow(&rd->ways.a, &rd->ways.cap, rd->ways.n + 1, sizeof(*rd->ways.a));
	osm_way_rec_t *w = &rd->ways.a[rd->ways.n];
	if (rd->ways.n == 0)
		rd->ways.sorted = 1;
	else if (rd->cur_id <= rd->ways.a[rd->ways.n - 1].id)
		rd->ways.sorted = 0;
	rd->ways.n++;
	osm_way_shape(&rd->nodes, rd->nd, rd->n_nd, w);
	w->id = rd->cur_id;
	w->n_refs = 0;
	if (rd->opts->keep_elements)
		osm_elements_keep_way(&rd->kept, w, rd->nd, rd->n_nd);

	const osm_tags_t *t = &rd->tags;
	if (osm_tag(t, OSM_T_HIGHWAY)) {
		net_way_tags_t wt = {
			.highway = osm_tag(t, OSM_T_HIGHWAY), .area = osm_tag(t, OSM_T_AREA),
			.junction = osm_tag(t, OSM_T_JUNCTION), .oneway = osm_tag(t, OSM_T_ONEWAY),
			.oneway_bus = osm_tag(t, OSM_T_ONEWAY_BUS), .oneway_psv = osm_tag(t, OSM_T_ONEWAY_PSV),
			.maxspeed = osm_tag(t, OSM_T_MAXSPEED), .access = osm_tag(t, OSM_T_ACCESS),
			.vehicle = osm_tag(t, OSM_T_VEHICLE), .motor_vehicle = osm_tag(t, OSM_T_MOTOR_VEHICLE),
			.psv = osm_tag(t, OSM_T_PSV), .bus = osm_tag(t, OSM_T_BUS),
		};
		net_way_rule_t rule;
		net_profile_way(&rd->opts->profile, &wt, &rule);
		if (rule.routable && rd->roads.n_refs + rd->n_nd >= (size_t)INT32_MAX)
			return (void)fail(rd, "road network too large (over 2^31 road node references)");
		if (rule.routable) {
			double len = osm_roads_add(&rd->roads, &rd->nodes, rd->nd, rd->n_nd, &rule);
			rd->st.road_km_by_class[rule.road_class] += len / 1000.0;
			rd->st.unknown_maxspeed += (uint64_t)rule.maxspeed_unknown;
		}
	}
	if (w->n > 0) {
		add_features(rd, 'w', w->lat, w->lon);
	} else {
		osm_class_t c;
		osm_classify(t, &c);
		rd->st.unplaced_features += (uint64_t)osm_class_any(&c);
	}
}

static void end_relation(reader_t *rd)
{
	if (rd->opts->keep_elements)
		osm_elements_keep_rel(&rd->kept, rd->cur_id, rd->members, rd->n_outer, rd->n_members);
	osm_class_t c;
	osm_classify(&rd->tags, &c);
	if (!osm_class_any(&c))
		return;
	const char *type = osm_tag(&rd->tags, OSM_T_TYPE);
	if (!type || (strcmp(type, "multipolygon") && strcmp(type, "boundary")))
		return;
	double lat, lon;
	if (osm_rel_centroid(&rd->ways, rd->members, rd->n_outer, rd->n_members, &lat, &lon))
		add_features(rd, 'r', lat, lon);
	else
		rd->st.unplaced_features++;
}

/* A node id given twice would place two nodes under one id and split the
 * roads through it: refused, not guessed at. */
static int dup_node(reader_t *rd, int64_t id)
{
	return fail(rd, "node id %lld is given twice; each node may appear once "
		    "(remove or renumber the copy)", (long long)id);
}

static int start_section(reader_t *rd, int phase)
{
	if (phase > rd->phase) {
		if (phase >= IN_WAY && rd->phase < IN_WAY) {
			osm_nodes_finish(&rd->nodes);
			int64_t d = osm_nodes_duplicate(&rd->nodes);
			if (d)
				return dup_node(rd, d);
		}
		if (phase >= IN_REL && rd->phase < IN_REL)
			osm_ways_finish(&rd->ways);
		rd->phase = phase;
	}
	return SR_OK;
}

static int on_element(reader_t *rd, const char *name)
{
	xmlTextReaderPtr xr = rd->xr;
	int empty = xmlTextReaderIsEmptyElement(xr);
	attrs_t a;

	if (!rd->seen_root) {
		if (strcmp(name, "osm"))
			return fail(rd, "not an OSM XML file: the root element is <%s>, not <osm>", name);
		rd->seen_root = 1;
		return SR_OK;
	}
	if (!strcmp(name, "tag")) {
		if (rd->in == IN_NONE)
			return SR_OK;
		rd->n_tags++;
		if (check_limits(rd))
			return SR_EINPUT;
		read_attrs(rd, 1, &a);
		if (a.k == -2 || !a.has_v)
			return fail(rd, "<tag> without k or v");
		if (a.k >= 0)
			osm_tags_set(&rd->tags, a.k, rd->val.data, rd->val.len);
		return SR_OK;
	}
	if (!strcmp(name, "nd")) {
		if (rd->in != IN_WAY)
			return fail(rd, "<nd> outside a <way>");
		int64_t ref;
		read_attrs(rd, 0, &a);
		if (parse_id(rd, "nd", a.ref, &ref))
			return SR_EINPUT;
		rd->n_way_nd++;
		if (check_limits(rd))
			return SR_EINPUT;
		size_t k = osm_nodes_find(&rd->nodes, ref);
		if (k == OSM_NOT_FOUND) {
			rd->st.missing_node_refs++;
			return SR_OK;
		}
		sr_grow(&rd->nd, &rd->cap_nd, rd->n_nd + 1, sizeof(*rd->nd));
		rd->nd[rd->n_nd++] = (uint32_t)k;
		return SR_OK;
	}
	if (!strcmp(name, "member")) {
		if (rd->in != IN_REL)
			return fail(rd, "<member> outside a <relation>");
		int64_t ref;
		read_attrs(rd, 0, &a);
		if (parse_id(rd, "member", a.ref, &ref))
			return SR_EINPUT;
		if (!a.type)
			return fail(rd, "<member> without type");
		if (!strcmp(a.type, "node")) {
			rd->st.missing_members += osm_nodes_find(&rd->nodes, ref) == OSM_NOT_FOUND;
		} else if (!strcmp(a.type, "way")) {
			if (osm_ways_find(&rd->ways, ref) == OSM_NOT_FOUND) {
				rd->st.missing_members++;
				return SR_OK;
			}
			int outer = !a.role || !a.role[0] || !strcmp(a.role, "outer");
			sr_grow(&rd->members, &rd->cap_members, rd->n_members + 1, sizeof(int64_t));
			if (outer && rd->n_outer < rd->n_members) { /* keep outer members first */
				rd->members[rd->n_members++] = rd->members[rd->n_outer];
				rd->members[rd->n_outer++] = ref;
			} else if (outer) {
				rd->members[rd->n_members++] = ref;
				rd->n_outer++;
			} else {
				rd->members[rd->n_members++] = ref;
			}
		} else if (!strcmp(a.type, "relation")) {
			sr_grow(&rd->rel_refs, &rd->cap_rel_refs, rd->n_rel_refs + 1, sizeof(int64_t));
			rd->rel_refs[rd->n_rel_refs++] = ref;
		} else {
			return fail(rd, "<member> of unknown type '%s'", a.type);
		}
		return SR_OK;
	}
	int kind = !strcmp(name, "node") ? IN_NODE : !strcmp(name, "way") ? IN_WAY
		 : !strcmp(name, "relation") ? IN_REL : IN_NONE;
	if (kind == IN_NONE)
		return SR_OK; /* bounds, note, meta, changeset...: not used */
	if (rd->in != IN_NONE)
		return fail(rd, "<%s> inside another element", name);
	if (kind < rd->phase)
		return fail(rd, "<%s> after the %s: the file is not in OSM order "
			    "(nodes, ways, relations; `osmium sort` fixes it)", name,
			    rd->phase == IN_WAY ? "ways" : "relations");
	if (start_section(rd, kind))
		return SR_EINPUT;
	rd->n_tags = rd->n_way_nd = 0;
	if (check_limits(rd))
		return SR_EINPUT;
	read_attrs(rd, 0, &a);
	if (parse_id(rd, name, a.id, &rd->cur_id))
		return SR_EINPUT;
	osm_tags_reset(&rd->tags);
	int32_t lat = 0, lon = 0;
	switch (kind) {
	case IN_NODE:
		rd->st.nodes++;
		if (parse_coord(rd, "lat", a.lat, 90, &lat) || parse_coord(rd, "lon", a.lon, 180, &lon))
			return SR_EINPUT;
		if (rd->nodes.n > 0 && rd->nodes.a[rd->nodes.n - 1].id == rd->cur_id)
			return dup_node(rd, rd->cur_id);
		if (rd->nodes.n >= UINT32_MAX - 1)
			return fail(rd, "more than %u nodes: too many for this reader", UINT32_MAX - 2);
		if (empty)
			end_node(rd, lat, lon);
		else
			osm_nodes_push(&rd->nodes, rd->cur_id, lat, lon);
		break;
	case IN_WAY:
		rd->st.ways++;
		rd->n_nd = 0;
		if (empty)
			end_way(rd);
		break;
	case IN_REL:
		rd->st.relations++;
		sr_grow(&rd->rel_ids, &rd->cap_rel_ids, rd->n_rel_ids + 1, sizeof(int64_t));
		rd->rel_ids[rd->n_rel_ids++] = rd->cur_id;
		rd->n_members = rd->n_outer = 0;
		if (empty)
			end_relation(rd);
		break;
	}
	if (!empty)
		rd->in = kind;
	return SR_OK;
}

static void on_end_element(reader_t *rd, const char *name)
{
	if (rd->in == IN_NODE && !strcmp(name, "node")) {
		/* position already stored at the start tag: classify only */
		const osm_node_rec_t *n = &rd->nodes.a[rd->nodes.n - 1];
		add_features(rd, 'n', n->lat / OSM_COORD_SCALE, n->lon / OSM_COORD_SCALE);
		rd->in = IN_NONE;
	} else if (rd->in == IN_WAY && !strcmp(name, "way")) {
		end_way(rd);
		rd->in = IN_NONE;
	} else if (rd->in == IN_REL && !strcmp(name, "relation")) {
		end_relation(rd);
		rd->in = IN_NONE;
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
		      : (n && n->doc) ? n->doc->intSubset : NULL;
	if (dtd && ((dtd->entities && xmlHashSize(dtd->entities) > 0) ||
		    (dtd->pentities && xmlHashSize(dtd->pentities) > 0)))
		return fail(rd, "refusing a document type that declares entities");
	return SR_OK;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void reader_free(reader_t *rd)
{
	if (rd->xr)
		xmlFreeTextReader(rd->xr);
	osm_input_close(rd->input);
	sr_buf_free(&rd->tags.buf);
	sr_buf_free(&rd->val);
	free(rd->nd);
	free(rd->members);
	free(rd->rel_ids);
	free(rd->rel_refs);
	free(rd->nodes.a);
	free(rd->nodes.sample);
	free(rd->ways.a);
	osm_roads_free(&rd->roads);
	osm_fvec_free(&rd->places);
	osm_fvec_free(&rd->dests);
	osm_fvec_free(&rd->others);
	osm_fvec_free(&rd->stops);
	osm_fvec_free(&rd->named);
	osm_elements_clear(&rd->kept);
}

int osm_read(const char *path, const osm_opts_t *o, sr_map_t **out, sr_error_t *err)
{
	double t0 = sr_now();
	reader_t rd;
	memset(&rd, 0, sizeof(rd));
	rd.path = path;
	rd.opts = o;
	rd.err = err;
	*out = NULL;
	sr_error_clear(err);
	const char *shown = strcmp(path, "-") ? path : "<stdin>";
	rd.path = shown;

	int code = osm_input_open(path, &rd.input, err);
	if (code != SR_OK) {
		reader_free(&rd);
		return code;
	}

	osm_guard_init(&rd.guard, o); /* before the reader's first read */
	rd.xr = xmlReaderForIO(io_read, io_close, &rd, NULL, NULL,
			       XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT);
	if (!rd.xr) {
		int code = sr_error_set(err, SR_EINTERNAL, shown, 0, "cannot create the XML reader");
		reader_free(&rd);
		return code;
	}
	xmlTextReaderSetStructuredErrorHandler(rd.xr, on_xml_error, &rd);
	osm_tags_reset(&rd.tags);

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
		if (rd.bytes_in == 0 && !rd.io_failed) {
			sr_error_set(err, SR_EINPUT, shown, 0, "empty file");
			rd.failed = 1;
		} else if (rd.xml_failed || ret < 0) {
			sr_error_set(err, SR_EINPUT, shown, rd.xml_failed ? rd.xml_line
				     : xmlTextReaderGetParserLineNumber(rd.xr), "%s",
				     rd.xml_failed ? rd.xml_msg : "malformed XML");
			rd.failed = 1;
		} else if (!rd.seen_root) {
			fail(&rd, "no <osm> element");
		}
	}
	if (rd.failed) {
		reader_free(&rd);
		return err->code ? err->code : SR_EINPUT;
	}
	if (start_section(&rd, IN_REL)) {
		reader_free(&rd);
		return err->code ? err->code : SR_EINPUT;
	}

	/* relation members that are relations not in the file */
	if (rd.n_rel_ids > 1)
		qsort(rd.rel_ids, rd.n_rel_ids, sizeof(int64_t), cmp_i64);
	for (size_t i = 0; i < rd.n_rel_refs; i++)
		if (!rd.n_rel_ids ||
		    !bsearch(&rd.rel_refs[i], rd.rel_ids, rd.n_rel_ids, sizeof(int64_t), cmp_i64))
			rd.st.missing_members++;

	sr_map_t *m = xcalloc(1, sizeof(*m));
	m->net = osm_roads_build(&rd.roads, &rd.nodes, o->fold, &rd.st);
	m->places = rd.places.a;
	m->n_places = rd.places.n;
	m->dests = rd.dests.a;
	m->n_dests = rd.dests.n;
	m->others = rd.others.a;
	m->n_others = rd.others.n;
	m->stops = rd.stops.a;
	m->n_stops = rd.stops.n;
	m->named = rd.named.a;
	m->n_named = rd.named.n;
	memset(&rd.places, 0, sizeof(rd.places));
	memset(&rd.dests, 0, sizeof(rd.dests));
	memset(&rd.others, 0, sizeof(rd.others));
	memset(&rd.stops, 0, sizeof(rd.stops));
	memset(&rd.named, 0, sizeof(rd.named));
	if (o->keep_elements)
		m->elems = osm_elements_adopt(&rd.kept, &rd.nodes, &rd.ways);
	m->path = xstrdup(shown);
	reader_free(&rd);
	rd.st.seconds = sr_now() - t0;
	m->stats = rd.st;
	*out = m;
	return SR_OK;
}
