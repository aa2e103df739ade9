/*
 * guard.c - the limits a hostile or broken OSM file cannot push past.
 *
 * Two kinds. The byte guard runs over the raw (decompressed) bytes before
 * libxml2 parses them: libxml2 2.9 checks an element's attributes for
 * duplicates pairwise, so one element with 200,000 attributes costs
 * minutes; counting attributes (an '=' outside quotes inside a start tag)
 * and element depth with a small tag-level state machine stops such a file
 * in linear time, before the parser sees the element. Comments, CDATA,
 * processing instructions and the document type are skipped as wholes so
 * their text is never counted. The count guard checks the reader's own
 * tallies: tags of one element, nodes of one way, and the bytes of the
 * tables a map keeps (node, way and road tables), so that a gzip bomb of
 * valid nodes stops at a stated size instead of at the machine's memory.
 *
 * The idea of cheap, fixed limits checked before expensive work follows
 * libxml2's own XML_MAX_* limits (parserInternals.h) and libosmium's
 * "max_nodes_per_way"-style sanity checks; no code is taken from either.
 */
#include <stdio.h>
#include "osm/internal.h"
#include "util/i18n.h"

enum { G_TEXT, G_LT, G_STAG, G_SVAL, G_ETAG, G_PI, G_BANG, G_COMMENT, G_CDATA, G_DECL };

/* "<what with the limit> (the limit KEY; raise it with --FLAG N or KEY = N
 * in plan.conf)": every limit's error names the limit, the flag of
 * inspect, matrix and plan, and plan.conf's key; what_fmt (translated) has
 * one %d, the limit. Returns -1. */
static int over(char *msg, size_t msz, const char *what_fmt, int limit, const char *key)
{
	char flag[32];
	snprintf(flag, sizeof(flag), "%s", key);
	for (char *c = flag; *c; c++)
		*c = *c == '_' ? '-' : *c;
	int n = snprintf(msg, msz, what_fmt, limit);
	if (n < 0 || (size_t)n >= msz)
		return -1;
	snprintf(msg + n, msz - (size_t)n,
		 _(" (the limit %s; raise it with --%s N or %s = N in plan.conf)"), key, flag, key);
	return -1;
}

void osm_guard_init(osm_guard_t *g, const osm_opts_t *o)
{
	*g = (osm_guard_t){.state = G_TEXT, .line = 1, .o = o};
}

int osm_guard_scan(osm_guard_t *g, const char *buf, size_t n, char *msg, size_t msz, long *line)
{
	for (size_t i = 0; i < n; i++) {
		char c = buf[i];
		if (c == '\n')
			g->line++;
		switch (g->state) {
		case G_TEXT:
			if (c == '<')
				g->state = G_LT;
			break;
		case G_LT:
			if (c == '!') {
				g->state = G_BANG;
			} else if (c == '?') {
				g->state = G_PI;
			} else if (c == '/') {
				g->state = G_ETAG;
			} else {
				g->state = G_STAG;
				g->attrs = 0;
				if (++g->depth > g->o->max_depth) {
					*line = g->line;
					return over(msg, msz,
						    _("elements nested more than %d deep"),
						    g->o->max_depth, "max_depth");
				}
			}
			break;
		case G_STAG:
			if (c == '"' || c == '\'') {
				g->quote = c;
				g->state = G_SVAL;
			} else if (c == '=' && ++g->attrs > g->o->max_attrs) {
				*line = g->line;
				return over(msg, msz, _("an element with more than %d attributes"),
					    g->o->max_attrs, "max_attrs");
			} else if (c == '>') {
				if (g->c1 == '/' && g->depth > 0)
					g->depth--; /* <empty/> */
				g->state = G_TEXT;
			}
			break;
		case G_SVAL:
			if (c == g->quote)
				g->state = G_STAG;
			break;
		case G_ETAG:
			if (c == '>') {
				if (g->depth > 0)
					g->depth--;
				g->state = G_TEXT;
			}
			break;
		case G_PI:
			if (c == '>' && g->c1 == '?')
				g->state = G_TEXT;
			break;
		case G_BANG:
			g->state = c == '-' ? G_COMMENT : c == '[' ? G_CDATA : G_DECL;
			g->brackets = c == '[';
			/* "<!-" + "-" would otherwise read as the end "-->" of "<!-->" */
			c = c == '-' ? 0 : c;
			break;
		case G_COMMENT:
			if (c == '>' && g->c1 == '-' && g->c2 == '-')
				g->state = G_TEXT;
			break;
		case G_CDATA:
			if (c == '>' && g->c1 == ']' && g->c2 == ']')
				g->state = G_TEXT;
			break;
		case G_DECL: /* <!DOCTYPE ... [ ... ]> */
			if (c == '[')
				g->brackets++;
			else if (c == ']' && g->brackets > 0)
				g->brackets--;
			else if (c == '>' && g->brackets == 0)
				g->state = G_TEXT;
			break;
		}
		g->c2 = g->c1;
		g->c1 = c;
	}
	return 0;
}

int osm_guard_counts(const osm_opts_t *o, size_t tags, size_t way_nodes, uint64_t map_bytes,
		     char *msg, size_t msz)
{
	if (tags > (size_t)o->max_tags)
		return over(msg, msz, _("an element with more than %d tags"), o->max_tags,
			    "max_tags");
	if (way_nodes > (size_t)o->max_way_nodes)
		return over(msg, msz, _("a way with more than %d nodes"), o->max_way_nodes,
			    "max_way_nodes");
	if (map_bytes > (uint64_t)o->max_map_mb << 20)
		return over(msg, msz,
			    _("the map needs more than %d MB for its node, way and road tables"),
			    o->max_map_mb, "max_map_mb");
	return 0;
}
