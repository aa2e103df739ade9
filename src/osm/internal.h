/*
 * internal.h - what the OSM reader's files share: the compact node table,
 * the per-way shape summary used for relation centroids, the interesting
 * tags of the element being read, the road-way store the graph is built
 * from, and the feature lists. Not a public interface.
 */
#ifndef SR_OSM_INTERNAL_H
#define SR_OSM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "schoolrun/osm.h"

/* Fixed-point coordinates: degrees * 1e7 (OSM's own precision). */
#define OSM_COORD_SCALE 1e7
#define OSM_NOT_FOUND SIZE_MAX

/* ---- input (input.c): plain, gzip or bzip2 bytes, "-" = stdin, read ahead by a
 * feeder thread ---- */
typedef struct osm_input osm_input_t;
int osm_input_open(const char *path, osm_input_t **out, sr_error_t *err);
/* Up to len bytes; 0 at the end, -1 on a read/decompression error. */
int osm_input_read(osm_input_t *in, char *buf, int len);
/* The error message after -1 (or a damaged end), else NULL. */
const char *osm_input_error(const osm_input_t *in);
/* The first decompressed bytes, before any read (for telling XML from
 * PBF); returns how many are at *p. */
size_t osm_input_peek(osm_input_t *in, const char **p);
/* Reads to the end, so that a damaged tail is noticed; -1 on error. */
int osm_input_drain(osm_input_t *in);
void osm_input_close(osm_input_t *in);

/* ---- limits (guard.c): checked on the raw bytes before libxml2 sees
 * them (its attribute check is quadratic in the attribute count), and on
 * the reader's counts ---- */
typedef struct osm_guard {
	int state, quote, depth, attrs, brackets;
	char c1, c2; /* the two previous bytes */
	long line;
	const osm_opts_t *o;
} osm_guard_t;

void osm_guard_init(osm_guard_t *g, const osm_opts_t *o);
/* Scans n more bytes; returns 0, or -1 with msg (size msz) naming the
 * limit that was passed, the line and the flag that raises it (*line). */
int osm_guard_scan(osm_guard_t *g, const char *buf, size_t n, char *msg, size_t msz, long *line);
/* The reader's own limits: tags of the element, nodes of the way, bytes of
 * the stored tables. Return 0, or -1 with msg. */
int osm_guard_counts(const osm_opts_t *o, size_t tags, size_t way_nodes, uint64_t map_bytes,
		     char *msg, size_t msz);

/* ---- node table: every node's id and position, 16 bytes a node ---- */
typedef struct osm_node_rec {
	int64_t id;
	int32_t lat, lon;
} osm_node_rec_t;

typedef struct osm_nodes {
	osm_node_rec_t *a;
	size_t n, cap;
	int sorted;	 /* ids ascending (the normal order of OSM files) */
	size_t hint;	 /* last index found */
	int64_t *sample; /* id of every OSM_NODE_BLOCK-th node (after finish) */
	size_t n_sample;
} osm_nodes_t;

#define OSM_NODE_BLOCK 256

void osm_nodes_push(osm_nodes_t *t, int64_t id, int32_t lat, int32_t lon);
/* Sorts by id if the file did not come sorted. */
void osm_nodes_finish(osm_nodes_t *t);
/* After finish: an id given twice (the first such), or 0 when none. */
int64_t osm_nodes_duplicate(const osm_nodes_t *t);
/* Index of node id, or OSM_NOT_FOUND. Table must be finished. */
size_t osm_nodes_find(osm_nodes_t *t, int64_t id);
static inline double osm_node_lat(const osm_nodes_t *t, size_t i)
{
	return t->a[i].lat / OSM_COORD_SCALE;
}
static inline double osm_node_lon(const osm_nodes_t *t, size_t i)
{
	return t->a[i].lon / OSM_COORD_SCALE;
}

