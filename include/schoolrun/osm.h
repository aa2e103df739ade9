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
	/* from here on: places that are not settlements (never "in X") but
	   name a pickup in a town or by a farm */
	OSM_PLACE_FARM,
	OSM_PLACE_SUBURB,
	OSM_PLACE_QUARTER,
	OSM_PLACE_NEIGHBOURHOOD,
	OSM_PLACE_SQUARE,
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
	OSM_DEST_FITNESS_CENTRE,
	OSM_DEST_SPORT, /* any other element carrying sport=* */
	/* where children's clubs meet (supplementary education: a house of
	 * culture, a palace of children's creativity, a music or art school) */
	OSM_DEST_COMMUNITY_CENTRE,
	OSM_DEST_ARTS_CENTRE,
	OSM_DEST_MUSIC_SCHOOL,
	OSM_DEST_DANCING_SCHOOL,
	OSM_DEST_CHILDCARE,
	OSM_DEST_N_KINDS
} osm_dest_kind_t;

/* A place or a destination. Strings are UTF-8 and owned by the map; NULL
 * when the tag is absent. Areas (closed ways, multipolygons) are located at
 * their centroid. */
typedef struct osm_feature {
	char type;  /* 'n', 'w' or 'r' */
	int64_t id; /* OSM id */
	int kind;   /* osm_place_kind_t or osm_dest_kind_t */
	char *name;
	char *name_ru;
	char *name_en;
	/* official_name, short_name and alt_name, NULL each when absent: a
	 * district office writes the official name of its institution ("МБУ ДО
	 * «Детская школа искусств»"), or the short one; names match them too,
	 * the pages say `name` */
	char *alt_names[3];
	long population; /* -1 when absent (places only) */
	double lat, lon;
} osm_feature_t;

/* Reading counters for `schoolrun inspect`. */
typedef struct osm_stats {
	uint64_t nodes, ways, relations;	   /* elements read */
	uint64_t missing_node_refs;		   /* <nd ref> to nodes not in the file */
	uint64_t missing_members;		   /* relation members not in the file */
	double road_km_by_class[NET_N_CLASSES];	   /* road length per class (each way once) */
	double seconds;				   /* read time */
	double min_lat, min_lon, max_lat, max_lon; /* extent of road nodes */
	uint64_t unknown_maxspeed;		   /* road ways whose maxspeed was not understood
					     (class default used) */
	uint64_t unplaced_features;		   /* places/destinations with no member present */
} osm_stats_t;

typedef struct osm_elements osm_elements_t;

/* A street address of the map: a node or way (or multipolygon) carrying
 * addr:housenumber and addr:street or addr:place. Strings are UTF-8,
 * owned by the map, NULL when the tag is absent. The point is the node,
 * or the way's (relation's) centroid. */
typedef struct osm_address {
	char type; /* 'n', 'w' or 'r' */
	int64_t id;
	double lat, lon;
	const char *housenumber; /* addr:housenumber, as tagged ("12/1 с2", "5;7") */
	const char *street;	 /* addr:street, NULL for a rural addr:place address */
	const char *place;	 /* addr:place */
	const char *city;	 /* addr:city */
	const char *suburb;	 /* addr:suburb */
} osm_address_t;

typedef struct osm_addr_index osm_addr_index_t;

/* A box in fixed-point degrees (1e-7, OSM's precision), edges included. */
typedef struct osm_bbox {
	int on; /* 0: the whole file */
	int32_t min_lon, min_lat, max_lon, max_lat;
} osm_bbox_t;

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
	/* Bus stops: highway=bus_stop or public_transport=platform nodes,
	 * named or not. kind = 0. */
	osm_feature_t *stops;
	size_t n_stops;
	/* Every other named element that is not a road (a depot may be any
	 * element). kind = 0. */
	osm_feature_t *named;
	size_t n_named;
	/* Every element's position and outline, for explicit OSM ids (NULL
	 * unless osm_opts_t.keep_elements). */
	osm_elements_t *elems;
	/* Street addresses (addr:*), in file order, and their lookup index. */
	osm_address_t *addrs;
	size_t n_addrs;
	osm_addr_index_t *addr_index;
	osm_stats_t stats;
	char *path;
	osm_bbox_t bbox; /* the box the file was cut to (on = 0: the whole file) */
} sr_map_t;

/* Parses "minlon,minlat,maxlon,maxlat" (degrees) into b (on = 1).
 * Returns SR_OK, or SR_EINPUT with a message saying what is wrong in err
 * (file/line left for the caller). */
