/*
 * sink.c - the element sink every format reader feeds (xml.c, pbf.c): it
 * turns a stream of nodes, ways and relations into the road graph, places,
 * destinations and depot candidates, whatever the file's format.
 *
 * Strategy: one pass, like libosmium's handlers with a location index
 * (osmium's "add_locations_to_ways"). OSM files come as nodes, then ways,
 * then relations. Every node's id and position is kept in a compact sorted
 * array (16 bytes a node: int64 id, int32 lat/lon in 1e-7 degrees) so ways
 * can be placed when they arrive; this serves stdin and compressed input
 * alike, which a two-pass reader could not without spooling. Each way
 * leaves a 32-byte shape summary (centroid, area, node count) so
 * multipolygon relations, which come last, can be placed without keeping
 * way geometry: a relation sits at the area-weighted centroid of its closed
 * outer member ways, or, when no outer member is a closed ring, at the mean
 * of its outer members' nodes (a simplification of libosmium's area
 * assembler: rings split over several ways are not stitched, inner rings
 * are ignored). The outlines of settlements (areas.c) are kept apart:
 * closed place and boundary ways as they end, multipolygons joined from
 * the node lists kept for the ways they may be made of (untagged, or
 * tagged place or boundary; 4 bytes a node). Road ways keep their node
 * list (4 bytes a node) until the graph is built (roads.c). Everything
 * else is dropped as it streams past. Peak memory is therefore about 16
 * bytes per node of the file plus the road network. Ids inside a section
 * may come unsorted (the table is sorted once when the ways begin), but
 * the sections must come in order.
 *
 * With a bbox, the reader makes two passes: in the first the sink only
 * hands ids and positions to the selection (bbox.c); in the second it keeps
 * what the selection chose, so memory follows what is kept.
 */
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"
#include "util/i18n.h"

void osm_sink_init(osm_sink_t *s, const osm_opts_t *o)
{
	memset(s, 0, sizeof(*s));
	s->opts = o;
	osm_tags_reset(&s->tags);
}

static int sink_fail(osm_sink_t *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int sink_fail(osm_sink_t *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof(s->msg), fmt, ap);
	va_end(ap);
	return SR_EINPUT;
}

/* The count limits of guard.c on what the sink holds now. */
static int check_limits(osm_sink_t *s)
{
	uint64_t bytes = (uint64_t)s->nodes.cap * sizeof(osm_node_rec_t) +
			 (uint64_t)s->ways.cap * sizeof(osm_way_rec_t) +
			 (uint64_t)s->roads.cap_refs * sizeof(uint32_t) +
			 (uint64_t)s->roads.cap_ways * sizeof(osm_road_way_t) +
			 (uint64_t)s->cap_nd * sizeof(uint32_t);
	if (osm_guard_counts(s->opts, s->n_tags, s->n_way_nd, bytes, s->msg, sizeof(s->msg)))
		return SR_EINPUT;
	return SR_OK;
}

/* A node id given twice would place two nodes under one id and split the
 * roads through it: refused, not guessed at. */
static int dup_node(osm_sink_t *s, int64_t id)
{
	return sink_fail(s,
			 _("node id %lld is given twice; each node may appear once "
			   "(remove or renumber the copy)"),
			 (long long)id);
}

/* The node table is complete (the ways begin, or the file ends): sorted,
 * and checked for an id given twice. */
static int finish_nodes(osm_sink_t *s)
{
	osm_nodes_finish(&s->nodes);
	int64_t d = osm_nodes_duplicate(&s->nodes);
	return d ? dup_node(s, d) : SR_OK;
}

static void add_features(osm_sink_t *s, char type, double lat, double lon)
{
	if (s->tags.buf.len == 0)
		return; /* no tag any rule looks at */
	osm_class_t c;
	osm_classify(&s->tags, &c);
	if (c.place >= 0)
		osm_fvec_add(&s->places, type, s->cur_id, c.place, &s->tags, lat, lon);
	if (c.dest >= 0)
		osm_fvec_add(&s->dests, type, s->cur_id, c.dest, &s->tags, lat, lon);
	if (c.other)
		osm_fvec_add(&s->others, type, s->cur_id, 0, &s->tags, lat, lon);
	if (c.stop)
		osm_fvec_add(&s->stops, type, s->cur_id, 0, &s->tags, lat, lon);
	if (c.named && s->opts->keep_elements)
		osm_fvec_add(&s->named, type, s->cur_id, 0, &s->tags, lat, lon);
}