/* ---- per-way shape summary, kept for every way for relation centroids ---- */
typedef struct osm_way_rec {
	int64_t id;
	double lat, lon; /* polygon centroid if closed with area, else node mean */
	float area;	 /* planar area (deg^2, lon scaled by cos lat); 0 = not a polygon */
	uint32_t n;	 /* distinct nodes present */
	uint32_t n_refs; /* node references kept (elements.c; without keep_elements only
			    for the ways a settlement's area may be made of), 0 when not kept */
	size_t ref0;	 /* first of them in osm_elements_t.refs */
} osm_way_rec_t;

typedef struct osm_ways {
	osm_way_rec_t *a;
	size_t n, cap;
	int sorted;
} osm_ways_t;

void osm_ways_finish(osm_ways_t *t);
size_t osm_ways_find(const osm_ways_t *t, int64_t id);

/* Shape of a way from its present nodes (node-table indices). */
void osm_way_shape(const osm_nodes_t *nodes, const uint32_t *idx, size_t n, osm_way_rec_t *out);

/* ---- the tags of the element being read that any rule looks at ---- */
enum {
	OSM_T_HIGHWAY,
	OSM_T_AREA,
	OSM_T_JUNCTION,
	OSM_T_ONEWAY,
	OSM_T_ONEWAY_BUS,
	OSM_T_ONEWAY_PSV,
	OSM_T_MAXSPEED,
	OSM_T_ACCESS,
	OSM_T_VEHICLE,
	OSM_T_MOTOR_VEHICLE,
	OSM_T_PSV,
	OSM_T_BUS,
	OSM_T_PLACE,
	OSM_T_NAME,
	OSM_T_NAME_RU,
	OSM_T_NAME_EN,
	OSM_T_POPULATION,
	OSM_T_AMENITY,
	OSM_T_LEISURE,
	OSM_T_BUILDING,
	OSM_T_LANDUSE,
	OSM_T_TYPE,
	OSM_T_SPORT,
	OSM_T_PUBLIC_TRANSPORT,
	OSM_T_ADDR_HOUSENUMBER,
	OSM_T_ADDR_STREET,
	OSM_T_ADDR_PLACE,
	OSM_T_ADDR_CITY,
	OSM_T_ADDR_SUBURB,
	OSM_T_BOUNDARY,
	OSM_T_OFFICIAL_NAME,
	OSM_T_SHORT_NAME,
	OSM_T_ALT_NAME,
	OSM_T_N
};

typedef struct osm_tags {
	size_t off[OSM_T_N]; /* offset into buf, or SIZE_MAX when absent */
	sr_buf_t buf;
} osm_tags_t;

/* Key index of an OSM key, or -1 if no rule looks at it. */
int osm_tag_key(const char *k);
void osm_tags_reset(osm_tags_t *t);
void osm_tags_set(osm_tags_t *t, int key, const char *v, size_t len);
/* Value or NULL. */
const char *osm_tag(const osm_tags_t *t, int key);

/* ---- features ---- */
typedef struct osm_fvec {
	osm_feature_t *a;
	size_t n, cap;
} osm_fvec_t;

/* What an element is: place kind (-1 none), destination kind (-1 none),
 * other (depot candidate) 1/0, stop (a bus stop node) 1/0, named (any
 * other named element that is not a road) 1/0. */
typedef struct osm_class {
	int place, dest, other, stop, named;
} osm_class_t;

void osm_classify(const osm_tags_t *t, osm_class_t *c);
/* A place, destination or depot candidate (what the reader counts when it
 * cannot place it, and what relations are kept for). */
static inline int osm_class_any(const osm_class_t *c)
{
	return c->place >= 0 || c->dest >= 0 || c->other;
}
void osm_fvec_add(osm_fvec_t *v, char type, int64_t id, int kind, const osm_tags_t *t, double lat,
		  double lon);
void osm_fvec_free(osm_fvec_t *v);
/* Frees the strings of n features and the array (map.c). */
void osm_features_free(osm_feature_t *f, size_t n);

/* ---- settlement areas (areas.c): the outlines of places and of the
 * administrative areas named for a settlement, for the settlement of an
 * address ---- */
#define OSM_AREA_NONE (-2)  /* no settlement area (or one dropped) */
#define OSM_AREA_ADMIN (-1) /* boundary=administrative */