int osm_bbox_parse(const char *text, osm_bbox_t *b, sr_error_t *err);

/* The limits' defaults and bounds, one place for osm_opts_init(), the
 * inspect/matrix flags (src/cli/options.c) and the plan settings
 * (src/plan/settings.c). Attributes stay at most 1024: libxml2 checks an
 * element's attributes for duplicates pairwise, so that bound keeps the
 * parser's work per byte bounded (100,000 attributes: 40 s for 1 MB). */
#define OSM_MAX_DEPTH_DEFAULT 16
#define OSM_MAX_DEPTH_LO 3
#define OSM_MAX_DEPTH_HI 256
#define OSM_MAX_ATTRS_DEFAULT 256
#define OSM_MAX_ATTRS_LO 3
#define OSM_MAX_ATTRS_HI 1024
#define OSM_MAX_TAGS_DEFAULT 5000
#define OSM_MAX_TAGS_LO 1
#define OSM_MAX_TAGS_HI 2147483647
#define OSM_MAX_WAY_NODES_DEFAULT 100000
#define OSM_MAX_WAY_NODES_LO 2
#define OSM_MAX_WAY_NODES_HI 2147483647
#define OSM_MAX_MAP_MB_DEFAULT 8192
#define OSM_MAX_MAP_MB_LO 1
#define OSM_MAX_MAP_MB_HI 1048576

typedef struct osm_opts {
	net_profile_t profile; /* speeds, tracks */
	int fold;	       /* fold degree-2 chains; default 1 */
	osm_bbox_t bbox;       /* keep only what lies inside; default off */
	/* Limits a hostile or broken file cannot push past (README "Limits");
	 * each error names the limit, its flag and plan.conf key. */
	int max_depth;	   /* element nesting; default 16 (OSM needs 3) */
	int max_attrs;	   /* attributes of one element; default 256 */
	int max_tags;	   /* <tag>s of one element; default 5000 */
	int max_way_nodes; /* <nd>s of one way; default 100000 (the OSM API's is 2000) */
	int max_map_mb;	   /* node, way and road tables together; default 8192 MB */
	int keep_elements; /* keep every element's position and outline so
				   that any OSM id resolves (sr_map_t.elems);
				   default 0 */
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
	OSM_FIND_PICKUP = 0, /* place=* first; then named bus stops, destinations, others */
	OSM_FIND_DEST,	     /* destinations only */
	OSM_FIND_ANY	     /* places, destinations, others alike, then any
				other named element */
} osm_find_want_t;

/* Resolves a query: an OSM id ("n123", "w45", "r6") or a name (name,
 * name:ru or name:en). An id always resolves to that element when the map
 * holds it, whatever its tags (an element no rule picked needs
 * keep_elements). A name matches exactly first, then in its normalised
 * form (osm_name_fold). Names are matched within the first list of the
 * preference order that has a match, so a village's name carried also by
 * its street or stream is no ambiguity. Returns SR_OK with *out filled (a
 * copy; its strings belong to the map); SR_EINPUT when unknown or
 * ambiguous, with a message listing the candidates ("did you mean", up to
 * three of the wanted kind by edit distance, each with its OSM id);
 * file/line are left for the caller to set. */
int osm_find(const sr_map_t *m, const char *query, osm_find_want_t want, osm_feature_t *out,
	     sr_error_t *err);

/* The village (or town, or city; else any settlement) nearest f whose
 * name differs from f's (NULL when none), its distance in *d: what tells
 * two places of one name apart, named by one a coordinator knows. */
const osm_feature_t *osm_settlement_apart(const sr_map_t *m, const osm_feature_t *f, double *d);

/* How osm_find_ex matched: by a street address (address is the map's
 * address, NULL when by id or name) and what it assumed on the way
 * (note: "корпус 1 is not on the map: ...", "" when nothing). */
typedef struct osm_found {
	const osm_address_t *address;
	int written; /* a bus stop given with its village, "Balzers, ост.
			«Balzers Egerta»", that is not the village's own
			stop: the point is named as the text writes it */
	char note[256];
} osm_found_t;

/* How far from a village's centre a public bus stop may be to serve it
 * (its nearest such stop is the village's own). */
#define OSM_VILLAGE_STOP_RADIUS_M 400.0

/* osm_find, and for a pickup or a depot (OSM_FIND_PICKUP, OSM_FIND_ANY)
 * whose text has a house number and matches no name, a street address
 * ("ул. Центральная, 12", "д. Ивановка, ул. Садовая, д. 5", "Landstrasse
 * 12, Schaan"; src/osm/addr_find.c): *out is then the addressed element
 * (no names) at the address's point, and how (may be NULL) says so. An
 * address on one street and number in several settlements is an error
 * listing them; a street without that number lists its nearest numbers;
 * an unknown street gets "did you mean" among the map's streets. */