/* The element's street address, when it has one (address.c). */
static int add_address(osm_sink_t *s, char type, double lat, double lon)
{
	if (!osm_tag(&s->tags, OSM_T_ADDR_HOUSENUMBER))
		return SR_OK;
	if (osm_addrs_add(&s->addrs, type, s->cur_id, &s->tags, lat, lon))
		return sink_fail(s,
				 _("street addresses over 4 GB of text: too many for this reader"));
	return SR_OK;
}

static int end_way(osm_sink_t *s)
{
	sr_grow(&s->ways.a, &s->ways.cap, s->ways.n + 1, sizeof(*s->ways.a));
	osm_way_rec_t *w = &s->ways.a[s->ways.n];
	if (s->ways.n == 0)
		s->ways.sorted = 1;
	else if (s->cur_id <= s->ways.a[s->ways.n - 1].id)
		s->ways.sorted = 0;
	s->ways.n++;
	osm_way_shape(&s->nodes, s->nd, s->n_nd, w);
	w->id = s->cur_id;
	w->n_refs = 0;
	const osm_tags_t *t = &s->tags;
	/* a settlement's multipolygon is made of untagged ways or of ways
	 * tagged place or boundary: their node references are kept for it */
	if (s->opts->keep_elements || s->n_tags == 0 || osm_tag(t, OSM_T_BOUNDARY) ||
	    osm_tag(t, OSM_T_PLACE))
		osm_elements_keep_way(&s->kept, w, s->nd, s->n_nd);
	osm_areas_add_way(&s->areas, t, s->cur_id, &s->nodes, s->nd, s->n_nd);

	if (osm_tag(t, OSM_T_HIGHWAY)) {
		net_way_tags_t wt = {
			.highway = osm_tag(t, OSM_T_HIGHWAY),
			.area = osm_tag(t, OSM_T_AREA),
			.junction = osm_tag(t, OSM_T_JUNCTION),
			.oneway = osm_tag(t, OSM_T_ONEWAY),
			.oneway_bus = osm_tag(t, OSM_T_ONEWAY_BUS),
			.oneway_psv = osm_tag(t, OSM_T_ONEWAY_PSV),
			.maxspeed = osm_tag(t, OSM_T_MAXSPEED),
			.access = osm_tag(t, OSM_T_ACCESS),
			.vehicle = osm_tag(t, OSM_T_VEHICLE),
			.motor_vehicle = osm_tag(t, OSM_T_MOTOR_VEHICLE),
			.psv = osm_tag(t, OSM_T_PSV),
			.bus = osm_tag(t, OSM_T_BUS),
		};
		net_way_rule_t rule;
		net_profile_way(&s->opts->profile, &wt, &rule);
		if (rule.routable && s->roads.n_refs + s->n_nd >= (size_t)INT32_MAX)
			return sink_fail(
				s, _("road network too large (over 2^31 road node references)"));
		if (rule.routable) {
			double len = osm_roads_add(&s->roads, &s->nodes, s->nd, s->n_nd, &rule);
			s->st.road_km_by_class[rule.road_class] += len / 1000.0;
			s->st.unknown_maxspeed += (uint64_t)rule.maxspeed_unknown;
		}
	}
	if (w->n > 0) {
		add_features(s, 'w', w->lat, w->lon);
		return add_address(s, 'w', w->lat, w->lon);
	} else {
		osm_class_t c;
		osm_classify(t, &c);
		s->st.unplaced_features += (uint64_t)osm_class_any(&c);
	}
	return SR_OK;
}

static int end_relation(osm_sink_t *s)
{
	if (s->opts->keep_elements)
		osm_elements_keep_rel(&s->kept, s->cur_id, s->members, s->n_outer, s->n_members);
	osm_class_t c;
	osm_classify(&s->tags, &c);
	int addr = osm_tag(&s->tags, OSM_T_ADDR_HOUSENUMBER) != NULL;
	const char *type = osm_tag(&s->tags, OSM_T_TYPE);
	if (!type || (strcmp(type, "multipolygon") && strcmp(type, "boundary")))
		return SR_OK;
	osm_areas_add_rel(&s->areas, &s->tags, s->cur_id, &s->nodes, &s->ways, s->kept.refs,
			  s->members, s->n_members);
	if (!osm_class_any(&c) && !addr)
		return SR_OK;
	double lat, lon;
	if (!osm_rel_centroid(&s->ways, s->members, s->n_outer, s->n_members, &lat, &lon)) {
		s->st.unplaced_features += (uint64_t)osm_class_any(&c);
		return SR_OK;
	}
	if (osm_class_any(&c))
		add_features(s, 'r', lat, lon);
	return add_address(s, 'r', lat, lon);
}