typedef struct osm_area {
	int64_t id;
	double area;	  /* planar, deg^2 (lon scaled by cos lat): the smallest wins */
	int32_t box[4];	  /* min lat, min lon, max lat, max lon (1e-7 degrees) */
	size_t ring0;	  /* its first ring in osm_areas_t.ring_end */
	uint32_t n_rings; /* closed rings, outer and inner alike (even-odd) */
	uint32_t name[3]; /* name, name:ru, name:en: offsets into pool, UINT32_MAX none */
	int kind;	  /* osm_place_kind_t, OSM_AREA_ADMIN or OSM_AREA_NONE */
	char type;	  /* 'w' or 'r' */
} osm_area_t;

typedef struct osm_areas {
	osm_area_t *a;
	size_t n, cap;
	int32_t *pts; /* lat, lon pairs of every ring, each closed */
	size_t n_pts, cap_pts;
	size_t *ring_end; /* per ring: one past its last point */
	size_t n_rings, cap_rings;
	sr_buf_t pool; /* the names */
	char **keys;   /* after finish: 3 per area, osm_addr_settle_key of its names */
} osm_areas_t;

/* The kind of area an element with tags t would be (named: a place of
 * the kinds above, boundary=administrative), else OSM_AREA_NONE. */
int osm_area_kind(const osm_tags_t *t);
/* Keeps the ring of closed way id (node-table indices idx[0..n)) when its
 * tags make it an area. */
void osm_areas_add_way(osm_areas_t *v, const osm_tags_t *t, int64_t id, const osm_nodes_t *nodes,
		       const uint32_t *idx, size_t n);
/* Keeps the rings of relation id when its tags make it an area: joined
 * from its way members[0..n) (their node references at refs + ref0 of
 * their way records; a ring that does not close is left out). */
void osm_areas_add_rel(osm_areas_t *v, const osm_tags_t *t, int64_t id, const osm_nodes_t *nodes,
		       const osm_ways_t *ways, const uint32_t *refs, const int64_t *members,
		       size_t n);
/* After the map: the names' keys; an administrative area counts only
 * when a settlement of places[0..n) of its name lies inside it. */
void osm_areas_finish(osm_areas_t *v, const osm_feature_t *places, size_t n_places);
/* Does area i hold the point (even-odd rule over its rings)? */
int osm_area_holds(const osm_areas_t *v, size_t i, double lat, double lon);
/* The smallest area holding the point, or SIZE_MAX. */
size_t osm_areas_at(const osm_areas_t *v, double lat, double lon);
/* Name k (0 name, 1 name:ru, 2 name:en) of area i, or NULL. */
const char *osm_area_name(const osm_areas_t *v, size_t i, int k);
void osm_areas_free(osm_areas_t *v);

/* ---- street addresses (address.c, addr_words.c, addr_find.c) ---- */
enum { OSM_A_HOUSENUMBER, OSM_A_STREET, OSM_A_PLACE, OSM_A_CITY, OSM_A_SUBURB, OSM_A_N };

/* An address as the reader keeps it: its strings are offsets into the
 * vector's pool (UINT32_MAX: absent), about 50 bytes plus the text. */
typedef struct osm_addr_rec {
	int64_t id;
	double lat, lon;
	uint32_t s[OSM_A_N];
	char type;
} osm_addr_rec_t;

typedef struct osm_addr_vec {
	osm_addr_rec_t *a;
	size_t n, cap;
	sr_buf_t pool;
} osm_addr_vec_t;

/* Keeps the element's address when its tags have addr:housenumber and
 * addr:street or addr:place. Returns 0, or -1 when the addresses' text
 * passes 4 GB. */
int osm_addrs_add(osm_addr_vec_t *v, char type, int64_t id, const osm_tags_t *t, double lat,
		  double lon);
void osm_addrs_free(osm_addr_vec_t *v);
/* Moves v and the settlement areas (both left empty; m->places already
 * set) into m->addrs and m->addr_index, with the index. */
void osm_addrs_adopt(sr_map_t *m, osm_addr_vec_t *v, osm_areas_t *areas);
void osm_addr_index_free(osm_addr_index_t *x);