int osm_find_ex(const sr_map_t *m, const char *query, osm_find_want_t want, osm_feature_t *out,
		osm_found_t *how, sr_error_t *err);

/* How an address's settlement was found. */
typedef enum osm_settle_how {
	OSM_SETTLE_NONE,      /* none: the map has no settlement for it */
	OSM_SETTLE_TAGGED,    /* its addr:city or addr:place */
	OSM_SETTLE_AREA,      /* the smallest settlement area holding it */
	OSM_SETTLE_NODE,      /* the nearest settlement node */
	OSM_SETTLE_NEIGHBOUR, /* no settlement node on the map: the addr:city or
				 addr:place of the nearest address that has one */
} osm_settle_how_t;

/* The settlement of address a: addr:city, else addr:place, else the name
 * of the smallest settlement area (place=* or an administrative area
 * named for a settlement) holding it, else the name of the nearest
 * settlement node, else, on a map without settlement nodes, the addr:city
 * or addr:place of the nearest address that has one (*dist_m the distance
 * to that node or address, else 0; *how which, when not NULL); NULL when
 * none. The string is the map's. */
const char *osm_address_settlement_ex(const sr_map_t *m, const osm_address_t *a, double *dist_m,
				      osm_settle_how_t *how);
/* osm_address_settlement_ex without how. */
const char *osm_address_settlement(const sr_map_t *m, const osm_address_t *a, double *dist_m);
/* "Садовая улица 5, Ивановка": street (or place) and number, then the
 * settlement when it is not the place already; written into buf. */
const char *osm_address_label(const sr_map_t *m, const osm_address_t *a, char *buf, size_t size);

/* What the list a feature comes from is called: "place", "destination",
 * "depot", "bus stop" or "element". */
const char *osm_feature_list_name(const sr_map_t *m, const osm_feature_t *f);

/* The normalised form of a name for forgiving matching (normalize.c):
 * Unicode NFC and full case folding (ICU), ё -> е, stress accents
 * dropped, typographic quotes dropped, dashes and hyphens as '-' with no
 * space around, "№ 2" as "№2", white space collapsed and trimmed.
 * Caller frees. NULL when s is not valid UTF-8. */
char *osm_name_fold(const char *s);
/* Edit distance (Levenshtein, in code points) between two UTF-8 strings,
 * stopping early above limit (then returns limit + 1). */
int osm_edit_distance(const char *a, const char *b, int limit);
/* How many of the words of folded query q worth matching (with a digit, or
 * of 3 letters or more) the folded name carries, each name word used once;
 * words without digits also match on a common start of 4 letters or more
 * that leaves at most 2 of the shorter (a cut-off or another ending)
 * ("Лицей 1500" has 2 of 2 in "Пушкинский лицей №1500"). *n_sig: q's words
 * worth matching; *name_rest: the name's such words left unmatched. */
int osm_name_words_match(const char *q, const char *name, int *n_sig, int *name_rest);
/* The word of cands[0..n) a mistyped q most likely meant: one that q begins
 * (a cut-off word of 4 letters or more), else the nearest by edit distance
 * if at most 3; the first wins a tie. Returns its index, or -1. */
int osm_closest_word(const char *q, const char *const *cands, size_t n);
/* Appends to b, when a word of s mixes Latin and Cyrillic letters (a key of
 * the other keyboard layout), a note naming the word and its odd letters:
 * " ('Altenplоs' mixes Latin and Cyrillic letters; Cyrillic here: о)". */
void osm_mixed_script_note(sr_buf_t *b, const char *s);

/* The settlement (city, town, village, hamlet, isolated dwelling) nearest
 * to a point, or NULL when the map has none; *dist_m its distance. */
const osm_feature_t *osm_settlement(const sr_map_t *m, double lat, double lon, double *dist_m);

/* Where element type/id lies: its centroid in *lat, *lon and, when outline
 * is not NULL, its outline (a node: itself; a way: its nodes; a relation:
 * its outer ways' nodes) in freshly allocated *olat, *olon arrays of *n
 * points (caller frees both). Returns 0 when the map does not hold the
 * element (or was read without keep_elements and it is no feature). */
int osm_element_locate(const sr_map_t *m, char type, int64_t id, double *lat, double *lon,
		       double **olat, double **olon, size_t *n);

#ifdef __cplusplus
}
#endif
#endif