/* Section order and the work due when a section begins. */
static int start_element(osm_sink_t *s, int kind, int64_t id)
{
	static const char *const names[] = {"", "node", "way", "relation"};
	if (s->in != OSM_IN_NONE)
		return sink_fail(s, _("<%s> inside another element"), names[kind]);
	if (kind < s->phase)
		return sink_fail(s,
				 _("%s %lld after the %s: the file is not in OSM order "
				   "(nodes, ways, relations; `osmium sort` fixes it)"),
				 names[kind], (long long)id,
				 s->phase == OSM_IN_WAY ? "ways" : "relations");
	if (kind > s->phase) {
		if (s->selecting) {
			osm_select_section(s->sel, kind);
		} else {
			if (kind >= OSM_IN_WAY && s->phase < OSM_IN_WAY && finish_nodes(s))
				return SR_EINPUT;
			if (kind >= OSM_IN_REL && s->phase < OSM_IN_REL)
				osm_ways_finish(&s->ways);
		}
		s->phase = kind;
	}
	s->in = kind;
	s->cur_id = id;
	s->n_tags = s->n_way_nd = 0;
	if (check_limits(s))
		return SR_EINPUT;
	s->skip = s->sel && !s->selecting && !osm_select_has(s->sel, names[kind][0], id);
	if (!s->selecting && !s->skip)
		osm_tags_reset(&s->tags);
	return SR_OK;
}

int osm_sink_node(osm_sink_t *s, int64_t id, int32_t lat, int32_t lon)
{
	if (start_element(s, OSM_IN_NODE, id))
		return SR_EINPUT;
	if (s->selecting) {
		osm_select_node(s->sel, id, lat, lon);
		return SR_OK;
	}
	if (s->skip)
		return SR_OK;
	s->st.nodes++;
	if (s->nodes.n > 0 && s->nodes.a[s->nodes.n - 1].id == id)
		return dup_node(s, id);
	if (s->nodes.n >= UINT32_MAX - 1)
		return sink_fail(s, _("more than %u nodes: too many for this reader"),
				 UINT32_MAX - 2);
	osm_nodes_push(&s->nodes, id, lat, lon);
	return SR_OK;
}

int osm_sink_way(osm_sink_t *s, int64_t id)
{
	if (start_element(s, OSM_IN_WAY, id))
		return SR_EINPUT;
	if (s->selecting)
		osm_select_way(s->sel, id);
	else if (!s->skip)
		s->st.ways++;
	s->n_nd = 0;
	return SR_OK;
}

int osm_sink_relation(osm_sink_t *s, int64_t id)
{
	if (start_element(s, OSM_IN_REL, id))
		return SR_EINPUT;
	if (s->selecting) {
		osm_select_relation(s->sel, id);
		return SR_OK;
	}
	if (s->skip)
		return SR_OK;
	s->st.relations++;
	sr_grow(&s->rel_ids, &s->cap_rel_ids, s->n_rel_ids + 1, sizeof(int64_t));
	s->rel_ids[s->n_rel_ids++] = id;
	s->n_members = s->n_outer = 0;
	return SR_OK;
}

int osm_sink_tag(osm_sink_t *s, int key, const char *v, size_t len)
{
	if (s->in == OSM_IN_NONE)
		return SR_OK;
	s->n_tags++;
	if (check_limits(s))
		return SR_EINPUT;
	if (key >= 0 && osm_sink_wants_tags(s))
		osm_tags_set(&s->tags, key, v, len);
	return SR_OK;
}

int osm_sink_way_ref(osm_sink_t *s, int64_t ref)
{
	s->n_way_nd++;
	if (check_limits(s))
		return SR_EINPUT;
	if (s->selecting) {
		osm_select_way_ref(s->sel, ref);
		return SR_OK;
	}
	if (s->skip)
		return SR_OK;
	size_t k = osm_nodes_find(&s->nodes, ref);
	if (k == OSM_NOT_FOUND) {
		s->st.missing_node_refs++;
		return SR_OK;
	}
	sr_grow(&s->nd, &s->cap_nd, s->n_nd + 1, sizeof(*s->nd));
	s->nd[s->n_nd++] = (uint32_t)k;
	return SR_OK;
}

