/*
 * osm.h - reading OpenStreetMap maps (XML plain, gzip or bzip2 with
 * libxml2's streaming reader; PBF with protobuf-c; "-" for stdin) into
 * what routing needs: the bus road network
 * (network.h), the places children live in and the destinations they travel
 * to. Never builds a DOM; memory grows with the road network, not the file.
 */
#ifndef SCHOOLRUN_OSM_H
#define SCHOOLRUN_OSM_H

#include <stdint.h>
#include "schoolrun/network.h"
#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Kinds of places (place=*). */
typedef enum osm_place_kind {
	OSM_PLACE_CITY = 0,
	OSM_PLACE_TOWN,
	OSM_PLACE_VILLAGE,
	OSM_PLACE_HAMLET,
	OSM_PLACE_ISOLATED_DWELLING,
	OSM_PLACE_LOCALITY,
	OSM_PLACE_N_KINDS
} osm_place_kind_t;

/* Kinds of destinations. */
typedef enum osm_dest_kind {
	OSM_DEST_SPORTS_CENTRE = 0,
	OSM_DEST_STADIUM,
	OSM_DEST_SPORTS_HALL,
	OSM_DEST_PITCH,
	OSM_DEST_SWIMMING_POOL,
	OSM_DEST_ICE_RINK,
	OSM_DEST_TRACK,
	OSM_DEST_KINDERGARTEN,
	OSM_DEST_SCHOOL,
	OSM_DEST_COLLEGE,
	OSM_DEST_N_KINDS
} osm_dest_kind_t;

/* A place or a destination. Strings are UTF-8 and owned by the map; NULL
 * when the tag is absent. Areas (closed ways, multipolygons) are located at
 * their centroid. */
typedef struct osm_feature {
	char type;          /* 'n', 'w' or 'r' */
	int64_t id;         /* OSM id */
	int kind;           /* osm_place_kind_t or osm_dest_kind_t */
	char *name;
	char *name_ru;
	char *name_en;
	long population;    /* -1 when absent (places only) */
	double lat, lon;
} osm_feature_t;

/* Reading counters for `schoolrun inspect`. */
typedef struct osm_stats {
	uint64_t nodes, ways, relations;  /* elements read */
	uint64_t missing_node_refs;       /* <nd ref> to nodes not in the file */
	uint64_t missing_members;         /* relation members not in the file */
	double road_km_by_class[NET_N_CLASSES]; /* road length per class (each way once) */
	double seconds;                   /* read time */
	double min_lat, min_lon, max_lat, max_lon; /* extent of road nodes */
	uint64_t unknown_maxspeed;        /* road ways whose maxspeed was not understood
					     (class default used) */
	uint64_t unplaced_features;       /* places/destinations with no member present */
} osm_stats_t;

typedef struct sr_map {
	sr_network_t *net;
	osm_feature_t *places;
	size_t n_places;
	osm_feature_t *dests;
	size_t n_dests;
	/* Other named features a coordinator may name as a depot: bus
	 * stations, garages, parkings (amenity=bus_station|parking,
	 * landuse=garages, building=garages|transportation). kind = 0. */
	osm_feature_t *others;
	size_t n_others;
	osm_stats_t stats;
	char *path;
} sr_map_t;

/* A box in fixed-point degrees (1e-7, OSM's precision), edges included. */
typedef struct osm_bbox {
	int on;                 /* 0: the whole file */
	int32_t min_lon, min_lat, max_lon, max_lat;
} osm_bbox_t;

/* Parses "minlon,minlat,maxlon,maxlat" (degrees) into b (on = 1).
 * Returns SR_OK, or SR_EINPUT with a message saying what is wrong in err
 * (file/line left for the caller). */
int osm_bbox_parse(const char *text, osm_bbox_t *b, sr_error_t *err);

typedef struct osm_opts {
	net_profile_t profile;  /* speeds, tracks */
	int fold;               /* fold degree-2 chains; default 1 */
	osm_bbox_t bbox;        /* keep only what lies inside; default off */
} osm_opts_t;

void osm_opts_init(osm_opts_t *o);

/* Reads an OSM file: XML (plain, gzip or bzip2) or PBF, told apart by
 * the file's first bytes, not its name; "-" reads stdin. With opts->bbox
 * on, keeps the nodes inside the box, the ways with a node inside (whole,
 * with all their nodes) and the relations with a kept node or way member
 * (and their parent relations): osmium extract's complete_ways strategy,
 * in two passes over the file (so not from stdin).
 * On SR_OK *out holds the map; the caller frees it with osm_map_free().
 * On error, err names the file, the line (XML) and what is wrong. */
int osm_read(const char *path, const osm_opts_t *o, sr_map_t **out, sr_error_t *err);
void osm_map_free(sr_map_t *m);

const char *osm_place_kind_name(osm_place_kind_t k);
const char *osm_dest_kind_name(osm_dest_kind_t k);
/* Feature display name: name, else name:ru/name:en, else "n123"-style id
 * written into buf. */
const char *osm_feature_label(const osm_feature_t *f, char *buf, size_t size);

/* ---- finding features by id or name (src/osm/find.c) ---- */
typedef enum osm_find_want {
	OSM_FIND_PICKUP = 0, /* place=* first; then destinations, others */
	OSM_FIND_DEST,       /* destinations only */
	OSM_FIND_ANY         /* places, destinations, others alike */
} osm_find_want_t;

/* Resolves a query: an OSM id ("n123", "w45", "r6") or an exact name
 * (name, name:ru or name:en). Names are matched within the first list of
 * the preference order that has a match, so a village's name carried also
 * by its street or stream is no ambiguity. Returns SR_OK with *out set;
 * SR_EINPUT when unknown or ambiguous, with a message listing the
 * candidates and their OSM ids (file/line are left for the caller to set). */
int osm_find(const sr_map_t *m, const char *query, osm_find_want_t want,
	     const osm_feature_t **out, sr_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