/* The lookup index: the distinct streets, each as a feature (its name
 * the street, at its first address) for "did you mean", with its key. */
struct osm_addr_index {
	char *pool;		/* the addresses' strings */
	uint32_t *street_of;	/* per address: its street, UINT32_MAX for none */
	osm_feature_t *streets; /* per street: name (into pool), first address's point */
	char **keys;		/* per street: osm_addr_street_key */
	int *types;		/* per street: its kind of street, -1 when unsaid */
	size_t n_streets;
	uint32_t *settle_of[3]; /* per address: addr:place, addr:city, addr:suburb
				   as an index into settle_keys, UINT32_MAX none */
	char **settle_keys;	/* per distinct settlement name: osm_addr_settle_key */
	size_t n_settles;
	osm_areas_t areas; /* settlement areas (areas.c) */
	uint32_t *area_of; /* per address: the smallest area holding it, UINT32_MAX none */
	uint32_t *near_of; /* per address, on a map without settlement nodes: the nearest
			      address with addr:city or addr:place, UINT32_MAX none */
};

/* The key a street name is matched by: folded (osm_name_fold), the words
 * saying what kind of street it is left out (ул., улица, пер., Strasse as
 * a word...; *type their kind or -1), "...str." as "...strasse".
 * Caller frees; NULL when s is not valid UTF-8. */
char *osm_addr_street_key(const char *s, int *type);
/* The mark a query's street key puts after a word written with a dot
 * (an abbreviation: "б*" for "Б."); the map's keys never carry it. */
#define OSM_ADDR_ABBREV '*'
/* Does the query's street key q name the map's street key? Word by word
 * equal, a word marked as an abbreviation matching every word it begins
 * ("б* златоустинский" matches "большой златоустинский"); one word at
 * least written in full. */
int osm_addr_street_match(const char *q, const char *key);
/* The key of a settlement name: folded, the kind words left out (д.,
 * деревня, с., пос., г. ...). Caller frees; NULL when not UTF-8. */
char *osm_addr_settle_key(const char *s);
/* A house number in one form: folded, spaces and dots out, "дом"/"д."
 * before it dropped, корпус/корп. as "к", строение/стр. as "с", литера
 * dropped: "12 корп. 1" = "12к1". main (size msz): the number without
 * корпус/строение ("12к1" -> "12"). Returns 0, or -1 when it does not
 * begin with a digit. */
int osm_addr_number_key(const char *s, char *key, size_t ksz, char *main, size_t msz);

/* What a query says, each part folded; NULL where it says nothing. */
#define OSM_ADDR_GROUPS 4
typedef struct osm_addr_query {
	char *street;		       /* after a street word (ул., Straße...), key form */
	int street_type;	       /* its kind, -1 */
	char *settle;		       /* after a settlement word (д., с., пос., г. ...) */
	char *groups[OSM_ADDR_GROUPS]; /* words of no kind, street or settlement */
	int n_groups;
	char number[64]; /* osm_addr_number_key of the house number, "" none */
	char main[64];	 /* ... its main part */
	int marked;	 /* a street, settlement or house word was seen */
} osm_addr_query_t;

/* Splits q into settlement, street and house number (addr_words.c).
 * Returns 0, or -1 when q is no address (no house number, not UTF-8);
 * the caller frees with osm_addr_query_free either way. */
int osm_addr_parse(const char *q, osm_addr_query_t *out);
void osm_addr_query_free(osm_addr_query_t *a);

/* Up to max features of f[0..n) whose names are nearest the folded q
 * (find.c's "did you mean"); returns how many, in out. */
size_t osm_suggest(const osm_feature_t *f, size_t n, const char *q, const osm_feature_t **out,
		   size_t max);
/* Resolves query as an address (addr_find.c): returns 0 when it is none
 * (no house number, or no street or settlement the map knows, without a
 * street or house word), else 1 with *rc SR_OK (*out, how) or SR_EINPUT
 * (err). */
int osm_addr_find(const sr_map_t *m, const char *query, osm_feature_t *out, osm_found_t *how,
		  int *rc, sr_error_t *err);

