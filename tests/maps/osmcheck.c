/*
 * osmcheck.c - see osmcheck.h. The reader follows libxml2's xmlTextReader
 * tutorial (xmlReaderForFile, xmlTextReaderRead, attributes by name); the
 * strongly connected component of one root is the intersection of what it
 * reaches forward and what reaches it (two BFS, as in Kosaraju's argument).
 */
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "osmcheck.h"
#include "schoolrun/util.h"

static char *attr(xmlTextReaderPtr r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int64_t find_elem(const oc_map_t *m, char type, int64_t id)
{
	size_t lo = 0, hi = 0;
	if (type == 'n') {
		lo = 0;
		hi = m->n_nodes;
	} else if (type == 'w') {
		lo = m->n_nodes;
		hi = m->n_nodes + m->n_ways;
	} else {
		lo = m->n_nodes + m->n_ways;
		hi = m->n;
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->e[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->e[lo].type == type && m->e[lo].id == id ? (int64_t)lo : -1;
}

typedef struct pending {
	char type;
	int64_t id;
} pending_t;

int oc_read(const char *path, oc_map_t *m)
{
	memset(m, 0, sizeof(*m));
	xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_PARSE_NONET);
	if (!r) {
		snprintf(m->problem, sizeof(m->problem), "%s: cannot open", path);
		return -1;
	}
	/* member/nd references are resolved at the end: relations may point
	 * forward; keep them as (type, id) first */
	pending_t *pend = NULL;
	size_t n_pend = 0, cap_pend = 0;
	int rc, seen_osm = 0;
	char last_type = 'n';
	int64_t last_id = 0;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		const char *name = (const char *)xmlTextReaderConstName(r);
		int line = xmlTextReaderGetParserLineNumber(r);
		if (!strcmp(name, "osm")) {
			char *v = attr(r, "version");
			if (!v || strcmp(v, "0.6"))
				snprintf(m->problem, sizeof(m->problem),
					 "line %d: osm version not 0.6", line);
			free(v);
			seen_osm = 1;
		} else if (!strcmp(name, "node") || !strcmp(name, "way") ||
			   !strcmp(name, "relation")) {
			char type = name[0] == 'n' ? 'n' : name[0] == 'w' ? 'w' : 'r';
			char *ids = attr(r, "id"), *ver = attr(r, "version"),
			     *ts = attr(r, "timestamp");
			int64_t id = 0;
			if (!ids || sr_parse_int64(ids, &id) || id <= 0)
				snprintf(m->problem, sizeof(m->problem), "line %d: bad id", line);
			if (!ver || !ts)
				snprintf(m->problem, sizeof(m->problem),
					 "line %d: no version/timestamp", line);
			int order_ok = (type == last_type && id > last_id) ||
				       (type != last_type && ((last_type == 'n' && type != 'n') ||
							      (last_type == 'w' && type == 'r')));
			if (!order_ok && !m->problem[0])
				snprintf(m->problem, sizeof(m->problem),
					 "line %d: %c%lld out of order", line, type, (long long)id);
			last_type = type;
			last_id = id;
			free(ids);
			free(ver);
			free(ts);
			sr_grow(&m->e, &m->cap, m->n + 1, sizeof(*m->e));
			oc_elem_t *e = &m->e[m->n++];
			memset(e, 0, sizeof(*e));
			e->type = type;
			e->id = id;
			e->tag0 = m->n_tag;
			e->ref0 = n_pend;
			if (type == 'n') {
				m->n_nodes++;
				char *la = attr(r, "lat"), *lo = attr(r, "lon");
				if (!la || !lo || sr_parse_double(la, &e->lat) ||
				    sr_parse_double(lo, &e->lon) || fabs(e->lat) > 90 ||
				    fabs(e->lon) > 180)
					snprintf(m->problem, sizeof(m->problem),
						 "line %d: bad coordinates", line);
				free(la);
				free(lo);
			} else if (type == 'w') {
				m->n_ways++;
			} else {
				m->n_rels++;
			}
		} else if (!strcmp(name, "tag") && m->n) {
			char *k = attr(r, "k"), *v = attr(r, "v");
			if (!k || !v) {
				snprintf(m->problem, sizeof(m->problem),
					 "line %d: tag without k or v", line);
				free(k);
				free(v);
				continue;
			}
			sr_grow(&m->tag_k, &m->cap_tag, m->n_tag + 1, sizeof(char *));
			m->tag_v = xreallocarray(m->tag_v, m->cap_tag, sizeof(char *));
			m->tag_k[m->n_tag] = k;
			m->tag_v[m->n_tag++] = v;
			m->e[m->n - 1].n_tags++;
		} else if ((!strcmp(name, "nd") || !strcmp(name, "member")) && m->n) {
			char *ref = attr(r, "ref"),
			     *t = !strcmp(name, "nd") ? xstrdup("node") : attr(r, "type");
			int64_t id = 0;
			if (!ref || !t || sr_parse_int64(ref, &id) || id <= 0)
				snprintf(m->problem, sizeof(m->problem), "line %d: bad reference",
					 line);
			sr_grow(&pend, &cap_pend, n_pend + 1, sizeof(*pend));
			pend[n_pend].type = t ? t[0] : '?';
			pend[n_pend++].id = id;
			m->e[m->n - 1].n_refs++;
			free(ref);
			free(t);
		}
	}
	if (rc != 0 && !m->problem[0])
		snprintf(m->problem, sizeof(m->problem), "%s: XML error", path);
	if (!seen_osm && !m->problem[0])
		snprintf(m->problem, sizeof(m->problem), "%s: no <osm> element", path);
	xmlFreeTextReader(r);
	m->refs = xmalloc(sizeof(size_t) * (n_pend + 1));
	m->n_ref = n_pend;
	for (size_t i = 0; i < n_pend; i++) {
		int64_t k = find_elem(m, pend[i].type, pend[i].id);
		if (k < 0 && !m->problem[0])
			snprintf(m->problem, sizeof(m->problem), "reference %c%lld not in the file",
				 pend[i].type, (long long)pend[i].id);
		m->refs[i] = k < 0 ? 0 : (size_t)k;
	}
	free(pend);
	return m->problem[0] ? -1 : 0;
}

void oc_free(oc_map_t *m)
{
	for (size_t i = 0; i < m->n_tag; i++) {
		free(m->tag_k[i]);
		free(m->tag_v[i]);
	}
	free(m->tag_k);
	free(m->tag_v);
	free(m->refs);
	free(m->e);
	memset(m, 0, sizeof(*m));
}

const char *oc_tag(const oc_map_t *m, size_t i, const char *k)
{
	const oc_elem_t *e = &m->e[i];
	for (size_t t = e->tag0; t < e->tag0 + e->n_tags; t++)
		if (!strcmp(m->tag_k[t], k))
			return m->tag_v[t];
	return NULL;
}

static int is_in(const char *v, const char *const *list)
{
	for (; v && *list; list++)
		if (!strcmp(v, *list))
			return 1;
	return 0;
}

const char *oc_dest_kind(const oc_map_t *m, size_t i)
{
	static const char *const leisure[] = {"sports_centre", "stadium",  "sports_hall", "pitch",
					      "swimming_pool", "ice_rink", "track",	  NULL};
	static const char *const building[] = {"sports_hall", "stadium", NULL};
	static const char *const amenity[] = {"kindergarten", "school", "college", NULL};
	const char *l = oc_tag(m, i, "leisure"), *b = oc_tag(m, i, "building"),
		   *a = oc_tag(m, i, "amenity");
	const char *access = oc_tag(m, i, "access");
	if (l && !strcmp(l, "swimming_pool") && access && !strcmp(access, "private"))
		return NULL;
	if (is_in(l, leisure))
		return l;
	if (is_in(b, building))
		return b;
	if (is_in(a, amenity))
		return a;
	return NULL;
}

/* highway values a bus may use (issue 2), track only when asked */
static int bus_way(const oc_map_t *m, size_t i, int tracks)
{
	static const char *const hw[] = {
		"motorway",	 "motorway_link", "trunk",	  "trunk_link",
		"primary",	 "primary_link",  "secondary",	  "secondary_link",
		"tertiary",	 "tertiary_link", "unclassified", "residential",
		"living_street", "service",	  "road",	  NULL};
	const char *h = oc_tag(m, i, "highway");
	const char *acc = oc_tag(m, i, "access");
	if (acc && (!strcmp(acc, "no") || !strcmp(acc, "private")))
		return 0;
	return is_in(h, hw) || (tracks && h && !strcmp(h, "track"));
}

typedef struct arc {
	size_t from, to;
	double w;
} arc_t;

static void bfs(size_t n, const size_t *first, const size_t *to, size_t root, char *mark)
{
	size_t *q = xmalloc(sizeof(size_t) * (n + 1)), h = 0, t = 0;
	mark[root] = 1;
	q[t++] = root;
	while (h < t) {
		size_t u = q[h++];
		for (size_t k = first[u]; k < first[u + 1]; k++)
			if (!mark[to[k]]) {
				mark[to[k]] = 1;
				q[t++] = to[k];
			}
	}
	free(q);
}

static void csr(size_t n, const arc_t *a, size_t na, int rev, size_t **first, size_t **to,
		double **w)
{
	*first = xcalloc(n + 1, sizeof(size_t));
	*to = xmalloc(sizeof(size_t) * (na + 1));
	*w = xmalloc(sizeof(double) * (na + 1));
	for (size_t k = 0; k < na; k++)
		(*first)[(rev ? a[k].to : a[k].from) + 1]++;
	for (size_t v = 0; v < n; v++)
		(*first)[v + 1] += (*first)[v];
	size_t *pos = xmalloc(sizeof(size_t) * (n + 1));
	memcpy(pos, *first, sizeof(size_t) * (n + 1));
	for (size_t k = 0; k < na; k++) {
		size_t f = rev ? a[k].to : a[k].from, t = rev ? a[k].from : a[k].to;
		(*w)[pos[f]] = a[k].w;
		(*to)[pos[f]++] = t;
	}
	free(pos);
}

/* Conservative bus speeds for the feasibility check (km/h): below the
 * 60 km/h cap for children's transport, slower on small and gravel roads. */
static double class_kmh(const char *h, const char *surface)
{
	int gravel = surface && (!strcmp(surface, "gravel") || !strcmp(surface, "ground") ||
				 !strcmp(surface, "unpaved"));
	if (!strcmp(h, "track"))
		return 15;
	if (!strcmp(h, "living_street"))
		return 10;
	if (!strcmp(h, "service"))
		return 15;
	if (!strcmp(h, "residential"))
		return gravel ? 20 : 30;
	if (!strcmp(h, "unclassified") || !strcmp(h, "road"))
		return gravel ? 30 : 40;
	if (!strncmp(h, "tertiary", 8))
		return 50;
	return 60;
}

void oc_graph_build(const oc_map_t *m, int tracks, oc_graph_t *g)
{
	arc_t *arcs = NULL;
	size_t n_arcs = 0, cap = 0;
	memset(g, 0, sizeof(*g));
	g->n = m->n_nodes;
	g->road = xcalloc(m->n_nodes + 1, 1);
	for (size_t i = m->n_nodes; i < m->n_nodes + m->n_ways; i++) {
		if (!bus_way(m, i, tracks))
			continue;
		const char *ow = oc_tag(m, i, "oneway"), *j = oc_tag(m, i, "junction");
		double mps = class_kmh(oc_tag(m, i, "highway"), oc_tag(m, i, "surface")) / 3.6;
		int fwd = 1, back = 1;
		if ((ow && (!strcmp(ow, "yes") || !strcmp(ow, "1") || !strcmp(ow, "true"))) ||
		    (j && !strcmp(j, "roundabout")))
			back = 0;
		if (ow && !strcmp(ow, "-1"))
			fwd = 0;
		const oc_elem_t *w = &m->e[i];
		for (size_t k = 0; k < w->n_refs; k++)
			g->road[m->refs[w->ref0 + k]] = 1;
		for (size_t k = 1; k < w->n_refs; k++) {
			size_t a = m->refs[w->ref0 + k - 1], b = m->refs[w->ref0 + k];
			double s =
				sr_haversine_m(m->e[a].lat, m->e[a].lon, m->e[b].lat, m->e[b].lon) /
				mps;
			sr_grow(&arcs, &cap, n_arcs + 2, sizeof(*arcs));
			if (fwd)
				arcs[n_arcs++] = (arc_t){a, b, s};
			if (back)
				arcs[n_arcs++] = (arc_t){b, a, s};
		}
	}
	csr(g->n, arcs, n_arcs, 0, &g->first, &g->to, &g->w);
	csr(g->n, arcs, n_arcs, 1, &g->rfirst, &g->rto, &g->rw);
	free(arcs);
}

void oc_graph_free(oc_graph_t *g)
{
	free(g->road);
	free(g->first);
	free(g->to);
	free(g->w);
	free(g->rfirst);
	free(g->rto);
	free(g->rw);
	memset(g, 0, sizeof(*g));
}

size_t oc_nearest_road(const oc_map_t *m, const oc_graph_t *g, double lat, double lon,
		       double *dist_m)
{
	size_t best = 0;
	double bd = INFINITY;
	for (size_t v = 0; v < g->n; v++)
		if (g->road[v]) {
			double dd = sr_haversine_m(lat, lon, m->e[v].lat, m->e[v].lon);
			if (dd < bd) {
				bd = dd;
				best = v;
			}
		}
	if (dist_m)
		*dist_m = bd;
	return best;
}

/* Dijkstra with a plain binary heap of (time, node) entries and lazy
 * deletion. */
typedef struct hent {
	double t;
	size_t v;
} hent_t;

static void heap_push(hent_t **h, size_t *n, size_t *cap, double t, size_t v)
{
	sr_grow(h, cap, *n + 1, sizeof(**h));
	size_t i = (*n)++;
	while (i > 0 && (*h)[(i - 1) / 2].t > t) {
		(*h)[i] = (*h)[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	(*h)[i] = (hent_t){t, v};
}

static hent_t heap_pop(hent_t *h, size_t *n)
{
	hent_t top = h[0], last = h[--(*n)];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= *n)
			break;
		if (c + 1 < *n && h[c + 1].t < h[c].t)
			c++;
		if (h[c].t >= last.t)
			break;
		h[i] = h[c];
		i = c;
	}
	if (*n)
		h[i] = last;
	return top;
}

void oc_times_s(const oc_graph_t *g, size_t src, int reverse, double *t)
{
	const size_t *first = reverse ? g->rfirst : g->first, *to = reverse ? g->rto : g->to;
	const double *w = reverse ? g->rw : g->w;
	hent_t *h = NULL;
	size_t n = 0, cap = 0;
	for (size_t v = 0; v < g->n; v++)
		t[v] = INFINITY;
	t[src] = 0;
	heap_push(&h, &n, &cap, 0, src);
	while (n) {
		hent_t e = heap_pop(h, &n);
		if (e.t > t[e.v])
			continue;
		for (size_t k = first[e.v]; k < first[e.v + 1]; k++)
			if (e.t + w[k] < t[to[k]]) {
				t[to[k]] = e.t + w[k];
				heap_push(&h, &n, &cap, t[to[k]], to[k]);
			}
	}
	free(h);
}

size_t oc_places_outside_scc(const oc_map_t *m, int tracks, char *in_scc, double *max_snap_m)
{
	oc_graph_t g;
	oc_graph_build(m, tracks, &g);
	size_t n = m->n_nodes, town = (size_t)-1, outside = 0;
	size_t *nearest = xcalloc(m->n + 1, sizeof(size_t));
	*max_snap_m = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = oc_tag(m, i, "place");
		if (!p)
			continue;
		double dd;
		nearest[i] = oc_nearest_road(m, &g, m->e[i].lat, m->e[i].lon, &dd);
		if (dd > *max_snap_m)
			*max_snap_m = dd;
		if (!strcmp(p, "town") && town == (size_t)-1)
			town = nearest[i];
	}
	char *fw = xcalloc(n + 1, 1), *bw = xcalloc(n + 1, 1);
	if (town != (size_t)-1) {
		bfs(n, g.first, g.to, town, fw);
		bfs(n, g.rfirst, g.rto, town, bw);
	}
	memset(in_scc, 0, m->n);
	for (size_t i = 0; i < n; i++) {
		if (!oc_tag(m, i, "place"))
			continue;
		in_scc[i] = fw[nearest[i]] && bw[nearest[i]];
		outside += !in_scc[i];
	}
	free(fw);
	free(bw);
	free(nearest);
	oc_graph_free(&g);
	return outside;
}
