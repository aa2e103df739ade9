/*
 * network.h - the bus road network: a compact directed graph (CSR) over road
 * nodes, with chains of degree-2 nodes folded into single edges that keep
 * their geometry; the speed/access profile; strongly connected components.
 *
 * Built by osm_read() (osm.h) from the OSM ways the profile admits, or by
 * net_build() from a plain list of arcs (tests, generated graphs).
 * The struct is public so that the matrix stage can run its searches on the
 * arrays directly. Owned by the sr_map_t that made it, or freed with
 * net_free() when built by net_build().
 */
#ifndef SCHOOLRUN_NETWORK_H
#define SCHOOLRUN_NETWORK_H

#include <stdint.h>
#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Road classes, in profile order (profile.c holds the table). */
typedef enum net_class {
	NET_MOTORWAY = 0,
	NET_MOTORWAY_LINK,
	NET_TRUNK,
	NET_TRUNK_LINK,
	NET_PRIMARY,
	NET_PRIMARY_LINK,
	NET_SECONDARY,
	NET_SECONDARY_LINK,
	NET_TERTIARY,
	NET_TERTIARY_LINK,
	NET_UNCLASSIFIED,
	NET_RESIDENTIAL,
	NET_LIVING_STREET,
	NET_SERVICE,
	NET_ROAD,
	NET_TRACK,
	NET_N_CLASSES
} net_class_t;

/* The directed road graph. Node ids are 0..n_nodes-1; the out-edges of node
 * v are first_out[v] .. first_out[v+1]-1, each going to head[e]. Every edge
 * is one direction of travel: a two-way road gives two edges. */
typedef struct sr_network {
	uint32_t n_nodes;
	uint32_t n_edges;
	double *lat;	     /* n_nodes, degrees WGS84 */
	double *lon;	     /* n_nodes */
	int64_t *osm_id;     /* n_nodes: the OSM node id (0 for synthetic) */
	uint32_t *first_out; /* n_nodes + 1 */
	uint32_t *head;	     /* n_edges: target node */
	float *length_m;     /* n_edges: along the geometry, haversine, metres */
	float *time_s;	     /* n_edges: bus travel time, seconds */
	uint8_t *road_class; /* n_edges: net_class_t */
	/* Geometry of edge e: the intermediate points (folded degree-2 nodes),
	 * in travel direction, excluding both end nodes:
	 * geom_lat/lon[geom_first[e] .. geom_first[e+1]-1]. */
	uint32_t *geom_first; /* n_edges + 1 */
	double *geom_lat;
	double *geom_lon;
	/* Strongly connected components: comp[v] for every node, component ids
	 * 0..n_comps-1; largest_comp is the id of the largest one. */
	uint32_t *comp;
	uint32_t n_comps;
	uint32_t largest_comp;
	uint32_t largest_comp_size;
} sr_network_t;

/* A directed arc for net_build(). */
typedef struct net_arc {
	uint32_t from, to;
	float length_m;
	float time_s;
	uint8_t road_class;
} net_arc_t;

/* Builds a network over n_nodes nodes (coordinates lat/lon, may be NULL for
 * abstract graphs: then all zero) from arcs, without folding. Computes SCCs.
 * Caller frees with net_free(). */
sr_network_t *net_build(uint32_t n_nodes, const double *lat, const double *lon,
			const net_arc_t *arcs, size_t n_arcs);
void net_free(sr_network_t *net);

/* Recomputes comp/n_comps/largest_comp (Tarjan's algorithm, iterative). */
void net_compute_scc(sr_network_t *net);

/* ---- the bus profile ---- */
/* The default bus speed cap in km/h: the Russian limit for organised
 * transport of groups of children (traffic rules 10.3, decree No. 1527).
 * The one place it is stated: net_profile_init(), the plan setting
 * speed_cap_kmh and the --speed-cap flag take it from here. */
#define NET_SPEED_CAP_KMH 60

typedef struct net_profile {
	double speed_cap_kmh; /* default NET_SPEED_CAP_KMH; 0: no cap */
	int allow_tracks;     /* admit highway=track; default 0 */
	int all_roads;	      /* admit every road class (tracks too) whatever its
				  access, area or oneway tags, driven both ways:
				  for comparing the reader with other tools'
				  plain "routable way" counts; default 0 */
} net_profile_t;

void net_profile_init(net_profile_t *p);
/* Class name as in OSM ("motorway", "primary_link", ...). */
const char *net_class_name(net_class_t c);
/* Default speed of a class in km/h (before the cap). */
double net_class_default_kmh(net_class_t c);

/* The class of an OSM highway=* value; -1 when it is not a road class the
 * profile knows (footway, path, construction, ...). */
int net_class_from_highway(const char *highway);

/* The tags of a way the bus profile looks at; NULL where absent. */
typedef struct net_way_tags {
	const char *highway, *area, *junction;
	const char *oneway, *oneway_bus, *oneway_psv;
	const char *maxspeed;
	const char *access, *vehicle, *motor_vehicle, *psv, *bus;
} net_way_tags_t;

/* What the profile makes of a way. */
typedef struct net_way_rule {
	int routable; /* 0: not for buses (then the rest is unset) */
	net_class_t road_class;
	int forward;	      /* a bus may drive in the way's node order */
	int backward;	      /* ... and against it */
	double speed_kmh;     /* maxspeed or class default, then capped */
	int maxspeed_unknown; /* maxspeed tag present but not understood */
} net_way_rule_t;

/* Applies the profile table (profile.c) to a way's tags. */
void net_profile_way(const net_profile_t *p, const net_way_tags_t *t, net_way_rule_t *r);

/* Parses a maxspeed value: "50", "50 km/h", "30 mph", "none", "walk", zone
 * values such as "RU:urban" or "DE:zone30"; several values separated by ';'
 * give the lowest. Returns 0 and *kmh on success, 1 for "none" (no limit:
 * the class default applies), -1 when not understood. */
int net_parse_maxspeed(const char *v, double *kmh);

#ifdef __cplusplus
}
#endif
#endif