/* ---- every element's place, kept for explicit OSM ids (elements.c) ----
 * With osm_opts_t.keep_elements the reader keeps, beside the node table
 * and the way shapes it has anyway, each way's node references and each
 * relation's way members, and hands all of it to the map. */
typedef struct osm_rel_rec {
	int64_t id;
	size_t member0;	     /* into osm_elements_t.members */
	uint32_t n_outer, n; /* outer (or role-less) way members come first */
} osm_rel_rec_t;

struct osm_elements {
	osm_nodes_t nodes;
	osm_ways_t ways;
	uint32_t *refs; /* way node references (node-table indices) */
	size_t n_refs, cap_refs;
	osm_rel_rec_t *rels;
	size_t n_rels, cap_rels;
	int rels_sorted;
	int64_t *members; /* relation way members */
	size_t n_members, cap_members;
};

/* Keeps way w's node references (called by the reader once w is filled). */
void osm_elements_keep_way(osm_elements_t *e, osm_way_rec_t *w, const uint32_t *idx, size_t n);
/* Keeps a relation's way members (outer ones first). */
void osm_elements_keep_rel(osm_elements_t *e, int64_t id, const int64_t *members, size_t n_outer,
			   size_t n);
/* A new element index made of kept (refs, relations) and the reader's node
 * table and way shapes; all three are moved (left empty). */
osm_elements_t *osm_elements_adopt(osm_elements_t *kept, osm_nodes_t *nodes, osm_ways_t *ways);
void osm_elements_clear(osm_elements_t *e);
/* Where a relation lies from its way members' shapes: the area-weighted
 * centroid of its closed outer rings, else the node mean of its outer
 * members, else of all members. Returns 0 when no member is present. */
int osm_rel_centroid(const osm_ways_t *ways, const int64_t *members, size_t n_outer, size_t n,
		     double *lat, double *lon);

/* ---- road ways and the graph built from them ---- */
typedef struct osm_road_way {
	size_t first; /* into refs */
	uint32_t n;
	uint8_t road_class, forward, backward;
	float kmh;
} osm_road_way_t;

typedef struct osm_roads {
	uint32_t *refs; /* node-table indices, consecutive duplicates removed */
	size_t n_refs, cap_refs;
	osm_road_way_t *ways;
	size_t n_ways, cap_ways;
} osm_roads_t;

/* Adds a way the profile admitted; returns its length in metres. */
double osm_roads_add(osm_roads_t *r, const osm_nodes_t *nodes, const uint32_t *idx, size_t n,
		     const net_way_rule_t *rule);
/* Builds the CSR graph; with fold, chains of degree-2 nodes whose two
 * sides have the same class, speed and direction become single edges.
 * Fills the extent in st. */
sr_network_t *osm_roads_build(const osm_roads_t *r, const osm_nodes_t *nodes, int fold,
			      osm_stats_t *st);
void osm_roads_free(osm_roads_t *r);

/* ---- bbox selection (bbox.c): osmium extract's complete_ways strategy
 * in two passes: the first (osm_select_*) notes the ids to keep, the
 * second keeps only those (osm_select_has_*). ---- */
typedef struct osm_select osm_select_t;
osm_select_t *osm_select_new(const osm_bbox_t *box);
void osm_select_free(osm_select_t *s);
void osm_select_node(osm_select_t *s, int64_t id, int32_t lat, int32_t lon);
/* After the first pass: SR_OK when the box holds a node of the map (or
 * the map has none), else an error saying where the map lies (and the box
 * in the other order when that one holds it). */
int osm_select_check(const osm_select_t *s, const char *shown, sr_error_t *err);
/* "9.46,47.03,9.65,47.19": box b in degrees, minlon,minlat,maxlon,maxlat,
 * as the user writes it; written into buf. */
