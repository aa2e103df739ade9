/*
 * osmcheck.h - an independent reader and checker for the generated OSM
 * files, written for the tests only: it parses the XML with libxml2's
 * xmlTextReader on its own (it does not use src/osm/), keeps every
 * element and tag, checks the file's structure (positive ids, sorted by
 * type and id, every reference resolved) and works out the bus road
 * graph's strongly connected component with two breadth-first searches,
 * so that the generator and, later, the map reader are both checked
 * against a separate computation.
 */
#ifndef OSMCHECK_H
#define OSMCHECK_H

#include <stddef.h>
#include <stdint.h>

typedef struct oc_elem {
	char type; /* 'n', 'w', 'r' */
	int64_t id;
	double lat, lon;     /* nodes */
	size_t tag0, n_tags; /* into oc_map.tag_k/tag_v */
	size_t ref0, n_refs; /* ways: node indices; relations: member element indices */
} oc_elem_t;

typedef struct oc_map {
	oc_elem_t *e;
	size_t n, cap;
	size_t n_nodes, n_ways, n_rels; /* nodes first, then ways, relations */
	char **tag_k, **tag_v;
	size_t n_tag, cap_tag;
	size_t *refs; /* element indices */
	size_t n_ref, cap_ref;
	char problem[512]; /* first structural problem, "" if none */
} oc_map_t;

/* Reads an OSM XML file. Returns 0, or -1 with m->problem set. */
int oc_read(const char *path, oc_map_t *m);
void oc_free(oc_map_t *m);

/* Value of tag k on element i, or NULL. */
const char *oc_tag(const oc_map_t *m, size_t i, const char *k);

/* Issue 2's destination rule: the kind name ("stadium", "kindergarten", ...)
 * of element i if it is a destination, else NULL. */
const char *oc_dest_kind(const oc_map_t *m, size_t i);

/* The bus road graph (issue 2's classes; tracks when asked; oneway and
 * roundabouts respected), travel times from conservative class speeds. */
typedef struct oc_graph {
	size_t n; /* = map's n_nodes; road[v] marks road nodes */
	char *road;
	size_t *first, *to;   /* forward CSR */
	double *w;	      /* seconds */
	size_t *rfirst, *rto; /* reverse CSR */
	double *rw;
} oc_graph_t;

void oc_graph_build(const oc_map_t *m, int tracks, oc_graph_t *g);
void oc_graph_free(oc_graph_t *g);
/* Nearest road node to a point; its distance in *dist_m (may be NULL). */
size_t oc_nearest_road(const oc_map_t *m, const oc_graph_t *g, double lat, double lon,
		       double *dist_m);
/* Shortest travel times (s) from src to every node (reverse: to src);
 * t has g->n entries, INFINITY where unreachable. */
void oc_times_s(const oc_graph_t *g, size_t src, int reverse, double *t);

/* Places (place=town|village|hamlet nodes): for each, whether its nearest
 * bus road node lies in the strongly connected component of the town's
 * nearest road node. tracks: admit highway=track. in_scc[] has one entry
 * per element (non-places 0). Returns the number of places outside. The
 * largest snap distance (metres) goes to *max_snap_m. */
size_t oc_places_outside_scc(const oc_map_t *m, int tracks, char *in_scc, double *max_snap_m);

#endif