void osm_sink_member(osm_sink_t *s, char type, int64_t ref, const char *role, size_t role_len)
{
	if (s->selecting) {
		osm_select_member(s->sel, type, ref);
		return;
	}
	if (s->skip)
		return;
	if (type == 'n') {
		s->st.missing_members += osm_nodes_find(&s->nodes, ref) == OSM_NOT_FOUND;
	} else if (type == 'w') {
		if (osm_ways_find(&s->ways, ref) == OSM_NOT_FOUND) {
			s->st.missing_members++;
			return;
		}
		int outer = role_len == 0 || (role_len == 5 && !memcmp(role, "outer", 5));
		sr_grow(&s->members, &s->cap_members, s->n_members + 1, sizeof(int64_t));
		if (outer && s->n_outer < s->n_members) { /* keep outer members first */
			s->members[s->n_members++] = s->members[s->n_outer];
			s->members[s->n_outer++] = ref;
		} else if (outer) {
			s->members[s->n_members++] = ref;
			s->n_outer++;
		} else {
			s->members[s->n_members++] = ref;
		}
	} else {
		sr_grow(&s->rel_refs, &s->cap_rel_refs, s->n_rel_refs + 1, sizeof(int64_t));
		s->rel_refs[s->n_rel_refs++] = ref;
	}
}

int osm_sink_end(osm_sink_t *s)
{
	int in = s->in, rc = SR_OK;
	s->in = OSM_IN_NONE;
	if (s->selecting) {
		if (in != OSM_IN_NODE)
			osm_select_end(s->sel);
		return SR_OK;
	}
	if (s->skip)
		return SR_OK;
	if (in == OSM_IN_NODE) {
		const osm_node_rec_t *n = &s->nodes.a[s->nodes.n - 1];
		add_features(s, 'n', n->lat / OSM_COORD_SCALE, n->lon / OSM_COORD_SCALE);
		rc = add_address(s, 'n', n->lat / OSM_COORD_SCALE, n->lon / OSM_COORD_SCALE);
	} else if (in == OSM_IN_WAY) {
		rc = end_way(s);
	} else if (in == OSM_IN_REL) {
		rc = end_relation(s);
	}
	return rc;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void sink_free_tables(osm_sink_t *s)
{
	sr_buf_free(&s->tags.buf);
	free(s->nd);
	free(s->members);
	free(s->rel_ids);
	free(s->rel_refs);
	free(s->nodes.a);
	free(s->nodes.sample);
	free(s->ways.a);
	osm_roads_free(&s->roads);
	osm_fvec_free(&s->places);
	osm_fvec_free(&s->dests);
	osm_fvec_free(&s->others);
	osm_fvec_free(&s->stops);
	osm_fvec_free(&s->named);
	osm_addrs_free(&s->addrs);
	osm_areas_free(&s->areas);
	osm_elements_clear(&s->kept);
}

void osm_sink_rewind(osm_sink_t *s)
{
	const osm_opts_t *o = s->opts;
	osm_select_t *sel = s->sel;
	sink_free_tables(s);
	osm_sink_init(s, o);
	s->sel = sel;
}

void osm_sink_free(osm_sink_t *s)
{
	sink_free_tables(s);
	osm_select_free(s->sel);
	s->sel = NULL;
}

sr_map_t *osm_sink_finish(osm_sink_t *s, const char *path)
{
	if (s->phase < OSM_IN_WAY && finish_nodes(s))
		return NULL;
	if (s->phase < OSM_IN_REL)
		osm_ways_finish(&s->ways);
	s->phase = OSM_IN_REL;

	/* relation members that are relations not in the file */
	if (s->n_rel_ids > 1)
		qsort(s->rel_ids, s->n_rel_ids, sizeof(int64_t), cmp_i64);
	for (size_t i = 0; i < s->n_rel_refs; i++)
		if (!s->n_rel_ids ||
		    !bsearch(&s->rel_refs[i], s->rel_ids, s->n_rel_ids, sizeof(int64_t), cmp_i64))
			s->st.missing_members++;

	sr_map_t *m = xcalloc(1, sizeof(*m));
	m->net = osm_roads_build(&s->roads, &s->nodes, s->opts->fold, &s->st);
	m->places = s->places.a;
	m->n_places = s->places.n;
	m->dests = s->dests.a;
	m->n_dests = s->dests.n;
	m->others = s->others.a;
	m->n_others = s->others.n;
	memset(&s->places, 0, sizeof(s->places));
	memset(&s->dests, 0, sizeof(s->dests));
	memset(&s->others, 0, sizeof(s->others));
	m->stops = s->stops.a;
	m->n_stops = s->stops.n;
	m->named = s->named.a;
	m->n_named = s->named.n;
	memset(&s->stops, 0, sizeof(s->stops));
	memset(&s->named, 0, sizeof(s->named));
	osm_addrs_adopt(m, &s->addrs, &s->areas);
	if (s->opts->keep_elements)
		m->elems = osm_elements_adopt(&s->kept, &s->nodes, &s->ways);
	m->path = xstrdup(path);
	m->stats = s->st;
	return m;
}