const char *osm_bbox_text(const osm_bbox_t *b, char *buf, size_t size);
/* the sections change: nodes (1) -> ways (2) -> relations (3) */
void osm_select_section(osm_select_t *s, int phase);
void osm_select_way(osm_select_t *s, int64_t id);
void osm_select_way_ref(osm_select_t *s, int64_t ref);
void osm_select_relation(osm_select_t *s, int64_t id);
void osm_select_member(osm_select_t *s, char type, int64_t ref);
void osm_select_end(osm_select_t *s); /* ends a way or relation */
/* After the first pass: adds parent relations, sorts. */
void osm_select_finish(osm_select_t *s);
int osm_select_has(const osm_select_t *s, char type, int64_t id);

/* ---- the element sink (sink.c): what every format reader (xml.c,
 * pbf.c) feeds, element by element, and what builds the map ---- */
enum { OSM_IN_NONE, OSM_IN_NODE, OSM_IN_WAY, OSM_IN_REL };

typedef struct osm_sink {
	const osm_opts_t *opts;
	osm_select_t *sel; /* with a bbox */
	int selecting;	   /* first pass of a bbox read: only note ids */
	char msg[256];	   /* the error, without its position */

	int phase; /* OSM_IN_*: furthest section reached */
	int in;	   /* element being read */
	int skip;  /* element outside the bbox: ignore its parts */
	int64_t cur_id;
	osm_tags_t tags;
	uint32_t *nd; /* current way: node-table indices */
	size_t n_nd, cap_nd;
	int64_t *members; /* current relation: way ids (outer first) */
	size_t n_members, cap_members, n_outer;
	int64_t *rel_ids, *rel_refs; /* for counting missing relation members */
	size_t n_rel_ids, cap_rel_ids, n_rel_refs, cap_rel_refs;
	size_t n_tags, n_way_nd; /* current element's, for the limits (guard.c) */

	osm_nodes_t nodes;
	osm_ways_t ways;
	osm_roads_t roads;
	osm_fvec_t places, dests, others, stops, named;
	osm_addr_vec_t addrs;
	osm_areas_t areas;   /* settlement areas (areas.c) */
	osm_elements_t kept; /* way refs and relation members (keep_elements; else the
				refs of the ways a settlement's area may be made of) */
	osm_stats_t st;
} osm_sink_t;

void osm_sink_init(osm_sink_t *s, const osm_opts_t *o);
void osm_sink_free(osm_sink_t *s);
/* Element starts; its tags (osm_sink_tag), way nodes or relation members
 * follow, then osm_sink_end(). Return SR_OK or SR_EINPUT with s->msg.
 * The sink checks the limits of guard.c (tags of an element, nodes of a
 * way, memory of its tables) and refuses a node id given twice. */
int osm_sink_node(osm_sink_t *s, int64_t id, int32_t lat, int32_t lon);
int osm_sink_way(osm_sink_t *s, int64_t id);
int osm_sink_relation(osm_sink_t *s, int64_t id);
/* Whether tags of the current element matter (not skipped, not the
 * selecting pass): a reader may spare itself the key lookups. */
static inline int osm_sink_wants_tags(const osm_sink_t *s)
{
	return !s->skip && !s->selecting;
}
/* Every tag of the element, so that the sink counts them: key is
 * osm_tag_key() of the tag's key, -1 (v unused) when no rule looks at it
 * or the sink does not want tags now. */
int osm_sink_tag(osm_sink_t *s, int key, const char *v, size_t len);
int osm_sink_way_ref(osm_sink_t *s, int64_t ref);
/* type 'n', 'w' or 'r'; role need not be NUL-terminated */
void osm_sink_member(osm_sink_t *s, char type, int64_t ref, const char *role, size_t role_len);
int osm_sink_end(osm_sink_t *s);
/* After the last element: the map (path as shown in messages), or NULL
 * with s->msg (a node id given twice in a file without ways). */
sr_map_t *osm_sink_finish(osm_sink_t *s, const char *path);
/* Back to an empty state between the two passes of a bbox read. */
void osm_sink_rewind(osm_sink_t *s);

/* ---- the formats: one pass over the input into the sink ---- */
int osm_xml_pass(osm_input_t *in, const char *path, osm_sink_t *s, sr_error_t *err);
int osm_pbf_pass(osm_input_t *in, const char *path, osm_sink_t *s, sr_error_t *err);

#endif
